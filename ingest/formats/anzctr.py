"""Australian New Zealand Clinical Trials Registry (ANZCTR) trial pages, as text.

Each label is a line of its own and its value the following lines. The registry appends its
internal code numbers to some values ("Significant burns 310707 0"), on the same line or on lines
of their own; its test hosts add a "Query!" line after fields. Secondary ids carry their kind in
brackets ("CCS/01/2016 (Sponsor study reference number)"). A page cut part-way keeps what is
complete: its unfinished last line is dropped.
"""

import re
from dataclasses import replace

from ingest.errors import IngestError, MissingIdentifierError
from ingest.formats._common import (
    complete_lines,
    enrollment_in_narrative,
    first_given,
    glued_labels,
    identifiers_from,
    label_beside_value,
    paragraph,
    parse_count,
    row_cells,
    unglued_fields,
)
from ingest.normalize import enums
from ingest.normalize.countries import countries_in
from ingest.normalize.identifiers import parse_identifier
from ingest.record import Organization, Site, TrialRecord

FORMAT = "anzctr-page"
SOURCE_KIND = "registry"
# An overlay on the general page reader: it fills what this reader leaves empty (ingest/read.py).
GENERAL_READER_FILLS = True

LABELS = {
    "Registration number",
    "Ethics application status",
    "Date submitted",
    "Date registered",
    "Date last updated",
    "Date data sharing statement initially provided",
    "Type of registration",
    "Titles & IDs",
    "Public title",
    "Scientific title",
    "Universal Trial Number (UTN)",
    "Trial acronym",
    "Linked study record",
    "Health condition",
    "Health condition(s) or problem(s) studied:",
    "Condition category",
    "Condition code",
    "Intervention/exposure",
    "Study type",
    "Description of intervention(s) / exposure",
    "Intervention code:",
    "Comparator / control treatment",
    "Control group",
    "Outcomes",
    "Eligibility",
    "Key inclusion criteria",
    "Minimum age",
    "Maximum age",
    "Sex",
    "Can healthy volunteers participate?",
    "Key exclusion criteria",
    "Study design",
    "Purpose of the study",
    "Allocation to intervention",
    "Phase",
    "Recruitment status",
    "Target sample size",
    "Actual sample size",
    "Funding & Sponsors",
    "Primary sponsor type",
}
_SECONDARY_LABEL = re.compile(r"^Secondary ID \[\d+\]")
_CODES = re.compile(r"(?:\s+\d{4,}(?:\s+\d+)*)+$")
_NOISE = {"Query!", "LOGIN", "CREATE ACCOUNT", "MY TRIALS", "REGISTER TRIAL", "FAQs", "HINTS AND TIPS", "DEFINITIONS"}
_NOT_GIVEN = {"nil known", "nil", "none", "not applicable", "n/a", ""}


def detect(text: str) -> bool:
    head = text[:4000]
    # (its cells run together, the number glued to its label: "Registration numberACTRN...")
    # (saved as HTML its rows are cells: "Registration number | ACTRN... |")
    return "ANZCTR" in head and bool(re.search(r"^[ \t]*Registration number[ \t|]*(?:$|:?[\s|]*ACTRN)", head, re.M))


# The labels glued to their values where a copy lost the breaks between cells (the labels that
# end with a colon are printed with it; the sections' headings stand alone).
_GLUED_LABELS = glued_labels({label.rstrip(":") for label in LABELS} - {"Titles & IDs", "Health condition"})


def _lines(text: str) -> list[str]:
    kept = []
    for printed in complete_lines(text, keep_sentences=True):
        for line in (field for cell in row_cells(printed) for field in unglued_fields(cell, _GLUED_LABELS)):
            if not line or line in _NOISE or re.fullmatch(r"\d{5,}(\s+\d+)*|0", line):
                continue  # blank, edit-link residue, or the registry's internal code numbers
            kept.append(line)
    return kept


def _fields(lines: list[str]) -> tuple[dict[str, list[str]], list[str]]:
    fields: dict[str, list[str]] = {}
    secondary: list[str] = []
    current: list[str] | None = None
    for line in lines:
        if pair := label_beside_value(line, LABELS):  # "Registration number: ACTRN..."
            current = fields.setdefault(pair[0], [])
            current.append(_CODES.sub("", pair[1]).strip())
        elif line in LABELS:
            current = fields.setdefault(line, [])
        elif _SECONDARY_LABEL.match(line):
            current = secondary
        elif current is not None:
            current.append(_CODES.sub("", line).strip())
    return fields, secondary


