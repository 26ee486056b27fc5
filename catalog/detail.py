"""A trial's page read in precompiled queries.

The page needs the trial and thirteen kinds of related rows (ten read by their own statements, the
three vocabularies' terms as arrays of keys beside the trial's columns). Django compiles every query anew, and
for a page this size the compiling cost more than the database (a profile: 12 ms of 20 per page,
the queries themselves 4 ms). The queries never change but for the trial, so each is compiled
once per process into SQL. The trial's, its relations' and its corrections' queries (each relation's
starting from the trial's id or key as a subquery) are sent together in one psycopg pipeline (one
round trip instead of twelve) and their rows built into the same model instances raw() would
build. The page reads them as lists (a related manager and a queryset per relation and page cost
a fifth of its time); the exports, which read `trial.<relation>.all()`, get them installed as
prefetched relations (prefetched()): no query runs either way.
"""

from functools import cache

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections, router
from django.db.models import OuterRef, Subquery

from catalog.models import (
    Arm,
    CellSource,
    Condition,
    Contact,
    Correction,
    Intervention,
    Organization,
    Outcome,
    ProductType,
    Reference,
    Site,
    SourceDocument,
    Trial,
    TrialChange,
    TrialIdentifier,
    TrialOrganization,
)
from catalog.pipelined import fetch_pipelined, model_instances
from catalog.search import per_vocabulary

ANY_TRIAL = -1  # stands for the trial's id while a query is compiled

# The relation's name (as prefetch_related names it) -> the rows of one trial, in the order the
# page lists them (each model's own ordering).
RELATIONS = {
    "identifiers": lambda trial: TrialIdentifier.objects.filter(trial_id=trial),
    "arms": lambda trial: Arm.objects.filter(trial_id=trial),
    "interventions": lambda trial: Intervention.objects.filter(trial_id=trial),
    "outcomes": lambda trial: Outcome.objects.filter(trial_id=trial),
    "sites": lambda trial: Site.objects.filter(trial_id=trial),
    "contacts": lambda trial: Contact.objects.filter(trial_id=trial),
    "changes": lambda trial: TrialChange.objects.filter(trial_id=trial),
    "references": lambda trial: Reference.objects.filter(trial_id=trial),
    # Each role with its organization, joined: the row's first columns are the role's.
    "organization_roles": lambda trial: TrialOrganization.objects.filter(trial_id=trial).select_related("organization"),
    "source_documents": lambda trial: SourceDocument.objects.filter(trial_id=trial).only(
        "id",
        "trial_id",
        "file_name",
        "detected_format",
        "source_kind",
        "record_updated",
        "sha256",
        "ingested_at",
        "size",
    ),
}

# The vocabularies' terms the trial is tagged with, by relation: read as arrays of their keys with
# the trial itself (three statements fewer a page), the terms themselves kept per process until a
# vocabulary changes (catalog.search.per_vocabulary).
TERMS = {"conditions": Condition, "cell_sources": CellSource, "product_types": ProductType}


# The trial a page asks for, as a subquery every relation's query starts from: the trial, its
# relations and its corrections in force go to the database in one pipeline, one round trip.
_BY_PRIMARY_ID = "primary_id"
_BY_KEY = "pk"
_MARKERS = {_BY_PRIMARY_ID: "?", _BY_KEY: -1}  # stand for the value while a query is compiled
_TRIAL = "the trial"
_CORRECTIONS = "its corrections in force"


def _the_trial(by: str):
    # (not its search vector: kilobytes PostgreSQL writes out as text for a page that never shows it)
    return Trial.objects.filter(draft=False, **{by: _MARKERS[by]}).defer("search_vector")


def _the_trial_and_its_terms(by: str):
    """The trial, and the keys of its terms as one array column per relation of TERMS (last)."""
    arrays = {}
    for name in TERMS:
        relation = Trial._meta.get_field(name)
        through = relation.remote_field.through.objects.filter(trial_id=OuterRef("pk"))
        arrays[f"{name}_keys"] = ArraySubquery(through.values(relation.m2m_reverse_field_name()))
    return _the_trial(by).annotate(**arrays)


def _the_trials_id(by: str) -> Subquery:
    return Subquery(_the_trial(by).values("pk")[:1])


def _one_parameter(sql_and_params, by: str, what: str) -> str:
    sql, params = sql_and_params
    if list(params) != [_MARKERS[by]]:  # a query that took other parameters cannot be reused
        raise ValueError(f"{what}: the compiled query has parameters {params!r}")
    return sql


