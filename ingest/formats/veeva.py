"""ClinicalTrials.Veeva study page, as text.

Shape: 'ClinicalTrials.Veeva' / 'Menu' / title / sponsor initial / sponsor, then labelled
blocks ('Status and phase', 'Conditions', 'Treatments', 'Identifiers', 'Enrollment', ...), each
label on its own line with its values below. Some pages carry labels without values; a block
that holds nothing yields nothing. Phases may be listed on separate lines ('Phase 2', 'Phase 1').
"""

import re

from ingest.errors import MissingIdentifierError
from ingest.formats._common import identifiers_from, paragraph, parse_count, split_sections
from ingest.normalize import enums
from ingest.normalize.ages import parse_age_range
from ingest.pages.basics import could_be_a_title, is_site_chrome
from ingest.record import Arm, Contact, Intervention, Organization, TrialRecord

FORMAT = "veeva-page"
SOURCE_KIND = "mirror"
# An overlay on the general page reader: it fills what this reader leaves empty (ingest/read.py).
GENERAL_READER_FILLS = True

HEADERS = {
    "Status and phase",
    "Status",
    "Conditions",
    "Treatments",
    "Study type",
    "Funder types",
    "Identifiers",
    "Details and patient eligibility",
    "About",
    "Full description",
    "Enrollment",
    "Sex",
    "Ages",
    "Volunteers",
    "Inclusion criteria",
    "Exclusion criteria",
    "Trial design",
    "Primary purpose",
    "Allocation",
    "Interventional model",
    "Masking",
    "Trial contacts and locations",
    "Central trial contact",
    "Data sourced from clinicaltrials.gov",
    "Clinical trials",
}
_TREATMENT = re.compile(r"^([A-Z][A-Za-z ]+?):\s*(.+)$")
_GROUP_SIZE = re.compile(r"^(\d+) participants? in (\d+) patient groups?", re.I)
_ARM_TYPE = re.compile(
    r"^(Experimental|Active Comparator|Placebo Comparator|Sham Comparator|No Intervention|Other) group$", re.I
)


def detect(text: str) -> bool:
    head = text[:400]
    return "ClinicalTrials.Veeva" in head or (
        bool(re.search(r"^Status and phase$", text, re.M))
        and bool(re.search(r"^Details and patient eligibility$", text, re.M))
    )


def _treatments(lines: list[str]) -> list[tuple[str, str]]:
    result = []
    for line in lines:
        match = _TREATMENT.match(line)
        if match and enums.intervention_type(match[1]):
            result.append((enums.intervention_type(match[1]), match[2].strip()))
        elif line:
            result.append(("", line))
    return result


def _status_and_phase(lines: list[str]) -> tuple[str, str, tuple[str, ...]]:
    status_raw, status, phases = "", "", set()
    for line in lines:
        line_phases = enums.phases(line) if re.search(r"phase|^n/?a$", line, re.I) else ()
        if line_phases:
            phases.update(line_phases)
        elif not status_raw:
            status_raw, status = line, enums.status(line)
    return status_raw, status, tuple(sorted(phases, key=enums.PHASES.index))


def _arms(lines: list[str]) -> tuple[Arm, ...]:
    """After 'N participants in K patient groups': label / 'X group' / 'Description:' ... / 'Treatment:' ..."""
    arms: list[dict] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if index + 1 < len(lines) and _ARM_TYPE.match(lines[index + 1]):
            arms.append({"label": line, "type": _ARM_TYPE.match(lines[index + 1])[1], "description": [], "names": []})
            index += 2
            mode = None
            continue
        if arms:
            if line.rstrip(":").lower() == "description":
                mode = "description"
            elif line.rstrip(":").lower() in {"treatment", "treatments"}:
                mode = "treatment"
            elif mode == "treatment":
                match = _TREATMENT.match(line)
                arms[-1]["names"].append(match[2].strip() if match and enums.intervention_type(match[1]) else line)
            elif mode == "description":
                arms[-1]["description"].append(line)
        index += 1
    return tuple(
        Arm(
            label=arm["label"],
            type=enums.arm_type(arm["type"]),
            description=paragraph(arm["description"]),
            intervention_names=tuple(arm["names"]),
        )
        for arm in arms
    )


