"""Each filter alone and combined, with the counts beside each value."""

from datetime import date

import pytest
from django.http import QueryDict

from catalog.facets import facet_counts
from catalog.filters import TrialFilter
from catalog.models import Trial

pytestmark = pytest.mark.django_db


def ids(query: str) -> list[str]:
    filterset = TrialFilter(QueryDict(query), queryset=Trial.objects.all())
    assert filterset.is_valid(), filterset.errors
    return sorted(filterset.qs.values_list("primary_id", flat=True))


def counts(query: str) -> dict[str, dict[str, int]]:
    facets = facet_counts(TrialFilter(QueryDict(query), queryset=Trial.objects.all()))
    return {name: {item["value"]: item["count"] for item in values} for name, values in facets.items()}


def test_cell_source_umbilical_cord(seeded):
    assert ids("cell_source=umbilical-cord") == ["NCT03765957", "NCT06911281"]


def test_status_withdrawn(seeded):
    assert ids("status=WITHDRAWN") == ["NCT04034615"]


def test_condition_filter(seeded):
    assert ids("condition=melasma") == ["NCT06911281"]
    assert ids("condition=atrophic-acne-scar") == ["IRCT20080901001159N33"]


def test_phase1_filter_includes_phase1_2_trials(seeded):
    assert ids("phase=PHASE1") == ["IRCT20080901001159N33", "NCT06764329", "NCT06911281"]
    assert ids("phase=PHASE2") == ["NCT04034615", "NCT06764329"]
    assert ids("phase=EARLY_PHASE1") == ["NCT03765957"]


def test_values_of_one_filter_are_ored(seeded):
    assert ids("status=WITHDRAWN&status=UNKNOWN") == ["NCT03765957", "NCT04034615"]
    assert ids("cell_source=bone-marrow&cell_source=adipose-tissue") == ["IRCT20080901001159N33", "NCT06764329"]


def test_filters_are_anded(seeded):
    assert ids("cell_source=umbilical-cord&phase=PHASE1") == ["NCT06911281"]
    assert ids("cell_source=umbilical-cord&status=WITHDRAWN") == []


def test_search_finds_conditions_and_titles(seeded):
    assert ids("q=psoriasis") == ["NCT03765957"]
    assert ids("q=alopecia") == ["NCT06764329"]
    assert ids("q=conditioned medium") == ["IRCT20080901001159N33"]


def test_search_ranks_title_matches_first(seeded):
    filterset = TrialFilter(QueryDict("q=melasma"), queryset=Trial.objects.all())
    assert [trial.primary_id for trial in filterset.qs] == ["NCT06911281"]
    filterset = TrialFilter(QueryDict("q=umbilical cord"), queryset=Trial.objects.all())
    ranked = [trial.primary_id for trial in filterset.qs]
    # Both name umbilical cord in their titles; the caesarean trial mentions it only in its summary.
    assert ranked[:2] == sorted(ranked[:2]) and set(ranked[:2]) == {"NCT03765957", "NCT06911281"}
    assert ranked[-1] == "NCT04034615"


def test_invalid_value_is_an_error_not_a_crash(seeded):
    filterset = TrialFilter(QueryDict("status=BOGUS&condition=no-such"), queryset=Trial.objects.all())
    assert not filterset.is_valid()
    assert set(filterset.errors) == {"status", "condition"}


def test_counts_with_no_selection(seeded):
    result = counts("")
    assert result["cell_source"] == {"umbilical-cord": 2, "perinatal-tissue": 1, "bone-marrow": 1, "adipose-tissue": 1}
    assert result["phase"] == {"EARLY_PHASE1": 1, "PHASE1": 3, "PHASE2": 2}
    assert result["status"] == {
        "NOT_YET_RECRUITING": 1,
        "ENROLLING_BY_INVITATION": 1,
        "ACTIVE_NOT_RECRUITING": 1,
        "WITHDRAWN": 1,
        "UNKNOWN": 1,
    }
    assert sum(result["condition"].values()) == 5


