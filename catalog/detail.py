"""A trial's page read in precompiled queries.

The page needs the trial and thirteen kinds of related rows. Django compiles every query anew, and
for a page this size the compiling cost more than the database (a profile: 12 ms of 20 per page,
the queries themselves 4 ms). The queries never change but for the trial, so each is compiled
once per process into SQL. The relations' queries are sent together in one psycopg pipeline (one
round trip instead of thirteen: 3.0 -> 1.4 ms) and their rows built into the same model instances
raw() would build; they are handed to the trial as its prefetched relations, so templates and
exports see no difference.
"""

from functools import cache

from django.db import connections

from catalog.models import (
    Arm,
    CellSource,
    Condition,
    Contact,
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
from catalog.pipelined import fetch_pipelined

ANY_TRIAL = -1  # stands for the trial's id while a query is compiled

# The relation's name (as prefetch_related names it) -> the rows of one trial, in the order the
# page lists them (each model's own ordering).
RELATIONS = {
    "identifiers": lambda trial: TrialIdentifier.objects.filter(trial_id=trial),
    "conditions": lambda trial: Condition.objects.filter(trials=trial),
    "cell_sources": lambda trial: CellSource.objects.filter(trials=trial),
    "product_types": lambda trial: ProductType.objects.filter(trials=trial),
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


@cache
def _compiled(name: str) -> str:
    """The relation's SQL, its one parameter the trial's id."""
    sql, params = RELATIONS[name](ANY_TRIAL).query.sql_with_params()
    if list(params) != [ANY_TRIAL]:  # a relation whose query took other parameters cannot be reused
        raise ValueError(f"{name}: the compiled query has parameters {params!r}")
    return sql


@cache
def _model(name: str):
    """The relation's model (building its queryset per request to ask costs more than its rows)."""
    return RELATIONS[name](ANY_TRIAL).model


@cache
def _compiled_trial() -> str:
    sql, params = Trial.objects.filter(draft=False, primary_id="?")[:1].query.sql_with_params()
    if list(params) != ["?"]:
        raise ValueError(f"the trial's compiled query has parameters {params!r}")
    return sql


def published_trial(primary_id: str, pk: int | None = None) -> Trial | None:
    """The published trial with this primary id (or, given `pk`, with that key), with every
    relation its page shows already read; None when there is none."""
    if pk is None:
        trial = next(iter(Trial.objects.raw(_compiled_trial(), [primary_id])), None)
    else:
        trial = Trial.objects.filter(pk=pk, draft=False).first()
    if trial is None:
        return None
    rows = _related_rows(trial)
    trial._prefetched_objects_cache = {}
    for name, instances in rows.items():
        related = getattr(trial, name).get_queryset()  # not run: it is given its rows, as a prefetch does
        related._result_cache = instances
        related._prefetch_done = True
        trial._prefetched_objects_cache[name] = related
    return trial


def _related_rows(trial: Trial) -> dict[str, list]:
    """Every relation's rows as model instances, the queries sent in one pipeline."""
    connection = connections[trial._state.db]
    answers = fetch_pipelined(connection.alias, {name: (_compiled(name), [trial.pk]) for name in RELATIONS})
    rows = {}
    for name, (columns, fetched) in answers.items():
        model = _model(name)
        if model is TrialOrganization:
            width = len(model._meta.concrete_fields)
            organizations = _instances(Organization, columns[width:], [row[width:] for row in fetched], connection)
            rows[name] = _instances(model, columns[:width], [row[:width] for row in fetched], connection)
            for role, organization in zip(rows[name], organizations, strict=True):
                role.organization = organization
        else:
            rows[name] = _instances(model, columns, fetched, connection)
    return rows


def _instances(model, columns: list[str], rows: list[tuple], connection) -> list:
    """The rows as `model` instances, each value through its field's database converters (what
    raw() does)."""
    fields = [model._meta.get_field(column) for column in columns]
    converters = []
    for index, field in enumerate(fields):
        functions = field.get_db_converters(connection) + connection.ops.get_db_converters(field)
        if functions:
            converters.append((index, field, functions))
    instances = []
    for row in rows:
        values = list(row)
        for index, field, functions in converters:
            for convert in functions:
                values[index] = convert(values[index], field, connection)
        instances.append(model.from_db(connection.alias, columns, values))
    return instances
