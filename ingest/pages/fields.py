"""Field validators: does a value read as its field? A status must read as a status, a date as a
date, an enrollment as a count, an id as a registry id. The page reader takes a value only when it
does, so the next label, a heading or a sentence is never taken for a value.
"""

import re

from ingest.normalize import enums
from ingest.normalize.ages import parse_age_range
from ingest.normalize.countries import countries_in
from ingest.normalize.dates import parse_page_date
from ingest.normalize.identifiers import find_identifiers, parse_identifier
from ingest.pages.basics import enrollment_in_narrative, parse_count, spelled_number
from ingest.pages.labels import LABELS, label_key

NOT_GIVEN = {"", "n/a", "none", "(none)", "not available", "not provided", "not specified", "-", "—", "–", "nil"}
_PHASE_MATRIX = re.compile(r"\(phase\s*[iv]+\)\s*:\s*(yes|no)", re.I)  # the EU register's yes/no phases
DATE_FIELDS = {"start", "completion", "primary_completion", "last_updated", "first_posted"}
# "Estimated" / "Actual" / "Anticipated" that mirrors print before or after a count or a date.
_TYPE_WORDS = re.compile(
    r"^\(?(estimated|actual|anticipated|expected|target|planned)\)?[:\s]+|\s+\(?(estimated|actual|anticipated|planned)\)?$",
    re.I,
)
# "Expecting 40 study participants", "Approximately 40 adults": a finder's count in a few words.
_COUNT_WORDS = re.compile(
    r"^(?:(?:total|approximately|approx\.?|about|around|up to|[~≈]|n\s*=|expecting|expected|seeking|looking for"
    r"|enrolling|recruiting|aiming for|targeting)\s*){0,2}(\d[\d,.\s]*?)\s*"
    r"(?:(?:study|trial|adult|eligible|healthy|female|male)\s+)?"
    r"(?:participants?|patients?|subjects?|people|persons?|volunteers?|cases?|adults?|children|women|men"
    r"|名|例|명|人|teilnehmende|teilnehmer|participantes?|pacientes?)?\b"
    r"(?:\s*\([^()]{1,60}\))?",  # "N = 40 (20 per arm)"
    re.I,
)


_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d{1,7})"
_STATED_TOTAL = re.compile(rf"\b{_NUMBER}\s+(?:in\s+)?total\b|\btotal(?:\s+of)?\s*[:=]?\s*{_NUMBER}\b", re.I)


