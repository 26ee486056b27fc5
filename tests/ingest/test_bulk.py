"""Bulk ingest: zips, JSON Lines, ICTRP exports; scope; merging across registries; reports."""

import copy
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from catalog.models import SourceDocument, Trial, TrialIdentifier

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "structured"


def vitiligo_study() -> dict:
    return json.loads((FIXTURES / "ctgov_study_vitiligo.json").read_text())


def study(nct: str, title: str, conditions: list[str], intervention: str, **status) -> dict:
    """A study in the API v2 shape, from the vitiligo fixture with its identity and subject changed."""
    data = vitiligo_study()
    ident = data["protocolSection"]["identificationModule"]
    ident.update(nctId=nct, briefTitle=title, officialTitle=title, orgStudyIdInfo={"id": f"SPONSOR-{nct[-5:]}"})
    ident.pop("secondaryIdInfos")
    ident.pop("acronym")
    data["protocolSection"]["conditionsModule"] = {"conditions": conditions}
    data["protocolSection"]["descriptionModule"] = {"briefSummary": title}
    data["protocolSection"]["armsInterventionsModule"] = {"interventions": [{"type": "OTHER", "name": intervention}]}
    data["protocolSection"]["statusModule"].update(status)
    data.pop("derivedSection")
    return data


IN_SCOPE = [
    study("NCT07000001", "Adipose stem cells for burn scars", ["Burn Scar"], "ADSC injection"),
    study("NCT07000002", "Exosomes for alopecia areata", ["Alopecia Areata"], "MSC exosomes"),
    study(
        "NCT07000003", "Keratinocyte sheets for diabetic foot ulcers", ["Diabetic Foot Ulcer"], "Cultured keratinocytes"
    ),
]
OUT_OF_SCOPE = [
    study("NCT07000004", "Statins after myocardial infarction", ["Myocardial Infarction"], "Atorvastatin"),
    study("NCT07000005", "Platelet-rich plasma for alopecia areata", ["Alopecia Areata"], "Platelet-rich plasma"),
]


def run(*args) -> tuple[str, str, str | None]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("ingest", *map(str, args), stdout=out, stderr=err)
        return out.getvalue(), err.getvalue(), None
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), str(exc)


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def bulk_zip(tmp_path) -> Path:
    members = {
        f"ctg-studies/{s['protocolSection']['identificationModule']['nctId']}.json": json.dumps(s).encode()
        for s in IN_SCOPE + OUT_OF_SCOPE
    }
    members["ctg-studies/broken.json"] = b'{"protocolSection": '
    members["../../etc/evil.json"] = json.dumps(IN_SCOPE[0]).encode()
    members["inner.zip"] = b"PK\x03\x04 nested"
    return make_zip(tmp_path / "ctg-studies.zip", members)


def test_bulk_zip_keeps_the_few_that_belong_and_reports_the_rest(tmp_path):
    out, err, failed = run(bulk_zip(tmp_path))
    assert failed == "3 documents failed (see above)"
    assert out.splitlines()[-1] == "8 documents: 3 created, 0 updated, 0 unchanged, 2 out of scope, 3 failed"
    assert sorted(Trial.objects.values_list("primary_id", flat=True)) == ["NCT07000001", "NCT07000002", "NCT07000003"]
    assert "skipped   NCT07000004" in out and "no skin, hair, nail or wound condition" in out
    assert "skipped   NCT07000005" in out and "no cell or cell-derived product" in out
    assert "broken.json: malformed JSON" in err
    assert "evil.json: unsafe member name" in err
    assert "inner.zip: nested archives are not read" in err
    quarantined = SourceDocument.objects.get(file_name__endswith="broken.json")
    assert quarantined.parse_status == "failed" and bytes(quarantined.raw) == b'{"protocolSection": '


def test_rerun_of_a_bulk_zip_changes_nothing(tmp_path):
    archive = bulk_zip(tmp_path)
    run(archive)
    before = sorted(SourceDocument.objects.values_list("sha256", "parse_status"))
    out, _, _ = run(archive)
    assert out.splitlines()[-1] == "8 documents: 0 created, 0 updated, 3 unchanged, 2 out of scope, 3 failed"
    assert sorted(SourceDocument.objects.values_list("sha256", "parse_status")) == before
    assert Trial.objects.count() == 3


