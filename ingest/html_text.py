"""Saved HTML pages turned into the text the page parsers read.

The page is parsed as browsers parse it, by lexbor's HTML5 parser (selectolax): a head left
open, end tags left out, a page cut mid-table are mended the standard way. The document tree is
then written out in the shape of a page copied as text: one line per block (heading,
paragraph, list item, definition), table rows as `cell | cell |` with a `---|---|` line under a
header row, list items as `- item`. Scripts, styles, forms' hidden parts and the document head
are left out; entities are decoded; nothing is ever executed. A trial the page describes in
schema.org JSON-LD (for search engines) is added after the text as "Label: value" lines.
"""

import json
import re

import pycountry
from selectolax.lexbor import LexborHTMLParser

from ingest.normalize.identifiers import find_identifiers
from ingest.page_address import RECORD_LINK_TEXT, identifier_in_address
from ingest.pages.labels import DOCUMENT_TITLE, RECORD_LINK

SKIPPED = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "select", "button"}
BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "html", "legend", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "tfoot", "thead", "ul",
}  # fmt: skip
VOID_SKIPPED = {"img", "input", "meta", "link", "source", "track", "wbr", "area", "base", "col", "embed", "param"}
_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I | re.S)


# Marks an inner table's cell break while a cell's whitespace is collapsed (a tab in the page's
# source is only indentation); written out as a tab. A private-use character: no page's text.
_INNER_CELL_BREAK = "\ue000"


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:4096]))


class _TextBuilder:
    """Lines from the parsed tree's start, end and text events, in document order."""

    def __init__(self):
        self.lines: list[str] = []
        self.line: list[str] = []
        self.skipped: list[str] = []  # the skipped elements open around this point, outermost first
        self.nested_tables = 0  # tables open inside a table's cell: their text stays in that cell
        self.row: list[list[str]] | None = None  # the row's cells, each a list of lines
        self.cell: list[str] | None = None  # the current cell's current line
        self.cell_lines: list[str] = []
        self.header_row = False
        # An inline element just closed, nothing after it yet: a sibling opening right there is a
        # separate item ("<span>Recruiting</span><span>Phase 2</span>", badges a page spaces with
        # its style), not the same word.
        self.inline_closed = False

    # Lines -----------------------------------------------------------------------------------
    def _text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.line)).strip()

    def _end_line(self) -> None:
        text = self._text()
        if text:
            self.lines.append(text)
        self.line = []

    # Events ----------------------------------------------------------------------------------
    def handle_starttag(self, tag):
        if tag in VOID_SKIPPED:
            return
        if tag in SKIPPED:
            self.skipped.append(tag)
            return
        if self.skipped:
            return
        if self.inline_closed and tag not in BLOCKS and tag not in ("br", "tr", "td", "th"):
            current = self.cell if self.cell is not None else self.line
            if "".join(current).strip() and not "".join(current)[-1:].isspace():
                current.append(" · ")
        self.inline_closed = False
        if self.nested_tables or (tag == "table" and self.cell is not None):
            self._nested_table_start(tag)
        elif tag == "br":
            self._break()
        elif tag == "tr":
            self._end_line()
            self.row, self.header_row = [], True
        elif tag in ("td", "th"):
            self.cell, self.cell_lines = [], []
            if tag == "td":
                self.header_row = False
        elif tag in BLOCKS and self.cell is not None:
            self._end_cell_line()
        elif tag in BLOCKS:
            self._end_line()
            if tag == "li":
                self.line.append("- ")

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            while tag in self.skipped and self.skipped.pop() != tag:
                pass  # closes it, and anything left open inside it
            return
        if self.skipped:
            return
        self.inline_closed = tag not in BLOCKS and tag not in ("br", "tr", "td", "th")
        if self.nested_tables:
            self._nested_table_end(tag)
        elif tag in ("td", "th") and self.row is not None and self.cell is not None:
            self._end_cell()
        elif tag == "tr" and self.row is not None:
            self._end_row()
        elif tag in BLOCKS and self.cell is not None:
            self._end_cell_line()
        elif tag in BLOCKS:
            self._end_line()

    def handle_data(self, data):
        if self.skipped:
            return
        if data:
            self.inline_closed = False
        if self.cell is not None:
            self.cell.append(data)
        else:
            self.line.append(data)

    # A table inside a cell (layout tables, a registry's sub-table of a field: "Name | Example
    # Institute"): each of its rows one line of the cell, its cells side by side split by a tab (a
    # cell's break to the readers, not the outer row's "|"), so the outer row keeps its own cells.
    def _nested_table_start(self, tag):
        if tag == "table":
            self.nested_tables += 1
            self._end_cell_line()
        elif tag in ("tr", "br") or tag in BLOCKS:
            self._end_cell_line()
        elif tag in ("td", "th") and "".join(self.cell or []).strip():
            self.cell.append(_INNER_CELL_BREAK)

    def _nested_table_end(self, tag):
        if tag == "table":
            self.nested_tables -= 1
            self._end_cell_line()
        elif tag == "tr" or tag in BLOCKS:
            self._end_cell_line()

    def _break(self):
        if self.cell is not None:
            self._end_cell_line()
        else:
            self._end_line()

    def _end_cell_line(self):
        text = re.sub(r"\s+", " ", "".join(self.cell or []))
        text = re.sub(rf"\s*{_INNER_CELL_BREAK}\s*", "\t", text).strip()
        if text:
            self.cell_lines.append(text)
        self.cell = []

    def _end_cell(self):
        self._end_cell_line()
        self.row.append(self.cell_lines)
        self.cell = None

    def finish(self) -> None:
        """The end of the text: a page cut inside a table keeps the row it was cut in."""
        if self.row is not None:
            if self.cell is not None:
                self._end_cell()
            self._end_row()
        self._end_line()

    def _end_row(self):
        """One line per row (`a | b |`); a row whose cells hold several lines keeps them, each
        cell closed by a `|` line and the last by ` |`, as a page copied as text shows it."""
        cells, self.row = self.row, None
        if not any(cells):
            return
        if all(len(cell) <= 1 for cell in cells):
            self.lines.append(" ".join(f"{cell[0] if cell else ''} |" for cell in cells))
            if self.header_row:
                self.lines.append("---|" * len(cells))
            return
        for index, cell in enumerate(cells):
            lines = list(cell) or [""]
            if index == len(cells) - 1:
                lines[-1] = f"{lines[-1]} |"
                self.lines.extend(lines)
            else:
                self.lines.extend([*lines, "|"])


