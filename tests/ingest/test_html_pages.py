"""Saved HTML pages read like the text of the same page: the same record, scripts never kept."""

import html
from pathlib import Path

import pytest

from ingest.detect import detect_format, parser_for
from ingest.errors import IngestError
from ingest.html_text import html_to_text, looks_like_html
from ingest.record import record_to_json
from ingest.text import decode_document

SEEDS = sorted((Path(__file__).resolve().parents[2] / "sample_data" / "seeds").glob("*.txt"))


def as_saved_page(text: str) -> str:
    """The page as a browser would have saved it: paragraphs, lists and tables (cells of several
    lines as paragraphs in a cell), with a head, scripts and styles that must not reach the text."""
    body, rows, cell, cells = [], [], [], []

    def flush_table():
        if rows:
            body.append("<table>" + "".join(rows) + "</table>")
            rows.clear()

    def paragraphs(lines):
        return "".join(f"<p>{html.escape(line)}</p>" for line in lines)

    lines = text.splitlines()
    for index, line in enumerate(lines):
        if cell or cells:  # inside a row whose cells hold several lines
            if line.strip() == "|":
                cells.append(cell[:])
                cell.clear()
            elif line.rstrip().endswith(" |"):
                cells.append([*cell, line.rstrip()[:-2]])
                rows.append("<tr>" + "".join(f"<td>{paragraphs(c)}</td>" for c in cells) + "</tr>")
                cell.clear()
                cells.clear()
            else:
                cell.append(line)
            continue
        if line.strip("-|") == "" and "|" in line and line.strip() != "|":
            continue  # a header rule: the row before it is a header row (made <th> below)
        if line.rstrip().endswith("|") and line.strip() != "|":
            cells_here = [html.escape(c.strip()) for c in line.rstrip().rstrip("|").split(" | ")]
            header = index + 1 < len(lines) and lines[index + 1].strip().startswith("---")
            tag = "th" if header else "td"
            rows.append("<tr>" + "".join(f"<{tag}>{c}</{tag}>" for c in cells_here) + "</tr>")
            continue
        previous = lines[index - 1].rstrip() if index else ""
        ahead = [later.strip() for later in lines[index + 1 : index + 4]]
        if rows and (previous.startswith("---") or previous.endswith(" |")) and "|" in ahead:
            cell.append(line)  # the first line of a row whose cells hold several lines
            continue
        flush_table()
        if line.startswith("- "):
            body.append(f"<ul><li>{html.escape(line[2:])}</li></ul>")
        elif line.strip():
            body.append(f"<p>{html.escape(line)}</p>")
    flush_table()
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><title>Saved</title><style>p { color: red }</style>"
        "<script>var NCT99999999 = 'not the trial';</script></head><body>\n"
        + "<script>document.write('Recruitment Status : Recruiting')</script>\n".join(body[:1])
        + "\n".join(body[1:])
        + "\n<noscript>Enable JavaScript</noscript></body></html>"
    )


def record_of(text: str):
    return parser_for(detect_format(text)).parse(text)[0]


@pytest.mark.parametrize("path", SEEDS, ids=lambda path: path.name)
def test_a_saved_page_gives_the_record_its_text_gives(path):
    text = decode_document(path.read_bytes())
    saved = as_saved_page(text).encode()
    from_html = decode_document(saved)
    assert "not the trial" not in from_html and "document.write" not in from_html
    assert "Enable JavaScript" not in from_html
    assert record_to_json(record_of(from_html)) == record_to_json(record_of(text))


def test_tables_lists_and_breaks_keep_their_lines():
    page = (
        "<!doctype html><html><body><h1>Title &amp; more</h1><ul><li>One</li><li>Two</li></ul>"
        "<table><thead><tr><th>Condition</th><th>Phase</th></tr></thead>"
        "<tbody><tr><td>Vitiligo</td><td>Phase&nbsp;2</td></tr></tbody></table>"
        "<p>Line<br>break</p><dl><dt>Status</dt><dd>Recruiting</dd></dl></body></html>"
    )
    assert html_to_text(page).splitlines() == [
        "Title & more",
        "- One",
        "- Two",
        "Condition | Phase |",
        "---|---|",
        "Vitiligo | Phase 2 |",
        "Line",
        "break",
        "Status",
        "Recruiting",
    ]


