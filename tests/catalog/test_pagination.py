"""Lists page no deeper than MAX_LISTED_TRIALS; the list says so and points to the CSV export,
which still has every row."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_deep_pages_are_capped_and_the_list_says_where_the_rest_is(client, seeded, settings):
    settings.TRIALS_PER_PAGE, settings.MAX_LISTED_TRIALS = 1, 2
    response = client.get(reverse("catalog:trial_list"), {"page": 5, "sort": "id"})
    html = response.content.decode()
    assert "<span>Page 2 of 2</span>" in html and '<h1 id="results-heading">5 trials</h1>' in html
    assert 'id="list-capped"' in html and "of the 5 trials that match" in html
    assert 'href="/trials.csv?"' in html  # the same selection, every row
    csv = b"".join(client.get(reverse("catalog:trial_list_csv")).streaming_content).decode()
    assert len(csv.strip().splitlines()) == 1 + 5  # a header and every trial
    data = client.get(reverse("catalog:trial_list_json"), {"page": 5}).json()
    assert (data["count"], data["pages"], data["page"], data["next"]) == (5, 2, 2, None)


def test_a_list_within_the_cap_says_nothing(client, seeded, settings):
    settings.TRIALS_PER_PAGE, settings.MAX_LISTED_TRIALS = 2, 100
    html = client.get(reverse("catalog:trial_list")).content.decode()
    assert "<span>Page 1 of 3</span>" in html
    assert 'id="list-capped"' not in html


def test_the_cap_notice_writes_large_counts_as_the_heading_does(client, seeded, settings, monkeypatch):
    from catalog import views

    settings.TRIALS_PER_PAGE, settings.MAX_LISTED_TRIALS = 1, 2
    counted = views.cached  # the list's count, as if the selection were that large
    monkeypatch.setattr(views, "cached", lambda key, *rest: 12_345 if key == "count" else counted(key, *rest))
    html = client.get(reverse("catalog:trial_list")).content.decode()
    assert "of the 12,345 trials that match" in html and "download all 12,345 as CSV" in html
    assert "12345" not in html


def test_thousands_groups_numbers_and_leaves_other_values_alone():
    from catalog.templatetags.catalog_tags import thousands

    assert (thousands(100_000), thousands(7), thousands(""), thousands(None)) == ("100,000", "7", "", None)
