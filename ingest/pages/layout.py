"""The layout front end: a page's text -> lines the label reader can read, whatever the layout.

Sites print one trial's fields in many shapes: "Label: value", "Label" over its value, label and
value in table cells (pipes, tabs, runs of spaces), a header row of labels over a row of values,
labels wrapped in lone "-" lines, Markdown headings, bold and bullets, " · " separated summaries,
tokens glued together ("NARecruitingINTERVENTIONAL"), and a last line cut mid-word. Every shape
becomes the same `Line` list: "Label: value" where a label and its value were paired, the cells
one per line otherwise.
"""

import itertools
import re
from dataclasses import dataclass

from ingest.normalize import enums
from ingest.normalize.countries import normalize_country
from ingest.normalize.identifiers import find_identifiers, identifier_positions, parse_identifier
from ingest.page_address import RECORD_LINK_TEXT, identifier_in_address
from ingest.pages.basics import complete_lines, is_menu_bar
from ingest.pages.fields import DATE_FIELDS, a_group_count, clean
from ingest.pages.labels import LABELS, LIST_FIELDS, label_key


@dataclass
class Line:
    text: str
    depth: int = 0  # indentation of a bullet: nested bullets belong to the bullet above
    bullet: bool = False
    heading: int = 0  # Markdown heading level
    in_row: bool = False  # one of a row's several unlabelled cells: tags, a breadcrumb, a listing's


_BULLET = re.compile(r"^(\s*)(?:[•◦▪·*+-]|\d{1,2}[.)])\s+")
_RULE = re.compile(r"^\s*([-–—_*=|:]\s*)+$")  # a lone "-", a table's |---|---| row, a rule
_CELL_SPLIT = re.compile(r"\t+|\s{3,}|\s+\|\s*|\s*\|\s+")
_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def _is_label(cell: str) -> bool:
    return label_key(cell) in LABELS


def _cells(text: str, header: list[str] = ()) -> list[str]:
    """A table row's cells, or [text] when the line is no row. `header`: the row of labels above."""
    stripped = text.strip()
    if "|" in stripped:
        cells = [cell.strip() for cell in stripped.strip("|").split("|")]
    elif "\t" in stripped or re.search(r"\S\s{3,}\S", stripped):
        cells = [cell.strip() for cell in _CELL_SPLIT.split(stripped)]
        # Spaces inside a sentence are no columns; tabs are (a table copied from a browser, its
        # row of values under a row of labels: "40<tab>-<tab>18Y<tab>80Y"), and so are spaces
        # that cut a row into as many cells as the row of labels above has.
        under_labels = len(header) == len(cells) and all(map(_is_label, header))
        if not _is_label(cells[0]) and "\t" not in stripped and not under_labels:
            return [text]
    else:
        return [text]
    cells = [cell for cell in cells if cell]
    return cells or [text]


# Every known label written in Latin letters, longest first (at one place the longest wins), for
# the regexes below that look for a label inside a line.
_ANY_LABEL = (
    "(?i:" + "|".join(re.escape(label) for label in sorted(LABELS, key=len, reverse=True) if label.isascii()) + ")"
)

# ... and with the qualifier ClinicalTrials.gov prints before a date's or a count's label: "Actual
# Primary Completion Date", "Estimated Enrollment".
_QUALIFIED_LABEL = r"(?i:(?:actual|anticipated|estimated|expected|planned)\s+)?" + _ANY_LABEL

_GLUED_LABEL = re.compile("^" + _QUALIFIED_LABEL + r"(?=[A-Z0-9])")


# A page whose text lost every break between its cells ("... Burn ScarsNCT ID:NCT06778899Status
# RecruitingPhasePhase 2Enrollment36"): a known label glued to the last letter or digit of a value
# (a value in capitals too: "COMPLETEDSex", "IDNCT0..."), before its own value, starts a field.
# Labels are looked for only where a capital follows a letter or a digit, and a line is cut only
# where it holds three such fields (two when it opens with a label glued to its value): prose
# seldom glues labels to the words before them.
_GLUE_POINT = re.compile(r"[A-Za-z0-9)\]](?=[A-Z])")
_LABEL_GLUED_HERE = re.compile(_QUALIFIED_LABEL + r"(?:[A-Z0-9]|\s*[:：])")
# ... and a section's heading glued to the title under it.
_GLUED_HEADING = re.compile(r"\b(?:Details|Overview|Summary|Information)(?=[A-Z][a-z])")


