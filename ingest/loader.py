"""Write parsed records into the catalog: one transaction per document, idempotent.

Every document is stored (sha256-keyed) exactly as it came. A record joins the
trial that already carries one of its registry identifiers, otherwise it creates one; the trial
is then rebuilt from all its documents: for each field, the first non-empty value in order of
precedence (the registry of record before a mirror before an aggregator, then the newer record
before the older). So a field is never overwritten by an empty value, and where the sources
disagree the disagreement is kept for the detail page.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, fields, replace
from datetime import date
from operator import attrgetter

from django.db import DatabaseError, connection, models, transaction
from django.db.models import Q
from django.utils.text import slugify

from catalog.changes import mark_changed
from catalog.models import (
    Arm,
    CellSource,
    Condition,
    Contact,
    Intervention,
    Organization,
    Outcome,
    ProductType,
    Site,
    SourceDocument,
    Trial,
    TrialIdentifier,
    TrialOrganization,
    compact_identifier,
)
from ingest.corrections import apply_corrections, note_registry_values
from ingest.errors import IngestError, MissingIdentifierError
from ingest.formats import FORMATS_BY_NAME
from ingest.normalize.identifiers import parse_typed_identifier
from ingest.normalize.taxonomy import Classification, classify
from ingest.page_address import address_in_page
from ingest.read import read_document
from ingest.record import (
    PRIMARY,
    SECONDARY,
    SPONSOR,
    Identifier,
    TrialRecord,
    record_from_json,
    record_to_json,
)
from ingest.vocabulary import current_vocabulary

logger = logging.getLogger(__name__)

CREATED, UPDATED, UNCHANGED, SKIPPED, FAILED = "created", "updated", "unchanged", "skipped", "failed"
DRAFTED = "draft"  # read, in scope, but no registry id: kept as a draft trial for a curator
STATUSES = (CREATED, UPDATED, DRAFTED, UNCHANGED, SKIPPED, FAILED)
DRAFT_ID_PREFIX = "draft-"
_KIND_RANK = {"registry": 0, "mirror": 1, "aggregator": 2, "": 3}

_SCALAR_FIELDS = [
    "brief_title",
    "official_title",
    "acronym",
    "brief_summary",
    "detailed_description",
    "study_type",
    "status",
    "status_raw",
    "why_stopped",
    "enrollment",
    "enrollment_type",
    "start_date_type",
    "primary_completion_date_type",
    "completion_date_type",
    "allocation",
    "intervention_model",
    "masking",
    "purpose",
    "sex",
    "min_age_years",
    "max_age_years",
    "healthy_volunteers",
    "inclusion_criteria",
    "exclusion_criteria",
    "responsible_party",
    "has_results",
]
_LIST_FIELDS = ["phases", "conditions_raw", "keywords", "icd10_codes", "mesh_terms"]
_DATE_FIELDS = ["start_date", "primary_completion_date", "completion_date", "first_posted", "last_updated"]
# Values that travel together: an enrollment with its type, a date with its type.
_TOGETHER = {
    "enrollment_type": "enrollment",
    "start_date_type": "start_date",
    "primary_completion_date_type": "primary_completion_date",
    "completion_date_type": "completion_date",
    "status_raw": "status",
}
# Fields whose disagreement a reader should see.
_COMPARED = [
    "brief_title",
    "status",
    "phases",
    "enrollment",
    "start_date",
    "primary_completion_date",
    "completion_date",
    "study_type",
    "sex",
    "min_age_years",
    "max_age_years",
]


@dataclass
class DocumentResult:
    file_name: str
    status: str
    trial_id: str = ""
    error: str = ""
    format: str = ""
    reason: str = ""  # why a record was skipped (out of scope)


def sha256_of(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _is_empty(value) -> bool:
    return value is None or value == "" or value == () or value == []


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
            _store(existing, b"", sha256, file_name, detected, SourceDocument.SKIPPED, reason, module, address)
            trial_id = "" if draft else record.primary_identifier.value
            return DocumentResult(file_name, SKIPPED, trial_id, format=detected, reason=reason)
        with transaction.atomic():
            document = _store(existing, raw, sha256, file_name, detected, SourceDocument.PARSED, "", module, address)
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


def ingest_record(record: TrialRecord, file_name: str) -> DocumentResult:
    """Load a record built in code (tests, generated corpora); its JSON is stored as the document."""
    raw = json.dumps(record_to_json(record), sort_keys=True).encode()
    with transaction.atomic():
        document = SourceDocument.objects.filter(sha256=sha256_of(raw)).first()
        if document and document.parse_status == SourceDocument.PARSED:
            return DocumentResult(file_name, UNCHANGED, document.trial.primary_id, format=record.source_format)
        document = _store(
            document, raw, sha256_of(raw), file_name, record.source_format, SourceDocument.PARSED, "", None
        )
        document.record_updated = record.last_updated.value if record.last_updated else None
        trial, created = load_record(record, document)
    return DocumentResult(file_name, CREATED if created else UPDATED, trial.primary_id, format=record.source_format)


def store_failure(raw: bytes, file_name: str, error: str, detected: str = "", existing=None) -> None:
    """Quarantine: the raw bytes and the reason, in a transaction of their own."""
    sha256 = sha256_of(raw)
    if existing is None:
        existing = SourceDocument.objects.filter(sha256=sha256).first()
    _store(existing, raw, sha256, file_name, detected, SourceDocument.FAILED, error, None)


def _store(existing, raw, sha256, file_name, detected, status, error, module, source_url="") -> SourceDocument:
    with transaction.atomic():
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


def _find_trial(record: TrialRecord) -> Trial | None:
    registry_ids = [i for i in record.identifiers if i.kind != SPONSOR]
    if not registry_ids:
        raise IngestError("the record has no registry identifier")
    condition = Q()
    for identifier in registry_ids:
        condition |= Q(registry=identifier.registry, value=identifier.value)
    trial_ids = set(TrialIdentifier.objects.filter(condition).exclude(kind=SPONSOR).values_list("trial_id", flat=True))
    if len(trial_ids) > 1:
        names = ", ".join(i.value for i in registry_ids)
        raise IngestError(f"the identifiers {names} belong to different trials in the catalog; a curator must decide")
    if not trial_ids:
        return None
    trial = Trial.objects.select_for_update().get(pk=trial_ids.pop())
    known = set(trial.identifiers.exclude(kind=SPONSOR).values_list("registry", "value"))
    for identifier in registry_ids:
        clashing = [value for registry, value in known if registry == identifier.registry and value != identifier.value]
        if clashing and (identifier.registry, identifier.value) not in known:
            # Two different ids of one registry are two trials, whatever else they share.
            raise IngestError(
                f"{identifier.value} and {clashing[0]} are different {identifier.registry} trials "
                "but the record links them; a curator must decide"
            )
    return trial


def _precedence(document: SourceDocument):
    updated = document.record_updated or date.min
    return (
        _KIND_RANK.get(document.source_kind, 3),
        -updated.toordinal(),
        -document.ingested_at.timestamp(),
        -document.pk,
    )


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


def merge_records(records: list[TrialRecord]) -> TrialRecord:
    """First non-empty value per field, `records` in order of precedence; identifiers united."""
    best = records[0]
    values = {}
    for item in fields(TrialRecord):
        name = item.name
        if name in ("identifiers", "source_format", "needs_review"):
            continue
        anchor = _TOGETHER.get(name)
        for record in records:
            if anchor and _is_empty(getattr(record, anchor)):
                continue
            if anchor:
                values[name] = getattr(record, name)  # the type of the value chosen, even if blank
                break
            if not _is_empty(getattr(record, name)):
                values[name] = getattr(record, name)
                break
    identifiers: list[Identifier] = []
    seen = set()
    for record in records:
        for identifier in record.identifiers:
            if (identifier.registry, identifier.value) not in seen:
                seen.add((identifier.registry, identifier.value))
                identifiers.append(identifier)
    return replace(
        best, identifiers=tuple(identifiers), needs_review=any(record.needs_review for record in records), **values
    )


def _comparable(value):
    if value is None or value == "" or value == ():
        return None
    if hasattr(value, "iso"):
        return value.iso()
    if isinstance(value, tuple):
        return "/".join(value)
    return value


def disagreements(documents: list[SourceDocument], records: list[TrialRecord]) -> list[dict]:
    found = []
    for name in _COMPARED:
        values = {}
        for document, record in zip(documents, records, strict=True):
            value = _comparable(getattr(record, name))
            if value is not None:
                values.setdefault(value, []).append(f"{document.public_name} ({document.detected_format})")
        if len(values) > 1:
            chosen = next(
                (_comparable(getattr(r, name)) for r in records if _comparable(getattr(r, name)) is not None), None
            )
            found.append(
                {
                    "field": name,
                    "values": [
                        {"value": value, "sources": sources, "chosen": value == chosen}
                        for value, sources in values.items()
                    ],
                }
            )
    return found


def load_record(record: TrialRecord, document: SourceDocument) -> tuple[Trial, bool]:
    """Link `document` (holding `record`) to its trial and rebuild the trial. Call in a transaction."""
    trial = _find_trial(record)
    created = trial is None
    if created:
        trial = Trial(primary_id=record.primary_identifier.value)
        trial.save()
    document.trial = trial
    document.save()
    # A new trial has this one document: no need to read its sources back.
    rebuild_trial(trial, only=(document, record) if created else None, known={document.pk: record})
    return trial, created


def load_draft(record: TrialRecord, document: SourceDocument) -> Trial:
    """A draft trial for a page with no registry id: everything read kept, listed for curators
    only. Its provisional id comes from the document, so the same page is one draft. Call in a
    transaction."""
    trial = Trial(primary_id=f"{DRAFT_ID_PREFIX}{document.sha256[:12]}", draft=True, in_scope=False)
    trial.save()
    document.trial = trial
    document.save()
    rebuild_trial(trial, only=(document, record), known={document.pk: record})
    return trial


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


def rebuild_trial(
    trial: Trial, only: tuple[SourceDocument, TrialRecord] | None = None, known: dict | None = None
) -> Classification | None:
    """Rebuild the trial from its documents (`only`: a new trial's one document; `known`:
    records already read, by document id, so they are not parsed again). Returns the tags it
    gave, None when the trial has no readable document (it is then left as it was)."""
    mark_changed()
    documents, records = ([only[0]], [only[1]]) if only else _sources(trial, known)
    if not documents:
        return None
    merged = merge_records(records)
    # Curators' corrections come last: after the merge, before the tags (a corrected condition
    # word is classified as corrected).
    corrections = list(trial.corrections.filter(withdrawn_at__isnull=True)) if trial.pk else []
    if corrections:
        note_registry_values(corrections, merged)
        merged = apply_corrections(merged, corrections)
    classification = classify(merged, vocabulary=current_vocabulary())
    apply_decisions(trial, classification)
    apply_record(trial, merged, classification)
    trial.disagreements = disagreements(documents, records)
    trial.save()

    new = only is not None
    if not new:
        _delete_child_rows(trial)
    _save_identifiers(trial, merged, new)
    _save_tags([(trial, classification)], replace=not new)
    for model, rows in child_rows(trial, merged).items():
        model.objects.bulk_create(rows)
    TrialOrganization.objects.bulk_create(organization_rows([(trial, merged)]))
    update_search_vectors([(trial, merged, classification)])
    return classification


def _sources(trial: Trial, known: dict | None = None) -> tuple[list[SourceDocument], list[TrialRecord]]:
    """The trial's parsed documents, in precedence order, with their records."""
    documents, records = [], []
    for document in sorted(trial.source_documents.filter(parse_status=SourceDocument.PARSED), key=_precedence):
        record = (known or {}).get(document.pk) or record_of(document)
        if record is not None:
            documents.append(document)
            records.append(record)
    return documents, records


