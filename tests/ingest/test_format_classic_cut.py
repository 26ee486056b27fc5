"""A classic ClinicalTrials.gov page cut inside its arms table keeps the rows it shows whole,
and the complete sentences of the cut row (the seed page, cut by us)."""

from pathlib import Path

from ingest.formats import ctgov_classic

SEED = Path(__file__).resolve().parents[2] / "sample_data" / "seeds" / "002_bae6bef32e9f71d0.txt"


def test_a_page_cut_inside_the_arms_table_keeps_the_arm_and_the_complete_sentences():
    text = SEED.read_text()
    cut_at = text.index("in the gel once a day for continuous three days and then") + len(
        "in the gel once a day for co"
    )
    record = ctgov_classic.parse(text[:cut_at])[0]
    assert [arm.label for arm in record.arms] == ["Mesenchymal Stem Cells low-dose group"]
    intervention = next(item for item in record.interventions if item.name == "Mesenchyme Stem Cells low-dose group")
    assert intervention.description == ""  # the one sentence was cut: nothing half-read is kept
    longer = text.index("continuous next three days.") + len("continuous next three days. Th")
    intervention = next(
        item
        for item in ctgov_classic.parse(text[:longer])[0].interventions
        if item.name == "Mesenchyme Stem Cells low-dose group"
    )
    assert intervention.description.endswith("for continuous next three days.")


def test_a_results_view_gives_its_enrollment_through_the_general_reader():
    """The classic results view prints "Enrollment 252" in its results tables, where the record
    view's rows are not: the general reader fills what the classic reader leaves empty, and no
    narrative (the site's disclaimer would become the description)."""
    from ingest.read import read_document

    text = (
        "Skin Cells Sprayed on Venous Leg Ulcers\nClinicalTrials.gov Identifier: NCT09101004\n"
        "Recruitment Status : Terminated\nSponsor:\nExample Wound Company\n"
        "The safety and scientific validity of this study is the responsibility of the study sponsor.\n"
        "Study Results\nParticipant Flow\nEnrollment 252\n"
    )
    record, _module = read_document(text.encode())
    assert record.source_format == "ctgov-classic-page"
    assert (record.status, record.enrollment) == ("TERMINATED", 252)
    assert "responsibility of the study sponsor" not in record.detailed_description


def test_a_record_views_detailed_description_is_read_up_to_its_design():
    """The detailed description says where the cells come from when the summary does not."""
    from ingest.normalize.taxonomy import classify
    from ingest.read import read_document

    text = (
        "Embryonic-like Stem Cells for Facial Skin Aging\nClinicalTrials.gov Identifier: NCT09101005\n"
        "Recruitment Status : Withdrawn\nBrief Summary:\nThe safety of autologous stem cells for skin aging.\n\n"
        "Detailed Description:\nThe cells come from the patient's peripheral blood and are injected "
        "in the preauricular area.\n\nLayout table for study information\n"
        "Study Type : Interventional  (Clinical Trial)\nActual Enrollment : 0 participants\n"
    )
    record, _module = read_document(text.encode())
    assert record.source_format == "ctgov-classic-page"
    assert record.detailed_description == (
        "The cells come from the patient's peripheral blood and are injected in the preauricular area."
    )
    assert record.enrollment == 0
    assert classify(record).cell_sources == ["Peripheral blood"]


def test_a_record_view_whose_cells_ran_together_is_still_the_classic_record():
    """A scraper that dropped the breaks between cells glues each label to its value and a row's
    fields into one line ("Recruitment StatusCompletedFirst Posted..."): the classic reader still
    knows the page and cuts the fields apart."""
    from ingest.read import read_document

    text = (
        "Keratinocyte Sheets for Chronic Venous Ulcers (KSV)\n"
        "The safety and scientific validity of this study is the responsibility of the study sponsor.\n"
        "ClinicalTrials.gov IdentifierNCT09101006Recruitment StatusActive, not recruitingFirst PostedMay 2, 2024\n"
        "Sponsor:\nCollaboratorExample Partner Ltd.Information provided by (Responsible Party)Example University\n"
        "Brief SummaryAllogeneic keratinocyte sheets are placed on venous ulcers once a week.\n"
        "Condition or disease Intervention/treatment Phase\n"
        "Venous Leg Ulcer Biological: Keratinocyte sheet Phase 2\n"
        "Study TypeInterventional  (Clinical Trial)Estimated Enrollment48 participantsAllocationRandomized"
        "Study Start DateJune 2024Estimated Primary Completion DateDecember 2026\n"
    )
    record, _module = read_document(text.encode())
    assert record.source_format == "ctgov-classic-page"
    assert (record.brief_title, record.acronym) == ("Keratinocyte Sheets for Chronic Venous Ulcers", "KSV")
    assert (record.status, record.phases, record.enrollment) == ("ACTIVE_NOT_RECRUITING", ("PHASE2",), 48)
    assert (record.start_date.iso(), record.primary_completion_date.iso()) == ("2024-06", "2026-12")
    assert [o.name for o in record.organizations if o.role == "LEAD_SPONSOR"] == ["Example University"]
    assert record.brief_summary == "Allogeneic keratinocyte sheets are placed on venous ulcers once a week."
