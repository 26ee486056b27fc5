"""Classic ClinicalTrials.gov study page (clinicaltrials.gov/ct2/show/...), as text.

Layouts seen: tables as pipe rows ('Study Type : | Interventional |'), the same tables flattened
into one line, and the last classic layout with a banner and 'Recruitment Status : Unknown' plus
'Recruitment status was: ...' (the last known status, kept as the registry's words only).
"""

import re

from ingest.errors import IngestError
from ingest.formats._common import (
    LABELLED_VALUES,
    complete_lines,
    glued_labels,
    identifiers_from,
    paragraph,
    parse_count,
    unglued_fields,
)
from ingest.normalize import enums
from ingest.normalize.ages import parse_age_range
from ingest.normalize.countries import normalize_country
from ingest.normalize.dates import parse_partial_date
from ingest.normalize.identifiers import parse_identifier
from ingest.record import Arm, Contact, Intervention, Organization, Outcome, Site, TrialRecord

FORMAT = "ctgov-classic-page"
SOURCE_KIND = "registry"
# A results view prints "Enrollment 252" where the record view's rows are not.
GENERAL_READER_FILLS = LABELLED_VALUES

_INTERVENTION_KINDS = (
    "Biological|Drug|Device|Procedure|Radiation|Behavioral|Genetic|Dietary Supplement|"
    "Combination Product|Diagnostic Test|Other"
)
_KIND_MARKER = re.compile(rf"(?:(?<=\s)|^)({_INTERVENTION_KINDS}):\s")
_ARM_HEAD = re.compile(
    r"^(Experimental|Active Comparator|Placebo Comparator|Sham Comparator|No Intervention|Other):\s*(.+)$"
)
_PHASE_TAIL = re.compile(r"((?:Early )?Phase \d(?:\s*(?:/|\s)\s*Phase \d)*|Not Applicable|N/A)\s*\|?\s*$")
_ROW = re.compile(r"^(?P<label>[A-Z][^|:]{1,60}?)\s*:\s*(?:\|\s*)?(?P<value>.*?)\s*\|?\s*$")
_BANNER = re.compile(r"^(We're building a better|Working|ClinicalTrials\.gov( Menu)?$|!\[\]\(\))")

# What follows the detailed description on a record view: the design's table, then its sections.
_AFTER_DESCRIPTION = (
    "Layout table",
    "Study Design",
    "Arms and Interventions",
    "Outcome Measures",
    "Eligibility Criteria",
    "Contacts and Locations",
    "Go to",
)
_DESIGN_LABELS = {
    "study type": "study_type",
    "actual enrollment": "enrollment",
    "estimated enrollment": "enrollment",
    "anticipated enrollment": "enrollment",
    "enrollment": "enrollment",
    "allocation": "allocation",
    "intervention model": "intervention_model",
    "masking": "masking",
    "primary purpose": "purpose",
    "official title": "official_title",
    "actual study start date": "start",
    "estimated study start date": "start",
    "study start date": "start",
    "actual primary completion date": "primary_completion",
    "estimated primary completion date": "primary_completion",
    "primary completion date": "primary_completion",
    "actual study completion date": "completion",
    "estimated study completion date": "completion",
    "study completion date": "completion",
    "ages eligible for study": "ages",
    "sexes eligible for study": "sex",
    "accepts healthy volunteers": "healthy",
    "responsible party": "responsible_party",
    "first posted": "first_posted",
    "last update posted": "last_updated",
}


def detect(text: str) -> bool:
    # (or glued to their values by a scraper that dropped the cells' breaks: "IdentifierNCT0...")
    return bool(re.search(r"ClinicalTrials\.gov Identifier(?::\s*\|?\s*)?NCT\d{8}", text)) and bool(
        re.search(r"Recruitment Status(?:\s*:|(?=[A-Z]))|Condition or disease", text)
    )


# The page's labels as it prints them, for a page whose labels are glued to their values; those
# it prints on a line of their own, over their text.
_OWN_LINE_LABELS = {
    *("Brief Summary", "Detailed Description", "Sponsor", "Collaborator", "Collaborators"),
    "Information provided by (Responsible Party)",
}
_GLUED_LABELS = glued_labels(
    {"ClinicalTrials.gov Identifier", "Recruitment Status", *_OWN_LINE_LABELS}
    | {" ".join(word if word == "for" else word.capitalize() for word in label.split()) for label in _DESIGN_LABELS}
)


def _unglued(line: str) -> list[str]:
    """The line's glued fields as the page prints them unglued: "Label: value", or "Label:" over
    its value for a label printed on its own line."""
    lines = []
    for field in unglued_fields(line, _GLUED_LABELS):
        label, colon, value = field.partition(": ")
        lines += [f"{label}:", value] if colon and label in _OWN_LINE_LABELS and value else [field]
    return lines


