"""Clinical Trials Registry - India (CTRI) trial page, as text.

The page is one long table of label and value cells ("Public Title of Study | ..."); some values
are small tables of their own (the sponsor's name and address, conditions, interventions,
criteria), each opened by its column headers. Dates are day first ('24/02/2017'). The India
and global recruitment statuses are both printed: the global one is the trial's unless it says
"Not Applicable" (a trial run only in India).
"""

import re

from ingest.errors import IngestError, MissingIdentifierError
from ingest.formats._common import (
    complete_lines,
    first_given,
    identifiers_from,
    paragraph,
    split_sections,
    table_cells,
)
from ingest.normalize import enums
from ingest.normalize.countries import normalize_country
from ingest.normalize.dates import day_first_date
from ingest.normalize.identifiers import identifier_positions
from ingest.record import Intervention, Organization, Site, TrialRecord

FORMAT = "ctri-page"
SOURCE_KIND = "registry"
# An overlay on the general page reader: it fills what this reader leaves empty (ingest/read.py).
GENERAL_READER_FILLS = True

LABELS = {
    "CTRI Number",
    "Last Modified On:",
    "Post Graduate Thesis",
    "Type of Trial",
    "Type of Study",
    "Study Design",
    "Public Title of Study",
    "Scientific Title of Study",
    "Trial Acronym",
    "Secondary IDs if Any",
    "Details of Principal Investigator or overall Trial Coordinator (multi-center study)",
    "Details of Principal Investigator",
    "Details Contact Person (Scientific Query)",
    "Details Contact Person (Public Query)",
    "Source of Monetary or Material Support",
    "Primary Sponsor",
    "Details of Secondary Sponsor",
    "Countries of Recruitment",
    "Sites of Study",
    "Details of Ethics Committee",
    "Regulatory Clearance Status from DCGI",
    "Health Condition / Problems Studied",
    "Intervention / Comparator Agent",
    "Inclusion Criteria",
    "Exclusion Criteria",
    "Method of Generating Random Sequence",
    "Method of Concealment",
    "Blinding/Masking",
    "Primary Outcome",
    "Secondary Outcome",
    "Target Sample Size",
    "Phase of Trial",
    "Date of First Enrollment (India)",
    "Date of First Enrollment (Global)",
    "Date of Study Completion (India)",
    "Date of Study Completion (Global)",
    "Estimated Duration of Trial",
    "Recruitment Status of Trial (Global)",
    "Recruitment Status of Trial (India)",
    "Publication Details",
    "Individual Participant Data (IPD) Sharing Statement",
    "Brief Summary",
}
_NOT_GIVEN = {"", "nil", "none", "na", "n/a", "not applicable", "applicable only for completed/terminated trials"}
_CONDITION_HEADERS = {"Health Type", "Condition", "Patients", "Healthy Human Volunteers"}


def detect(text: str) -> bool:
    head = text[:5000]
    return "CTRI Number" in head and any(
        label in text for label in ("Public Title of Study", "Recruitment Status of Trial", "Scientific Title of Study")
    )


def _first(values: list[str] | None) -> str:
    return first_given(values, _NOT_GIVEN)


def _after(values: list[str] | None, header: str) -> str:
    """In a small table ('Name | X | Address | Y'): the cell after `header`."""
    values = values or []
    for index, value in enumerate(values[:-1]):
        if value == header:
            return "" if values[index + 1].lower() in _NOT_GIVEN else values[index + 1]
    return ""


def _conditions(values: list[str]) -> tuple[str, ...]:
    names = []
    for value in values:
        if value in _CONDITION_HEADERS:
            continue
        # "(1) ICD-10 Condition: L639||Alopecia areata," -> "Alopecia areata"
        # (a health type and its condition in one cell: "Patients: (1) ICD-10 Condition: ...")
        value = re.sub(r"^(?:Patients|Healthy Human Volunteers):\s*", "", value)
        name = re.sub(r"^\(\d+\)\s*ICD-10 Condition:\s*[A-Z]\d[\w.]*\s*", "", value).strip(" ,")
        if name and name.lower() not in _NOT_GIVEN and name not in names:
            names.append(name)
    return tuple(names)


