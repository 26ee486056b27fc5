"""Write parsed records into the catalog: one transaction per document, idempotent.

The raw document is always stored (sha256-keyed), parsed or not, so nothing is ever lost. A
record joins the trial that already carries one of its registry identifiers; otherwise it
creates one. A field is never overwritten by an empty value.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.contrib.postgres.search import SearchVector
from django.db import DatabaseError, transaction
from django.db.models import Q, TextField, Value
from django.utils.text import slugify

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
)
from ingest.detect import detect_format, parser_for
from ingest.errors import IngestError
from ingest.normalize.taxonomy import Classification, classify, load_vocabulary
from ingest.record import SPONSOR, PartialDate, TrialRecord
from ingest.text import decode_document

logger = logging.getLogger(__name__)

CREATED, UPDATED, UNCHANGED, FAILED = "created", "updated", "unchanged", "failed"

# Scalar fields copied from the record as they are (dates are handled with their precision).
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
]
_LIST_FIELDS = ["phases", "conditions_raw", "keywords", "icd10_codes"]
_DATE_FIELDS = ["start_date", "primary_completion_date", "completion_date", "first_posted", "last_updated"]


@dataclass
class DocumentResult:
    file_name: str
    status: str
    trial_id: str = ""
    error: str = ""
    format: str = ""


def _is_empty(value) -> bool:
    return value is None or value == "" or value == () or value == []


def ingest_document(raw: bytes, file_name: str, format_name: str | None = None) -> DocumentResult:
    """Store, parse and load one document. Never raises for a bad document: the result says."""
    sha256 = hashlib.sha256(raw).hexdigest()
    existing = SourceDocument.objects.filter(sha256=sha256).select_related("trial").first()
    if existing and existing.parse_status == SourceDocument.PARSED:
        trial_id = existing.trial.primary_id if existing.trial else ""
        return DocumentResult(file_name, UNCHANGED, trial_id, format=existing.detected_format)

    detected = ""
    try:
        text = decode_document(raw)
        detected = format_name or detect_format(text)
        records = parser_for(detected).parse(text)
        if not records:
            raise IngestError("the document holds no trial record")
        with transaction.atomic():
            document = existing or SourceDocument(raw=raw, sha256=sha256, size=len(raw))
            document.file_name = file_name
            document.detected_format = detected
            document.parse_status = SourceDocument.PARSED
            document.error = ""
            document.save()
            status, trial = UNCHANGED, None
            for record in records:
                trial, created = load_record(record)
                status = CREATED if created else UPDATED
            document.trial = trial
            document.save(update_fields=["trial"])
        return DocumentResult(file_name, status, trial.primary_id, format=detected)
    except IngestError as exc:
        error = str(exc)
    except DatabaseError as exc:
        error = f"the catalog refused the record: {exc}".strip()
    except Exception as exc:  # a parser bug must not stop the batch; the document is kept
        logger.exception("unexpected error while reading %s", file_name)
        error = f"internal error while reading the document ({type(exc).__name__}: {exc})"
    _store_failure(existing, raw, sha256, file_name, detected, error)
    return DocumentResult(file_name, FAILED, error=error, format=detected)


def _store_failure(existing, raw, sha256, file_name, detected, error) -> None:
    with transaction.atomic():
        document = existing or SourceDocument(raw=raw, sha256=sha256, size=len(raw))
        document.file_name = file_name
        document.detected_format = detected
        document.parse_status = SourceDocument.FAILED
        document.error = error
        document.save()


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
    trial = Trial.objects.get(pk=trial_ids.pop())
    primary = record.primary_identifier
    known = {(i.registry, i.value) for i in trial.identifiers.exclude(kind=SPONSOR)}
    for registry, value in known:
        if registry == primary.registry and value != primary.value and (registry, primary.value) not in known:
            # Two different ids of one registry are two trials, whatever else they share.
            raise IngestError(f"{primary.value} and {value} are different {registry} trials but share an identifier")
    return trial


def load_record(record: TrialRecord) -> tuple[Trial, bool]:
    """Create or update the trial for `record`. Call inside a transaction."""
    trial = _find_trial(record)
    created = trial is None
    if created:
        trial = Trial(primary_id=record.primary_identifier.value)

    for name in _SCALAR_FIELDS + _LIST_FIELDS:
        value = getattr(record, name)
        if not _is_empty(value):
            setattr(trial, name, list(value) if isinstance(value, tuple) else value)
    for name in _DATE_FIELDS:
        value: PartialDate | None = getattr(record, name)
        if value is not None:
            setattr(trial, name, value.value)
            setattr(trial, f"{name}_precision", value.precision)
    trial.needs_review = record.needs_review or (trial.needs_review and not created)

    classification = classify(record)
    if classification.origins:
        trial.origins = classification.origins
    if classification.routes:
        trial.routes = classification.routes
    if classification.procedures:
        trial.procedures = classification.procedures
    trial.unplaced_conditions = classification.unplaced_conditions
    trial.classification_evidence = classification.evidence
    trial.in_scope = classification.in_scope or (not created and trial.in_scope)
    trial.save()

    _save_identifiers(trial, record)
    _save_classification(trial, classification)
    _replace_children(trial, record)
    update_search_vector(trial)
    return trial, created


def _save_identifiers(trial: Trial, record: TrialRecord) -> None:
    for identifier in record.identifiers:
        existing = TrialIdentifier.objects.filter(trial=trial, registry=identifier.registry, value=identifier.value)
        if not existing.exists():
            kind = identifier.kind
            if kind == "primary" and identifier.value != trial.primary_id:
                kind = "secondary"
            TrialIdentifier(trial=trial, registry=identifier.registry, value=identifier.value, kind=kind).save()


def _vocabulary_term(model, name: str, **extra):
    term, _ = model.objects.get_or_create(name=name, defaults={"slug": slugify(name), **extra})
    return term


def _save_classification(trial: Trial, classification: Classification) -> None:
    conditions_by_name = {term.name: term for term in load_vocabulary()["conditions"]}
    if classification.conditions:
        trial.conditions.set(
            [
                _vocabulary_term(
                    Condition,
                    name,
                    category=conditions_by_name[name].category,
                    icd10=conditions_by_name[name].icd10,
                )
                for name in classification.conditions
            ]
        )
    if classification.cell_sources:
        trial.cell_sources.set([_vocabulary_term(CellSource, name) for name in classification.cell_sources])
    if classification.product_types:
        trial.product_types.set([_vocabulary_term(ProductType, name) for name in classification.product_types])


def _replace_children(trial: Trial, record: TrialRecord) -> None:
    """Replace each child collection the record carries; keep the ones it does not."""
    if record.arms:
        trial.arms.all().delete()
        Arm.objects.bulk_create(
            Arm(
                trial=trial,
                position=index,
                label=arm.label,
                type=arm.type,
                description=arm.description,
                intervention_names=list(arm.intervention_names),
            )
            for index, arm in enumerate(record.arms)
        )
    if record.interventions:
        trial.interventions.all().delete()
        Intervention.objects.bulk_create(
            Intervention(
                trial=trial,
                position=index,
                name=item.name,
                type=item.type,
                description=item.description,
                arm_labels=list(item.arm_labels),
            )
            for index, item in enumerate(record.interventions)
        )
    if record.outcomes:
        trial.outcomes.all().delete()
        Outcome.objects.bulk_create(
            Outcome(
                trial=trial,
                position=index,
                kind=item.kind,
                measure=item.measure,
                time_frame=item.time_frame,
                description=item.description,
            )
            for index, item in enumerate(record.outcomes)
        )
    if record.sites:
        trial.sites.all().delete()
        Site.objects.bulk_create(
            Site(
                trial=trial,
                position=index,
                facility=site.facility,
                city=site.city,
                state=site.state,
                country=site.country,
                status=site.status,
            )
            for index, site in enumerate(record.sites)
        )
    if record.contacts:
        trial.contacts.all().delete()
        Contact.objects.bulk_create(
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
        )
    if record.organizations:
        trial.organization_roles.all().delete()
        seen = set()
        for index, item in enumerate(record.organizations):
            organization, _ = Organization.objects.get_or_create(name=item.name[:500])
            if item.agency_class and organization.agency_class != item.agency_class:
                organization.agency_class = item.agency_class
                organization.save(update_fields=["agency_class"])
            if (organization.pk, item.role) in seen:
                continue
            seen.add((organization.pk, item.role))
            TrialOrganization.objects.create(trial=trial, organization=organization, role=item.role, position=index)


def update_search_vector(trial: Trial) -> None:
    """Titles weigh most, then conditions and interventions, then summary, then description."""
    conditions = " ".join([*trial.conditions_raw, *trial.keywords, *trial.conditions.values_list("name", flat=True)])
    interventions = " ".join(
        [
            *trial.interventions.values_list("name", flat=True),
            *trial.cell_sources.values_list("name", flat=True),
            *trial.product_types.values_list("name", flat=True),
        ]
    )

    def weighted(text: str, weight: str) -> SearchVector:
        return SearchVector(Value(text, output_field=TextField()), weight=weight, config="english")

    Trial.objects.filter(pk=trial.pk).update(
        search_vector=weighted(f"{trial.brief_title} {trial.official_title} {trial.acronym}", "A")
        + weighted(f"{conditions} {interventions}", "B")
        + weighted(trial.brief_summary, "C")
        + weighted(trial.detailed_description, "D")
    )