def test_all_keeps_out_of_scope_records_marked(tmp_path):
    path = tmp_path / "studies.jsonl"
    path.write_text("\n".join(json.dumps(s) for s in OUT_OF_SCOPE) + "\n")
    run(path)
    assert Trial.objects.count() == 0
    out, _, failed = run("--all", path)
    assert failed is None
    assert out.splitlines()[-1].startswith("2 documents: 2 created")
    assert set(Trial.objects.values_list("primary_id", "in_scope")) == {("NCT07000004", False), ("NCT07000005", False)}


def test_json_lines_with_a_malformed_line_goes_on(tmp_path):
    path = tmp_path / "studies.jsonl"
    path.write_text(json.dumps(IN_SCOPE[0]) + "\n{oops\n" + json.dumps(IN_SCOPE[1]) + "\n")
    out, err, failed = run(path)
    assert "studies.jsonl:line 2: malformed JSON on line 2" in err
    assert out.splitlines()[-1] == "3 documents: 2 created, 0 updated, 0 unchanged, 0 out of scope, 1 failed"


def test_page_of_results_and_array(tmp_path):
    (tmp_path / "page.json").write_text(json.dumps({"studies": IN_SCOPE[:2], "nextPageToken": "t"}))
    (tmp_path / "array.json").write_text(json.dumps([IN_SCOPE[2]]))
    out, _, failed = run(tmp_path)
    assert failed is None
    assert Trial.objects.count() == 3


def test_legacy_xml_in_a_zip(tmp_path):
    xml = (FIXTURES / "legacy_epidermolysis.xml").read_bytes()
    out, _, failed = run(make_zip(tmp_path / "legacy.zip", {"NCT02999902.xml": xml}))
    assert failed is None
    trial = Trial.objects.get(primary_id="NCT02999902")
    assert list(trial.conditions.values_list("name", flat=True)) == ["Epidermolysis bullosa"]
    assert list(trial.cell_sources.values_list("name", flat=True)) == ["Bone marrow"]
    assert trial.identifiers.filter(registry="EUDRACT", value="2016-000123-45", kind="secondary").exists()


def test_ictrp_export_with_several_registries(tmp_path):
    out, _, failed = run(FIXTURES / "ictrp_export.xml")
    assert failed is None
    assert out.splitlines()[-1] == "5 documents: 4 created, 0 updated, 0 unchanged, 1 out of scope, 0 failed"
    assert set(TrialIdentifier.objects.filter(kind="primary").values_list("registry", flat=True)) == {
        "IRCT",
        "CHICTR",
        "EUDRACT",
        "NCT",
    }
    assert Trial.objects.get(primary_id="ChiCTR2400081234").status_raw == "Not Recruiting"


@pytest.mark.parametrize("order", ["registry first", "aggregator first"])
def test_a_trial_in_two_sources_is_one_trial_and_the_registry_wins(tmp_path, order):
    registry = FIXTURES / "ctgov_study_vitiligo.json"
    aggregator = FIXTURES / "ictrp_export.xml"
    for path in (registry, aggregator) if order == "registry first" else (aggregator, registry):
        run(path)
    trial = Trial.objects.get(primary_id="NCT06999901")
    assert Trial.objects.filter(identifiers__value="NCT06999901").count() == 1
    assert trial.source_documents.count() == 2
    assert (trial.enrollment, trial.status) == (40, "RECRUITING")  # ClinicalTrials.gov, not ICTRP's 36
    enrollment = next(item for item in trial.disagreements if item["field"] == "enrollment")
    assert {(value["value"], value["chosen"]) for value in enrollment["values"]} == {(40, True), (36, False)}
    # The registry's secondary id arrived with its record and stays searchable.
    assert trial.identifiers.filter(value="IRCT20240101000001N1", kind="secondary").exists()


def test_detail_page_lists_sources_and_disagreements(client, tmp_path):
    run(FIXTURES / "ctgov_study_vitiligo.json")
    run(FIXTURES / "ictrp_export.xml")
    html = client.get("/trials/NCT06999901/").content.decode()
    assert "Where the sources disagree" in html
    assert "ctgov-api-json (registry of record)" in html and "ictrp-xml (aggregator)" in html
    assert '40 <span class="qualifier">shown</span>' in html


