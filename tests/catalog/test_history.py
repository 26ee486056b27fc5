"""A trial's change history: a newer registry document records what changed, dated by the
registry's update; curators' corrections and reclassifications are recorded as such; /changes/
lists them for the list's selections, with CSV, JSON and Atom twins that hold the same changes;
an alert's entry moves only for a registry change or a correction and says what changed."""

import csv
import io
from datetime import date

import pytest
from defusedxml import ElementTree
from django.urls import reverse

from catalog.models import Condition, Trial, TrialChange
from ingest.loader import ingest_record
from ingest.reclassify import reclassify
from ingest.record import Identifier, Intervention, Organization, PartialDate, Site, TrialRecord
from tests.catalog.test_admin import post_change_form

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def version(updated: date, status="RECRUITING", enrollment=40, kind="ESTIMATED", sites=("Iran",), nct="NCT08200001"):
    return TrialRecord(
        source_format="test",
        identifiers=(Identifier("NCT", nct),),
        brief_title="Autologous Melanocyte-Keratinocyte Suspension for Stable Vitiligo",
        conditions_raw=("Vitiligo",),
        status=status,
        enrollment=enrollment,
        enrollment_type=kind,
        start_date=PartialDate(date(2024, 3, 1), "month"),
        interventions=(Intervention("Autologous melanocyte-keratinocyte suspension", "BIOLOGICAL"),),
        organizations=(Organization("Example University", "LEAD_SPONSOR"),),
        sites=tuple(Site(city="City", country=country) for country in sites),
        last_updated=PartialDate(updated),
    )


@pytest.fixture
def revised(vocabularies):
    """A trial registered, then revised by its registry: completed, 38 enrolled, a second country."""
    ingest_record(version(date(2024, 5, 1)), "v1.json")
    ingest_record(
        version(date(2025, 2, 10), status="COMPLETED", enrollment=38, kind="ACTUAL", sites=("Iran", "Turkey")),
        "v2.json",
    )
    return Trial.objects.get(primary_id="NCT08200001")


def test_a_newer_registry_document_records_what_changed(revised):
    change = revised.changes.get()
    assert change.kind == TrialChange.REGISTRY
    assert change.changed_on == date(2025, 2, 10)  # the registry's own update date
    assert change.document.file_name == "v2.json"
    assert {item["field"]: (item["before"], item["after"]) for item in change.changes} == {
        "status": ("Recruiting", "Completed"),
        "enrollment": ("40 (estimated)", "38 (actual)"),
        "countries": ("Iran", "Iran, Turkey"),
        "sites": ("1", "2"),
    }


def test_the_same_document_again_or_one_that_changes_nothing_records_nothing(revised):
    ingest_record(
        version(date(2025, 2, 10), status="COMPLETED", enrollment=38, kind="ACTUAL", sites=("Iran", "Turkey")),
        "again.json",
    )
    ingest_record(
        version(date(2025, 3, 1), status="COMPLETED", enrollment=38, kind="ACTUAL", sites=("Iran", "Turkey")),
        "same-facts-newer-date.json",
    )
    assert revised.changes.count() == 1


def test_the_trial_page_shows_the_timeline(client, revised):
    html = client.get(revised.get_absolute_url()).content.decode()
    history = html[html.index('id="history"') : html.index('id="ids"')]
    assert "10 February 2025" in history and "Registry update" in history
    assert "<del>Recruiting</del> → <ins>Completed</ins>" in history
    assert "<del>40 (estimated)</del> → <ins>38 (actual)</ins>" in history
    assert "v2.json" in history


def test_corrections_and_reclassifications_are_recorded_as_such(client, revised, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("cura", "cura@example.org", "a-long-test-password"))
    response = post_change_form(
        client,
        reverse("admin:catalog_trial_change", args=[revised.pk]),
        {"enrollment": "36", "correction_reason": "The publication reports 36."},
    )
    assert response.status_code == 302
    correction = revised.changes.filter(kind=TrialChange.CORRECTION).get()
    assert correction.changes == [
        {"field": "enrollment", "label": "Enrollment", "before": "38 (actual)", "after": "36 (actual)"}
    ]
    # A curator's vocabulary change reclassifies: recorded apart from registry changes.
    Condition.objects.create(name="Segmental vitiligo", synonyms=["stable vitiligo"], category="pigmentary")
    reclassify([revised])
    reclassified = revised.changes.filter(kind=TrialChange.RECLASSIFICATION).get()
    assert [item["field"] for item in reclassified.changes] == ["classified_conditions"]
    assert "Segmental vitiligo" in reclassified.changes[0]["after"]
    # Nothing changed: a second reclassification records nothing.
    reclassify([revised])
    assert revised.changes.filter(kind=TrialChange.RECLASSIFICATION).count() == 1


