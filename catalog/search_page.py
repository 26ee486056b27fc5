"""A search's two statements, compiled once per process with a marker where the search's tsquery
goes: the ids it leaves among the facets' candidates (catalog/facets.py), and its page of cards
over the ids the bitmaps left, prepared by PostgreSQL.

A search with filters was the slowest list to compute (bench/web_bench.py). Both its queries were
built from the whole filter set and compiled by the ORM on every request (the filters, the rank,
the snippets: about a quarter of the request's processor time), then parsed and planned by
PostgreSQL, though the bitmaps had already given the selection's ids. Here a request compiles only
its tsquery and splices it in; the page's statement is bound by the server, so PostgreSQL plans it
once per connection (catalog/pipelined.py). The ids are those of the filter set's query, and the
page's rows are the ORM's `qs.for_list().with_snippets(...)` held to the ids: the same trials,
order, columns, ranks and snippets (tests/catalog/test_search_page.py).
"""

import re
from datetime import date
from functools import lru_cache

from django.contrib.postgres.search import SearchQueryField
from django.db import connection, connections
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from pyroaring import BitMap

from catalog.filters import FACETS, list_order, narrows, today_for_sorting
from catalog.models import Trial, search_rank, search_snippet
from catalog.pipelined import fetch_pipelined, model_instances
from catalog.search import full_text_query, understood

# A selection longer than this is read by the ORM's query: its ids would be a long parameter, and
# the filters' own indexes find its rows as fast (catalog/facets.py `within_selection`).
MAX_IDS = 5000
_TSQUERY = "\x00the search\x00"  # stand for the tsquery and the ids while the statement is compiled
_IDS = "\x00the ids\x00"
_PLACEHOLDER = re.compile(r"%%|%s")
_TRIAL_COLUMNS = frozenset(field.column for field in Trial._meta.concrete_fields)


class SearchedRows:
    """The selection's trials in the list's order, read a page at a time when the paginator
    slices them (a sequence, as a queryset is to it)."""

    def __init__(self, ids: BitMap, search_query, order: str, alias: str):
        self.ids, self.search_query, self.order, self.alias = ids, search_query, order, alias

    def __len__(self) -> int:
        return len(self.ids)

    def count(self) -> int:
        return len(self.ids)

    def __getitem__(self, part: slice) -> list[Trial]:
        start, stop = part.start or 0, len(self.ids) if part.stop is None else part.stop
        if not self.ids or stop <= start:
            return []
        return _read(self, start, stop - start)


def searched_rows(filterset) -> SearchedRows | None:
    """The page rows of a search whose selection the bitmaps gave as few ids, else None (the ORM's
    query reads them: no search, a search of registry ids or of operators alone, or ids unknown)."""
    cleaned = getattr(filterset.form, "cleaned_data", {})
    search, ids = cleaned.get("q"), getattr(filterset, "selection_ids", None)
    if not search or ids is None or len(ids) > MAX_IDS or not _of_the_public_list(filterset):
        return None
    alias = filterset.queryset.db
    search_query = full_text_query(understood(search, alias))
    if search_query is None:
        return None
    return SearchedRows(ids, search_query, cleaned.get("sort") or "", alias)


def _read(rows: SearchedRows, offset: int, limit: int) -> list[Trial]:
    sql, params = _bound("page", rows.order, rows.alias, rows.search_query, rows.ids)
    page = fetch_pipelined(rows.alias, {"page": (sql + " LIMIT %s OFFSET %s", [*params, limit, offset])})
    columns, fetched = page["page"]
    connection = connections[rows.alias]
    # The trial's own columns come first, its annotations (the cards' names, rank, snippet) after.
    width = next((index for index, name in enumerate(columns) if name not in _TRIAL_COLUMNS), len(columns))
    trials = model_instances(Trial, columns[:width], [row[:width] for row in fetched], connection)
    for trial, row in zip(trials, fetched, strict=True):
        for name, value in zip(columns[width:], row[width:], strict=True):
            setattr(trial, name, value)
    return trials


