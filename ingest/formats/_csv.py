"""Registry exports as CSV or TSV (ClinicalTrials.gov's search downloads, WHO ICTRP's export): a
header naming the columns, then one row per trial. A format module says which headers are its own
(its id column and the columns it knows: `Export`); this module reads the header, splits the file
row by row, each row with its header (so a long export streams and a bad row is reported alone
while the rest go on), and gives a row's cells by column key.
"""

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from typing import BinaryIO

from ingest.errors import IngestError

HEAD_BYTES = 64 * 1024
MAX_ROW_BYTES = 4 * 1024 * 1024  # a trial's row; the largest records are far smaller
csv.field_size_limit(MAX_ROW_BYTES)  # process-wide; the default (128 KB) is below a long summary

Accepts = Callable[[list[str]], bool]


def column_key(name: str) -> str:
    """'NCT Number', 'Public_title', 'public title' -> 'nct number', 'public title', 'public title'."""
    return " ".join(name.strip().lstrip("\ufeff").replace("_", " ").lower().split())


def header(first_line: str, accepts: Accepts) -> tuple[list[str], str] | None:
    """The header's column keys and its delimiter, when `accepts` takes the line for its header."""
    # A comma; a tab (a TSV download, Excel's "Unicode text"); a semicolon (Excel's CSV where a
    # comma is the decimal mark: most of Europe).
    delimiter = max(",\t;", key=first_line.count)
    try:
        names = next(csv.reader([first_line], delimiter=delimiter), [])
    except csv.Error:  # a stray carriage return or quote: no export's header
        return None
    keys = [column_key(name) for name in names]
    return (keys, delimiter) if accepts(keys) else None


def detects(text: str, accepts: Accepts) -> bool:
    first_line = text.lstrip("\ufeff")[:HEAD_BYTES].split("\n", 1)[0].rstrip("\r")
    return header(first_line, accepts) is not None


def split_rows(stream: BinaryIO, name: str, accepts: Accepts, what: str) -> Iterator[tuple[str, bytes, str]]:
    """(name, bytes of the header and one row, error) per row; `what` names the export in errors."""
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    text = io.TextIOWrapper(stream, encoding=_encoding_of(head), errors="replace", newline="")
    number = 1  # the header is row 1
    try:
        first_line = text.readline(HEAD_BYTES)
        found = header(first_line.rstrip("\r\n"), accepts)
        if found is None:
            yield name, first_line.encode(), f"not {what} (its first line is not the export's header)"
            return
        keys, delimiter = found
        for row in csv.reader(text, delimiter=delimiter):
            number += 1
            if not any(cell.strip() for cell in row):
                continue
            label = f"{name}:row {number}"
            raw = _serialized(first_line, row, delimiter)
            if len(row) != len(keys):
                yield label, raw, f"row {number} has {len(row)} cells, the header names {len(keys)} columns"
                continue
            yield label, raw, ""
    except csv.Error as exc:
        label = f"{name}:row {number + 1}"
        yield (
            label,
            f"(unreadable) {label}".encode(),
            f"row {number + 1} cannot be read ({exc}); the rows after it were not read",
        )
    finally:
        text.detach()  # the caller closes the stream


def _encoding_of(head: bytes) -> str:
    """UTF-8 (with or without its mark), UTF-16 with its mark (Excel's "Unicode text"), else
    Windows-1252: what Excel saves a CSV in on a Western European or American machine."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # not a character cut by the head's end
            return "cp1252"
    return "utf-8-sig"


def _serialized(first_line: str, row: list[str], delimiter: str) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerow(row)
    return (first_line.rstrip("\r\n") + "\n" + out.getvalue()).encode()


def rows(text: str, accepts: Accepts, what: str) -> list[tuple[int, dict[str, str]]]:
    """Every row as (its number, {column key: its value, stripped}); IngestError when the text is
    no such export, holds no row, or a row's cells do not match the header's columns."""
    first_line, _, rest = text.lstrip("\ufeff").partition("\n")
    found = header(first_line.rstrip("\r"), accepts)
    if found is None:
        raise IngestError(f"not {what} (its first line is not the export's header)")
    keys, delimiter = found
    try:
        read = list(csv.reader(io.StringIO(rest), delimiter=delimiter))
    except csv.Error as exc:
        raise IngestError(f"the CSV cannot be read: {exc}") from None
    result = []
    for number, row in enumerate(read, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(keys):
            raise IngestError(f"row {number} has {len(row)} cells, the header names {len(keys)} columns")
        result.append((number, {key: value.strip() for key, value in zip(keys, row, strict=True) if value.strip()}))
    if not result:
        raise IngestError(f"{what} holding a header and no trial")
    return result


def items(value: str) -> list[str]:
    """A cell's list ("PHASE1|PHASE2")."""
    return [item.strip() for item in value.split("|") if item.strip()]


class Export:
    """One kind of export, by its header: the column naming each trial's id and at least `least`
    of the columns it knows; `what` names it in errors. A format module takes its `detect` and
    `split` from here."""

    def __init__(self, what: str, id_column: str, known_columns, least: int):
        self.what, self.id_column, self.least = what, id_column, least
        self.known_columns = frozenset(known_columns)

    def accepts(self, keys: list[str]) -> bool:
        return self.id_column in keys and len(self.known_columns.intersection(keys)) >= self.least

    def detect(self, text: str) -> bool:
        return detects(text, self.accepts)

    def split(self, stream: BinaryIO, name: str) -> Iterator[tuple[str, bytes, str]]:
        yield from split_rows(stream, name, self.accepts, self.what)

    def rows(self, text: str) -> list[tuple[int, dict[str, str]]]:
        return rows(text, self.accepts, self.what)