def _rows(lines: list[str]) -> dict[str, tuple[str, str]]:
    """{field: (label, value)} for the first occurrence of each known 'Label : | value |' row."""
    found: dict[str, tuple[str, str]] = {}
    for line in lines:
        match = _ROW.match(line)
        if not match:
            continue
        label = re.sub(r"\s+", " ", match["label"]).strip()
        field = _DESIGN_LABELS.get(label.lower())
        if field and field not in found and match["value"]:
            value = re.sub(r"\s*Key Record Dates\s*$", "", match["value"])
            found[field] = (label, value)
    return found


def _split_interventions(cell: str, known_names: list[str]) -> list[tuple[str, str, str]]:
    """'Biological: A desc Other: B desc' -> [(kind, name, description)], names known from the table."""
    pieces = []
    markers = list(_KIND_MARKER.finditer(cell))
    for index, marker in enumerate(markers):
        end = markers[index + 1].start() if index + 1 < len(markers) else len(cell)
        body = cell[marker.end() : end].strip()
        name, description = body, ""
        for known in sorted(known_names, key=len, reverse=True):
            if body.startswith(known):
                name, description = known, body[len(known) :].strip()
                break
        else:
            if "\n" in body:
                name, description = body.split("\n", 1)
        pieces.append((enums.intervention_type(marker[1]), name.strip(), re.sub(r"\s+", " ", description).strip()))
    return pieces


def _condition_table(lines: list[str]) -> tuple[tuple[str, ...], list[tuple[str, str]], tuple[str, ...]]:
    """Conditions, (kind, name) interventions and phases from the 'Condition or disease' table."""
    for index, line in enumerate(lines):
        if not line.startswith("Condition or disease"):
            continue
        row = ""
        for following in lines[index + 1 : index + 4]:
            if re.fullmatch(r"[-| ]+", following):
                continue
            row = following
            break
        if not row:
            return (), [], ()
        phase_match = _PHASE_TAIL.search(row)
        phases = enums.phases(phase_match[1]) if phase_match else ()
        body = row[: phase_match.start()] if phase_match else row
        cells = [cell.strip() for cell in body.split("|")]
        if len(cells) >= 2 and "|" in body:
            condition_cell, intervention_cell = cells[0], cells[1]
        else:
            first = _KIND_MARKER.search(body)
            condition_cell = body[: first.start()] if first else body
            intervention_cell = body[first.start() :] if first else ""
        interventions = [(kind, name) for kind, name, _ in _split_interventions(intervention_cell, [])]
        conditions = tuple(part.strip() for part in re.split(r"\s{2,}|;", condition_cell) if part.strip())
        return conditions, interventions, phases
    return (), [], ()


def _arms(lines: list[str], known_names: list[str]) -> tuple[list[Arm], dict[str, tuple[str, str]]]:
    """Arms table: 'Type: label' / description / '|' / intervention cell ending in '|'."""
    start = next((i for i, line in enumerate(lines) if re.match(r"^Arm\s*\|?\s*Intervention/treatment", line)), None)
    if start is None:
        return [], {}
    arms: list[Arm] = []
    details: dict[str, tuple[str, str]] = {}
    arm_cell: list[str] = []
    intervention_cell: list[str] = []
    in_interventions = False
    for line in lines[start + 1 :]:
        if re.fullmatch(r"-+\s*\|?\s*-*\s*\|?\s*-*\s*\|?", line) and not arm_cell:
            continue
        if line.startswith("- ") or line in {"-"} or "Time Frame:" in line:
            break
        if not in_interventions:
            if line == "|":
                in_interventions = True
            else:
                arm_cell.append(line)
            continue
        intervention_cell.append(line.rstrip("|").strip() if line.endswith("|") else line)
        if line.endswith("|"):
            _add_arm(arm_cell, intervention_cell, known_names, arms, details)
            arm_cell, intervention_cell, in_interventions = [], [], False
    if in_interventions and intervention_cell:  # a page cut inside the last row keeps what it shows
        _add_arm(arm_cell, intervention_cell, known_names, arms, details)
    return arms, details


def _add_arm(arm_cell, intervention_cell, known_names, arms, details) -> None:
    head = _ARM_HEAD.match(arm_cell[0]) if arm_cell else None
    pieces = _split_interventions("\n".join(intervention_cell), known_names)
    for kind, name, description in pieces:
        details.setdefault(name, (kind, description))
    if head:
        arms.append(
            Arm(
                label=head[2].strip(),
                type=enums.arm_type(head[1]),
                description=paragraph(arm_cell[1:]),
                intervention_names=tuple(name for _, name, _ in pieces),
            )
        )


