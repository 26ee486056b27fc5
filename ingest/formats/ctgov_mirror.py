"""ClinicalTrials.gov-derived study page, as text: labelled sections with one-line blurbs.

Sections ("Basic Information", "Study Design", "Study Groups", "Eligibility Criteria", ...) each
start with a header line and usually a one-sentence blurb. Values are API v2 enum words. A
variant of the same site prints the values without their labels, in the same order; values are
then recognised by their shape (an enum, "70 participants", a date, "20 Years").
"Related Clinical Trials" lists other trials: it is skipped whole.
"""

import re

from ingest.errors import IngestError
from ingest.formats._common import (
    LABELLED_VALUES,
    identifiers_from,
    is_age,
    paragraph,
    parse_count,
    split_list,
    split_sections,
)
from ingest.normalize import enums
from ingest.normalize.ages import parse_age_years
from ingest.normalize.countries import normalize_country
from ingest.normalize.dates import parse_partial_date
from ingest.normalize.identifiers import parse_identifier
from ingest.pages.basics import could_be_a_title
from ingest.record import (
    Arm,
    Contact,
    Intervention,
    Organization,
    Outcome,
    Site,
    TrialRecord,
)

FORMAT = "ctgov-mirror-page"
SOURCE_KIND = "mirror"
GENERAL_READER_FILLS = LABELLED_VALUES

HEADERS = {
    "Study Results",
    "Basic Information",
    "Brief Summary",
    "Related Clinical Trials",
    "Detailed Description",
    "Conditions",
    "Keywords",
    "Study Design",
    "Study Groups",
    "Interventions",
    "Outcome Measures",
    "Primary Outcomes",
    "Secondary Outcomes",
    "Eligibility Criteria",
    "Sponsors",
    "Responsible Party",
    "Central Contacts",
    "Locations",
    "Countries",
    "Other Identifiers",
    "More Related Trials",
}
_BLURB = re.compile(
    r"^(Get|Review|Dive|See|Understand|Learn|Check|Meet|Identify|Reach|Explore|Additional|The study team)\b.*[.!]$"
)
_NCT_LINE = re.compile(r"^NCT ID:\s*(\S+)", re.I)
_GROUP_TYPE = re.compile(r"^Group Type\s+(\S+)$", re.I)
_INTERVENTION_TYPE = re.compile(r"^Intervention Type\s+(\S+)$", re.I)


def detect(text: str) -> bool:
    head = text[:3000]
    return bool(re.search(r"^[ \t]*NCT ID:\s*NCT", head, re.M | re.I)) and any(
        re.search(rf"^[ \t]*{name}[ \t]*$", text, re.M)
        for name in ("Basic Information", "Eligibility Criteria", "Study Design")
    )


def _drop_blurbs(sections: dict[str, list[str]]) -> dict[str, list[str]]:
    return {name: [line for line in lines if not _BLURB.match(line)] for name, lines in sections.items()}


