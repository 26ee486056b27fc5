"""A registry record saved or printed as PDF, turned into the text the page parsers read.

pypdf extracts each page's text in layout mode: a label and its value printed side by side keep
the run of spaces between them, which the layout front end reads as two cells (ingest/pages/
layout.py), as it reads a table copied from a browser. Scans (no text layer) and
password-protected files get a clear error; nothing in the file is ever executed.
"""

import io
import logging
import re
from functools import lru_cache

from pypdf import PdfReader

from ingest.errors import IngestError

# A registry record runs to a few pages; a protocol's synopsis, the part worth reading, comes first.
MAX_PDF_PAGES = 40
# A registry record's text is tens of kilobytes. A hostile file can draw a page of thousands of
# lines (layout mode then writes each at its height): reading stops past this much text, and a
# page whose drawing instructions alone exceed MAX_PAGE_CONTENT is not read at all.
MAX_PDF_TEXT = 1_000_000
MAX_PAGE_CONTENT = 4 * 1024 * 1024

# pypdf reports a malformed file's every repair through logging: one clear error is enough.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def pdf_to_text(raw: bytes) -> str:
    """The PDF's text, or IngestError saying why there is none."""
    return _pdf_text(bytes(raw))  # (bytes, never a memoryview or bytearray: the cache hashes it)


# The pipeline reads a PDF's text twice, to detect its format and to parse it: the last file's
# text is kept for the second time (one file, at most the pipeline's 16 MB page limit).
@lru_cache(maxsize=1)
def _pdf_text(raw: bytes) -> str:
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError("the file is a password-protected PDF; save the registry page as text or HTML")
        text = ""
        for page in reader.pages[:MAX_PDF_PAGES]:
            contents = page.get_contents()
            if contents is not None and len(contents.get_data()) > MAX_PAGE_CONTENT:
                if not text.strip():
                    raise IngestError(
                        f"the file is a PDF whose first page draws more than {MAX_PAGE_CONTENT // 2**20} MB of"
                        " instructions, not a registry record"
                    )
                break
            # Each page ends its last line: a PDF is whole, never a page cut mid-line.
            text += f"{page.extract_text(extraction_mode='layout') or ''}\n"
            if len(text) > MAX_PDF_TEXT:
                break
    except IngestError:
        raise
    except Exception as exc:  # noqa: BLE001  # a third-party parser on untrusted bytes: any failure is the file's
        raise IngestError(f"the file is a PDF that cannot be read ({type(exc).__name__}: {exc})") from None
    # A page break or a font's stray control code is layout, not content.
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", " ", text)
    if not text.strip():
        raise IngestError("the file is a PDF without text (a scan?); save the registry page as text or HTML")
    return text
