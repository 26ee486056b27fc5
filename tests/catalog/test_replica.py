"""With DATABASE_REPLICA_URL set, public pages read from the replica; writes and the admin use
the primary. (In tests the replica alias mirrors the test database.)"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import Trial
from tests.catalog.test_views import add_trials

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])
READS = [
    "/",
    "/trials/?status=RECRUITING",
    "/trials.json",
    "/trials.csv",
    "/trials.atom",
    "/trials/NCT06911281/",
    "/conditions/melasma/",
]


@pytest.fixture
def with_replica(settings):
    settings.DATABASE_REPLICA_URL = "postgres://replica.example/regenderm"  # routing only: the alias mirrors


def queries_on(alias, action) -> list[str]:
    with CaptureQueriesContext(connections[alias]) as captured:
        action()
    return [query["sql"] for query in captured.captured_queries]


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    if response.streaming:
        b"".join(response.streaming_content)


@pytest.mark.parametrize("url", READS)
def test_public_pages_read_from_the_replica(client, seeded, with_replica, url):
    on_primary = []
    on_replica = queries_on("replica", lambda: on_primary.extend(queries_on("default", lambda: fetch(client, url))))
    assert on_replica, url
    assert on_primary == [], (url, on_primary)


def test_without_a_replica_everything_uses_the_primary(client, seeded):
    assert queries_on("replica", lambda: fetch(client, "/trials/")) == []


def test_writes_and_the_admin_use_the_primary(client, seeded, with_replica):
    user = get_user_model().objects.create_superuser("curator", "c@example.org", "a-long-password-1")
    client.force_login(user)
    trial = Trial.objects.get(primary_id="NCT06911281")
    on_replica = queries_on(
        "replica",
        lambda: (
            client.get(reverse("admin:catalog_trial_changelist")),
            client.get(reverse("admin:catalog_trial_change", args=[trial.pk])),
            add_trials(1),
        ),
    )
    assert on_replica == []
    assert Trial.objects.filter(primary_id="NCT09000000").exists()
