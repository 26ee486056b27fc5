"""The generic reader: pages from sites no format module knows (our own fixtures, in the shapes
such sites print: a field dump, a colonless listing, a Markdown rendering, a page without an id)."""

from pathlib import Path

import pytest

from ingest.detect import detect_format
from ingest.errors import IngestError, MissingIdentifierError
from ingest.formats import generic_page
from ingest.normalize.taxonomy import classify
from ingest.record import Identifier, PartialDate

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"


def read(name: str):
    text = (PAGES / name).read_text()
    assert detect_format(text) == "generic-page"
    return generic_page.parse(text)[0]


def test_a_field_dump_reads_the_overall_status_not_the_last_known_one():
    record = read("mirror_fielddump.txt")
    assert record.identifiers == (Identifier("NCT", "NCT09100001"),)
    assert record.brief_title == "Umbilical Cord Mesenchymal Stem Cells for Recalcitrant Atopic Dermatitis"
    assert record.official_title.startswith("A Randomized Pilot Study of Intravenous")
    assert (record.status, record.status_raw) == ("UNKNOWN", "UNKNOWN")
    assert record.phases == ("PHASE1", "PHASE2")
    assert (record.enrollment, record.enrollment_type) == (36, "ESTIMATED")  # "Enrollment (estimated): 36"
    # The site's own record dates are not the trial's.
    assert record.start_date == PartialDate(record.start_date.value) and record.start_date.iso() == "2022-06-15"
    assert record.last_updated.iso() == "2024-03-18"
    assert record.conditions_raw == ("Atopic Dermatitis", "Eczema")
    assert [o.name for o in record.organizations] == ["Northbridge University Hospital"]
    assert record.needs_review is True


def test_a_colonless_listing_ignores_the_see_also_trials():
    record = read("mirror_listing.txt")
    assert record.identifiers == (Identifier("NCT", "NCT09100002"), Identifier("ORG", "SVF-VIT-07", "sponsor"))
    assert record.brief_title == ""  # the page has no title line: none is made up from a heading
    # "See also" lists other trials, completed and recruiting, in phases 3 and 4: none of it is this trial's.
    assert record.status == "ACTIVE_NOT_RECRUITING"
    assert record.phases == ("PHASE1", "PHASE2")
    assert record.start_date.iso() == "2021-03-03"
    assert [o.name for o in record.organizations] == ["Meridian Skin Institute Co., Ltd."]
    assert record.conditions_raw == ("Vitiligo", "Hypopigmentation")
    assert "NCT09100099" not in repr(record) and "Tacrolimus" not in repr(record)
    classification = classify(record)
    assert classification.product_types == ["Stromal vascular fraction"]
    assert classification.origins == ["Autologous"]


def test_a_markdown_rendering():
    record = read("mirror_markdown.md.txt")
    assert record.identifiers == (Identifier("NCT", "NCT09100003"),)
    assert record.brief_title == "Exosomes From Placental Mesenchymal Cells for Androgenetic Alopecia"
    assert (record.status, record.phases, record.enrollment) == ("RECRUITING", ("PHASE2",), 60)
    assert record.enrollment_type == "ESTIMATED"
    assert [(i.name, i.type) for i in record.interventions] == [
        ("Placental MSC exosomes", "BIOLOGICAL"),
        ("Saline", "OTHER"),
    ]
    classification = classify(record)
    assert classification.cell_sources == ["Placenta"]
    assert classification.product_types == ["Extracellular vesicles"]


def test_a_page_without_an_id_of_its_own_is_read_then_refused():
    with pytest.raises(MissingIdentifierError, match="no registry identifier of its own") as refused:
        read("mirror_no_id.txt")
    record = refused.value.record
    assert record.identifiers == ()
    assert record.brief_title == "Autologous Cultured Fibroblasts for Atrophic Acne Scars"
    assert (record.status, record.phases) == ("RECRUITING", ("NA",))
    assert record.enrollment == 40  # "in 40 patients": the narrative's one count


def test_an_id_cut_in_half_or_another_trials_id_is_not_the_pages_own():
    text = (PAGES / "mirror_listing.txt").read_text().replace("NCT number NCT09100002", "NCT number NCT0910")
    with pytest.raises(MissingIdentifierError):
        generic_page.parse(text)


def test_a_page_cut_mid_value_drops_the_cut_line():
    text = (
        (PAGES / "mirror_fielddump.txt").read_text().replace("Start Date: 2022-06-15\nConditions", "Start Date: 2022-0")
    )
    text = text[: text.index("Start Date: 2022-0") + len("Start Date: 2022-0")]
    record = generic_page.parse(text)[0]
    assert record.start_date is None


def test_text_about_nothing_clinical_is_not_a_trial_page():
    assert not generic_page.detect("Minutes of the garden club. We planted tulips and discussed the fence.\n")
    with pytest.raises(IngestError, match="not a page about a clinical trial"):
        generic_page.parse("Minutes of the garden club.\n")


@pytest.mark.parametrize(
    "texts, expected",
    [
        (["A randomized trial on 10 patients."], 10),
        (["80 patients with melasma were divided into four groups."], 80),
        (["A prospective, 5 patient, single-arm pilot trial."], 5),
        (["Phase 1 in 20 patients, then phase 2 in 60 patients."], None),  # two counts: neither is sure
        (["Patients receive 2 million cells per kilogram."], None),
        (["Cord cells are given to 60 adults... in 60 adults with psoriasis."], 60),
        (["Vitiligo affects 1 in 100 adults."], None),  # a rate, not the trial's size
    ],
)
def test_enrollment_from_a_design_narrative(texts, expected):
    from ingest.formats._common import enrollment_in_narrative

    assert enrollment_in_narrative(*texts) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Phase I Clinical Trials of Placental Cells", ("PHASE1",)),
        ("a phase 2/3 study", ("PHASE2", "PHASE3")),
        ("A Phase Two Study of Stem Cells for Burns", ("PHASE2",)),
        ("A phase 0 study of exosomes", ("EARLY_PHASE1",)),
        ("phase 1 on 20 patients, compared with phase 2 results", ()),  # two phases named: not sure
        ("no phase here", ()),
    ],
)
def test_phase_from_a_title_or_design_narrative(text, expected):
    from ingest.formats._common import phases_in_narrative

    assert phases_in_narrative(text) == expected


def test_an_id_met_in_the_narrative_is_not_taken_for_the_pages_own():
    text = (
        (PAGES / "mirror_no_id.txt")
        .read_text()
        .replace(
            "The study compares treated scars",
            "It follows the design of NCT09100077, an earlier trial of fillers. The study compares treated scars",
        )
    )
    with pytest.raises(MissingIdentifierError):
        generic_page.parse(text)


def test_an_id_in_the_pages_own_registry_address_is_its_own():
    text = (PAGES / "mirror_no_id.txt").read_text() + "\nSource: https://clinicaltrials.gov/study/NCT09100004\n"
    record = generic_page.parse(text)[0]
    assert record.identifiers == (Identifier("NCT", "NCT09100004"),)
    assert record.organizations == ()  # "Source" names a sponsor on some sites, but a link is no sponsor


def test_labels_with_a_sites_own_words_around_them_and_questions_read():
    """A finder site that words its labels its own way: extra words around a known label, and
    questions asking for a field. The funder asked about is not the sponsor."""
    text = "\n".join(
        [
            "Adipose Stromal Cells for Hypertrophic Burn Scars",
            "Trial ID: NCT09100031",
            "Current trial status",
            "Recruiting",
            "Clinical study phase(s)",
            "Phase 2",
            "Who is funding the study?",
            "Lindqvist Foundation",
            "How many participants will take part?",
            "48",
            "Where will the study take place?",
            "Norway; Sweden",
            "Research sponsor",
            "Fjord University Hospital",
            "Why is this study important?",
            "Burn scars limit movement and fat-derived cells may soften them.",
        ]
    )
    record = generic_page.parse(text)[0]
    assert record.status == "RECRUITING"
    assert record.phases == ("PHASE2",)
    assert record.enrollment == 48
    assert [site.country for site in record.sites] == ["Norway", "Sweden"]
    assert [o.name for o in record.organizations] == ["Fjord University Hospital"]


def test_a_question_and_its_answer_on_one_line_read_as_label_and_value():
    """A charity's or hospital's page: each question with its answer after it on the same line."""
    text = "\n".join(
        [
            "Cultured epidermal autografts in children with large burns",
            "Trial number: ISRCTN90100032",
            "What is the trial status? Open to recruitment",
            "How many people will take part? 30",
            "When does it start? 1 March 2024",
            "Who is sponsoring this study? Northgate Children's Hospital",
            "Where is it happening? Leeds, United Kingdom",
            "Why is this study important? Large burns need skin faster than grafts can give it.",
            "",
        ]
    )
    record = generic_page.parse(text)[0]
    assert record.status == "RECRUITING"
    assert record.enrollment == 30
    assert record.start_date.iso() == "2024-03-01"
    assert [o.name for o in record.organizations] == ["Northgate Children's Hospital"]
    assert [site.country for site in record.sites] == ["United Kingdom"]
    # A question no label stands for stays one line of prose.
    assert "Why is this study important? Large burns" in record.brief_summary + record.detailed_description


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("What phase is this trial in?", "phase"),
        ("Is this trial currently recruiting?", "recruiting_asked"),  # answered yes or no, or a status
        ("Who is sponsoring this study?", "sponsor"),
        ("How many people will be enrolled?", "enrollment"),
        ("When does the study start?", "start"),
        ("When does it start?", "start"),
        ("What is the trial status?", "status"),
        ("Estimated recruitment start date in EEA", "start"),  # planned, for a region: the start
        ("Estimated recruitment start date in EU/EEA", "start"),
        ("Expected number of participants in EU/EEA", "enrollment"),
        ("Phase of the trial", "phase"),  # "<label> of the trial": the label
        ("Status of the study", "status"),
        ("Sponsor organisation", "sponsor"),
        ("Total target sample size", "enrollment"),
        ("Date of first participant enrolment", "start"),
        ("Duration of the study", None),  # no label's "of"
        ("Expected number of participants in the EU", "enrollment"),
        ("Where is it happening?", "countries"),
        ("Where is the study taking place?", "countries"),
        ("Why is this study important?", None),
        ("Who is funding the study?", None),  # a funder is not the sponsor
        ("Company", "sponsor"),
        ("Responsible institution", "sponsor"),
        ("Organisation responsible for the trial", "sponsor"),
        ("Funding organisation", None),
        ("Institution", None),  # a hospital page's institution is where the trial runs
        ("Trial results", None),
        ("Planned/Actual start date", "start"),  # both words: the value says which
        ("Date first enrollment", "start"),
        ("Date last enrollment", "ignored"),  # recruitment's end, not the study's
        ("Classification by specialty", "ignored"),  # the registry's filing, not a condition
        ("Region", "countries"),
        # A finder's questions and lay wordings.
        ("Who is the sponsor?", "sponsor"),
        ("What stage is this trial in?", "phase"),
        ("Where is the trial?", "countries"),
        ("Where are the study sites?", "countries"),
        ("Which conditions does this trial study?", "conditions"),
        ("What is the condition?", "conditions"),
        ("When does recruitment start?", "start"),
        ("Current status?", "status"),
        ("What is the NCT number?", "id"),
        ("What is the trial's ID?", "id"),
        ("Therapeutic indication", "conditions"),
        ("Accrual goal", "enrollment"),
        ("First patient in", "start"),
        ("Country / region", "countries"),
        ("Recruiting countries", "countries"),
        ("Funder and sponsor", "sponsor"),
        ("Patients", "enrollment"),
        # A label in two languages, either known; two fields' labels together name none.
        ("対象疾患名/Condition", "conditions"),
        ("目標参加者数/Target sample size", "enrollment"),
        ("Status/Phase", None),
        ("Number of participants/target size: 12", None),  # a labelled value, not a label
        ("Zielfallzahl", "enrollment"),
        ("Rekrutierungsbeginn", "start"),
        ("Primärer Sponsor", "sponsor"),
        ("Rekrutierungsländer", "countries"),
        ("Fecha de inicio del reclutamiento", "start"),
        ("What is the study about?", None),
        ("Where is the trial registered?", None),
    ],
)
def test_a_question_or_a_wordier_label_names_its_field(question, field):
    from ingest.pages.labels import LABELS, label_key

    assert LABELS.get(label_key(question)) == field


def test_a_sites_own_heading_above_the_title_is_passed_over():
    text = "\n".join(
        [
            "Find a research study near you today",
            "Autologous Melanocyte-Keratinocyte Suspension in Stable Vitiligo",
            "NCT number: NCT09100032",
            "Status: Recruiting",
        ]
    )
    assert generic_page.parse(text)[0].brief_title == (
        "Autologous Melanocyte-Keratinocyte Suspension in Stable Vitiligo"
    )
    # With no line naming a condition or a product, the first title-like line stays the title.
    plain = text.replace("Autologous Melanocyte-Keratinocyte Suspension in Stable Vitiligo", "A Study Of Four Words")
    assert generic_page.parse(plain)[0].brief_title == "Find a research study near you today"


def test_a_line_of_text_under_an_other_id_label_is_no_id():
    """A sponsor's code is short; a sentence under its label is none (it overflowed the column)."""
    sentence = "Participants are seen at the dermatology clinic every four weeks for a year " * 4
    text = f"Keratinocyte Spray for Partial-Thickness Burns\nNCT number: NCT09100033\nOther study ID\n{sentence}\n"
    assert generic_page.parse(text)[0].identifiers == (Identifier("NCT", "NCT09100033"),)
    coded = text.replace(sentence, "KSB-2024-01")
    assert Identifier("ORG", "KSB-2024-01", "sponsor") in generic_page.parse(coded)[0].identifiers


def test_a_one_line_summary_of_badges_reads_each_badge():
    text = "Adipose Stem Cells for Burn Scars\nNCT09100041\nRecruiting • Phase 2 • 40 participants\n"
    record = generic_page.parse(text)[0]
    assert (record.status, record.phases, record.enrollment) == ("RECRUITING", ("PHASE2",), 40)


