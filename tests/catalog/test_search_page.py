"""A search's page read by its precompiled statement over the bitmaps' ids (catalog/search_page.py)
holds what the filter set's own query gives: the same trials in the same order, with the same card
columns, rank and snippet; the page a reader sees is the same byte for byte."""

import random
import re
from datetime import date
from unittest.mock import patch

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from catalog import facet_index, facets, search_page, views
from catalog.facets import facet_counts, within_selection
from catalog.filters import SORTS, TrialFilter, narrows
from catalog.models import CellSource, Trial
from ingest.loader import ingest_record
from ingest.record import Identifier, Intervention, PartialDate, Site, TrialRecord

pytestmark = pytest.mark.django_db

PRODUCTS = ["Umbilical cord MSC", "Adipose-derived stem cells", "Exosomes", "Conditioned medium", "SVF"]
CONDITIONS = ["Vitiligo", "Melasma", "Psoriasis", "Keloid", "Burns", "Diabetic foot ulcer"]
WORDS = ["stem cells", "repigmentation", "wound closure", "scar thickness", "itch", "safety", "injection"]
# What a card shows: the columns TrialQuerySet.for_list reads, its arrays of names, a search's rank and snippet.
CARD = [
    "pk",
    *sorted(Trial.objects.for_list().query.deferred_loading[0]),
    *Trial.objects.for_list().query.annotations,
    "rank",
    "snippet",
]
SEARCHES = ["stem cells", "vitiligo", "wound closure safety", "psoriasis OR keloid", '"scar thickness"', "cells -itch"]


@pytest.fixture
def searchable(vocabularies, settings):
    settings.FACET_INDEX = True  # the ids come from the bitmaps
    rng = random.Random(20261207)
    for number in range(70):
        condition = rng.choice(CONDITIONS)
        words = rng.sample(WORDS, 3)
        ingest_record(
            TrialRecord(
                source_format="test",
                identifiers=(Identifier("NCT", f"NCT0900{number:04d}"),),
                brief_title=f"{rng.choice(PRODUCTS)} for {condition}",
                brief_summary=f"A trial of {words[0]} in {condition.lower()}. It measures {words[1]} and {words[2]} "
                f"over {rng.randint(3, 24)} months; {rng.choice(WORDS)} is assessed at every visit.",
                status=rng.choice(["RECRUITING", "COMPLETED", "NOT_YET_RECRUITING", "UNKNOWN"]),
                phases=rng.choice([(), ("PHASE1",), ("PHASE1", "PHASE2"), ("PHASE2",)]),
                enrollment=rng.choice([None, rng.randint(10, 300)]),
                enrollment_type=rng.choice(["ESTIMATED", "ACTUAL", ""]),
                start_date=rng.choice([None, PartialDate(date(2015 + number % 10, 1 + number % 12, 1))]),
                completion_date=rng.choice([None, PartialDate(date(2020 + number % 12, 1 + number % 12, 15))]),
                last_updated=PartialDate(date(2024, 1 + number % 12, 1 + number % 28)),
                conditions_raw=(condition,),
                interventions=(Intervention(rng.choice(PRODUCTS), "BIOLOGICAL"),),
                sites=(Site(country=rng.choice(["China", "Iran", "Egypt"])),),
            ),
            f"searchable-{number}.json",
        )
    facet_index._indexes.clear()
    return Trial.objects.listed()


def _filterset(query: str) -> TrialFilter:
    filterset = TrialFilter(QueryDict(query), queryset=Trial.objects.listed())
    filterset.errors  # noqa: B018  # validated, as the view does
    facet_counts(filterset)  # the bitmaps give the selection's ids
    return filterset


def _card(trials) -> list[list]:
    return [[getattr(trial, name) for name in CARD] for trial in trials]


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_search_page_holds_the_rows_the_filter_sets_query_gives(searchable, data):
    search = data.draw(st.sampled_from(SEARCHES), label="search")
    parts = [("q", search)]
    if data.draw(st.booleans(), label="a status"):
        parts.append(("status", data.draw(st.sampled_from(["RECRUITING", "COMPLETED"]))))
    if data.draw(st.booleans(), label="a phase"):
        parts.append(("phase", "PHASE2"))
    if data.draw(st.booleans(), label="a country"):
        parts.append(("country", data.draw(st.sampled_from(["China", "Iran"]))))
    sort = data.draw(st.sampled_from(["", *SORTS]), label="sort")
    if sort:
        parts.append(("sort", sort))
    filterset = _filterset("&".join(f"{name}={value}" for name, value in parts).replace(" ", "+"))
    rows = search_page.searched_rows(filterset)
    assert rows is not None
    reference = within_selection(filterset, filterset.qs.for_list().with_snippets(filterset.form.cleaned_data["q"]))
    assert len(rows) == reference.count()
    start = data.draw(st.sampled_from([0, 5, 20]), label="page start")
    assert _card(rows[start : start + 10]) == _card(reference[start : start + 10])


