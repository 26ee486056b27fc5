"""Any other page that republishes a registry record (a mirror, a listing site, a field dump, a
Markdown rendering): the reader of last resort, tried after every site-specific format.

It reads what a careful person reads on an unfamiliar page: labelled fields in whichever shape
the site prints them ("Label: value", "Label" over its value, "Label value" without a colon,
bullets, Markdown bold), a title, the narrative under the usual headings, and the trial's own
registry identifier. It never reads below a "related trials" or "see also" heading (other
trials' ids, statuses and phases live there) and never takes a value from a line that names
another trial's id. Because the page's structure was guessed, every record it makes is marked
for curator review. A page that names no identifier of its own is refused.
"""

import re
from dataclasses import dataclass, field

from ingest.errors import IngestError, MissingIdentifierError
from ingest.formats._common import (
    complete_lines,
    enrollment_in_narrative,
    identifiers_from,
    parse_count,
    phases_in_narrative,
)
from ingest.normalize import enums
from ingest.normalize.countries import normalize_country
from ingest.normalize.dates import parse_partial_date
from ingest.normalize.identifiers import find_identifiers, parse_identifier
from ingest.record import Arm, Intervention, Organization, Site, TrialRecord

FORMAT = "generic-page"
SOURCE_KIND = "mirror"

# Label (lower case, single spaces, no trailing colon) -> field. What mirror sites call things.
LABELS = {
    **dict.fromkeys(
        [
            "nct id",
            "nct number",
            "nct no",
            "study nct id",
            "ct.gov id",
            "clinicaltrials.gov id",
            "clinicaltrials.gov identifier",
            "clinical study identifier",
            "trial id",
            "trial registration number",
            "registration number",
            "registry id",
            "study id",
        ],
        "id",
    ),
    **dict.fromkeys(
        ["other study id #", "other study id", "org study id", "secondary id", "secondary ids"], "other_id"
    ),
    **dict.fromkeys(["brief title", "title", "public title", "study title", "trial title"], "title"),
    **dict.fromkeys(["official title", "scientific title", "full title", "full title of study"], "official_title"),
    **dict.fromkeys(["status", "overall status", "recruitment status", "study status", "trial status"], "status"),
    **dict.fromkeys(["phase", "phases", "clinical phase", "study phase", "trial phase"], "phase"),
    **dict.fromkeys(
        [
            "enrollment",
            "target enrollment",
            "anticipated enrollment",
            "estimated enrollment",
            "actual enrollment",
            "enrollment (estimated)",
            "enrollment (actual)",
            "sample size",
            "target sample size",
            "number of participants",
        ],
        "enrollment",
    ),
    **dict.fromkeys(["sponsor", "lead sponsor", "source", "primary sponsor", "sponsor/collaborators"], "sponsor"),
    **dict.fromkeys(["study type", "study classification", "trial type"], "study_type"),
    **dict.fromkeys(
        ["start date", "study start", "study start date", "actual study start date", "estimated study start date"],
        "start",
    ),
    **dict.fromkeys(
        ["primary completion", "primary completion date", "study primary completion date"], "primary_completion"
    ),
    **dict.fromkeys(
        [
            "completion date",
            "final completion",
            "study completion date",
            "est. completion date",
            "estimated completion date",
            "actual completion date",
        ],
        "completion",
    ),
    **dict.fromkeys(["last updated", "last update posted", "last update"], "last_updated"),
    **dict.fromkeys(["first posted", "first post", "first received", "first submitted"], "first_posted"),
    **dict.fromkeys(
        ["conditions", "condition", "conditions studied", "related conditions & mesh terms", "health condition"],
        "conditions",
    ),
    **dict.fromkeys(["interventions", "intervention", "intervention/treatment"], "interventions"),
    **dict.fromkeys(["arms, groups and cohorts", "arms", "study arms", "arm groups"], "arms"),
    **dict.fromkeys(["countries", "location countries", "country"], "countries"),
    "allocation": "allocation",
    "intervention model": "intervention_model",
    "primary purpose": "purpose",
    "masking": "masking",
    **dict.fromkeys(
        ["brief summary", "summary", "overview", "clinical trial summary", "brief description of study", "about"],
        "summary",
    ),
    **dict.fromkeys(
        [
            "detailed description",
            "description",
            "detailed study description",
            "clinical trial description",
            "full description",
            "study description",
        ],
        "description",
    ),
}
LIST_FIELDS = {"conditions", "interventions", "arms", "countries"}
NARRATIVE_FIELDS = {"summary", "description"}
# Fields whose value may follow its label on the same line without a colon ("Status Recruiting"):
# only when the value reads as that field's kind, so a sentence starting "Phase two of ..." is no label.
_BARE_LABEL_FIELDS = {"id", "other_id", "status", "phase", "enrollment", "sponsor", "study_type", "start", "completion"}
_LABEL_WORDS = sorted(LABELS, key=len, reverse=True)