def test_an_ictrp_style_results_block_is_read():
    text = (
        "\n".join(
            [
                "Keratinocyte Spray for Partial-Thickness Burns",
                "Main ID: NCT09100034",
                "Results available: Yes",
                "URL to results: https://clinicaltrials.gov/study/NCT09100034?tab=results",
            ]
        )
        + "\n"
    )
    record = generic_page.parse(text)[0]
    assert record.has_results is True
    assert record.results_url == "https://clinicaltrials.gov/study/NCT09100034?tab=results"
    # An address is a value only for the results' address: a sponsor given as a link is none.
    assert (
        generic_page.parse(text.replace("Results available: Yes", "Sponsor: https://example.org"))[0].organizations
        == ()
    )


def test_an_eu_portal_record_with_planned_labels_for_a_region_reads():
    """Labels as the EU's trial portal words them: planned, and for the EEA."""
    text = "\n".join(
        [
            "EU CT number 2023-509876-12-00",
            "Title of the trial",
            "Allogeneic adipose-derived stromal cells in diabetic foot ulcers: a phase II study",
            "Overall trial status",
            "Ongoing, recruiting",
            "Estimated recruitment start date in EEA",
            "2024-02-15",
            "Planned number of subjects in the EU",
            "80",
            "",
        ]
    )
    record = generic_page.parse(text)[0]
    assert record.status == "RECRUITING"
    assert (record.start_date.iso(), record.start_date_type) == ("2024-02-15", "ESTIMATED")
    assert (record.enrollment, record.enrollment_type) == (80, "ESTIMATED")


def test_a_japanese_registrys_filing_labels_end_the_condition_and_its_region_is_the_country():
    text = "\n".join(
        [
            "Unique ID issued by UMIN",
            "UMIN000099123",
            "Title of the study (Brief title)",
            "Dermal papilla cells for androgenetic alopecia",
            "Region",
            "Japan",
            "Condition",
            "Androgenetic alopecia",
            "Classification by specialty",
            "Dermatology",
            "Classification by malignancy",
            "Others",
            "Date of first enrollment",
            "2013 Year 06 Month 01 Day",
            "",
        ]
    )
    record = generic_page.parse(text)[0]
    assert record.conditions_raw == ("Androgenetic alopecia",)
    assert [site.country for site in record.sites] == ["Japan"]
    # A region that is no country gives none.
    asia = generic_page.parse(text.replace("Region\nJapan", "Region\nAsia(except Japan)"))[0]
    assert [site.country for site in asia.sites] == []


def test_a_start_date_under_a_planned_or_actual_label_and_beside_its_format():
    text = "\n".join(
        [
            "DRKS-ID: DRKS00099123",
            "Title: Adipose-derived stromal vascular fraction for venous leg ulcers",
            "Planned/Actual: Planned",
            "Planned/Actual start date: 2023-06-01",
            "",
        ]
    )
    assert generic_page.parse(text)[0].start_date.iso() == "2023-06-01"
    rebec = text.replace("Planned/Actual start date: 2023-06-01", "Date first enrollment: (dd/mm/yyyy) 01/09/2021")
    assert generic_page.parse(rebec)[0].start_date.iso() == "2021-09-01"


def test_a_hospital_page_in_its_own_language_names_the_site_and_the_count():
    text = "\n".join(
        [
            "Studio clinico: cellule staminali da cordone ombelicale nella psoriasi",
            "Codice dello studio: NCT09100201",
            "Stato: In corso, reclutamento aperto",
            "Sede: Milano, Italia",
            "",
        ]
    )
    record = generic_page.parse(text)[0]
    assert record.status == "RECRUITING"
    assert [site.country for site in record.sites] == ["Italy"]
    spanish = generic_page.parse(
        "Código del estudio: NCT09100202\nPatología: Quemaduras de segundo grado\nNúmero de pacientes: 20\n"
        "Centro: Hospital Universitario, Sevilla, España\n"
    )[0]
    assert spanish.conditions_raw == ("Quemaduras de segundo grado",)
    assert spanish.enrollment == 20
    assert [site.country for site in spanish.sites] == ["Spain"]


@pytest.mark.parametrize("label", ["Places", "Study sites", "Participating hospitals", "Where to take part"])
def test_a_finders_list_of_places_names_the_countries(label):
    text = f"Trial ID: NCT09100204\nCell suspension for vitiligo\n{label}: Lyon, France; Porto, Portugal\n"
    assert sorted(site.country for site in generic_page.parse(text)[0].sites) == ["France", "Portugal"]


@pytest.mark.parametrize(
    ("lines", "kind"),
    [
        ("Anticipated date of recruitment of the first participant: 2023-03-01", "ESTIMATED"),
        (
            "Anticipated date of recruitment of the first participant: 2023-03-01\n"
            "Actual date of recruitment of the first participant:",  # left empty: no date of its own
            "ESTIMATED",
        ),
        ("Actual date of recruitment of the first participant: 2023-03-01", "ACTUAL"),
    ],
)
def test_the_first_participants_recruitment_is_the_trials_start(lines, kind):
    record = generic_page.parse(f"Trial no.: PACTR202301234567890\nPublic title: Cells for burns\n{lines}\n")[0]
    assert (record.start_date.iso(), record.start_date_type) == ("2023-03-01", kind)


def test_a_longer_label_going_on_after_a_one_word_label_is_no_value():
    text = "NCT number: NCT09100203\nSponsor or collaborator\nExample University\nPatients\n30\n"
    record = generic_page.parse(text)[0]
    assert "or collaborator" not in [o.name for o in record.organizations]
    assert record.enrollment == 30


@pytest.mark.parametrize("label", ["Health conditions investigated", "Health conditions covered"])
def test_a_lone_lower_case_word_after_a_wordy_conditions_label_is_the_labels_own(label):
    # The first a known label said done to; the second no known label, its last word no condition.
    record = generic_page.parse(f"SNCTP000009302\n{label}\nChronic venous leg ulcer\n")[0]
    assert "covered" not in record.conditions_raw
    if label.endswith("investigated"):
        assert record.conditions_raw == ("Chronic venous leg ulcer",)


def test_two_labels_of_one_field_joined_by_a_slash_are_its_label():
    record = generic_page.parse("jRCTb030190901\nTarget Disease / Health condition\nFacial lipoatrophy\n")[0]
    assert record.conditions_raw == ("Facial lipoatrophy",)
    # One half unknown: no label, and what follows the known half is no value.
    record = generic_page.parse("jRCTb030190902\nTarget Disease / Area\nFacial lipoatrophy\n")[0]
    assert record.conditions_raw == ()


def test_coded_condition_lines_stay_in_the_list_and_the_next_sections_label_ends_it():
    # A German-register shape: the code's line longer than a name, then a heading half of it known.
    text = "\n".join(
        [
            "DRKS00091234",
            "Health condition or problem studied",
            "ICD10: I83.2 - Varicose veins of lower extremities with both ulcer and inflammation",
            "Free text: chronic venous leg ulcer",
            "Interventions/Observational Groups",
            "Arm 1: keratinocyte sheets",
        ]
    )
    record = generic_page.parse(text)[0]
    assert record.conditions_raw == (
        "Varicose veins of lower extremities with both ulcer and inflammation",
        "chronic venous leg ulcer",
    )


def test_a_finders_heading_over_the_title_and_its_prose_saying_it_recruits():
    text = "\n".join(
        [
            "Psoriasis Clinical Trial",
            "Umbilical Cord Stem Cell Infusion for Severe Plaque Psoriasis",
            "NCT09100921",
            "What is this study about?",
            "This phase 2 trial, sponsored by Example Skin Hospital, is testing whether intravenous cord cells"
            " reduce plaque psoriasis. It is currently recruiting at 2 sites in China.",
            "First enrolled",
            "2022-03",
            "",
        ]
    )
    record = generic_page.parse(text)[0]
    assert record.brief_title == "Umbilical Cord Stem Cell Infusion for Severe Plaque Psoriasis"
    assert record.status == "RECRUITING"
    assert [site.country for site in record.sites] == ["China"]
    assert record.start_date.iso() == "2022-03"
    # "It" with no trial named before it in its paragraph is nothing's status.
    other = generic_page.parse(
        "NCT09100922\nCord Cells for Plaque Psoriasis in Adults\nThe drug was approved. It is recruiting.\n"
    )[0]
    assert other.status == ""


def test_a_news_items_sentences_about_its_trial():
    completed = generic_page.parse(
        "Research update\nStem cells and scars: new trial results\nThe Phase 2 trial of adipose-derived stem cells"
        " in burn scars, sponsored by Northfield University, has been completed. The study enrolled 52 patients in"
        " Canada and the United Kingdom between 2019 and 2022. Registration: NCT09100932.\n"
    )[0]
    assert completed.status == "COMPLETED"
    assert [o.name for o in completed.organizations] == ["Northfield University"]
    assert [site.country for site in completed.sites] == ["Canada", "United Kingdom"]
    opened = generic_page.parse(
        "Hospital news\nThe Department of Dermatology has begun a study of hair follicle stem cells for alopecia"
        " areata. The study (ISRCTN91009321) will include 30 patients and is now open for recruitment.\n"
    )[0]
    assert (opened.status, opened.enrollment) == ("RECRUITING", 30)


def test_an_eu_portal_trials_area_is_no_condition_and_its_count_said_enrolled_is_read():
    text = "\n".join(
        [
            "EU CT number",
            "2023-509234-12-00",
            "Medical condition",
            "Junctional epidermolysis bullosa",
            "Therapeutic area",
            "Diseases [C] - Skin and Connective Tissue Diseases [C17]",
            "Number of participants enrolled",
            "20",
            "",
        ]
    )
    record = generic_page.parse(text)[0]
    assert record.conditions_raw == ("Junctional epidermolysis bullosa",)
    assert record.enrollment == 20


@pytest.mark.parametrize(
    ("said", "expected"),
    [("EEA: 60", 60), ("EEA: 60; Worldwide: 120", 120), ("In the EEA: 40 In the whole clinical trial: 90", 90)],
)
def test_an_eu_portals_count_for_a_region_is_the_trials(said, expected):
    text = f"EU CT number\n2024-512345-21-00\nExpected number of participants\n{said}\nTrial phase\nPhase II\n"
    assert generic_page.parse(text)[0].enrollment == expected


@pytest.mark.parametrize("label", ["Registration numbers", "Trial registrations", "Registernummern"])
def test_a_portals_list_of_the_trials_registrations_gives_each(label):
    text = f"Fat cells for leg wounds that do not heal\n{label}: SNCTP000004567, NCT04567123\nTrial phase: Phase II\n"
    values = sorted(identifier.value for identifier in generic_page.parse(text)[0].identifiers)
    assert values == ["NCT04567123", "SNCTP000004567"]


@pytest.mark.parametrize("row", ["NCT09106001 | EudraCT 2021-004567-12", "NCT09106001 · 2021-004567-12 · Recruiting"])
def test_one_trials_ids_in_two_registries_side_by_side_under_its_title(row):
    text = f"Umbilical cord cells for epidermolysis bullosa\n{row}\nPhase: Phase 2\n"
    identifiers = [(i.value, i.kind) for i in generic_page.parse(text)[0].identifiers]
    assert identifiers == [("NCT09106001", "primary"), ("2021-004567-12", "secondary")]
    # Two ids of one registry there are two trials: none is the page's own.
    with pytest.raises(MissingIdentifierError):
        generic_page.parse(text.replace(row, "NCT09106001 | NCT09106002"))


@pytest.mark.parametrize("label", ["Studienregister", "Registered at", "Trial registry"])
def test_the_registry_a_portal_names_gives_the_trials_other_registration(label):
    text = f"Fat cells for leg wounds\nSNCTP-Nummer: SNCTP000004567\n{label}: NCT04567123\nTrial phase: Phase II\n"
    identifiers = [(i.value, i.kind) for i in generic_page.parse(text)[0].identifiers]
    assert identifiers == [("SNCTP000004567", "primary"), ("NCT04567123", "secondary")]
    # The registry's name alone is where the record is, no id of the trial's.
    named = text.replace("NCT04567123", "ClinicalTrials.gov")
    assert [i.value for i in generic_page.parse(named)[0].identifiers] == ["SNCTP000004567"]


@pytest.mark.parametrize(
    "said", ["Expecting 40 study participants", "Looking for 40 people", "Approximately 40 adults"]
)
def test_a_finders_count_in_a_few_words(said):
    text = f"Study ID: NCT06801234\nCell spray for vitiligo\nParticipants\n{said}\nSponsor: Example LLC\n"
    assert generic_page.parse(text)[0].enrollment == 40


def test_numbered_conditions_on_one_line_are_each_a_condition():
    text = (
        "Main ID: IRCT20190915044787N2\nPublic title: Exosomes for post-acne scars\n"
        "Health Condition(s) or Problem(s) studied\nCondition 1: Acne scar. Condition 2: Atrophic scar.\n"
        "Intervention(s)\nIntervention 1: Intervention group: laser then exosomes.\n"
    )
    assert generic_page.parse(text)[0].conditions_raw == ("Acne scar", "Atrophic scar")


def test_a_finders_questions_in_other_words():
    text = "\n".join(
        [
            "Alopecia Research Study",
            "NCT09100951",
            "Are new participants being accepted for this trial?",
            "Yes, this trial is actively looking for participants.",
            "What is the study called officially?",
            "A Randomized Trial of Exosomes From Umbilical Cord MSCs in Alopecia Areata",
            "Which countries is the study in?",
            "Brazil and Argentina",
            "",
        ]
    )
    record = generic_page.parse(text)[0]
    assert record.status == "RECRUITING"
    # "Alopecia Research Study" is the site's heading: the official title is the trial's.
    assert record.brief_title == "A Randomized Trial of Exosomes From Umbilical Cord MSCs in Alopecia Areata"
    assert [site.country for site in record.sites] == ["Brazil", "Argentina"]


