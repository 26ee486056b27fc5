"""The curators' inbox in the admin: upload documents, see what happened to each, re-read them."""

import io
import zipfile
from pathlib import Path

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog.models import SourceDocument, Trial
from ingest.documents import store_failure

pytestmark = pytest.mark.django_db
SEEDS = sorted((Path(__file__).resolve().parents[2] / "sample_data" / "seeds").glob("*.txt"))
UPLOAD = reverse("admin:catalog_sourcedocument_upload")


@pytest.fixture
def curator(client, django_user_model, vocabularies):
    user = django_user_model.objects.create_superuser("curator", "c@example.org", "a-long-password-1")
    client.force_login(user)
    return client


def upload(client, *files, **fields):
    return client.post(UPLOAD, {"files": list(files), **fields})


def test_the_document_list_links_to_the_upload(curator):
    html = curator.get(reverse("admin:catalog_sourcedocument_changelist")).content.decode()
    assert f'href="{UPLOAD}"' in html and "Upload documents" in html


def test_upload_pages_and_a_zip_and_see_each_result(curator):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("irct.txt", SEEDS[4].read_bytes())
        bundle.writestr("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    response = upload(
        curator,
        SimpleUploadedFile(SEEDS[0].name, SEEDS[0].read_bytes()),
        SimpleUploadedFile("bundle.zip", archive.getvalue()),
        SimpleUploadedFile("empty.txt", b""),
    )
    assert response.status_code == 200
    html = response.content.decode()
    rows = {result["file_name"]: result for result in response.context["results"]}
    assert rows[SEEDS[0].name]["status"] == "created" and rows[SEEDS[0].name]["trial_id"] == "NCT06911281"
    assert rows["bundle.zip/irct.txt"]["status"] == "created"
    assert rows["bundle.zip/photo.png"]["status"] == "failed" and "PNG" in rows["bundle.zip/photo.png"]["reason"]
    assert rows["empty.txt"]["status"] == "failed" and rows["empty.txt"]["reason"] == "the file is empty"
    assert '<a href="/trials/NCT06911281/">NCT06911281</a>' in html
    # Documents keep the uploaded names; trials record who uploaded them.
    assert SourceDocument.objects.filter(file_name=f"uploaded/{SEEDS[0].name}").exists()
    assert SourceDocument.objects.filter(file_name="uploaded/bundle.zip/photo.png", parse_status="failed").exists()
    entry = LogEntry.objects.get(object_repr__startswith="NCT06911281")
    assert entry.user.username == "curator" and "Uploaded" in entry.get_change_message()


def test_uploading_again_changes_nothing(curator):
    upload(curator, SimpleUploadedFile("a.txt", SEEDS[0].read_bytes()))
    response = upload(curator, SimpleUploadedFile("a.txt", SEEDS[0].read_bytes()))
    assert [result["status"] for result in response.context["results"]] == ["unchanged"]
    assert Trial.objects.count() == 1
    assert "1 document: 1 unchanged" in response.content.decode()  # one document, not "1 documents"


def test_quarantined_documents_are_listed_with_their_errors(curator):
    upload(curator, SimpleUploadedFile("empty.txt", b""), SimpleUploadedFile("a.pdf", b"%PDF-1.7 x"))
    html = curator.get(reverse("admin:catalog_sourcedocument_changelist"), {"parse_status__exact": "failed"})
    text = html.content.decode()
    assert "the file is empty" in text and "uploaded/a.pdf" in text


def test_reread_after_a_parser_fix_updates_the_trial_without_duplicates(curator):
    # A document an older parser could not read: quarantined with its bytes.
    store_failure(SEEDS[1].read_bytes(), "veeva-page.txt", "an old parser could not read it")
    failed = SourceDocument.objects.get(file_name="veeva-page.txt")
    upload(curator, SimpleUploadedFile("melasma.txt", SEEDS[0].read_bytes()))
    parsed = SourceDocument.objects.get(file_name="uploaded/melasma.txt")
    Trial.objects.filter(primary_id="NCT06911281").update(brief_title="stale title")
    response = curator.post(
        reverse("admin:catalog_sourcedocument_changelist"),
        {"action": "reread_documents", "_selected_action": [failed.pk, parsed.pk]},
        follow=True,
    )
    assert "Re-read 2 documents: 1 created, 1 rebuilt." in response.content.decode()
    failed.refresh_from_db()
    assert failed.parse_status == "parsed" and failed.trial.primary_id == "NCT03765957"
    assert LogEntry.objects.filter(object_id=str(failed.trial_id), change_message__contains="Re-read").exists()
    assert Trial.objects.get(primary_id="NCT06911281").brief_title != "stale title"
    assert Trial.objects.count() == 2 and SourceDocument.objects.count() == 2


