"""EU Clinical Trials Register (clinicaltrialsregister.eu) protocol page, as text.

A header of "Label: value" lines (EudraCT number, trial status, the date the record was entered),
then the protocol as numbered rows: a section code ("A.3", "E.7.1"), its label, its value, as
table cells or one a line. Each page is one member state's record of the trial; the trial itself
is known by its EudraCT number. The phase is the "Yes" among the E.7 rows; the planned size is
F.4.2.2 (the whole trial, not one country).
"""

import re
from dataclasses import fields

from ingest.errors import IngestError, MissingIdentifierError
from ingest.formats._common import complete_lines, first_given, identifiers_from, table_cells
from ingest.normalize import enums
from ingest.normalize.countries import normalize_country
from ingest.normalize.dates import parse_partial_date
from ingest.normalize.identifiers import parse_identifier
from ingest.record import Intervention, Organization, Site, TrialRecord

FORMAT = "euctr-page"
SOURCE_KIND = "registry"
# An overlay on the general page reader: it fills what this reader leaves empty (ingest/read.py),
# but for the title: the register's is its A.3 rows, and a copy cut above them has none (the
# general reader would take a criterion or a condition's description for it).
GENERAL_READER_FILLS = frozenset(item.name for item in fields(TrialRecord)) - {
    "brief_title",
    "official_title",
    "acronym",
}

_CODE = re.compile(r"^([A-P](?:\.\d+)+)\.?(?:\s+(.*))?$")
_SECTION = re.compile(r"^[A-P]\.\s+[A-Z]")  # "E. General Information on the Trial"
_HEADER = {
    "eudract number": "eudract",
    "sponsor's protocol code number": "protocol_code",
    "trial status": "status",
    "date on which this record was first entered in the eudract database": "entered",
    # A copy that kept the labels but lost the section codes ("Full title of the trial: ...")
    "full title of the trial": "title",
    "member state concerned": "member_state",
    # the member state whose authority this copy of the record is from ("Spain - AEMPS")
    "national competent authority": "member_state",
}
_PHASE_ROWS = {"E.7.1": "PHASE1", "E.7.2": "PHASE2", "E.7.3": "PHASE3", "E.7.4": "PHASE4"}
_STATUS = {  # the register's words, where they differ from ClinicalTrials.gov's
    "ongoing": "UNKNOWN",  # authorised and running: nothing said of recruitment
    "restarted": "UNKNOWN",
    "not authorised": "WITHDRAWN",
    "trial now transitioned": "UNKNOWN",
}


# A protocol row: its code, then its label in the next cell or after a space ("E.1.1 | Medical
# condition(s) being investigated |", "E.7.2 Therapeutic exploratory (Phase II)").
_CODED_ROW = re.compile(r"^[ \t]*[A-P](?:\.\d+){2,4}\.?[ \t]*(?:\||\t| [A-Z])", re.M)


def detect(text: str) -> bool:
    head = text[:5000]
    if re.search(r"EudraCT Number", head, re.I) and re.search(
        r"Full title of the trial|clinicaltrialsregister|A\.2 EudraCT number", text, re.I
    ):
        return True
    # A copy of the protocol without its header (the EudraCT number cut off above): its coded rows.
    return len(_CODED_ROW.findall(head)) >= 5


def _rows(cells: list[str]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The header's {name: value} and the protocol's {code: [value, ...]} (a code may repeat,
    once per product or per member state)."""
    header: dict[str, str] = {}
    rows: dict[str, list[str]] = {}
    index = 0
    while index < len(cells):
        cell = cells[index]
        label, _, value = cell.partition(":")
        name = _HEADER.get(label.strip().lower())
        if name and value.strip():
            header.setdefault(name, value.strip())
            index += 1
            continue
        if name and index + 1 < len(cells) and _a_header_value(cells[index + 1]):
            # "EudraCT Number: | 2019-004411-23 |": a saved page's table, the value in the next cell
            header.setdefault(name, cells[index + 1].strip())
            index += 2
            continue
        code = _CODE.match(cell)
        if not code:
            index += 1
            continue
        # The label is the rest of this cell, or the next cell; the value runs to the next code
        # ("A.3 Full title of the trial: A phase..." holds its first value after the label's colon).
        index += 1 if code[2] else 2
        _, colon, first = (code[2] or "").partition(": ")
        values = [first.strip()] if colon and first.strip() else []
        while index < len(cells) and not _CODE.match(cells[index]) and not _SECTION.match(cells[index]):
            values.append(cells[index])
            index += 1
        rows.setdefault(code[1], []).append("\n".join(values).strip())
    return header, rows


def _a_header_value(cell: str) -> bool:
    """A cell that is no protocol code, no section and no other header label."""
    return not _CODE.match(cell) and not _SECTION.match(cell) and cell.partition(":")[0].strip().lower() not in _HEADER


_NOT_GIVEN = frozenset({"not available", "information not present in eudract"})


def _first(rows: dict[str, list[str]], code: str) -> str:
    return first_given(rows.get(code), _NOT_GIVEN, any_row=True)


def parse(text: str) -> list[TrialRecord]:
    if not detect(text):
        raise IngestError("not an EU Clinical Trials Register page")
    header, rows = _rows(table_cells(complete_lines(text)))
    primary = parse_identifier(header.get("eudract", "") or _first(rows, "A.2"))
    if primary and primary[0] != "EUDRACT":
        primary = None
    status_raw = header.get("status", "")
    status = _STATUS.get(status_raw.strip().lower()) or enums.status(status_raw)
    phases = tuple(phase for code, phase in _PHASE_ROWS.items() if _first(rows, code).lower() == "yes")
    size = re.match(r"\d+", _first(rows, "F.4.2.2"))
    member_state = normalize_country(re.sub(r"\s*-\s*.*$", "", _first(rows, "A.1") or header.get("member_state", "")))
    products = [value for value in rows.get("D.3.1", []) if value] or [
        value for value in rows.get("D.3.8", []) if value
    ]
    sponsor = _first(rows, "B.1.1")
    protocol_code = header.get("protocol_code", "") or _first(rows, "A.4.1")
    record = TrialRecord(
        source_format=FORMAT,
        identifiers=identifiers_from(primary, [protocol_code] if protocol_code else []) if primary else (),
        brief_title=_first(rows, "A.3.1") or _first(rows, "A.3") or header.get("title", ""),
        official_title=_first(rows, "A.3") if _first(rows, "A.3.1") else "",
        acronym=_first(rows, "A.3.2"),
        brief_summary=_first(rows, "E.2.1"),
        study_type="INTERVENTIONAL",  # the register holds interventional medicine trials only
        phases=phases,
        status=status,
        status_raw=status_raw,
        enrollment=int(size[0]) if size else None,
        enrollment_type="ESTIMATED" if size else "",
        first_posted=parse_partial_date(header.get("entered", "")),
        conditions_raw=tuple(value for value in rows.get("E.1.1", []) if value),
        interventions=tuple(Intervention(name) for name in dict.fromkeys(products)),
        inclusion_criteria=_first(rows, "E.3"),
        exclusion_criteria=_first(rows, "E.4"),
        organizations=(Organization(sponsor, "LEAD_SPONSOR"),) if sponsor else (),
        sites=(Site(country=member_state),) if member_state else (),
    )
    if not primary:
        raise MissingIdentifierError("the page names no complete EudraCT number (yyyy-nnnnnn-nn)", record)
    return [record]