def test_counts_follow_the_other_filters_but_not_their_own(seeded):
    result = counts("cell_source=umbilical-cord&status=UNKNOWN")
    # Status counts are for umbilical-cord trials, whatever status is chosen.
    assert result["status"] == {"NOT_YET_RECRUITING": 1, "UNKNOWN": 1}
    # Cell-source counts are for UNKNOWN-status trials.
    assert result["cell_source"] == {"umbilical-cord": 1}
    assert result["phase"] == {"EARLY_PHASE1": 1}


def test_selected_value_with_no_trials_stays_visible(seeded):
    facets = facet_counts(TrialFilter(QueryDict("status=COMPLETED"), queryset=Trial.objects.all()))
    assert {"value": "COMPLETED", "label": "Completed", "count": 0, "selected": True} in facets["status"]


def test_taxonomy_filters(seeded):
    assert ids("product_type=conditioned-medium") == ["IRCT20080901001159N33"]
    assert ids("origin=Allogeneic") == ["NCT06764329"]
    assert ids("route=Topical") == ["IRCT20080901001159N33", "NCT04034615"]
    assert ids("category=scar") == ["IRCT20080901001159N33", "NCT04034615"]
    assert ids("category=scar&product_type=cells") == ["NCT04034615"]


def test_taxonomy_facet_counts(seeded):
    result = counts("category=scar")
    assert result["category"] == {"scar": 2, "pigmentary": 1, "inflammatory": 1, "hair": 1}
    assert result["product_type"] == {"cells": 1, "conditioned-medium": 1}
    assert result["route"] == {"Topical": 2}


def test_open_to_enrollment_shortcut(seeded):
    assert ids("open=1") == ["NCT06764329", "NCT06911281"]
    assert ids("open=1&status=NOT_YET_RECRUITING") == ["NCT06911281"]
    assert ids("open=0") == ids("")


def test_country_filter_and_counts(seeded):
    assert ids("country=Iran") == ["IRCT20080901001159N33"]
    assert ids("country=Iran&country=China") == ["IRCT20080901001159N33", "NCT04034615"]
    assert ids("country=Atlantis") == []
    assert counts("")["country"] == {"Pakistan": 1, "Iran": 1, "China": 1}
    # Choosing a country leaves the other countries' counts as they were.
    assert counts("country=Iran")["country"] == {"Pakistan": 1, "Iran": 1, "China": 1}


def test_sex_filter_means_the_trial_accepts_that_sex(seeded):
    assert ids("sex=FEMALE") == ["IRCT20080901001159N33", "NCT03765957", "NCT04034615", "NCT06911281"]
    assert ids("sex=MALE") == ["IRCT20080901001159N33", "NCT03765957", "NCT06764329"]
    assert counts("")["sex"] == {"FEMALE": 4, "MALE": 3}
    assert counts("cell_source=umbilical-cord")["sex"] == {"FEMALE": 2, "MALE": 1}


def test_patient_age_fits_the_trials_age_range(seeded):
    assert ids("age=19") == ["NCT03765957", "NCT06911281"]
    assert ids("age=35") == ["IRCT20080901001159N33", "NCT03765957", "NCT04034615", "NCT06764329", "NCT06911281"]
    assert ids("age=36") == ["IRCT20080901001159N33", "NCT03765957", "NCT06764329", "NCT06911281"]
    assert ids("age=62") == ["NCT03765957"]


def test_age_range_left_open_by_the_registry_accepts_any_age(seeded):
    Trial.objects.filter(primary_id="NCT04034615").update(min_age_years=None, max_age_years=None)
    assert "NCT04034615" in ids("age=5") and "NCT04034615" in ids("age=90")


def test_study_type_and_registry(seeded):
    assert len(ids("study_type=INTERVENTIONAL")) == 5
    assert ids("study_type=OBSERVATIONAL") == []
    assert ids("registry=IRCT") == ["IRCT20080901001159N33"]
    assert len(ids("registry=NCT")) == 4
    assert counts("")["registry"] == {"NCT": 4, "IRCT": 1}
    assert counts("")["study_type"] == {"INTERVENTIONAL": 5}