def _glued_fields(text: str) -> list[str]:
    opening = bool(_GLUED_LABEL.match(text))  # "StatusCOMPLETED...": a field glued from the line's start
    points = [match.start() + 1 for match in _GLUE_POINT.finditer(text)]
    if len(points) + opening < 2:
        return [text]
    cuts = [point for point in points if _LABEL_GLUED_HERE.match(text, point)]
    # Two fields are enough when the line opens glued to its label ("NCT IDNCT0...Last Updated2022-...").
    if len(cuts) + opening < 3 and not (opening and cuts):
        return [text]
    cuts += [match.end() for match in _GLUED_HEADING.finditer(text)]  # "Study DetailsAllogeneic cells ..."
    bounds = [0, *sorted(set(cuts)), len(text)]
    return [text[start:end] for start, end in itertools.pairwise(bounds) if text[start:end].strip()]


def _unglue_label(text: str) -> str:
    """'Enrollment30 (estimated)', 'Study typeInterventional' -> 'Label: value' (a site that lost
    the space between its label cell and its value cell)."""
    match = _GLUED_LABEL.match(text)
    if not match or ":" in text[: match.end() + 1]:
        return text
    if ":" in text and LABELS.get(label_key(text.split(":", 1)[0])):
        return text  # a known label before its colon already: "nctId: NCT...", "enrollmentInfo.count: 36"
    rest = text[match.end() :]
    # A label ending in a capital ("Secondary ID", "NCT ID") glued to a capital is cut only before
    # another field's label and value or before an id ("Secondary IDStatus Withdrawn", "NCT
    # IDNCT04858152"); "IDEA", "NCT IDs" are words.
    # A question ("Where is the study run from?Royal Hospital ...") ends where its answer starts.
    if match[0][-1].islower() or match[0].endswith("?") or _labelled_value(rest) or parse_identifier(rest.split()[0]):
        return f"{match[0]}: {rest}"
    return text


_TRAILING_LABEL = re.compile("(?<=[^\\s])" + _ANY_LABEL + r"\s*[:：]$")


# A known label and its colon, at the line's start or after a separator ("Disease:" inside a
# title, after a plain space, is no label).
_LABEL_COLON_ANYWHERE = re.compile(r"(?:^|[;,/|•·]\s*)(" + _ANY_LABEL + r"\s*[:：]\s)")
# The same after a plain space, starting with a capital: a pair only after a short value.
_LABEL_COLON_AFTER_SPACE = re.compile(r"\s(?=[A-Z])(" + _ANY_LABEL + r"\s*[:：]\s)")


# "How many people will take part? 30": a site's question with its answer on the same line.
_QUESTION_THEN_ANSWER = re.compile(r"^([^?？]{6,80}[?？])\s+(\S.*)$")


def _question_then_answer(text: str) -> list[str]:
    """A question a label stands for and its answer, as two lines; any other line as it is."""
    match = _QUESTION_THEN_ANSWER.match(text)
    if match and label_key(match[1]) in LABELS:
        return [match[1], match[2]]
    return [text]


def _several_pairs(text: str) -> list[str]:
    """'Status: Recruiting • Phase: Phase 2 • Enrollment: 40' -> one 'Label: value' each: a summary
    bar of several labelled values on one line, whatever separates them (bullets, semicolons,
    slashes, commas). Only a line that starts with a known label and holds another."""
    if len(text) > 400:
        return [text]
    starts = [match.start(1) for match in _LABEL_COLON_ANYWHERE.finditer(text)]
    if not starts or starts[0] != 0:
        return [text]
    # Inline spans of a saved page, only spaces between them ("Status: Recruiting Phase: Phase 2"):
    # a capitalised label after a short value (a longer one is a title's "... Disease: a study").
    for match in _LABEL_COLON_AFTER_SPACE.finditer(text) if text.count(":") + text.count("：") > 1 else ():
        before = max(start for start in starts if start < match.start(1))
        _, colon, value = text[before : match.start(1)].partition(":")
        if colon and 1 <= len(value.split()) <= 3:  # a value, not the label's own first word
            starts.append(match.start(1))
    starts = sorted(set(starts))
    if len(starts) >= 2 and _field_of(text[: starts[1]]) == "enrollment":
        # "Target size: Experimental group: 30; Control group: 30": the size said group by group
        ends = [*starts[1:], len(text)]
        starts = [
            start for start, end in zip(starts, ends, strict=True) if not a_group_count(text[start:end].strip(" ;,"))
        ]
    if len(starts) < 2:
        return [text]
    ends = [*starts[1:], len(text)]
    return [text[start:end].strip().rstrip(";,/|•·").strip() for start, end in zip(starts, ends, strict=True)]


