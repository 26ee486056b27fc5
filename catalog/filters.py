"""The trial list's filters: the only reader of request.GET for lists (pages, .json, .csv).

Values of one filter are OR-ed, filters are AND-ed. A phase filter matches any trial whose phase
set contains the phase, so Phase 1 finds Phase 1/2 trials too.
"""

import django_filters
from django import forms
from django.db.models import Count, Q

from catalog import choices
from catalog.models import CellSource, Condition, Trial

SORTS = {
    "relevance": ("Relevance", None),
    "start": ("Start date, newest first", ["-start_date", "primary_id"]),
    "updated": ("Last update, newest first", ["-last_updated", "primary_id"]),
    "enrollment": ("Enrollment, largest first", ["-enrollment", "primary_id"]),
    "completion": ("Completion date, soonest first", ["completion_date", "primary_id"]),
}
# Facets shown beside the list, in order: (filter name, heading).
FACETS = [
    ("condition", "Condition"),
    ("cell_source", "Cell source"),
    ("phase", "Phase"),
    ("status", "Status"),
]
MAX_QUERY_LENGTH = 200


class TrialFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_search",
        label="Search",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "condition, cell type, registry id…"}),
    )
    condition = django_filters.ModelMultipleChoiceFilter(
        field_name="conditions__slug",
        queryset=Condition.objects.all(),
        to_field_name="slug",
        distinct=True,
        widget=forms.CheckboxSelectMultiple,
    )
    cell_source = django_filters.ModelMultipleChoiceFilter(
        field_name="cell_sources__slug",
        queryset=CellSource.objects.all(),
        to_field_name="slug",
        distinct=True,
        widget=forms.CheckboxSelectMultiple,
    )
    phase = django_filters.MultipleChoiceFilter(
        method="filter_phase", choices=choices.as_choices(choices.PHASE), widget=forms.CheckboxSelectMultiple
    )
    status = django_filters.MultipleChoiceFilter(
        choices=choices.as_choices(choices.STATUS), widget=forms.CheckboxSelectMultiple
    )
    sort = django_filters.ChoiceFilter(
        method="filter_sort",
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        empty_label=None,
        label="Sort by",
    )

    class Meta:
        model = Trial
        fields = ["q", "condition", "cell_source", "phase", "status"]

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_phase(self, queryset, name, values):
        return queryset.filter(phases__overlap=list(values)) if values else queryset

    def filter_sort(self, queryset, name, value):
        ordering = SORTS.get(value, (None, None))[1]
        return queryset.order_by(*ordering) if ordering else queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = getattr(self.form, "cleaned_data", {})
        # Without an explicit sort, a search is ordered by rank; everything else by start date.
        if data.get("q") and data.get("sort") in (None, "", "relevance"):
            queryset = queryset.order_by("-rank", "primary_id")
        return queryset


def facet_counts(data, base_queryset) -> dict[str, list[dict]]:
    """For each facet value: how many trials the current selection would give with that value.

    A facet's own selection is left out when counting it, so choosing one status does not zero
    the other statuses (values of one filter are OR-ed).
    """
    selected = {name: set(data.getlist(name)) for name, _ in FACETS} if hasattr(data, "getlist") else {}
    facets: dict[str, list[dict]] = {}
    for name, _heading in FACETS:
        others = data.copy()
        others.pop(name, None)
        others.pop("sort", None)
        matching = TrialFilter(others, queryset=base_queryset).qs.order_by().values("pk")
        in_selection = Trial.objects.filter(pk__in=matching)
        if name == "condition":
            rows = (
                in_selection.exclude(conditions=None)
                .values("conditions__slug", "conditions__name")
                .annotate(count=Count("pk"))
                .order_by("-count", "conditions__name")
            )
            values = [(row["conditions__slug"], row["conditions__name"], row["count"]) for row in rows]
        elif name == "cell_source":
            rows = (
                in_selection.exclude(cell_sources=None)
                .values("cell_sources__slug", "cell_sources__name")
                .annotate(count=Count("pk"))
                .order_by("-count", "cell_sources__name")
            )
            values = [(row["cell_sources__slug"], row["cell_sources__name"], row["count"]) for row in rows]
        elif name == "phase":
            counts = in_selection.aggregate(
                **{phase: Count("pk", filter=Q(phases__contains=[phase])) for phase in choices.PHASE}
            )
            values = [(phase, label, counts[phase]) for phase, label in choices.PHASE.items() if counts[phase]]
        else:
            counts = dict(in_selection.values_list("status").annotate(count=Count("pk")).order_by())
            values = [(status, label, counts[status]) for status, label in choices.STATUS.items() if counts.get(status)]
        chosen = selected.get(name, set())
        facets[name] = [
            {"value": value, "label": label, "count": count, "selected": value in chosen}
            for value, label, count in values
        ]
        # A selected value with no trials left still shows, so it can be unticked.
        shown = {item["value"] for item in facets[name]}
        for value in sorted(chosen - shown):
            facets[name].append({"value": value, "label": value, "count": 0, "selected": True})
    return facets
