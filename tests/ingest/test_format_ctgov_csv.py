"""ClinicalTrials.gov search results downloaded as CSV or TSV (our own rows, in the export's two
column sets: today's and the classic site's)."""

import csv
import io

import pytest

from ingest.detect import detect_format
from ingest.errors import IngestError
from ingest.formats import _csv, ctgov_csv
from ingest.normalize.taxonomy import classify

TODAY = [
    "NCT Number",
    "Study Title",
    "Study URL",
    "Study Status",
    "Brief Summary",
    "Conditions",
    "Interventions",
    "Primary Outcome Measures",
    "Sponsor",
    "Collaborators",
    "Sex",
    "Age",
    "Phases",
    "Enrollment",
    "Study Type",
    "Study Design",
    "Other IDs",
    "Start Date",
    "Completion Date",
    "Locations",
]
EXOSOMES = [
    "NCT09107805",
    "Umbilical Cord MSC Exosomes for Atopic Dermatitis",
    "https://clinicaltrials.gov/study/NCT09107805",
    "RECRUITING",
    "Topical exosomes from allogeneic umbilical cord mesenchymal stem cells, in adults.",
    "Atopic Dermatitis|Eczema",
    "BIOLOGICAL: UC-MSC exosome gel|OTHER: Vehicle gel",
    "EASI-75 at week 12",
    "Example Biotech Co.",
    "Example University Hospital",
    "ALL",
    "ADULT, OLDER_ADULT",
    "PHASE1|PHASE2",
    "48",
    "INTERVENTIONAL",
    "Allocation: RANDOMIZED|Intervention Model: PARALLEL|Masking: DOUBLE|Primary Purpose: TREATMENT",
    "EX-AD-01",
    "2025-03-01",
    "2026-06",
    "Example Hospital, Seoul, Korea, Republic of|Other Clinic, Boston, Massachusetts, 02115, United States",
]
PLATELETS = [
    "NCT09107808",
    "Platelet-rich Plasma for Acne Scars",
    "",
    "COMPLETED",
    "",
    "Acne Scars",
    "BIOLOGICAL: Platelet-rich plasma",
    "",
    "Example Clinic",
    "",
    "ALL",
    "ADULT",
    "NA",
    "30",
    "INTERVENTIONAL",
    "",
    "",
    "2021-01",
    "2022-01",
    "Example Clinic, Cairo, Egypt",
]


def export(header, *rows, delimiter=","):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def test_todays_export_reads_every_row():
    text = export(TODAY, EXOSOMES, PLATELETS)
    assert detect_format(text) == "ctgov-csv"
    exosomes, platelets = ctgov_csv.parse(text)
    assert [i.value for i in exosomes.identifiers] == ["NCT09107805", "EX-AD-01"]
    assert exosomes.brief_title == "Umbilical Cord MSC Exosomes for Atopic Dermatitis"
    assert (exosomes.status, exosomes.phases, exosomes.enrollment) == ("RECRUITING", ("PHASE1", "PHASE2"), 48)
    assert (exosomes.start_date.iso(), exosomes.completion_date.iso()) == ("2025-03-01", "2026-06")
    assert exosomes.conditions_raw == ("Atopic Dermatitis", "Eczema")
    assert [(i.name, i.type) for i in exosomes.interventions] == [
        ("UC-MSC exosome gel", "BIOLOGICAL"),
        ("Vehicle gel", "OTHER"),
    ]
    assert [(o.name, o.role) for o in exosomes.organizations] == [
        ("Example Biotech Co.", "LEAD_SPONSOR"),
        ("Example University Hospital", "COLLABORATOR"),
    ]
    assert [(s.city, s.country) for s in exosomes.sites] == [("Seoul", "South Korea"), ("Boston", "United States")]
    assert (exosomes.allocation, exosomes.purpose, exosomes.sex) == ("RANDOMIZED", "TREATMENT", "ALL")
    result = classify(exosomes)
    assert (result.cell_sources, result.product_types, result.origins) == (
        ["Umbilical cord"],
        ["Extracellular vesicles"],
        ["Allogeneic"],
    )
    assert (platelets.phases, platelets.status, platelets.sites[0].country) == (("NA",), "COMPLETED", "Egypt")
    assert not classify(platelets).in_scope