# A known label at a word's start, anywhere in a line ("Study status Recruiting Study phase Phase 2").
_LABEL_AT_WORD = re.compile(r"(?:^|(?<= ))" + _ANY_LABEL + r"(?![\w-])")
# Fields whose values a validator recognises, so a flattened row's pairs can be told apart.
_FLATTENED_FIELDS = {"status", "overall_status", "phase", "enrollment", "study_type", "start", "completion", "sex"}


def _flattened_pairs(text: str) -> list[str]:
    """'Study status Recruiting Study phase Phase 2 Enrollment 40' -> one 'Label: value' each: a
    table row flattened to one line, the cells' borders lost. Only a short line without a colon
    that starts with a known label, when every label's value reads as that field's."""
    if len(text) > 200 or ":" in text or "：" in text or _DASH_SEPARATOR.search(text):
        return [text]
    if not _LABEL_AT_WORD.match(text):
        return [text]
    starts = [match.start() for match in _LABEL_AT_WORD.finditer(text)]
    if len(starts) < 2:
        return [text]
    pairs, start = [], 0
    for end in [*starts[1:], len(text)]:
        pair = _labelled_value(text[start:end].strip())
        if pair is None:
            continue  # the label was a word of the value ("Study phase Phase 2"): read on to the next
        pairs.append(pair)
        start = end
    if start != len(text) or len(pairs) < 2:
        return [text]
    # A row's cells are of different fields: "Phase I and Phase II (Integrated)" is one value.
    if len({LABELS.get(label_key(label)) for label, _ in pairs}) < len(pairs):
        return [text]
    return [f"{label}: {value}" for label, value in pairs]


def _labelled_value(text: str) -> tuple[str, str] | None:
    match = _LABEL_AT_WORD.match(text)
    if not match:
        return None
    label, value = match[0], text[match.end() :].strip()
    name = LABELS.get(label_key(label))
    if name not in _FLATTENED_FIELDS or not value or value.endswith(("/", "&", ",", "-", "—", "–")):
        return None
    return (label, value) if clean(name, value) else None


_LABEL_THEN_VALUE = re.compile(r"^([^:：]{2,60}?)\s*[:：]\s+(\S.*)$")


def _empty_label_then_pair(text: str) -> list[str]:
    """'Secondary ID: Status Recruiting' -> ['Secondary ID:', 'Status: Recruiting']: a label left
    empty, joined to the next row's label and value (a table copied with an empty cell). Only when
    the first label's field refuses what follows and the second pair reads as its own field."""
    match = _LABEL_THEN_VALUE.match(text)
    if not match or len(text) > 200:
        return [text]
    name = LABELS.get(label_key(match[1]))
    pair = _labelled_value(match[2]) if name else None
    # (an id field takes any code, but a code has a digit: "Status Recruiting" is none)
    not_an_id = name in ("id", "ids", "other_id") and not any(char.isdigit() for char in match[2])
    # (a date or a count takes words around it, but "Last updated: Start date August 1, 2021" is the
    # start's date: the label of another field before it)
    anothers = (
        pair is not None
        and name in _DATES_AND_COUNTS
        and LABELS.get(label_key(pair[0])) not in (None, name)
        and bool(clean(name, pair[1]))
    )
    if pair is None or (clean(name, match[2]) and not not_an_id and not anothers):
        return [text]  # what follows is the first label's own value
    return [f"{match[1]}:", f"{pair[0]}: {pair[1]}"]


_DATES_AND_COUNTS = DATE_FIELDS | {"enrollment"}


_PHASE_CHIP = re.compile(
    r"^(?:early\s+)?(?:phase|fase)\s*(?:[0-4]|iv|iii|ii|i)[ab]?(?:\s*[/&-]\s*(?:phase\s*)?(?:[0-4]|iv|iii|ii|i)[ab]?)?$",
    re.I,
)
_PHASE_OR_TYPE_WORD = re.compile(r"(?i)\b(?:phase|fase|interventional|observational|expanded access)\b")


def _chip(text: str) -> str:
    """What a chip of a trial page's header says: 'phase', 'status', 'type' or ""."""
    if _PHASE_CHIP.match(text):
        return "phase"
    if enums.status(text):
        return "status"
    return "type" if enums.study_type(text) else ""