def test_what_counts_as_a_saved_page():
    assert looks_like_html("<!DOCTYPE html><html>")
    assert looks_like_html("  <!-- saved from url -->\n<html lang='en'>")
    assert not looks_like_html('<?xml version="1.0"?><clinical_study>')
    assert not looks_like_html("Recruitment Status : <b>Recruiting</b>")


def test_a_page_of_scripts_only_is_refused():
    with pytest.raises(IngestError, match="the HTML page holds no text"):
        decode_document(
            b"<!doctype html><html><head><script>x()</script></head><body><script>y()</script></body></html>"
        )


@pytest.mark.parametrize(
    "opening",
    [
        "<html><head><title>Saved</title><body>",  # the head never closed: the body still closes it
        "<html><head><meta charset='utf-8'><div>",  # content in the head: browsers move it to the body
    ],
)
def test_a_head_left_open_does_not_hide_the_page(opening):
    page = opening + "<h1>Stem cells for vitiligo</h1><p>NCT01234567</p></body></html>"
    lines = [line for line in html_to_text(page).splitlines() if not line.startswith("Document title: ")]
    assert lines == ["Stem cells for vitiligo", "NCT01234567"]


def test_a_table_inside_a_cell_stays_in_its_cell():
    page = (
        "<table><tr><th>Conditions</th><td><table><tr><td>Vitiligo</td></tr><tr><td>Melasma</td></tr>"
        "</table></td></tr><tr><th>Phase</th><td>Phase 2</td></tr></table>"
    )
    assert html_to_text(page).splitlines() == ["Conditions", "|", "Vitiligo", "Melasma |", "Phase | Phase 2 |"]


def test_a_page_cut_inside_a_table_keeps_the_row_it_was_cut_in():
    assert html_to_text("<table><tr><th>Status</th><td>Recruiting").splitlines() == ["Status | Recruiting |"]


def test_badges_side_by_side_are_separate_items_and_words_stay_whole():
    page = (
        "<html><body><h1>Stem cells for vitiligo</h1><div><span>Recruiting</span><span>Phase 2</span></div>"
        "<p>The <b>stem</b> <i>cells</i>, <b>S</b>tem.</p></body></html>"
    )
    assert html_to_text(page).splitlines() == [
        "Stem cells for vitiligo",
        "Recruiting · Phase 2",
        "The stem cells, Stem.",
    ]


JSON_LD_PAGE = """<!doctype html><html><head><title>Find a study</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "WebPage", "name": "A study page"},
 {"@type": "MedicalTrial", "name": "Umbilical Cord MSCs for Recessive Dystrophic Epidermolysis Bullosa",
  "identifier": [{"@type": "PropertyValue", "propertyID": "NCT", "value": "NCT09100990"}, "EB-UC-01"],
  "status": "https://schema.org/ActiveNotRecruiting", "phase": "Phase 2",
  "sponsor": {"@type": "Organization", "name": "Example Children's Hospital"},
  "healthCondition": [{"@type": "MedicalCondition", "name": "Epidermolysis Bullosa Dystrophica"}],
  "studyLocation": [{"@type": "Hospital", "address": {"addressLocality": "Vienna", "addressCountry": "Austria"}}]}
]}</script><script type="application/ld+json">{"broken": </script></head>
<body><nav><a href="/">Home</a> <a href="/find">Find a trial</a></nav>
<p>Children with severe blistering of the skin may take part in this study of donor cells.</p></body></html>"""


def test_a_trial_the_page_describes_in_json_ld_is_read():
    from ingest.read import read_document

    text = decode_document(JSON_LD_PAGE.encode())
    assert "Status: Active Not Recruiting" in text and "Identifiers: NCT09100990; EB-UC-01" in text
    record, _ = read_document(JSON_LD_PAGE.encode())
    assert record.identifiers[0].value == "NCT09100990"
    assert record.brief_title == "Umbilical Cord MSCs for Recessive Dystrophic Epidermolysis Bullosa"
    assert (record.status, record.phases) == ("ACTIVE_NOT_RECRUITING", ("PHASE2",))
    assert [o.name for o in record.organizations] == ["Example Children's Hospital"]
    assert record.conditions_raw == ("Epidermolysis Bullosa Dystrophica",)
    assert [site.country for site in record.sites] == ["Austria"]
    # A page without JSON-LD, or with only a broken one, reads as its text alone.
    assert html_to_text("<html><body><p>Only text</p></body></html>") == "Only text\n"


