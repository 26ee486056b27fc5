"""CTRI (India) and EU Clinical Trials Register pages (our own fixtures, in the registries' table
layouts: label and value cells as a browser's text shows them)."""

from pathlib import Path

import pytest

from ingest.detect import detect_format
from ingest.errors import MissingIdentifierError
from ingest.formats import ctri, euctr
from ingest.normalize.taxonomy import classify
from ingest.record import Identifier, Intervention, Organization, Site

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"


def test_a_ctri_page():
    text = (PAGES / "ctri_vitiligo.txt").read_text()
    assert detect_format(text) == "ctri-page"
    record = ctri.parse(text)[0]
    assert record.identifiers == (Identifier("CTRI", "CTRI/2024/05/061234"),)  # "NIL" secondary ids: none
    assert record.brief_title == "Autologous non-cultured epidermal cell suspension for stable vitiligo"
    assert record.official_title.startswith("A randomised trial of autologous")
    assert record.acronym == ""  # NIL
    # Global status "Not Applicable": the trial runs in India only, and India's status is the trial's.
    assert (record.status, record.status_raw) == ("RECRUITING", "Recruiting")
    assert record.phases == ("PHASE2",) and record.enrollment == 40
    assert (record.start_date.iso(), record.first_posted.iso(), record.last_updated.iso()) == (
        "2024-06-01",
        "2024-05-14",
        "2024-09-02",
    )
    assert record.conditions_raw == ("Vitiligo",)
    assert [item.name for item in record.interventions] == [
        "Non-cultured epidermal cell suspension",
        "Suction blister grafting",
    ]
    assert record.organizations == (Organization("Institute of Skin Sciences Example", "LEAD_SPONSOR"),)
    assert record.sites == (Site(country="India"),)
    assert (record.sex, record.inclusion_criteria) == ("ALL", "Stable vitiligo for one year")
    classification = classify(record)
    assert classification.conditions == ["Vitiligo"] and classification.origins == ["Autologous"]


def test_a_ctri_page_cut_inside_its_number_is_refused():
    text = (PAGES / "ctri_vitiligo.txt").read_text().replace("CTRI/2024/05/061234", "CTRI/2024/05/06")
    with pytest.raises(MissingIdentifierError, match="no complete CTRI number"):
        ctri.parse(text)


def test_an_eu_register_page():
    text = (PAGES / "euctr_burns.txt").read_text()
    assert detect_format(text) == "euctr-page"
    record = euctr.parse(text)[0]
    assert record.identifiers == (Identifier("EUDRACT", "2021-004321-17"), Identifier("ORG", "SKIN-ASC-02", "sponsor"))
    assert record.brief_title == "Donor fat stem cells sprayed on burns"
    assert record.official_title.startswith("A phase I/II trial of allogeneic adipose-derived")
    assert record.acronym == "SPRAY-BURN"
    assert record.phases == ("PHASE1", "PHASE2")  # the E.7 rows that say Yes
    assert (record.status, record.status_raw) == ("UNKNOWN", "Ongoing")
    assert record.enrollment == 36  # the whole trial, not the 24 of this member state
    assert record.first_posted.iso() == "2022-02-10"
    assert record.interventions == (Intervention("Allogeneic adipose-derived stromal cells"),)  # no heading glued on
    assert record.sites == (Site(country="Germany"),)
    classification = classify(record)
    assert classification.conditions == ["Burn"] and classification.cell_sources == ["Adipose tissue"]
    assert classification.origins == ["Allogeneic"]


def test_the_same_pages_saved_as_html_read_the_same():
    from ingest.text import decode_document

    for name, module in (("ctri_vitiligo.txt", ctri), ("euctr_burns.txt", euctr)):
        rows = []
        for line in (PAGES / name).read_text().splitlines():
            cells = [cell.strip() for cell in line.split("|") if cell.strip()]
            rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
        html = "<!doctype html><html><body><table>" + "\n".join(rows) + "</table></body></html>"
        text = decode_document(html.encode())
        assert module.parse(text)[0] == module.parse((PAGES / name).read_text())[0]


