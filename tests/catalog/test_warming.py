"""After a catalog change the landing pages are rendered into the shared cache by the worker, so
the first reader is served from the cache."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.changes import current_version
from catalog.warming import LANDING_PATHS, warm_landing_pages
from tests.catalog.test_views import add_trials

pytestmark = pytest.mark.django_db


@pytest.fixture
def warming(settings):
    """A shared cache, tasks run as they are queued (the worker's part), warming on."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "w"}}
    settings.PAGE_CACHE_SECONDS = 600
    settings.CATALOG_VERSION_MEMO_SECONDS = 60
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.WARM_PAGES_AFTER_CHANGE = True
    settings.SITE_URL = "http://localhost:8000"
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def test_the_first_reader_after_a_change_gets_cached_landing_pages(
    client, seeded, warming, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        add_trials(1)
    for path in LANDING_PATHS:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, HTTP_HOST="localhost:8000")
        assert response.status_code == 200
        assert queries.captured_queries == [], path  # served from the cache the worker filled
    assert b"NCT09000000" in client.get("/trials/", HTTP_HOST="localhost:8000").content
    # JSON links carry the site's own address.
    assert (
        client.get("/trials.json", HTTP_HOST="localhost:8000")
        .json()["results"][0]["url"]
        .startswith("http://localhost:8000/")
    )


def test_pages_not_warmed_are_rendered_for_their_reader(client, seeded, warming, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        add_trials(1)
    with CaptureQueriesContext(connection) as queries:
        client.get("/trials/?phase=PHASE2", HTTP_HOST="localhost:8000")
    assert len(queries.captured_queries) > 1


def test_a_warm_up_for_an_older_version_does_nothing(seeded, warming):
    version = current_version()[0]
    result = warm_landing_pages.call(version - 1)
    assert result.startswith("skipped")
    assert warm_landing_pages.call(version).startswith(f"version {version}: / 200, /trials/ 200")


def test_no_warm_up_queued_without_a_shared_cache(seeded, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    settings.WARM_PAGES_AFTER_CHANGE = False
    from django.tasks import default_task_backend

    with django_capture_on_commit_callbacks(execute=True):
        add_trials(1)
    assert default_task_backend.results == []
    settings.WARM_PAGES_AFTER_CHANGE = True
    with django_capture_on_commit_callbacks(execute=True):
        add_trials(1, start=1)
    assert [result.task.name for result in default_task_backend.results] == ["warm_landing_pages"]
