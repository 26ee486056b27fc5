"""CSV and Atom twins of the list: same query string, same trials."""

import csv
import io
import re

import pytest
from defusedxml import ElementTree

from catalog.views import csv_cell
from ingest.loader import ingest_record
from ingest.record import Identifier, Intervention, TrialRecord

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def csv_rows(response) -> list[dict]:
    assert response.streaming
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_every_matching_trial_and_matches_the_page(client, seeded, settings):
    settings.TRIALS_PER_PAGE = 1  # the page paginates; the CSV does not
    rows = csv_rows(client.get("/trials.csv?cell_source=umbilical-cord"))
    assert sorted(row["id"] for row in rows) == ["NCT03765957", "NCT06911281"]
    melasma = next(row for row in rows if row["id"] == "NCT06911281")
    assert melasma["conditions"] == "Melasma"
    assert melasma["sponsor"] == "Shanghai East Hospital"
    assert melasma["start_date"] == "2025-06-30"
    assert melasma["url"] == "http://testserver/trials/NCT06911281/"
    html = client.get("/trials/?cell_source=umbilical-cord").content.decode()
    assert 'href="/trials.csv?cell_source=umbilical-cord"' in html


def test_csv_cells_that_start_a_formula_are_neutralised(client, db):
    ingest_record(
        TrialRecord(
            source_format="test",
            identifiers=(Identifier("NCT", "NCT09900001"),),
            brief_title='=HYPERLINK("http://example.invalid","stem cells for vitiligo")',
            conditions_raw=("Vitiligo",),
            interventions=(Intervention("UC-MSC", "BIOLOGICAL"),),
        ),
        "formula.json",
    )
    row = csv_rows(client.get("/trials.csv"))[0]
    assert row["title"].startswith("'=HYPERLINK(")
    assert [csv_cell(value) for value in ("+1", "-2", "@x", "\tx", "ok")] == ["'+1", "'-2", "'@x", "'\tx", "ok"]
    # Full-width signs, and signs after spaces, start formulas in some spreadsheets too.
    assert [csv_cell(value) for value in ("＝1+1", "  =1+1", "－2")] == ["'＝1+1", "'  =1+1", "'－2"]


def test_a_formula_after_a_semicolon_stays_inside_its_quoted_cell(client, db):
    # A spreadsheet that splits on ";" (its locale's separator) would start a new cell at "=".
    ingest_record(
        TrialRecord(
            source_format="test",
            identifiers=(Identifier("NCT", "NCT09900002"),),
            brief_title="Stem cells for vitiligo;=1+1",
            conditions_raw=("Vitiligo",),
            interventions=(Intervention("UC-MSC", "BIOLOGICAL"),),
        ),
        "formula.json",
    )
    text = b"".join(client.get("/trials.csv").streaming_content).decode()
    assert '"Stem cells for vitiligo;=1+1"' in text
    assert all(line.startswith('"') and line.endswith('"') for line in text.splitlines() if line)


def test_csv_with_an_invalid_filter_is_a_clear_400(client, seeded):
    assert client.get("/trials.csv?status=BOGUS").status_code == 400


def test_atom_feed_follows_the_filters_and_escapes_registry_text(client, seeded):
    ingest_record(
        TrialRecord(
            source_format="test",
            identifiers=(Identifier("NCT", "NCT09900002"),),
            brief_title="<script>alert(1)</script> stem cells for psoriasis",
            conditions_raw=("Psoriasis",),
            interventions=(Intervention("UC-MSC", "BIOLOGICAL"),),
        ),
        "hostile.json",
    )
    response = client.get("/trials.atom?status=WITHDRAWN")
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = ElementTree.fromstring(response.content).findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text.split(":")[0] for entry in entries] == ["NCT04034615"]
    everything = client.get("/trials.atom").content.decode()
    assert "<script>" not in everything and "&lt;script&gt;" in everything


@pytest.mark.parametrize(
    "query",
    [
        "open=1",
        "country=Iran&country=China",
        "sex=MALE&age=30",
        "registry=NCT&start_from=2022",
        "updated_since=2022-01-01&sort=enrollment",
        "q=stem cells&study_type=INTERVENTIONAL",
    ],
)
def test_every_twin_holds_the_trials_of_the_page(client, seeded, query):
    html = client.get(f"/trials/?{query}").content.decode()
    on_page = sorted(set(re.findall(r'<span class="trial-id">([^<]+)</span>', html)))
    assert sorted(row["id"] for row in csv_rows(client.get(f"/trials.csv?{query}"))) == on_page
    data = client.get(f"/trials.json?{query}").json()
    assert sorted(result["id"] for result in data["results"]) == on_page
    assert data["count"] == len(on_page)
    assert set(data["facets"]) >= {"country", "sex", "study_type", "registry", "status", "cell_source"}
