"""The catalog's change version: bumped once per committed transaction that changes what the
public pages show, read by every public page (ETag, Last-Modified, cached facet counts).

The bump runs after the commit, so a reader never sees a version newer than the data: at worst,
for an instant, newer data under the older version, which the bump then retires.
"""

from threading import Lock
from time import monotonic

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Now
from django.db.models.signals import m2m_changed, post_delete, post_save

from catalog.models import CatalogState
from catalog.search import forget_vocabulary_stamps


def _bump() -> None:
    updated = CatalogState.objects.filter(pk=1).update(version=F("version") + 1, changed_at=Now())
    if not updated:
        CatalogState.objects.get_or_create(pk=1, defaults={"version": 1})
    forget_recent_versions()


class _BumpOnCommit:
    def __init__(self):
        self.done = False

    def __call__(self):
        self.done = True
        _bump()
        from catalog.warming import queue_warming  # which imports this module

        queue_warming()


def mark_changed(using: str = "default") -> None:
    """Bump the version when the current transaction commits (once, however often called)."""
    connection = transaction.get_connection(using)
    pending = (callback for _, callback, _ in connection.run_on_commit)
    if any(isinstance(callback, _BumpOnCommit) and not callback.done for callback in pending):
        return
    transaction.on_commit(_BumpOnCommit(), using=using)


def current_version(using: str | None = None) -> tuple[int, object]:
    """(version, changed_at) as the database `using` holds them."""
    manager = CatalogState.objects.using(using) if using else CatalogState.objects
    row = manager.filter(pk=1).values_list("version", "changed_at").first()
    return row if row else (0, None)


# alias -> (when read, (version, changed_at)): this process's latest reading of the version.
_recent: dict[str, tuple[float, tuple[int, object]]] = {}
_recent_lock = Lock()


def recent_version(using: str) -> tuple[int, object]:
    """current_version, read from the database `using` at most once per CATALOG_VERSION_MEMO_SECONDS
    in this process, so a page served from the shared cache needs no database round trip.

    A change made in this process retires the reading at once (_bump); one made by another
    process (an ingest, another web worker) shows within that many seconds, well inside the
    CACHE_MAX_AGE a proxy may keep a page anyway. 0 reads the database on every request."""
    max_age = settings.CATALOG_VERSION_MEMO_SECONDS
    now = monotonic()
    reading = _recent.get(using)
    if reading and now - reading[0] < max_age:
        return reading[1]
    value = current_version(using)
    with _recent_lock:
        _recent[using] = (now, value)
    return value


def forget_recent_versions() -> None:
    with _recent_lock:
        _recent.clear()
    forget_vocabulary_stamps()  # read as the version is


# Rows no public page shows: the catalog's own version, and background uploads in progress.
_NOT_PUBLISHED = {"CatalogState", "UploadBatch", "UploadedFile"}


def _on_change(sender, **kwargs):
    if sender.__name__ in _NOT_PUBLISHED or sender._meta.app_label not in ("catalog",):
        return
    mark_changed(kwargs.get("using") or "default")


def connect_signals() -> None:
    """Every save, deletion and many-to-many change of a catalog model marks the catalog changed
    (admin edits, curation); bulk writes call mark_changed themselves (ingest/writing.py)."""
    for model in apps.get_app_config("catalog").get_models():
        if model.__name__ in _NOT_PUBLISHED:
            continue
        post_save.connect(_on_change, sender=model, dispatch_uid=f"catalog-change-save-{model._meta.label}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"catalog-change-delete-{model._meta.label}")
    m2m_changed.connect(_on_change, dispatch_uid="catalog-change-m2m")
