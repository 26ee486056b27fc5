"""A clinician's and a researcher's journeys in a real browser, on a desktop and a phone:
search, filter, open a trial, export the list; keyboard-only filters; inert registry text."""

import csv
import io
from pathlib import Path

import pytest

from tests.browser.conftest import contrast_failures, ingest_trial, screenshot

# Transactional: the live server reads from another thread.
pytestmark = pytest.mark.django_db(transaction=True)


def add_trial(number: int, title: str, summary: str = "", status: str = "RECRUITING"):
    ingest_trial(f"NCT0950{number:04d}", title, f"browser-{number}.json", brief_summary=summary, status=status)


@pytest.fixture
def catalog(seeded):
    for number in range(3):
        add_trial(
            number,
            f"Umbilical cord stem cells for vitiligo, cohort {number}",
            "Repigmentation of stable vitiligo patches.",
        )
    add_trial(9, "Umbilical cord cells for vitiligo, completed", status="COMPLETED")


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_search_filter_open_a_trial_and_export(page, live_server, catalog):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Regenerative dermatology trials at a glance"
    assert page.locator("svg.chart-svg").count() == 3
    screenshot(page, "overview")
    assert no_horizontal_scroll(page)
    assert contrast_failures(page) == []

    page.fill("#header-q", "vitiligo")
    page.press("#header-q", "Enter")
    page.wait_for_url("**/trials/?q=vitiligo")
    assert page.locator("h1").inner_text() == "4 trials matching “vitiligo”"
    # Matches are marked in the summaries' snippets.
    assert page.locator("p.snippet mark").first.inner_text().lower() == "vitiligo"

    # Tick "open to enrollment" and apply: the completed trial leaves the list.
    page.check("#id_open")
    page.click(".filters button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "3 trials open to enrollment matching “vitiligo”"
    # The form sent only what was chosen: the address of the facet links for this selection.
    assert page.url == live_server.url + "/trials/?q=vitiligo&open=1"
    assert page.locator(".chips li").count() == 3  # search, open, clear all
    screenshot(page, "list")
    assert no_horizontal_scroll(page)
    assert contrast_failures(page) == []

    # Open a trial: its page names the registry and links to the registry's own record.
    page.click("article.trial-card h3 a >> nth=0")
    page.wait_for_url("**/trials/NCT0950*/")
    assert "Umbilical cord stem cells for vitiligo" in page.locator("h1").inner_text()
    assert page.locator('a[href^="https://clinicaltrials.gov/study/NCT0950"]').count() >= 1
    screenshot(page, "detail")
    assert no_horizontal_scroll(page)
    assert contrast_failures(page) == []

    # Back to the list, export it: the CSV holds exactly the trials on the page.
    page.go_back()
    listed = sorted(page.locator("article.trial-card .trial-id").all_inner_texts())
    with page.expect_download() as download_info:
        page.click("text=CSV (all rows)")
    download = download_info.value
    assert download.suggested_filename == "regenderm-trials.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert sorted(row["id"] for row in rows) == listed
    assert {row["status"] for row in rows} == {"RECRUITING"}


def test_filters_work_with_the_keyboard_alone(page, live_server, catalog):
    page.goto(live_server.url + "/trials/")
    target = 'input[name="cell_source"][value="umbilical-cord"]'
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches('{target}')"):
            break
    else:
        pytest.fail("Tab never reached the umbilical cord filter")
    # The focused control is visibly marked.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    page.keyboard.press("Space")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.filters button[type=submit]')"):
            break
    else:
        pytest.fail("Tab never reached the Apply filters button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/trials/?*cell_source=umbilical-cord*")
    assert page.locator("h1").inner_text() == "6 trials of umbilical cord products"


def test_registry_text_stays_inert_in_the_browser(page, live_server, vocabularies):
    add_trial(
        50,
        '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2"> stem cells for vitiligo',
        '<a href="javascript:window.pwned = 3">click</a> <svg onload="window.pwned = 4"></svg>',
    )
    for path in ["/", "/trials/", "/trials/?q=stem", "/trials/NCT09500050/"]:
        page.goto(live_server.url + path)
        assert page.evaluate("window.pwned === undefined"), path
        assert page.locator("a[href^='javascript:']").count() == 0
    assert "<script>window.pwned" in page.locator("h1").inner_text()


def test_the_contrast_check_catches_faint_text(browser):
    page = browser.new_page()
    page.set_content('<p style="color:#aaa">faint</p><p style="color:#333">dark</p><h1 style="color:#888">big</h1>')
    failures = contrast_failures(page)
    page.close()
    assert len(failures) == 1 and '"faint"' in failures[0]
