"""The general page reader: one layout front end, one label dictionary in many languages, a
validator per field. The same facts printed in different layouts must read the same."""

from pathlib import Path

import pytest

from ingest.detect import detect_format
from ingest.errors import MissingIdentifierError
from ingest.formats import generic_page, ictrp_page
from ingest.normalize.taxonomy import classify
from ingest.pages.fields import clean, count, undouble
from ingest.pages.layout import page_lines
from ingest.record import Identifier, Intervention, Site

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"


def test_the_who_record_page_reads_the_data_set():
    text = (PAGES / "ictrp_record.txt").read_text()
    assert detect_format(text) == "ictrp-page"
    record = ictrp_page.parse(text)[0]
    # The trial is its EudraCT number; the member state's record the portal printed is kept beside it.
    assert [(i.registry, i.value) for i in record.identifiers] == [
        ("EUDRACT", "2021-004321-17"),
        ("EUCTR", "EUCTR2021-004321-17-FR"),
    ]
    # The portal joins the EU register's full and lay titles with " - ": the full title is the title.
    assert (
        record.brief_title
        == "A randomised phase II trial of allogeneic keratinocyte sheets for chronic venous leg ulcers"
    )
    assert record.official_title.endswith(" - KERA-ULCER")
    assert record.phases == ("PHASE2",)  # the yes/no matrix, not every phase it names
    assert (record.status, record.status_raw) == ("UNKNOWN", "Not Recruiting")
    assert (record.enrollment, record.start_date.iso(), record.first_posted.iso()) == (60, "2022-02-02", "2021-09-14")
    assert record.last_updated.iso() == "2024-03-03"
    assert [site.country for site in record.sites] == ["France", "Belgium"]
    assert [(o.name, o.role) for o in record.organizations] == [("Laboratoire Exemple SAS", "LEAD_SPONSOR")]
    assert record.study_type == "INTERVENTIONAL" and not record.needs_review


def test_the_who_record_page_copied_as_a_table_of_tabs_reads_the_data_set():
    text = "\n".join(
        [
            "International Clinical Trials Registry Platform",
            "Main ID\tChiCTR2400099001",
            "Public title\tAmniotic stem cells for chronic urticaria",
            "Target sample size\tExperimental group:30;Control group:30;",
            "Recruitment status\tRecruiting",
            "Countries of recruitment\tChina",
            "Secondary IDs\tNil known",
            "",
        ]
    )
    assert detect_format(text) == "ictrp-page"
    record = ictrp_page.parse(text)[0]
    # "Nil known" names no other id; the groups' counts, each ended by a semicolon, are the size.
    assert [i.value for i in record.identifiers] == ["ChiCTR2400099001"]
    for words, code in (("Unknown", "STEMVIT"), ("Not yet assigned", "KER-BURN-01")):
        ids = ictrp_page.parse(text.replace("Nil known", f"{words}; {code}"))[0].identifiers
        assert [i.value for i in ids] == ["ChiCTR2400099001", code]
    assert (record.enrollment, record.status) == (60, "RECRUITING")


@pytest.mark.parametrize(
    "names",
    [
        ("nct_id", "brief_title", "overall_status", "enrollment_count", "start_date", "lead_sponsor", "conditions"),
        (
            "nctId",
            "briefTitle",
            "overallStatus",
            "enrollmentInfo.count",
            "startDateStruct.date",
            "leadSponsor.name",
            "conditions",
        ),
    ],
    ids=["database columns", "API fields"],
)
def test_a_record_copied_with_its_fields_names_from_a_database_or_an_api(names):
    values = (
        "NCT09300001",
        "Autologous melanocyte-keratinocyte transplantation for segmental vitiligo",
        "RECRUITING",
        "36",
        "2025-01-15",
        "Example Dermatology Institute",
        '["Vitiligo", "Segmental vitiligo"]',  # a list as a data file writes it
    )
    record = generic_page.parse("".join(f"{name}: {value}\n" for name, value in zip(names, values, strict=True)))[0]
    assert record.brief_title == values[1]
    assert (record.status, record.enrollment, record.start_date.iso()) == ("RECRUITING", 36, "2025-01-15")
    assert [o.name for o in record.organizations] == ["Example Dermatology Institute"]
    assert record.conditions_raw == ("Vitiligo, Segmental vitiligo",)


FACTS = {
    "NCT ID": "NCT09100990",
    "Brief Title": "Autologous fibroblasts for atrophic acne scars",
    "Overall Status": "Recruiting",
    "Phase": "Phase 2",
    "Enrollment": "40",
    "Study Start Date": "2023-05-01",
    "Sponsor": "Example Skin Institute",
}


def _expected(record):
    return (
        [i.value for i in record.identifiers],
        record.brief_title,
        record.status,
        record.phases,
        record.enrollment,
        record.start_date.iso() if record.start_date else None,
        [o.name for o in record.organizations],
    )