def registry_record(trial: Trial) -> TrialRecord | None:
    """What the trial's sources say, merged, before any curator's correction (None: no source)."""
    _documents, records = _sources(trial)
    return merge_records(records) if records else None


# The rows a trial's record gives, rewritten whole on every rebuild. No other row refers to them.
REBUILT_CHILDREN = (Arm, Intervention, Outcome, Site, Contact, TrialOrganization)


def _delete_child_rows(trial: Trial) -> None:
    """One DELETE per table. The ORM's delete would read every row first to send a signal per
    row; the catalog change those signals record is marked once by rebuild_trial already."""
    with connection.cursor() as cursor:
        for model in REBUILT_CHILDREN:
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table} WHERE trial_id = %s", [trial.pk])  # noqa: S608  # nosec B608


def apply_decisions(trial: Trial, classification: Classification) -> None:
    """Curators' hand decisions win over the automatic tags, whenever classification runs."""
    if trial.pk is None:
        return
    decisions = trial.tag_decisions.select_related("decided_by", "condition", "cell_source", "product_type", "tag_term")
    for decision in decisions:
        names = getattr(classification, decision.kind)
        evidence = classification.evidence.setdefault(decision.kind, {})
        who = decision.decided_by.get_username() if decision.decided_by else "a curator"
        note = f"{'set' if decision.include else 'removed'} by {who} on {decision.decided_at:%Y-%m-%d}"
        if decision.include and decision.term not in names:
            names.append(decision.term)
            names.sort()
            evidence[decision.term] = [{"field": "curator", "text": note}]
        elif not decision.include and decision.term in names:
            names.remove(decision.term)
            evidence.pop(decision.term, None)
            classification.evidence.setdefault("removed_by_curator", {})[decision.term] = [
                {"field": "curator", "text": note}
            ]


