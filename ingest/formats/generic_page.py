"""The general page reader: any page about a trial that no registry's own reader claims (mirrors,
finder and hospital sites, news, field dumps, Markdown), and the base registry overlays build on
(`read_page`; ictrp_page.py, and the registry readers that declare GENERAL_READER_FILLS).

It reads what a careful person reads on an unfamiliar page. The layout front end
(ingest/pages/layout.py) turns any layout into lines; the label dictionary (pages/labels.py) and
the field validators (pages/fields.py) decide which line labels which field and which value
reads as it. On top: a title, the narrative under the usual headings, values printed without a
label where their shape names their field, and the trial's own registry identifier. A block of
other trials ("related trials", "see also") is skipped up to the next section of the trial's
own, and no value is taken from it. Because the page's structure was guessed, every record it
makes is marked for curator review. A page that names no identifier of its own raises
MissingIdentifierError with what was read: the ingest keeps it as a draft.
"""

import functools
import itertools
import re
from dataclasses import dataclass, field

from catalog.registries import REGISTRY_NAMES
from ingest.errors import IngestError, MissingIdentifierError
from ingest.formats._common import (
    enrollment_in_narrative,
    identifiers_as_printed,
    identifiers_from,
    phases_in_narrative,
    split_list,
)
from ingest.normalize import enums
from ingest.normalize.ages import parse_age_range
from ingest.normalize.countries import COUNT_WORDS, SITE_NOUNS, countries_in, normalize_country
from ingest.normalize.dates import month_first_page
from ingest.normalize.identifiers import find_identifiers, identifier_positions, parse_identifier
from ingest.normalize.taxonomy import load_vocabulary
from ingest.pages.basics import could_be_a_title, is_site_chrome
from ingest.pages.fields import (
    NAME_COLUMN,
    NOT_GIVEN,
    NUMBERED_CONDITION,
    answered_recruiting,
    clean,
    condition_names,
    count,
    page_date,
    without_coding,
)
from ingest.pages.labels import CRITERIA_FIELDS, LABELS, LIST_FIELDS, NARRATIVE_FIELDS, PLANNED, label_key
from ingest.pages.layout import Line, page_lines
from ingest.record import Arm, Intervention, Organization, Site, TrialRecord

FORMAT = "generic-page"
SOURCE_KIND = "mirror"

# Fields whose value may follow its label on the same line without a colon ("Status Recruiting"):
# only when the value reads as that field's kind, so a sentence starting "Phase two of ..." is no label.
_BARE_LABEL_FIELDS = {
    "id",
    "other_id",
    "status",
    "overall_status",
    "phase",
    "enrollment",
    "sponsor",
    "study_type",
    "start",
    "completion",
}
_BARE_FREE_FIELDS = {"title", "official_title", "conditions", "countries"}
# A list on one line: "Burns; Scars", "Burns | Scars", and Chinese and Japanese "白癜风；银屑病", "白癜风、银屑病".
_LIST_ITEMS = re.compile(r"[;|；、]")
# Labels by their first word, longest first: a line is tried only against the labels it could start with.
_LABELS_BY_FIRST_WORD: dict[str, list[str]] = {}
for _label in sorted(LABELS, key=len, reverse=True):
    _LABELS_BY_FIRST_WORD.setdefault(_label.split(" ", 1)[0], []).append(_label)

# Headings over a block of other trials: skipped up to the next section of the trial's own.
_RELATED = re.compile(
    r"^(see also|related (clinical )?(trials|studies)|more related trials|similar (clinical )?(trials|studies)"
    r"|other (clinical )?(trials|studies)|recent(ly)? (added |updated )?(clinical )?trials|(recently|last) viewed"
    r"|you (may|might) also"
    # a publication's page: the other papers it lists under its abstract
    r"|(similar|related) (articles|publications|papers)|cited by|references$)\b",
    re.I,
)
# "Label: value": a label starts with a letter of any script, or with its qualifier in brackets
# ("(Anticipated or Actual) Date of First Enrollment:"); full-width colons too. A site's question
# may be long.
# (a label may follow a protocol's section number: "1.3 Phase of development: IIa")
_LABEL_COLON = re.compile(
    r"^((?:[(\[][^()\[\]]{1,30}[)\]]\s*)?(?:\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+)?[^\W\d_][^:：]{0,90}?)\s*[:：]\s*(.*)$"
)
# Labels read only before a colon and a value, being words too common alone on a line to be taken
# for labels there: "Treatment" and its translations (before a value that is no primary purpose:
# "Primary purpose: Treatment"), and a plain-language page's "Who: / What: / Where: / When: / How
# many:" (each value still validated as its field's).
_COLON_ONLY_LABELS = (
    (
        re.compile(
            r"(?:study\s+)?treatment|traitement|tratamiento|tratamento|trattamento|behandlung|prüfbehandlung", re.I
        ),
        "interventions",
    ),
    (re.compile(r"what", re.I), "interventions"),
    (re.compile(r"who", re.I), "summary"),  # "Adults with a chronic venous leg ulcer": whom it treats
    (re.compile(r"where", re.I), "countries"),
    (re.compile(r"when", re.I), "start"),
    (re.compile(r"how\s+many", re.I), "enrollment"),
)


def _colon_only_label(label: str, value: str) -> str | None:
    for pattern, name in _COLON_ONLY_LABELS:
        if pattern.fullmatch(label.strip()) and value and not (name == "interventions" and enums.purpose(value)):
            return name
    return None


# A design's fields: a value of theirs that does not validate ("Randomized, double-blind Phase 2b
# study" under "Trial design") is still read for the phase it names.
_DESIGN_FIELDS = {"intervention_model", "allocation", "masking", "purpose", "study_type"}


# A sponsor's kind, ClinicalTrials.gov's agency classes as pages print them: after its name
# ("Example University (Other)") or above it ("Sponsor" over "Industry" over "Example Biotech Inc.").
_SPONSOR_KINDS = r"other|industry|nih|u\.s\.\s*fed|fed|network|individual"
_SPONSOR_CLASS = re.compile(rf"\s*(?:{_SPONSOR_KINDS}|university|hospital)\s*", re.I)
_CLASS_SUFFIX = re.compile(rf"\s*\(({_SPONSOR_KINDS}|unknown)\)$", re.I)
# ClinicalTrials.gov's classic "Condition or disease | Intervention/treatment | Phase" table,
# which mirrors print as a header line then the cells.
_CONDITION_TABLE = re.compile(r"^conditions? (or disease )?\s*interventions?(/treatment)?\s+phases?$", re.I)
_TRIAL_WORDS = [
    r"\bstud(y|ies)\b",
    r"\btrials?\b",
    r"\b(patients?|participants|subjects|volunteers)\b",
    r"\b(randomi[sz]ed|placebo|efficacy)\b",
    r"\bphase\b",
    r"\brecruit",
    r"\beligib",
    r"\binclusion\b",
    r"\binterventions?\b",
    r"\boutcomes?\b",
    r"\benrol",
    r"\barms?\b",
    r"\bsponsor",
    r"\btak(?:e|ing) part\b",  # a recruitment page's "Take part in a study of ..."
]


# "Started: Jan 2024" happened; "(real)", "(tatsächlich)", "(réelle)", "（实际）", "（実績）": so it did.
_ACTUAL = re.compile(
    r"\bactual\b|^\s*(?:(?:study|trial)\s+)?started\b"
    r"|\((?:real|reale|réelle?|tatsächlich|efetiv[ao]|efectiv[ao]|effettiv[ao])\)"
    r"|[（(](?:实际|實際|実績|실제)[）)]",
    re.I,
)


_SPONSOR_WORD = re.compile(r"sponsor", re.I)


@dataclass
class Fields:
    values: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # the words that labelled each value
    lists: dict[str, list[Line]] = field(default_factory=dict)
    narrative: dict[str, list[str]] = field(default_factory=dict)
    labelled: set[int] = field(default_factory=set)  # indexes of lines that carried a label or value

    def put(self, name: str, value: str, label: str = "") -> None:
        """The first value a page gives a field is the field's; on a bilingual page (Chinese,
        Japanese or Korean, then English), the English one, on its own line or after a slash."""
        value = _english_half(value)
        if name not in self.values or (_written_abroad(self.values[name]) and _latin(value)):
            self.values[name], self.labels[name] = value, label
        elif name == "id" and _another_registry(self.values[name], value):
            # "EudraCT number: 2021-001234-56" then "NCT number: NCT09100808": the trial's other
            # registration (one id a registry: a list of trials' ids is no trial's).
            self.lists.setdefault("other_id", []).append(Line(value))
        elif name == "start" and _ACTUAL.search(label) and PLANNED.search(self.labels[name]):
            # "Planned study start date" then "Actual study start date": the trial began then.
            self.values[name], self.labels[name] = value, label
        elif name == "sponsor" and _SPONSOR_WORD.search(label) and not _SPONSOR_WORD.search(self.labels[name]):
            # "Source: NTR" or "Funder: ..." then "Sponsor: ...": a label saying sponsor names it.
            self.values[name], self.labels[name] = value, label


def _english_half(value: str) -> str:
    """'京都大学/Kyoto University', '募集中 / Recruiting' -> the English half (a bilingual registry
    writes one value twice in one cell); any other value as it is ('2024/04/01', 'Phase 1/Phase 2')."""
    halves = value.split("/")
    if len(halves) == 2 and _written_abroad(halves[0]) and _latin(halves[1]) and halves[1].strip():
        return halves[1].strip()
    return value


def _written_abroad(text: str) -> bool:
    """Letters, most of them not Latin (a bilingual page's Chinese, Japanese or Korean value)."""
    return any(char.isalpha() for char in text) and not _latin(text)


def _another_registry(first: str, value: str) -> bool:
    ours, theirs = parse_identifier(first), parse_identifier(value)
    return bool(ours and theirs) and ours[0] != theirs[0]


def _a_paragraph(text: str) -> bool:
    """A line of prose: a long sentence, or in Chinese or Japanese (no spaces to count words by)
    forty characters or more ending as a sentence ends."""
    if _latin(text):
        return len(text) > 80 and text.endswith(".") and len(text.split()) >= 12
    return len(text) >= 40 and text.endswith(("。", "！", "."))


