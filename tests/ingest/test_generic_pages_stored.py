"""Through the whole ingest: a generic page becomes a trial marked for review; a page with no
identifier of its own is kept in quarantine with the reason, and nothing else changes."""

from pathlib import Path

import pytest

from catalog.models import SourceDocument, Trial
from ingest.loader import ingest_document

pytestmark = pytest.mark.django_db
PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"


def test_a_generic_page_is_stored_for_review(vocabularies):
    result = ingest_document((PAGES / "mirror_listing.txt").read_bytes(), "mirror_listing.txt")
    assert (result.status, result.trial_id, result.format) == ("created", "NCT09100002", "generic-page")
    trial = Trial.objects.get(primary_id="NCT09100002")
    assert trial.needs_review and trial.status == "ACTIVE_NOT_RECRUITING"


def test_a_page_without_an_id_is_quarantined_with_its_reason(vocabularies):
    ingest_document((PAGES / "mirror_listing.txt").read_bytes(), "mirror_listing.txt")
    raw = (PAGES / "mirror_no_id.txt").read_bytes()
    result = ingest_document(raw, "mirror_no_id.txt")
    assert result.status == "failed" and result.error == "the page names no registry identifier of its own"
    document = SourceDocument.objects.get(file_name="mirror_no_id.txt")
    assert document.parse_status == SourceDocument.FAILED and bytes(document.raw) == raw
    assert list(Trial.objects.values_list("primary_id", flat=True)) == ["NCT09100002"]
