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
