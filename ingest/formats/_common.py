"""Small helpers the page parsers share."""

import re

from ingest.normalize import enums
from ingest.normalize.identifiers import parse_identifier
from ingest.pages.basics import complete_lines, enrollment_in_narrative, parse_count  # noqa: F401 - shared with the formats
from ingest.record import PRIMARY, SECONDARY, SPONSOR, Identifier, Intervention


def split_sections(lines: list[str], headers: set[str]) -> tuple[list[str], dict[str, list[str]]]:
    """Lines before the first header, and {header: lines} (a repeated header's lines are joined)."""
    preamble: list[str] = []
    sections: dict[str, list[str]] = {}
    current: list[str] = preamble
    for line in lines:
        if line in headers:
            current = sections.setdefault(line, [])
        else:
            current.append(line)
    return preamble, sections


def split_list(text: str, separators: str = r"[;\n]", strip: str = " ,") -> tuple[str, ...]:
    """'A;B' or lines -> ('A', 'B'), stripped, empties dropped, order kept, duplicates dropped.
    `separators` (a regex) and `strip` (characters) for lists written otherwise."""
    items = []
    for part in re.split(separators, text or ""):
        part = part.strip(strip)
        if part and part not in items:
            items.append(part)
    return tuple(items)


# A sponsor's own code: short, a few parts at most ("SVF-VIT-07", "2018-MSC/CSU/PS", "IRB 21-004").
_ID_LIKE = re.compile(r"^(?=.{2,64}$)\S+(?: \S+){0,3}$")


def identifiers_from(primary: tuple[str, str] | None, other_ids: list[str]) -> tuple[Identifier, ...]:
    """The primary registry id, then the other ids: registry ids as secondary, the rest as the sponsor's."""
    result: list[Identifier] = []
    if primary:
        result.append(Identifier(primary[0], primary[1], PRIMARY))
    for raw in other_ids:
        raw = raw.strip()
        if not raw or raw.lower() in {"empty", "nil", "none", "n/a", "-"}:
            continue
        parsed = parse_identifier(raw)
        if parsed:
            if primary and parsed == primary:
                continue
            if not primary and not result:
                result.append(Identifier(parsed[0], parsed[1], PRIMARY))
            else:
                result.append(Identifier(parsed[0], parsed[1], SECONDARY))
        elif _ID_LIKE.match(raw):  # a sponsor's code, not a line of text that followed its label
            result.append(Identifier("ORG", raw, SPONSOR))
    seen = set()
    unique = []
    for identifier in result:
        if (identifier.registry, identifier.value) not in seen:
            seen.add((identifier.registry, identifier.value))
            unique.append(identifier)
    return tuple(unique)


def identifiers_as_printed(primary: tuple[str, str], printed: str) -> tuple[Identifier, ...]:
    """The primary id, and the form the page printed when it names a narrower record: an EU-CTR
    id carries a member state ('EUCTR2015-000168-32-NL'); the trial is the EudraCT number."""
    result = [Identifier(primary[0], primary[1], PRIMARY)]
    printed = printed.strip()
    if primary[0] == "EUDRACT" and printed.upper().startswith("EUCTR"):
        result.append(Identifier("EUCTR", printed.upper(), SECONDARY))
    return tuple(result)


def first_given(
    values: list[str] | None, not_given: set[str] | frozenset[str] = frozenset(), any_row: bool = False
) -> str:
    """A field's first value, or "" when there is none or it is one of the registry's words for
    "not given" (`not_given`, lower-case: "nil known", "n/a"...). With `any_row`, the first value
    that is given (a field repeated in several rows, some of them empty)."""
    candidates = [value.strip() for value in (values or [""])[: None if any_row else 1]]
    return next((value for value in candidates if value and value.lower() not in not_given), "")


def is_age(text: str) -> bool:
    return bool(re.fullmatch(r"\d+(\.\d+)?\s*(years?|months?|weeks?|days?)", text.strip(), re.I))


def paragraph(lines: list[str]) -> str:
    return "\n".join(line for line in lines if line).strip()


# "phase 1 on 20 patients", "Phase I Clinical Trials of ...", "a phase II/III study".
_NARRATIVE_PHASE = re.compile(
    # "phase II", "Phase-II-Studie", "fase 2" (Spanish, Italian, Portuguese), "Phase Two", "Phase 0"
    r"\b(early\s+)?(?:phase|fase)[\s-]+(I{1,3}|IV|[0-4]|one|two|three|four)[ab]?"
    r"(?:\s*(?:/|-|and|to)\s*(?:(?:phase|fase)\s+)?(I{1,3}|IV|[1-4]|two|three|four)[ab]?)?\b(?!\s*%)"
    # Japanese, Chinese and Korean: "第II相試験", "Ⅱ期临床试验", "2상 임상시험" (a trial's, not any "期")
    r"|第\s*(?:I{1,3}|IV|[1-4])(?:\s*/\s*(?:I{1,3}|IV|[1-4]))?\s*相"
    r"|(?:I{1,3}|IV|[1-4])(?:\s*/\s*(?:I{1,3}|IV|[1-4]))?\s*[ab]?\s*期\s*(?:临床|臨床)"
    r"|[1-4](?:\s*/\s*[1-4])?\s*[ab]?\s*상\s*임상",
    re.I,
)