WANTED = (
    ["NCT09100990"],
    "Autologous fibroblasts for atrophic acne scars",
    "RECRUITING",
    ("PHASE2",),
    40,
    "2023-05-01",
    ["Example Skin Institute"],
)
LAYOUTS = {
    "one line, colon": "\n".join(f"{label}: {value}" for label, value in FACTS.items()),
    "label above value": "\n".join(f"{label}\n{value}" for label, value in FACTS.items()),
    "values printed twice": "\n".join(f"{label}\n{value} {value}" for label, value in FACTS.items()),
    "labels wrapped in dashes": "\n".join(f"-\n{label}\n-\n{value}" for label, value in FACTS.items()),
    "pipe table": "| Field | Value |\n|---|---|\n"
    + "\n".join(f"| {label} | {value} |" for label, value in FACTS.items()),
    "tabs": "\n".join(f"{label}\t{value}" for label, value in FACTS.items()),
    "runs of spaces": "\n".join(f"{label}      {value}" for label, value in FACTS.items()),
    "markdown bullets": "\n".join(f"- **{label}:** {value}" for label, value in FACTS.items()),
    "header row over a value row": " | ".join(FACTS) + "\n" + " | ".join(FACTS.values()),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_the_same_facts_read_the_same_in_every_layout(layout):
    text = "Clinical trial record\n" + LAYOUTS[layout] + "\nParticipants are adults with acne scars.\n"
    assert _expected(generic_page.parse(text)[0]) == WANTED


def test_labels_in_other_languages():
    french = "Identifiant: NCT09100991\nTitre: Cellules souches pour le vitiligo\nStatut du recrutement: Recrutement en cours\nPays de recrutement: Suisse\nNombre de participants: 24\n"
    record = generic_page.parse(french + "Une étude sur les patients.\n")[0]
    assert (record.status, record.enrollment, [s.country for s in record.sites]) == ("RECRUITING", 24, ["Switzerland"])
    german = "Registrierungsnummer: NCT09100992\nTitel: Stammzellen bei Vitiligo\nRekrutierungsstatus: Rekrutierend\nStudienbeginn: 1. März 2023\nStudie mit Patienten, Phase 2.\n"
    record = generic_page.parse(german)[0]
    assert (record.status, record.start_date.iso()) == ("RECRUITING", "2023-03-01")
    japanese = "jRCT番号: jRCTb030190999\n試験名称: 自己脂肪幹細胞を用いた治療\n募集状況: 募集中\n試験のフェーズ: 第1相\n目標症例数: 10\n"
    record = generic_page.parse(japanese)[0]
    assert (record.status, record.phases, record.enrollment) == ("RECRUITING", ("PHASE1",), 10)
    # jRCT's scientific title (研究名称) above its plain one (平易な研究名称): the plain one is the title.
    jrct = "jRCT番号: jRCTb030190998\n研究名称: 尋常性白斑に対する自家培養表皮移植の研究\n平易な研究名称: 白斑への培養表皮移植\n"
    record = generic_page.parse(jrct)[0]
    assert (record.brief_title, record.official_title) == (
        "白斑への培養表皮移植",
        "尋常性白斑に対する自家培養表皮移植の研究",
    )


def test_labels_said_of_the_trial_or_with_a_plural_in_brackets_in_other_languages():
    german = (
        "SNCTP-Nummer: SNCTP000009901\nStudientitel: Fettstammzellen bei Vernarbung\nStatus der Studie: Rekrutierend\n"
        "Untersuchte Krankheit(en): Vitiligo\nPhase der Studie: Phase 2\nSponsor der Studie: Universitätsspital Beispiel\n"
        "Anzahl Teilnehmende: 30\nStudienort: Schweiz\n"
    )
    record = generic_page.parse(german)[0]
    assert (record.brief_title, record.status, record.conditions_raw, record.phases, record.enrollment) == (
        "Fettstammzellen bei Vernarbung",
        "RECRUITING",
        ("Vitiligo",),
        ("PHASE2",),
        30,
    )
    assert [o.name for o in record.organizations] == ["Universitätsspital Beispiel"]
    assert [s.country for s in record.sites] == ["Switzerland"]
    french = (
        "Identifiant: NCT09100995\nTitre de l'essai: Cellules souches pour le vitiligo\nStatut de l'essai: Terminé\n"
        "Maladie(s) étudiée(s): Vitiligo\nPromoteur de l'essai: Hôpital Exemple\n"
    )
    record = generic_page.parse(french)[0]
    assert (record.status, record.conditions_raw) == ("COMPLETED", ("Vitiligo",))
    assert [o.name for o in record.organizations] == ["Hôpital Exemple"]


def test_a_phase_said_as_two_phases_is_one_value_and_a_therapeutic_area_no_condition():
    # CTIS's shape: each label above its value, a phase of two phases, the areas under the conditions.
    page = (
        "2024-512345-67-00\nTrial title\nPlacental stromal cells in example epidermolysis bullosa\n"
        "Trial phase\nPhase I and Phase II (Integrated)\nMedical conditions\nRecessive dystrophic epidermolysis bullosa\n"
        "Therapeutic areas\nDiseases [C] - Skin and Connective Tissue Diseases [C17]\nSponsor\nExample B.V.\n"
    )
    record = generic_page.parse(page)[0]
    assert record.phases == ("PHASE1", "PHASE2")
    assert record.conditions_raw == ("Recessive dystrophic epidermolysis bullosa",)
    # A row flattened to one line still gives its fields, each of its own kind.
    flat = generic_page.parse("NCT ID: NCT09100001\nStatus Recruiting Phase Phase 2\n")[0]
    assert (flat.status, flat.phases) == ("RECRUITING", ("PHASE2",))


@pytest.mark.parametrize("between", ["           ", ": "])
def test_a_protocols_section_numbers_before_its_labels(between):
    """A protocol's synopsis numbers its labels ("1.3 Phase of development"), in columns or with a
    colon; a number alone before a value is no label ("12 patients")."""
    text = (
        "EudraCT Number: 2023-000123-45\n"
        f"1.1 Title of study{between}Topical cord stem cell exosome gel in adult vitiligo\n"
        f"1.2 Sponsor{between}Example Biologics GmbH\n"
        f"1.3 Phase of development{between}IIa\n"
        f"1.4 Number of subjects{between}48\n"
        f"B.1.1 Indication{between}Non-segmental vitiligo\n"
        "In a previous study, 12 patients received the gel.\n"
    )
    record = generic_page.parse(text)[0]
    assert (record.official_title or record.brief_title) == "Topical cord stem cell exosome gel in adult vitiligo"
    assert [o.name for o in record.organizations] == ["Example Biologics GmbH"]
    assert (record.phases, record.enrollment) == (("PHASE2",), 48)
    assert record.conditions_raw == ("Non-segmental vitiligo",)


def test_a_value_wrapped_in_its_column_beside_the_labels_is_one_value():
    """A protocol's synopsis printed as PDF: labels in one column, values beside them, a long value
    (and a long label) wrapped within its own column."""
    text = (
        "Protocol Title:     A Phase 2 Study of Autologous\n"
        "                    Cultured Fibroblasts in Adults With\n"
        "                    Atrophic Acne Scars\n"
        "Trial ID:           NCT09101077\n"
        "Investigational     Fibroblasts grown from a skin biopsy,\n"
        "Product:            injected into each scar\n"
        "Indication:         Atrophic acne scars\n"
        "    An indented sentence at no value's column stays a line of its own.\n"
    )
    record = generic_page.parse(text)[0]
    assert (record.official_title or record.brief_title) == (
        "A Phase 2 Study of Autologous Cultured Fibroblasts in Adults With Atrophic Acne Scars"
    )
    assert [i.description or i.name for i in record.interventions] == [
        "Fibroblasts grown from a skin biopsy, injected into each scar"
    ]
    texts = [line.text for line in page_lines(text)]
    assert "An indented sentence at no value's column stays a line of its own." in texts
    # Under a list's label, a line opening with a capital is its next item; one in lower case wraps.
    listed = generic_page.parse(
        "Stem cells for burns\nNCT ID:         NCT09101078\nCountries:      Germany\n                France\n"
        "Conditions:     Burns\n                Scars\n                of the face\n"
    )[0]
    assert sorted(site.country for site in listed.sites) == ["France", "Germany"]
    assert listed.conditions_raw == ("Burns", "Scars of the face")


def test_a_page_that_lost_every_break_between_its_cells_still_gives_its_fields():
    """A scraper's text of a page, its cells run together: each known label glued between two
    values starts a field."""
    text = (
        "Trial DetailsAutologous Fibroblasts for Acne ScarsNCT ID:NCT09101088StatusRecruitingPhasePhase 2"
        "Enrollment36 (Estimated)SponsorExample Skin FoundationStart DateJanuary 15, 2025\n"
    )
    record = generic_page.parse(text)[0]
    assert (record.brief_title, record.status, record.phases, record.enrollment) == (
        "Autologous Fibroblasts for Acne Scars",
        "RECRUITING",
        ("PHASE2",),
        36,
    )
    assert [o.name for o in record.organizations] == ["Example Skin Foundation"]
    assert record.start_date.iso() == "2025-01-15"
    # After a value in capitals, the labels glued to it still start their fields.
    glued = "StatusCOMPLETEDEnrollment40SponsorExample University"
    capitals = generic_page.parse(f"Cultured epidermis for burns\nNCT ID: NCT09101089\n{glued}\n")[0]
    assert (capitals.status, capitals.enrollment) == ("COMPLETED", 40)
    assert [o.name for o in capitals.organizations] == ["Example University"]
    # Two fields are enough when the line opens with a label glued to its value.
    two = generic_page.parse(
        "Cultured epidermis for burns\nNCT ID: NCT09101089\nStatusCompletedStart Date2024-03-02\n"
    )[0]
    assert (two.status, two.start_date.iso()) == ("COMPLETED", "2024-03-02")
    # Prose naming a label after a glued brand is left whole.
    prose = "The iPhone app StatusTracker records Phase data.\n"
    assert [line.text for line in page_lines(prose)] == [prose.strip()]
    assert [line.text for line in page_lines("Phase data from the StatusTracker app.\n")] == [
        "Phase data from the StatusTracker app."
    ]


def test_an_empty_labels_cell_run_into_the_next_field_leaves_that_field_its_value():
    """A row left empty ("Last updated", "Secondary ID") glued to the next row's label and value."""
    text = (
        "Cultured epidermis for burns\nNCT ID: NCT09101090\n"
        "Secondary IDStatus Withdrawn\nLast updatedStart date August 1, 2021\n"
    )
    record = generic_page.parse(text)[0]
    assert (record.status, record.start_date.iso(), record.last_updated) == ("WITHDRAWN", "2021-08-01", None)
    # A label ending in a capital is cut from another field's label glued to it; a word in
    # capitals stays whole.
    assert [line.text for line in page_lines("Secondary IDStatus Withdrawn\n")] == [
        "Secondary ID:",
        "Status: Withdrawn",
    ]
    assert [line.text for line in page_lines("IDEAS for a better clinic\n")] == ["IDEAS for a better clinic"]


def test_glued_tokens_are_unglued_when_they_are_values():
    lines = [line.text for line in page_lines("NARecruitingINTERVENTIONAL\nMcDonaldHospital\n")]
    assert lines == ["NA", "Recruiting", "INTERVENTIONAL", "McDonaldHospital"]


def test_a_page_cut_mid_line_loses_only_the_cut_line():
    text = "NCT ID: NCT09100993\nBrief Title: Exosomes for melasma in adults\nOverall Status: Recr"
    record = generic_page.parse(text)[0]
    assert record.brief_title == "Exosomes for melasma in adults" and record.status == ""


@pytest.mark.parametrize(
    ("last_line", "ids", "countries"),
    [
        # Most saved pages end without a newline: a last value no cut could leave is the page's.
        ("NCT number | NCT09101018", ["NCT09101018"], []),
        ("Countries: France, Germany", [], ["France", "Germany"]),
        # Cut short: "Germ" of "Germany", an id missing digits.
        ("Countries: France, Germ", [], []),
        ("NCT number: NCT0910", [], []),
    ],
)
def test_a_last_line_without_a_newline_is_kept_when_no_cut_could_leave_it(last_line, ids, countries):
    text = f"Stem cells for melasma\nEudraCT number: 2021-004567-89\nPhase: Phase 2\n{last_line}"
    record = generic_page.parse(text)[0]
    assert [i.value for i in record.identifiers if i.registry == "NCT"] == ids
    assert [site.country for site in record.sites] == countries


@pytest.mark.parametrize(
    ("last_line", "status", "start"),
    [
        ("Status: Terminated", "TERMINATED", ""),
        ("Overall status: Not yet recruiting", "NOT_YET_RECRUITING", ""),
        ("Start date: 2023-05-01", "", "2023-05-01"),
        # A cut could have left these from another status or a longer date: "Active, not
        # recruiting", "Recruiting by invitation", "2023-05-01" cut to "2023-05-0".
        ("Status: Active", "", ""),
        ("Status: Recruiting", "", ""),
        ("Start date: 2023-05-0", "", ""),
    ],
)
def test_a_last_status_or_date_without_a_newline_is_kept_when_no_cut_could_leave_it(last_line, status, start):
    record = generic_page.parse(f"Stem cells for melasma\nNCT09101019\nLast updated: 2024-01-02\n{last_line}")[0]
    assert (record.status, record.start_date.iso() if record.start_date else "") == (status, start)


def test_a_menu_bars_items_are_no_trials_values():
    text = (
        "Find trials | Recruiting now | Completed studies | About us\nNCT09101018\n"
        "Cultured keratinocytes for chronic wounds\nFirst posted: 2023-02-11\n"
    )
    record = generic_page.parse(text)[0]
    assert (record.brief_title, record.status) == ("Cultured keratinocytes for chronic wounds", "")
    # A row of a trial's chips is no menu: "Recruiting" there is its status.
    chips = generic_page.parse("NCT09101018 | Exosomes for melasma | Recruiting | Phase 2\n")[0]
    assert chips.status == "RECRUITING"
    # Spaced out, a menu ends with the account's link; a table's column names do not.
    spaced = "Conditions A-Z  Treatments  Phases  Locations  Log in\nNCT09101018\nExosomes for melasma\n"
    assert generic_page.parse(spaced)[0].conditions_raw == ()


@pytest.mark.parametrize(
    "facets",
    [
        "Trials by phase: Phase 1 (120) · Phase 2 (340) · Phase 3 (88)",
        "Recruiting (45) | Completed (1,204) | Terminated (12)",
    ],
)
def test_a_finders_facets_with_their_counts_are_no_facts_of_the_trial(facets):
    text = f"Example Finder — find a study near you\n{facets}\nFibroblast sheets for venous leg ulcers\nNCT09101019\n"
    record = generic_page.parse(text)[0]
    assert (record.phases, record.status) == ((), "")
    assert record.brief_title == "Fibroblast sheets for venous leg ulcers"
    # A trial's countries with their sites' counts are no facets.
    listed = generic_page.parse("NCT09101019\nFibroblast sheets for leg ulcers\nLocations: France (3), Spain (1)\n")[0]
    assert [site.country for site in listed.sites] == ["France", "Spain"]
    # One value with its count is no list of facets: "Enrollment: 40 (Actual)" stays the trial's size.
    assert (
        generic_page.parse("NCT09101019\nFibroblast sheets for leg ulcers\nEnrollment: 40 (Actual)\n")[0].enrollment
        == 40
    )


def test_a_sentence_under_the_description_heading_is_the_description_not_a_title():
    text = (
        "Status: Completed\nNCT09101021\nDescription\n"
        "Women having radiotherapy apply a placental stem cell gel to the skin.\n"
    )
    record = generic_page.parse(text)[0]
    assert record.brief_title == ""
    assert record.detailed_description.startswith("Women having radiotherapy")
    # Under "Study Overview" a title ending with a full stop is still the title.
    title = "Autologous fat grafting for scars after burns in children and adults of all ages."
    assert generic_page.parse(f"Study Overview\n{title}\nNCT09101021\n")[0].brief_title == title


def test_a_finders_listing_its_counts_and_its_copyright_are_no_title_nor_places():
    text = "\n".join(
        [
            "Example Finder",
            "Trials in United States · Trials in Canada · Trials in United Kingdom",
            "Now enrolling: 1,240 studies",
            "Over 25,000 patients have joined a trial through Example Finder",
            "Stem cell therapy for chronic diabetic foot ulcers",
            "NCT09101022",
            "© 2025 Example Finder LLC, Austin, Texas, USA",
            "",
        ]
    )
    record = generic_page.parse(text)[0]
    assert record.brief_title == "Stem cell therapy for chronic diabetic foot ulcers"
    assert record.sites == ()
    # A title may count trials: only a listing's count ends its line so.
    pooled = "A pooled analysis of 3 trials of fat grafting for scars"
    assert generic_page.parse(f"{pooled}\nNCT09101022\n")[0].brief_title == pooled


def test_a_line_almost_a_list_of_facets_reads_at_once():
    """A hostile line the facets' pattern must not backtrack on (one pattern repeating the items
    took seconds at 14 items and minutes at 18)."""
    facets_almost = "Recruiting (1) " * 5000 + "(("
    record = generic_page.parse(f"NCT09101023\nFibroblast sheets for leg ulcers\n{facets_almost}\n")[0]
    assert record.identifiers[0].value == "NCT09101023" and record.phases == ()


@pytest.mark.parametrize("heading", ["Study at a glance", "Trial in brief", "Key facts"])
def test_a_boxs_heading_over_the_facts_is_no_title(heading):
    text = f"{heading}\nWho is it for? Adults with atopic dermatitis\nTrial ID: NCT09101020\n"
    assert generic_page.parse(text)[0].brief_title == ""


@pytest.mark.parametrize("separator", ["   ", " | ", "\t"])
def test_a_row_of_labels_over_a_row_of_values_pairs_them_column_by_column(separator):
    labels, values = (
        separator.join(["Conditions", "Phase", "Status"]),
        separator.join(["Melasma", "Phase 2", "Recruiting"]),
    )
    record = generic_page.parse(f"NCT09101018\nExosomes for melasma\n{labels}\n{values}\n")[0]
    assert (record.conditions_raw, record.phases, record.status) == (("Melasma",), ("PHASE2",), "RECRUITING")


def test_a_longer_label_of_no_field_is_not_read_as_a_shorter_ones_value():
    text = "Stem cells for burns\nACTRN12699999999998\nPrimary sponsor type Hospital\nRecruitment status Recruiting\n"
    record = generic_page.parse(text)[0]
    assert (record.organizations, record.status) == ((), "RECRUITING")  # never "type Hospital"


def test_validators_never_take_the_next_label_for_a_value():
    text = "NCT ID: NCT09100994\nBrief Title: Stem cells for burns in a phase 1 study\nOverall Status\nPhase\nPhase 1\n"
    record = generic_page.parse(text)[0]
    assert (record.status, record.phases) == ("", ("PHASE1",))


@pytest.mark.parametrize(
    "name, value, kept",
    [
        ("status", "Recruiting Recruiting", "Recruiting"),
        ("status", "Phase 2", ""),
        ("enrollment", "Estimated: 40 participants", "Estimated: 40 participants"),
        ("enrollment", "Recruiting", ""),
        ("start", "Enrollment", ""),
        ("phase", "Phase II Randomized Study of Cultured Skin Substitutes in Patients", ""),  # a title, not a phase
        ("id", "NCT09100995 (ClinicalTrials.gov)", "NCT09100995"),
        ("sponsor", "This study is sponsored by a company. It pays for the cells.", ""),
    ],
)
def test_field_validators(name, value, kept):
    assert clean(name, value) == kept


def test_labels_of_finder_pages_and_the_eu_register():
    text = (
        "Stem cells for scars\nTrial ID: NCT09101014\nRecruitment: Recruiting\nEnrolling: 20 participants\n"
        "Investigational product: Adipose-derived regenerative cells\nMember state concerned: France\n"
    )
    record = generic_page.parse(text)[0]
    assert (record.status, record.enrollment) == ("RECRUITING", 20)
    assert [i.name for i in record.interventions] == ["Adipose-derived regenerative cells"]
    assert [site.country for site in record.sites] == ["France"]
    # "Enrolling: Yes" says no count.
    assert generic_page.parse(text.replace("20 participants", "Yes"))[0].enrollment is None


def test_a_finders_where_size_and_quarter_dates():
    text = (
        "Exosome gel for diabetic foot ulcers\nNCT ID: NCT09101018\nSize: 40 people\n"
        "Where: Bangkok, Thailand; Chiang Mai, Thailand\nStart: Q3 2023\nWound size: 2 to 10 cm2\n"
    )
    record = generic_page.parse(text)[0]
    assert (record.enrollment, [site.country for site in record.sites]) == (40, ["Thailand"])
    assert (record.start_date.iso(), record.start_date.precision) == ("2023", "year")  # a quarter names no month
    dates = generic_page.parse("Hair loss\nNCT09101019\nKey dates: started 12 January 2022, finishes 30 June 2024\n")
    assert dates[0].start_date.iso() == "2022-01-12"


def test_counts_and_doubled_values():
    assert (count("40名"), count("n = 1,200"), count("about 30 patients"), count("Phase 2")) == (40, 1200, 30, None)
    # The total stated beside a group's size, or after its word.
    assert (count("20 per group, 40 total"), count("Total: 40"), count("a total of 1,200 patients")) == (40, 40, 1200)
    # A count in words and digits (a contract's style), only when the two agree.
    assert (count("Forty (40)"), count("Twenty-four (24) participants"), count("forty (41)")) == (40, 24, None)
    # A date's numbers are no count, a count beside a date still is.
    assert (count("15/01/2025"), count("2025-01-15"), count("EEA: 15/01/2025")) == (None, None, None)
    assert count("40 participants (as of 01/02/2024)") == 40
    # A number of other things, or a share of the places, is no size.
    assert (count("2 groups"), count("3 sites"), count("12 months"), count("1 of 40 spots left")) == (None,) * 4
    assert (count("24 (3 sites)"), count("2 groups of 15 patients")) == (24, 30)
    assert undouble("Phase 2Phase 2") == "Phase 2"


def test_sections_of_labels_over_values():
    text = (
        "A study of stem cells for psoriasis\n\nIdentifiers\n\nNCT09100996\nSPONSOR-CODE-7\n\nFunder types\n\nOther\n\n"
        "Conditions\n\nPsoriasis\n\nTreatments\n\nBiological: Mesenchymal Stem Cells\n\nAges\n\n18 to 65 years old\n\n"
        "Volunteers\n\nNo Healthy Volunteers\n\nPrimary purpose\n\nTreatment\n\nAllocation\n\nN/A\n"
    )
    record = generic_page.parse(text)[0]
    assert [i.value for i in record.identifiers] == ["NCT09100996", "SPONSOR-CODE-7"]
    assert record.organizations == ()  # "Funder types" is a label, never a sponsor named "types"
    assert record.conditions_raw == ("Psoriasis",) and record.interventions[0].name == "Mesenchymal Stem Cells"
    assert (record.min_age_years, record.max_age_years, record.healthy_volunteers) == (18.0, 65.0, False)
    assert (record.purpose, record.allocation) == ("TREATMENT", "NA")


def test_a_label_glued_to_the_text_before_it_and_a_phase_under_its_label():
    text = (
        "Vitiligo Clinical Trial\n— MSCsOfficial title:\n"
        "Autologous melanocyte transplantation for stable vitiligo\nPhase\n- Phase 2\n- Phase 1\nNCT ID: NCT09100997\n"
    )
    record = generic_page.parse(text)[0]
    # The finder site's heading gives way to the official title the glued label introduced.
    assert record.title == "Autologous melanocyte transplantation for stable vitiligo"
    assert record.phases == ("PHASE1", "PHASE2")


def test_help_text_under_labels_values_in_the_api_words_and_a_related_block_in_the_middle():
    text = (
        "Autologous fibroblasts for acne scars\nNCT ID: NCT09100998\nBasic Information\n"
        "Get a concise snapshot of the trial and its milestones.\nRECRUITING\nPHASE1/PHASE2\n40 participants\n"
        "Related Clinical Trials\nAnother trial of cells for scars\nNCT09100999\nCOMPLETED\n"
        "Detailed Description\nFibroblasts grown from a skin biopsy are injected into atrophic acne scars.\n"
        "Study Design\nUnderstand how the trial is structured, including its masking.\nRANDOMIZED\nPARALLEL\n"
        "Sponsors\nMeet the organizations funding the study.\nExample Skin Institute\n"
    )
    record = generic_page.parse(text)[0]
    assert (record.status, record.phases, record.enrollment) == ("RECRUITING", ("PHASE1", "PHASE2"), 40)
    assert (record.allocation, record.intervention_model) == ("RANDOMIZED", "PARALLEL")
    assert record.organizations[0].name == "Example Skin Institute"
    assert record.detailed_description.startswith("Fibroblasts grown")  # read again after the related block
    assert [i.value for i in record.identifiers] == ["NCT09100998"]  # never the related trial's


def test_other_ids_listed_under_their_label_are_all_read():
    text = "NCT ID: NCT09100001\nSecondary IDs\nABC-1\n2019-000123-45\nTitle: Stem cells for acne scars trial\n"
    ids = [(i.registry, i.value, i.kind) for i in generic_page.parse(text)[0].identifiers]
    assert ids == [
        ("NCT", "NCT09100001", "primary"),
        ("ORG", "ABC-1", "sponsor"),
        ("EUDRACT", "2019-000123-45", "secondary"),
    ]


def test_a_news_item_names_its_trial_once_in_its_prose():
    text = (
        "Clinic opens a trial of stem cells for leg ulcers\n\n"
        "The clinic said on Monday that the trial (NCT09101001), which opened in March with wider criteria, is a "
        "phase 1 trial to study the safety of adipose-derived stem cells for non-healing leg ulcers.\n"
    )
    record = generic_page.parse(text)[0]
    assert [i.value for i in record.identifiers] == ["NCT09101001"]
    assert record.phases == ("PHASE1",)  # "the trial ... is a phase 1 trial": the page's own phase
    # Named as another trial's, the one id is not the page's own: a draft.
    other = text.replace("the trial (NCT09101001)", "the trial, which follows the design of NCT09101001,")
    with pytest.raises(MissingIdentifierError):
        generic_page.parse(other)


def test_prose_wrapped_at_a_fixed_width_is_joined_back():
    text = (
        "NCT ID: NCT09101002\nBrief Title: Cultured skin for burns\nPROTOCOL OUTLINE: Two wound sites are chosen on each\n"
        "patient. Cultured skin substitute is applied 21 days after a thin split thickness\n"
        "autograft is harvested to prepare it.\n- Thermal burns\n"
    )
    lines = [line.text for line in page_lines(text)]
    assert "cultured skin substitute is applied 21 days after a thin split thickness autograft is harvested" in (
        " ".join(lines).lower()
    )
    assert lines[-1] == "Thermal burns"  # a bullet is never a wrapped line's end


def test_a_title_in_chinese_or_japanese_has_no_spaces_to_count():
    text = "臨床研究システム\n\n自己脂肪幹細胞を用いた難治性皮膚潰瘍の治療研究\n研究の目的を説明する長い段落です。\njRCTb091234567\n"
    record = generic_page.parse(text)[0]
    assert (
        record.brief_title == "自己脂肪幹細胞を用いた難治性皮膚潰瘍の治療研究"
    )  # the short site name above is no title


def test_not_applicable_in_the_phase_column_of_a_condition_table():
    text = (
        "Exosomes for wound healing\nNCT ID: NCT09101003\nCondition or disease Intervention/treatment Phase\n"
        "- Procedure: Adipose tissue derived exosomes\nN/A\n"
    )
    record = generic_page.parse(text)[0]
    assert record.phases == ("NA",) and record.interventions[0].name == "Adipose tissue derived exosomes"


@pytest.mark.parametrize(
    "line, field, expected",
    [
        ("Status — Recruiting", "status", "RECRUITING"),
        ("Phase - Phase 2", "phases", ("PHASE2",)),
        ("Phase = Phase 2", "phases", ("PHASE2",)),
        ("Enrollment → 36", "enrollment", 36),
        ("Recruitment status?\nRecruiting", "status", "RECRUITING"),
        ("Enrollment (estimated): 36", "enrollment", 36),
        ("Sponsor [lead]: Example Skin Institute", "organizations", "Example Skin Institute"),
        ("Conditions Venous Ulcer", "conditions_raw", ("Venous Ulcer",)),
        ("Countries Belgium; Germany", "sites", ["Belgium", "Germany"]),
    ],
)
def test_label_and_value_with_a_dash_an_arrow_a_qualifier_a_question_or_no_separator(line, field, expected):
    record = generic_page.parse(f"NCT ID: NCT09101005\n{line}\n")[0]
    got = getattr(record, field)
    if field == "organizations":
        got = got[0].name
    if field == "sites":
        got = [site.country for site in got]
    assert got == expected


def test_a_word_after_a_one_word_label_that_goes_on_as_a_sentence_is_no_value():
    record = generic_page.parse("NCT ID: NCT09101006\nConditions were met by all twelve patients who were enrolled\n")[
        0
    ]
    assert record.conditions_raw == ()


def test_a_page_of_cards_prints_values_above_their_labels():
    text = (
        "Stem cells for chronic wounds\nNCT09101007\nRegistry ID\nRecruiting\nStatus\nPhase 2\nPhase\n"
        "40\nEnrollment\nMarch 2024\nStart date\n"
    )
    record = generic_page.parse(text)[0]
    assert (record.status, record.phases, record.enrollment) == ("RECRUITING", ("PHASE2",), 40)
    assert record.start_date.iso() == "2024-03"
    # Labels over values stay as they are.
    labels_first = (
        "Stem cells for chronic wounds\nNCT ID\nNCT09101007\nStatus\nRecruiting\nPhase\nPhase 2\nEnrollment\n40\n"
    )
    record = generic_page.parse(labels_first)[0]
    assert (record.status, record.phases, record.enrollment) == ("RECRUITING", ("PHASE2",), 40)


@pytest.mark.parametrize(
    "page",
    [
        # UMIN-CTR's record labels
        "Unique ID issued by UMIN\tUMIN000091001\nTitle of the study (Brief title)\tAdipose stem cells for skin ulcers\n"
        "Developmental phase\tPhase I\nRecruitment status\tPreinitiation\nTarget sample size\t12\n"
        "Name of primary sponsor\tExample University Hospital\n",
        # CRIS (Korea)
        "CRIS Registration Number: KCT0091001\nPublic/Brief Title: Adipose stem cells for skin ulcers\nPhase: Phase 1\n"
        "Overall Recruitment Status: Not yet recruiting\nTarget Number of Participant: 12\n"
        "Name of Primary Sponsor: Example University Hospital\n",
        # DRKS (Germany)
        "DRKS-ID: DRKS00091001\nTitle: Adipose stem cells for skin ulcers\nPhase: I\nRecruitment Status: Recruiting planned\n"
        "Number of Participants/target size: 12\nPrimary Sponsor: Example University Hospital\n",
    ],
    ids=["umin", "cris", "drks"],
)
def test_the_labels_of_registries_we_have_no_sample_of(page):
    record = generic_page.parse(page)[0]
    assert record.brief_title == "Adipose stem cells for skin ulcers"
    assert (record.phases, record.status, record.enrollment) == (("PHASE1",), "NOT_YET_RECRUITING", 12)
    assert [o.name for o in record.organizations] == ["Example University Hospital"]


def test_status_and_sponsor_said_in_the_pages_own_prose():
    text = (
        "Stem cells for leg ulcers\nNCT ID: NCT09101008\n"
        "The new trial is now recruiting adults with ulcers that have not healed in three months.\n"
        "The study is sponsored by Example Regenerative Institute and run at two hospitals.\n"
    )
    record = generic_page.parse(text)[0]
    assert record.status == "RECRUITING"
    assert [o.name for o in record.organizations] == ["Example Regenerative Institute"]
    # Another trial's status, or a funder, is not the page's trial's.
    other = text.replace("The new trial is now", "The previous trial is now").replace("sponsored", "funded")
    record = generic_page.parse(other)[0]
    assert (record.status, record.organizations) == ("", ())


@pytest.mark.parametrize(
    "tags",
    ["Keloid | Stem cell conditioned medium", "Keloid · Stem cell conditioned medium", "Dermatology | Keloid"],
)
def test_a_row_of_tags_above_the_title_is_no_title(tags):
    page = (
        f"Find a trial near you\n{tags}\n"
        "Conditioned medium from Wharton's jelly MSCs after keloid excision\n"
        "Trial identifier: NCT09101012\nPhase 2 · Recruiting · 40 participants\n"
    )
    assert (
        generic_page.parse(page)[0].brief_title == "Conditioned medium from Wharton's jelly MSCs after keloid excision"
    )
    # A listing's row whose cell is the title (a long one) still gives it.
    row = "| Adipose-derived stem cells for diabetic foot ulcers in adults | NCT09101012 | Recruiting |\n"
    assert generic_page.parse(row)[0].brief_title == "Adipose-derived stem cells for diabetic foot ulcers in adults"
    # A short title in a row, with nothing else above the fields: still the title.
    assert generic_page.parse("Stem cells for vitiligo | NCT09101012 | Recruiting\n")[0].brief_title == (
        "Stem cells for vitiligo"
    )


@pytest.mark.parametrize(
    ("said", "status"),
    [
        ("This first-in-human study is open to enrollment.", "RECRUITING"),
        ("The trial is now open for recruitment at two sites.", "RECRUITING"),
        ("Enrollment in this Phase II study is complete.", "ACTIVE_NOT_RECRUITING"),  # not the study complete
        ("Recruitment for the trial has been closed.", "ACTIVE_NOT_RECRUITING"),
        ("Closed to accrual. A total of 60 subjects were enrolled.", "ACTIVE_NOT_RECRUITING"),
        ("This Phase II study is complete.", "COMPLETED"),
        ("The first trial is open to enrollment.", ""),  # another trial
    ],
)
def test_the_trials_status_said_in_other_words(said, status):
    assert generic_page.parse(f"Exosomes for photoaging\nNCT ID: NCT09101015\n{said}\n")[0].status == status


@pytest.mark.parametrize("separator", [", ", "; ", " / ", " and "])
def test_one_line_listing_the_trials_ids_gives_each(separator):
    page = f"Stem cell therapy for scleroderma skin\nIdentifiers: NCT09101017{separator}2021-004567-89\n"
    ids = [(i.registry, i.value, i.kind) for i in generic_page.parse(page)[0].identifiers]
    assert ids == [("NCT", "NCT09101017", "primary"), ("EUDRACT", "2021-004567-89", "secondary")]


def test_a_three_word_title_that_names_the_trials_matter():
    page = "Exosomes for photoaging\nNCT09101016\nClosed to accrual.\n"
    assert generic_page.parse(page)[0].brief_title == "Exosomes for photoaging"
    # Three words of a site's own are no title.
    assert generic_page.parse("Find a trial\nNCT09101016\nClosed to accrual.\n")[0].brief_title == ""


@pytest.mark.parametrize(
    ("said", "start", "kind"),
    [
        ("The study started in March 2022 and is expected to finish in 2025.", "2022-03", "ACTUAL"),
        ("This phase 2 trial began on 4 May 2021.", "2021-05-04", "ACTUAL"),
        ("The trial is expected to start in June 2027.", "2027-06", "ESTIMATED"),
        ("Recruiting | Phase 3 | 120 participants | Started Jan 2024", "2024-01", "ACTUAL"),
        ("Not yet recruiting | 30 participants | Starts Jan 2026", "2026-01", "ESTIMATED"),
        # Not the trial's start: a company's founding, a patient's treatment, another trial.
        ("The company started in 2010 with two researchers.", None, ""),
        ("Patients who started treatment in 2019 may join.", None, ""),
        ("A previous trial started in 2015.", None, ""),
        # Two starts said: none taken.
        ("The study started in March 2022. The trial began in May 2023.", None, ""),
    ],
)
def test_the_trials_start_said_in_words(said, start, kind):
    record = generic_page.parse(f"Stem cells for burns\nNCT ID: NCT09101011\n{said}\n")[0]
    assert (record.start_date.iso() if record.start_date else None, record.start_date_type) == (start, kind)
    # A labelled start wins over one said in words.
    labelled = generic_page.parse(f"Stem cells for burns\nNCT ID: NCT09101011\nStart date: 2020-01-15\n{said}\n")[0]
    assert labelled.start_date.iso() == "2020-01-15"


@pytest.mark.parametrize(
    ("sentence", "status", "sponsor"),
    [
        # The status after the sponsor, in the same sentence about the trial.
        (
            "This Phase 2 study is sponsored by Example Medical University and is currently recruiting.",
            "RECRUITING",
            "Example Medical University",
        ),
        # The sponsor right after the trial and its id, without "is".
        (
            "This is a phase 1/2 trial (NCT09101010) sponsored by Example University Hospital.",
            "",
            "Example University Hospital",
        ),
        ("The trial sponsored by Example Biotech Inc. has been completed.", "COMPLETED", "Example Biotech Inc"),
        # Another trial's, or a sentence that ends before the status: not the page's trial's.
        ("A previous trial sponsored by Example Biotech Inc. is recruiting.", "", ""),
        (
            "This study is sponsored by Example Medical University. Another is currently recruiting.",
            "",
            "Example Medical University",
        ),
    ],
)
def test_status_and_sponsor_in_one_sentence_about_the_trial(sentence, status, sponsor):
    record = generic_page.parse(f"Stem cells for psoriasis\nNCT ID: NCT09101010\n{sentence}\n")[0]
    assert record.status == status
    assert [o.name for o in record.organizations] == ([sponsor] if sponsor else [])


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        # A news item's lede: "a" trial, what it tests, then its status.
        (
            "A Phase 1/2 clinical trial testing skin grafts grown from a patient's own stem cells is now enrolling"
            " patients with epidermolysis bullosa.",
            "RECRUITING",
        ),
        ("The trial of exosomes in adults with acne scars is currently recruiting.", "RECRUITING"),
        # Another trial's: not the page's.
        ("A similar trial of exosomes for acne scars is now recruiting in Seoul.", ""),
        ("Another study testing adipose cells is now enrolling.", ""),
    ],
)
def test_the_trials_status_said_after_what_it_tests(sentence, status):
    record = generic_page.parse(f"Stem cells for skin\nNCT ID: NCT09101015\n{sentence}\n")[0]
    assert record.status == status


