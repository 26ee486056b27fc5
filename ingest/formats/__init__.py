"""Registry formats. Each module has FORMAT (its name), SOURCE_KIND, detect(text) and parse(text):
the interface in interface.py (RegistryFormat; SplittingFormat for bulk files).

SOURCE_KIND says whose record it is: "registry" (the registry of record), "mirror" (a site
republishing registry records) or "aggregator" (ICTRP); when sources disagree the registry wins.
Formats whose files hold many records also have split(stream, name), which yields one
(name, bytes, error) per record without reading the whole file, optionally with a fourth item,
a scope hint {"id", "text", ...}: the record's id and every text the classifier reads for
conditions, so that a record naming no condition can be skipped without being parsed again;
with record_from_hint(hint), the record is then built from what the split already parsed.

A page reader of a registry of record may declare GENERAL_READER_FILLS = True (or a set of the
fields it lets be filled): it is then an overlay on the general page reader
(generic_page.read_page), which fills the fields it leaves empty (ingest/read.py). Mirror and
finder sites get no reader of their own: teach the general reader (ingest/pages/) instead.

To add a format: write ingest/formats/<name>.py with those three, add it to FORMATS below
(more specific formats first), and add tests under tests/ingest/.
"""

import re

from ingest.formats import (
    anzctr,
    chictr,
    ctgov_classic,
    ctgov_csv,
    ctgov_json,
    ctgov_mirror,
    ctgov_xml,
    ctri,
    euctr,
    generic_page,
    ictrp_csv,
    ictrp_page,
    ictrp_xml,
    irct,
    isrctn,
    veeva,
)

# Structured formats first: their markers are unambiguous. The generic reader comes last: it
# reads any page about a trial that no site-specific format claims.
FORMATS = [
    ctgov_json,
    ctgov_xml,
    ictrp_xml,
    ctgov_csv,
    ictrp_csv,
    anzctr,
    chictr,
    isrctn,
    ctri,
    euctr,
    irct,
    veeva,
    ctgov_classic,
    ctgov_mirror,
    ictrp_page,
    generic_page,
]
FORMATS_BY_NAME = {module.FORMAT: module for module in FORMATS}


# Registry readers find their labels and section names spelled as the registry prints them. A copy
# may mark them up in Markdown ("**Registration number**", "### Design") or print them in capitals
# (a site's style sheet, "DESIGN", copied as shown). Such a line, alone on its line, is given back
# the registry's spelling. A registry's own capitals ("STUDY DESIGN", a label some registry prints
# so) stay as they are, and so does a colon after a label.
_LABEL_SETS = ("LABELS", "HEADERS", "SECTIONS", "BLOCK_STARTS")
_MARKUP = re.compile(r"^#{1,6}\s+|\*\*|__")


def _plain(line: str) -> str:
    return " ".join(_MARKUP.sub("", line).strip().rstrip(":：").split()).lower()


_SPELLED = {label for module in FORMATS for name in _LABEL_SETS for label in getattr(module, name, ())}
_SPELLINGS: dict[str, str] = {}
for _label in sorted(_SPELLED):
    _SPELLINGS.setdefault(_plain(_label), _label)
# The registries' own spellings (the general dictionary's keys are in lower case).
_REGISTRY_SPELLINGS = {plain: label for plain, label in _SPELLINGS.items() if label != label.lower()}


def _in_capitals(line: str) -> bool:
    """A line in capitals that no registry prints so."""
    return line == line.upper() and line != line.lower() and line.rstrip(":：").strip() not in _SPELLED


def with_registry_spellings(text: str) -> str:
    """The page with each registry label its copy marked up or capitalised spelled as the registry
    prints it. Structured documents (JSON, XML) are returned as they are."""
    if text.lstrip()[:1] in ("{", "[", "<"):
        return text
    lines = text.split("\n")
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or len(stripped) > 120:
            continue
        if _MARKUP.search(stripped):
            spelled = _REGISTRY_SPELLINGS.get(_plain(stripped))
        elif _in_capitals(stripped):  # the general reader reads labels in any case, a registry's does not
            spelled = _REGISTRY_SPELLINGS.get(_plain(stripped))
            if spelled and not spelled.endswith((":", "：")):
                spelled += stripped[len(stripped.rstrip(":：")) :]  # the line's colon kept
        else:
            continue
        if spelled:
            lines[index] = spelled
    return "\n".join(lines)