def test_changes_list_follows_the_lists_filters_and_its_twins_hold_the_same(client, revised, vocabularies):
    ingest_record(version(date(2024, 1, 1), nct="NCT08200002", status="RECRUITING"), "other-v1.json")
    ingest_record(version(date(2024, 6, 1), nct="NCT08200002", status="SUSPENDED"), "other-v2.json")
    everything = client.get("/changes/").content.decode()
    assert "NCT08200001" in everything and "NCT08200002" in everything
    html = client.get("/changes/", {"status": "COMPLETED"}).content.decode()
    assert "NCT08200001" in html and "NCT08200002" not in html
    assert 'href="/changes.atom?status=COMPLETED"' in html  # the alert keeps the question

    data = client.get("/changes.json", {"status": "COMPLETED"}).json()
    assert [(item["trial"], item["kind"], item["changed_on"]) for item in data["results"]] == [
        ("NCT08200001", "registry", "2025-02-10")
    ]
    rows = list(
        csv.DictReader(
            io.StringIO(b"".join(client.get("/changes.csv", {"status": "COMPLETED"}).streaming_content).decode())
        )
    )
    assert {(row["trial_id"], row["field"], row["before"], row["after"]) for row in rows} >= {
        ("NCT08200001", "Status", "Recruiting", "Completed")
    }
    assert {row["trial_id"] for row in rows} == {"NCT08200001"}
    feed = ElementTree.fromstring(client.get("/changes.atom", {"status": "COMPLETED"}).content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1 and entries[0].find(f"{ATOM}updated").text.startswith("2025-02-10")
    assert "Status: Recruiting → Completed" in entries[0].find(f"{ATOM}summary").text
    self_link = [link.get("href") for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link[0].endswith("/changes.atom?status=COMPLETED")
    assert client.get("/changes.json", {"status": "BOGUS"}).status_code == 400


def test_the_trial_json_carries_the_registry_update_and_the_latest_change(client, revised):
    data = client.get(reverse("catalog:trial_detail_json", args=["NCT08200001"])).json()
    assert data["last_updated"] == "2025-02-10"
    assert data["latest_change"]["kind"] == "registry" and data["latest_change"]["changed_on"] == "2025-02-10"


def test_an_alert_entry_moves_for_a_correction_not_for_a_reclassification(client, revised, django_user_model):
    def updated() -> str:
        feed = ElementTree.fromstring(client.get("/trials.atom").content)
        entry = feed.find(f"{ATOM}entry")
        return entry.find(f"{ATOM}updated").text, entry.find(f"{ATOM}summary").text

    when, summary = updated()
    assert when.startswith("2025-02-10") and "Status: Recruiting → Completed" in summary
    Condition.objects.create(name="Segmental vitiligo", synonyms=["stable vitiligo"], category="pigmentary")
    reclassify([revised])
    assert updated()[0] == when  # a reclassification moves no entry
    client.force_login(django_user_model.objects.create_superuser("cura", "cura@example.org", "a-long-test-password"))
    post_change_form(client, reverse("admin:catalog_trial_change", args=[revised.pk]), {"enrollment": "36"})
    client.logout()
    when_corrected, summary = updated()
    assert when_corrected > when and "Enrollment: 38 (actual) → 36 (actual)" in summary


def test_results_and_publications_on_the_page_and_in_the_exports(client, vocabularies):
    from dataclasses import replace

    from ingest.record import Reference

    record = replace(
        version(date(2025, 1, 1), nct="NCT08200003", status="COMPLETED"),
        has_results=True,
        results_url="https://clinicaltrials.gov/study/NCT08200003?tab=results",
        references=(Reference("Example E. <b>Grafts</b> for vitiligo. 2024.", "38000003", "RESULT"),),
    )
    ingest_record(record, "with-results.json")
    html = client.get("/trials/NCT08200003/").content.decode()
    results = html[html.index('id="results"') : html.index('id="history"')]
    assert 'href="https://clinicaltrials.gov/study/NCT08200003?tab=results"' in results
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/38000003/"' in results
    assert "&lt;b&gt;Grafts&lt;/b&gt;" in results  # registry text escaped
    data = client.get("/trials/NCT08200003.json").json()
    assert data["results_url"].endswith("?tab=results")
    assert data["references"] == [
        {
            "citation": "Example E. <b>Grafts</b> for vitiligo. 2024.",
            "pmid": "38000003",
            "type": "RESULT",
            "url": "https://pubmed.ncbi.nlm.nih.gov/38000003/",
        }
    ]
    rows = list(csv.DictReader(io.StringIO(b"".join(client.get("/trials.csv").streaming_content).decode())))
    row = next(row for row in rows if row["id"] == "NCT08200003")
    assert row["pubmed_ids"] == "38000003" and row["results_url"].endswith("?tab=results")


def test_curators_read_the_history_in_the_admin_and_cannot_rewrite_it(client, revised, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("cura", "cura@example.org", "a-long-test-password"))
    listed = client.get(reverse("admin:catalog_trialchange_changelist"), {"kind__exact": "registry"})
    assert listed.status_code == 200 and "NCT08200001" in listed.content.decode()
    assert "Status: Recruiting → Completed" in listed.content.decode()
    change = revised.changes.get()
    assert client.get(reverse("admin:catalog_trialchange_add")).status_code == 403
    assert (
        client.post(reverse("admin:catalog_trialchange_delete", args=[change.pk]), {"post": "yes"}).status_code == 403
    )
    assert revised.changes.count() == 1


def test_a_results_address_that_is_no_web_address_is_never_a_link(client, vocabularies):
    from dataclasses import replace

    ingest_record(
        replace(version(date(2025, 1, 1), nct="NCT08200004"), has_results=True, results_url="javascript:alert(1)"),
        "odd-results.json",
    )
    html = client.get("/trials/NCT08200004/").content.decode()
    assert "javascript:" not in html and "The registry says results are posted" in html