def test_secondary_registry_ids_count_as_registered_there(seeded):
    trial = Trial.objects.get(primary_id="NCT04034615")
    trial.identifiers.create(registry="CHICTR", value="ChiCTR1900022222", kind="secondary")
    assert ids("registry=CHICTR") == ["NCT04034615"]
    assert counts("")["registry"] == {"NCT": 4, "IRCT": 1, "CHICTR": 1}
    # The Swiss portal and China's drug trial registry are choices too.
    trial.identifiers.create(registry="SNCTP", value="SNCTP000004567", kind="secondary")
    trial.identifiers.create(registry="CTR", value="CTR20212345", kind="secondary")
    assert ids("registry=SNCTP") == ids("registry=CTR") == ["NCT04034615"]


def test_start_year_range(seeded):
    assert ids("start_from=2022") == ["NCT06764329", "NCT06911281"]
    assert ids("start_to=2021") == ["IRCT20080901001159N33", "NCT04034615"]
    assert ids("start_from=2021&start_to=2024") == ["IRCT20080901001159N33", "NCT04034615", "NCT06764329"]


def test_last_update_since(seeded):
    assert ids("updated_since=2025-01-01") == ["NCT06764329", "NCT06911281"]
    assert ids("updated_since=2026-01-01") == []


def test_invalid_scalar_values_are_errors(seeded):
    filterset = TrialFilter(
        QueryDict("age=abc&start_from=99999&updated_since=yesterday&registry=ORG&sex=OTHER"),
        queryset=Trial.objects.all(),
    )
    assert not filterset.is_valid()
    assert set(filterset.errors) == {"age", "start_from", "updated_since", "registry", "sex"}


@pytest.mark.parametrize(
    "sort, expected",
    [
        ("start", ["NCT06911281", "NCT06764329", "IRCT20080901001159N33", "NCT04034615", "NCT03765957"]),
        ("updated", ["NCT06911281", "NCT06764329", "NCT04034615", "IRCT20080901001159N33", "NCT03765957"]),
        ("enrollment", ["NCT06764329", "IRCT20080901001159N33", "NCT06911281", "NCT03765957", "NCT04034615"]),
        # Still to come first (2027), then those past, the latest first (2025, 2022), then none.
        ("completion", ["NCT06911281", "NCT06764329", "NCT04034615", "IRCT20080901001159N33", "NCT03765957"]),
        # No sort: what the registries updated last.
        ("", ["NCT06911281", "NCT06764329", "NCT04034615", "IRCT20080901001159N33", "NCT03765957"]),
    ],
)
def test_sorts_put_missing_values_last(seeded, sort, expected, monkeypatch):
    monkeypatch.setattr("catalog.filters.today_for_sorting", lambda: date(2026, 12, 5))
    filterset = TrialFilter(QueryDict(f"sort={sort}"), queryset=Trial.objects.all())
    assert [trial.primary_id for trial in filterset.qs] == expected


def test_search_with_explicit_sort_keeps_the_sort(seeded):
    filterset = TrialFilter(QueryDict("q=stem cells&sort=enrollment"), queryset=Trial.objects.all())
    enrollments = [trial.enrollment for trial in filterset.qs]
    assert enrollments == sorted(enrollments, reverse=True) and len(enrollments) > 2


def test_websearch_syntax(seeded):
    assert ids('q="umbilical cord" -psoriasis') == ["NCT04034615", "NCT06911281"]
    assert ids("q=melasma OR alopecia") == ["NCT06764329", "NCT06911281"]
    # English stemming: "scars" finds "scar".
    assert "NCT04034615" in ids("q=scarring")


@pytest.mark.parametrize(
    "query",
    ["", "cell_source=umbilical-cord&status=UNKNOWN", "category=scar&phase=PHASE1&country=Iran", "q=cells&sex=FEMALE"],
)
def test_each_facet_count_is_what_ticking_that_value_would_list(seeded, query):
    """Every count beside a value equals the number of trials the list shows once that value is
    ticked instead of the facet's current ticks (values of one facet are OR-ed)."""
    for name, values in counts(query).items():
        without = QueryDict(query, mutable=True)
        without.pop(name, None)
        for value, count in values.items():
            ticked = without.copy()
            ticked.setlist(name, [value])
            assert len(ids(ticked.urlencode())) == count, (name, value)


