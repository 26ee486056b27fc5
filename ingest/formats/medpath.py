"""trial.medpath.com study pages, as text: a site republishing registry records (ClinicalTrials.gov,
IRCT, ISRCTN, CTRI, the EU register, the Dutch OMON register...).

Each field is a label on its own line and its value on the following lines, in two layouts: plain
lines, or every label and value as a "- " bullet. Under the title, unlabelled lines may give the
phase and the status. Conditions may be glued to an ICD-10 label and code ("alopecia
areata.Alopecia areata, unspecifiedL63.9"). A page cut part-way keeps what is complete: its last,
unfinished line is dropped.
"""

import re

from ingest.errors import IngestError, MissingIdentifierError
from ingest.formats._common import (
    complete_lines,
    first_given,
    identifiers_as_printed,
    paragraph,
    parse_count,
    split_sections,
)
from ingest.normalize import enums
from ingest.normalize.identifiers import parse_identifier
from ingest.record import Intervention, Organization, TrialRecord

FORMAT = "medpath-page"
SOURCE_KIND = "mirror"

LABELS = {
    "Conditions",
    "Interventions",
    "Registration Number",
    "Lead Sponsor",
    "Brief Summary",
    "Detailed Description",
    "Recruitment & Eligibility",
    "Status",
    "Sex",
    "Target Recruitment",
    "Inclusion Criteria",
    "Exclusion Criteria",
    "Study & Design",
    "Study Type",
    "Study Design",
    "Primary Outcome Measures",
    "Secondary Outcome Measures",
    "Trial Locations",
    "Locations",
    "Related Research",
    "Sponsors",
    "Collaborators",
}
_NOT_GIVEN = {"not available", "not specified", "n/a", "none", ""}
_ICD_CODE = re.compile(r"[A-Z]\d{2}(?:\.\d{1,2})?$")
_MEDDRA_CODE = re.compile(r"\d{8}$")


def detect(text: str) -> bool:
    head = text[:3000]
    if head.lstrip().startswith("MedPath"):
        return True
    bullets = r"(?:- )?"
    return bool(
        re.search(rf"^{bullets}Target Recruitment$", head, re.M)
        and re.search(rf"^{bullets}(?:Registration Number|Lead Sponsor|Recruitment & Eligibility)$", head, re.M)
    )


def _lines(text: str) -> list[str]:
    """Complete lines without their bullets, blank ones left out."""
    lines = (re.sub(r"^(?:[-•*]\s+)", "", line.strip()).strip() for line in complete_lines(text))
    return [line for line in lines if line]


def _condition_names(lines: list[str]) -> tuple[str, ...]:
    names: list[str] = []
    for line in lines:
        line = _MEDDRA_CODE.sub("", _ICD_CODE.sub("", line)).strip()
        # "alopecia areata.Alopecia areata, unspecified": the registry's words, then an ICD label.
        for part in re.split(r"(?<=[a-z\)])\.(?=[A-Z])|(?<=[a-z])(?=[A-Z][a-z])", line):
            part = part.strip(" .;")
            if part and part.lower() not in _NOT_GIVEN and part not in names:
                names.append(part)
    return tuple(names)


def _interventions(lines: list[str]) -> tuple[Intervention, ...]:
    result = []
    for line in lines:
        kind, _, name = line.partition(":")
        if name and enums.intervention_type(kind):
            result.append(Intervention(name.strip(), enums.intervention_type(kind)))
        elif line.lower() not in _NOT_GIVEN:
            result.append(Intervention(line))
    return tuple(result)


def _first(section: list[str] | None) -> str:
    return first_given(section, _NOT_GIVEN)


def parse(text: str) -> list[TrialRecord]:
    if not detect(text):
        raise IngestError("not a trial.medpath.com page")
    preamble, sections = split_sections(_lines(text), LABELS)
    title_lines = [line for line in preamble if line != "MedPath"]
    if not title_lines:
        raise IngestError("the page has no title")
    title = title_lines[0]
    registration = _first(sections.get("Registration Number"))
    primary = parse_identifier(registration) if registration else None
    phases: tuple[str, ...] = ()
    status_raw = _first(sections.get("Status"))
    for line in title_lines[1:]:
        if not phases and enums.phases(line) and len(line) < 40:
            phases = enums.phases(line)
        elif not status_raw and enums.status(line):
            status_raw = line
    sponsor = _first(sections.get("Lead Sponsor"))
    summary = paragraph(sections.get("Brief Summary", []))
    description = paragraph(sections.get("Detailed Description", []))
    record = TrialRecord(
        source_format=FORMAT,
        identifiers=identifiers_as_printed(primary, registration) if primary else (),
        brief_title=title,
        brief_summary="" if summary.lower() in _NOT_GIVEN else summary,
        detailed_description="" if description.lower() in _NOT_GIVEN else description,
        phases=phases,
        status=(enums.status(status_raw) or enums.status_with_first_letter_lost(status_raw)) if status_raw else "",
        status_raw=status_raw,
        enrollment=parse_count(_first(sections.get("Target Recruitment"))),
        sex=enums.sex(_first(sections.get("Sex"))),
        study_type=enums.study_type(_first(sections.get("Study Type"))),
        conditions_raw=_condition_names(sections.get("Conditions", [])),
        interventions=_interventions(sections.get("Interventions", [])),
        organizations=(Organization(sponsor, "LEAD_SPONSOR"),) if sponsor else (),
        inclusion_criteria=paragraph(sections.get("Inclusion Criteria", [])),
        exclusion_criteria=paragraph(sections.get("Exclusion Criteria", [])),
    )
    if not primary:
        raise MissingIdentifierError(
            "the page names no complete registry identifier of its own (no 'Registration Number')", record
        )
    return [record]
