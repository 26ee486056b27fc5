"""Golden records: each seed document parsed whole, compared with what a careful reader writes down.

The seeds are the five registry documents in sample_data/seeds/ (provenance in its README).
Long prose fields are pinned by their opening, their ending and their length.
"""

from datetime import date
from pathlib import Path

import pytest

from ingest.detect import detect_format, parser_for
from ingest.normalize.taxonomy import classify
from ingest.record import Arm, Contact, Identifier, Intervention, Organization, Outcome, PartialDate, Site, TrialRecord
from ingest.text import decode_document

SEEDS = Path(__file__).resolve().parents[2] / "sample_data" / "seeds"


class TextSpan:
    """Equal to a string with this opening, this ending and this length."""

    def __init__(self, start: str, end: str, length: int):
        self.start, self.end, self.length = start, end, length

    def __eq__(self, other):
        return (
            isinstance(other, str)
            and other.startswith(self.start)
            and other.endswith(self.end)
            and len(other) == self.length
        )

    def __repr__(self):
        return f"TextSpan({self.start!r}...{self.end!r}, {self.length})"


def parse_seed(prefix: str) -> tuple[str, TrialRecord]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = decode_document(path.read_bytes())
    format_name = detect_format(text)
    records = parser_for(format_name).parse(text)
    assert len(records) == 1
    return format_name, records[0]


SEED_000_CTGOV_MIRROR = TrialRecord(
    source_format="ctgov-mirror-page",
    identifiers=(
        Identifier(
            registry="NCT",
            value="NCT06911281",
        ),
        Identifier(
            registry="ORG",
            value="DFSC-2025(CR)-01",
            kind="sponsor",
        ),
    ),
    brief_title="Combined Therapy of Photoelectric Instruments and Human Umbilical Cord Mesenchymal Stem Cells for Pigmentary Disorders",
    brief_summary=TextSpan(
        "Melasma is a common and refractory pigmentary skin disorder manifested",
        "asma and to investigate the underlying mechanisms.",
        1728,
    ),
    study_type="INTERVENTIONAL",
    phases=("PHASE1",),
    status="NOT_YET_RECRUITING",
    status_raw="NOT_YET_RECRUITING",
    enrollment=30,
    start_date=PartialDate(
        value=date(2025, 6, 30),
    ),
    completion_date=PartialDate(
        value=date(2027, 12, 31),
    ),
    last_updated=PartialDate(
        value=date(2025, 4, 4),
    ),
    allocation="RANDOMIZED",
    intervention_model="PARALLEL",
    masking="NONE",
    purpose="TREATMENT",
    sex="FEMALE",
    min_age_years=18.0,
    max_age_years=60.0,
    healthy_volunteers=False,
    inclusion_criteria=TextSpan(
        "1. Subjects must voluntarily participate in this study and sign a writ",
        " stem cell therapy or laser treatment for melasma.",
        893,
    ),
    exclusion_criteria=TextSpan(
        "1. Subjects with a history of photosensitivity or allergies to biologi",
        " or hinder the successful completion of the study.",
        784,
    ),
    conditions_raw=(
        "Mesenchymal Stem Cells",
        "Pigmentary Disorders",
    ),
    responsible_party="Sponsor",
    arms=(
        Arm(
            label="Stem Cell Treatment Group 1",
            type="EXPERIMENTAL",
            description="Administer MSCs via intravenous infusion and multi-point injection into the melasma area, followed by combined treatment with 755nm picosecond laser.",
            intervention_names=("Mesenchymal Stem Cells;755nm picosecond laser treatment",),
        ),
        Arm(
            label="Stem Cell Treatment Group 2",
            type="EXPERIMENTAL",
            description="Administer MSCs via multi-point injection into the melasma area, followed by combined treatment with 755nm picosecond laser.",
            intervention_names=("Mesenchymal Stem Cells;755nm picosecond laser treatment",),
        ),
        Arm(
            label="Control Group",
            type="EXPERIMENTAL",
            description="Only administer 755nm picosecond laser treatment.",
            intervention_names=("Mesenchymal Stem Cells;755nm picosecond laser treatment",),
        ),
    ),
    interventions=(
        Intervention(
            name="Mesenchymal Stem Cells;755nm picosecond laser treatment",
            type="COMBINATION_PRODUCT",
            description=TextSpan(
                "Stem Cell Treatment Group 1 received intravenous infusion of MSCs foll",
                "up only received 755nm picosecond laser treatment.",
                374,
            ),
            arm_labels=(
                "Stem Cell Treatment Group 1",
                "Stem Cell Treatment Group 2",
                "Control Group",
            ),
        ),
    ),
    organizations=(
        Organization(
            name="ARSMO(Hainan) International Plastic & Aesthetic Hospital Company Limited",
            role="COLLABORATOR",
            agency_class="UNKNOWN",
        ),
        Organization(
            name="Shanghai East Hospital",
            role="LEAD_SPONSOR",
            agency_class="OTHER",
        ),
    ),
    contacts=(
        Contact(
            name="Fuguo Zuo",
            role="CONTACT",
            phone="021-38804518",
        ),
    ),
    needs_review=False,
)


