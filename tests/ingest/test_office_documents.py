"""A Word document (a protocol's synopsis, a curator's notes) is one document, read as its
paragraphs and table rows; other office files and archives get a clear error."""

import io
import zipfile
from xml.sax.saxutils import escape

import pytest

from ingest.errors import IngestError
from ingest.read import read_document
from ingest.sources import iter_units
from ingest.text import decode_document

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def paragraph(text: str) -> str:
    runs = "<w:r><w:tab/></w:r>".join(
        f"<w:r><w:t xml:space='preserve'>{escape(part)}</w:t></w:r>" for part in text.split("\t")
    )
    return f"<w:p>{runs}</w:p>"


def table(rows: list[list[str]]) -> str:
    cells = "".join("<w:tr>" + "".join(f"<w:tc>{paragraph(cell)}</w:tc>" for cell in row) + "</w:tr>" for row in rows)
    return f"<w:tbl>{cells}</w:tbl>"


def word_document(*blocks: str) -> bytes:
    """A .docx as Word writes one: its content types, and the body's paragraphs and tables."""
    document = f"<?xml version='1.0' encoding='UTF-8'?><w:document xmlns:w='{W}'><w:body>{''.join(blocks)}</w:body></w:document>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


SYNOPSIS = word_document(
    paragraph("PROTOCOL SYNOPSIS"),
    table(
        [
            ["Title", "Allogeneic umbilical cord MSC exosome gel for example vitiligo"],
            ["EudraCT number", "2023-000123-45"],
            ["Phase", "IIa"],
            ["Sponsor", "Example Biologics GmbH"],
            ["Number of subjects", "48"],
        ]
    ),
    paragraph("Indication:\tNon-segmental vitiligo"),
)


def test_a_word_documents_paragraphs_and_table_rows_are_its_lines():
    text = decode_document(SYNOPSIS)
    assert text.splitlines()[:2] == [
        "PROTOCOL SYNOPSIS",
        "Title | Allogeneic umbilical cord MSC exosome gel for example vitiligo |",
    ]
    record, _ = read_document(SYNOPSIS)
    assert [identifier.value for identifier in record.identifiers] == ["2023-000123-45"]
    assert (record.phases, record.enrollment, record.conditions_raw) == (("PHASE2",), 48, ("Non-segmental vitiligo",))
    assert [o.name for o in record.organizations] == ["Example Biologics GmbH"]


def test_a_word_document_in_a_folder_is_one_document_and_an_archive_beside_it_is_unpacked(tmp_path):
    (tmp_path / "synopsis.docx").write_bytes(SYNOPSIS)
    with zipfile.ZipFile(tmp_path / "pages.zip", "w") as archive:
        archive.writestr("a.txt", "NCT ID: NCT09100001\n")
    names = sorted(unit.name for unit in iter_units([str(tmp_path)]))
    assert names == [f"{tmp_path}/pages.zip/a.txt", f"{tmp_path}/synopsis.docx"]


@pytest.mark.parametrize(
    "members, reason",
    [
        (
            {"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"},
            "Excel workbook; save the sheet as CSV",
        ),
        ({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}, "OpenDocument file"),
        ({"a.txt": "NCT09100001"}, "zip archive; unpack it first"),
        (
            {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document xmlns:w='x'><unclosed>"},
            "cannot be read",
        ),
        (
            {
                "[Content_Types].xml": "<Types/>",
                "word/document.xml": f"<w:document xmlns:w='{W}'><w:body/></w:document>",
            },
            "holds no text",
        ),
    ],
)
def test_other_office_files_and_broken_documents_get_a_clear_error(members, reason):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(IngestError, match=reason):
        decode_document(buffer.getvalue())


def test_an_entity_bomb_in_a_word_document_is_refused():
    bomb = (
        "<?xml version='1.0'?><!DOCTYPE d [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>]>"
        f"<w:document xmlns:w='{W}'><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", bomb)
    with pytest.raises(IngestError, match="cannot be read"):
        decode_document(buffer.getvalue())


@pytest.mark.django_db
def test_manage_py_ingest_stores_a_word_documents_trial(tmp_path, vocabularies):
    from django.core.management import call_command

    from catalog.models import SourceDocument, Trial

    (tmp_path / "synopsis.docx").write_bytes(SYNOPSIS)
    out = io.StringIO()
    call_command("ingest", str(tmp_path), stdout=out)
    assert out.getvalue().splitlines()[-1].startswith("1 document: 1 created")
    trial = Trial.objects.get(primary_id="2023-000123-45")
    assert trial.phases == ["PHASE2"] and trial.enrollment == 48
    assert SourceDocument.objects.get(trial=trial).file_name.endswith("synopsis.docx")
