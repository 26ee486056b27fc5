"""Memory of an ingest fed giant and hostile files: the whole process tree's peak, per file.

    .venv/bin/python bench/memory_bench.py              # every case, ~1.5 GB of files in /tmp
    .venv/bin/python bench/memory_bench.py --only page   # the cases whose name has "page"

Each case is one file, ingested by `manage.py ingest` into a fresh database (the embedded
PostgreSQL, or next to DATABASE_URL); the command and its parsing worker are sampled every 50 ms
(resident memory from /proc, summed over the process group). Target: under 500 MB for any input.
Prints the peak and the ingest's own summary line for each case.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess  # nosec B404
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.ingest_bench import fresh_database, server_url  # noqa: E402

TARGET_MB = 500
GIANT = 300 * 1024 * 1024


def study(number: int, padding: int = 0) -> dict:
    protocol = {
        "identificationModule": {
            "nctId": f"NCT0{number:07d}",
            "briefTitle": f"Umbilical cord MSCs for vitiligo {number}",
        },
        "conditionsModule": {"conditions": ["Vitiligo"]},
        "armsInterventionsModule": {"interventions": [{"type": "BIOLOGICAL", "name": "UC-MSC"}]},
    }
    if padding:
        protocol["descriptionModule"] = {"detailedDescription": "cells " * (padding // 6)}
    return {"protocolSection": protocol}


def write_cases(folder: Path) -> dict[str, Path]:
    cases = {}
    path = folder / "giant-single-study.json"
    path.write_text(json.dumps(study(1, GIANT)))
    cases["a single study of 300 MB"] = path
    path = folder / "giant-in-array.json"
    path.write_text(json.dumps([study(2), study(3, GIANT), study(4)]))
    cases["a bulk array, its second study 300 MB"] = path
    path = folder / "giant-line.jsonl"
    path.write_text("\n".join(json.dumps(s) for s in (study(5), study(6, GIANT), study(7))) + "\n")
    cases["JSON Lines, its second line 300 MB"] = path
    path = folder / "giant-member.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("small.json", json.dumps(study(8)))
        archive.writestr("giant.json", json.dumps(study(9, 250 * 1024 * 1024)))
    cases["a zip with a 250 MB study member"] = path
    row = "<tr><th>Condition</th><td>Vitiligo treated with umbilical cord stem cells</td></tr>\n"
    line = "Condition: Vitiligo treated with umbilical cord stem cells\n"
    for megabytes in (15, 60):  # just under the page limit (16 MB), and far over it
        path = folder / f"giant-page-{megabytes}.html"
        with path.open("w") as handle:
            handle.write("<html><head><title>NCT01000010 | a trial page</title></head><body><table>\n")
            handle.write(row * ((megabytes * 1024 * 1024) // len(row)))
            handle.write("</table></body></html>\n")
        cases[f"an HTML page of {megabytes} MB"] = path
        path = folder / f"giant-page-{megabytes}.txt"
        path.write_text("NCT01000011\n" + line * ((megabytes * 1024 * 1024) // len(line)))
        cases[f"a text page of {megabytes} MB"] = path
    # PDFs: one of 15 MB (its bulk an embedded font's worth of padding), and a hostile one of 40
    # pages of 20,000 lines each (its text bounded by ingest/pdf_text.py's MAX_PDF_TEXT).
    from tests.pdf_pages import pdf_with_rows

    rows = [[(50, "NCT01000012")], [(50, "Condition"), (250, "Vitiligo treated with umbilical cord stem cells")]]
    path = folder / "large-record.pdf"
    path.write_bytes(pdf_with_rows(rows, padding=15 * 1024 * 1024))
    cases["a PDF of 15 MB (read)"] = path
    path = folder / "hostile-lines.pdf"
    path.write_bytes(pdf_with_rows([[(50, f"Line {number}"), (300, "value")] for number in range(20_000)], pages=40))
    cases["a PDF of 40 pages of 20,000 lines each (no trial in it: refused)"] = path
    return cases


def tree_rss_mb(session: int) -> float:
    """Resident memory of every process in the session, in MB."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) != session:  # the 6th field of stat: session id
                continue
            total += int(fields[21]) * os.sysconf("SC_PAGE_SIZE")  # the 24th: resident pages
        except (OSError, IndexError, ValueError):
            continue
    return total / (1024 * 1024)


