"""ISRCTN registry trial pages, as text.

The page opens with "ISRCTN ISRCTN12345678", then its fields: a label on its own line and the
value on the next ("Overall study status" / "Completed"), or label and value on one line for the
secondary numbers. Two statuses are given: recruitment, and the overall study status, which is
the trial's. A page cut part-way keeps what is complete: its unfinished last line is dropped.
"""

import re

from ingest.errors import IngestError
from ingest.formats._common import (
    complete_lines,
    enrollment_in_narrative,
    first_given,
    identifiers_from,
    paragraph,
    parse_count,
)
from ingest.normalize import enums
from ingest.normalize.identifiers import parse_identifier
from ingest.record import TrialRecord

FORMAT = "isrctn-page"
SOURCE_KIND = "registry"
# An overlay on the general page reader: it fills what this reader leaves empty (ingest/read.py).
GENERAL_READER_FILLS = True

LABELS = {
    "Submission date",
    "Registration date",
    "Last edited",
    "Recruitment status",
    "Overall study status",
    "Condition category",
    "Plain English summary of protocol",
    "Study website",
    "Scientific title",
    "Acronym",
    "Study objectives",
    "Study design",
    "Primary study design",
    "Condition",
    "Intervention",
    "Intervention type",
    "Phase",
    "Target number of participants",
    "Participant inclusion criteria",
    "Participant exclusion criteria",
    "Sponsor information",
    "Organisation",
}
_SECONDARY = re.compile(r"^Secondary identifying numbers\s+(?P<value>.+)$")


def detect(text: str) -> bool:
    return bool(re.match(r"\s*ISRCTN\s+ISRCTN\d{8}\b", text)) and "Overall study status" in text[:4000]


def _fields(text: str) -> tuple[dict[str, list[str]], list[str]]:
    lines = complete_lines(text, keep_sentences=True)
    fields: dict[str, list[str]] = {}
    secondary: list[str] = []
    current: list[str] | None = None
    for raw in lines[1:]:
        line = raw.strip()
        if not line:
            continue
        match = _SECONDARY.match(line)
        if match:
            secondary.append(match["value"].strip())
            current = None
        elif line in LABELS:
            current = fields.setdefault(line, [])
        elif current is not None:
            current.append(line)
    return fields, secondary


_NOT_GIVEN = {"", "n/a", "not applicable", "nil known"}


def _value(fields: dict[str, list[str]], label: str) -> str:
    return first_given(fields.get(label), _NOT_GIVEN)


def parse(text: str) -> list[TrialRecord]:
    if not detect(text):
        raise IngestError("not an ISRCTN trial page")
    primary = parse_identifier(text.lstrip().splitlines()[0].removeprefix("ISRCTN").strip())
    if not primary or primary[0] != "ISRCTN":
        raise IngestError("the page names no complete ISRCTN number of its own")
    fields, secondary = _fields(text)
    status_raw = _value(fields, "Overall study status") or _value(fields, "Recruitment status")
    summary = paragraph(fields.get("Plain English summary of protocol", []))
    return [
        TrialRecord(
            source_format=FORMAT,
            identifiers=identifiers_from(primary, secondary),
            official_title=_value(fields, "Scientific title"),
            acronym=_value(fields, "Acronym"),
            brief_summary=summary,
            conditions_raw=tuple(fields.get("Condition", [])[:1]),
            phases=enums.phases(_value(fields, "Phase")),
            status=enums.status(status_raw) if status_raw else "",
            status_raw=status_raw,
            enrollment=parse_count(_value(fields, "Target number of participants")) or enrollment_in_narrative(summary),
            inclusion_criteria=paragraph(fields.get("Participant inclusion criteria", [])),
            exclusion_criteria=paragraph(fields.get("Participant exclusion criteria", [])),
        )
    ]
