"""Thin function views. Query logic lives in catalog/filters.py and the Trial queryset."""

import csv
import re
from collections import Counter

from django.conf import settings
from django.db.models import Count, F
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst

from catalog import charts, choices
from catalog.api_docs import MAX_PAGE_SIZE
from catalog.caching import cached, public_page
from catalog.corrections import in_force
from catalog.detail import prefetched, published_trial
from catalog.export import export_queryset, exported, trial_to_dict
from catalog.facets import facet_counts, within_selection
from catalog.filters import (
    DEFAULT_SORT,
    FACETS,
    SCALAR_FILTERS,
    SEX_ACCEPTED,
    SORTS,
    TrialFilter,
    phase_counts,
    status_counts,
)
from catalog.models import (
    CellSource,
    Condition,
    Trial,
    TrialIdentifier,
)
from catalog.page_frame import framed_page
from catalog.pagination import CappedPaginator
from catalog.querystrings import toggle_query, with_parameter, without_parameter
from catalog.registries import REGISTRY_NAMES, registry_url
from catalog.search import did_you_mean, only_ids
from catalog.search_page import searched_rows
from catalog.site_urls import site_url
from catalog.templatetags.catalog_tags import query_string
from catalog.text import compact_identifier
from config.routers import public_read_alias


def _identifier_match(query: str) -> Trial | None:
    """A query that is a registry id (with or without punctuation) names one trial."""
    compact = compact_identifier(query)
    if len(compact) < 6:
        return None
    identifier = (
        TrialIdentifier.objects.filter(compact=compact, trial__draft=False).select_related("trial").first()
        if len(compact) <= 64
        else None
    )  # a draft's sponsor code names no public trial
    if identifier:
        return identifier.trial
    if len(only_ids(query)) == 1:  # "EudraCT 2015-000168-32", "EUCTR2015-000168-32-DE"
        found = list(Trial.objects.filter(draft=False).search(query)[:2])
        return found[0] if len(found) == 1 else None
    return None


def _describe(filterset: TrialFilter, count: int) -> str:
    """The selection in words: '2 recruiting trials of umbilical cord cells for psoriasis'."""
    data = filterset.form.cleaned_data if filterset.is_bound and hasattr(filterset.form, "cleaned_data") else {}
    statuses = [choices.STATUS[s].lower() for s in data.get("status") or []]
    phases = [choices.PHASE[p] for p in data.get("phase") or []]
    study_types = [choices.STUDY_TYPE[value].lower() for value in data.get("study_type") or []]
    words = [f"{count:,}"]
    for adjectives in (statuses, phases, study_types):
        if adjectives:
            words.append(" or ".join(adjectives))
    words.append("trial" if count == 1 else "trials")
    if data.get("open"):
        words.append("open to enrollment")
    origins = [origin.lower() for origin in data.get("origin") or []]
    sources = [source.name.lower() for source in data.get("cell_source") or []]
    products = [product.name.lower() for product in data.get("product_type") or []]
    if sources or products or origins:
        described = " or ".join(sources) + (" " if sources else "") + (" or ".join(products) or "products")
        words.append("of " + (" or ".join(origins) + " " if origins else "") + described)
    routes = [route.lower() for route in data.get("route") or []]
    if routes:
        words.append("given " + " or ".join(routes))
    conditions = [condition.name.lower() for condition in data.get("condition") or []]
    categories = [dict(Condition.CATEGORIES)[value].lower() for value in data.get("category") or []]
    if conditions or categories:
        words.append("for " + " or ".join(conditions + categories))
    if data.get("country"):
        words.append("in " + " or ".join(data["country"]))
    if data.get("sex"):
        words.append("accepting " + " or ".join(SEX_ACCEPTED[value][0].lower() for value in data["sex"]))
    if data.get("age") is not None:
        words.append(f"for a patient aged {data['age']:g}")
    if data.get("registry"):
        words.append("registered in " + " or ".join(REGISTRY_NAMES.get(code, code) for code in data["registry"]))
    start_from, start_to = data.get("start_from"), data.get("start_to")
    if start_from is not None and start_to is not None:
        words.append(f"starting {start_from:g}–{start_to:g}")
    elif start_from is not None:
        words.append(f"starting in {start_from:g} or later")
    elif start_to is not None:
        words.append(f"starting in {start_to:g} or earlier")
    if data.get("updated_since"):
        words.append(f"updated since {data['updated_since']:%-d %B %Y}")
    if data.get("q"):
        words.append(f"matching “{data['q']}”")
    return " ".join(words)


