"""Reading bytes as text, and telling formats apart by content."""

import codecs

import pytest

from ingest.detect import detect_format, parser_for
from ingest.errors import IngestError
from ingest.read import read_document
from ingest.text import decode_document

SAMPLE = "Clinical Trial Protocol\nIranian Registry of Clinical Trials\nTitre café – ok\n"


@pytest.mark.parametrize(
    "raw",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("utf-16-le"),
        SAMPLE.encode("cp1252"),
        SAMPLE.replace("–", "-").encode("latin-1"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-nobom", "cp1252", "latin1"],
)
def test_every_common_encoding_decodes(raw):
    text = decode_document(raw)
    assert "Iranian Registry of Clinical Trials" in text
    assert "café" in text


@pytest.mark.parametrize(
    ("charset", "words"),
    [
        ("gb2312", "干细胞治疗白癜风"),  # a ChiCTR page as the registry serves it
        ("windows-1256", "سلول هاي بنيادي"),  # an IRCT page in the Persian Windows code page
        ("iso-8859-1", "naïve – café"),  # "Latin-1" read as browsers read it: Windows-1252's dash
    ],
)
def test_a_page_in_a_legacy_encoding_is_read_in_the_one_it_declares(charset, words):
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"></head>'
    page += f"<body><h1>{words}</h1></body></html>"
    assert decode_document(page.encode("cp1252" if charset == "iso-8859-1" else charset)).strip() == words


def test_a_declaration_the_bytes_contradict_is_not_trusted():
    # Saved as Windows-1252, still saying UTF-16 (or a name no browser knows): read as Windows-1252.
    for charset in ("utf-16", "x-unknown", "undefined", "base64"):  # the last two: Python codecs, not charsets
        page = f"<html><head><meta charset='{charset}'></head><body><p>café</p></body></html>"
        assert decode_document(page.encode("cp1252")).strip() == "café"


@pytest.mark.parametrize(
    "raw, reason",
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"%PDF-1.4\n...", "PDF that cannot be read"),
        (b"\x89PNG\r\n\x1a\n....", "PNG image"),
        (b"\xff\xd8\xff\xe0....", "JPEG image"),
        (b"PK\x03\x04....", "zip archive"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_what_is_not_text_gets_a_clear_error(raw, reason):
    with pytest.raises(IngestError, match=reason):
        decode_document(raw)


def test_windows_line_endings_and_non_breaking_spaces_are_folded():
    assert decode_document(b"A\r\nB\xc2\xa0C") == "A\nB C"


def test_a_word_processors_hyphens_are_hyphens_and_dashes_stay_dashes():
    text = "MSC\u2011derived exosomes \u2010 allogeneic \u2013 for acne scars \u2014 phase 2"
    assert decode_document(text.encode()) == "MSC-derived exosomes - allogeneic \u2013 for acne scars \u2014 phase 2"


def test_seeds_are_detected_by_content(seed_paths):
    formats = [detect_format(decode_document(path.read_bytes())) for path in seed_paths]
    assert formats == ["ctgov-mirror-page", "veeva-page", "ctgov-classic-page", "ctgov-mirror-page", "irct-page"]


def test_unknown_text_is_refused_with_the_known_formats():
    with pytest.raises(IngestError, match="known formats: anzctr-page, chictr-page, ctgov-api-json"):
        detect_format("Dear colleague, please find attached the minutes.")


def test_unknown_format_name_is_refused():
    with pytest.raises(IngestError, match="unknown format 'nope'"):
        parser_for("nope")


@pytest.mark.parametrize(
    "words, encoding",
    [
        ("Пациенты с витилиго получают клетки пуповины в исследовании фазы 2.", "cp1251"),
        ("Ασθενείς με λεύκη λαμβάνουν βλαστοκύτταρα σε μελέτη φάσης 2.", "cp1253"),
        ("治疗白癜风的干细胞临床研究，招募患者参加。", "gb18030"),
        ("白斑の患者に幹細胞を投与する臨床試験です。", "shift_jis"),
        ("백반증 환자에게 줄기세포를 투여하는 임상시험입니다.", "euc_kr"),
    ],
)
def test_an_undeclared_page_in_another_script_is_read_in_its_encoding(words, encoding):
    assert decode_document(words.encode(encoding)).strip() == words


def test_an_undeclared_latin_page_stays_windows_1252():
    words = "Stammzellen für Patienten mit Vitiligo – eine Studie."
    assert decode_document(words.encode("cp1252")).strip() == words


def test_every_format_declares_the_one_interface():
    from typing import get_args

    from ingest.formats import FORMATS
    from ingest.formats.interface import RegistryFormat, SourceKind, SplittingFormat

    for module in FORMATS:
        assert isinstance(module, RegistryFormat), module.__name__
        assert module.SOURCE_KIND in get_args(SourceKind), module.__name__
        if hasattr(module, "split"):
            assert isinstance(module, SplittingFormat), module.__name__
        fills = getattr(module, "GENERAL_READER_FILLS", False)
        assert fills is True or fills is False or isinstance(fills, frozenset), module.__name__
    assert len({module.FORMAT for module in FORMATS}) == len(FORMATS)


def test_a_registry_record_printed_as_pdf_reads_as_its_page():
    """Labels and values printed side by side keep the space between them: two cells."""
    from tests.pdf_pages import pdf_with_rows

    raw = pdf_with_rows(
        [
            [(50, "ISRCTN09100141")],
            [(50, "Autologous fat grafting for burn scars")],
            [(50, "Overall study status"), (250, "Completed")],
            [(50, "Phase"), (250, "Phase II")],
            [(50, "Target number of participants"), (250, "40")],
            [(50, "Sponsor"), (250, "Example University Hospital")],
            [(50, "Countries of recruitment"), (250, "United Kingdom")],
            [(50, "Overall study start date"), (250, "01/03/2020")],
        ]
    )
    record, _ = read_document(raw)
    assert record.brief_title == "Autologous fat grafting for burn scars"
    assert (record.status, record.phases, record.enrollment) == ("COMPLETED", ("PHASE2",), 40)
    assert [org.name for org in record.organizations] == ["Example University Hospital"]
    assert [site.country for site in record.sites] == ["United Kingdom"]
    assert record.start_date.iso() == "2020-03-01"


def test_a_pdf_without_text_protected_or_broken_gets_a_clear_error():
    import io

    from pypdf import PdfReader, PdfWriter

    from tests.pdf_pages import pdf_with_rows

    with pytest.raises(IngestError, match="PDF without text"):
        decode_document(pdf_with_rows([]))  # a scan: pages, no text
    protected = PdfWriter()
    protected.append(PdfReader(io.BytesIO(pdf_with_rows([[(50, "NCT09100141")]]))))
    protected.encrypt("secret", algorithm="RC4-128")
    saved = io.BytesIO()
    protected.write(saved)
    with pytest.raises(IngestError, match="password-protected PDF"):
        decode_document(saved.getvalue())
    with pytest.raises(IngestError, match="PDF that cannot be read"):
        decode_document(pdf_with_rows([[(50, "NCT09100141")]])[:200])  # cut short


def test_a_long_pdf_is_read_to_its_first_pages_only():
    from ingest.pdf_text import MAX_PDF_PAGES
    from tests.pdf_pages import pdf_with_rows

    text = decode_document(pdf_with_rows([[(50, "Page of the protocol")]], pages=MAX_PDF_PAGES + 5))
    assert text.count("Page of the protocol") == MAX_PDF_PAGES


def test_a_hostile_pdf_is_read_within_bounds(monkeypatch):
    """Pages of many lines stop the reading past MAX_PDF_TEXT; a page whose drawing alone is
    larger than MAX_PAGE_CONTENT is refused unread."""
    from ingest import pdf_text
    from tests.pdf_pages import pdf_with_rows

    monkeypatch.setattr(pdf_text, "MAX_PDF_TEXT", 20_000)
    many_lines = pdf_with_rows([[(50, f"Line {number}")] for number in range(300)], pages=40)
    text = decode_document(many_lines)
    assert 1 <= text.count("Line 299") < 40  # the first pages, not every page
    monkeypatch.setattr(pdf_text, "MAX_PAGE_CONTENT", 100_000)
    huge = pdf_with_rows([[(50, "x" * 1000)] for _ in range(200)])
    with pytest.raises(IngestError, match="draws more than"):
        decode_document(huge)