def undouble(value: str) -> str:
    """A value some pages print twice ('Recruiting Recruiting', 'Phase 2Phase 2') once."""
    value = value.strip()
    words = value.split()
    if len(words) >= 2 and len(words) % 2 == 0 and words[: len(words) // 2] == words[len(words) // 2 :]:
        return " ".join(words[: len(words) // 2])
    half = len(value) // 2
    if len(value) >= 4 and len(value) % 2 == 0 and value[:half] == value[half:]:
        return value[:half]
    return value


def is_label(text: str) -> bool:
    return label_key(text) in LABELS


_GROUPS_OF = re.compile(
    r"(\d{1,2})\s*(?:[x×]|(?:groups?|arms?|cohorts?)\s+of)\s*(\d{1,5})(?:\s+[^\W\d]+)?", re.I
)  # "2 x 30", "2 groups of 15 patients"
# Each group's count, the total unsaid: "Experimental group: 20; Control group: 20", "Arm A 15, Arm B 15",
# "试验组:30;对照组:30".
_GROUP_COUNT = re.compile(
    r"\s*(?:[^\W\d][\w'’ -]{0,30}?\s|[\u4e00-\u9fff]{1,6})?(?:group|arm|cohort|组)"
    r"(?:\s*(?:[a-z]|[ivx]{1,3}|\d{1,2})\b)?\s*[:：=]?\s*(?:n\s*=\s*)?(\d{1,5})"
    r"(?:\s*(?:participants|patients|subjects|people|cases|例|人))?\s*",
    re.I,
)

# A date in numbers ("15/01/2025", "2025-01-15", "31.12.2024"): its numbers are no count.
_A_DATE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b")


def a_group_count(text: str) -> bool:
    """'Control group: 30', '对照组:30': one group's count, a part of a size said group by group."""
    return bool(_GROUP_COUNT.fullmatch(text))


# A count that is no trial's size: a range ("30-40", "30 to 40": the manifest's careful reader keys
# none), one group's alone ("20 per arm", the groups unsaid), a number of things that are no
# participants ("2 groups", "3 sites", "12 months") or a share of the places ("1 of 40 spots left").
# Parts of the body or things treated, counted where people are asked for: "80 ulcers", "6 eyes".
_PARTS_COUNTED = (
    r"(?:ulcers?|wounds?|lesions?|eyes?|scars?|limbs?|sides?|halves|hemifaces?|patches|plaques?|biops(?:y|ies)"
    r"|samples?|specimens?|grafts?|donor\s+sites?)"
)
_NO_SIZE = re.compile(
    r"\s*(?:\d{1,5}\s*(?:-|–|—|to|bis|à|a|~|〜|～)\s*\d{1,5}"
    r"|\d{1,5}\s*(?:participants|patients|subjects)?\s*(?:per|in\s+each|each|/)\s*(?:arm|group|cohort))"
    r"(?:\s*(?:participants|patients|subjects|people))?\s*(?:[,;(].*)?"  # "15 per group, 2 groups"
    r"|\s*\d[\d,]*\s+(?:of\s+\d|(?:groups?|arms?|cohorts?|sites?|cent(?:er|re)s?|locations?|countries|visits?"
    rf"|years?|months?|weeks?|days?|doses?|injections?|sessions?|spots?|places?|openings?|{_PARTS_COUNTED})\b).*",
    re.I | re.S,
)
# "80 ulcers in 40 patients": the people are the trial's size.
_PARTS_IN_PEOPLE = re.compile(
    rf"\s*\d[\d,]*\s+{_PARTS_COUNTED}\s+(?:in|of|from|on)\s+(\d[\d,]*)\s+"
    r"(?:participants|patients|subjects|people|adults|children|volunteers)\b.*",
    re.I | re.S,
)


# A count for a region, as the EU's register prints it ("EEA: 60", "EEA: 60; Worldwide: 120"):
# the whole trial's where both are given.
_REGION_COUNT = re.compile(
    r"\b(eea|eu|national|global|worldwide|overall|whole (?:clinical )?trial|all countries)"
    r"\s*[:=]\s*(\d{1,7})\b",
    re.I,
)
_WHOLE_TRIAL = ("global", "worldwide", "overall", "whole", "all countries")


def count(value: str) -> int | None:
    """'40', '40 participants', '1,200', 'Estimated: 40', '40名', 'n = 40' -> the number."""
    value = _A_DATE.sub(" ", value)  # a date's numbers are no count: "15/01/2025" no 15, "2025-01-15" no 2025
    total = re.search(r"total sample size\s*=\s*\"?(\d{1,7})", value, re.I)  # CTRI: Total Sample Size="40"
    if total:
        return int(total[1])
    in_words = re.match(r"\s*([^\W\d][\w -]{2,40}?)\s*\((\d{1,5})\)", value)  # "Forty (40) participants"
    if in_words and spelled_number(in_words[1]) == int(in_words[2]):
        return int(in_words[2])
    regions = _REGION_COUNT.findall(value)
    if regions:
        whole = [number for region, number in regions if region.lower().startswith(_WHOLE_TRIAL)]
        return int((whole or [regions[0][1]])[0])
    value = _TYPE_WORDS.sub("", value.strip()).strip()
    stated = _STATED_TOTAL.search(value)  # "20 per group, 40 total": the total, not the first number
    if stated:
        return int(re.sub(r"\D", "", stated[1] or stated[2]))
    groups = _GROUPS_OF.fullmatch(value)  # "2 x 30": two arms of thirty
    if groups:
        return int(groups[1]) * int(groups[2])
    parts = [part for part in re.split(r"[;,，；\n]", value) if part.strip()]  # "...:30;Control group:30;"
    if len(parts) >= 2 and all(_GROUP_COUNT.fullmatch(part) for part in parts):
        return sum(int(_GROUP_COUNT.fullmatch(part)[1]) for part in parts)
    in_people = _PARTS_IN_PEOPLE.fullmatch(value)
    if in_people:
        return int(in_people[1].replace(",", ""))
    if _NO_SIZE.fullmatch(value):
        return None
    found = parse_count(value)
    if found is not None:
        return found
    spelled = spelled_number(value)
    if spelled is not None:
        return spelled
    match = _COUNT_WORDS.fullmatch(value)
    if match:
        digits = re.sub(r"[,.\s]", "", match[1])
        return int(digits) if digits.isdigit() and len(digits) <= 7 else None
    # A site's answer to its own question ("How many people are participating?" over "The study
    # is looking to enroll 40 patients"): the one count the sentence says.
    return enrollment_in_narrative(value) if len(value) <= 300 else None


# A period printed where a date is asked for: "从2021-05-01至2023-05-01" (ChiCTR's study time),
# "01/05/2021 to 30/04/2023", "2021-05 ~ 2023-04", and as ChiCTR's English page glues it,
# "From 2024-03-01To 2025-03-01".
_PERIOD = re.compile(
    r"^(?:from\s*|从\s*|自\s*)?(\S.{4,38}?)\s*"
    r"(?:至|到|~|～|–|—|\s-\s|\s+to\s+|(?<=\d)to\s*|\s+until\s+|\s+till\s+)\s*(\S.{4,38})$",
    re.I,
)


# "Starting June 2024", "From 1 March 2023": the date after the word saying it begins then.
_FROM_WORDS = re.compile(
    r"^(?:starting|starts|started|beginning|begins|began|from|opening|opens)\s+(?:in\s+|on\s+)?"
    # a plan's words before the date: "expected in early 2026", "planned for June 2025", "in June 2025"
    r"|^(?:(?:expected|anticipated|planned|scheduled|estimated)\s+)?(?:in|for|on|to\s+be)\s+(?=\S)",
    re.I,
)


def page_date(value: str, end: bool = False, month_first: bool = False):
    """The date the value says; of a period, its first day (its last with `end`: a completion).
    `month_first`: the page's own dates put the month first (dates.month_first_page)."""
    value = _FROM_WORDS.sub("", _TYPE_WORDS.sub("", value.strip()).strip())
    period = _PERIOD.match(value)
    if period:  # (a date read from the period's start alone would do for a start, not for an end)
        first, last = parse_page_date(period[1], month_first), parse_page_date(period[2], month_first)
        if first and last:
            return last if end else first
    return parse_page_date(value, month_first)


def answered_recruiting(answer: str) -> bool:
    """A yes to "Is this trial recruiting?" ("Yes", "Yes, it is enrolling."). A no says less: not
    yet, or no longer."""
    first = re.split(r"[\s,.;!–—-]+", answer.strip(), maxsplit=1)[0]
    return bool(first) and enums.yes_no(first) is True


_SAID_BY = re.compile(r"\b(?:is|was|are|were)\s+(?:being\s+)?(?:sponsored|funded|led|run|conducted)\s+by\b")


def clean(name: str, value: str) -> str:
    """The value as the field takes it (printed twice -> once), or "" when it does not read as
    this field's value."""
    value = undouble(re.sub(r"\s+", " ", value or "").strip())
    if name == "allocation" and value.lower() in ("n/a", "na", "not applicable"):
        return value  # a single-group trial's allocation: not applicable is a value here
    if name == "phase":  # "N/A" is a phase here: not applicable; a sentence naming a phase is no phase
        short = len(value) < 40 or (len(value) < 200 and _PHASE_MATRIX.search(value))
        return value if enums.phases(value) and short else ""
    if name == "results_url":  # the one value that is an address
        return value if re.fullmatch(r"https?://\S+", value) and len(value) <= 2000 else ""
    if name in ("status", "overall_status") and LABELS.get(label_key(value)) == "enrollment":
        # "Status: Enrolling": a status word that also labels a count ("Enrolling: 40 participants")
        return value if enums.labelled_status(value) else ""
    if value.lower() in NOT_GIVEN or is_label(value) or re.match(r"https?://", value):
        return ""
    if name == "has_results":
        return value if enums.yes_no(value) is not None else ""
    if value.endswith((":", "：")):  # another label ("Information provided by:"), not a value
        return ""
    if name == "id":
        found = parse_identifier(value)
        if found:
            return value
        ids = find_identifiers(value)  # "NCT01234567 (ClinicalTrials.gov)"
        distinct = list(dict.fromkeys(v for _, v in ids))
        if len(distinct) == 1:
            return distinct[0] if len(value) < 80 else ""
        # The trial's registrations under one label ("NCT01234567 (ClinicalTrials.gov); 2019-001234-56
        # (EU register)"): each id, the first the page's own.
        return "; ".join(distinct) if 1 < len(distinct) <= 4 and len(value) < 200 else ""
    if name == "recruiting_asked":  # "Yes", "Yes, it is currently enrolling.", or a status
        return value if answered_recruiting(value) or enums.labelled_status(value) else ""
    if name in ("status", "overall_status"):
        readable = enums.labelled_status(value)
        # (a stopped trial's reason in brackets after it may be long: "Withdrawn (Policy changes ...)")
        bare = re.sub(r"\s*\([^()]{0,400}\)\s*$", "", value)
        return value if readable and len(bare) < 80 else ""
    if name == "sex":
        return value if enums.sex(value) else ""
    if name == "enrollment":
        return value if count(value) is not None else ""
    if name in DATE_FIELDS:
        return value if page_date(value) else ""
    if name == "study_type":
        return value if enums.study_type(value) else ""
    if name == "countries":
        return value if countries_in(value) else ""
    if name in ("title", "official_title"):
        return value if 8 <= len(value) < 600 and parse_identifier(value) is None else ""
    if name == "ages":
        return value if any(age is not None for age in parse_age_range(value)) else ""
    if name == "healthy":
        return value if enums.yes_no(value) is not None else ""
    if name == "ignored":
        return ""
    readers = {
        "allocation": enums.allocation,
        "intervention_model": enums.intervention_model,
        "purpose": enums.purpose,
        "masking": enums.masking,
    }
    if name in readers:  # a design value reads as one of its field's values
        return value if len(value) < 200 and readers[name](value) else ""
    if name == "sponsor":
        inner = re.match(r"([^:]{1,40}):\s+(\S.*)$", value)
        if inner and LABELS.get(label_key(inner[1])) == "sponsor":
            value = inner[2]  # "Sponsor: Lead sponsor: Example University": the inner label's value
        # "Organisation University College London" under "Sponsor information": a block's row label
        # printed before the name on its line.
        value = _without_its_address(_ROW_LABEL_BEFORE_A_NAME.sub("", value, count=1))
        # "Example Therapeutics (Responsible Party)": the role ClinicalTrials.gov prints after the name
        value = re.sub(r"\s*\((?:responsible\s+party|sponsor)\)$", "", value, flags=re.I)
        # A name, not a sentence ("Co., Ltd." ends with a full stop too).
        ok = len(value) < 200 and len(value.split()) <= 15 and not re.search(r"\w{4,}\.\s", value + " ")
        ok = ok and not re.match(r"[^:]{1,40}:\s", value)  # "Sponsor level: Primary": another label's pair
        # "Sponsors / Funding sources": the heading's rest; a name opens with a letter, a digit or a quote.
        ok = ok and bool(re.match(r"[\w\"'“(]", value))
        ok = ok and not re.search(r"\[\d{1,2}\]$", value)  # "Funding source category [1]": a numbered row's label
        ok = ok and not find_identifiers(value)  # "Source: NCT... (ClinicalTrials.gov)": where the record came from
        # "The trial is sponsored by Example Bio, Inc.": a sentence naming it (read as the page's prose)
        ok = ok and not _SAID_BY.search(value)
        # Words all in lower case are the label's own rest ("Sponsor contact", "Sponsor website") or a
        # sentence going on ("Company doses first patient in ..."): organizations write their names
        # with capitals.
        ok = ok and not re.fullmatch(r"[a-z][a-z0-9 ,'&-]*", value)
        # A sub-label under a "Sponsor" heading ("Institute", "Organization name"), its name beside it.
        ok = ok and not _NAMING_WORD.fullmatch(value)
        return value if ok else ""
    return value


_A_STREET = re.compile(
    r"\b(?:street|road|avenue|boulevard|lane|drive|stra(?:ss|ß)e|gasse|platz|rue|via|calle|avenida|rua)\b"
    r"|str\.|\w(?:stra(?:ss|ß)e|weg|gasse)\b",  # ("Str. 55", "Hauptstr.", "Hauptstraße")
    re.I,
)


def _without_its_address(value: str) -> str:
    """'Example University Hospital, 5 Main Street, 79106 Freiburg, Germany' -> the name: the
    postal address a registry prints after it (a number in it, a country at its end) is no part
    of it. The address starts at a piece with a number ("Co., Ltd., 3F, 12 Road, ..." keeps "Ltd.";
    "3rd Affiliated Hospital" is a name's). 'University of California, San Francisco' keeps its place."""
    for comma in re.finditer(r",\s*", value):
        rest = value[comma.end() :]
        piece = rest.split(",", 1)[0]
        numbered = re.search(r"\d", piece) and not re.search(r"\d(?:st|nd|rd|th)\b", piece)
        if (numbered or _A_STREET.search(piece)) and "," in rest and countries_in(rest.rsplit(",", 1)[-1]):
            return value[: comma.start()]
    return value


_ROW_LABEL_BEFORE_A_NAME = re.compile(r"^(?:organi[sz]ation|name)(?:\s+name)?(?:\s*[:：]\s*|\s+)(?-i:(?=[A-Z]))", re.I)

# The heading of a column or a row naming an organization ("Sponsor" over "Name", over "Institute<TAB>...").
NAME_COLUMN = re.compile(
    r"name|organi[sz]ation name|name of (the )?(sponsor|organi[sz]ation)|institute|institution|organi[sz]ation", re.I
)
# Those headings, and the other rows of a sponsor's block: never an organization's name.
_NAMING_WORD = re.compile(
    rf"{NAME_COLUMN.pattern}|(?:institute|institution|department|division|affiliation)(?:\s+name)?", re.I
)

_ICD_CODE = re.compile(r"[A-Z]\d{2}(?:\.\d{1,2})?$")
# "ICD10: L80 - Vitiligo", "Free text: chronic venous leg ulcer", "MeSH: Burns": the coding
# system's name, and a code printed before its label, are no part of the condition's name.
_CODED_PREFIX = re.compile(
    r"^(?:(?:icd[\s-]?1[01](?:[\s-]?cm)?|mesh|meddra|snomed(?:[\s-]?ct)?|free[\s-]?text|freitext)(?:\s+code)?\s*:\s*)?"
    r"(?:[A-Z]\d{2}(?:\.\d{1,2})?\s*[-–:]\s+)?",
    re.I,
)
_MEDDRA_CODE = re.compile(r"\d{8}$")
# "Skin and Connective Tissue Diseases [C17]": a MeSH tree's category (a therapeutic area), no condition.
_MESH_CATEGORY = re.compile(r"\[[A-Z]\d{0,2}(?:\.\d{3})*\]$")


def without_coding(text: str) -> str:
    """'ICD10: I83.2 - Varicose veins ...' -> 'Varicose veins ...': a condition line's name."""
    return _CODED_PREFIX.sub("", text.strip(), count=1)


# "Condition 1: Acne scar. Condition 2: Atrophic scar.": the IRCT's numbered conditions, as the
# WHO's portal and mirrors copy them.
NUMBERED_CONDITION = re.compile(r"\b(?:health\s+)?(?:condition|disease|problem)\s*\d{1,2}\s*[:：]\s*", re.I)


def condition_names(lines) -> tuple[str, ...]:
    """A page's condition lines as names: ICD-10 and MedDRA codes glued to the end taken off, and
    "alopecia areata.Alopecia areata, unspecified" (the registry's words, then an ICD label) split."""
    names: list[str] = []
    for numbered in lines:
        for line in NUMBERED_CONDITION.split(numbered):
            _add_condition_names(line, names)
    return tuple(names)


def _add_condition_names(line: str, names: list[str]) -> None:
    if line.strip():
        line = without_coding(line)
        line = _MEDDRA_CODE.sub("", _ICD_CODE.sub("", line)).strip()
        for part in re.split(r"(?<=[a-z\)])\.(?=[A-Z])|(?<=[a-z])(?=[A-Z][a-z])", line):
            part = part.strip(" .;")
            if part and part.lower() not in NOT_GIVEN and part not in names and not _MESH_CATEGORY.search(part):
                names.append(part)