def _outcomes(lines: list[str]) -> tuple[Outcome, ...]:
    outcomes = []
    kind = ""
    for line in lines:
        lowered = line.lower()
        if lowered.startswith("primary outcome measure"):
            kind = "PRIMARY"
        elif lowered.startswith("secondary outcome measure"):
            kind = "SECONDARY"
        elif lowered.startswith("other outcome measure"):
            kind = "OTHER"
        match = re.match(r"^-?\s*(.+?)\s*\[\s*Time Frame:\s*(.*?)\s*\]\s*(.*)$", line)
        if match:
            outcomes.append(Outcome(match[1], kind, match[2], match[3].strip()))
    return tuple(outcomes)


def _criteria(lines: list[str]) -> tuple[str, str]:
    inclusion: list[str] = []
    exclusion: list[str] = []
    target = None
    for line in lines:
        if re.match(r"^Inclusion Criteria\s*:?$", line, re.I):
            target = inclusion
        elif re.match(r"^Exclusion Criteria\s*:?$", line, re.I):
            target = exclusion
        elif target is not None:
            if re.match(r"^(To learn more|Contacts and Locations|Please refer to this study|Layout table)", line):
                target = None
            else:
                target.append(line)
    return paragraph(inclusion), paragraph(exclusion)


def _sites_and_people(lines: list[str]) -> tuple[tuple[Site, ...], tuple[Contact, ...]]:
    sites: list[Site] = []
    contacts: list[Contact] = []
    start = next((i for i, line in enumerate(lines) if line.startswith("Please refer to this study")), None)
    if start is None:
        return (), ()
    pending: list[str] = []
    for line in lines[start + 1 :]:
        investigator = re.match(
            r"^(Principal Investigator|Study Director|Study Chair):\s*\|?\s*([^|]+)\|?\s*([^|]*)\|?", line
        )
        if investigator:
            contacts.append(
                Contact(
                    name=investigator[2].strip(),
                    role=investigator[1].upper().replace(" ", "_"),
                    affiliation=investigator[3].strip(),
                )
            )
            continue
        if _ROW.match(line) and ":" in line.split("|")[0]:
            if line.startswith(("Responsible Party", "ClinicalTrials.gov Identifier")):
                break
            continue
        cell = line.rstrip("| ").strip()
        if line.rstrip().endswith("| |"):
            pending.append(cell)
        elif "," in cell and pending:
            parts = [part.strip() for part in cell.split(",")]
            if parts and re.fullmatch(r"[\d -]+", parts[-1]):
                parts = parts[:-1]
            sites.append(
                Site(
                    facility=pending[-1],
                    city=parts[0],
                    state=", ".join(parts[1:-1]),
                    country=normalize_country(parts[-1]) if len(parts) > 1 else "",
                )
            )
            pending = []
    return tuple(sites), tuple(contacts)


def _other_ids(lines: list[str]) -> list[str]:
    for index, line in enumerate(lines):
        if line.startswith("Other Study ID Numbers"):
            ids = []
            inline = line.split(":", 1)[1].strip(" |")
            if inline:
                ids.append(inline)
            for following in lines[index + 1 :]:
                if _ROW.match(following) and ":" in following:
                    break
                ids.append(following.strip(" |"))
            return [value for value in ids if value]
    return []


def _sponsor(lines: list[str]) -> str:
    for index, line in enumerate(lines):
        if re.match(r"^Sponsor\s*:", line):
            inline = line.split(":", 1)[1].strip(" |")
            if inline:
                return inline
            skip_value = False
            for following in lines[index + 1 : index + 6]:
                if following.startswith("Collaborator"):
                    skip_value = True  # an empty sponsor line: the collaborator's name is no sponsor
                    continue
                if following.rstrip(" |").endswith(":"):  # "Information provided by (Responsible Party):"
                    continue
                if skip_value:
                    skip_value = False
                    continue
                return following.strip(" |")
    return ""


def _a_design_row(line: str) -> bool:
    """'Study Type : Interventional': a row of the design's table, where the narrative ends."""
    row = _ROW.match(line)
    return bool(row) and bool(_DESIGN_LABELS.get(row["label"].strip().lower()))


