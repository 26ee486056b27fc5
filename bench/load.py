"""Load test: 64 concurrent connections on the public pages for 60 seconds, zero errors allowed.

    .venv/bin/python bench/load.py                        # 2,000 trials, 64 connections, 60 s
    .venv/bin/python bench/load.py --trials 500 --seconds 15

Loads a generated catalog into a fresh database (the embedded PostgreSQL, or next to
DATABASE_URL), serves it with gunicorn under the production settings (DEBUG off, static files
collected, statement timeout on), and drives it with wrk from Debian's packages (installed with
apt-get when missing) over loopback, every connection cycling through the public pages. Prints
throughput, latency percentiles, errors, and the web processes' memory over the run (it must stay
flat). Exits non-zero on any error or non-2xx/3xx answer.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess  # nosec B404
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate_ctgov import generate  # noqa: E402
from bench.ingest_bench import fresh_database, server_url  # noqa: E402

PAGES = [
    "/",
    "/trials/",
    "/trials/?q=vitiligo",
    "/trials/?q=%22umbilical+cord%22+scar&open=1",
    "/trials/?status=RECRUITING&cell_source=umbilical-cord&phase=PHASE2",
    "/trials/?country=China&sort=enrollment&page=2",
    "/trials/NCT10000007/",
    "/trials/NCT10000042/",
    "/trials.json?condition=vitiligo",
    "/trials.atom?status=RECRUITING",
    "/conditions/vitiligo/",
    "/cell-sources/adipose-tissue/",
]
WRK_SCRIPT = """
local paths = {%s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int) -> None:
    """Until a server listens on the port (30 s at most)."""
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"nothing listens on port {port}")


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    print("installing wrk (Debian package)")
    subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, capture_output=True)  # noqa: S607  # nosec
    return shutil.which("wrk") or sys.exit("wrk could not be installed")


def run(args: list[str], env: dict) -> None:
    completed = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
    if completed.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{completed.stdout[-1000:]}\n{completed.stderr[-2000:]}")


def process_tree_rss_mb(pid: int) -> float:
    """Resident memory of gunicorn's master and workers, in MB."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(child) for child in children.read_text().split()]
    for each in pids:
        try:
            status = Path(f"/proc/{each}/status").read_text()
        except OSError:
            continue
        match = re.search(r"VmRSS:\s+(\d+) kB", status)
        total += int(match.group(1)) if match else 0
    return total / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=2000)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=8)
    options = parser.parse_args()

    wrk = wrk_binary()
    database = fresh_database(server_url(), "regenderm_load")
    env = dict(
        os.environ,
        DATABASE_URL=database,
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="load-test-only-" + os.urandom(16).hex(),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
    )
    with tempfile.TemporaryDirectory() as folder:
        print(f"catalog: {options.trials:,} generated in-scope trials")
        generate(options.trials, 1.0, Path(folder))
        run([sys.executable, "manage.py", "migrate", "--noinput"], env)
        run([sys.executable, "manage.py", "ingest", str(Path(folder) / "in_scope.zip")], env)
    run([sys.executable, "manage.py", "collectstatic", "--noinput"], env)

    port = free_port()
    gunicorn = subprocess.Popen(  # noqa: S603  # nosec B603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(options.workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(options.threads),
            "--backlog",
            "2048",
            "--log-level",
            "warning",
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
    )
    samples: list[tuple[float, float]] = []
    stop = threading.Event()
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for_port(port)
        script = Path(tempfile.mkstemp(suffix=".lua")[1])
        script.write_text(WRK_SCRIPT % ", ".join(f'"{page}"' for page in PAGES))
        print("warm-up: 10 s")
        subprocess.run([wrk, "-t2", f"-c{options.connections}", "-d10s", "-s", str(script), base],  # noqa: S603  # nosec B603
                       capture_output=True, check=False)  # fmt: skip

        def sample():
            started = time.monotonic()
            while not stop.is_set():
                samples.append((time.monotonic() - started, process_tree_rss_mb(gunicorn.pid)))
                stop.wait(1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        print(f"load: {options.connections} connections for {options.seconds} s over {len(PAGES)} public pages")
        completed = subprocess.run(  # noqa: S603  # nosec B603
            [
                wrk,
                "-t2",
                f"-c{options.connections}",
                f"-d{options.seconds}s",
                "--latency",
                "--timeout",
                "30s",
                "-s",
                str(script),
                base,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        stop.set()
        sampler.join()
        script.unlink()
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)

    report = completed.stdout
    print(report)
    non_success = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", report)) else 0
    socket_errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", report))
    rate = float(m.group(1)) if (m := re.search(r"Requests/sec:\s+([\d.]+)", report)) else 0.0
    tenth = max(1, len(samples) // 10)
    first = sum(rss for _, rss in samples[:tenth]) / tenth
    last = sum(rss for _, rss in samples[-tenth:]) / tenth
    peak = max(rss for _, rss in samples)
    print(f"throughput: {rate:,.0f} requests/s")
    print(f"errors: {socket_errors} socket errors, {non_success} non-2xx/3xx answers")
    print(
        f"web processes' memory: {first:.0f} MB in the first tenth of the run, {last:.0f} MB in the last "
        f"({last - first:+.0f} MB), peak {peak:.0f} MB"
    )
    timeline = "  ".join(f"{seconds:.0f}s {rss:.0f}" for seconds, rss in samples[:: max(1, len(samples) // 10)])
    print(f"memory over the run (s, MB): {timeline}")
    # Flat: the second half of the run adds no more than 5% (threads and caches warm up first).
    half = samples[len(samples) // 2 :]
    second_half_growth = half[-1][1] - half[0][1] if half else 0.0
    print(f"memory growth over the second half of the run: {second_half_growth:+.0f} MB")
    flat = second_half_growth <= max(10.0, 0.05 * half[0][1])
    print("memory: flat" if flat else "memory: GREW")
    if socket_errors or non_success or not flat or rate == 0:
        sys.exit(1)


if __name__ == "__main__":
    main()