@pytest.mark.parametrize(
    ("sentence", "sponsor"),
    [
        (
            "Example Regenerative Institute is the sponsor of this trial. It runs at 4 sites.",
            "Example Regenerative Institute",
        ),
        (
            "The lead sponsor of this study is the University of Example, which makes the cells.",
            "University of Example",
        ),
        ("Example Biotech is the sponsor of the previous trial.", ""),  # another trial's
        # A press release's company announcing its own trial, after the dateline.
        (
            "BOSTON, May 2, 2025 -- Example Bio, Inc., a clinical-stage company developing cell therapies,"
            " today announced that the first patient has been dosed in its Phase 2 trial.",
            "Example Bio, Inc",
        ),
        (
            "Example Cell Therapeutics (NASDAQ: EXCT) reported results of its phase 1 study.",
            "Example Cell Therapeutics",
        ),
        ("The Company today announced that its trial is enrolling.", ""),  # no name
        ("Example Bio announced a partnership with Other Pharma for a trial.", ""),  # not its trial
    ],
)
def test_the_sponsor_said_as_the_trials_sponsor(sentence, sponsor):
    record = generic_page.parse(f"Stem cells for atopic dermatitis\nNCT ID: NCT09101016\n{sentence}\n")[0]
    assert [o.name for o in record.organizations] == ([sponsor] if sponsor else [])