def apply_record(trial: Trial, merged: TrialRecord, classification: Classification) -> None:
    """Set the trial's own fields from a (merged) record and its classification; no save."""
    for name in _SCALAR_FIELDS + _LIST_FIELDS:
        value = getattr(merged, name)
        if value is None and name not in (
            "enrollment",
            "min_age_years",
            "max_age_years",
            "healthy_volunteers",
            "has_results",
        ):
            value = ""
        setattr(trial, name, list(value) if isinstance(value, tuple) else value)
    for name in _DATE_FIELDS:
        value = getattr(merged, name)
        setattr(trial, name, value.value if value else None)
        setattr(trial, f"{name}_precision", value.precision if value else "")
    trial.needs_review = merged.needs_review or bool(classification.borderline)  # a curator judges its scope
    trial.origins = classification.origins
    trial.routes = classification.routes
    trial.countries = list(dict.fromkeys(site.country[:100] for site in merged.sites if site.country))
    trial.procedures = classification.procedures
    trial.unplaced_conditions = classification.unplaced_conditions
    trial.classification_evidence = classification.evidence
    trial.in_scope = classification.in_scope and not trial.draft  # a draft is never listed


def _value_readers(fields) -> list:
    """How to read each field's database value from an instance.

    JSON, binary and automatic date fields go through the field's own database preparation, as
    the ORM does; other values (text, numbers, dates, arrays, foreign keys) psycopg takes as they
    are, so they are read straight from the instance.
    """
    readers = []
    for field in fields:
        prepared = isinstance(field, (models.JSONField, models.BinaryField))
        if prepared or getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            readers.append(lambda row, field=field: field.get_db_prep_save(field.pre_save(row, add=True), connection))
        else:
            readers.append(attrgetter(field.attname))
    return readers