SCALAR_CHIPS = {
    "open": "Open to enrollment",
    "age": "Age {}",
    "start_from": "Started {} or later",
    "start_to": "Started {} or earlier",
    "updated_since": "Updated since {}",
}


def _chips(request, filterset: TrialFilter, facets: dict[str, list[dict]]) -> list[dict]:
    """The selection as removable chips: what is shown, what a screen reader hears, and the
    list's address without that value."""
    chips = [
        {
            "label": item["label"],
            "description": f"{heading}: {item['label']}",
            "url": toggle_query(request, name, item["value"]),
        }
        for name, heading in FACETS
        for item in facets[name]
        if item["selected"]
    ]
    fields = filterset.form.fields
    for name in SCALAR_FILTERS:
        value = request.GET.get(name, "").strip()
        if not value or name in filterset.errors:
            continue
        if name == "q":
            label, description = f"“{value}”", f"search “{value}”"
        else:
            label = description = SCALAR_CHIPS.get(name, fields[name].label + ": {}").format(value)
        chips.append({"label": label, "description": description, "url": without_parameter(request, name)})
    return chips


def page_size(request) -> int:
    """The JSON's `page_size` (1 to MAX_PAGE_SIZE), else the site's page size. Raises ValueError."""
    asked = request.GET.get("page_size", "")
    if not asked:
        return settings.TRIALS_PER_PAGE
    if not asked.isdigit() or not 1 <= int(asked) <= MAX_PAGE_SIZE:
        raise ValueError(f"page_size must be a whole number from 1 to {MAX_PAGE_SIZE}")
    return int(asked)


def _page(request, trials, count, per_page: int | None = None):
    """The requested page of a list, its total counted once per catalog version (`count`)."""
    paginator = CappedPaginator(trials, per_page or settings.TRIALS_PER_PAGE)
    paginator.count = cached("count", request.GET, count, getattr(request, "catalog_version", None))
    return paginator.get_page(request.GET.get("page"))


def _counted(filterset: TrialFilter, trials):
    """How to count the list: the size the facets' bitmaps already gave, else a count in SQL."""
    size = getattr(filterset, "selection_size", None)
    return (lambda: size) if size is not None else trials.count


def _facets(request, filterset: TrialFilter) -> dict[str, list[dict]]:
    """Every facet's counts for the list's selection, computed once per catalog version."""
    return cached(
        "facets",
        request.GET,
        lambda: facet_counts(filterset),
        getattr(request, "catalog_version", None),
    )


def _found_in_facet(values: list[dict], typed: str) -> list[dict]:
    """A long facet narrowed to the values whose label holds the typed text (ticked ones stay):
    what the facet's "Find" field does without scripts."""
    typed = typed.strip().lower()[:100]
    if not typed:
        return values
    return [item for item in values if item["selected"] or typed in str(item["label"]).lower()]


def _sorts(request, search: str) -> list[tuple[str, str, bool]]:
    """(key, label, chosen) of each order the list can take; best match only for a search."""
    chosen = request.GET.get("sort") if request.GET.get("sort") in SORTS else ""
    chosen = chosen or ("relevance" if search else DEFAULT_SORT)
    return [(key, label, key == chosen) for key, (label, _) in SORTS.items() if search or key != "relevance"]