@pytest.mark.parametrize(
    ("lines", "country"),
    [
        (["Nombre de patients : 30", "Centre : Lyon, France", "Statut : En cours de recrutement"], "France"),
        (["Anzahl der Patienten: 30", "Studienzentrum: Berlin, Deutschland", "Status: Rekrutierend"], "Germany"),
        (["Numero di pazienti: 30", "Centro: Roma, Italia", "Stato: In corso di reclutamento"], "Italy"),
        (["Número de participantes: 30", "Ubicación: Madrid, España", "Estado: Reclutando"], "Spain"),
        (["Anzahl der Patienten: 30", "Standort: Wien, Österreich", "Status: Rekrutierend"], "Austria"),
        (["Nombre de patients : 30", "Localisation : Genève, Suisse", "Statut : Recrutement en cours"], "Switzerland"),
    ],
)
def test_a_hospital_pages_count_centre_and_status_in_its_language(lines, country):
    record = generic_page.parse("\n".join(["NCT09100961", "Cellule staminali per le ustioni", *lines, ""]))[0]
    assert record.enrollment == 30
    assert [site.country for site in record.sites] == [country]
    assert record.status == "RECRUITING"


def test_a_section_heading_the_dictionary_does_not_know_ends_a_list():
    text = "NCT09100981\nConditions\nVitiligo\nPiebaldism\nFurther Information\nA pilot of grafts.\nTrial Timeline\n"
    assert generic_page.parse(text)[0].conditions_raw == ("Vitiligo", "Piebaldism")


@pytest.mark.parametrize(
    "line",
    ["Study sponsored by Example Pharma Inc.", "Trial sponsored by Example Pharma Inc", "Promoter: Example Pharma Inc"],
)
def test_a_sponsor_said_in_a_byline_or_translated(line):
    record = generic_page.parse(f"NCT09102004\nAdipose stem cells for keloids\n{line}\n")[0]
    assert [o.name for o in record.organizations] == ["Example Pharma Inc"]


def test_a_period_where_a_date_is_asked_gives_its_start_and_its_end():
    chinese = generic_page.parse("注册号：\nChiCTR2100099123\n研究实施时间：\n从2021-05-01至2023-05-01\n")[0]
    assert chinese.start_date.iso() == "2021-05-01"
    english = generic_page.parse(
        "Trial ID: NCT09100204\nStart date: 01/05/2021 to 30/04/2023\nCompletion date: 01/05/2021 to 30/04/2023\n"
    )[0]
    assert (english.start_date.iso(), english.completion_date.iso()) == ("2021-05-01", "2023-04-30")
    # the period recruitment runs, "To" glued to its first day as ChiCTR's English page prints it
    for line in ("Recruiting time: From 2024-03-01To 2025-03-01", "Recruitment period: March 2024 - March 2025"):
        assert generic_page.parse(f"Trial ID: NCT09100204\n{line}\n")[0].start_date.iso().startswith("2024-03")


def test_a_japanese_registry_page_with_labels_in_two_languages_reads():
    text = "\n".join(
        [
            "UMIN試験ID",
            "UMIN000099124",
            "一般向け試験名/Title of the study (Brief title)",
            "白斑に対する培養表皮移植",
            "対象疾患名/Condition",
            "尋常性白斑",
            "開発相/Phase",
            "第Ⅱ相",
            "目標参加者数/Target sample size",
            "20",
            "",
        ]
    )
    record = generic_page.parse(text)[0]
    assert record.conditions_raw == ("尋常性白斑",)
    assert (record.phases, record.enrollment) == (("PHASE2",), 20)


def test_a_news_items_headline_is_no_registered_title():
    article = (
        "\n".join(
            [
                "Hospital trial tests fat-derived stem cells on leg ulcers",
                "The trial (NCT09100061) is a phase 1 study of adipose-derived stem cells for chronic leg ulcers.",
                "“We hope to help people whose wounds have not healed,” said Dr. Jane Example, who leads it.",
            ]
        )
        + "\n"
    )
    record = generic_page.parse(article)[0]
    assert record.brief_title == "" and record.phases == ("PHASE1",)
    # A record page that labels its fields keeps its heading as the title, quotes or not.
    page = article + "\nStatus: Recruiting\nPhase: Phase 1\n"
    assert generic_page.parse(page)[0].brief_title == "Hospital trial tests fat-derived stem cells on leg ulcers"
    # Without quoted speech the heading stays the title.
    plain = article.replace(
        "“We hope to help people whose wounds have not healed,” said Dr. Jane Example, who leads it.", ""
    )
    assert generic_page.parse(plain)[0].brief_title == "Hospital trial tests fat-derived stem cells on leg ulcers"


def test_a_bilingual_registry_page_reads_its_language_marks_dates_and_tab_table():
    """A Portuguese-English registry record in the shape people copy from the browser: each value
    under a language mark ("en", "pt-br"), a row of labels over a tab-separated row of values,
    and numeric dates whose order one of them gives away (no month 15)."""
    text = "\n".join(
        [
            "RBR-9z8y7x6",
            "Date of registration: 03/15/2022",
            "Public title:",
            "en",
            "Fat-derived cells for leg ulcers",
            "pt-br",
            "Células de gordura para úlceras de perna",
            "Health conditions:",
            "en",
            "Varicose ulcer",
            "pt-br",
            "Úlcera varicosa",
            "Study status:",
            "Recruiting",
            "Date first enrollment:",
            "(planned) 05/01/2022",
            "Target sample size:\tGender:\tMinimum age:\tMaximum age:",
            "40\t-\t18Y\t80Y",
            "Study phase:",
            "2",
            "",
        ]
    )
    record = generic_page.parse(text)[0]
    assert record.brief_title == "Fat-derived cells for leg ulcers"
    assert record.conditions_raw == ("Varicose ulcer", "Úlcera varicosa")
    assert record.enrollment == 40
    assert record.start_date.iso() == "2022-05-01"  # May 1st, as the page's own "03/15/2022" orders it
    # The same date on a page whose dates give no order away is read day first, as most registries print it.
    assert generic_page.parse(text.replace("03/15/2022", "03/11/2022"))[0].start_date.iso() == "2022-01-05"
    # A page whose dates disagree ("15/03/2022" too) is read day first as well.
    both = text.replace("Study phase:", "Last update: 15/03/2022\nStudy phase:")
    assert generic_page.parse(both)[0].start_date.iso() == "2022-01-05"


@pytest.mark.parametrize(
    ("where", "start"),
    [
        ("Location: Boston, Massachusetts, United States", "2023-04-01"),  # as Americans write it
        ("Location: Lyon, France", "2023-01-04"),
        ("Locations: Boston, United States; Toronto, Canada", "2023-01-04"),
        ("", "2023-01-04"),  # nothing tells: day first, as most of the world
    ],
)
def test_a_numeric_date_no_other_date_orders_is_read_as_the_trials_country_writes_it(where, start):
    page = f"Stem cells for burns\nNCT ID: NCT09101033\nStart date: 4/1/2023\n{where}\n"
    assert generic_page.parse(page)[0].start_date.iso() == start


@pytest.mark.parametrize(
    ("typed", "status"),
    [("Concluido", "COMPLETED"), ("Aun no reclutando", "NOT_YET_RECRUITING"), ("Termine", "COMPLETED")],
)
def test_a_status_typed_without_its_accents_reads(typed, status):
    record = generic_page.parse(f"NCT09100071\nEstado de reclutamiento: {typed}\nFase: Fase II\n")[0]
    assert record.status == status


def test_the_pages_bare_id_beside_an_earlier_trials_id_in_its_text_is_the_pages():
    text = (
        "Study summary\nNCT09100073\nTitle: Fibroblast injection for nasolabial folds\n"
        "This study follows NCT09100074, which tested the same cells in 40 adults.\nStatus: Recruiting\n"
    )
    assert [i.value for i in generic_page.parse(text)[0].identifiers] == ["NCT09100073"]
    # The earlier trial's id alone names none of the page's own.
    with pytest.raises(MissingIdentifierError):
        generic_page.parse(text.replace("NCT09100073\n", ""))


def test_a_forwarded_email_about_a_trial_gives_no_title_from_its_subject_or_signature():
    text = "\n".join(
        [
            "From: Jane Example <jane@example.org>",
            "Subject: New trial for EB patients - please share",
            "",
            "A new trial of gene-corrected keratinocyte grafts for recessive dystrophic epidermolysis bullosa is"
            " open at our centre (NCT09100075). It is a phase 3 study and plans to enrol 24 patients.",
            "",
            "Thanks,",
            "Jane Example, MD",
            "Example Children's Hospital, Boston, MA",
            "",
        ]
    )
    record = generic_page.parse(text)[0]
    assert record.brief_title == ""
    assert (record.phases, record.enrollment) == (("PHASE3",), 24)


@pytest.mark.parametrize(
    ("line", "start"),
    [
        ("The study will begin recruiting in June 2025.", "2025-06"),
        ("Study start: expected in early 2026", "2026"),
        ("Start date: planned for June 2025", "2025-06"),
    ],
)
def test_a_planned_start_in_a_finders_words(line, start):
    record = generic_page.parse(f"NCT09100076\nStem cells for vitiligo\n{line}\n")[0]
    assert (record.start_date.iso(), record.start_date_type) == (start, "ESTIMATED")


def test_a_stopped_trials_status_with_its_long_reason_in_brackets():
    reason = "the sponsor's priorities changed and the product's supply could not be assured"
    record = generic_page.parse(f"NCT09100072\nRecruitment Status: Withdrawn ({reason})\n")[0]
    assert record.status == "WITHDRAWN"
    # Without brackets, as long a line is a sentence, no status.
    assert generic_page.parse(f"NCT09100072\nRecruitment Status: Withdrawn as {reason}\n")[0].status == ""


def test_a_study_period_where_a_start_is_asked_gives_its_first_day():
    text = "KCT0009100\nStatus\tCompleted\nDate of study\t2021-03-02 ~ 2022-02-28 (Actual)\nPhase\tNot applicable\n"
    record = generic_page.parse(text)[0]
    assert record.start_date.iso() == "2021-03-02"
    assert generic_page.parse(text.replace("Date of study", "Study period"))[0].start_date.iso() == "2021-03-02"


def test_a_press_release_says_its_trials_milestones_size_and_country():
    text = "\n".join(
        [
            "Example Bio Doses First Patient in Phase 1/2a Trial of Cord MSCs for Diabetic Foot Ulcers",
            "BOSTON, March 3, 2025 /PRNewswire/ -- Example Bio, Inc. today announced that the first patient has been"
            " dosed in its Phase 1/2a clinical trial (NCT09100081) of an allogeneic umbilical cord-derived"
            " mesenchymal stem cell product in patients with chronic diabetic foot ulcers.",
            "The randomized trial is expected to enroll approximately 60 patients at up to 10 sites in the United"
            " States.",
            "",
        ]
    )
    record = generic_page.parse(text)[0]
    assert record.brief_title == ""  # the release's headline, not the trial's title
    assert (record.status, record.enrollment) == ("RECRUITING", 60)
    assert [site.country for site in record.sites] == ["United States"]


def test_a_news_item_names_its_trials_sponsor_places_start_and_size_not_another_trials():
    text = "\n".join(
        [
            "Keloid cell study reaches its target",
            "A trial testing placental stem cell gel after keloid surgery has finished recruiting its 48"
            " participants, the sponsor, Example Placenta Bio Ltd., said on Monday.",
            "The trial (NCT09100082) is being run at three hospitals in Vietnam and began in June 2024.",
            "Earlier this year, a separate phase 3 study of a cream for eczema enrolled 500 patients in Japan.",
            "",
        ]
    )
    record = generic_page.parse(text)[0]
    assert [site.country for site in record.sites] == ["Vietnam"]
    assert [organization.name for organization in record.organizations] == ["Example Placenta Bio Ltd"]
    assert (record.start_date.iso(), record.enrollment) == ("2024-06", 48)
    # Alone, the other trial's sentence gives the page no country.
    other = generic_page.parse("NCT09100082\nKeloid gel study\n" + text.splitlines()[3] + "\n")[0]
    assert other.sites == ()


def test_a_news_item_gives_the_title_it_quotes_and_the_enrollment_it_completed():
    text = "\n".join(
        [
            "Exosome Hair Study Completes Enrollment",
            "Example Bio said on Tuesday that its phase 2 clinical trial of an exosome therapy derived from adipose"
            " stem cells, for androgenetic alopecia, has completed enrollment of 80 participants at five hospitals"
            " in South Korea.",
            'The study, titled "A Multicenter, Randomized Study of Adipose Stem Cell Exosomes in Male Androgenetic'
            ' Alopecia," is registered as KCT0009101.',
            "",
        ]
    )
    record = generic_page.parse(text)[0]
    assert record.brief_title == (
        "A Multicenter, Randomized Study of Adipose Stem Cell Exosomes in Male Androgenetic Alopecia"
    )
    assert (record.status, record.enrollment) == ("ACTIVE_NOT_RECRUITING", 80)
    assert [site.country for site in record.sites] == ["South Korea"]
    # The company that said "its" trial runs it.
    assert [org.name for org in record.organizations if org.role == "LEAD_SPONSOR"] == ["Example Bio"]


def test_a_news_item_on_a_trial_begun_gives_its_status_and_the_people_it_will_treat():
    text = (
        "University Launches Stem Cell Trial for Vitiligo\n"
        "The University of Example has begun recruiting volunteers for a new study testing transplanted skin"
        " cells for vitiligo (NCT09100091). The pilot trial will treat 20 adults whose vitiligo has been stable.\n"
    )
    record = generic_page.parse(text)[0]
    assert (record.brief_title, record.status, record.enrollment) == ("", "RECRUITING", 20)


def test_a_label_saying_sponsor_outranks_a_source_or_a_funder_above_it():
    page = "NCT09100101\nSource: NTR\nFunder: National Research Council\nPrimary sponsor: Example Medical Centre\n"
    record = generic_page.parse(page)[0]
    assert [org.name for org in record.organizations if org.role == "LEAD_SPONSOR"] == ["Example Medical Centre"]
    # Alone, the funder is still the sponsor a finder page names.
    alone = generic_page.parse("NCT09100101\nFunder: National Research Council\n")[0]
    assert [org.name for org in alone.organizations if org.role == "LEAD_SPONSOR"] == ["National Research Council"]


def test_a_registry_database_heading_gives_way_to_the_protocol_title_and_its_target_number():
    page = "\n".join(
        [
            "Example National Clinical Trials Database",
            "Protocol title: A phase II study of autologous adipose-derived regenerative cells in scleroderma hands",
            "NCT number: NCT09100111",
            "Target number/sample size: 30",
            "",
        ]
    )
    record = generic_page.parse(page)[0]
    assert record.brief_title.startswith("A phase II study of autologous adipose-derived")
    assert record.enrollment == 30