def parse(text: str) -> list[TrialRecord]:
    # A page cut mid-line keeps the complete sentences of its last line.
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in complete_lines(text, keep_sentences=True) if line.strip()]
    lines = [field for line in lines for field in _unglued(line)]

    nct = None
    for line in lines:
        match = re.search(r"ClinicalTrials\.gov Identifier:\s*\|?\s*(NCT\d{8})\b", line)
        if match:
            nct = parse_identifier(match[1])
            break
    if not nct:
        raise IngestError("no 'ClinicalTrials.gov Identifier: NCT...' line")

    title = ""
    disclaimer = next(
        (i for i, line in enumerate(lines) if line.startswith("The safety and scientific validity")), None
    )
    for line in lines[: disclaimer if disclaimer is not None else 1]:
        if not _BANNER.match(line):
            title = line.rstrip(" |")
    acronym = ""
    acronym_match = re.match(r"^(.*\S)\s+\(([^()]{1,20})\)$", title)
    if acronym_match:
        title, acronym = acronym_match[1], acronym_match[2]

    # The current status only: "Recruitment status was: ..." (the last known one) is not kept.
    status_raw, why_stopped = "", ""
    for index, line in enumerate(lines):
        match = re.match(r"^Recruitment Status\s*:\s*(.*)$", line)
        if match and not status_raw:
            following = lines[index + 1 : index + 3]
            inline = match[1].strip(" |")
            reason = re.match(r"^(.+?)\s*\((.+)\)$", inline)  # "Withdrawn (Policy changes ...)"
            if reason and enums.status(reason[1]):
                inline, why_stopped = reason[1], reason[2].strip()
            status_raw = inline or (following[0] if following else "")
            after = following[0 if inline else 1 : 1 if inline else 2]  # the line after the status, if any
            stopped = re.match(r"^\((.+)\)$", after[0]) if after else None
            if stopped:
                why_stopped = stopped[1].strip()

    rows = _rows(lines)
    conditions, table_interventions, phases = _condition_table(lines)
    known_names = [name for _, name in table_interventions]
    arms, intervention_details = _arms(lines, known_names)
    interventions = []
    for kind, name in table_interventions or [(v[0], k) for k, v in intervention_details.items()]:
        detail_kind, description = intervention_details.get(name, (kind, ""))
        interventions.append(
            Intervention(
                name=name,
                type=kind or detail_kind,
                description=description,
                arm_labels=tuple(arm.label for arm in arms if name in arm.intervention_names),
            )
        )

    summary_lines: list[str] = []
    table_row = next((i for i, line in enumerate(lines) if line.startswith("Condition or disease")), None)
    if table_row is not None:
        for line in lines[table_row + 3 :]:
            if _a_design_row(line) or line.startswith("Layout table"):
                break
            summary_lines.append(line)
    brief_summary_index = next((i for i, line in enumerate(lines) if line == "Brief Summary:"), None)
    if brief_summary_index is not None:
        summary_lines = []
        for line in lines[brief_summary_index + 1 :]:
            if line.startswith(("Condition or disease", "Detailed Description:")):
                break
            summary_lines.append(line)

    description_lines: list[str] = []
    description_index = next((i for i, line in enumerate(lines) if line == "Detailed Description:"), None)
    for line in lines[description_index + 1 :] if description_index is not None else ():
        if _a_design_row(line) or line.startswith(_AFTER_DESCRIPTION):
            break
        description_lines.append(line)

    def row(field: str) -> str:
        return rows.get(field, ("", ""))[1]

    def date_type(field: str) -> str:
        return enums.enrollment_type(rows.get(field, ("", ""))[0])

    inclusion, exclusion = _criteria(lines)
    sites, contacts = _sites_and_people(lines)
    min_age, max_age = parse_age_range(row("ages"))
    sponsor = _sponsor(lines)
    enrollment = parse_count(row("enrollment"))
    return [
        TrialRecord(
            source_format=FORMAT,
            identifiers=identifiers_from(nct, _other_ids(lines)),
            brief_title=title,
            official_title=row("official_title"),
            acronym=acronym,
            brief_summary=paragraph(summary_lines),
            detailed_description=paragraph(description_lines),
            study_type=enums.study_type(row("study_type")),
            phases=phases,
            status=enums.status(status_raw),
            status_raw=status_raw,
            why_stopped=why_stopped,
            enrollment=enrollment,
            enrollment_type=date_type("enrollment") if enrollment is not None else "",
            start_date=parse_partial_date(row("start")),
            start_date_type=date_type("start"),
            primary_completion_date=parse_partial_date(row("primary_completion")),
            primary_completion_date_type=date_type("primary_completion"),
            completion_date=parse_partial_date(row("completion")),
            completion_date_type=date_type("completion"),
            first_posted=parse_partial_date(row("first_posted")),
            last_updated=parse_partial_date(row("last_updated")),
            allocation=enums.allocation(row("allocation")),
            intervention_model=enums.intervention_model(row("intervention_model")),
            masking=enums.masking(row("masking")),
            purpose=enums.purpose(row("purpose")),
            sex=enums.sex(row("sex")),
            min_age_years=min_age,
            max_age_years=max_age,
            healthy_volunteers=enums.yes_no(row("healthy")),
            inclusion_criteria=inclusion,
            exclusion_criteria=exclusion,
            conditions_raw=conditions,
            responsible_party=row("responsible_party"),
            arms=tuple(arms),
            interventions=tuple(interventions),
            outcomes=_outcomes(lines),
            organizations=(Organization(sponsor, "LEAD_SPONSOR"),) if sponsor else (),
            sites=sites,
            contacts=contacts,
        )
    ]