def test_json_ld_said_in_an_events_words_gives_its_country_and_summary():
    from ingest.read import read_document

    page = JSON_LD_PAGE.replace('"studyLocation"', '"location"').replace(
        '"phase": "Phase 2",', '"phase": "Phase 2", "description": "Donor umbilical cord cells given by infusion.",'
    )
    record, _ = read_document(page.encode())
    assert [site.country for site in record.sites] == ["Austria"]
    assert record.brief_summary == "Donor umbilical cord cells given by infusion."
    # A country given as its ISO code, as schema.org allows ("CA" is Canada there, not California).
    coded = page.replace('"addressCountry": "Austria"', '"addressCountry": "CA"')
    assert coded != page
    assert [site.country for site in read_document(coded.encode())[0].sites] == ["Canada"]


SITE_CHROME = "Skip to main content\nHome\nAbout\nSearch trials\nWe use cookies on this site. Accept all\n"


@pytest.mark.parametrize(
    "bar",
    [
        "Example Study Hub — Sign up — Log in",
        "Home | About | Contact us",
        "Trials · Blog · Donate · My account",
        "Example Study Hub Search trials For sponsors Sign in",  # its separators lost
    ],
)
def test_a_menu_bar_on_one_line_is_no_title(bar):
    from ingest.formats import generic_page

    text = f"{bar}\nStatus: Recruiting\nExosome gel for diabetic foot ulcers\nNCT ID: NCT09101002\nSponsor: Example University\n"
    record = generic_page.parse(text)[0]
    assert record.brief_title == "Exosome gel for diabetic foot ulcers"
    # A title holding a slash or a dash between words of its own stays a title.
    titled = generic_page.parse("Safety / efficacy of adipose cells for scars\nNCT ID: NCT09101001\n")[0]
    assert titled.brief_title == "Safety / efficacy of adipose cells for scars"


@pytest.mark.parametrize(
    "path",
    [*SEEDS, *sorted((Path(__file__).resolve().parents[1] / "fixtures" / "pages").glob("mirror_*.txt"))],
    ids=lambda path: path.name,
)
def test_a_sites_menu_and_cookie_banner_above_the_page_change_nothing(path):
    # A page copied with the site's chrome above it: menu items ("About" is also a label), a
    # cookie banner, "Skip to main content". No reader takes them for the title.
    from ingest.errors import MissingIdentifierError
    from ingest.read import read_document

    def read(text):
        try:
            return read_document(text.encode())
        except MissingIdentifierError as refused:  # a page without an id of its own: what was read
            return refused.record, refused.record.source_format

    text = path.read_text()
    record, module = read(text)
    with_chrome, module_with_chrome = read(SITE_CHROME + text)
    assert module_with_chrome == module
    assert with_chrome.brief_title == record.brief_title
    assert with_chrome.identifiers == record.identifiers and with_chrome.status == record.status


@pytest.mark.parametrize(
    "layout", ["indented", "label: value", "labels in bold", "labels as headings", "labels in capitals"]
)
@pytest.mark.parametrize(
    "path, module_name",
    [
        (Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "anzctr_burns.txt", "anzctr"),
        (sorted(SEEDS)[4], "irct"),  # the IRCT seed
        (sorted(SEEDS)[0], "ctgov_mirror"),
    ],
    ids=lambda value: getattr(value, "name", value),
)
def test_a_registry_page_indented_or_with_labels_beside_values_reads_the_same(path, module_name, layout):
    import importlib

    from bench.robustness import labels_beside_values
    from ingest.read import read_document

    module = importlib.import_module(f"ingest.formats.{module_name}")
    text = path.read_text()
    labels = {*getattr(module, "LABELS", ()), *getattr(module, "HEADERS", ())}
    marks = {"labels in bold": "**{}**", "labels as headings": "### {}", "labels in capitals": "{}"}
    if layout == "indented":
        changed = "\n".join("    " + line for line in text.splitlines()) + "\n"
    elif layout in marks:
        changed = "\n".join(
            marks[layout].format(line.upper() if layout == "labels in capitals" else line) if line in labels else line
            for line in text.splitlines()
        )
        assert changed != text
    else:
        changed = labels_beside_values(text, is_label=lambda line: line in set(getattr(module, "LABELS", ())))
        if module_name == "ctgov_mirror":
            changed = text  # its labels are section names over lists: nothing to join
    record, read_by = read_document(text.encode())
    again, read_again_by = read_document(changed.encode())
    assert read_again_by is read_by is module
    for field in ("identifiers", "brief_title", "status", "phases", "enrollment", "start_date", "conditions_raw"):
        assert getattr(again, field) == getattr(record, field), field