SEED_001_VEEVA = TrialRecord(
    source_format="veeva-page",
    identifiers=(
        Identifier(
            registry="NCT",
            value="NCT03765957",
        ),
        Identifier(
            registry="ORG",
            value="2018-MSC/CSU/PS",
            kind="sponsor",
        ),
    ),
    brief_title="Clinical Research on Treatment of Psoriasis by Human Umbilical Cord-derived Mesenchymal Stem Cells",
    brief_summary="To evaluate the effect and safety of treatment of psoriasis by human umbilical cord-derived mesenchymal stem cel",
    detailed_description=TextSpan(
        "Psoriasis is a chronic and recurrent inflammatory skin disease and its",
        "uman umbilical cord-derived mesenchymal stem cell.",
        932,
    ),
    study_type="INTERVENTIONAL",
    phases=("EARLY_PHASE1",),
    status="UNKNOWN",
    status_raw="Unknown",
    enrollment=12,
    enrollment_type="ESTIMATED",
    allocation="NA",
    intervention_model="SINGLE_GROUP",
    masking="NONE",
    purpose="TREATMENT",
    sex="ALL",
    min_age_years=18.0,
    max_age_years=65.0,
    healthy_volunteers=False,
    inclusion_criteria=TextSpan(
        "1.Understanding the whole process of the study, voluntary participatio",
        "icipated in any stem cell therapy within 6 months;",
        461,
    ),
    exclusion_criteria=TextSpan(
        "1. WBC(white blood cell count ) <3.5x109/L, blood platelet count<100x1",
        "ses which researchers believe that can not enroll.",
        1124,
    ),
    conditions_raw=("Psoriasis",),
    arms=(
        Arm(
            label="Mesenchymal Stem Cells",
            type="EXPERIMENTAL",
            description=TextSpan(
                "The mesenchymal stem cells will be derived from human umbilical cord. ",
                "ays, month 2, month 3 and month 6 after treatment.",
                946,
            ),
            intervention_names=("Mesenchymal Stem Cells",),
        ),
    ),
    interventions=(
        Intervention(
            name="Mesenchymal Stem Cells",
            type="BIOLOGICAL",
            arm_labels=("Mesenchymal Stem Cells",),
        ),
    ),
    organizations=(
        Organization(
            name="Central South University",
            role="LEAD_SPONSOR",
        ),
    ),
    contacts=(
        Contact(
            name="Mi Zhang, M.D. Ph.D",
            role="CONTACT",
        ),
        Contact(
            name="Yehong Kuang, M.D. Ph.D",
            role="CONTACT",
        ),
    ),
    needs_review=False,
)