# Headings after which a page lists other trials: nothing below them is this trial's.
_RELATED = re.compile(
    r"^(see also|related (clinical )?(trials|studies)|more related trials|similar (clinical )?(trials|studies)"
    r"|other (clinical )?(trials|studies)|recent(ly)? (added |updated )?(clinical )?trials|you (may|might) also)\b",
    re.I,
)
# Site furniture above a title: whole-line words ("Image", "Menu") and a few openings.
_BOILERPLATE = re.compile(
    r"^(image|logo|share|print|menu|home|log ?in|sign ?in|start over)$"
    r"|^(.*\blogo\b|last updated\b|viewing (study|trial)\b|powered by\b|skip to\b|find a site\b|back to\b)",
    re.I,
)
_BULLET = re.compile(r"^(\s*)(?:[•◦▪·*+-]|\d{1,2}[.)])\s+")
_LABEL_COLON = re.compile(r"^([A-Za-z][\w .,&#/()'’?-]{0,60}?)\s*:\s*(.*)$")
_CLASS_SUFFIX = re.compile(r"\s*\((other|industry|nih|u\.s\. fed|fed|network|individual|unknown)\)$", re.I)
_NOT_GIVEN = {"", "n/a", "none", "(none)", "not available", "not provided", "not specified", "-", "—"}
# ClinicalTrials.gov's classic "Condition or disease | Intervention/treatment | Phase" table,
# which mirrors print as a header line then the cells.
_CONDITION_TABLE = re.compile(r"^condition or disease\s+intervention/treatment\s+phase$", re.I)
_TRIAL_WORDS = [
    r"\bstud(y|ies)\b",
    r"\btrials?\b",
    r"\b(patients|participants|subjects|volunteers)\b",
    r"\bphase\b",
    r"\brecruit",
    r"\beligib",
    r"\binclusion\b",
    r"\binterventions?\b",
    r"\boutcomes?\b",
    r"\benrol",
    r"\barms?\b",
    r"\bsponsor",
]


@dataclass
class Line:
    text: str
    depth: int = 0  # indentation of a bullet: nested bullets belong to the bullet above
    bullet: bool = False
    heading: int = 0  # Markdown heading level


@dataclass
class Fields:
    values: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # the words that labelled each value
    lists: dict[str, list[Line]] = field(default_factory=dict)
    narrative: dict[str, list[str]] = field(default_factory=dict)
    labelled: set[int] = field(default_factory=set)  # indexes of lines that carried a label or value

    def put(self, name: str, value: str, label: str = "") -> None:
        """The first value a page gives a field is the field's."""
        if name not in self.values:
            self.values[name], self.labels[name] = value, label


# A registry page is tens of kilobytes of text; a longer document is no page, and reading it
# line by line against every label would take long for nothing.
MAX_PAGE_CHARS = 2_000_000


def detect(text: str) -> bool:
    if len(text) > MAX_PAGE_CHARS:
        return False
    head = text[:20000]
    if find_identifiers(head[:5000]):
        return True
    return sum(bool(re.search(pattern, head, re.I)) for pattern in _TRIAL_WORDS) >= 3