def _latin(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and sum(char.isascii() for char in letters) >= len(letters) / 2


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


# A reference the page cites, in the style registries print theirs: "... Br J Dermatol. 2004
# May;150(5):860-8. doi: ...": another paper's title and journal, nothing of the trial's.
_CITATION = re.compile(
    r"\b(?:19|20)\d\d(?:\s+[A-Z][a-z]{2,8}(?:\s+\d{1,2})?)?"  # "2004 May", "2021 Nov 19"
    r";\s*\d{1,4}(?:\(\w{1,8}\))?:\s*[A-Za-z]?\d+"  # ";150(5):860"
)


# What may follow a reference's volume and pages: its page range, DOI, PubMed ids, e-publication.
_CITATION_TAIL = re.compile(r"[\d\s–-]*[.,]?\s*(?:(?:doi|pmid|pmcid|epub|ecollection)\b.*)?", re.I)


def _a_reference(text: str) -> bool:
    """A line ending in a cited paper's journal, year, volume and pages (a sentence citing a paper
    inside the trial's own description goes on after it)."""
    cited = _CITATION.search(text) if len(text) < 800 else None
    return bool(cited) and bool(_CITATION_TAIL.fullmatch(text[cited.end() :]))


def _lines(text: str) -> list[Line]:
    return [line for line in page_lines(text, stop=_RELATED.match) if not _a_reference(line.text)]


def _labels_before_a_value(text: str) -> list[str]:
    """The dictionary's labels the line starts with, a value after them, longest first."""
    lowered = text.lower()
    return [
        label for label in _LABELS_BY_FIRST_WORD.get(lowered.split(" ", 1)[0], ()) if lowered.startswith(label + " ")
    ]


def _bare_label(text: str) -> tuple[str, str] | None:
    """'Status Not yet recruiting' -> ('status', 'Not yet recruiting'), when the rest reads as a status."""
    if len(text) > 600:
        return None
    for label in _labels_before_a_value(text):
        name = LABELS[label]
        value = text[len(label) + 1 :].strip()
        if _FUNCTION_WORD.match(value) and not value[:1].isupper():
            continue  # "Funder and sponsor": a longer label going on, not a value
        if name == "ignored":
            return None  # "Primary sponsor type Hospital": the longest label is what the line says
        # A value any text can be (a title, a condition) follows only a label of several words, or
        # one word when the value reads as a name ("Conditions Venous Ulcer", not "Conditions were").
        free = (
            name in _BARE_FREE_FIELDS
            and value[:1].isalnum()  # "Target disease / Health condition": the label going on
            and not _label_going_on(name, value)
            and (" " in label or _a_name(name, value))
        )
        if name == "phase" and not _ONLY_A_PHASE.fullmatch(value):
            continue  # "Phase I Clinical Research Unit": a unit's name, no phase and its value
        if (name in _BARE_LABEL_FIELDS and len(text) <= 150 or free) and clean(name, value):
            return name, value
    return None


# A phase's words and nothing else ("Phase 1/Phase 2", "I/II", "Not Applicable", "2b study",
# "Phase II (Therapeutic exploratory)"); in another script, any ("2상", "第II相").
_ONLY_A_PHASE = re.compile(
    r"(?:\s*(?:(?:phases?|early|not|applicable|n/?a|none|and|or|to|[ivx]{1,4}[ab]?|\d[ab]?|clinical|study|trial)\b"
    r"|[/&,|+-]))+\s*(?:\([^()]{0,60}\))?\s*|.*[^\x00-\u024f].*",
    re.I,
)


_FUNCTION_WORD = re.compile(
    r"^(are|is|was|were|be|been|may|might|will|would|must|can|could|should|of|that|which|for|to|in|on|at|by"
    r"|and|or|the|a|an|as|with|apply|applies|include|includes|such"
    # the label word going on in French, Spanish, Italian, Portuguese, German: "Maladies de la peau"
    r"|de|du|des|del|della|delle|dei|da|do|dos|das|der|von)\b",
    re.I,
)


# Fields whose value a validator recognises: they tell a page of cards ("Recruiting" over
# "Status") from a page of labels over values.
_RECOGNISED_FIELDS = {"status", "overall_status", "phase", "enrollment", "study_type", "start", "completion"}


def _values_above_labels(lines: list[Line]) -> list[Line]:
    """A page that prints each value above its label, as cards ("Phase 2" over "Phase"), with each
    pair turned label first; any other page unchanged. The page is one of cards when the values
    that can be recognised stand above their labels more often than below them (twice at least)."""
    above = below = 0
    for index, line in enumerate(lines):
        name = LABELS.get(label_key(line.text))
        if name not in _RECOGNISED_FIELDS:
            continue
        if index > 0 and not _is_label(lines[index - 1].text) and clean(name, lines[index - 1].text):
            above += 1
        if index + 1 < len(lines) and _value_below(name, lines[index + 1].text):
            below += 1
    if above < 2 or above <= below:
        return lines
    swapped, index = list(lines), 1
    while index < len(swapped):
        name = LABELS.get(label_key(swapped[index].text))
        if name and name not in NARRATIVE_FIELDS | CRITERIA_FIELDS and not _is_label(swapped[index - 1].text):
            swapped[index - 1], swapped[index] = swapped[index], swapped[index - 1]
            index += 1
        index += 1
    return swapped


def _values_below_a_block_of_labels(lines: list[Line]) -> list[Line]:
    """A grid copied column by column: a run of bare labels ("Status", "Phase", "Enrollment", ...)
    then a run of as many values, in the same order. Each label is paired with its value when no
    value is a label and every value a validator can judge reads as its field's (two at least)."""
    names = [LABELS.get(label_key(line.text)) for line in lines]
    # Where the run of field labels starting at each line ends: found once, in one pass from the end
    # (a page of thousands of labels is no quadratic search).
    run_ends = [0] * (len(lines) + 1)
    run_ends[len(lines)] = len(lines)
    for index in range(len(lines) - 1, -1, -1):
        a_field = names[index] not in (None, *NARRATIVE_FIELDS, *CRITERIA_FIELDS)
        run_ends[index] = run_ends[index + 1] if a_field else index
    result, index = [], 0
    while index < len(lines):
        end = run_ends[index]
        count = end - index
        if count >= 3 and end + count <= len(lines):
            labels, values = lines[index:end], lines[end : end + count]
            judged = [
                clean(name, value.text)
                for name, value in zip(names[index:end], values, strict=True)
                if name in _RECOGNISED_FIELDS
            ]
            # ("Phase 2" reads as a label with its value: only a value that is a label itself stops it)
            if len(judged) >= 2 and all(judged) and not any(names[end : end + count]):
                result += [
                    Line(f"{label.text.rstrip(':： ')}: {value.text}", value.depth, value.bullet, value.heading)
                    for label, value in zip(labels, values, strict=True)
                ]
                index = end + count
                continue
        result.append(lines[index])
        index += 1
    return result


def _label_going_on(name: str, value: str) -> bool:
    """'Disease category', 'Health conditions investigated': a lone lower-case word after a
    conditions label is the label's own last word (a condition so written names the field)."""
    return name == "conditions" and bool(re.fullmatch(r"[a-z]+", value)) and not _names_the_field(value)


def _a_name(name: str, value: str) -> bool:
    """Does the text after a one-word label read as that field's name: a phrase, not a sentence going
    on (a title of four words or more; countries that are all countries)?"""
    if len(value) > 400 or not value[:1].isalnum():
        return False
    if re.match(r"^[^\W\d]+(?: [^\W\d]+)?\s*[:：]", value):
        return False  # "Disease area: Dermatology": the label is longer than its first word
    if name not in ("title", "official_title") and re.search(r"[.!?]\s", value):
        return False  # a title may hold two sentences ("... Diabetes Patients. A Phase I Pilot Study.")
    uncased = value[:1].isalpha() and not value[:1].islower() and not value[:1].isupper()  # Korean, Chinese
    if not value[:1].isupper() and not uncased and (len(value.split()) > 6 or _FUNCTION_WORD.match(value)):
        return False  # "acne scars" is a name; "were met by all" is a sentence going on
    if name == "countries":  # "Korea, Republic of" is one country
        parts = [part for part in re.split(r"[;,]", value) if part.strip()]
        return bool(normalize_country(value)) or len(countries_in(value)) == len(parts)
    if name in ("title", "official_title"):
        return len(value.split()) >= 4 or (not _latin(value) and len(value) >= 8)
    return len(value) <= 300


def _read_fields(lines: list[Line]) -> Fields:
    found = Fields()
    index = 0
    current_narrative = ""
    current_list = ""
    while index < len(lines):
        line = lines[index]
        text = line.text
        key = label_key(text)
        colon = _LABEL_COLON.match(text)
        colon_name = LABELS.get(label_key(colon[1])) if colon else None
        if colon and not colon_name:
            colon_name = _colon_only_label(colon[1], colon[2].strip())
        # A bullet that is a label ("- Status" over "- COMPLETED") starts a field, even inside a list.
        if (
            current_list
            and key not in LABELS
            and (
                line.bullet
                or _list_item(current_list, line.text)
                or _address_over_its_country(current_list, lines, index)
            )
        ):
            found.lists.setdefault(current_list, []).append(line)
            found.labelled.add(index)
            index += 1
            continue
        current_list = ""
        if _CONDITION_TABLE.match(text):
            index = _condition_table(lines, index + 1, found)
            current_narrative = ""
            continue
        if key in LABELS:
            name = LABELS[key]
            found.labelled.add(index)
            current_narrative = ""
            if name in LIST_FIELDS or name in NARRATIVE_FIELDS or name in CRITERIA_FIELDS:
                if index + 1 < len(lines) and _HELP_TEXT.match(lines[index + 1].text):
                    index += 1  # the site's help under a section label is none of the section
                    found.labelled.add(index)
                current_list = name if name in LIST_FIELDS else ""
                current_narrative = "" if name in LIST_FIELDS else name
            else:
                below = index + 1
                if below < len(lines) and label_key(lines[below].text) == key:
                    below += 1  # the label printed twice
                if below + 1 < len(lines) and _HELP_TEXT.match(lines[below].text):
                    below += 1  # "Get a concise snapshot of the trial...": the site's help under its label
                if (
                    name == "sponsor"
                    and below + 1 < len(lines)
                    and NAME_COLUMN.fullmatch(lines[below].text.rstrip(":"))
                ):
                    below += 1  # "Sponsor information" over "Name" over the name: the column's heading
                if name == "sponsor" and below + 1 < len(lines) and _SPONSOR_CLASS.fullmatch(lines[below].text):
                    below += 1  # "Sponsor" over "Industry" over the name: the sponsor's kind first
                after = lines[below + 1].text if below + 1 < len(lines) else ""
                if below < len(lines) and _value_below(name, lines[below].text, after):
                    value = clean(name, lines[below].text)
                    while name == "phase" and below + 1 < len(lines) and _HEAD_PHASE.match(lines[below + 1].text):
                        below += 1  # phases listed one per line ("Phase 2", "Phase 1")
                        value += " / " + lines[below].text
                    found.put(name, value, text)  # "Label" over its value
                    found.labelled.update(range(index + 1, below + 1))
                    index = below
                elif named := _name_column(name, lines, below):
                    found.put(name, named, text)  # "Sponsor" over a table row: "Name: University of Lagos"
                elif name in _DESIGN_FIELDS and below < len(lines):
                    found.narrative.setdefault("design", []).append(lines[below].text)  # read for its phase alone
            index += 1
            continue
        if colon_name:
            name, value = colon_name, colon[2].strip()
            found.labelled.add(index)
            current_narrative = ""
            if name in LIST_FIELDS:
                if value:
                    found.lists.setdefault(name, []).extend(Line(part.strip()) for part in _LIST_ITEMS.split(value))
                else:
                    current_list = name
            elif name in NARRATIVE_FIELDS or name in CRITERIA_FIELDS:
                if value:
                    found.narrative.setdefault(name, []).append(value)
                current_narrative = name
            elif value:
                cleaned = clean(name, value)
                if cleaned:  # a value that does not read as the field's is no value
                    found.put(name, cleaned, colon[1])
                elif name in _DESIGN_FIELDS:
                    found.narrative.setdefault("design", []).append(value)  # read for its phase alone
            elif index + 1 < len(lines) and _value_below(name, lines[index + 1].text):
                found.put(name, clean(name, lines[index + 1].text), colon[1])
                found.labelled.add(index + 1)
                index += 1
            index += 1
            continue
        bare = _bare_label(text)
        if bare and bare[0] == "phase":  # chips one a line ("Phase 1" over "Phase 2"): the phases together
            chips = [text]
            while index + 1 < len(lines) and (_bare_label(lines[index + 1].text) or ("",))[0] == "phase":
                index += 1
                found.labelled.add(index)
                chips.append(lines[index].text)
            bare = ("phase", " / ".join(chips)) if len(chips) > 1 else bare
        if bare and bare[0] in LIST_FIELDS:
            found.lists.setdefault(bare[0], []).extend(Line(part.strip()) for part in _LIST_ITEMS.split(bare[1]))
        elif bare:
            found.put(bare[0], clean(*bare), text)
        if bare:
            found.labelled.add(index)
            current_narrative = ""
            index += 1
            continue
        if current_narrative in CRITERIA_FIELDS and not line.heading and len(text) <= 400:
            if text.lower() not in NOT_GIVEN:
                found.narrative.setdefault(current_narrative, []).append(text)
        elif current_narrative and len(text) > 60:
            found.narrative.setdefault(current_narrative, []).append(text)
        elif len(text) > 200 or _a_paragraph(text):
            found.narrative.setdefault("unlabelled", []).append(text)  # prose the page did not label
        elif len(text) <= 60:
            current_narrative = "" if not line.bullet else current_narrative
        index += 1
    return found


def _condition_table(lines: list[Line], start: int, found: Fields) -> int:
    """The cells under a "Condition | Intervention | Phase" header, one per line: conditions
    first, then "Type: name" interventions, then the phases ("Phase 2", "Phase 3"). Returns the
    index of the first line after the table."""
    index, phases = start, []
    while index < len(lines):
        line = lines[index]
        # "Phase 2" reads as a label too; under this header "N/A" is the phase column's "not applicable"
        if clean("phase", line.text) and (_HEAD_PHASE.match(line.text) or enums.phases(line.text) == ("NA",)):
            phases.append(line.text)
            found.labelled.add(index)
            index += 1
            continue
        if _is_label(line.text) or _paragraph(line.text) or len(line.text) > 150:
            break
        kind = line.text.partition(":")[0]
        if ":" in line.text and enums.intervention_type(kind):
            found.lists.setdefault("interventions", []).append(line)
        elif not found.lists.get("interventions") and not phases:
            found.lists.setdefault("conditions", []).append(line)
        else:
            break
        found.labelled.add(index)
        index += 1
    if phases:
        found.put("phase", " / ".join(phases))
    return index


def _address_over_its_country(name: str, lines: list[Line], index: int) -> bool:
    """A site's own lines under a countries label, above a line naming its country: its name and
    city ("Example Clinic, Bangkok" over "Thailand"), its status, a contact ("UCLA", "Recruiting",
    "Contact: Jane Roe" over "Toronto, Ontario, Canada"). The list goes on through them while a
    country follows within three lines and no field's label comes first."""
    if name != "countries":
        return False
    for ahead in lines[index : index + 4]:
        text = ahead.text
        colon = _LABEL_COLON.match(text)
        label = LABELS.get(label_key(colon[1] if colon else text))
        if len(text) > 120 or (label is not None and label != "ignored"):
            return False  # the next field, or prose
        if ahead is not lines[index] and (countries_in(text) or normalize_country(text)):
            return True
    return False


def _list_item(name: str, text: str) -> bool:
    """Is a plain line under a list's label one of its items (not the next label, not prose)?"""
    if name == "conditions" and NUMBERED_CONDITION.match(text) and len(text) <= 400:
        return True  # "Condition 1: Acne scar. Condition 2: Atrophic scar."
    if _is_label(text) or len(text) > 120:
        return False
    if "/" in text and any(label_key(half) in LABELS for half in text.split("/")):
        return False  # "Interventions/Observational Groups": the next section, under a label half known
    if name == "countries":
        return bool(countries_in(text) or _leading_country(text))
    if name in ("ids", "other_id"):  # a registry id or a sponsor's code (with a digit), not a word
        return len(text) <= 60 and len(text.split()) <= 3 and any(char.isdigit() for char in text)
    kind = text.partition(":")[0]
    if name == "interventions":  # "Biological: Autologous stromal vascular fraction"
        if ":" in text:
            return bool(enums.intervention_type(kind))
        # A finder's or hospital's plain list: a short line naming a cell product or its source.
        return len(text.split()) <= 12 and not text.endswith(".") and _names_a_product(text)
    if name == "arms":  # "Experimental: cells"
        return bool(enums.arm_type(kind)) and ":" in text
    if _SECTION_HEADING.search(text) and len(text.split()) <= 5:
        return False  # "Trial Design", "More Information": a section the dictionary does not know, no item
    if _ANOTHER_FIELD.match(text) and without_coding(text) == text.strip():
        return False  # "Product: Allogeneic ABCB5+ cells", "Intervention type: Biological": another field
    # A condition or a keyword is a short name ("Hair loss." may end with a full stop), not a sentence;
    # a condition's coding system and code before it are no part of it ("ICD10: I83.2 - Varicose ...").
    words = len((without_coding(text) if name == "conditions" else text).split())
    short_name = words <= 12 and not text.endswith(":") and (words <= 6 or not text.endswith("."))
    return name in ("conditions", "keywords") and short_name


# A field the dictionary does not know, with its value: a capitalised label of up to four words.
_ANOTHER_FIELD = re.compile(r"[A-Z][\w()/-]*(?:\s+[\w()/-]+){0,3}:\s+\S")

# The last word of a section's heading: no condition, keyword or product ends so.
_SECTION_HEADING = re.compile(
    r"\b(?:description|summary|overview|details|design|information|criteria|outcomes?|results|eligibility"
    r"|contacts?|locations|background|purpose|objectives?|methods|investigators?|references|publications"
    r"|documents|timeline|history|dates)\s*:?$",
    re.I,
)


def _name_column(name: str, lines: list[Line], below: int) -> str:
    """An organization's name in the "Name" column of the table row under its section label."""
    if name != "sponsor":
        return ""
    for at in range(below, min(below + 3, len(lines))):
        column, separator, value = lines[at].text.partition(": ")
        if separator and NAME_COLUMN.fullmatch(column):
            return clean(name, value)
        if not separator and NAME_COLUMN.fullmatch(column.rstrip(":")) and at + 1 < len(lines):
            return clean(name, lines[at + 1].text)  # "Name" over "The Alfred Hospital": a row split in two
    return ""


def _value_below(name: str, text: str, after: str = "") -> bool:
    """Is the line under a bare label its value (and not the next label, or a paragraph)?"""
    if bool(clean(name, text)) and (_bare_label(text) or ("",))[0] == name:
        return True  # "Phase 2" under "Phase": the value names its own field
    if name == "status" and len(text.split()) <= 4 and enums.status(text) and not clean("enrollment", after):
        return True  # "Enrolling" under "Status", unless it labels the count below it ("40 participants")
    return not _is_label(text) and bool(clean(name, text))


def _is_label(text: str) -> bool:
    colon = _LABEL_COLON.match(text)
    return (
        label_key(text) in LABELS
        or bool(colon and label_key(colon[1]) in LABELS)
        or _bare_label(text) is not None
        or bool(_CONDITION_TABLE.match(text))
    )


_REGISTRY_ADDRESS = re.compile(r"clinicaltrials\.gov/(study|ct2/show)/|isrctn\.com/|anzctr\.org\.au/", re.I)


def _own_identifiers(found: Fields, lines: list[Line]):
    """The trial's registry id from a labelled field, else the one registry id the page names
    where a page names its own: its opening lines (above the first paragraph) or the address of
    its registry page. An id met in the narrative may be another trial's ("as in NCT...")."""
    # The page's own first; a line listing several ("NCT05333333, 2021-004567-89") gives each.
    listed = [text for line in found.lists.get("ids", []) for text in _each_id(line.text)]
    # "Trial number: NCT09101001 (ClinicalTrials.gov); 2019-001234-56 (EU register)": the first its own.
    labelled = _each_id(found.values["id"]) if found.values.get("id") else []
    primary = (parse_identifier(labelled[0]) if labelled else None) or (parse_identifier(listed[0]) if listed else None)
    if not primary:  # "... Read our disclaimer for details. Identifier: NCT00992147": a label inside a line
        inline = {pair for line in lines for pair in _inline_ids(line.text)}
        primary = next(iter(inline)) if len(inline) == 1 else None
    others = [line.text.strip() for line in found.lists.get("other_id", [])] + labelled[1:] + listed[1:]
    others = [piece for part in others for piece in _each_id(part)]  # "ISRCTN12345678, DRKS00012345"
    # "Registry: ClinicalTrials.gov" names where the record is, not an id.
    # An id is a code, with a number or one token in capitals or hyphens: "Nil known", "Unknown",
    # "None declared" under "Secondary IDs" name none ("TBRU-dS-BC-PIIb" is a sponsor's code).
    others = [
        part
        for part in others
        if part
        and part.lower() not in NOT_GIVEN
        and not _a_registrys_name(part)
        and (re.search(r"\d", part) or (" " not in part.strip() and re.search(r"[A-Z].*[A-Z]|-", part)))
    ]
    others = [clean("id", part) or part for part in others]  # "ClinicalTrials.gov NCT03229564" is the NCT id
    # Ids the page labels as the trial's other registrations are no candidates for its own id
    # ("SNCTP000004567" at the top, "Registration in other registries: NCT03229564" below).
    labelled_others = {pair for text in others for pair in find_identifiers(text)}
    if not primary:
        first_paragraph = next((i for i, line in enumerate(lines) if len(line.text) > 200), len(lines))
        places = [line.text for line in lines[:first_paragraph]]
        places += [line.text for line in lines if _REGISTRY_ADDRESS.search(line.text)]
        named = {pair for text in places for pair in _ids_not_anothers(text) if pair[0] != "UTN"}
        named = named - labelled_others or named
        primary = next(iter(named)) if len(named) == 1 else None
        if not primary and len(named) == 2 and len({registry for registry, _ in named}) == 2:
            # "NCT06677990 | EudraCT 2021-004567-12" under the title: one trial in two registries,
            # side by side on one short row (two ids of one registry are two trials)
            opening = lines[:first_paragraph]
            rows = [line.text for line in opening if len(line.text) <= 120]  # the row on one line
            rows += [
                f"{a.text} {b.text}" for a, b in itertools.pairwise(opening) if a.in_row and b.in_row
            ]  # or as cells
            row = next((text for text in rows if set(find_identifiers(text)) == named), "")
            if row:
                primary, second = find_identifiers(row)
                others.append(second[1])
    if not primary:  # "This trial (NCT...) follows an earlier pilot (NCT...)": the id said as its own
        own = {
            (registry, value)
            for line in lines
            for start, registry, value in identifier_positions(line.text)
            if _THIS_TRIALS_ID_BEFORE.search(line.text[max(0, start - 100) : start])
        }
        primary = next(iter(own)) if len(own) == 1 else None
    if not primary:  # a news item's "The trial (NCT02994654) enrols ...": the one id the page names
        named = {pair for line in lines for pair in _ids_not_anothers(line.text) if pair[0] != "UTN"}
        named = named - labelled_others or named
        primary = next(iter(named)) if len(named) == 1 else None
    if not primary and labelled_others:
        # A page that names the trial only by its registrations elsewhere ("Also registered as:
        # ISRCTN...", "Primary registry: ClinicalTrials.gov NCT..."): the trial is known by them, the
        # first its primary id here (the catalog finds the trial by any of them).
        return identifiers_from(None, sorted(others, key=lambda text: parse_identifier(text) is None))
    if not primary:
        return ()
    printed = identifiers_as_printed(primary, labelled[0] if labelled else "")  # 'EUCTR2019-001234-56-NL' kept
    return (*printed, *identifiers_from(primary, others)[1:])


# A registry's name, as the catalog shows it or as pages write it ("ClinicalTrials.gov", "EudraCT").
_REGISTRY_WORDS = {name.lower() for code, name in REGISTRY_NAMES.items() if code != "ORG" for name in (code, name)}
_REGISTRY_WORDS |= {"ct.gov", "eu ctr", "anzctr", "cris", "kofam", "ictrp", "who ictrp"}


def _a_registrys_name(text: str) -> bool:
    return re.sub(r"\s*\([^)]*\)\s*$", "", text).strip().lower() in _REGISTRY_WORDS


def _each_id(text: str) -> list[str]:
    named = find_identifiers(text)
    return [value for _registry, value in named] if len(named) > 1 else [text]


# Words that make an id in a sentence another trial's: "follows the design of NCT..., an earlier trial".
_ANOTHER_TRIAL = re.compile(
    r"\b(previous|earlier|prior|former|preceding|parent|original|continuation|extension|follow(s|ed|ing)?|based on"
    r"|design of|similar|like|compared|as in|see)\b[^.;]{0,80}$",
    re.I,
)


def _ids_not_anothers(text: str) -> list[tuple[str, str]]:
    """The ids the text names but those its words make another trial's ("This study follows
    NCT01234567, ...")."""
    return [
        (registry, value)
        for start, registry, value in identifier_positions(text)
        if not _ANOTHER_TRIAL.search(text[max(0, start - 120) : start])
    ]


# A site's one-sentence help under a section label ("Meet the organizations funding the study.").
_HELP_TEXT = re.compile(
    r"^(review|see|get|meet|learn|explore|understand|check|dive|find|read|view|discover)\b[^.]{10,200}\.$", re.I
)
# Values in ClinicalTrials.gov's API form are unambiguous wherever they stand: each names its field.
_API_VALUE = re.compile(r"^[A-Z][A-Z0-9_]{3,}(?:/[A-Z][A-Z0-9_]+)?$")
_PARTICIPANTS = re.compile(
    r"^(?:(?:enrolling|enrolls|enrols|recruiting|seeking|looking for|needs?) )?"  # "Enrolling 40 participants"
    r"\d{1,6} (?:(?:total|estimated|actual|enrolled|planned) )?(participants|patients|subjects|volunteers)"
    r"(?: enrolled)?$",
    re.I,
)
_AMBIGUOUS_API_VALUES = {"NONE", "OTHER"}  # and two-letter ones ("NA", "ALL"): words of other things too
_API_FIELDS = (
    ("status", enums.status),
    ("phase", enums.phases),
    ("study_type", enums.study_type),
    ("allocation", enums.allocation),
    ("intervention_model", enums.intervention_model),
    ("purpose", enums.purpose),
    ("masking", enums.masking),
    ("sex", enums.sex),
)


def _api_values(lines: list[Line], found: Fields) -> None:
    """Unlabelled lines in the API's own words ('ENROLLING_BY_INVITATION', 'PHASE1/PHASE2',
    'RANDOMIZED') fill the fields no label gave."""
    api_phase_at = None  # the line of the last phase in the API's words
    for index, line in enumerate(lines):
        if index in found.labelled:
            continue
        if api_phase_at == index - 1 and enums.phases(line.text) and _API_VALUE.match(line.text):
            # "PHASE1" beside "PHASE2" (the API's list of phases as two badges): the phases together
            found.values["phase"] = f"{found.values['phase']}/{line.text}"
            found.labelled.add(index)
            api_phase_at = index
            continue
        if "enrollment" not in found.values and _PARTICIPANTS.match(line.text):  # "70 participants"
            found.put("enrollment", line.text)
            found.labelled.add(index)
            continue
        if not _API_VALUE.match(line.text) or line.text in _AMBIGUOUS_API_VALUES:
            continue
        for name, reads in _API_FIELDS:
            if name not in found.values and reads(line.text):
                found.put(name, line.text)
                found.labelled.add(index)
                api_phase_at = index if name == "phase" else api_phase_at
                break


def _abbreviates(text: str, letters: str) -> bool:
    """Do `letters` abbreviate the last words of `text` ("epidermolysis bullosa" -> EB)?"""
    initials = "".join(word[0] for word in re.findall(r"[A-Za-z]+", text)).upper()
    return initials.endswith(letters.replace("-", "").upper())


_ACRONYM = re.compile(r"\s+\(([A-Z][A-Z0-9-]{1,11})\)$")
# A study naming its own phase, not another's: "This is a phase III double-blind study", "The trial,
# which opened in September, is a phase 1 trial".
_SELF_PHASE = re.compile(
    r"\b(?:this is an?|(?:this|the) (?:\w+ ){0,2}(?:study|trial)\b[^.]{0,100}?\b(?:is|will be) an?)\s+"
    r"((?:(?:randomi[sz]ed|open-label|pilot|multicenter|single-center),?\s+)*(?:early\s+)?phase\s+[IV1-4]+[ab]?(?:\s*[/-]\s*[IV1-4]+[ab]?)?)\b",
    re.I,
)
# ... in Chinese, Japanese or Korean: "该研究为I期临床试验", "本試験は第II相試験です", "이 연구는 제2상 임상시험으로".
_CJK_NUMERAL = r"[IVⅠⅡⅢⅣ1-4]+(?:\s*[/／-]\s*[IVⅠⅡⅢⅣ1-4]+)?"
_SELF_PHASE_CJK = re.compile(
    rf"(?:该|本|此)项?(?:临床)?(?:研究|试验)(?:为|是|属于)\s*({_CJK_NUMERAL})\s*期"
    rf"|本(?:試験|研究|治験)は[^。]{{0,20}}?第\s*({_CJK_NUMERAL})\s*相"
    # (not "IV 상처": an intravenous ... wound; 상황, 상태: a situation, a state)
    rf"|(?:이|본)\s*(?:연구|임상시험|시험)(?:은|는)\s*[^.]{{0,20}}?제?\s*({_CJK_NUMERAL})\s*상(?![처황태])"
)


def _self_phase_cjk(text: str) -> list[str]:
    """The phases a page's Chinese, Japanese or Korean sentences say their trial is in, as "Phase N"."""
    return [f"Phase {''.join(match)}" for match in _SELF_PHASE_CJK.findall(text)]


# A design, its phase at the end: "Randomized, double-blind, vehicle-controlled Phase 2b study"
# (read only as a design field's value or under a design label).
_DESIGN_PHASE = re.compile(
    r"^(?:an?\s+)?(?:(?:randomi[sz]ed|double[\s-]blind(?:ed)?|(?:single|triple)[\s-]blind(?:ed)?|open[\s-]label"
    r"|multi-?cent(?:er|re|ric)|(?:placebo|vehicle|sham|active)[\s-]controlled|single[\s-]arm|prospective|controlled"
    r"|parallel[\s-]group|pilot|international|adaptive),?\s+(?:and\s+)?){1,6}"
    r"((?:early\s+)?phase\s+[IV1-4]+[ab]?(?:\s*[/-]\s*[IV1-4]+[ab]?)?)\s+(?:clinical\s+)?(?:trial|study)\b",
    re.I | re.M,
)
# Words that make "the ... trial" another one than the page's: "the previous trial", "the first trial".
_OTHER_TRIAL_WORDS = "previous|earlier|prior|first|other|parent|original|last|similar|another|separate|related"
# A news item's "A small phase 2 trial (NCT...) of ...": the article's trial, named with its phase.
# Another trial ("a previous phase 1 trial") is not the page's; several phases name none.
# A trial the page's follows ("Following a successful phase 1 trial, this study ...") is another.
# (a trial planned after it is another one too: "the company plans a Phase 3 trial")
_A_PHASE_TRIAL_OF = (
    r"(?<!following )(?<!follows )(?<!after )(?<!based on )(?<!building on )(?<!since )(?<!plans )(?<!plan )"
    r"(?<!planning )(?<!planned )(?<!launch )(?<!to start )(?<!to begin )(?<!to initiate )"
    r"\b(?:{determiners})\s+"
    rf"(?!(?:{_OTHER_TRIAL_WORDS}|larger|later|future|successful|completed|preceding|preliminary|published)\b(?!-))"
    r"(?:[\w-]+,?\s+){{0,2}}((?:early\s+)?phase\s+[IV1-4]+[ab]?(?:\s*[/-]\s*[IV1-4]+[ab]?)?)\s+(?:clinical\s+)?"
    r"(?:trial|study)\b"
)
_A_PHASE_TRIAL = re.compile(_A_PHASE_TRIAL_OF.format(determiners="an?|the|this|our|its|their"), re.I)
# ... the page's own said so, over any other it names: "This phase 2 trial follows a phase 1 study"
_THIS_PHASE_TRIAL = re.compile(_A_PHASE_TRIAL_OF.format(determiners="this|our"), re.I)
_SITE_SUFFIX = re.compile(
    r"\s+[-–—|]\s+[\w .-]{0,40}\.(?:com|org|eu|net|gov|io|co|info|ch|de|fr|uk|in|ir|jp|kr|cn)\s*$"
    # "... – Clinical Trial – SiteName", "... — Study Details — Example Hospital"
    r"|\s+[-–—|]\s+(?:clinical\s+)?(?:trial|study)(?:\s+(?:details|information|record|summary|page|overview))?"
    r"(?:\s+[-–—|]\s+[^-–—|]{1,40})?$"
    r"|\s+::\s+[^:]{1,40}$"  # "... :: Example Research Portal"
    # ClinicalTrials.gov's classic views, as saved pages and mirrors title them: "... - Full Text View"
    r"|\s+[-–—|]\s+(?:full\s+text|tabular|study\s+results)\s+view(?:\s+[-–—|]\s+[^-–—|]{1,40})?$",
    re.I,
)
# A title the page heads with its kind ("Clinical Trial: ...", "Study: ...", "Trial details: ...").
_KIND_PREFIX = re.compile(
    r"^(?:(?:clinical\s+)?(?:trial|study)(?:\s+(?:title|details|information|overview|summary))?"
    r"|essai(?:\s+clinique)?|[ée]tude(?:\s+clinique)?"
    r"|(?:ensayo|ensaio)(?:\s+cl[íi]nico)?|estudi?o(?:\s+cl[íi]nico)?|studio(?:\s+clinico)?|(?:klinische\s+)?studie)"
    r"\s*:\s+(?=\S)",
    re.I,
)
# The trial's id printed with its title, named or not: "NCT09100990: Title", "Title (NCT09100990)",
# "Title - NCT...", "Trial NCT09100990: Title", "Study NCT09100990 — Title".
_ID_BESIDE = re.compile(
    r"^\s*(?i:(?:clinical\s+)?(?:trial|study)\s+|(?:clinicaltrials\.gov|nct|registry|trial|study)\s+"
    r"(?:id|identifier|number|no\.?)\s+|identifier\s+|registration(?:\s+number)?\s+)?\(?ID\)?\s*[:\-–—|]\s*"
    r"|\s*[:\-–—|]\s*\(?ID\)?\s*$|\s*\(ID\)\s*$"
)
# A finder site's own heading over a trial ("Hypertrophic Scar Clinical Trial"), not its title.
_SITE_HEADING = re.compile(
    r"^.{1,60}\b(?:clinical|research) (trial|study)s?"
    r"(?: (?:database|registry|register|portal|platform|directory|finder|search))?"  # the site's own name
    # a finder's heading for its listing: "Vitiligo Clinical Trials 2024", "... Near You", "... in Texas"
    r"(?: (?:in |for )?(?:19|20)\d{2}| near (?:you|me)| in (?-i:[A-Z])[\w .,-]{1,30})?$"
    r"|^clinical (trial|study) (of|for|on) .{1,60}$"
    # A portal's or register's name in the languages registries print: "Portail suisse des essais
    # cliniques", "Schweizer Portal für klinische Studien", "Registro Español de Estudios Clínicos".
    r"|^(?:[\w-]+\s+){0,3}(?:portail|portal|portale|registre|register|registro|registry|database|datenbank)\b.{0,40}"
    r"\b(?:essais\s+cliniques|klinische[n]?\s+(?:studien|prüfungen|versuche)|studi\s+clinici|sperimentazioni\s+cliniche"
    r"|ensayos\s+cl[ií]nicos|estudios\s+cl[ií]nicos|estudos\s+cl[ií]nicos|ensaios\s+cl[ií]nicos)(?:\s*\([A-Z]{2,8}\))?$",
    re.I,
)
# A doctor's degrees after a name ("Jane Roe, MD"): a person, not a title nor a place.
_DOCTORS_DEGREES = r"MD|PhD|MBBS|DO|FRCP|FAAD"
# A press release's headline, a company doing something ("Example Bio Announces First Patient Dosed
# in ..."): a registered title is a noun phrase and names no such act. (Not "reports" nor "doses":
# "Case Reports of ...", "Escalating Doses of ..." are titles' nouns.)
_PRESS_HEADLINE = (
    r"^(?:[\w&.,'-]+\s+){1,5}(?:announces|completes|initiates|launches|receives"
    r"|enrolls|enrols|unveils|secures|achieves)\s"
)
_A_PRESS_HEADLINE = re.compile(_PRESS_HEADLINE, re.I)
# A site's count of its studies: "Now enrolling: 1,240 studies", "Currently recruiting for 35 studies".
_STUDIES_COUNTED = r"\b\d[\d,.]*\+?\s+(?:(?:clinical|active|open|recruiting|paid|new)\s+)?(?:studies|trials)\b"
_A_SITES_COUNT_OF_STUDIES = re.compile(_STUDIES_COUNTED, re.I)
# A site's own words over any trial it shows, never a trial's title: an invitation ("Participate in
# a Research Study", "Join a clinical trial"), a greeting or a pointer ("Welcome to ...", "Find out
# more about this study", "Latest news from the lab"), a listing's heading ("Current Clinical
# Trials in Dermatology", "Research Projects"), a person ("Dr. Jane Doe, MD, PhD").
_NOT_A_TITLE = re.compile(
    # a call to the reader, whatever follows: "Take part in a study of a new cell treatment", "Join our research"
    r"^(?:participate|take\s+part|join|volunteer|sign\s+up|apply|register|help\s+us)\b"
    r"|^enrol+\b(?:\s+[\w-]+){0,3}?\s+(?:research|(?:clinical\s+|research\s+)?(?:trials?|stud(?:y|ies)))[.!]?$"
    r"|^(?:welcome\s+to|find\s+out|learn\s+more|read\s+more|latest\s+news|news\s+from|more\s+about)\b"
    r"|^(?:[\w-]+\s+){0,3}(?:clinical\s+trials|research\s+(?:projects|studies|trials|opportunities)"
    r"|(?:clinical\s+)?(?:trial|study)\s+opportunities|current\s+studies)"
    r"(?:\s+(?:in|at|for|of)\s+.{1,50})?$"
    # the site's own field of work: "Skin conditions we study", "Diseases we treat"
    r"|^(?:[\w-]+\s+){0,3}(?:conditions|diseases|disorders|areas|services|treatments)\s+we\s+"
    r"(?:study|treat|research|offer|investigate)\b"
    # a guide's heading, not a trial's: "Stem cell therapy for hair loss: what to know", "... – a guide"
    r"|(?::|\s[-–—])\s*(?:what\s+(?:you\s+)?(?:need\s+|should\s+)?(?:to\s+)?know|everything\s+you\s+need\s+to\s+know"
    r"|an?\s+(?:patient['’]?s\s+|beginner['’]?s\s+|complete\s+)?guide|faqs?|explained)\b[^:]{0,40}$"
    # a registry's own name over its record: "Clinical Trials Registry - India", "German Clinical
    # Trials Register", "Brazilian Registry of Clinical Trials", "Clinical Research Information Service"
    r"|^(?:[\w'-]+\s+){0,4}(?:clinical\s+)?trials?\s+regist(?:ry|er)(?:\s+platform)?(?:\s*[-–(:].{1,30})?$"
    r"|\bregist(?:ry|er)\s+(?:of|for)\s+clinical\s+(?:trials?|studies|research)(?:\s*[-–(:].{1,30})?$"
    r"|^clinical\s+research\s+information\s+service\b"
    # ... in Chinese, Japanese and Korean: a "system", a "registration centre" or an "information
    # service" ends its name ("jRCT 臨床研究実施計画・研究概要公開システム", "中国临床试验注册中心")
    r"|^.{0,40}(?:システム|系统|系統|시스템|注册中心|註冊中心|登録センター|정보\s?서비스)$"
    # A listing's place: "Trial record 1 of 1 for: stem cell vitiligo" (ClinicalTrials.gov's classic
    # search), "You are viewing study 3 of 12", "Showing result 2 of 40"
    r"|^(?:(?:you\s+are\s+)?(?:viewing|showing|displaying)\s+)?(?:trial\s+|study\s+)?(?:record|result|study|trial)"
    r"\s+\d+\s+of\s+\d+\b"
    # the site speaking of itself or its page: "Stem cell research at our hospital", "Trial
    # information for patients and families" (a registry's title never says "our"; nor "我院", "当院", "본원")
    r"|\bour\s+(?:hospital|clinic|cent(?:er|re)|institute|university|team|lab(?:oratory)?|department|unit|research)\b"
    r"|^(?:我院|本院|当院|본원|우리\s*병원)"
    r"|^(?:trial|study|patient|participant)\s+information\b|\binformation\s+for\s+(?:patients|participants|families)\b"
    # the page's kind, no trial's name: "Clinical trial summary card", "Study details", "Trial at a glance"
    r"|^(?:clinical\s+)?(?:trial|study)\s+(?:summary|details?|overview|record|profile|card|snapshot|facts"
    r"|at\s+a\s+glance)(?:\s+(?:card|page|sheet|view|box))?$"
    # a finder's listing and its counts: "Trials in United Kingdom", "Now enrolling: 1,240 studies",
    # "Over 25,000 patients have joined a trial through ..."
    r"|^(?:clinical\s+)?(?:trials|studies)\s+(?:in|near|around)\s+.{1,40}$"
    rf"|{_STUDIES_COUNTED}(?:\s+(?:found|available|listed|near\s+you))?$"
    r"|^(?:over|more\s+than|nearly|almost)\s+\d[\d,.]*\+?\s+(?:patients|people|participants|volunteers|members|users)\b"
    # a publication's name over its article: "EB Patient News", "Dermatology Times"
    r"|^(?:[\w&'-]+\s+){0,3}(?:news|times|today|weekly|daily|magazine|digest|gazette|newsletter)$"
    # a question to the reader or the list: "Does anyone know of an open trial for RDEB wounds?"
    r"|^(?:does|do|is|has|can|could)\s+(?:anyone|anybody|someone|somebody)\b"
    # an e-mail's subject: "Subject: New trial for EB patients - please share", "Fwd: ..."
    r"|^(?:subject|re|fwd?|aw|wg)\s*:\s"
    # a box's heading over the facts: "Study at a glance", "Trial in brief", "Key facts"
    r"|^(?:the\s+)?(?:study|trial)\s+(?:at\s+a\s+glance|in\s+brief|in\s+short|snapshot|highlights|key\s+facts)$"
    r"|^(?:key|quick)\s+facts$|^at\s+a\s+glance$"
    # a site's tagline: "Advancing Regenerative Medicine Since 1998", "Est. 2004"
    r"|\bsince\s+(?:19|20)\d{2}$|^(?:est\.?|established)\s+(?:in\s+)?(?:19|20)\d{2}$"
    # a question to the reader: "Are you living with a foot ulcer that won't heal?", "Do you have
    # vitiligo? You may be eligible for a study ..." (a registry's title never speaks to "you")
    r"|^(?:(?:are|do|have|were)\s+you|(?:living|struggling|suffering|dealing)\s+with)\b[^?]*\?"
    r"|\byou\s+(?:may|might|could|can)\s+(?:be\s+(?:eligible|able)|qualify|join|take\s+part)\b"
    # a section's question about the trial: "What is this study about?", "Why is the trial being done?"
    # (a title may ask its own question, never of "this study")
    r"|^(?:what|why|who|how|where|when|which)\b[^?]*\b(?:this|the)\s+(?:study|trial|research)\b[^?]*\?$"
    r"|\bthis\s+(?:study|trial|research)\b[^?]*\?$"  # "Interested in this trial?"
    # a call to write or ask: "Ask a question about this trial", "Contact the study team" (not
    # "Contact dermatitis ...")
    r"|^(?:ask|contact|e-?mail|call|message)\s+(?:a|an|the|us|our|this)\b"
    # a site's feature: "Study of the Month", "Trial of the week"
    r"|^(?:study|trial)\s+of\s+the\s+(?:day|week|month|year)$"
    # a listing's heading: "Cell therapy trials", "Vitiligo studies"
    r"|^(?:[\w-]+\s+){0,3}(?:trials|studies)$"
    # a press release's headline
    rf"|{_PRESS_HEADLINE}"
    rf"|^(?:dr|prof)\.?\s+(?-i:[A-Z])|,\s*(?-i:{_DOCTORS_DEGREES})\b",
    re.I,
)
# A site's place: "Mobile, Alabama, United States" or "Wuhu, Anhui, China" on a line of its own.
_PLACE = re.compile(r"^[^,:;|()]{2,40}(,\s*[^,:;|()]{2,40}){1,4}$")
# A person under a label that names one: "Principal investigator" over "Maria Lopez, MD" (Maryland's
# code too), "Contact" over "Jane Roe, PA" (Pennsylvania's).
_PERSON_LABEL = re.compile(
    r"^(?:principal\s+|lead\s+|co-?)?(?:investigators?|researchers?|contacts?|study\s+(?:doctor|director|chair|contact)s?)"
    r"(?:\s*\(s\))?(?:\s+\w+)?\s*:?$",
    re.I,
)
_CREDENTIALS = re.compile(rf",\s*(?-i:{_DOCTORS_DEGREES}|PA|PA-C|MS|MSc|RN|NP|FACS)\b")


_INSTITUTION = re.compile(
    r"\b(universit\w*|hospital\w*|clinic\w*|cent(?:er|re)s?|institut\w*|medical|foundation)\b", re.I
)


def _leading_country(text: str) -> list[str]:
    """'Germany Tübingen', 'United Kingdom London' under a countries label: the country, then its
    city (DRKS prints recruitment locations so)."""
    words = text.split()
    if _INSTITUTION.search(text):
        return []  # "Jordan University Hospital" is a place's name, not a country and its city
    for size in (3, 2, 1):
        if len(words) > size and len(words) - size <= 3:
            country = normalize_country(" ".join(words[:size]))
            if country:
                return [country]
    return []


def _site_countries(lines: list[Line], found: Fields) -> list[str]:
    """The countries of the places a page lists without a label (a site's city, region, country)."""
    countries = []
    first_field = min(found.labelled, default=len(lines))  # a masthead's address above it is the site's
    for index, line in enumerate(lines):
        if index <= first_field or index in found.labelled or not _PLACE.match(line.text):
            continue
        if _CREDENTIALS.search(line.text) and _PERSON_LABEL.match(lines[index - 1].text):
            continue
        if _the_sites_own_address(lines, index):
            continue
        for country in countries_in(line.text):
            if country not in countries:
                countries.append(country)
    return countries


def _masthead(lines: list[Line], longest: int) -> str:
    """The page's first line when it is short enough to be the site's name ("Trials4You",
    "DermaCell Therapeutics"); else ""."""
    brand = lines[0].text.strip() if lines else ""
    return brand if 3 <= len(brand) <= longest else ""


def _the_sites_own_address(lines: list[Line], index: int) -> bool:
    """The address of the company running the site: under (or on one line with) the name its
    masthead gives, as a company ("Trials4You" atop the page, "Trials4You Inc." over "200 Main
    Street, Austin, TX 78701, USA"). A hospital's page under its own name keeps its address: the
    trial's site."""
    brand = _masthead(lines, longest=30).lower()
    if not brand or index == 0:
        return False
    return any(
        text.lower().startswith(brand) and _A_COMPANY.search(text)
        for text in (lines[index].text, lines[index - 1].text)
    )


_INLINE_ID = re.compile(r"\b(?:identifier|trial id|registration number|nct number|main id)\s*[:：]\s*(\S+)", re.I)


def _inline_ids(text: str) -> list[tuple[str, str]]:
    return [found for match in _INLINE_ID.finditer(text) if (found := parse_identifier(match[1].rstrip(".,;|")))]


# A news item or a press release quotes people ("... ,” said Dr. Smith"); a registry's or a finder's
# record page does not.
_QUOTED_SPEECH = re.compile(
    r"[”\"]\s*,?\s*(?:said|says|explained|explains|added|adds|noted|notes)\b"
    r"|\b(?:said|says)\s+(?:Dr\.?\s+|Prof\.?\s+)?[A-Z][a-z]+\s+[A-Z]"
)
# A news item's own words: an announcement ("today announced", a newswire's dateline), a trial
# launched or begun ("has begun recruiting volunteers for a new study").
_ANNOUNCEMENT = re.compile(
    r"\b(?:today|recently|has|have)\s+announced\b|/\s*(?:PRNewswire|Business\s*Wire|GLOBE\s*NEWSWIRE)\b"
    r"|\b(?:said|announced)\s+(?:on\s+)?(?:today|yesterday|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
    r"|\bin\s+a\s+(?:press\s+release|statement)\b"
    r"|\b(?:has|have)\s+(?:begun|started)\s+(?:recruiting|enrolling)\b"
    r"|\b(?:has|have)\s+(?:launched|started|begun|initiated)\s+(?:an?\s+)?(?:new\s+)?(?:[\w-]+\s+){0,3}(?:study|trial)\b"
    # results reported: "published today show", a headline's "..., trial finds"
    r"|\bpublished\s+(?:today|yesterday|this\s+week)\b"
    r"|,\s*(?:new\s+)?(?:study|trial|research|researchers|scientists)\s+(?:finds|found|shows|showed|suggests|say|says)\s*$",
    re.I,
)
# A publication about the trial: its abstract's "Trial registration:" line, its DOI or PubMed id.
_PUBLICATION = re.compile(r"^\s*(?:trial\s+registration|doi|pmid|pmcid)\s*:", re.I)
# ... or its structured abstract: "Background: ... Methods: ... Results: ... Conclusion: ...", the
# parts on lines of their own or run together (three parts at least: a registry names one, "Results").
_ABSTRACT_PART = re.compile(
    r"(?:^|(?<=[.!?])\s+)(background|objectives?|aims?|methods|results|conclusions?)\s*:\s", re.I | re.M
)


def _a_structured_abstract(lines: list[Line]) -> bool:
    parts = {match[1].lower().rstrip("s") for line in lines for match in _ABSTRACT_PART.finditer(line.text)}
    return len(parts & {"background", "method", "result", "conclusion"}) >= 3


_RECORD_FIELDS = ("status", "phase", "enrollment", "sponsor", "conditions", "start", "study_type")


def _an_article(found: Fields, lines: list[Line]) -> bool:
    """A page that quotes people, announces or is a publication (its abstract), and labels none of
    a trial record's fields: its headline is the article's, not the trial's registered title (which
    such a page seldom prints)."""
    if any(name in found.values or name in found.lists for name in _RECORD_FIELDS):
        return False
    if _a_structured_abstract(lines) or any(
        _QUOTED_SPEECH.search(line.text) or _ANNOUNCEMENT.search(line.text) or _PUBLICATION.match(line.text)
        for line in lines
    ):
        return True
    # A news site's chrome ("Posted on 3 March 2025") on a page whose text stands under a study page's
    # own sections ("About this study", "Who can take part"): a study page a CMS dated, no article.
    sections = set(found.narrative) - {"unlabelled"}
    return not sections and any(_ARTICLE_CHROME.match(line.text) for line in lines)


# A news site's own lines around its article: "4 min read", "Posted on 3 March 2024", "Media contact",
# "Related articles", "Share this story".
_ARTICLE_CHROME = re.compile(
    r"^\s*(?:\d{1,2}\s+min(?:ute)?s?\s+read|posted\s+(?:on|by|in)\b|press\s+release\s*$|media\s+(?:contact|enquiries)"
    r"|related\s+(?:news|articles|stories|posts)\s*$|share\s+this\s+(?:article|story|post)\b"
    # ... in Chinese, Japanese and Korean: "发布时间：", "来源：", "作者：", "本报讯（记者 ...）", "掲載日：", "입력 :"
    r"|(?:发布(?:时间|日期)|發布(?:時間|日期)|来源|來源|作者|记者|記者|掲載日|投稿日|기자|입력|등록일)\s*[:：]|本报讯|本報訊)",
    re.I,
)


# A title never ends with one of these words: its line was wrapped ("... in Patients With" over
# "Moderate to Severe Psoriasis").
# ("Vitamin A" ends a title: the articles only in lower case.)
_WRAPPED_TITLE = re.compile(
    r"\s(?:[Ww]ith|[Oo]f|[Ff]or|[Ii]n|[Aa]nd|[Oo]r|the|a|an|[Tt]o|[Oo]n|[Vv]ersus|vs\.?|[Bb]y|[Ff]rom|[Aa]mong|[Aa]fter)$"
)


def _title(found: Fields, lines: list[Line]) -> str:
    title = _title_line(found, lines)
    at = next((index for index, line in enumerate(lines) if line.text == title), None) if title else None
    if at is not None and at + 1 < len(lines) and _WRAPPED_TITLE.search(title):
        rest = lines[at + 1]
        if at + 1 not in found.labelled and len(rest.text) <= 150 and not _paragraph(rest.text):
            title = f"{title} {rest.text}"
    return title if found.values.get("title") else _HEADLINE_KICKER.sub("", title, count=1)


# A headline's kicker, the site's words before the trial's title: "Now recruiting: ...", "Featured
# trial: ...", "Study spotlight – ..." (a recruiting one says the status: _STATUS_PHRASES).
# ("Volunteers needed: 40" is a count's label.)
_KICKER_SAYS_RECRUITING = r"(?:now|currently)\s+(?:recruiting|enrolling)|(?:recruiting|enrolling)\s+now"
_KICKER_END = r"(?:\s*[:|–—]|\s+-)\s+(?=\S)"
_HEADLINE_KICKER = re.compile(
    rf"^(?:{_KICKER_SAYS_RECRUITING}"
    r"|(?:new|featured|current|open|ongoing|upcoming|active)\s+(?:clinical\s+)?(?:study|trial|research(?:\s+study)?)"
    r"|(?:study|trial|research)\s+(?:spotlight|news|update|of\s+the\s+(?:week|month)))"
    rf"{_KICKER_END}",
    re.I,
)


def _headline(found: Fields, lines: list[Line]) -> str:
    """An article's headline ("Example Therapeutics completes enrollment in its Phase 1 trial of
    allogeneic keratinocyte sheets for burns"): not the trial's title, but what the article says
    the trial tests, so it is read with the article's text."""
    if not _an_article(found, lines):
        return ""
    return (
        _first_heading(lines)
        or next((text for text in _own_title_lines(found, lines) if _names_the_field(text)), "")
        or next((line.text for line in lines[:_OPENING_FIELDS] if _A_PRESS_HEADLINE.match(line.text)), "")
    )


def _first_heading(lines: list[Line]) -> str:
    """The page's first first-level heading that is not the site's own words."""
    return next((line.text for line in lines if line.heading == 1 and not _NOT_A_TITLE.search(line.text)), "")


def _own_title_lines(found: Fields, lines: list[Line]) -> list[str]:
    """The opening block's title-like lines (_title_lines), the site's own words left out."""
    return [text for text in _title_lines(found, lines) if not _NOT_A_TITLE.search(text)]


def _title_line(found: Fields, lines: list[Line]) -> str:
    if found.values.get("title"):
        return found.values["title"]
    if _an_article(found, lines):
        # 'The study, titled "A Multicenter Study of ...", is registered as ...': the one title it says.
        titles = {
            match["title"].strip()
            for line in lines
            for pattern in (_TITLED_IN_PROSE, _QUOTED_BEFORE_ITS_ID)
            for match in pattern.finditer(line.text)
        }
        return titles.pop() if len(titles) == 1 else ""
    heading = _first_heading(lines)
    if heading:
        return heading
    # The first title-like line above the first field and the first paragraph; a site's own words
    # there ("Find a study near you") are passed over for a line naming a condition or a product.
    candidates = _own_title_lines(found, lines)
    # "Vitiligo Clinical Trial", "Portail suisse des essais cliniques" over the trial's own title:
    # the site's heading, passed over when a line below may be the title.
    candidates = [text for text in candidates if not _SITE_HEADING.match(text)] or candidates
    named = [text for text in candidates if _names_the_field(text)]
    if len(named) >= 2 and _sentence_case(named[0]) and _title_case(named[1]):
        # A finder site's plain-words headline ("Using stem cells to heal foot ulcers") over the
        # registry's own title, which registries print in title case.
        return named[1]
    if len(named) >= 2 and _OFFICIAL_SHAPE.search(named[0]) and len(named[1]) * 2 <= len(named[0]):
        # A registry's official title over the trial's short one ("A Phase 1/2, Open-label Study to
        # Evaluate ..." over "Fibroblasts for RDEB"): the short one is the title people use.
        return named[1]
    # A line naming no condition nor product is a title only if it reads as one (a study of a coded
    # product: "Safety of XYZ-101 in Adults"), not a site's tagline ("Advancing skin health through
    # research") or its page's heading ("Research Opportunities at Example Health").
    return named[0] if named else next((text for text in candidates if _reads_as_a_trial(text)), "")


def _title_in_document_title(text: str) -> str:
    """The trial's title in a saved page's <title>, whose other parts are the site's name, the id
    or the page's kind ("Placental MSC gel for radiation dermatitis | NCT05777111 | MedTrials");
    none when no part reads as a trial's title ("Study details | CareFinder")."""
    # (the page's layout has joined a tab's two parts "Study details | Example Trials" as a field's
    # label and value: a colon splits them too)
    parts = [part.strip() for part in re.split(r"\s+[|–—:-]{1,2}\s+|:\s+", text) if part.strip()]
    for part in parts:
        part = _without_its_id(part)
        if (
            len(part.split()) >= 3
            and could_be_a_title(part)
            and not find_identifiers(part)
            and not _site_words(part)
            and (_names_the_field(part) or _reads_as_a_trial(part))
        ):
            return part
    return ""


def _reads_as_a_trial(text: str) -> bool:
    """A study's words, a coded product, or an origin ("Peau tissulaire autologue chez l'enfant
    brûlé": a product named in words the vocabularies do not hold)."""
    return bool(_READS_AS_A_TRIAL.search(text) or load_vocabulary()["origins"].search(text))


_READS_AS_A_TRIAL = re.compile(
    r"\b(?:stud(?:y|ies)|trials?|phase|safety|efficacy|effect(?:s|iveness)?|evaluation|treatment|therapy|versus|vs\.?"
    r"|randomi[sz]ed|placebo|patients|subjects|participants|adults|children)\b|(?-i:\b[A-Z]{2,}-?\d{2,}\b)"
    # in the registries' other languages: a study, a trial, a treatment
    r"|\b(?:estudio|ensayo|étude|essai|studie|studio|estudo|ensaio|tratamiento|traitement|behandlung|tratamento)\b"
    r"|研究|試験|试验|治療|治疗|연구|임상|치료",
    re.I,
)


# An official title's own words: its design before its subject, or "a study to evaluate".
_OFFICIAL_SHAPE = re.compile(
    r"^(?:an?\s+)?(?:phase\s+[\w/-]+,?\s+|(?:randomi[sz]ed|multi-?cent(?:er|re|ric)|open[\s-]label|prospective"
    r"|double[\s-]blind(?:ed)?|single[\s-]arm|placebo[\s-]controlled|non-?randomi[sz]ed),?\s+)"
    r"|\b(?:study|trial)\s+to\s+(?:evaluate|assess|investigate|determine|compare|explore)\b",
    re.I,
)


def _title_words(text: str) -> list[str]:
    """The words of four letters or more after the first: the ones title case capitalises."""
    return [word for word in re.findall(r"[^\W\d_][\w'-]*", text)[1:] if len(word) >= 4]


def _title_case(text: str) -> bool:
    words = _title_words(text)
    return len(words) >= 3 and sum(word[0].isupper() for word in words) >= 0.8 * len(words)


def _sentence_case(text: str) -> bool:
    words = _title_words(text)
    return len(words) >= 3 and all(word[0].islower() or word.isupper() for word in words)


def _names_the_field(text: str) -> bool:
    vocabulary = load_vocabulary()
    return any(vocabulary[kind].may_match(text) for kind in ("conditions", "cell_sources", "product_types"))


def _section_heading(text: str) -> bool:
    """A label that opens a section of text ("Overview", "Study Overview"), alone on its line."""
    return LABELS.get(label_key(text)) in NARRATIVE_FIELDS


def _names_a_product(text: str) -> bool:
    vocabulary = load_vocabulary()
    return any(vocabulary[kind].search(text) for kind in ("cell_sources", "product_types"))


_OPENING_FIELDS = 8  # the lines of a page's opening block, where an id or chips may stand above its title


def _title_lines(found: Fields, lines: list[Line]) -> list[str]:
    """The opening block's lines that could be the title, best first: a tag beside others
    ("Keloid | Stem cell conditioned medium") only when the block has nothing else."""
    candidates, tags, in_menus = [], [], []
    titles = 0  # the candidates that are no site's own words
    under_heading = below_fields = False
    heading = ""
    menu = _menu_lines(found, lines)
    for index, line in enumerate(lines):
        if not candidates and not under_heading and index in found.labelled and _section_heading(line.text):
            under_heading = True  # "Study Overview" over the title: a section's name, the title below it
            heading = line.text
            continue
        # (above any line but the site's own words: "jRCT ... システム" over "ID: jRCT..." over the title;
        # not where the page labels an official title: "Vitiligo Clinical Trial" over "Official title:"
        # gives way to that title, not to a line further down)
        above_title = not candidates or (not titles and "official_title" not in found.values)
        if index in found.labelled and above_title and index < _OPENING_FIELDS and not _section_heading(line.text):
            below_fields = True  # "NCT Number: ...", "Phase 2", "Recruiting" printed above the title
            continue
        # three lines that may be the title at most; a site's own words ("Clinical Trials in Los
        # Angeles", "Paid Clinical Trials Near You") above them are passed over, not counted
        if index in found.labelled or _paragraph(line.text) or titles == 3:
            break
        if under_heading and not candidates and len(line.text.split()) < 4:
            under_heading = False  # "About" over "Search trials": a site's menu, not a section's name
        if under_heading and not candidates and len(line.text) > 150:
            break  # the section's own text, not a title under its name
        text = _HEADLINE_KICKER.sub("", _without_its_id(line.text), count=1)
        quoted = _QUOTED_TITLE.search(text)
        if quoted:  # 'The trial, titled "Placental MSC gel for radiation dermatitis", is led by ...'
            text = quoted["title"].strip()
        # A long title may end with a full stop, and a registry's title in title case may be two
        # sentences ("... in Diabetes Patients. A Phase I Pilot Study.").
        one_sentence = (
            text.endswith(".")
            and len(text.split()) >= 12
            and ". " not in text
            and not _PROSE_START.match(text)
            and not _SAYS_WHAT_HAPPENS.search(text)  # "Participants will receive ...": prose
            and not _STATES_A_FACT.search(text)  # "Treatment options include creams, ...": prose
        )
        titled_sentences = text.endswith(".") and _title_case(text)
        if (
            under_heading
            and not candidates
            and text.endswith(".")
            and not titled_sentences
            and _TEXTS_HEADING.search(heading)
        ):
            break  # "Description" over a sentence: the section's own text, not a title under its name
        if (
            (
                len(text.split()) >= 4
                or (len(text.split()) == 3 and _names_the_field(text))  # "Exosomes for photoaging"
                or (not _latin(text) and len(text) >= 16)  # Chinese and Japanese: no spaces
            )
            and could_be_a_title(text)  # no site chrome, no numbered section heading
            and not re.search(r"\b(status|logo|image)\b", text, re.I)
            and not find_identifiers(text)
            and text.replace("::", "").count(":") < 2  # "Experimental: A, Placebo Comparator: B" is fields
            and (not text.endswith((".", ":", "。", "：")) or one_sentence or titled_sentences)
            and not line.bullet
            and not _OBJECTIVE.match(text)
            and not _READERS_QUESTION_ANSWERED.match(text)
            and not _an_address(text)  # "Example Children's Hospital, Boston, MA": a signature's place
            and (not below_fields or _names_the_field(text))  # among fields: only a line naming the trial's matter
            # among fields, "Treatment: cultured melanocytes" is a field the dictionary does not know
            and not (below_fields and _LABEL_AND_VALUE.match(text) and not _KIND_PREFIX.match(text))
        ):
            if index in menu:
                in_menus.append(text)  # a site's menu: passed over, not counted
                continue
            candidates.append(text)
            titles += not _site_words(text)
            if line.in_row and len(text.split()) <= 5:
                tags.append(text)
    if not any(_names_the_field(text) or _reads_as_a_trial(text) for text in candidates if not _site_words(text)):
        candidates += in_menus  # (a menu's entry is a title only where no other line reads as one)
    others = [text for text in candidates if text not in tags]
    # Tags give way only to a line that may be a title, not to the site's own words above them; alone,
    # a tag is a title only in a title's shape ("Stem cells for vitiligo", not "Bone marrow MSCs").
    if any(not _NOT_A_TITLE.search(text) for text in others):
        return others
    return [text for text in candidates if text not in tags or _A_TITLES_LINK.search(text) or _reads_as_a_trial(text)]


_MENU_RUN = 4  # lines in a row, at least, that make a menu
_MENU_ENTRY_WORDS = 5


def _menu_lines(found: Fields, lines: list[Line]) -> set[int]:
    """The lines of a site's menu at the top of its page: a run of short unlabelled lines
    ("Request an Appointment", "Find a Doctor", "Blood and Marrow Transplant Program", "Allogeneic
    Stem Cell Transplant", ...), none a heading or a sentence. A title stands alone or beside a
    line or two of chips."""
    entries = [
        index not in found.labelled
        and not line.heading
        and not line.bullet
        and not line.in_row  # (a row's cells are tags: _title_lines reads them so)
        and _latin(line.text)  # (words counted where spaces part them)
        and len(line.text.split()) <= _MENU_ENTRY_WORDS
        and not line.text.rstrip().endswith((".", ":", "?", "!", "。", "："))
        for index, line in enumerate(lines[: _OPENING_FIELDS * 4])
    ]
    menu, start = set(), 0
    for index, entry in enumerate([*entries, False]):
        if not entry:
            if index - start >= _MENU_RUN:
                menu.update(range(start, index))
            start = index + 1
    return menu


# The words that tie a title's product to its condition: "Stem cells for vitiligo", "MSCs in psoriasis".
_A_TITLES_LINK = re.compile(r"\b(?:for|in|of|with|versus|vs\.?|after|to|on|using|from)\b", re.I)


def _an_address(text: str) -> bool:
    """A place written as an address: pieces between commas ending in a country or a state's code."""
    return bool(_PLACE.match(text)) and bool(re.search(r",\s*[A-Z]{2}$", text) or countries_in(text.rsplit(",", 1)[-1]))


# A site's question to the reader with its answer: "Who is it for? Adults with ...", "Can I join?
# Yes". (A title may ask a question, "Can Stem Cells Heal Scars? A Pilot Study", but not the reader.)
_READERS_QUESTION_ANSWERED = re.compile(
    r"^(?:who|what|when|where|how|why|is|are|can|does|do|will)\b[^?？]{0,60}"
    r"\b(?:it|this|you|I|join|take\s+part|participate|the\s+(?:study|trial))\b[^?？]{0,30}[?？]\s+\S",
    re.I,
)


# A heading over a section's text, not over a trial's title ("Study Overview" may head the title).
_TEXTS_HEADING = re.compile(r"\b(?:description|summary|about)\b", re.I)


def _site_words(text: str) -> bool:
    return bool(_NOT_A_TITLE.search(text) or _SITE_HEADING.match(text))


def _quoted_title(verbs: str) -> re.Pattern:
    """A title in quotes after one of `verbs` (a full stop or comma inside the closing quote is no
    part of it)."""
    return re.compile(rf"\b(?:{verbs})\s*:?\s*[\"“‘'](?P<title>[^\"“”‘’]{{15,250}}?)[,.]?[\"”’'](?!\w)", re.I)


# A news item names its trial's title in quotes: 'a trial titled "..."', 'the study, entitled "...",'.
_QUOTED_TITLE = _quoted_title("titled|entitled|called")
# Anywhere in an article's prose only "titled": what is "called" there may be a product or a gene.
_TITLED_IN_PROSE = _quoted_title("titled|entitled")
# ... or quoted, its id in brackets right after: '“人脐带间充质干细胞治疗银屑病的临床研究”（NCT...）',
# 'the trial "Placental MSC gel for burns" (NCT...)', the id labelled in its brackets too
# ('（注册号：ChiCTR...）', '(registration number: NCT...)').
_QUOTED_BEFORE_ITS_ID = re.compile(
    r"[“「『\"](?P<title>[^“”「」『』\"]{8,250})[”」』\"]\s*[（(]\s*(?:[^（）()：:\n]{1,25}[：:]\s*)?"
    r"(?=(?:NCT|ChiCTR|ISRCTN|ACTRN|jRCT|UMIN|KCT|DRKS|IRCT|CTRI)\S)"
)
_LABEL_AND_VALUE = re.compile(r"^[A-Z][\w/-]*(?: [\w/-]+){0,2}:\s+\S")


def _without_its_id(text: str) -> str:
    """A title line without the one id printed before or after it (a line that is more than a title
    and an id keeps it, and is no title)."""
    ids = identifier_positions(text)
    if len(ids) != 1:
        return text
    printed = text[ids[0][0] :].split()[0].rstrip("):,;")
    if not parse_identifier(printed):
        return text
    marked = text.replace(printed, "ID", 1)
    rest = _ID_BESIDE.sub("", marked, count=1)
    return rest.strip() if "ID" not in re.findall(r"\bID\b", rest) else text


# An aim, not a title, when nothing labels it: "Evaluate the efficacy of ...", "To assess ...".
_OBJECTIVE = re.compile(
    r"^(to\s+)?(evaluate|assess|determine|investigate|examine|explore|compare|measure|describe|test)\s+(the|whether|if|how)\b",
    re.I,
)


# ("Participants receive two injections ...": what happens, said in the present, is no title either)
_SAYS_WHAT_HAPPENS = re.compile(
    r"\b(?:will|were|was|are being|have been|has been|receives?|undergoes?|undergo|(?:is|are) given"
    r"|(?:is|are) (?:testing|studying|evaluating|comparing))\b",
    re.I,
)
# A sentence's own verb, said of a thing (not a relative clause's: "... in Patients Who Have Burns"): a
# title names its study and says nothing is so.
_STATES_A_FACT = re.compile(
    # (not "results" nor "may": a title's "Long-term Results of ...", the month)
    r"(?<!\bwho )(?<!\bthat )(?<!\bwhich )\b(?:is|are|include|includes|affects|causes|can|helps|means)\b",
    re.I,
)
_PROSE_START = re.compile(r"^(this|these|the (purpose|aim|goal|objective)|in this|we|our|a total|you|if you)\b", re.I)


def _paragraph(text: str) -> bool:
    """Prose, not a title: long with sentences in it, or very long."""
    return len(text) > 600 or (len(text) > 250 and bool(re.search(r"[.!?]\s+[A-Z]", text)))


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
        elif line.text.lower() not in NOT_GIVEN:
            entries.append({"name": line.text, "type": "", "description": ""})
    return tuple(Intervention(**entry) for entry in entries)


# Arms run together on one line of a flattened page: "Experimental: cells. Active Comparator: graft."
_NEXT_ARM = re.compile(
    r"(?<=[.;|])\s+(?=(?:experimental|active comparator|placebo comparator|sham comparator|no intervention)"
    r"(?:\s+(?:arm|group))?\s*:)",
    re.I,
)


def _arms(lines: list[Line]) -> tuple[Arm, ...]:
    arms = []
    top = min((line.depth for line in lines), default=0)
    for line in lines:
        if line.depth > top:
            continue
        for text in _NEXT_ARM.split(line.text):
            kind, _, label = text.partition(":")
            if label and enums.arm_type(kind):
                arms.append(Arm(label=label.strip(), type=enums.arm_type(kind)))
            else:
                arms.append(Arm(label=text.strip()))
    return tuple(arms)


# ("Phase 3 psoriasis trials": a link to trials of a phase, not this trial's)
_HEAD_PHASE = re.compile(r"^(early\s+)?phase\b(?!.*\b(?:trials|studies)\b).{0,20}$|^not applicable$", re.I)


def _head_phase(lines: list[Line], found: Fields) -> str:
    """A phase printed alone in the page's opening block ("Early Phase 1" under the title)."""
    for index, line in enumerate(lines[:30]):
        if _paragraph(line.text):
            break
        if index not in found.labelled and _HEAD_PHASE.match(line.text) and enums.phases(line.text):
            return line.text
    return ""


def _head_status(lines: list[Line], found: Fields) -> tuple[str, str]:
    """A status the page prints unlabelled, as (its words, the status): alone in the opening block
    ("Recruiting" under the title), as the page's only badge, or said of the trial in its prose."""
    # ("Currently recruiting for 35 studies": the site's, not the trial's)
    unlabelled = {
        index
        for index, line in enumerate(lines)
        if index not in found.labelled and not _A_SITES_COUNT_OF_STUDIES.search(line.text)
    }
    for index, line in enumerate(lines[:30]):
        if len(line.text) > 250:
            break
        if index in unlabelled and enums.status(line.text) and len(line.text) < 40:
            return line.text, enums.status(line.text)
        # "This study has been completed." / "This study is currently recruiting participants."
        sentence = _STATUS_SENTENCE.match(line.text)
        if index in unlabelled and sentence and enums.status(sentence[1]):
            return sentence[1], enums.status(sentence[1])
    alone = {
        enums.status(line.text)
        for index, line in enumerate(lines)
        if index in unlabelled and len(line.text) < 40 and enums.status(line.text)
    }
    if len(alone) == 1:  # a badge further down ("Recruiting" beside the sites), the page's only status
        return next(
            line.text
            for index, line in enumerate(lines)
            if index in unlabelled and len(line.text) < 40 and enums.status(line.text) in alone
        ), alone.pop()
    said = {
        (match[1] if pattern.groups else match[0]).strip(" .").lower(): status or enums.status(match[1])
        for index, line in enumerate(lines)
        if index in unlabelled
        for text in (_it_resolved(line.text),)
        for pattern, status in _STATUS_PHRASES
        for match in pattern.finditer(text)
        # "Enrollment in this study is complete": the enrollment's state, not the study's
        if not (pattern is _STATUS_IN_PROSE and _ENROLLMENT_OF.search(text[: match.start()]))
    }
    said = {words: status for words, status in said.items() if status}
    return next(iter(said.items())) if len(set(said.values())) == 1 else ("", "")


_STATUS_SENTENCE = re.compile(
    r"^this (?:study|trial) (?:has been|is|was)(?: currently)? ([\w ,]+?)"
    r"(?: participants)?(?: prior to enrollment)?\.?$",
    re.I,
)
# The page's own trial: "this study", "the new trial", "this first-in-human study"; never an
# earlier or another one ("the previous trial", "the first trial").
_NOT_THIS_TRIAL = rf"(?:{_OTHER_TRIAL_WORDS})\b(?!-)"
# ("The randomized, double-blind trial")
_THE_TRIAL = rf"\b(?:this|the) (?!{_NOT_THIS_TRIAL})(?:[\w/-]+,? ){{0,3}}(?:study|trial)"
# ... with its id or name in brackets after it: "The trial (NCT06333444) is being run at ..."
_THE_TRIAL_BRACKETED = rf"{_THE_TRIAL}(?:\s*\([^()]{{1,40}}\))?"
# "This trial (NCT...", "The new study, registered as ...": the page's own trial, its id after it.
_THIS_TRIALS_ID_BEFORE = re.compile(
    rf"(?i:{_THE_TRIAL})\s*(?:\(\s*|,?\s+(?:registered\s+(?:as|under)|identifier|id|number)\s*:?\s*)$"
)
# The page's own trial said to recruit in its prose: "The trial is now recruiting patients", "This
# study (NCT...) is sponsored by Example University and is currently recruiting", "The trial
# sponsored by Example Inc. has been completed". Between the trial and its status only its id and
# who runs it; a sentence's end (a full stop before a capital) ends the search.
_WITHIN_SENTENCE = r"(?:[^.;]|\.(?=\s+(?-i:[a-z])))"  # in lower case, whatever the flags
# A news item's lede names it with "a": "A phase 2 trial of ... is now enrolling patients".
_A_LEDES_TRIAL = rf"(?:^|(?<=\.\s))(?-i:An?) (?!{_NOT_THIS_TRIAL})(?:[\w/-]+ ){{0,3}}(?:study|trial)"
# ... then what it tests: "A trial testing cultured skin in children with burns"
_WHAT_IT_TESTS = r"(?:testing|evaluating|investigating|studying|of|using)"
_STATUS_IN_PROSE = re.compile(
    rf"(?:{_THE_TRIAL}|{_A_LEDES_TRIAL})"
    # "the ADSC sheet study at our centre (NCT...) is still recruiting"
    r"(?:\s+(?:at|in)\s+(?:our|this)\s+(?:centre|center|hospital|clinic|unit|department|institute|site))?"
    r"(?:\s*\([^()]{1,60}\))?"
    # "The trial testing cultured skin in children with burns is now enrolling": what it tests
    rf"(?:\s+{_WHAT_IT_TESTS}\s+{_WITHIN_SENTENCE}{{1,160}}?"
    r"(?=\s+is\s|,\s+(?:sponsored|funded|led|run|conducted|supported|coordinated)\s+by\s))?"
    rf"(?:,?\s+(?:is\s+|was\s+)?(?:sponsored|funded|led|run|conducted|supported|coordinated)\s+by\s+"
    rf"{_WITHIN_SENTENCE}{{1,120}}?,?\s+(?:and\s+)?)?"
    # "The study began in March 2023 and is currently recruiting"
    rf"(?:\s+(?:began|started|opened)\s+{_WITHIN_SENTENCE}{{1,60}}?\s+and\s+)?"
    r"\s*(?<!\w)(?:is|has been) "
    r"((?:now |currently |actively |still )?"
    r"(?:recruiting|enrolling|not yet recruiting|completed?|terminated|withdrawn|suspended))\b",
    re.I,
)
# Its status said in other words: (pattern, the status it says; "" for the status its group names).
_STATUS_PHRASES = (
    (_STATUS_IN_PROSE, ""),
    (
        re.compile(
            _THE_TRIAL + r" (?:is|was) (?:expected|scheduled|set|due|planned) to (?:begin|start) (?:enrol|recruit)\w*",
            re.I,
        ),
        "NOT_YET_RECRUITING",
    ),
    (
        re.compile(_THE_TRIAL + r" (?:has )?(?:completed|finished|closed) (?:its )?(?:enrol|recruit)\w*", re.I),
        "ACTIVE_NOT_RECRUITING",
    ),
    (re.compile(_THE_TRIAL + r" was completed\b", re.I), "COMPLETED"),
    (  # "The trial is no longer recruiting", "... no longer looking for participants": enrollment ended
        re.compile(
            _THE_TRIAL + r" is no longer (?:recruiting|enrolling|accepting (?:new )?(?:participants|patients)"
            r"|(?:looking|searching) for (?:participants|patients|volunteers))"
            r"|(?:^|\.\s+)(?:recruitment|enrol+ment) (?:for|in) " + _THE_TRIAL + r" has (?:finished|ended|closed)\b",
            re.I,
        ),
        "ACTIVE_NOT_RECRUITING",
    ),
    (  # "This study is not yet accepting patients": a finder's words for a trial not yet open
        re.compile(_THE_TRIAL + r" is not yet (?:accepting|enrolling|recruiting|open)\b", re.I),
        "NOT_YET_RECRUITING",
    ),
    (re.compile(r"(?:^|\.\s+)(?:enrol\w*|recruitment) (?:is )?(?:now )?open\b", re.I), "RECRUITING"),
    (re.compile(rf"^(?:{_KICKER_SAYS_RECRUITING}){_KICKER_END}", re.I), "RECRUITING"),  # "Now recruiting: <title>"
    # "This study is now accepting new participants", "We are currently recruiting patients for this study"
    (
        re.compile(
            _THE_TRIAL + r" is (?:now |currently )?(?:accepting|seeking) (?:new )?(?:participants|patients|volunteers)"
            r"|\bwe(?: are|'re) (?:now |currently )?(?:recruiting|enrolling) (?:[\w-]+ ){0,3}?(?:for|into|in) "
            + _THE_TRIAL,
            re.I,
        ),
        "RECRUITING",
    ),
    # In Chinese, Japanese and Korean, the trial the subject: "目前研究正在招募中", "本試験は現在、参加者を募集
    # しています", "이 연구는 현재 참여자를 모집 중입니다"; "该研究已完成招募" (enrolment ended).
    (
        re.compile(
            r"(?:(?:该|本|此)项?|目前|现在)(?:临床)?(?:研究|试验)(?:目前|现在|现)?仍?(?:正在|正)(?:招募|招收)"
            # (not "募集しておりません", "모집하고 있지 않습니다": not recruiting)
            r"|本(?:試験|研究|治験)は[^。]{0,20}?(?:募集中|募集しています|募集しております)"
            r"|(?:이|본)\s*(?:연구|임상시험|시험)(?:은|는)\s*[^.]{0,30}?모집\s*(?:중|하고\s*있(?:습니다|다))"
        ),
        "RECRUITING",
    ),
    (re.compile(r"(?:该|本|此)项?(?:临床)?(?:研究|试验)已经?(?:完成|结束)(?:招募|入组)"), "ACTIVE_NOT_RECRUITING"),
    # "Recruitment is paused", "Enrollment has been temporarily suspended": the trial halted for now.
    (
        re.compile(
            r"(?:^|\.\s+)(?:recruitment|enrol+ment|accrual) (?:is|has been) (?:temporarily )?"
            r"(?:paused|on hold|suspended)\b",
            re.I,
        ),
        "SUSPENDED",
    ),
    (
        re.compile(
            # "The study (ISRCTN...) will include 30 patients and is now open for recruitment"
            _THE_TRIAL + r"(?:\s*\([^()]{1,60}\))?(?: [^.;()]{1,80}? and)?"
            r" is (?:now |currently )?open (?:to|for) (?:enrol\w*|recruitment|accrual|new patients)",
            re.I,
        ),
        "RECRUITING",
    ),
    (
        re.compile(
            r"\b(?:enrol\w*|recruitment|accrual) (?:in|for|into|to) " + _THE_TRIAL + r" (?:is|has been) (?:now )?"
            r"(?:complete|completed|closed|finished)\b",
            re.I,
        ),
        "ACTIVE_NOT_RECRUITING",
    ),
    (re.compile(r"(?:^|\.\s+)closed to (?:accrual|enrol\w*|recruitment)\b", re.I), "ACTIVE_NOT_RECRUITING"),
    # "The study is closed to new participants", "Recruitment is complete": enrollment ended.
    (
        re.compile(
            _THE_TRIAL + r" is (?:now )?closed to (?:new )?(?:participants|patients|enrol\w*|recruitment|accrual)\b"
            r"|(?:^|\.\s+)(?:recruitment|enrol+ment|accrual) (?:is|has been) (?:now )?"
            r"(?:complete|completed|closed|finished)\b",
            re.I,
        ),
        "ACTIVE_NOT_RECRUITING",
    ),
    # "The trial was stopped early due to slow enrollment", "The study was terminated by the sponsor".
    (
        re.compile(
            # (stopped for a reason or early: "was stopped in 2020 and restarted" says no end)
            _THE_TRIAL + r" (?:was|has been) (?:stopped|halted|discontinued|ended)"
            r" (?:early|prematurely|due to|because|for (?:lack|futility|safety|slow))\b"
            r"|" + _THE_TRIAL + r" (?:was|has been) terminated\b",
            re.I,
        ),
        "TERMINATED",
    ),
    (re.compile(_THE_TRIAL + r" (?:was|has been) withdrawn\b", re.I), "WITHDRAWN"),
    # A news item's milestones: "the first patient has been dosed in its Phase 1/2a trial", "has
    # begun recruiting volunteers for a new study", "its phase 2 trial of X ... has completed
    # enrollment of 80 participants".
    (
        re.compile(
            r"\bfirst (?:patient|participant|subject|volunteer)s? (?:has |have )?(?:been |was |were )?"
            r"(?:dosed|treated|enrolled|randomi[sz]ed)\b|\b(?:has|have) (?:begun|started) (?:recruiting|enrolling)\b",
            re.I,
        ),
        "RECRUITING",
    ),
    (
        re.compile(
            rf"\b(?:this|the|its) (?!{_NOT_THIS_TRIAL})(?:[\w/-]+ ){{0,3}}(?:study|trial)\b{_WITHIN_SENTENCE}{{0,160}}?"
            r"\s(?:has|have) (?:completed|finished|closed) (?:its )?(?:enrol|recruit)\w*",
            re.I,
        ),
        "ACTIVE_NOT_RECRUITING",
    ),
    # "... has completed enrollment of 180 patients in its randomized Phase 2 trial", a headline's
    # "Completion of Enrollment in Phase 2 Trial of BC-301"
    (
        re.compile(
            r"\b(?:(?:has|have) (?:completed|finished|closed) (?:its )?|completion of (?:patient )?)"
            r"(?:enrol|recruit)\w*(?: of [\w, ]{1,40}?)? in (?:(?:its|the|this|a) )?"
            rf"(?!{_NOT_THIS_TRIAL})(?:[\w/-]+,? ){{0,5}}(?:study|trial)\b",
            re.I,
        ),
        "ACTIVE_NOT_RECRUITING",
    ),
)
_ENROLLMENT_OF = re.compile(r"\b(?:enrol\w*|recruitment|accrual)\s+(?:in|for|into|to)\s*$", re.I)


# "The study is sponsored by Example Biotech Inc. and ...", "The trial, sponsored by Example
# Medical, enrolled ...": a sponsor named in a sentence of the page's own (a news item, a
# hospital's page). Funders and collaborators are not the sponsor.
# The words between a name's capitalised ones ("Hôpitaux de Marseille", "12 de Octubre"); a name
# never ends with one.
_NAME_CONNECTOR = r"of|for|and|de|del|di|la|le|du|des|the|[-–]|\d+"
_A_NAME = rf"[A-Z][\w&'’.-]*(?:\s+(?:[A-Z][\w&'’.-]*|{_NAME_CONNECTOR})){{0,11}}"
_LEGAL_FORM = r"(?:,?\s+(?:Inc|Ltd|LLC|Corp|Co|GmbH|AG|plc|S\.A|N\.V|B\.V)\.?)"
# A name written as a company's (the site's own masthead: "Trials4You Inc.").
_A_COMPANY = re.compile(_LEGAL_FORM + r"(?!\w)")
_SPONSORED_BY = re.compile(
    r"(?:\b(?:is|was|are|were|being)\s+|\b(?:study|trial),\s+"
    # "a phase 1/2 trial (NCT...) sponsored by": the page's trial, not an earlier one's
    rf"|\b(?i:this|the|a|an)\s+(?!(?i:{_NOT_THIS_TRIAL}))(?:[\w/-]+\s+){{0,3}}"
    r"(?:study|trial)(?:\s*\([^()]{1,60}\))?,?\s+"
    # "The phase 2 trial of adipose cells in burn scars, sponsored by": what it tests between
    rf"|\b(?i:this|the|a|an)\s+(?!(?i:{_NOT_THIS_TRIAL}))(?:[\w/-]+\s+){{0,3}}(?:study|trial)"
    r"\s+(?:of|testing|evaluating|investigating|using)\s+[^.;,()]{1,120},\s+"
    # "The trial is funded by the charity DEBRA UK and sponsored by University College London"
    rf"|(?i:{_THE_TRIAL})\s+(?:is|was)\s+(?:funded|supported)\s+by\s+[^.;()]{{1,80}}?\s+and\s+"
    # a byline's "Sponsored by Example University." or "Study sponsored by ..." opening its line or sentence
    r"|(?:^|(?<=[.!?]\s))(?:(?=S)|(?:Study|Trial)\s+(?=s)|Funded\s+and\s+(?=s)))"
    r"[Ss]ponsored\s+by\s+(?:the\s+)?"
    rf"({_A_NAME}{_LEGAL_FORM}{{0,2}})"  # "Example Biotech Co., Ltd."
)
# "Example Institute is the sponsor of this trial", "The lead sponsor of the study is Example Inc."
_SPONSOR_OF_THE_TRIAL = re.compile(
    rf"(?:^|[.:;]\s+)(?:The\s+)?(?P<before>{_A_NAME})\s+(?:is|was)\s+the\s+(?:lead\s+|main\s+|primary\s+)?"
    rf"sponsor\s+(?:of|for)\s+(?i:{_THE_TRIAL})"
    rf"|\b(?i:the\s+(?:lead\s+|main\s+|primary\s+)?sponsor\s+(?:of|for)\s+{_THE_TRIAL}\s+(?:is|was))\s+"
    rf"(?:the\s+)?(?P<after>{_A_NAME})"
    # a news item's "..., the sponsor, DermaBio Inc., said on Monday"
    rf"|\b(?i:the\s+(?:trial['’]s\s+|study['’]s\s+)?sponsor),\s+(?P<appositive>{_A_NAME}{_LEGAL_FORM}{{0,2}}),\s+"
    r"(?i:said|says|announced|reported|stated)\b"
)
# A company said to have started a trial of its own product ("has begun a Phase 2 study of its ...").
_BEGUN_WORDS = ("begun", "began", "started", "launched", "initiated", "commenced")
# A press release's company announcing its own trial: "Example Bio, Inc., a clinical-stage company
# ..., today announced that the first patient has been dosed in its Phase 2 trial", "Example Bio
# said on Tuesday that its phase 2 trial ... has completed enrollment". It opens its
# line, its sentence or the dateline's "--"; a company's legal form may follow a comma.
_ANNOUNCES_ITS_TRIAL = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\s--\s)|(?<=\s[-–—]\s))"
    r"(?:[A-Z][\w-]*-based\s+)?"  # "Seoul-based Example Bio has begun ..."
    rf"(?!(?:The|This|Our|We|It)\b)(?P<name>{_A_NAME}{_LEGAL_FORM}?)"
    r"(?:\s*\([^()]{1,40}\))?"  # its stock ticker
    r"(?:,\s+(?:an?|the)\s+[^.;]{3,160}?,)?"  # ", a clinical-stage company developing ...,"
    r"\s+(?:(?:today\s+)?(?:announced|announces|reported|reports|said|says)\b"
    rf"{_WITHIN_SENTENCE}{{0,200}}?\bits\s+(?:[\w/-]+,?\s+){{0,5}}(?:trial|study)\b"
    # "Example Bio has begun a Phase 2 study of its exosome product": a trial of its own product
    rf"|(?:has\s+)?(?:{'|'.join(_BEGUN_WORDS)})\s+(?:an?|its)\s+(?:[\w/-]+,?\s+){{0,5}}"
    r"(?:trial|study)\s+(?:of|with|testing)\s+its\b)"
)
_TRAILING_CONNECTORS = re.compile(rf"(\s+({_NAME_CONNECTOR}))+$")
# A full stop after a word (not an abbreviation: "Inc.", "St.") and a capital: the next sentence.
_SENTENCE_END = re.compile(r"(?<=[a-z]{4})\.\s+(?=[A-Z])")