def _spaced_chips(text: str) -> list[str]:
    """'Recruiting Phase 2', 'Phase II Recruiting Interventional' -> a line per chip: a status, a
    phase and a study type side by side, only a space between them; any other line unchanged."""
    words = text.split(" ")
    if not 2 <= len(words) <= 8 or len(text) > 60 or not _PHASE_OR_TYPE_WORD.search(text) or _chip(text):
        return [text]  # two chips of three kinds: a phase's or a study type's is one of them
    for cut in range(1, len(words)):
        first, rest = " ".join(words[:cut]), " ".join(words[cut:])
        if _chip(first):
            after = [rest] if _chip(rest) else _spaced_chips(rest)
            kinds = [_chip(first), *map(_chip, after)]
            if all(kinds) and len(set(kinds)) == len(kinds):
                return [first, *after]
    return [text]


# "Currently recruiting: Yes", "Accepting new patients? Yes": a status asked, and answered yes.
_STATUS_ASKED = re.compile(r"^([^:?？]{4,40}?)\s*[:?？]\s*yes\.?$", re.I)


def _status_asked(text: str) -> str:
    match = _STATUS_ASKED.match(text)
    if match and not LABELS.get(label_key(match[1])) and enums.status(match[1]):
        return f"Status: {match[1]}"
    return text


_DASH_SEPARATOR = re.compile(r"\s+(?:[—–=→⇒»>-]|->|=>|::)\s+")


# "Phase ........ 2", "Phase=2" (a text export's dot leaders, a field dump's equals sign), and
# '"Phase": "2",' (an object's fields copied as text).
_LEADER_OR_EQUALS = re.compile(r"^([^.:=\"']{2,60}?)\s*(?:\.{3,}|…+|=)\s*(\S.*)$")
_QUOTED_PAIR = re.compile(r"""^["']([^"']{2,60})["']\s*:\s*["']?(.*?)["']?\s*,?$""")


def _dash_separated(text: str) -> str:
    """'Status — Recruiting', 'Phase = Phase 2', 'Sponsor → X', 'Phase ..... 2', 'Phase=2',
    '"Phase": "2",' -> 'Label: value' (a dash, an equals sign, an arrow, dot leaders or quotes
    between a known label and its value)."""
    parts = _DASH_SEPARATOR.split(text, maxsplit=1)
    if len(parts) == 2 and ":" not in parts[0] and _is_label(parts[0]):
        return f"{parts[0]}: {parts[1]}"
    match = _LEADER_OR_EQUALS.match(text) or _QUOTED_PAIR.match(text)
    if match and match[2] and _is_label(match[1]):
        return f"{match[1]}: {match[2]}"
    return text


def _split_trailing_label(text: str) -> list[str]:
    """'— MSCsOfficial title:' -> ['— MSCs', 'Official title:']: a label glued to the end of the
    text before it (a site that lost the line break before a label). Only short lines are
    searched: a label ends a line of a few words, and a long line would be searched for nothing."""
    if len(text) >= 300 or not text.endswith((":", "：")):
        return [text]
    match = _TRAILING_LABEL.search(text)
    if match and text[match.start()].isupper() and not text[match.start() - 1].isupper():
        return [text[: match.start()].strip(), text[match.start() :]]
    return [text]


def _unglue(text: str) -> list[str]:
    """'NARecruitingINTERVENTIONAL' -> ['NA', 'Recruiting', 'INTERVENTIONAL'] when the parts are
    values a trial page prints (a status, a study type, a phase); else the text unchanged."""
    if " " in text or len(text) < 8:
        return [text]
    parts = [part for part in _GLUE.split(text) if part]
    if len(parts) < 2:
        return [text]
    # Cells' values are short, and never cut an id: a sentence in an unspaced script has no spaces
    # either ("...（注册号：ChiCTR2400081234），计划招募..." is no "...Chi" and "CTR...").
    if any(len(part) > 40 for part in parts) or len(identifier_positions(text)) > sum(
        len(identifier_positions(part)) for part in parts
    ):
        return [text]
    known = sum(bool(enums.status(part) or enums.study_type(part) or enums.phases(part)) for part in parts)
    return parts if known >= 2 or (known and len(parts) == 2) else [text]


# Labels that open a section of the trial's own: reading resumes there after a block of other trials.
_SECTION_FIELDS = {
    *("summary", "description", "conditions", "interventions", "arms", "countries", "inclusion", "exclusion"),
}


