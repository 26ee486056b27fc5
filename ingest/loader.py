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

from catalog.models import SourceDocument, Trial, TrialChange, TrialIdentifier
from ingest.detect import parser_for
from ingest.documents import is_trial_document, lock_for_writing, sha256_of, store_document, store_failure
from ingest.errors import IngestError, MissingIdentifierError
from ingest.formats import FORMATS_BY_NAME
from ingest.normalize.identifiers import parse_typed_identifier
from ingest.normalize.taxonomy import Classification, classify
from ingest.page_address import address_in_page
from ingest.read import read_document
from ingest.record import SPONSOR, TrialRecord, record_to_json, without_control_characters
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


@dataclass
class Decision:
    """What a document is, decided without the database: unchanged or skipped (from what the
    caller already knows of it), failed (why), out of scope (why), a draft (no registry id: why),
    or a record of a trial with its classification. Picklable: the ingest's worker process decides."""

    status: str  # UNCHANGED, SKIPPED, FAILED, DRAFTED or PARSED
    format: str = ""
    record: TrialRecord | None = None
    classification: Classification | None = None
    reason: str = ""  # why skipped, why a draft, or why it failed
    trial_id: str = ""


PARSED = "parsed"


def decide(
    raw: bytes,
    format_name: str | None = None,
    source_url: str = "",
    assigned: str = "",
    keep_out_of_scope: bool = False,
    vocabulary: dict | None = None,
    known: SourceDocument | None = None,
) -> Decision:
    """The one decision for every way a document arrives (pure: no query). `known` is the stored
    document with the same bytes, when the caller found one; `assigned` a curator's id for a page
    that prints none; `vocabulary` the one to classify with (the worker process brings its own)."""
    if known is not None and known.parse_status == SourceDocument.PARSED and known.trial_id:
        return Decision(UNCHANGED, known.detected_format, trial_id=known.trial.primary_id)
    if known is not None and known.parse_status == SourceDocument.SKIPPED and not keep_out_of_scope:
        return Decision(SKIPPED, known.detected_format, reason=known.error)
    draft = ""
    try:
        try:
            record, module = read_document(raw, format_name, source_url, assigned)
        except MissingIdentifierError as missing:
            record, module, draft = missing.record, missing.module, str(missing)
        return decide_record(record, module.FORMAT, keep_out_of_scope, vocabulary, draft)
    except IngestError as exc:
        return Decision(FAILED, format_name or "", reason=str(exc))
    except Exception as exc:  # a parser bug must not stop the batch; the document is kept
        logger.exception("unexpected error while reading a document")
        return Decision(
            FAILED, format_name or "", reason=f"internal error while reading the document ({type(exc).__name__}: {exc})"
        )


def decide_record(
    record: TrialRecord, format_name: str, keep_out_of_scope: bool, vocabulary: dict | None, draft: str = ""
) -> Decision:
    """A read record's decision: out of scope, a draft, or a trial's record, classified in full."""
    vocabulary = vocabulary or current_vocabulary()
    classification = classify(record, scope_only=True, vocabulary=vocabulary)
    reason = scope_reason(classification)
    if reason and not keep_out_of_scope:
        trial_id = "" if draft else record.primary_identifier.value
        return Decision(SKIPPED, format_name, record, classification, reason, trial_id)
    if not classification.complete:
        classification = classify(record, vocabulary=vocabulary)
    return Decision(DRAFTED if draft else PARSED, format_name, record, classification, draft)


def ingest_document(
    raw: bytes,
    file_name: str,
    format_name: str | None = None,
    keep_out_of_scope: bool = False,
    existing: SourceDocument | None = None,
    checked: bool = False,
    source_url: str = "",
) -> DocumentResult:
    """Store, decide and write one document (one record). Never raises for a bad document.

    `checked` says the caller already looked the sha256 up (bulk runs batch that lookup) and
    `existing` is what it found. `source_url` is where the document came from, if known: the
    page's id when it prints none. A page with no id anywhere becomes a draft trial.
    """
    sha256 = sha256_of(raw)
    if not checked:
        existing = SourceDocument.objects.filter(sha256=sha256).select_related("trial").first()
    address = source_url or address_in_page(raw)
    assigned = existing.assigned_identifier if existing else ""  # a curator's id for an id-less page
    decision = decide(raw, format_name, address, assigned, keep_out_of_scope, current_vocabulary(), existing)
    return write_decision(decision, raw, sha256, file_name, existing, address)


def write_decision(
    decision: Decision, raw: bytes, sha256: str, file_name: str, existing: SourceDocument | None, address: str = ""
) -> DocumentResult:
    """Store the document as the decision says, and write its trial (one transaction)."""
    status, detected = decision.status, decision.format
    if status in (UNCHANGED, SKIPPED) and decision.record is None:  # known already: nothing to write
        return DocumentResult(file_name, status, decision.trial_id, format=detected, reason=decision.reason)
    error = decision.reason if status == FAILED else ""
    if not error:
        module = parser_for(detected) if detected in FORMATS_BY_NAME else None
        record = decision.record
        try:
            if status == SKIPPED:
                store_document(
                    existing, b"", sha256, file_name, detected, SourceDocument.SKIPPED, decision.reason, module, address
                )
                return DocumentResult(file_name, SKIPPED, decision.trial_id, format=detected, reason=decision.reason)
            with transaction.atomic():
                lock_for_writing()
                if existing is None:  # looked for before the lock: another ingest may have stored it since
                    existing = SourceDocument.objects.filter(sha256=sha256).select_related("trial").first()
                    if is_trial_document(existing):
                        return DocumentResult(file_name, UNCHANGED, existing.trial.primary_id, format=detected)
                document = store_document(
                    existing, raw, sha256, file_name, detected, SourceDocument.PARSED, "", module, address
                )
                document.record_updated = record.last_updated.value if record.last_updated else None
                if status == DRAFTED:
                    trial = load_draft(record, document)
                    return DocumentResult(file_name, DRAFTED, trial.primary_id, format=detected, reason=decision.reason)
                trial, created = load_record(record, document)
            return DocumentResult(file_name, CREATED if created else UPDATED, trial.primary_id, format=detected)
        except IngestError as exc:
            error = str(exc)
        except DatabaseError as exc:
            error = f"the catalog refused the record: {exc}".strip()
        except Exception as exc:  # a writer bug must not stop the batch; the document is kept
            logger.exception("unexpected error while writing %s", file_name)
            error = f"internal error while reading the document ({type(exc).__name__}: {exc})"
    store_failure(raw, file_name, error, detected, existing)
    return DocumentResult(file_name, FAILED, error=error, format=detected)


def ingest_record(record: TrialRecord, file_name: str) -> DocumentResult:
    """Load a record built in code (tests, generated corpora); its JSON is stored as the document."""
    record = without_control_characters(record)
    raw = json.dumps(record_to_json(record), sort_keys=True).encode()
    with transaction.atomic():
        lock_for_writing()
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
        rebuild_trial(trial, because=TrialChange.CORRECTION)  # a curator gave the draft its id
    return trial