@pytest.mark.parametrize(
    ("lines", "title", "sponsor"),
    [
        (
            [
                "【患者招募】脐带间充质干细胞治疗银屑病",
                "项目名称：人脐带间充质干细胞注射液治疗银屑病的研究",
                "招募人数：60例",
                "申办方：某生物科技有限公司",
            ],
            "人脐带间充质干细胞注射液治疗银屑病的研究",
            "某生物科技有限公司",
        ),
        (
            [
                "[모집] 줄기세포 배양액 탈모 임상시험",
                "연구 제목: 안드로겐성 탈모에서 줄기세포 배양액의 유효성",
                "모집 상태: 모집중",
                "모집 인원: 60명",
                "의뢰자: 예시대학교병원",
            ],
            "안드로겐성 탈모에서 줄기세포 배양액의 유효성",
            "예시대학교병원",
        ),
        (
            [
                "【治験参加者募集】重症熱傷の臨床試験",
                "試験の名称：重症熱傷患者を対象とした自家培養表皮移植の検討",
                "開発フェーズ：第III相",
                "予定症例数：60例",
                "治験依頼者：株式会社例",
            ],
            "重症熱傷患者を対象とした自家培養表皮移植の検討",
            "株式会社例",
        ),
    ],
    ids=["chinese", "korean", "japanese"],
)
def test_a_recruitment_notice_in_chinese_korean_or_japanese_reads(lines, title, sponsor):
    record = generic_page.parse("\n".join(["NCT09100121", *lines, ""]))[0]
    assert record.brief_title == title
    assert record.enrollment == 60
    assert [org.name for org in record.organizations if org.role == "LEAD_SPONSOR"] == [sponsor]


def test_a_grid_copied_column_by_column_pairs_its_labels_and_values_in_order():
    page = "\n".join(
        [
            "NCT09100161",
            "Adipose stem cells for diabetic foot ulcers",
            "Status",
            "Phase",
            "Enrollment",
            "Sponsor",
            "Start date",
            "Recruiting",
            "Phase 2",
            "40",
            "Example University Hospital",
            "March 2024",
            "",
        ]
    )
    record = generic_page.parse(page)[0]
    assert (record.status, record.phases, record.enrollment) == ("RECRUITING", ("PHASE2",), 40)
    assert [org.name for org in record.organizations] == ["Example University Hospital"]
    assert record.start_date.iso() == "2024-03"
    # Values that do not read as their labels' fields are no such grid: nothing is paired.
    shuffled = page.replace("Recruiting\nPhase 2\n40", "40\nRecruiting\nPhase 2")
    assert generic_page.parse(shuffled)[0].enrollment is None


def test_a_sentence_saying_what_will_happen_is_no_title():
    page = (
        "This study tests adipose stem cells injected into diabetic foot ulcers in adults.\n"
        "Participants will receive a single injection and be followed for twelve weeks after it.\n"
        "Study Type:\nInterventional\nPhase:\nPhase 1\nConditions:\nDiabetic Foot Ulcer\n"
    )
    with pytest.raises(MissingIdentifierError) as refused:
        generic_page.parse(page)
    assert refused.value.record.brief_title == ""


def test_a_locations_list_goes_on_through_each_sites_name_status_and_contact():
    page = "\n".join(
        [
            "NCT09100171",
            "Adipose-derived regenerative cells for scleroderma hands",
            "Study Locations",
            "United States, California",
            "Example University Medical Center",
            "Los Angeles, California, United States, 90095",
            "Recruiting",
            "Contact: Jane Roe",
            "Canada, Ontario",
            "Example Western Hospital",
            "Toronto, Ontario, Canada, M5T 2S8",
            "Not yet recruiting",
            "Participation Criteria",
            "Adults with systemic sclerosis.",
            "",
        ]
    )
    record = generic_page.parse(page)[0]
    assert sorted({site.country for site in record.sites}) == ["Canada", "United States"]


def test_a_comparator_label_gives_an_arm_of_its_own():
    page = (
        "ACTRN12624009100181\nIntervention/exposure: Autologous skin cell suspension sprayed on the burn\n"
        "Comparator / control treatment: Split-thickness skin graft\n"
    )
    record = generic_page.parse(page)[0]
    assert [item.name for item in record.interventions] == ["Autologous skin cell suspension sprayed on the burn"]
    assert [(arm.label, arm.type) for arm in record.arms] == [("Split-thickness skin graft", "ACTIVE_COMPARATOR")]


@pytest.mark.parametrize(
    ("sentence", "enrollment"),
    [
        ("In this randomized trial (n = 40), adults with vitiligo receive cultured melanocytes.", 40),
        ("Forty patients with vitiligo will be enrolled and receive cultured melanocytes.", 40),
        ("Sixty-two participants with melasma will be randomised to the cells or to placebo.", 62),
        ("One patient withdrew after the first visit.", None),  # a count below ten in words: no size
        ("The trial needs 48 participants with vitiligo.", 48),  # a finder's answer
        ("Around 48 people will take part in the study.", 48),
        ("Vitiligo affects 1 in 100 people with darker skin.", None),  # a rate, no size
        ("In this phase 2 trial, 72 adults with atopic dermatitis were randomized to exosomes.", 72),
        ("Vitiligo affects 1 in 100 children with darker skin.", None),
    ],
)
def test_a_study_size_said_in_prose_as_n_or_in_words(sentence, enrollment):
    record = generic_page.parse(f"NCT09100201\nPhase: Phase 2\nBrief Summary:\n{sentence}\n")[0]
    assert record.enrollment == enrollment


def test_a_count_with_its_arms_in_brackets():
    assert generic_page.parse("NCT09100202\nEnrollment: N = 40 (20 per arm)\n")[0].enrollment == 40


@pytest.mark.parametrize(
    ("value", "enrollment"),
    [
        ("30-40", None),  # a range: no size
        ("30 to 40 patients", None),
        ("20 per arm", None),  # one group's, the groups unsaid
        ("20 patients in each group", None),
        ("Up to 30", 30),
        ("2 groups of 20", 40),
        ("15 per group, 2 groups", None),  # one group's, then how many: no total said
        ("6 eyes", None),  # parts of the body, no people
        ("60 scars", None),
        ("80 ulcers in 40 patients", 40),  # the people the parts belong to
    ],
)
def test_a_range_or_one_groups_count_is_no_trials_size(value, enrollment):
    assert generic_page.parse(f"NCT09100203\nEnrollment: {value}\n")[0].enrollment == enrollment


@pytest.mark.parametrize(
    ("sentence", "start"),
    [
        ("Enrollment started in January 2024 at two hospitals.", "2024-01"),
        ("Recruitment opened on 1 February 2024.", "2024-02-01"),
        ("The first patient was enrolled in May 2023.", "2023-05"),
        ("The trial started enrolling patients in 2022.", "2022"),
        ("The trial opened to enrollment in February 2024.", "2024-02"),
        ("Patients have been enrolled since April 2023.", "2023-04"),
        # another trial's start is none of this one's
        ("In a previous trial, enrollment started in 2015. This study began in March 2024.", "2024-03"),
    ],
)
def test_a_start_said_as_the_enrollment_begun(sentence, start):
    record = generic_page.parse(f"NCT09100211\nPhase: Phase 2\nBrief Summary:\n{sentence}\n")[0]
    assert (record.start_date.iso(), record.start_date_type) == (start, "ACTUAL")


def test_a_publications_title_is_the_articles_not_the_trials():
    abstract = "\n".join(
        [
            "Efficacy of autologous adipose-derived stem cells in chronic diabetic foot ulcers: a randomized trial",
            "J Example Dermatol. 2024;12(3):145-152.",
            "Abstract",
            "Methods: In this randomized controlled trial, 60 patients with chronic diabetic foot ulcers were"
            " assigned to autologous ADSC injection or standard care.",
            "Trial registration: ClinicalTrials.gov NCT09100221.",
            "",
        ]
    )
    record = generic_page.parse(abstract)[0]
    assert (record.brief_title, record.enrollment) == ("", 60)


def test_a_tabular_views_original_and_removed_values_are_not_the_trials():
    page = "\n".join(
        [
            "NCT09100231",
            "Original Estimated Enrollment\t50",
            "Estimated Enrollment\t30",
            "Listed Location Countries\tJapan",
            "Removed Location Countries\tKorea, Republic of",
            "Study Phase\tPhase 3",
            "",
        ]
    )
    record = generic_page.parse(page)[0]
    assert record.enrollment == 30
    assert [site.country for site in record.sites] == ["Japan"]


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("The study is closed to new participants.", "ACTIVE_NOT_RECRUITING"),
        ("Recruitment is complete and follow-up continues.", "ACTIVE_NOT_RECRUITING"),
        ("The trial was stopped early due to slow enrollment.", "TERMINATED"),
        ("The study was terminated by the sponsor.", "TERMINATED"),
        ("The trial was withdrawn before enrolling its first participant.", "WITHDRAWN"),
        ("The study was stopped in 2020 and restarted later.", ""),  # stopped, for no reason or early: no end said
        ("The previous trial was terminated, and this study is recruiting.", "RECRUITING"),
        ("This study is no longer looking for participants.", "ACTIVE_NOT_RECRUITING"),  # a finder's words
        ("Recruitment for this study has finished.", "ACTIVE_NOT_RECRUITING"),
        ("This study is not yet accepting patients.", "NOT_YET_RECRUITING"),
        ("The previous study is no longer looking for participants.", ""),
    ],
)
def test_a_status_said_as_the_trial_closed_stopped_or_withdrawn(sentence, status):
    record = generic_page.parse(f"NCT09100251\nPhase: Phase 2\nBrief Summary:\n{sentence}\n")[0]
    assert record.status == status


@pytest.mark.parametrize(
    "title",
    [
        "Ensayo clínico fase II de células madre mesenquimales en psoriasis",
        "Phase-II-Studie mit Stammzellen bei Verbrennungen",
        "Studio di fase 2 con cellule staminali nella psoriasi",
        "脐带间充质干细胞治疗银屑病的Ⅱ期临床试验",
        "乾癬に対する間葉系幹細胞の第II相試験",
        "건선에 대한 줄기세포 2상 임상시험",
    ],
)
def test_a_phase_named_in_a_title_in_another_language(title):
    assert generic_page.parse(f"NCT09100261\n{title}\nStatus: Recruiting\n")[0].phases == ("PHASE2",)


def test_the_references_a_page_cites_are_not_the_trial():
    page = "\n".join(
        [
            "Doe J, Roe R Hair follicle stem cells in plucked hair. Example J Dermatol. 2004 May;150(5):860-8."
            " doi: 10.1000/ejd.2004.1.",
            "Poe A, Loe B Conditioned medium after fractional laser. Example Dermatol Surg. 2021 Nov 19;14:1725-1736.",
            "Autologous Cellular Micro-graft in Stable Vitiligo: A Randomized Self-controlled Trial",
            "Interventional studies are often prospective and are tailored to evaluate direct impacts of treatment.",
            "Phase 1: Researchers test a new treatment in a small group of people for the first time.",
            "",
        ]
    )
    record = generic_page.read_page(page)
    assert (
        record.brief_title == "Autologous Cellular Micro-graft in Stable Vitiligo: A Randomized Self-controlled Trial"
    )
    result = classify(record)
    assert (result.cell_sources, result.product_types) == ([], ["Cells"])


def test_a_sentence_citing_a_paper_in_the_trials_description_is_kept():
    page = "NCT09100231\nDetailed Description:\nADSCs improved scars in pilot work (Doe, 2019;12:34-40) and are injected here.\n"
    record = generic_page.parse(page)[0]
    assert "ADSCs improved scars" in record.detailed_description


def _portal_page(*lines: str) -> str:
    """A page of the lines given, one per line."""
    return "\n".join(lines) + "\n"


def test_a_national_portals_record_in_english():
    page = _portal_page(
        "Swiss National Clinical Trials Portal (SNCTP)",
        "SNCTP000009921",
        "Tissue-engineered autologous skin for children with severe burns",
        "Disease category",
        "Skin diseases, Injuries",
        "Health condition(s)",
        "Burns, full-thickness",
        "Recruitment status",
        "Completed",
        "Sponsor",
        "University Children's Hospital Example",
        "Primary registry",
        "ClinicalTrials.gov: NCT09103301",
        "Start of the trial",
        "01.06.2019",
    )
    record = generic_page.parse(page)[0]
    assert record.identifiers[0] == Identifier("SNCTP", "SNCTP000009921")
    assert Identifier("NCT", "NCT09103301", kind="secondary") in record.identifiers
    assert record.brief_title == "Tissue-engineered autologous skin for children with severe burns"
    assert record.conditions_raw == ("Burns, full-thickness",)  # the portal's category is its index
    assert record.start_date.iso() == "2019-06-01"


def test_a_national_portals_record_in_french_and_german():
    french = _portal_page(
        "Portail suisse des essais cliniques",
        "SNCTP000009922",
        "Peau tissulaire autologue chez l'enfant brûlé",
        "Titre scientifique",
        "Essai de phase II d'un substitut cutané dermo-épidermique autologue chez des enfants brûlés",
        "Catégorie de maladie",
        "Maladies de la peau",
        "Pathologie(s)",
        "Brûlures",
        "Début de l'essai",
        "01.09.2021",
    )
    record = generic_page.parse(french)[0]
    assert record.brief_title == "Peau tissulaire autologue chez l'enfant brûlé"
    assert record.conditions_raw == ("Brûlures",)  # "Maladies de la peau" is no label and its value
    assert classify(record).product_types == ["Cells"]  # a dermo-epidermal skin substitute
    german = _portal_page(
        "Schweizer Portal für klinische Studien",
        "SNCTP000009923",
        "Fettgewebsstammzellen bei chronischen Wunden",
        "Krankheit",
        "Venöses Ulcus cruris",
    )
    result = classify(generic_page.parse(german)[0])
    assert (result.cell_sources, result.product_types) == (["Adipose tissue"], ["Cells"])