def _arm_lines(lines: list[str]) -> list[str]:
    """The lines from 'N participants in K patient groups' to the contacts block."""
    for index, line in enumerate(lines):
        if _GROUP_SIZE.match(line):
            block = []
            for following in lines[index + 1 :]:
                if following in HEADERS:
                    break
                block.append(following)
            return block
    return []


def _title_line(lines: list[str]) -> int:
    """Where the page starts: its title, after the site's name, its menu and anything a copy took
    from around the page ("Skip to main content", a cookie banner, "About": a menu item here, the
    name of a section further down)."""
    for index, line in enumerate(lines[:12]):
        if could_be_a_title(line) and line not in HEADERS:
            return index
        if not (is_site_chrome(line) or len(line.split()) <= 2):
            break
    return 0


def parse(text: str) -> list[TrialRecord]:
    lines = [re.sub(r"\s+", " ", line).strip() for line in text.split("\n") if line.strip()]
    lines = [line.lstrip("•").strip() if line.startswith("•") else line for line in lines]
    lines = lines[_title_line(lines) :]
    preamble, sections = split_sections(lines, HEADERS)
    preamble = [line for line in preamble if line not in {"ClinicalTrials.Veeva", "Menu"}]

    title, sponsor = "", ""
    if preamble:
        title = preamble[0]
        # The sponsor follows a one-letter avatar line.
        for index, line in enumerate(preamble[1:], start=1):
            if len(line) == 1 and index + 1 < len(preamble):
                sponsor = preamble[index + 1]
                break

    ids = sections.get("Identifiers", [])
    identifiers = identifiers_from(None, ids)
    missing = ""
    if not ids:
        missing = "the page shows no trial identifier (no 'Identifiers' block)"
    elif not identifiers or identifiers[0].kind != "primary":
        missing = "the 'Identifiers' block holds no registry identifier"

    status_raw, status, phases = _status_and_phase(sections.get("Status and phase", sections.get("Status", [])))
    treatments = _treatments(sections.get("Treatments", []))
    arms = _arms(_arm_lines(lines))
    enrollment_text = " ".join(sections.get("Enrollment", []))
    min_age, max_age = parse_age_range(" ".join(sections.get("Ages", [])))

    def first(name: str) -> str:
        values = sections.get(name, [])
        return values[0] if values else ""

    contact_line = first("Central trial contact")
    contacts = tuple(Contact(name=name.strip(), role="CONTACT") for name in contact_line.split(";") if name.strip())
    interventions = tuple(
        Intervention(
            name=name,
            type=kind,
            arm_labels=tuple(arm.label for arm in arms if name in arm.intervention_names),
        )
        for kind, name in treatments
    )
    record = TrialRecord(
        source_format=FORMAT,
        identifiers=() if missing else identifiers,
        brief_title=title,
        brief_summary=paragraph(sections.get("About", [])),
        detailed_description=paragraph(sections.get("Full description", [])),
        study_type=enums.study_type(first("Study type")),
        phases=phases,
        status=status,
        status_raw=status_raw,
        enrollment=parse_count(enrollment_text),
        enrollment_type=(
            ("ESTIMATED" if re.search(r"\bestimated\b", enrollment_text, re.I) else "ACTUAL")
            if parse_count(enrollment_text) is not None
            else ""
        ),
        sex=enums.sex(first("Sex")),
        min_age_years=min_age,
        max_age_years=max_age,
        healthy_volunteers=enums.yes_no(first("Volunteers")),
        inclusion_criteria=paragraph(sections.get("Inclusion criteria", [])),
        exclusion_criteria=paragraph(sections.get("Exclusion criteria", [])),
        purpose=enums.purpose(first("Primary purpose")),
        allocation=enums.allocation(first("Allocation")),
        intervention_model=enums.intervention_model(first("Interventional model")),
        masking=enums.masking(first("Masking")),
        conditions_raw=tuple(sections.get("Conditions", [])),
        interventions=interventions,
        arms=arms,
        organizations=(Organization(sponsor, "LEAD_SPONSOR"),) if sponsor else (),
        contacts=contacts,
    )
    if missing:
        raise MissingIdentifierError(missing, record)
    return [record]
