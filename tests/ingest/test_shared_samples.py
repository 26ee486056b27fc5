"""Against the team's real sample pages (../shared/samples, when present).

1. Layouts that cannot be tuned away: each sample's facts, as a careful reader found them, are
   printed by us in many layouts; the general reader must read the same record from every one
   (less what a cut at 2,000 bytes removed).
2. Accuracy floors: the ingest reads the tuned and the held-out sites (bench/accuracy.py's split)
   at least as well as measured when these floors were set, scope included. A change that reads
   worse fails; a better one raises the floors.
"""

import json
import sys
from pathlib import Path

import pytest

from catalog import choices
from ingest.formats.generic_page import read_page
from ingest.normalize.taxonomy import classify

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT.parent / "shared" / "samples"
pytestmark = pytest.mark.skipif(not (SAMPLES / "manifest.jsonl").exists(), reason="no ../shared/samples here")
sys.path.insert(0, str(ROOT))
accuracy = pytest.importorskip("bench.accuracy")

# The facts a page labels (cell source, product and origin are read from the text by the classifier).
LABELLED = [
    "registry_ids",
    "title",
    "status",
    "phase",
    "enrollment",
    "sponsor",
    "countries",
    "start_date",
    "conditions",
]
# The catalog's own words for each value, as a page prints them; a pair of phases as "Phase 1/Phase 2".
STATUS_WORDS = choices.STATUS
PHASE_WORDS = {
    **choices.PHASE,
    "PHASE1_PHASE2": f"{choices.PHASE['PHASE1']}/{choices.PHASE['PHASE2']}",
    "PHASE2_PHASE3": f"{choices.PHASE['PHASE2']}/{choices.PHASE['PHASE3']}",
}
LABEL_OF = {
    "title": "Title",
    "status": "Recruitment status",
    "phase": "Phase",
    "enrollment": "Enrollment",
    "sponsor": "Sponsor",
    "start_date": "Start date",
}
# A paragraph of our own between the fields, so that a cut at 2,000 bytes falls among them.
FILLER = (
    "This description was written for the test: it says what such a study does, in sentences "
    "long enough to be read as prose and never as the value of a field. " * 8
)


def manifest():
    if not (SAMPLES / "manifest.jsonl").exists():
        return []
    return [json.loads(line) for line in (SAMPLES / "manifest.jsonl").read_text().splitlines() if line.strip()]