def test_first_given_takes_the_first_value_or_with_any_row_the_first_that_is_given():
    from ingest.formats._common import first_given

    not_given = frozenset({"not available"})
    assert first_given([" Phase 2 ", "x"]) == "Phase 2"
    assert first_given(["Not available", "Germany"], not_given) == ""  # the field's own value says none
    assert first_given(["Not available", "", "Germany"], not_given, any_row=True) == "Germany"  # repeated rows
    assert first_given(None, not_given, any_row=True) == first_given([], not_given) == ""


def test_a_registry_page_laid_out_a_little_differently_still_gives_its_facts():
    # The registry's reader knows "Phase of Trial"; a page saying "Trial phase" is read by the
    # general reader the registry reader is an overlay on, for the fields it left empty.
    from ingest.read import read_document

    text = (PAGES / "ctri_vitiligo.txt").read_text().replace("Phase of Trial | Phase 2 |", "Trial phase | Phase 2 |")
    assert ctri.parse(text)[0].phases == ()
    record, module = read_document(text.encode())
    assert (module.FORMAT, record.phases, record.enrollment) == ("ctri-page", ("PHASE2",), 40)
    assert record.sites == (Site(country="India"),)  # sites stay the registry reader's


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("|") if cell.strip()]


# The same table as other tools print it: columns padded with spaces (a text browser), tabs, one
# cell a line, and "Label: value" or Markdown bullets for a row's label and its first value (the
# rest of the row keeps its cells).
REGISTRY_LAYOUTS = {
    "runs of spaces": lambda cells: "    ".join(cells),
    "tabs": lambda cells: "\t".join(cells),
    "one cell a line": lambda cells: "\n".join(cells),
    "label: value": lambda cells: f"{cells[0].rstrip(':')}: " + " | ".join(cells[1:]) if len(cells) > 1 else cells[0],
    "markdown bullets": lambda cells: (
        f"- **{cells[0].rstrip(':')}:** " + " | ".join(cells[1:]) if len(cells) > 1 else cells[0]
    ),
}


@pytest.mark.parametrize("layout", sorted(REGISTRY_LAYOUTS))
def test_a_ctri_page_in_other_layouts_reads_the_same(layout):
    text = (PAGES / "ctri_vitiligo.txt").read_text()
    # Only the page's own labels take the colon; a row of a small table keeps its cells.
    rows = []
    for line in text.splitlines():
        cells = _cells(line)
        render = REGISTRY_LAYOUTS[layout] if cells and cells[0] in ctri.LABELS else " | ".join
        rows.append(render(cells) if cells else "")
    assert ctri.parse("\n".join(rows) + "\n")[0] == ctri.parse(text)[0]


@pytest.mark.parametrize("layout", sorted(REGISTRY_LAYOUTS))
def test_an_eu_register_page_in_other_layouts_reads_the_same(layout):
    text = (PAGES / "euctr_burns.txt").read_text()
    rows = []
    for line in text.splitlines():
        cells = _cells(line)
        if len(cells) == 3:  # "A.3 | Full title of the trial | value": the code and label are one label
            cells = [f"{cells[0]} {cells[1]}", cells[2]] if layout in ("label: value", "markdown bullets") else cells
            rows.append(REGISTRY_LAYOUTS[layout](cells))
        else:
            rows.append(line)
    assert euctr.parse("\n".join(rows) + "\n")[0] == euctr.parse(text)[0]


def test_a_ctri_number_without_brackets_around_its_registration_date():
    text = (PAGES / "ctri_vitiligo.txt").read_text()
    text = text.replace("[Registered on: 14/05/2024]", "Registered on: 14/05/2024")
    record = ctri.parse(text)[0]
    assert record.identifiers == (Identifier("CTRI", "CTRI/2024/05/061234"),)
    assert record.first_posted.iso() == "2024-05-14"
    # The number must still be whole and first: another registry's id after the label is no CTRI number.
    with pytest.raises(MissingIdentifierError):
        ctri.parse(text.replace("CTRI Number | CTRI/2024/05/061234", "CTRI Number | NCT09100990 CTRI/2024/05/061234"))