@public_page
def trial_list(request):
    query = request.GET.get("q", "")
    if query and request.GET.keys() <= {"q"}:
        trial = _identifier_match(query)
        if trial:
            return redirect(trial)
    filterset = TrialFilter(request.GET or None, queryset=Trial.objects.listed())
    filterset.errors  # noqa: B018  # validates the form once (the valid fields filter, the rest are reported)
    search = filterset.form.cleaned_data.get("q") if filterset.is_bound else ""
    facets = _facets(request, filterset)
    # A search's page over the ids the facets' bitmaps left, by its precompiled statement; else
    # the filter set's query.
    trials = searched_rows(filterset)
    if trials is None:
        trials = filterset.qs.for_list()
        if search:
            trials = trials.with_snippets(search)
        trials = within_selection(filterset, trials)
    page = _page(request, trials, _counted(filterset, trials))
    suggestion = did_you_mean(search, Trial.objects.listed().db) if search and not page.paginator.count else ""
    description = _describe(filterset, page.paginator.count)
    body = render_to_string(
        "catalog/trial_list.jinja",
        {
            "page": page,
            "open_ticked": bool(filterset.is_bound and filterset.form.cleaned_data.get("open")),
            "suggestion": suggestion,
            "sorts": _sorts(request, search),
            "kept_params": [
                (name, value)
                for name in request.GET
                if name not in ("sort", "page")
                for value in request.GET.getlist(name)
                if value
            ],
            "suggestion_url": with_parameter(request, "q", suggestion) if suggestion else "",
            "facets": [
                (name, heading, _found_in_facet(facets[name], typed), typed)
                for name, heading in FACETS
                for typed in [request.GET.get(f"find_{name}", "").strip()[:100]]
            ],
            "chips": _chips(request, filterset, facets),
            "description": description,
            "errors": [
                (filterset.form.fields[name].label or name, messages)
                for name, messages in (filterset.errors if filterset.is_bound else {}).items()
            ],
        },
        request,
        using="jinja2",
    )
    feed = site_url("catalog:trial_feed") + query_string(request, page=None, sort=None)
    return framed_page(
        request,
        "catalog/trial_list.html",
        capfirst(description),
        body,
        feed_link=format_html(
            '<link rel="alternate" type="application/atom+xml" title="{}" href="{}">',
            "New and updated trials of this selection",
            feed,
        ),
    )


@public_page
def trial_list_json(request):
    filterset = TrialFilter(request.GET or None, queryset=Trial.objects.listed())
    if filterset.is_bound and not filterset.is_valid():
        return JsonResponse({"errors": filterset.errors.get_json_data()}, status=400)
    try:
        per_page = page_size(request)
    except ValueError as error:
        return JsonResponse({"errors": {"page_size": [{"message": str(error), "code": "invalid"}]}}, status=400)
    facets = _facets(request, filterset)
    page = _page(
        request, export_queryset(within_selection(filterset, filterset.qs)), _counted(filterset, filterset.qs), per_page
    )
    base_url = request.build_absolute_uri("/")

    def page_url(number):
        params = request.GET.copy()
        params["page"] = number
        return request.build_absolute_uri(f"{reverse('catalog:trial_list_json')}?{params.urlencode()}")

    return JsonResponse(
        {
            "count": page.paginator.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "next": page_url(page.next_page_number()) if page.has_next() else None,
            "previous": page_url(page.previous_page_number()) if page.has_previous() else None,
            "facets": facets,
            "results": [trial_to_dict(trial, base_url) for trial in exported(page.object_list)],
        },
        json_dumps_params={"ensure_ascii": False},
    )


CSV_COLUMNS = [
    "id",
    "title",
    "status",
    "phases",
    "conditions",
    "condition_categories",
    "cell_sources",
    "product_types",
    "origin",
    "routes",
    "enrollment",
    "enrollment_type",
    "start_date",
    "primary_completion_date",
    "completion_date",
    "countries",
    "sponsor",
    "registry_ids",
    "url",
    "results_url",
    "pubmed_ids",
]


# What starts a formula in a spreadsheet, full-width forms included (some convert them).
_FORMULA_STARTS = frozenset("=+-@\t\r＝＋－＠")


