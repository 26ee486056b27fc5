"""Chinese Clinical Trial Registry (ChiCTR) trial pages, as text.

Every label comes in Chinese, then in English, each on its own line ("注册号:" then
"Registration number:"), and bilingual values likewise, the Chinese before the English; the
English label is followed by the English value. A page cut part-way keeps what is complete: its
unfinished last line is dropped.
"""

import re

from ingest.errors import IngestError, MissingIdentifierError
from ingest.formats._common import complete_lines, first_given, paragraph, parse_count
from ingest.normalize import enums
from ingest.normalize.identifiers import parse_identifier
from ingest.record import PRIMARY, Identifier, TrialRecord

FORMAT = "chictr-page"
SOURCE_KIND = "registry"
# An overlay on the general page reader: it fills what this reader leaves empty (ingest/read.py).
GENERAL_READER_FILLS = True

_CJK = re.compile(r"[\u3400-\u9fff]")


def detect(text: str) -> bool:
    head = text[:3000]
    return bool(re.search(r"^Registration number:\s*$", head, re.M) and re.search(r"ChiCTR\d{10}", head)) and bool(
        _CJK.search(head)
    )


def _is_label(line: str) -> bool:
    return line.endswith((":", "：")) or line.endswith(": ")


def _english_fields(text: str) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in complete_lines(text):
        # (a page saved as HTML: each cell closed by a "|" on its own line or after its last line)
        line = raw.strip().removesuffix("|").strip()
        if not line:
            continue
        if _is_label(line):
            # An English label opens a field; a Chinese one closes the previous field.
            current = None if _CJK.search(line) else fields.setdefault(line.rstrip(":： ").strip(), [])
        elif current is not None and not _CJK.search(line):
            current.append(line)
    return fields


def _value(fields: dict[str, list[str]], label: str) -> str:
    return first_given(fields.get(label))


def parse(text: str) -> list[TrialRecord]:
    if not detect(text):
        raise IngestError("not a ChiCTR trial page")
    fields = _english_fields(text)
    primary = parse_identifier(_value(fields, "Registration number"))
    if primary and primary[0] != "CHICTR":
        primary = None
    status_raw = _value(fields, "Recruiting status")
    record = TrialRecord(
        source_format=FORMAT,
        identifiers=(Identifier(primary[0], primary[1], PRIMARY),) if primary else (),
        brief_title=_value(fields, "Public title"),
        official_title=_value(fields, "Scientific title"),
        acronym=_value(fields, "English Acronym"),
        conditions_raw=tuple(fields.get("Target disease", [])[:1]),
        phases=enums.phases(_value(fields, "Study phase")),
        study_type=enums.study_type(_value(fields, "Study type")),
        status=enums.status(status_raw) if status_raw else "",
        status_raw=status_raw,
        enrollment=parse_count(_value(fields, "Sample size")),
        brief_summary=paragraph(fields.get("Objectives of Study", [])),
    )
    if not primary:
        raise MissingIdentifierError("the page names no complete ChiCTR registration number of its own", record)
    return [record]