def test_every_facet_is_counted_in_one_statement(seeded, django_assert_num_queries):
    # Four filters ticked: five selections (all, and without each), still one statement.
    for query in ("", "status=RECRUITING&phase=PHASE1&country=Pakistan&sex=FEMALE&q=skin"):
        filterset = TrialFilter(QueryDict(query), queryset=Trial.objects.all())
        assert filterset.is_valid()  # the page validated it already (a search read the vocabulary)
        with django_assert_num_queries(1):
            facet_counts(filterset)


def test_ticked_condition_without_trials_keeps_its_name_without_a_lookup(seeded, django_assert_num_queries):
    filterset = TrialFilter(QueryDict("condition=melasma&status=WITHDRAWN"), queryset=Trial.objects.all())
    assert filterset.is_valid()
    with django_assert_num_queries(1):
        facets = facet_counts(filterset)
    assert {"value": "melasma", "label": "Melasma", "count": 0, "selected": True} in facets["condition"]


def test_a_trial_matching_several_ticked_terms_is_listed_once_without_distinct(seeded):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from catalog.models import CellSource, Condition

    trial = Trial.objects.get(primary_id="NCT06911281")
    # Two more terms of each kind, so a join would repeat the trial once per ticked term.
    trial.conditions.add(*Condition.objects.exclude(trials=trial).order_by("slug")[:2])
    trial.cell_sources.add(*CellSource.objects.exclude(trials=trial).order_by("slug")[:2])
    conditions = [term.slug for term in trial.conditions.all()]
    cell_sources = [term.slug for term in trial.cell_sources.all()]
    categories = sorted({term.category for term in trial.conditions.all()})
    assert len(conditions) == len(cell_sources) == 3
    query = "&".join(
        [f"condition={slug}" for slug in conditions]
        + [f"cell_source={slug}" for slug in cell_sources]
        + [f"category={category}" for category in categories]
        + [f"status={trial.status}", "status=COMPLETED"]
    )
    filterset = TrialFilter(QueryDict(query), queryset=Trial.objects.all())
    with CaptureQueriesContext(connection) as queries:
        listed = list(filterset.qs.values_list("primary_id", flat=True))
        count = filterset.qs.count()
    assert listed == [trial.primary_id] and count == 1
    # The filters test the link tables with EXISTS: no query needs DISTINCT to undo a join.
    assert not [query["sql"] for query in queries.captured_queries if "DISTINCT" in query["sql"]]


def test_a_long_facet_shows_its_ticked_values_first(rf, seeded, monkeypatch):
    from catalog import facets
    from catalog.filters import TrialFilter
    from catalog.models import Trial

    def conditions(ticked: str) -> list[tuple[str, bool]]:
        filterset = TrialFilter(rf.get("/trials/", {"condition": [ticked]}).GET, queryset=Trial.objects.all())
        filterset.is_valid()
        return [(item["value"], item["selected"]) for item in facets.facet_counts(filterset)["condition"]]

    natural = conditions("vitiligo")
    last = natural[-1][0]  # the value the natural order puts last
    assert len(natural) >= 2
    monkeypatch.setattr(facets, "LONG_FACET", 1)  # every facet of two values or more is long
    assert conditions(last)[0] == (last, True)
    monkeypatch.setattr(facets, "LONG_FACET", 1000)  # short: the natural order, ticked or not
    assert [value for value, _ in conditions(last)] == [value for value, _ in natural]