def test_the_searched_page_is_the_page_the_orm_query_gave(searchable, client):
    """The whole list page, the precompiled statement's and the filter set's: the same bytes."""
    for query in [
        "?q=stem+cells",
        "?q=stem+cells&status=RECRUITING&phase=PHASE2",
        "?q=vitiligo&sort=completion",
        "?q=wound+closure&sort=enrollment&page=2",
        "?q=psoriasis+OR+keloid&sort=start&country=China",
        "?q=nothing+matches+this",
    ]:
        with patch.object(search_page, "_read", wraps=search_page._read) as read:
            by_statement = client.get(f"/trials/{query}")
        assert by_statement.status_code == 200
        assert read.called or "nothing" in query, query
        with patch.object(views, "searched_rows", lambda filterset: None):
            by_orm = client.get(f"/trials/{query}")
        assert by_statement.content.decode() == by_orm.content.decode(), query


def test_the_statement_is_prepared_and_bound_by_the_server(searchable, client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/trials/?q=stem+cells&status=RECRUITING").status_code == 200
    page = [query["sql"] for query in captured.captured_queries if "ts_headline" in query["sql"]]
    assert len(page) == 1
    assert re.search(r"LIMIT \d+ OFFSET 0$", page[0])  # logged with its values (catalog/pipelined.py)
    with connection.cursor() as cursor:  # PostgreSQL holds it prepared: planned once per connection
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%%ts_headline%%'")
        assert cursor.fetchone()[0] == 1


def test_only_a_text_search_over_known_few_ids_is_read_by_the_statement(searchable):
    assert search_page.searched_rows(_filterset("status=RECRUITING")) is None  # no search
    assert search_page.searched_rows(_filterset("q=NCT09000001")) is None  # a registry id
    assert search_page.searched_rows(_filterset("q=stem+cells")) is not None
    with patch.object(search_page, "MAX_IDS", 3):
        assert search_page.searched_rows(_filterset("q=stem+cells")) is None  # too many ids
    unindexed = TrialFilter(QueryDict("q=stem+cells"), queryset=Trial.objects.listed())
    unindexed.errors  # noqa: B018
    assert search_page.searched_rows(unindexed) is None  # facets not counted on bitmaps (cached)


def test_a_selection_of_no_trial_reads_nothing(searchable):
    filterset = _filterset("q=stem+cells&country=Atlantis")
    rows = search_page.searched_rows(filterset)
    with CaptureQueriesContext(connection) as captured:
        assert rows[0:25] == []
    assert captured.captured_queries == []


def test_an_empty_vocabulary_filter_narrows_nothing_and_is_not_evaluated(searchable):
    """The form's empty queryset is known empty: evaluating it compiled a query (per filter, per
    request) to find no row."""
    with patch.object(QuerySet, "_fetch_all", side_effect=AssertionError("evaluated")):
        assert not narrows(CellSource.objects.none())
        assert not narrows([]) and narrows([1]) and narrows(0) and not narrows("")
    assert narrows(CellSource.objects.all())


def test_the_bitmaps_of_one_base_selection_are_shared_and_of_another_are_not(searchable):
    listed = facet_index.index_for(Trial.objects.listed())
    assert facet_index.index_for(Trial.objects.filter(in_scope=True)) is listed
    assert facet_index.index_for(Trial.objects.filter(in_scope=False)) is not listed


@pytest.mark.parametrize(
    "query",
    [
        "q=stem+cells",
        "q=vitiligo&status=RECRUITING",
        "q=psoriasis+OR+keloid&phase=PHASE2",
        'q="scar+thickness"&country=China',
        "q=cells+-itch",
        "q=the",  # stop words alone: a text query that matches nothing
        "q=NCT09000003",  # a registry id
        "q=stem+cells&open=1",  # another filter besides the facets: the ORM's query
        "q=stem+cells&start_from=2018",
    ],
)
def test_a_search_among_candidates_finds_the_ids_the_orm_query_finds(searchable, query):
    filterset = TrialFilter(QueryDict(query), queryset=Trial.objects.listed())
    filterset.errors  # noqa: B018
    candidates = facet_index.index_for(filterset.queryset).universe
    by_orm = set(filterset.selection_without_facets().filter(pk__in=list(candidates)).values_list("pk", flat=True))
    statement = search_page.searched_ids_statement(filterset, candidates)
    compiled = "open" not in query and "start_from" not in query and "NCT" not in query
    assert (statement is not None) == compiled, query
    assert set(facets._searched_among(filterset, candidates)) == by_orm, query
    assert by_orm or query == "q=the" or "NCT" in query  # the searches find trials


def test_the_ids_among_candidates_are_read_unsorted(searchable):
    """A set of ids: the statement sorts nothing (the model's order sorted every match)."""
    filterset = TrialFilter(QueryDict("q=stem+cells&status=RECRUITING"), queryset=Trial.objects.listed())
    filterset.errors  # noqa: B018
    sql, _ = search_page.searched_ids_statement(filterset, facet_index.index_for(filterset.queryset).universe)
    assert "ORDER BY" not in sql.upper()