def _lines(text: str) -> list[Line]:
    """Non-empty lines with Markdown and bullet marks taken off, up to a "related trials" heading."""
    result: list[Line] = []
    for raw in complete_lines(text):
        if not raw.strip():
            continue
        # " · " separates fields on one line (a Markdown summary line): each is a line of its own.
        for piece in raw.split(" · ") if " · " in raw else [raw]:
            line = Line(piece.rstrip())
            heading = re.match(r"^\s*(#{1,6})\s+", line.text)
            if heading:
                line.heading = len(heading[1])
                line.text = line.text[heading.end() :]
            line.text = re.sub(r"^\s*>\s?", "", line.text)
            bullet = _BULLET.match(line.text)
            if bullet:
                line.bullet, line.depth = True, len(bullet[1].expandtabs(4))
                line.text = line.text[bullet.end() :]
            line.text = re.sub(r"\s+", " ", line.text.replace("**", "").replace("__", "")).strip()
            if not line.text:
                continue
            if _RELATED.match(line.text):
                return result
            result.append(line)
    return result


def _label_key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().rstrip(":").strip().lower())


def _valid(name: str, value: str) -> bool:
    """Does `value` read as a value of this field? (Used where the label shape is ambiguous.)"""
    value = value.strip()
    if name == "phase":  # "N/A" is a phase here: not applicable
        return bool(enums.phases(value)) and len(value) < 40
    if value.lower() in _NOT_GIVEN:
        return False
    if name == "id":
        return parse_identifier(value) is not None
    if name == "status":
        return bool(enums.status(value))
    if name == "enrollment":
        return parse_count(value) is not None
    if name in {"start", "completion", "primary_completion", "last_updated", "first_posted"}:
        return parse_partial_date(value) is not None
    if name == "study_type":
        return bool(enums.study_type(value))
    # A name, not a sentence ("Co., Ltd." ends with a full stop too).
    return len(value) < 200 and len(value.split()) <= 15 and not re.search(r"\w{4,}\.\s", value + " ")


def _bare_label(text: str) -> tuple[str, str] | None:
    """'Status Not yet recruiting' -> ('status', 'Not yet recruiting'), when the rest reads as a status."""
    if len(text) > 150:
        return None
    lowered = text.lower()
    for label in _LABEL_WORDS:
        name = LABELS[label]
        if name in _BARE_LABEL_FIELDS and lowered.startswith(label + " "):
            value = text[len(label) + 1 :].strip()
            if _valid(name, value):
                return name, value
    return None


def _read_fields(lines: list[Line]) -> Fields:
    found = Fields()
    index = 0
    current_narrative = ""
    current_list = ""
    while index < len(lines):
        line = lines[index]
        text = line.text
        key = _label_key(text)
        colon = _LABEL_COLON.match(text)
        colon_name = LABELS.get(_label_key(colon[1])) if colon else None
        if current_list and line.bullet:
            found.lists.setdefault(current_list, []).append(line)
            found.labelled.add(index)
            index += 1
            continue
        current_list = ""
        if _CONDITION_TABLE.match(text):
            # The cells follow: bullets are interventions, a phase on its own line is the phase.
            current_list = "interventions"
            for offset in range(1, 6):
                if index + offset < len(lines) and _valid("phase", lines[index + offset].text):
                    found.put("phase", lines[index + offset].text)
                    break
            current_narrative = ""
            index += 1
            continue
        if key in LABELS and not line.bullet:
            name = LABELS[key]
            found.labelled.add(index)
            current_narrative = ""
            if name in LIST_FIELDS:
                current_list = name
            elif name in NARRATIVE_FIELDS:
                current_narrative = name
            elif index + 1 < len(lines) and _value_below(name, lines[index + 1].text):
                found.put(name, lines[index + 1].text, text)  # "Label" over its value
                found.labelled.add(index + 1)
                index += 1
            index += 1
            continue
        if colon_name:
            name, value = colon_name, colon[2].strip()
            found.labelled.add(index)
            current_narrative = ""
            if name in LIST_FIELDS:
                if value:
                    found.lists.setdefault(name, []).extend(Line(part.strip()) for part in re.split(r"[;|]", value))
                else:
                    current_list = name
            elif name in NARRATIVE_FIELDS:
                if value:
                    found.narrative.setdefault(name, []).append(value)
                current_narrative = name
            elif value:
                if value.lower() not in _NOT_GIVEN and not re.match(r"https?://", value):  # a link is no value
                    found.put(name, value, colon[1])
            elif index + 1 < len(lines) and _value_below(name, lines[index + 1].text):
                found.put(name, lines[index + 1].text, colon[1])
                found.labelled.add(index + 1)
                index += 1
            index += 1
            continue
        bare = _bare_label(text)
        if bare:
            found.put(*bare, text)
            found.labelled.add(index)
            current_narrative = ""
            index += 1
            continue
        if current_narrative and len(text) > 60:
            found.narrative.setdefault(current_narrative, []).append(text)
        elif len(text) > 200:
            found.narrative.setdefault("unlabelled", []).append(text)
        elif len(text) <= 60:
            current_narrative = "" if not line.bullet else current_narrative
        index += 1
    return found