# Between the parts of a one-line summary ("Recruiting · Phase 2 • 40 participants"); a bullet that
# opens a line is a bullet, not a separator.
_SUMMARY_SEPARATOR = re.compile(r"(?<=\S)\s+[·•]\s+(?=\S)")
_WRAPPED = re.compile(r"^[^|\t#]{50,}[^.!?:;|\s]\s*$")


# A label and its value side by side in columns, the value wrapped in its own column (a PDF's
# protocol synopsis in layout mode, a fixed-width dump): "Protocol Title:     A Phase 1/2 Study of"
# over "                    Allogeneic Cells in ...". The label's cell, the run of spaces, the value.
_LABEL_COLUMN = re.compile(r"^(\S.{0,59}?)(?: {3,}|\t+)(?=\S)")


def _columns_unwrapped(lines: list[str]) -> list[str]:
    """A value's lines indented to its column joined into one; a label wrapped in its column
    ("Investigational" over "Product:", each beside a line of the value) joined too, when the
    whole is a label the dictionary knows. Under a list's label a line opening with a capital is
    the list's next item ("Countries:   Germany" over "             France")."""
    result: list[str] = []
    column = None  # where the last label's value starts
    label = ""  # that label, while it may be the first half of a wrapped one
    a_list = False  # the label is a list's
    for raw in lines:
        indent = len(raw) - len(raw.lstrip(" "))
        if column and raw.strip() and indent == column and not _BULLET.match(raw):
            joint = "; " if a_list and raw.strip()[:1].isupper() else " "
            result[-1] = f"{result[-1].rstrip()}{joint}{raw.strip()}"
            label = ""
            continue
        pair = _LABEL_COLUMN.match(raw)
        if pair and label and pair.end() == column and _is_label(f"{label} {pair[1]}"):
            # ("Investigational      PL-MSC, 1 x 10^6 cells" over "Product:             in a fibrin spray")
            value = result[-1][column:].rstrip()
            result[-1] = f"{label} {pair[1]}   {value} {raw[pair.end() :].strip()}"
            label = ""
            continue
        column = pair.end() if pair else None
        label = pair[1].strip() if pair and not pair[1].rstrip().endswith((":", "：")) else ""
        a_list = bool(pair) and LABELS.get(label_key(pair[1])) in LIST_FIELDS
        result.append(raw)
    return result


def _unwrapped(lines: list[str]) -> list[str]:
    """Prose hard-wrapped at a fixed width ("... a thin" / "split thickness autograft is harvested")
    joined back: a long line with no closing mark, and a next line starting in lower case; and a
    word hyphenated across two lines (a PDF's justified text: "mesenchy-" / "mal stem cells")."""
    result: list[str] = []
    words = None  # the page's words, read once a hyphenated break is met
    for raw in lines:
        stripped = raw.strip()
        tail = _WORD_START.match(stripped)
        broken = _HYPHENATED.search(result[-1]) if result and tail else None
        if broken and not _BULLET.match(raw):
            if words is None:
                words = {word.lower() for line in lines for word in re.findall(r"[^\W\d_][\w-]*", line)}
            hyphen = "-" if _keeps_hyphen(broken[1], tail[0], words) else ""
            result[-1] = result[-1].rstrip()[:-1] + hyphen + stripped
        elif (
            result
            and stripped[:1].islower()
            and _WRAPPED.match(result[-1])
            and not _BULLET.match(raw)
            and not (":" in stripped and _field_of(stripped))  # "overall_status: RECRUITING": a field
        ):
            result[-1] = f"{result[-1].rstrip()} {stripped}"
        else:
            result.append(raw)
    return result


# A word broken at a line's end by a hyphen ("autolo-"), and the next line's first word ("gous").
_HYPHENATED = re.compile(r"(?<![\w-])([^\W\d_]{2,})-\s*$")
_WORD_START = re.compile(r"[a-z][^\W\d_]*")
# The second words of compounds a line may break at their hyphen ("adipose-" / "derived cells").
_COMPOUND_TAILS = re.compile(
    r"(?:derived|based|related|induced|controlled|blind(?:ed)?|label(?:led)?|thickness|associated|dependent"
    r"|free|like|specific|term|year|month|week|day|old|up|treated|positive|negative|resistant|expanded|cells?)$"
)