def phases_in_narrative(*texts: str) -> tuple[str, ...]:
    """The phase a title or design narrative names, when it names exactly one phase (or one pair)."""
    texts = tuple(text.translate(enums.WIDE_ROMAN) for text in texts if text)  # "Phase Ⅱ Clinical Study"
    # (by the phases named: "Phase 1b" in the headline and "Phase 1" in the text are one phase)
    found = {enums.phases(match[0]) for text in texts for match in _NARRATIVE_PHASE.finditer(text)}
    found.discard(())
    return found.pop() if len(found) == 1 else ()


# Cells of a table line: pipes, tabs, or a run of spaces a text browser pads columns with (two
# spaces after a sentence's full stop are a typist's habit, not a column).
_CELL_BREAK = re.compile(r"\s*\|\s*|\t+|\s{3,}|(?<![.!?;:,])\s{2}(?=\S)")
_BULLET = re.compile(r"^\s*(?:[-*•+]\s+|#{1,6}\s+)")
_RULE = re.compile(r"^[-:=_ ]+$")  # a Markdown table's rule row, a lone dash around a label


def table_cells(lines: list[str], labels: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Lines of a table, as a browser's text shows it ('Label | value |', tab-separated cells,
    columns padded with spaces, one cell a line, Markdown bullets and bold): one stripped, non-empty
    cell each. With the registry's `labels`, "Label: value" in one cell is two cells."""
    cells = []
    for line in lines:
        line = _BULLET.sub("", line.replace("**", "").replace("__", ""))
        for cell in _CELL_BREAK.split(line):
            cell = re.sub(r"\s+", " ", cell).strip()
            if not cell or _RULE.match(cell):
                continue
            pair = label_beside_value(cell, labels)
            cells.extend(pair if pair else [cell])
    return cells


def row_cells(line: str) -> list[str]:
    """A line of a page, or a table row's cells one a line, as a registry prints its label and its
    value on lines of their own (the page saved as HTML: "Phase | 2 |"); a label cell ending in a
    colon keeps its value beside it ("Registration number: | ACTRN... |")."""
    cells = [re.sub(r"\s+", " ", cell).strip() for cell in line.split("|")]
    cells = [cell for cell in cells if cell]
    joined: list[str] = []
    for cell in cells:
        if joined and joined[-1].endswith(":") and len(cells) > 1:
            joined[-1] = f"{joined[-1]} {cell}"
        else:
            joined.append(cell)
    return joined


def label_beside_value(text: str, labels) -> tuple[str, str] | None:
    """(label, value) when `text` is one of a registry's `labels`, a colon and a value on one line
    ("Design: A randomised trial"), the label as `labels` spell it ("Last Modified On:" too);
    else None. Registries print a label above its value; copies often put it beside."""
    label, colon, value = text.partition(":")
    if colon and value.strip():
        for printed in (label.strip(), label.strip() + ":"):
            if printed in labels:
                return printed, value.strip()
    return None


def glued_labels(labels) -> re.Pattern:
    """A pattern finding a registry's `labels` glued to their values, as a scraper that drops the
    breaks between cells leaves them ("DesignPhase 1-2 study", "...1403/05/31Expected recruitment
    end date2024-10-06"): a label at the line's start, or right after a value's last letter or digit
    (labels of eight letters or more there: "Age", "Phase" glue into prose's words), before a
    capital, a digit or "empty". Build it once per registry."""
    ordered = sorted(labels, key=len, reverse=True)
    anywhere = "|".join(re.escape(label) for label in ordered if len(label) >= 8)
    at_start = "|".join(re.escape(label) for label in ordered)
    # (a value's last character: a letter, a digit, a bracket, a full stop or a closing quote)
    # (the labels found inside a line all start with a capital: looked for only before one)
    return re.compile(rf"(?:^(?:{at_start})|(?<=[A-Za-z0-9)\].”\"’])(?=[A-Z])(?:{anywhere}))(?=[A-Z0-9“\"]|empty\b)")


def unglued_fields(line: str, glued: re.Pattern) -> list[str]:
    """The line's glued fields (found by a `glued_labels` pattern) each as "Label: value"; the
    value before the first one, if any, on its own; a line with none as it is."""
    labels = list(glued.finditer(line))
    if not labels:
        return [line]
    pieces = [line[: labels[0].start()]]
    ends = [label.start() for label in labels[1:]] + [len(line)]
    pieces += [f"{label[0]}: {line[label.end() : end]}" for label, end in zip(labels, ends, strict=True)]
    return [piece.strip() for piece in pieces if piece.strip()]


# The fields a registry reader that reads its layout whole lets the general reader fill
# (GENERAL_READER_FILLS): labelled values found in views its layouts miss, never narrative or titles
# (the general reader would take a site's disclaimer for a description, a heading for a title).
LABELLED_VALUES = frozenset(
    {"phases", "status", "status_raw", "enrollment", "enrollment_type", "start_date", "completion_date"}
    | {"primary_completion_date", "study_type", "sex", "min_age_years", "max_age_years", "organizations"}
)


def typed_intervention(item: str) -> Intervention:
    """An intervention as exports print it, its type first ("BIOLOGICAL: UC-MSC exosome gel",
    "Drug: Placebo"); an item without a known type is a name as it stands."""
    kind, colon, name = item.partition(":")
    kind_type = enums.intervention_type(kind.strip()) if colon and name.strip() else ""
    return Intervention(name.strip(), kind_type) if kind_type else Intervention(item)