@pytest.mark.parametrize(
    ("sentence", "countries"),
    [
        ("The trial is taking place at 4 locations in South Korea.", ["South Korea"]),
        ("This study is being conducted in France and Germany, with results expected in 2027.", ["France", "Germany"]),
        ("The trial is recruiting in Seoul and Busan.", []),  # cities: no country said
        ("The previous trial was conducted in Japan.", []),  # another trial's
        (
            "The randomized, placebo-controlled study will enroll approximately 40 patients at sites in the United"
            " States and Canada.",
            ["United States", "Canada"],
        ),
        ("The trial will enroll 60 adults in Seoul.", []),
        ("This trial has sites in Italy and Spain.", ["Italy", "Spain"]),
        ("The study has 3 centres in Poland.", ["Poland"]),
    ],
)
def test_the_countries_the_trial_is_said_to_run_in(sentence, countries):
    record = generic_page.parse(f"Stem cells for atopic dermatitis\nNCT ID: NCT09101017\n{sentence}\n")[0]
    assert [site.country for site in record.sites] == countries
    # A labelled country wins.
    labelled = generic_page.parse(f"Stem cells\nNCT ID: NCT09101017\nCountries: Spain\n{sentence}\n")[0]
    assert [site.country for site in labelled.sites] == ["Spain"]


@pytest.mark.parametrize(
    ("sentence", "sponsor"),
    [
        (
            "This study is sponsored by Example Public Hospitals - Hôpitaux de Lyon.",
            "Example Public Hospitals - Hôpitaux de Lyon",
        ),
        (
            "The trial is sponsored by Hospital Universitario 12 de Octubre and funded by a charity.",
            "Hospital Universitario 12 de Octubre",
        ),
        ("It is sponsored by the University of Example in 2024.", "University of Example"),
    ],
)
def test_a_sponsor_named_in_a_sentence_keeps_its_whole_name(sentence, sponsor):
    record = generic_page.parse(f"Fat grafting for scleroderma hands\nNCT ID: NCT09101009\n{sentence}\n")[0]
    assert [o.name for o in record.organizations] == [sponsor]


@pytest.mark.parametrize("separator", [" • ", "; ", " / ", ", ", " | "])
def test_a_summary_bar_of_several_labelled_values_on_one_line(separator):
    bar = separator.join(["Status: Recruiting", "Phase: Phase 1/Phase 2", "Enrollment: 40", "Start date: March 2024"])
    text = f"Title: Stem cells for Epidermolysis Bullosa Disease: a phase I/II study\nNCT ID: NCT09101009\n{bar}\n"
    record = generic_page.parse(text)[0]
    assert (record.status, record.phases, record.enrollment) == ("RECRUITING", ("PHASE1", "PHASE2"), 40)
    assert record.start_date.iso() == "2024-03"
    # "Disease:" inside the title, after a plain space, is no label.
    assert record.brief_title == "Stem cells for Epidermolysis Bullosa Disease: a phase I/II study"


def test_a_status_badge_further_down_is_the_pages_only_status():
    filler = "A paragraph of the study's own description, long enough to be prose and not a value. " * 4
    lines = ["Stem cells for burns", "NCT ID: NCT09101010", *[filler] * 3, "Recruiting", "Sites: 2"]
    assert generic_page.parse("\n".join(lines) + "\n")[0].status == "RECRUITING"
    # Two different statuses standing alone: the page does not say which is the trial's.
    two = [*lines, "Completed"]
    assert generic_page.parse("\n".join(two) + "\n")[0].status == ""


def test_an_aim_where_a_title_would_be_is_the_summary():
    text = (
        "Evaluate the efficacy of exosomes from induced pluripotent stem cells for stable vitiligo\n"
        "Enrollment 29\nCountries China\n"
    )
    record = generic_page.read_page(text)
    assert record.brief_title == ""
    assert record.brief_summary.startswith("Evaluate the efficacy of exosomes")
    titled = generic_page.parse("Evaluation of exosomes for stable vitiligo\nNCT ID: NCT09101011\n")[0]
    assert titled.brief_title == "Evaluation of exosomes for stable vitiligo"  # a noun, not an aim


def test_an_italian_page_of_the_swiss_or_eu_portals():
    text = (
        "Titolo: Cellule staminali mesenchimali per la vitiligine stabile\nNCT ID: NCT09101012\n"
        "Stato del reclutamento: Reclutamento in corso\nFase: Fase II\nNumero di partecipanti: 24\n"
        "Promotore: Ospedale Universitario di Esempio\nData di inizio: 3 marzo 2024\nPaesi: Svizzera; Italia\n"
    )
    record = generic_page.parse(text)[0]
    assert record.brief_title == "Cellule staminali mesenchimali per la vitiligine stabile"
    assert (record.status, record.phases, record.enrollment) == ("RECRUITING", ("PHASE2",), 24)
    assert [o.name for o in record.organizations] == ["Ospedale Universitario di Esempio"]
    assert record.start_date.iso() == "2024-03-03"
    assert [site.country for site in record.sites] == ["Switzerland", "Italy"]


def test_section_headings_end_a_list_coded_conditions_and_the_actual_start():
    # DRKS's shape: conditions coded "ICD10: code - name" and "Free text: ...", section headings
    # between the fields, a planned start date and then the actual one.
    page = (
        "DRKS-ID: DRKS00091002\nTitle: Adipose stem cells for venous leg ulcers\n"
        "Health condition or problem studied\nICD10: I83.0 - Varicose veins of lower extremities with ulcer\n"
        "Free text: chronic venous leg ulcer\nInterventions, Observational Groups\nArm 1: cells\nCharacteristics\n"
        "Phase: II\nPlanned study start date: 2021-04-01\nActual study start date: 2021-05-10\n"
    )
    record = generic_page.parse(page)[0]
    assert record.conditions_raw == ("Varicose veins of lower extremities with ulcer", "chronic venous leg ulcer")
    assert record.start_date.iso() == "2021-05-10"
    # The other order: the actual date first is kept.
    record = generic_page.parse(page.replace("Planned", "Xp").replace("Actual", "Planned").replace("Xp", "Actual"))[0]
    assert record.start_date.iso() == "2021-04-01"


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        # a condition page's prose under its heading, the trial only mentioned below: no title
        (
            "Treatment options include creams, light therapy and, for stable patches, surgery with the "
            "patient's own melanocytes.",
            "",
        ),
        # a long title ending with a full stop, its "results" a noun, stays a title
        (
            "Long-term results of autologous cultured melanocytes for stable vitiligo in adults over five years.",
            "Long-term results of autologous cultured melanocytes for stable vitiligo in adults over five years.",
        ),
        # a long title ending with a full stop, its verb a relative clause's, stays a title
        (
            "Autologous Cultured Melanocytes for Adults With Stable Vitiligo Who Have Failed Phototherapy Twice.",
            "Autologous Cultured Melanocytes for Adults With Stable Vitiligo Who Have Failed Phototherapy Twice.",
        ),
    ],
)
def test_a_sentence_stating_a_fact_is_no_title(sentence, title):
    page = f"Vitiligo\nTreatment\n{sentence}\nClinical trials\nA trial of melanocytes (NCT09100996) is open.\n"
    assert generic_page.parse(page)[0].brief_title == title


def test_a_plain_words_headline_gives_way_to_the_registrys_title_case_title():
    # A finder site's headline in sentence case over the registry's title in title case (two sentences).
    page = (
        "Testing stem cells to heal burn wounds in adults\n"
        "Allogeneic Mesenchymal Stromal Cells for Deep Partial Thickness Burns. A Phase I Pilot Study.\n"
        "Phase: Phase 1\nTrial ID: NCT09100995\n"
    )
    record = generic_page.parse(page)[0]
    assert (
        record.brief_title
        == "Allogeneic Mesenchymal Stromal Cells for Deep Partial Thickness Burns. A Phase I Pilot Study."
    )
    # A headline in title case is the registry's title itself: the first line stays the title.
    page = page.replace("Testing stem cells to heal burn wounds in adults", "Stem Cells for Burn Wounds in Adults")
    assert generic_page.parse(page)[0].brief_title == "Stem Cells for Burn Wounds in Adults"


def test_a_news_item_gives_its_trials_phase_sponsor_and_status_in_prose():
    page = (
        "Skin cell spray heals burns faster, early trial finds\n"
        "A small phase 2 trial (NCT09100996) of a spray of the patient's own skin cells helped burns close two "
        "weeks sooner than grafts, researchers reported on Monday in a journal of burn care and wound healing.\n"
        "The study, sponsored by Example Medical Inc., enrolled 30 adults at burn centres across the country.\n"
        "The trial is now complete, and a larger phase 3 trial of the spray in children with burns is planned.\n"
    )
    record = generic_page.parse(page)[0]
    assert record.phases == ("PHASE2",)  # the article's trial; the planned larger one is another
    assert [o.name for o in record.organizations] == ["Example Medical Inc"]
    assert record.status == "COMPLETED"
    # Two phases said of the page's own trials: none is taken.
    two = page.replace("a larger phase 3 trial", "a phase 3 study")
    assert generic_page.parse(two)[0].phases == ()


def test_a_press_release_names_its_companys_trial_with_its_phase():
    page = (
        "First patient dosed in a trial of skin-derived stem cells for epidermolysis bullosa\n"
        "EXAMPLETOWN, May 2, 2024 -- Example Therapeutics, Inc. today announced that the first patient has been "
        "dosed in its Phase 1/2 clinical trial (NCT09100981) of allogeneic mesenchymal stem cells in recessive "
        "dystrophic epidermolysis bullosa.\n"
    )
    assert generic_page.parse(page)[0].phases == ("PHASE1", "PHASE2")
    # The company's earlier trial is not this one.
    earlier = page.replace(
        "dosed in its Phase 1/2 clinical trial (NCT09100981)", "dosed (NCT09100981), after its earlier Phase 1 trial,"
    )
    assert generic_page.parse(earlier)[0].phases == ()


def test_a_finders_plain_intervention_list_and_a_count_of_total_participants():
    page = (
        "NCT ID: NCT09100997\nStem Cell Therapy for Hair Loss\nRecruiting\nInterventions\n"
        "Autologous adipose-derived stem cells\nFind a Location\nTrial Design\n1 Treatment Group\n35 Total Participants\n"
    )
    record = generic_page.parse(page)[0]
    assert [item.name for item in record.interventions] == ["Autologous adipose-derived stem cells"]
    assert record.enrollment == 35


def test_a_portal_record_names_its_own_id_and_the_primary_registrys():
    # The Swiss portal's shape: its own number on top, the primary registration below its label,
    # labels whose last word a one-word value would otherwise be taken from.
    page = (
        "SNCTP000009101\nAutologous skin grafts grown in the laboratory for burns in children\n"
        "Disease category\nSkin diseases\nHealth condition studied\nBurns\nStudy phase\nPhase II\n"
        "Registration in other registries\nClinicalTrials.gov NCT09100998\nContact\n"
    )
    record = generic_page.parse(page)[0]
    assert {identifier.value for identifier in record.identifiers} == {"SNCTP000009101", "NCT09100998"}
    assert record.conditions_raw == ("Burns",)
    assert record.phases == ("PHASE2",)


def test_a_page_naming_the_trial_only_by_its_registrations_is_known_by_them():
    # No id of its own, but the trial's registrations elsewhere: its first registry id its primary,
    # the others kept (the catalog finds the trial by any of them), a sponsor's code last.
    page = (
        "Trial summary\nAutologous fibroblasts for nasolabial folds\nOther study ID: FIB-NLF-02\n"
        "Also registered as: ISRCTN11223344; EudraCT 2022-000111-22\n"
        "Primary registry: ClinicalTrials.gov NCT09151515\nStatus: Completed\n"
    )
    identifiers = generic_page.parse(page)[0].identifiers
    assert [(i.value, i.kind) for i in identifiers][:1] == [("ISRCTN11223344", "primary")]
    assert {i.value for i in identifiers} == {"ISRCTN11223344", "2022-000111-22", "NCT09151515", "FIB-NLF-02"}
    assert [i.kind for i in identifiers].count("primary") == 1
    # A page naming no registration at all is still a draft's.
    with pytest.raises(MissingIdentifierError):
        generic_page.parse(page.replace("Also registered as", "Notes").replace("Primary registry", "Site"))


