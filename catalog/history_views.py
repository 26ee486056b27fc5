"""/changes/: recent changes across the catalog, for the same selections as the trial list (its
filters read through TrialFilter), with CSV, JSON and Atom twins that hold the same changes."""

import csv
from datetime import UTC, datetime, time
from types import SimpleNamespace

from django.contrib.syndication.views import Feed
from django.http import JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from catalog.caching import public_page
from catalog.filters import TrialFilter
from catalog.models import Trial, TrialChange
from catalog.pagination import CappedPaginator
from catalog.text import printable
from catalog.views import EchoWriter, csv_cell, page_size
from config.routers import public_read_alias

CHANGES_PER_PAGE = 50
KINDS = dict(TrialChange.KINDS)
CSV_COLUMNS = ["changed_on", "kind", "trial_id", "title", "field", "before", "after", "source_document", "url"]


def _selection(request):
    """The changes of the trials the list's filters select, narrowed to the kinds asked for (all
    but the catalog's own re-reads when none is), newest first. None: a filter was not understood."""
    filterset = TrialFilter(request.GET or None, queryset=Trial.objects.listed())
    if filterset.is_bound and not filterset.is_valid():
        return filterset, None
    kinds = [kind for kind in request.GET.getlist("kind") if kind in KINDS] or [
        kind for kind in KINDS if kind != TrialChange.REREAD
    ]
    changes = (
        TrialChange.objects.filter(trial__in=filterset.qs.order_by().values("pk"), kind__in=kinds)
        .select_related("trial", "document")
        .only(
            "id",
            "kind",
            "changed_on",
            "recorded_at",
            "changes",
            "trial__primary_id",
            "trial__brief_title",
            "trial__official_title",
            "document__file_name",
            "document__source_url",
        )
    )
    return filterset, changes


def _errors(filterset) -> JsonResponse:
    return JsonResponse({"errors": filterset.errors.get_json_data()}, status=400)


def change_to_dict(change: TrialChange, base_url: str) -> dict:
    return {
        "changed_on": change.changed_on.isoformat(),
        "kind": change.kind,
        "kind_label": KINDS[change.kind],
        "trial": change.trial.primary_id,
        "title": change.trial.title,
        "url": base_url.rstrip("/") + change.trial.get_absolute_url(),
        "source_document": change.document.public_name if change.document else "",
        "changes": [{key: item[key] for key in ("field", "label", "before", "after")} for item in change.changes],
    }


def _trial_query(request) -> str:
    """The list's own query for the same trials (the kinds and page are this page's own)."""
    params = request.GET.copy()
    for name in ("kind", "page"):
        params.pop(name, None)
    return params.urlencode()


@public_page
def change_list(request):
    filterset, changes = _selection(request)
    paginator = CappedPaginator(changes if changes is not None else TrialChange.objects.none(), CHANGES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    chosen_kinds = set(request.GET.getlist("kind"))
    return render(
        request,
        "catalog/change_list.html",
        {
            "page": page,
            "filterset": filterset,
            "kinds": [(kind, label, kind in chosen_kinds) for kind, label in TrialChange.KINDS],
            "trial_query": _trial_query(request),
            "errors": filterset.errors if filterset.is_bound else {},
        },
    )


@public_page
def change_list_json(request):
    filterset, changes = _selection(request)
    if changes is None:
        return _errors(filterset)
    try:
        per_page = page_size(request) if request.GET.get("page_size") else CHANGES_PER_PAGE
    except ValueError as error:
        return JsonResponse({"errors": {"page_size": [{"message": str(error), "code": "invalid"}]}}, status=400)
    page = CappedPaginator(changes, per_page).get_page(request.GET.get("page"))
    base_url = request.build_absolute_uri("/")
    return JsonResponse(
        {
            "count": page.paginator.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "results": [change_to_dict(change, base_url) for change in page.object_list],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@public_page
def change_list_csv(request):
    """Every matching change, one row per changed fact, streamed."""
    filterset, changes = _selection(request)
    if changes is None:
        return _errors(filterset)
    base_url = request.build_absolute_uri("/")
    writer = csv.writer(EchoWriter(), quoting=csv.QUOTE_ALL)
    changes = changes.using(public_read_alias())  # read while the response streams

    def rows():
        yield writer.writerow(CSV_COLUMNS)
        for change in changes.iterator(chunk_size=500):
            data = change_to_dict(change, base_url)
            for item in data["changes"]:
                row = [
                    data["changed_on"],
                    data["kind_label"],
                    data["trial"],
                    data["title"],
                    item["label"],
                    item["before"],
                    item["after"],
                    data["source_document"],
                    data["url"],
                ]
                yield writer.writerow([csv_cell(value) for value in row])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="regenderm-changes.csv"'
    return response


class ChangeFeed(Feed):
    """The latest changes of a selection; each entry says what changed and is dated by it."""

    feed_type = Atom1Feed
    title = "RegenDerm Trials: recent changes"
    subtitle = "What registries and curators changed in the selected trials, newest first."

    def get_object(self, request, *args, **kwargs):
        filterset, changes = _selection(request)
        return SimpleNamespace(changes=changes, query=request.GET.urlencode())

    def link(self, selection):
        return reverse("catalog:change_list") + (f"?{selection.query}" if selection.query else "")

    def feed_url(self, selection):
        return reverse("catalog:change_feed") + (f"?{selection.query}" if selection.query else "")

    def items(self, selection):
        return list(selection.changes[:50]) if selection.changes is not None else []

    def item_title(self, change):
        return printable(f"{change.trial.primary_id}: {KINDS[change.kind].lower()}, {change.changed_on.isoformat()}")

    def item_description(self, change):
        return printable(f"{change.trial.title}. {change.summary}.")

    def item_link(self, change):
        return change.trial.get_absolute_url() + "#history"

    def item_guid(self, change):
        return f"{change.trial.get_absolute_url()}#change-{change.pk}"

    def item_updateddate(self, change):
        return datetime.combine(change.changed_on, time.min, tzinfo=UTC)

    def item_pubdate(self, change):
        return change.recorded_at
