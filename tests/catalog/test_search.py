"""Search that knows the field: synonyms from the curators' vocabulary, sponsors, sites and
investigators, registry ids in any printed form (several at once), a typo's "did you mean", and a
small relevance set of questions clinicians and researchers ask, each with the trials a careful
reader expects at the top."""

import csv
import io

import pytest
from django.http import QueryDict

from catalog.filters import TrialFilter
from catalog.models import Condition, Trial
from catalog.search import did_you_mean, only_ids, pasted_ids
from ingest.loader import ingest_record
from ingest.record import Contact, Identifier, Intervention, Organization, Site, TrialRecord

pytestmark = pytest.mark.django_db

# Our own trials, in the shapes registries print them (never copies of registry pages).
TRIALS = [
    dict(
        ids=[("NCT", "NCT09800001")],
        title="Umbilical Cord Mesenchymal Stem Cells for Moderate to Severe Atopic Dermatitis",
        conditions=("Atopic Dermatitis",),
        intervention="hUC-MSC infusion",
        sponsor="Northbridge University Hospital",
        site=Site("Northbridge Dermatology Centre", "Leeds", "", "United Kingdom"),
    ),
    dict(
        ids=[("NCT", "NCT09800002")],
        title="Adipose-Derived Stem Cell Conditioned Medium for Striae Distensae",
        conditions=("Striae Distensae",),
        intervention="ADSC-CM topical",
        sponsor="Seoul Skin Institute",
        site=Site("Seoul Skin Institute", "Seoul", "", "South Korea"),
    ),
    dict(
        ids=[("EUDRACT", "2015-000168-32"), ("EUCTR", "EUCTR2015-000168-32-DE")],
        title="Allogeneic ABCB5+ Mesenchymal Stromal Cells in Recessive Dystrophic Epidermolysis Bullosa",
        conditions=("Recessive Dystrophic Epidermolysis Bullosa",),
        intervention="allo-APZ2-EB",
        sponsor="Rheacell GmbH",
        site=Site("Universitätsklinikum Freiburg", "Freiburg", "", "Germany"),
    ),
    dict(
        ids=[("CTRI", "CTRI/2019/01/017015")],
        title="Autologous Bone Marrow Cells for Diabetic Foot Ulcers",
        conditions=("Diabetic Foot Ulcer",),
        intervention="BM-MNC injection",
        sponsor="Deccan Institute of Medical Sciences",
        site=Site("Deccan Institute", "Hyderabad", "Telangana", "India"),
        contact=Contact("Dr Anjali Raman", "principal_investigator"),
    ),
    dict(
        ids=[("NCT", "NCT09800005")],
        title="Exosomes From Placental MSCs for Androgenetic Alopecia",
        conditions=("Androgenetic Alopecia",),
        intervention="placental MSC exosome",
        sponsor="Lumen Regenerative Ltd",
        site=Site("Lumen Clinic", "Austin", "Texas", "United States"),
    ),
    dict(
        ids=[("NCT", "NCT09800006")],
        title="Autologous Fat Grafting for Perioral Fibrosis in Systemic Sclerosis",
        conditions=("Systemic Sclerosis",),
        intervention="fat grafting",
        sponsor="Hopital Saint-Louis",
        site=Site("Hopital Saint-Louis", "Paris", "", "France"),
    ),
    dict(
        ids=[("NCT", "NCT09800007")],
        title="Non-cultured Epidermal Cell Suspension for Stable Vitiligo",
        conditions=("Vitiligo",),
        intervention="melanocyte-keratinocyte transplantation",
        sponsor="Cairo Skin Research Unit",
        site=Site("Kasr Al Ainy", "Cairo", "", "Egypt"),
    ),
    dict(
        ids=[("NCT", "NCT09800008")],
        title="Umbilical Cord MSC Secretome Gel for Acne Scars",
        conditions=("Acne Scars",),
        intervention="UC-MSC secretome gel",
        sponsor="Jakarta Cell Therapy Centre",
        site=Site("Jakarta Cell Therapy Centre", "Jakarta", "", "Indonesia"),
    ),
]

# (query, the trials a careful reader expects among the first results)
RELEVANCE = [
    ("eczema", ["NCT09800001"]),
    ("stretch marks", ["NCT09800002"]),
    ("scleroderma", ["NCT09800006"]),
    ("hair loss", ["NCT09800005"]),
    ("baldness", ["NCT09800005"]),
    ("secretome", ["NCT09800002", "NCT09800008"]),  # conditioned medium is a secretome too
    ("DFU", ["CTRI/2019/01/017015"]),
    ("EB", ["2015-000168-32"]),
    ("diabetic foot ulcer stem cells", ["CTRI/2019/01/017015"]),
    ("Rheacell", ["2015-000168-32"]),  # a sponsor
    ("Freiburg", ["2015-000168-32"]),  # a site's city
    ("Anjali Raman", ["CTRI/2019/01/017015"]),  # an investigator
    ("vitiligo cell suspension", ["NCT09800007"]),
    ("cord cells atopic", ["NCT09800001"]),
]