def _keeps_hyphen(head: str, tail: str, words: set[str]) -> bool:
    """Was the hyphen the word's own ("adipose-derived") or the line break's ("mesenchy-mal")? The
    page's other words say when they can; else a known compound's second word keeps it."""
    joined, hyphened = f"{head}{tail}".lower(), f"{head}-{tail}".lower()
    if joined in words:
        return False
    return hyphened in words or bool(_COMPOUND_TAILS.match(tail.lower()))


# "Label: value" or "Label | value" on a page's last line: the value is checked alone.
_LEADING_LABEL = re.compile(r"^[^:：|]{1,60}(?:[:：]|\s\|)\s*")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _whole_though_unterminated(text: str) -> bool:
    """Is the page's last line, with no newline after it, whole? Yes when its value is a complete
    registry id, a status's whole words, a full ISO date or every item of it a country's name: a cut
    leaves "NCT0612", "Recr", "2023-05-0" or "Ger"."""
    value = _LEADING_LABEL.sub("", text.strip(), count=1).strip(" |")
    if not value or len(value) > 200:
        return False
    if parse_identifier(value) or enums.is_whole_status(value) or _ISO_DATE.fullmatch(value):
        return True
    items = [item for item in re.split(r"\s*[,;]\s*", value) if item]
    return bool(items) and all(normalize_country(item) for item in items)


# A bilingual registry's language marks, each on a line above its version of a value ("en",
# "pt-br", "es:"): never a value themselves.
_LANGUAGE_TAG = re.compile(r"^(?:en|pt|es|fr|de|it|nl|zh|ja|ko|fa|ar|ru|tr|th)(?:-[a-z]{2,4})?:?$")


# A list as a data file writes it after its label: "conditions: [Vitiligo, Segmental vitiligo]",
# 'countries: ["India"]'.
_BRACKETED_LIST = re.compile(r"^([^:\[\]]{1,60}:\s*)\[\s*([^\[\]]+?)\s*,?\s*\]$")


def _unbracketed_list(text: str) -> str:
    listed = _BRACKETED_LIST.match(text) if text.endswith("]") else None
    if not listed:
        return text
    items = [item.strip().strip("\"'").strip() for item in listed[2].split(",")]
    return listed[1] + ", ".join(item for item in items if item)


# A finder's facets on one line, each value with its count of trials: "Trials by phase: Phase 1 (120)
# · Phase 2 (340)", "Recruiting (45) | Completed (120)". The site's listing, no fact of this trial;
# only phases or statuses, or under a "browse by" label ("Locations: United States (12), Canada (3)"
# are the trial's own countries and their sites).
# (The items are matched one after another: one pattern repeating them would backtrack
# exponentially on a long line that is almost such a list.)
_FACET_LABEL = re.compile(r"([^:()]{1,40}):\s*")
_FACET_ITEM = re.compile(r"\s*([^:()·•|;,/]{1,40}?)\s*\(\d[\d,.]*\)\s*[·•|;,/]?")
_BROWSE_LABEL = re.compile(r"^(?:trials|studies|browse|filter|search)\s+by\b", re.I)


def _facet_counts(text: str) -> bool:
    text = text.strip()
    if ")" not in text:
        return False
    label = _FACET_LABEL.match(text)
    items, at = [], label.end() if label else 0
    while at < len(text):
        item = _FACET_ITEM.match(text, at)
        if not item:
            return False
        items.append(item[1].strip())
        at = item.end()
    if len(items) < 2:
        return False
    if label and _BROWSE_LABEL.match(label[1].strip()):
        return True
    return all(enums.phases(item) or enums.status(item) for item in items)


# A site's copyright line ("© 2025 Example LLC, Austin, Texas, USA"): its owner's address, never
# the trial's places.
_COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)\s|copyright\b)|\ball\s+rights\s+reserved\b", re.I)


