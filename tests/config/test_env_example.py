"""`.env.example` lists every variable the settings and the gunicorn configuration read."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_variable_read_is_listed():
    read = set()
    for path in [*ROOT.glob("config/*.py"), *ROOT.glob("catalog/*.py"), *ROOT.glob("ingest/*.py")]:  # gunicorn's too
        read |= set(
            re.findall(r"""(?:environ\.get|env_bool|env_number|env_list)\(\s*["']([A-Z_]+)["']""", path.read_text())
        )
    listed = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read and read <= listed, sorted(read - listed)
