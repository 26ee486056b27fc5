"""Pages in trial.medpath.com's two layouts (our own fixtures): a mirror, so the general page
reader reads them; no reader of its own."""

from pathlib import Path

import pytest

from ingest.detect import detect_format
from ingest.errors import IngestError, MissingIdentifierError
from ingest.formats import generic_page
from ingest.normalize.taxonomy import classify
from ingest.record import Identifier, Intervention, Organization

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"


def read(name: str):
    text = (PAGES / name).read_text()
    assert detect_format(text) == "generic-page"
    return generic_page.parse(text)[0]


def test_plain_layout():
    record = read("medpath_plain.txt")
    assert record.identifiers == (Identifier("NCT", "NCT07700001"),)
    assert record.brief_title == "Autologous Adipose-derived Stromal Vascular Fraction for Vitiligo"
    assert record.phases == ("PHASE2",)
    assert (record.status, record.status_raw) == ("RECRUITING", "RECRUITING")
    assert record.enrollment == 40 and record.sex == "ALL" and record.study_type == "INTERVENTIONAL"
    assert record.conditions_raw == ("Vitiligo",)
    assert record.interventions == (
        Intervention("Autologous stromal vascular fraction", "BIOLOGICAL"),
        Intervention("Narrowband UVB", "DRUG"),
    )
    assert record.organizations == (Organization("Example University Hospital of Dermatology", "LEAD_SPONSOR"),)
    assert record.brief_summary.startswith("This study tests autologous")
    assert record.detailed_description == ""  # "Not available" is no description
    assert record.inclusion_criteria == "Stable non-segmental vitiligo for one year"
    classification = classify(record)
    assert classification.conditions == ["Vitiligo"] and classification.cell_sources == ["Adipose tissue"]


def test_bulleted_layout_with_glued_icd_labels_and_a_cut_last_line():
    record = read("medpath_bulleted.txt")
    assert record.identifiers == (Identifier("IRCT", "IRCT20990101000001N3"),)
    assert record.conditions_raw == ("androgenetic alopecia", "Androgenic alopecia, unspecified")
    assert (record.status, record.status_raw) == ("NOT_YET_RECRUITING", "Pending")
    assert record.enrollment == 32 and record.sex == "MALE"
    assert record.phases == ()  # the page gives no phase: none is invented
    assert record.brief_summary == ""
    classification = classify(record)
    assert classification.conditions == ["Androgenetic alopecia"]
    assert "Wharton's jelly" in classification.cell_sources


def test_a_page_without_its_own_registration_number_is_refused():
    text = (PAGES / "medpath_plain.txt").read_text().replace("Registration Number\nNCT07700001\n", "")
    with pytest.raises(IngestError, match="no registry identifier of its own"):
        generic_page.parse(text)


def test_an_identifier_cut_in_half_is_not_an_identifier():
    text = (PAGES / "medpath_plain.txt").read_text()
    cut = text[: text.index("NCT07700001") + len("NCT077")]
    with pytest.raises(IngestError, match="no registry identifier of its own"):
        generic_page.parse(cut)


def test_a_page_without_an_id_is_still_read_for_the_curator_but_never_stored():
    text = (PAGES / "medpath_plain.txt").read_text().replace("Registration Number\nNCT07700001\n", "")
    with pytest.raises(MissingIdentifierError) as refused:
        generic_page.parse(text)
    assert refused.value.record.identifiers == ()
    assert refused.value.record.brief_title == "Autologous Adipose-derived Stromal Vascular Fraction for Vitiligo"


def test_an_eu_register_record_is_known_by_its_eudract_number_and_keeps_the_printed_id():
    text = (PAGES / "medpath_plain.txt").read_text().replace("NCT07700001", "EUCTR2019-001234-56-NL")
    record = generic_page.parse(text)[0]
    assert record.identifiers == (
        Identifier("EUDRACT", "2019-001234-56"),
        Identifier("EUCTR", "EUCTR2019-001234-56-NL", "secondary"),
    )


def test_a_status_printed_without_its_first_letter_is_still_read():
    text = (PAGES / "medpath_plain.txt").read_text().replace("Status\nRECRUITING", "Status\not Yet Recruiting")
    record = generic_page.parse(text)[0]
    assert (record.status, record.status_raw) == ("NOT_YET_RECRUITING", "ot Yet Recruiting")