# What a page's advertiser sponsors is the page, not the trial: "This listing is sponsored by ...".
_AN_ADVERTS_SUBJECT = re.compile(
    r"\b(?:listing|ad|advert\w*|page|content|post|article|newsletter|site|website|webinar|event|series|podcast"
    r"|video|e-?mail|message|section|feature|placement)\s+$",
    re.I,
)


def _sponsored_by(lines: list[Line], found: Fields) -> str:
    names = set()
    for index, line in enumerate(lines):
        if index in found.labelled:
            continue
        # Each pattern only where its key word stands: a long page's prose is read once, not thrice.
        lowered = line.text.lower()
        said = (
            [
                match[1]
                for match in _SPONSORED_BY.finditer(line.text)
                if not _AN_ADVERTS_SUBJECT.search(line.text[: match.start()])
            ]
            if "sponsored" in lowered
            else []
        )
        if "sponsor" in lowered:
            said += [
                match["before"] or match["after"] or match["appositive"]
                for match in _SPONSOR_OF_THE_TRIAL.finditer(line.text)
            ]
        if " by " in lowered:
            said += [match[1] for match in _RUN_BY.finditer(line.text) if _ORGANIZATION.search(match[1])]
        if any(word in lowered for word in ("announce", "report", "said", "says", *_BEGUN_WORDS)):
            said += [match["name"] for match in _ANNOUNCES_ITS_TRIAL.finditer(line.text)]
        for name in said:
            name = _SENTENCE_END.split(name, maxsplit=1)[0]  # "University. Another trial ..."
            name = _TRAILING_CONNECTORS.sub("", name).rstrip(".")
            if len(name) >= 3:
                names.add(name)
    return names.pop() if len(names) == 1 else ""