def test_a_portuguese_registry_record_and_a_country_in_two_pieces():
    # ReBEC's shape: Portuguese labels over their values.
    page = (
        "RBR-9xk2m9p\nTítulo científico:\nUso de células-tronco mesenquimais do tecido adiposo em úlceras venosas\n"
        "Título público:\nCélulas-tronco para feridas da perna\nCondições de saúde:\nÚlcera varicosa\nFase:\n2\n"
        "Situação de recrutamento:\nRecrutando\nPaís de recrutamento:\nBrasil\n"
        "Data prevista do primeiro recrutamento:\n2023-03-01\nTamanho da amostra alvo:\n40\n"
    )
    record = generic_page.parse(page)[0]
    assert (record.phases, record.status, record.enrollment) == (("PHASE2",), "RECRUITING", 40)
    assert [site.country for site in record.sites] == ["Brazil"] and record.start_date.iso() == "2023-03-01"
    korean = generic_page.parse("CRIS Registration Number KCT0091002\nCountry Korea, Republic of\n")[0]
    assert [site.country for site in korean.sites] == ["South Korea"]


def test_a_table_under_a_row_of_column_names_pairs_each_cell_with_its_column():
    # PACTR's shape: a section, a header row of column names (one of them a label), a row of cells.
    page = (
        "Trial no.: PACTR202301999999999\nPublic title: Stem cells for chronic leg ulcers\n"
        "Sub-Disease(s) or condition(s) being studied: Chronic leg ulcer\nSPONSORS\n"
        "Sponsor level | Name | Street address | City | Postal code | Country\n"
        "Primary Sponsor | University of Example | 1 Hospital Road | Lagos | 100254 | Nigeria\n"
        "RECRUITMENT CENTRES\nName of recruitment centre | City | Country\n"
        "Example Teaching Hospital | Accra | Ghana\nOther Teaching Hospital | Nairobi | Kenya\n"  # rows without a digit
    )
    record = generic_page.parse(page)[0]
    assert [o.name for o in record.organizations] == ["University of Example"]
    assert [site.country for site in record.sites] == ["Nigeria", "Ghana", "Kenya"]  # every row under the names
    # A sponsor's name under its label wins over a contact's "Name:" below it.
    contact = generic_page.parse("NCT ID: NCT09100001\nSponsor\nExample University\nName: Dr Example\n")[0]
    assert [o.name for o in contact.organizations] == ["Example University"]
    assert record.conditions_raw == ("Chronic leg ulcer",)
    # A row of statuses is no header: "Status | Recruiting | ..." stays label and value.
    lines = [line.text for line in page_lines("Status | Recruiting | Sponsor | Example University\n")]
    assert lines == ["Status: Recruiting", "Sponsor: Example University"]


def test_a_row_of_a_section_its_label_and_the_value_is_no_row_of_column_names():
    # UMIN's shape: a section's name spans its rows, each row "section | label | value"; no row of
    # three values is under it, so the row is read, not kept as column names for the rows below.
    page = (
        "Unique ID issued by UMIN | UMIN000099001 |\n"
        "Basic information | Public title | Cultured epidermis for stable vitiligo |\n"
        "Acronym | CE-VIT |\n"
        "Sponsor | Name of primary sponsor | Example University Hospital |\n"
        "Source of funding | Example Agency for Research |\n"
    )
    record = generic_page.parse(page)[0]
    assert record.brief_title == "Cultured epidermis for stable vitiligo"
    assert [o.name for o in record.organizations if o.role == "LEAD_SPONSOR"] == ["Example University Hospital"]
    # The last row of a table, with nothing below it, is read too.
    last = generic_page.parse("Trial ID | NCT09100001 |\nSponsor | Name of primary sponsor | Example Clinic |\n")[0]
    assert [o.name for o in last.organizations] == ["Example Clinic"]


@pytest.mark.parametrize(
    "top",
    [
        "Study Overview\nAdipose-derived stem cells for stable vitiligo\n",  # a section's name over the title
        "Adipose-derived stem cells for stable vitiligo - ClinicalTrials.eu\n",  # a saved page's <title>
        "Adipose-derived stem cells for stable vitiligo | Example Finder\n",
    ],
)
def test_the_title_under_a_section_name_or_before_the_sites_name(top):
    record = generic_page.parse(top + "Status: Recruiting\nNCT ID: NCT09100001\n")[0]
    assert record.brief_title == "Adipose-derived stem cells for stable vitiligo"


def test_a_sections_text_under_its_name_is_no_title():
    prose = "Psoriasis is a chronic immune-mediated disease of the skin.Umbilical cord cells have been " * 2
    record = generic_page.parse(f"Clinical Trial Description\n{prose.strip()}\nNCT ID: NCT09100001\n")[0]
    assert record.brief_title == ""


def test_phase_chips_one_a_line_are_the_trials_phases_together():
    record = generic_page.parse(
        "Stem cells for vitiligo in adults\nPhase 1\nPhase 2\nRecruiting\nNCT ID: NCT09100001\n"
    )[0]
    assert record.phases == ("PHASE1", "PHASE2")


@pytest.mark.parametrize("label", ["Name of sponsor", "Lead institution", "Promotor"])
def test_more_names_of_the_sponsors_label(label):
    record = generic_page.parse(f"NCT ID: NCT09100001\n{label}: Example University Hospital\n")[0]
    assert [o.name for o in record.organizations] == ["Example University Hospital"]


@pytest.mark.parametrize(
    "written, sponsor",
    [
        # DRKS's shape: the sponsor's postal address after its name.
        ("Example University Hospital, Example Str. 55, 79106 Freiburg, Germany", "Example University Hospital"),
        ("Example Hospital, Pond Street, London NW3 2QG, United Kingdom", "Example Hospital"),
        ("Example Klinik, Hauptstr. Nord, Berlin, Germany", "Example Klinik"),  # a street without its number
        ("Example Pharma Co., Ltd., 3F, 12 Example-ro, Seoul, Korea", "Example Pharma Co., Ltd."),
        # Not an address: a place in the name, an affiliated hospital's ordinal.
        ("University of Example, San Francisco", "University of Example, San Francisco"),
        (
            "Example University, 3rd Affiliated Hospital, Guangzhou, China",
            "Example University, 3rd Affiliated Hospital, Guangzhou, China",
        ),
    ],
)
def test_a_sponsors_postal_address_is_no_part_of_its_name(written, sponsor):
    record = generic_page.parse(f"DRKS-ID: DRKS00091001\nPrimary Sponsor: {written}\n")[0]
    assert [o.name for o in record.organizations] == [sponsor]


@pytest.mark.parametrize(
    "below",
    [
        "Sponsors / Funding sources\n1\nSponsor\n",  # the heading's rest
        "Funding & Sponsors\nFunding source category [1]\nGovernment body\n",  # a numbered row's label
    ],
)
def test_a_headings_rest_or_a_numbered_label_after_the_sponsors_label_is_no_sponsor(below):
    record = generic_page.parse(f"NCT ID: NCT09100001\n{below}")[0]
    assert record.organizations == ()


def test_a_finders_links_footer_and_source_line_give_the_trial_nothing():
    """A finder's page: links to trials of a phase, the company's own address under its masthead's
    name, and the record's source (an id) under a label a sponsor also goes by."""
    page = (
        "Trials4You\nUmbilical Cord Stem Cell Infusion for Plaque Psoriasis\nSummary\n"
        "This trial looks at whether infusions of mesenchymal stem cells from donated umbilical cords are safe.\n"
        "Popular searches\nPhase 3 psoriasis trials\nRecruiting trials in New York\n"
        "Trials4You Inc.\n200 Main Street, Austin, TX 78701, USA\nSource: NCT09100444 (ClinicalTrials.gov)\n"
    )
    record = generic_page.parse(page)[0]
    assert [identifier.value for identifier in record.identifiers] == ["NCT09100444"]
    assert (record.phases, record.organizations, record.sites) == ((), (), ())
    # A hospital's page under its own name: its address is the trial's site.
    hospital = page.replace("Trials4You", "Riverside Medical Center").replace(" Inc.", "")
    assert [site.country for site in generic_page.parse(hospital)[0].sites] == ["United States"]


def test_a_german_registry_pages_planned_size_and_recruitment_places():
    # DRKS in German: "Geplante/tatsächliche Fallzahl" (planned/actual), "Rekrutierungsorte".
    page = (
        "DRKS-ID der Studie: DRKS00091004\nGeplante/tatsächliche Fallzahl: 40 (geplant)\n"
        "Rekrutierungsorte: Deutschland Heidelberg; Österreich Wien\n"
    )
    record = generic_page.parse(page)[0]
    assert record.enrollment == 40
    assert [site.country for site in record.sites] == ["Germany", "Austria"]


def test_a_country_and_its_city_under_a_countries_label():
    page = "DRKS-ID: DRKS00091003\nRecruitment Locations:\nGermany  Tübingen\nUnited Kingdom London\nJordan University Hospital\n"
    record = generic_page.parse(page)[0]
    assert [site.country for site in record.sites] == ["Germany", "United Kingdom"]


@pytest.mark.parametrize(
    "lines, start, kinds",
    [
        (
            ["Study Start Date: May 1, 2023 (Actual)", "Study Completion: 2025-06 (Estimated)"],
            "2023-05-01",
            ("ACTUAL", "ESTIMATED"),
        ),
        (["Anticipated start date: 1 May 2023", "Completion date: 2025-06"], "2023-05-01", ("ESTIMATED", "")),
        (
            ["Actual study start date", "01-05-2023", "End date: Estimated: June 2025"],
            "2023-05-01",
            ("ACTUAL", "ESTIMATED"),
        ),
        (["Start date: May 1st, 2023"], "2023-05-01", ("", "")),  # nothing said: nothing marked
    ],
)
def test_a_date_is_marked_planned_or_actual_as_its_label_or_value_says(lines, start, kinds):
    text = "NCT Number: NCT09100990\nTitle: Autologous fibroblasts for atrophic acne scars\n" + "\n".join(lines) + "\n"
    record = generic_page.parse(text)[0]
    assert record.start_date.iso() == start
    assert (record.start_date_type, record.completion_date_type) == kinds


@pytest.mark.parametrize(
    "value, kind", [("~40", ""), ("40 (planned)", "ESTIMATED"), ("Actual: 40", "ACTUAL"), ("Around 40 patients", "")]
)
def test_a_count_with_its_qualifier(value, kind):
    record = generic_page.parse(f"NCT Number: NCT09100990\nEnrollment: {value}\n")[0]
    assert (record.enrollment, record.enrollment_type) == (40, kind)


def test_a_finders_question_answered_in_a_sentence_gives_its_count():
    text = (
        "Stem cell therapy for hair loss\nRecruiting\nPhase 1 & 2\n"
        "How many people are participating in this trial?\n"
        "The study is looking to enroll 40 patients at one site.\n"
    )
    record = generic_page.parse(text.replace("\n", "\nNCT Number: NCT09100990\n", 1))[0]
    assert (record.enrollment, record.phases, record.status) == (40, ("PHASE1", "PHASE2"), "RECRUITING")
    # Two counts in the answer: neither is the trial's.
    two = text.replace("40 patients at one site", "40 patients; 20 patients will receive cells")
    assert generic_page.parse(two.replace("\n", "\nNCT Number: NCT09100990\n", 1))[0].enrollment is None


def test_a_national_portals_record_open_status_recruitment_window_and_identifier_list():
    text = "\n".join(
        [
            "Adipose-derived regenerative cells for chronic venous leg ulcers",
            "Recruitment status: Open",
            "Phase: Phase 2",
            "Opens: 01/02/2024   Closes: 31/01/2026",
            "Sponsor: Example Teaching Hospitals Trust",
            "Identifiers",
            "IRAS ID 312345",
            "ISRCTN ISRCTN12345678",
            "",
        ]
    )
    record = generic_page.parse(text)[0]
    assert record.status == "RECRUITING"  # "Open" under a status label; alone on a page it may be a button
    assert record.start_date.iso() == "2024-02-01"  # the window opens: the study starts; its close is no end
    assert record.completion_date is None
    assert record.identifiers[0] == Identifier("ISRCTN", "ISRCTN12345678", "primary")
    assert generic_page.parse("NCT Number: NCT09100990\nOpen\nApply\n")[0].status == ""


@pytest.mark.parametrize(
    "line",
    [
        "Sponsor: Example University (Lead), Example Biotech (Collaborator)",
        "Sponsors and Collaborators: Example University; Example Biotech",
        "Sponsor: Lead sponsor: Example University",
        "Sponsor: Example University (OTHER)",
    ],
)
def test_the_lead_among_a_sponsors_collaborators(line):
    record = generic_page.parse(f"NCT Number: NCT09100990\n{line}\nStatus: Recruiting\n")[0]
    assert [organization.name for organization in record.organizations] == ["Example University"]


@pytest.mark.parametrize(
    "top",
    [
        "Home / Trials / Autologous Fibroblasts for Atrophic Acne Scars\nAutologous Fibroblasts for Atrophic Acne Scars",
        "Clinical Trial: Autologous Fibroblasts for Atrophic Acne Scars",
        "Study: Autologous Fibroblasts for Atrophic Acne Scars",
        "Trial details: Autologous Fibroblasts for Atrophic Acne Scars",
        "Autologous Fibroblasts for Atrophic Acne Scars – Clinical Trial – ExampleFinder",
        "Autologous Fibroblasts for Atrophic Acne Scars — Study Details — Example Hospital",
        "Autologous Fibroblasts for Atrophic Acne Scars :: Example Research Portal",
        "Autologous Fibroblasts for Atrophic Acne Scars - Full Text View",
        "Autologous Fibroblasts for Atrophic Acne Scars - Tabular View - ExampleMirror",
        "Autologous Fibroblasts for Atrophic Acne Scars (NCT09100990)",
        "NCT09100990: Autologous Fibroblasts for Atrophic Acne Scars",
        "Autologous Fibroblasts for Atrophic Acne Scars - NCT09100990",
    ],
)
def test_a_title_beside_a_breadcrumb_its_kind_its_site_or_its_id(top):
    text = (
        top + "\nStatus: Recruiting\nBrief Summary: Own skin cells injected into acne scars to make them shallower.\n"
    )
    if "NCT09100990" not in top:
        text = "NCT Number: NCT09100990\n" + text
    record = generic_page.parse(text)[0]
    assert record.brief_title == "Autologous Fibroblasts for Atrophic Acne Scars"
    assert record.identifiers[0].value == "NCT09100990"


def test_a_line_of_two_ids_or_an_id_amid_words_is_no_title():
    text = "NCT09100990 and NCT09100991 compared in acne scars\nStatus: Recruiting\n"
    assert generic_page.read_page(text).brief_title == ""
    text = "Status: Recruiting\nAutologous cells (NCT09100990) for atrophic acne scars\n"
    assert generic_page.read_page(text).brief_title == ""


