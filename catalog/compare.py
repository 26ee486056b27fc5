"""Trials side by side: up to four ticked on a list (/compare/?id=…&id=…), one row per fact, and
the same table as CSV (/compare.csv?id=…)."""

import csv
import re

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import render

from catalog import choices
from catalog.caching import public_page
from catalog.models import Trial, TrialOrganization
from catalog.views import csv_cell

MAX_COMPARED = 4
# A dose as registries state it: "1 × 10^6 cells/kg", "2 million cells", "5 mL", "100 µg".
_DOSE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:[×x*]\s*10\s*\^?\s*[0-9⁰¹²³⁴⁵⁶⁷⁸⁹]+|(?:million|billion|thousand)|[mk])?\s*"
    r"(?:(?:viable\s+)?cells?(?:\s*/\s*(?:kg|cm2|cm²|ml|mL|site|wound|injection))?|m[lL]|µ[lL]|mg|µg|ug|units)\b",
    re.I,
)


def doses(trial: Trial) -> str:
    """The doses the trial's interventions and arms state, as written ("" when none is)."""
    texts = [f"{item.name}. {item.description}" for item in trial.interventions.all()]
    texts += [arm.description for arm in trial.arms.all()]
    found = []
    for text in texts:
        for match in _DOSE.finditer(text or ""):
            dose = " ".join(match[0].split())
            if dose not in found:
                found.append(dose)
    return "; ".join(found[:6])


def _date(partial, kind: str) -> str:
    if not partial:
        return ""
    return f"{partial.iso} ({kind.lower()})" if kind else partial.iso


# (label, the fact of one trial) in the order the table shows them.
ROWS = [
    ("Title", lambda trial: trial.title),
    ("Status", lambda trial: choices.STATUS.get(trial.status, "")),
    ("Phase", lambda trial: trial.phase_display),
    (
        "Enrollment",
        lambda trial: (
            f"{trial.enrollment:,}" + (f" ({trial.enrollment_type.lower()})" if trial.enrollment_type else "")
            if trial.enrollment is not None
            else ""
        ),
    ),
    ("Conditions", lambda trial: ", ".join(condition.name for condition in trial.conditions.all())),
    ("Product", lambda trial: ", ".join(product.name for product in trial.product_types.all())),
    ("Cell source", lambda trial: ", ".join(source.name for source in trial.cell_sources.all())),
    ("Origin", lambda trial: ", ".join(origin.lower() for origin in trial.origins)),
    ("Route", lambda trial: ", ".join(trial.routes)),
    ("Dose where stated", doses),
    (
        "Primary outcomes",
        lambda trial: "; ".join(outcome.measure for outcome in trial.outcomes.all() if outcome.kind == "PRIMARY"),
    ),
    ("Start", lambda trial: _date(trial.start, trial.start_date_type)),
    ("Completion", lambda trial: _date(trial.completion, trial.completion_date_type)),
    (
        "Sponsor",
        lambda trial: next(
            (role.organization.name for role in trial.organization_roles.all() if role.role == "LEAD_SPONSOR"), ""
        ),
    ),
    ("Countries", lambda trial: ", ".join(trial.countries)),
    ("Last updated by the registry", lambda trial: trial.last_updated_on.iso if trial.last_updated_on else ""),
]


def compared_trials(request) -> tuple[list[Trial], list[str], bool]:
    """The listed trials asked for, in the order ticked; the ids not found; whether more than
    MAX_COMPARED were asked for (the first ones are compared)."""
    asked = list(dict.fromkeys(value.strip() for value in request.GET.getlist("id") if value.strip()))
    too_many = len(asked) > MAX_COMPARED
    asked = asked[:MAX_COMPARED]
    queryset = (
        Trial.objects.listed()
        .filter(primary_id__in=asked)
        .prefetch_related(
            "conditions",
            "product_types",
            "cell_sources",
            "interventions",
            "arms",
            "outcomes",
            Prefetch("organization_roles", queryset=TrialOrganization.objects.select_related("organization")),
        )
    )
    found = {trial.primary_id: trial for trial in queryset}
    return (
        [found[value] for value in asked if value in found],
        [value for value in asked if value not in found],
        too_many,
    )


def table(trials: list[Trial]) -> list[tuple[str, list[str]]]:
    return [(label, [fact(trial) or "" for trial in trials]) for label, fact in ROWS]


@public_page
def compare(request):
    trials, missing, too_many = compared_trials(request)
    return render(
        request,
        "catalog/compare.html",
        {"trials": trials, "rows": table(trials), "missing": missing, "too_many": too_many, "most": MAX_COMPARED},
    )


@public_page
def compare_csv(request):
    trials, _missing, _too_many = compared_trials(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="regenderm-comparison.csv"'
    writer = csv.writer(response, quoting=csv.QUOTE_ALL)
    writer.writerow(["fact", *[trial.primary_id for trial in trials]])
    for label, values in table(trials):
        writer.writerow([label, *[csv_cell(value) for value in values]])
    return response
