"""Classification from real registry wording, with its traps."""

from dataclasses import replace

import pytest

from ingest.normalize.taxonomy import classify
from ingest.record import Arm, Identifier, Intervention, TrialRecord


def record(**fields) -> TrialRecord:
    return TrialRecord(source_format="test", identifiers=(Identifier("NCT", "NCT01234567"),), **fields)


def test_a_treatment_listed_as_a_condition_is_not_a_condition():
    result = classify(record(conditions_raw=("Mesenchymal Stem Cells", "Vitiligo")))
    assert result.conditions == ["Vitiligo"]
    assert result.unplaced_conditions == ["Mesenchymal Stem Cells"]


def test_specific_condition_in_the_title_beats_a_broad_condition_word():
    result = classify(record(conditions_raw=("Cicatrix",), brief_title="Stem cells for keloids"))
    assert result.conditions == ["Keloid"]


def test_broad_condition_is_used_when_nothing_specific_is_said():
    result = classify(record(conditions_raw=("Scar",), brief_title="Cell therapy for scars"))
    assert result.conditions == ["Scar"]


def test_abbreviations_match_case_sensitively():
    assert classify(record(brief_title="MSC therapy in AGA")).conditions == ["Androgenetic alopecia"]
    assert classify(record(brief_title="Aga Khan University cell study")).conditions == []


def test_placebo_arm_is_not_a_cell_source():
    result = classify(
        record(
            brief_title="Cell therapy for psoriasis",
            arms=(
                Arm("Active", "EXPERIMENTAL", "Autologous adipose-derived stem cells", ("ADSC",)),
                Arm("Placebo", "PLACEBO_COMPARATOR", "Saline instead of bone marrow cells", ("Saline",)),
            ),
        )
    )
    assert result.cell_sources == ["Adipose tissue"]
    assert result.origins == ["Autologous"]


def test_negated_mentions_tag_nothing():
    result = classify(
        record(
            brief_title="Laser for melasma",
            brief_summary="Patients not previously treated with stem cells. Gel without umbilical cord cells.",
        )
    )
    assert result.cell_sources == []
    assert result.product_types == []
    assert not result.in_scope


def test_conditioned_medium_of_stem_cells_is_not_a_cell_product():
    result = classify(
        record(
            brief_title="Conditioned medium of adipose derived stem cells for acne scars",
            interventions=(Intervention("ADSC-CM", "BIOLOGICAL", "Stem cell conditioned media applied topically"),),
        )
    )
    assert result.product_types == ["Conditioned medium"]
    assert result.cell_sources == ["Adipose tissue"]
    assert result.routes == ["Topical"]


def test_exosomes_derived_from_stem_cells_are_extracellular_vesicles():
    result = classify(record(brief_title="Umbilical cord MSC-derived exosomes for alopecia areata"))
    assert result.product_types == ["Extracellular vesicles"]
    assert result.cell_sources == ["Umbilical cord"]
    assert result.conditions == ["Alopecia areata"]


def test_cells_and_medium_side_by_side_are_both_products():
    result = classify(record(brief_title="Mesenchymal Stem Cell, Conditioned Medium, or Triamcinolone for Keloid"))
    assert result.product_types == ["Cells", "Conditioned medium"]


def test_evidence_says_which_words_in_which_field():
    result = classify(record(conditions_raw=("Psoriasis",), brief_title="Umbilical cord MSCs"))
    assert result.evidence["conditions"]["Psoriasis"] == [{"field": "conditions", "text": "Psoriasis"}]
    assert {"field": "brief_title", "text": "Umbilical cord"} in result.evidence["cell_sources"]["Umbilical cord"]


def test_out_of_scope_without_a_cell_product():
    result = classify(record(conditions_raw=("Alopecia Areata",), brief_title="Platelet-rich plasma injections"))
    assert result.conditions == ["Alopecia areata"]
    assert not result.in_scope


def test_non_cultured_cells_are_cells_not_a_negation():
    result = classify(
        record(
            conditions_raw=("Vitiligo",),
            interventions=(Intervention("Non-cultured melanocyte-keratinocyte suspension", "PROCEDURE"),),
        )
    )
    assert result.cell_sources == ["Keratinocytes", "Melanocytes"]
    assert result.product_types == ["Cells"]
    assert result.in_scope


@pytest.mark.parametrize(
    ("title", "source"),
    [
        ("Allogeneic cord MSC for hypertrophic burn scars", "Umbilical cord"),  # "cord" alone: the cord's tissue
        ("Cord lining stem cells for chronic wounds", "Umbilical cord"),
        ("Cord blood MSC for atopic dermatitis", "Cord blood"),  # its blood, named
    ],
)
def test_cord_msc_are_umbilical_cord_cells_unless_its_blood_is_named(title, source):
    assert classify(record(brief_title=title)).cell_sources == [source]


def test_whartons_jelly_is_the_narrower_source_of_umbilical_cord_cells():
    from ingest.normalize.taxonomy import classify
    from ingest.record import Identifier, TrialRecord

    record = TrialRecord(
        source_format="test",
        identifiers=(Identifier("NCT", "NCT07700002"),),
        brief_title="Human umbilical cord Wharton jelly mesenchymal stem cells for alopecia areata",
        conditions_raw=("Alopecia Areata",),
    )
    assert classify(record).cell_sources == ["Wharton's jelly"]
    # in the registries' other languages
    for title in ("Células madre de la gelatina de Wharton para quemaduras", "Cellules souches de la gelée de Wharton"):
        assert classify(replace(record, brief_title=title)).cell_sources == ["Wharton's jelly"]


# Scope by evidence: cells and the skin decide; what neither settles is kept for a curator.
def test_cells_for_the_skin_are_in_scope_with_no_doubt():
    result = classify(record(brief_title="Adipose-derived stem cells for atrophic acne scars"))
    assert result.in_scope and not result.borderline


def test_a_skin_trial_that_names_no_product_is_kept_for_review():
    # A page cut before its interventions: nothing says cells, nothing says otherwise.
    result = classify(record(brief_title="A randomised study in patients with vitiligo"))
    assert result.in_scope and result.borderline.startswith("a skin condition")


def test_cells_for_the_skin_in_words_no_condition_holds_are_kept_for_review():
    """The skin named in the title, the conditions or the keywords, no condition placed: a curator
    judges; another organ's scar or ulcer, or no skin at all, stays out."""
    for fields in (
        {"brief_title": "Stem cells for lupus skin lesions"},
        {"brief_title": "Umbilical cord MSC", "keywords": ("cutaneous manifestations",)},
    ):
        result = classify(record(**fields))
        assert result.in_scope and result.borderline.startswith("cells, for the skin"), fields
        assert classify(record(**fields), scope_only=True).in_scope, fields
    for title in ("Stem cells for vocal fold scar", "Stem cells for corneal ulcer", "Stem cells for knee cartilage"):
        assert not classify(record(brief_title=title)).in_scope, title


def test_a_skin_trial_of_another_product_stays_out():
    for title in (
        "Platelet-rich plasma for androgenetic alopecia",
        "Dupilumab in severe atopic dermatitis",
        "Hyaluronic acid filler for nasolabial folds",
        "Acellular dermal matrix for diabetic foot ulcers",
        "Monobenzyl ether of hydroquinone cream for vitiligo",
    ):
        assert not classify(record(brief_title=title)).in_scope, title


def test_cells_for_an_unknown_condition_are_kept_for_review_but_not_for_another_organ():
    unknown = classify(record(brief_title="Umbilical cord MSCs", conditions_raw=("Xyzoderma",)))
    assert unknown.in_scope and unknown.borderline.startswith("cells")
    # Bone marrow is the cells' source, no organ's disease.
    marrow = classify(record(brief_title="Bone marrow MSC infusion", conditions_raw=("Xyzoderma",)))
    assert marrow.in_scope and marrow.borderline.startswith("cells")
    for condition in (
        "Knee osteoarthritis",
        "Acute graft versus host disease",
        "Tibial fracture non-union",
        "顎関節症",
    ):
        result = classify(record(brief_title="Autologous adipose stem cells", conditions_raw=(condition,)))
        assert not result.in_scope, condition


def test_a_membrane_without_a_word_of_cells_is_a_material_not_a_cell_product():
    membrane = classify(record(brief_title="Dehydrated amniotic membrane allograft for diabetic foot ulcers"))
    assert membrane.cell_sources == [] and not membrane.in_scope
    seeded = classify(record(brief_title="Amniotic membrane seeded with adipose stem cells for diabetic foot ulcers"))
    # The membrane carries the cells: their source is the fat (as the ground truth keys such a trial).
    assert seeded.cell_sources == ["Adipose tissue"] and seeded.in_scope
    # An umbilical cord tissue allograft likewise; the cord's cells are a cell product.
    cord = classify(record(brief_title="Flowable Wharton's jelly allograft for chronic venous leg ulcers"))
    assert cord.cell_sources == [] and not cord.in_scope
    cells = classify(record(brief_title="Wharton's jelly MSCs for chronic venous leg ulcers"))
    assert cells.cell_sources == ["Wharton's jelly"] and cells.in_scope


def test_an_origin_the_product_is_compared_with_is_not_the_products():
    spared = record(
        brief_title="Engineered skin tissue for deep partial-thickness burns",
        brief_summary="It may heal the burn well enough to be used instead of the patient's own healthy skin.",
    )
    assert classify(spared).origins == []
    own = record(
        brief_title="Cultured skin for deep burns",
        brief_summary="Cells grown from the patient's own skin biopsy are sprayed on the burn.",
    )
    assert classify(own).origins == ["Autologous"]


def test_chinese_japanese_and_korean_names_match_inside_unspaced_text():
    japanese = classify(record(brief_title="自己脂肪幹細胞を用いた尋常性白斑の治療"))
    assert japanese.conditions == ["Vitiligo"]
    assert japanese.cell_sources == ["Adipose tissue"] and japanese.product_types == ["Cells"]
    assert japanese.origins == ["Autologous"] and japanese.in_scope
    chinese = classify(record(conditions_raw=("银屑病",), brief_title="人脐带间充质干细胞治疗银屑病的临床研究"))
    assert chinese.conditions == ["Psoriasis"] and chinese.cell_sources == ["Umbilical cord"]
    korean = classify(record(brief_title="아토피피부염 환자에서 제대혈 유래 줄기세포"))
    assert korean.conditions == ["Atopic dermatitis"] and korean.cell_sources == ["Cord blood"]
    # The longer name wins where two start together: acne scars are not active acne.
    assert classify(record(brief_title="痤疮瘢痕")).conditions == ["Atrophic acne scar"]
    # English names keep their word boundaries beside the unspaced ones.
    assert classify(record(brief_title="Adipose-derived cells for melasma")).conditions == ["Melasma"]
    assert classify(record(brief_title="Bioadipose cells")).cell_sources == []


def test_portuguese_spanish_french_german_and_italian_names_are_in_the_vocabulary():
    portuguese = classify(
        record(
            conditions_raw=("Úlcera varicosa",),
            brief_title="Uso de células-tronco mesenquimais autólogas do tecido adiposo em úlceras venosas crônicas",
        )
    )
    assert portuguese.conditions == ["Venous leg ulcer"] and portuguese.in_scope
    assert portuguese.cell_sources == ["Adipose tissue"] and portuguese.origins == ["Autologous"]
    spanish = classify(record(brief_title="Exosomas de células madre del cordón umbilical para quemaduras"))
    assert (spanish.conditions, spanish.cell_sources, spanish.product_types) == (
        ["Burn"],
        ["Umbilical cord"],
        ["Extracellular vesicles"],
    )
    french = classify(record(brief_title="Cellules souches allogéniques de moelle osseuse et épidermolyse bulleuse"))
    assert (french.conditions, french.cell_sources, french.origins) == (
        ["Epidermolysis bullosa"],
        ["Bone marrow"],
        ["Allogeneic"],
    )
    german = classify(
        record(brief_title="Autologe Keratinozyten bei chronischen Wunden", conditions_raw=("Verbrennungen",))
    )
    assert german.conditions == ["Burn"] and german.cell_sources == ["Keratinocytes"] and german.in_scope
    italian = classify(record(brief_title="Terreno condizionato di cellule staminali per la psoriasi"))
    assert italian.conditions == ["Psoriasis"] and italian.product_types == ["Conditioned medium"]


def test_the_bodys_own_stem_cells_acted_on_in_place_are_no_product():
    activation = classify(record(brief_title="Stem cell in situ activation for diabetic foot ulcers"))
    assert activation.product_types == [] and not activation.in_scope
    mobilised = classify(record(brief_title="Mobilization of endogenous stem cells to heal burns"))
    assert mobilised.product_types == [] and not mobilised.in_scope
    # Another mention that gives cells still counts.
    given = classify(
        record(brief_title="Stem cell factor levels after injection of adipose-derived stem cells in burns")
    )
    assert given.product_types == ["Cells"] and given.in_scope
    # The next line of a field is no part of the mention.
    next_line = classify(
        record(
            conditions_raw=("Burns",),
            interventions=(Intervention(name="Adipose-derived stem cells", description="Recruitment of 20 patients"),),
        )
    )
    assert next_line.product_types == ["Cells"]


def test_donated_cells_are_allogeneic_a_donated_study_product_is_not():
    summary = "Cells are taken from the patient's own fat. Dressings are donated by Example Inc."
    given = classify(record(brief_title="Stem cells for burns", brief_summary=summary))
    assert given.origins == ["Autologous"]
    donor = classify(
        record(brief_title="Exosomes for hair loss", brief_summary="Exosomes of donated human stem cells.")
    )
    assert donor.origins == ["Allogeneic"]


def test_nanofat_is_a_stromal_vascular_fraction_and_fat_grafting_a_tissue_graft():
    nanofat = classify(record(brief_title="Nanofat injection for atrophic acne scars"))
    assert nanofat.product_types == ["Stromal vascular fraction"] and nanofat.cell_sources == ["Adipose tissue"]
    both = classify(record(brief_title="Fat grafting with nanofat for facial scars"))
    assert both.product_types == ["Stromal vascular fraction", "Tissue graft"]