SEED_002_CTGOV_CLASSIC = TrialRecord(
    source_format="ctgov-classic-page",
    identifiers=(
        Identifier(
            registry="NCT",
            value="NCT04034615",
        ),
        Identifier(
            registry="ORG",
            value="MCHHFoshan-1902",
            kind="sponsor",
        ),
    ),
    brief_title="The Long-term Effect of Perinatal Tissue Mesenchyme Stem Cells in the Treatment for Caesarean Section Scars",
    official_title=TextSpan(
        "A Phase II, Randomized, Placebo-Controlled Study of the Long-term Effi",
        "Cells in the Treatment for Caesarean Section Scars",
        161,
    ),
    brief_summary=TextSpan(
        "This trial is a continuation of the investigators' previous clinical t",
        "milar untreated scar at the three years follow-up.",
        918,
    ),
    study_type="INTERVENTIONAL",
    phases=("PHASE2",),
    status="WITHDRAWN",
    status_raw="Withdrawn",
    why_stopped="The pandemic resulted in no enrollments。",
    enrollment=0,
    enrollment_type="ACTUAL",
    start_date=PartialDate(
        value=date(2021, 5, 20),
    ),
    start_date_type="ACTUAL",
    primary_completion_date=PartialDate(
        value=date(2021, 12, 1),
    ),
    primary_completion_date_type="ESTIMATED",
    completion_date=PartialDate(
        value=date(2022, 6, 1),
    ),
    completion_date_type="ESTIMATED",
    first_posted=PartialDate(
        value=date(2019, 7, 26),
    ),
    last_updated=PartialDate(
        value=date(2022, 12, 21),
    ),
    allocation="RANDOMIZED",
    intervention_model="PARALLEL",
    masking="TRIPLE",
    purpose="TREATMENT",
    sex="FEMALE",
    min_age_years=21.0,
    max_age_years=35.0,
    healthy_volunteers=True,
    inclusion_criteria=TextSpan(
        "- Primiparous women receiving cesarean delivery\n- Ages between 21-35 y",
        "dosing and complete the entire course of the study",
        283,
    ),
    exclusion_criteria=TextSpan(
        "- Any systemic uncontrolled disease\n- Recent or current cancer\n- Histo",
        "o the study area during the study period\n- Smoking",
        246,
    ),
    conditions_raw=("Cicatrix",),
    responsible_party="Zhengping Liu, MD, Director, Maternal and Child Health Hospital of Foshan",
    arms=(
        Arm(
            label="Mesenchymal Stem Cells low-dose group",
            type="EXPERIMENTAL",
            description="Target dose of 3 million Mesenchymal Stem Cells",
            intervention_names=("Mesenchyme Stem Cells low-dose group",),
        ),
        Arm(
            label="Mesenchymal Stem Cells high-dose group",
            type="EXPERIMENTAL",
            description="Target dose of 6 million Mesenchymal Stem Cells",
            intervention_names=("Mesenchyme Stem Cells high-dose group",),
        ),
        Arm(
            label="Placebo",
            type="PLACEBO_COMPARATOR",
            description="Placebo without Mesenchyme Stem Cells",
            intervention_names=("Placebo",),
        ),
    ),
    interventions=(
        Intervention(
            name="Mesenchyme Stem Cells low-dose group",
            type="BIOLOGICAL",
            description=TextSpan(
                "Participants will receive transdermal one dose of 1*10^6 cells of Peri",
                "the gel once a day for continuous next three days.",
                293,
            ),
            arm_labels=("Mesenchymal Stem Cells low-dose group",),
        ),
        Intervention(
            name="Mesenchyme Stem Cells high-dose group",
            type="BIOLOGICAL",
            description="Participants will receive transdermal one dose of 1*10^6 cells of Perinatal Tissue Mesenchyme Stem Cells in the gel once a day for continuous six days.",
            arm_labels=("Mesenchymal Stem Cells high-dose group",),
        ),
        Intervention(
            name="Placebo",
            type="BIOLOGICAL",
            description="Participants will receive transdermal placebo without of Perinatal Tissue Mesenchyme Stem Cells in the gel once a day for continuous six days.",
            arm_labels=("Placebo",),
        ),
    ),
    outcomes=(
        Outcome(
            measure="Vancouver Scar Scale score",
            time_frame="Three years post treatment",
            description=TextSpan(
                "The investigators measured scar at three years post treatment using Va",
                "sults with the highest frequency will be recorded.",
                966,
            ),
        ),
        Outcome(
            measure="Erythema",
            time_frame="Three years post treatment",
            description="measured by reflectance",
        ),
        Outcome(
            measure="Pigmentation",
            time_frame="Three years post treatment",
            description="measured by reflectance",
        ),
        Outcome(
            measure="Scar Thickness and Uniformity",
            time_frame="Three years post treatment",
            description=TextSpan(
                "A High Definition Ultrasound (US) device will be used to generate a hi",
                " compare changes in scar thickness and uniformity.",
                218,
            ),
        ),
        Outcome(
            measure="Subject's satisfaction",
            time_frame="Three years post treatment",
            description="Subject's satisfaction of the treatment using a Satisfaction Scale as follows: None; Slight; Moderate; Good; Very Good.",
        ),
    ),
    sites=(
        Site(
            facility="Maternal and Child Health Hospital of Foshan",
            city="Foshan",
            state="Guangdong",
            country="China",
        ),
    ),
    contacts=(
        Contact(
            name="Zhengping Liu, MD",
            role="PRINCIPAL_INVESTIGATOR",
            affiliation="Maternal and Child Health Hospital of Foshan",
        ),
    ),
    needs_review=False,
)


