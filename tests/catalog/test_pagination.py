"""Lists page no deeper than MAX_LISTED_TRIALS; the list says so and points to the CSV export,
which still has every row."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_deep_pages_are_capped_and_the_list_says_where_the_rest_is(client, seeded, settings):
    settings.TRIALS_PER_PAGE, settings.MAX_LISTED_TRIALS = 1, 2
    response = client.get(reverse("catalog:trial_list"), {"page": 5, "sort": "id"})
    page = response.context["page"]
    assert (page.number, page.paginator.num_pages, page.paginator.count) == (2, 2, 5)
    html = response.content.decode()
    assert 'id="list-capped"' in html and "of the 5 trials that match" in html
    assert 'href="/trials.csv?"' in html  # the same selection, every row
    csv = b"".join(client.get(reverse("catalog:trial_list_csv")).streaming_content).decode()
    assert len(csv.strip().splitlines()) == 1 + 5  # a header and every trial
    data = client.get(reverse("catalog:trial_list_json"), {"page": 5}).json()
    assert (data["count"], data["pages"], data["page"], data["next"]) == (5, 2, 2, None)


def test_a_list_within_the_cap_says_nothing(client, seeded, settings):
    settings.TRIALS_PER_PAGE, settings.MAX_LISTED_TRIALS = 2, 100
    response = client.get(reverse("catalog:trial_list"))
    assert response.context["page"].paginator.num_pages == 3
    assert 'id="list-capped"' not in response.content.decode()