def html_to_text(html: str) -> str:
    tree = LexborHTMLParser(html)
    builder = _TextBuilder()
    # The tree walked without recursion (a hostile page may nest elements thousands deep).
    stack = [(tree.body or tree.root, False)]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if tag == "-text":
            builder.handle_data(node.text(deep=False) or "")
        elif leaving:
            builder.handle_endtag(tag)
        elif tag in SKIPPED or tag.startswith(("-", "_", "!")):  # comments, doctype
            continue
        else:
            builder.handle_starttag(tag)
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))
    builder.finish()
    # (a record's link only where the text names no id: one it names is the page's own already)
    linked = [] if find_identifiers("\n".join(builder.lines)) else record_link_lines(tree)
    lines = [*builder.lines, *structured_data_lines(tree), *linked, *document_title_lines(tree)]
    return "\n".join(lines) + "\n"


def record_link_lines(tree) -> list[str]:
    """'Registry record: NCT...' when the page's links to a trial's record (by their words) all
    name one id in their address; several trials' links say nothing (a list, a block of others)."""
    found = set()
    for link in tree.css("a[href]")[:2000]:
        text = re.sub(r"\s+", " ", link.text() or "").strip()
        if not text or len(text) > 80 or find_identifiers(text) or not RECORD_LINK_TEXT.search(text):
            continue
        named = identifier_in_address(link.attributes.get("href") or "")
        if named:
            found.add(named)
    return [f"{RECORD_LINK}: {found.pop()[1]}"] if len(found) == 1 else []