def test_a_title_under_the_opening_chips_names_the_trials_matter():
    chips = "NCT Number: NCT09100990\nPhase 2\nRecruiting\n"
    record = generic_page.parse(
        chips + "Autologous Fibroblasts for Atrophic Acne Scars\nSponsor: Example University\n"
    )[0]
    assert (record.brief_title, record.phases, record.status) == (
        "Autologous Fibroblasts for Atrophic Acne Scars",
        ("PHASE2",),
        "RECRUITING",
    )
    # Among the fields, a line that names no condition nor cell product is an unknown field's value.
    other = generic_page.parse(
        chips + "Principal Investigator Office of Example Research\nSponsor: Example University\n"
    )
    assert other[0].brief_title == ""


def test_a_sites_heading_over_a_labelled_official_title_gives_way_to_it():
    """Not to the summary's first line further down, blank lines between or not."""
    official = "A Randomized Trial of Autologous Melanocyte Transplantation for Stable Vitiligo"
    summary = "Vitiligo is an acquired skin disease that affects the quality of life of patients."
    for gap in ("\n", "\n\n\n"):
        text = (
            f"Stable Vitiligo Clinical Trial{gap}Official title:{gap}{official}{gap}{summary}{gap}NCT ID: NCT09101032\n"
        )
        assert generic_page.parse(text)[0].brief_title == official


@pytest.mark.parametrize(
    ("top", "title"),
    [
        ("Advancing skin health through research", ""),  # a tagline
        ("Research Opportunities at Example Health", ""),  # the page's heading
        ("Stem cell research at our hospital", ""),  # the site speaking of itself
        ("Trial information for patients and families", ""),
        ("Safety of XYZ-101 in Adults", "Safety of XYZ-101 in Adults"),  # a coded product's study
        # a press release's headline, though it names the condition and the product
        ("Example Bio Announces First Patient Dosed in Phase 2 Trial of XYZ-101 in Vitiligo", ""),
        ("Example Bio completes enrollment in its trial of cord MSC for burns", ""),
        # "Doses" a noun: a title
        ("A Study of Escalating Doses of Cord MSC in Burns", "A Study of Escalating Doses of Cord MSC in Burns"),
    ],
)
def test_a_line_over_the_fields_is_a_title_only_if_it_reads_as_a_trials(top, title):
    text = f"{top}\n\nNCT ID: NCT09101031\nStatus: Recruiting\nIntervention: umbilical cord MSC\n"
    assert generic_page.parse(text)[0].brief_title == title


@pytest.mark.parametrize(
    "banner",
    [
        "jRCT 臨床研究実施計画公開システム",
        "中国临床试验注册中心",
        "임상연구정보서비스 시스템",
        "Clinical Trials Registry - Example",
    ],
)
def test_a_registrys_own_name_over_the_id_is_no_title(banner):
    """The registry's banner, then the trial's id and dates, then the title: the title."""
    text = (
        f"{banner}\nTrial ID: jRCTb050210099\nDate registered: 2021-08-20\nAutologous cultured epidermis for vitiligo\n"
    )
    assert generic_page.parse(text)[0].brief_title == "Autologous cultured epidermis for vitiligo"


@pytest.mark.parametrize(
    "sentence, status",
    [
        ("Enrollment is now open for adults with burns.", "RECRUITING"),
        ("The study is expected to begin enrolling patients later this year.", "NOT_YET_RECRUITING"),
        ("The trial has completed enrollment and results are expected next year.", "ACTIVE_NOT_RECRUITING"),
        ("The trial was completed in 2022.", "COMPLETED"),
        ("The previous trial was completed in 2019.", ""),  # another trial's
    ],
)
def test_a_news_items_words_for_its_trials_status(sentence, status):
    record = generic_page.parse(f"Stem cells for burns: a new trial\nNCT Number: NCT09100990\n{sentence}\n")[0]
    assert record.status == status
    assert bool(record.status_raw) == bool(status)


@pytest.mark.parametrize(
    "name, wanted",
    [
        ("written_cris_korean.txt", ("KCT0009123", "South Korea", "2024-03-01", 40, ["Atrophic acne scar"])),
        ("written_jrct_japanese.txt", ("jRCTb030240001", "Japan", "2024-04-01", 20, ["Chronic wound"])),
        ("written_drks_german.txt", ("DRKS00031234", "Germany", "2024-02-01", 30, ["Burn"])),
    ],
)
def test_a_registry_record_all_in_its_own_language(name, wanted):
    from ingest.normalize.taxonomy import classify

    record = generic_page.parse((PAGES / name).read_text())[0]
    identifier, country, start, enrollment, conditions = wanted
    assert record.identifiers[0].value == identifier and [site.country for site in record.sites] == [country]
    assert (record.status, record.phases) == ("RECRUITING", ("PHASE2",))
    assert (record.start_date.iso(), record.enrollment, record.enrollment_type) == (start, enrollment, "ESTIMATED")
    assert record.brief_title and record.organizations and record.interventions
    classification = classify(record)
    assert classification.conditions == conditions and classification.origins == ["Autologous"]
    assert classification.in_scope


@pytest.mark.parametrize(
    "header",
    [
        "Recruiting Phase 2",  # a status chip and a phase chip, only a space between them
        "Phase II Recruiting Interventional",
        "Study status Recruiting Study phase Phase 2",  # a table row flattened, its borders lost
        "Currently recruiting: Yes\nPhase: 2",  # a status asked, answered yes
    ],
)
def test_status_and_phase_chips_side_by_side_or_flattened_read(header):
    text = f"Umbilical Cord Stem Cells for Vitiligo\nNCT ID: NCT09100778\n{header}\nAdults with vitiligo are treated.\n"
    record = generic_page.parse(text)[0]
    assert (record.status, record.phases) == ("RECRUITING", ("PHASE2",))


def test_words_that_only_look_like_chips_stay_one_line():
    lines = [
        line.text
        for line in page_lines("Phase 1/Phase 2\nNot yet recruiting\nRecruiting: No\nPhase 2 Clinical Trial\n")
    ]
    assert lines == ["Phase 1/Phase 2", "Not yet recruiting", "Recruiting: No", "Phase 2 Clinical Trial"]
    record = generic_page.parse("Stem cells for burns\nNCT ID: NCT09100779\nRecruiting: No\nBurns are treated.\n")[0]
    assert record.status == ""  # not recruiting: before, during or after, it does not say


def test_a_longer_unknown_label_is_no_value_of_its_first_word():
    text = "Stem cells for vitiligo\nNCT ID: NCT09100780\nDisease area: Dermatology\nIndication: Vitiligo\nAdults are treated.\n"
    assert generic_page.parse(text)[0].conditions_raw == ("Vitiligo",)
    text = text.replace("Disease area: Dermatology", "Disease stage: advanced")
    assert generic_page.parse(text)[0].conditions_raw == ("Vitiligo",)  # not "stage: advanced"


def test_a_count_enrolled_in_words_and_a_sponsor_led_by_a_person_at_an_institution():
    text = (
        "Stem cells for burns\nNCT ID: NCT09100781\nEnrolling 40 participants\n"
        "Led by: Dr. Jane Example at Example University Hospital\nBurns are treated.\n"
    )
    record = generic_page.parse(text)[0]
    assert record.enrollment == 40
    assert [o.name for o in record.organizations] == ["Example University Hospital"]
    # A company named after a doctor keeps its name.
    company = generic_page.parse(text.replace("Dr. Jane Example at Example University Hospital", "Dr. Example's Labs"))[
        0
    ]
    assert [o.name for o in company.organizations] == ["Dr. Example's Labs"]


@pytest.mark.parametrize(
    "party, sponsors",
    [
        ("Jane Roe, MD, Example Skin Institute", ["Example Skin Institute"]),  # the investigator's institution
        ("Jane Roe, MD, PhD, Example University", ["Example University"]),
        ("Jane Roe, MD", []),  # a person alone is no organization
        ("Example Pharma, Inc.", ["Example Pharma, Inc."]),
    ],
)
def test_a_responsible_party_named_as_a_doctor_gives_the_institution(party, sponsors):
    text = f"NCT ID: NCT09100782\nInformation provided by (Responsible Party): {party}\n"
    assert [o.name for o in generic_page.parse(text)[0].organizations] == sponsors


def test_a_markdown_exports_links_are_their_words():
    """A reader-mode export writes links as Markdown: a label's value in a link, a link to the
    trial's record naming the id only in its address, an image."""
    page = (
        "![logo](https://example.org/logo.png)\nAllogeneic keratinocyte sheets for example venous ulcers\n"
        "[View this study on ClinicalTrials.gov](https://clinicaltrials.gov/study/NCT09100790)\n"
        "**Sponsor** [Example Wound Therapeutics](https://clinicaltrials.gov/search?lead=Example%20Wound)\n"
        "**Information provided by** Example Wound Therapeutics (Responsible Party)\n"
        "Status: Recruiting\n"
    )
    record = generic_page.parse(page)[0]
    assert [identifier.value for identifier in record.identifiers] == ["NCT09100790"]
    assert [o.name for o in record.organizations] == ["Example Wound Therapeutics"]
    assert record.brief_title == "Allogeneic keratinocyte sheets for example venous ulcers"
    # A link titled by another trial's name lends it no id.
    other = page.replace("[View this study on ClinicalTrials.gov]", "[Scar massage after burns]")
    with pytest.raises(MissingIdentifierError):
        generic_page.parse(other)


@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("The study will enrol 18 children with burns.", "ESTIMATED"),
        ("The trial plans to recruit 60 adults at two hospitals.", "ESTIMATED"),
        ("In this trial, 28 patients received the gel on one side of the face.", ""),  # said done: not marked
    ],
)
def test_a_size_said_in_prose_as_a_plan_is_marked_estimated(sentence, kind):
    record = generic_page.parse(f"Cord cells for example wounds\nNCT ID: NCT09100791\n{sentence}\n")[0]
    assert record.enrollment is not None and record.enrollment_type == kind


def test_every_label_of_the_dictionary_is_written_once():
    from collections import Counter

    from ingest.pages.labels import _FIELDS, _key

    written = Counter(_key(label) for labels in _FIELDS.values() for label in labels)
    assert [label for label, times in written.items() if times > 1] == []


def test_cjk_registry_labels_for_status_and_countries():
    korean = "CRIS 등록번호\nKCT0009999\n연구제목\n줄기세포를 이용한 백반증 치료\n연구진행상태\n모집중\n연구실시국가\n대한민국\n"
    record = generic_page.parse(korean)[0]
    assert (record.status, [s.country for s in record.sites]) == ("RECRUITING", ["South Korea"])
    chinese = "注册号：ChiCTR2400099999\n注册题目：脐带间充质干细胞治疗白癜风的临床研究\n研究实施状态：正在进行\n"
    assert generic_page.parse(chinese)[0].status == "RECRUITING"
    short = "임상시험 번호: KCT0009998\n제목: 지방유래 줄기세포를 이용한 여드름 흉터 치료\n진행 상태: 모집 중\n"
    assert generic_page.parse(short)[0].status == "RECRUITING"  # "progress status", CRIS's label shortened


def test_two_labelled_ids_of_two_registries_are_both_the_trials():
    text = (
        "Umbilical Cord Stem Cells for Vitiligo\nEudraCT number: 2021-001234-56\nNCT number: NCT09100808\n"
        "Status: Recruiting\nAdults with vitiligo receive cells in this study of one year.\n"
    )
    record = generic_page.parse(text)[0]
    assert [(i.registry, i.value, i.kind) for i in record.identifiers] == [
        ("EUDRACT", "2021-001234-56", "primary"),
        ("NCT", "NCT09100808", "secondary"),
    ]
    # Two ids of one registry are two trials (a list of them), not one trial's registrations.
    listing = text.replace("EudraCT number: 2021-001234-56", "NCT number: NCT09100809")
    assert [i.value for i in generic_page.parse(listing)[0].identifiers] == ["NCT09100809"]


SIDEBAR_FIRST = """Similar trials
Stem Cells for Psoriasis
Status: Completed
Phase: Phase 1
Umbilical Cord Stem Cells for Vitiligo
NCT ID: NCT09100901
Status: Recruiting
Phase: Phase 2
Adults with vitiligo receive cells in this study of one year, in two centres.
"""


def test_a_block_of_other_trials_above_the_trials_own_record_ends_at_its_labelled_id():
    record = generic_page.parse(SIDEBAR_FIRST)[0]
    assert (record.brief_title, record.status, record.phases) == (
        "Umbilical Cord Stem Cells for Vitiligo",
        "RECRUITING",
        ("PHASE2",),
    )
    # When the block labels the other trials' ids, no labelled id can be told to be the page's own.
    labelled = SIDEBAR_FIRST.replace("Phase: Phase 1\n", "Phase: Phase 1\nNCT ID: NCT09100999\n")
    with pytest.raises(MissingIdentifierError):
        generic_page.parse(labelled)


RECENTLY_VIEWED_FIRST = """Find trials | About | Sign in
Recently viewed
Bone Marrow Cells for Knee Arthritis
Phase 3 · Active, not recruiting · Sponsor: Example Orthopaedics
Trial NCT09100911
Adipose Stromal Cells for Venous Leg Ulcers
Status: Recruiting
Phase: Phase 2
Sponsor: Example University Hospital
Conditions: Venous leg ulcer
"""


def test_cards_of_recently_viewed_trials_above_the_record_end_at_its_id_line():
    record = generic_page.parse(RECENTLY_VIEWED_FIRST)[0]
    assert (record.brief_title, record.phases, [o.name for o in record.organizations]) == (
        "Adipose Stromal Cells for Venous Leg Ulcers",
        ("PHASE2",),
        ["Example University Hospital"],
    )
    # Below the record such a block never ends at an id: its cards' ids are theirs.
    below = (
        "Trial NCT09100911\nStem Cells for Burns\nStatus: Recruiting\nRecently viewed\nNCT09100912\nPhase: Phase 3\n"
    )
    assert generic_page.parse(below)[0].phases == ()


@pytest.mark.parametrize("separator", [" • ", " · ", " | "])
def test_a_lists_items_on_its_labels_line_stay_the_lists(separator):
    text = f"Stem cells for skin\nNCT ID: NCT09100902\nConditions: Vitiligo{separator}Alopecia Areata\nAdults are treated.\n"
    assert generic_page.parse(text)[0].conditions_raw == ("Vitiligo", "Alopecia Areata")
    # A summary bar of labelled parts is still one field a part.
    bar = f"Stem cells for skin\nNCT ID: NCT09100902\nConditions: Vitiligo{separator}Phase: Phase 2\nAdults are treated.\n"
    record = generic_page.parse(bar)[0]
    assert (record.conditions_raw, record.phases) == (("Vitiligo",), ("PHASE2",))


