"""The WHO ICTRP record page (trialsearch.who.int "Trial2.aspx"): the 22 elements of the WHO Trial
Registration Data Set, for a trial of any registry, as "Label: value" lines. The general page
reader reads its fields (its labels are in the label dictionary); this overlay adds what is the
portal's own: how it is recognised, and the EU register's titles, which the portal joins with
" - " (the full title, then the lay title).
"""

import re
from dataclasses import replace

from ingest.errors import IngestError, MissingIdentifierError
from ingest.formats.generic_page import read_page
from ingest.record import TrialRecord

FORMAT = "ictrp-page"
SOURCE_KIND = "aggregator"

# Its labels, each before a colon, a tab (the page's table copied) or above its value.
_LABEL_END = r"\s*(?::|\t|$)"
_MARKERS = [
    re.compile(r"elements of the WHO Trial Registration Data Set", re.I),
    re.compile(rf"^\s*Main ID{_LABEL_END}", re.I | re.M),
    re.compile(rf"^\s*Public title{_LABEL_END}", re.I | re.M),
    re.compile(r"^\s*(Date of first enrol?lment|Target sample size|Countries of recruitment)\s*:?", re.I | re.M),
    re.compile(rf"^\s*Last refreshed on{_LABEL_END}", re.I | re.M),
]


def detect(text: str) -> bool:
    head = text[:20000]
    return sum(bool(marker.search(head)) for marker in _MARKERS) >= 3


def parse(text: str) -> list[TrialRecord]:
    if not detect(text):
        raise IngestError("not a WHO ICTRP record page")
    record = read_page(text)
    register = re.search(r"^\s*Register\s*:\s*(\S+)", text[:5000], re.I | re.M)
    if register and register[1].upper() == "EUCTR":
        full = record.official_title or record.brief_title
        record = replace(record, brief_title=record.brief_title.split(" - ")[0].strip(), official_title=full)
    # The page's structure is the data set's: no guessing to review.
    record = replace(record, source_format=FORMAT, needs_review=False)
    if not record.identifiers:
        raise MissingIdentifierError("the record page prints no Main ID", record)
    return [record]