def document_title_lines(tree) -> list[str]:
    """The head's <title> (or og:title), for a page whose body prints no heading of the trial's: a
    browser tab's "Placental MSC gel for radiation dermatitis | NCT05777111 | MedTrials"."""
    node = tree.css_first("head title") or tree.css_first("title")
    text = node.text() if node else ""
    if not text.strip():
        meta = tree.css_first('meta[property="og:title"]')
        text = (meta.attributes.get("content") or "") if meta else ""
    text = re.sub(r"\s+", " ", text).strip()
    return [f"{DOCUMENT_TITLE}: {text}"] if text and len(text) <= 400 else []


# schema.org's words for a trial's facts (https://schema.org/MedicalTrial), as the labels the page
# reader knows. A site that describes its trial for search engines says it in these words.
_TRIAL_TYPES = {"MedicalTrial", "MedicalStudy", "ClinicalTrial", "MedicalObservationalStudy"}


def structured_data_lines(tree) -> list[str]:
    """'Label: value' lines for every trial a page's JSON-LD describes (after the page's own text:
    what the page prints wins where both say)."""
    lines: list[str] = []
    for script in tree.css('script[type="application/ld+json"]')[:20]:
        try:
            data = json.loads(script.text() or "")
        except ValueError:
            continue  # a page's broken JSON-LD is no part of what it says
        for item in _json_ld_items(data):
            lines.extend(_trial_lines(item))
    return lines


def _json_ld_items(data, depth: int = 0):
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data[:50]:
            yield from _json_ld_items(item, depth + 1)
    elif isinstance(data, dict):
        types = data.get("@type")
        if set(types if isinstance(types, list) else [types]) & _TRIAL_TYPES:
            yield data
        elif "@graph" in data:
            yield from _json_ld_items(data["@graph"], depth + 1)


def _names(value) -> list[str]:
    """The names a JSON-LD value gives: text, {"name": ...}, {"value": ...}, or a list of them."""
    values = value if isinstance(value, list) else [value]
    names = []
    for item in values[:50]:
        if isinstance(item, dict):
            item = item.get("name") or item.get("value") or ""
        if isinstance(item, (str, int)) and str(item).strip():
            # "https://schema.org/ActiveNotRecruiting" -> "Active Not Recruiting"
            text = str(item).strip().rsplit("/", 1)[-1] if str(item).startswith("http") else str(item).strip()
            names.append(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text) if " " not in text else text)
    return names


def _countries(item: dict) -> list[str]:
    """The countries of a trial's studyLocation places (each a place with an address); some sites
    say `location`, schema.org's word for an event's place."""
    places = item.get("studyLocation") or item.get("location")
    countries = []
    for place in places if isinstance(places, list) else [places]:
        address = place.get("address") if isinstance(place, dict) else None
        if isinstance(address, dict):
            countries.extend(_country_name(name) for name in _names(address.get("addressCountry")))
    return list(dict.fromkeys(countries))


def _country_name(value: str) -> str:
    """schema.org's addressCountry: a name, or its ISO 3166 two-letter code ("CA" is Canada here,
    never California: the field holds a country)."""
    if re.fullmatch(r"[A-Za-z]{2}", value.strip()):
        country = pycountry.countries.get(alpha_2=value.strip().upper())
        if country:
            return country.name
    return value


def _trial_lines(item: dict) -> list[str]:
    fields = [
        ("Title", _names(item.get("name"))[:1]),
        ("Official title", _names(item.get("alternateName"))[:1]),
        ("Identifiers", _names(item.get("identifier"))),
        ("Status", _names(item.get("status"))[:1]),
        ("Phase", _names(item.get("phase"))[:1]),
        ("Sponsor", _names(item.get("sponsor"))[:1]),
        ("Conditions", _names(item.get("healthCondition"))),
        ("Countries", _countries(item)),
        ("Start date", _names(item.get("startDate"))[:1]),
        ("Brief summary", _names(item.get("description"))[:1]),
    ]
    return [f"{label}: {'; '.join(values)}" for label, values in fields if values]