def test_newer_record_beats_older_whatever_the_order(tmp_path):
    older = vitiligo_study()
    newer = copy.deepcopy(older)
    newer["protocolSection"]["statusModule"].update(
        overallStatus="ACTIVE_NOT_RECRUITING", lastUpdatePostDateStruct={"date": "2025-09-01", "type": "ACTUAL"}
    )
    newer["protocolSection"]["designModule"]["enrollmentInfo"] = {"count": 38, "type": "ACTUAL"}
    (tmp_path / "b-older.json").write_text(json.dumps(older))
    (tmp_path / "a-newer.json").write_text(json.dumps(newer))
    run(tmp_path)  # the newer file is read first
    trial = Trial.objects.get(primary_id="NCT06999901")
    assert (trial.status, trial.enrollment, trial.enrollment_type) == ("ACTIVE_NOT_RECRUITING", 38, "ACTUAL")
    assert trial.last_updated.isoformat() == "2025-09-01"


def test_a_field_is_never_blanked_by_a_newer_record(tmp_path):
    newer = vitiligo_study()
    newer["protocolSection"]["statusModule"]["lastUpdatePostDateStruct"] = {"date": "2025-10-01", "type": "ACTUAL"}
    del newer["protocolSection"]["outcomesModule"]
    newer["protocolSection"]["descriptionModule"].pop("detailedDescription")
    run(FIXTURES / "ctgov_study_vitiligo.json")
    (tmp_path / "newer.json").write_text(json.dumps(newer))
    run(tmp_path / "newer.json")
    trial = Trial.objects.get(primary_id="NCT06999901")
    assert trial.outcomes.count() == 2
    assert trial.detailed_description.startswith("Patients with stable non-segmental vitiligo")


def test_dry_run_stores_nothing(tmp_path):
    out, _, failed = run("--dry-run", FIXTURES / "ictrp_export.xml")
    assert failed is None and "(dry run: nothing was stored)" in out
    assert Trial.objects.count() == 0 and SourceDocument.objects.count() == 0


def test_report_file_says_what_happened_to_each_document(tmp_path):
    report = tmp_path / "report.json"
    run("--report", report, FIXTURES / "ictrp_export.xml")
    data = json.loads(report.read_text())
    assert data["counts"] == {"created": 4, "skipped": 1}
    by_trial = {entry["trial_id"]: entry for entry in data["documents"]}
    assert by_trial["ACTRN12620000123456"]["status"] == "skipped"
    assert by_trial["ACTRN12620000123456"]["reason"].startswith("out of scope")
    assert by_trial["IRCT20230101000002N3"]["format"] == "ictrp-xml"


def test_zip_bomb_member_is_refused(tmp_path):
    archive = make_zip(tmp_path / "bomb.zip", {"huge.json": b"0" * (20 * 1024 * 1024)})
    _, err, failed = run(archive)
    assert failed and "possible zip bomb" in err
    assert SourceDocument.objects.get().parse_status == "failed"


def test_a_broken_archive_is_reported_by_name(tmp_path):
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    _, err, failed = run(broken)
    assert failed and "broken.zip: not a readable zip archive" in err


def test_format_override_applies_to_bulk_files(tmp_path):
    path = tmp_path / "studies.txt"
    path.write_text(json.dumps(IN_SCOPE[0]) + "\n" + json.dumps(IN_SCOPE[1]) + "\n")
    _, _, failed = run("--format", "ctgov-api-json", path)
    assert failed is None and Trial.objects.count() == 2


def test_any_identifier_finds_the_trial(client, tmp_path):
    run(FIXTURES / "ctgov_study_vitiligo.json")
    for typed in ["IRCT20240101000001N1", "VIT-UC-2024", "nct06999901"]:
        assert client.get("/trials/", {"q": typed}).url == "/trials/NCT06999901/", typed


def test_new_trials_of_a_batch_are_written_together(tmp_path, django_assert_max_num_queries):
    """The bulk path: the queries for a batch of new trials do not grow with their number."""
    many = [study(f"NCT071{n:05d}", f"Adipose stem cells for keloid {n}", ["Keloid"], "ADSC") for n in range(40)]
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(json.dumps(s) for s in many) + "\n")
    with django_assert_max_num_queries(40):
        out, _, failed = run(path)
    assert failed is None
    assert out.splitlines()[-1].startswith("40 documents: 40 created")
    trial = Trial.objects.get(primary_id="NCT07100007")
    assert list(trial.conditions.values_list("name", flat=True)) == ["Keloid"]
    assert list(trial.cell_sources.values_list("name", flat=True)) == ["Adipose tissue"]
    assert trial.identifiers.filter(kind="sponsor", value="SPONSOR-00007").exists()
    assert trial.interventions.get().name == "ADSC"
    assert json.loads(bytes(trial.source_documents.get().raw))["protocolSection"]["identificationModule"]["nctId"] == (
        "NCT07100007"
    )
    assert Trial.objects.filter(search_vector="keloid").count() == 40