def facts(expected: dict) -> list[tuple[str, str, list[str]]]:
    """(field, label, values) for each labelled fact the careful reader found."""
    rows = []
    ids = expected.get("registry_ids") or []
    if ids:
        rows.append(("registry_ids", "Registry ID", [ids[0]]))
    if len(ids) > 1:
        rows.append(("", "Secondary IDs", ["; ".join(ids[1:])]))
    for field in ("title", "status", "phase", "enrollment", "sponsor", "start_date"):
        value = expected.get(field)
        if value is None:
            continue
        value = {"status": STATUS_WORDS, "phase": PHASE_WORDS}.get(field, {}).get(value, value)
        rows.append((field, LABEL_OF[field], [str(value)]))
    rows.insert(len(rows) // 2, ("", "Description", [FILLER]))
    for field, label in (("conditions", "Conditions"), ("countries", "Countries")):
        if expected.get(field):
            rows.append((field, label, list(expected[field])))
    return rows


def _one_line(label, values, is_list):
    return f"{label}: {'; '.join(values)}"


def _above(label, values, is_list):
    return "\n".join([label, *(f"- {value}" if is_list else value for value in values)])


def _doubled(label, values, is_list):
    return "\n".join([label, *(f"- {value}" if is_list else f"{value} {value}" for value in values)])


def _dashes(label, values, is_list):
    return "\n".join(["-", label, "-", *(f"- {value}" if is_list else value for value in values)])


def _pipes(label, values, is_list):
    return f"| {label} | {'; '.join(values)} |"


def _markdown(label, values, is_list):
    if is_list:
        return "\n".join([f"**{label}:**", *(f"- {value}" for value in values)])
    return f"- **{label}:** {values[0]}"


def _dash(label, values, is_list):
    return f"{label} — {'; '.join(values)}"


def _qualified(label, values, is_list):
    return f"{label} (as registered): {'; '.join(values)}"


def _no_separator(label, values, is_list):
    return f"{label} {'; '.join(values)}"


def _question(label, values, is_list):
    return "\n".join([f"{label}?", *(f"- {value}" if is_list else value for value in values)])


def _equals(label, values, is_list):
    return f"{label} = {'; '.join(values)}"


def _dot_leaders(label, values, is_list):
    return f"{label} ........ {'; '.join(values)}"


def _quoted_pair(label, values, is_list):
    return f'"{label}": "{"; ".join(values)}",'


LAYOUTS = {
    "one line": _one_line,
    "dot leaders": _dot_leaders,
    "quoted field and value": _quoted_pair,
    "label asked as a question": _question,
    "equals sign": _equals,
    "dash between label and value": _dash,
    "label with a qualifier": _qualified,
    "no separator": _no_separator,
    "label above value": _above,
    "doubled values": _doubled,
    "dash-wrapped labels": _dashes,
    "pipe table": _pipes,
    "markdown bullets": _markdown,
}


def render(expected: dict, layout) -> tuple[str, list[tuple[str, int]]]:
    """The page text, and where each field's block ends in it."""
    parts, ends, length = ["Clinical study record"], [], len("Clinical study record") + 1
    for field, label, values in facts(expected):
        block = layout(label, values, field in ("conditions", "countries"))
        if label == "Description":
            block = f"{label}\n{values[0]}"
        elif label == "Secondary IDs":  # the registry ids' field: checked with the primary one
            block = f"{label}: {values[0]}"
        parts.append(block)
        length += len(block.encode()) + 1
        if field:
            ends.append((field, length))
    return "\n".join(parts) + "\nPatients in this trial are followed for a year.\n", ends


def read(text: str):
    record = read_page(text)
    return record, classify(record)


def samples_with_facts():
    for entry in manifest():
        if any(entry["expected"].get(field) not in (None, []) for field in LABELLED):
            yield pytest.param(entry, id=entry["file"])


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("entry", list(samples_with_facts()))
def test_every_layout_gives_the_same_record(entry, layout):
    text, _ = render(entry["expected"], LAYOUTS[layout])
    record, classification = read(text)
    wrong = {}
    for field, _label, _values in facts(entry["expected"]):
        if not field:
            continue
        expected = entry["expected"][field]
        got = accuracy.ours(field, record, classification)
        if not accuracy.right(field, expected, got):
            wrong[field] = (expected, got)
    assert not wrong, f"{layout}:\n{text}"


@pytest.mark.parametrize("entry", list(samples_with_facts()))
def test_a_page_cut_at_2000_bytes_keeps_what_came_before_the_cut(entry):
    text, ends = render(entry["expected"], _one_line)
    cut = text.encode()[:2000].decode(errors="ignore")
    record, classification = read(cut)
    for field, end in ends:
        got = accuracy.ours(field, record, classification)
        if end <= len(cut.encode()) - 1:  # the field's line is complete before the cut
            assert accuracy.right(field, entry["expected"][field], got), (field, got)
        elif field not in ("conditions", "registry_ids"):  # the title still names the condition
            assert got is None, (field, got)


# Measured when set (2026-12-05; tuned and invented the ninth session, the held-out floor and the
# tuned invented ceiling the thirteenth, the held-out floor again the fourteenth, the invented
# ceilings the sixteenth and the eighteenth, the tuned floor, the held-out precision and the tuned
# invented ceiling the twenty-first, the held-out invented ceiling the twenty-fourth, the held-out
# floor the thirtieth: 240 of 264); raise them as the readers improve, never lower them.
FLOORS = {"tuned": 98.0, "held-out": 90.9}
SCOPE_FLOORS = {"tuned": (99.5, 99.5), "held-out": (99.5, 97.0)}
INVENTED_CEILINGS = {"tuned": 0, "held-out": 3}  # values read where the page has none


@pytest.fixture(scope="module")
def tallies():
    parts = {"tuned": accuracy.Tally(), "held-out": accuracy.Tally()}
    for entry in manifest():
        part = "held-out" if accuracy.held_out(accuracy.site_of(entry.get("source", ""))) else "tuned"
        parts[part].add(entry, *accuracy.read(SAMPLES / entry["file"]), details=False)
    return parts


@pytest.mark.parametrize("part", sorted(FLOORS))
def test_accuracy_does_not_fall_below_its_floor(tallies, part):
    done, keyed = tallies[part].total()
    assert 100 * done / keyed >= FLOORS[part]
    recall, precision = tallies[part].scope_figures()
    assert recall >= SCOPE_FLOORS[part][0] and precision >= SCOPE_FLOORS[part][1]
    assert sum(tallies[part].invented.values()) <= INVENTED_CEILINGS[part]


def test_the_split_leaves_whole_sites_out(tallies):
    tuned, held = set(tallies["tuned"].by["site"]), set(tallies["held-out"].by["site"])
    assert tuned and held and not tuned & held
    assert tallies["held-out"].documents >= 30