def test_labels_in_capitals_get_the_registrys_spelling_and_nothing_else_does():
    from ingest.formats import with_registry_spellings

    page = "DESIGN\nA randomised trial.\nSPONSOR:\nTehran University\nWE USE COOKIES. ACCEPT\nNCT01234567"
    assert with_registry_spellings(page).split("\n") == [
        "Design",  # the IRCT reader's section name
        "A randomised trial.",
        "Sponsor:",  # its colon kept
        "Tehran University",
        "WE USE COOKIES. ACCEPT",  # no label: as it was
        "NCT01234567",
    ]
    # A label only the general dictionary knows stays in capitals (that reader reads any case).
    assert with_registry_spellings("SUB-DISEASE(S) OR CONDITION(S) BEING STUDIED\nBurns") == (
        "SUB-DISEASE(S) OR CONDITION(S) BEING STUDIED\nBurns"
    )


def test_a_label_in_bold_that_only_the_general_reader_knows_keeps_its_case():
    """Marked up, it was given the dictionary's lower-case spelling, and a line starting in lower
    case reads as the value above it wrapped: the empty label ran on into the condition."""
    from ingest.formats import with_registry_spellings
    from ingest.read import read_document

    page = (
        "Trial no.: PACTR201808699550182\n"
        "Public title Autologous melanocyte transplantation in stable vitiligo\n"
        "Disease(s) or condition(s) being studied Skin and Connective Tissue Diseases\n"
        "{}\n"
        "Anticipated trial start date 30/11/2016\n"
    )
    plain = page.format("Sub-Disease(s) or condition(s) being studied")
    for marked in (
        "**Sub-Disease(s) or condition(s) being studied**",
        "### Sub-Disease(s) or condition(s) being studied",
    ):
        assert with_registry_spellings(page.format(marked)) == page.format(marked)
        assert (
            read_document(page.format(marked).encode())[0].conditions_raw
            == (read_document(plain.encode())[0].conditions_raw)
            == ("Skin and Connective Tissue Diseases",)
        )


def test_a_saved_pages_title_names_its_id_when_its_text_does_not():
    from ingest.errors import MissingIdentifierError
    from ingest.read import read_document

    page = (
        "<html><head><title>{}</title></head><body><h2>Trial details</h2><h3>Autologous Fibroblast Injection for Nasolabial Folds</h3>"
        "<table><tr><td>Status</td><td>Completed</td></tr><tr><td>Phase</td><td>Phase 3</td></tr>"
        "<tr><td>Enrollment</td><td>120</td></tr></table>"
        "</body></html>"
    )
    record, _ = read_document(page.format("NCT09100310 - Trial details").encode())
    assert [i.value for i in record.identifiers] == ["NCT09100310"]
    assert record.brief_title == "Autologous Fibroblast Injection for Nasolabial Folds"
    # A title naming two trials names neither as the page's own.
    with pytest.raises(MissingIdentifierError):
        read_document(page.format("NCT09100310 vs NCT09100311").encode())


