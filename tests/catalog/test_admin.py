"""Curators' admin: every page opens, search and filters work, provenance is read-only."""

import pytest
from django.contrib import admin
from django.urls import reverse

from catalog.models import SourceDocument, Trial

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator(client, django_user_model):
    user = django_user_model.objects.create_superuser("curator", "curator@example.org", "a-long-test-password")
    client.force_login(user)
    return client


def test_every_catalog_model_has_changelist_and_add_or_view_pages(curator, seeded, rf, django_user_model):
    request = rf.get("/")
    request.user = django_user_model.objects.get(username="curator")
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label != "catalog":
            continue
        changelist = reverse(f"admin:catalog_{model._meta.model_name}_changelist")
        assert curator.get(changelist).status_code == 200, changelist
        instance = model_admin.get_queryset(request).first()  # what the list shows (trials to review: a few)
        if instance is not None:
            change = reverse(f"admin:catalog_{model._meta.model_name}_change", args=[instance.pk])
            assert curator.get(change).status_code == 200, change


def test_trial_search_by_id_and_title(curator, seeded):
    url = reverse("admin:catalog_trial_changelist")
    assert b"NCT04034615" in curator.get(url, {"q": "MCHHFoshan-1902"}).content
    response = curator.get(url, {"q": "psoriasis"})
    assert b"NCT03765957" in response.content and b"NCT04034615" not in response.content


def test_trial_list_filters(curator, seeded):
    url = reverse("admin:catalog_trial_changelist")
    response = curator.get(url, {"status__exact": "WITHDRAWN"})
    assert b"NCT04034615" in response.content and b"NCT06911281" not in response.content
    response = curator.get(url, {"phase": "PHASE1"})
    assert b"NCT06764329" in response.content and b"NCT03765957" not in response.content


def test_trial_change_page_has_inlines(curator, seeded):
    trial = Trial.objects.get(primary_id="NCT04034615")
    html = curator.get(reverse("admin:catalog_trial_change", args=[trial.pk])).content.decode()
    for inline in ["identifiers-TOTAL_FORMS", "arms-TOTAL_FORMS", "interventions-TOTAL_FORMS", "outcomes-TOTAL_FORMS"]:
        assert inline in html


def test_source_document_shows_its_raw_text_and_cannot_be_changed(curator, seeded):
    document = SourceDocument.objects.get(trial__primary_id="NCT04034615")
    url = reverse("admin:catalog_sourcedocument_change", args=[document.pk])
    html = curator.get(url).content.decode()
    assert "Recruitment Status :" in html  # the raw text
    assert 'name="_save"' not in html
    curator.post(url, {"file_name": "renamed.txt"})
    document.refresh_from_db()
    assert document.file_name == "002_bae6bef32e9f71d0.txt"
    assert curator.get(reverse("admin:catalog_sourcedocument_add")).status_code == 403


def test_failed_documents_are_listed_with_their_error(curator, db):
    from ingest.loader import ingest_document

    ingest_document(b"not a trial", "junk.txt")
    response = curator.get(reverse("admin:catalog_sourcedocument_changelist"), {"parse_status__exact": "failed"})
    assert b"junk.txt" in response.content