def copy_insert(model, rows: list) -> None:
    """Insert model instances with COPY: what bulk_create does, without building SQL per row.

    Only for rows whose ids are not needed.
    """
    if not rows:
        return
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    readers = _value_readers(fields)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([read(row) for read in readers])


_SEARCH_VECTOR_SQL = (
    "setweight(to_tsvector('english', {a}), 'A') || setweight(to_tsvector('english', {b}), 'B') "
    "|| setweight(to_tsvector('english', {c}), 'C') || setweight(to_tsvector('english', {d}), 'D')"
)


def _insert_trials(trials: list[Trial], texts: list[tuple[str, str, str, str]]) -> dict[str, int]:
    """Insert new trials with their search vectors in one write each: COPY into a temporary
    staging table, then one INSERT ... SELECT that computes the vectors. Returns {primary_id: id}."""
    fields = [field for field in Trial._meta.concrete_fields if not field.primary_key and field.name != "search_vector"]
    columns = [connection.ops.quote_name(field.column) for field in fields]
    with connection.cursor() as cursor:
        # Same columns as catalog_trial, without its constraints (id is left empty here).
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS ingest_trials AS SELECT *, ''::text AS weight_a, ''::text AS weight_b, "
            "''::text AS weight_c, ''::text AS weight_d FROM catalog_trial WITH NO DATA"
        )
        copy_sql = f"COPY ingest_trials ({', '.join(columns)}, weight_a, weight_b, weight_c, weight_d) FROM STDIN"
        readers = _value_readers(fields)
        with cursor.cursor.copy(copy_sql) as copy:
            for trial, weighted in zip(trials, texts, strict=True):
                copy.write_row([*(read(trial) for read in readers), *weighted])
        vector = _SEARCH_VECTOR_SQL.format(a="weight_a", b="weight_b", c="weight_c", d="weight_d")
        cursor.execute(
            f"INSERT INTO catalog_trial ({', '.join(columns)}, search_vector) "  # noqa: S608  # nosec B608
            f"SELECT {', '.join(columns)}, {vector} FROM ingest_trials RETURNING primary_id, id"
        )
        ids = dict(cursor.fetchall())
        cursor.execute("TRUNCATE ingest_trials")
    return ids