def _value(fields: dict[str, list[str]], label: str) -> str:
    return first_given(fields.get(label), _NOT_GIVEN)


def _primary_sponsor(fields: dict[str, list[str]]) -> str:
    """The name under "Primary sponsor type": its kind ("University"), then "Name", the name,
    "Address" and "Country" lines, each label above its value."""
    lines = fields.get("Primary sponsor type", [])
    for index, line in enumerate(lines[:-1]):
        if line == "Name" and lines[index + 1].lower() not in _NOT_GIVEN:
            return lines[index + 1]
    return ""


_NUMBERED_ROW = re.compile(
    r"^(Recruitment hospital|Recruitment postcode\(s\)|Country|State/province) \[\d+\]:?\s*(.*)$"
)


def _sites(lines: list[str]) -> tuple[Site, ...]:
    """The recruitment section's sites: "Recruitment hospital [1]" in Australia, "Country [1]" and
    "State/province [1]" outside it (each label above its value, or beside it). The sponsors'
    "Country [1]" rows below are a funder's country, not a site's."""
    sites: list[Site] = []
    where = ""  # "in" Australia, "outside" it, or "" (not in the recruitment section)
    named_states = False
    for index, line in enumerate(lines):
        if line == "Recruitment in Australia":
            where = "in"
        elif line == "Recruitment outside Australia":
            where = "outside"
        elif line.startswith("Funding & Sponsors"):
            where = ""
        elif where and (row := _NUMBERED_ROW.match(line)):
            value = row[2] or (lines[index + 1] if index + 1 < len(lines) else "")
            if value.lower() in _NOT_GIVEN or value in LABELS or _NUMBERED_ROW.match(value):
                continue
            if row[1] == "Recruitment hospital" and where == "in":
                sites.append(Site(facility=value, country="Australia"))
            elif row[1] == "Country" and where == "outside" and countries_in(value):
                sites.append(Site(country=value))
            elif row[1] == "State/province" and where == "outside" and sites and not sites[-1].state:
                sites[-1] = replace(sites[-1], state=value)
        elif where == "in" and line.startswith("Recruitment state(s)"):
            named_states = True
    if named_states and not any(site.country == "Australia" for site in sites):
        sites.insert(0, Site(country="Australia"))  # states named, no hospital
    return tuple(sites)


def parse(text: str) -> list[TrialRecord]:
    if not detect(text):
        raise IngestError("not an ANZCTR trial page")
    lines = _lines(text)
    fields, secondary = _fields(lines)
    primary = parse_identifier(_value(fields, "Registration number"))
    if primary and primary[0] != "ACTRN":
        primary = None
    other_ids = [re.sub(r"\s*\([^)]*\)\s*$", "", value) for value in secondary if value.lower() not in _NOT_GIVEN]
    utn = _value(fields, "Universal Trial Number (UTN)")
    if utn:
        other_ids.append(utn)
    conditions = [
        value
        for value in fields.get("Health condition(s) or problem(s) studied:", [])
        if value.lower() not in _NOT_GIVEN
    ]
    status_raw = _value(fields, "Recruitment status")
    sponsor = _primary_sponsor(fields)
    record = TrialRecord(
        source_format=FORMAT,
        identifiers=identifiers_from(primary, other_ids) if primary else (),
        brief_title=_value(fields, "Public title"),
        official_title=_value(fields, "Scientific title"),
        study_type=enums.study_type(_value(fields, "Study type")),
        detailed_description=paragraph(fields.get("Description of intervention(s) / exposure", [])),
        conditions_raw=tuple(conditions),
        phases=enums.phases(_value(fields, "Phase")),
        status=enums.status(status_raw) if status_raw else "",
        status_raw=status_raw,
        enrollment=parse_count(_value(fields, "Target sample size") or _value(fields, "Actual sample size"))
        or enrollment_in_narrative(*fields.get("Description of intervention(s) / exposure", [])),
        inclusion_criteria=paragraph(fields.get("Key inclusion criteria", [])),
        exclusion_criteria=paragraph(fields.get("Key exclusion criteria", [])),
        organizations=(Organization(name=sponsor, role="LEAD_SPONSOR"),) if sponsor else (),
        sites=_sites(lines),
    )
    if not primary:
        raise MissingIdentifierError(
            "the page names no complete ANZCTR registration number (ACTRN + 14 digits)", record
        )
    return [record]
