"""The one path every document takes, whoever brings it (the ingest command, the admin's upload,
the background worker, a curator's re-read): store it, decide what it is (unchanged, out of scope,
failed, a draft, or a record of a trial), and hand a record to the one writer (ingest/writing.py).
One transaction per document; running it again changes nothing.

The jobs live apart: documents and storage (documents.py), identity (identity.py), merging
(merging.py), curators' corrections and decisions (curation.py), writing (writing.py).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from django.db import DatabaseError, transaction

from catalog.models import SourceDocument, Trial, TrialIdentifier
from ingest.documents import sha256_of, store_document, store_failure
from ingest.errors import IngestError, MissingIdentifierError
from ingest.normalize.identifiers import parse_typed_identifier
from ingest.normalize.taxonomy import Classification, classify
from ingest.page_address import address_in_page
from ingest.read import read_document
from ingest.record import SPONSOR, TrialRecord, record_to_json
from ingest.vocabulary import current_vocabulary
from ingest.writing import load_draft, load_record, rebuild_trial

logger = logging.getLogger(__name__)


CREATED, UPDATED, UNCHANGED, SKIPPED, FAILED = "created", "updated", "unchanged", "skipped", "failed"


DRAFTED = "draft"  # read, in scope, but no registry id: kept as a draft trial for a curator


STATUSES = (CREATED, UPDATED, DRAFTED, UNCHANGED, SKIPPED, FAILED)


@dataclass
class DocumentResult:
    file_name: str
    status: str
    trial_id: str = ""
    error: str = ""
    format: str = ""
    reason: str = ""  # why a record was skipped (out of scope)


def scope_reason(classification: Classification) -> str:
    if classification.in_scope:
        return ""
    missing = []
    if not classification.conditions:
        missing.append("no skin, hair, nail or wound condition")
    if classification.conditions and not (classification.cell_sources or classification.product_types):
        missing.append("no cell or cell-derived product")
    return "out of scope: " + " and ".join(missing) if missing else ""


def ingest_document(
    raw: bytes,
    file_name: str,
    format_name: str | None = None,
    keep_out_of_scope: bool = False,
    existing: SourceDocument | None = None,
    checked: bool = False,
    source_url: str = "",
) -> DocumentResult:
    """Store, parse and load one document (one record). Never raises for a bad document.

    `checked` says the caller already looked the sha256 up (bulk runs batch that lookup) and
    `existing` is what it found. `source_url` is where the document came from, if known: the
    page's id when it prints none. A page with no id anywhere becomes a draft trial.
    """
    sha256 = sha256_of(raw)
    if not checked:
        existing = SourceDocument.objects.filter(sha256=sha256).select_related("trial").first()
    # A parsed document whose trial a curator deleted is read again: it brings the trial back.
    if existing and existing.parse_status == SourceDocument.PARSED and existing.trial_id:
        return DocumentResult(file_name, UNCHANGED, existing.trial.primary_id, format=existing.detected_format)
    if existing and existing.parse_status == SourceDocument.SKIPPED and not keep_out_of_scope:
        return DocumentResult(file_name, SKIPPED, format=existing.detected_format, reason=existing.error)

    detected = format_name or ""
    address = source_url or address_in_page(raw)
    try:
        draft = ""  # why the page is a draft, when it is one
        try:
            assigned = existing.assigned_identifier if existing else ""  # a curator's id for an id-less page
            record, module = read_document(raw, format_name, address, assigned)
        except MissingIdentifierError as missing:
            record, module, draft = missing.record, missing.module, str(missing)
        detected = module.FORMAT
        reason = scope_reason(classify(record, scope_only=True, vocabulary=current_vocabulary()))
        if reason and not keep_out_of_scope:
            store_document(existing, b"", sha256, file_name, detected, SourceDocument.SKIPPED, reason, module, address)
            trial_id = "" if draft else record.primary_identifier.value
            return DocumentResult(file_name, SKIPPED, trial_id, format=detected, reason=reason)
        with transaction.atomic():
            document = store_document(
                existing, raw, sha256, file_name, detected, SourceDocument.PARSED, "", module, address
            )
            document.record_updated = record.last_updated.value if record.last_updated else None
            if draft:
                trial = load_draft(record, document)
                return DocumentResult(file_name, DRAFTED, trial.primary_id, format=detected, reason=draft)
            trial, created = load_record(record, document)
        return DocumentResult(file_name, CREATED if created else UPDATED, trial.primary_id, format=detected)
    except IngestError as exc:
        error = str(exc)
    except DatabaseError as exc:
        error = f"the catalog refused the record: {exc}".strip()
    except Exception as exc:  # a parser bug must not stop the batch; the document is kept
        logger.exception("unexpected error while reading %s", file_name)
        error = f"internal error while reading the document ({type(exc).__name__}: {exc})"
    store_failure(raw, file_name, error, detected, existing)
    return DocumentResult(file_name, FAILED, error=error, format=detected)


def ingest_record(record: TrialRecord, file_name: str) -> DocumentResult:
    """Load a record built in code (tests, generated corpora); its JSON is stored as the document."""
    raw = json.dumps(record_to_json(record), sort_keys=True).encode()
    with transaction.atomic():
        document = SourceDocument.objects.filter(sha256=sha256_of(raw)).first()
        if document and document.parse_status == SourceDocument.PARSED:
            return DocumentResult(file_name, UNCHANGED, document.trial.primary_id, format=record.source_format)
        document = store_document(
            document, raw, sha256_of(raw), file_name, record.source_format, SourceDocument.PARSED, "", None
        )
        document.record_updated = record.last_updated.value if record.last_updated else None
        trial, created = load_record(record, document)
    return DocumentResult(file_name, CREATED if created else UPDATED, trial.primary_id, format=record.source_format)


def assign_identifier(draft: Trial, text: str) -> Trial:
    """A curator's registry id for a draft trial. Its documents keep the id (applied on every
    re-read), and the draft becomes that trial, or merges into the trial that already has it."""
    own = parse_typed_identifier(text or "")
    if own is None:
        raise IngestError(f"{text!r} is not a registry identifier (NCT…, IRCT…, ISRCTN…, ACTRN…, EudraCT…)")
    if not draft.draft:
        raise IngestError(f"{draft.primary_id} already has a registry identifier")
    with transaction.atomic():
        draft.source_documents.update(assigned_identifier=own[1])
        holder = (
            TrialIdentifier.objects.filter(registry=own[0], value=own[1]).exclude(kind=SPONSOR).select_related("trial")
        ).first()
        if holder is not None:
            trial = Trial.objects.select_for_update().get(pk=holder.trial_id)
            draft.source_documents.update(trial=trial)
            draft.delete()
        else:
            trial = draft
            trial.primary_id, trial.draft = own[1], False
            trial.save(update_fields=["primary_id", "draft"])
        rebuild_trial(trial)
    return trial
