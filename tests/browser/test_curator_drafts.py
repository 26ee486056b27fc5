"""A curator's journey in a real browser, on a desktop and a phone: a page without a registry id
arrives as a draft, is found under 'Trials that need an identifier', is given its id (a typo is
refused first) and becomes a public trial."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from catalog.models import Trial
from ingest.loader import ingest_document
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)
PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "mirror_no_id.txt"
PASSWORD = "a-long-browser-password-1"


def test_a_curator_gives_a_draft_its_registry_id(page, live_server, vocabularies, django_user_model, client):
    django_user_model.objects.create_superuser("curator", "c@example.org", PASSWORD)
    draft = Trial.objects.get(primary_id=ingest_document(PAGE.read_bytes(), "mirror_no_id.txt").trial_id)
    assert client.get(f"/trials/{draft.primary_id}/").status_code == 404  # never public

    page.goto(f"{live_server.url}/admin/login/?next=/admin/catalog/drafttrial/")
    page.fill("#id_username", "curator")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.click(f"text={draft.primary_id}")
    screenshot(page, "draft-change")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    page.fill("#id_registry_id", "NCT0910078")  # one digit short
    page.click("input[name=_save]")
    assert "does not read as a registry id" in page.locator(".errorlist").first.inner_text()
    page.fill("#id_registry_id", "NCT09100783")
    page.click("input[name=_save]")
    # The saved form answers with a redirect: wait for the page it leads to, not the one it leaves.
    expect(page.locator(".messagelist")).to_contain_text("The draft is now trial NCT09100783.", timeout=15_000)

    page.goto(f"{live_server.url}/trials/NCT09100783/")
    assert page.locator("h1").inner_text() == "Autologous Cultured Fibroblasts for Atrophic Acne Scars"
