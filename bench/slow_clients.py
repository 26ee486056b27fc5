"""Slow and non-reading clients against the production recipe: does `/` still answer?

    .venv/bin/python bench/slow_clients.py          # gunicorn alone, then behind config/nginx.conf

Serves a generated catalog with gunicorn (config/gunicorn.py, production settings), opens 50
clients that send their request headers one line every 4 seconds and 50 that ask for
/trials.csv and never read the answer, then times `/` from a well-behaved client. Run twice:
gunicorn on the network as it is, and gunicorn behind nginx with config/nginx.conf. The same
scenario is a test (tests/security/test_slow_clients.py, behind nginx only).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess  # nosec B404
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = PROJECT_ROOT = Path(__file__).resolve().parent.parent
NGINX_CONFIG = ROOT / "config" / "nginx.conf"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port}")


@contextlib.contextmanager
def gunicorn(env: dict, port: int, workers: int = 4):
    """gunicorn as the README's production recipe runs it (config/gunicorn.py; 2 cores' workers)."""
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers)}
    process = subprocess.Popen(  # noqa: S603  # nosec B603
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        wait_for_port(port)
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


@contextlib.contextmanager
def nginx(listen_port: int, upstream_port: int):
    """nginx with config/nginx.conf, its ports moved, in a folder of its own."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        raise RuntimeError("nginx is missing: scripts/test installs it (apt-get install nginx)")
    with tempfile.TemporaryDirectory() as folder:
        site = NGINX_CONFIG.read_text().replace("127.0.0.1:8000", f"127.0.0.1:{upstream_port}")
        site = site.replace("listen 80;", f"listen 127.0.0.1:{listen_port};")
        Path(folder, "site.conf").write_text(site)
        user = "user root;" if os.geteuid() == 0 else ""  # its temporary files stay in our folder
        Path(folder, "nginx.conf").write_text(
            f"""{user}
worker_processes 1;
error_log {folder}/error.log warn;
pid {folder}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/site.conf;
}}
"""
        )
        process = subprocess.Popen(  # noqa: S603  # nosec B603
            [binary, "-p", folder, "-c", f"{folder}/nginx.conf", "-g", "daemon off;"],
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            wait_for_port(listen_port, 10)
            yield process
        finally:
            process.terminate()
            process.wait(timeout=10)


class HostileClients:
    """Clients that hold connections: slow headers, and CSV requests never read."""

    def __init__(self, port: int, slow_headers: int = 50, non_reading: int = 50):
        self.port, self.sockets, self.stop = port, [], threading.Event()
        self.slow_headers, self.non_reading = slow_headers, non_reading
        self.thread = threading.Thread(target=self._drip, daemon=True)

    def __enter__(self):
        for _ in range(self.non_reading):
            client = socket.socket()
            client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # read nothing, hold little
            client.connect(("127.0.0.1", self.port))
            client.sendall(b"GET /trials.csv HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            self.sockets.append(client)
        self.dripping = []
        for _ in range(self.slow_headers):
            client = socket.create_connection(("127.0.0.1", self.port))
            client.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            self.dripping.append(client)
        self.thread.start()
        return self

    def _drip(self):
        number = 0
        while not self.stop.wait(4):
            number += 1
            for client in self.dripping:
                with contextlib.suppress(OSError):
                    client.sendall(f"X-Slow-{number}: 1\r\n".encode())

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()
        for client in self.sockets + self.dripping:
            client.close()


def time_home(port: int, timeout: float = 10) -> tuple[float, int]:
    """Seconds for a well-behaved client's GET / (its whole answer), and the status."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", "/", headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        response.read()
        return time.perf_counter() - started, response.status
    except OSError:
        return time.perf_counter() - started, 0
    finally:
        connection.close()


def home_under_hostile_clients(port: int, tries: int = 5, slow_headers: int = 50, non_reading: int = 50) -> list:
    """(seconds, status) of `tries` requests for / while the hostile clients hold their connections."""
    with HostileClients(port, slow_headers, non_reading):
        time.sleep(2)  # every hostile request has reached the server
        return [time_home(port) for _ in range(tries)]


def production_environment(database_url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "slow-clients-only-" + os.urandom(16).hex(),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_BEHIND_PROXY": "true",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=2000)
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bench.generate_ctgov import generate
    from bench.ingest_bench import fresh_database, server_url

    env = production_environment(fresh_database(server_url(), "regenderm_slow_clients"))
    with tempfile.TemporaryDirectory() as folder:
        generate(options.trials, 1.0, Path(folder))
        for args in (
            ["migrate", "--noinput"],
            ["ingest", str(Path(folder) / "in_scope.zip")],
            ["collectstatic", "--noinput"],
        ):
            subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603  # nosec B603
    for label, behind_nginx in (("gunicorn alone", False), ("behind nginx (config/nginx.conf)", True)):
        web_port, public_port = free_port(), free_port()
        with gunicorn(env, web_port), nginx(public_port, web_port) if behind_nginx else contextlib.nullcontext():
            port = public_port if behind_nginx else web_port
            results = home_under_hostile_clients(port)
        answered = [seconds for seconds, status in results if status == 200]
        worst = max(seconds for seconds, _ in results)
        print(f"{label}: / answered {len(answered)} of {len(results)} times, slowest {worst:.2f} s")


if __name__ == "__main__":
    main()
