"""python manage.py ingest: one line per document, a summary, non-zero exit when any failed."""

import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def run_ingest(*paths):
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("ingest", *map(str, paths), stdout=out, stderr=err)
        failed = None
    except CommandError as exc:
        failed = str(exc)
    return out.getvalue(), err.getvalue(), failed


def test_ingest_prints_a_line_per_document_and_a_summary(tmp_path, seed_paths):
    for path in seed_paths:
        shutil.copy(path, tmp_path / path.name)
    out, err, failed = run_ingest(tmp_path)
    lines = out.strip().splitlines()
    assert failed is None and err == ""
    assert len(lines) == 6
    assert lines[0].split()[:2] == ["created", "NCT06911281"]
    assert lines[-1] == "5 documents: 5 created, 0 updated, 0 unchanged, 0 out of scope, 0 failed"


def test_second_run_reports_unchanged(tmp_path, seed_paths):
    shutil.copy(seed_paths[0], tmp_path / seed_paths[0].name)
    run_ingest(tmp_path)
    out, _, failed = run_ingest(tmp_path)
    assert failed is None
    assert out.splitlines()[0].startswith("unchanged NCT06911281")
    assert out.splitlines()[-1] == "1 document: 0 created, 0 updated, 1 unchanged, 0 out of scope, 0 failed"


def test_failed_document_is_named_with_its_reason_and_exit_is_non_zero(tmp_path, seed_paths):
    shutil.copy(seed_paths[1], tmp_path / "good.txt")
    (tmp_path / "notes.txt").write_text("shopping list: milk, eggs\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    out, err, failed = run_ingest(tmp_path)
    assert failed == "2 documents failed (see above)"
    assert "empty.txt: the file is empty" in err
    assert "notes.txt: not a registry document this ingest can read" in err
    assert "created   NCT03765957" in out
    assert out.splitlines()[-1] == "3 documents: 1 created, 0 updated, 0 unchanged, 0 out of scope, 2 failed"


def test_missing_path_is_an_error(tmp_path):
    _, _, failed = run_ingest(tmp_path / "nope")
    assert failed and "no such file or folder" in failed


def test_format_option_overrides_detection(tmp_path, seed_paths):
    shutil.copy(seed_paths[1], tmp_path / "veeva.txt")
    out, _, _ = run_ingest("--format", "irct-page", tmp_path / "veeva.txt")
    # Read as an IRCT page, the Veeva page has no IRCT number: its prose is kept as a draft, no trial made.
    assert "no complete IRCT registration number" in out and "0 created" in out


def test_a_damaged_member_loses_no_healthy_one_and_every_refusal_has_its_own_row(tmp_path, seed_paths, vocabularies):
    import zipfile

    from catalog.models import SourceDocument

    archive = tmp_path / "batch.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zipped:
        zipped.writestr("damaged.txt", "A page whose bytes will be damaged in the archive. " * 20)
        zipped.writestr("healthy.txt", seed_paths[1].read_bytes())
        zipped.writestr("../outside-one.txt", "one page that points outside")
        zipped.writestr("../outside-two.txt", "another page that points outside")
    data = bytearray(archive.read_bytes())
    at = data.index(b"A page whose bytes")
    data[at : at + 6] = b"XXXXXX"  # the stored bytes no longer match the member's CRC
    archive.write_bytes(bytes(data))

    out, err, failed = run_ingest(archive)
    assert "created   NCT03765957" in out  # the healthy member of the same batch
    assert failed == "3 documents failed (see above)"
    assert "damaged archive member" in err and "Bad CRC-32" in err
    refused = SourceDocument.objects.filter(parse_status="failed")
    assert sorted(document.file_name.rsplit("/", 1)[-1] for document in refused) == [
        "damaged.txt",
        "outside-one.txt",
        "outside-two.txt",
    ]
    assert len({document.sha256 for document in refused}) == 3  # no refusal overwrites another
    assert all(bytes(document.raw) for document in refused)  # each keeps what could be read of it


def test_a_registry_record_saved_as_a_large_pdf_is_ingested(tmp_path, vocabularies):
    """Past the first 256 KB the pipeline looks at to tell a format: a PDF is read whole."""
    from catalog.models import SourceDocument, Trial
    from tests.pdf_pages import pdf_with_rows

    rows = [
        [(50, "NCT09100151")],
        [(50, "Umbilical cord mesenchymal stem cells for diabetic foot ulcers")],
        [(50, "Recruitment status"), (250, "Recruiting")],
        [(50, "Conditions"), (250, "Diabetic Foot Ulcer")],
        [(50, "Intervention"), (250, "Biological: umbilical cord MSCs")],
    ]
    (tmp_path / "record.pdf").write_bytes(pdf_with_rows(rows, padding=300_000))
    out, err, failed = run_ingest(tmp_path)
    assert failed is None, (out, err)
    trial = Trial.objects.get(primary_id="NCT09100151")
    assert trial.status == "RECRUITING"
    assert SourceDocument.objects.get(trial=trial).file_name.endswith("record.pdf")