# An organization's name: what a sponsor printed under a title, without a label, is called.
_ORGANIZATION = re.compile(
    r"\b(?:universit\w*|hospital\w*|clinics?|klinik\w*|institut\w*|foundation|inc|ltd|llc|gmbh|corp\w*"
    r"|pharma\w*|biotech\w*|therapeutics|biosciences?|laborator\w*|medical cent(?:er|re)|health system|nhs)\b",
    re.I,
)
_BYLINE = re.compile(
    r"^(?:(?:(?:study|trial)\s+)?(?:sponsored|led|conducted|run|organi[sz]ed)\s+by|by|from)\s+(\S.{2,})$", re.I
)
_FUNDED_BY = re.compile(
    r"^(?:(?:co-?)?funded|supported|financed|made\s+possible)\s+by\b|^(?:an?\s+)?grants?\s+from\b"
    r"|^with\s+(?:the\s+)?(?:financial\s+)?support\s+(?:of|from)\b",
    re.I,
)
# "This study is led by Example Skin Institute": an organization running the page's trial (a
# person leading it is its investigator, not its sponsor).
_RUN_BY = re.compile(
    rf"\b(?i:{_THE_TRIAL})\s+(?:is|was)\s+(?:being\s+)?(?:led|run|conducted|organi[sz]ed)\s+by\s+(?:the\s+)?({_A_NAME})"
)


