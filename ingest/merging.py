"""One trial from its documents: for each field, the first non-empty value in order of precedence
(the registry of record before a mirror before an aggregator, then the newer record before the
older), so a field is never overwritten by an empty value; where the sources disagree, the
disagreement is kept for the trial's page."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date

from catalog.models import SourceDocument, Trial
from ingest.documents import record_of
from ingest.record import Identifier, TrialRecord

_KIND_RANK = {"registry": 0, "mirror": 1, "aggregator": 2, "": 3}

SCALAR_FIELDS = [
    "brief_title",
    "official_title",
    "acronym",
    "brief_summary",
    "detailed_description",
    "study_type",
    "status",
    "status_raw",
    "last_known_status",
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
    "results_url",
]

LIST_FIELDS = ["phases", "conditions_raw", "keywords", "icd10_codes", "mesh_terms"]

DATE_FIELDS = ["start_date", "primary_completion_date", "completion_date", "first_posted", "last_updated"]


# Values that travel together: an enrollment with its type, a date with its type.
_TOGETHER = {
    "enrollment_type": "enrollment",
    "start_date_type": "start_date",
    "primary_completion_date_type": "primary_completion_date",
    "completion_date_type": "completion_date",
    "status_raw": "status",
    "last_known_status": "status",
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


def is_empty(value) -> bool:
    return value is None or value == "" or value == () or value == []


def precedence(document: SourceDocument):
    updated = document.record_updated or date.min
    return (
        _KIND_RANK.get(document.source_kind, 3),
        -updated.toordinal(),
        -document.ingested_at.timestamp(),
        -document.pk,
    )


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
            if anchor and is_empty(getattr(record, anchor)):
                continue
            if anchor:
                values[name] = getattr(record, name)  # the type of the value chosen, even if blank
                break
            if not is_empty(getattr(record, name)):
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


def sources(trial: Trial, known: dict | None = None) -> tuple[list[SourceDocument], list[TrialRecord]]:
    """The trial's parsed documents, in precedence order, with their records."""
    documents, records = [], []
    for document in sorted(trial.source_documents.filter(parse_status=SourceDocument.PARSED), key=precedence):
        record = (known or {}).get(document.pk) or record_of(document)
        if record is not None:
            documents.append(document)
            records.append(record)
    return documents, records


def registry_record(trial: Trial) -> TrialRecord | None:
    """What the trial's sources say, merged, before any curator's correction (None: no source)."""
    _documents, records = sources(trial)
    return merge_records(records) if records else None
