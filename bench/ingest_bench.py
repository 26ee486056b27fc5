"""Ingest benchmark: records per second and peak memory, for a first ingest and a re-run.

    .venv/bin/python bench/ingest_bench.py                 # 10,000 and 100,000 records
    .venv/bin/python bench/ingest_bench.py --sizes 2000    # a quick look

For each size it generates ClinicalTrials.gov API v2 studies as the bulk download gives them
(bench/generate_ctgov.py; 10% in scope), loads them into a fresh database with the real
`manage.py ingest` command and prints the figures beside the targets:
first ingest of in-scope records, scope rejection of out-of-scope records, a re-run of the
unchanged files, and the ingest's peak memory (resident set size). The database is the embedded
PostgreSQL, or the server of DATABASE_URL (a database per size is created next to it).
"""

import argparse
import os
import resource
import statistics
import subprocess  # nosec B404
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate_ctgov import generate  # noqa: E402

TARGETS = {"in_scope": 300, "rejection": 2000, "rerun": 3000, "peak_mb": 500}


def server_url() -> str:
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    from config.embedded_db import embedded_database_url

    return embedded_database_url(name="regenderm_bench")  # starts the server for this process's lifetime


def fresh_database(base_url: str, name: str) -> str:
    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urlparse(base_url)._replace(path=f"/{name}").geturl()


def manage(database: str, *args: str) -> tuple[float, float, float]:
    """Run manage.py against `database`; return (wall seconds, the ingest's own seconds, peak RSS
    of any run so far in MB). The ingest's own time leaves out Django's start-up."""
    env = dict(os.environ, DATABASE_URL=database, DJANGO_DEBUG="false")
    env["DJANGO_SECRET_KEY"] = "bench-only-not-a-secret"  # noqa: S105 - a throwaway benchmark process  # nosec B105
    start = time.perf_counter()
    completed = subprocess.run(  # noqa: S603 - our own interpreter and manage.py  # nosec B603
        [sys.executable, str(ROOT / "manage.py"), *args], env=env, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    lines = completed.stdout.strip().splitlines()
    summary = next((line for line in reversed(lines) if " documents: " in line), "")
    if completed.returncode != 0 or (args[0] == "ingest" and not summary):
        sys.exit(f"manage.py {' '.join(args)} failed:\n{completed.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    own = next((float(line.split(" s,")[0]) for line in lines if " documents per second" in line), seconds)
    print(f"    {args[0]} {' '.join(Path(a).name for a in args[1:])}: {summary} ({seconds:.1f} s, ingest {own:.1f} s)")
    return seconds, own, peak


def verdict(value: float, target: float, higher_is_better: bool = True) -> str:
    ok = value >= target if higher_is_better else value <= target
    return "meets target" if ok else "BELOW TARGET" if higher_is_better else "OVER TARGET"


def run_once(size: int, base_url: str, corpus: Path, counts: dict) -> dict:
    database = fresh_database(base_url, f"regenderm_bench_{size}")
    manage(database, "migrate", "--noinput")
    in_wall, in_own, in_peak = manage(database, "ingest", str(corpus / "in_scope.zip"))
    out_wall, out_own, out_peak = manage(database, "ingest", str(corpus / "out_of_scope.zip"))
    rerun_wall, rerun_own, rerun_peak = manage(
        database, "ingest", str(corpus / "in_scope.zip"), str(corpus / "out_of_scope.zip")
    )
    return {
        "size": size,
        "in_scope": counts["in_scope"] / in_own,
        "rejection": counts["out_of_scope"] / out_own,
        "rerun": size / rerun_own,
        "in_scope_wall": counts["in_scope"] / in_wall,
        "rejection_wall": counts["out_of_scope"] / out_wall,
        "rerun_wall": size / rerun_wall,
        "peak_mb": max(in_peak, out_peak, rerun_peak),
    }


def run(size: int, base_url: str, workdir: Path, repeat: int) -> dict:
    """The median of `repeat` runs of each figure (this machine is a shared virtual machine)."""
    corpus = workdir / f"corpus-{size}"
    counts = generate(size, 0.1, corpus)
    runs = [run_once(size, base_url, corpus, counts) for _ in range(repeat)]
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the median is printed")
    args = parser.parse_args()
    base_url = server_url()
    with tempfile.TemporaryDirectory() as tmp:
        results = []
        for size in args.sizes:
            print(f"{size:,} records:")
            results.append(run(size, base_url, Path(tmp), args.repeat))
    print()
    print("Records per second by the ingest's own clock (wall clock, start-up included, in brackets):")
    print(f"{'records':>9} | {'in scope /s':>15} | {'rejected /s':>15} | {'re-run /s':>15} | {'peak MB':>7}")
    for row in results:
        print(
            f"{row['size']:>9,} | {row['in_scope']:>6,.0f} ({row['in_scope_wall']:>6,.0f}) | "
            f"{row['rejection']:>6,.0f} ({row['rejection_wall']:>6,.0f}) | "
            f"{row['rerun']:>6,.0f} ({row['rerun_wall']:>6,.0f}) | {row['peak_mb']:>7,.0f}"
        )
    print()
    for row in results:
        print(
            f"{row['size']:,}: in scope {verdict(row['in_scope'], TARGETS['in_scope'])} (≥{TARGETS['in_scope']}/s); "
            f"rejection {verdict(row['rejection'], TARGETS['rejection'])} (≥{TARGETS['rejection']:,}/s); "
            f"re-run {verdict(row['rerun'], TARGETS['rerun'])} (≥{TARGETS['rerun']:,}/s); "
            f"peak memory {verdict(row['peak_mb'], TARGETS['peak_mb'], higher_is_better=False)} "
            f"(≤{TARGETS['peak_mb']} MB)"
        )


if __name__ == "__main__":
    main()