SEED_003_CTGOV_MIRROR_UNLABELLED = TrialRecord(
    source_format="ctgov-mirror-page",
    identifiers=(
        Identifier(
            registry="NCT",
            value="NCT06764329",
        ),
        Identifier(
            registry="ORG",
            value="AFBMTC-2024-MSC in Alopecia",
            kind="sponsor",
        ),
    ),
    brief_title="The Effectiveness of Allogenic Mesenchymal Stem Cells Therapy on Hair Regrowth in Androgenetic Alopecia.",
    brief_summary=TextSpan(
        "1. Compare the average hair regenerative effect of mesenchymal stem ce",
        "s assessment and participant's satisfaction level.",
        538,
    ),
    detailed_description=TextSpan(
        "Androgenetic Alopecia (AGA) is a common form of hair loss affecting bo",
        "ssessment and patient satisfaction in both groups.",
        3502,
    ),
    study_type="INTERVENTIONAL",
    phases=(
        "PHASE1",
        "PHASE2",
    ),
    status="ENROLLING_BY_INVITATION",
    status_raw="ENROLLING_BY_INVITATION",
    enrollment=70,
    start_date=PartialDate(
        value=date(2024, 12, 25),
    ),
    completion_date=PartialDate(
        value=date(2025, 8, 30),
    ),
    last_updated=PartialDate(
        value=date(2025, 1, 8),
    ),
    allocation="RANDOMIZED",
    intervention_model="PARALLEL",
    masking="DOUBLE",
    purpose="TREATMENT",
    sex="MALE",
    min_age_years=20.0,
    max_age_years=59.0,
    healthy_volunteers=False,
    inclusion_criteria="* Clinical presentation consistent with Hamilton Norwood criteria grade ll to Vl\n* Not currently receiving antiandrogens or minoxidil therapy.",
    exclusion_criteria=TextSpan(
        "* Patients receiving 5-alpha reductase inhibitor or minoxidil therapy\n",
        " History of treatment with hyper or hypothyroidism",
        245,
    ),
    arms=(
        Arm(
            label="Treatment",
            description="MSC therapy group",
            intervention_names=("Mesenchymal Stem Cells",),
        ),
        Arm(
            label="Placebo group",
            description="Placebo (0.9% saline)",
            intervention_names=("0.9 % saline",),
        ),
    ),
    interventions=(
        Intervention(
            name="Mesenchymal Stem Cells",
            description="allogeneic bone marrow-derived mesenchymal stem cells therapy",
            arm_labels=("Treatment",),
        ),
        Intervention(
            name="0.9 % saline",
            description="0.9% Saline as placebo",
            arm_labels=("Placebo group",),
        ),
    ),
    organizations=(
        Organization(
            name="Pak Emirates Military Hospital",
            role="LEAD_SPONSOR",
            agency_class="OTHER",
        ),
        Organization(
            name="National Institute of Blood and Marrow Transplant (NIBMT), Pakistan",
            role="COLLABORATOR",
            agency_class="OTHER_GOV",
        ),
    ),
    sites=(
        Site(
            facility="Department of dermatology, Pak-Emirates Military Hospital",
            city="Rawalpindi",
            country="Pakistan",
        ),
        Site(
            facility="National Institute of Blood and Marrow Transplant (NIBMT)",
            city="Rawalpindi",
            country="Pakistan",
        ),
    ),
    needs_review=False,
)