def test_cells_against_a_tumour_or_for_another_organ_are_no_regenerative_dermatology():
    # Skin cancers are of the skin, but lymphocytes or a dendritic-cell vaccine against them regenerate nothing.
    for title, condition in (
        ("Autologous dendritic cell vaccine", "Melanoma"),
        ("Tumor infiltrating lymphocytes", "Metastatic melanoma"),
        ("Expanded adipose stem cells (darvadstrocel)", "Complex perianal fistula"),
        ("Adipose MSCs", "Rectovaginal fistula"),
        ("Cultivated limbal epithelial cells", "Limbal stem cell deficiency"),
        ("Muscle-derived cells", "Stress urinary incontinence"),
    ):
        result = classify(record(brief_title=title, conditions_raw=(condition,)))
        assert not result.in_scope, condition
    # A skin condition the vocabulary does not know is still kept for a curator, and a diabetic's
    # foot ulcer named in the narrative is still the condition (an ulcer is the skin's, diabetes or not).
    kept = classify(record(brief_title="UC-MSC for pilonidal sinus", conditions_raw=("Pilonidal sinus",)))
    assert kept.in_scope and kept.borderline
    ulcers = classify(
        record(
            brief_title="Stem cells to heal foot ulcers in diabetes patients",
            brief_summary="Allogeneic adipose stromal cells injected around diabetic foot ulcers.",
        )
    )
    assert ulcers.conditions == ["Diabetic foot ulcer"] and ulcers.in_scope


def test_an_origin_said_in_plain_words():
    def origins(summary):
        return classify(record(brief_title="Stem cells for burns", brief_summary=summary)).origins

    assert origins("Cells obtained from the patient himself.") == ["Autologous"]
    assert origins("Self-derived adipose stem cells.") == ["Autologous"]
    assert origins("Grafts of the participants' own fat enriched with stromal cells.") == ["Autologous"]
    assert origins("Third-party umbilical cord MSCs.") == ["Allogeneic"]
    assert origins("Off-the-shelf mesenchymal stromal cells.") == ["Allogeneic"]
    assert origins("Umbilical cord MSCs.") == []  # the source alone does not say (the registry did not)


def test_microfat_cultured_epidermis_and_what_is_no_human_cell_product():
    def tags(name):
        result = classify(record(brief_title="Treatment of burns", interventions=(Intervention(name),)))
        return result.cell_sources, result.product_types, result.in_scope

    assert tags("Emulsified microfat grafting") == (["Adipose tissue"], ["Tissue graft"], True)
    assert tags("Autologous cultured epidermis") == (["Keratinocytes"], ["Cells"], True)
    assert tags("Human platelet lysate gel") == ([], [], False)  # the platelet-rich plasma family
    assert tags("Apple stem cell extract serum") == ([], [], False)  # a plant's cells in a cosmetic
    assert tags("Adipose stem cell lysate") == (["Adipose tissue"], ["Lysate or extract"], True)


def test_stem_cells_that_are_the_patients_history_or_only_studied_are_no_product():
    for title, conditions, intervention in (
        ("Topical cream for skin rash after stem cell transplantation", ("Skin rash",), "Drug: Topical cream"),
        ("Exercise in stem cell transplant survivors", ("Skin toxicity",), "Behavioral: exercise"),
        ("Photobiomodulation for skin toxicity", ("Skin toxicity", "Stem cell transplantation"), "Device: LED"),
        ("Secukinumab and keratinocyte stem cells in psoriasis", ("Psoriasis",), "Drug: Secukinumab"),
    ):
        result = classify(
            record(brief_title=title, conditions_raw=conditions, interventions=(Intervention(intervention),))
        )
        assert not result.in_scope, title
    # Cells among the interventions stay the product, whatever else is given beside them.
    both = classify(
        record(
            brief_title="Adipose stem cells and fractional laser for acne scars",
            interventions=(Intervention("Device: CO2 laser"), Intervention("Biological: ADSC injection")),
        )
    )
    assert both.in_scope and both.cell_sources == ["Adipose tissue"]


def test_cells_for_the_mouth_the_ear_or_the_arteries_are_no_skin_trial():
    for condition in ("Chemotherapy-induced oral mucositis", "Radiation-induced xerostomia", "Sjögren syndrome"):
        result = classify(record(brief_title="Mesenchymal stem cells", conditions_raw=(condition,)))
        assert not result.in_scope, condition
    for condition in ("Sensorineural hearing loss", "Peripheral arterial disease", "Critical limb ischemia"):
        result = classify(record(brief_title="Autologous bone marrow stem cells", conditions_raw=(condition,)))
        assert not result.in_scope, condition
    # The wound such a disease leaves is the skin's: an ischaemic ulcer is kept.
    ulcer = classify(record(brief_title="Autologous bone marrow stem cells", conditions_raw=("Ischemic foot ulcer",)))
    assert ulcer.in_scope


@pytest.mark.parametrize(
    ("summary", "sources"),
    [
        ("Autologous melanocytes grown on a substrate of amniotic membrane for stable vitiligo.", ["Melanocytes"]),
        (
            "Effect of amniotic membrane and of amniotic membrane seeded with adipose-derived stem cells on "
            "diabetic foot ulcers.",
            ["Adipose tissue"],  # the membrane is the cells' scaffold wherever it is named
        ),
        ("Melanocyte transplantation on amniotic membrane as a substrate in vitiligo.", ["Melanocytes"]),
        # The tissue the cells come from stays their source, whatever carries them.
        ("Amniotic membrane-derived stem cells on a collagen scaffold for burn wounds.", ["Amnion"]),
        ("Umbilical cord mesenchymal stem cells seeded on a collagen scaffold for burn wounds.", ["Umbilical cord"]),
        # A graft "with" cells of its own tissue is their source, not their carrier.
        ("Lipofilling with adipose-derived stem cells for facial burn scars.", ["Adipose tissue"]),
        ("Fat grafting with adipose stem cells for facial burn scars.", ["Adipose tissue"]),
    ],
)
def test_a_tissue_the_cells_are_carried_on_is_not_their_source(summary, sources):
    assert classify(record(brief_title="Cells for skin", brief_summary=summary)).cell_sources == sources


def test_only_a_cell_source_is_ever_a_carrier():
    """ "Vitiligo with autologous melanocytes" names the condition treated, not a scaffold."""
    classification = classify(record(brief_title="Treating Vitiligo With Autologous Melanocytes"))
    assert classification.conditions == ["Vitiligo"] and classification.cell_sources == ["Melanocytes"]


def test_precursor_mononuclear_cells_and_epidermal_sheets_are_given_cells_counted_cells_are_not():
    def tags(title):
        result = classify(record(brief_title=title))
        return result.cell_sources, result.product_types, result.in_scope

    assert tags("Autologous mesenchymal precursor cells for chronic wounds") == ([], ["Cells"], True)
    assert tags("Bone marrow mononuclear cells for diabetic foot ulcer") == (["Bone marrow"], ["Cells"], True)
    assert tags("Gene-corrected epidermal sheets for epidermolysis bullosa") == (["Keratinocytes"], ["Cells"], True)
    # Cells measured as a biomarker of the disease are no product of the trial's.
    assert tags("Endothelial progenitor cells count in psoriasis under adalimumab") == ([], [], False)
    assert tags("Levels of circulating progenitor cells in psoriasis") == ([], [], False)
    assert tags("The number of stem cells injected into vitiligo patches") == ([], ["Cells"], True)
    # Hair-follicle cells by their parts' names.
    assert tags("Autologous dermal papilla cells for androgenetic alopecia") == (["Hair follicle"], ["Cells"], True)
    assert tags("Dermal sheath cup cells injected in male pattern hair loss") == ([], ["Cells"], True)


@pytest.mark.parametrize(
    "title, condition, intervention",
    [
        (
            "Umbilical Cord Blood Platelet Gel for Diabetic Foot Ulcers",
            "Diabetic Foot Ulcer",
            "Cord blood platelet gel",
        ),
        ("Ginseng-Derived Exosome-Like Nanoparticles for Acne Scars", "Acne Scars", "Ginseng exosome serum"),
        ("Rose Stem Cell Exosomes After Fractional Laser for Photoaging", "Photoaging", "Rose stem cell exosomes"),
        ("Rose Stem Cell Derived Exosomes for Skin Rejuvenation", "Skin aging", "Rose stem cell-derived exosomes"),
        ("Keratinocyte Growth Factor for Radiation Dermatitis", "Radiation Dermatitis", "Palifermin"),
        ("Fish Skin Graft for Diabetic Foot Ulcers", "Diabetic Foot Ulcer", "Omega3 fish skin graft"),
        # cosmetics and a microbe's product named after cells or their vesicles
        ("Stem Cell Peptide Serum After Microneedling for Acne Scars", "Acne Scars", "synthetic peptide serum"),
        ("Colostrum-Derived Exosomes for Photoaging", "Photoaging", "bovine milk exosomes drink"),
        ("Secretome of Probiotic Bacteria for Acne", "Acne Vulgaris", "Lactobacillus secretome lotion"),
        # a plant's tissue culture, by its Latin name
        ("Exosomes With Microneedling for Acne Scars", "Acne Scars", "Rosa damascena callus culture exosomes"),
        ("Exosome Serum for Photoaging", "Photoaging", "callus-derived exosomes of edelweiss"),
    ],
)
def test_look_alikes_named_with_a_cell_word_stay_out(title, condition, intervention):
    result = classify(
        record(brief_title=title, conditions_raw=(condition,), interventions=(Intervention(intervention),))
    )
    assert result.conditions and not result.in_scope, (result.cell_sources, result.product_types, result.borderline)


@pytest.mark.parametrize(
    ("summary", "origins"),
    [
        ("Cells grown from a donor's umbilical cord are applied to the ulcer.", ["Allogeneic"]),
        ("Keratinocytes from donors are sprayed on the wound.", ["Allogeneic"]),
        ("Keratinocytes taken from a donor site on the thigh are sprayed on the wound.", []),  # the patient's own skin
    ],
)
def test_a_donor_in_plain_words_is_another_person(summary, origins):
    assert classify(record(brief_title="Cell spray for foot ulcers", brief_summary=summary)).origins == origins


@pytest.mark.parametrize(
    ("summary", "routes"),
    [
        ("Cord blood stromal cells are given into a vein once a month.", ["Intravenous"]),
        ("Blood is drawn from a vein before the cells are injected into the scar.", ["Intradermal or intralesional"]),
    ],
)
def test_a_route_in_plain_words(summary, routes):
    assert classify(record(brief_title="Cord blood MSC for RDEB", brief_summary=summary)).routes == routes


def test_stem_cells_alone_beside_a_plants_stem_cells_are_the_plants():
    result = classify(record(brief_title="Stem cell-based cosmetic cream with apple stem cell extract for wrinkles"))
    assert result.conditions and not result.in_scope, (result.product_types, result.borderline)


def test_a_run_of_hyphens_after_a_plants_name_reads_at_once():
    """The plants' stem cells' pattern must not backtrack on hyphens (it was cubic in their run)."""
    result = classify(record(brief_title="Stem cells for wrinkles, apple" + "-" * 5000 + " cream"))
    assert result.product_types == ["Cells"] and result.in_scope


def test_stem_cells_with_their_source_beside_a_plants_stay_the_trials():
    result = classify(
        record(
            brief_title="Adipose Stem Cell Cream for Wrinkles",
            conditions_raw=("Skin Aging",),
            interventions=(Intervention("stem cell cream"), Intervention("apple stem cell extract cream")),
        )
    )
    assert result.in_scope and result.cell_sources == ["Adipose tissue"]


def test_a_drug_named_for_the_stem_cells_it_activates_gives_no_cells():
    result = classify(
        record(
            brief_title="Stem Cell Activator Topical for Androgenetic Alopecia",
            conditions_raw=("Androgenetic Alopecia",),
            interventions=(Intervention("topical valproic acid (hair follicle stem cell activator)"),),
            brief_summary="Valproic acid stimulates dermal papilla and hair follicle stem cells via Wnt signaling.",
        )
    )
    assert result.conditions and not result.in_scope, (result.cell_sources, result.product_types)


@pytest.mark.parametrize(
    "title, in_scope",
    [
        ("Bilayer Wound Matrix Versus Split-Thickness Skin Graft for Burns", False),  # the graft is today's care
        ("Dermal Substitute Compared With Skin Grafting in Deep Burns", False),
        ("Platelet-Rich Plasma Versus Fat Grafting for Acne Scars", True),  # a head-to-head: fat is a product
        ("Cultured Epidermal Autograft Versus Split-Thickness Skin Graft for Burns", True),
        ("Split-Thickness Skin Graft With or Without Adipose Stem Cells for Burns", True),
    ],
)
def test_a_skin_graft_a_title_compares_with_is_no_product_of_the_trial(title, in_scope):
    assert classify(record(brief_title=title)).in_scope is in_scope


def test_a_term_list_naming_a_cell_free_products_source_names_no_second_product():
    exosomes = classify(
        record(
            brief_title="Umbilical cord MSC-derived exosomes for atrophic acne scars",
            keywords=("acne scars", "exosomes", "mesenchymal stem cells"),
        )
    )
    assert exosomes.product_types == ["Extracellular vesicles"]
    # Cells an intervention gives beside exosomes are a second product.
    both = classify(
        record(
            brief_title="Stem cells and their exosomes for acne scars",
            interventions=(Intervention("adipose-derived stem cells"), Intervention("ADSC exosomes")),
        )
    )
    assert both.product_types == ["Cells", "Extracellular vesicles"]


def test_cells_and_exosomes_beside_a_look_alike_stay_in():
    """'Platelet-rich plasma and stem cell-derived exosomes': the platelets are not what the
    exosomes come from."""
    result = classify(
        record(
            brief_title="Platelet-Rich Plasma and Stem Cell Derived Exosomes for Acne Scars",
            conditions_raw=("Acne Scars",),
        )
    )
    assert result.in_scope and "Extracellular vesicles" in result.product_types