def test_a_filter_set_offers_the_curators_terms_as_they_are_now_and_shares_no_state(seeded):
    from catalog.models import TagTerm

    def origin_choices(query=""):
        filterset = TrialFilter(QueryDict(query), queryset=Trial.objects.all())
        return [value for value, _ in filterset.form.fields["origin"].choices], filterset

    before, first = origin_choices("origin=Autologous")
    TagTerm.objects.create(kind="origins", name="Xenogeneic")
    after, second = origin_choices()
    assert "Xenogeneic" not in before and "Xenogeneic" in after  # a new term is offered at once
    # Each filter set has its own filters, form and fields, its method bound to itself.
    assert first.filters["origin"] is not second.filters["origin"]
    assert first.filters["q"].filter.f is first.filters["q"] and second.filters["q"].filter.f is second.filters["q"]
    assert first.form.fields["origin"] is not second.form.fields["origin"]
    assert TrialFilter.base_filters["origin"].extra.get("choices", []) == []  # the class's own stay untouched
    assert first.is_valid() and second.is_valid()
    # Two forms of one class (the same terms): their own fields, widgets and querysets; only the
    # choice lists, which no request changes, are one.
    third = TrialFilter(QueryDict("phase=NOT-A-PHASE"), queryset=Trial.objects.all())
    assert type(third.form) is type(second.form)
    for name in ("origin", "phase", "condition"):
        assert third.form.fields[name] is not second.form.fields[name]
        assert third.form.fields[name].widget is not second.form.fields[name].widget
    assert third.form.fields["condition"].queryset is not second.form.fields["condition"].queryset
    assert third.form.fields["phase"].choices is second.form.fields["phase"].choices
    assert not third.is_valid() and "phase" in third.form.errors and "phase" not in second.form.errors


def test_ticked_terms_are_the_vocabularys_own_with_djangos_errors(seeded):
    """Ticked terms are looked up among the vocabulary this process read (catalog/filters.py
    `_TermsBySlug`): the same terms, in the same order, and the same messages as Django's query."""
    from django import forms

    from catalog.models import Condition

    asked = ["melasma", "atrophic-acne-scar", "melasma"]
    form = TrialFilter(QueryDict("condition=" + "&condition=".join(asked)), queryset=Trial.objects.all()).form
    assert form.is_valid(), form.errors
    djangos = forms.ModelMultipleChoiceField(Condition.objects.all(), to_field_name="slug").clean(asked)
    assert form.cleaned_data["condition"] == list(djangos) and len(djangos) == 2
    for wrong in (["melasma", "no-such"], ["bad\x00slug"], "not-a-list"):
        form = TrialFilter(QueryDict(), queryset=Trial.objects.all()).form
        field = form.fields["condition"]
        with pytest.raises(forms.ValidationError) as ours:
            field.clean(wrong)
        with pytest.raises(forms.ValidationError) as theirs:
            forms.ModelMultipleChoiceField(Condition.objects.all(), to_field_name="slug").clean(wrong)
        assert ours.value.messages == theirs.value.messages


def test_a_term_the_curators_add_can_be_ticked_at_once(seeded):
    from catalog.models import CellSource

    assert ids("cell_source=umbilical-cord") == ["NCT03765957", "NCT06911281"]  # the terms read
    CellSource.objects.create(name="Amniotic membrane", slug="amniotic-membrane")
    assert ids("cell_source=amniotic-membrane") == []  # valid now, no trial yet
    CellSource.objects.filter(slug="amniotic-membrane").delete()
    filterset = TrialFilter(QueryDict("cell_source=amniotic-membrane"), queryset=Trial.objects.all())
    assert not filterset.is_valid()


def test_the_vocabularys_stamp_is_read_as_the_catalog_version_is(seeded, settings, django_assert_num_queries):
    """Trusted for CATALOG_VERSION_MEMO_SECONDS, forgotten with the version: a ticked term then
    costs no query at all."""
    from catalog.changes import forget_recent_versions

    settings.CATALOG_VERSION_MEMO_SECONDS = 60
    field = TrialFilter(QueryDict(), queryset=Trial.objects.all()).form.fields["condition"]
    assert [term.slug for term in field.clean(["melasma"])] == ["melasma"]
    with django_assert_num_queries(0):
        assert [term.slug for term in field.clean(["melasma"])] == ["melasma"]
        # the curators' origin and route terms too
        assert TrialFilter(QueryDict(), queryset=Trial.objects.all()).tag_terms.keys() == {"origins", "routes"}
    forget_recent_versions()  # what a change committed in this process does
    with django_assert_num_queries(1):  # the stamp read again; the terms, unchanged, kept
        assert [term.slug for term in field.clean(["melasma"])] == ["melasma"]
