"""Backups: the catalog goes through a dump into an empty database with every trial intact."""

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from tests.security.conftest import database_url

pytestmark = pytest.mark.django_db(transaction=True)
TABLES = [
    "catalog_trial",
    "catalog_trialidentifier",
    "catalog_arm",
    "catalog_intervention",
    "catalog_outcome",
    "catalog_site",
    "catalog_contact",
    "catalog_trialorganization",
    "catalog_sourcedocument",
    "catalog_condition",
    "catalog_trial_conditions",
    "catalog_tagdecision",
]


def contents(conn) -> dict:
    """Every row of the catalog's tables, in a fixed order (raw bytes and vectors included)."""
    result = {}
    with conn.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"SELECT * FROM {table} ORDER BY id")  # noqa: S608 (fixed table names)
            result[table] = cursor.fetchall()
    return result


def test_backup_and_restore_into_an_empty_database(seeded, tmp_path):
    archive = tmp_path / "catalog.dump"
    call_command("backup_catalog", str(archive))
    assert archive.stat().st_size > 0
    url = database_url(connection)
    restored_name = connection.settings_dict["NAME"] + "_restored"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{restored_name}"')
        admin.execute(f'CREATE DATABASE "{restored_name}"')
    try:
        call_command("restore_catalog", str(archive), database=restored_name)
        with psycopg.connect(url) as original, psycopg.connect(url, dbname=restored_name) as copy:
            before, after = contents(original), contents(copy)
        assert len(before["catalog_trial"]) == 5
        assert after == before
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{restored_name}"')


def test_a_failed_restore_changes_nothing(seeded, tmp_path):
    broken = tmp_path / "broken.dump"
    broken.write_bytes(b"PGDMP this is not an archive")
    before = contents(connection.connection)
    with pytest.raises(Exception, match="pg_restore failed"):
        call_command("restore_catalog", str(broken))
    assert contents(connection.connection) == before


def test_the_tools_are_the_servers_own_version():
    from django.core.management.base import CommandError

    from catalog.management.commands._postgres_tools import _major_of, server_major, tool

    assert _major_of(tool("pg_dump")) == server_major()
    with pytest.raises(CommandError, match="postgresql-client-9"):
        tool("pg_restore", 9)


SYSTEM_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"


def _system_server_major() -> int | None:
    try:
        with psycopg.connect(SYSTEM_SERVER, connect_timeout=2) as conn:
            return conn.info.server_version // 10000
    except psycopg.Error:
        return None


@pytest.mark.skipif(_system_server_major() is None, reason="no other PostgreSQL server on 127.0.0.1:5432")
def test_backup_and_restore_on_another_servers_version(tmp_path):
    """The machine's own PostgreSQL (15 here) with its own tools: the round trip that failed when
    the embedded package's 18 tools were used against it."""
    import os
    import subprocess
    import sys

    from tests.security.conftest import PROJECT

    # Named for this run: two test runs on one machine share its server (a clone's suite and CI's).
    names = (f"regenderm_backup_test_{os.getpid()}", f"regenderm_backup_test_{os.getpid()}_restored")
    with psycopg.connect(SYSTEM_SERVER, autocommit=True) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": f"postgresql://postgres@127.0.0.1:5432/{names[0]}"}

    def manage(*args):
        done = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=PROJECT, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    try:
        manage("migrate", "--noinput", "-v0")
        manage("ingest", str(PROJECT / "sample_data" / "seeds"))
        manage("backup_catalog", str(tmp_path / "catalog.dump"))
        manage("restore_catalog", str(tmp_path / "catalog.dump"), "--database", names[1])
        with (
            psycopg.connect(env["DATABASE_URL"]) as original,
            psycopg.connect(env["DATABASE_URL"].rsplit("/", 1)[0] + f"/{names[1]}") as copy,
        ):
            before, after = contents(original), contents(copy)
        assert len(before["catalog_trial"]) == 5 and after == before
    finally:
        with psycopg.connect(SYSTEM_SERVER, autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
