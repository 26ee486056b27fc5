"""A run of the ingest: units -> records -> loader, in batches, reporting each result.

Files and zip members are split into one document per trial record by their format (a JSON
Lines file line by line, an ICTRP export trial by trial), so one malformed record is reported
and quarantined while the rest go on. Records already seen (same sha256) are recognised with
one query per batch, without being parsed again.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import reset_queries, transaction

from catalog.models import SourceDocument
from ingest.detect import detect_format, parser_for
from ingest.errors import IngestError
from ingest.loader import FAILED, SKIPPED, STATUSES, DocumentResult, ingest_document, sha256_of, store_failure
from ingest.sources import Unit, iter_units
from ingest.text import decode_document

HEAD_BYTES = 256 * 1024
MAX_PAGE_BYTES = 64 * 1024 * 1024  # a registry page is kilobytes; anything this big is not one
BATCH = 200


@dataclass
class Piece:
    name: str
    raw: bytes
    format: str = ""
    error: str = ""


@dataclass
class RunSummary:
    counts: Counter = field(default_factory=Counter)
    started: float = field(default_factory=time.monotonic)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def line(self) -> str:
        total = self.total
        labels = {SKIPPED: "out of scope"}
        parts = ", ".join(f"{self.counts.get(status, 0)} {labels.get(status, status)}" for status in STATUSES)
        return f"{total} document{'s' if total != 1 else ''}: {parts}"


def _read_bounded(stream, limit: int) -> tuple[bytes, bool]:
    data = stream.read(limit + 1)
    return data[:limit], len(data) > limit


def pieces(unit: Unit, forced_format: str | None = None) -> Iterator[Piece]:
    """The documents in one unit: itself, or its records when its format splits."""
    if unit.error:
        yield Piece(unit.name, b"", error=unit.error)
        return
    try:
        with unit.open() as stream:
            head = stream.read(HEAD_BYTES)
            try:
                format_name = forced_format or detect_format(decode_document(head))
                module = parser_for(format_name)
            except IngestError as exc:
                rest, too_big = _read_bounded(stream, MAX_PAGE_BYTES)
                yield Piece(unit.name, head + rest, error=str(exc))
                return
            stream.seek(0)
            if hasattr(module, "split"):
                for name, raw, error in module.split(stream, unit.name):
                    yield Piece(name, raw, format_name, error)
                return
            raw, too_big = _read_bounded(stream, MAX_PAGE_BYTES)
            if too_big:
                yield Piece(unit.name, raw, format_name, f"too large for a {format_name} document (over 64 MB)")
            else:
                yield Piece(unit.name, raw, format_name)
    except OSError as exc:
        yield Piece(unit.name, b"", error=f"cannot read the file ({exc})")


class Pipeline:
    def __init__(
        self,
        forced_format: str | None = None,
        keep_out_of_scope: bool = False,
        on_result: Callable[[DocumentResult], None] | None = None,
    ):
        self.forced_format = forced_format
        self.keep_out_of_scope = keep_out_of_scope
        self.on_result = on_result or (lambda result: None)
        self.summary = RunSummary()

    def run(self, paths: list[str]) -> RunSummary:
        batch: list[Piece] = []
        for unit in iter_units(paths):
            for piece in pieces(unit, self.forced_format):
                batch.append(piece)
                if len(batch) >= BATCH:
                    self._flush(batch)
                    batch = []
        self._flush(batch)
        return self.summary

    def _flush(self, batch: list[Piece]) -> None:
        """One commit per batch; each document is still all-or-nothing (a savepoint of its own),
        and a run stopped mid-batch leaves every trial as it was before that batch."""
        if not batch:
            return
        with transaction.atomic():
            self._load(batch)
        reset_queries()  # DEBUG keeps every query; a long run must not

    def _load(self, batch: list[Piece]) -> None:
        shas = [sha256_of(piece.raw) for piece in batch]
        known = {
            document.sha256: document
            for document in SourceDocument.objects.filter(sha256__in=set(shas))
            .select_related("trial")
            .defer("raw", "record", "trial__search_vector")
        }
        seen_here: set[str] = set()
        skipped_rows: list[SourceDocument] = []
        for piece, sha256 in zip(batch, shas, strict=True):
            if piece.error:
                store_failure(piece.raw, piece.name, piece.error, piece.format)
                result = DocumentResult(piece.name, FAILED, error=piece.error, format=piece.format)
            elif sha256 in seen_here:  # the same record twice in one batch: look it up again
                SourceDocument.objects.bulk_create(skipped_rows, ignore_conflicts=True)
                skipped_rows = []
                result = ingest_document(piece.raw, piece.name, piece.format, self.keep_out_of_scope)
            else:
                result = ingest_document(
                    piece.raw,
                    piece.name,
                    piece.format,
                    self.keep_out_of_scope,
                    existing=known.get(sha256),
                    checked=True,
                    skipped_rows=skipped_rows,
                )
            seen_here.add(sha256)
            self.summary.counts[result.status] += 1
            self.on_result(result)
        SourceDocument.objects.bulk_create(skipped_rows, ignore_conflicts=True)
