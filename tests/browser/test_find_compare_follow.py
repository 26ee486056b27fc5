"""Finding, comparing and following trials in a real browser (Debian's chromium), on a desktop and
a 390 px phone: every page type fits the screen with legible chart text, the results come before
the filters for a keyboard, a search by a synonym, the compare flow, and an alert that keeps its
question."""

from datetime import date

import pytest
from defusedxml import ElementTree

from ingest.record import PartialDate, Site
from tests.browser.conftest import ingest_trial, screenshot

pytestmark = pytest.mark.django_db(transaction=True)
ATOM = "{http://www.w3.org/2005/Atom}"


def add(number: int, title: str, condition: str, updated: date, status: str = "RECRUITING", **more):
    # Long names, as saved pages have: they must wrap on a phone (the sources' disagreements).
    name = f"follow-{number}-{updated.isoformat()}-saved-from-a-registry-mirror-with-a-long-address.json"
    ingest_trial(
        f"NCT0960{number:04d}", title, name, condition, status=status, last_updated=PartialDate(updated), **more
    )


@pytest.fixture
def catalog(seeded):
    add(1, "Umbilical cord stem cells for moderate atopic dermatitis", "Atopic Dermatitis", date(2025, 3, 1))
    add(2, "Umbilical cord stem cells for stable vitiligo", "Vitiligo", date(2025, 1, 1))
    add(
        2,
        "Umbilical cord stem cells for stable vitiligo",
        "Vitiligo",
        date(2025, 6, 1),
        status="ACTIVE_NOT_RECRUITING",
        sites=tuple(Site(f"Hospital {n}", "Tehran", "", "Iran") for n in range(3)),
    )


@pytest.fixture
def many_conditions(catalog):
    conditions = ["Psoriasis", "Keloid", "Alopecia Areata", "Melasma", "Burns", "Chronic Wound", "Acne Scars"]
    for number, condition in enumerate(conditions, start=10):
        add(number, f"Umbilical cord stem cells for {condition.lower()}", condition, date(2024, 1, number))


def test_a_long_facet_narrows_as_one_types(page, live_server, many_conditions):
    page.goto(live_server.url + "/trials/")
    finder = page.locator("#find-condition")
    finder.fill("psor")
    visible = page.locator("fieldset:has(#find-condition) .facet-value:visible .facet-label").all_inner_texts()
    assert visible == ["Psoriasis"]
    finder.press("Enter")  # typing narrows; Enter does not send the form
    assert page.url.rstrip("/").endswith("/trials")
    finder.fill("")
    assert page.locator("fieldset:has(#find-condition) .facet-value:visible").count() > 8


PAGE_TYPES = {
    "overview": "/",
    "list": "/trials/",
    "search": "/trials/?q=stem+cells&status=RECRUITING",
    "trial": "/trials/NCT09600002/",
    "seed-trial": "/trials/NCT06911281/",
    "changes": "/changes/",
    "compare": "/compare/?id=NCT09600001&id=NCT09600002&id=NCT06911281",
    "api": "/api/",
    "condition": "/conditions/vitiligo/",
}
# The rendered size of every SVG text: its font size times the SVG's scale on the screen (the
# length of the transform's first column: a rotated label is no smaller).
SMALLEST_CHART_TEXT = """
() => Math.min(Infinity, ...[...document.querySelectorAll("svg text")].filter((t) => t.getBBox().width > 0)
  .map((t) => parseFloat(getComputedStyle(t).fontSize) * Math.hypot(t.getScreenCTM().a, t.getScreenCTM().b)))
"""


def test_every_page_type_fits_a_phone_and_its_chart_text_is_legible(page, live_server, catalog):
    for path in PAGE_TYPES.values():
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.viewport_size["width"], f"{path}: {width} px wide"
        smallest = page.evaluate(SMALLEST_CHART_TEXT)
        assert smallest >= 11, f"{path}: chart text {smallest:.1f} px "
    screenshot(page, "follow-trial")


def test_a_keyboard_reaches_the_results_before_the_filters(page, live_server, catalog):
    page.goto(live_server.url + "/trials/")
    presses = 0
    while not page.evaluate("!!document.activeElement.closest('.trial-card')") and presses < 40:
        page.keyboard.press("Tab")
        presses += 1
    assert presses < 20, f"{presses} tab stops before the first result"


def test_a_search_by_a_synonym_finds_the_trial(page, live_server, catalog):
    page.goto(live_server.url + "/")
    page.fill(".header-search input[type=search]", "eczema")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "NCT09600001" in page.inner_text(".results")
    assert "NCT09600002" not in page.inner_text(".results")


def test_compare_two_ticked_trials(page, live_server, catalog):
    page.goto(live_server.url + "/trials/?q=umbilical+cord")
    page.check('input[form="compare-form"][value="NCT09600001"]')
    page.check('input[form="compare-form"][value="NCT09600002"]')
    page.click("#compare-form button[type=submit]")
    page.wait_for_url("**/compare/**")
    heads = page.inner_text("table.compare thead")
    assert "NCT09600001" in heads and "NCT09600002" in heads
    assert "Atopic dermatitis" in page.inner_text("table.compare")
    screenshot(page, "compare")


def test_the_trial_page_shows_how_the_trial_changed(page, live_server, catalog):
    page.goto(live_server.url + "/trials/NCT09600002/")
    history = page.inner_text("section[aria-labelledby=history]")
    assert "1 June 2025" in history and "Active, not recruiting" in history


def test_an_alert_keeps_its_question(page, live_server, catalog):
    page.goto(live_server.url + "/trials/?condition=vitiligo&status=ACTIVE_NOT_RECRUITING")
    discovered = page.get_attribute("link[rel=alternate][type='application/atom+xml']", "href")
    shown = page.get_attribute(".exports a[href*='trials.atom']", "href")
    for href in (discovered, shown):
        assert "condition=vitiligo" in href and "status=ACTIVE_NOT_RECRUITING" in href
    feed = ElementTree.fromstring(page.request.get(live_server.url + discovered).body())
    self_link = next(link.get("href") for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert "condition=vitiligo" in self_link and "status=ACTIVE_NOT_RECRUITING" in self_link
    ids = [entry.find(f"{ATOM}title").text.split(":")[0] for entry in feed.findall(f"{ATOM}entry")]
    assert ids == ["NCT09600002"]