def test_labelled_values_side_by_side_with_only_spaces_between_them():
    text = "Stem cells for vitiligo\nNCT ID: NCT09100904\nStatus: Recruiting Phase: Phase 2 Enrollment: 40\nAdults are treated.\n"
    record = generic_page.parse(text)[0]
    assert (record.status, record.phases, record.enrollment) == ("RECRUITING", ("PHASE2",), 40)
    # A label's own words and a title's "... Disease: ..." after a longer value are no second label.
    title = (
        "Official Title: A Pilot Study of Stem Cells in Epidermolysis Bullosa Disease: Phase 1\nNCT ID: NCT09100905\n"
    )
    assert generic_page.parse(title + "Adults are treated.\n")[0].official_title.endswith("Disease: Phase 1")


def test_a_hospital_pages_labels_and_no_title_among_its_fields():
    text = (
        "Key facts\nCondition: Vitiligo\nTreatment: Melanocyte-keratinocyte transplantation\nStatus: Completed\n"
        "NCT number: NCT09101019\nParticipating locations: Rochester, Minn.; Phoenix, Ariz.\n"
        "Sponsor/funding: Example Vitiligo Foundation\n"
    )
    record = generic_page.parse(text)[0]
    # "Treatment: ..." among the fields is a field the dictionary does not know, not the title.
    assert record.brief_title == ""
    assert [site.country for site in record.sites] == ["United States"]
    assert [o.name for o in record.organizations] == ["Example Vitiligo Foundation"]
    # Above the fields, a title may have a colon.
    titled = generic_page.parse("Vitiligo: Melanocyte transplantation in adults\nNCT number: NCT09101019\n")[0]
    assert titled.brief_title == "Vitiligo: Melanocyte transplantation in adults"


def test_a_finders_question_of_what_is_tested_is_read_for_the_product():
    text = (
        "Stem cell therapy for vitiligo\nTrial ID: NCT09101020\nWhat is being tested?\n"
        "Autologous non-cultured melanocyte-keratinocyte cell suspension.\nWho is eligible?\nAdults with vitiligo.\n"
    )
    record = generic_page.parse(text)[0]
    assert "melanocyte-keratinocyte cell suspension" in record.brief_summary
    assert set(classify(record).cell_sources) == {"Keratinocytes", "Melanocytes"}


@pytest.mark.parametrize(
    ("summary", "phases"),
    [
        ("This phase 1/2a study will evaluate allogeneic cell sheets in foot ulcers.", ("PHASE1", "PHASE2")),
        ("This is a phase 2b study of exosomes in acne scars.", ("PHASE2",)),
        # The trial the page's follows is another one.
        ("Following a successful phase 1 trial, this study tests the cells in more patients.", ()),
        ("Building on a phase 1 study, the investigators now compare two doses.", ()),
        # ... its own said so beside another's; one planned after it is another
        ("This phase 2 trial follows a phase 1 study that showed safety.", ("PHASE2",)),
        ("Our phase 1 study follows an earlier phase 2 trial of cord blood cells.", ("PHASE1",)),
        ("After a successful Phase 1, the company plans a Phase 3 trial.", ()),
    ],
)
def test_the_phase_a_summary_gives_its_own_trial(summary, phases):
    text = f"Stem cells for diabetic foot ulcers\nNCT ID: NCT09101021\nBrief Summary: {summary}\n"
    assert generic_page.parse(text)[0].phases == phases


@pytest.mark.parametrize(
    "keywords",
    ["Keywords: alopecia; hair loss\n", "Keywords\nAlopecia\nHair loss\n", "Mots-clés : alopécie, chute de cheveux\n"],
)
def test_a_pages_keywords_are_read_and_say_what_the_trial_is_about(keywords):
    text = (
        "Regenerative treatment study\nNCT ID: NCT09101022\nIntervention: Adipose-derived stromal vascular fraction\n"
        f"{keywords}Status: Recruiting\n"
    )
    record = generic_page.parse(text)[0]
    assert len(record.keywords) == 2 and record.status == "RECRUITING"
    # The title and the product say nothing of skin or hair: the keywords put the trial in scope.
    assert classify(record).in_scope


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Diseases/Conditions", "conditions"),
        ("Studied disease", "conditions"),
        ("Conditions treated", "conditions"),
        ("Health issue", "conditions"),
        ("Study organizer", "sponsor"),
        ("Recruiting locations", "countries"),
        ("Recruitment sites", "countries"),
        ("Investigational sites", "countries"),
        ("Pais", "countries"),
    ],
)
def test_more_labels_of_finder_and_hospital_pages(label, field):
    value = "Lima, Peru" if field == "countries" else "Example value for the field"
    record = generic_page.parse(f"Stem cells for skin\nNCT ID: NCT09101023\n{label}: {value}\n")[0]
    values = {
        "conditions": list(record.conditions_raw),
        "sponsor": [o.name for o in record.organizations],
        "countries": [site.country for site in record.sites],
    }
    assert values[field] == (["Peru"] if field == "countries" else [value])


@pytest.mark.parametrize(
    ("under_title", "sponsor"),
    [
        ("Example Medical University\nRecruiting · Phase 2", "Example Medical University"),
        ("by Example Biotech Inc\nPhase 2", "Example Biotech Inc"),
        ("NCT09101024\nExample Children's Hospital", "Example Children's Hospital"),
        # Not an organization's name, or not alone on its line: no sponsor.
        ("Acne scars in adults\nPhase 2", ""),
        ("Example Medical University researchers test exosomes in 40 adults.", ""),
        ("Recruiting · Example Medical University", ""),
    ],
)
def test_a_sponsor_printed_under_the_title_without_a_label(under_title, sponsor):
    text = f"Exosomes for acne scars\n{under_title}\nTrial ID: NCT09101024\n"
    record = generic_page.parse(text)[0]
    assert [o.name for o in record.organizations] == ([sponsor] if sponsor else [])
    # A labelled sponsor wins.
    labelled = generic_page.parse(text + "Sponsor: Example Labelled Sponsor\n")[0]
    assert [o.name for o in labelled.organizations] == ["Example Labelled Sponsor"]


def test_a_bylines_sponsored_by_opening_a_sentence():
    text = "Exosomes for acne scars\nTrial ID: NCT09101025\nFunded by Example Foundation. Sponsored by Example University.\n"
    assert [o.name for o in generic_page.parse(text)[0].organizations] == ["Example University"]


@pytest.mark.parametrize(
    ("top", "title"),
    [
        (
            "Study of Umbilical Cord Stem Cells in Patients With\nModerate to Severe Psoriasis Vulgaris",
            "Study of Umbilical Cord Stem Cells in Patients With Moderate to Severe Psoriasis Vulgaris",
        ),
        (
            "Adipose stem cells versus\nfat grafting for facial scars",
            "Adipose stem cells versus fat grafting for facial scars",
        ),
        # A title that ends where its line ends.
        ("Topical stem cell serum with vitamin A\nRecruiting", "Topical stem cell serum with vitamin A"),
    ],
)
def test_a_title_wrapped_over_two_lines_is_joined(top, title):
    record = generic_page.parse(f"{top}\nNCT ID: NCT09101026\n")[0]
    assert record.brief_title == title


def test_a_sponsor_under_a_title_wrapped_over_two_lines():
    text = (
        "Adipose-Derived Stem Cells for Scars in Patients With\nSevere Burn Injuries\n"
        "Example Burn Research University\nRecruiting · Phase 2\nTrial ID: NCT09101027\n"
    )
    record = generic_page.parse(text)[0]
    assert record.brief_title == "Adipose-Derived Stem Cells for Scars in Patients With Severe Burn Injuries"
    assert [o.name for o in record.organizations] == ["Example Burn Research University"]


def test_a_sites_address_over_its_country_under_a_location_label():
    text = (
        "Exosomes after fractional laser for acne scars\nNCT ID: NCT09101028\nLocation\n"
        "Example Clinic, Bangkok\nThailand\nExample Hospital, Example City\nMalaysia\nStatus: Completed\n"
    )
    record = generic_page.parse(text)[0]
    assert [site.country for site in record.sites] == ["Thailand", "Malaysia"]
    assert record.status == "COMPLETED"


@pytest.mark.parametrize(
    "label",
    ["Name of the trial", "Name of study", "Nombre del estudio", "Nome do estudo", "Nom de l'étude", "Name der Studie"],
)
def test_a_title_labelled_as_the_trials_name(label):
    record = generic_page.parse(f"Find a trial\n{label}: Exosomes for photoaging in adults\nNCT ID: NCT09101029\n")[0]
    assert record.brief_title == "Exosomes for photoaging in adults"


def test_a_protocol_title_is_the_official_title():
    text = "Exosomes for photoaging\nProtocol title: A randomised trial of exosomes in photoaged skin\nNCT ID: NCT09101029\n"
    record = generic_page.parse(text)[0]
    assert record.official_title == "A randomised trial of exosomes in photoaged skin"


@pytest.mark.parametrize(
    ("line", "title"),
    [
        (
            'The trial, titled "Placental MSC Gel for Radiation Dermatitis", is led by Example Cancer Centre.',
            "Placental MSC Gel for Radiation Dermatitis",
        ),
        (
            "A study entitled “Patient's own fibroblasts for acne scars” opened in May.",
            "Patient's own fibroblasts for acne scars",
        ),
    ],
)
def test_a_title_named_in_quotes_in_a_news_sentence(line, title):
    record = generic_page.parse(f"Research news\n{line}\nNCT ID: NCT09101018\n")[0]
    assert record.brief_title == title


def test_the_sites_name_beside_the_title_is_no_sponsor():
    text = (
        "Autologous Keratinocytes for Chronic Wounds | Example University Research\nNCT09101019\nStatus: Recruiting\n"
    )
    record = generic_page.parse(text)[0]
    assert record.brief_title == "Autologous Keratinocytes for Chronic Wounds"
    assert record.organizations == ()
    # An organization's name on the line under the title is still its sponsor.
    under = generic_page.parse("Autologous Keratinocytes for Chronic Wounds\nExample University\nNCT09101019\n")[0]
    assert [o.name for o in under.organizations] == ["Example University"]


@pytest.mark.parametrize(
    "line",
    ["Funded by the National Science Foundation", "Supported by Example Foundation", "A grant from Example Inc."],
)
def test_a_funder_under_the_title_is_no_sponsor(line):
    record = generic_page.parse(f"Autologous Keratinocytes for Chronic Wounds\n{line}\nNCT09101019\n")[0]
    assert record.organizations == ()


@pytest.mark.parametrize(
    "lines",
    [
        "Lead Sponsor: Example University; Collaborators: Other Foundation",
        "Sponsor / Collaborator: Example University",
        "Collaborators: Other Foundation\nSponsor: Example University\nResponsible Party: Principal Investigator",
    ],
)
def test_the_lead_sponsor_beside_its_collaborators(lines):
    record = generic_page.parse(f"Stem cells for vitiligo\nNCT ID: NCT09101020\n{lines}\n")[0]
    assert [(o.name, o.role) for o in record.organizations] == [("Example University", "LEAD_SPONSOR")]


@pytest.mark.parametrize(
    ("line", "conditions"),
    [
        ("Disease or condition being studied: Lichen sclerosus", ("Lichen sclerosus",)),
        ("Conditions being studied: Androgenetic alopecia", ("Androgenetic alopecia",)),
    ],
)
def test_the_condition_under_a_finders_label(line, conditions):
    record = generic_page.parse(f"Stem cell therapy trial\nNCT ID: NCT09101021\n{line}\n")[0]
    assert record.conditions_raw == conditions


def test_a_title_that_opens_with_treatment_for_stays_a_title():
    # "Treatment for" is no label: titles open with it.
    title = "Treatment for Vitiligo Using Autologous Melanocytes"
    record = generic_page.parse(f"{title}\nNCT ID: NCT09101021\nStatus: Recruiting\n")[0]
    assert record.brief_title == title and record.conditions_raw == ()


@pytest.mark.parametrize(
    ("lines", "ids"),
    [
        # The trial's registrations under one id label: the first is the page's own.
        (
            "Trial number: NCT09101022 (ClinicalTrials.gov); 2019-001234-56 (EU Clinical Trials Register)",
            ["NCT09101022", "2019-001234-56"],
        ),
        # Secondary ids listed on one line: each its own.
        (
            "NCT ID: NCT09101022\nSecondary IDs: ISRCTN12345678, DRKS00012345",
            ["NCT09101022", "ISRCTN12345678", "DRKS00012345"],
        ),
    ],
)
def test_several_ids_under_one_label(lines, ids):
    record = generic_page.parse(f"Stem cells for vitiligo\n{lines}\nStatus: Recruiting\n")[0]
    assert [identifier.value for identifier in record.identifiers] == ids


@pytest.mark.parametrize(
    ("question", "answer", "status"),
    [
        ("Is this trial open?", "Yes, it is currently enrolling.", "RECRUITING"),
        ("Is this study accepting participants?", "Yes", "RECRUITING"),
        ("Is the study still recruiting?", "Completed", "COMPLETED"),
        ("Is this trial recruiting?", "No", ""),  # not yet, or no longer: it does not say
    ],
)
def test_the_status_asked_as_a_question_answered_yes_or_no(question, answer, status):
    record = generic_page.parse(f"Stem cell study\nNCT ID: NCT09101023\n{question}\n{answer}\n")[0]
    assert record.status == status


@pytest.mark.parametrize(
    ("question", "field", "value"),
    [
        ("Who is conducting this study?", "sponsor", ["Example University"]),
        ("What conditions is this trial for?", "conditions_raw", ("Vitiligo",)),
        ("What is the name of this trial?", "brief_title", "Adipose cells for vitiligo"),
        ("What is the official title?", "official_title", "A Phase 2 Study of Adipose Cells in Vitiligo"),
    ],
)
def test_more_of_a_finders_questions(question, field, value):
    answers = {
        "sponsor": "Example University",
        "conditions_raw": "Vitiligo",
        "brief_title": "Adipose cells for vitiligo",
        "official_title": "A Phase 2 Study of Adipose Cells in Vitiligo",
    }
    record = generic_page.parse(f"Stem cell study\nNCT ID: NCT09101024\n{question}\n{answers[field]}\n")[0]
    got = [o.name for o in record.organizations] if field == "sponsor" else getattr(record, field)
    assert got == value


