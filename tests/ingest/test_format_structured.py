"""ClinicalTrials.gov API v2 JSON, legacy XML and WHO ICTRP XML: whole records from our fixtures."""

import io
import json
from datetime import date
from pathlib import Path

import pytest

from ingest.errors import IngestError
from ingest.formats import ctgov_json, ctgov_xml, ictrp_xml
from ingest.record import Arm, Contact, Identifier, Intervention, Organization, Outcome, PartialDate, Site

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "structured"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_api_v2_study_maps_every_module():
    record = ctgov_json.parse(fixture_text("ctgov_study_vitiligo.json"))[0]
    assert record.identifiers == (
        Identifier("NCT", "NCT06999901", "primary"),
        Identifier("ORG", "VIT-UC-2024", "sponsor"),
        Identifier("IRCT", "IRCT20240101000001N1", "secondary"),
    )
    assert record.brief_title == "Umbilical Cord Mesenchymal Stem Cells With Narrowband UVB for Stable Vitiligo"
    assert record.acronym == "UC-VIT"
    assert (record.status, record.status_raw) == ("RECRUITING", "RECRUITING")
    assert record.phases == ("PHASE1", "PHASE2")
    assert (record.enrollment, record.enrollment_type) == (40, "ESTIMATED")
    assert record.start_date == PartialDate(date(2024, 9, 1), "month") and record.start_date_type == "ACTUAL"
    assert record.primary_completion_date == PartialDate(date(2026, 6, 30), "day")
    assert record.completion_date.iso() == "2026-12" and record.completion_date_type == "ESTIMATED"
    assert record.first_posted.iso() == "2024-08-15" and record.last_updated.iso() == "2025-03-02"
    assert (record.allocation, record.intervention_model, record.masking, record.purpose) == (
        "RANDOMIZED",
        "PARALLEL",
        "DOUBLE",
        "TREATMENT",
    )
    assert (record.sex, record.min_age_years, record.max_age_years, record.healthy_volunteers) == ("ALL", 18, 65, False)
    assert record.inclusion_criteria == "* Stable non-segmental vitiligo for 12 months\n* Age 18 to 65"
    assert record.exclusion_criteria == "* Pregnancy\n* Active infection"
    assert record.conditions_raw == ("Vitiligo", "Mesenchymal Stem Cells")
    assert record.keywords == ("repigmentation", "cell therapy")
    assert record.mesh_terms == ("Vitiligo",)
    assert record.has_results is False
    assert record.arms[0] == Arm(
        "UC-MSC plus NB-UVB",
        "EXPERIMENTAL",
        "Intradermal UC-MSCs into target patches, then NB-UVB.",
        ("UC-MSC", "NB-UVB"),
    )
    assert record.interventions[0] == Intervention(
        "UC-MSC",
        "BIOLOGICAL",
        "Allogeneic umbilical cord mesenchymal stem cells, 1 million cells per patch",
        ("UC-MSC plus NB-UVB",),
    )
    assert record.outcomes == (
        Outcome(
            "Repigmentation of target patches", "PRIMARY", "24 weeks", "Percentage repigmentation by image analysis"
        ),
        Outcome("Adverse events", "SECONDARY", "48 weeks", ""),
    )
    assert record.organizations == (
        Organization("Example Skin Institute", "LEAD_SPONSOR", "OTHER"),
        Organization("Example Cell Bank", "COLLABORATOR", "INDUSTRY"),
    )
    assert record.sites == (
        Site("Example Skin Institute", "Shiraz", "", "Iran", "RECRUITING"),
        Site("Example University Hospital", "Lyon", "", "France", "RECRUITING"),
    )
    assert record.contacts == (
        Contact("Study Coordinator", "CONTACT", "+1 555 0100", "vitiligo-study@example.org", ""),
    )
    assert record.responsible_party == "A. Example, Professor, Example Skin Institute"


def test_api_v2_page_array_and_single_study_all_parse():
    study = json.loads(fixture_text("ctgov_study_vitiligo.json"))
    page = json.dumps({"studies": [study, study], "nextPageToken": "abc"})
    assert len(ctgov_json.parse(page)) == 2
    assert len(ctgov_json.parse(json.dumps([study]))) == 1


def split_all(module, data: bytes, name="input"):
    return list(module.split(io.BytesIO(data), name))


def test_split_streams_pages_arrays_and_json_lines():
    study = json.loads(fixture_text("ctgov_study_vitiligo.json"))
    page = json.dumps({"studies": [study, study, study], "nextPageToken": "x"}).encode()
    array = json.dumps([study, study]).encode()
    lines = (json.dumps(study) + "\n" + "{not json\n" + json.dumps(study) + "\n").encode()
    assert [name for name, _, error, *_ in split_all(ctgov_json, page, "page.json")] == [
        "page.json#1",
        "page.json#2",
        "page.json#3",
    ]
    assert len(split_all(ctgov_json, array)) == 2
    pieces = split_all(ctgov_json, lines, "studies.jsonl")
    assert [(name, bool(error)) for name, _, error, *_ in pieces] == [
        ("studies.jsonl:line 1", False),
        ("studies.jsonl:line 2", True),
        ("studies.jsonl:line 3", False),
    ]
    assert "malformed JSON on line 2" in pieces[1][2]


