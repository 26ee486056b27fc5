"""Facet counts from bitmaps (catalog/facet_index.py) are the counts PostgreSQL gives: a property
test draws random selections over a varied catalog and compares every count."""

import random
from unittest.mock import patch

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from catalog import facet_index, facets
from catalog.facets import facet_counts, rows_from_index, rows_in_sql
from catalog.filters import FACETS, TrialFilter
from catalog.models import Trial
from ingest.loader import ingest_record
from ingest.record import Identifier, Intervention, Site, TrialRecord

pytestmark = pytest.mark.django_db

CONDITIONS = ["Vitiligo", "Melasma", "Psoriasis", "Keloid", "Burns", "Alopecia areata", "Diabetic foot ulcer"]
PRODUCTS = ["Umbilical cord MSC", "Adipose-derived stem cells", "Exosomes", "Conditioned medium", "SVF"]
COUNTRIES = ["China", "Iran", "Egypt", "United States", "Spain", "Japan"]
STATUSES = ["RECRUITING", "COMPLETED", "WITHDRAWN", "NOT_YET_RECRUITING", "UNKNOWN", ""]
PHASES = [(), ("PHASE1",), ("PHASE1", "PHASE2"), ("PHASE2",), ("PHASE3",), ("NA",)]


@pytest.fixture
def catalog(vocabularies):
    rng = random.Random(20261205)
    for number in range(60):
        # Every third trial is registered in Iran too: the registry facet has two values.
        extra_ids = [Identifier("IRCT", f"IRCT20200101000{number:03d}N1", "secondary")] if number % 3 == 0 else []
        ingest_record(
            TrialRecord(
                source_format="test",
                identifiers=(Identifier("NCT", f"NCT0800{number:04d}"), *extra_ids),
                brief_title=f"{rng.choice(PRODUCTS)} for {' and '.join(rng.sample(CONDITIONS, rng.randint(1, 2)))}",
                status=rng.choice(STATUSES),
                phases=rng.choice(PHASES),
                sex=rng.choice(["ALL", "FEMALE", "MALE", ""]),
                study_type=rng.choice(["INTERVENTIONAL", "OBSERVATIONAL", ""]),
                conditions_raw=tuple(rng.sample(CONDITIONS, rng.randint(0, 2))),
                interventions=(
                    Intervention(rng.choice(PRODUCTS), "BIOLOGICAL", rng.choice(["intravenous", "topical", ""])),
                ),
                sites=tuple(Site(country=country) for country in rng.sample(COUNTRIES, rng.randint(0, 3))),
            ),
            f"generated-{number}.json",
        )
    facet_index._indexes.clear()
    return Trial.objects.filter(in_scope=True)


def _values(trials) -> dict[str, list[str]]:
    """Every value each facet offers over the whole catalog (from SQL)."""
    filterset = TrialFilter(QueryDict(""), queryset=trials)
    return {name: [value for value, _, _ in rows] for name, rows in rows_in_sql(filterset, {}).items()}


def _filterset(trials, picks: dict[str, list[str]], extra: str = "") -> TrialFilter:
    data = QueryDict(extra, mutable=True)
    for name, values in picks.items():
        data.setlist(name, values)
    return TrialFilter(data, queryset=trials)


def _positive(rows_of):
    return {name: sorted(row for row in rows if row[2]) for name, rows in rows_of.items()}


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_count_of_any_selection_is_the_databases(catalog, data):
    values = _values(catalog)
    picks = {}
    for name, _ in FACETS:
        if values[name] and data.draw(st.booleans(), label=f"tick {name}"):
            picks[name] = data.draw(st.lists(st.sampled_from(values[name]), min_size=1, max_size=3, unique=True))
    extra = data.draw(st.sampled_from(["", "q=vitiligo", "open=1", "q=stem+cells&open=1"]))
    filterset = _filterset(catalog, picks, extra)
    assert filterset.is_valid(), filterset.errors
    selected = {name: set(picks.get(name, [])) for name, _ in FACETS}
    # A search with ticks is asked among the near-selection's trials, or once per ticked facet
    # when those are many: both ways, whatever the catalog's size.
    few = data.draw(st.sampled_from([facets._FEW_CANDIDATES, 0]), label="few candidates")
    with patch.object(facets, "_FEW_CANDIDATES", few):
        assert _positive(rows_from_index(filterset, selected)) == _positive(rows_in_sql(filterset, selected))
    # The list's count, when the bitmaps gave it, is the database's count of the selection; its
    # ids are the selection's, and a search's page held to them lists the same rows in order.
    if getattr(filterset, "selection_size", None) is not None:
        assert filterset.selection_size == filterset.qs.count()
        assert set(filterset.selection_ids) == set(filterset.qs.values_list("pk", flat=True))
        held = facets.within_selection(filterset, filterset.qs)
        assert list(held.values_list("pk", flat=True)) == list(filterset.qs.values_list("pk", flat=True))