SEED_004_IRCT = TrialRecord(
    source_format="irct-page",
    identifiers=(
        Identifier(
            registry="IRCT",
            value="IRCT20080901001159N33",
        ),
    ),
    brief_title="Evaluation the effect of conditioned media of adipose driven stem cells on acne scar",
    official_title=TextSpan(
        "Comparison of the effectiveness of adipose-derived stem cell condition",
        "actional carbon dioxide laser on acne scar healing",
        171,
    ),
    brief_summary=TextSpan(
        "Evaluation the effect of conditioned medium of adipose derived stem ce",
        "ocedure is repeated 4 times with 4 week intervals.",
        740,
    ),
    detailed_description=TextSpan(
        "This design is done at the skin and stem cell research center of Tehra",
        "ological serum are used on both sides of the face.",
        744,
    ),
    study_type="INTERVENTIONAL",
    phases=("PHASE1",),
    status="ACTIVE_NOT_RECRUITING",
    status_raw="Recruitment complete",
    enrollment=30,
    enrollment_type="ESTIMATED",
    start_date=PartialDate(
        value=date(2021, 6, 22),
    ),
    start_date_type="ESTIMATED",
    first_posted=PartialDate(
        value=date(2021, 6, 1),
    ),
    last_updated=PartialDate(
        value=date(2021, 6, 1),
    ),
    allocation="RANDOMIZED",
    intervention_model="PARALLEL",
    masking="SINGLE",
    purpose="TREATMENT",
    sex="ALL",
    min_age_years=20.0,
    max_age_years=60.0,
    inclusion_criteria="Age between 20-60 Having middle to severe atrophic scar in face region",
    exclusion_criteria=TextSpan(
        "Pregnancy and breastfeeding History of cancer\nPregnancy, breastfeeding",
        "with Mental Disorders Active infection in the face",
        286,
    ),
    conditions_raw=("atrophic scar",),
    icd10_codes=("L90.5",),
    arms=(
        Arm(
            label="Group 1: Intervention group",
            description=TextSpan(
                "Intervention group: One side of the face after being anesthetized, is ",
                "ure is repeated 4 times with intervals of 4 weeks.",
                285,
            ),
        ),
        Arm(
            label="Group 2: Intervention group",
            description=TextSpan(
                "Intervention group: One side of the face after being anesthetized, is ",
                "ure is repeated 4 times with intervals of 4 weeks.",
                278,
            ),
        ),
        Arm(
            label="Group 3: Control group",
            description=TextSpan(
                "Control group: (Other side of face) After sufficient anesthesia, first",
                "re is repeated 4 times with intervals of 4 weeks.:",
                259,
            ),
        ),
        Arm(
            label="Group 4: Control group",
            description=TextSpan(
                "Control group: (Other side of face) After sufficient anesthesia, first",
                "ure is repeated 4 times with intervals of 4 weeks.",
                251,
            ),
        ),
    ),
    outcomes=(
        Outcome(
            measure="Scar size",
            kind="PRIMARY",
            time_frame="before and 3month after the intervention",
            description="visioface",
        ),
        Outcome(
            measure="side effects",
            kind="PRIMARY",
            time_frame="One week after session",
            description="Questionnaire and visit",
        ),
        Outcome(
            measure="Patient Satisfaction",
            kind="PRIMARY",
            time_frame="Three and six months after the last treatment session",
            description="Questionnaire",
        ),
    ),
    organizations=(
        Organization(
            name="Tehran University of Medical Sciences",
            role="LEAD_SPONSOR",
        ),
    ),
    sites=(
        Site(
            facility="Clinics of Skin and Stem cell Research Center of Tehran University of Medical Sciences",
            city="Tehran",
            state="Tehran",
            country="Iran",
        ),
    ),
    contacts=(
        Contact(
            name="Maryam Nouri",
            role="Public inquiries",
            phone="+98 21 2223 9387",
            email="m.nouri3023@gmail.com",
            affiliation="Skin and Stem cell Research Center of Tehran University of Medical Sciences",
        ),
        Contact(
            name="Mohammad Ali Nilforoushzadeh",
            role="Scientific inquiries",
            phone="+98 21 2223 9387",
            email="nilforoosh@sina.tums.ac.ir",
            affiliation="Skin and Stem cell Research Center of Tehran University of Medical Sciences",
        ),
    ),
    needs_review=False,
)