@pytest.mark.parametrize(
    ("lines", "sponsor"),
    [
        (["This study is led by Example Skin Institute and is enrolling adults."], "Example Skin Institute"),
        (["Organizer", "Example Hospital of Dermatology"], "Example Hospital of Dermatology"),
        (["Study run by Example Hair Research Foundation"], "Example Hair Research Foundation"),
        (["Funded and sponsored by Example Biotech Co., Ltd."], "Example Biotech Co., Ltd"),
    ],
)
def test_a_sponsor_said_as_who_runs_the_trial(lines, sponsor):
    page = "\n".join(["Exosome gel for acne scars", "NCT09104403", *lines, "Status: Recruiting", ""])
    record = generic_page.parse(page)[0]
    assert [organization.name for organization in record.organizations] == [sponsor]


@pytest.mark.parametrize("kind", ["Investigator-initiated", "Self-funded", "Industry", "Autofinanciado"])
def test_a_kind_of_funding_where_the_sponsor_is_asked_names_no_sponsor(kind):
    page = f"Exosome gel for acne scars\nNCT09104403\nSponsor: {kind}\nStatus: Recruiting\n"
    assert generic_page.parse(page)[0].organizations == ()


def test_a_person_leading_the_trial_is_not_its_sponsor():
    page = "Exosome gel for acne scars\nNCT09104403\nThis study is led by Dr Jane Example.\nStatus: Recruiting\n"
    assert generic_page.parse(page)[0].organizations == ()


def test_a_start_and_end_said_as_began_and_ends():
    page = "Exosome gel for acne scars\nNCT09104703\nStudy dates\nBegan: 12 Jan 2022\nEnds: Dec 2024\n"
    record = generic_page.parse(page)[0]
    assert (record.start_date.iso(), record.completion_date.iso()) == ("2022-01-12", "2024-12")


@pytest.mark.parametrize(
    ("line", "attribute", "value"),
    [
        ("This Phase 2 trial is currently recruiting patients with diabetic foot ulcers.", "phases", ("PHASE2",)),
        ("Trial stage: Phase 3", "phases", ("PHASE3",)),
        ("A previous phase 1 trial of these cells was completed in 2019.", "phases", ()),  # another trial's
        ("Disease stage: II", "phases", ()),  # the disease's stage, no phase
        ("Looking for 24 volunteers aged 18-45 with acne scars.", "enrollment", 24),
        ("We plan to enroll 50 subjects across 4 sites.", "enrollment", 50),
        ("Number of patients: Twenty", "enrollment", 20),
        ("Sample size: 2 x 30", "enrollment", 60),  # two arms of thirty
        ("Sample size: 2 groups of 15", "enrollment", 30),
        ("Participantes: 32", "enrollment", 32),
        ("A previous trial enrolled 12 patients and another 30 patients.", "enrollment", None),  # another trial's
        # what was done before: the cells' history, not this study's size
        ("Cultured fibroblasts were previously studied in 215 patients in the United States.", "enrollment", None),
        ("The cells have already been tested in 40 patients with burns.", "enrollment", None),
        ("In 2019, a pilot in 12 children showed that the cells were safe.", "enrollment", None),  # what it found
        ("An earlier study of the cream found benefit in 80 patients.", "enrollment", None),
        ("This study found the cells safe in 24 patients.", "enrollment", 24),  # its own results
        ("Up to 40 patients per year are referred for surgery.", "enrollment", None),  # a rate
        ("Our burns unit can treat 300 children every year.", "enrollment", None),
        ("We are looking for 30 adults aged 18 to 60 with stable vitiligo.", "enrollment", 30),
        ("In this randomized split-face trial, 30 patients received the gel.", "enrollment", 30),  # an abstract's
        ("Approximately 32 participants", "enrollment", 32),  # a finder's badge
        ("Recruiting at 2 trial locations in the United States", "enrollment", None),
    ],
)
def test_a_phase_or_a_count_said_in_a_finders_short_line(line, attribute, value):
    page = f"Stem cell therapy for diabetic foot ulcers\nNCT09104501\n{line}\n"
    assert getattr(generic_page.parse(page)[0], attribute) == value


def test_a_sponsor_under_its_sections_name_column():
    page = "UC-MSC for atopic dermatitis\nNCT09105002\nSponsor Information\nName\nExample University Hospital\nType\nAcademic\n"
    record = generic_page.parse(page)[0]
    assert [organization.name for organization in record.organizations] == ["Example University Hospital"]


def test_a_condition_list_ends_at_a_field_the_dictionary_does_not_know():
    page = _portal_page(
        "MSC for epidermolysis bullosa",
        "NCT09105105",
        "Indication",
        "Recessive dystrophic epidermolysis bullosa (RDEB)",
        "Product: Allogeneic ABCB5+ mesenchymal stromal cells",
        "Diseases",
        "Skin Ulcer, Venous",
        "ICD10: L97 - Ulcer of lower limb, not elsewhere classified",  # a coded condition goes on
        "Intervention type: Biological",
    )
    assert generic_page.parse(page)[0].conditions_raw == (
        "Recessive dystrophic epidermolysis bullosa (RDEB)",
        "Skin Ulcer, Venous",
        "Ulcer of lower limb, not elsewhere classified",
    )


def test_a_finders_line_saying_where_it_recruits():
    page = _portal_page(
        "Adipose stem cells for hair loss", "NCT09105502", "Recruiting at 2 trial locations in the United States"
    )
    assert [site.country for site in generic_page.parse(page)[0].sites] == ["United States"]


@pytest.mark.parametrize(
    "lines",
    [
        ("How many people: 24",),  # a hospital page's plain words, no question mark
        ("How many people", "24"),
        ("How many people will take part?", "24"),
        ("Tamaño de muestra: 24 participantes",),
    ],
)
def test_a_count_asked_in_plain_words_or_in_spanish(lines):
    page = _portal_page("Hair follicle cells for vitiligo", "ISRCTN12345678", *lines)
    assert generic_page.parse(page)[0].enrollment == 24


def test_a_plain_words_question_for_another_thing_is_no_field():
    """'Who can take part' asks who is eligible, not who runs the trial."""
    page = _portal_page("Hair follicle cells for vitiligo", "ISRCTN12345678", "Who can take part: adults with vitiligo")
    record = generic_page.parse(page)[0]
    assert record.enrollment is None and record.organizations == ()


@pytest.mark.parametrize(
    "size, enrollment",
    [
        ("Experimental group: 20; Control group: 20", 40),
        ("Arm A 15, Arm B 15", 30),
        ("试验组:30;对照组:30", 60),
        ("Group I 10; Group II 12", 22),
        ("Treatment group 25 participants; placebo group 25 participants", 50),
        ("20, 30", 20),  # no group named: not summed (the first number, as before)
    ],
)
def test_a_sample_size_given_per_group_is_their_sum(size, enrollment):
    """A table's cell under its label, or on the label's line: the groups' own labels ("Control
    group", a comparator's) are no fields of their own there."""
    page = _portal_page("Amniotic epithelial cells for psoriasis", "NCT09105601", "Sample size", size)
    assert generic_page.parse(page)[0].enrollment == enrollment
    one_line = _portal_page("Amniotic epithelial cells for psoriasis", "NCT09105601", f"Sample size: {size}")
    assert generic_page.parse(one_line)[0].enrollment == enrollment


def test_a_comparators_label_after_a_size_on_its_line_is_still_a_field():
    page = _portal_page("Amniotic cells for psoriasis", "NCT09105601", "Enrollment: 40; Control group: Placebo")
    assert generic_page.parse(page)[0].enrollment == 40


@pytest.mark.parametrize("label", ["Recruitment country", "Countries of recruitment", "Recruitment countries"])
def test_a_label_in_the_other_number_is_the_same_label(label):
    page = _portal_page("Adipose regenerative cells for venous ulcers", "NCT09105701", f"{label}: Australia")
    assert [site.country for site in generic_page.parse(page)[0].sites] == ["Australia"]


def test_a_sponsor_label_over_a_sentence_gives_the_name_the_sentence_says():
    page = _portal_page(
        "Stem cells for diabetic foot ulcers",
        "NCT09105801",
        "Trial sponsor",
        "The trial is sponsored by Example Bio, Inc.",
    )
    assert [o.name for o in generic_page.parse(page)[0].organizations] == ["Example Bio, Inc"]


def test_the_places_said_after_the_sponsor_in_one_sentence():
    page = _portal_page(
        "Stem cells for diabetic foot ulcers",
        "NCT09105802",
        "This study is sponsored by Example Pharma and is being conducted at 3 sites in Spain.",
    )
    record = generic_page.parse(page)[0]
    assert [site.country for site in record.sites] == ["Spain"]
    assert [o.name for o in record.organizations] == ["Example Pharma"]


def test_a_news_items_trial_at_a_hospital_in_a_city_and_its_country():
    page = (
        "Stem cells from fat heal stubborn leg ulcers in early trial\n\n"
        "Posted on 3 March 2024 by Staff Writer\n\n"
        "A small trial at Example University Hospital in Lyon, France, has found that injecting cells taken "
        "from patients' own fat helped venous leg ulcers close faster. The phase 2 study, registered as "
        "NCT09107777, enrolled 32 patients.\n\n"
        "An earlier trial at the same hospital in Seoul tested a cream.\n"
    )
    record = generic_page.parse(page)[0]
    assert [site.country for site in record.sites] == ["France"]
    assert classify(record).cell_sources == ["Adipose tissue"]


@pytest.mark.parametrize(
    "headline, body",
    [
        (
            "Stem cell sheet heals more diabetic foot ulcers, trial finds",
            "Results of a phase 3 trial (NCT09105901) of an allogeneic adipose stem cell sheet were reported.",
        ),
        (
            "Adipose stem cell sheet for diabetic foot ulcers",
            "Results of a phase 3 trial (NCT09105901) published today show more ulcers healed.",
        ),
        (
            "Japanese hospital tests cultured epidermis in vitiligo",
            "Example University Hospital has started a clinical trial (NCT09105901) of cultured epidermis.",
        ),
        (
            "Cord blood stem cells help heal burns in first human trial",
            "Posted on 3 March 2024\n4 min read\nDoctors treated 20 burn patients in a trial (NCT09105901).",
        ),
    ],
)
def test_a_news_items_headline_is_no_trial_title(headline, body):
    record = generic_page.parse(f"{headline}\n{body}\n")[0]
    assert record.brief_title == "" and record.identifiers[0].value == "NCT09105901"
    # ... but it says what the trial tests: the article's text begins with it.
    assert record.detailed_description.startswith(headline)


@pytest.mark.parametrize("joined", [False, True])
def test_a_structured_abstracts_title_is_the_articles_not_the_trials(joined):
    """A meeting abstract about the trial: its title is the article's (it still tells the product)."""
    parts = [
        "Background: Burn wounds heal slowly.",
        "Methods: In this trial (NCT09107960), 20 patients received placental MSC gel.",
        "Results: Healing was faster with the gel.",
        "Conclusion: The gel is promising.",
    ]
    text = "Placental MSC gel speeds burn healing: a pilot trial\nA. Author, B. Author\n" + (
        " ".join(parts) if joined else "\n".join(parts)
    )
    record = generic_page.parse(text + "\n")[0]
    assert record.brief_title == ""
    assert classify(record).cell_sources == ["Placenta"]
    # One part named ("Results: none posted") is a registry's field, not an abstract.
    registry = generic_page.parse("Placental MSC gel for burns\nNCT ID: NCT09107961\nResults: none posted\n")[0]
    assert registry.brief_title == "Placental MSC gel for burns"


def test_a_chinese_news_items_headline_gives_way_to_the_trials_quoted_title():
    """A hospital's news item: its headline ("our hospital launches ...") is the article's; the
    trial's title is the one quoted before its id."""
    text = (
        "我院启动干细胞治疗白癜风临床研究\n发布时间：2024-05-20 来源：宣传部\n"
        "近日，我院皮肤科牵头的“自体培养黑素细胞移植治疗稳定期白癜风的随机对照临床研究”（NCT09107962）正式启动。\n"
    )
    record = generic_page.parse(text)[0]
    assert record.brief_title == "自体培养黑素细胞移植治疗稳定期白癜风的随机对照临床研究"
    # Without the quoted title, the headline is still no title.
    unquoted = text.replace("“自体培养黑素细胞移植治疗稳定期白癜风的随机对照临床研究”", "白癜风研究")
    assert generic_page.parse(unquoted)[0].brief_title == ""


def test_a_chinese_news_items_sentences_keep_their_trials_id_and_words():
    # No spaces in a Chinese sentence: no glued cells to cut apart (the id was cut "Chi" | "CTR..."),
    # and a long one is the page's prose.
    text = (
        "医院新闻\n我院开展人脐带间充质干细胞治疗白癜风临床研究\n发布时间：2024-06-18 浏览次数：1256\n"
        "近日，我院皮肤科启动“人脐带间充质干细胞治疗稳定期白癜风的安全性和有效性研究”（注册号：ChiCTR2400081234），"
        "计划招募受试者40例。该研究为I期临床试验，由我院皮肤科牵头。\n目前研究正在招募中，符合条件的患者可联系皮肤科门诊。\n"
    )
    record = generic_page.parse(text)[0]
    assert [identifier.value for identifier in record.identifiers] == ["ChiCTR2400081234"]
    assert record.brief_title == "人脐带间充质干细胞治疗稳定期白癜风的安全性和有效性研究"  # quoted, its id labelled
    assert (record.enrollment, record.phases, record.status) == (40, ("PHASE1",), "RECRUITING")
    classification = classify(record)
    assert classification.in_scope and classification.conditions == ["Vitiligo"]


@pytest.mark.parametrize(
    ("sentence", "phases", "status"),
    [
        ("本試験は第II相試験で、現在、参加者を募集しています。", ("PHASE2",), "RECRUITING"),  # Japanese
        ("이 연구는 제2상 임상시험으로 현재 참여자를 모집 중입니다.", ("PHASE2",), "RECRUITING"),  # Korean
        ("该试验已完成入组，预计明年公布结果。", (), "ACTIVE_NOT_RECRUITING"),
        ("其他研究正在招募，欢迎咨询皮肤科门诊的医生和护士。", (), ""),  # other studies: not this one's status
        ("本試験は現在、参加者を募集しておりません。", (), ""),  # not recruiting
        ("이 연구는 현재 참여자를 모집하고 있지 않습니다.", (), ""),
        ("이 연구는 IV 상처 치료 후 줄기세포를 투여합니다.", (), ""),  # an intravenous ... wound, no phase IV
    ],
)
def test_a_trials_phase_and_status_said_in_chinese_japanese_or_korean_prose(sentence, phases, status):
    record = generic_page.parse(f"Stem cells for psoriasis\nNCT ID: NCT09107963\n{sentence}\n")[0]
    assert (record.phases, record.status) == (phases, status)