def load_new_trials(
    items: list[tuple[SourceDocument, TrialRecord]], classifications: list[Classification] | None = None
) -> list[Trial]:
    """Many records that each start a trial of their own, written in a few queries in all.

    The caller guarantees that none of their registry ids is in the catalog or shared between
    them (pipeline.py checks, in one query per batch), and may pass the records' (complete)
    classifications. Call inside a transaction.
    """
    mark_changed()
    if classifications is None:
        classifications = [classify(record, vocabulary=current_vocabulary()) for _, record in items]
    trials = []
    for (_, record), classification in zip(items, classifications, strict=True):
        trial = Trial(primary_id=record.primary_identifier.value)
        apply_record(trial, record, classification)
        trials.append(trial)
    ids = _insert_trials(
        trials, [_weighted_texts(record, c) for (_, record), c in zip(items, classifications, strict=True)]
    )
    for trial in trials:
        trial.pk = ids[trial.primary_id]
        trial._state.adding = False
    for (document, record), trial in zip(items, trials, strict=True):
        document.trial = trial
        document.record_updated = record.last_updated.value if record.last_updated else None
    copy_insert(SourceDocument, [document for document, _ in items])
    copy_insert(
        TrialIdentifier,
        [row for (_, record), trial in zip(items, trials, strict=True) for row in identifier_rows(trial, record)],
    )
    _save_tags(list(zip(trials, classifications, strict=True)), replace=False, insert=copy_insert)
    rows_by_model: dict = {}
    for (_, record), trial in zip(items, trials, strict=True):
        for model, rows in child_rows(trial, record).items():
            rows_by_model.setdefault(model, []).extend(rows)
    for model, rows in rows_by_model.items():
        copy_insert(model, rows)
    copy_insert(
        TrialOrganization,
        organization_rows([(trial, record) for (_, record), trial in zip(items, trials, strict=True)]),
    )
    update_search_vectors(
        [
            (trial, record, classification)
            for (_, record), trial, classification in zip(items, trials, classifications, strict=True)
        ]
    )
    return trials


