"""Iranian Registry of Clinical Trials (IRCT) protocol page, as text.

The page is a run of label lines, each followed by its value lines. Labels repeat inside
numbered blocks (each outcome, intervention group, recruitment centre, sponsor), so the page is
first cut into (label, values) tokens, then read block by block within its section. Dates are
printed in two calendars ('2021-06-01, 1400/03/11', either first) or in the Solar Hijri one
alone: the Gregorian date is read, or converted. 'empty' means
no value. Many pages give the size and phase only in the design narrative ("phase 1 on 20
patients"); those are read when no labelled field says them. A page saved from its protocol
summary alone (no site banner) is known by that summary's own labels.
"""

import re

from ingest.errors import MissingIdentifierError
from ingest.formats._common import (
    LABELLED_VALUES,
    complete_lines,
    enrollment_in_narrative,
    glued_labels,
    identifiers_from,
    label_beside_value,
    paragraph,
    phases_in_narrative,
    row_cells,
    unglued_fields,
)
from ingest.normalize import enums
from ingest.normalize.ages import parse_age_years
from ingest.normalize.dates import parse_two_calendar_date
from ingest.normalize.identifiers import parse_identifier
from ingest.pages.basics import could_be_a_title
from ingest.record import Arm, Contact, Organization, Outcome, Site, TrialRecord

FORMAT = "irct-page"
SOURCE_KIND = "registry"
GENERAL_READER_FILLS = LABELLED_VALUES

SECTIONS = {
    "Protocol summary",
    "General information",
    "Ethics committees",
    "Health conditions studied",
    "Primary outcomes",
    "Secondary outcomes",
    "Intervention groups",
    "Recruitment centers",
    "Sponsors / Funding sources",
    "Person responsible for general inquiries",
    "Person responsible for scientific inquiries",
    "Person responsible for updating data",
    "Sharing plan",
}
BLOCK_STARTS = {
    "Ethics committee",
    "Description of health condition studied",
    "Description",
    "Recruitment center",
    "Sponsor",
    "Contact",
}
LABELS = (
    SECTIONS
    | BLOCK_STARTS
    | {
        "Clinical Trial Protocol",
        "Iranian Registry of Clinical Trials",
        "Study aim",
        "Design",
        "Settings and conduct",
        "Participants/Inclusion and exclusion criteria",
        "Main outcome variables",
        "Reason for update",
        "Acronym",
        "IRCT registration information",
        "Registration date",
        "Registrant information",
        "Name",
        "Name of organization / entity",
        "Country",
        "Phone",
        "Email address",
        "Recruitment status",
        "Funding source",
        "Expected recruitment start date",
        "Expected recruitment end date",
        "Actual recruitment start date",
        "Actual recruitment end date",
        "Trial completion date",
        "Scientific title",
        "Public title",
        "Purpose",
        "Inclusion/Exclusion criteria",
        "Age",
        "Gender",
        "Phase",
        "Groups that have been masked",
        "Sample size",
        "Randomization (investigator's opinion)",
        "Randomization description",
        "Blinding (investigator's opinion)",
        "Blinding description",
        "Placebo",
        "Assignment",
        "Other design features",
        "Secondary Ids",
        "Name of ethics committee",
        "Street address",
        "City",
        "Province",
        "Postal code",
        "Approval date",
        "Ethics committee reference number",
        "ICD-10 code",
        "ICD-10 code description",
        "Timepoint",
        "Method of measurement",
        "Category",
        "Name of recruitment center",
        "Full name of responsible person",
        "Email",
        "Grant name",
        "Grant code / Reference number",
        "Is the source of funding the same sponsor organization/entity?",
        "Title of funding source",
        "Proportion provided by this source",
        "Public or private sector",
        "Domestic or foreign origin",
        "Category of foreign source of funding",
        "Country of origin",
        "Type of organization providing the funding",
        "Position",
        "Latest degree",
        "Other areas of specialty/work",
        "Deidentified Individual Participant Data Set (IPD)",
        "Study Protocol",
        "Statistical Analysis Plan",
        "Informed Consent Form",
        "Clinical Study Report",
        "Analytic Code",
        "Data Dictionary",
    }
)
_SEPARATOR = "#"


_SUMMARY_LABELS = ("Settings and conduct", "Participants/Inclusion and exclusion criteria", "Main outcome variables")


def detect(text: str) -> bool:
    head = text[:6000]
    return (
        "Iranian Registry of Clinical Trials" in head
        or bool(re.search(r"IRCT registration (number|information)", text))
        or sum(bool(re.search(rf"^[ \t]*{re.escape(label)}[ \t]*$", head, re.M)) for label in _SUMMARY_LABELS) >= 2
    )


def _value(text: str) -> str:
    cleaned = text.replace("**", "").strip()
    return "" if cleaned.lower() in {"empty", "-"} else cleaned


