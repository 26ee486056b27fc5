"""HTTP caching that stays correct, and the shared cache of facet counts.

Every public page derives its ETag and Last-Modified from the catalog's change version
(catalog/changes.py), today's date (the "status may be out of date" flag moves with the calendar)
and the deployed code, so a conditional request is answered 304 until one of them changes, and
a CDN or reverse proxy may keep anonymous pages for CACHE_MAX_AGE seconds.
"""

import hashlib
from datetime import UTC, datetime, time
from functools import lru_cache, wraps
from pathlib import Path
from time import monotonic, sleep

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, urlencode

from catalog.changes import current_version, recent_version
from config.routers import public_read_alias, public_reads

_CODE_PARTS = ("templates", "static", "catalog")


def _code_fingerprint() -> str:
    """Changes with any template, stylesheet or catalog module: a new deploy, new ETags."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for part in _CODE_PARTS:
        for path in sorted((base / part).rglob("*")):
            if path.is_file() and path.suffix in (".html", ".jinja", ".css", ".py", ".svg", ".json"):
                digest.update(path.relative_to(base).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


CODE_FINGERPRINT = _code_fingerprint()


def public_page(view):
    """ETag, Last-Modified, 304 and Cache-Control for a public catalog page or export."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        with public_reads():
            return _respond(view, request, *args, **kwargs)

    return wrapper


def _respond(view, request, *args, **kwargs):
    """The view's answer with its validators, or 304 when the client's copy is current."""
    if request.method not in ("GET", "HEAD"):
        return view(request, *args, **kwargs)
    signed_in = bool(request.COOKIES.get(settings.SESSION_COOKIE_NAME))
    # A curator sees an edit at once, whichever web process made it; readers may lag a second.
    version, changed_at = current_version() if signed_in else recent_version(public_read_alias())
    request.catalog_version = version
    today = datetime.now(UTC).date()
    midnight = datetime.combine(today, time.min, tzinfo=UTC)
    last_modified = max(changed_at, midnight) if changed_at else midnight
    # The host and scheme too: feeds and exports carry absolute links (ALLOWED_HOSTS bounds the hosts).
    site = f"{request.scheme}://{request.get_host()}"
    key = f"{version}|{today.isoformat()}|{CODE_FINGERPRINT}|{site}|{cache_path(request)}"
    etag = '"' + hashlib.sha256(key.encode()).hexdigest()[:24] + '"'
    timestamp = int(last_modified.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if response is None:
        # Pages are the same for every reader: a page rendered for this catalog version, date
        # and code is served again from the shared cache (never to a signed-in curator).
        page_key = f"catalog:page:{etag.strip(chr(34))}:{request.method}"
        stored = None if signed_in else cache.get(page_key)
        if stored is not None:
            response = HttpResponse(stored[1], content_type=stored[0])
        else:
            response = view(request, *args, **kwargs)
            if response.status_code != 200:
                return response
            if not signed_in and not response.streaming and settings.PAGE_CACHE_SECONDS:
                cache.set(page_key, (response["Content-Type"], response.content), settings.PAGE_CACHE_SECONDS)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(timestamp)
    if signed_in:
        # A signed-in curator may see a page moments after changing it: never from a cache.
        response["Cache-Control"] = "private, no-cache"
    else:
        response["Cache-Control"] = f"public, max-age={settings.CACHE_MAX_AGE}"
    return response


def cache_path(request) -> str:
    """The page's address as far as it chooses what the page shows: its path and the known
    parameters with a value, in a canonical order. A parameter no view reads (`&x=<random>`)
    is no new page: it can neither bypass the cache nor fill it."""
    params = set()
    for key in request.GET:
        if key in _many_valued():  # a set of values: in any order, each once
            params.update((key, value) for value in request.GET.getlist(key) if value != "")
        elif key in _one_valued() and request.GET[key] != "":  # the view reads the last one
            params.add((key, request.GET[key]))
    return request.path + ("?" + urlencode(sorted(params)) if params else "")


@lru_cache(maxsize=1)
def _many_valued() -> frozenset[str]:
    from catalog.filters import TrialFilter  # the filters read the catalog's models: imported late

    many = (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)
    return frozenset(name for name, item in TrialFilter.base_filters.items() if issubclass(item.field_class, many))


@lru_cache(maxsize=1)
def _one_valued() -> frozenset[str]:
    from catalog.filters import TrialFilter

    return frozenset({*TrialFilter.base_filters, "page"} - _many_valued())


# Parameters that order or page a list without changing which trials it holds.
NOT_SELECTING = frozenset({"page", "sort"})


def selection_params(query_dict) -> list[tuple[str, str]]:
    """The query string's parameters that choose trials, in a canonical order: the filter form
    sends every field, empty ones too (`q=&age=`), and a facet link sends only its own, yet both
    ask for the same counts (django-filter ignores empty values)."""
    return sorted(
        (key, value)
        for key in query_dict
        if key not in NOT_SELECTING
        for value in query_dict.getlist(key)
        if value != ""
    )


def cached(kind: str, query_dict, compute, version: int | None = None):
    """A value computed for a list's query string (facet counts, the number of matches), kept in
    the shared cache under the catalog version: any change to the catalog retires it.

    One reader computes a value; readers asking for the same one meanwhile wait for its answer
    instead of each running the same statements (a burst of readers right after an ingest)."""
    if not settings.FACET_CACHE_SECONDS:
        return compute()
    if version is None:
        version = recent_version(public_read_alias())[0]
    digest = hashlib.sha256(repr(selection_params(query_dict)).encode()).hexdigest()[:32]
    cache_key = f"catalog:{kind}:{version}:{digest}"
    value = cache.get(cache_key)
    if value is not None:
        return value
    # No reader waits longer than a statement may run.
    lock_key, lock_seconds = f"{cache_key}:computing", settings.STATEMENT_TIMEOUT_MS / 1000 + 1
    computing_here = cache.add(lock_key, 1, lock_seconds)
    if not computing_here:
        deadline = monotonic() + lock_seconds
        while monotonic() < deadline and cache.get(lock_key) is not None:
            sleep(0.02)
            value = cache.get(cache_key)
            if value is not None:
                return value
        # The computing reader failed or gave up: compute here.
    try:
        value = compute()
        cache.set(cache_key, value, settings.FACET_CACHE_SECONDS)
    finally:
        if computing_here:
            cache.delete(lock_key)
    return value