def test_cells_for_diabetes_itself_are_not_kept_for_review_but_its_foot_ulcers_are_in():
    educator = classify(record(brief_title="Stem Cell Educator Therapy", conditions_raw=("Type 1 Diabetes",)))
    assert not educator.in_scope and not educator.borderline
    ulcer = classify(
        record(
            brief_title="Adipose stem cells for foot ulcers",
            conditions_raw=("Diabetes Mellitus", "Diabetic Foot Ulcer"),
        )
    )
    assert ulcer.in_scope and ulcer.conditions == ["Diabetic foot ulcer"]


@pytest.mark.parametrize(
    "title, intervention, in_scope",
    [
        ("Negative Pressure Wound Therapy on Split-Thickness Skin Grafts in Burns", "NPWT", False),
        ("Fibrin Sealant for Skin Graft Fixation in Burns", "Fibrin sealant", False),
        ("Dermal Substitute With Skin Graft in Burns", "Matriderm", False),
        # The graft is what the trial tests when an intervention names it.
        ("Meek Micrografting Versus Mesh Grafting in Burns", "Meek micrograft", True),
        ("Punch Grafting in Stable Vitiligo", "Punch grafting", True),
    ],
)
def test_a_skin_graft_the_patients_receive_is_the_setting_not_the_product(title, intervention, in_scope):
    result = classify(record(brief_title=title, conditions_raw=("Burns",), interventions=(Intervention(intervention),)))
    assert result.in_scope is in_scope


@pytest.mark.parametrize(
    "condition, term",
    [
        ("Radiation-Induced Skin Injury", "Radiation dermatitis"),
        ("Chronic Graft Versus Host Disease of the Skin", "Cutaneous graft-versus-host disease"),
        ("Hair Thinning", "Hair loss"),
        ("Non-healing Leg Ulcers", "Chronic wound"),
        ("Full-Thickness Skin Defect", "Chronic wound"),
        ("Pressure Injuries", "Pressure ulcer"),  # "injury" in plural
        ("Discoid Lupus Erythematosus", "Cutaneous lupus erythematosus"),
        ("Caesarean Section Scar", "Caesarean-section scar"),
        ("Cicatriz de queimadura", "Burn scar"),  # the scar of a burn, not the burn
        ("Cicatrices de brûlure", "Burn scar"),
        ("Giant congenital melanocytic nevus", "Congenital melanocytic nevus"),  # cultured epidermis after excision
        ("巨大色素性母斑", "Congenital melanocytic nevus"),
        ("Stevens-Johnson Syndrome/Toxic Epidermal Necrolysis", "Toxic epidermal necrolysis"),
        ("Xerosis Cutis", "Xerosis"),
        ("Hailey-Hailey Disease", "Hailey-Hailey disease"),
        ("Necrobiosis Lipoidica", "Necrobiosis lipoidica"),
        ("Calciphylaxis", "Calciphylaxis"),
        ("Buruli Ulcer", "Buruli ulcer"),
        ("Nevus Depigmentosus", "Nevus depigmentosus"),
        ("Halo Nevus", "Halo nevus"),
        ("Decubitus", "Pressure ulcer"),
        ("Degloving Injury", "Traumatic wound"),
        ("Ischemic Skin Flap", "Skin necrosis"),
        ("Eyebrow Hypotrichosis", "Hair loss"),
        ("Leukotrichia", "Pigmentary disorder"),  # white hair in a depigmented patch
        ("Enlarged Facial Pores", "Photoaging"),
        ("Critical Limb Ischemia Ulcers", "Arterial ulcer"),  # the ulcers, not the limb's arteries
    ],
)
def test_skin_conditions_in_the_words_registries_use(condition, term):
    result = classify(record(brief_title="Umbilical cord MSCs", conditions_raw=(condition,)))
    assert term in result.conditions and result.in_scope and not result.borderline


@pytest.mark.parametrize(
    "intervention, product",
    [
        ("Bilayered cellular construct", "Cells"),
        ("Bone marrow aspirate concentrate (BMAC)", "Cells"),
        ("CD34+ cells", "Cells"),
        ("Muse cells", "Cells"),
        ("Epidermal blister grafting", "Tissue graft"),
        ("Microfragmented adipose tissue (Lipogems)", "Tissue graft"),
        ("Cell-free fat extract", "Lysate or extract"),
        ("Stem cell-derived secretome serum", "Conditioned medium"),  # a cosmetic serum of a cell product
        # a hospital page's plain words
        ("A suspension of cells taken from the patient's own hair follicles", "Cells"),
        ("Skin cells harvested from a small biopsy, grown and sprayed on", "Cells"),
        ("Cells isolated from donated fat", "Cells"),
        ("Human amniotic epithelial cells", "Cells"),
    ],
)
def test_cell_products_in_the_names_trials_give_them(intervention, product):
    result = classify(record(brief_title="Treatment of chronic wounds", interventions=(Intervention(intervention),)))
    assert product in result.product_types and result.in_scope


def test_a_placental_membrane_kept_viable_holds_cells_a_dehydrated_one_does_not():
    def scope(name):
        return classify(record(brief_title="Diabetic foot ulcers", interventions=(Intervention(name),))).in_scope

    assert scope("Viable cryopreserved placental membrane")
    assert not scope("Dehydrated placental membrane")


@pytest.mark.parametrize(
    "condition",
    [
        "Thin Endometrium",
        "Aplastic Anemia",
        "Glaucoma",
        "Cerebral Palsy",
        "Autism",
        "Bronchopulmonary Dysplasia",
        "Lymphedema",
        # A scar or an ulcer inside another organ is that organ's, lupus of the whole body is no skin's.
        "Vocal Fold Scar",
        "Myocardial Scar",
        "Corneal Ulcer",
        "Systemic Lupus Erythematosus",
        "Lupus Nephritis",
        "Gingival Recession",
        "Genitourinary Syndrome of Menopause",
        "Velopharyngeal Insufficiency",
        "Dupuytren Contracture",
        "Facial Nerve Palsy",
        "Radiation Proctitis",
        "Urethral Stricture",
        "Lateral Epicondylitis",
        "Thromboangiitis Obliterans",
        "Cleft Lip and Palate",
        # the nose, the ear and the eye's surface
        "Chronic Rhinosinusitis",
        "Tympanic Membrane Perforation",
        "Keratoconjunctivitis Sicca",
        # in the registries' other languages
        "Cirrhose hépatique",
        "Insuficiencia cardíaca",
        "Enfermedad pulmonar intersticial",
        "Sclerosi laterale amiotrofica",
        "Lesión medular crónica",
        "Leberzirrhose",
        "肝硬化",  # liver cirrhosis
        "系统性红斑狼疮",  # systemic lupus
        "脊髄損傷",  # spinal cord injury
        "重症下肢虚血",  # critical limb ischaemia
        "심부전",  # heart failure
    ],
)
def test_cells_for_another_organs_disease_are_not_kept_for_review(condition):
    result = classify(record(brief_title="Umbilical cord MSCs", conditions_raw=(condition,)))
    assert not result.in_scope and not result.borderline


@pytest.mark.parametrize(
    "condition",
    ["Úlcera isquémica de pierna", "Ulcère ischémique", "下肢缺血性溃疡", "糖尿病足", "虚血性潰瘍"],
)
def test_a_wound_another_organs_disease_left_is_still_the_skins_in_other_languages(condition):
    result = classify(record(brief_title="Mesenchymal stem cells", conditions_raw=(condition,)))
    assert result.in_scope


def test_an_organ_word_beside_a_skin_word_is_still_the_skins():
    result = classify(record(brief_title="Umbilical cord MSCs", conditions_raw=("Sickle Cell Leg Ulcers",)))
    assert result.in_scope
    perineal = classify(record(brief_title="Adipose stem cells", conditions_raw=("Perineal Wound After Proctectomy",)))
    assert perineal.in_scope
    cleft_scar = classify(record(brief_title="Adipose stem cells", conditions_raw=("Cleft Lip Scar",)))
    assert cleft_scar.in_scope and cleft_scar.conditions == ["Scar"]
    romberg = classify(record(brief_title="Adipose stem cells", conditions_raw=("Parry-Romberg",)))
    assert romberg.conditions == ["Lipodystrophy"]
    hemiatrophy = classify(record(brief_title="Adipose stem cells", conditions_raw=("Progressive facial hemiatrophy",)))
    assert hemiatrophy.conditions == ["Lipodystrophy"]
    fibrosis = classify(record(brief_title="Fat grafting", conditions_raw=("Radiation Fibrosis of the Skin",)))
    assert fibrosis.conditions == ["Radiation dermatitis"] and not fibrosis.borderline
    for raw, condition in (
        ("Sun-damaged skin", "Photoaging"),
        ("Thermal injury", "Burn"),
        ("Sickle cell leg ulcers", "Chronic wound"),
        ("Dark spots", "Pigmentary disorder"),
    ):
        assert classify(record(brief_title="Exosomes", conditions_raw=(raw,))).conditions == [condition], raw


def test_the_skin_of_the_vulva_is_still_skin():
    result = classify(record(brief_title="Fat grafting", conditions_raw=("Vulvar Lichen Sclerosus",)))
    assert result.in_scope and "Lichen sclerosus" in result.conditions


def test_a_scar_of_another_organ_in_the_title_is_no_skin_scar():
    result = classify(record(brief_title="Adipose stem cells for vocal fold scarring"))
    assert result.conditions == [] and not result.in_scope
    # The skin's scar beside it is still read.
    both = classify(record(brief_title="Adipose stem cells for vocal fold scarring and facial scars"))
    assert "Scar" in both.conditions and both.in_scope


@pytest.mark.parametrize("condition", ["Chemical Burns of the Eye", "Ocular chemical burns", "Eye burns"])
def test_a_burn_of_the_eye_is_no_skin_burn(condition):
    result = classify(record(brief_title="Cultivated limbal epithelial transplantation", conditions_raw=(condition,)))
    assert "Burn" not in result.conditions and not result.in_scope
    # A burn of the skin beside it is still read.
    both = classify(record(brief_title="Cultured cells", conditions_raw=(condition, "Facial burns")))
    assert "Burn" in both.conditions and both.in_scope


def test_the_skin_named_only_as_the_patients_of_another_organs_disease_is_no_condition():
    sepsis = classify(record(brief_title="Umbilical Cord MSC for Sepsis in Burn Patients", conditions_raw=("Sepsis",)))
    assert sepsis.conditions == [] and not sepsis.in_scope
    # Without another organ's disease the patients' burn is the trial's; so is a burn the registry lists.
    healing = classify(record(brief_title="Cultured keratinocytes in burn patients"))
    assert healing.conditions == ["Burn"] and healing.in_scope
    listed = classify(record(brief_title="Cord MSC for Sepsis in Burn Patients", conditions_raw=("Sepsis", "Burns")))
    assert listed.conditions == ["Burn"] and listed.in_scope
    knee = classify(
        record(
            brief_title="Mesenchymal Stem Cells for Knee Osteoarthritis in Patients With Psoriasis",
            conditions_raw=("Knee Osteoarthritis",),
        )
    )
    assert knee.conditions == [] and not knee.in_scope
    scars = classify(record(brief_title="Adipose Stem Cells for Scars in Patients With Diabetes"))
    assert scars.conditions == ["Scar"] and scars.in_scope
    # A scar's cause is no other organ's disease: "facial scars after cleft lip repair" are scars.
    cleft = classify(
        record(brief_title="Fat grafting for facial scars after cleft lip repair", conditions_raw=("Cleft Lip",))
    )
    assert cleft.conditions == ["Scar"] and cleft.in_scope


def test_a_hormone_named_after_a_cell_is_no_cell_product():
    title = "Melanocyte-Stimulating Hormone Analogue (Afamelanotide) With Phototherapy in Vitiligo"
    result = classify(record(brief_title=title))
    assert result.cell_sources == [] and result.product_types == [] and not result.in_scope
    assert classify(record(brief_title="Melanocyte transplantation in vitiligo")).cell_sources == ["Melanocytes"]


def test_names_match_with_or_without_their_accents_and_keep_the_pages_words():
    spanish = classify(record(brief_title="Células madre mesenquimales en vitíligo"))
    assert spanish.conditions == ["Vitiligo"] and spanish.product_types == ["Cells"]
    assert spanish.evidence["conditions"]["Vitiligo"][0]["text"] == "vitíligo"
    assert classify(record(brief_title="Células-tronco na psoríase em placas")).conditions == ["Psoriasis"]
    # A registry's own accented synonym still matches a page that left the accent out.
    assert classify(record(brief_title="Cellule staminali nella dermatite atopica")).conditions == ["Atopic dermatitis"]


def test_epidermal_cells_in_other_languages_and_portuguese_no_is_no_negation():
    def tags(title):
        result = classify(record(brief_title=title))
        return result.conditions, result.cell_sources, result.product_types

    assert tags("Greffe de cellules épidermiques autologues dans le vitiligo") == (
        ["Vitiligo"],
        ["Keratinocytes"],
        ["Cells"],
    )
    assert tags("Trapianto di cheratinociti e melanociti nella vitiligine") == (
        ["Vitiligo"],
        ["Keratinocytes", "Melanocytes"],
        ["Cells"],
    )
    # "no vitiligo" is Portuguese for "in vitiligo"; in English it still negates.
    assert tags("Transplante de células epidérmicas no vitiligo")[0] == ["Vitiligo"]
    assert tags("Stem cells for burns in patients with no vitiligo")[0] == ["Burn"]


@pytest.mark.parametrize(
    "title",
    [
        "Crema con células madre vegetales de manzana para el envejecimiento cutáneo",  # a plant's cells
        "Plasma rico en plaquetas en alopecia androgenética",  # platelet-rich plasma
        "Esosomi di origine vegetale per il fotoinvecchiamento",  # a plant's exosomes
        "Exosomas de origen vegetal para el fotoenvejecimiento",
    ],
)
def test_look_alikes_in_other_languages_stay_out(title):
    assert not classify(record(brief_title=title)).in_scope


