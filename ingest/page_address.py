"""A page's own address, and the registry id it names, for pages that print no id of their own.

A browser's saved page keeps its address in a "saved from url" comment, a canonical link, an
og:url tag or (saved as one MHTML file) its "Snapshot-Content-Location" header; a reader's text
export ("URL Source: ...") keeps it in its header. A curator may type it at upload, or pass
`manage.py ingest --source-url`. Registry and mirror addresses carry the trial's id
(".../NCT01234567", ".../trial/IRCT2017...N1"), which is then the page's own id. So does a saved
page's title, which browsers show but its text does not ("NCT06222333 - Trial details").
"""

import html
import re
import urllib.parse

from ingest.normalize.identifiers import find_identifiers

_HEAD_BYTES = 65536  # the address is in a page's head; reading further finds only links to others
_ADDRESS_PATTERNS = [
    re.compile(r"<!--\s*saved from url=\(\d+\)\s*(https?://[^\s>]+?)\s*-->", re.I),
    re.compile(r"<link\b[^>]*\brel\s*=\s*[\"']?canonical\b[^>]*>", re.I),
    re.compile(r"<meta\b[^>]*\bproperty\s*=\s*[\"']?og:url\b[^>]*>", re.I),
    re.compile(r"^\s*URL Source:\s*(https?://\S+)", re.I | re.M),
    re.compile(r"^Snapshot-Content-Location:\s*(https?://\S+)", re.I | re.M),  # a page saved as MHTML
]
_MARKS = (b"saved from url", b"canonical", b"og:url", b"URL Source", b"Snapshot-Content-Location")
_URL_IN_TAG = re.compile(r"\b(?:href|content)\s*=\s*[\"']?(https?://[^\"'\s>]+)", re.I)


def address_in_page(raw: bytes) -> str:
    """The address a saved page says it came from, or ""."""
    head_bytes = raw[:_HEAD_BYTES]
    if not any(mark in head_bytes for mark in _MARKS):  # most documents: no decoding at all
        return ""
    head = head_bytes.decode("utf-8", errors="replace")
    for pattern in _ADDRESS_PATTERNS:
        match = pattern.search(head)
        if not match:
            continue
        address = match[1] if match.groups() else (_URL_IN_TAG.search(match[0]) or [None, ""])[1]
        if address:
            return address[:2000]
    return ""


_PAGE_TITLE = re.compile(
    r"<title\b[^>]*>([^<]{1,500})</title>"
    r"|<meta\b[^>]*\bproperty\s*=\s*[\"']?og:title\b[^>]*\bcontent\s*=\s*[\"']([^\"'>]{1,500})",
    re.I,
)


def identifier_in_title(raw: bytes) -> tuple[str, str] | None:
    """The one registry id a saved page's title (its <title>, its og:title) names, or None."""
    head_bytes = raw[:_HEAD_BYTES]
    if b"<title" not in head_bytes.lower() and b"og:title" not in head_bytes:
        return None
    head = head_bytes.decode("utf-8", errors="replace")
    found = [
        pair
        for match in _PAGE_TITLE.finditer(head)
        for pair in find_identifiers(html.unescape(match[1] or match[2]))
        if pair[0] != "UTN"
    ]
    return found[0] if len({value for _, value in found}) == 1 else None


# A link to the trial's record, its text naming no id ("View this study on ClinicalTrials.gov",
# "Registry record"): the id is in the address it points to, as a reader following it finds
# (a saved page's links, ingest/html_text.py; a Markdown export's, ingest/pages/layout.py).
RECORD_LINK_TEXT = re.compile(
    r"\b(?:clinicaltrials\.gov|registry|register|registration|record|this\s+(?:study|trial)"
    r"|(?:study|trial)\s+details|full\s+(?:study|trial|details|record))\b",
    re.I,
)


def identifier_in_address(address: str) -> tuple[str, str] | None:
    """The one registry id an address names in its path or query, or None (none, or several)."""
    if not address:
        return None
    parts = urllib.parse.urlsplit(address)
    found = find_identifiers(urllib.parse.unquote(f"{parts.path} {parts.query}"))
    found = [pair for pair in found if pair[0] != "UTN"]
    return found[0] if len({value for _, value in found}) == 1 else None