@cache
def _compiled(name: str, by: str) -> str:
    """The relation's SQL, its one parameter the trial's primary id or key."""
    return _one_parameter(RELATIONS[name](_the_trials_id(by)).query.sql_with_params(), by, name)


@cache
def _compiled_trial(by: str) -> str:
    return _one_parameter(_the_trial_and_its_terms(by)[:1].query.sql_with_params(), by, "the trial")


@cache
def _compiled_corrections(by: str) -> str:
    """The curators' corrections in force, as catalog.corrections.in_force lists them."""
    active = Correction.objects.filter(trial_id=_the_trials_id(by), withdrawn_at__isnull=True).order_by("field")
    return _one_parameter(active.query.sql_with_params(), by, "the corrections")


@cache
def _model(name: str):
    """The relation's model (building its queryset per request to ask costs more than its rows)."""
    return RELATIONS[name](ANY_TRIAL).model


def published_trial(primary_id: str, pk: int | None = None) -> Trial | None:
    """The published trial with this primary id (or, given `pk`, with that key), with every
    relation its page shows already read as `related` ({relation's name: its rows}), and its
    corrections in force as `active_corrections` (as a prefetch with to_attr would set them); None
    when there is none. The page reads the lists; an export reads them through prefetched()."""
    by, value = (_BY_PRIMARY_ID, primary_id) if pk is None else (_BY_KEY, pk)
    alias = router.db_for_read(Trial)
    connection = connections[alias]
    statements = {name: (_compiled(name, by), [value]) for name in RELATIONS}
    statements[_TRIAL] = (_compiled_trial(by), [value])
    statements[_CORRECTIONS] = (_compiled_corrections(by), [value])
    answers = fetch_pipelined(alias, statements)
    columns, fetched = answers.pop(_TRIAL)
    if not fetched:
        return None
    width = len(columns) - len(TERMS)  # the trial's own columns, then its terms' keys
    trial = model_instances(Trial, columns[:width], [fetched[0][:width]], connection)[0]
    columns, fetched_corrections = answers.pop(_CORRECTIONS)
    trial.active_corrections = model_instances(Correction, columns, fetched_corrections, connection)
    trial.related = _related_instances(answers, connection)
    vocabularies = per_vocabulary(alias, "the trial page's terms", lambda: _vocabularies(alias))
    for name, keys in zip(TERMS, fetched[0][width:], strict=True):
        trial.related[name] = _terms(alias, name, keys, vocabularies[name])
    return trial


def _terms(alias: str, name: str, keys: list[int], held: dict) -> list:
    """The terms with these keys, in their model's order, from the process's copy of the vocabulary
    (read again from the database when a term is newer than the copy)."""
    if not all(key in held for key in keys):
        return list(TERMS[name].objects.using(alias).filter(pk__in=keys))
    return [term for _, term in sorted(held[key] for key in keys)]


def _vocabularies(alias: str) -> dict[str, dict[int, tuple[int, object]]]:
    """{relation: {term's key: (its place in the model's order, the term)}} for every term.
    (Shared by the requests of a process, which only read the terms.)"""
    return {
        name: {term.pk: (place, term) for place, term in enumerate(model.objects.using(alias))}
        for name, model in TERMS.items()
    }


def prefetched(trial: Trial) -> Trial:
    """The trial read by published_trial, its relations also reachable the ORM's way
    (`trial.sites.all()`, as the exports read them), as a prefetch leaves them: no query runs."""
    trial._prefetched_objects_cache = {}
    for name, instances in trial.related.items():
        # What a prefetch leaves: the relation's queryset, given its rows instead of run.
        related = getattr(trial, name).get_queryset()
        related._result_cache = instances
        related._prefetch_done = True
        trial._prefetched_objects_cache[name] = related
    return trial


def _related_instances(answers: dict, connection) -> dict[str, list]:
    """Every relation's rows as model instances."""
    rows = {}
    for name, (columns, fetched) in answers.items():
        model = _model(name)
        if model is TrialOrganization:
            width = len(model._meta.concrete_fields)
            organizations = model_instances(Organization, columns[width:], [row[width:] for row in fetched], connection)
            rows[name] = model_instances(model, columns[:width], [row[:width] for row in fetched], connection)
            for role, organization in zip(rows[name], organizations, strict=True):
                role.organization = organization
        else:
            rows[name] = model_instances(model, columns, fetched, connection)
    return rows