@pytest.mark.parametrize(
    ("sentence", "enrollment"),
    [
        ("该研究计划招募60名中重度银屑病患者。", 60),  # Chinese
        ("本試験では40名を登録する予定です。", 40),  # Japanese
        ("이 연구는 환자 30명을 모집할 예정입니다.", 30),  # Korean
    ],
)
def test_a_study_size_said_in_chinese_japanese_or_korean_prose(sentence, enrollment):
    record = generic_page.parse(f"Stem cells for psoriasis\nNCT ID: NCT09107963\n{sentence}\n")[0]
    assert record.enrollment == enrollment


def test_a_press_releases_headline_tells_the_product_and_the_phase():
    text = (
        "Press release — 4 February 2026\n"
        "Example Therapeutics completes enrollment in its Phase 1 trial of allogeneic keratinocyte sheets for burns\n"
        "Example Therapeutics today announced that enrollment is complete in EX-BURN-1 (ClinicalTrials.gov: "
        "NCT09107951), a 24-patient trial at three US burn centers.\n"
    )
    record = generic_page.parse(text)[0]
    assert (record.brief_title, record.phases, record.enrollment) == ("", ("PHASE1",), 24)
    result = classify(record)
    assert (result.cell_sources, result.origins, result.in_scope) == (["Keratinocytes"], ["Allogeneic"], True)


def test_stem_cells_from_a_patients_belly_fat_are_adipose():
    record = generic_page.parse(
        "Trial tests stem cells from fat on foot ulcers\nThe Phase 2 study (NCT09107950) tests stem cells taken "
        "from a patient's own belly fat on diabetic foot ulcers.\n“Many wounds never close,” said Dr. Ana Example.\n"
    )[0]
    assert classify(record).cell_sources == ["Adipose tissue"]


def test_an_official_title_over_the_short_one_gives_way_to_it():
    official = (
        "A Phase 1/2, Open-label, Single-arm Study to Evaluate the Safety and Efficacy of Intradermal "
        "Injections of Autologous Fibroblasts in Patients With Recessive Dystrophic Epidermolysis Bullosa"
    )
    page = _portal_page(official, "Fibroblasts for RDEB", "NCT09106001", "Status: Active, not recruiting")
    assert generic_page.parse(page)[0].brief_title == "Fibroblasts for RDEB"
    # The usual order, and a short line under a title that is no official one, stay as they were.
    usual = _portal_page("Fibroblasts for RDEB", official, "NCT09106001", "Status: Active, not recruiting")
    assert generic_page.parse(usual)[0].brief_title == "Fibroblasts for RDEB"
    plain = _portal_page(
        "Autologous Fibroblast Injections in Recessive Dystrophic Epidermolysis Bullosa Wounds",
        "Fibroblasts for RDEB",
        "NCT09106001",
    )
    assert generic_page.parse(plain)[0].brief_title.startswith("Autologous Fibroblast Injections")


@pytest.mark.parametrize(
    "label",
    ["Lead Agency", "Entidad patrocinadora", "Promotor principal", "Organismo promotor", "研究实施负责（组长）单位"],
)
def test_a_sponsor_under_the_registries_other_labels(label):
    page = _portal_page("Stem cells for diabetic foot ulcers", "NCT09106101", f"{label}: Example University Hospital")
    assert [o.name for o in generic_page.parse(page)[0].organizations] == ["Example University Hospital"]


@pytest.mark.parametrize(
    "lines, title, condition, intervention",
    [
        (
            ("题目：人脐带间充质干细胞治疗银屑病的临床研究", "疾病：银屑病", "干预措施：脐带间充质干细胞静脉输注"),
            "人脐带间充质干细胞治疗银屑病的临床研究",
            "银屑病",
            "脐带间充质干细胞静脉输注",
        ),
        (
            (
                "Titolo: Esosomi vegetali per il fotoinvecchiamento",
                "Patologia: Fotoinvecchiamento",
                "Intervento: crema",
            ),
            "Esosomi vegetali per il fotoinvecchiamento",
            "Fotoinvecchiamento",
            "crema",
        ),
    ],
)
def test_a_title_condition_and_intervention_under_their_chinese_and_italian_labels(
    lines, title, condition, intervention
):
    record = generic_page.parse(_portal_page("NCT09106301", *lines))[0]
    assert (record.brief_title, record.conditions_raw) == (title, (condition,))
    assert [item.name for item in record.interventions] == [intervention]


def test_the_id_said_as_this_trials_beside_an_earlier_ones_and_that_ones_size():
    page = _portal_page(
        "Exosomes for hair loss",
        "Status: Recruiting",
        "This trial (NCT09106401) follows an earlier pilot (NCT09106400) that enrolled 12 patients with alopecia.",
    )
    record = generic_page.parse(page)[0]
    assert [i.value for i in record.identifiers] == ["NCT09106401"]
    assert record.enrollment is None  # the pilot's twelve are not this trial's
    registered = _portal_page(
        "Exosomes for hair loss",
        "The new study, registered as NCT09106402, builds on NCT09106400 and will enroll 40 patients with alopecia.",
    )
    assert [i.value for i in generic_page.parse(registered)[0].identifiers] == ["NCT09106402"]


@pytest.mark.parametrize(
    "heading",
    ["Vitiligo Clinical Trials 2024", "Stem Cell Clinical Trials Near You", "Psoriasis Clinical Trials in Texas"],
)
def test_a_finders_listing_heading_over_the_title_is_no_title(heading):
    page = _portal_page(heading, "Adipose-Derived Stem Cells for Facial Scars", "NCT09106501", "Status: Recruiting")
    assert generic_page.parse(page)[0].brief_title == "Adipose-Derived Stem Cells for Facial Scars"


@pytest.mark.parametrize(
    "sentence, phases, status",
    [
        ("This is a Phase IIb, randomized study.", ("PHASE2",), ""),
        ("A first-in-human phase 1 study of keratinocyte sheets.", ("PHASE1",), ""),
        ("The trial is no longer recruiting.", (), "ACTIVE_NOT_RECRUITING"),
        ("This study is now accepting new participants.", (), "RECRUITING"),
        ("We are currently recruiting patients for this study.", (), "RECRUITING"),
        ("Recruitment is paused.", (), "SUSPENDED"),
        ("A previous phase 1 study showed safety.", (), ""),  # another trial's phase
    ],
)
def test_a_phase_or_status_said_in_a_finders_sentence(sentence, phases, status):
    record = generic_page.parse(_portal_page("Stem cells for burns", "NCT09106601", sentence))[0]
    assert (record.phases, record.status) == (phases, status)


def test_a_sponsor_heading_over_a_naming_row_and_a_label_with_a_leading_qualifier():
    """A registry's sponsor block ("Sponsor" over "Institute<TAB>name", the funder's block after it)
    and a date label opened by its qualifier in brackets."""
    page = (
        "Unique ID issued by UMIN\tUMIN000099001\n"
        "Public title\tCultured epidermis for vitiligo\n"
        "Sponsor\n"
        "Institute\tExample University Hospital\n"
        "Funding Source\n"
        "Organization\tExample Agency for Research\n"
        "(Anticipated or Actual) Date of First Enrollment: 2017-06-01\n"
        "Countries of recruitment\n"
        "DE Germany\n"
    )
    record = generic_page.read_page(page)
    assert [o.name for o in record.organizations if o.role == "LEAD_SPONSOR"] == ["Example University Hospital"]
    assert record.start_date and record.start_date.iso() == "2017-06-01"
    assert [site.country for site in record.sites] == ["Germany"]


def test_a_sponsor_said_as_who_organised_the_trial():
    page = "Trial ID: NCT09200002\nTrial name: Stem cells for vitiligo\nOrganised by: Example Hospital Trust\n"
    assert [o.name for o in generic_page.read_page(page).organizations] == ["Example Hospital Trust"]


@pytest.mark.parametrize(
    "heading",
    [
        "Participate in a Research Study",
        "Join a clinical trial",
        "# Take part in this study",
        "Welcome to the Stem Cell Clinic",
        "Find out more about this study",
        "Current Clinical Trials in Dermatology",
        "Dr. Jane Doe, MD, PhD",
        "Are you living with a diabetic foot ulcer that won't heal?",
        "Struggling with hair loss?",
        "You may be eligible for a research study of an investigational cell therapy for burn scars.",
        "Do you have vitiligo on your hands? You may be eligible for a study of melanocyte transplantation.",
        "Burn scars that itch? You could qualify for a study of fat-derived stem cells.",
        "What is this study about?",
        "Why is the trial being done?",
        "Interested in this trial?",
        "Ask a question about this trial",
        "Contact the study team",
        "Study of the Month",
        "Cell therapy trials",
        "Advancing Regenerative Medicine Since 1998",
        "Clinical Trials Registry - India",
        "German Clinical Trials Register",
        "International Clinical Trials Registry Platform",
        "Cuban Public Registry of Clinical Trials",
        "Clinical Research Information Service",
        "Trial record 1 of 1 for: stem cell burn scars",
        "Breadcrumb: Studies / Skin",
        "Print this page Share Email",
        "Study record managers: refer to the Data Element Definitions if submitting registration or results.",
        # a finder's or a hospital's own headings, a guide's
        "Hair loss research opportunities",
        "Skin conditions we study",
        "Stem Cell Therapy for Hair Loss: What to Know",
        "Adipose stem cells for burn scars – a patient's guide",
    ],
)
def test_a_sites_own_words_over_a_trial_are_no_title(heading):
    """(A registry's own name over its record, too; "A Registry of Outcomes of ..." may be a title.)"""
    text = f"{heading}\nNCT ID: NCT09100340\nStatus: Recruiting\nThis study tests adipose stem cells in burn scars.\n"
    assert generic_page.parse(text)[0].brief_title == ""
    titled = f"{heading}\nAdipose Stem Cells for Burn Scars\nNCT ID: NCT09100340\nStatus: Recruiting\n"
    assert generic_page.parse(titled)[0].brief_title == "Adipose Stem Cells for Burn Scars"


def test_a_sites_menu_above_the_title_is_passed_over():
    """A hospital's page opens with its menu: short lines, one naming another service of cells."""
    menu = (
        "Request an Appointment\nFind a Doctor\nDepartments & Centers\nBlood and Marrow Transplant Program\n"
        "Allogeneic Stem Cell Transplant\nAutologous Fat Grafting\nClinical Trials\n"
    )
    page = (
        f"Example Health | Clinical Trials\n{menu}"
        "A Study of Umbilical Cord Mesenchymal Stem Cells for Chronic Wounds\nNCT ID: NCT09100343\n"
        "Status: Recruiting\nThe purpose of this study is to evaluate umbilical cord derived mesenchymal stem"
        " cells applied to chronic venous leg ulcers.\n"
    )
    record = generic_page.parse(page)[0]
    assert record.brief_title == "A Study of Umbilical Cord Mesenchymal Stem Cells for Chronic Wounds"
    assert classify(record).origins == []
    # A page with nothing but such lines above its fields takes the first that reads as a title.
    chips = "Exosomes for Acne Scars\nAcne scars\nExosomes\nMicroneedling\nNCT ID: NCT09100344\nStatus: Recruiting\n"
    assert generic_page.parse(chips)[0].brief_title == "Exosomes for Acne Scars"
    # ... and where the only other line reads as no title (a department's name)
    headed = f"Skin Research at Example University Hospital Department\n{chips}"
    assert generic_page.parse(headed)[0].brief_title == "Exosomes for Acne Scars"


def test_a_title_may_ask_its_own_question_or_open_with_a_condition():
    page = "Do Adipose Stem Cells Soften Burn Scars?\nNCT ID: NCT09100341\nStatus: Recruiting\n"
    assert generic_page.parse(page)[0].brief_title == "Do Adipose Stem Cells Soften Burn Scars?"
    # ... and a condition's name may open it
    page = "Contact Dermatitis and Adipose Stem Cell Conditioned Medium\nNCT ID: NCT09100342\nStatus: Recruiting\n"
    assert generic_page.parse(page)[0].brief_title == "Contact Dermatitis and Adipose Stem Cell Conditioned Medium"


@pytest.mark.parametrize(
    "title",
    ["Exosome treatment for alopecia in women", "Knowing the donor: allogeneic keratinocytes for burns"],
)
def test_a_title_near_a_guides_or_sites_words_is_still_a_title(title):
    text = f"{title}\nNCT ID: NCT09100342\nStatus: Recruiting\n"
    assert generic_page.parse(text)[0].brief_title == title


def test_a_registry_study_may_be_named_a_registry():
    text = "A Registry of Outcomes of Stem Cell Treatments for Vitiligo\nNCT09100341\nStatus: Recruiting\n"
    assert generic_page.parse(text)[0].brief_title == "A Registry of Outcomes of Stem Cell Treatments for Vitiligo"


@pytest.mark.parametrize(
    "first_line",
    [
        "NCT09105301: Micro-fat grafting for acne scars",
        "Trial NCT09105301: Micro-fat grafting for acne scars",
        "Study NCT09105301 — Micro-fat grafting for acne scars",
        "Micro-fat grafting for acne scars (NCT09105301)",
    ],
)
def test_a_title_beside_its_id_named_or_not_is_the_title(first_line):
    page = (
        f"{first_line}\nInvestigators at a private clinic are comparing nanofat with saline.\nParticipants: 24 adults\n"
    )
    record = generic_page.parse(page)[0]
    assert (record.brief_title, record.identifiers[0].value) == ("Micro-fat grafting for acne scars", "NCT09105301")


def test_participating_countries_by_their_short_names():
    page = "Stem cells for burns\nNCT09105302\nParticipating countries: UK, USA, KSA\n"
    record = generic_page.parse(page)[0]
    assert sorted(site.country for site in record.sites) == ["Saudi Arabia", "United Kingdom", "United States"]