def _tokens(lines: list[str]) -> list[tuple[str, list[str]]]:
    tokens: list[tuple[str, list[str]]] = [("", [])]
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if re.fullmatch(r"\d{1,2}", line) and following in BLOCK_STARTS:
            tokens.append((_SEPARATOR, []))
        elif line in LABELS:
            tokens.append((line, []))
        elif pair := label_beside_value(line, LABELS):
            tokens.append((pair[0], [pair[1]]))  # "Design: A clinical trial ...": label and value on one line
        else:
            tokens[-1][1].append(line)
    return tokens


def _read(tokens: list[tuple[str, list[str]]]) -> tuple[dict[str, str], dict[str, list[dict[str, str]]]]:
    """Flat fields outside blocks, and {section: [block fields]} for the numbered blocks."""
    fields: dict[str, str] = {}
    blocks: dict[str, list[dict[str, str]]] = {}
    section = ""
    for label, values in tokens:
        text = "\n".join(values).strip()
        if label in SECTIONS:
            section = label
            if label.startswith("Person responsible"):
                blocks.setdefault(section, []).append({})
            elif label == "Intervention groups" and text and "Intervention groups" not in fields:
                fields["Intervention groups"] = text  # the protocol summary's narrative
            continue
        if label == _SEPARATOR:
            blocks.setdefault(section, []).append({})
            continue
        if section in blocks and blocks[section] and section != "General information":
            blocks[section][-1].setdefault(label, text)
        else:
            fields.setdefault(label, text)
    return fields, blocks


def _inline(lines: list[str], label: str) -> str:
    for line in lines:
        match = re.match(rf"^{re.escape(label)}\s*:\s*(.*)$", line, re.I)
        if match:
            return _value(match[1])
    return ""


def _criteria(text: str) -> tuple[str, str]:
    match = re.search(r"Inclusion criteria:?\s*(.*?)\s*Exclusion criteria:?\s*(.*)$", text, re.S | re.I)
    if match:
        return match[1].strip(), match[2].strip()
    return text.strip(), ""


def _masking(blinding: str) -> str:
    lowered = blinding.lower()
    for word, value in (("not blinded", "NONE"), ("single", "SINGLE"), ("double", "DOUBLE"), ("triple", "TRIPLE")):
        if word in lowered:
            return value
    return ""


# (headings stand alone; the registration number is read from its own "Label: value" line)
_GLUED_LABELS = glued_labels(LABELS - SECTIONS - BLOCK_STARTS | {"IRCT registration number"})