def test_skipping_unread_records_gives_what_reading_them_gives(tmp_path, monkeypatch):
    """The shortcut for records naming no condition changes no outcome, only the cost."""
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(json.dumps(s) for s in IN_SCOPE + OUT_OF_SCOPE) + "\n")
    report_fast, report_slow = tmp_path / "fast.json", tmp_path / "slow.json"
    run("--dry-run", "--report", report_fast, path)
    from ingest import pipeline

    monkeypatch.setattr(pipeline, "cannot_be_in_scope", lambda text, vocabulary=None: False)
    run("--dry-run", "--report", report_slow, path)

    def outcomes(report):
        return [
            (entry["status"], entry["trial_id"], entry["reason"])
            for entry in json.loads(report.read_text())["documents"]
        ]

    assert outcomes(report_fast) == outcomes(report_slow)
    assert ("skipped", "NCT07000004", "out of scope: no skin, hair, nail or wound condition") in outcomes(report_fast)


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_on_a_terminal_a_progress_line_replaces_the_per_document_lines(tmp_path):
    path = tmp_path / "studies.jsonl"
    path.write_text(json.dumps(IN_SCOPE[0]) + "\n{oops\n" + json.dumps(OUT_OF_SCOPE[0]) + "\n")
    out, err = Terminal(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(path), stdout=out, stderr=err)
    text = out.getvalue()
    assert "\r" in text and "documents ·" in text  # the progress line, redrawn in place
    assert "created   NCT07000001" not in text  # no line per document
    assert "studies.jsonl:line 2: malformed JSON" in err.getvalue()  # failures still print
    assert text.rstrip().splitlines()[-1] == "3 documents: 1 created, 0 updated, 0 unchanged, 1 out of scope, 1 failed"


def test_the_same_record_twice_in_one_file_is_one_trial(tmp_path):
    path = tmp_path / "twice.jsonl"
    line = json.dumps(IN_SCOPE[0])
    path.write_text(line + "\n" + json.dumps(IN_SCOPE[1]) + "\n" + line + "\n")
    out, _, failed = run(path)
    assert failed is None
    assert out.splitlines()[-1] == "3 documents: 2 created, 0 updated, 1 unchanged, 0 out of scope, 0 failed"
    assert Trial.objects.count() == 2


def test_the_worker_process_gives_what_the_main_process_gives(tmp_path, monkeypatch):
    """Batches with many studies to parse are parsed in a worker process: same outcome."""
    from ingest import pipeline

    studies = [study(f"NCT072{n:05d}", f"Adipose stem cells for keloid {n}", ["Keloid"], "ADSC") for n in range(6)]
    studies += OUT_OF_SCOPE
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(json.dumps(s) for s in studies) + "\n")
    report_main, report_worker = tmp_path / "main.json", tmp_path / "worker.json"
    run("--dry-run", "--report", report_main, path)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 1)
    calls = []
    real_pool = pipeline.multiprocessing.get_context

    def counting_context(method):
        calls.append(method)
        return real_pool(method)

    monkeypatch.setattr(pipeline.multiprocessing, "get_context", counting_context)
    out, _, failed = run("--report", report_worker, path)
    assert calls == ["fork"]  # the worker was used
    assert failed is None and out.splitlines()[-1].startswith("8 documents: 6 created")

    def outcomes(report):
        return [(e["status"], e["trial_id"], e["reason"]) for e in json.loads(report.read_text())["documents"]]

    assert outcomes(report_worker) == outcomes(report_main)
    trial = Trial.objects.get(primary_id="NCT07200003")
    assert list(trial.conditions.values_list("name", flat=True)) == ["Keloid"]
    assert list(trial.cell_sources.values_list("name", flat=True)) == ["Adipose tissue"]


def test_a_study_the_worker_cannot_read_is_quarantined_with_its_reason(tmp_path, monkeypatch):
    from ingest import pipeline

    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 1)
    bad = study("NCT07300001", "Adipose stem cells for keloid", ["Keloid"], "ADSC")
    bad["protocolSection"]["identificationModule"]["nctId"] = "NCT123"  # not a registry id
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(bad) + "\n" + json.dumps(IN_SCOPE[0]) + "\n")
    out, err, failed = run(path)
    assert failed and "bad.jsonl:line 1: the study has no valid nctId" in err
    assert out.splitlines()[-1] == "2 documents: 1 created, 0 updated, 0 unchanged, 0 out of scope, 1 failed"