@pytest.mark.parametrize("listing_line", ["You are viewing study 3 of 12", "Showing result 2 of 40"])
def test_a_listings_place_over_a_row_of_chips_is_no_title(listing_line):
    page = f"{listing_line}\nNCT09105303 | Exosome therapy for hair loss | Recruiting | Phase 1\n"
    record = generic_page.parse(page)[0]
    assert (record.brief_title, record.status) == ("Exosome therapy for hair loss", "RECRUITING")


def test_a_sentence_of_what_participants_receive_under_a_sections_name_is_no_title():
    page = (
        "NCT09105304\nOverview\nParticipants receive two injections of umbilical cord stem cell exosomes into"
        " alopecia areata patches.\nStatus\nRecruiting\n"
    )
    record = generic_page.parse(page)[0]
    assert (record.brief_title, record.status) == ("", "RECRUITING")


def test_a_hospital_pages_investigator_with_credentials_names_no_country_and_enrolling_is_a_status():
    # "Maria Lopez, MD" under "Principal investigator": a person (MD is Maryland's code too).
    page = (
        "Study title\nAllogeneic placental stromal cells for diabetic foot ulcers\nStatus\nEnrolling\n"
        "Principal investigator\nMaria Lopez, MD\nContact\nJane Roe, PA\nClinicalTrials.gov number\nNCT09105305\n"
    )
    record = generic_page.parse(page)[0]
    assert (record.status, record.sites) == ("RECRUITING", ())


def test_a_place_in_maryland_on_a_line_of_its_own_is_still_a_united_states_site():
    page = (
        "Stem cells for burns\nNCT09105306\nStatus: Recruiting\nLocations\nJohns Hopkins Burn Center\nBaltimore, MD\n"
    )
    record = generic_page.parse(page)[0]
    assert [site.country for site in record.sites] == ["United States"]


@pytest.mark.parametrize(
    ("label", "value", "phases"),
    [("試験のフェーズ", "該当せず", ("NA",)), ("研究阶段", "不适用", ("NA",)), ("임상시험 단계", "해당없음", ("NA",))],
)
def test_not_applicable_phases_in_japanese_chinese_and_korean(label, value, phases):
    page = f"jRCTb050210077\n研究名称\n尋常性白斑に対する自家培養表皮移植\n{label}\n{value}\n"
    assert generic_page.parse(page)[0].phases == phases


@pytest.mark.parametrize("label", ["実施期間", "実施予定期間"])
def test_a_japanese_period_of_the_study_gives_its_start(label):
    page = f"jRCTb050210078\n研究名称\n尋常性白斑に対する自家培養表皮移植\n{label}\n2021年09月01日 ～ 2024年03月31日\n"
    assert generic_page.parse(page)[0].start_date.iso() == "2021-09-01"


def test_a_japanese_umin_record_gives_its_phase_size_start_and_institution():
    page = (
        "UMIN試験ID\tUMIN000099002\n科学的試験名\t難治性皮膚潰瘍に対する自己脂肪由来幹細胞移植の安全性試験\n"
        "開発相\t第I相\n目標参加者数\t10\n登録・組入れ開始（予定）日\t2025年04月01日\n"
        "責任研究者の所属機関\t例示大学医学部附属病院\n"
    )
    record = generic_page.parse(page)[0]
    assert (record.phases, record.enrollment, record.start_date.iso()) == (("PHASE1",), 10, "2025-04-01")
    assert [o.name for o in record.organizations] == ["例示大学医学部附属病院"]


def test_a_label_in_full_width_brackets_is_the_label_in_ascii_ones():
    # Japanese pages print brackets full width: "研究責任（代表）医師の所属機関" (the institution).
    page = "jRCTb050210079 | \n研究責任（代表）医師の所属機関 | 例示大学医学部附属病院 |\nＰｈａｓｅ: 2\n"
    record = generic_page.parse(page)[0]
    assert [o.name for o in record.organizations] == ["例示大学医学部附属病院"]
    assert record.phases == ("PHASE2",)


@pytest.mark.parametrize(
    ("page", "title"),
    [
        (
            "Essai clinique : cellules souches de cordon ombilical dans la dermatite atopique\nNCT09105307\n",
            "cellules souches de cordon ombilical dans la dermatite atopique",
        ),
        (
            "Ensayo clínico: exosomas de células madre para la alopecia androgenética\nNCT09105307\n",
            "exosomas de células madre para la alopecia androgenética",
        ),
        (
            "Klinische Studie: Autologe Keratinozyten bei tiefen Verbrennungen\nNCT09105307\n",
            "Autologe Keratinozyten bei tiefen Verbrennungen",
        ),
    ],
)
def test_a_title_after_its_kind_in_french_spanish_or_german(page, title):
    assert generic_page.parse(page)[0].brief_title == title


@pytest.mark.parametrize(
    ("line", "origin"),
    [
        ("Traitement : injection intraveineuse de cellules souches allogéniques", "Allogeneic"),
        ("Treatment: autologous adipose stem cells injected into the scalp", "Autologous"),
        ("Behandlung: autologe Keratinozyten-Suspension", "Autologous"),
    ],
)
def test_a_treatment_label_before_what_is_given_labels_the_interventions(line, origin):
    page = f"Stem cells for atopic dermatitis and alopecia\nNCT09105308\nStatus: Recruiting\n{line}\n"
    record = generic_page.parse(page)[0]
    assert record.interventions and classify(record).origins == [origin]


def test_treatment_as_a_primary_purpose_is_no_intervention():
    page = "Stem cells for vitiligo\nNCT09105309\nPrimary purpose: Treatment\nTreatment: Treatment\n"
    assert generic_page.parse(page)[0].interventions == ()


def test_a_german_planned_number_of_participants():
    page = "Autologe Keratinozyten bei Verbrennungen\nDRKS00028888\nGeplante Teilnehmerzahl: 40\n"
    assert generic_page.parse(page)[0].enrollment == 40


@pytest.mark.parametrize(
    "lines",
    [
        "Sponsor\nIndustry\nExample Biotech Inc.",
        "Sponsor / Investigator: Example Biotech Inc.",
        "Research Sponsored by Example Biotech Inc.",
    ],
)
def test_a_sponsor_under_its_kind_or_a_finders_label(lines):
    page = f"Umbilical cord stem cells for psoriasis\nNCT09105310\nStatus: Recruiting\n{lines}\n"
    record = generic_page.parse(page)[0]
    assert [organization.name for organization in record.organizations] == ["Example Biotech Inc."]


def test_a_finders_eligible_conditions():
    page = "Stem Cells for Hair Loss\nNCT09105311\nEligible Conditions\nAndrogenetic Alopecia\nStatus: Completed\n"
    record = generic_page.parse(page)[0]
    assert "Androgenetic Alopecia" in record.conditions_raw


@pytest.mark.parametrize("line", ["Studienstart: 15. März 2022", "开始日期：2022-03-15", "试验开始日期：2022-03-15"])
def test_a_start_under_its_german_or_chinese_label(line):
    page = f"Stem cells for burns\nNCT09105315\nStatus: Recruiting\n{line}\n"
    assert generic_page.parse(page)[0].start_date.iso() == "2022-03-15"


def test_a_plain_language_pages_who_what_how_many_and_when():
    page = (
        "Trial overview\nWho: Adults aged 18-70 with a chronic venous leg ulcer\n"
        "What: Weekly application of allogeneic amniotic epithelial cells\nWhere: London, United Kingdom\n"
        "How many: 40\nWhen: Starting June 2024\nRegistration: ISRCTN55550001\n"
    )
    record = generic_page.parse(page)[0]
    classification = classify(record)
    assert record.brief_title == ""  # "Who: Adults ..." is a field, not the title
    assert (record.enrollment, record.start_date.iso()) == (40, "2024-06")
    assert [site.country for site in record.sites] == ["United Kingdom"]
    assert (classification.conditions, classification.origins) == (["Venous leg ulcer"], ["Allogeneic"])


def test_a_when_or_where_that_is_no_date_or_place_is_no_value():
    page = "Stem cells for burns\nNCT09105316\nWhen: after the wound is cleaned\nWhere: on the wound\n"
    record = generic_page.parse(page)[0]
    assert (record.start_date, record.sites) == (None, ())


def test_a_trial_said_to_have_begun_and_to_be_recruiting():
    page = (
        "Allogeneic stem cells for epidermolysis bullosa\nNCT09105317\n"
        "This Phase 2 study is sponsored by Example Cell Therapeutics and will enroll about 60 participants."
        " The study began in March 2023 and is currently recruiting.\n"
    )
    assert generic_page.parse(page)[0].status == "RECRUITING"


@pytest.mark.parametrize(
    ("lines", "phases"),
    [
        ("Trial design\nRandomized, double-blind, vehicle-controlled Phase 2b study", ("PHASE2",)),
        ("Study design: Open-label, single-arm phase 1/2 trial", ("PHASE1", "PHASE2")),
        # another trial's title in a list of related ones names no phase of the page's
        ("Related trials\nRandomized Phase 3 Trial of Dupilumab in Atopic Dermatitis", ()),
    ],
)
def test_a_phase_said_at_the_end_of_a_design(lines, phases):
    page = f"ERM-101 in Diabetic Foot Ulcers\nNCT09105319\nStatus: Recruiting\n{lines}\n"
    assert generic_page.parse(page)[0].phases == phases


def test_a_news_items_trial_funded_by_one_and_sponsored_by_another():
    page = (
        "Lab-grown skin for children with butterfly skin\n"
        "Surgeons have treated the first child in a trial testing sheets of genetically corrected skin grown from"
        " the patient's own cells. The trial is funded by the charity DEBRA UK and sponsored by University College"
        " London.\n"
    )
    with pytest.raises(MissingIdentifierError) as refused:  # a news item naming no registry id: a draft
        generic_page.parse(page)
    record = refused.value.record
    classification = classify(record)
    assert [organization.name for organization in record.organizations] == ["University College London"]
    assert (classification.product_types, classification.origins) == (["Cells"], ["Autologous"])


@pytest.mark.parametrize(
    "sentence",
    [
        "Example Bio, Inc. today announced that it has completed enrollment of 180 patients in its randomized,"
        " double-blind Phase 2 trial of EB-301 in chronic diabetic foot ulcers.",
        "Example Bio Announces Completion of Enrollment in Phase 2 Trial of EB-301 for Diabetic Foot Ulcers",
    ],
)
def test_a_press_releases_completed_enrollment_is_active_not_recruiting(sentence):
    page = f"Press release\n{sentence}\nNCT09105323\n"
    assert generic_page.parse(page)[0].status == "ACTIVE_NOT_RECRUITING"


def test_a_finders_headings_above_the_title_are_passed_over_however_many():
    page = (
        "Clinical Trials in Los Angeles\nHair Loss Clinical Trials\nPaid Clinical Trials Near You\n"
        "Exosome Hair Restoration Study\nCondition: Androgenetic Alopecia\nSponsor: Example Derm Research\n"
        "NCT09105324\n"
    )
    assert generic_page.parse(page)[0].brief_title == "Exosome Hair Restoration Study"


def test_a_recruitment_page_without_an_id_is_read_as_a_draft_without_a_call_to_action_for_title():
    page = (
        "Join our research\nAre you living with vitiligo?\nTake part in a study of a new cell treatment\n"
        "Doctors at Example University are testing a one-time transplant of a patient's own pigment cells for"
        " stable vitiligo patches.\nWho can take part: adults 18-60 with stable vitiligo for at least a year\n"
    )
    assert detect_format(page) == "generic-page"
    with pytest.raises(MissingIdentifierError) as refused:
        generic_page.parse(page)
    record = refused.value.record
    classification = classify(record)
    assert record.brief_title == ""
    assert (classification.cell_sources, classification.origins) == (["Melanocytes"], ["Autologous"])


def test_a_back_link_drawn_with_an_arrow_is_no_title_and_a_badges_count_may_say_its_kind():
    page = (
        "Example Finder\n< Back to results\nRECRUITING\nKeratinocyte Spray for Partial-Thickness Burns in Children\n"
        "NCT09105325\nPhase 2 · Interventional · 40 participants (estimated)\nSponsored by Example Burns Trust\n"
    )
    record = generic_page.parse(page)[0]
    assert record.brief_title == "Keratinocyte Spray for Partial-Thickness Burns in Children"
    assert record.enrollment == 40


def test_a_sponsor_blocks_row_label_before_the_name_on_its_line():
    page = (
        "Cultured fibroblasts for dystrophic epidermolysis bullosa\nID: NCT09105326\n"
        "Sponsor information\nOrganisation Example University Hospital\nSponsor type Hospital/treatment centre\n"
    )
    assert [o.name for o in generic_page.parse(page)[0].organizations] == ["Example University Hospital"]


def test_a_synopsis_counts_its_centres_in_countries_and_a_study_includes_its_people_at_hospitals_across_them():
    synopsis = (
        "Protocol synopsis\nEU CT number: 2025-500001-11-00\nTitle: Adipose stem cell exosomes for chronic hand eczema\n"
        "Study centres: approximately 6 centres in Austria and Hungary\n"
    )
    news = (
        "Hospital news\nSpray-on cells study opens for children with scalds\nThe study, registered as NCT09105327,"
        " will include 60 children at four hospitals across Ireland and Scotland. It began in May 2025.\n"
    )
    assert sorted(site.country for site in generic_page.parse(synopsis)[0].sites) == ["Austria", "Hungary"]
    assert sorted(site.country for site in generic_page.parse(news)[0].sites) == ["Ireland", "United Kingdom"]


def test_a_press_release_beside_the_companys_earlier_study_gives_this_trials_phase_and_size():
    page = (
        "Press release\nExample Bio Doses First Patient in Phase 2a Study of EB-7 for Vitiligo\n"
        "Example Bio today announced the first patient dosed in its Phase 2a clinical trial (NCT09105328) of EB-7,"
        " autologous cultured melanocytes, in stable vitiligo.\nThe study will enroll up to 30 patients at two sites"
        " in Canada.\nIn 2022, the company completed a Phase 2 pilot in France that enrolled 8 patients.\n"
    )
    record = generic_page.parse(page)[0]
    assert (record.phases, record.enrollment) == (("PHASE2",), 30)
    assert [site.country for site in record.sites] == ["Canada"]


