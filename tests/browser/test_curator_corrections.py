"""A curator's correction in a real browser, on a desktop and a phone: changed on the trial's
admin page with a reason, kept through a reclassify, shown on the public page beside what the
registry says, with nothing wider than the screen."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-browser-password-2"


def test_a_curator_corrects_the_enrollment_and_readers_see_both_values(page, live_server, seeded, django_user_model):
    django_user_model.objects.create_superuser("curator", "c@example.org", PASSWORD)
    page.goto(f"{live_server.url}/admin/login/?next=/admin/catalog/trial/")
    page.fill("#id_username", "curator")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.click("text=NCT06911281")
    registry_enrollment = page.input_value("#id_enrollment")
    page.fill("#id_enrollment", "42")
    page.fill("#id_correction_reason", "The sponsor's publication reports 42 participants.")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("Stored as corrections", timeout=15_000)

    page.goto(f"{live_server.url}/admin/catalog/trial/")
    page.check("#action-toggle")
    page.select_option("select[name=action]", "reclassify_trials")
    page.click("button[name=index]")
    expect(page.locator(".messagelist")).to_contain_text("5 trials reclassified", timeout=15_000)

    page.goto(f"{live_server.url}/trials/NCT06911281/")
    assert page.locator("dt:has-text('Enrollment') + dd").inner_text().startswith("42 participants")
    page.click("a.corrected >> nth=0")
    corrections = page.locator("ul.corrections").inner_text()
    assert f"this page shows 42; the registry says {registry_enrollment}." in corrections
    assert "The sponsor's publication reports 42 participants." in corrections
    screenshot(page, "trial-corrections")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
