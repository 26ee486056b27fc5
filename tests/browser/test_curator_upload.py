"""A curator's upload in a real browser, on a desktop and a phone: a ClinicalTrials.gov search
downloaded as CSV becomes one result per row, and the results fit the screen (a table wider
than a phone scrolls in its own box)."""

import pytest
from playwright.sync_api import expect

from catalog.models import Trial
from tests.browser.conftest import screenshot
from tests.ingest.test_format_ctgov_csv import EXOSOMES, PLATELETS, TODAY, export

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-browser-password-2"


def test_a_curator_uploads_a_csv_download_and_sees_each_row(
    page, live_server, vocabularies, django_user_model, tmp_path
):
    django_user_model.objects.create_superuser("curator", "c@example.org", PASSWORD)
    download = tmp_path / "ctg-studies.csv"
    download.write_text(export(TODAY, EXOSOMES, PLATELETS))

    page.goto(f"{live_server.url}/admin/login/?next=/admin/catalog/sourcedocument/upload/")
    page.fill("#id_username", "curator")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.set_input_files("input[type=file]", str(download))
    page.locator('form[enctype="multipart/form-data"] [type=submit]').click()

    rows = page.locator("#upload-results tbody tr")
    # (the results page loads after the click: counted at once, a busy machine found none yet)
    expect(rows).to_have_count(2, timeout=30_000)
    assert rows.nth(0).inner_text().split("\t")[:3] == ["ctg-studies.csv:row 2", "created", "NCT09107805"]
    assert rows.nth(1).inner_text().split("\t")[:2] == ["ctg-studies.csv:row 3", "skipped"]
    assert Trial.objects.filter(primary_id="NCT09107805", draft=False).exists()
    screenshot(page, "upload-results")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