@pytest.mark.parametrize(
    "conditions, in_scope",
    [
        (("Artritis psoriásica",), False),  # psoriatic arthritis: the joints' disease
        (("Arthrite psoriasique",), False),
        (("Psoriasis", "Artritis psoriásica"), True),  # a list: the skin's disease is one of them
        (("Psoriasis", "Psoriatic Arthritis"), True),
        (("Psoriasis y artritis psoriásica",), True),  # "y" joins two diseases, as "and" does
    ],
)
def test_a_skin_diseases_name_qualifies_only_the_joint_disease_on_its_own_line(conditions, in_scope):
    result = classify(
        record(conditions_raw=conditions, interventions=(Intervention("umbilical cord mesenchymal stem cells"),))
    )
    assert result.in_scope is in_scope, (result.conditions, result.borderline)


@pytest.mark.parametrize(
    "title",
    [
        "Autologous platelet gel for chronic diabetic foot ulcers",
        "Human umbilical cord blood plasma for burn wounds",
        "Placental extract injections for photoaging",
        "Growth factor serum after fractional resurfacing of acne scars",
    ],
)
def test_blood_and_tissue_products_without_cells_stay_out(title):
    # No intervention listed: without a product named, a curator would judge it; these name one.
    classified = classify(record(brief_title=title))
    assert not classified.in_scope and not classified.borderline


def test_cells_named_beside_a_blood_product_are_in():
    assert classify(record(brief_title="Cord blood stem cells in platelet gel for diabetic foot ulcers")).in_scope


def test_a_plants_stem_cells_named_after_them_are_no_cells():
    serum = classify(record(brief_title="Sérum aux cellules souches de plantes contre le vieillissement cutané"))
    # No cell product: a plant's cells are another product named, no question for a curator.
    assert (serum.product_types, serum.cell_sources) == ([], [])
    assert not serum.borderline and not serum.in_scope


def test_sources_and_conditions_named_in_other_languages():
    spanish = classify(record(brief_title="Células madre de la pulpa dental en esclerodermia"))
    assert (spanish.cell_sources, spanish.conditions) == (["Dental pulp"], ["Systemic sclerosis"])
    german = classify(record(brief_title="Fett mit angereicherter stromaler vaskulärer Fraktion bei Sklerodermie"))
    assert (german.cell_sources, german.product_types) == (["Adipose tissue"], ["Stromal vascular fraction"])


@pytest.mark.parametrize(
    ("title", "source", "product"),
    [
        ("Cellules souches adipeuses pour les cicatrices de brûlure", "Adipose tissue", "Cells"),
        ("Exosomen aus Fettstammzellen bei Haarausfall", "Adipose tissue", "Extracellular vesicles"),
        ("Greffe de graisse autologue pour les cicatrices de brûlure", "Adipose tissue", "Tissue graft"),
        # The stromal vascular fraction is the fat's, in every language it is named in.
        ("Fraction vasculaire stromale dans la sclérodermie", "Adipose tissue", "Stromal vascular fraction"),
        ("Fracción vascular estromal para cicatrices", "Adipose tissue", "Stromal vascular fraction"),
    ],
)
def test_fat_named_in_french_and_german(title, source, product):
    classified = classify(record(brief_title=title))
    assert (classified.cell_sources, classified.product_types) == ([source], [product])


@pytest.mark.parametrize(
    ("condition", "term"),
    [
        ("Dermatitis, Atopic", "Atopic dermatitis"),  # MeSH's inverted headings, as registries copy them
        ("Cicatrix, Hypertrophic", "Hypertrophic scar"),
        ("Lupus Erythematosus, Cutaneous", "Cutaneous lupus erythematosus"),
    ],
)
def test_a_meshs_inverted_heading_is_read_in_reading_order(condition, term):
    classified = classify(record(brief_title="Stem cells", conditions_raw=(condition,)))
    assert classified.conditions == [term] and classified.unplaced_conditions == []


@pytest.mark.parametrize(
    ("title", "source", "product"),
    [
        ("Injerto de grasa autóloga en cicatrices de quemaduras", "Adipose tissue", "Tissue graft"),
        ("Enxerto de gordura em cicatrizes de acne", "Adipose tissue", "Tissue graft"),
        ("Eigenfetttransplantation bei Sklerodermie", "Adipose tissue", "Tissue graft"),
        ("Innesto di grasso nelle cicatrici da ustione", "Adipose tissue", "Tissue graft"),
        ("Autologous cultured adipocytes for facial lipoatrophy", "Adipose tissue", "Cells"),
    ],
)
def test_fat_grafts_in_spanish_portuguese_german_and_italian(title, source, product):
    classified = classify(record(brief_title=title))
    assert (classified.cell_sources, classified.product_types) == ([source], [product])
    assert classified.in_scope


@pytest.mark.parametrize(
    ("title", "source"),
    [
        ("Cellule staminali placentari per la vitiligine", "Placenta"),
        ("Células madre adiposas para el vitíligo", "Adipose tissue"),
    ],
)
def test_placental_and_fat_cells_in_italian_and_spanish_adjectives(title, source):
    assert classify(record(brief_title=title)).cell_sources == [source]


def test_exosomes_in_italian():
    assert "Extracellular vesicles" in classify(record(brief_title="Esosomi per la vitiligine")).product_types
    # the cells they come from are their source, not a second product
    derived = classify(record(brief_title="Esosomi da cellule staminali per cicatrici da acne"))
    assert derived.product_types == ["Extracellular vesicles"]


@pytest.mark.parametrize("abbreviation", ["MKTP", "NCES"])
def test_a_vitiligo_grafts_abbreviation_is_a_cell_product(abbreviation):
    # The melanocyte-keratinocyte transplantation procedure, a non-cultured epidermal suspension.
    result = classify(record(brief_title=f"{abbreviation} in stable vitiligo"))
    assert "Cells" in result.product_types and result.in_scope


def test_a_source_the_fields_background_names_is_not_the_trials():
    summary = (
        "Literature reviews show that exosomes derived from human umbilical cord blood mesenchymal stem cells"
        " stimulate collagen. This study injects mesenchymal stem cell exosomes into aged facial skin."
    )
    result = classify(record(brief_title="Exosomes in skin rejuvenation", brief_summary=summary))
    assert result.cell_sources == [] and result.product_types == ["Extracellular vesicles"]
    # The trial's own source in the next sentence is read.
    own = summary + " The exosomes come from umbilical cord mesenchymal stem cells."
    assert classify(record(brief_title="Exosomes in skin rejuvenation", brief_summary=own)).cell_sources == [
        "Umbilical cord"
    ]
    # Cells of the trial's own "cultured in vitro" are the trial's.
    cultured = "Autologous melanocytes cultured in vitro from a scalp biopsy will be transplanted."
    assert classify(record(brief_title="Vitiligo grafting", brief_summary=cultured)).cell_sources == ["Melanocytes"]
    # Nor is a sentence that sets the trial apart from others.
    unlike = "Unlike other trials, this study gives umbilical cord mesenchymal stem cells."
    assert classify(record(brief_title="Psoriasis", brief_summary=unlike)).cell_sources == ["Umbilical cord"]
    # A title that opens "Clinical Research on ..." is no background.
    titled = classify(record(brief_title="Clinical Research on Psoriasis by Umbilical Cord MSCs"))
    assert titled.cell_sources == ["Umbilical cord"]


def test_a_product_named_before_what_it_is_derived_from_is_that_product():
    summary = "DGX-101, an exosome product derived from bone marrow mesenchymal stem cells, is applied to the ulcer."
    result = classify(record(brief_title="DGX-101 in diabetic foot ulcers", brief_summary=summary))
    assert result.product_types == ["Extracellular vesicles"] and result.cell_sources == ["Bone marrow"]


@pytest.mark.parametrize(
    ("title", "condition"),
    [
        ("自家線維芽細胞によるしわの治療", "Photoaging"),  # Japanese: fibroblasts, wrinkles
        ("각질형성세포 이식과 기미", "Melasma"),  # Korean: keratinocytes, melasma
        ("黑素细胞移植治疗皱纹", "Photoaging"),  # Chinese: melanocytes, wrinkles
    ],
)
def test_cell_types_and_skin_words_in_japanese_korean_chinese(title, condition):
    result = classify(record(brief_title=title))
    assert result.product_types == ["Cells"] and condition in result.conditions and result.in_scope


@pytest.mark.parametrize(
    ("words", "condition"),
    [
        ("Schuppenflechte", "Psoriasis"),
        ("Brandwunden", "Burn"),
        ("diabetisches Fußulkus", "Diabetic foot ulcer"),
        ("ulcere da pressione", "Pressure ulcer"),
        ("lesão por pressão", "Pressure ulcer"),
        ("radiodermite", "Radiation dermatitis"),
        ("radiodermitis", "Radiation dermatitis"),
        ("Strahlendermatitis", "Radiation dermatitis"),
        # the localized form, not the systemic disease its last word names
        ("zirkumskripte Sklerodermie", "Morphea"),
        ("sclérodermie localisée", "Morphea"),
        ("esclerodermia localizada", "Morphea"),
        # wrinkles
        ("arrugas", "Photoaging"),
        ("rugas faciais", "Photoaging"),
        ("Falten", "Photoaging"),
        ("rughe", "Photoaging"),
        ("cloasma", "Melasma"),
        ("calvicie", "Hair loss"),
        ("lipoatrofia", "Lipodystrophy"),
        ("Akne inversa", "Hidradenitis suppurativa"),
        ("liquen plano", "Lichen planus"),
        ("Knötchenflechte", "Lichen planus"),
        ("rosacée", "Rosacea"),
        ("diabetischen Fuß", "Diabetic foot ulcer"),  # the dative: "beim diabetischen Fuß"
        ("Weißfleckenkrankheit", "Vitiligo"),
        ("cheloidi", "Keloid"),
        ("piaghe da decubito", "Pressure ulcer"),
        ("ulcere venose", "Venous leg ulcer"),
        ("ulcère veineux", "Venous leg ulcer"),
        ("ulcères de jambe", "Chronic wound"),
        ("lupus discoïde", "Cutaneous lupus erythematosus"),
        ("Kutaner Lupus erythematodes", "Cutaneous lupus erythematosus"),
        ("Romberg disease", "Lipodystrophy"),
        ("ulcere sclerodermiche digitali", "Digital ulcer"),
        ("úlceras digitales", "Digital ulcer"),
        ("ulcères digitaux", "Digital ulcer"),
        ("invecchiamento cutaneo", "Photoaging"),
        ("Keloide", "Keloid"),
        ("atrofia facial", "Lipodystrophy"),
        ("Gesichtsatrophie", "Lipodystrophy"),
        ("lupus cutáneo", "Cutaneous lupus erythematosus"),
        ("Akne", "Acne vulgaris"),
    ],
)
def test_skin_conditions_in_european_languages(words, condition):
    assert classify(record(brief_title="Stammzellen", conditions_raw=(words,))).conditions == [condition]


@pytest.mark.parametrize(
    ("words", "condition"),
    [
        ("静脉溃疡", "Venous leg ulcer"),  # Chinese
        ("静脈性潰瘍", "Venous leg ulcer"),  # Japanese
        ("정맥궤양", "Venous leg ulcer"),  # Korean
        ("強皮症", "Systemic sclerosis"),
        ("限局性強皮症", "Morphea"),  # the longer name, the localized form
        ("국소 경피증", "Morphea"),
        ("酒渣鼻", "Rosacea"),
    ],
)
def test_skin_conditions_in_chinese_japanese_and_korean(words, condition):
    assert classify(record(brief_title="干细胞", conditions_raw=(words,))).conditions == [condition]


@pytest.mark.parametrize(
    ("title", "products", "sources"),
    [
        ("hUCMSCs in psoriasis", ["Cells"], ["Umbilical cord"]),
        ("UCMSC infusion in psoriasis", ["Cells"], ["Umbilical cord"]),
        ("ADSC-Exos for photoaging", ["Extracellular vesicles"], ["Adipose tissue"]),
        ("MSC-EVs for burns", ["Extracellular vesicles"], []),  # the vesicles, not the cells
        ("UC-MSC-EVs for alopecia", ["Extracellular vesicles"], ["Umbilical cord"]),
        ("hAMSCs for chronic wounds", ["Cells"], ["Amnion"]),
        ("PL-MSC for scars", ["Cells"], ["Placenta"]),
        ("BMMNC for diabetic foot ulcers", ["Cells"], ["Bone marrow"]),
        ("ASCS for stable vitiligo", ["Cells"], ["Keratinocytes"]),  # autologous skin cell suspension
        ("Regenerative epidermal suspension for vitiligo", ["Cells"], ["Keratinocytes"]),
        ("An autologous cell harvesting device for burns", ["Cells"], []),  # what it harvests is given
    ],
)
def test_the_abbreviations_papers_and_registries_use(title, products, sources):
    result = classify(record(brief_title=title))
    assert (result.product_types, result.cell_sources) == (products, sources)


@pytest.mark.parametrize(
    ("title", "source"),
    [
        ("Cord blood cells for atopic dermatitis", "Cord blood"),
        ("Bone marrow-derived cells for chronic wounds", "Bone marrow"),
        ("Placental cells for diabetic foot ulcers", "Placenta"),
        ("Adipose cells for facial scars", "Adipose tissue"),
        ("Fat stem cells for facial scars", "Adipose tissue"),  # plain words
        ("Stem cells from fat for facial scars", "Adipose tissue"),
        ("Haarfollikelzellen bei Haarausfall", "Hair follicle"),  # a German compound
    ],
)
def test_a_sources_cells_named_by_the_source_alone_are_a_cell_product(title, source):
    result = classify(record(brief_title=title))
    assert (result.product_types, result.cell_sources) == (["Cells"], [source])


