"""A Word document (.docx: a protocol's synopsis, a curator's notes on a trial) turned into the text
the page readers read: each paragraph a line, each table row a line of cells separated by " | ",
as a browser's saved table reads (ingest/pages/layout.py). Read with the standard library's zip
reader and defusedxml; nothing in the file (macros, links, embedded objects) is ever run or
followed. Other office files get a clear error saying what to save them as.
"""

import io
import zipfile

from defusedxml import ElementTree

from ingest.errors import IngestError

_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# A document's text is kilobytes; its XML tens of times that. A zip bomb stops here, unread.
MAX_DOCUMENT_XML = 20 * 1024 * 1024
# What else a zip may be, by the part that names it (checked after Word's own).
_OTHER_OFFICE_FILES = {
    "xl/workbook.xml": "an Excel workbook; save the sheet as CSV first",
    "ppt/presentation.xml": "a PowerPoint presentation; save it as PDF first",
    "content.xml": "an OpenDocument file; save it as PDF or Word (.docx) first",
}


def is_zip(raw: bytes) -> bool:
    return raw.startswith(b"PK\x03\x04")


def is_office_file(names: list[str]) -> bool:
    """A zip's member names are an office file's (Office Open XML or OpenDocument), not an archive's."""
    return "[Content_Types].xml" in names or "mimetype" in names


def office_to_text(raw: bytes) -> str:
    """The text of a Word document, or IngestError saying what the zip is instead."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise IngestError(f"the file is a damaged zip archive ({exc})") from exc
    if "word/document.xml" not in names:
        for part, what in _OTHER_OFFICE_FILES.items():
            if part in names:
                raise IngestError(f"the file is {what}")
        raise IngestError("the file is a zip archive; unpack it first")
    info = archive.getinfo("word/document.xml")
    if info.file_size > MAX_DOCUMENT_XML:
        raise IngestError(f"the Word document's text is too large to read ({info.file_size:,} bytes of XML)")
    try:
        root = ElementTree.fromstring(archive.read(info))
    except Exception as exc:  # defusedxml's refusals and the parser's errors alike: a clear message
        raise IngestError(f"the Word document cannot be read ({exc.__class__.__name__}: {exc})") from exc
    body = root.find(f"{_WORD}body")
    lines = [line for block in (body if body is not None else []) for line in _block_lines(block)]
    text = "\n".join(lines).strip()
    if not text:
        raise IngestError("the Word document holds no text")
    return text + "\n"  # its last line is whole (a page's unfinished last line is dropped as cut)


def _block_lines(block) -> list[str]:
    """A paragraph's line, or a table's rows as lines of cells."""
    if block.tag == f"{_WORD}p":
        return [_paragraph_text(block)]
    if block.tag == f"{_WORD}tbl":
        rows = []
        for row in block.findall(f"{_WORD}tr"):
            cells = [
                " ".join(_paragraph_text(paragraph) for paragraph in cell.iter(f"{_WORD}p")).strip()
                for cell in row.findall(f"{_WORD}tc")
            ]
            rows.append(" | ".join(cells) + " |")
        return rows
    return []


def _paragraph_text(paragraph) -> str:
    """A paragraph's runs of text, its tabs and line breaks kept."""
    pieces = []
    for node in paragraph.iter():
        if node.tag == f"{_WORD}t" and node.text:
            pieces.append(node.text)
        elif node.tag == f"{_WORD}tab":
            pieces.append("\t")
        elif node.tag in (f"{_WORD}br", f"{_WORD}cr"):
            pieces.append("\n")
    return "".join(pieces)
