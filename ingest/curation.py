"""Curators' work on a trial, applied on every rebuild after the sources are merged: corrections
(below) and tag decisions (apply_decisions).

Corrections: stored as data (catalog.models.Correction), applied to a trial's merged
record after its sources are merged, on every rebuild, so no re-ingest or re-read undoes them.

A correction's value is kept in a JSON form per field: text, a number, a yes/no, a list of
words, a date with its precision ({"date": "2024-03-01", "precision": "month"}), the lead
sponsor's name, or a list of countries. The same form records what the registry said, so a
later document that says something else is noticed (`note_registry_values`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from django.utils import timezone

from catalog.models import Correction, Trial
from ingest.normalize.countries import normalize_country
from ingest.normalize.taxonomy import Classification
from ingest.record import Organization, PartialDate, Site, TrialRecord

LIST_FIELDS = {"phases", "conditions_raw", "keywords"}
DATE_FIELDS = {"start_date", "primary_completion_date", "completion_date"}
NUMBER_FIELDS = {"enrollment", "min_age_years", "max_age_years"}
FIELDS = {name for name, _label in Correction.FIELDS}
LABELS = dict(Correction.FIELDS)


def registry_value(record: TrialRecord | None, field: str):
    """The record's value of a correctable field, in the corrections' JSON form."""
    if record is None:
        return None
    if field == "sponsor":
        return next((o.name for o in record.organizations if o.role == "LEAD_SPONSOR"), "")
    if field == "countries":
        return list(dict.fromkeys(site.country for site in record.sites if site.country))
    value = getattr(record, field)
    if field in DATE_FIELDS:
        return {"date": value.value.isoformat(), "precision": value.precision} if value else None
    if field in LIST_FIELDS:
        return list(value)
    return value


def apply_corrections(record: TrialRecord, corrections) -> TrialRecord:
    """The merged record with each active correction's value in place of the registry's."""
    changes = {}
    for correction in corrections:
        field, value = correction.field, correction.value
        if field == "sponsor":
            others = tuple(o for o in record.organizations if o.role != "LEAD_SPONSOR")
            changes["organizations"] = ((Organization(value, "LEAD_SPONSOR"),) if value else ()) + others
        elif field == "countries":
            changes["sites"] = _sites_in(record.sites, value or [])
        elif field in DATE_FIELDS:
            changes[field] = PartialDate(date.fromisoformat(value["date"]), value["precision"]) if value else None
        elif field in LIST_FIELDS:
            changes[field] = tuple(value or ())
        elif field in FIELDS:
            changes[field] = value if value is not None or field in NUMBER_FIELDS | {"healthy_volunteers"} else ""
    return replace(record, **changes) if changes else record


def _sites_in(sites: tuple[Site, ...], countries: list[str]) -> tuple[Site, ...]:
    """The record's sites in the corrected countries, and a bare site for each country none has."""
    kept = tuple(site for site in sites if site.country in countries)
    present = {site.country for site in kept}
    return kept + tuple(Site(country=country) for country in countries if country not in present)


def note_registry_values(corrections, uncorrected: TrialRecord) -> None:
    """Record what the registry says now under each correction; flag the corrections whose field
    the registry changed since the curator corrected it (listed for the curator)."""
    for correction in corrections:
        now = registry_value(uncorrected, correction.field)
        changed = now != correction.registry_value
        if now != correction.registry_value_now or changed != correction.registry_changed:
            correction.registry_value_now = now
            correction.registry_changed = changed
            correction.save(update_fields=["registry_value_now", "registry_changed"])


def form_value(field: str, cleaned: dict):
    """A correction's JSON value from the admin form's cleaned data (the sponsor and countries
    come from the form's `lead_sponsor` and `site_countries`)."""
    if field in DATE_FIELDS:
        day = cleaned.get(field)
        precision = cleaned.get(f"{field}_precision") or "day"
        return {"date": day.isoformat(), "precision": precision} if day else None
    if field == "countries":
        parts = [part.strip() for part in (cleaned.get("site_countries") or "").split(";")]
        return [normalize_country(part) or part for part in parts if part]
    if field == "sponsor":
        return (cleaned.get("lead_sponsor") or "").strip()
    value = cleaned.get(field)
    if field in LIST_FIELDS:
        return list(value or [])
    if isinstance(value, str):
        return value.replace("\r\n", "\n")
    return value


def correct(trial, field: str, value, registry: TrialRecord | None, user=None, reason: str = "") -> Correction:
    """Store a curator's correction of `field` (replacing the active one on that field)."""
    now = timezone.now()
    Correction.objects.filter(trial=trial, field=field, withdrawn_at__isnull=True).update(withdrawn_at=now)
    current = registry_value(registry, field)
    return Correction.objects.create(
        trial=trial,
        field=field,
        value=value,
        registry_value=current,
        registry_value_now=current,
        corrected_by=user if user is not None and user.is_authenticated else None,
        corrected_at=now,
        reason=reason,
    )


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
