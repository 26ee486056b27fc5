"""Facet counts beside the trial list: for each value of each facet, how many trials the current
selection would hold with that value.

A facet is counted without its own filter (values of one filter are OR-ed, so ticking one status
must not zero the others). Every facet is counted in one SQL statement, one round trip whatever
the selection: each distinct selection (the whole selection, and the selection without each
filter that has values ticked) is a CTE; the facets of the trial's own columns (phase, status,
sex, study type, origin, route) are counted in one scan of it, one COUNT(*) FILTER per value; the
others are one GROUP BY each, over a link table (conditions, identifiers…) or the trial's array of
countries; the parts are joined by UNION ALL. The CTEs are NOT MATERIALIZED on purpose: inlined, each is planned as a
semi-join with the real row estimates (a materialized CTE has none, and PostgreSQL then loops
over the trial index once per selected trial).
"""

from django.conf import settings
from django.db import connections
from pyroaring import BitMap

from catalog import choices
from catalog.facet_index import index_for, selection_ids
from catalog.filters import FACETS, NOT_REGISTRIES, SEX_ACCEPTED, TrialFilter, narrows
from catalog.models import CellSource, Condition, ProductType, Trial, TrialIdentifier
from catalog.registries import REGISTRY_NAMES
from catalog.search_page import among, ids_array, searched_ids_statement

TRIAL = Trial._meta.db_table
# The SQL below is assembled from table and column names of the models and the compiled SQL of
# the filter set; every value (filter values, facet names) travels as a parameter.


def _in(selection: str, column: str) -> str:
    return f"{column} IN (SELECT id FROM {selection})"  # nosec B608


def _term_sql(relation: str):
    """A many-to-many vocabulary (conditions, cell sources, products) read from its link table:
    (slug, name, trials)."""
    field = Trial._meta.get_field(relation)
    link, term = field.remote_field.through._meta.db_table, field.related_model._meta.db_table
    trial_column, term_column = field.m2m_column_name(), field.m2m_reverse_name()

    def sql(selection):
        return (
            f"SELECT term.slug, term.name, COUNT(*) FROM {link} link "  # nosec B608
            f"JOIN {term} term ON term.id = link.{term_column} "
            f"WHERE {_in(selection, 'link.' + trial_column)} GROUP BY term.slug, term.name"
        ), []

    return sql


def _pairs_sql(pairs: str, params: list | None = None):
    """Trials per value from a query of (trial_id, value) rows, made distinct first (a trial
    with two sites in one country counts once)."""

    def sql(selection):
        return (
            f"SELECT pair.value, NULL, COUNT(*) FROM ({pairs.format(selection=selection)}) "  # nosec B608
            "AS pair (trial_id, value) GROUP BY pair.value"
        ), list(params or [])

    return sql


# Facets of the trial's own columns: for each, the condition a trial with a value meets, and the
# values to count as (value, the condition's parameter). All of them are counted in one scan of
# the selection, one COUNT(*) FILTER per value (their vocabularies are short and known).
OWN_COLUMN_FACETS = {
    "origin": ("%s = ANY(trial.origins)", lambda tag_terms: [(term, term) for term in tag_terms["origins"]]),
    "route": ("%s = ANY(trial.routes)", lambda tag_terms: [(term, term) for term in tag_terms["routes"]]),
    "phase": ("%s = ANY(trial.phases)", lambda tag_terms: [(phase, phase) for phase in choices.PHASE]),
    "status": ("trial.status = %s", lambda tag_terms: [(status, status) for status in choices.STATUS]),
    # Women are accepted by female-only and all-sexes trials.
    "sex": ("trial.sex = ANY(%s)", lambda tag_terms: [(value, sexes) for value, (_, sexes) in SEX_ACCEPTED.items()]),
    "study_type": ("trial.study_type = %s", lambda tag_terms: [(kind, kind) for kind in choices.STUDY_TYPE]),
}


def _own_columns_sql(names: list[str], selection: str, tag_terms) -> tuple[str, list] | None:
    """Rows of (facet, value, NULL, trials) for facets of the trial's own columns, one scan."""
    counts, rows, count_params, row_params = [], [], [], []
    for name in names:
        condition, values = OWN_COLUMN_FACETS[name]
        for value, parameter in values(tag_terms):
            counts.append(f"COUNT(*) FILTER (WHERE {condition}) AS count_{len(counts)}")
            rows.append(f"(%s, %s, count_{len(rows)})")
            count_params.append(parameter)
            row_params.extend([name, value])
    if not counts:
        return None
    return (
        f"SELECT own.facet, own.value, NULL, own.trials FROM (SELECT {', '.join(counts)} "  # nosec B608
        f"FROM {TRIAL} trial WHERE {_in(selection, 'trial.id')}) AS total "
        f"CROSS JOIN LATERAL (VALUES {', '.join(rows)}) AS own (facet, value, trials)"
    ), count_params + row_params


