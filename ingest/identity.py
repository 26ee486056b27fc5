"""Which trial a record is: its registry ids, the trial that already carries one of them, and the
rows that name a trial by its ids."""

from __future__ import annotations

from django.db.models import Q

from catalog.models import Trial, TrialIdentifier
from catalog.text import compact_identifier
from ingest.errors import IngestError
from ingest.record import PRIMARY, SECONDARY, SPONSOR, TrialRecord

DRAFT_ID_PREFIX = "draft-"


def find_trial(record: TrialRecord) -> Trial | None:
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


def save_identifiers(trial: Trial, record: TrialRecord, new: bool) -> None:
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
