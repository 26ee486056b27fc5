"""The trial list's filters: the only reader of request.GET for lists (pages, .json, .csv).

Values of one filter are OR-ed, filters are AND-ed. A phase filter matches any trial whose phase
set contains the phase, so Phase 1 finds Phase 1/2 trials too.
"""

import copy
from datetime import date

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Value, When
from django_filters.fields import ModelMultipleChoiceField as FilterModelMultipleChoiceField

from catalog import choices
from catalog.models import CellSource, Condition, ProductType, TagTerm, Trial, TrialIdentifier
from catalog.registries import REGISTRY_NAMES
from catalog.search import per_vocabulary, understood_search


def today_for_sorting() -> date:
    return date.today()


def _completion_next_first() -> list:
    """Completions still to come, the nearest first; then those past, the latest first."""
    today = today_for_sorting()
    to_come = Case(When(completion_date__gte=today, then=F("completion_date")), default=None)
    return [
        Case(When(completion_date__gte=today, then=Value(0)), When(completion_date__isnull=False, then=Value(1))).asc(
            nulls_last=True
        ),
        to_come.asc(nulls_last=True),
        F("completion_date").desc(nulls_last=True),
        "primary_id",
    ]


# (label, ordering) by key; trials without the sorted value come last, whichever the direction.
# A list opens on what the registries changed last; a search on its best matches.
SORTS = {
    "updated": (
        "Last updated by the registry, newest first",
        lambda: [F("last_updated").desc(nulls_last=True), "primary_id"],
    ),
    "relevance": ("Best match to the search", None),
    "start": ("Start date, newest first", lambda: [F("start_date").desc(nulls_last=True), "primary_id"]),
    "enrollment": ("Enrollment, largest first", lambda: [F("enrollment").desc(nulls_last=True), "primary_id"]),
    "completion": ("Completion date, next to come first", _completion_next_first),
}
DEFAULT_SORT = "updated"
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
    ("country", "Country"),
    ("sex", "Accepts"),
    ("study_type", "Study type"),
    ("registry", "Registry"),
]
# Filters that take one value each, shown as fields rather than facets (chips remove them).
SCALAR_FILTERS = ["q", "open", "age", "start_from", "start_to", "updated_since"]
MAX_QUERY_LENGTH = 200
# "Accepts women" is any trial open to women: female-only or all sexes.
SEX_ACCEPTED = {"FEMALE": ("Women", ["FEMALE", "ALL"]), "MALE": ("Men", ["MALE", "ALL"])}
# Codes that are not registries a trial is registered in.
NOT_REGISTRIES = ("ORG", "UTN")


def registry_choices():
    return [(code, name) for code, name in REGISTRY_NAMES.items() if code not in NOT_REGISTRIES]


class FlagInput(forms.CheckboxInput):
    """A ticked box sends open=1; "0", "false" or nothing mean not ticked."""

    def value_from_datadict(self, data, files, name):
        return str(data.get(name, "")).strip().lower() in ("1", "true", "on", "yes")


class FreeValuesField(forms.MultipleChoiceField):
    """Checkbox values without a fixed list (countries are whatever the registries wrote); an
    unknown value simply matches nothing."""

    def valid_value(self, value):
        return 0 < len(value) <= 100


class FreeValuesFilter(django_filters.MultipleChoiceFilter):
    field_class = FreeValuesField


# Filter name -> (the trial's many-to-many field, the lookup on the linked term).
LINKED_FILTERS = {
    "condition": ("conditions", "__in"),
    "cell_source": ("cell_sources", "__in"),
    "product_type": ("product_types", "__in"),
    "category": ("conditions", "__category__in"),
}


class _TermsBySlug(forms.ModelMultipleChoiceField):
    """Ticked vocabulary terms looked up among the vocabulary's terms this process read at its
    latest stamp (catalog/search.py `vocabulary_stamp`), not by a query of their own: that query,
    compiled and its rows built into terms, cost ~1 ms of a list with a ticked term. The same
    terms, in the same order and with the same errors as Django's `_check_values`."""

    def _check_values(self, value):
        try:
            value = frozenset(value)
        except TypeError:
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list") from None
        for each in value:
            self.validate_no_null_characters(each)
        terms = _terms_by_slug(self.queryset, self.to_field_name)
        for each in value:
            if str(each) not in terms:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": each}
                )
        return [term for key, term in terms.items() if key in value]