_CONDITION = Trial._meta.get_field("conditions")
_IDENTIFIER = TrialIdentifier._meta.db_table

# Facets read from other tables, each its own GROUP BY, given the name of its selection's CTE:
# rows of (value, label or NULL, trials).
FACET_SQL = {
    "category": _pairs_sql(
        f"SELECT DISTINCT link.{_CONDITION.m2m_column_name()}, term.category "  # nosec B608
        f"FROM {_CONDITION.remote_field.through._meta.db_table} link "
        f"JOIN {Condition._meta.db_table} term ON term.id = link.{_CONDITION.m2m_reverse_name()} "
        f"WHERE link.{_CONDITION.m2m_column_name()} IN (SELECT id FROM {{selection}})"
    ),
    "condition": _term_sql("conditions"),
    "cell_source": _term_sql("cell_sources"),
    "product_type": _term_sql("product_types"),
    # Each trial's distinct countries, kept on its row (Trial.countries): no sites read.
    "country": _pairs_sql(
        f"SELECT trial.id, country.value FROM {TRIAL} trial CROSS JOIN LATERAL unnest(trial.countries) "  # nosec B608
        "AS country (value) WHERE trial.id IN (SELECT id FROM {selection})"
    ),
    "registry": _pairs_sql(
        f"SELECT DISTINCT trial_id, registry FROM {_IDENTIFIER} "  # nosec B608
        "WHERE kind <> 'sponsor' AND NOT (registry = ANY(%s)) AND trial_id IN (SELECT id FROM {selection})",
        [list(NOT_REGISTRIES)],
    ),
}


def _by_count(rows, labels=None):
    """Most trials first, then by name."""
    labelled = [(value, label or (labels or {}).get(value, value), count) for value, label, count in rows]
    return sorted(labelled, key=lambda row: (-row[2], row[1] if labels is None else row[0]))


def _in_order(rows, order: dict):
    """Only the vocabulary's values, in the vocabulary's order."""
    counts = {value: count for value, _, count in rows}
    return [(value, label, counts[value]) for value, label in order.items() if counts.get(value)]


def _ordered(name: str, rows, tag_terms) -> list[tuple[str, str, int]]:
    """A facet's rows as (value, label, trials), in the order the page shows them."""
    if name in ("condition", "cell_source", "product_type", "country"):
        return _by_count(rows)
    if name == "category":
        return _by_count(rows, dict(Condition.CATEGORIES))
    if name == "registry":
        return _by_count(rows, REGISTRY_NAMES)
    vocabularies = {
        "phase": choices.PHASE,
        "status": choices.STATUS,
        "study_type": choices.STUDY_TYPE,
        "sex": {value: label for value, (label, _) in SEX_ACCEPTED.items()},
        "origin": {term: term for term in tag_terms["origins"]},
        "route": {term: term for term in tag_terms["routes"]},
    }
    return _in_order(rows, vocabularies[name])


def facet_counts(filterset: TrialFilter) -> dict[str, list[dict]]:
    """For each facet value: how many trials the filter set's selection would give with that
    value, as {"value", "label", "count", "selected"} per value, every facet in FACETS. The
    filter set is the page's own (its form validated once, for the list and for the facets)."""
    data, tag_terms = filterset.data, filterset.tag_terms
    selected = {name: set(data.getlist(name)) for name, _ in FACETS} if hasattr(data, "getlist") else {}
    rows_of = rows_from_index(filterset, selected) if settings.FACET_INDEX else rows_in_sql(filterset, selected)

    # Ticked vocabulary terms were read from the database when the form validated them.
    cleaned = getattr(filterset.form, "cleaned_data", {})
    ticked_names = {term.slug: term.name for name in _TERM_MODELS for term in cleaned.get(name) or []}
    facets: dict[str, list[dict]] = {}
    for name, _ in FACETS:
        chosen = selected.get(name, set())
        facets[name] = [
            {"value": value, "label": label, "count": count, "selected": value in chosen}
            for value, label, count in _ordered(name, rows_of[name], tag_terms)
        ]
        # A ticked value with no trials left still shows, so it can be unticked.
        shown = {item["value"] for item in facets[name]}
        for value in sorted(chosen - shown):
            facets[name].append(
                {"value": value, "label": _label_of(name, value, ticked_names), "count": 0, "selected": True}
            )
        if len(facets[name]) > LONG_FACET:  # ticked values first: never scrolled out of sight
            facets[name].sort(key=lambda item: not item["selected"])
    return facets


