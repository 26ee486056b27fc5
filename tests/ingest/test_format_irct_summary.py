"""IRCT pages saved from the protocol summary alone (no site banner): two titles, the size and
the phase only in the design narrative, and an id the page was cut inside of."""

from pathlib import Path

import pytest

from ingest.detect import detect_format
from ingest.errors import MissingIdentifierError
from ingest.formats import irct

PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "irct_summary_only.txt"


def test_a_summary_only_page_is_read_and_its_cut_id_refused():
    text = PAGE.read_text()
    assert detect_format(text) == "irct-page"
    with pytest.raises(MissingIdentifierError, match="no complete IRCT registration number") as refused:
        irct.parse(text)
    record = refused.value.record
    assert record.identifiers == ()  # "IRCT2023" is a number cut in half
    assert record.brief_title == "Effect of fibroblast-rich conditioned medium on striae distensae"
    assert record.official_title.startswith("Evaluation of the efficacy of conditioned medium")
    assert record.phases == ("PHASE2",) and record.enrollment == 24  # "phase 2 on 24 patients"


def test_with_its_id_the_summary_page_is_a_trial():
    text = PAGE.read_text().replace(
        "IRCT registration number: IRCT2023", "IRCT registration number: IRCT20230101000001N2\n"
    )
    record = irct.parse(text)[0]
    assert record.identifiers[0].value == "IRCT20230101000001N2"
    assert record.enrollment == 24


def test_a_title_printed_twice_is_one_title():
    lines = PAGE.read_text().splitlines()
    text = "\n".join([lines[0], lines[0], *lines[2:]]) + "\n"
    record = irct.parse(
        text.replace("IRCT registration number: IRCT2023", "IRCT registration number: IRCT20230101000001N2")
    )[0]
    assert record.brief_title == lines[0] and record.official_title == ""


@pytest.mark.parametrize(
    "printed, expected",
    [
        ("2021-06-01, 1400/03/11", "2021-06-01"),
        ("1400/03/11, 2021-06-01", "2021-06-01"),
        ("1400/09/18", "2021-12-09"),  # the Solar Hijri date alone is converted
        ("1399/12/30", "2021-03-20"),  # the last day of a leap year
    ],
)
def test_dates_in_two_calendars(printed, expected):
    text = PAGE.read_text().replace(
        "IRCT registration number: IRCT2023",
        f"IRCT registration number: IRCT20230101000001N2\nRegistration date: {printed}\n",
    )
    assert irct.parse(text)[0].first_posted.iso() == expected


def test_a_page_opening_in_its_study_aim_has_no_title_and_keeps_the_aim():
    lines = PAGE.read_text().splitlines()
    aim = (
        "This study aims to evaluate conditioned medium of dermal fibroblasts on striae. Actually, the medium "
        "is applied after microneedling on one side of the body."
    )
    text = "\n".join([aim, *lines[2:]]).replace(
        "IRCT registration number: IRCT2023", "IRCT registration number: IRCT20230101000001N2"
    )
    record = irct.parse(text + "\n")[0]
    assert (record.brief_title, record.official_title) == ("", "")
    assert record.brief_summary.startswith("This study aims to evaluate conditioned medium")
    # The dash-wrapped layout: a lone "-" between labels is no title either.
    dashed = text.replace("\nDesign\n", "\n-\nDesign\n-\n", 1).replace(aim + "\n", "-\n", 1)
    assert irct.parse(dashed + "\n")[0].brief_title == ""


def test_a_page_whose_cells_ran_together_still_gives_its_fields():
    """A scraper that dropped the breaks between cells: each label glued to its value, a run of
    fields on one line."""
    lines = PAGE.read_text().splitlines()
    design = lines.index("Design")
    lines[design : design + 2] = ["Design" + lines[design + 1]]
    text = "\n".join(lines).replace(
        "IRCT registration number: IRCT2023",
        "IRCT registration numberIRCT20230101000001N2Registration date2021-06-01, 1400/03/11"
        "Recruitment statusRecruiting",
    )
    record = irct.parse(text + "\n")[0]
    assert record.identifiers[0].value == "IRCT20230101000001N2"
    assert (record.phases, record.enrollment) == (("PHASE2",), 24)  # from the design glued to its label
    assert (record.first_posted.iso(), record.status) == ("2021-06-01", "RECRUITING")


def test_a_record_saved_as_html_tables_reads_its_cells():
    """The whole record saved as HTML: each field a table row ("Phase | 2 |"), a label cell ending
    in a colon beside its value, the numbered blocks as rows of cells."""
    page = (
        "Stem cells for example psoriasis\n"
        "IRCT registration number: | IRCT20240101000001N1 |\n"
        "Registration date: | 2024-02-10, 1402/11/21 |\n"
        "Recruitment status | Recruitment complete |\n"
        "Expected recruitment start date | 2024-03-01, 1402/12/11 |\n"
        "Scientific title | Umbilical cord stem cells in example psoriasis: a randomized trial |\n"
        "Public title | Stem cells for example psoriasis |\n"
        "Phase | 2 |\n"
        "Sample size | Target sample size: 30 |\n"
        "Health conditions studied\n"
        "1 | Description of health condition studied | Psoriasis |\n"
        " | ICD-10 code | L40.0 |\n"
        "Recruitment centers\n1\n|\nRecruitment center\n|\nName of recruitment center: Example Hospital\nCity: Tehran |\n"
        "Sponsors / Funding sources\n1\n|\nSponsor\n|\nName of organization / entity: Example University |\n"
    )
    record = irct.parse(page)[0]
    assert record.identifiers[0].value == "IRCT20240101000001N1"
    assert record.official_title == "Umbilical cord stem cells in example psoriasis: a randomized trial"
    assert (record.status, record.phases, record.enrollment) == ("ACTIVE_NOT_RECRUITING", ("PHASE2",), 30)
    assert record.start_date.iso() == "2024-03-01" and record.first_posted.iso() == "2024-02-10"
    assert record.conditions_raw == ("Psoriasis",) and record.icd10_codes == ("L40.0",)
    assert [o.name for o in record.organizations] == ["Example University"]
    assert [(site.facility, site.city) for site in record.sites] == [("Example Hospital", "Tehran")]