def measure(path: Path, env: dict) -> tuple[float, float, str]:
    started = time.monotonic()
    process = subprocess.Popen(  # noqa: S603  # nosec B603
        [sys.executable, "manage.py", "ingest", str(path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    peak = 0.0
    output = []
    import threading

    reader = threading.Thread(target=lambda: output.extend(process.stdout), daemon=True)
    reader.start()
    while process.poll() is None:
        peak = max(peak, tree_rss_mb(process.pid))
        time.sleep(0.05)
        if time.monotonic() - started > 1200:
            os.killpg(process.pid, signal.SIGKILL)
    reader.join()
    summary = next((line.strip() for line in reversed(output) if " documents: " in line), output[-1:] or ["?"])
    return peak, time.monotonic() - started, summary if isinstance(summary, str) else summary[0].strip()


def high_water_mb() -> float:
    """This process's peak resident memory since it started (getrusage's carries over from the
    process that started it: the bench's own, after writing its 300 MB files)."""
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) / 1024


def measure_admin_upload(megabytes: int = 120) -> None:
    """In this process (run as its own): the admin's upload view given a file Django has already
    streamed to disk, as it is after a real upload; prints the process's peak memory."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.contrib import admin
    from django.contrib.auth import get_user_model
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.files.uploadedfile import TemporaryUploadedFile
    from django.http import QueryDict
    from django.test import RequestFactory
    from django.utils.datastructures import MultiValueDict

    from catalog.models import SourceDocument

    user = get_user_model().objects.create_superuser("memory-bench", "m@example.org", "a-long-password-1")
    upload = TemporaryUploadedFile("big.jsonl", "application/octet-stream", 0, None)
    line = json.dumps(study(1)).encode() + b"\n"
    while upload.tell() < megabytes * 1024 * 1024:
        upload.write(line * 10000)
    upload.size = upload.tell()
    request = RequestFactory().post("/upload/", data="", content_type="application/x-www-form-urlencoded")
    request._post, request._files = QueryDict(""), MultiValueDict({"files": [upload]})
    request.user, request.session = user, SessionStore()
    request._messages = FallbackStorage(request)
    before = high_water_mb()
    response = admin.site._registry[SourceDocument].upload_view(request)
    peak = high_water_mb()
    print(
        f"{upload.size / 1e6:.0f} MB queued for the worker: answer {response.status_code}, peak {peak:.0f} MB "
        f"({before:.0f} MB before)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="", help="run the cases whose name holds this")
    parser.add_argument("--admin-upload", action="store_true", help=argparse.SUPPRESS)  # the child's part
    options = parser.parse_args()
    if options.admin_upload:
        measure_admin_upload()
        return
    database = fresh_database(server_url(), "regenderm_memory")
    env = dict(os.environ, DATABASE_URL=database, DJANGO_DEBUG="false")
    env["DJANGO_SECRET_KEY"] = "bench-only-not-a-secret"  # noqa: S105  # nosec B105
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=env, check=True, capture_output=True
    )  # noqa: S603  # nosec B603
    worst = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for name, path in write_cases(Path(folder)).items():
            if options.only not in name:
                continue
            peak, seconds, summary = measure(path, env)
            worst = max(worst, peak)
            print(f"{name:48} peak {peak:6.0f} MB  {seconds:5.1f} s  {summary}")
            path.unlink()
    if options.only in "an admin upload of 120 MB (the web process)":
        child = [sys.executable, __file__, "--admin-upload"]
        result = subprocess.run(child, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
        line = (result.stdout.strip().splitlines() or [result.stderr.strip()[-300:]])[-1]
        peak = float(line.split("peak ")[1].split(" MB")[0]) if "peak " in line else float("inf")
        worst = max(worst, peak)
        print(f"{'an admin upload of 120 MB (the web process)':48} {line}")
    print(f"worst peak {worst:.0f} MB (target under {TARGET_MB} MB): {'met' if worst < TARGET_MB else 'NOT met'}")
    sys.exit(0 if worst < TARGET_MB else 1)


if __name__ == "__main__":
    main()