def rows_from_index(filterset: TrialFilter, selected: dict[str, set]) -> dict[str, list[tuple]]:
    """Every facet's (value, label, trials) counted on this process's bitmaps (catalog/facet_index.py).

    The filters that are facets are unions of their ticked values' bitmaps; the others (a search,
    an age, years, dates) are read from the database once, as the trial ids they leave. A facet is
    counted over the intersection of every filter but its own: one query, however many facets
    have ticks (three ticked facets at 100,000 trials: 102 -> 2 ms).

    A search can match most trials, and reading all their ids costs (420 ms at 100,000 trials):
    it is asked only among the trials that pass every ticked facet but one at most, the only ones
    any facet is counted over (the bench's search with three ticked facets: 9,220 trials, 76 ms;
    searching once per ticked facet took 230). When those are most trials (one facet ticked), it
    is searched once per ticked facet, the facets' filters narrowing it."""
    index = index_for(filterset.queryset)
    cleaned = getattr(filterset.form, "cleaned_data", {})
    facet_names = {name for name, _ in FACETS}
    ticked = {
        name: index.union_of(name, [getattr(value, "slug", value) for value in values])
        for name, values in cleaned.items()
        if name in facet_names and narrows(values)
    }
    rest_narrows = any(narrows(value) for key, value in cleaned.items() if key not in facet_names | {"sort"})
    if cleaned.get("q") and ticked:
        candidates = _all_but_one(index.universe, list(ticked.values()))
        if len(candidates) > max(_FEW_CANDIDATES, len(index.universe) // 5):
            return _rows_searched_per_facet(filterset, index, selected, cleaned)
        base = _searched_among(filterset, candidates)
    else:
        base = selection_ids(filterset.selection_without_facets()) if rest_narrows else index.universe
    selections = {}
    for name, _ in FACETS:
        selection = base
        for other, ids in ticked.items():
            if other != name:
                selection = selection & ids
        selections[name] = selection
    # The selection itself is every facet's set under its own ticks too: the list's count, without
    # asking the database again (views read it when the facets were counted here).
    whole = base
    for ids in ticked.values():
        whole = whole & ids
    filterset.selection_size = len(whole)
    filterset.selection_ids = whole
    return index.rows(selections)


_FEW_SELECTED = 5000


def within_selection(filterset: TrialFilter, trials):
    """A search's rows held to the trial ids the facets' bitmaps left, when they were counted there
    and leave few: PostgreSQL then reads those rows by their key and checks each filter on them,
    instead of matching the search's and every filter's index again over the whole catalog (the
    bench's search with three filters at 100,000 trials: its page's query 21 -> 8 ms). The rows
    are the same: the ids are the filters' own selection (the property tests compare the two).
    Without a search the filters' own indexes are cheap, and a long list of ids is not."""
    ids = getattr(filterset, "selection_ids", None)
    searched = getattr(filterset.form, "cleaned_data", {}).get("q")
    return (
        trials.filter(among(ids_array(ids))) if searched and ids is not None and len(ids) <= _FEW_SELECTED else trials
    )


_FEW_CANDIDATES = 5000


def _all_but_one(universe: BitMap, unions: list[BitMap]) -> BitMap:
    """The trials in every one of `unions` but one at most."""
    found = BitMap()
    for left_out in range(len(unions)):
        part = universe
        for index, union in enumerate(unions):
            if index != left_out:
                part = part & union
        found |= part
    return found


def _searched_among(filterset: TrialFilter, candidates: BitMap) -> BitMap:
    """The ids a search leaves among `candidates`, read by intersecting the search's index with
    the candidates' in bitmaps. PostgreSQL would rather fetch each candidate by its id and match
    its text (its estimate of the common words' index is high): 60 ms at 100,000 trials and 9,220
    candidates, 1.8 ms at 5,000 and 482, against 23 and 1.0 ms intersected. Only this statement
    is planned so: the three statements go as one query, which PostgreSQL runs as one transaction
    of its own (one round trip, where BEGIN, SET, SELECT, SET and COMMIT took five: ~0.6 ms of a
    search); set back for an outer transaction (a test's). Django's cursors bind parameters on
    the client, so a query may hold several statements."""
    statement = searched_ids_statement(filterset, candidates)  # compiled once, the search spliced in
    if statement is None:  # other filters too: the ORM's query of them all
        selection = (
            filterset.selection_without_facets().filter(among(ids_array(candidates))).values_list("pk", flat=True)
        )
        statement = selection.query.sql_with_params()
    sql, params = statement
    with connections[filterset.queryset.db].cursor() as cursor:
        cursor.execute(f"SET LOCAL enable_indexscan = off; {sql}; SET LOCAL enable_indexscan = DEFAULT", params)
        cursor.nextset()  # the SELECT's rows
        return BitMap(pk for (pk,) in cursor.fetchall())


def _rows_searched_per_facet(filterset, index, selected, cleaned) -> dict[str, list[tuple]]:
    """The selection's trial ids read once, and once more without each facet that has ticks."""
    # Facets with nothing ticked share the whole selection; each facet with ticks has its own.
    selection_of = {name: (name if selected.get(name) else "") for name, _ in FACETS}
    ids_without: dict[str, BitMap] = {}
    for without in dict.fromkeys(selection_of.values()):
        narrowing = any(narrows(value) for key, value in cleaned.items() if key not in (without, "sort"))
        ids_without[without] = (
            selection_ids(filterset.selection_without(without or None)) if narrowing else index.universe
        )
    return index.rows({name: ids_without[without] for name, without in selection_of.items()})


def rows_in_sql(filterset: TrialFilter, selected: dict[str, set]) -> dict[str, list[tuple]]:
    """Every facet's (value, label, trials) counted by PostgreSQL in one statement: the reference
    the bitmap index is tested against, and the way when FACET_INDEX is off."""
    tag_terms = filterset.tag_terms
    # Facets with nothing ticked share the whole selection; each facet with ticks has its own.
    selection_of = {name: (name if selected.get(name) else "") for name, _ in FACETS}
    names = {without: f"selection_{index}" for index, without in enumerate(dict.fromkeys(selection_of.values()))}
    ctes, parts, params = [], [], []
    for without, cte in names.items():
        sql, cte_params = filterset.selection_without(without or None).query.sql_with_params()
        ctes.append(f"{cte} (id) AS NOT MATERIALIZED ({sql})")
        params.extend(cte_params)
    for without, cte in names.items():
        facets_here = [name for name, _ in FACETS if selection_of[name] == without]
        own = _own_columns_sql([name for name in facets_here if name in OWN_COLUMN_FACETS], cte, tag_terms)
        if own:
            parts.append(own[0])
            params.extend(own[1])
        for name in facets_here:
            if name in FACET_SQL:
                sql, facet_params = FACET_SQL[name](cte)
                parts.append(f"SELECT %s, facet.* FROM ({sql}) AS facet")  # nosec B608
                params.extend([name, *facet_params])
    statement = f"WITH {', '.join(ctes)} " + " UNION ALL ".join(parts)
    rows_of: dict[str, list] = {name: [] for name, _ in FACETS}
    with connections[filterset.queryset.db].cursor() as cursor:
        cursor.execute(statement, params)
        for name, value, label, count in cursor.fetchall():
            rows_of[name].append((value, label, count))
    return rows_of


# A facet longer than this shows its ticked values first (short ones keep their natural order:
# phases, statuses).
LONG_FACET = 10


_TERM_MODELS = {"condition": Condition, "cell_source": CellSource, "product_type": ProductType}


def _label_of(name: str, value: str, ticked_names: dict[str, str]) -> str:
    """The display label of a ticked facet value that no trial in the selection has."""
    if name in _TERM_MODELS:
        if value in ticked_names:
            return ticked_names[value]
        # A field the form refused (one unknown slug among its values): looked up alone.
        return _TERM_MODELS[name].objects.filter(slug=value).values_list("name", flat=True).first() or value
    labels = {
        "category": dict(Condition.CATEGORIES),
        "phase": choices.PHASE,
        "status": choices.STATUS,
        "study_type": choices.STUDY_TYPE,
        "registry": REGISTRY_NAMES,
        "sex": {key: label for key, (label, _) in SEX_ACCEPTED.items()},
    }
    return labels.get(name, {}).get(value, value)