def _interventions(values: list[str]) -> tuple[Intervention, ...]:
    """Rows of 'Intervention' or 'Comparator Agent', a name, its details."""
    kinds = ("Intervention", "Comparator Agent")
    result = []
    for index, value in enumerate(values):
        name, details = (values[index + 1 : index + 3] + ["", ""])[:2]
        if value in kinds and name and name.lower() not in _NOT_GIVEN:
            result.append(Intervention(name, description="" if details in kinds else details))
    return tuple(result)


def _registration_number(value: str) -> tuple[str, str] | None:
    """The CTRI number the "CTRI Number" value starts with; what follows it (the registration date,
    in brackets or not, "Trial Registered Prospectively") is no part of it."""
    found = identifier_positions(value)
    if found and found[0][0] == 0 and found[0][1] == "CTRI":
        return found[0][1], found[0][2]
    return None


def _status(sections: dict[str, list[str]]) -> str:
    global_status = _first(sections.get("Recruitment Status of Trial (Global)"))
    return global_status or _first(sections.get("Recruitment Status of Trial (India)"))


def parse(text: str) -> list[TrialRecord]:
    if not detect(text):
        raise IngestError("not a CTRI trial page")
    _, sections = split_sections(table_cells(complete_lines(text), LABELS), LABELS)
    registration = _first(sections.get("CTRI Number"))
    primary = _registration_number(registration)
    registered = re.search(r"Registered on:\s*([\d/]+)", registration)
    sample = re.search(r'Total Sample Size\s*=\s*"?(\d+)', " ".join(sections.get("Target Sample Size", [])))
    status_raw = _status(sections)
    start = day_first_date(_first(sections.get("Date of First Enrollment (Global)"))) or day_first_date(
        _first(sections.get("Date of First Enrollment (India)"))
    )
    inclusion = sections.get("Inclusion Criteria", [])
    exclusion = sections.get("Exclusion Criteria", [])
    sponsor = _after(sections.get("Primary Sponsor"), "Name")
    countries = [normalize_country(value) for value in sections.get("Countries of Recruitment", [])]
    secondary = [
        value for value in sections.get("Secondary IDs if Any", []) if value not in ("Secondary ID", "Identifier")
    ]
    record = TrialRecord(
        source_format=FORMAT,
        identifiers=identifiers_from(primary, [value for value in secondary if value.lower() not in _NOT_GIVEN])
        if primary
        else (),
        brief_title=_first(sections.get("Public Title of Study")),
        official_title=_first(sections.get("Scientific Title of Study")),
        acronym=_first(sections.get("Trial Acronym")),
        brief_summary=paragraph(sections.get("Brief Summary", [])),
        study_type=enums.study_type(_first(sections.get("Type of Trial"))),
        phases=enums.phases((sections.get("Phase of Trial") or [""])[0]),  # "N/A" is a phase here
        status=enums.status(status_raw),
        status_raw=status_raw,
        enrollment=int(sample[1]) if sample else None,
        enrollment_type="ESTIMATED" if sample else "",
        start_date=start,
        start_date_type="ESTIMATED"
        if start and enums.status(status_raw) == "NOT_YET_RECRUITING"
        else ("ACTUAL" if start else ""),
        first_posted=day_first_date(registered[1]) if registered else None,
        last_updated=day_first_date(_first(sections.get("Last Modified On:"))),
        sex=enums.sex(_after(inclusion, "Gender")),
        inclusion_criteria=_after(inclusion, "Details"),
        exclusion_criteria=_after(exclusion, "Details"),
        conditions_raw=_conditions(sections.get("Health Condition / Problems Studied", [])),
        interventions=_interventions(sections.get("Intervention / Comparator Agent", [])),
        organizations=(Organization(sponsor, "LEAD_SPONSOR"),) if sponsor else (),
        sites=tuple(Site(country=country) for country in dict.fromkeys(filter(None, countries))),
    )
    if not primary:
        raise MissingIdentifierError("the page names no complete CTRI number (CTRI/yyyy/mm/nnnnnn)", record)
    return [record]
