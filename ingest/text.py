"""Bytes -> text, with a clear IngestError for what is not a text document."""

import codecs
import email
import email.policy
import re

import charset_normalizer

from ingest.errors import IngestError
from ingest.html_text import html_to_text, looks_like_html
from ingest.office_text import is_zip, office_to_text
from ingest.pdf_text import pdf_to_text

_SIGNATURES = [
    (b"\x89PNG", "a PNG image, not a registry document"),
    (b"\xff\xd8\xff", "a JPEG image, not a registry document"),
    (b"GIF8", "a GIF image, not a registry document"),
    (b"\x1f\x8b", "a gzip archive; unpack it first"),
]
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# Zero-width and soft-hyphen characters that web pages scatter through text.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def decode_document(raw: bytes) -> str:
    """Decode a registry document; raise IngestError saying why when it is not text."""
    if not raw or not raw.strip():
        raise IngestError("the file is empty")
    if raw.startswith(b"%PDF"):
        return clean_text(pdf_to_text(raw))  # a registry record saved or printed as PDF
    if is_zip(raw):
        return clean_text(office_to_text(raw))  # a Word document; any other zip is refused, saying what it is
    for signature, what in _SIGNATURES:
        if raw.startswith(signature):
            raise IngestError(f"the file is {what}")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            text = _decode(raw[len(bom) :], encoding)
            break
    else:
        if b"\x00" in raw[:4096]:
            text = _decode_utf16_without_bom(raw)
        else:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = _decode_legacy(raw)
    if _MHTML.match(text):
        text = _page_in_mhtml(text)
    text = clean_text(text)
    if looks_like_html(text):
        # A saved page: read it as the text a browser shows (scripts never run, never kept).
        text = html_to_text(text)
        if not text.strip():
            raise IngestError("the HTML page holds no text")
    return text


# A page a browser saved as one file (.mhtml, .mht): a MIME message, the page its first HTML part.
_MHTML = re.compile(r"^(?:[\w-]+:[^\n]*\n(?:[ \t][^\n]*\n)*)*?Content-Type:\s*multipart/related\b", re.I)


def _page_in_mhtml(text: str) -> str:
    """The page of a saved MHTML file, its transfer encoding (quoted-printable, base64) undone."""
    message = email.message_from_string(text, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            try:
                return part.get_content()
            except (LookupError, ValueError) as exc:
                raise IngestError(f"the saved page's HTML part cannot be decoded ({exc})") from exc
    raise IngestError("the saved page (MHTML) holds no HTML part")


# A saved page's or an XML export's own word for its encoding, near its start.
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})|<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""",
    re.I,
)
# As browsers read them: pages that say Latin-1 or ASCII are Windows-1252, and a page without a
# byte-order mark that says UTF-16 or UTF-32 is not (the meta tag survived a re-save).
_BROWSER_ENCODING = {"iso8859-1": "cp1252", "ascii": "cp1252"}
_IGNORED_DECLARATIONS = ("utf-16", "utf-32")


# The encodings web pages are written in (the WHATWG list, Latin ones aside): among
# charset-normalizer's equally good guesses, the one a page would use.
_WEB_ENCODINGS = (
    "cp1251", "koi8_r", "koi8_u", "iso8859_5", "cp1253", "iso8859_7", "cp1254", "cp1255", "iso8859_8", "cp1256",
    "iso8859_6", "cp1257", "cp1258", "cp874", "tis_620", "gb18030", "gbk", "gb2312", "big5", "big5hkscs",
    "shift_jis", "cp932", "euc_jp", "iso2022_jp", "euc_kr", "cp949",
)  # fmt: skip
_GUESS_BYTES = 65536


def _non_latin_encoding(raw: bytes) -> str:
    """The encoding of an undeclared page in a script other than Latin, or "" for Latin text
    (read as Windows-1252, as browsers do). Latin text read as Windows-1252 has few letters
    beyond ASCII; another script read so is nearly all of them."""
    letters = [char for char in raw[:_GUESS_BYTES].decode("cp1252", errors="replace") if char.isalpha()]
    if not letters or sum(not char.isascii() for char in letters) < 0.3 * len(letters):
        return ""
    matches = list(charset_normalizer.from_bytes(raw[:_GUESS_BYTES]))
    if not matches:
        return ""
    # The least chaotic reading, then the one whose words read as a language, then a web encoding.
    least_chaos = min(match.chaos for match in matches)
    readable = [match for match in matches if match.chaos <= least_chaos + 0.01]
    most_coherent = max(match.coherence for match in readable)
    candidates = [match.encoding for match in readable if match.coherence >= most_coherent / 2]
    return next((encoding for encoding in _WEB_ENCODINGS if encoding in candidates), candidates[0])


def _decode_legacy(raw: bytes) -> str:
    """Text that is not UTF-8: in the encoding it declares (a registry page in GB2312 or
    Windows-1256), else in the one charset-normalizer finds when it is not a Latin script, else
    Windows-1252, which is what "Latin-1" files usually are; it decodes every byte but five,
    which Latin-1 then takes."""
    match = _DECLARED_CHARSET.search(raw[:4096])
    if match:
        try:
            declared = codecs.lookup((match[1] or match[2]).decode("ascii")).name
            if not declared.startswith(_IGNORED_DECLARATIONS):
                return raw.decode(_BROWSER_ENCODING.get(declared, declared))
        except (LookupError, ValueError):
            pass  # a name Python does not know or cannot decode with, or a page not what it says
    guessed = _non_latin_encoding(raw)
    if guessed:  # an undeclared page in another script: Cyrillic, Greek, Arabic, Hebrew, CJK...
        return raw.decode(guessed, errors="replace")
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _decode(raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise IngestError(f"the file says it is {encoding} but is not valid {encoding} ({exc.reason})") from exc


def _decode_utf16_without_bom(raw: bytes) -> str:
    sample = raw[:4096]
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = max(len(sample) // 2, 1)
    if odd_zeros > half * 0.3 and even_zeros < half * 0.05:
        encoding = "utf-16-le"
    elif even_zeros > half * 0.3 and odd_zeros < half * 0.05:
        encoding = "utf-16-be"
    else:
        raise IngestError("the file is binary (it contains NUL bytes), not a text document")
    text = _decode(raw, encoding)
    if "\x00" in text:
        raise IngestError("the file is binary (it contains NUL bytes), not a text document")
    return text


def clean_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u2007", " ").replace("\u202f", " ")
    # A word processor's hyphens ("MSC‑derived" with a non-breaking one) are the hyphen every reader
    # and vocabulary expects; dashes (en, em, minus) stay dashes.
    text = text.replace("\u2010", "-").replace("\u2011", "-")
    text = _INVISIBLE.sub("", text)
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text):
        raise IngestError("the file holds control characters: it is binary, not a text document")
    return text
