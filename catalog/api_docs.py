"""/api/: the read API described for the people who use it: every endpoint, its parameters, the
fields of a trial, and examples. One place says what each field means (a test holds it to what
catalog/export.py writes)."""

from django.shortcuts import render

from catalog import choices
from catalog.caching import public_page
from catalog.filters import FACETS, SORTS

MAX_PAGE_SIZE = 100

ENDPOINTS = [
    (
        "GET /trials.json",
        "Trials of any selection, a page at a time, with the counts of every facet.",
        "count, page, pages, next, previous, facets, results (trials)",
        "/trials.json?condition=vitiligo&open=1",
    ),
    (
        "GET /trials/<id>.json",
        "One trial, with the curators' corrections and what the registry says.",
        "a trial, and corrections",
        "/trials/NCT04034615.json",
    ),
    (
        "GET /changes.json",
        "Recent changes of the trials of any selection, newest first.",
        "count, page, pages, results (changes)",
        "/changes.json?status=RECRUITING&kind=registry",
    ),
    (
        "GET /trials.csv",
        "Every trial of a selection as CSV (all rows, streamed).",
        "one row per trial",
        "/trials.csv?cell_source=umbilical-cord",
    ),
    (
        "GET /changes.csv",
        "Every change of a selection as CSV.",
        "one row per changed fact",
        "/changes.csv?kind=correction",
    ),
    (
        "GET /trials.atom, /changes.atom",
        "Atom feeds of a selection's new and updated trials, and of its changes.",
        "Atom 1.0",
        "/trials.atom?condition=psoriasis",
    ),
    (
        "GET /compare.csv",
        "Up to four trials side by side, one row per fact.",
        "CSV",
        "/compare.csv?id=NCT04034615&id=NCT06911281",
    ),
]

PARAMETERS = [
    (
        "q",
        "Search: words (the vocabulary's synonyms and abbreviations count: eczema, DFU, secretome), sponsors, "
        'sites, investigators; "quotes" for a phrase, OR, -word; registry ids in any printed form, several at once.',
    ),
    *[
        (
            name,
            f"{heading}: repeat the parameter for several values (any of them); values as the list page's links"
            " give them.",
        )
        for name, heading in FACETS
    ],
    ("open", "1: only trials not yet recruiting, recruiting or enrolling by invitation."),
    ("age", "A patient's age in years: trials whose age range includes it."),
    ("start_from, start_to", "Start year from / up to."),
    ("updated_since", "YYYY-MM-DD: trials the registry updated since that day."),
    (
        "sort",
        "; ".join(f"{key}: {label}" for key, (label, _) in SORTS.items())
        + ". Without it: a search by best match, a list by the registry's last update.",
    ),
    ("page", "The page number, from 1."),
    ("page_size", f"Trials or changes per page, 1 to {MAX_PAGE_SIZE} (JSON only)."),
    ("kind", "/changes only: registry, correction, reclassification, reread (repeat for several)."),
]

FIELDS = [
    ("id", "the primary registry identifier (NCT…, IRCT…), also the page address /trials/<id>/"),
    (
        "registry_ids",
        "every identifier: {registry, value, kind}, kind primary, secondary or sponsor (the sponsor's own id,"
        " registry ORG)",
    ),
    ("title", "the brief (public) title"),
    ("official_title", "the official (scientific) title"),
    ("status", "ClinicalTrials.gov status: " + ", ".join(choices.STATUS)),
    ("status_raw", "the status in the registry's own words"),
    ("phases", "a set: " + ", ".join(choices.PHASE) + '; Phase 1/2 is ["PHASE1", "PHASE2"]'),
    ("study_type", ", ".join(choices.STUDY_TYPE)),
    ("enrollment", "participants"),
    ("enrollment_type", "ACTUAL or ESTIMATED (null when the document does not say)"),
    ("start_date", "ISO date cut to the precision the registry gave: 2025-06-30, 2025-06 or 2025"),
    ("primary_completion_date", "as start_date"),
    ("completion_date", "as start_date"),
    ("last_updated", "when the registry last updated the trial (same precision rules)"),
    (
        "latest_change",
        "the newest entry of the trial's change history: {changed_on, kind, changes: [{field, label, before,"
        " after}]}, or null",
    ),
    ("conditions", "canonical condition names from the catalog's vocabulary"),
    ("conditions_raw", "the registry's own condition words"),
    ("mesh_terms", "the registry's MeSH terms for the conditions (ClinicalTrials.gov)"),
    (
        "condition_categories",
        "dermatology categories of the conditions (pigmentary, inflammatory, scar, hair, wound and burn,"
        " genetic, aging, connective tissue, other)",
    ),
    ("cell_sources", "tissue of origin of the cells (umbilical cord, adipose tissue, bone marrow, …)"),
    (
        "product_types",
        "cells, conditioned medium, extracellular vesicles, stromal vascular fraction, tissue graft, lysate or extract",
    ),
    ("origin", "autologous, allogeneic, both, or null when the documents do not say"),
    ("routes", "routes of administration found in the documents"),
    ("interventions", "{name, type, description}"),
    ("arms", "{label, type, description, interventions}"),
    ("sponsor", "the lead sponsor"),
    ("collaborators", "the collaborators"),
    ("countries", "countries of the sites"),
    ("sites", "{facility, city, country}"),
    ("sex", "ALL, FEMALE, MALE"),
    ("min_age_years", "lower age limit in years"),
    ("max_age_years", "upper age limit in years"),
    ("healthy_volunteers", "true, false, or null when not stated"),
    (
        "in_scope",
        "whether the trial is regenerative dermatology (a skin, hair or wound condition treated with cells or a"
        " cell product)",
    ),
    ("has_results", "whether the registry has posted results (null when the document does not say)"),
    ("results_url", "where the registry posts the trial's results, or null"),
    ("references", "publications the registry lists: {citation, pmid, type, url}, type BACKGROUND, RESULT or DERIVED"),
    ("source_documents", "the documents the trial came from: {file_name, format, sha256}"),
    ("url", "the trial's page in this catalog"),
]

CHANGE_FIELDS = [
    (
        "changed_on",
        "the registry's own update date for a registry change, else the day of the correction or reclassification",
    ),
    ("kind", "registry, correction, reclassification or reread"),
    ("kind_label", "the kind in words"),
    ("trial", "the trial's id"),
    ("title", "the trial's title"),
    ("url", "the trial's page"),
    ("source_document", "the document that brought a registry change"),
    ("changes", "[{field, label, before, after}], each fact as the pages show it"),
]


@public_page
def api(request):
    return render(
        request,
        "catalog/api.html",
        {
            "endpoints": ENDPOINTS,
            "parameters": PARAMETERS,
            "fields": FIELDS,
            "change_fields": CHANGE_FIELDS,
            "max_page_size": MAX_PAGE_SIZE,
        },
    )
