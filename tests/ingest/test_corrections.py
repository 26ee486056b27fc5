"""Curators' corrections are data: they survive re-ingest, re-read, reclassify and a newer
registry document; a registry that changes a corrected value lists the correction for the curator;
a withdrawn correction gives the registry's value back."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from catalog.models import Correction, Trial
from ingest.curation import correct
from ingest.loader import ingest_document, ingest_record
from ingest.merging import registry_record
from ingest.record import Identifier, Intervention, Organization, PartialDate, Site, TrialRecord
from ingest.writing import rebuild_trial
from tests.catalog.test_admin import post_change_form

pytestmark = pytest.mark.django_db


def version(title: str, updated: date, enrollment: int = 40) -> TrialRecord:
    return TrialRecord(
        source_format="test",
        identifiers=(Identifier("NCT", "NCT08100001"),),
        brief_title=title,
        conditions_raw=("Vitiligo",),
        status="RECRUITING",
        enrollment=enrollment,
        enrollment_type="ESTIMATED",
        start_date=PartialDate(date(2024, 3, 1), "month"),
        interventions=(Intervention("Autologous melanocyte-keratinocyte suspension", "BIOLOGICAL"),),
        organizations=(Organization("Example University", "LEAD_SPONSOR"),),
        sites=(Site(city="Tehran", country="Iran"),),
        last_updated=PartialDate(updated),
    )


@pytest.fixture
def curator(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("cura", "cura@example.org", "a-long-test-password"))
    return client


def test_a_correction_survives_reread_reclassify_reingest_and_a_newer_document(vocabularies, django_user_model):
    ingest_record(version("Melanocyte transplant for vitiligo", date(2024, 5, 1)), "v1.json")
    trial = Trial.objects.get(primary_id="NCT08100001")
    curator = django_user_model.objects.create_user("ana")
    registry = registry_record(trial)
    correct(trial, "brief_title", "Melanocyte-keratinocyte transplantation for stable vitiligo", registry, curator)
    correct(trial, "enrollment", 36, registry, curator, reason="The sponsor's publication says 36.")
    correct(trial, "sponsor", "Example University Hospital", registry, curator)
    correct(trial, "countries", ["Iran", "Turkey"], registry, curator)
    correct(trial, "start_date", {"date": "2024-04-01", "precision": "month"}, registry, curator)

    def shown():
        trial.refresh_from_db()
        lead = trial.organization_roles.get(role="LEAD_SPONSOR").organization.name
        return trial.brief_title, trial.enrollment, lead, trial.countries, trial.start_date

    expected = (
        "Melanocyte-keratinocyte transplantation for stable vitiligo",
        36,
        "Example University Hospital",
        ["Iran", "Turkey"],
        date(2024, 4, 1),
    )
    rebuild_trial(trial)  # a re-read
    assert shown() == expected
    call_command("reclassify", stdout=io.StringIO())
    assert shown() == expected
    ingest_record(version("Melanocyte transplant for vitiligo", date(2024, 5, 1)), "v1-again.json")  # re-ingest
    assert shown() == expected
    assert not Correction.objects.filter(registry_changed=True).exists()  # the registry said nothing new

    # A newer registry document changes the title and the enrollment: the corrections stand, and
    # the curator is told the registry changed values they corrected.
    ingest_record(version("Cell transplant for vitiligo", date(2025, 1, 10), enrollment=38), "v2.json")
    assert shown() == expected
    changed = Correction.objects.filter(registry_changed=True, withdrawn_at__isnull=True)
    assert {c.field: c.registry_value_now for c in changed} == {
        "brief_title": "Cell transplant for vitiligo",
        "enrollment": 38,
    }
    assert changed.get(field="enrollment").registry_value == 40  # what the registry said when corrected


def test_a_curator_corrects_in_the_admin_and_withdraws_from_the_list(curator, seeded):
    trial = Trial.objects.get(primary_id="NCT06911281")
    registry_title, registry_enrollment = trial.brief_title, trial.enrollment
    url = reverse("admin:catalog_trial_change", args=[trial.pk])
    response = post_change_form(
        curator,
        url,
        {"brief_title": "A corrected title", "enrollment": "12", "correction_reason": "Checked with the sponsor."},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    corrections = Correction.objects.filter(trial=trial, withdrawn_at__isnull=True)
    assert {c.field: c.value for c in corrections} == {"brief_title": "A corrected title", "enrollment": 12}
    assert {c.reason for c in corrections} == {"Checked with the sponsor."}
    assert corrections.get(field="enrollment").registry_value == registry_enrollment
    assert {c.corrected_by.username for c in corrections} == {"cura"}

    # The reclassify action (which used to put the registry's values back) keeps them.
    curator.post(
        reverse("admin:catalog_trial_changelist"), {"action": "reclassify_trials", "_selected_action": [trial.pk]}
    )
    trial.refresh_from_db()
    assert (trial.brief_title, trial.enrollment) == ("A corrected title", 12)

    # The public page shows the correction, and what the registry says one click away.
    html = curator.get(trial.get_absolute_url()).content.decode()
    assert 'href="#corrections"' in html and 'id="corrections"' in html
    assert registry_title in html and "Checked with the sponsor." in html
    data = curator.get(reverse("catalog:trial_detail_json", args=[trial.primary_id])).json()
    assert data["title"] == "A corrected title"
    assert {c["field"]: c["registry_says"] for c in data["corrections"]}["enrollment"] == str(registry_enrollment)

    # Withdrawn from the list of corrections: the registry's value is back; the record stays.
    enrollment = corrections.get(field="enrollment")
    curator.post(
        reverse("admin:catalog_correction_changelist"),
        {"action": "withdraw_corrections", "_selected_action": [enrollment.pk]},
    )
    trial.refresh_from_db()
    assert (trial.brief_title, trial.enrollment) == ("A corrected title", registry_enrollment)
    enrollment.refresh_from_db()
    assert enrollment.withdrawn_at is not None


def test_saving_an_untouched_trial_corrects_nothing_and_logs_no_change(curator, seeded):
    from django.contrib.admin.models import LogEntry

    trial = Trial.objects.get(primary_id="NCT06911281")
    assert trial.inclusion_criteria and "\n" in trial.inclusion_criteria  # a multi-line text, sent back as CRLF
    response = post_change_form(curator, reverse("admin:catalog_trial_change", args=[trial.pk]), {})
    assert response.status_code == 302
    assert not Correction.objects.exists()
    assert LogEntry.objects.get().get_change_message() == "No fields changed."


def test_a_curator_lists_the_corrections_the_registry_has_changed_since(curator, vocabularies, django_user_model):
    ingest_record(version("Melanocyte transplant for vitiligo", date(2024, 5, 1)), "v1.json")
    trial = Trial.objects.get(primary_id="NCT08100001")
    correct(trial, "status", "COMPLETED", registry_record(trial))
    ingest_record(version("Melanocyte transplant for vitiligo", date(2025, 2, 1), enrollment=41), "v2.json")
    listed = curator.get(reverse("admin:catalog_correction_changelist"), {"state": "changed"}).content.decode()
    assert "NCT08100001" not in listed  # the registry changed the enrollment, not the status
    correct(trial, "enrollment", 40, registry_record(trial))
    ingest_record(version("Melanocyte transplant for vitiligo", date(2025, 6, 1), enrollment=42), "v3.json")
    listed = curator.get(reverse("admin:catalog_correction_changelist"), {"state": "changed"}).content.decode()
    assert "NCT08100001" in listed and "Enrollment" in listed
    # "Keep my correction": seen, no longer listed.
    changed = Correction.objects.get(registry_changed=True)
    curator.post(
        reverse("admin:catalog_correction_changelist"),
        {"action": "keep_corrections", "_selected_action": [changed.pk]},
    )
    changed.refresh_from_db()
    assert (changed.registry_changed, changed.registry_value) == (False, 42)
    trial.refresh_from_db()
    assert trial.enrollment == 40


def test_a_seed_document_read_again_keeps_the_correction(seeded, seed_paths):
    trial = Trial.objects.get(primary_id="NCT06911281")
    correct(trial, "phases", ["PHASE2"], registry_record(trial))
    rebuild_trial(trial)
    document = trial.source_documents.get()
    result = ingest_document(bytes(document.raw), "again.txt")
    assert result.status == "unchanged"
    trial.refresh_from_db()
    assert trial.phases == ["PHASE2"]
