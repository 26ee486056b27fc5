"""One writer, two ways: the same records written as new trials with COPY (a bulk ingest) and one
by one with the ORM (a merge, a re-read) give the same rows, table by table."""

import pytest
from django.db import connection

from catalog.models import SourceDocument, Trial
from ingest.documents import sha256_of
from ingest.read import read_document
from ingest.writing import load_new_trials, load_record

pytestmark = pytest.mark.django_db

# Every table a trial's record writes, and the columns that may differ between two writes of it.
TABLES = {
    "catalog_trial": "created_at, updated_at",
    "catalog_trialidentifier": "",
    "catalog_arm": "",
    "catalog_intervention": "",
    "catalog_outcome": "",
    "catalog_site": "",
    "catalog_contact": "",
    "catalog_trialorganization": "",
    "catalog_trial_conditions": "",
    "catalog_trial_cell_sources": "",
    "catalog_trial_product_types": "",
    "catalog_sourcedocument": "ingested_at",
}


def rows() -> dict[str, list]:
    """Every row of those tables, ids given as the trial's registry id, in a stable order."""
    snapshot = {}
    with connection.cursor() as cursor:
        for table, varying in TABLES.items():
            cursor.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s ORDER BY column_name", [table]
            )
            skip = {"id", *[name.strip() for name in varying.split(",") if name.strip()]}
            columns = [name for (name,) in cursor.fetchall() if name not in skip]
            selected = ", ".join(
                "(SELECT primary_id FROM catalog_trial t WHERE t.id = x.trial_id)" if name == "trial_id" else name
                for name in columns
            )
            cursor.execute(f"SELECT {selected} FROM {table} x")  # noqa: S608  # nosec B608 (fixed names)
            snapshot[table] = sorted(tuple(map(repr, row)) for row in cursor.fetchall())
    return snapshot


def documents(seed_paths):
    for path in seed_paths:
        raw = path.read_bytes()
        record, module = read_document(raw)
        document = SourceDocument(
            raw=raw,
            sha256=sha256_of(raw),
            size=len(raw),
            file_name=path.name,
            detected_format=module.FORMAT,
            source_kind=module.SOURCE_KIND,
            parse_status=SourceDocument.PARSED,
        )
        yield document, record


def test_copy_and_the_orm_write_identical_rows(vocabularies, seed_paths):
    load_new_trials(list(documents(seed_paths)))
    by_copy = rows()
    assert len(by_copy["catalog_trial"]) == 5 and by_copy["catalog_site"]
    Trial.objects.all().delete()
    SourceDocument.objects.all().delete()

    for document, record in documents(seed_paths):
        document.record_updated = record.last_updated.value if record.last_updated else None
        document.save()
        load_record(record, document)
    by_orm = rows()
    for table in TABLES:
        assert by_orm[table] == by_copy[table], table
