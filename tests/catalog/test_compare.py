"""Trials side by side: up to four ticked on a list, one row per fact, the same table as CSV."""

import csv
import io

import pytest

from catalog.compare import doses

pytestmark = pytest.mark.django_db


def test_the_list_ticks_trials_into_the_compare_form(client, seeded):
    html = client.get("/trials/").content.decode()
    assert '<form id="compare-form"' in html and 'action="/compare/"' in html
    assert '<input type="checkbox" name="id" value="NCT06911281" form="compare-form">' in html


def test_trials_side_by_side_in_the_order_ticked(client, seeded):
    html = client.get("/compare/", {"id": ["NCT06911281", "NCT04034615"]}).content.decode()
    head = html[html.index("<thead>") : html.index("</thead>")]
    assert head.index("NCT06911281") < head.index("NCT04034615")
    for label in (
        "Status",
        "Phase",
        "Enrollment",
        "Product",
        "Cell source",
        "Route",
        "Dose where stated",
        "Primary outcomes",
        "Start",
        "Sponsor",
        "Countries",
    ):
        assert f'<th scope="row">{label}</th>' in html


def test_the_comparison_csv_holds_the_same_table(client, seeded):
    ids = ["NCT06911281", "NCT04034615", "IRCT20080901001159N33"]
    html = client.get("/compare/", {"id": ids}).content.decode()
    response = client.get("/compare.csv", {"id": ids})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["fact", *ids]
    status = next(row for row in rows if row[0] == "Status")
    assert all(status[1:]) and all(f"<td>{value}</td>" in html for value in status[1:])
    assert len(rows) == 1 + html.count('<th scope="row">')


def test_more_than_four_or_unknown_ids_are_said(client, seeded):
    ids = ["NCT06911281", "NCT04034615", "IRCT20080901001159N33", "NCT06764329", "NCT03765957"]
    html = client.get("/compare/", {"id": ids}).content.decode()
    assert "these are the first 4 you ticked" in html and "NCT03765957" not in html[html.index("<thead>") :]
    html = client.get("/compare/", {"id": ["NCT06911281", "NCT00000001"]}).content.decode()
    assert "Not in the catalog&#x27;s list: NCT00000001" in html or "Not in the catalog's list: NCT00000001" in html


def test_doses_as_registries_state_them():
    class Item:
        def __init__(self, name, description=""):
            self.name, self.description = name, description

    class Rows(list):
        def all(self):
            return self

    class Trial:
        interventions = Rows([Item("UC-MSC", "1 × 10^6 cells/kg intravenously, twice"), Item("Saline", "5 mL")])
        arms = Rows([Item("", "2 million cells per wound")])

    assert doses(Trial()) == "1 × 10^6 cells/kg; 5 mL; 2 million cells"