@pytest.mark.parametrize(
    "title, summary",
    [
        (
            "Gene therapy heals wounds in dystrophic EB",
            "A topical gene therapy healed wounds in a Phase 3 trial. It delivers working copies of the COL7A1 "
            "gene to skin cells in the wound. Unlike earlier approaches that grafted corrected skin cells, it is "
            "applied as a gel.",
        ),
        (
            "Birch bark extract trial recruiting children with EB",
            "A Phase 3 study tests a birch bark oleogel on wounds in epidermolysis bullosa. Earlier work with "
            "stem cells from bone marrow had mixed results.",
        ),
        (
            "Collagen VII replacement enters Phase 2 for RDEB",
            "A recombinant collagen VII protein is given intravenously to adults with recessive dystrophic "
            "epidermolysis bullosa. Cultured keratinocytes and fibroblasts were used in the lab to confirm it binds.",
        ),
        (
            "Losartan trial for RDEB hand fibrosis completed",
            "Losartan, a blood pressure drug, was tested in children with recessive dystrophic epidermolysis "
            "bullosa. Fibroblasts from the patients' skin showed less TGF-beta activity in earlier laboratory studies.",
        ),
    ],
)
def test_a_news_items_cells_of_other_work_make_no_cell_trial(title, summary):
    """A news item about a skin trial names cells in passing: other work, the lab, the cells a gene
    reaches. Its product is what the trial gives."""
    result = classify(record(brief_title=title, brief_summary=summary))
    assert result.conditions and not result.in_scope, (result.cell_sources, result.product_types, result.borderline)


@pytest.mark.parametrize("made", ["corrected in the lab", "grown in the laboratory", "expanded in the lab"])
def test_how_the_trials_own_cells_are_made_in_the_lab_is_no_other_work(made):
    summary = f"A treatment made of patients' own skin cells, {made}, is grafted onto chronic wounds in RDEB."
    result = classify(record(brief_title="Skin grafts for epidermolysis bullosa", brief_summary=summary))
    assert (result.origins, result.in_scope) == (["Autologous"], True)


def test_a_news_items_own_cells_keep_it_in_beside_other_work():
    result = classify(
        record(
            brief_title="Fat stem cells tested for acne scars",
            brief_summary="Researchers launched a trial injecting fat-derived stem cells into atrophic acne scars. "
            "Previous studies have shown that platelet-rich plasma improves scars.",
        )
    )
    assert result.in_scope and result.cell_sources == ["Adipose tissue"]


@pytest.mark.parametrize(
    ("title", "products"),
    [
        ("人脐带间充质干细胞来源的外泌体治疗痤疮瘢痕", ["Extracellular vesicles"]),  # the cells' exosomes
        ("脂肪干细胞培养液治疗脱发", ["Conditioned medium"]),
        ("지방유래 줄기세포 배양액 탈모", ["Conditioned medium"]),
        ("間葉系幹細胞由来エクソソーム 乾癬", ["Extracellular vesicles"]),
        ("人脐带间充质干细胞治疗银屑病", ["Cells"]),  # the cells themselves
    ],
)
def test_what_cells_give_in_chinese_korean_and_japanese_is_not_the_cells(title, products):
    result = classify(record(brief_title=title))
    assert result.product_types == products and result.in_scope


def test_cultured_epidermis_in_japanese_is_keratinocytes():
    assert classify(record(brief_title="重症熱傷に対する自家培養表皮移植")).cell_sources == ["Keratinocytes"]


def test_what_a_trial_compares_its_cells_with_is_not_its_product():
    trial = record(
        official_title="Autologous cell spray versus split-thickness skin graft for deep partial thickness burns",
        interventions=(Intervention("Autologous skin cell suspension sprayed on the burn"),),
        arms=(Arm(label="Split-thickness skin graft", type="ACTIVE_COMPARATOR"),),
    )
    assert classify(trial).product_types == ["Cells"]
    # The graft given in the trial's own arm is its product too.
    both = record(
        official_title="Autologous cell spray with split-thickness skin graft for deep burns",
        interventions=(Intervention("Autologous skin cell suspension"), Intervention("Split-thickness skin graft")),
        arms=(Arm(label="Split-thickness skin graft", type="ACTIVE_COMPARATOR"),),
    )
    assert classify(both).product_types == ["Cells", "Tissue graft"]


def test_another_organs_trial_takes_no_broad_skin_word_from_its_narrative():
    kidney = record(
        brief_title="Umbilical cord MSCs for diabetic nephropathy",
        conditions_raw=("Diabetic Nephropathy",),
        brief_summary="Secondary outcomes include the healing time of any foot ulcers and skin autofluorescence.",
    )
    result = classify(kidney)
    assert not result.in_scope and "Chronic wound" not in result.conditions
    # Without the other organ's disease, the same narrative still gives the condition.
    wounds = record(brief_title="Umbilical cord MSCs", brief_summary="Patients with chronic wounds are treated.")
    assert "Chronic wound" in classify(wounds).conditions


def test_a_sources_own_cells_acted_on_by_a_drug_are_no_cell_trial():
    trial = record(
        brief_title="Hair Follicle Stem Cell Activation With Topical Valproic Acid in Androgenetic Alopecia",
        conditions_raw=("Androgenetic Alopecia",),
        interventions=(Intervention("valproic acid solution", type="DRUG"),),
    )
    result = classify(trial)
    assert result.cell_sources == [] and not result.in_scope
    assert classify(record(brief_title="Hair follicle stem cells for alopecia")).cell_sources == ["Hair follicle"]


def test_an_exosome_serum_named_by_its_brand_is_no_cell_product():
    trial = record(
        brief_title="Microneedling with exosome serum for acne scars",
        interventions=(Intervention("exosome serum (ASCE+, derived from adipose stem cells)"),),
    )
    assert classify(trial).product_types == ["Extracellular vesicles"]


def test_a_code_name_s_letters_are_no_cell_source():
    coded = classify(
        record(
            brief_title="ALLO-ASC-DFU in diabetic foot ulcers",
            interventions=(Intervention("ALLO-ASC-DFU", "BIOLOGICAL", "Hydrogel sheet applied weekly"),),
        )
    )
    assert (coded.cell_sources, coded.product_types) == ([], [])
    # Kept, for a curator to say which cells the product holds.
    assert coded.in_scope and coded.borderline.startswith("ALLO-ASC")
    other_code = classify(record(brief_title="XY-MSC-101 sheet for burns"))
    assert other_code.product_types == []
    written_out = classify(record(brief_title="Allogeneic ASCs in diabetic foot ulcers"))
    assert written_out.cell_sources == ["Adipose tissue"]


@pytest.mark.parametrize(
    "summary",
    [
        "The cell suspension is used as an adjunct to meshed skin graft in burns.",
        "A cell suspension in subjects requiring skin grafts for closure of burn injuries.",
        "A cell suspension applied over skin grafts meshed more widely than usual, in burns.",
    ],
)
def test_a_skin_graft_the_patients_need_anyway_is_not_the_product(summary):
    assert classify(record(brief_summary=summary)).product_types == ["Cells"]


def test_a_skin_graft_given_is_the_product():
    assert classify(record(brief_summary="A split-thickness skin graft for burns.")).product_types == ["Tissue graft"]


def test_an_epithelial_suspension_is_keratinocytes():
    result = classify(record(brief_title="Regenerative epithelial suspension for burns"))
    assert (result.cell_sources, result.product_types) == (["Keratinocytes"], ["Cells"])


@pytest.mark.parametrize(
    ("summary", "cells"),
    [
        ("Filgrastim mobilizes the patient's own bone marrow stem cells to help foot ulcers heal.", False),
        ("Light therapy is thought to activate hair follicle stem cells in alopecia.", False),
        ("G-CSF-mobilized peripheral blood stem cells are injected around foot ulcers.", True),
    ],
)
def test_cells_a_drug_or_light_acts_on_are_not_given(summary, cells):
    result = classify(record(brief_summary=summary))
    assert bool(result.cell_sources or result.product_types) is cells, (result.cell_sources, result.product_types)


@pytest.mark.parametrize(
    ("title", "intervention"),
    [
        ("Stromal cell-derived factor-1 plasmid for ischemic skin ulcers", "SDF-1 plasmid"),
        ("Cord blood serum growth factors with microneedling for acne scars", "Cord blood serum"),
    ],
)
def test_a_protein_or_serum_named_after_cells_is_no_cell_product(title, intervention):
    result = classify(record(brief_title=title, interventions=(Intervention(intervention, "BIOLOGICAL"),)))
    assert (result.cell_sources, result.product_types, result.in_scope) == ([], [], False)


@pytest.mark.parametrize(
    ("title", "conditions", "in_scope"),
    [
        ("Mesenchymal stem cells in psoriatic arthritis", ["Psoriatic Arthritis"], False),
        ("MSC for scleroderma renal crisis", ["Scleroderma Renal Crisis"], False),
        ("MSC for systemic sclerosis-associated interstitial lung disease", ["Interstitial Lung Disease"], False),
        ("MSC for Behcet's uveitis", ["Uveitis"], False),
        ("MSC in psoriasis and psoriatic arthritis", ["Psoriasis"], True),  # both treated
        ("Fat grafting for digital ulcers in systemic sclerosis", ["Systemic Sclerosis"], True),
    ],
)
def test_a_skin_disease_naming_another_organs_disease(title, conditions, in_scope):
    trial = record(
        brief_title=title,
        conditions_raw=tuple(conditions),
        interventions=(Intervention("Umbilical cord MSC", "BIOLOGICAL"),),
    )
    assert classify(trial).in_scope is in_scope


@pytest.mark.parametrize(
    ("title", "origins"),
    [
        ("Patient-derived fibroblasts for acne scars", ["Autologous"]),
        ("Autologus SVF for scars", ["Autologous"]),  # a registry's misspelling
        ("Heterologous adipose stem cells for wounds", ["Allogeneic"]),
        ("Células madre heterólogas para quemaduras", ["Allogeneic"]),
        ("Universal donor MSC for psoriasis", ["Allogeneic"]),
        # the patients' own tissue said by where it is taken from
        ("SVF prepared by taking 100 ccs of fat from the thigh area for acne scars", ["Autologous"]),
        ("Exosomes from 200 ml of the subject adipose tissue for wounds", ["Autologous"]),
    ],
)
def test_origins_in_the_words_registries_also_use(title, origins):
    assert classify(record(brief_title=title)).origins == origins


def test_the_conditions_a_studys_aim_names_beside_the_most_mentioned():
    trial = record(
        brief_summary="-\nInvestigation of the safety of adipose MSC exosomes in the treatment of acne scars and "
        "skin rejuvenation compared to laser alone\n",
        detailed_description="Patients with mild wrinkles and scars. Wrinkles are graded at 3 months.",
    )
    assert classify(trial).conditions == ["Atrophic acne scar", "Photoaging"]
    # Without an aim, the most mentioned only.
    described = record(brief_summary="Adipose MSC exosomes. Wrinkles and acne scars are graded; wrinkles again.")
    assert classify(described).conditions == ["Photoaging"]


@pytest.mark.parametrize(
    "title, condition, intervention, summary",
    [
        (
            "Afamelanotide and NB-UVB in Vitiligo",
            "Vitiligo",
            "afamelanotide",
            "Afamelanotide stimulates melanocyte proliferation and melanogenesis in depigmented patches.",
        ),
        (
            "Poly-L-lactic acid for facial lipoatrophy",
            "Facial Lipoatrophy",
            "poly-L-lactic acid",
            "The implant induces neocollagenesis by fibroblasts over several months.",
        ),
        (
            "Plerixafor in diabetic foot ulcers",
            "Diabetic Foot Ulcer",
            "plerixafor",
            "Plerixafor mobilizes endothelial progenitor cells from bone marrow into the circulation.",
        ),
        (
            "Topical timolol for chronic wounds",
            "Chronic Wound",
            "timolol maleate 0.5%",
            "Beta blockers speed keratinocyte migration and the loss of fibroblasts is slowed.",
        ),
        (
            "Hyperbaric oxygen for chronic wounds",
            "Chronic Wound",
            "hyperbaric oxygen",
            "Hyperbaric oxygen raises circulating stem/progenitor cells.",
        ),
        (
            "Low-level light for alopecia areata",
            "Alopecia Areata",
            "red light helmet",
            "Red light is thought to act on the dermal papilla cells.",
        ),
    ],
)
def test_the_bodys_cells_at_work_under_a_drug_are_no_cell_product(title, condition, intervention, summary):
    result = classify(
        record(
            brief_title=title,
            conditions_raw=(condition,),
            interventions=(Intervention(intervention, type="DRUG"),),
            brief_summary=summary,
        )
    )
    assert result.conditions and not result.in_scope, (result.cell_sources, result.product_types, result.borderline)


def test_cells_given_are_still_cells_beside_what_they_do():
    """The same biology words after cells a trial gives do not hide them."""
    result = classify(
        record(
            brief_title="Cultured fibroblasts for acne scars",
            brief_summary="Injected autologous fibroblasts restore collagen; fibroblast proliferation is measured.",
        )
    )
    assert result.cell_sources == ["Fibroblasts"] and result.in_scope
    summary_only = classify(
        record(
            conditions_raw=("Vitiligo",),
            brief_summary="Autologous melanocytes are transplanted onto dermabraded patches of vitiligo.",
        )
    )
    assert summary_only.cell_sources == ["Melanocytes"] and summary_only.in_scope
    epidermal = classify(record(brief_title="Autologous epidermal cells for vitiligo"))
    assert (epidermal.cell_sources, epidermal.product_types) == (["Keratinocytes"], ["Cells"])
    dermal = classify(record(brief_title="Autologous dermal cells for acne scars"))
    assert dermal.product_types == ["Cells"] and not dermal.borderline


@pytest.mark.parametrize(
    "title",
    [
        "Dermal cells of the skin are stimulated by the laser's heat in atrophic acne scars",
        "Melanocytes in the epidermis are selectively inhibited by tranexamic acid in melasma",
        "Fibroblasts are stimulated by microneedling to lay down collagen in acne scars",
        "Candida antigen immunotherapy for warts: the antigen turns T cells on HPV-infected keratinocytes",
        "Keloid fibroblast modulation by intralesional verapamil",
        "A cream modulating melanocytes in melasma",
    ],
)
def test_the_bodys_cells_acted_on_in_the_passive_are_no_cell_product(title):
    result = classify(record(brief_title=title, conditions_raw=("Skin disease",)))
    assert not result.in_scope, result.evidence


