"""Generate realistic ClinicalTrials.gov API v2 studies, as the bulk download gives them.

    python bench/generate_ctgov.py --count 10000 --in-scope 0.1 --out /tmp/corpus

writes /tmp/corpus/in_scope.zip and /tmp/corpus/out_of_scope.zip (one JSON file per study, the
bulk download's shape). Most records are outside regenerative dermatology, as in the registry.
Deterministic for a given --seed.
"""

import argparse
import json
import random
import zipfile
from pathlib import Path

SKIN_CONDITIONS = [
    "Vitiligo",
    "Melasma",
    "Psoriasis",
    "Atopic Dermatitis",
    "Acne Scars",
    "Keloid",
    "Hypertrophic Scar",
    "Androgenetic Alopecia",
    "Alopecia Areata",
    "Burns",
    "Diabetic Foot Ulcer",
    "Venous Leg Ulcer",
    "Epidermolysis Bullosa",
    "Photoaging",
    "Systemic Sclerosis",
    "Chronic Wound",
    "Striae Distensae",
]
OTHER_CONDITIONS = [
    "Breast Cancer",
    "Type 2 Diabetes",
    "Hypertension",
    "Heart Failure",
    "Asthma",
    "COPD",
    "Depression",
    "Schizophrenia",
    "Alzheimer Disease",
    "Parkinson Disease",
    "Rheumatoid Arthritis",
    "Osteoarthritis",
    "HIV Infections",
    "COVID-19",
    "Obesity",
    "Stroke",
    "Chronic Kidney Disease",
    "Lung Cancer",
    "Migraine",
    "Knee Osteoarthritis",
    "Crohn Disease",
    "Multiple Sclerosis",
    "Sepsis",
    "Prostate Cancer",
]
CELL_PRODUCTS = [
    ("Umbilical cord mesenchymal stem cells", "BIOLOGICAL"),
    ("Adipose-derived stem cells", "BIOLOGICAL"),
    ("Bone marrow mesenchymal stromal cells", "BIOLOGICAL"),
    ("Stromal vascular fraction", "PROCEDURE"),
    ("MSC-derived exosomes", "BIOLOGICAL"),
    ("Adipose stem cell conditioned medium", "DRUG"),
    ("Autologous cultured keratinocytes", "BIOLOGICAL"),
    ("Non-cultured melanocyte-keratinocyte suspension", "PROCEDURE"),
    ("Hair follicle stem cells", "BIOLOGICAL"),
    ("Placenta-derived MSCs", "BIOLOGICAL"),
]
OTHER_INTERVENTIONS = [
    ("Metformin", "DRUG"),
    ("Atorvastatin", "DRUG"),
    ("Placebo", "DRUG"),
    ("Exercise programme", "BEHAVIORAL"),
    ("Pembrolizumab", "DRUG"),
    ("Cognitive behavioural therapy", "BEHAVIORAL"),
    ("Knee arthroplasty", "PROCEDURE"),
    ("Platelet-rich plasma", "BIOLOGICAL"),
    ("Topical tacrolimus", "DRUG"),
    ("Vitamin D", "DIETARY_SUPPLEMENT"),
]
STATUSES = [
    ("COMPLETED", 35),
    ("RECRUITING", 18),
    ("UNKNOWN", 15),
    ("NOT_YET_RECRUITING", 7),
    ("ACTIVE_NOT_RECRUITING", 8),
    ("TERMINATED", 7),
    ("WITHDRAWN", 4),
    ("ENROLLING_BY_INVITATION", 3),
    ("SUSPENDED", 1),
]
PHASES = [
    (["NA"], 30),
    (["PHASE1"], 12),
    (["PHASE1", "PHASE2"], 10),
    (["PHASE2"], 20),
    (["PHASE3"], 12),
    (["PHASE4"], 6),
    (["EARLY_PHASE1"], 4),
    ([], 6),
]
COUNTRIES = [
    "China",
    "United States",
    "Iran, Islamic Republic of",
    "Egypt",
    "France",
    "Korea, Republic of",
    "Spain",
    "Brazil",
    "India",
    "Turkey",
    "Germany",
    "Pakistan",
    "Japan",
    "Italy",
    "Indonesia",
]
WORDS = [
    "patients",
    "participants",
    "treatment",
    "efficacy",
    "safety",
    "randomized",
    "controlled",
    "study",
    "outcome",
    "baseline",
    "week",
    "month",
    "assessment",
    "improvement",
    "dose",
    "injection",
    "follow-up",
    "adverse",
    "events",
    "clinical",
    "evaluation",
    "score",
    "group",
    "therapy",
    "severity",
    "quality",
    "life",
    "primary",
    "secondary",
    "endpoint",
    "analysis",
    "protocol",
    "inclusion",
    "exclusion",
    "criteria",
]


def weighted(rng, options):
    values, weights = zip(*options, strict=True)
    return rng.choices(values, weights=weights)[0]


def sentence(rng, extra=()):
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))] + list(extra)
    rng.shuffle(words)
    return " ".join(words).capitalize() + "."


def paragraph(rng, sentences, extra=()):
    return " ".join(sentence(rng, extra if index == 0 else ()) for index in range(sentences))


def date(rng, start=2005, end=2027, day=True):
    text = f"{rng.randint(start, end)}-{rng.randint(1, 12):02d}"
    return f"{text}-{rng.randint(1, 28):02d}" if day else text


def _date_struct(value: str) -> dict:
    """Dates still to come are estimates, as in the registry."""
    return {"date": value, "type": "ACTUAL" if value < "2026-11" else "ESTIMATED"}