def test_only_curators_may_upload(client, django_user_model, vocabularies):
    user = django_user_model.objects.create_user("reader", "r@example.org", "a-long-password-1", is_staff=True)
    client.force_login(user)
    assert client.get(UPLOAD).status_code == 403


@pytest.mark.django_db(transaction=True)  # the worker commits and closes connections, as in production
def test_a_large_upload_runs_in_the_background_and_shows_its_progress(curator, settings):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    from catalog.models import UploadBatch

    settings.INBOX_INLINE_BYTES = 100  # every upload here counts as large
    # The upload commits, and the task is queued when it does.
    response = upload(
        curator,
        SimpleUploadedFile(SEEDS[0].name, SEEDS[0].read_bytes()),
        SimpleUploadedFile("empty.txt", b""),
    )
    batch = UploadBatch.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/uploadbatch/{batch.pk}/change/")
    assert (batch.state, batch.file_count, batch.documents_done) == ("queued", 2, 0)
    assert not Trial.objects.exists()  # nothing is read in the request
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    page = curator.get(response["Location"]).content.decode()
    assert "Queued" in page and 'http-equiv="refresh"' in page and "manage.py worker" in page

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    batch.refresh_from_db()
    assert (batch.state, batch.documents_done) == ("done", 2)
    assert [(row["file_name"], row["status"], row["trial_id"]) for row in batch.results] == [
        (SEEDS[0].name, "created", "NCT06911281"),
        ("empty.txt", "failed", ""),
    ]
    assert not batch.files.exists()  # the documents keep the bytes now
    assert SourceDocument.objects.filter(file_name=f"uploaded/{SEEDS[0].name}", parse_status="parsed").exists()
    entry = LogEntry.objects.get(object_repr__startswith="NCT06911281")
    assert entry.user.username == "curator" and "Uploaded" in entry.get_change_message()
    page = curator.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert '<a href="/trials/NCT06911281/">NCT06911281</a>' in page and "the file is empty" in page