def identifier_rows(trial: Trial, record: TrialRecord, skip: set | None = None) -> list[TrialIdentifier]:
    rows = []
    for identifier in record.identifiers:
        if skip and (identifier.registry, identifier.value) in skip:
            continue
        kind = identifier.kind
        if kind == PRIMARY and identifier.value != trial.primary_id:
            kind = SECONDARY
        rows.append(
            TrialIdentifier(
                trial=trial,
                registry=identifier.registry,
                value=identifier.value,
                kind=kind,
                compact=compact_identifier(identifier.value),
            )
        )
    return rows


def _save_identifiers(trial: Trial, record: TrialRecord, new: bool) -> None:
    existing = set() if new else set(trial.identifiers.values_list("registry", "value"))
    rows = identifier_rows(trial, record, skip=existing)
    registry_ids = [row for row in rows if row.kind != SPONSOR]
    if registry_ids:
        condition = Q()
        for row in registry_ids:
            condition |= Q(registry=row.registry, value=row.value)
        owned = TrialIdentifier.objects.filter(condition).exclude(kind=SPONSOR).exclude(trial=trial).first()
        if owned:
            raise IngestError(f"{owned.value} already names another trial; a curator must decide")
    TrialIdentifier.objects.bulk_create(rows)


def _terms(model, names: set[str], defaults: dict | None = None) -> dict[str, object]:
    """{name: vocabulary row} for `names`, creating missing rows (one query when all exist)."""
    if not names:
        return {}
    found = {term.name: term for term in model.objects.filter(name__in=names)}
    for name in sorted(names - found.keys()):
        found[name], _ = model.objects.get_or_create(
            name=name, defaults={"slug": slugify(name), **(defaults or {}).get(name, {})}
        )
    return found


def _save_tags(pairs: list[tuple[Trial, Classification]], replace: bool, insert=None) -> None:
    """Condition, cell-source and product tags for many trials: a few queries in all."""
    vocabulary = {term.name: term for term in current_vocabulary()["conditions"]}
    for relation, model, attribute in (
        ("conditions", Condition, "conditions"),
        ("cell_sources", CellSource, "cell_sources"),
        ("product_types", ProductType, "product_types"),
    ):
        names = {name for _, classification in pairs for name in getattr(classification, attribute)}
        defaults = (
            {
                name: {"category": vocabulary[name].category, "icd10": vocabulary[name].icd10}
                for name in names
                if name in vocabulary
            }
            if model is Condition
            else None
        )
        terms = _terms(model, names, defaults)
        through = getattr(Trial, relation).through
        target = f"{model._meta.model_name}_id"
        if replace:
            through.objects.filter(trial_id__in=[trial.pk for trial, _ in pairs]).delete()
        rows = [
            through(trial_id=trial.pk, **{target: terms[name].pk})
            for trial, classification in pairs
            for name in getattr(classification, attribute)
        ]
        if insert:
            insert(through, rows)
        else:
            through.objects.bulk_create(rows)