def page_lines(text: str, stop=None) -> list[Line]:
    """Non-empty lines, table cells paired with their labels, Markdown and bullet marks taken
    off. A line `stop` matches (a "related trials" heading) starts a block of other trials: it is
    skipped up to the next section of the trial's own ("Detailed Description", "Conditions")."""
    result: list[Line] = []
    header: list[str] = []  # a row of labels, waiting for its row of values
    skipping = above_record = False  # inside a block of other trials; the block before any id
    ids_skipped, last_skipped = False, None  # the block named a trial's id; its last line not a label
    lines = complete_lines(text, keep_sentences=True, whole=_whole_though_unterminated)
    raws = _unwrapped(_columns_unwrapped(lines))
    for position, raw in enumerate(raws):
        if not raw.strip() or _RULE.match(raw) or is_menu_bar(raw) or _facet_counts(raw) or _COPYRIGHT.match(raw):
            continue
        pieces_of_raw = _list_kept_whole(_SUMMARY_SEPARATOR.split(raw)) if _SUMMARY_SEPARATOR.search(raw) else [raw]
        pieces_of_raw = [field for piece in pieces_of_raw for field in _glued_fields(piece)]
        for piece in pieces_of_raw:
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
            line.text = _unbracketed_list(_without_link_marks(line.text.replace("**", "").replace("__", "")))
            cells = _list_kept_whole(_cells(line.text, header))
            texts = _rows(cells, header)
            in_row = (len(cells) > 1 or len(pieces_of_raw) > 1) and texts == cells
            if texts != cells and header and [kept.text for kept in result[-len(header) :]] == header:
                # Its labels paired with this row's values: the row of labels alone is no field
                # ("Conditions" over nothing would open a list that took "Conditions: Melasma").
                del result[-len(header) :]
            # A row under column names keeps them for the next row ("Centre | City" over several).
            under_column_names = header and not all(map(_is_label, header)) and len(cells) == len(header)
            if not (under_column_names and texts != cells):
                header = cells if _header_row(cells) and _a_header_here(cells, raws, position) else []
                if header and not all(map(_is_label, header)):
                    texts = []  # column names alone say nothing; each row below is paired with them
            pieces = [
                part
                for text_ in texts
                for piece in _split_trailing_label(re.sub(r"\s+", " ", text_).strip())
                for pair in _several_pairs(piece)
                for unjoined in _empty_label_then_pair(pair)
                for flat in _flattened_pairs(unjoined)
                for part in _question_then_answer(_status_asked(flat))
            ]
            for text_ in pieces:
                for part in (
                    chip
                    for glued in _unglue(_unglue_label(_dash_separated(text_)))
                    # ("Last updatedStart date August 1, 2021" unglued is an empty label, then a pair)
                    for pair in (_empty_label_then_pair(glued) if glued != text_ else [glued])
                    for chip in _spaced_chips(pair)
                ):
                    if not part or _LANGUAGE_TAG.match(part):
                        continue
                    if stop is not None and stop(part):
                        skipping, ids_skipped, last_skipped = True, False, None
                        # Met before the page named an id or labelled one of its trial's fields: a
                        # sidebar above the trial's own record ("Similar studies" under a record
                        # without an id are other trials, their ids none of its).
                        above_record = not any(
                            find_identifiers(kept.text) or _field_of(kept.text) not in (None, "ignored")
                            for kept in result
                        )
                        continue
                    if skipping:
                        field = _field_of(part)
                        if field == "id" and not ids_skipped and last_skipped is not None:
                            # "Similar trials" above the trial's own record, their ids unlabelled: the
                            # trial's labelled id ends the block, and its title is the line above it.
                            result.append(last_skipped)
                        elif above_record and not ids_skipped and field != "id" and _an_id_line(part):
                            # "Recently viewed" cards above the record, naming no id: the first line
                            # that is an id ("Trial NCT05512345") is the record's own.
                            pass
                        elif field not in _SECTION_FIELDS:
                            ids_skipped = ids_skipped or field == "id"
                            last_skipped = None if field else Line(part, line.depth, line.bullet, line.heading)
                            continue
                    skipping = False
                    result.append(Line(part, line.depth, line.bullet, line.heading, in_row))
    return result


# A Markdown link ("[Example Clinic](https://...)") and image ("![logo](...)"), as reader-mode
# exports write a page's links.
_MARKDOWN_LINK = re.compile(
    r"(!?)\[([^\[\]\n]{0,300})\]"  # an image's mark, the link's words
    r"\(\s*<?([^()\s<>]{1,2000}(?:\([^()\s]*\))?)>?(?:\s+\"[^\"]*\")?\s*\)"  # its address, a title
)


def _without_link_marks(text: str) -> str:
    """A Markdown link as its words; a link to a trial's record that names the id only in its
    address ("[View on ClinicalTrials.gov](https://clinicaltrials.gov/study/NCT...)") with the id
    after them, as a saved page's link is read (ingest/html_text.py); an image as nothing."""
    if "](" not in text:
        return text

    def words(link: re.Match) -> str:
        if link[1]:
            return ""
        named = None if find_identifiers(link[2]) else identifier_in_address(link[3])
        return f"{link[2]} ({named[1]})" if named and RECORD_LINK_TEXT.search(link[2]) else link[2]

    return _MARKDOWN_LINK.sub(words, text)


