"""Facet counts as set intersections: each facet value's trials held as a compressed bitmap of
trial ids (pyroaring), built once per catalog version and process, shared by its threads.

Counting every facet in SQL scans the selection once per facet (49 ms of a list page's 84 at
5,000 trials). Here the selection is read once as its trial ids (once more for each facet with
ticked values, which is counted without its own filter), and each value's count is the size of
its bitmap's intersection with the selection: microseconds. The bitmaps hold the trials of the
list's base queryset (listed: in scope, published); a selection is always among them.
`facets.rows_in_sql` is the reference the tests compare every count with.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from threading import Lock

from django.conf import settings
from django.db import DatabaseError, connections
from pyroaring import BitMap

from catalog.changes import recent_version
from catalog.filters import FACETS, NOT_REGISTRIES, SEX_ACCEPTED
from catalog.models import Trial, TrialIdentifier
from config.routers import public_reads

logger = logging.getLogger(__name__)

# Facets read from a column of the trial (arrays hold several values).
_COLUMNS = {"origin": "origins", "route": "routes", "phase": "phases", "status": "status", "study_type": "study_type"}
_TERMS = {"condition": "conditions", "cell_source": "cell_sources", "product_type": "product_types"}


class FacetIndex:
    """{facet: {value: (label or None, bitmap of trial ids)}} for the trials of one queryset."""

    def __init__(self, values: dict[str, dict[str, tuple[str | None, BitMap]]], universe: BitMap):
        self.values, self.universe = values, universe

    @classmethod
    def of(cls, trials) -> FacetIndex:
        ids: dict[str, dict[str, list[int]]] = {name: defaultdict(list) for name, _ in FACETS}
        labels: dict[str, dict[str, str]] = {name: {} for name, _ in FACETS}
        universe = []
        columns = ["pk", "sex", "countries", *_COLUMNS.values()]
        for pk, sex, countries, *values in trials.order_by().values_list(*columns).iterator(chunk_size=5000):
            universe.append(pk)
            for name, value in zip(_COLUMNS, values, strict=True):
                for each in value if isinstance(value, list) else [value]:
                    if each:  # an empty status or type is no value of the facet
                        ids[name][each].append(pk)
            for country in countries or []:
                ids["country"][country].append(pk)
            for accepted, (_, sexes) in SEX_ACCEPTED.items():  # women: female-only and all-sexes trials
                if sex in sexes:
                    ids["sex"][accepted].append(pk)
        for name, relation in _TERMS.items():
            link = Trial._meta.get_field(relation).remote_field.through
            term = Trial._meta.get_field(relation).m2m_reverse_field_name()
            extra = [f"{term}__category"] if name == "condition" else []
            rows = link.objects.filter(trial__in=trials.order_by().values("pk")).values_list(
                "trial_id", f"{term}__slug", f"{term}__name", *extra
            )
            for pk, slug, label, *category in rows.iterator(chunk_size=5000):
                ids[name][slug].append(pk)
                labels[name][slug] = label
                if category:
                    ids["category"][category[0]].append(pk)
        registries = (
            TrialIdentifier.objects.filter(trial__in=trials.order_by().values("pk"))
            .exclude(kind="sponsor")
            .exclude(registry__in=NOT_REGISTRIES)
            .values_list("trial_id", "registry")
        )
        for pk, registry in registries.iterator(chunk_size=5000):
            ids["registry"][registry].append(pk)
        values = {
            name: {value: (labels[name].get(value), BitMap(pks)) for value, pks in by_value.items()}
            for name, by_value in ids.items()
        }
        return cls(values, BitMap(universe))

    def union_of(self, name: str, values: list[str]) -> BitMap:
        """The trials holding any of a facet's values (how a facet filters: values of one filter
        are any-of; "accepts women" is kept as the trials it accepts); a value no listed trial
        holds adds none."""
        return BitMap.union(BitMap(), *(self.values[name][value][1] for value in values if value in self.values[name]))

    def rows(self, selections: dict[str, BitMap]) -> dict[str, list[tuple]]:
        """(value, label, trials) of each facet's values with trials in its selection
        (`selections`: facet -> the trial ids it is counted over)."""
        rows_of = {}
        for name, _ in FACETS:
            selection = selections[name]
            rows_of[name] = [
                (value, label, count)
                for value, (label, trials) in self.values[name].items()
                if (count := trials.intersection_cardinality(selection))
            ]
        return rows_of


# (database alias, base query) -> (catalog version, index): this process's indexes.
_indexes: dict[tuple, tuple[int, FacetIndex]] = {}
_building = Lock()


def index_key(trials) -> tuple:
    """Which trials an index holds: the base queryset's conditions (comparing them costs
    microseconds; its SQL compiled to text cost 0.5 ms of every list)."""
    return (trials.db, trials.model, trials.query.where)


def index_for(trials) -> FacetIndex:
    """The index of the queryset's trials at the catalog's current version (built by one thread
    while the others wait for it)."""
    key = index_key(trials)
    version = recent_version(trials.db)[0]
    held = _indexes.get(key)
    if held is None or held[0] != version:
        with _building:
            held = _indexes.get(key)
            if held is None or held[0] != version:
                held = (version, FacetIndex.of(trials))
                _indexes[key] = held
    return held[1]


def selection_ids(selection) -> BitMap:
    """The trial ids of a selection (a queryset of pks), as a bitmap."""
    return BitMap(selection.values_list("pk", flat=True))


def prebuild() -> None:
    """The listed trials' index built now, in gunicorn's master before it forks its workers
    (config/gunicorn.py): every worker starts with it instead of building it for its first
    reader (2.5 s at 100,000 trials). A catalog change later is rebuilt by each worker on first
    use. The connection is closed after: no database socket may be shared across a fork."""
    if not settings.FACET_INDEX:
        return
    try:
        with public_reads():  # from the database the public pages read (a replica when there is one)
            index_for(Trial.objects.listed())
    except DatabaseError:  # no database yet: the workers build it on first use, as before
        logger.warning("facet bitmaps not built before the workers started", exc_info=True)
    finally:
        connections.close_all()