@pytest.fixture
def catalog(db, vocabularies):
    for trial in TRIALS:
        registry, value = trial["ids"][0]
        ingest_record(
            TrialRecord(
                source_format="test",
                identifiers=tuple(
                    Identifier(r, v, "primary" if i == 0 else "secondary") for i, (r, v) in enumerate(trial["ids"])
                ),
                brief_title=trial["title"],
                conditions_raw=trial["conditions"],
                interventions=(Intervention(trial["intervention"], "BIOLOGICAL"),),
                organizations=(Organization(trial["sponsor"], "LEAD_SPONSOR"),),
                sites=(trial["site"],),
                contacts=(trial["contact"],) if "contact" in trial else (),
            ),
            f"{value.replace('/', '-')}.json",
        )


def found(query: str) -> list[str]:
    filterset = TrialFilter(QueryDict(mutable=True) | {"q": query}, queryset=Trial.objects.filter(in_scope=True))
    assert filterset.is_valid(), filterset.errors
    return list(filterset.qs.values_list("primary_id", flat=True))


@pytest.mark.parametrize(("query", "expected"), RELEVANCE)
def test_relevance_set(catalog, query, expected):
    results = found(query)
    top = results[: max(3, len(expected))]
    assert set(expected) <= set(top), f"{query!r}: {results}"


def test_a_synonym_a_curator_adds_works_at_once(catalog):
    assert found("itchy skin disease") == []
    condition = Condition.objects.get(name="Atopic dermatitis")
    condition.synonyms = [*condition.synonyms, "itchy skin disease"]
    condition.save()
    assert found("itchy skin disease") == ["NCT09800001"]


def test_websearch_syntax_is_taken_as_written(catalog):
    assert "NCT09800001" not in found("dermatitis -atopic")
    assert found('"placental MSCs"') == ["NCT09800005"]


@pytest.mark.parametrize(
    "typed",
    [
        "NCT 0980 0005",
        "nct09800005",
        "NCT-09800005",
    ],
)
def test_an_nct_id_in_any_printed_form_opens_its_trial(client, catalog, typed):
    response = client.get("/trials/", {"q": typed})
    assert response.status_code == 302 and response["Location"].endswith("/NCT09800005/")


@pytest.mark.parametrize(
    "typed",
    ["EUCTR2015-000168-32", "EudraCT 2015-000168-32", "EUCTR2015-000168-32-FR", "2015-000168-32"],
)
def test_a_eudract_number_in_any_printed_form_opens_its_trial(client, catalog, typed):
    response = client.get("/trials/", {"q": typed})
    assert response.status_code == 302 and response["Location"].endswith("/2015-000168-32/")


def test_a_ctri_id_with_dashes_or_slashes(client, catalog):
    for typed in ("CTRI/2019/01/017015", "CTRI-2019-01-017015", "ctri 2019/01/017015"):
        response = client.get("/trials/", {"q": typed})
        assert response.status_code == 302, typed


@pytest.mark.parametrize("typed", ["CTR20212345", "ctr 2021 2345", "SNCTP000004567", "SNCTP 000004567"])
def test_a_swiss_portal_or_chinese_drug_registry_id_opens_its_trial(client, catalog, typed):
    trial = Trial.objects.get(primary_id="NCT09800005")
    trial.identifiers.create(registry="CTR", value="CTR20212345", kind="secondary")
    trial.identifiers.create(registry="SNCTP", value="SNCTP000004567", kind="secondary")
    response = client.get("/trials/", {"q": typed})
    assert response.status_code == 302 and response["Location"].endswith("/NCT09800005/")


def test_several_pasted_ids_list_those_trials_also_as_csv(client, catalog):
    pasted = "NCT09800001, NCT 0980 0005\nEUCTR2015-000168-32-DE; NCT09899999"
    assert sorted(found(pasted)) == ["2015-000168-32", "NCT09800001", "NCT09800005"]
    html = client.get("/trials/", {"q": pasted}).content.decode()
    assert "3 trials" in html
    rows = list(
        csv.DictReader(io.StringIO(b"".join(client.get("/trials.csv", {"q": pasted}).streaming_content).decode()))
    )
    assert sorted(row["id"] for row in rows) == ["2015-000168-32", "NCT09800001", "NCT09800005"]


def test_ids_in_a_query_and_the_rest():
    ids, rest = pasted_ids("EudraCT 2015-000168-32 and NCT 0980 0005")
    assert [pasted.compacts[0] for pasted in ids] == ["201500016832", "NCT09800005"]
    assert rest == "and"
    assert only_ids("NCT09800005 vitiligo") == []  # words besides the ids: a search, not a list of ids
    assert only_ids("stem cells") == []


def test_a_typo_gets_did_you_mean(client, catalog):
    assert found("vitilligo") == []
    assert did_you_mean("vitilligo") == "vitiligo"
    assert did_you_mean("atopic dermatitis") == ""  # known words: nothing to suggest
    html = client.get("/trials/", {"q": "vitilligo", "status": ""}).content.decode()
    assert 'id="did-you-mean"' in html and "?q=vitiligo" in html
    assert found("vitiligo") == ["NCT09800007"]


def test_did_you_mean_leaves_the_words_trials_hold(catalog):
    # "cairo" is in a trial (its sponsor); only the misspelled word changes.
    assert did_you_mean("vitilligo cairo") == "vitiligo cairo"
    assert did_you_mean("keloidd") in ("keloid", "keloids")
