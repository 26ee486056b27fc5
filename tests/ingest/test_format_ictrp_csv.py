"""WHO ICTRP's export as CSV (our own rows, in the export's columns): read as its XML export's
trials are."""

import csv
import io

from ingest.detect import detect_format
from ingest.formats import ictrp_csv
from ingest.normalize.taxonomy import classify

HEADER = [
    "TrialID",
    "(No column name)",
    "SecondaryIDs",
    "public_title",
    "Scientific_title",
    "url",
    "study_type",
    "phase",
    "Date_registration",
    "Date_enrollement",
    "Target_size",
    "Recruitment_status",
    "Primary_sponsor",
    "Secondary_sponsors",
    "Countries",
    "Conditions",
    "Interventions",
    "Age_min",
    "Age_max",
    "Gender",
    "Primary_Outcome",
]
IRCT = [
    "IRCT20250101000001N1",
    "15/03/2025",
    "",
    "Adipose stem cells for burn scars",
    "Autologous adipose-derived stem cells injected into hypertrophic burn scars: a randomized trial",
    "https://trialsearch.who.int/Trial2.aspx?TrialID=IRCT20250101000001N1",
    "Interventional",
    "Phase 2",
    "01/02/2025",
    "10/03/2025",
    "30",
    "Recruiting",
    "Example University of Medical Sciences",
    "",
    "Iran (Islamic Republic of)",
    "Hypertrophic burn scar;<br>Condition 2: Burn",
    "Intervention 1: Intervention group: autologous adipose-derived stem cells.",
    "18 Years",
    "60 Years",
    "Both",
    "Vancouver Scar Scale;Patient and Observer Scar Assessment Scale",
]
CTRI = [
    "CTRI/2024/05/067890",
    "02/06/2024",
    "",
    "PRP for hair loss",
    "Platelet-rich plasma injections in androgenetic alopecia",
    "",
    "Interventional",
    "N/A",
    "20/05/2024",
    "01/06/2024",
    "50",
    "Not recruiting",
    "Example Medical College",
    "",
    "India",
    "Androgenetic alopecia",
    "Procedure: platelet-rich plasma",
    "",
    "",
    "Both",
    "",
]


def export(*rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue()


def test_an_ictrp_csv_export_reads_its_trials_from_any_registry():
    text = export(IRCT, CTRI)
    assert detect_format(text) == "ictrp-csv"
    irct, ctri = ictrp_csv.parse(text)
    assert [i.value for i in irct.identifiers] == ["IRCT20250101000001N1"]
    assert irct.brief_title == "Adipose stem cells for burn scars"
    assert (irct.status, irct.phases, irct.enrollment) == ("RECRUITING", ("PHASE2",), 30)
    assert (irct.start_date.iso(), irct.first_posted.iso(), irct.last_updated.iso()) == (
        "2025-03-10",
        "2025-02-01",
        "2025-03-15",
    )
    assert ([s.country for s in irct.sites], irct.sex, irct.min_age_years, irct.max_age_years) == (
        ["Iran"],
        "ALL",
        18,
        60,
    )
    assert [o.name for o in irct.organizations] == ["Example University of Medical Sciences"]
    assert len(irct.outcomes) == 2
    result = classify(irct)
    assert (result.in_scope, result.cell_sources, result.origins) == (True, ["Adipose tissue"], ["Autologous"])
    assert (
        ctri.identifiers[0].value == "CTRI/2024/05/067890" and ctri.status == "UNKNOWN"
    )  # closed or not yet open: ICTRP does not say
    assert not classify(ctri).in_scope


def test_the_split_gives_each_trial_with_the_header():
    pieces = list(ictrp_csv.split(io.BytesIO(export(IRCT, CTRI).encode()), "ictrp.csv"))
    assert [(name, error) for name, _, error in pieces] == [("ictrp.csv:row 2", ""), ("ictrp.csv:row 3", "")]
    assert ictrp_csv.parse(pieces[1][1].decode())[0].brief_title == "PRP for hair loss"


def test_a_clinicaltrials_gov_download_is_not_this_export():
    assert not ictrp_csv.detect("NCT Number,Study Title,Study Status,Conditions\nNCT09107805,A,RECRUITING,B\n")
    assert detect_format("NCT Number,Study Title,Study Status,Conditions\nNCT09107805,A,RECRUITING,B\n") == "ctgov-csv"