def study(rng, number: int, in_scope: bool) -> dict:
    nct = f"NCT{number:08d}"
    if in_scope:
        condition = rng.choice(SKIN_CONDITIONS)
        product, product_type = rng.choice(CELL_PRODUCTS)
        title = f"{product} for {condition}"
    else:
        condition = rng.choice(OTHER_CONDITIONS)
        product, product_type = rng.choice(OTHER_INTERVENTIONS)
        title = f"{product} in {condition}: a {rng.choice(['randomized', 'pilot', 'multicentre'])} study"
    status = weighted(rng, STATUSES)
    locations = [
        {
            "facility": f"Hospital {rng.randint(1, 9999)}",
            "city": f"City {rng.randint(1, 500)}",
            "country": rng.choice(COUNTRIES),
            "status": status,
        }
        for _ in range(min(int(rng.expovariate(1 / 3)) + 1, 60))
    ]
    return {
        "protocolSection": {
            "identificationModule": {
                "nctId": nct,
                "orgStudyIdInfo": {"id": f"ORG-{number}"},
                "organization": {"fullName": f"Sponsor {number % 977}", "class": "OTHER"},
                "briefTitle": title,
                "officialTitle": f"{title}: {sentence(rng)}",
            },
            "statusModule": {
                "overallStatus": status,
                "startDateStruct": _date_struct(date(rng, day=rng.random() < 0.6)),
                "primaryCompletionDateStruct": {"date": date(rng, 2008, 2030), "type": "ESTIMATED"},
                "completionDateStruct": {"date": date(rng, 2008, 2031), "type": "ESTIMATED"},
                "studyFirstPostDateStruct": {"date": date(rng), "type": "ACTUAL"},
                "lastUpdatePostDateStruct": {"date": date(rng, 2015, 2026), "type": "ACTUAL"},
            },
            "sponsorCollaboratorsModule": {
                "leadSponsor": {"name": f"Sponsor {number % 977}", "class": "OTHER"},
                "collaborators": [{"name": f"Collaborator {number % 313}", "class": "INDUSTRY"}]
                if rng.random() < 0.3
                else [],
            },
            "descriptionModule": {
                "briefSummary": paragraph(rng, rng.randint(2, 6), (condition.lower(), product.lower())),
                "detailedDescription": paragraph(rng, rng.randint(5, 40)),
            },
            "conditionsModule": {"conditions": [condition], "keywords": rng.sample(WORDS, 3)},
            "designModule": {
                "studyType": "INTERVENTIONAL",
                "phases": weighted(rng, PHASES),
                "designInfo": {
                    "allocation": "RANDOMIZED",
                    "interventionModel": "PARALLEL",
                    "primaryPurpose": "TREATMENT",
                    "maskingInfo": {"masking": "DOUBLE"},
                },
                "enrollmentInfo": {"count": rng.randint(0, 500), "type": rng.choice(["ACTUAL", "ESTIMATED"])},
            },
            "armsInterventionsModule": {
                "armGroups": [
                    {
                        "label": "Active",
                        "type": "EXPERIMENTAL",
                        "description": f"{product} as described.",
                        "interventionNames": [f"Biological: {product}"],
                    },
                    {
                        "label": "Control",
                        "type": "PLACEBO_COMPARATOR",
                        "description": "Placebo.",
                        "interventionNames": ["Drug: Placebo"],
                    },
                ],
                "interventions": [
                    {"type": product_type, "name": product, "description": sentence(rng), "armGroupLabels": ["Active"]},
                    {"type": "DRUG", "name": "Placebo", "armGroupLabels": ["Control"]},
                ],
            },
            "outcomesModule": {"primaryOutcomes": [{"measure": sentence(rng), "timeFrame": "12 weeks"}]},
            "eligibilityModule": {
                "eligibilityCriteria": "Inclusion Criteria:\n\n* "
                + "\n* ".join(sentence(rng) for _ in range(5))
                + "\n\nExclusion Criteria:\n\n* "
                + "\n* ".join(sentence(rng) for _ in range(5)),
                "healthyVolunteers": False,
                "sex": rng.choice(["ALL", "ALL", "FEMALE", "MALE"]),
                "minimumAge": f"{rng.choice([12, 18, 18, 20])} Years",
                "maximumAge": f"{rng.choice([45, 65, 75])} Years",
            },
            "contactsLocationsModule": {"locations": locations},
        },
        "hasResults": False,
    }


def generate(count: int, in_scope_share: float, out: Path, seed: int = 7) -> dict[str, int]:
    rng = random.Random(seed)  # nosec B311
    out.mkdir(parents=True, exist_ok=True)
    counts = {"in_scope": 0, "out_of_scope": 0}
    with (
        zipfile.ZipFile(out / "in_scope.zip", "w", zipfile.ZIP_DEFLATED) as inside,
        zipfile.ZipFile(out / "out_of_scope.zip", "w", zipfile.ZIP_DEFLATED) as outside,
    ):
        for index in range(count):
            in_scope = rng.random() < in_scope_share
            record = study(rng, 10_000_000 + index, in_scope)
            archive = inside if in_scope else outside
            archive.writestr(
                f"ctg-studies/{record['protocolSection']['identificationModule']['nctId']}.json", json.dumps(record)
            )
            counts["in_scope" if in_scope else "out_of_scope"] += 1
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--in-scope", type=float, default=0.1, help="share of records in scope (default 0.1)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    counts = generate(args.count, args.in_scope, args.out, args.seed)
    print(f"wrote {counts['in_scope']:,} in-scope and {counts['out_of_scope']:,} out-of-scope studies to {args.out}")


if __name__ == "__main__":
    main()