def child_rows(trial: Trial, record: TrialRecord) -> dict:
    """Unsaved rows of each child model that mirror the record."""
    return {
        Arm: [
            Arm(
                trial=trial,
                position=index,
                label=arm.label,
                type=arm.type,
                description=arm.description,
                intervention_names=list(arm.intervention_names),
            )
            for index, arm in enumerate(record.arms)
        ],
        Intervention: [
            Intervention(
                trial=trial,
                position=index,
                name=item.name,
                type=item.type,
                description=item.description,
                arm_labels=list(item.arm_labels),
            )
            for index, item in enumerate(record.interventions)
        ],
        Outcome: [
            Outcome(
                trial=trial,
                position=index,
                kind=item.kind,
                measure=item.measure,
                time_frame=item.time_frame,
                description=item.description,
            )
            for index, item in enumerate(record.outcomes)
        ],
        Site: [
            Site(
                trial=trial,
                position=index,
                facility=site.facility,
                city=site.city[:200],
                state=site.state[:200],
                country=site.country[:100],
                status=site.status,
            )
            for index, site in enumerate(record.sites)
        ],
        Contact: [
            Contact(
                trial=trial,
                position=index,
                name=contact.name[:300],
                role=contact.role[:100],
                phone=contact.phone[:100],
                email=contact.email[:300],
                affiliation=contact.affiliation,
            )
            for index, contact in enumerate(record.contacts)
        ],
    }


def organization_rows(pairs: list[tuple[Trial, TrialRecord]]) -> list[TrialOrganization]:
    """Sponsor roles for many trials; organizations looked up by name in one query, created when new."""
    names = {item.name[:500] for _, record in pairs for item in record.organizations}
    if not names:
        return []
    organizations = {organization.name: organization for organization in Organization.objects.filter(name__in=names)}
    classes = {item.name[:500]: item.agency_class for _, record in pairs for item in record.organizations}
    missing = [Organization(name=name, agency_class=classes[name]) for name in sorted(names - organizations.keys())]
    if missing:
        Organization.objects.bulk_create(missing, ignore_conflicts=True)
        organizations.update(
            (organization.name, organization)
            for organization in Organization.objects.filter(name__in=[item.name for item in missing])
        )
    stale = [
        organization
        for name, organization in organizations.items()
        if classes.get(name) and organization.agency_class != classes[name]
    ]
    for organization in stale:
        organization.agency_class = classes[organization.name]
    Organization.objects.bulk_update(stale, ["agency_class"])
    rows = []
    for trial, record in pairs:
        seen = set()
        for index, item in enumerate(record.organizations):
            organization = organizations[item.name[:500]]
            if (organization.pk, item.role) not in seen:
                seen.add((organization.pk, item.role))
                rows.append(TrialOrganization(trial=trial, organization=organization, role=item.role, position=index))
    return rows


def _weighted_texts(record: TrialRecord, classification: Classification) -> tuple[str, str, str, str]:
    """Titles weigh most (A), then conditions and interventions (B), summary (C), description (D)."""
    conditions = " ".join([*record.conditions_raw, *record.keywords, *record.mesh_terms, *classification.conditions])
    interventions = " ".join(
        [*(item.name for item in record.interventions), *classification.cell_sources, *classification.product_types]
    )
    return (
        f"{record.brief_title} {record.official_title} {record.acronym}",
        f"{conditions} {interventions}",
        record.brief_summary,
        record.detailed_description,
    )


def update_search_vectors(rows: list[tuple[Trial, TrialRecord, Classification]]) -> None:
    """The stored search vectors of many trials, in one UPDATE."""
    if not rows:
        return
    values = [(trial.pk, *_weighted_texts(record, classification)) for trial, record, classification in rows]
    placeholders = ", ".join(["(%s, %s, %s, %s, %s)"] * len(values))
    vector = _SEARCH_VECTOR_SQL.format(a="v.a", b="v.b", c="v.c", d="v.d")
    with connection.cursor() as cursor:
        # Placeholders only: every value is a bound parameter.
        update = (
            f"UPDATE catalog_trial AS trial SET search_vector = {vector} "  # noqa: S608  # nosec B608
            f"FROM (VALUES {placeholders}) AS v(id, a, b, c, d) WHERE trial.id = v.id::bigint"
        )
        cursor.execute(update, [value for row in values for value in row])