def test_single_study_file_is_one_piece():
    raw = fixture_text("ctgov_study_vitiligo.json").encode()
    pieces = split_all(ctgov_json, raw, "one.json")
    assert len(pieces) == 1 and pieces[0][2] == ""
    assert ctgov_json.parse(pieces[0][1].decode())[0].identifiers[0].value == "NCT06999901"


@pytest.mark.parametrize(
    "text, message",
    [
        ("{", "malformed JSON"),
        ('{"protocolSection": {"identificationModule": {"nctId": "NCT123"}}}', "no valid nctId"),
        ('{"protocolSection": 5}', "no protocolSection"),
        ("[" * 100000 + "]" * 100000, "nests too deeply"),
    ],
)
def test_bad_json_gets_a_clear_error(text, message):
    with pytest.raises(IngestError, match=message):
        ctgov_json.parse(text)


def test_legacy_xml_record():
    record = ctgov_xml.parse(fixture_text("legacy_epidermolysis.xml"))[0]
    assert record.identifiers == (
        Identifier("NCT", "NCT02999902", "primary"),
        Identifier("ORG", "RDEB-BM-01", "sponsor"),
        Identifier("EUDRACT", "2016-000123-45", "secondary"),
    )
    assert (record.status, record.phases) == ("COMPLETED", ("PHASE1", "PHASE2"))
    assert (record.enrollment, record.enrollment_type) == (10, "ACTUAL")
    assert record.start_date == PartialDate(date(2016, 1, 1), "month") and record.start_date_type == "ACTUAL"
    assert record.primary_completion_date.iso() == "2016-10"
    assert (record.allocation, record.intervention_model, record.masking) == ("NA", "SINGLE_GROUP", "NONE")
    assert (record.min_age_years, record.max_age_years, record.healthy_volunteers) == (2, 16, False)
    assert record.brief_summary.startswith("Children with recessive dystrophic epidermolysis bullosa receive")
    assert record.arms == (Arm("MSC infusions", "EXPERIMENTAL", "Three infusions, 28 days apart", ("BM-MSC",)),)
    assert record.interventions == (Intervention("BM-MSC", "BIOLOGICAL", "2 million cells per kg", ("MSC infusions",)),)
    assert record.inclusion_criteria == "-  Genetically confirmed RDEB"
    assert record.exclusion_criteria == "-  Active infection"
    assert record.sites == (Site("Example Children's Hospital", "London", "", "United Kingdom", ""),)
    assert record.organizations[1] == Organization("Example Foundation", "COLLABORATOR", "OTHER")
    assert record.last_updated.iso() == "2017-02-02"


def test_ictrp_export_maps_each_registry_onto_the_vocabularies():
    records = {record.identifiers[0].value: record for record in ictrp_xml.parse(fixture_text("ictrp_export.xml"))}
    irct = records["IRCT20230101000002N3"]
    assert (irct.status, irct.status_raw, irct.phases, irct.enrollment) == ("RECRUITING", "Recruiting", ("PHASE2",), 24)
    assert irct.first_posted.iso() == "2023-02-15" and irct.start_date.iso() == "2023-03-01"  # dd/mm/yyyy
    assert irct.conditions_raw == ("Atrophic acne scar",)  # ICD-10 prefix removed
    assert irct.inclusion_criteria == "Moderate to severe atrophic acne scars\nAge 18-45"  # <br> decoded
    assert irct.sites == (Site(country="Iran"),)
    chictr = records["ChiCTR2400081234"]
    # ICTRP's "Not Recruiting" does not say whether the trial is to start, ongoing or done: unknown.
    assert (chictr.status, chictr.status_raw) == ("UNKNOWN", "Not Recruiting")
    assert chictr.phases == ()  # a ChiCTR study type, not a phase
    assert (chictr.sex, chictr.min_age_years) == ("MALE", 18)
    eu = records["2019-001234-56"]
    assert eu.phases == ("PHASE3",)  # the EU yes/no matrix
    assert eu.sex == "ALL" and (eu.status, eu.status_raw) == ("UNKNOWN", "Authorised")
    assert Identifier("NCT", "NCT04999903", "secondary") in eu.identifiers
    assert [site.country for site in eu.sites] == ["Germany", "Poland"]


def test_xml_entity_expansion_and_external_entities_are_refused():
    bomb = '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><clinical_study>&b;</clinical_study>'
    external = '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]><Trial><TrialID>&x;</TrialID></Trial>'
    for text, module in ((bomb, ctgov_xml), (external, ictrp_xml)):
        with pytest.raises(IngestError, match="refused unsafe XML"):
            module.parse(text)
    pieces = split_all(ictrp_xml, external.encode())
    assert pieces[-1][2].startswith("refused unsafe XML")