def _starts_with_a_long_label(text: str) -> bool:
    """Is the line, or does it start with, a label of the dictionary of two words or more?"""
    lowered = text.lower()
    return (" " in lowered and lowered in LABELS) or any(" " in label for label in _labels_before_a_value(text))


_MOST_TAGS = 4  # more cells naming conditions or products: a menu of the site's, not a trial's tags


# A company speaking of its own trial: "In our Phase 2b trial (NCT...)", "our ongoing phase 1 study".
_OUR_PHASED_TRIAL = re.compile(
    r"\bour\s+(?:[\w-]+\s+){0,2}phase\s+[\w/.-]+\s+(?:[\w-]+\s+){0,2}(?:trial|study)\b", re.I
)


def _company_running_its_trial(lines: list[Line], found: Fields, text: str) -> str:
    """A company's page about its own trial ("In our Phase 2b trial ..."), its masthead naming it
    and a line naming it as a company ("© 2026 DermaCell Therapeutics, Inc."): the company is the
    trial's sponsor. (A finder's "our trials" names no phase; a hospital is no company.)"""
    brand = _masthead(lines, longest=40)
    if not brand:
        return ""
    if not any(_OUR_PHASED_TRIAL.search(line.text) for index, line in enumerate(lines) if index not in found.labelled):
        return ""
    # (in the page's whole text: its footer's copyright line is site chrome to the layout)
    named = re.search(rf"\b({re.escape(brand)}{_LEGAL_FORM})(?!\w)", text, re.I)
    return named[1] if named else ""