def _labelled(lines: list[str], labels: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """{field: value} for 'Label' / 'value' line pairs, and the lines that carried no label."""
    values: dict[str, str] = {}
    rest: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line in labels and index + 1 < len(lines) and lines[index + 1] not in labels:
            values[labels[line]] = lines[index + 1]
            index += 2
            continue
        if line not in labels:
            rest.append(line)
        index += 1
    return values, rest


_BASIC_LABELS = {
    "Recruitment Status": "status",
    "Clinical Phase": "phase",
    "Total Enrollment": "enrollment",
    "Study Classification": "study_type",
    "Study Start Date": "start",
    "Primary Completion Date": "primary_completion",
    "Study Completion Date": "completion",
}


def _basic(lines: list[str]) -> dict[str, str]:
    values, unlabelled = _labelled(lines, _BASIC_LABELS)
    dates = []
    for line in unlabelled:  # the label-less variant: recognise each value by its shape
        if enums.status(line) and "status" not in values:
            values["status"] = line
        elif re.fullmatch(r"(EARLY_)?PHASE\d(/PHASE\d)*|NA", line) and "phase" not in values:
            values["phase"] = line
        elif parse_count(line) is not None and re.search(r"participant", line, re.I):
            values.setdefault("enrollment", line)
        elif enums.study_type(line) and "study_type" not in values:
            values["study_type"] = line
        elif parse_partial_date(line):
            dates.append(line)
    # Unlabelled dates come as start, then completion (the page shows no other dates).
    if dates and "start" not in values:
        values["start"] = dates[0]
    if len(dates) > 1 and "completion" not in values:
        values["completion"] = dates[1]
    return values


_DESIGN_LABELS = {
    "Allocation Method": "allocation",
    "Intervention Model": "intervention_model",
    "Primary Study Purpose": "purpose",
    "Blinding Strategy": "masking",
}


def _design(lines: list[str]) -> dict[str, str]:
    values, unlabelled = _labelled(lines, _DESIGN_LABELS)
    parsed = {
        "allocation": enums.allocation(values.get("allocation", "")),
        "intervention_model": enums.intervention_model(values.get("intervention_model", "")),
        "purpose": enums.purpose(values.get("purpose", "")),
        "masking": enums.masking(values.get("masking", "")),
    }
    for line in unlabelled:
        word = line.strip().upper()
        if word in enums.ALLOCATIONS and not parsed["allocation"]:
            parsed["allocation"] = word
        elif word in enums.INTERVENTION_MODELS and not parsed["intervention_model"]:
            parsed["intervention_model"] = word
        elif word in enums.MASKINGS and not parsed["masking"]:
            parsed["masking"] = word
        elif word in enums.PURPOSES and not parsed["purpose"]:
            parsed["purpose"] = word
    return parsed


def _interventions(lines: list[str]) -> list[dict]:
    """Entries are name, description lines, 'Intervention Type X'; without labels, name/description pairs."""
    entries: list[dict] = []
    if any(_INTERVENTION_TYPE.match(line) for line in lines):
        block: list[str] = []
        for line in lines:
            match = _INTERVENTION_TYPE.match(line)
            if match:
                if block:
                    entries.append({"name": block[0], "description": paragraph(block[1:]), "type": match[1]})
                block = []
            else:
                block.append(line)
        if block:
            entries.append({"name": block[0], "description": paragraph(block[1:]), "type": ""})
    else:
        for index in range(0, len(lines), 2):
            description = lines[index + 1] if index + 1 < len(lines) else ""
            entries.append({"name": lines[index], "description": description, "type": ""})
    return entries


def _arms(lines: list[str], interventions: list[dict]) -> list[Arm]:
    """Arm label and description lines, then its intervention names (known from Interventions)."""
    names = {entry["name"] for entry in interventions}
    descriptions = {entry["description"] for entry in interventions if entry["description"]}
    arms: list[dict] = []
    pending: list[str] = []
    pending_type = ""
    current: dict | None = None
    for line in lines:
        group_type = _GROUP_TYPE.match(line)
        if group_type:
            pending_type = group_type[1]
        elif _INTERVENTION_TYPE.match(line) or line in descriptions:
            continue
        elif line in names:
            if pending:
                current = {
                    "label": pending[0],
                    "description": paragraph(pending[1:]),
                    "type": pending_type,
                    "names": [],
                }
                arms.append(current)
                pending, pending_type = [], ""
            if current is not None:
                current["names"].append(line)
        else:
            pending.append(line)
    if pending:
        arms.append({"label": pending[0], "description": paragraph(pending[1:]), "type": pending_type, "names": []})
    return [
        Arm(
            label=arm["label"],
            type=enums.arm_type(arm["type"]),
            description=arm["description"],
            intervention_names=tuple(arm["names"]),
        )
        for arm in arms
    ]


_ELIGIBILITY_LABELS = {
    "Minimum Eligible Age": "min_age",
    "Maximum Eligible Age": "max_age",
    "Eligible Sex": "sex",
    "Accepts Healthy Volunteers": "healthy",
}


def _eligibility(lines: list[str]) -> dict:
    inclusion: list[str] = []
    exclusion: list[str] = []
    rest: list[str] = []
    target = rest
    for line in lines:
        if line == "Inclusion Criteria":
            target = inclusion
        elif line == "Exclusion Criteria":
            target = exclusion
        elif (
            line in _ELIGIBILITY_LABELS
            or is_age(line)
            or enums.sex(line) in {"MALE", "FEMALE", "ALL"}
            and (line.isupper() or line in {"All", "Male", "Female"})
        ):
            target = rest
            rest.append(line)
        elif target is rest and enums.yes_no(line) is not None:
            rest.append(line)
        else:
            target.append(line)
    values, unlabelled = _labelled(rest, _ELIGIBILITY_LABELS)
    ages = [line for line in unlabelled if is_age(line)]
    if "min_age" not in values and "max_age" not in values and len(ages) == 2:
        values["min_age"], values["max_age"] = ages
    for line in unlabelled:
        if enums.sex(line) and "sex" not in values:
            values["sex"] = line
        elif enums.yes_no(line) is not None and "healthy" not in values:
            values["healthy"] = line
    return {
        "inclusion_criteria": paragraph(inclusion),
        "exclusion_criteria": paragraph(exclusion),
        "min_age_years": parse_age_years(values.get("min_age", "")),
        "max_age_years": parse_age_years(values.get("max_age", "")),
        "sex": enums.sex(values.get("sex", "")),
        "healthy_volunteers": enums.yes_no(values.get("healthy", "")),
    }


def _sponsors(lines: list[str]) -> tuple[Organization, ...]:
    entries: list[dict] = []
    for line in lines:
        role = re.match(r"^Sponsor Role\s+(\w+)", line, re.I)
        if role and entries:
            entries[-1]["role"] = "LEAD_SPONSOR" if role[1].lower() == "lead" else "COLLABORATOR"
        elif line.upper() in enums.AGENCY_CLASSES and entries and not entries[-1]["class"]:
            entries[-1]["class"] = line.upper()
        else:
            entries.append({"name": line, "class": "", "role": ""})
    if entries and not any(entry["role"] for entry in entries):
        # Without role labels the site lists the lead sponsor first.
        for index, entry in enumerate(entries):
            entry["role"] = "LEAD_SPONSOR" if index == 0 else "COLLABORATOR"
    return tuple(Organization(e["name"], e["role"] or "COLLABORATOR", e["class"]) for e in entries)


def _contacts(lines: list[str]) -> tuple[Contact, ...]:
    contacts: list[dict] = []
    for line in lines:
        role = re.match(r"^Role:\s*(.+)$", line, re.I)
        if role and contacts:
            contacts[-1]["role"] = role[1].strip()
        elif "@" in line and contacts:
            contacts[-1]["email"] = line
        elif re.fullmatch(r"[+\d][\d\s()./-]{5,}(ext\.?\s*\d+)?", line) and contacts:
            contacts[-1]["phone"] = line
        else:
            contacts.append({"name": line, "role": "", "phone": "", "email": ""})
    return tuple(Contact(**contact) for contact in contacts)


def _sites(lines: list[str]) -> tuple[Site, ...]:
    sites = []
    facility = ""
    for line in lines:
        address = re.fullmatch(r"([^,]*),\s*([^,]*),\s*([^,]+)", line)
        if address:
            sites.append(
                Site(
                    facility=facility,
                    city=address[1].strip(),
                    state=address[2].strip(),
                    country=normalize_country(address[3]),
                )
            )
            facility = ""
        else:
            facility = line
    return tuple(sites)


def _other_ids(lines: list[str]) -> list[str]:
    return [line for line in lines if not re.match(r"^Identifier (Type|Source):", line, re.I)]


def _outcomes(sections: dict[str, list[str]]) -> tuple[Outcome, ...]:
    outcomes = []
    for header, kind in (("Primary Outcomes", "PRIMARY"), ("Secondary Outcomes", "SECONDARY")):
        for line in sections.get(header, []):
            match = re.match(r"^(.*?)\s*\[\s*Time Frame:\s*(.*?)\s*\]\s*(.*)$", line)
            if match:
                outcomes.append(Outcome(match[1].lstrip("-* "), kind, match[2], match[3]))
            else:
                outcomes.append(Outcome(line.lstrip("-* "), kind))
    return tuple(outcomes)


def parse(text: str) -> list[TrialRecord]:
    lines = [re.sub(r"\s+", " ", line).strip() for line in text.split("\n") if line.strip()]
    preamble, sections = split_sections(lines, HEADERS)
    sections = _drop_blurbs(sections)

    nct = None
    last_updated = None
    title = ""
    for line in preamble:
        match = _NCT_LINE.match(line)
        if match:
            nct = parse_identifier(match[1])
        elif line.lower().startswith("last updated:"):
            last_updated = parse_partial_date(line.split(":", 1)[1])
        elif not title and could_be_a_title(line):
            title = line
    if not nct:
        raise IngestError("no NCT number on the 'NCT ID:' line")

    basic = _basic(sections.get("Basic Information", []))
    design = _design(sections.get("Study Design", []))
    intervention_entries = _interventions(sections.get("Interventions", []))
    arms = _arms(sections.get("Study Groups", []), intervention_entries)
    interventions = tuple(
        Intervention(
            name=entry["name"],
            type=enums.intervention_type(entry["type"]),
            description=entry["description"],
            arm_labels=tuple(arm.label for arm in arms if entry["name"] in arm.intervention_names),
        )
        for entry in intervention_entries
    )
    eligibility = _eligibility(sections.get("Eligibility Criteria", []))
    responsible = " ".join(sections.get("Responsible Party", []))
    responsible_match = re.search(r"Responsibility Role\s+(\S+)", responsible)

    sites = _sites(sections.get("Locations", []))
    return [
        TrialRecord(
            source_format=FORMAT,
            identifiers=identifiers_from(nct, _other_ids(sections.get("Other Identifiers", []))),
            brief_title=title,
            brief_summary=paragraph(sections.get("Brief Summary", [])),
            detailed_description=paragraph(sections.get("Detailed Description", [])),
            study_type=enums.study_type(basic.get("study_type", "")),
            phases=enums.phases(basic.get("phase", "")),
            status=enums.status(basic.get("status", "")),
            status_raw=basic.get("status", ""),
            enrollment=parse_count(basic.get("enrollment", "")),
            start_date=parse_partial_date(basic.get("start", "")),
            primary_completion_date=parse_partial_date(basic.get("primary_completion", "")),
            completion_date=parse_partial_date(basic.get("completion", "")),
            last_updated=last_updated,
            conditions_raw=split_list("\n".join(sections.get("Conditions", []))),
            keywords=split_list("\n".join(sections.get("Keywords", []))),
            arms=tuple(arms),
            interventions=interventions,
            outcomes=_outcomes(sections),
            organizations=_sponsors(sections.get("Sponsors", [])),
            contacts=_contacts(sections.get("Central Contacts", [])),
            sites=sites,
            responsible_party=(responsible_match[1].replace("_", " ").title() if responsible_match else ""),
            **design,
            **eligibility,
        )
    ]
