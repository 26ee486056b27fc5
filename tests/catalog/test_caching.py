"""HTTP caching and cached facet counts stay correct: a change to the catalog retires both."""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import F
from django.urls import reverse
from django.utils.http import http_date

from catalog.changes import current_version, mark_changed
from catalog.models import Condition, Trial
from tests.catalog.test_views import add_trials
from tests.public_pages import PUBLIC_URLS

pytestmark = pytest.mark.django_db
PUBLIC = [*PUBLIC_URLS, "/trials/?status=RECRUITING"]


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def shared_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}}
    settings.PAGE_CACHE_SECONDS = 600  # as deployed (development turns it off)
    settings.CATALOG_VERSION_MEMO_SECONDS = 60  # trusted longer than a test runs
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("url", PUBLIC)
def test_public_pages_answer_304_to_a_conditional_request(client, seeded, url):
    first = client.get(url)
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=60"
    etag, last_modified = first["ETag"], first["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and body(again) == b""
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_etag_differs_per_query_and_changes_with_the_catalog(client, seeded, django_capture_on_commit_callbacks):
    etag = client.get("/trials/")["ETag"]
    assert client.get("/trials/?status=RECRUITING")["ETag"] != etag
    with django_capture_on_commit_callbacks(execute=True):
        add_trials(1)
    changed = client.get("/trials/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert b"NCT09000000" in changed.content


def test_an_old_if_modified_since_gets_the_page(client, seeded):
    assert client.get("/trials/", HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200


def test_signed_in_curators_get_uncached_pages(client, seeded):
    user = get_user_model().objects.create_superuser("curator", "c@example.org", "a-long-password-1")
    client.force_login(user)
    assert client.get("/trials/")["Cache-Control"] == "private, no-cache"


def test_errors_carry_no_etag(client, seeded):
    response = client.get("/trials/NCT00000000/")
    assert response.status_code == 404 and "ETag" not in response
    assert "ETag" not in client.get("/trials.csv?status=BOGUS")


def test_one_bump_per_transaction_however_many_changes(seeded, django_capture_on_commit_callbacks):
    before = current_version()[0]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for trial in Trial.objects.all():
            trial.save()
        Condition.objects.first().save()
        mark_changed()
    assert len(callbacks) == 1
    assert current_version()[0] == before + 1


def test_admin_edit_changes_the_version(client, seeded, django_capture_on_commit_callbacks):
    user = get_user_model().objects.create_superuser("curator", "c@example.org", "a-long-password-1")
    client.force_login(user)
    before = current_version()[0]
    trial = Trial.objects.get(primary_id="NCT06911281")
    url = reverse("admin:catalog_trial_delete", args=[trial.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"post": "yes"}).status_code == 302
    assert current_version()[0] > before


def test_facet_counts_are_cached_until_the_catalog_changes(
    client, seeded, shared_cache, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    with django_assert_max_num_queries(40) as cold:
        client.get("/trials/?phase=PHASE1")
    with django_assert_max_num_queries(40) as warm:
        client.get("/trials/?phase=PHASE1")
    # The second reader is served from the cache, the catalog version as this process last read
    # it a moment ago: no query at all.
    assert len(warm.captured_queries) == 0 < len(cold.captured_queries)
    with django_capture_on_commit_callbacks(execute=True):
        add_trials(2)  # Phase 2 vitiligo trials
    html = client.get("/trials/?phase=PHASE1").content.decode()
    # The cached counts are gone with the old version: Phase 2 now counts the new trials.
    assert 'value="PHASE2"' in html
    data = client.get("/trials.json?phase=PHASE2").json()
    assert data["count"] == 4
    assert {item["value"]: item["count"] for item in data["facets"]["phase"]}["PHASE2"] == 4


def redis_reachable() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_reachable(), reason="no Redis on 127.0.0.1:6379 (REDIS_URL is optional)")
def test_facet_counts_shared_through_redis(client, seeded, settings, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    settings.CACHES = {
        "default": {
            "BACKEND": "config.redis_cache.ReusedClientRedisCache",  # as settings.py with REDIS_URL
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": "regenderm-test",
        }
    }
    cache.clear()
    try:
        client.get("/trials/?status=WITHDRAWN")
        version = current_version()[0]
        assert any(f"catalog:facets:{version}:" in key.decode() for key in cache._cache.get_client().keys("*"))
        with django_capture_on_commit_callbacks(execute=True):
            add_trials(1)
        data = client.get("/trials.json?status=WITHDRAWN").json()
        assert {item["value"]: item["count"] for item in data["facets"]["status"]}["RECRUITING"] == 1
        # One redis-py client per connection pool, not one built per call.
        assert cache._cache.get_client("a") is cache._cache.get_client("b", write=True)
    finally:
        cache.clear()


def test_rendered_pages_are_served_from_the_cache_until_the_catalog_changes(
    client, seeded, shared_cache, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    first = client.get("/trials/?status=WITHDRAWN")
    with django_assert_max_num_queries(0):  # the page and the version as read a moment ago
        again = client.get("/trials/?status=WITHDRAWN")
    assert again.content == first.content and again["ETag"] == first["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        Trial.objects.get(primary_id="NCT04034615").save()  # any change retires every cached page
    with django_assert_max_num_queries(30) as rendered:
        client.get("/trials/?status=WITHDRAWN")
    assert len(rendered.captured_queries) > 3


def test_a_cached_page_keeps_the_links_of_the_host_it_was_asked_on(client, seeded, shared_cache, settings):
    settings.ALLOWED_HOSTS = ["trials.example.org", "mirror.example.net"]
    first = body(client.get("/trials.json", HTTP_HOST="trials.example.org"))
    second = body(client.get("/trials.json", HTTP_HOST="mirror.example.net"))
    assert b"http://trials.example.org/trials/" in first and b"mirror.example.net" not in first
    assert b"http://mirror.example.net/trials/" in second and b"trials.example.org" not in second


def test_signed_in_curators_never_get_a_cached_page(client, seeded, shared_cache):
    client.get("/trials/")
    user = get_user_model().objects.create_superuser("curator", "c@example.org", "a-long-password-1")
    client.force_login(user)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get("/trials/")
    assert len(queries.captured_queries) > 3


def test_readers_of_a_new_selection_wait_for_one_computation(shared_cache, settings):
    """Readers arriving together after a change run the facet statement once, not once each."""
    import threading
    import time

    from django.http import QueryDict

    from catalog.caching import cached

    settings.FACET_CACHE_SECONDS = 600
    computed = []

    def compute():
        computed.append(threading.get_ident())
        time.sleep(0.3)
        return {"status": [{"value": "RECRUITING", "count": 7}]}

    answers = []

    def reader():
        answers.append(cached("facets", QueryDict("status=RECRUITING"), compute, version=41))

    readers = [threading.Thread(target=reader) for _ in range(6)]
    for thread in readers:
        thread.start()
    for thread in readers:
        thread.join(timeout=10)
    assert len(computed) == 1
    assert answers == [{"status": [{"value": "RECRUITING", "count": 7}]}] * 6
    # A new catalog version is a new selection: computed again.
    cached("facets", QueryDict("status=RECRUITING"), compute, version=42)
    assert len(computed) == 2


def test_a_failed_computation_does_not_block_the_next_reader(shared_cache, settings):
    from django.http import QueryDict

    from catalog.caching import cached

    settings.FACET_CACHE_SECONDS = 600

    def failing():
        raise TimeoutError("statement timeout")

    with pytest.raises(TimeoutError):
        cached("facets", QueryDict("q=skin"), failing, version=5)
    assert cached("facets", QueryDict("q=skin"), lambda: {"ok": 1}, version=5) == {"ok": 1}


def test_a_change_made_by_another_process_shows_once_the_reading_of_the_version_is_old(
    client, seeded, shared_cache, settings, monkeypatch
):
    from catalog import changes
    from catalog.models import CatalogState

    settings.CATALOG_VERSION_MEMO_SECONDS = 5
    clock = [1000.0]
    monkeypatch.setattr(changes, "monotonic", lambda: clock[0])
    etag = client.get("/trials/")["ETag"]
    # Another process (an ingest, another web worker) bumps the version: this process does not
    # hear of it, and keeps trusting its reading for CATALOG_VERSION_MEMO_SECONDS.
    CatalogState.objects.filter(pk=1).update(version=F("version") + 1)
    clock[0] += 4.9
    assert client.get("/trials/")["ETag"] == etag
    clock[0] += 0.2
    assert client.get("/trials/")["ETag"] != etag


def test_a_change_made_in_this_process_shows_at_once(
    client, seeded, shared_cache, settings, django_capture_on_commit_callbacks
):
    settings.CATALOG_VERSION_MEMO_SECONDS = 3600
    etag = client.get("/trials/?phase=PHASE2")["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        add_trials(2)  # Phase 2 vitiligo trials
    changed = client.get("/trials/?phase=PHASE2")
    assert changed["ETag"] != etag
    assert b"NCT09000001" in changed.content


def test_without_the_memo_every_page_reads_the_version(client, seeded, shared_cache, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.CATALOG_VERSION_MEMO_SECONDS = 0
    client.get("/trials/")
    with CaptureQueriesContext(connection) as captured:
        client.get("/trials/")
    assert [query["sql"] for query in captured.captured_queries if "catalogstate" in query["sql"]]


def test_a_signed_in_curator_sees_a_change_from_another_process_at_once(client, seeded, shared_cache):
    from catalog.models import CatalogState

    user = get_user_model().objects.create_superuser("curator", "c@example.org", "a-long-password-1")
    client.force_login(user)
    etag = client.get("/trials/")["ETag"]
    client.get("/trials/", HTTP_COOKIE="")  # an anonymous reader's reading of the version, trusted 60 s
    CatalogState.objects.filter(pk=1).update(version=F("version") + 1)
    # The curator's browser revalidates: the page has changed, not "304 Not Modified".
    response = client.get("/trials/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag


def test_counts_are_shared_by_urls_that_select_the_same_trials(client, seeded, shared_cache, monkeypatch):
    from catalog import facets, views

    computed = []
    counted = facets.facet_counts
    monkeypatch.setattr(views, "facet_counts", lambda filterset: computed.append(1) or counted(filterset))
    client.get("/trials/?status=RECRUITING")  # a facet link
    # The filter form's submission of the same selection (every field, empty ones too), sorted
    # another way and on another page: the same counts, not computed again.
    client.get("/trials/?q=&status=RECRUITING&age=&start_from=&start_to=&updated_since=&sort=start&page=2")
    client.get("/trials.json?status=RECRUITING&sort=enrollment")
    assert len(computed) == 1
    client.get("/trials/?status=COMPLETED")  # another selection is counted for itself
    assert len(computed) == 2


def test_a_parameter_no_view_reads_neither_bypasses_nor_fills_the_page_cache(
    client, seeded, shared_cache, django_assert_max_num_queries
):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/trials/?status=RECRUITING")
    with CaptureQueriesContext(connection) as served_from_cache:
        client.get("/trials/?status=RECRUITING")
    pages = len([key for key in cache._cache if ":catalog:page:" in key])
    for junk in ("x=1", "x=2", "utm_source=feed", "status=RECRUITING"):  # the last: the same value twice
        with django_assert_max_num_queries(len(served_from_cache)):
            response = client.get(f"/trials/?status=RECRUITING&{junk}")
        assert response.status_code == 200
    assert len([key for key in cache._cache if ":catalog:page:" in key]) == pages
    # The last of a one-valued parameter is the one a view reads: page 2 is never served for page 1.
    assert client.get("/trials/?page=2&page=1").content == client.get("/trials/?page=1").content