# Words that may name an id on its line: "Trial NCT...", "Study #...", "ClinicalTrials.gov ID".
_ID_NAMING_WORD = re.compile(
    r"(?:trial|study|clinical|registration|registry|record|id|identifier|number|no\.?|#|ref(?:erence)?|"
    r"[\w.]+\.(?:gov|eu|org)|(?-i:(?=[a-z]*[A-Z][a-z]*[A-Z])[A-Za-z]{2,8}))[:#.]?",  # a registry: NCT, EudraCT
    re.I,
)


def _an_id_line(text: str) -> bool:
    """A line that is one registry id and at most three words naming it ("Trial NCT05512345",
    "ClinicalTrials.gov ID NCT05512345"), no card's title or summary ("NCT05512345 · Phase 3")."""
    if len(text) > 60 or len(identifier_positions(text)) != 1:
        return False
    words = [token for token in text.split() if not any(char.isdigit() for char in token)]
    return len(text.split()) - len(words) == 1 and len(words) <= 3 and all(map(_ID_NAMING_WORD.fullmatch, words))


def _list_kept_whole(parts: list[str]) -> list[str]:
    """'Conditions: Vitiligo • Alopecia areata', 'Condition: Vitiligo | Alopecia areata': a list
    field's items separated as a summary's parts or a row's cells are the list's, not lines of
    their own. Only when the first part labels a list and no other part labels anything."""
    if len(parts) < 2 or ":" not in parts[0] or _field_of(parts[0]) not in LIST_FIELDS:
        return parts
    if any(_field_of(part) for part in parts[1:]):
        return parts
    return ["; ".join(part.strip() for part in parts)]


def _field_of(text: str) -> str | None:
    """The field a line labels: the whole line a label, or the label before its colon."""
    name = LABELS.get(label_key(text))
    if name is None and ":" in text:
        name = LABELS.get(label_key(text.split(":", 1)[0]))
    return name


def _header_row(cells: list[str]) -> bool:
    """A row of column names: every cell a label, or (a registry's table of sponsors or centres:
    "Sponsor level | Name | Street address | City | Country") three or more short names without
    a digit, one of them a label, none a value a validator reads (a status, a phase)."""
    if len(cells) >= 2 and all(map(_is_label, cells)):
        return True
    return (
        len(cells) >= 3
        and any(map(_is_label, cells))
        and all(len(cell) <= 40 and cell[:1].isupper() and not re.search(r"\d", cell) for cell in cells)
        and not any(enums.status(cell) or enums.phases(cell) or enums.study_type(cell) for cell in cells)
    )


def _a_header_here(cells: list[str], raws: list[str], position: int) -> bool:
    """A row of column names has a row of as many values under it; a row of three cells with none
    ("Sponsor | Name of primary sponsor | Example Hospital": a section, its label, the value) is
    no header. A row whose every cell is a label needs no row below: its labels are lines anyway."""
    if all(map(_is_label, cells)):
        return True
    for below in raws[position + 1 :]:
        if below.strip() and not _RULE.match(below):
            return len(_cells(below.replace("**", "").strip(), cells)) == len(cells)
    return False


def _rows(cells: list[str], header: list[str]) -> list[str]:
    """One row of cells as lines: under a header row of labels, 'label: value' per column; a
    label cell followed by its value cell, 'label: value'; any other row, a line per cell."""
    if len(cells) == 1:
        return cells
    # Under a row of labels, a row with a label in it is label/value pairs of its own; under a
    # row of column names, a cell that reads as a label ("Primary Sponsor") is that column's value.
    values_row = not any(map(_is_label, cells)) or not all(map(_is_label, header))
    if header and len(header) == len(cells) and not all(map(_is_label, cells)) and values_row:
        return [f"{label.rstrip(':： ')}: {value}" for label, value in zip(header, cells, strict=True)]
    if all(map(_is_label, cells)):
        return cells
    lines, index = [], 0
    while index < len(cells):
        if index + 1 < len(cells) and _is_label(cells[index]) and not _is_label(cells[index + 1]):
            lines.append(f"{cells[index].rstrip(':： ')}: {cells[index + 1]}")
            index += 2
        else:
            lines.append(cells[index])
            index += 1
    return lines