def test_the_classic_sites_export_reads_too():
    header = [
        "Rank",
        "NCT Number",
        "Title",
        "Status",
        "Conditions",
        "Interventions",
        "Sponsor/Collaborators",
        "Gender",
        "Age",
        "Phases",
        "Enrollment",
        "Start Date",
        "Locations",
        "URL",
    ]
    row = [
        "1",
        "NCT09107809",
        "Autologous Melanocyte-Keratinocyte Transplantation in Stable Vitiligo",
        "Not yet recruiting",
        "Vitiligo",
        "Procedure: Non-cultured epidermal cell suspension",
        "Example University|Example Foundation",
        "All",
        "18 Years to 65 Years   (Adult, Older Adult)",
        "Phase 2",
        "24",
        "March 2025",
        "Example Hospital, Lyon, France",
        "https://ClinicalTrials.gov/show/NCT09107809",
    ]
    (record,) = ctgov_csv.parse(export(header, row))
    assert (record.status, record.phases, record.start_date.iso()) == ("NOT_YET_RECRUITING", ("PHASE2",), "2025-03")
    assert (record.min_age_years, record.max_age_years) == (18, 65)
    assert [(o.name, o.role) for o in record.organizations] == [
        ("Example University", "LEAD_SPONSOR"),
        ("Example Foundation", "COLLABORATOR"),
    ]
    assert record.interventions[0].type == "PROCEDURE"
    assert classify(record).cell_sources == ["Keratinocytes", "Melanocytes"]


def test_a_tsv_export_with_a_byte_order_mark_reads_the_same():
    text = "\ufeff" + export(TODAY, EXOSOMES, delimiter="\t")
    assert detect_format(text) == "ctgov-csv"
    assert ctgov_csv.parse(text)[0].brief_title == "Umbilical Cord MSC Exosomes for Atopic Dermatitis"


def test_a_table_that_does_not_name_the_nct_number_is_not_this_export():
    assert not ctgov_csv.detect("Title,Status,Conditions,Phases\nA trial,Recruiting,Vitiligo,Phase 2\n")
    assert not ctgov_csv.detect("NCT Number: NCT09107805\nStatus: Recruiting\n")


def test_the_split_gives_each_row_with_its_header_and_reports_a_bad_row_alone():
    broken = EXOSOMES[:5]  # a row cut short
    stream = io.BytesIO(export(TODAY, EXOSOMES, broken, PLATELETS).encode())
    pieces = list(ctgov_csv.split(stream, "results.csv"))
    assert [(name, error) for name, _, error in pieces] == [
        ("results.csv:row 2", ""),
        ("results.csv:row 3", "row 3 has 5 cells, the header names 20 columns"),
        ("results.csv:row 4", ""),
    ]
    assert [ctgov_csv.parse(raw.decode())[0].brief_title for _, raw, error in pieces if not error] == [
        "Umbilical Cord MSC Exosomes for Atopic Dermatitis",
        "Platelet-rich Plasma for Acne Scars",
    ]


def test_a_row_without_an_nct_number_is_refused_with_its_row():
    row = ["", *EXOSOMES[1:]]
    with pytest.raises(IngestError, match="row 2 names no NCT number"):
        ctgov_csv.parse(export(TODAY, row))


