"""One trial as the JSON object researchers export (README: "JSON fields")."""

from collections.abc import Iterable, Iterator
from functools import cache
from itertools import batched
from types import SimpleNamespace
from typing import NamedTuple

from django.conf import settings
from django.db import connections
from django.db.models import F
from django.db.models.expressions import RawSQL

from catalog.models import (
    Arm,
    CellSource,
    Condition,
    Intervention,
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

# Columns the export never reads: long texts and the search vector (the largest of a row).
UNREAD_COLUMNS = (
    "brief_summary",
    "detailed_description",
    "inclusion_criteria",
    "exclusion_criteria",
    "classification_evidence",
    "disagreements",
    "search_vector",
    # The catalog's own bookkeeping: two time-zone conversions a trial, read by no export.
    "created_at",
    "updated_at",
)

# The related rows the export reads, by name -> (the rows of the given trials, in the order the
# export lists them (each model's own ordering), and the columns read). Vocabulary terms carry
# their trial as `trial_ref`.
RELATED_ROWS = {
    "identifiers": (lambda ids: TrialIdentifier.objects.filter(trial_id__in=ids), ("registry", "value", "kind")),
    "conditions": (
        lambda ids: Condition.objects.filter(trials__in=ids).annotate(trial_ref=F("trials")),
        ("name", "category"),
    ),
    "cell_sources": (lambda ids: CellSource.objects.filter(trials__in=ids).annotate(trial_ref=F("trials")), ("name",)),
    "product_types": (
        lambda ids: ProductType.objects.filter(trials__in=ids).annotate(trial_ref=F("trials")),
        ("name",),
    ),
    "interventions": (lambda ids: Intervention.objects.filter(trial_id__in=ids), ("name", "type", "description")),
    "arms": (lambda ids: Arm.objects.filter(trial_id__in=ids), ("label", "type", "description", "intervention_names")),
    "sites": (lambda ids: Site.objects.filter(trial_id__in=ids), ("facility", "city", "country")),
    "organization_roles": (
        lambda ids: TrialOrganization.objects.filter(trial_id__in=ids).annotate(
            organization_name=F("organization__name")
        ),
        ("role", "organization_name"),
    ),
    "source_documents": (
        lambda ids: SourceDocument.objects.filter(trial_id__in=ids),
        ("file_name", "detected_format", "sha256"),
    ),
    "references": (lambda ids: Reference.objects.filter(trial_id__in=ids), ("citation", "pmid", "type", "url")),
    "changes": (lambda ids: TrialChange.objects.filter(trial_id__in=ids), ("kind", "changed_on", "changes")),
}


class Row(SimpleNamespace):
    """A related row as the export reads it: its columns, and what the model derives from them."""

    @property
    def organization(self):  # role.organization.name, as on a TrialOrganization
        return SimpleNamespace(name=self.organization_name)

    public_name = SourceDocument.public_name
    link = Reference.link


def export_queryset(queryset=None):
    """Trials with the columns the export reads (pair with `exported` for their related rows)."""
    queryset = Trial.objects.all() if queryset is None else queryset
    return queryset.defer(*UNREAD_COLUMNS)


def exported(trials: Iterable[Trial], batch: int = 500) -> Iterator[Trial]:
    """The trials, each with every related row the export reads, one query per relation for each
    batch (not prefetch_related: it built a manager and a queryset per trial and relation)."""
    for chunk in batched(trials, batch):
        attach_related_rows(chunk)
        yield from chunk


def attach_related_rows(trials) -> None:
    """Sets each trial's `export_rows`: relation name -> its rows, read for all the trials at once.

    Each relation's query is compiled once per process (its one parameter the array of trial ids)
    and all eleven are sent in one psycopg pipeline; rows are plain `Row`s, not model instances.
    Building ~400 instances and compiling eleven querysets were most of a JSON page's time."""
    if not trials:
        return
    connection = connections[trials[0]._state.db]
    by_id = {trial.pk: trial for trial in trials}
    for trial in trials:
        trial.export_rows = {name: [] for name in RELATED_ROWS}
    ids = list(by_id)
    statements = {name: (_compiled_rows(name, connection.alias).sql, [ids]) for name in RELATED_ROWS}
    for name, (_, fetched) in fetch_pipelined(connection.alias, statements).items():
        compiled = _compiled_rows(name, connection.alias)
        rows = [list(row) for row in fetched]
        for index, functions, expression in compiled.converters:
            for row in rows:
                for convert in functions:
                    row[index] = convert(row[index], expression, connection)
        for row in rows:
            values = dict(zip(compiled.names, row, strict=True))
            by_id[values.pop(compiled.owner)].export_rows[name].append(Row(**values))


class _CompiledRows(NamedTuple):
    sql: str
    names: list[str]  # the selected columns' names, in the SQL's order
    owner: str  # the column naming each row's trial
    converters: list[tuple]  # (column index, converter functions, expression), as Django applies them


_ANY_TRIALS = "{}"  # stands for the array of trial ids while a query is compiled


@cache
def _compiled_rows(name: str, alias: str) -> _CompiledRows:
    rows_of, columns = RELATED_ROWS[name]
    queryset = rows_of(RawSQL("SELECT unnest(%s::bigint[])", [_ANY_TRIALS])).using(alias)
    owner = "trial_ref" if "trial_ref" in queryset.query.annotations else "trial_id"
    query = queryset.values(owner, *columns).query
    compiler = query.get_compiler(using=alias)
    sql, params = compiler.as_sql()
    if list(params) != [_ANY_TRIALS]:  # a relation whose query took other parameters cannot be reused
        raise ValueError(f"{name}: the compiled query has parameters {params!r}")
    # As Django's ValuesIterable names the columns.
    names = list(query.selected) if query.selected else [*query.values_select, *query.annotation_select]
    found = compiler.get_converters([column for column, _, _ in compiler.select])
    converters = [(index, functions, expression) for index, (functions, expression) in found.items()]
    return _CompiledRows(sql, names, owner, converters)


def _related(trial: Trial) -> dict[str, list]:
    """The trial's related rows: as `exported` set them, as the trial page already read them
    (catalog/detail.py prefetches every relation the export reads), else read now."""
    if not hasattr(trial, "export_rows"):
        prefetched = getattr(trial, "_prefetched_objects_cache", {})
        if prefetched.keys() >= RELATED_ROWS.keys():
            trial.export_rows = {name: list(prefetched[name]) for name in RELATED_ROWS}
        else:
            attach_related_rows([trial])
    return trial.export_rows


def _iso(partial) -> str | None:
    return partial.iso if partial else None


def trial_to_dict(trial: Trial, base_url: str | None = None) -> dict:
    base_url = (base_url or settings.SITE_URL).rstrip("/")
    related = _related(trial)
    roles = related["organization_roles"]
    sponsor = next((role.organization.name for role in roles if role.role == "LEAD_SPONSOR"), None)
    conditions = related["conditions"]
    countries = []
    for site in related["sites"]:
        if site.country and site.country not in countries:
            countries.append(site.country)
    origins = sorted(origin.lower() for origin in trial.origins)
    return {
        "id": trial.primary_id,
        "registry_ids": [
            {"registry": identifier.registry, "value": identifier.value, "kind": identifier.kind}
            for identifier in related["identifiers"]
        ],
        "title": trial.brief_title or trial.official_title,
        "official_title": trial.official_title or None,
        "status": trial.status or None,
        "status_raw": trial.status_raw or None,
        "phases": list(trial.phases),
        "study_type": trial.study_type or None,
        "enrollment": trial.enrollment,
        "enrollment_type": trial.enrollment_type or None,
        "start_date": _iso(trial.start),
        "primary_completion_date": _iso(trial.primary_completion),
        "completion_date": _iso(trial.completion),
        "last_updated": _iso(trial.last_updated_on),  # by the registry
        "latest_change": _latest_change(trial),
        "conditions": [condition.name for condition in conditions],
        "conditions_raw": list(trial.conditions_raw),
        "mesh_terms": list(trial.mesh_terms),
        "condition_categories": sorted({condition.category for condition in conditions}),
        "cell_sources": [source.name for source in related["cell_sources"]],
        "product_types": [product.name for product in related["product_types"]],
        "origin": "both" if len(origins) > 1 else (origins[0] if origins else None),
        "routes": list(trial.routes),
        "interventions": [
            {"name": item.name, "type": item.type or None, "description": item.description or None}
            for item in related["interventions"]
        ],
        "arms": [
            {
                "label": arm.label,
                "type": arm.type or None,
                "description": arm.description or None,
                "interventions": list(arm.intervention_names),
            }
            for arm in related["arms"]
        ],
        "sponsor": sponsor,
        "collaborators": [role.organization.name for role in roles if role.role == "COLLABORATOR"],
        "countries": countries,
        "sites": [
            {"facility": site.facility or None, "city": site.city or None, "country": site.country or None}
            for site in related["sites"]
        ],
        "sex": trial.sex or None,
        "min_age_years": trial.min_age_years,
        "max_age_years": trial.max_age_years,
        "healthy_volunteers": trial.healthy_volunteers,
        "in_scope": trial.in_scope,
        "has_results": trial.has_results,
        "results_url": trial.results_url or None,
        "references": [
            {
                "citation": reference.citation,
                "pmid": reference.pmid or None,
                "type": reference.type or None,
                "url": reference.link or None,
            }
            for reference in related["references"]
        ],
        "source_documents": [
            {"file_name": document.public_name, "format": document.detected_format, "sha256": document.sha256}
            for document in related["source_documents"]
        ],
        "url": base_url + trial.get_absolute_url(),
    }


def _latest_change(trial: Trial) -> dict | None:
    """The newest entry of the trial's change history (/changes/ lists them all)."""
    changes = _related(trial)["changes"]
    if not changes:
        return None
    change = changes[0]
    return {
        "changed_on": change.changed_on.isoformat(),
        "kind": change.kind,
        "changes": [{key: item[key] for key in ("field", "label", "before", "after")} for item in change.changes],
    }