def test_when_the_worker_fails_the_batch_is_parsed_in_the_main_process(tmp_path, monkeypatch):
    from ingest import pipeline

    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 1)

    class DeadWorker:
        def map_async(self, function, items, chunksize):
            class Result:
                def get(self):
                    raise OSError("worker killed")

            return Result()

        def terminate(self):
            pass

        def join(self):
            pass

    class Context:
        def Pool(self, *args):  # noqa: N802 - the multiprocessing name
            return DeadWorker()

    monkeypatch.setattr(pipeline.multiprocessing, "get_context", lambda method: Context())
    path = tmp_path / "studies.jsonl"
    path.write_text("\n".join(json.dumps(s) for s in IN_SCOPE) + "\n")
    out, _, failed = run(path)
    assert failed is None and out.splitlines()[-1].startswith("3 documents: 3 created")


@pytest.fixture
def ctgov_json(monkeypatch):
    """The JSON reader with small limits: a "large" file and a "giant" study without writing 300 MB."""
    from ingest.formats import ctgov_json

    monkeypatch.setattr(ctgov_json, "SMALL_FILE_BYTES", 1024)
    monkeypatch.setattr(ctgov_json, "MAX_STUDY_BYTES", 64 * 1024)
    return ctgov_json


def assert_quarantined_head(name_end: str, limit: int):
    """The refused study is in quarantine as a bounded head of its bytes."""
    kept = SourceDocument.objects.get(file_name__endswith=name_end)
    assert kept.parse_status == "failed" and 0 < len(bytes(kept.raw)) <= limit


def test_a_giant_single_study_is_refused_unread_and_the_batch_goes_on(tmp_path, ctgov_json):
    giant = dict(IN_SCOPE[0])
    giant["protocolSection"] = {**giant["protocolSection"], "padding": "x" * 200_000}
    (tmp_path / "giant.json").write_text(json.dumps(giant))
    (tmp_path / "small.json").write_text(json.dumps(IN_SCOPE[1]))
    out, err, failed = run(tmp_path)
    assert failed == "1 document failed (see above)"
    assert "giant.json: a single study of" in err and "not read" in err
    assert "created   " + IN_SCOPE[1]["protocolSection"]["identificationModule"]["nctId"] in out
    assert_quarantined_head("giant.json", ctgov_json.OVERSIZE_KEPT_BYTES)


def test_a_giant_line_of_json_lines_is_refused_unread_and_the_others_are_read(tmp_path, ctgov_json):
    giant = dict(IN_SCOPE[1])
    giant["protocolSection"] = {**giant["protocolSection"], "padding": "x" * 300_000}
    path = tmp_path / "studies.jsonl"
    path.write_text("\n".join(json.dumps(s) for s in (IN_SCOPE[0], giant, IN_SCOPE[2])) + "\n")
    out, err, failed = run(path)
    assert failed == "1 document failed (see above)"
    assert "studies.jsonl:line 2: a study of 3" in err and "not read" in err
    for study in (IN_SCOPE[0], IN_SCOPE[2]):
        assert "created   " + study["protocolSection"]["identificationModule"]["nctId"] in out
    assert_quarantined_head("line 2", ctgov_json.OVERSIZE_KEPT_BYTES)


@pytest.mark.parametrize("shape", ["array", "page"])
def test_a_giant_study_inside_a_bulk_file_stops_the_reading_before_it_is_built(tmp_path, ctgov_json, shape):
    giant = dict(IN_SCOPE[1])
    # One giant value: read without a single parse event, it must still be stopped.
    giant["protocolSection"] = {**giant["protocolSection"], "padding": "x" * 300_000}
    studies = [IN_SCOPE[0], giant, IN_SCOPE[2]]
    path = tmp_path / "bulk.json"
    path.write_text(json.dumps(studies if shape == "array" else {"studies": studies}))
    out, err, failed = run(path)
    assert failed == "1 document failed (see above)"
    assert "bulk.json#2: study 2 is over 65,536 bytes" in err and "the 1 studies before it are read" in err
    assert "created   " + IN_SCOPE[0]["protocolSection"]["identificationModule"]["nctId"] in out
    assert_quarantined_head("bulk.json#2", ctgov_json.OVERSIZE_KEPT_BYTES)
