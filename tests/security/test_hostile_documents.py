"""Hostile documents: refused with an error naming the file, quarantined with their bytes,
and nothing stored before is changed."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from catalog.models import SourceDocument, Trial

pytestmark = pytest.mark.django_db
SEEDS = Path(__file__).resolve().parents[2] / "sample_data" / "seeds"


def study(nct: str, title: str) -> dict:
    return {
        "protocolSection": {
            "identificationModule": {"nctId": nct, "briefTitle": title},
            "conditionsModule": {"conditions": ["Vitiligo"]},
            "armsInterventionsModule": {"interventions": [{"type": "BIOLOGICAL", "name": "UC-MSC"}]},
        }
    }


def ingest(*paths) -> str:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="failed"):
        call_command("ingest", *map(str, paths), stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def catalog_state() -> list:
    return list(Trial.objects.order_by("primary_id").values_list("primary_id", "brief_title", "status", "updated_at"))


def zip_with(path, members: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_path_traversal_names_in_an_archive_are_refused(seeded, tmp_path):
    before = catalog_state()
    good = json.dumps(study("NCT09999981", "Umbilical cord cells for vitiligo")).encode()
    archive = zip_with(tmp_path / "evil.zip", {"../../etc/cron.d/evil.json": good, "/abs/evil.json": good})
    output = ingest(archive)
    assert output.count("unsafe member name (it points outside the archive)") == 2
    assert "evil.zip/../../etc/cron.d/evil.json" in output
    assert catalog_state() == before
    assert not (tmp_path.parent.parent / "etc").exists()


def test_deeply_nested_json_is_refused(seeded, tmp_path):
    before = catalog_state()
    path = tmp_path / "deep.json"
    path.write_text('{"protocolSection": ' + "[" * 100_000 + "]" * 100_000 + "}")
    output = ingest(path)
    assert "deep.json: the JSON nests too deeply to read" in output
    document = SourceDocument.objects.get(file_name=str(path))
    assert document.parse_status == "failed" and bytes(document.raw) == path.read_bytes()
    assert catalog_state() == before


def test_enormous_fields_are_refused_by_name(seeded, tmp_path):
    before = catalog_state()
    huge_title = tmp_path / "huge-title.json"
    huge_title.write_text(json.dumps(study("NCT09999982", "Stem cells for vitiligo " + "x" * 3_000_000)))
    many_sites = study("NCT09999983", "Stem cells for vitiligo")
    many_sites["protocolSection"]["contactsLocationsModule"] = {
        "locations": [{"facility": f"Site {n}", "country": "Iran"} for n in range(25_000)]
    }
    huge_list = tmp_path / "many-sites.json"
    huge_list.write_text(json.dumps(many_sites))
    output = ingest(huge_title, huge_list)
    assert "huge-title.json: the field brief_title is 3,000,024 characters long; the limit is 5,000" in output
    assert "many-sites.json: the field sites has 25,000 entries; the limit is 20,000" in output
    assert SourceDocument.objects.filter(parse_status="failed").count() == 2
    assert catalog_state() == before


def test_xml_entity_expansion_is_refused_through_the_ingest(seeded, tmp_path):
    before = catalog_state()
    path = tmp_path / "bomb.xml"
    entities = "".join(f'<!ENTITY e{n} "&e{n - 1};&e{n - 1};&e{n - 1};&e{n - 1};">' for n in range(1, 12))
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE clinical_study [<!ENTITY e0 "lol">{entities}]>'
        "<clinical_study><brief_title>&e11;</brief_title></clinical_study>"
    )
    output = ingest(path)
    assert "bomb.xml" in output and "refused unsafe XML" in output
    assert catalog_state() == before


def test_bounds_name_the_nested_field():
    from ingest.errors import IngestError
    from ingest.record import Arm, Identifier, TrialRecord, check_bounds

    record = TrialRecord(
        source_format="test",
        identifiers=(Identifier("NCT", "NCT09999984"),),
        arms=(Arm("A"), Arm("B", description="y" * 200_001)),
    )
    with pytest.raises(IngestError, match=r"the field arms\[1\]\.description is 200,001 characters long"):
        check_bounds(record)
    check_bounds(TrialRecord(source_format="test", identifiers=(Identifier("NCT", "NCT09999985"),)))


def test_a_200_mb_file_is_refused_without_being_read(seeded, tmp_path):
    """Sparse files: 200 MB on paper, nothing on disk; the ingest reads only their first part."""
    before = catalog_state()
    seed = sorted((SEEDS).glob("*.txt"))[1].read_bytes()  # a Veeva page
    page = tmp_path / "enormous-page.txt"
    noise = tmp_path / "enormous-noise.txt"
    for path, head in ((page, seed), (noise, b"just words, no registry page\n" * 1000)):
        with path.open("wb") as handle:
            handle.write(head + b"\n" * (300 * 1024))
            handle.truncate(200 * 1024 * 1024)
    output = ingest(page, noise)
    assert "enormous-page.txt: the file is 209,715,200 bytes, larger than any registry page" in output
    assert "enormous-noise.txt: not a registry document" in output and "its first 256 KB are kept" in output
    kept = SourceDocument.objects.filter(parse_status="failed")
    assert kept.count() == 2 and all(document.size == 256 * 1024 for document in kept)
    assert catalog_state() == before