def csv_cell(value) -> str:
    """A CSV cell a spreadsheet will not run: text starting with = + - @ (full-width too, or after
    spaces, or a tab or carriage return) is prefixed with an apostrophe, the usual neutralisation
    of formula injection. Every cell is quoted (csv_writer), so a spreadsheet that splits on ";"
    cannot start a formula in the middle of one (";=1+1")."""
    if isinstance(value, list):
        value = "; ".join(item["value"] if isinstance(item, dict) else str(item) for item in value)
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in _FORMULA_STARTS or text.lstrip()[:1] in _FORMULA_STARTS else text


@public_page
def trial_list_csv(request):
    """Every matching trial, streamed (memory does not grow with the rows)."""
    filterset = TrialFilter(request.GET or None, queryset=Trial.objects.listed())
    if filterset.is_bound and not filterset.is_valid():
        return JsonResponse({"errors": filterset.errors.get_json_data()}, status=400)
    base_url = request.build_absolute_uri("/")
    writer = csv.writer(EchoWriter(), quoting=csv.QUOTE_ALL)
    # Rows are read while the response streams, after this view returns: bind the database now.
    trials = export_queryset(filterset.qs).using(public_read_alias())

    def rows():
        yield writer.writerow(CSV_COLUMNS)
        for trial in exported(trials.iterator(chunk_size=500)):
            data = trial_to_dict(trial, base_url)
            data["pubmed_ids"] = [reference["pmid"] for reference in data["references"] if reference["pmid"]]
            yield writer.writerow([csv_cell(data[column]) for column in CSV_COLUMNS])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="regenderm-trials.csv"'
    return response


class EchoWriter:
    """A file for csv.writer that hands each written row back, for a streamed response."""

    def write(self, value):
        return value


def _get_trial(registry_id: str) -> Trial:
    trial = published_trial(registry_id)
    if trial is None:
        other = TrialIdentifier.objects.filter(compact=compact_identifier(registry_id)).exclude(kind="sponsor").first()
        trial = published_trial(registry_id, pk=other.trial_id) if other is not None else None
        if trial is None:
            raise Http404(f"No trial with the registry id {registry_id!r} is in the catalog.")
    return trial


@public_page
def trial_detail(request, registry_id):
    trial = _get_trial(registry_id)
    if trial.primary_id != registry_id:
        return redirect(trial, permanent=True)
    identifiers = trial.related["identifiers"]
    corrections = in_force(trial)
    registry_links = [
        {"identifier": identifier, "url": registry_url(identifier.registry, identifier.value)}
        for identifier in identifiers
        if identifier.kind != "sponsor"
    ]
    article = render_to_string(
        "catalog/trial_article.jinja",
        {
            "trial": trial,
            "related": trial.related,
            "registry_links": registry_links,
            "registry_names": REGISTRY_NAMES,
            "sponsor_ids": [identifier for identifier in identifiers if identifier.kind == "sponsor"],
            "evidence": _evidence(trial),
            "corrections": corrections,
            "corrected_fields": {correction["field"] for correction in corrections},
            "changes": _changes_of(trial),
            "country_summary": country_summary(trial),
        },
        using="jinja2",
    )
    # Jinja2 escaped every value it wrote (catalog/jinja.py).
    # A trial whose record gave no title is named by its id alone, not twice.
    title = trial.primary_id if trial.title == trial.primary_id else f"{trial.title} ({trial.primary_id})"
    return framed_page(request, "catalog/trial_detail.html", title, article)


def country_summary(trial: Trial) -> dict | None:
    """'3 countries, 12 sites: United States 8 · France 3 · Germany 1' (most sites first). Sites
    are counted only when the record names them (a facility or a city): a record that gives only
    its countries ("in the United States and Canada") has no count of sites to show."""
    sites = [site for site in trial.related["sites"] if site.country]
    if not sites:
        return None
    counts = Counter(site.country for site in sites)
    named = any(site.facility or site.city for site in sites)
    return {
        "countries": len(counts),
        "sites": sum(counts.values()) if named else None,
        "by_country": counts.most_common(),
    }


