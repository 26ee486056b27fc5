"""Nothing a curator needs is a dead end: a quarantined document or a draft takes the registry id
its page lacks, a deleted trial comes back from its documents, an unplaced word can be dismissed."""

from pathlib import Path

import pytest
from django.urls import reverse

from catalog.models import DismissedWord, SourceDocument, Trial
from ingest.documents import store_failure
from ingest.loader import ingest_document

pytestmark = pytest.mark.django_db
PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "mirror_no_id.txt"


@pytest.fixture
def curator(client, django_user_model, vocabularies):
    client.force_login(django_user_model.objects.create_superuser("cura", "cura@example.org", "a-long-password"))
    return client


def give_id(curator, document, value):
    return curator.post(
        reverse("admin:catalog_sourcedocument_assign", args=[document.pk]), {"registry_id": value}, follow=True
    )


def test_a_quarantined_document_takes_the_id_its_page_lacks(curator):
    store_failure(PAGE.read_bytes(), "old-page.txt", "the page names no registry identifier of its own")
    document = SourceDocument.objects.get(file_name="old-page.txt")
    page = curator.get(reverse("admin:catalog_sourcedocument_change", args=[document.pk])).content.decode()
    assert reverse("admin:catalog_sourcedocument_assign", args=[document.pk]) in page
    assert "does not read as a registry id" in give_id(curator, document, "not an id").content.decode()

    response = give_id(curator, document, "NCT 0930 0001")
    assert "is now part of trial NCT09300001" in response.content.decode()
    document.refresh_from_db()
    assert (document.parse_status, document.trial.primary_id, document.trial.draft) == ("parsed", "NCT09300001", False)
    assert document.assigned_identifier == "NCT09300001"  # kept: every re-read applies it
    # A second page of the same trial, quarantined too, joins it.
    store_failure(PAGE.read_bytes() + b"\nSeen again.\n", "old-page-2.txt", "no id")
    second = SourceDocument.objects.get(file_name="old-page-2.txt")
    give_id(curator, second, "NCT09300001")
    assert Trial.objects.get(primary_id="NCT09300001").source_documents.count() == 2


def test_a_drafts_document_takes_its_id_from_the_document_page(curator):
    draft = Trial.objects.get(primary_id=ingest_document(PAGE.read_bytes(), "page.txt").trial_id)
    document = draft.source_documents.get()
    give_id(curator, document, "NCT09300002")
    document.refresh_from_db()
    assert document.trial.primary_id == "NCT09300002" and not document.trial.draft


def test_a_deleted_trial_comes_back_from_its_documents(curator, seeded, seed_paths):
    trial = Trial.objects.get(primary_id="NCT06911281")
    document = trial.source_documents.get()
    response = curator.post(reverse("admin:catalog_trial_delete", args=[trial.pk]), {"post": "yes"}, follow=True)
    assert "Its documents are kept" in response.content.decode()
    document.refresh_from_db()
    assert document.trial is None and document.parse_status == "parsed"
    orphans = curator.get(reverse("admin:catalog_sourcedocument_changelist"), {"trial__isempty": "1"}).content
    assert document.file_name in orphans.decode()

    response = curator.post(
        reverse("admin:catalog_sourcedocument_changelist"),
        {"action": "reread_documents", "_selected_action": [document.pk]},
        follow=True,
    )
    assert "1 created" in response.content.decode()
    assert Trial.objects.get(primary_id="NCT06911281").source_documents.get() == document
    # Deleted again, the same file ingested again brings it back too.
    Trial.objects.get(primary_id="NCT06911281").delete()
    path = next(path for path in seed_paths if path.read_bytes() == bytes(document.raw))
    assert ingest_document(path.read_bytes(), path.name).status == "created"


def test_unplaced_words_are_those_of_listed_trials_and_can_be_dismissed(curator, seeded):
    other = Trial.objects.exclude(unplaced_conditions__contains=["Mesenchymal Stem Cells"]).first()
    Trial.objects.filter(pk=other.pk).update(unplaced_conditions=["Obesity"], in_scope=False)  # out of scope
    url = reverse("admin:catalog_condition_unplaced")
    html = curator.get(url).content.decode()
    assert "<td>Mesenchymal Stem Cells</td>" in html and "<td>Obesity</td>" not in html
    assert "<td>Obesity</td>" in curator.get(url, {"trials": "all"}).content.decode()

    response = curator.post(url, {"dismiss": "Mesenchymal Stem Cells"}, follow=True)
    assert "is dismissed" in response.content.decode()
    assert "<td>Mesenchymal Stem Cells</td>" not in curator.get(url).content.decode()
    assert DismissedWord.objects.get().dismissed_by.username == "cura"


def test_the_unplaced_words_need_the_permission_to_see_and_to_dismiss(client, django_user_model, seeded):
    from django.contrib.auth.models import Permission

    staff = django_user_model.objects.create_user("staff", password="a-long-password", is_staff=True)
    client.force_login(staff)
    url = reverse("admin:catalog_condition_unplaced")
    assert client.get(url).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="view_condition"))
    assert client.get(url).status_code == 200
    assert client.post(url, {"dismiss": "Mesenchymal Stem Cells"}).status_code == 403
    assert not DismissedWord.objects.exists()