def test_ictrp_split_yields_one_piece_per_trial():
    pieces = split_all(ictrp_xml, fixture_text("ictrp_export.xml").encode(), "export.xml")
    assert [name for name, *_ in pieces] == [f"export.xml#{n}" for n in range(1, 6)]
    assert all(error == "" for _, _, error, *_ in pieces)
    assert ictrp_xml.parse(pieces[1][1].decode())[0].identifiers[0].value == "ChiCTR2400081234"


def test_a_declared_encoding_is_read_once_and_an_unknown_one_is_refused_clearly():
    # The document's text is decoded already: a Latin-1 declaration must not decode it again.
    latin = '<?xml version="1.0" encoding="ISO-8859-1"?><Trial><TrialID>NCT06999901</TrialID>'
    latin += "<Public_title>Sjögren syndrome and café-au-lait macules</Public_title></Trial>"
    assert ictrp_xml.parse(latin)[0].brief_title == "Sjögren syndrome and café-au-lait macules"
    # In a file streamed as bytes, the declaration decides: an encoding nobody knows is an error.
    for encoding, problem in (("AUTF-8", "unknown encoding"), ("undefined", "undefined"), ("utf-7", "multi-byte")):
        unknown = (
            f'<?xml version="1.0" encoding="{encoding}"?><Trials><Trial><TrialID>NCT06999901</TrialID></Trial></Trials>'
        )
        error = split_all(ictrp_xml, unknown.encode())[-1][2]
        assert error.startswith("unreadable XML:") and problem in error


def test_results_and_publications_are_read_from_each_structured_format():
    from ingest.record import Reference

    study = json.loads(fixture_text("ctgov_study_vitiligo.json"))
    study["hasResults"] = True
    study["protocolSection"]["referencesModule"] = {
        "references": [
            {"pmid": "31234567", "type": "RESULT", "citation": "Example A, et al. Cells for vitiligo. J Skin. 2020."},
            {"type": "BACKGROUND", "citation": "Example B. A review of grafting."},
            {"pmid": "not-a-number", "citation": ""},
        ]
    }
    record = ctgov_json.parse(json.dumps(study))[0]
    nct = record.identifiers[0].value
    assert record.has_results is True and record.results_url == f"https://clinicaltrials.gov/study/{nct}?tab=results"
    assert record.references == (
        Reference("Example A, et al. Cells for vitiligo. J Skin. 2020.", "31234567", "RESULT"),
        Reference("Example B. A review of grafting.", "", "BACKGROUND"),
        Reference("PubMed not-a-number", "", ""),  # no number: no PubMed link made of it
    )

    legacy = fixture_text("legacy_epidermolysis.xml").replace(
        "</clinical_study>",
        "<clinical_results><baseline/></clinical_results>"
        "<reference><citation>Example C. Marrow cells in RDEB. 2015.</citation><PMID>25000001</PMID></reference>"
        "<results_reference><citation>Example D. One-year outcomes. 2018.</citation><PMID>29000002</PMID>"
        "</results_reference></clinical_study>",
    )
    record = ctgov_xml.parse(legacy)[0]
    assert record.has_results is True and record.results_url.endswith("NCT02999902?tab=results")
    assert [(item.pmid, item.type) for item in record.references] == [
        ("29000002", "RESULT"),
        ("25000001", "BACKGROUND"),
    ]

    ictrp = fixture_text("ictrp_export.xml").replace(
        "<TrialID>IRCT20230101000002N3</TrialID>",
        "<TrialID>IRCT20230101000002N3</TrialID><results_yes_no>Yes</results_yes_no>"
        "<results_url_link>https://irct.behdasht.gov.ir/trial/99999/results</results_url_link>",
    )
    irct = next(record for record in ictrp_xml.parse(ictrp) if record.identifiers[0].value == "IRCT20230101000002N3")
    assert irct.has_results is True and irct.results_url == "https://irct.behdasht.gov.ir/trial/99999/results"


def test_the_last_known_status_of_a_trial_whose_status_is_unknown():
    study = json.loads(fixture_text("ctgov_study_vitiligo.json"))
    study["protocolSection"]["statusModule"].update({"overallStatus": "UNKNOWN", "lastKnownStatus": "RECRUITING"})
    record = ctgov_json.parse(json.dumps(study))[0]
    assert (record.status, record.last_known_status) == ("UNKNOWN", "RECRUITING")
    legacy = fixture_text("legacy_epidermolysis.xml").replace(
        "<overall_status>Completed</overall_status>",
        "<overall_status>Unknown status</overall_status><last_known_status>Active, not recruiting</last_known_status>",
    )
    record = ctgov_xml.parse(legacy)[0]
    assert (record.status, record.last_known_status) == ("UNKNOWN", "ACTIVE_NOT_RECRUITING")
