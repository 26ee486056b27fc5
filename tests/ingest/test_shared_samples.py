"""Against the team's real sample pages (../shared/samples, when present): every in-scope trial
the ingest can read gets its condition and its cell source right."""

import json
from pathlib import Path

import pytest

from ingest.detect import detect_format, parser_for
from ingest.errors import IngestError
from ingest.normalize.taxonomy import classify
from ingest.record import Identifier, TrialRecord
from ingest.text import decode_document

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
pytestmark = pytest.mark.skipif(not (SAMPLES / "manifest.jsonl").exists(), reason="no ../shared/samples here")


def manifest():
    if not (SAMPLES / "manifest.jsonl").exists():
        return []
    return [json.loads(line) for line in (SAMPLES / "manifest.jsonl").read_text().splitlines() if line.strip()]


def canonical(**fields):
    """What the vocabulary calls the careful reader's own words."""
    return classify(TrialRecord(source_format="test", identifiers=(Identifier("NCT", "NCT00000001"),), **fields))


def readable_in_scope_samples():
    for entry in manifest():
        expected = entry["expected"]
        if not expected["conditions"] or not (expected["cell_source"] or expected["product_type"]):
            continue
        try:
            text = decode_document((SAMPLES / entry["file"]).read_bytes())
            record = parser_for(detect_format(text)).parse(text)[0]
        except IngestError:
            continue  # a site this ingest does not read yet
        yield pytest.param(entry, record, id=entry["file"])


@pytest.mark.parametrize("entry, record", list(readable_in_scope_samples()))
def test_condition_and_cell_source_are_right(entry, record):
    expected = entry["expected"]
    if expected["product_type"] == "other" and not expected["cell_source"]:
        # A control outside regenerative dermatology (platelet-rich plasma): it must stay out.
        assert not classify(record).in_scope
        return
    result = classify(record)
    wanted_conditions = canonical(conditions_raw=tuple(expected["conditions"])).conditions
    assert wanted_conditions, f"the vocabulary does not know {expected['conditions']}"
    assert set(wanted_conditions) <= set(result.conditions)
    wanted_sources = canonical(brief_title=expected["cell_source"] or "").cell_sources
    assert result.cell_sources == wanted_sources
    assert result.in_scope


def test_enough_samples_are_checked():
    assert len(list(readable_in_scope_samples())) >= 8