class VocabularyChoiceField(FilterModelMultipleChoiceField, _TermsBySlug):
    pass


class VocabularyFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = VocabularyChoiceField


def _terms_by_slug(queryset, key: str) -> dict:
    """{key: term} in the queryset's order, read again when the vocabulary changes."""
    return per_vocabulary(
        queryset.db,
        f"{queryset.model._meta.label} by {key}",
        lambda: {str(getattr(term, key)): term for term in queryset.all()},
    )


class SearchField(forms.CharField):
    """A search, understood when the form is validated (catalog/search.py): ids, vocabulary terms."""

    def clean(self, value):
        value = super().clean(value)
        return understood_search(value) if value else value


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


def narrows(value) -> bool:
    """Whether a cleaned filter value selects anything: an empty search, list or unticked box
    does not; an age of 0 does."""
    if value is None or value is False or value == "":
        return False
    if isinstance(value, QuerySet):  # a vocabulary filter with nothing ticked: known empty, not run
        return not value.query.is_empty() and value.exists()
    return not hasattr(value, "__len__") or len(value) > 0


class TrialFilter(django_filters.FilterSet):
    q = SearchFilter(
        method="filter_search",
        label="Search",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "condition, cell type, sponsor, place, registry ids…"}
        ),
    )
    # The vocabulary filters test the link tables with EXISTS: a join would repeat a trial once per
    # matching term and make every list and count query DISTINCT over all its columns.
    condition = VocabularyFilter(
        method="filter_linked",
        queryset=Condition.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )
    cell_source = VocabularyFilter(
        method="filter_linked",
        queryset=CellSource.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )
    category = django_filters.MultipleChoiceFilter(
        method="filter_linked",
        choices=Condition.CATEGORIES,
        label="Condition group",
        widget=forms.CheckboxSelectMultiple,
    )
    product_type = VocabularyFilter(
        method="filter_linked",
        queryset=ProductType.objects.all(),
        to_field_name="slug",
        label="Product",
        widget=forms.CheckboxSelectMultiple,
    )
    origin = django_filters.MultipleChoiceFilter(method="filter_array", choices=[], widget=forms.CheckboxSelectMultiple)
    route = django_filters.MultipleChoiceFilter(method="filter_array", choices=[], widget=forms.CheckboxSelectMultiple)
    phase = django_filters.MultipleChoiceFilter(
        method="filter_phase", choices=choices.as_choices(choices.PHASE), widget=forms.CheckboxSelectMultiple
    )
    # distinct=False: a column of the trial's own never repeats a trial (django-filter's default
    # would make every list and count query DISTINCT over all its columns).
    status = django_filters.MultipleChoiceFilter(
        choices=choices.as_choices(choices.STATUS), distinct=False, widget=forms.CheckboxSelectMultiple
    )
    open = django_filters.BooleanFilter(
        method="filter_open",
        label="Open to enrollment",
        widget=FlagInput,
        help_text="Not yet recruiting, recruiting or enrolling by invitation.",
    )
    country = FreeValuesFilter(method="filter_country", label="Country", widget=forms.CheckboxSelectMultiple)
    sex = django_filters.MultipleChoiceFilter(
        method="filter_sex",
        choices=[(value, label) for value, (label, _) in SEX_ACCEPTED.items()],
        label="Accepts",
        widget=forms.CheckboxSelectMultiple,
    )
    age = django_filters.NumberFilter(
        method="filter_age",
        label="Patient's age (years)",
        min_value=0,
        max_value=120,
        help_text="Trials whose age range includes this age.",
    )
    study_type = django_filters.MultipleChoiceFilter(
        choices=choices.as_choices(choices.STUDY_TYPE),
        distinct=False,
        label="Study type",
        widget=forms.CheckboxSelectMultiple,
    )
    registry = django_filters.MultipleChoiceFilter(
        method="filter_registry", choices=registry_choices, label="Registry", widget=forms.CheckboxSelectMultiple
    )
    start_from = django_filters.NumberFilter(
        method="filter_start_from", label="Started from (year)", min_value=1900, max_value=2100
    )
    start_to = django_filters.NumberFilter(
        method="filter_start_to", label="Started up to (year)", min_value=1900, max_value=2100
    )
    updated_since = django_filters.DateFilter(
        field_name="last_updated",
        lookup_expr="gte",
        label="Updated by the registry since",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sort = django_filters.ChoiceFilter(
        method="filter_sort",
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        empty_label=None,
        label="Sort by",
    )

    class Meta:
        model = Trial
        fields = [name for name, _ in FACETS] + SCALAR_FILTERS

    def __init__(self, *args, tag_terms: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # Origin and route values are the curators' vocabulary terms (read once per request).
        self.tag_terms = tag_terms if tag_terms is not None else load_tag_terms()
        for name, kind in (("origin", "origins"), ("route", "routes")):
            self.filters[name].extra["choices"] = [(value, value) for value in self.tag_terms[kind]]

    def get_form_class(self):
        """The form class of these filters, built once per process for each set of vocabulary terms
        it offers: a form copies its class's fields when it is made, so requests share no field."""
        key = tuple((kind, tuple(terms)) for kind, terms in sorted(self.tag_terms.items()))
        form_class = _FORM_CLASSES.get(key)
        if form_class is None:
            form_class = super().get_form_class()
            form_class.base_fields = _FieldsSharingChoices(form_class.base_fields)
            if len(_FORM_CLASSES) >= 8:  # the curators changed the terms: the old forms go
                _FORM_CLASSES.clear()
            _FORM_CLASSES[key] = form_class
        return form_class

    def filter_linked(self, queryset, name, values):
        """Trials linked to any of the ticked terms (or, for a condition group, to any condition of
        the ticked groups)."""
        if not narrows(values):  # nothing ticked (the form's empty queryset)
            return queryset
        values = [getattr(value, "pk", value) for value in values]
        relation, lookup = LINKED_FILTERS[name]
        field = Trial._meta.get_field(relation)
        links = field.remote_field.through.objects.filter(
            **{field.m2m_field_name(): OuterRef("pk"), f"{field.m2m_reverse_field_name()}{lookup}": values}
        )
        return queryset.filter(Exists(links))

    def filter_array(self, queryset, name, values):
        field = {"origin": "origins", "route": "routes"}[name]
        return queryset.filter(**{f"{field}__overlap": list(values)}) if values else queryset

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_phase(self, queryset, name, values):
        return queryset.filter(phases__overlap=list(values)) if values else queryset

    def filter_open(self, queryset, name, value):
        return queryset.filter(status__in=choices.OPEN_STATUSES) if value else queryset

    def filter_country(self, queryset, name, values):
        if not values:
            return queryset
        return queryset.filter(countries__overlap=list(values))

    def filter_sex(self, queryset, name, values):
        accepted = {sex for value in values for sex in SEX_ACCEPTED[value][1]}
        return queryset.filter(sex__in=accepted) if values else queryset

    def filter_age(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(Q(min_age_years__isnull=True) | Q(min_age_years__lte=value)).filter(
            Q(max_age_years__isnull=True) | Q(max_age_years__gte=value)
        )

    def filter_registry(self, queryset, name, values):
        if not values:
            return queryset
        registered = TrialIdentifier.objects.filter(trial=OuterRef("pk"), registry__in=values).exclude(kind="sponsor")
        return queryset.filter(Exists(registered))

    def filter_start_from(self, queryset, name, value):
        return queryset.filter(start_date__gte=date(int(value), 1, 1)) if value is not None else queryset

    def filter_start_to(self, queryset, name, value):
        return queryset.filter(start_date__lte=date(int(value), 12, 31)) if value is not None else queryset

    def filter_sort(self, queryset, name, value):
        return queryset  # ordered once every filter is applied (filter_queryset)

    def selection_without(self, *names: str | None):
        """The selection's trial ids leaving out the filters `names` (a facet is counted without its
        own ticks): the form is validated once for all facets. Invalid fields are left out, as
        in `qs`."""
        self.errors  # noqa: B018  # validates a bound form once, filling cleaned_data
        queryset = self.queryset.all()
        for filter_name, value in getattr(self.form, "cleaned_data", {}).items():
            if filter_name not in names and filter_name != "sort":
                queryset = self.filters[filter_name].filter(queryset, value)
        return queryset.order_by().values("pk")

    @property
    def qs(self):
        """The selection in its order; a list asked for with no parameter at all (unbound, so never
        through filter_queryset) opens in the default order too, not in the model's."""
        queryset = super().qs
        return queryset if self.is_bound else queryset.order_by(*SORTS[DEFAULT_SORT][1]())

    def selection_without_facets(self):
        """The selection's trial ids under the filters that are no facet (search, age, years,
        dates, open to enrollment): the facets' own are counted on bitmaps (catalog/facets.py)."""
        return self.selection_without(*(name for name, _ in FACETS))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = getattr(self.form, "cleaned_data", {})
        return queryset.order_by(*list_order(bool(data.get("q")), data.get("sort") or ""))


def list_order(searched: bool, sort: str) -> list:
    """A list's order: the sort asked for; without one, a search's best matches first and
    everything else by the registry's last update ("best match" without a search is that too)."""
    ordering = SORTS.get(sort, (None, None))[1]
    if ordering is None:
        return ["-rank", "primary_id"] if searched else SORTS[DEFAULT_SORT][1]()
    return ordering()


_FORM_CLASSES: dict[tuple, type] = {}


class _FiltersCopiedShallow(dict):
    """The filter set's class-level filters, each copied for a new filter set as far as one filter
    set may change it: its extra arguments (the vocabulary's choices) and the method bound to its
    parent. django-filter deep-copies them (querysets, widgets, choice lists: a millisecond of
    every list request), though each field made from them copies its widget and queryset anyway."""

    def __deepcopy__(self, memo):
        return {name: _copied_filter(original) for name, original in self.items()}


def _copied_filter(original):
    clone = copy.copy(original)
    clone.extra = dict(original.extra)
    clone.method = original.method  # the setter binds a new FilterMethod to the clone
    return clone


TrialFilter.base_filters = _FiltersCopiedShallow(TrialFilter.base_filters)


class _FieldsSharingChoices(dict):
    """The form class's fields, deep-copied for each new form as Django does, but for their choice
    lists: those are the same for every request and no request changes them, and copying them
    element by element was most of a form's making (0.3 ms of every list, search and JSON page)."""

    def __deepcopy__(self, memo):
        memo = dict(memo)
        for field in self.values():
            choices = getattr(field, "_choices", None)
            if choices is not None:
                memo[id(choices)] = choices  # deepcopy hands back what the memo holds
        return {name: copy.deepcopy(field, memo) for name, field in self.items()}


def phase_counts(trials) -> list[tuple[str, str, int]]:
    """(phase, label, trials) for each phase with trials; a Phase 1/2 trial counts in both."""
    counts = trials.aggregate(**{phase: Count("pk", filter=Q(phases__contains=[phase])) for phase in choices.PHASE})
    return [(phase, label, counts[phase]) for phase, label in choices.PHASE.items() if counts[phase]]


def status_counts(trials) -> list[tuple[str, str, int]]:
    """(status, label, trials) for each status with trials, in the vocabulary's order."""
    counts = dict(trials.values_list("status").annotate(count=Count("pk")).order_by())
    return [(status, label, counts[status]) for status, label in choices.STATUS.items() if counts.get(status)]


def load_tag_terms() -> dict[str, list[str]]:
    """The curators' origin and route terms, read again when the vocabularies' stamp changes."""
    alias = router.db_for_read(TagTerm)
    terms = per_vocabulary(alias, "tag terms", lambda: _read_tag_terms(alias))
    return {kind: list(names) for kind, names in terms.items()}  # a copy: callers may keep it


def _read_tag_terms(alias: str) -> dict[str, list[str]]:
    terms = {"origins": [], "routes": []}
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT kind, name FROM catalog_tagterm WHERE kind IN (%s, %s) ORDER BY kind, name", list(terms))
        for kind, name in cursor.fetchall():
            terms[kind].append(name)
    return terms