def parse(text: str) -> list[TrialRecord]:
    lines = [cell for line in complete_lines(text) for cell in row_cells(line)]
    lines = [field for line in lines for field in unglued_fields(line, _GLUED_LABELS)]
    fields, blocks = _read(_tokens(lines))

    registration = _inline(lines, "IRCT registration number")
    irct = parse_identifier(registration) if registration else None

    preamble = [line for line in _tokens(lines)[0][1]]
    preamble += fields.get("Iranian Registry of Clinical Trials", "").split("\n")
    # The page prints the public title, then (some layouts) the scientific one.
    display_titles = [
        line
        for line in preamble
        if _value(line)  # a lone "-" (the dash-wrapped layout's rule) is no title
        and could_be_a_title(line)
        and not parse_two_calendar_date(line)
        and not re.match(r"^\d{1,2} \w+ \d{4}$", line)
    ]
    # A page cut above its labels opens in the study aim: sentences, no title.
    unlabelled_aim = [line for line in display_titles if re.search(r"[.!?]\s+[A-Z]", line)]
    display_titles = [line for line in display_titles if line not in unlabelled_aim]
    public_title = _value(fields.get("Public title", ""))
    scientific_title = _value(fields.get("Scientific title", ""))
    if not public_title and not scientific_title and len(display_titles) > 1 and display_titles[1] != display_titles[0]:
        scientific_title = display_titles[1]  # a title printed twice is one title

    inclusion, exclusion = _criteria(fields.get("Inclusion/Exclusion criteria", ""))
    age = fields.get("Age", "")
    age_from = re.search(r"From\s*\**\s*(\d+\s*\w*)", age, re.I)
    age_to = re.search(r"to\s*\**\s*(\d+\s*\w*)", age, re.I)
    sample = re.search(r"Target sample size:\s*\**\s*(\d+)", fields.get("Sample size", ""), re.I)

    start_actual = parse_two_calendar_date(_value(fields.get("Actual recruitment start date", "")))
    start_expected = parse_two_calendar_date(_value(fields.get("Expected recruitment start date", "")))
    completion = parse_two_calendar_date(_value(fields.get("Trial completion date", "")))

    conditions = tuple(
        _value(block.get("Description of health condition studied", ""))
        for block in blocks.get("Health conditions studied", [])
        if _value(block.get("Description of health condition studied", ""))
    )
    icd10 = tuple(
        _value(block["ICD-10 code"])
        for block in blocks.get("Health conditions studied", [])
        if _value(block.get("ICD-10 code", ""))
    )
    outcomes = tuple(
        Outcome(
            measure=_value(block.get("Description", "")),
            kind=kind,
            time_frame=_value(block.get("Timepoint", "")),
            description=_value(block.get("Method of measurement", "")),
        )
        for section, kind in (("Primary outcomes", "PRIMARY"), ("Secondary outcomes", "SECONDARY"))
        for block in blocks.get(section, [])
        if _value(block.get("Description", ""))
    )
    arms = []
    for number, block in enumerate(blocks.get("Intervention groups", []), start=1):
        description = _value(block.get("Description", ""))
        if not description:
            continue
        prefix = re.match(r"^([A-Z][\w ]{2,40}?group)\s*:", description, re.I)
        arms.append(Arm(label=f"Group {number}: {prefix[1]}" if prefix else f"Group {number}", description=description))
    sites = tuple(
        Site(
            facility=_value(block.get("Name of recruitment center", "")).replace("\n", " "),
            city=_value(block.get("City", "")),
            state=_value(block.get("Province", "")),
            country="Iran",  # IRCT registers trials run in Iran; the centre block has no country field
        )
        for block in blocks.get("Recruitment centers", [])
        if _value(block.get("Name of recruitment center", ""))
    )
    organizations = tuple(
        Organization(
            _value(block["Name of organization / entity"]).replace("\n", " "),
            "LEAD_SPONSOR" if i == 0 else "COLLABORATOR",
        )
        for i, block in enumerate(blocks.get("Sponsors / Funding sources", []))
        if _value(block.get("Name of organization / entity", ""))
    )
    contacts = []
    for section, role in (
        ("Person responsible for general inquiries", "Public inquiries"),
        ("Person responsible for scientific inquiries", "Scientific inquiries"),
    ):
        for block in blocks.get(section, []):
            name = _value(block.get("Full name of responsible person", ""))
            if name:
                contacts.append(
                    Contact(
                        name=name,
                        role=role,
                        phone=_value(block.get("Phone", "")),
                        email=_value(block.get("Email", "")),
                        affiliation=_value(block.get("Name of organization / entity", "")).replace("\n", " "),
                    )
                )
    secondary_ids = [line for line in fields.get("Secondary Ids", "").split("\n") if _value(line)]
    design = fields.get("Design", "")
    registration_date = parse_two_calendar_date(_inline(lines, "Registration date"))
    status_raw = _value(fields.get("Recruitment status", ""))
    record = TrialRecord(
        source_format=FORMAT,
        identifiers=identifiers_from(irct, secondary_ids) if irct else (),
        brief_title=public_title or (display_titles[0] if display_titles else ""),
        official_title=scientific_title,
        acronym=_value(fields.get("Acronym", "")),
        brief_summary=paragraph([fields.get("Study aim", "") or paragraph(unlabelled_aim), fields.get("Design", "")]),
        detailed_description=paragraph([fields.get("Settings and conduct", ""), fields.get("Intervention groups", "")]),
        study_type="INTERVENTIONAL" if blocks.get("Intervention groups") else "",
        phases=enums.phases(_value(fields.get("Phase", ""))) or phases_in_narrative(design),
        status=enums.status(status_raw),
        status_raw=status_raw,
        enrollment=int(sample[1]) if sample else enrollment_in_narrative(design, fields.get("Study aim", "")),
        enrollment_type="ESTIMATED" if sample else "",  # IRCT states the target size
        start_date=start_actual or start_expected,
        start_date_type="ACTUAL" if start_actual else ("ESTIMATED" if start_expected else ""),
        completion_date=completion,
        completion_date_type="ACTUAL" if completion else "",
        first_posted=registration_date,
        last_updated=parse_two_calendar_date(_inline(lines, "Last update")),
        allocation=enums.allocation(_value(fields.get("Randomization (investigator's opinion)", ""))),
        intervention_model=enums.intervention_model(_value(fields.get("Assignment", ""))),
        masking=_masking(fields.get("Blinding (investigator's opinion)", "")),
        purpose=enums.purpose(_value(fields.get("Purpose", ""))),
        sex=enums.sex(_value(fields.get("Gender", ""))),
        min_age_years=parse_age_years(age_from[1]) if age_from else None,
        max_age_years=parse_age_years(age_to[1]) if age_to else None,
        inclusion_criteria=inclusion,
        exclusion_criteria=exclusion,
        conditions_raw=conditions,
        icd10_codes=icd10,
        arms=tuple(arms),
        outcomes=outcomes,
        organizations=organizations,
        sites=sites,
        contacts=tuple(contacts),
    )
    if not irct:
        raise MissingIdentifierError("no complete IRCT registration number on the page", record)
    return [record]
