"""One trial as the JSON object researchers export (README: "JSON fields")."""

from django.conf import settings
from django.db.models import Prefetch

from catalog.models import SourceDocument, Trial, TrialChange, TrialOrganization


def export_queryset(queryset=None):
    """Trials with everything the export reads, in a fixed number of queries (raw bytes left out)."""
    queryset = Trial.objects.all() if queryset is None else queryset
    return queryset.prefetch_related(
        "identifiers",
        "conditions",
        "cell_sources",
        "product_types",
        "interventions",
        "arms",
        "sites",
        Prefetch("organization_roles", queryset=TrialOrganization.objects.select_related("organization")),
        Prefetch(
            "source_documents",
            queryset=SourceDocument.objects.only("id", "trial_id", "file_name", "detected_format", "sha256"),
        ),
        "references",
        Prefetch("changes", queryset=TrialChange.objects.only("id", "trial_id", "kind", "changed_on", "changes")),
    )


def _iso(partial) -> str | None:
    return partial.iso if partial else None


def trial_to_dict(trial: Trial, base_url: str | None = None) -> dict:
    base_url = (base_url or settings.SITE_URL).rstrip("/")
    roles = list(trial.organization_roles.all())
    sponsor = next((role.organization.name for role in roles if role.role == "LEAD_SPONSOR"), None)
    conditions = list(trial.conditions.all())
    countries = []
    for site in trial.sites.all():
        if site.country and site.country not in countries:
            countries.append(site.country)
    origins = sorted(origin.lower() for origin in trial.origins)
    return {
        "id": trial.primary_id,
        "registry_ids": [
            {"registry": identifier.registry, "value": identifier.value, "kind": identifier.kind}
            for identifier in trial.identifiers.all()
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
        "cell_sources": [source.name for source in trial.cell_sources.all()],
        "product_types": [product.name for product in trial.product_types.all()],
        "origin": "both" if len(origins) > 1 else (origins[0] if origins else None),
        "routes": list(trial.routes),
        "interventions": [
            {"name": item.name, "type": item.type or None, "description": item.description or None}
            for item in trial.interventions.all()
        ],
        "arms": [
            {
                "label": arm.label,
                "type": arm.type or None,
                "description": arm.description or None,
                "interventions": list(arm.intervention_names),
            }
            for arm in trial.arms.all()
        ],
        "sponsor": sponsor,
        "collaborators": [role.organization.name for role in roles if role.role == "COLLABORATOR"],
        "countries": countries,
        "sites": [
            {"facility": site.facility or None, "city": site.city or None, "country": site.country or None}
            for site in trial.sites.all()
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
            for reference in trial.references.all()
        ],
        "source_documents": [
            {"file_name": document.public_name, "format": document.detected_format, "sha256": document.sha256}
            for document in trial.source_documents.all()
        ],
        "url": base_url + trial.get_absolute_url(),
    }


def _latest_change(trial: Trial) -> dict | None:
    """The newest entry of the trial's change history (/changes/ lists them all)."""
    changes = trial.changes.all()
    if not changes:
        return None
    change = changes[0]
    return {
        "changed_on": change.changed_on.isoformat(),
        "kind": change.kind,
        "changes": [{key: item[key] for key in ("field", "label", "before", "after")} for item in change.changes],
    }