def test_the_bodys_dormant_cells_woken_by_a_drug_are_no_cell_product():
    result = classify(
        record(
            brief_title="A drug that wakes dormant hair follicle stem cells in androgenetic alopecia",
            brief_summary="Participants apply the solution daily for 24 weeks.",
        )
    )
    assert result.conditions == ["Androgenetic alopecia"] and not result.in_scope, result.evidence


def test_healthy_donors_are_no_unknown_condition_to_review():
    """A cell bank's donors name no disease: nothing for a curator to place, no skin word: out."""
    bank = classify(
        record(
            brief_title="Collection of adipose tissue from liposuction to establish a cell bank",
            conditions_raw=("Healthy Volunteers",),
            brief_summary="Stem cells will be isolated from the fat of healthy donors and stored.",
        )
    )
    assert bank.product_types == ["Cells"] and not bank.borderline and not bank.in_scope
    # A condition the vocabulary does not know still sends a cell trial to review.
    unknown = classify(record(brief_title="Adipose stem cells", conditions_raw=("Buschke-Ollendorff syndrome",)))
    assert unknown.borderline and unknown.in_scope


def test_a_skin_page_naming_a_light_device_and_no_product_stays_out():
    result = classify(
        record(
            brief_title="Efficacy of intense pulsed light for rosacea",
            brief_summary="IPL heats dermal vessels; three sessions four weeks apart.",
        )
    )
    assert result.conditions == ["Rosacea"] and not result.borderline and not result.in_scope
    lllt = classify(record(brief_title="LLLT for androgenetic alopecia", brief_summary="A cap worn for 20 minutes."))
    assert lllt.conditions and not lllt.borderline and not lllt.in_scope


@pytest.mark.parametrize(
    "title, condition, intervention",
    [
        ("FURESTEM-AD inj. in moderate to severe atopic dermatitis", "Atopic Dermatitis", "FURESTEM-AD inj."),
        ("EB-101 for recessive dystrophic epidermolysis bullosa wounds", "Epidermolysis Bullosa", "EB-101"),
        ("TheraSkin versus standard care in diabetic foot ulcers", "Diabetic Foot Ulcer", "TheraSkin"),
        ("Prademagene zamikeracel in RDEB", "Epidermolysis Bullosa", "prademagene zamikeracel"),
        # A brand a reader may know the cells of is still no description of them.
        ("StrataGraft Skin Tissue in the Promotion of Autologous Skin Regeneration", "Burn, Thermal", "StrataGraft"),
        ("Dermagraft™ for diabetic foot ulcers", "Diabetic Foot Ulcer", "Dermagraft"),
        ("Apligraf versus compression alone in venous leg ulcers", "Venous Leg Ulcer", "Apligraf"),
        ("ReCell as an adjunct to meshed skin graft in burns", "Burns", "ReCell device"),
    ],
)
def test_a_cell_product_named_only_by_its_brand_or_name_is_kept_for_review(title, condition, intervention):
    """No cells described, no value invented for them: the curator says which cells it holds,
    and where they come from ("autologous skin regeneration" is no origin of a product)."""
    result = classify(
        record(
            brief_title=title,
            conditions_raw=(condition,),
            interventions=(Intervention(intervention, type="DRUG"), Intervention("Autograft", type="PROCEDURE")),
        )
    )
    assert (result.cell_sources, result.product_types, result.origins) == ([], [], [])
    assert result.in_scope and "a product known to hold cells" in result.borderline


def test_a_device_that_makes_a_skin_cell_suspension_gives_the_cells_its_page_describes():
    result = classify(record(brief_title="ReCell autologous skin cell suspension for stable vitiligo"))
    assert (result.product_types, result.cell_sources) == (["Cells"], ["Keratinocytes"])


def test_the_cells_a_page_describes_beside_a_brand_are_read():
    result = classify(
        record(
            brief_title="StrataGraft in deep partial-thickness thermal burns",
            brief_summary="StrataGraft is a living dermal matrix of dermal fibroblasts overlaid with epidermal keratinocytes.",
        )
    )
    assert result.product_types == ["Cells"] and "Keratinocytes" in result.cell_sources and not result.borderline


@pytest.mark.parametrize(
    "fields",
    [
        {"brief_title": "Healing of venous leg ulcers", "keywords": ("Dermagraft",)},
        {
            "brief_title": "A skin substitute for burns",
            "interventions": (Intervention("Standard dressing", type="OTHER"),),
            "detailed_description": "Patients receive Apligraf on the excised wound.",
        },
    ],
)
def test_a_brand_named_in_keywords_or_description_is_the_reason_for_review(fields):
    result = classify(record(**fields))
    assert result.in_scope and "a product known to hold cells" in result.borderline


def test_a_brand_for_a_condition_the_vocabulary_does_not_know_is_kept_for_review():
    """Unknown condition words never push a cell product out, named by its brand or not."""
    result = classify(
        record(
            brief_title="Apligraf in deep partial thickness injury", conditions_raw=("Deep partial thickness injury",)
        )
    )
    assert result.in_scope and "condition the vocabulary does not know" in result.borderline


@pytest.mark.parametrize(
    "title, cells",
    [
        ("An allogeneic cellularized scaffold for thermal burns", True),
        ("Bilayered cellular matrix for venous leg ulcers", True),
        ("Living bilayered skin substitute for venous ulcers", True),
        ("A cell-based skin substitute for burns", True),
        ("Human skin equivalent for diabetic foot ulcers", True),
        ("Decellularized dermal matrix for burns", False),
        ("Acellular dermal matrix for diabetic foot ulcers", False),
        ("An acellular, non-living skin substitute for burns", False),
        ("A cell-based assay showed the cream lowers IL-17 in psoriasis", False),
    ],
)
def test_a_living_skin_construct_is_a_cell_product_and_an_acellular_one_is_not(title, cells):
    result = classify(record(brief_title=title))
    assert result.conditions and (result.product_types == ["Cells"]) is cells, result.evidence


@pytest.mark.parametrize(
    "title",
    [
        "Stem cell factor inhibitor for chronic urticaria",
        "A JAK inhibitor for vitiligo",
        "An anti-IL-17 antibody for psoriasis",
    ],
)
def test_a_drug_named_by_its_class_is_another_product_not_a_question(title):
    """No cells, another product named: a look-alike, not a trial for a curator to judge."""
    result = classify(record(brief_title=title))
    assert result.conditions and not result.borderline and not result.in_scope


@pytest.mark.parametrize(
    "title",
    [
        "Rose stem cell-derived exosomes for photoaging",
        "Damask rose callus exosomes for hair loss",
        "Polydeoxyribonucleotide (PDRN) injection for facial rejuvenation",
        "Salmon sperm-derived polynucleotides for acne scars",
        "Human placenta hydrolysate injections for melasma",
        "Snail secretion filtrate for acne scars",
        "Amniotic fluid injection for diabetic foot ulcers",
        "Autologous blood injection for chronic urticaria",
        "Snail mucin serum for photoaging",
        "Leech therapy for venous leg ulcers",
        "Maggot debridement therapy for diabetic foot ulcers",
        "Cell-free DNA as a marker of disease activity in psoriasis",
        # the cells a patient had before are no product: "chemotherapy before stem cell transplantation"
        "Scalp cooling to prevent hair loss in patients receiving chemotherapy before stem cell transplantation",
    ],
)
def test_a_page_naming_another_product_and_no_intervention_is_no_question_for_a_curator(title):
    """A plant's vesicles, nucleotides, a hydrolysate, a secretion or blood: a product named, not
    ours; the curator's review list is for pages that name none."""
    result = classify(record(brief_title=title))
    assert result.conditions and not result.borderline and not result.in_scope, result.evidence
    assert classify(record(brief_title="Amniotic fluid stem cells for burns")).product_types == ["Cells"]
    assert classify(record(brief_title="Exosome serum for photoaging")).in_scope


def test_a_skin_graft_donor_site_is_the_wound_not_a_graft_given():
    growth_factor = classify(
        record(brief_title="Keratinocyte growth factor spray", conditions_raw=("Skin Graft Donor Site",))
    )
    assert (growth_factor.conditions, growth_factor.product_types, growth_factor.in_scope) == (
        ["Skin graft donor site"],
        [],
        False,
    )
    cells = classify(record(brief_title="Cultured keratinocytes", conditions_raw=("Skin Graft Donor Site",)))
    assert (cells.product_types, cells.in_scope) == (["Cells"], True)


@pytest.mark.parametrize(
    "title",
    [
        "Expression of CD34 stem cell markers in the hair follicles of alopecia areata",
        "Stem cell markers in keloid fibroblasts",
        "Regulatory T cells in the blood of patients with atopic dermatitis",
        "Density of melanocytes in vitiligo lesions after narrowband UVB",
        "Hair follicle stem cell count after minoxidil in androgenetic alopecia",
    ],
)
def test_cells_measured_in_patients_are_no_product_nor_a_question(title):
    result = classify(record(brief_title=title))
    assert result.conditions and not result.borderline and not result.in_scope, result.evidence


@pytest.mark.parametrize(
    "title", ["Autologous cultured cells for burns", "Transplantation of autologous non-cultured cells in vitiligo"]
)
def test_cells_named_by_their_origin_or_culture_are_a_cell_product(title):
    result = classify(record(brief_title=title))
    assert result.product_types == ["Cells"] and result.origins == ["Autologous"] and not result.borderline


def test_another_trial_a_page_tells_of_gives_this_one_no_origin():
    result = classify(
        record(
            brief_title="Clinic opens a trial of fat-derived stem cells for leg ulcers",
            brief_summary=(
                "The phase 1 trial tests adipose-derived stem cell therapy in non-healing leg ulcers. "
                "The clinic ran a knee study in 2019. That trial used each patient's own fat-derived stem cells. "
                "An earlier pilot study gave autologous cells to ten people with tendon tears."
            ),
        )
    )
    assert result.cell_sources == ["Adipose tissue"] and result.origins == [], result.evidence
    this_one = classify(record(brief_title="This is the first trial of autologous melanocytes in vitiligo"))
    assert this_one.origins == ["Autologous"]


def test_a_title_names_the_vesicles_its_intervention_says_are_a_plants():
    result = classify(
        record(
            brief_title="A cosmetic serum with exosomes for facial rejuvenation",
            conditions_raw=("Skin Aging",),
            interventions=(
                Intervention("Serum", type="OTHER", description="Topical serum holding rose-derived exosomes"),
            ),
        )
    )
    assert result.conditions and not result.in_scope, result.evidence


def test_cells_against_a_lymphoma_of_the_skin_treat_no_tissue():
    result = classify(
        record(
            brief_title="Allogeneic stem cell transplantation in advanced disease",
            conditions_raw=("Sezary Syndrome", "Mycosis Fungoides"),
        )
    )
    assert not result.in_scope and not result.borderline


def test_fat_an_intervention_gives_is_the_trials_graft_not_its_setting():
    result = classify(
        record(
            brief_title="Fat grafting for hand dysfunction in systemic sclerosis",
            conditions_raw=("Systemic Sclerosis",),
            interventions=(Intervention("Autologous fat", type="PROCEDURE"),),
        )
    )
    assert result.in_scope and result.product_types == ["Tissue graft"], result.evidence


@pytest.mark.parametrize(
    "title", ["Reducing abdominal fat in psoriasis", "Fat tissue inflammation in psoriasis", "Reducing adipose tissue"]
)
def test_the_bodys_fat_acted_on_is_no_cell_source(title):
    result = classify(record(brief_title=title, conditions_raw=("Psoriasis",)))
    assert not result.cell_sources and not result.in_scope
    grafted = classify(record(brief_title="Reducing scars with fat grafting"))
    assert grafted.cell_sources == ["Adipose tissue"] and grafted.in_scope


@pytest.mark.parametrize(
    "title",
    [
        "Microneedling with stem cell-derived growth factor serum for acne scars",
        "Growth factors derived from stem cells for photoaging",
    ],
)
def test_growth_factors_stem_cells_secrete_are_their_conditioned_medium(title):
    result = classify(record(brief_title=title))
    assert result.product_types == ["Conditioned medium"] and result.in_scope
    assert not classify(record(brief_title="Human fibroblast growth factor for melasma")).in_scope


@pytest.mark.parametrize(
    "title",
    [
        "Regulatory T Cell Therapy in Pemphigus Vulgaris",
        "Treg cells for vitiligo",
        "CAR-T cells for refractory pemphigus",
        "NK cell therapy for psoriasis",
        "Dendritic cells for alopecia areata",
    ],
)
def test_immune_cells_given_are_no_regenerative_product(title):
    result = classify(record(brief_title=title))
    assert not result.in_scope and not result.product_types, title


def test_immune_cells_named_beside_a_regenerative_product_leave_it_in():
    result = classify(record(brief_title="MSCs for psoriasis", brief_summary="MSCs suppress T cell proliferation."))
    assert result.in_scope and result.product_types == ["Cells"]


@pytest.mark.parametrize(
    ("condition", "term"),
    [
        ("난치성 창상", "Chronic wound"),  # Korean: an intractable wound
        ("創傷", "Chronic wound"),
        ("chronische Wunden", "Chronic wound"),
        ("採皮創", "Skin graft donor site"),  # Japanese: the wound a skin graft's harvest leaves
        ("供皮区", "Skin graft donor site"),
        ("にきび跡", "Atrophic acne scar"),
        ("경피증", "Systemic sclerosis"),
    ],
)
def test_wounds_scars_and_scleroderma_in_the_registries_languages(condition, term):
    assert classify(record(brief_title="MSC", conditions_raw=(condition,))).conditions == [term]


@pytest.mark.parametrize(
    "summary",
    [
        "A small piece of donor skin is harvested from the thigh and processed into a cell suspension.",
        "Patients with healthy donor sites receive a keratinocyte suspension.",
        "The cell suspension is covered with cadaver skin from the skin bank.",
    ],
)
def test_a_grafts_donor_skin_or_site_or_a_banked_cover_is_no_donor_of_the_cells(summary):
    """Donor skin and donor sites are the patient's own skin a graft is taken from; a skin bank's
    cover is not the cells'."""
    result = classify(record(brief_title="Keratinocyte spray for burns", brief_summary=summary))
    assert "Allogeneic" not in result.origins