def _opening_tags(lines: list[Line], found: Fields, title: str) -> tuple[str, ...]:
    """A row of tags in the page's opening block, under its title or its id and above its first
    paragraph, that name the trial's condition or product ("Psoriasis • Bone marrow MSCs •
    Intravenous"): what the trial is about, as a registry's keywords are (a card of chips and no
    summary says nothing else of it). A site's menu above the title is none of it."""
    tags, below = [], False
    for index, line in enumerate(lines[: _OPENING_FIELDS + 4]):
        if _paragraph(line.text):
            break
        short = line.in_row and index not in found.labelled and len(line.text.split()) <= 6
        if below and short and _names_the_field(line.text):
            tags.append(line.text)
        below = below or (bool(title) and title in line.text) or bool(find_identifiers(line.text))
    return tuple(tags) if len(tags) <= _MOST_TAGS else ()


def _sponsor_under_title(lines: list[Line], found: Fields, title: str) -> str:
    """A finder's sponsor printed right under the title, without a label: "by Example University",
    or an organization's name alone on its line (an id-only line may stand between)."""
    # The title's line, or its first line when the title was wrapped over two.
    at = next(
        (
            i
            for i, line in enumerate(lines[: _OPENING_FIELDS + 4])
            if title and (title in line.text or (len(line.text) >= 20 and title.startswith(line.text)))
        ),
        None,
    )
    if at is None:
        return ""
    while at + 1 < len(lines) and title != lines[at].text and title.endswith(lines[at + 1].text):
        at += 1  # the wrapped title's second line
    for line_index in range(at + 1, min(at + 3, len(lines))):
        text = lines[line_index].text.strip()
        if parse_identifier(text.rstrip(".,;")):
            continue  # the trial's id between its title and its sponsor
        if line_index in found.labelled or ":" in text or text.endswith(".") or is_site_chrome(text):
            return ""
        if _starts_with_a_long_label(text):
            return ""  # "Primary sponsor type Hospital": a label of no field and its value, no name
        if lines[at].in_row and lines[line_index].in_row:
            return ""  # "Title | Example University Research": the site's name beside the title
        if _FUNDED_BY.match(text):
            return ""  # "Funded by the National Science Foundation": a funder, not the sponsor
        byline = _BYLINE.match(text)
        if byline and _ORGANIZATION.search(byline[1]):
            return byline[1]
        alone = len(text.split()) <= 10 and not re.search(r"[\d|·•]", text)
        return text if alone and _ORGANIZATION.search(text) else ""
    return ""


