"""The trial list's filters: the only reader of request.GET for lists (pages, .json, .csv).

Values of one filter are OR-ed, filters are AND-ed. A phase filter matches any trial whose phase
set contains the phase, so Phase 1 finds Phase 1/2 trials too.
"""

import django_filters
from django import forms
from django.db.models import Count, Q

from catalog import choices
from catalog.models import CellSource, Condition, ProductType, TagTerm, Trial

SORTS = {
    "relevance": ("Relevance", None),
    "start": ("Start date, newest first", ["-start_date", "primary_id"]),
    "updated": ("Last update, newest first", ["-last_updated", "primary_id"]),
    "enrollment": ("Enrollment, largest first", ["-enrollment", "primary_id"]),
    "completion": ("Completion date, soonest first", ["completion_date", "primary_id"]),
}
# Facets shown beside the list, in order: (filter name, heading).
FACETS = [
    ("category", "Condition group"),
    ("condition", "Condition"),
    ("cell_source", "Cell source"),
    ("product_type", "Product"),
    ("origin", "Origin"),
    ("route", "Route"),
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
    category = django_filters.MultipleChoiceFilter(
        field_name="conditions__category",
        choices=Condition.CATEGORIES,
        distinct=True,
        label="Condition group",
        widget=forms.CheckboxSelectMultiple,
    )
    product_type = django_filters.ModelMultipleChoiceFilter(
        field_name="product_types__slug",
        queryset=ProductType.objects.all(),
        to_field_name="slug",
        distinct=True,
        label="Product",
        widget=forms.CheckboxSelectMultiple,
    )
    origin = django_filters.MultipleChoiceFilter(method="filter_array", choices=[], widget=forms.CheckboxSelectMultiple)
    route = django_filters.MultipleChoiceFilter(method="filter_array", choices=[], widget=forms.CheckboxSelectMultiple)
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
        fields = ["q", "category", "condition", "cell_source", "product_type", "origin", "route", "phase", "status"]

    def __init__(self, *args, tag_terms: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # Origin and route values are the curators' vocabulary terms (read once per request).
        self.tag_terms = tag_terms if tag_terms is not None else load_tag_terms()
        for name, kind in (("origin", "origins"), ("route", "routes")):
            self.filters[name].extra["choices"] = [(value, value) for value in self.tag_terms[kind]]

    def filter_array(self, queryset, name, values):
        field = {"origin": "origins", "route": "routes"}[name]
        return queryset.filter(**{f"{field}__overlap": list(values)}) if values else queryset

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


def phase_counts(trials) -> list[tuple[str, str, int]]:
    """(phase, label, trials) for each phase with trials; a Phase 1/2 trial counts in both."""
    counts = trials.aggregate(**{phase: Count("pk", filter=Q(phases__contains=[phase])) for phase in choices.PHASE})
    return [(phase, label, counts[phase]) for phase, label in choices.PHASE.items() if counts[phase]]


def status_counts(trials) -> list[tuple[str, str, int]]:
    """(status, label, trials) for each status with trials, in the vocabulary's order."""
    counts = dict(trials.values_list("status").annotate(count=Count("pk")).order_by())
    return [(status, label, counts[status]) for status, label in choices.STATUS.items() if counts.get(status)]


def load_tag_terms() -> dict[str, list[str]]:
    terms = {"origins": [], "routes": []}
    for kind, name in TagTerm.objects.filter(kind__in=terms).values_list("kind", "name"):
        terms[kind].append(name)
    return terms


def facet_counts(data, base_queryset, tag_terms: dict | None = None) -> dict[str, list[dict]]:
    """For each facet value: how many trials the current selection would give with that value.

    A facet's own selection is left out when counting it, so choosing one status does not zero
    the other statuses (values of one filter are OR-ed).
    """
    selected = {name: set(data.getlist(name)) for name, _ in FACETS} if hasattr(data, "getlist") else {}
    tag_terms = tag_terms if tag_terms is not None else load_tag_terms()
    facets: dict[str, list[dict]] = {}
    for name, _heading in FACETS:
        others = data.copy()
        others.pop(name, None)
        others.pop("sort", None)
        matching = TrialFilter(others, queryset=base_queryset, tag_terms=tag_terms).qs.order_by().values("pk")
        in_selection = Trial.objects.filter(pk__in=matching)
        if name == "category":
            labels = dict(Condition.CATEGORIES)
            rows = (
                in_selection.exclude(conditions=None)
                .values("conditions__category")
                .annotate(count=Count("pk", distinct=True))
                .order_by("-count", "conditions__category")
            )
            values = [
                (row["conditions__category"], labels.get(row["conditions__category"]), row["count"]) for row in rows
            ]
        elif name == "product_type":
            rows = (
                in_selection.exclude(product_types=None)
                .values("product_types__slug", "product_types__name")
                .annotate(count=Count("pk"))
                .order_by("-count", "product_types__name")
            )
            values = [(row["product_types__slug"], row["product_types__name"], row["count"]) for row in rows]
        elif name in ("origin", "route"):
            field = {"origin": "origins", "route": "routes"}[name]
            terms = tag_terms[field]
            counts = in_selection.aggregate(
                **{
                    f"t{index}": Count("pk", filter=Q(**{f"{field}__contains": [term]}))
                    for index, term in enumerate(terms)
                }
            )
            values = [(term, term, counts[f"t{index}"]) for index, term in enumerate(terms) if counts[f"t{index}"]]
        elif name == "condition":
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
            values = phase_counts(in_selection)
        else:
            values = status_counts(in_selection)
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
