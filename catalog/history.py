"""A trial's change history: its public facts read before and after each rebuild (ingest/writing.py),
and what differs kept as a TrialChange, dated by the registry's own update date when a registry
document brought it.

Facts are kept as the pages show them ("40 (estimated)", "2024-05 (actual)"), so the timeline, the
/changes/ list and its CSV, JSON and Atom twins say the same thing without reading anything else.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.utils import timezone

from catalog import choices
from catalog.models import (
    CellSource,
    Condition,
    PartialDateView,
    ProductType,
    Site,
    SourceDocument,
    Trial,
    TrialChange,
    TrialOrganization,
)

# (fact, label), in the order a change lists them.
FACTS = [
    ("status", "Status"),
    ("phases", "Phase"),
    ("enrollment", "Enrollment"),
    ("start_date", "Start"),
    ("primary_completion_date", "Primary completion"),
    ("completion_date", "Completion"),
    ("sites", "Sites"),
    ("countries", "Countries"),
    ("conditions_raw", "Conditions"),
    ("sponsor", "Sponsor"),
    ("classified_conditions", "Classified conditions"),
    ("cell_sources", "Cell sources"),
    ("product_types", "Products"),
]
LABELS = dict(FACTS)
_TYPES = {"ESTIMATED": "estimated", "ACTUAL": "actual"}
_DATES = ("start_date", "primary_completion_date", "completion_date")


def _names(model, relation: str):
    return ArraySubquery(model.objects.filter(**{relation: OuterRef("pk")}).order_by("name").values("name"))


def facts_of(trial_id: int) -> dict[str, str] | None:
    """The trial's public facts as the pages show them, read in one query (None: no such trial)."""
    sponsor = TrialOrganization.objects.filter(trial=OuterRef("pk"), role="LEAD_SPONSOR").order_by("position")
    sites = Site.objects.filter(trial=OuterRef("pk")).order_by().values("trial").annotate(n=Count("pk")).values("n")
    row = (
        Trial.objects.filter(pk=trial_id)
        .annotate(
            condition_names=_names(Condition, "trials"),
            cell_source_names=_names(CellSource, "trials"),
            product_type_names=_names(ProductType, "trials"),
            sponsor_name=Subquery(sponsor.values("organization__name")[:1]),
            site_count=Subquery(sites, output_field=IntegerField()),
        )
        .first()
    )
    if row is None:
        return None
    facts = {
        "status": choices.STATUS.get(row.status, row.status),
        "phases": row.phase_display,
        "enrollment": _with_type(f"{row.enrollment:,}" if row.enrollment is not None else "", row.enrollment_type),
        "sites": f"{row.site_count:,}" if row.site_count else "",
        "countries": ", ".join(row.countries),
        "conditions_raw": "; ".join(row.conditions_raw),
        "sponsor": row.sponsor_name or "",
        "classified_conditions": ", ".join(row.condition_names),
        "cell_sources": ", ".join(row.cell_source_names),
        "product_types": ", ".join(row.product_type_names),
    }
    for name in _DATES:
        value = row.partial_date(name)
        facts[name] = _with_type(value.iso if isinstance(value, PartialDateView) else "", getattr(row, f"{name}_type"))
    return facts


def _with_type(text: str, kind: str) -> str:
    return f"{text} ({_TYPES[kind]})" if text and kind in _TYPES else text


def differences(before: dict[str, str], after: dict[str, str]) -> list[dict]:
    return [
        {"field": name, "label": label, "before": before.get(name, ""), "after": after.get(name, "")}
        for name, label in FACTS
        if before.get(name, "") != after.get(name, "")
    ]


def record_change(
    trial: Trial, before: dict[str, str] | None, kind: str, document: SourceDocument | None = None
) -> TrialChange | None:
    """Keep what the rebuild changed in the trial's public facts, if anything. A registry change is
    dated by the document's own update date (else the day it arrived)."""
    after = facts_of(trial.pk)
    if before is None or after is None:
        return None
    changed = differences(before, after)
    if not changed:
        return None
    on = timezone.localdate()
    if kind == TrialChange.REGISTRY and document is not None:
        on = document.record_updated or (document.ingested_at.date() if document.ingested_at else on)
    return TrialChange.objects.create(trial=trial, kind=kind, changed_on=on, document=document, changes=changed)
