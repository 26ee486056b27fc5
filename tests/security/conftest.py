import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest

PROJECT = Path(__file__).resolve().parents[2]


def database_url(connection) -> str:
    """The test database's address, for a subprocess (an ingest, a check, pg_dump), read off the
    live connection (the embedded server listens on a socket in .pgdata/)."""
    connection.ensure_connection()
    info = connection.connection.info
    password = f":{quote(info.password, safe='')}" if info.password else ""
    if info.host.startswith("/"):
        return f"postgresql://{info.user}{password}@/{info.dbname}?host={quote(info.host)}&port={info.port}"
    return f"postgresql://{info.user}{password}@{info.host}:{info.port}/{info.dbname}"


def manage(*args, env=None) -> subprocess.Popen:
    """manage.py in its own process group (so a kill reaches its parsing worker too), its output
    in a temporary file (a pipe nobody reads would fill and stall it); read it with output()."""
    log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env={**os.environ, **(env or {})},
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    process.log = log
    return process


def output(process: subprocess.Popen) -> str:
    process.log.seek(0)
    return process.log.read()


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    """1,000 in-scope ClinicalTrials.gov studies in one zip, from the benchmark generator."""
    folder = tmp_path_factory.mktemp("corpus")
    subprocess.run(
        [sys.executable, "bench/generate_ctgov.py", "--count", "1000", "--in-scope", "1", "--out", str(folder)],
        cwd=PROJECT,
        check=True,
        capture_output=True,
    )
    return folder / "in_scope.zip"