def test_a_search_among_candidates_is_planned_on_bitmaps_for_its_statement_only(catalog):
    from django.db import connection

    filterset = _filterset(catalog, {"status": ["RECRUITING"]}, "q=vitiligo")
    assert filterset.is_valid(), filterset.errors
    statements = []

    def watch(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        rows_from_index(filterset, {"status": {"RECRUITING"}})
    searched = [index for index, sql in enumerate(statements) if "plainto_tsquery" in sql]
    assert len(searched) == 1, statements
    # One query, one round trip: PostgreSQL plans its SELECT with index scans off.
    first, select, last = statements[searched[0]].split("; ")
    assert (first, last) == ("SET LOCAL enable_indexscan = off", "SET LOCAL enable_indexscan = DEFAULT")
    assert select.startswith("SELECT") and "plainto_tsquery" in select
    with connection.cursor() as cursor:  # still inside the test's own transaction: set back
        cursor.execute("SHOW enable_indexscan")
        assert cursor.fetchone()[0] == "on"


def test_a_search_with_statement_breaks_in_it_is_only_a_search(catalog):
    """The search's words are bound into the query as literals: a semicolon or quote in them
    starts no statement of its own."""
    from urllib.parse import quote

    counted = {}
    for typed in ("vitiligo';", "vitiligo'; SET LOCAL enable_indexscan = on; SELECT 1; --"):
        filterset = _filterset(catalog, {"status": ["RECRUITING"]}, f"q={quote(typed)}")
        assert filterset.is_valid(), filterset.errors
        counted[typed] = _positive(rows_from_index(filterset, {"status": {"RECRUITING"}}))
        assert counted[typed] == _positive(rows_in_sql(filterset, {"status": {"RECRUITING"}}))
    assert counted["vitiligo';"]["status"]  # the vitiligo trials, found


def test_the_page_shows_the_same_facets_with_or_without_the_index(catalog, client, settings):
    for query in ["", "?status=RECRUITING", "?condition=vitiligo&country=China&phase=PHASE2", "?q=melasma"]:
        settings.FACET_INDEX = False
        by_sql = client.get(f"/trials.json{query}").json()["facets"]
        settings.FACET_INDEX = True
        assert client.get(f"/trials.json{query}").json()["facets"] == by_sql, query


def test_a_new_catalog_version_builds_a_new_index(catalog, settings, monkeypatch):
    settings.FACET_INDEX = True
    first = facet_index.index_for(catalog)
    assert facet_index.index_for(catalog) is first  # one build per version and process
    monkeypatch.setattr(facet_index, "recent_version", lambda alias: (10**9, None))
    assert facet_index.index_for(catalog) is not first


def test_facet_counts_use_the_index_when_it_is_on(catalog, settings, monkeypatch):
    settings.FACET_INDEX = True
    monkeypatch.setattr("catalog.facets.rows_in_sql", lambda *args: pytest.fail("counted in SQL"))
    facets = facet_counts(_filterset(catalog, {"status": ["RECRUITING"]}))
    counts = {item["value"]: item["count"] for item in facets["status"]}
    assert counts["RECRUITING"] == catalog.filter(status="RECRUITING").count() > 0
    assert counts["COMPLETED"] == catalog.filter(status="COMPLETED").count() > 0  # without its own filter


def test_the_lists_count_comes_from_the_bitmaps_and_is_the_databases(catalog, client, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.FACET_INDEX = True
    client.get("/trials.json")  # the index built, the vocabulary read
    for query in ["", "?status=RECRUITING", "?condition=vitiligo&country=China", "?q=melasma&phase=PHASE2"]:
        with CaptureQueriesContext(connection) as queries:
            page = client.get(f"/trials.json{query}").json()
        assert not [q for q in queries.captured_queries if "COUNT(*)" in q["sql"]], query  # no count asked
        filterset = TrialFilter(QueryDict(query.lstrip("?")), queryset=catalog)
        assert page["count"] == filterset.qs.count(), query
        settings.FACET_INDEX = False
        assert client.get(f"/trials.json{query}").json()["count"] == page["count"], query
        settings.FACET_INDEX = True


def test_a_searchs_page_is_read_among_the_selections_ids_and_lists_the_same_trials(catalog, client, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.FACET_INDEX = True
    for query in ["?q=vitiligo", "?q=stem+cells&status=RECRUITING", "?q=melasma&phase=PHASE2&country=China"]:
        with CaptureQueriesContext(connection) as queries:
            listed = client.get(f"/trials.json{query}").json()["results"]
        page_queries = [q["sql"] for q in queries.captured_queries if "ts_rank" in q["sql"]]
        assert page_queries and all("= ANY(" in sql for sql in page_queries), query
        settings.FACET_INDEX = False  # the page read by its filters alone
        assert client.get(f"/trials.json{query}").json()["results"] == listed, query
        settings.FACET_INDEX = True
    # Without a search the filters' own indexes read the page.
    with CaptureQueriesContext(connection) as queries:
        client.get("/trials.json?status=RECRUITING")
    assert not [q for q in queries.captured_queries if "= ANY(" in q["sql"]]