# The page's own trial's start said in words: "The study started in March 2022", "This trial
# began on 4 May 2021" (a fact), "The trial is expected to start in June 2027" (a plan), or a
# summary bar's "Started Jan 2024". Founding years, a patient's treatment, another trial: no.
_START_SAID = re.compile(
    # Its enrollment begun: "The trial started enrolling patients in 2022" (before "started" alone),
    # "Enrollment started in January 2024", "Recruitment opened on 1 February 2024", "The first
    # patient was enrolled in May 2023".
    rf"(?:{_THE_TRIAL}\s+(?:started|began)\s+(?:enrolling|recruiting)(?:\s+(?:patients|participants))?"
    rf"|{_THE_TRIAL}\s+opened\s+(?:to|for)\s+(?:enrol+ment|recruitment|accrual)"  # "The trial opened to enrollment in"
    r"|\b(?:patients|participants)\s+have\s+been\s+(?:enrolled|recruited)(?=\s+since\b)"  # "... since April 2023"
    r"|\b(?:enrol+ment|recruitment|accrual|dosing)\s+(?:was\s+|has\s+)?(?:started|begun|began|opened|commenced)"
    r"|\bthe\s+first\s+(?:patient|participant|subject)s?\s+(?:was|were)\s+(?:enrolled|dosed|treated|randomi[sz]ed)"
    # ("The trial (NCT...) is being run at four sites in South Korea and began in March 2025")
    rf"|{_THE_TRIAL_BRACKETED}\s+(?:[^.;]{{0,80}}?\s+and\s+)?"
    r"(?:(?P<fact>(?:was |has )?(?:started|begun|began|commenced))"
    r"|(?P<plan>(?:will (?:start|begin)|is (?:expected|scheduled|planned|due|set) to (?:start|begin))"
    r"(?: recruiting| enrolling| enrol+ment| recruitment)?))"  # "The study will begin recruiting in June 2025"
    r"|(?:^|[:|·]\s*)(?P<chip>started)"  # "Started Jan 2024", "Key dates: started 12 January 2022"
    r"|(?:^|[:|·]\s*)(?P<chip_plan>starts|starting))"  # "Starts Jan 2026": a finder's planned start
    r"\s+(?:(?:in|on|since)\s+)?(?P<date>[^.;,|]{3,30}?)\s*(?=[.;,|]|\s+(?:and|with|at|in)\b|$)",
    re.I,
)


# Where the page's own trial runs, said in words: "The trial is taking place at 4 locations in South
# Korea", "This study is being conducted in France and Germany". Only countries: "in Seoul" says none.
_PLACES_SAID = re.compile(
    # ("This study is sponsored by Example Pharma and is being conducted at 3 sites in Spain")
    rf"(?:{_THE_TRIAL_BRACKETED}\s+(?:[^.;]{{0,80}}?\s+and\s+)?(?:is|was|will be)\s+(?:now\s+|currently\s+)?"
    r"(?:taking place|being (?:conducted|run|held|carried out)|conducted|run|held|carried out|recruiting|enrolling)"
    r"\s+(?:\w+\s+){0,3}?"
    rf"|{_THE_TRIAL}\s+(?:has|had|will have)\s+(?:(?:{COUNT_WORDS}|several|multiple)\s+)?(?:{SITE_NOUNS})\s+"
    # "The randomized study will enroll approximately 40 patients at sites in Canada"
    # "... its phase 2 trial of X for Y has completed enrollment of 80 participants at five hospitals in Korea",
    # "The study ... will include 80 children at five hospitals across Australia and New Zealand"
    rf"|\b(?:study|trial)\b{_WITHIN_SENTENCE}{{0,160}}?\s(?:will\s+|is\s+expected\s+to\s+|plans\s+to\s+"
    r"|aims\s+to\s+|(?:has\s+)?completed\s+)?"
    r"(?:enrol|recruit|includ)\w*\s+(?:of\s+)?(?:up\s+to\s+|approximately\s+|about\s+|around\s+|some\s+)?\d+\s+"
    r"(?:\w+\s+){0,2}?(?:patients|participants|subjects|people|volunteers|adults|children)\s+"
    # a finder's line under the title: "Recruiting at 2 trial locations in the United States"
    r"|^(?:now\s+|currently\s+)?(?:recruiting|enrolling)\s+"
    # a news item's "A small trial at Example University Hospital in Lyon, France, has found ..."
    r"|\b(?:this|the|a|an)\s+(?:\w+\s+){0,3}?(?:study|trial)\s+at\s+[^.;]{3,80}?\s+(?=in\s)"
    # a count of sites later in a sentence naming the trial: "In our Phase 2b trial (NCT...), 120
    # patients are being randomized at 25 sites in the United States and Canada"
    rf"|\b(?:study|trial)\b{_WITHIN_SENTENCE}{{0,200}}?\s(?=(?:at|across)\s+(?:{COUNT_WORDS})\s+(?:[a-z]+\s+)?"
    rf"(?:{SITE_NOUNS})\s+(?:in|across)\s)"
    # a news item's lede: "A Phase 2 trial testing ... in people with JEB is now recruiting participants at ..."
    rf"|{_A_LEDES_TRIAL}\s+{_WHAT_IT_TESTS}\s+"
    rf"{_WITHIN_SENTENCE}{{1,160}}?\s+is\s+(?:now\s+|currently\s+)?(?:recruiting|enrolling|taking\s+place"
    r"|being\s+(?:conducted|run|held))\s+(?:\w+\s+){0,3}?)"
    rf"(?:at|in|across)\s+(?:(?:up\s+to\s+|about\s+|approximately\s+)?(?:{COUNT_WORDS}|several|multiple|an?)\s+)?"
    # ("at 5 dermatology clinics in South Korea", "at a hospital in Salzburg, Austria")
    rf"(?:(?:trial\s+|study\s+|[a-z]+\s+)?(?:{SITE_NOUNS})\s+(?:in|across)\s+)?(?:the\s+)?"
    r"(?P<places>[^.;()]{3,120})",
    re.I,
)


_PLACES_END = re.compile(r"\s+(?:between|from|since|during|until|through|over|starting|beginning|by|with|in \d{4})\b")
_IT = re.compile(r"(?<=[.!]\s)It(?= (?:is|was|has|will)\b)")
_THE_TRIAL_NAMED = re.compile(_THE_TRIAL, re.I)


def _it_resolved(text: str) -> str:
    """'This phase 2 trial ... . It is currently recruiting at 2 sites in China.': in a paragraph
    that names the trial, a later sentence's "It" is the trial."""
    first = _THE_TRIAL_NAMED.search(text) if "It " in text else None
    if not first:
        return text
    return text[: first.end()] + _IT.sub("The trial", text[first.end() :])