def test_a_research_units_name_and_its_count_of_studies_give_no_phase_or_status_and_a_dated_study_page_its_title():
    page = (
        "Example Skin Institute\nPhase II Clinical Trials Unit\nNow recruiting for 12 studies\n"
        "Fibroblast injections for acne scars\nReference: NCT09105329\nPosted on 9 June 2025\n"
        "About this study\nWe are testing injections of the patient's own cultured skin fibroblasts into rolling"
        " acne scars.\nWho can take part\nAdults with acne scars.\n"
    )
    record = generic_page.parse(page)[0]
    assert (record.phases, record.status) == ((), "")
    assert record.brief_title == "Fibroblast injections for acne scars"


def test_a_phase_alone_after_its_bare_label_is_still_read():
    page = "Cultured melanocytes for vitiligo\nNCT09105330\nPhase Phase 1/Phase 2\nStatus Recruiting\n"
    assert generic_page.parse(page)[0].phases == ("PHASE1", "PHASE2")


@pytest.mark.parametrize(
    ("sentence", "countries"),
    [
        (
            "A Phase 1 trial testing cultured fibroblasts in adults with recessive dystrophic EB is now recruiting"
            " participants at a clinic in Lyon, France.",
            ["France"],
        ),
        ("The randomized, double-blind study is being conducted at 3 dermatology centres in Spain.", ["Spain"]),
    ],
)
def test_a_news_items_lede_or_a_designs_words_before_where_the_trial_runs(sentence, countries):
    page = f"Wound Care Weekly\nCell therapy study opens its doors\n{sentence}\nThe trial is NCT09105331.\n"
    record = generic_page.parse(page)[0]
    assert [site.country for site in record.sites] == countries
    assert record.brief_title == "Cell therapy study opens its doors"  # not the publication's name


def test_a_publications_name_over_an_article_is_not_its_headline():
    page = (
        "Wound Care Weekly\nCell therapy study opens its doors\n"
        '"This is a first for our patients," said Dr Roe of the new trial, NCT09105332, of cultured fibroblasts.\n'
    )
    record = generic_page.parse(page)[0]
    assert record.detailed_description.startswith("Cell therapy study opens its doors\n")


def test_a_company_that_has_begun_a_study_of_its_own_product_is_its_sponsor():
    page = (
        "Skin Science Daily\nExosome gel moves into Phase 2\nLyon-based Example Vesicles has begun a Phase 2 study"
        " of its umbilical cord stem cell exosome gel in adults with chronic venous leg ulcers (NCT09105333).\n"
    )
    assert [o.name for o in generic_page.parse(page)[0].organizations] == ["Example Vesicles"]


def test_similar_studies_under_a_record_without_an_id_lend_it_none_of_theirs():
    page = (
        "Example Trials\nCultured Fibroblasts for Atrophic Acne Scars\nSponsor: Example Skin Clinic\n"
        "Condition: Atrophic acne scars\nDescription: Patients receive injections of their own cultured fibroblasts.\n"
        "Similar studies\nNCT01234568 · Phase 2 · Recruiting · Acne scars · 60 participants\n"
    )
    with pytest.raises(MissingIdentifierError) as refused:
        generic_page.parse(page)
    assert refused.value.record.brief_title == "Cultured Fibroblasts for Atrophic Acne Scars"
    assert (refused.value.record.phases, refused.value.record.enrollment) == ((), None)


@pytest.mark.parametrize("heading", ["Similar articles", "Cited by", "References"])
def test_a_publications_other_papers_under_its_abstract_are_not_its_trials(heading):
    page = (
        "Umbilical cord stem cell exosomes for example acne scars: a randomized split-face trial\n"
        "Abstract\nMethods: In this randomized split-face trial, 28 patients received exosome injections.\n"
        "Trial registration: ClinicalTrials.gov NCT09105335.\n"
        f"{heading}\nAdipose stem cell conditioned medium for acne scars: a pilot study. Lee X, et al. 2022.\n"
    )
    record = generic_page.parse(page)[0]
    assert classify(record).cell_sources == ["Umbilical cord"]  # not the other paper's fat


def test_a_dates_label_with_its_qualifier_glued_to_the_value_before_it():
    page = (
        "Fat-derived Cells for Burn Scars\nNCT ID: NCT09105334\n"
        "Study Start DateMarch 2023Actual Primary Completion DateJune 2024Actual Study Completion DateJuly 2024\n"
    )
    record = generic_page.parse(page)[0]
    dates = (record.start_date.iso(), record.primary_completion_date.iso(), record.completion_date.iso())
    assert dates == ("2023-03", "2024-06", "2024-07")


def test_a_plain_language_question_glued_to_its_answer():
    page = (
        "Cultured skin cells on a dressing for leg ulcers\nTrial ID: ISRCTN00000017\n"
        "Where is the study run from?Example Royal Infirmary, Leeds, UK\n"
        "When is the study starting and how long is it expected to run for?March 2021 to June 2023\n"
    )
    record = generic_page.parse(page)[0]
    assert ([site.country for site in record.sites], record.start_date.iso()) == (["United Kingdom"], "2021-03")


def test_korean_labels_before_their_values_on_one_line_give_the_title_and_phase():
    page = (
        "임상연구정보서비스\n연구등록번호 KCT0009124\n연구제목 지방 유래 줄기세포 배양액 크림의 아토피 피부염 개선 효과\n"
        "연구진행상태 모집중\n임상시험단계 2상\n"
    )
    record = generic_page.parse(page)[0]
    assert record.brief_title == "지방 유래 줄기세포 배양액 크림의 아토피 피부염 개선 효과"
    assert record.phases == ("PHASE2",)


def test_a_dutch_record_not_applicable_phase_and_fat_graft():
    page = (
        "NL-OMON56790\nTitel: Vetgraft bij littekens na brandwonden\nFase: N.v.t.\n"
        "Status: Werving gestart\nAandoening: brandwondlittekens\n"
    )
    record = generic_page.parse(page)[0]
    assert record.phases == ("NA",)
    assert classify(record).cell_sources == ["Adipose tissue"]


def test_an_email_reply_about_a_trial_at_our_centre():
    page = (
        "From: A Doctor <doctor@example.org>\nSubject: Re: cell trials for burns?\n\n"
        "> Does anybody know of an open cell trial for deep burns?\n\n"
        "Yes, the keratinocyte spray study at our hospital (NCT09105335) is still recruiting, aiming for 40 patients.\n"
    )
    record = generic_page.parse(page)[0]
    assert (record.brief_title, record.status, record.enrollment) == ("", "RECRUITING", 40)


@pytest.mark.parametrize(
    ("headline", "status"),
    [
        ("Now recruiting: Umbilical cord MSC infusions for severe atopic dermatitis", "RECRUITING"),
        ("Recruiting now – Umbilical cord MSC infusions for severe atopic dermatitis", "RECRUITING"),
        ("Featured trial: Umbilical cord MSC infusions for severe atopic dermatitis", ""),
        ("Study spotlight | Umbilical cord MSC infusions for severe atopic dermatitis", ""),
        ("Trial of the month: Umbilical cord MSC infusions for severe atopic dermatitis", ""),
    ],
)
def test_a_headlines_kicker_is_no_part_of_the_title_and_a_recruiting_one_says_the_status(headline, status):
    page = _portal_page(
        "Skin Research Unit",
        headline,
        "The trial tests three infusions of umbilical cord mesenchymal stromal cells in adults with severe eczema.",
        "Phase: Phase 2",
        "ClinicalTrials.gov ID: NCT09107701",
    )
    record = generic_page.parse(page)[0]
    assert (record.brief_title, record.status) == ("Umbilical cord MSC infusions for severe atopic dermatitis", status)


def test_a_title_the_page_labels_keeps_its_words_before_a_colon():
    page = _portal_page("Title: New study: umbilical cord MSC infusions for eczema", "ID: NCT09107702")
    assert generic_page.parse(page)[0].brief_title == "New study: umbilical cord MSC infusions for eczema"


@pytest.mark.parametrize("separator", [" • ", " | ", " · "])
def test_a_cards_row_of_tags_says_what_the_trial_is_about_and_no_tag_is_its_title(separator):
    tags = separator.join(["Psoriasis", "Mesenchymal stromal cells (bone marrow)", "Intravenous"])
    page = _portal_page(
        "Clinical trial summary card",
        "NCT09107711 | Phase 1 | Recruiting",
        tags,
        "Sponsor: Example Cell Therapies SL",
    )
    record = generic_page.parse(page)[0]
    classification = classify(record)
    assert (record.brief_title, record.keywords) == ("", ("Psoriasis", "Mesenchymal stromal cells (bone marrow)"))
    assert (classification.conditions, classification.cell_sources, classification.in_scope) == (
        ["Psoriasis"],
        ["Bone marrow"],
        True,
    )


def test_tags_below_the_summary_or_a_listings_rows_are_no_keywords():
    page = _portal_page(
        "Keratinocyte sheets for burns",
        "NCT09107712 | Phase 2 | Recruiting",
        "This randomized trial tests cultured keratinocyte sheets on deep partial-thickness burns in adults. "
        "Each patient receives sheets on one wound and standard dressings on another.",
        "Related trials",
        "Psoriasis | Bone marrow MSCs | Phase 1",
    )
    assert generic_page.parse(page)[0].keywords == ()


@pytest.mark.parametrize(
    "heading", ["Study details", "Trial overview", "Clinical trial summary card", "Study at a glance"]
)
def test_the_pages_kind_is_no_title(heading):
    page = _portal_page(heading, "NCT09107713", "Condition: Vitiligo", "Intervention: Cultured melanocytes")
    assert generic_page.parse(page)[0].brief_title == ""


@pytest.mark.parametrize("subject", ["This listing is", "This page was", "Sponsored content: this post is"])
def test_what_an_advertiser_sponsors_is_the_page_not_the_trial(subject):
    page = _portal_page(
        "Adipose-derived regenerative cells for radiation skin injury",
        "NCT09107721 · Phase 2 · Recruiting",
        f"{subject} sponsored by TrialReach Media LLC.",
    )
    assert generic_page.parse(page)[0].organizations == ()
    trials = page.replace(f"{subject} sponsored", "The trial is sponsored")
    assert [o.name for o in generic_page.parse(trials)[0].organizations] == ["TrialReach Media LLC"]


@pytest.mark.parametrize("label", ["Hospital name", "Facility name", "Study center", "Participating hospital"])
def test_a_hospitals_one_site_labelled_as_such_gives_its_country(label):
    page = _portal_page(
        "Keratinocyte spray for partial-thickness burns",
        "Study ID: NCT09107722",
        f"{label}: Example General Hospital, Boston, MA",
    )
    assert [site.country for site in generic_page.parse(page)[0].sites] == ["United States"]


@pytest.mark.parametrize("label", ["Initiator", "Sponsor/Initiator", "Initiatiefnemer"])
def test_the_trials_initiator_is_its_sponsor(label):
    page = f"Adipose stem cells for keloid scars\nNCT09107731\n{label}: Universitair Medisch Centrum Voorbeeld\n"
    assert [o.name for o in generic_page.parse(page)[0].organizations] == ["Universitair Medisch Centrum Voorbeeld"]


def test_a_finders_row_of_labelled_cells_reads_how_many_enrolled():
    page = _portal_page(
        "Study of cultured allogeneic fibroblast-keratinocyte sheets in venous leg ulcers",
        "Identifier NCT09107741   |   Status Terminated   |   Phase 3   |   Enrolled 112 (actual)   |   Sponsor Woundcell AG",
    )
    record = generic_page.parse(page)[0]
    assert (record.enrollment, record.enrollment_type, record.status) == (112, "ACTUAL", "TERMINATED")


@pytest.mark.parametrize(
    "menu",
    [
        "Psoriasis | Vitiligo | Acne",  # a site's menu above the title
        "Psoriasis | Vitiligo | Acne | Melasma | Burns | Keloids",  # a long row of them anywhere
    ],
)
def test_a_sites_menu_of_conditions_is_no_trials_keywords(menu):
    card = ["Umbilical cord cells for eczema", "NCT09107751 | Phase 1 | Recruiting"]
    page = _portal_page(menu, *card) if menu.count("|") < 4 else _portal_page(*card, menu)
    assert generic_page.parse(page)[0].keywords == ()


@pytest.mark.parametrize(
    ("sentence", "countries"),
    [
        (
            "In our Phase 2b trial (NCT09107761), 120 patients are being randomized at 25 sites in the "
            "United States and Canada.",
            ["United States", "Canada"],
        ),
        ("The trial runs at 3 centres across France and Belgium.", ["France", "Belgium"]),
        ("An earlier trial enrolled 300 patients at 40 sites in Japan.", []),  # another trial's
        ("Patients are randomized at 25 sites in the United States.", []),  # no trial named in it
    ],
)
def test_a_count_of_sites_in_a_sentence_naming_the_trial_says_where_it_runs(sentence, countries):
    page = _portal_page("Fibroblast sheets for diabetic foot ulcers", "NCT09107761", sentence)
    assert [site.country for site in generic_page.parse(page)[0].sites] == countries


@pytest.mark.parametrize(
    ("brand", "sentence", "sponsor"),
    [
        # a company's page about its own trial, its name as a company in the footer
        (
            "DermaCell Therapeutics",
            "In our Phase 2b trial, 120 patients are randomized.",
            "DermaCell Therapeutics, Inc.",
        ),
        # a finder's or a hospital's "our": no phase of a trial of their own, or no company
        ("TrialFinder Pro", "Browse our trials and studies near you.", ""),
        ("Example General Hospital", "Our phase 2 study is open at the dermatology clinic.", ""),
    ],
)
def test_a_companys_page_about_its_own_trial_names_the_company_its_sponsor(brand, sentence, sponsor):
    page = _portal_page(
        brand,
        "DC-201: allogeneic fibroblast sheets for diabetic foot ulcers",
        "NCT09107771",
        sentence,
        f"© 2026 {brand}{', Inc.' if 'Therapeutics' in brand or 'Pro' in brand else ''}",
    )
    assert [o.name for o in generic_page.parse(page)[0].organizations] == ([sponsor] if sponsor else [])