@pytest.mark.parametrize("lines", ["Sponsor contact\nJohn Doe", "Sponsor website\nwww.example.org"])
def test_a_sponsor_labels_own_last_word_is_no_sponsor(lines):
    record = generic_page.parse(f"Stem cells for vitiligo\nNCT ID: NCT09101025\n{lines}\n")[0]
    assert record.organizations == ()


def test_a_headline_opening_with_a_sponsor_label_is_no_sponsor():
    """'Company doses first patient ...': a news headline's subject, the sentence going on."""
    text = (
        "Stem cell news\nNCT ID: NCT09101026\nCompany doses first patient in keloid cell therapy study\n"
        "The study tests adipose-derived regenerative cells for keloid scars.\n"
    )
    assert generic_page.parse(text)[0].organizations == ()


def test_chictrs_english_countries_label_ends_the_conditions():
    text = (
        "Title\nHair follicle stem cells for androgenetic alopecia\nRegistration\nChiCTR2000031234\n"
        "Target disease\nAndrogenetic alopecia\nCountries of recruitment and research settings\nChina\n"
    )
    record = generic_page.parse(text)[0]
    assert record.conditions_raw == ("Androgenetic alopecia",)
    assert [site.country for site in record.sites] == ["China"]


@pytest.mark.parametrize(
    ("line", "start", "kind"),
    [
        ("Inicio del estudio: 1 de abril de 2023", "2023-04-01", ""),
        ("Início do estudo: 01/04/2023", "2023-04-01", ""),
        ("Started: 2022", "2022", "ACTUAL"),  # it has started: a fact, not a plan
    ],
)
def test_the_start_under_a_finders_or_a_spanish_label(line, start, kind):
    record = generic_page.parse(f"Stem cells for burns\nNCT ID: NCT09101026\n{line}\n")[0]
    assert (record.start_date.iso(), record.start_date_type) == (start, kind)


def _labelled(record, field: str):
    """A field as the label tests compare it: a date or a count with its kind, the lead sponsor."""
    if field == "start":
        return (record.start_date.iso(), record.start_date_type)
    if field == "enrollment":
        return (record.enrollment, record.enrollment_type)
    if field == "sponsor":
        return [o.name for o in record.organizations if o.role == "LEAD_SPONSOR"]
    if field == "countries":
        return [site.country for site in record.sites]
    return getattr(record, field)


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        # the start of recruitment, and a planned start with the plan said in the label's language
        ("Data prevista para o primeiro recrutamento: 01/06/2022", "start", ("2022-06-01", "ESTIMATED")),  # ReBEC
        ("Beginn der Rekrutierung: 15.06.2020", "start", ("2020-06-15", "")),
        ("Inicio del reclutamiento: 3 de marzo de 2021", "start", ("2021-03-03", "")),
        ("Fecha de inicio prevista: 01/03/2022", "start", ("2022-03-01", "ESTIMATED")),
        ("Voraussichtlicher Studienbeginn: 01.03.2022", "start", ("2022-03-01", "ESTIMATED")),
        ("Date de début prévue : 1 mars 2022", "start", ("2022-03-01", "ESTIMATED")),
        # the date's kind said after it, in the registries' languages
        ("Studienbeginn: 01.03.2022 (tatsächlich)", "start", ("2022-03-01", "ACTUAL")),
        ("Studienbeginn: 01.03.2022 (geplant)", "start", ("2022-03-01", "ESTIMATED")),
        ("Fecha de inicio: 01/03/2022 (real)", "start", ("2022-03-01", "ACTUAL")),
        ("开始日期：2022-03-01（实际）", "start", ("2022-03-01", "ACTUAL")),
        ("시작일: 2022-03-01 (예정)", "start", ("2022-03-01", "ESTIMATED")),
        # a total sample size (ChiCTR prints each group's size and their total), a planned size
        ("样本总量： 60", "enrollment", (60, "")),
        ("Total sample size: 60", "enrollment", (60, "")),
        ("目标样本量: 60", "enrollment", (60, "ESTIMATED")),
        ("예정 연구대상자 수: 60명", "enrollment", (60, "ESTIMATED")),
        ("研究対象者数: 60", "enrollment", (60, "")),
        ("研究課題名：自家培養表皮による熱傷の研究", "brief_title", "自家培養表皮による熱傷の研究"),
        ("Número de participantes previsto: 60", "enrollment", (60, "ESTIMATED")),
        # the planned word in any of the languages, where the label without it is known
        ("Numero di pazienti previsti: 48", "enrollment", (48, "ESTIMATED")),
        ("Geplante Teilnehmerzahl: 48", "enrollment", (48, "ESTIMATED")),
        ("Data di inizio prevista: 15/01/2023", "start", ("2023-01-15", "ESTIMATED")),
        ("Stato: in corso di arruolamento", "status", "RECRUITING"),
        ("スポンサー: 京都大学", "sponsor", ["京都大学"]),
        ("実施責任組織/Sponsor: 京都大学/Kyoto University", "sponsor", ["Kyoto University"]),  # bilingual: English
        # a bilingual registry's label and value, each written twice in one cell: the English
        (
            "研究名称/Study title: 自家培養表皮による白斑治療/Cultured epidermis for vitiligo",
            "brief_title",
            "Cultured epidermis for vitiligo",
        ),
        ("進捗状況/Recruitment status: 募集終了/Not recruiting", "status_raw", "Not recruiting"),
        ("実施国/Countries: 日本/Japan", "countries", ["Japan"]),
        ("試験依頼者: 京都大学", "sponsor", ["京都大学"]),
        ("Patrocínio: Universidade de São Paulo", "sponsor", ["Universidade de São Paulo"]),
        # the plain word for status; the indication
        ("状态: 招募中", "status", "RECRUITING"),
        ("状況: 募集中", "status", "RECRUITING"),
        ("상태: 모집중", "status", "RECRUITING"),
        ("État : Terminé", "status", "COMPLETED"),
        ("Indicación: Vitiligo", "conditions_raw", ("Vitiligo",)),
        ("Indicação: Vitiligo", "conditions_raw", ("Vitiligo",)),
        ("适应症: 白癜风", "conditions_raw", ("白癜风",)),
        ("적응증: 백반증", "conditions_raw", ("백반증",)),
    ],
)
def test_a_label_in_a_registrys_language_gives_its_field(line, field, value):
    record = generic_page.parse(f"Stem cells for burns\nNCT ID: NCT09101029\n{line}\n")[0]
    assert _labelled(record, field) == value


def test_total_participants_under_its_label():
    record = generic_page.parse("Stem cells for burns\nNCT ID: NCT09101027\nTotal participants: 64\n")[0]
    assert record.enrollment == 64


def test_enrolling_under_a_status_label_is_a_status():
    # "Enrolling" also labels a count ("Enrolling: 40 participants"); after "Status:" it is the status.
    record = generic_page.parse("Stem cells for burns\nNCT ID: NCT09101028\nStudy Status: Enrolling\n")[0]
    assert record.status == "RECRUITING"
    # Above a count, under a bare status label, it stays the count's label.
    above = generic_page.parse("Stem cells for burns\nNCT ID: NCT09101028\nStatus\nEnrolling\n40 participants\n")[0]
    assert (above.status, above.enrollment) == ("", 40)


@pytest.mark.parametrize(
    "heading", ["Outcome Measures", "Eligibility Criteria", "Contacts and Locations", "Publications", "MeSH Terms"]
)
def test_a_section_heading_ends_the_list_above_it(heading):
    text = f"Stem cells for vitiligo\nNCT ID: NCT09101029\nConditions\nVitiligo\n{heading}\nSomething about it\n"
    assert generic_page.parse(text)[0].conditions_raw == ("Vitiligo",)


@pytest.mark.parametrize(
    "row", ["Secondary ID: Status Recruiting", "First received: Status Recruiting", "Last updated: Status Recruiting"]
)
def test_a_label_left_empty_then_the_next_rows_label_and_value(row):
    """A table copied with an empty cell joins the empty label to the next row: the pair is the
    next row's, the empty label's field gets nothing."""
    record = generic_page.parse(f"NCT number NCT09100320\n{row}\nStart date: October 20, 2021\n")[0]
    assert record.status == "RECRUITING"
    assert [identifier.value for identifier in record.identifiers] == ["NCT09100320"]


@pytest.mark.parametrize("label", ["研究依頼者", "主办单位", "책임기관", "Lead centre"])
def test_a_sponsor_labelled_in_the_registries_own_words(label):
    record = generic_page.parse(
        f"jRCT番号: jRCTb030190997\n試験名称: 自己脂肪幹細胞を用いた治療\n{label}: Example University Hospital\n"
    )[0]
    assert [organization.name for organization in record.organizations] == ["Example University Hospital"]


@pytest.mark.parametrize(
    ("label", "value", "field", "expected"),
    [
        ("Phase de l'essai", "Phase 2", "phases", ("PHASE2",)),
        ("Taille de l'échantillon", "40", "enrollment", 40),
        ("Number of cases", "40", "enrollment", 40),
        ("Date started", "2023-03-01", "start_date", "2023-03-01"),
        ("Opening date", "2023-03-01", "start_date", "2023-03-01"),
        ("Pathology", "Vitiligo", "conditions_raw", ("Vitiligo",)),
        ("Disorder", "Vitiligo", "conditions_raw", ("Vitiligo",)),
        ("Nombre de participants prévus", "24", "enrollment", 24),
        ("In the whole clinical trial", "40", "enrollment", 40),
        ("Overall start date", "2025-06-01", "start_date", "2025-06-01"),
        ("Traitement étudié", "Mélanocytes autologues", "interventions", (Intervention("Mélanocytes autologues"),)),
        ("Tratamiento en estudio", "Melanocitos", "interventions", (Intervention("Melanocitos"),)),
        ("연구 진행 상태", "모집 중", "status", "RECRUITING"),
        ("대상 질환", "화상 흉터", "conditions_raw", ("화상 흉터",)),
        ("Local", "São Paulo, Brasil", "sites", (Site(country="Brazil"),)),
        (
            "Background",
            "Facial hemiatrophy leaves a defect.",
            "detailed_description",
            "Facial hemiatrophy leaves a defect.",
        ),
    ],
)
def test_more_of_the_words_sites_label_a_field_with(label, value, field, expected):
    record = generic_page.parse(f"Trial ID: NCT09100330\nCultured melanocytes for vitiligo\n{label}: {value}\n")[0]
    got = getattr(record, field)
    assert (got.iso() if field == "start_date" else got) == expected


def test_a_dutch_registry_page_reads_in_its_own_words():
    text = (
        "Onderzoeksnummer: NL-OMON54322\nTitel van de studie: Vetweefsel-stamcellen bij littekens na brandwonden\n"
        "Wervingsstatus: Werving gestart\nFase: Fase 2\nAantal deelnemers: 40\nStartdatum: 01-03-2024\n"
        "Opdrachtgever: Radboudumc\nAandoening: Brandwondenlittekens\n"
        "Interventie: Lipofilling met stromale vasculaire fractie uit eigen vet\nLand: Nederland\n"
    )
    record = generic_page.parse(text)[0]
    assert (record.status, record.enrollment, record.start_date.iso()) == ("RECRUITING", 40, "2024-03-01")
    assert [o.name for o in record.organizations] == ["Radboudumc"]
    assert record.conditions_raw == ("Brandwondenlittekens",)
    result = classify(record)
    assert (result.conditions, result.cell_sources, result.origins) == (
        ["Burn scar"],
        ["Adipose tissue"],
        ["Autologous"],
    )


def test_arms_run_together_on_one_line_keep_their_kinds():
    record = generic_page.parse(
        "NCT09107821\nKeratinocyte spray for deep burns\n"
        "Arms: Experimental: cultured keratinocyte spray. Active Comparator: autologous split-thickness skin graft.\n"
    )[0]
    assert [(arm.type, arm.label) for arm in record.arms] == [
        ("EXPERIMENTAL", "cultured keratinocyte spray."),
        ("ACTIVE_COMPARATOR", "autologous split-thickness skin graft."),
    ]
    assert classify(record).origins == []  # the comparator's graft is the patients' own, not the spray


@pytest.mark.parametrize(
    "line", ["研究疾病：特应性皮炎；银屑病", "研究疾病：特应性皮炎、银屑病", "Conditions: Atopic dermatitis; Psoriasis"]
)
def test_a_list_on_one_line_splits_at_its_own_scripts_separators(line):
    record = generic_page.parse(f"注册号：ChiCTR2500099006\n间充质干细胞治疗特应性皮炎和银屑病\n{line}\n")[0]
    assert len(record.conditions_raw) == 2
    assert classify(record).conditions == ["Atopic dermatitis", "Psoriasis"]


def test_a_word_hyphenated_across_two_lines_is_joined_back():
    """A PDF's justified text breaks words at a syllable ("mesenchy-" / "mal"); a compound broken at
    its own hyphen keeps it ("adipose-" / "derived"), as the page's other words or the compound's
    second word say."""
    text = (
        "NCT09107940\nAutologous adipose-\nderived mesenchy-\nmal stem cells for chronic venous leg ul-\n"
        "cers: a randomised trial\nStatus: Recruiting\n"
    )
    record = generic_page.parse(text)[0]
    assert record.brief_title == (
        "Autologous adipose-derived mesenchymal stem cells for chronic venous leg ulcers: a randomised trial"
    )
    assert classify(record).conditions == ["Venous leg ulcer"]
    # The page spells the word whole elsewhere: the break's hyphen goes, whatever the word.
    elsewhere = generic_page.parse(
        "NCT09107944\nSplit-thickness grafts with kerati-\nnocytes for burns\nKeratinocytes are sprayed.\n"
    )[0]
    assert elsewhere.brief_title == "Split-thickness grafts with keratinocytes for burns"
    stem = generic_page.parse("NCT09107945\nUmbilical cord stem-\ncell exosomes for acne scars\n")[0]
    assert stem.brief_title == "Umbilical cord stem-cell exosomes for acne scars"
    # A list's dash, a label's empty value and a capitalised next line are no broken word.
    kept = [line.text for line in page_lines("Allocation: Non-\nRandomized\nPhase: -\nrecruiting\n")]
    assert kept == ["Allocation: Non-", "Randomized", "Phase: -", "recruiting"]