GOLDEN = {
    "000": SEED_000_CTGOV_MIRROR,
    "001": SEED_001_VEEVA,
    "002": SEED_002_CTGOV_CLASSIC,
    "003": SEED_003_CTGOV_MIRROR_UNLABELLED,
    "004": SEED_004_IRCT,
}


@pytest.mark.parametrize("prefix", sorted(GOLDEN))
def test_seed_parses_to_the_golden_record(prefix):
    format_name, record = parse_seed(prefix)
    expected = GOLDEN[prefix]
    assert format_name == expected.source_format
    assert expected == record


# What the catalog must say of each seed's condition and product (issue: golden tests).
CLASSIFICATION = {
    # "Mesenchymal Stem Cells;Pigmentary Disorders" names a treatment; the trial is about melasma.
    "000": (["Melasma"], ["Umbilical cord"], ["Cells"], []),
    "001": (["Psoriasis"], ["Umbilical cord"], ["Cells"], []),
    # The summary's umbilical cord cells belong to an earlier trial; this one uses perinatal tissue.
    "002": (["Caesarean-section scar"], ["Perinatal tissue"], ["Cells"], []),
    # No conditions listed: the title says androgenetic alopecia.
    "003": (["Androgenetic alopecia"], ["Bone marrow"], ["Cells"], ["Allogeneic"]),
    # Stem cells named only as the source of a conditioned medium.
    "004": (["Atrophic acne scar"], ["Adipose tissue"], ["Conditioned medium"], []),
}


@pytest.mark.parametrize("prefix", sorted(CLASSIFICATION))
def test_seed_is_classified_as_a_careful_reader_would(prefix):
    _, record = parse_seed(prefix)
    classification = classify(record)
    conditions, cell_sources, products, origins = CLASSIFICATION[prefix]
    assert classification.conditions == conditions
    assert classification.cell_sources == cell_sources
    assert classification.product_types == products
    assert classification.origins == origins
    assert classification.in_scope


@pytest.mark.parametrize(
    ("cut", "message"),
    [
        ("NCT03765957\n", "holds no registry identifier"),  # the block keeps only the sponsor's code
        ("Identifiers\n\nNCT03765957\n2018-MSC/CSU/PS\n", "no 'Identifiers' block"),
    ],
)
def test_a_veeva_page_without_its_registry_id_is_refused_with_what_was_read(cut, message):
    from ingest.errors import MissingIdentifierError
    from ingest.formats import veeva

    text = decode_document(next(SEEDS.glob("001_*.txt")).read_bytes())
    assert cut in text
    with pytest.raises(MissingIdentifierError, match=message) as refused:
        veeva.parse(text.replace(cut, ""))
    record = refused.value.record
    assert record.identifiers == () and record.brief_title == SEED_001_VEEVA.brief_title


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda path: path.name[:3])
def test_the_ingest_reads_each_seed_as_its_format_does(path):
    # read_document is the ingest's one reading path (a registry overlay may add the general
    # reader's values): for every seed it must give exactly the golden record's reading.
    from ingest.read import read_document

    text = decode_document(path.read_bytes())
    assert read_document(path.read_bytes())[0] == parser_for(detect_format(text)).parse(text)[0]
