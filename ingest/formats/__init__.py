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

from ingest.formats import (
    anzctr,
    chictr,
    ctgov_classic,
    ctgov_json,
    ctgov_mirror,
    ctgov_xml,
    ctri,
    euctr,
    generic_page,
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