def _value_below(name: str, text: str) -> bool:
    """Is the line under a bare label its value (and not the next label, or a paragraph)?"""
    return not _is_label(text) and (_valid(name, text) or name in {"title", "official_title"})


def _is_label(text: str) -> bool:
    colon = _LABEL_COLON.match(text)
    return (
        _label_key(text) in LABELS
        or bool(colon and _label_key(colon[1]) in LABELS)
        or _bare_label(text) is not None
        or bool(_CONDITION_TABLE.match(text))
    )


_REGISTRY_ADDRESS = re.compile(r"clinicaltrials\.gov/(study|ct2/show)/|isrctn\.com/|anzctr\.org\.au/", re.I)


def _own_identifiers(found: Fields, lines: list[Line]):
    """The trial's registry id from a labelled field, else the one registry id the page names
    where a page names its own: its opening lines (above the first paragraph) or the address of
    its registry page. An id met in the narrative may be another trial's ("as in NCT...")."""
    primary = parse_identifier(found.values.get("id", ""))
    if not primary:
        first_paragraph = next((i for i, line in enumerate(lines) if len(line.text) > 200), len(lines))
        places = [line.text for line in lines[:first_paragraph]]
        places += [line.text for line in lines if _REGISTRY_ADDRESS.search(line.text)]
        named = {pair for text in places for pair in find_identifiers(text) if pair[0] != "UTN"}
        primary = next(iter(named)) if len(named) == 1 else None
    other = found.values.get("other_id", "")
    return identifiers_from(primary, [other] if other and other.lower() not in _NOT_GIVEN else []) if primary else ()


def _title(found: Fields, lines: list[Line]) -> str:
    if found.values.get("title"):
        return found.values["title"]
    for line in lines:
        if line.heading == 1:
            return line.text
    # The first title-like line above the first field and the first paragraph.
    for index, line in enumerate(lines):
        if index in found.labelled or len(line.text) > 250:
            return ""
        text = line.text
        if (
            len(text.split()) >= 4
            and not _BOILERPLATE.match(text)
            and not re.search(r"\b(status|logo|image)\b", text, re.I)
            and not find_identifiers(text)
            and not text.endswith((".", ":"))
            and not line.bullet
        ):
            return text
    return ""


def _interventions(lines: list[Line]) -> tuple[Intervention, ...]:
    """'Type: name' bullets (a nested bullet describes the one above), or bare names."""
    entries: list[dict] = []
    top = min((line.depth for line in lines), default=0)
    for line in lines:
        if line.depth > top and entries:
            entries[-1]["description"] = (entries[-1]["description"] + "\n" + line.text).strip()
            continue
        kind, _, name = line.text.partition(":")
        if name and enums.intervention_type(kind):
            entries.append({"name": name.strip(), "type": enums.intervention_type(kind), "description": ""})
        elif line.text.lower() not in _NOT_GIVEN:
            entries.append({"name": line.text, "type": "", "description": ""})
    return tuple(Intervention(**entry) for entry in entries)