def searched_ids_statement(filterset, candidates: BitMap) -> tuple[str, list] | None:
    """(sql, params) selecting the ids among `candidates` that the filter set's search matches,
    when the search is its only filter besides the facets' (catalog/facets.py counts those on
    bitmaps), else None (the ORM's query of the filters). The same ids as
    `filterset.selection_without_facets()` held to the candidates (tests compare them)."""
    cleaned = getattr(filterset.form, "cleaned_data", {})
    facets = {name for name, _ in FACETS}
    if any(narrows(value) for name, value in cleaned.items() if name not in facets | {"q", "sort"}):
        return None
    if not _of_the_public_list(filterset):
        return None
    alias = filterset.queryset.db
    search_query = full_text_query(understood(cleaned.get("q"), alias)) if cleaned.get("q") else None
    if search_query is None:
        return None
    return _bound("ids", "", alias, search_query, candidates)


def _of_the_public_list(filterset) -> bool:
    """Whether the filter set selects among the public list's trials, the statements' own."""
    return filterset.queryset.query.where == Trial.objects.listed().query.where


def _bound(what: str, order: str, alias: str, search_query, ids: BitMap) -> tuple[str, list]:
    """A compiled statement with the search's tsquery in its places and the ids bound."""
    sql, counts, params = _statement(what, order, alias, today_for_sorting())
    tsquery_sql, tsquery_params = _compiled_tsquery(search_query, alias)
    ids_text = ids_array(ids)
    values = iter(params)
    bound = []
    for index, count in enumerate(counts):
        if index:
            bound.extend(tsquery_params)
        bound.extend(ids_text if value == _IDS else value for value in (next(values) for _ in range(count)))
    return sql.replace(_TSQUERY, tsquery_sql), bound


def ids_array(ids: BitMap) -> str:
    """Trial ids as one array parameter's text, '{1,2,3}': the driver dumps a list element by
    element in Python (1 ms of a search's thousands of candidates)."""
    return "{" + ",".join(map(str, ids)) + "}"


def among(array: str) -> RawSQL:
    """A condition on the trial's id: one of the array's (one parameter, not one per id)."""
    column = f"{connection.ops.quote_name(Trial._meta.db_table)}.{connection.ops.quote_name('id')}"
    return RawSQL(f"{column} = ANY(%s::bigint[])", [array], output_field=BooleanField())  # noqa: S611  # nosec B611


def _queryset(what: str, order: str):
    """The statement's query, the tsquery and the ids as markers: a page of cards, or the ids."""
    marker = RawSQL(_TSQUERY, (), output_field=SearchQueryField())  # noqa: S611  # nosec B611  # a constant
    if what == "ids":
        # As TrialQuerySet.search filters: the stored vector matches the query.
        matches = RawSQL(f'"{Trial._meta.db_table}"."search_vector" @@ {_TSQUERY}', (), output_field=BooleanField())  # noqa: S611  # nosec B611
        # A set of ids: unordered (the model's order sorted every match, ~0.1 ms of a search).
        return Trial.objects.listed().filter(matches, among(_IDS)).order_by().values_list("pk", flat=True)
    trials = Trial.objects.listed().filter(among(_IDS)).for_list()
    trials = trials.annotate(rank=search_rank(marker), snippet=search_snippet(marker))
    return trials.order_by(*list_order(True, order))


@lru_cache(maxsize=32)
def _statement(what: str, order: str, alias: str, today: date) -> tuple[str, tuple[int, ...], tuple]:
    """The statement's SQL (compiled again each day: an order may hold today's date), the number
    of its parameters before, between and after the tsquery's places, and its parameters."""
    sql, params = _queryset(what, order).query.get_compiler(alias).as_sql()
    pieces = sql.split(_TSQUERY)
    counts = tuple(_PLACEHOLDER.findall(piece).count("%s") for piece in pieces)
    if len(pieces) < 2 or sum(counts) != len(params) or list(params).count(_IDS) != 1:
        raise ValueError(f"the search's statement is not the one expected: {sql!r} {params!r}")
    return sql, counts, tuple(params)


def _compiled_tsquery(search_query, alias: str) -> tuple[str, list]:
    """The tsquery's SQL and parameters alone: all a request compiles."""
    query = Trial.objects.all().query
    resolved = search_query.resolve_expression(query)
    sql, params = query.get_compiler(alias).compile(resolved)
    return sql, list(params)