def test_cells_from_healthy_donors_are_allogeneic():
    result = classify(record(brief_title="Keratinocytes for burns", brief_summary="Cells from healthy donors."))
    assert result.origins == ["Allogeneic"]


@pytest.mark.parametrize(
    "summary",
    [
        "Bone marrow is harvested from a matched sibling or parent.",
        "MSCs from a family donor are infused.",
        "Cells from an HLA-matched related donor.",
        "Fibroblasts grown from neonatal foreskin.",
    ],
)
def test_cells_from_a_relative_or_a_newborns_foreskin_are_allogeneic(summary):
    title = "Mesenchymal stromal cells for epidermolysis bullosa"
    assert classify(record(brief_title=title, brief_summary=summary)).origins == ["Allogeneic"]


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        (
            "Umbilical cord MSC exosomes plus PRP for acne scars",
            "Exosomes are combined with autologous platelet-rich plasma.",
        ),
        ("Conditioned medium for hair loss", "The conditioned medium is mixed with autologous serum before injection."),
        ("Umbilical cord MSCs for skin GVHD", "Patients after allogeneic hematopoietic stem cell transplantation."),
        ("Adipose stem cells for scars", "Patients who previously had autologous fat grafting are excluded."),
        ("Umbilical cord MSC exosomes for acne scars", "Allogeneic hematopoietic transplant recipients are excluded."),
        (
            "Umbilical cord MSC exosomes for acne scars",
            "采用自体对照设计，左右脸随机分组。",
        ),  # a self-controlled design
        # in the registries' other languages: the control group's PRP, an exclusion's transplant
        ("脐带间充质干细胞外泌体治疗痤疮瘢痕", "对照组采用自体富血小板血浆治疗。"),
        (
            "Exosomas de células madre para cicatrices de acné",
            "El grupo control recibe plasma autólogo rico en plaquetas.",
        ),
        ("脐带间充质干细胞治疗特应性皮炎", "排除标准：既往接受过异体干细胞移植者。"),
        ("臍帯由来間葉系幹細胞によるアトピー性皮膚炎治療", "除外基準：自家造血幹細胞移植の既往がある者。"),
        (
            "Células madre de cordón umbilical para dermatitis atópica",
            "Criterios de exclusión: trasplante alogénico previo.",
        ),
        (
            "Cellules souches de cordon pour la dermatite atopique",
            "Critères d'exclusion : antécédent de greffe allogénique.",
        ),
        ("제대혈 줄기세포 아토피피부염 치료", "제외기준: 동종 조혈모세포이식 병력"),
    ],
)
def test_an_origin_said_of_another_product_or_of_the_patients_past_is_not_the_cells(title, summary):
    assert classify(record(brief_title=title, brief_summary=summary)).origins == []


@pytest.mark.parametrize(
    ("summary", "origins"),
    [
        # "mesenchymal stem cells grown from fat taken from the patient's own abdomen"
        ("自己の腹部から採取した脂肪組織より分離培養した間葉系幹細胞を潰瘍周囲に注射する", ["Autologous"]),
        ("患者自身の脂肪組織から幹細胞を分離する", ["Autologous"]),
        # "patients with an autoimmune disease are excluded": no one's own tissue
        ("自己免疫疾患の患者は除外する。脂肪組織由来間葉系幹細胞を注射する", []),
    ],
)
def test_a_japanese_record_says_whose_tissue_in_its_own_words(summary, origins):
    trial = record(brief_title="脂肪組織由来間葉系幹細胞による難治性皮膚潰瘍の治療", brief_summary=summary)
    assert classify(trial).origins == origins


def test_a_trial_of_another_product_keeps_that_products_origin():
    """A platelet-rich plasma trial (out of scope) still says whose plasma: nothing else is read."""
    result = classify(
        record(brief_title="Laser with PRP for acne scars", brief_summary="Autologous platelet rich plasma.")
    )
    assert result.origins == ["Autologous"] and not result.in_scope


@pytest.mark.parametrize(
    ("summary", "origins"),
    [
        ("The cells are non-autologous.", []),
        ("Unlike autologous products, these allogeneic cells are ready to use.", ["Allogeneic"]),
        ("The standard of care, autologous skin grafting, is limited by donor-site morbidity.", []),
        ("The current treatment for deep burns is an autologous skin graft.", []),
        ("Standard treatment plus autologous cells, against standard treatment alone.", ["Autologous"]),
        # what the control group is given, or the care a standard includes
        ("Patients in the control group receive standard care including autologous skin grafts.", []),
        ("The control arm is treated with an autologous split-thickness graft.", []),
        ("Allogeneic cells are given; the standard care with autologous grafts continues.", ["Allogeneic"]),
        # what care already is, said before the trial's product
        ("Currently, autologous skin grafting is the gold standard for deep burns. MSCs are sprayed.", []),
        ("Autologous split-thickness skin grafts remain the standard of care. MSCs are sprayed.", []),
        ("Autologous grafting, the current standard, is limited by donor sites. MSCs are sprayed.", []),
        ("Autologous melanocyte transplantation is the usual surgical treatment. MSCs are sprayed.", []),
        ("Autologous fat grafting is widely used for contour defects. MSCs are sprayed.", []),
        ("Autologous cells are sprayed, and the standard of care continues.", ["Autologous"]),
        ("Autologous MSCs are sprayed; the usual dressings follow.", ["Autologous"]),
        # a skin graft beside the cells: the patients' care, not the cells
        ("Patients undergoing autologous skin grafting receive MSCs on the graft.", []),
        ("MSCs are sprayed. The donor site of the autologous graft is dressed with foam.", []),
        ("Autologous MSCs are sprayed onto the meshed skin graft.", ["Autologous"]),
        ("Patients receive autologous grafts of cultured MSCs.", ["Autologous"]),  # a graft of the cells
    ],
)
def test_an_origin_negated_or_set_against_is_not_the_products(summary, origins):
    assert classify(record(brief_title="MSCs for burns", brief_summary=summary)).origins == origins


@pytest.mark.parametrize(
    "summary",
    [
        "Conditioned medium is applied. Patients with a history of autologous fat transfer are excluded.",
        "Conditioned medium is applied. Patients who had prior fat grafting to the face are excluded.",
    ],
)
def test_a_product_the_patients_had_before_is_not_the_trials(summary):
    result = classify(record(brief_title="Secretome for acne scars", brief_summary=summary))
    assert (result.cell_sources, result.product_types) == ([], ["Conditioned medium"])


def test_cells_that_are_already_care_are_not_the_trials():
    summary = (
        "Autologous melanocyte-keratinocyte transplantation is an established treatment for stable vitiligo. "
        "This study tests umbilical cord MSCs."
    )
    result = classify(record(brief_title="Stem cells for vitiligo", brief_summary=summary))
    assert (result.cell_sources, result.origins) == (["Umbilical cord"], [])


def test_an_exclusion_in_an_earlier_sentence_leaves_the_products_origin():
    summary = "Patients with keloids are excluded. Eligible patients receive autologous adipose stem cells."
    assert classify(record(brief_title="Adipose stem cells for acne scars", brief_summary=summary)).origins == [
        "Autologous"
    ]


def test_the_trials_own_sequence_prior_to_its_product_is_still_its_product():
    result = classify(record(brief_title="Acne scars", brief_summary="Microneedling prior to ADSC injection."))
    assert result.cell_sources == ["Adipose tissue"]


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        ("Exosome gel for acne scars", "Participants will apply the gel to their own skin twice daily."),
        ("Conditioned medium serum for hair loss", "Improvement in the patients own hair density is assessed."),
        ("MSC exosomes for psoriasis", "Patient-derived outcomes (PROs) are recorded."),
        ("Exosomes for hair loss", "Photos taken from the patient at each visit."),
        # the body at work, and samples taken for tests
        ("Umbilical cord MSC for vitiligo", "In vitiligo, the patient's own immune system destroys melanocytes."),
        ("MSC for psoriasis", "A skin biopsy will be taken from the patient for histology at baseline."),
        ("MSC for wounds", "Blood samples are obtained from the patient at each visit."),
        # the patients' own something that is no tissue taken
        ("MSC for wounds", "Travel is at the participant's own expense."),
        ("MSC for wounds", "Wound photos are taken in the patient's own home by a nurse."),
        ("Exosomes for melasma", "The patient's own perception of improvement is recorded."),
        ("Exosomes for alopecia", "Subjects rate their own hair growth on a 7-point scale."),
    ],
)
def test_the_patients_own_body_acted_on_or_measured_is_no_origin(title, summary):
    assert classify(record(brief_title=title, brief_summary=summary)).origins == []


def test_the_patients_own_tissue_taken_is_autologous():
    for summary in ("The patient's own fat is harvested and injected.", "Autologous fat is injected into the scar."):
        assert classify(record(brief_title="Adipose cells for scars", brief_summary=summary)).origins == ["Autologous"]
    summary = "Each patient's own skin cells are sprayed onto the wound."
    assert classify(record(brief_title="Cells for burns", brief_summary=summary)).origins == ["Autologous"]
    # a biopsy taken to grow the cells is their origin
    summary = "A skin biopsy is taken from the patient and keratinocytes are cultured for three weeks."
    assert classify(record(brief_title="Cells for vitiligo", brief_summary=summary)).origins == ["Autologous"]
    # where on the body the tissue is taken from
    for summary in (
        "Bone marrow stem cells, collected from the patient's own hip, are injected around the ulcer.",
        "Fat from the patient's own belly is processed into stromal cells.",
    ):
        assert classify(record(brief_title="Stem cells for ulcers", brief_summary=summary)).origins == ["Autologous"]
    # the cells said to be the patient's own
    summary = "The cells are the patient's own, collected from a bone marrow aspirate."
    assert classify(record(brief_title="Cells for wounds", brief_summary=summary)).origins == ["Autologous"]


@pytest.mark.parametrize(
    "summary",
    [
        "Cultured epidermal sheets grown from donor foreskin keratinocytes are applied.",
        "Donor bone marrow mesenchymal stromal cells are infused.",
        "Donor keratinocytes are sprayed onto the wound.",
    ],
)
def test_a_donors_cells_or_tissue_are_allogeneic(summary):
    assert classify(record(brief_title="Cells for burns", brief_summary=summary)).origins == ["Allogeneic"]


@pytest.mark.parametrize(
    ("summary", "origins"),
    [
        ("Scars are rated by a third-party blinded assessor.", []),
        ("Off-the-shelf dressings are used in both arms.", []),
        ("Third-party MSCs are infused.", ["Allogeneic"]),
        ("An off-the-shelf cell product.", ["Allogeneic"]),
    ],
)
def test_third_party_and_off_the_shelf_say_allogeneic_only_of_cells(summary, origins):
    assert classify(record(brief_title="Adipose MSCs for scars", brief_summary=summary)).origins == origins


@pytest.mark.parametrize(
    "summary", ["Exclusion: bone marrow disease or active infection.", "Patients with placenta previa are excluded."]
)
def test_a_disease_of_a_tissue_is_no_cell_source(summary):
    result = classify(record(brief_title="Stem cell therapy for burns", brief_summary=summary))
    assert result.cell_sources == [] and result.product_types == ["Cells"]


def test_words_of_the_line_above_say_nothing_of_an_origin():
    """'... information for consumers' ending a notice above the paragraph is no context of it."""
    summary = "Please refer to this information for consumers\nAutologous adipose-derived stem cells will be used."
    assert classify(record(brief_title="Adipose MSCs for scars", brief_summary=summary)).origins == ["Autologous"]


@pytest.mark.parametrize(
    ("summary", "products"),
    [
        (
            "This trial evaluates whether autologous adipose-derived stromal vascular fraction cells improve hair "
            "density.",
            ["Stromal vascular fraction"],
        ),
        ("Patients apply exosomes derived from umbilical cord stem cells to the scalp.", ["Extracellular vesicles"]),
        # A summary naming cells beside their exosomes says nothing narrower than the title.
        ("Mesenchymal stem cells act through the exosomes they secrete; patients receive the cells.", ["Cells"]),
    ],
)
def test_a_plain_stem_cell_title_and_a_summary_naming_the_product(summary, products):
    trial = record(brief_title="Stem Cells for Hair Loss", brief_summary=summary)
    assert classify(trial).product_types == products


@pytest.mark.parametrize(
    ("summary", "products"),
    [
        ("Autologous fat enriched with SVF is injected under the scar.", ["Stromal vascular fraction", "Tissue graft"]),
        ("Fat enriched with adipose-derived stem cells is injected.", ["Cells", "Tissue graft"]),
        ("Fat is harvested by liposuction and injected under the scar.", ["Tissue graft"]),
    ],
)
def test_a_fat_graft_title_and_a_summary_naming_the_cells_it_carries(summary, products):
    trial = record(brief_title="Fat grafting for acne scars", brief_summary=summary)
    assert classify(trial).product_types == products


@pytest.mark.parametrize(
    "title",
    [
        "Umbilical cord MSC culture supernatant for atopic dermatitis",
        "Growth factors secreted by adipose stem cells for atopic dermatitis",
        "Dermal fibroblast culture supernatant for atopic dermatitis",
    ],
)
def test_what_cells_grew_in_or_secreted_is_a_conditioned_medium_not_the_cells(title):
    trial = record(brief_title=title)
    assert classify(trial).product_types == ["Conditioned medium"]


@pytest.mark.parametrize(
    ("summary", "products"),
    [
        (
            "Small particles released by fat-derived stem cells (exosomes) are injected into the scalp.",
            ["Extracellular vesicles"],
        ),
        ("Vesicles secreted by umbilical cord stem cells are applied to the scalp.", ["Extracellular vesicles"]),
        ("A serum of proteins secreted by adipose stem cells is applied to the scalp.", ["Conditioned medium"]),
    ],
)
def test_a_cell_product_said_in_plain_words_is_what_the_cells_release(summary, products):
    result = classify(record(brief_title="A new treatment for pattern hair loss", brief_summary=summary))
    assert result.product_types == products and result.in_scope