def test_a_saved_pages_link_to_its_registry_record_names_its_id():
    from ingest.errors import MissingIdentifierError
    from ingest.read import read_document

    page = (
        "<html><body><h1>Sprayed skin cells for example burns</h1><p>Status: Recruiting</p><p>Phase: Phase 2</p>"
        "<p>This study tests whether the patient's own skin cells, sprayed onto the burn, heal it.</p>"
        '<p><a href="https://clinicaltrials.gov/study/{own}">View this study on ClinicalTrials.gov</a></p>'
        '<h3>Other studies</h3><ul><li><a href="https://clinicaltrials.gov/study/NCT09100321">Scar massage</a></li></ul>'
        "</body></html>"
    )
    record, _ = read_document(page.format(own="NCT09100320").encode())
    assert [i.value for i in record.identifiers] == ["NCT09100320"]  # not the other study's, linked by its title
    # Links to two trials' records name neither as the page's own.
    two = page.format(own="NCT09100320").replace(">Scar massage<", ">Registry record<")
    with pytest.raises(MissingIdentifierError):
        read_document(two.encode())
    # A page that prints its own id keeps it alone, whatever record it links to.
    printed = page.format(own="NCT09100322").replace("<p>Status", "<p>NCT ID: NCT09100323</p><p>Status")
    assert [i.value for i in read_document(printed.encode())[0].identifiers] == ["NCT09100323"]


def test_a_saved_pages_title_titles_the_trial_when_its_body_prints_none():
    from ingest.read import read_document

    body = (
        "<body><div><span>Status</span><span>Completed</span></div>"
        "<div><span>Identifier</span><span>NCT09100312</span></div>"
        "<h4>Description</h4><p>Women having radiotherapy apply a placental stem cell gel to the skin.</p></body>"
    )
    page = "<html><head><title>{}</title></head>" + body + "</html>"
    titled = page.format("Placental MSC gel for radiation dermatitis | NCT09100312 | Example Trials")
    assert read_document(titled.encode())[0].brief_title == "Placental MSC gel for radiation dermatitis"
    # The site's name and the page's kind are no title; a heading in the body outranks the tab's.
    assert read_document(page.format("Study details | Example Trials").encode())[0].brief_title == ""
    headed = page.format("Gel study | Example Trials").replace(
        "<body>", "<body><h1>Placental cell gel for skin burns</h1>"
    )
    assert read_document(headed.encode())[0].brief_title == "Placental cell gel for skin burns"


def test_the_apis_phases_as_two_badges_are_both_the_trials():
    from ingest.read import read_document

    page = (
        "<html><body><div><span>RECRUITING</span><span>PHASE1</span><span>PHASE2</span></div>"
        "<h1>Allogeneic cord MSC infusion for severe atopic dermatitis</h1>"
        "<div><label>ClinicalTrials.gov ID</label> <strong>NCT09100313</strong></div></body></html>"
    )
    record = read_document(page.encode())[0]
    assert (record.status, record.phases) == ("RECRUITING", ("PHASE1", "PHASE2"))


def test_a_table_inside_a_cell_keeps_its_own_cells_apart():
    """A registry's sub-table of a field ("Name | Example Institute") in a cell of the outer row:
    its cells stay apart (a tab, a cell break to the readers), and indentation in the page's
    source is no cell break."""
    page = (
        "<table><tr><td>Primary Sponsor</td><td><table><tr><td>Name</td><td>\n\tExample Institute\n</td></tr>"
        "<tr><td>Type of Sponsor</td><td>Government\tmedical college</td></tr></table></td></tr></table>"
    )
    assert html_to_text(page).splitlines() == [
        "Primary Sponsor",
        "|",
        "Name\tExample Institute",
        "Type of Sponsor\tGovernment medical college |",
    ]


def test_a_registrys_funding_and_sponsors_section_names_its_sponsor_in_a_name_row():
    from ingest.formats import generic_page

    page = (
        "<html><body><table><tr><th>Trial ID</th><td>ACTRN12625000999111</td></tr>"
        "<tr><th>Public title</th><td>Cultured keratinocytes for chronic venous leg ulcers</td></tr></table>"
        "<h2>Funding &amp; Sponsors</h2><table><tr><th>Primary sponsor type</th><td>University</td></tr>"
        "<tr><th>Name</th><td>Example University of Technology</td></tr>"
        "<tr><th>Country</th><td>New Zealand</td></tr></table></body></html>"
    )
    record = generic_page.parse(html_to_text(page))[0]
    assert [o.name for o in record.organizations] == ["Example University of Technology"]