def _without_other_trials(text: str) -> str:
    """A paragraph without its sentences telling of another trial ("Earlier this year, a separate
    phase 3 study enrolled 600 patients in the United States")."""
    if not _ANOTHER_TRIAL_NAMED.search(text):
        return text
    return " ".join(sentence for sentence in _SENTENCES.split(text) if not _ANOTHER_TRIAL_NAMED.search(sentence))


_SENTENCES = re.compile(r"(?<=[.!?])\s+")


def _countries_said(lines: list[Line], found: Fields) -> list[str]:
    """The countries the page's prose says its trial runs in: the places it names first, while each
    is a country ("in France and Germany, with results in 2027"; "in Seoul" names none)."""
    for index, line in enumerate(lines):
        if index in found.labelled:
            continue
        for match in _PLACES_SAID.finditer(_without_other_trials(_it_resolved(line.text))):
            countries = []
            places = _PLACES_END.split(match["places"], maxsplit=1)[0]  # "in Canada and the UK between 2019 and 2022"
            pieces = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", places.strip())
            if len(pieces) >= 2 and not normalize_country(pieces[0]) and normalize_country(pieces[1]):
                pieces = pieces[1:]  # "in Lyon, France": a city, then its country
            for place in pieces:
                country = normalize_country(re.sub(r"^the\s+", "", place, flags=re.I))
                if not country:
                    break
                countries.append(country)
            if countries:
                return list(dict.fromkeys(countries))
    return []


def _start_said(lines: list[Line], found: Fields, month_first: bool = False) -> tuple[object, str]:
    """(the start date, ACTUAL or ESTIMATED) the page says in words, when it says one only."""
    said = {}
    for index, line in enumerate(lines):
        if index in found.labelled:
            continue
        for match in _START_SAID.finditer(_without_other_trials(line.text)):
            date = page_date(match["date"], month_first=month_first)
            if date:
                said[date] = "ESTIMATED" if match["plan"] or match["chip_plan"] else "ACTUAL"
    return next(iter(said.items())) if len(said) == 1 else (None, "")


# A count said as a plan: "will enrol 18 children", "plans to recruit 60", "40 participants (estimated)".
_PLANNED_COUNT_WORDS = re.compile(
    r"\b(?:will|shall|plans?\s+to|planned|aims?\s+to|aiming\s+(?:for|to)|expected|expects?\s+to|estimated|anticipated"
    r"|target(?:ed)?|seeks?\s+to|is\s+(?:recruiting|enrolling|looking\s+for)|needed)\b",
    re.I,
)


def _said_kind(count: int | None, *texts: str) -> str:
    """A count read from the page's prose is marked estimated where its sentence says it as a plan
    (a trial's words for a size it has not reached); otherwise nothing is marked."""
    if count is None:
        return ""
    number = re.compile(rf"(?<![\d,.]){count:,}(?![\d,])|(?<![\d,.]){count}(?![\d,])")
    for text in texts:
        for sentence in re.split(r"(?<=[.!?。])\s+|\n", text or ""):
            if number.search(sentence) and _PLANNED_COUNT_WORDS.search(sentence):
                return "ESTIMATED"
    return ""


def _kind(found: Fields | str, name: str = "") -> str:
    """ "Estimated enrollment", "40 (planned)", "Study start (Actual)", "Anticipated start date": the
    label or the value says whether a number or a date is a plan or a fact; nothing said, nothing marked."""
    words = found if isinstance(found, str) else f"{found.labels.get(name, '')} {found.values.get(name, '')}"
    if not words.strip() or (name and not found.values.get(name)):
        return ""
    return "ESTIMATED" if PLANNED.search(words) else ("ACTUAL" if _ACTUAL.search(words) else "")


# "Example University (Lead), Example Biotech (Collaborator)": the one marked lead.
_MARKED_LEAD = re.compile(r"(?:^|[;,]\s*)([^;,]+?)\s*\((?:lead(?: sponsor)?|primary(?: sponsor)?|sponsor)\)", re.I)


def _sponsor(value: str) -> tuple[Organization, ...]:
    lead = _MARKED_LEAD.search(value or "")
    if lead:
        value = lead[1]
    elif ";" in (value or ""):  # "Sponsors and collaborators: A; B": the lead comes first
        value = value.split(";")[0]
    name = _CLASS_SUFFIX.sub("", value or "").strip()
    person_at = _PERSON_AT.match(name)
    if person_at:
        name = person_at[1]  # "Led by: Dr. Jane Example at Example University": the university sponsors
    elif person := _PERSON_WITH_DEGREES.match(name):
        # "Information provided by (Responsible Party): Jane Roe, MD, Example Institute": the
        # investigator's institution; a person alone ("Jane Roe, MD") is no organization.
        name = person[1] or ""
    if not name or name.lower() in NOT_GIVEN or _A_KIND_OF_FUNDING.match(name):
        return ()
    return (Organization(name, "LEAD_SPONSOR"),)


# What kind of study pays for itself, printed where a sponsor's name is asked: "Investigator-initiated",
# "Self-funded", "Industry". No organisation is named.
_A_KIND_OF_FUNDING = re.compile(
    r"^(?:investigator[\s-]+(?:initiated|sponsored|led|driven)|self[\s-]*(?:funded|financed|sponsored)?|industry"
    r"|academic|unfunded|not\s+funded|own\s+(?:funds?|resources)|autofinanciad[oa]|autofinanc(?:é|ée|ement)"
    r"|eigenfinanziert|eigenmittel)(?:\s+(?:study|trial|research|funding))?$",
    re.I,
)
_PERSON_WITH_DEGREES = re.compile(
    rf"^[^,]{{2,60}}?(?:,\s*(?-i:{_DOCTORS_DEGREES}|MSc|MPH|FACS|RN)\b\.?)+(?:,\s*(\S.{{3,}}))?$"
)
_PERSON_AT = re.compile(r"^(?:Dr|Prof|Professor)\.?\s+[^,]{2,60}?\s+(?:at|of|from),?\s+(\S.{3,})$")


def parse(text: str) -> list[TrialRecord]:
    if not detect(text):
        raise IngestError("not a page about a clinical trial")
    record = read_page(text)
    if not record.identifiers:
        raise MissingIdentifierError("the page names no registry identifier of its own", record)
    return [record]


def _unlabelled_sentences(lines: list[Line], found: Fields) -> str:
    """The page's lines no label owns that read as sentences (a short one is no paragraph, so
    the narrative does not hold it), but for those telling of another trial."""
    return "\n".join(
        line.text
        for index, line in enumerate(lines)
        if index not in found.labelled
        and line.text.rstrip().endswith((".", "!", "。", "！"))
        and (len(line.text.split()) >= 5 or (not _latin(line.text) and len(line.text) >= 12))  # CJK: no spaces
        and not _ANOTHER_TRIAL_SAID.search(line.text)
    )


# A finder's badge, alone on its line: "Approximately 32 participants", "40 patients needed".
_COUNT_BADGE = re.compile(
    r"(?:(?:approximately|about|around|up\s+to|~)\s*)?(\d{1,3}(?:,\d{3})+|\d{1,5})\s+"
    r"(?:participants|patients|volunteers|subjects|people)(?:\s+(?:needed|wanted|sought|enrolled|expected|planned))?"
    r"(?:\s*\((?:estimated|actual|anticipated|expected|planned|target)\))?",  # "36 participants (estimated)"
    re.I,
)


def _count_badge(lines: list[Line], found: Fields) -> int | None:
    """The one count a page's badges show (several different: none)."""
    counts = {
        int(badge[1].replace(",", ""))
        for index, line in enumerate(lines)
        if index not in found.labelled and (badge := _COUNT_BADGE.fullmatch(line.text.strip().rstrip(".")))
    }
    return counts.pop() if len(counts) == 1 else None


# "A previous trial enrolled 12 patients", "in earlier studies": what another trial did; "cells
# were previously studied in 215 patients", "has already been tested in": what was done before.
_OTHER_TRIAL_NAMED_WORDS = (
    rf"\b(?:{_OTHER_TRIAL_WORDS})\s+(?:[\w-]+\s+){{0,2}}(?:trials?|stud(?:y|ies)|pilots?)\b"
    r"|\b(?:previously|formerly|already)\s+(?:been\s+)?(?:studied|tested|evaluated|investigated|used|given|treated"
    r"|administered|reported|enrolled)\b"
    # "In 2023, the company completed a Phase 1 study in Germany": a study, not the page's ("its")
    r"|\b(?:completed|conducted|ran|finished|carried\s+out)\s+an?\s+(?:[\w/-]+\s+){0,3}(?:trials?|study|pilot)\b"
)
# ... named so ("a separate phase 3 study", "previously tested"): a sentence of another trial's.
_ANOTHER_TRIAL_NAMED = re.compile(_OTHER_TRIAL_NAMED_WORDS, re.I)
_ANOTHER_TRIAL_SAID = re.compile(
    _OTHER_TRIAL_NAMED_WORDS +
    # what a study found, said in the past: "In 2019, a pilot in 12 children showed benefit" (the
    # page's own results say "this study found")
    r"|(?<!\bthis )(?<!\bour )(?<!\bthe present )\b(?:pilot|study|trial)\b[^.;]{0,80}?"
    r"\b(?:showed|demonstrated|found|suggested|reported|achieved)\b",
    re.I,
)


def read_page(text: str) -> TrialRecord:
    """Everything the general reader finds on a page (its identifiers may be empty). Registry
    overlays start from this record and add what is truly their registry's own."""
    lines = _values_below_a_block_of_labels(_values_above_labels(_lines(text)))
    found = _read_fields(lines)
    _api_values(lines, found)
    values = found.values
    title = _title(found, lines) or _title_in_document_title(values.get("document_title", ""))
    title = title.strip('“”" ')  # some sites quote a title
    title = _SITE_SUFFIX.sub("", title)  # a saved page's "<title> - ClinicalTrials.eu"
    title = _KIND_PREFIX.sub("", title)
    if _SITE_HEADING.match(title) and values.get("official_title"):
        title = values["official_title"].strip("“”\"' ")  # "Vitiligo Clinical Trial" is the site's heading
    # "... Regenerative Cells (STAR)": the trial's acronym is no part of its title; "... epidermolysis
    # bullosa (EB)" abbreviates the words before it and stays.
    acronym = _ACRONYM.search(title)
    if acronym and _abbreviates(title[: acronym.start()], acronym[1]):
        acronym = None
    title = title[: acronym.start()].rstrip() if acronym else title
    official_title = values.get("official_title", "").strip("“”\"' ")
    # An aim printed where a title would be is the study's summary, not its title.
    aim = next((line.text for line in lines[:5] if _OBJECTIVE.match(line.text)), "") if not title else ""
    aim = "" if aim in found.narrative.get("unlabelled", []) else aim  # already read as prose
    summary = "\n".join([aim, *found.narrative.get("summary", [])] if aim else found.narrative.get("summary", []))
    description = "\n".join(found.narrative.get("description", []) + found.narrative.get("unlabelled", []))
    headline = "" if title else _headline(found, lines)
    description = f"{headline}\n{description}".strip() if headline and headline not in description else description
    labelled_status = values.get("overall_status", "") or values.get("status", "")
    if not labelled_status and values.get("recruiting_asked"):  # "Is this trial open?" "Yes"
        asked = values["recruiting_asked"]
        labelled_status = "Recruiting" if answered_recruiting(asked) else asked
    head_raw, head_status = ("", "") if labelled_status else _head_status(lines, found)
    status_raw = labelled_status or head_raw
    enrollment_raw = values.get("enrollment", "")
    enrollment_words = f"{found.labels.get('enrollment', '')} {enrollment_raw}"
    sentences = _unlabelled_sentences(lines, found)  # a finder's short lines: its phase, its size
    enrollment = (
        count(enrollment_raw)
        if enrollment_raw
        else enrollment_in_narrative(summary, description, not_in=_ANOTHER_TRIAL_SAID)
        or enrollment_in_narrative(sentences, not_in=_ANOTHER_TRIAL_SAID)
        or _count_badge(lines, found)
    )
    conditions = condition_names(line.text for line in found.lists.get("conditions", []))
    countries = [
        country
        for line in found.lists.get("countries", [])
        for country in countries_in(line.text) or _leading_country(line.text)
    ]
    countries = countries or _site_countries(lines, found) or _countries_said(lines, found)
    # "03/15/2022" elsewhere on the page: "05/01/2022" is May 1st (and so on a page of a trial in
    # the United States alone)
    month_first = month_first_page(text, countries)
    date_of = functools.partial(page_date, month_first=month_first)
    start = date_of(values.get("start", ""))
    start_kind = _kind(found, "start") if start else ""
    if not start:
        start, start_kind = _start_said(lines, found, month_first)
    completion = date_of(values.get("completion", ""), end=True)
    return TrialRecord(
        source_format=FORMAT,
        identifiers=_own_identifiers(found, lines),
        brief_title=title,
        acronym=acronym[1] if acronym else "",
        official_title=official_title if official_title != title else "",
        brief_summary=summary,
        detailed_description=description,
        study_type=enums.study_type(values.get("study_type", "")),
        phases=(
            enums.phases(values.get("phase", "") or _head_phase(lines, found))
            or phases_in_narrative(title, official_title)
            or phases_in_narrative(*_SELF_PHASE.findall(f"{summary}\n{description}"))  # "This is a phase III study"
            or phases_in_narrative(*_THIS_PHASE_TRIAL.findall(f"{summary}\n{description}"))
            or phases_in_narrative(*_A_PHASE_TRIAL.findall(f"{summary}\n{description}"))
            # a finder's short line under the title: "This Phase 2 trial is currently recruiting ..."
            or phases_in_narrative(*_THIS_PHASE_TRIAL.findall(sentences))
            or phases_in_narrative(*_A_PHASE_TRIAL.findall(sentences))
            or phases_in_narrative(*_SELF_PHASE.findall(sentences))  # "This is a Phase IIb, randomized study."
            or phases_in_narrative(*_self_phase_cjk(f"{summary}\n{description}\n{sentences}"))
            # a design field's value that is no model or allocation: "Randomized, ... Phase 2b study"
            # (never another trial's title in a list: "Randomized Phase 3 Trial of ...")
            or phases_in_narrative(*_DESIGN_PHASE.findall("\n".join(found.narrative.get("design", []))))
        ),
        status=enums.labelled_status(labelled_status) if labelled_status else head_status,
        status_raw=status_raw,
        enrollment=enrollment,
        enrollment_type=_kind(enrollment_words)
        if enrollment_raw
        else _said_kind(enrollment, summary, description, sentences),
        start_date=start,
        start_date_type=start_kind,
        primary_completion_date=date_of(values.get("primary_completion", ""), end=True),
        primary_completion_date_type=_kind(found, "primary_completion"),
        completion_date=completion,
        completion_date_type=_kind(found, "completion") if completion else "",
        last_updated=date_of(values.get("last_updated", "")),
        first_posted=date_of(values.get("first_posted", "")),
        sex=enums.sex(values.get("sex", "")),
        min_age_years=parse_age_range(values.get("ages", ""))[0],
        max_age_years=parse_age_range(values.get("ages", ""))[1],
        healthy_volunteers=enums.yes_no(values["healthy"]) if values.get("healthy") else None,
        has_results=enums.yes_no(values["has_results"]) if values.get("has_results") else None,
        results_url=values.get("results_url", ""),
        inclusion_criteria="\n".join(found.narrative.get("inclusion", [])),
        exclusion_criteria="\n".join(found.narrative.get("exclusion", [])),
        allocation=enums.allocation(values.get("allocation", "")),
        intervention_model=enums.intervention_model(values.get("intervention_model", "")),
        purpose=enums.purpose(values.get("purpose", "")),
        masking=enums.masking(values.get("masking", "")),
        conditions_raw=conditions,
        # the registry's keywords: evidence of what the trial is about, as its conditions are
        keywords=split_list(
            "\n".join(line.text for line in found.lists.get("keywords", [])), separators=r"[,;、，\n]", strip=" ."
        )
        + _opening_tags(lines, found, title),
        interventions=_interventions(found.lists.get("interventions", [])),
        arms=_arms(found.lists.get("arms", []))
        + ((Arm(label=values["comparator"], type="ACTIVE_COMPARATOR"),) if values.get("comparator") else ()),
        organizations=_sponsor(
            values.get("sponsor", "")
            or _sponsored_by(lines, found)
            or _sponsor_under_title(lines, found, title)
            or _company_running_its_trial(lines, found, text)
        ),
        sites=tuple(Site(country=country) for country in dict.fromkeys(countries)),
        needs_review=True,
    )
