"""Through the whole ingest: a generic page becomes a trial marked for review; a page with no
identifier of its own becomes a draft for curators, listed nowhere public, until one is given."""

from pathlib import Path

import pytest

from catalog.models import SourceDocument, Trial
from ingest.errors import IngestError
from ingest.loader import assign_identifier, ingest_document
from ingest.writing import rebuild_trial

pytestmark = pytest.mark.django_db
PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"


def test_a_generic_page_is_stored_for_review(vocabularies):
    result = ingest_document((PAGES / "mirror_listing.txt").read_bytes(), "mirror_listing.txt")
    assert (result.status, result.trial_id, result.format) == ("created", "NCT09100002", "generic-page")
    trial = Trial.objects.get(primary_id="NCT09100002")
    assert trial.needs_review and trial.status == "ACTIVE_NOT_RECRUITING"


def test_a_page_without_an_id_becomes_a_draft_that_is_never_listed(vocabularies, client):
    ingest_document((PAGES / "mirror_listing.txt").read_bytes(), "mirror_listing.txt")
    raw = (PAGES / "mirror_no_id.txt").read_bytes()
    result = ingest_document(raw, "mirror_no_id.txt")
    assert result.status == "draft" and result.reason == "the page names no registry identifier of its own"
    document = SourceDocument.objects.get(file_name="mirror_no_id.txt")
    assert document.parse_status == SourceDocument.PARSED and bytes(document.raw) == raw
    draft = document.trial
    assert draft.draft and not draft.in_scope and draft.primary_id == result.trial_id
    assert draft.brief_title  # what the page said is kept
    assert draft.primary_id.startswith("draft-")
    listed = client.get("/trials.json").json()
    assert [trial["id"] for trial in listed["results"]] == ["NCT09100002"]
    assert client.get(f"/trials/{draft.primary_id}/").status_code == 404


def test_the_same_page_again_is_the_same_draft(vocabularies):
    raw = (PAGES / "mirror_no_id.txt").read_bytes()
    first = ingest_document(raw, "mirror_no_id.txt")
    again = ingest_document(raw, "copy.txt")
    assert again.status == "unchanged" and again.trial_id == first.trial_id
    assert Trial.objects.filter(draft=True).count() == 1


def test_a_page_address_gives_the_id_the_page_lacks(vocabularies):
    raw = (PAGES / "mirror_no_id.txt").read_bytes()
    result = ingest_document(raw, "mirror_no_id.txt", source_url="https://mirror.example/trials/NCT09100777?ref=x")
    assert (result.status, result.trial_id) == ("created", "NCT09100777")
    trial = Trial.objects.get(primary_id="NCT09100777")
    assert not trial.draft and trial.in_scope
    rebuild_trial(trial)  # a re-read keeps the id the address gave
    assert list(trial.identifiers.values_list("value", flat=True)) == ["NCT09100777"]


def test_a_saved_page_names_its_own_address(vocabularies):
    body = (PAGES / "mirror_no_id.txt").read_text()
    saved = (
        "<!DOCTYPE html>\n<!-- saved from url=(0045)https://mirror.example/study/NCT09100778 -->\n"
        f"<html><head><title>t</title></head><body><pre>{body}</pre></body></html>"
    )
    result = ingest_document(saved.encode(), "saved.html")
    assert (result.status, result.trial_id) == ("created", "NCT09100778")
    assert SourceDocument.objects.get(file_name="saved.html").source_url.endswith("/NCT09100778")


def _as_mhtml(html_text: str, address: str) -> bytes:
    """A page as a browser saves it to one file: a MIME message, its HTML quoted-printable."""
    import quopri

    body = quopri.encodestring(html_text.encode()).decode()
    return (
        "From: <Saved by Blink>\n"
        f"Snapshot-Content-Location: {address}\nSubject: t\nMIME-Version: 1.0\n"
        'Content-Type: multipart/related;\n\ttype="text/html";\n\tboundary="----Boundary--x----"\n\n\n'
        "------Boundary--x----\nContent-Type: text/html\nContent-Transfer-Encoding: quoted-printable\n"
        f"Content-Location: {address}\n\n{body}\n"
        "------Boundary--x----\nContent-Type: text/css\nContent-Location: cid:css@x\n\nbody {}\n"
        "------Boundary--x------\n"
    ).encode()


def test_a_page_saved_as_one_mhtml_file_is_read_as_its_html(vocabularies):
    body = (PAGES / "mirror_no_id.txt").read_text()
    long_line = "Stem cells for example wounds, a line long enough to be broken by quoted-printable " * 2
    saved = _as_mhtml(
        f"<html><head><title>t</title></head><body><p>{long_line}</p><pre>{body}</pre></body></html>",
        "https://mirror.example/study/NCT09100780",
    )
    result = ingest_document(saved, "saved.mhtml")
    assert (result.status, result.trial_id) == ("created", "NCT09100780")  # its id from the saved address
    document = SourceDocument.objects.get(file_name="saved.mhtml")
    assert document.source_url == "https://mirror.example/study/NCT09100780"
    trial = Trial.objects.get(primary_id="NCT09100780")
    assert "=\n" not in trial.brief_summary + trial.detailed_description and "<p>" not in trial.detailed_description
    # A MIME message with no HTML in it is refused, saying so; the document is kept.
    broken = ingest_document(saved.replace(b"Content-Type: text/html", b"Content-Type: text/plain"), "broken.mhtml")
    assert broken.status == "failed" and "holds no HTML part" in broken.error
    assert SourceDocument.objects.filter(file_name="broken.mhtml").exists()


def test_a_curator_gives_a_draft_its_id(vocabularies):
    raw = (PAGES / "mirror_no_id.txt").read_bytes()
    draft = Trial.objects.get(primary_id=ingest_document(raw, "mirror_no_id.txt").trial_id)
    with pytest.raises(IngestError, match="not a registry identifier"):
        assign_identifier(draft, "see the page")
    trial = assign_identifier(draft, "nct09100779")
    assert (trial.pk, trial.primary_id, trial.draft, trial.in_scope) == (draft.pk, "NCT09100779", False, True)
    rebuild_trial(trial)  # the curator's id is applied on every re-read
    trial.refresh_from_db()
    assert trial.primary_id == "NCT09100779" and not trial.draft
    assert list(trial.identifiers.values_list("value", flat=True)) == ["NCT09100779"]


def test_a_draft_given_a_known_id_joins_that_trial(vocabularies):
    ingest_document((PAGES / "mirror_listing.txt").read_bytes(), "mirror_listing.txt")
    draft = Trial.objects.get(
        primary_id=ingest_document((PAGES / "mirror_no_id.txt").read_bytes(), "mirror_no_id.txt").trial_id
    )
    trial = assign_identifier(draft, "NCT09100002")
    assert trial.primary_id == "NCT09100002"
    assert not Trial.objects.filter(pk=draft.pk).exists()
    assert sorted(trial.source_documents.values_list("file_name", flat=True)) == [
        "mirror_listing.txt",
        "mirror_no_id.txt",
    ]


def test_published_pages_name_a_document_by_its_file_name_never_a_server_path(vocabularies, client):
    raw = (PAGES / "mirror_listing.txt").read_bytes()
    ingest_document(raw, "/srv/regenderm/inbox/2026/mirror_listing.txt")
    page = client.get("/trials/NCT09100002/").content.decode()
    exported = client.get("/trials/NCT09100002.json").json()
    assert "mirror_listing.txt" in page and "/srv/regenderm" not in page
    assert exported["source_documents"][0]["file_name"] == "mirror_listing.txt"
