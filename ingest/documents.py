"""Documents as they arrived: stored by sha256 before anything else (so none is ever lost), kept
whole when they fail (quarantine), and read again with today's parsers."""

from __future__ import annotations

import hashlib
import json
import logging

from django.db import connection, transaction

from catalog.models import SourceDocument
from ingest.errors import IngestError, MissingIdentifierError
from ingest.formats import FORMATS_BY_NAME
from ingest.read import read_document
from ingest.record import TrialRecord, record_from_json

logger = logging.getLogger(__name__)


def sha256_of(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def skipped_row(sha256: str, file_name: str, module, reason: str) -> tuple[str, str, str, str, str]:
    """What remembers an out-of-scope record: its sha256, not its bytes (see insert_skipped)."""
    return (sha256, file_name[:500], module.FORMAT, getattr(module, "SOURCE_KIND", ""), reason)


def insert_skipped(rows: list[tuple[str, str, str, str, str]]) -> None:
    """Remember many out-of-scope records at once (COPY, then one INSERT; already known ones kept).

    A bulk file is mostly such records, so this is the ingest's busiest write.
    """
    if not rows:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS ingest_skipped "
            "(sha256 text, file_name text, detected_format text, source_kind text, error text)"
        )
        with cursor.cursor.copy(
            "COPY ingest_skipped (sha256, file_name, detected_format, source_kind, error) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(
            "INSERT INTO catalog_sourcedocument "
            "(raw, sha256, size, file_name, detected_format, source_kind, ingested_at, parse_status, error) "
            "SELECT ''::bytea, sha256, 0, file_name, detected_format, source_kind, now(), %s, error "
            "FROM ingest_skipped ON CONFLICT (sha256) DO NOTHING",
            [SourceDocument.SKIPPED],
        )
        cursor.execute("TRUNCATE ingest_skipped")


# Every transaction that writes documents or trials takes this lock first; PostgreSQL releases it
# when the transaction ends. Two ingests at once then each see what the other wrote before they
# decide, instead of both inserting the same document or trial and one failing on its unique key.
# Reading and parsing, the long part, still run side by side.
_WRITE_LOCK = 7_261_617_301


def lock_for_writing() -> None:
    """Wait for any other process's writing transaction (call inside a transaction)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_WRITE_LOCK])


def is_trial_document(document: SourceDocument | None) -> bool:
    """A stored document that a trial was read from (its bytes are never replaced by a refusal)."""
    return document is not None and document.parse_status == SourceDocument.PARSED and bool(document.trial_id)


def store_failure(raw: bytes, file_name: str, error: str, detected: str = "", existing=None) -> None:
    """Quarantine: the raw bytes and the reason, in a transaction of their own."""
    sha256 = sha256_of(raw)
    with transaction.atomic():
        lock_for_writing()
        if existing is None:
            existing = SourceDocument.objects.filter(sha256=sha256).first()
        if is_trial_document(existing):
            # The same bytes are a trial's document already (an archive member refused for its name
            # whose content another member brought): they are kept; a refusal never replaces them.
            return
        store_document(existing, raw, sha256, file_name, detected, SourceDocument.FAILED, error, None)


def store_document(existing, raw, sha256, file_name, detected, status, error, module, source_url="") -> SourceDocument:
    with transaction.atomic():
        lock_for_writing()
        if existing is None:  # stored by another process since this one looked?
            existing = SourceDocument.objects.filter(sha256=sha256).first()
        document = existing or SourceDocument(sha256=sha256)
        document.source_url = source_url[:2000] or document.source_url
        document.raw = raw
        document.size = len(raw)
        document.file_name = file_name[:500]
        document.detected_format = detected
        document.source_kind = getattr(module, "SOURCE_KIND", "") if module else ""
        document.parse_status = status
        document.error = error
        if status != SourceDocument.PARSED:
            document.trial = None
        document.save()
    return document


def record_of(document: SourceDocument) -> TrialRecord | None:
    """A stored document read again with its format's parser (today's parser: a fix applies on
    the next rebuild). Records made in code keep their JSON as the document."""
    raw = bytes(document.raw)
    try:
        if document.detected_format in FORMATS_BY_NAME:
            try:
                record, _ = read_document(
                    raw, document.detected_format, document.source_url, document.assigned_identifier
                )
                return record
            except MissingIdentifierError as exc:
                return exc.record  # a draft's page: what it says, still without an id
        return record_from_json(json.loads(raw))
    except (IngestError, ValueError, KeyError, TypeError, IndexError):
        logger.warning("source document %s no longer reads; left out of the rebuild", document.file_name)
        return None