def test_an_eu_register_page_cut_above_its_protocol_rows_is_still_that_register_s():
    """A copy that starts at section E: no EudraCT number, no title; its coded rows say whose page
    it is, and a numbered section heading is no title."""
    from ingest.errors import MissingIdentifierError
    from ingest.read import read_document

    text = (PAGES / "euctr_burns.txt").read_text()
    excerpt = text[text.index("E.1.1 |") :]
    assert detect_format(excerpt) == "euctr-page"
    with pytest.raises(MissingIdentifierError) as refused:
        read_document(excerpt.encode())
    record = refused.value.record
    assert record.conditions_raw == ("Deep partial-thickness burns",)
    assert record.phases == ("PHASE1", "PHASE2") and record.enrollment == 36
    assert record.brief_title == ""
    # Opening on a section's heading, the heading is not taken for the title either.
    with pytest.raises(MissingIdentifierError) as refused:
        read_document(("E.1 Medical condition or disease under investigation |\n" + excerpt).encode())
    assert refused.value.record.brief_title == ""


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("E.1 Medical condition or disease under investigation", False),
        ("3.2 Study Design and Methods", False),
        ("2.5 million cells per square centimetre for vitiligo", True),  # a number, not a section
        ("Adipose-derived stromal cells for burns", True),
    ],
)
def test_a_numbered_section_heading_is_no_title(line, title):
    from ingest.pages.basics import could_be_a_title

    assert could_be_a_title(line) is title


def test_an_eu_register_page_that_lost_its_section_codes_keeps_its_labelled_facts():
    """A copy with the register's labels but no section codes ("Full title of the trial: ..."):
    its title, size and member state are still the register's."""
    from ingest.read import read_document

    text = (
        "EudraCT Number: 2021-004567-12\nFull title of the trial: A phase 2 study of autologous cultured "
        "keratinocytes on fibrin sealant for deep partial-thickness burns\nName of Sponsor: Example University "
        "Hospital\nMedical condition(s) being investigated: Deep partial-thickness burns\nTrial Status: Ongoing\n"
        "Member State Concerned: Spain - AEMPS\nIn the whole clinical trial: 40\n"
    )
    assert detect_format(text) == "euctr-page"
    record = read_document(text.encode())[0]
    assert record.brief_title.startswith("A phase 2 study of autologous cultured keratinocytes")
    assert (record.enrollment, [site.country for site in record.sites]) == (40, ["Spain"])
    assert classify(record).cell_sources == ["Keratinocytes"]


def test_an_eu_register_page_saved_as_a_table_has_its_header_values_in_the_next_cell():
    from ingest.read import read_document

    page = (
        "<html><body><table>"
        "<tr><td>EudraCT Number:</td><td>2020-000123-45</td></tr>"
        "<tr><td>National Competent Authority:</td><td>Portugal - INFARMED</td></tr>"
        "<tr><td>Trial Status:</td><td>Completed</td></tr></table>"
        "<table><tr><td>A.3</td><td>Full title of the trial</td>"
        "<td>Autologous melanocyte-keratinocyte suspension for stable vitiligo</td></tr>"
        "<tr><td>E.7.2</td><td>Therapeutic exploratory (Phase II)</td><td>Yes</td></tr></table></body></html>"
    )
    record, _module = read_document(page.encode())
    assert record.source_format == euctr.FORMAT
    assert record.identifiers[0] == Identifier("EUDRACT", "2020-000123-45")
    assert (record.status, record.phases, record.sites) == ("COMPLETED", ("PHASE2",), (Site(country="Portugal"),))


def test_a_ctri_page_saved_as_html_with_its_fields_sub_tables():
    from ingest.read import read_document

    page = (
        "<html><body><table>"
        "<tr><td>CTRI Number</td><td>CTRI/2024/11/070001 [Registered on: 20/11/2024]</td></tr>"
        "<tr><td>Public Title of Study</td><td>Adipose derived stem cells for diabetic foot ulcer</td></tr>"
        "<tr><td>Primary Sponsor</td><td><table><tr><td>Name</td><td>Example Institute of Medical Sciences</td></tr>"
        "<tr><td>Type of Sponsor</td><td>Government medical college</td></tr></table></td></tr>"
        "<tr><td>Health Condition / Problems Studied</td><td><table><tr><td>Health Type</td><td>Condition</td></tr>"
        "<tr><td>Patients</td><td>Diabetic foot ulcer</td></tr></table></td></tr>"
        "</table></body></html>"
    )
    record, _module = read_document(page.encode())
    assert record.source_format == ctri.FORMAT
    assert record.conditions_raw == ("Diabetic foot ulcer",)
    assert record.organizations == (Organization("Example Institute of Medical Sciences", "LEAD_SPONSOR"),)
