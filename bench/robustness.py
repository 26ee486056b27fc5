"""How the ingest reads the tuned sample pages when they reach us a little differently.

    .venv/bin/python bench/robustness.py              # keyed values right, per transformation
    .venv/bin/python bench/robustness.py indent       # and the pages that lost values under one

Each tuned page of ../shared/samples/ (never a held-out one: bench/accuracy.py's split) is read
as it is and after one transformation a copy or a save may make: Windows line ends, blank lines
dropped or doubled, every line indented, a site's menu and cookie banner above it, labels joined
to the value under them ("Label: value"), no-break spaces, tabs, labels in Markdown bold or as
headings or in capitals, each line a paragraph of a saved HTML page, the breaks between labels and
values lost (a scraper's "StatusRecruitingPhasePhase 2"). A transformation that loses
values shows a reader that depends on the page's exact shape. ("Label: value" joins a section's
name to its first line too, so a few of its losses are the transformation's, not the reader's.)
"""

import html
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import accuracy  # noqa: E402
from ingest.errors import IngestError, MissingIdentifierError  # noqa: E402
from ingest.normalize.taxonomy import classify  # noqa: E402
from ingest.pages.labels import LABELS, label_key  # noqa: E402
from ingest.read import read_document  # noqa: E402

SITE_CHROME = "Skip to main content\nHome\nAbout\nSearch trials\nWe use cookies on this site. Accept\n"


def _known_label(line: str) -> bool:
    return label_key(line) in LABELS


def labels_beside_values(text: str, is_label=_known_label) -> str:
    """The page with each label joined to the value on the line under it ("Label: value")."""
    lines, out, index = text.splitlines(), [], 0
    while index < len(lines):
        here = lines[index].strip()
        below = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if is_label(here) and below and not is_label(below):
            value = below[2:] if below.startswith("- ") and here.startswith("- ") else below
            out.append(f"{here.rstrip(':')}: {value}")
            index += 2
        else:
            out.append(lines[index])
            index += 1
    return "\n".join(out) + "\n"


def _breaks_lost(text: str) -> str:
    """The page as a scraper that drops the breaks between cells gives it: each label glued to the
    value under it, and a run of such fields glued into one line ("StatusRecruitingPhasePhase 2")."""
    out: list[str] = []
    glued = False  # the last line out is a run of glued fields
    for line in labels_beside_values(text).splitlines():
        label, colon, value = line.partition(": ")
        if colon and _known_label(label) and value.strip():
            field = f"{label.strip().lstrip('-*• ')}{value.strip()}"  # (no list marks: a scraper drops them)
            if glued:
                out[-1] += field
            else:
                out.append(field)
            glued = True
        else:
            out.append(line)
            glued = False
    return "\n".join(out) + "\n"


def _marked_labels(mark: str):
    def transform(text: str) -> str:
        lines = text.splitlines()
        return "\n".join(mark.format(line.strip()) if _known_label(line.strip()) else line for line in lines) + "\n"

    return transform


def _labels_upper(text: str) -> str:
    return "\n".join(line.upper() if _known_label(line.strip()) else line for line in text.splitlines()) + "\n"


def _saved_as_html(text: str) -> str:
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return f"<!doctype html><html><head><title>Saved</title></head><body>{body}</body></html>"


TRANSFORMATIONS = {
    "as it is": lambda text: text,
    "CRLF": lambda text: text.replace("\n", "\r\n"),
    "no blank lines": lambda text: "\n".join(line for line in text.splitlines() if line.strip()) + "\n",
    "blank lines doubled": lambda text: "\n\n".join(text.splitlines()) + "\n",
    "indented": lambda text: "\n".join("    " + line for line in text.splitlines()) + "\n",
    "site chrome above": lambda text: SITE_CHROME + text,
    "Label: value": labels_beside_values,
    "no-break spaces": lambda text: text.replace(" ", "\u00a0", 200),
    "tabs": lambda text: text.replace("    ", "\t"),
    "labels in bold": _marked_labels("**{}**"),
    "labels as headings": _marked_labels("### {}"),
    "labels in capitals": _labels_upper,
    "saved as HTML": _saved_as_html,
    "cells run together": _breaks_lost,
}


def keyed_right(text: str, entry: dict) -> tuple[int, list[str]]:
    try:
        record = read_document(text.encode())[0]
    except MissingIdentifierError as refused:
        record = refused.record
    except IngestError:
        return 0, ["(unread)"]
    classification = classify(record)
    right, wrong = 0, []
    for field in accuracy.FIELDS:
        expected = entry["expected"].get(field)
        if expected in (None, [], ""):
            continue
        if accuracy.right(field, expected, accuracy.ours(field, record, classification)):
            right += 1
        else:
            wrong.append(field)
    return right, wrong


def main() -> None:
    shown = sys.argv[1] if len(sys.argv) > 1 else ""
    entries = [json.loads(line) for line in (accuracy.SAMPLES / "manifest.jsonl").read_text().splitlines() if line]
    entries = [
        entry
        for entry in entries
        if entry.get("expected")
        and entry["file"].startswith("pages/")
        and not accuracy.held_out(accuracy.site_of(entry.get("source", "")))
    ]
    totals = dict.fromkeys(TRANSFORMATIONS, 0)
    losses: dict[str, list[str]] = {name: [] for name in TRANSFORMATIONS}
    for entry in entries:
        text = (accuracy.SAMPLES / entry["file"]).read_text(errors="replace")
        base, _ = keyed_right(text, entry)
        for name, transform in TRANSFORMATIONS.items():
            right, wrong = keyed_right(transform(text), entry)
            totals[name] += right
            if right < base:
                losses[name].append(f"{entry['file']}: {base - right} lost ({', '.join(wrong)} wrong)")
    print(f"Tuned pages ({len(entries)}), keyed values right after each transformation:")
    for name in TRANSFORMATIONS:
        print(f"  {name:22} {totals[name]:5}   pages losing values: {len(losses[name])}")
    for line in losses.get(shown, []):
        print("   ", line)


if __name__ == "__main__":
    main()
