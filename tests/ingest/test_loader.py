"""The loader: idempotent, one transaction per document, nothing lost, nothing half-written."""

import pytest

from catalog.models import Arm, SourceDocument, Trial, TrialIdentifier
from ingest import writing
from ingest.loader import ingest_document

pytestmark = pytest.mark.django_db


def seed_bytes(seed_paths, prefix: str) -> bytes:
    return next(path for path in seed_paths if path.name.startswith(prefix)).read_bytes()


def catalog_snapshot():
    return {
        "trials": sorted(Trial.objects.values_list("primary_id", "status", "enrollment", "brief_title")),
        "identifiers": sorted(TrialIdentifier.objects.values_list("registry", "value", "kind")),
        "arms": Arm.objects.count(),
        "documents": sorted(SourceDocument.objects.values_list("sha256", "parse_status")),
    }


def test_ingesting_the_same_documents_twice_changes_nothing(seeded, seed_paths):
    before = catalog_snapshot()
    results = [ingest_document(path.read_bytes(), path.name) for path in seed_paths]
    assert [result.status for result in results] == ["unchanged"] * 5
    assert catalog_snapshot() == before


def test_each_seed_becomes_one_trial_with_its_source_document(seeded):
    assert sorted(Trial.objects.values_list("primary_id", flat=True)) == [
        "IRCT20080901001159N33",
        "NCT03765957",
        "NCT04034615",
        "NCT06764329",
        "NCT06911281",
    ]
    for trial in Trial.objects.all():
        documents = list(trial.source_documents.all())
        assert len(documents) == 1
        assert documents[0].parse_status == SourceDocument.PARSED
        assert len(documents[0].sha256) == 64


def test_stored_trial_keeps_values_and_precision(seeded):
    trial = Trial.objects.get(primary_id="NCT04034615")
    assert trial.status == "WITHDRAWN"
    assert (trial.enrollment, trial.enrollment_type) == (0, "ACTUAL")
    assert trial.start.iso == "2021-05-20" and trial.start_date_type == "ACTUAL"
    assert trial.primary_completion_date_type == "ESTIMATED"
    assert list(trial.conditions.values_list("name", flat=True)) == ["Caesarean-section scar"]
    assert list(trial.cell_sources.values_list("name", flat=True)) == ["Perinatal tissue"]
    assert trial.identifiers.get(kind="sponsor").value == "MCHHFoshan-1902"
    irct = Trial.objects.get(primary_id="IRCT20080901001159N33")
    assert (irct.status, irct.status_raw) == ("ACTIVE_NOT_RECRUITING", "Recruitment complete")
    assert irct.conditions.get().icd10 == "L90.5"


def test_changed_document_updates_the_trial_and_never_blanks_a_field(seeded, seed_paths):
    original = seed_bytes(seed_paths, "001").decode()
    # A later version of the page: new status, and the enrollment line gone.
    changed = original.replace("Unknown\nEarly Phase 1", "Completed\nEarly Phase 1").replace(
        "Enrollment\n\n12 estimated patients\n\n", ""
    )
    assert changed != original
    result = ingest_document(changed.encode(), "veeva-later.txt")
    assert (result.status, result.trial_id) == ("updated", "NCT03765957")
    trial = Trial.objects.get(primary_id="NCT03765957")
    assert trial.status == "COMPLETED"
    assert (trial.enrollment, trial.enrollment_type) == (12, "ESTIMATED")
    assert trial.source_documents.count() == 2
    assert Trial.objects.count() == 5


def test_unreadable_document_is_kept_with_its_error_and_others_go_on(db, seed_paths):
    bad = ingest_document(b"%PDF-1.7 binary stuff", "scan.pdf")
    good = ingest_document(seed_bytes(seed_paths, "000"), "000.txt")
    assert bad.status == "failed" and "PDF" in bad.error
    assert good.status == "created"
    document = SourceDocument.objects.get(file_name="scan.pdf")
    assert document.parse_status == SourceDocument.FAILED
    assert bytes(document.raw) == b"%PDF-1.7 binary stuff"
    assert "PDF" in document.error
    assert document.trial is None


def test_a_document_failing_mid_load_leaves_nothing_half_written(seeded, seed_paths, monkeypatch):
    before = catalog_snapshot()
    original = seed_bytes(seed_paths, "002").decode()
    changed = original.replace("Withdrawn\n(The pandemic", "Terminated\n(The pandemic")

    def explode(trial, record):
        raise RuntimeError("disk full")

    monkeypatch.setattr(writing, "child_rows", explode)
    result = ingest_document(changed.encode(), "classic-later.txt")
    assert result.status == "failed"
    assert "disk full" in result.error
    after = catalog_snapshot()
    assert after["trials"] == before["trials"]  # still Withdrawn: the update rolled back whole
    assert after["arms"] == before["arms"]
    failed = SourceDocument.objects.get(file_name="classic-later.txt")
    assert failed.parse_status == SourceDocument.FAILED and failed.trial is None


def test_a_failed_document_is_read_again_after_a_fix(db, seed_paths, monkeypatch):
    raw = seed_bytes(seed_paths, "003")

    def broken(text):
        raise RuntimeError("parser bug")

    from ingest.formats import ctgov_mirror

    monkeypatch.setattr(ctgov_mirror, "parse", broken)
    assert ingest_document(raw, "003.txt").status == "failed"
    monkeypatch.undo()
    result = ingest_document(raw, "003.txt")
    assert (result.status, result.trial_id) == ("created", "NCT06764329")
    assert SourceDocument.objects.get().parse_status == SourceDocument.PARSED


def test_different_ids_of_one_registry_are_never_merged(seeded, seed_paths):
    original = seed_bytes(seed_paths, "000").decode()
    # Another trial that happens to share the sponsor's own id.
    other = original.replace("NCT ID: NCT06911281", "NCT ID: NCT06911282")
    result = ingest_document(other.encode(), "other.txt")
    assert (result.status, result.trial_id) == ("created", "NCT06911282")
    assert Trial.objects.count() == 6
    assert TrialIdentifier.objects.filter(value="DFSC-2025(CR)-01").count() == 2


def test_record_naming_two_catalog_trials_is_refused(seeded, seed_paths):
    original = seed_bytes(seed_paths, "001").decode()
    # Claims both NCT03765957 and NCT04034615, which are two trials already.
    claims_two = original.replace("NCT03765957\n2018-MSC/CSU/PS", "NCT03765957\nNCT04034615")
    result = ingest_document(claims_two.encode(), "confused.txt")
    assert result.status == "failed"
    assert "different trials" in result.error
    assert Trial.objects.count() == 5