@pytest.mark.django_db(transaction=True)
def test_a_background_upload_is_stored_in_parts_and_read_back_whole(curator, settings, monkeypatch):
    from django.core.management import call_command

    from catalog.models import UploadBatch, UploadedFile

    settings.INBOX_INLINE_BYTES = 100
    monkeypatch.setattr(UploadedFile, "PART_BYTES", 1000)  # the seeds are a few kilobytes
    first, second = SEEDS[0].read_bytes(), SEEDS[4].read_bytes()
    upload(curator, SimpleUploadedFile(SEEDS[0].name, first), SimpleUploadedFile(SEEDS[4].name, second))
    batch = UploadBatch.objects.get()
    stored = list(batch.files.values_list("number", "part", "name"))
    assert stored[0] == (0, 0, SEEDS[0].name) and len(stored) == -(-len(first) // 1000) - (-len(second) // 1000)
    assert all(len(part.raw) <= 1000 for part in batch.files.all())
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    for seed, raw in ((SEEDS[0], first), (SEEDS[4], second)):
        assert bytes(SourceDocument.objects.get(file_name=f"uploaded/{seed.name}").raw) == raw


@pytest.mark.django_db(transaction=True)
def test_a_background_upload_measures_its_progress_in_documents_zip_members_counted(curator, settings):
    from django.core.management import call_command

    from catalog.models import UploadBatch

    settings.INBOX_INLINE_BYTES = 100
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        for seed in SEEDS[:3]:
            bundle.writestr(seed.name, seed.read_bytes())
    upload(
        curator,
        SimpleUploadedFile("bundle.zip", archive.getvalue()),
        SimpleUploadedFile(SEEDS[4].name, SEEDS[4].read_bytes()),
    )
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    batch = UploadBatch.objects.get()
    assert (batch.state, batch.file_count, batch.documents_expected, batch.documents_done) == ("done", 2, 4, 4)


def test_the_progress_bar_runs_to_the_documents_counted_not_the_files(curator):
    from catalog.models import UploadBatch

    page = lambda batch: curator.get(reverse("admin:catalog_uploadbatch_change", args=[batch.pk])).content.decode()  # noqa: E731
    batch = UploadBatch.objects.create(state="running", file_count=1, documents_expected=40, documents_done=10)
    html = page(batch)
    assert '<progress max="40" value="10"' in html and "10 of 40 documents read" in html
    # Not yet counted (an older batch, or the worker still storing the files): never a bar past its end.
    uncounted = UploadBatch.objects.create(state="running", file_count=1, documents_done=10)
    assert '<progress max="10" value="10"' in page(uncounted)


def test_trials_read_from_unfamiliar_pages_are_listed_for_review(curator):
    page = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "mirror_listing.txt"
    upload(
        curator,
        SimpleUploadedFile("listing.txt", page.read_bytes()),
        SimpleUploadedFile(SEEDS[0].name, SEEDS[0].read_bytes()),
    )
    review_list = reverse("admin:catalog_trialtoreview_changelist")
    html = curator.get(review_list).content.decode()
    assert "NCT09100002" in html and "NCT06911281" not in html  # a seed's own format needs no review
    assert "read from a page whose layout was guessed" in html  # why, beside each trial
    trial = Trial.objects.get(primary_id="NCT09100002")
    response = curator.post(review_list, {"action": "mark_reviewed", "_selected_action": [trial.pk]}, follow=True)
    assert "1 trial marked as reviewed" in response.content.decode()
    trial.refresh_from_db()
    assert not trial.needs_review and trial.review_reason == ""
    assert "NCT09100002" not in curator.get(review_list).content.decode()
    assert LogEntry.objects.filter(object_id=str(trial.pk), change_message__contains="Reviewed").exists()


def test_a_batch_whose_worker_stopped_says_so(curator):
    from datetime import timedelta

    from django.utils import timezone

    from catalog.models import UploadBatch

    batch = UploadBatch.objects.create(state="running", file_count=3, documents_done=1)
    page = reverse("admin:catalog_uploadbatch_change", args=[batch.pk])
    UploadBatch.objects.filter(pk=batch.pk).update(progressed_at=timezone.now())
    assert 'id="upload-stalled"' not in curator.get(page).content.decode()
    UploadBatch.objects.filter(pk=batch.pk).update(progressed_at=timezone.now() - timedelta(minutes=10))
    html = curator.get(page).content.decode()
    assert 'id="upload-stalled"' in html and "worker was probably stopped" in html


def test_an_uploaded_page_without_an_id_takes_the_address_the_curator_typed(curator):
    page = (Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "mirror_no_id.txt").read_bytes()
    upload(curator, SimpleUploadedFile("page.txt", page), source_url="https://finder.example/trial/NCT09100782")
    document = SourceDocument.objects.get(file_name="uploaded/page.txt")
    assert document.source_url == "https://finder.example/trial/NCT09100782"
    assert document.trial.primary_id == "NCT09100782" and not document.trial.draft


def test_an_uploaded_page_without_an_id_anywhere_is_a_draft(curator):
    page = (Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "mirror_no_id.txt").read_bytes()
    response = upload(curator, SimpleUploadedFile("page.txt", page))
    draft = SourceDocument.objects.get(file_name="uploaded/page.txt").trial
    # The result links to the drafts list in the admin, not to a public page it does not have.
    assert f'/admin/catalog/drafttrial/?q={draft.primary_id}">{draft.primary_id}</a>' in response.content.decode()
    assert SourceDocument.objects.get(file_name="uploaded/page.txt").trial.draft


def test_a_page_quarantined_for_lack_of_an_id_becomes_a_draft_when_re_read(curator):
    # Before drafts, a page with no registry id went to quarantine; re-reading it keeps it as a
    # draft, which a curator can give its id.
    page = (Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "mirror_no_id.txt").read_bytes()
    store_failure(page, "old-page.txt", "the page names no registry identifier of its own")
    failed = SourceDocument.objects.get(file_name="old-page.txt")
    response = curator.post(
        reverse("admin:catalog_sourcedocument_changelist"),
        {"action": "reread_documents", "_selected_action": [failed.pk]},
        follow=True,
    )
    assert "Re-read 1 document: 1 draft." in response.content.decode()
    failed.refresh_from_db()
    assert failed.parse_status == "parsed" and failed.trial.draft


def test_an_upload_over_the_limit_is_refused_with_its_size_before_it_is_read(curator, settings):
    settings.INBOX_MAX_BYTES = 1000
    response = upload(curator, SimpleUploadedFile("big.txt", b"x" * 1500), SimpleUploadedFile("b.txt", b"y" * 10))
    assert response.status_code == 200
    assert "These files hold 1,510 bytes; an upload may hold 1,000." in response.content.decode()
    assert not SourceDocument.objects.exists()
