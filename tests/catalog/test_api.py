"""/api/ documents every JSON endpoint, parameter and field; page_size runs from 1 to 100."""

import pytest

from catalog.api_docs import CHANGE_FIELDS, ENDPOINTS, FIELDS, MAX_PAGE_SIZE, PARAMETERS
from catalog.filters import FACETS, SCALAR_FILTERS

pytestmark = pytest.mark.django_db


def test_every_field_the_exports_write_is_documented_and_nothing_else(client, seeded):
    trial = client.get("/trials.json").json()["results"][0]
    assert [key for key, _ in FIELDS] == list(trial)
    html = client.get("/api/").content.decode()
    for key, _ in FIELDS + CHANGE_FIELDS:
        assert f"<code>{key}</code>" in html


def test_every_filter_is_a_documented_parameter():
    documented = {part.strip() for name, _ in PARAMETERS for part in name.split(",")}
    assert {name for name, _ in FACETS} | set(SCALAR_FILTERS) | {"sort", "page", "page_size"} <= documented


def test_every_example_answers(client, seeded):
    for _endpoint, _what, _holds, example in ENDPOINTS:
        response = client.get(example)
        assert response.status_code == 200, example


def test_page_size_up_to_a_hundred(client, seeded):
    assert len(client.get("/trials.json", {"page_size": 2}).json()["results"]) == 2
    assert client.get("/trials.json", {"page_size": 2}).json()["pages"] == 3  # five seeds
    for bad in ("0", str(MAX_PAGE_SIZE + 1), "ten"):
        response = client.get("/trials.json", {"page_size": bad})
        assert response.status_code == 400 and "page_size" in response.json()["errors"]
    assert client.get("/changes.json", {"page_size": "101"}).status_code == 400
