"""The server-drawn charts: their numbers match the catalog and their links lead to the lists."""

import re

import pytest

from catalog import charts
from catalog.models import CellSource, Trial

pytestmark = pytest.mark.django_db


def test_axis_has_round_steps_and_covers_the_largest_value():
    for largest in [0, 1, 3, 7, 12, 38, 99, 215, 1234, 98765]:
        top, ticks = charts._axis(largest)
        assert top >= largest and ticks[0] == 0 and ticks[-1] == top and len(ticks) <= 6
        step = ticks[1] - ticks[0]
        assert str(step).strip("0") in ("1", "2", "5")


def test_start_year_bars_count_each_trial_once(seeded):
    chart = charts.start_year_chart(Trial.objects.all())
    totals = {bar["year"]: bar["total"] for bar in chart["bars"]}
    # Four seeds have a start date: 2021 (two), 2024, 2025; the years between are empty bars.
    assert totals == {2021: 2, 2022: 0, 2023: 0, 2024: 1, 2025: 1}
    assert chart["total"] == 4
    for bar in chart["bars"]:
        assert sum(bar["values"]) == bar["total"]
        assert bar["url"] == f"/trials/?start_from={bar['year']}&start_to={bar['year']}"
    legend = {item["name"]: item["count"] for item in chart["legend"]}
    assert legend == {"Umbilical cord": 1, "Bone marrow": 1, "Adipose tissue": 1, "Perinatal tissue": 1}


def test_a_trial_with_two_cell_sources_is_one_several_sources_segment(seeded):
    trial = Trial.objects.get(primary_id="NCT06764329")
    trial.cell_sources.add(CellSource.objects.get(slug="adipose-tissue"))
    chart = charts.start_year_chart(Trial.objects.all())
    legend = {item["name"]: item["count"] for item in chart["legend"]}
    assert legend["Several sources"] == 1 and "Bone marrow" not in legend
    assert {bar["year"]: bar["total"] for bar in chart["bars"]}[2024] == 1


def test_start_year_chart_keeps_the_pages_filter_in_its_links(seeded):
    chart = charts.start_year_chart(Trial.objects.filter(conditions__slug="melasma"), {"condition": "melasma"})
    assert [bar["url"] for bar in chart["bars"]] == ["/trials/?condition=melasma&start_from=2025&start_to=2025"]


def test_no_start_dates_means_no_chart(db):
    assert charts.start_year_chart(Trial.objects.all()) is None
    assert charts.status_chart([]) is None
    assert charts.category_source_matrix(Trial.objects.all()) is None


def test_matrix_counts_trials_per_condition_group_and_cell_source(seeded):
    matrix = charts.category_source_matrix(Trial.objects.all())
    cells = {
        (row["label"], cell["url"]): cell["count"] for row in matrix["rows"] for cell in row["cells"] if cell["count"]
    }
    assert cells == {
        ("Scars", "/trials/?category=scar&cell_source=adipose-tissue"): 1,
        ("Scars", "/trials/?category=scar&cell_source=perinatal-tissue"): 1,
        ("Pigmentary", "/trials/?category=pigmentary&cell_source=umbilical-cord"): 1,
        ("Inflammatory", "/trials/?category=inflammatory&cell_source=umbilical-cord"): 1,
        ("Hair", "/trials/?category=hair&cell_source=bone-marrow"): 1,
    }
    for (label, url), count in cells.items():
        query = url.split("?", 1)[1]
        category, source = re.match(r"category=([^&]+)&cell_source=(.+)", query).groups()
        expected = Trial.objects.filter(conditions__category=category.replace("+", " "), cell_sources__slug=source)
        assert expected.distinct().count() == count, (label, url)


def test_overview_draws_the_charts_as_svg(client, seeded):
    html = client.get("/").content.decode()
    assert html.count('<svg class="chart-svg') == 3
    assert 'role="img" aria-labelledby="years-caption years-desc"' in html
    assert "Trials by status" in html and 'aria-label="Withdrawn: 1 trial"' in html
    assert 'href="/trials/?category=scar&amp;cell_source=adipose-tissue"' in html
    # The numbers are also a table, for readers who cannot see the picture.
    assert '<th scope="row"><a href="/trials/?start_from=2021&amp;start_to=2021">2021</a></th><td>2</td>' in html
    assert "<script" not in html


def test_term_pages_carry_the_small_charts(client, seeded):
    html = client.get("/cell-sources/umbilical-cord/").content.decode()
    assert html.count('<svg class="chart-svg') == 2
    assert 'href="/trials/?cell_source=umbilical-cord&amp;status=UNKNOWN"' in html
    assert 'href="/trials/?cell_source=umbilical-cord&amp;start_from=2025&amp;start_to=2025"' in html