@pytest.mark.parametrize(
    ("title", "condition"),
    [
        ("Mesenchymal stromal cells for chronic GVHD with skin involvement", "Cutaneous graft-versus-host disease"),
        ("MSC infusions for sclerotic chronic GVHD", "Cutaneous graft-versus-host disease"),
        ("Exosomes for hair regrowth after chemotherapy", "Chemotherapy-induced alopecia"),
    ],
)
def test_the_skins_graft_versus_host_disease_and_hair_after_chemotherapy(title, condition):
    trial = record(brief_title=title)
    classification = classify(trial)
    assert classification.conditions == [condition] and classification.in_scope


@pytest.mark.parametrize(
    ("raw", "condition"),
    [
        ("Hypertrophic scarring", "Hypertrophic scar"),
        ("Post-acne scarring", "Atrophic acne scar"),
        ("Hair graying", "Premature hair graying"),
        ("Hidradenitis", "Hidradenitis suppurativa"),
        ("Scleroderma (localized)", "Morphea"),
        # the scars acne left, not acne itself
        ("Post-Acne Atrophic Scars", "Atrophic acne scar"),
        ("Atrophic facial scars after acne", "Atrophic acne scar"),
    ],
)
def test_a_conditions_other_common_names(raw, condition):
    trial = record(brief_title="Umbilical cord stem cells", conditions_raw=(raw,))
    assert classify(trial).conditions == [condition]


@pytest.mark.parametrize(
    ("title", "origins", "products"),
    [
        # two origins of cells compared head to head: both arms are the trial's products
        ("Allogeneic versus autologous cultured keratinocytes for burns", ["Allogeneic", "Autologous"], ["Cells"]),
        ("Autologous versus allogeneic MSC for diabetic foot ulcers", ["Allogeneic", "Autologous"], ["Cells"]),
        (
            "Cultured epidermal autografts versus allogeneic keratinocyte sheets for burns",
            ["Allogeneic", "Autologous"],
            ["Cells"],
        ),
        # the skin graft or the plasma compared with is today's care, not a product or its origin
        (
            "Allogeneic keratinocyte sheets versus autologous split-thickness skin graft for burns",
            ["Allogeneic"],
            ["Cells"],
        ),
        ("Allogeneic MSCs versus autologous PRP for alopecia", ["Allogeneic"], ["Cells"]),
    ],
)
def test_origins_compared_head_to_head_and_a_comparators_care(title, origins, products):
    trial = record(brief_title=title)
    classification = classify(trial)
    assert (classification.origins, classification.product_types) == (origins, products)


@pytest.mark.parametrize(
    "summary",
    [
        "Umbilical cord exosomes for vitiligo in patients who failed autologous melanocyte transplantation.",
        "Umbilical cord exosomes for acne scars, an alternative to autologous fat grafting.",
        "Umbilical cord exosomes for acne scars instead of autologous fat grafting.",
    ],
)
def test_what_patients_failed_or_the_product_stands_in_for_gives_no_origin_or_source(summary):
    trial = record(brief_title="Exosome therapy for skin", brief_summary=summary)
    classification = classify(trial)
    assert (classification.cell_sources, classification.origins) == (["Umbilical cord"], [])


@pytest.mark.parametrize(
    "forbidden",
    [
        "Autologous hair transplantation is not allowed during the study.",
        "Adipose-derived stem cell injections are not permitted during the study.",
    ],
)
def test_a_treatment_the_trial_forbids_is_no_product_source_or_origin(forbidden):
    trial = record(
        brief_title="Exosomes for alopecia",
        brief_summary=f"Exosomes from umbilical cord MSCs are applied to the scalp. {forbidden}",
    )
    classification = classify(trial)
    assert (classification.cell_sources, classification.product_types, classification.origins) == (
        ["Umbilical cord"],
        ["Extracellular vesicles"],
        [],
    )


@pytest.mark.parametrize(
    ("sentence", "origins"),
    [
        # the site's own services, its people's or its company's other work, a related trial, a glossary
        ("Our clinic has offered autologous fat transfer since 2005.", []),
        ("Learn more about our autologous stem cell banking service.", []),
        ("Dr. Example pioneered autologous hair transplantation in the region.", []),
        ("The company also develops allogeneic cell therapies for other diseases.", []),
        ("Allogeneic products are also in development.", []),
        ("Another approach uses the patient's own skin cells, corrected in the lab.", []),
        ("Other treatments use autologous fat.", []),
        ("Unlike other treatments, this study injects autologous fibroblasts.", ["Autologous"]),
        ("Dr. Kim has performed over 500 autologous hair transplants.", []),
        ("We also offer allogeneic bone marrow transplantation for blood cancers.", []),
        ("Other trials: Autologous fibroblasts for acne scars (NCT01234567).", []),
        ("Funding: the Allogeneic Cell Therapy Network.", []),
        ("Laboratory: Autologous Cell Processing Facility, Building 4.", []),
        ("Allogeneic Fibroblasts from the Cell Bank are used.", ["Allogeneic"]),
        ("Cells come from an Allogeneic Master Cell Bank.", ["Allogeneic"]),  # the product's bank
        ("Participants who have completed 2 injections of autologous fibroblasts are followed up.", ["Autologous"]),
        ("Allogeneic fibroblasts are also being studied in burns.", []),
        ("Patients also receive autologous fibroblasts at week 12.", ["Autologous"]),
        ("In a related trial, allogeneic keratinocytes were used.", []),
        ("Autologous means the cells come from your own body; allogeneic means they come from a donor.", []),
        ("Glossary: Allogeneic means the cells come from a donor.", []),
        ("Key terms: autologous refers to cells from your own body.", []),
        # the team's earlier work, and the clause beside it the trial's own
        ("We previously showed that autologous fibroblasts were safe.", []),
        (
            "We previously showed that autologous fibroblasts were safe; this trial uses allogeneic ones.",
            ["Allogeneic"],
        ),
        # the trial's own, said in those words' company
        ("This means patients receive their own autologous cells.", ["Autologous"]),
        ("In our program, patients receive autologous fibroblasts every 6 weeks.", ["Autologous"]),
        ("This pioneering trial tests autologous fibroblasts in acne scars.", ["Autologous"]),
    ],
)
def test_an_origin_said_of_the_sites_work_another_trial_or_a_glossary_is_not_the_trials(sentence, origins):
    summary = f"Cultured fibroblasts are injected into each scar. {sentence}"
    assert classify(record(brief_title="Fibroblasts for acne scars", brief_summary=summary)).origins == origins


@pytest.mark.parametrize(
    ("sentence", "origins"),
    [
        # the field's kinds of care, what the trial's cells are set against
        ("Autologous approaches require a biopsy and weeks of culture.", []),
        ("Autologous cell therapies are limited by donor site morbidity.", []),
        ("Current autologous options are costly.", []),
        ("Conventional autologous melanocyte transplantation requires surgery.", []),
        # the trial's own, counted or given
        ("The study compares two autologous treatments.", ["Autologous"]),
        ("Autologous cells are injected at week 4.", ["Autologous"]),
    ],
)
def test_an_origin_said_of_a_kind_of_care_is_not_the_trials(sentence, origins):
    summary = f"Sheets of umbilical cord mesenchymal stem cells are applied to venous ulcers weekly. {sentence}"
    trial = record(brief_title="Umbilical cord MSC sheets for venous ulcers", brief_summary=summary)
    assert classify(trial).origins == origins
    # (a title naming its kind is the trial's own: "Autologous Cell Therapies in Vitiligo")
    titled = record(brief_title="Autologous Cell Therapies in Vitiligo", brief_summary="Melanocytes are grafted.")
    assert classify(titled).origins == ["Autologous"]


@pytest.mark.parametrize(
    ("sentence", "origins"),
    [
        ("Patients with autologous stem cell transplantation in the past 5 years are not eligible.", []),
        ("Participants who received allogeneic skin substitutes within the last three months will be excluded.", []),
        ("Patients with autologous fibroblasts injected into their scars are followed for 12 months.", ["Autologous"]),
        # ... or what the patients let in must have had: a transplant before their chronic GVHD
        ("Patients must have undergone allogeneic HSCT at least 100 days before enrollment.", []),
        ("Post-allogeneic HSCT patients with sclerotic skin cGVHD are eligible.", []),
        # a completed trial's own product, told in the past
        ("In this study, 30 patients underwent autologous fibroblast injections.", ["Autologous"]),
    ],
)
def test_an_origin_of_what_turned_away_patients_had_is_not_the_trials(sentence, origins):
    classification = classify(record(brief_title="Fibroblasts for acne scars", brief_summary=sentence))
    assert classification.origins == origins


@pytest.mark.parametrize(
    ("title", "conditions", "products"),
    [
        # a condition's abbreviation opening a product's code name is no condition
        ("A Phase 2 trial of EB-301 in chronic diabetic foot ulcers", ["Diabetic foot ulcer"], []),
        # a cell's abbreviation there still says the cells
        ("MSC-100 for diabetic foot ulcers", ["Diabetic foot ulcer"], ["Cells"]),
        ("Gene-corrected keratinocyte grafts for recessive dystrophic EB", ["Epidermolysis bullosa"], ["Cells"]),
    ],
)
def test_a_product_code_named_after_a_condition(title, conditions, products):
    classification = classify(record(brief_title=title))
    assert (classification.conditions, classification.product_types) == (conditions, products)


@pytest.mark.parametrize(
    "summary",
    [
        "The gel holds extracellular vesicles isolated from the culture supernatant of bone marrow stem cells.",
        "Exosomes purified from conditioned medium of umbilical cord MSCs are applied after microneedling.",
    ],
)
def test_vesicles_taken_from_a_medium_are_the_product_not_the_medium(summary):
    result = classify(record(brief_title="A topical treatment for chronic hand eczema", brief_summary=summary))
    assert result.product_types == ["Extracellular vesicles"]


def test_a_skin_graft_the_cells_are_said_to_beat_is_no_product():
    summary = (
        "We are testing whether a suspension of the patient's own skin cells closes a burn better than a thin"
        " skin graft does."
    )
    result = classify(record(brief_title="A new treatment for deep burns", brief_summary=summary))
    assert result.product_types == ["Cells"]


def test_cells_corrected_in_the_lab_and_grown_into_sheets_of_epidermis_are_keratinocytes():
    summary = (
        "Doctors will correct the COL7A1 gene in each patient's skin stem cells in the lab and grow them into"
        " sheets of epidermis for grafting."
    )
    result = classify(record(brief_title="A new treatment for epidermolysis bullosa", brief_summary=summary))
    assert (result.cell_sources, result.product_types) == (["Keratinocytes"], ["Cells"])


@pytest.mark.parametrize(
    ("title", "summary", "origins"),
    [
        # a product named after the origin that the trial does not give: not its origin
        (
            "Exosomes from adipose stem cells for atrophic acne scars",
            "The unit's regenerative programme has run autologous fat grafting and PRP for scars since 2012.",
            [],
        ),
        (
            "Umbilical cord MSC secretome for hair loss",
            "Conditioned medium of umbilical cord stem cells is injected. Clinics elsewhere sell allogeneic exosome sprays.",
            [],
        ),
        # the trial's own product named after it, or the cells its product comes from: its origin
        ("Autologous fat grafting for burn scars", "Fat is harvested from the abdomen and injected.", ["Autologous"]),
        (
            "SVF-enriched fat grafting for facial scleroderma",
            "Patients receive autologous fat grafting enriched with stromal vascular fraction.",
            ["Autologous"],
        ),
        (
            "Exosomes for hair loss",
            "Exosomes are isolated from donated human mesenchymal stem cells and applied to the scalp.",
            ["Allogeneic"],
        ),
        (
            "Conditioned medium for alopecia",
            "Autologous adipose-derived stem cell conditioned medium is injected into the scalp.",
            ["Autologous"],
        ),
        # no product named after it: kept
        ("Keratinocytes for burns", "The keratinocytes used are autologous, grown from a skin biopsy.", ["Autologous"]),
    ],
)
def test_an_origin_said_of_a_product_the_trial_does_not_give_is_not_its_origin(title, summary, origins):
    assert classify(record(brief_title=title, brief_summary=summary)).origins == origins


@pytest.mark.parametrize(
    ("title", "conditions"),
    [
        ("Allogeneic MSCs for sclerodermatous chronic GVHD", ["Cutaneous graft-versus-host disease"]),
        (
            "MSC infusions for chronic graft-versus-host disease with skin sclerosis",
            ["Cutaneous graft-versus-host disease"],
        ),
        ("MSC infusions for steroid-refractory acute graft-versus-host disease", []),  # no skin named: out
    ],
)
def test_graft_versus_host_disease_of_the_skin_in_its_sclerotic_forms(title, conditions):
    classification = classify(record(brief_title=title))
    assert (classification.conditions, classification.in_scope) == (conditions, bool(conditions))


def test_a_companys_other_product_told_of_gives_no_condition_source_or_origin():
    summary = (
        "The company announced that the first patient has been dosed in its trial of a suspension of allogeneic "
        "cultured melanocytes in adults with stable vitiligo. Its earlier product completed a Phase 1 study of "
        "autologous keratinocytes in burns in 2023."
    )
    classification = classify(record(brief_summary=summary))
    assert (classification.conditions, classification.cell_sources, classification.origins) == (
        ["Vitiligo"],
        ["Melanocytes"],
        ["Allogeneic"],
    )


def test_a_condition_named_only_in_a_background_sentence_is_still_read():
    summary = "Previous studies of cultured melanocytes in vitiligo were promising. Cells are grafted in this trial."
    assert classify(record(brief_summary=summary)).conditions == ["Vitiligo"]


def test_a_companys_lead_product_on_trial_is_no_background():
    summary = "Its lead product, a suspension of allogeneic cultured melanocytes, is tested in this vitiligo trial."
    classification = classify(record(brief_summary=summary))
    assert (classification.cell_sources, classification.origins) == (["Melanocytes"], ["Allogeneic"])