@pytest.mark.django_db
def test_the_ingest_command_stores_one_document_per_row(tmp_path, vocabularies):
    from io import StringIO

    from django.core.management import call_command

    from catalog.models import SourceDocument, Trial

    path = tmp_path / "ctg-studies.csv"
    path.write_text(export(TODAY, EXOSOMES, PLATELETS))
    out = StringIO()
    call_command("ingest", str(path), stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert lines[0].split()[:2] == ["created", "NCT09107805"]
    assert lines[-1] == "2 documents: 1 created, 0 updated, 0 unchanged, 1 out of scope, 0 failed"
    trial = Trial.objects.get(primary_id="NCT09107805")
    assert (trial.enrollment, trial.status) == (48, "RECRUITING")
    assert SourceDocument.objects.get(trial=trial).detected_format == "ctgov-csv"


def test_a_row_too_large_to_be_a_study_stops_the_split_with_its_row_named():
    giant = [*EXOSOMES[:4], "x" * (_csv.MAX_ROW_BYTES + 10), *EXOSOMES[5:]]
    pieces = list(ctgov_csv.split(io.BytesIO(export(TODAY, EXOSOMES, giant).encode()), "big.csv"))
    assert [name for name, _, _ in pieces] == ["big.csv:row 2", "big.csv:row 3"]
    assert pieces[1][2].startswith("row 3 cannot be read (field larger than field limit")


@pytest.mark.django_db
def test_a_curator_uploads_a_csv_download_and_sees_each_row(client, django_user_model, vocabularies):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(django_user_model.objects.create_superuser("curator", "c@example.org", "a-long-password-1"))
    csv_file = SimpleUploadedFile("ctg-studies.csv", export(TODAY, EXOSOMES, PLATELETS).encode())
    response = client.post(reverse("admin:catalog_sourcedocument_upload"), {"files": [csv_file]})
    assert response.status_code == 200
    rows = {result["file_name"]: result for result in response.context["results"]}
    assert rows["ctg-studies.csv:row 2"]["status"] == "created"
    assert rows["ctg-studies.csv:row 2"]["trial_id"] == "NCT09107805"
    assert rows["ctg-studies.csv:row 3"]["status"] == "skipped"


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("cp1252", ";"), ("utf-16", "\t"), ("utf-8-sig", ",")],
    ids=["excel-europe", "excel-unicode-text", "utf8-bom"],
)
def test_an_export_resaved_by_a_spreadsheet_splits_and_reads_the_same(encoding, delimiter):
    """Excel saves a CSV with semicolons where a comma is the decimal mark, in Windows-1252, or as
    "Unicode text" (UTF-16, tabs)."""
    row = [*EXOSOMES[:1], "Cellules souches de cordon ombilical pour l'eczéma", *EXOSOMES[2:]]
    raw = export(TODAY, row, PLATELETS, delimiter=delimiter).encode(encoding)
    pieces = list(ctgov_csv.split(io.BytesIO(raw), "resaved.csv"))
    assert [error for _, _, error in pieces] == ["", ""]
    first = ctgov_csv.parse(pieces[0][1].decode())[0]
    assert first.brief_title == "Cellules souches de cordon ombilical pour l'eczéma"
    assert first.conditions_raw == ("Atopic Dermatitis", "Eczema")


@pytest.mark.django_db
@pytest.mark.parametrize(("encoding", "delimiter"), [("cp1252", ";"), ("utf-16", "\t")])
def test_the_ingest_command_reads_a_spreadsheets_resaved_export(tmp_path, vocabularies, encoding, delimiter):
    from io import StringIO

    from django.core.management import call_command

    from catalog.models import Trial

    row = [*EXOSOMES[:1], "Cellules souches de cordon ombilical pour l'eczéma", *EXOSOMES[2:]]
    path = tmp_path / "resaved.csv"
    path.write_bytes(export(TODAY, row, delimiter=delimiter).encode(encoding))
    out = StringIO()
    call_command("ingest", str(path), stdout=out)
    assert out.getvalue().strip().splitlines()[-1].startswith("1 document: 1 created")
    assert Trial.objects.get(primary_id="NCT09107805").brief_title.endswith("pour l'eczéma")