def _arms(lines: list[Line]) -> tuple[Arm, ...]:
    arms = []
    top = min((line.depth for line in lines), default=0)
    for line in lines:
        if line.depth > top:
            continue
        kind, _, label = line.text.partition(":")
        if label and enums.arm_type(kind):
            arms.append(Arm(label=label.strip(), type=enums.arm_type(kind)))
        else:
            arms.append(Arm(label=line.text))
    return tuple(arms)


def _head_status(lines: list[Line], found: Fields) -> str:
    """A status printed alone in the page's opening block ("Recruiting" under the title)."""
    for index, line in enumerate(lines[:30]):
        if len(line.text) > 250:
            break
        if index not in found.labelled and enums.status(line.text) and len(line.text) < 40:
            return line.text
    return ""


def _sponsor(value: str) -> tuple[Organization, ...]:
    name = _CLASS_SUFFIX.sub("", value or "").strip()
    return (Organization(name, "LEAD_SPONSOR"),) if name and name.lower() not in _NOT_GIVEN else ()


def parse(text: str) -> list[TrialRecord]:
    if not detect(text):
        raise IngestError("not a page about a clinical trial")
    lines = _lines(text)
    found = _read_fields(lines)
    values = found.values
    title = _title(found, lines).strip('“”" ')  # some sites quote a title
    official_title = values.get("official_title", "").strip("“”\"' ")
    summary = "\n".join(found.narrative.get("summary", []))
    description = "\n".join(found.narrative.get("description", []) + found.narrative.get("unlabelled", []))
    status_raw = values.get("status", "") or _head_status(lines, found)
    enrollment_raw = values.get("enrollment", "")
    enrollment_words = f"{found.labels.get('enrollment', '')} {enrollment_raw}"
    start = parse_partial_date(values.get("start", ""))
    completion = parse_partial_date(values.get("completion", ""))
    conditions = tuple(line.text for line in found.lists.get("conditions", []) if line.text.lower() not in _NOT_GIVEN)
    country_names = [line.text for line in found.lists.get("countries", [])] or values.get("countries", "").split(",")
    countries = [country for country in map(normalize_country, country_names) if country]
    record = TrialRecord(
        source_format=FORMAT,
        identifiers=_own_identifiers(found, lines),
        brief_title=title,
        official_title=official_title if official_title != title else "",
        brief_summary=summary,
        detailed_description=description,
        study_type=enums.study_type(values.get("study_type", "")),
        phases=enums.phases(values.get("phase", "")) or phases_in_narrative(title, official_title),
        status=enums.status(status_raw),
        status_raw=status_raw,
        enrollment=parse_count(enrollment_raw) if enrollment_raw else enrollment_in_narrative(summary, description),
        enrollment_type=(
            "ESTIMATED"
            if re.search(r"estimat|anticipat|target|expected", enrollment_words, re.I)
            else ("ACTUAL" if re.search(r"actual", enrollment_words, re.I) else "")
        ),
        start_date=start,
        primary_completion_date=parse_partial_date(values.get("primary_completion", "")),
        completion_date=completion,
        last_updated=parse_partial_date(values.get("last_updated", "")),
        first_posted=parse_partial_date(values.get("first_posted", "")),
        allocation=enums.allocation(values.get("allocation", "")),
        intervention_model=enums.intervention_model(values.get("intervention_model", "")),
        purpose=enums.purpose(values.get("purpose", "")),
        masking=enums.masking(values.get("masking", "")),
        conditions_raw=conditions,
        interventions=_interventions(found.lists.get("interventions", [])),
        arms=_arms(found.lists.get("arms", [])),
        organizations=_sponsor(values.get("sponsor", "")),
        sites=tuple(Site(country=country) for country in dict.fromkeys(countries)),
        needs_review=True,
    )
    if not record.identifiers:
        raise MissingIdentifierError("the page names no registry identifier of its own", record)
    return [record]