def _changes_of(trial: Trial) -> list:
    """The trial's history, newest first, each change with the source document it came from."""
    documents = {document.pk: document for document in trial.related["source_documents"]}
    changes = list(trial.related["changes"])
    for change in changes:
        change.source = documents.get(change.document_id)
    return changes


@public_page
def trial_detail_json(request, registry_id):
    trial = prefetched(_get_trial(registry_id))  # with every relation the export reads (catalog/detail.py)
    data = trial_to_dict(trial, request.build_absolute_uri("/"))
    # As on the page: what curators corrected, and what the registry says.
    data["corrections"] = [
        {**correction, "corrected_at": correction["corrected_at"].date().isoformat()} for correction in in_force(trial)
    ]
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def _evidence(trial: Trial) -> list[dict]:
    """Why the trial carries each tag: the words matched and where."""
    labels = {
        "conditions": "Condition",
        "cell_sources": "Cell source",
        "product_types": "Product",
        "origins": "Origin",
        "routes": "Route",
        "procedures": "Combined procedure",
    }
    rows = []
    for kind, label in labels.items():
        for name, matches in (trial.classification_evidence.get(kind) or {}).items():
            where = sorted({match["field"].replace("_", " ") for match in matches})
            # Case-blind, then by case: words equal but for case ("Laser", "laser") keep one order
            # (a set's order changes with each process's hash seed: the page, and its ETag, did).
            words = sorted({match["text"] for match in matches}, key=lambda word: (word.lower(), word))
            rows.append({"kind": label, "name": name, "words": words, "fields": where})
    return rows


@public_page
def overview(request):
    trials = Trial.objects.listed()
    statuses = status_counts(trials)
    return render(
        request,
        "catalog/overview.html",
        {
            "total": trials.count(),
            "year_chart": charts.start_year_chart(trials),
            "status_chart": charts.status_chart(statuses),
            "matrix": charts.category_source_matrix(trials),
            "statuses": [{"value": value, "label": label, "count": count} for value, label, count in statuses],
            "open_count": sum(count for value, _, count in statuses if value in choices.OPEN_STATUSES),
            "open_statuses": choices.OPEN_STATUSES,
            "conditions": Condition.objects.filter(trials__in_scope=True)
            .annotate(count=Count("trials"))
            .order_by("category", "-count", "name"),
            "cell_sources": CellSource.objects.filter(trials__in_scope=True)
            .annotate(count=Count("trials"))
            .order_by("-count", "name"),
            "recent": trials.exclude(last_updated=None).order_by("-last_updated", "primary_id").for_list()[:5],
        },
    )


@public_page
def term_page(request, kind, slug):
    """A condition's or a cell source's page: what it is, its trials, counts by phase and status."""
    model, parameter = {"conditions": (Condition, "condition"), "cell-sources": (CellSource, "cell_source")}[kind]
    term = get_object_or_404(model, slug=slug)
    relation = "conditions" if model is Condition else "cell_sources"
    trials = Trial.objects.listed().filter(**{relation: term})
    phases, statuses = phase_counts(trials), status_counts(trials)
    return render(
        request,
        "catalog/term.html",
        {
            "term": term,
            "kind_label": "Condition" if model is Condition else "Cell source",
            "parameter": parameter,
            "total": trials.count(),
            "phases": phases,
            "statuses": statuses,
            "year_chart": charts.start_year_chart(trials, {parameter: term.slug}),
            "status_chart": charts.status_chart(statuses, {parameter: term.slug}),
            "trials": trials.for_list().order_by(F("last_updated").desc(nulls_last=True), "primary_id")[:50],
        },
    )


def page_not_found(request, exception):
    message = exception.args[0] if exception.args and isinstance(exception.args[0], str) else ""
    if not re.match(r"^No trial", message or ""):
        message = ""
    return render(request, "404.html", {"message": message}, status=404)
