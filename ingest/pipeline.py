"""A run of the ingest: units -> records -> loader, in batches, reporting each result.

Files and zip members are split into one document per trial record by their format (a JSON
Lines file line by line, an ICTRP export trial by trial), so one malformed record is reported
and quarantined while the rest go on. Records already seen (same sha256) are recognised with
one query per batch, without being parsed again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import logging
import multiprocessing
import time
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.template.defaultfilters import pluralize

from catalog.models import SourceDocument, TrialIdentifier
from ingest.detect import detect_format, parser_for
from ingest.documents import insert_skipped, lock_for_writing, sha256_of, skipped_row, store_failure
from ingest.errors import IngestError
from ingest.html_text import looks_like_html
from ingest.loader import (
    CREATED,
    DRAFTED,
    FAILED,
    SKIPPED,
    STATUSES,
    Decision,
    DocumentResult,
    decide,
    decide_record,
    ingest_document,
    scope_reason,
    write_decision,
)
from ingest.normalize.taxonomy import Classification, cannot_be_in_scope
from ingest.page_address import address_in_page
from ingest.record import SPONSOR, TrialRecord, check_bounds, without_control_characters
from ingest.sources import Unit, iter_units
from ingest.text import decode_document
from ingest.vocabulary import current_vocabulary
from ingest.writing import load_new_trials

logger = logging.getLogger(__name__)

HEAD_BYTES = 256 * 1024
SMALL_UNIT_BYTES = 4 * 1024 * 1024  # files up to this size are read whole and recognised by sha256 first
# A registry page is kilobytes (the largest, a record with posted results, a few megabytes):
# anything this big is not one. Reading a page takes about ten times its size in memory.
MAX_PAGE_BYTES = 16 * 1024 * 1024
KEPT_OF_OVERSIZE = HEAD_BYTES  # what quarantine keeps of a file too large to be a page: its head
BATCH = 200
BATCH_BYTES = 32 * 1024 * 1024  # a batch also ends when its documents hold this much


@dataclass
class Piece:
    name: str
    raw: bytes
    format: str = ""
    error: str = ""
    sha256: str = ""
    # Set when the whole file was recognised by its sha256 before being read any further.
    known: SourceDocument | None = None
    hint: dict | None = None  # the format's scope hint, when its split gives one
    unread: bool | None = None  # decided ahead: names no condition, so it is skipped unread


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
        labels = {SKIPPED: "out of scope", DRAFTED: "needing a registry id (drafts for a curator)"}
        parts = ", ".join(
            f"{self.counts.get(status, 0)} {labels.get(status, status)}"
            for status in STATUSES
            if status != DRAFTED or self.counts.get(status)  # drafts are rare: named when there are some
        )
        return f"{total} document{pluralize(total)}: {parts}"


def _oversize(size: int) -> str:
    return (
        f"the file is {size:,} bytes, larger than any registry page ({MAX_PAGE_BYTES:,}); "
        f"its first {KEPT_OF_OVERSIZE // 1024:,} KB are kept in quarantine"
    )


def _read_bounded(stream, limit: int) -> tuple[bytes, bool]:
    data = stream.read(limit + 1)
    return data[:limit], len(data) > limit


def _detect(head: bytes) -> str:
    """The format, from the first 8 KB when they tell (structured files do), else the whole head.

    Plain UTF-8 text is recognised without the careful decoding, which then only runs to say
    why a file is not a document (binary, empty, a PDF...).
    """
    start = head[:8192]
    if b"\x00" not in start and not looks_like_html(start.decode("utf-8", errors="ignore")):
        try:
            return detect_format(start.decode("utf-8", errors="ignore"))
        except IngestError:
            pass
    return detect_format(decode_document(head))


PARALLEL_MIN = 50  # a batch with at least this many studies to parse is parsed by the worker process
_worker_vocabulary = None


def _start_worker(vocabulary) -> None:
    global _worker_vocabulary
    _worker_vocabulary = vocabulary


def _parse_and_classify(item: tuple[bytes, str, bool]) -> Decision:
    """In the worker process: one study's decision (pure: no database), as the main process would
    decide it."""
    raw, format_name, keep_out_of_scope = item
    return decide(raw, format_name or None, keep_out_of_scope=keep_out_of_scope, vocabulary=_worker_vocabulary)


def pieces(unit: Unit, forced_format: str | None = None) -> Iterator[Piece]:
    """The documents in one unit: itself, or its records when its format splits. A unit refused
    before reading, or damaged while read, is one failed piece with what could be read of it."""
    if unit.error:
        yield Piece(unit.name, _kept_of(unit), error=unit.error)
        return
    try:
        with unit.open() as stream:
            head = stream.read(HEAD_BYTES)
            if head.startswith(b"%PDF") and not forced_format:
                # A PDF's text comes from the whole file (its page index is at the end): read a
                # page's worth to say what it holds.
                head += stream.read(MAX_PAGE_BYTES - len(head))
            try:
                format_name = forced_format or _detect(head)
                module = parser_for(format_name)
            except IngestError as exc:
                if unit.size > MAX_PAGE_BYTES:
                    yield Piece(unit.name, head[:KEPT_OF_OVERSIZE], error=f"{exc}; {_oversize(unit.size)}")
                    return
                rest, too_big = _read_bounded(stream, MAX_PAGE_BYTES)
                yield Piece(unit.name, head + rest, error=str(exc))
                return
            if not hasattr(module, "split") and unit.size > MAX_PAGE_BYTES:
                # Not read at all: a registry page is kilobytes; memory stays bounded.
                yield Piece(unit.name, head[:KEPT_OF_OVERSIZE], format_name, _oversize(unit.size))
                return
            stream.seek(0)
            if hasattr(module, "split"):
                for name, raw, error, *hint in module.split(stream, unit.name):
                    yield Piece(name, raw, format_name, error, hint=hint[0] if hint else None)
                return
            raw, too_big = _read_bounded(stream, MAX_PAGE_BYTES)
            if too_big:
                yield Piece(unit.name, raw[:KEPT_OF_OVERSIZE], format_name, _oversize(len(raw)))
            else:
                yield Piece(unit.name, raw, format_name)
    except OSError as exc:
        yield Piece(unit.name, _kept_of(unit), error=f"cannot read the file ({exc})")
    except DAMAGED_MEMBER as exc:  # a bad CRC, an encrypted member, an unknown compression, a lying size
        yield _damaged(unit, exc)


# What reading a damaged zip member raises: the healthy members of the archive are still read.
DAMAGED_MEMBER = (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError)


def _damaged(unit: Unit, exc: Exception) -> Piece:
    return Piece(unit.name, _kept_of(unit), error=f"damaged archive member, not read ({type(exc).__name__}: {exc})")


def _kept_of(unit: Unit) -> bytes:
    """What quarantine keeps of a refused or damaged unit: a bounded prefix of its bytes, else a
    line naming it, so that no two refusals share a sha256 (and a row)."""
    try:
        with unit.open() as stream:
            kept = stream.read(KEPT_OF_OVERSIZE)
    except (OSError, AttributeError, TypeError, *DAMAGED_MEMBER):
        kept = b""
    return kept or f"(not readable) {unit.name}".encode()


class Pipeline:
    def __init__(
        self,
        forced_format: str | None = None,
        keep_out_of_scope: bool = False,
        on_result: Callable[[DocumentResult], None] | None = None,
        source_url: str = "",
        name_of: Callable[[str], str] | None = None,
    ):
        self.source_url = source_url  # where the run's one page came from (its id when it prints none)
        self.name_of = name_of  # a document's name from its path (an upload's, not the temporary folder's)
        self.forced_format = forced_format
        self.keep_out_of_scope = keep_out_of_scope
        self.on_result = on_result or (lambda result: None)
        self.summary = RunSummary()

    def run(self, paths: list[str]) -> RunSummary:
        self.pool, self.pool_vocabulary, self.pending = None, None, None
        try:
            self._run(paths)
            if self.pending is not None:
                self._flush(*self.pending)
        finally:
            if self.pool is not None:
                self.pool.terminate()
                self.pool.join()
        return self.summary

    def _run(self, paths: list[str]) -> None:
        self.batch: list[Piece] = []
        self.batch_bytes = 0
        screening: list[tuple[Unit, bytes, str]] = []
        screening_bytes = 0
        for unit in iter_units(paths):
            if self.name_of:
                unit = dataclasses.replace(unit, name=self.name_of(unit.name))
            if unit.error or unit.size > SMALL_UNIT_BYTES:
                self._add(pieces(unit, self.forced_format))
                continue
            try:
                with unit.open() as stream:
                    raw = stream.read()
            except OSError as exc:
                self._add([Piece(unit.name, _kept_of(unit), error=f"cannot read the file ({exc})")])
                continue
            except DAMAGED_MEMBER as exc:
                self._add([_damaged(unit, exc)])
                continue
            screening.append((unit, raw, sha256_of(raw)))
            screening_bytes += len(raw)
            if len(screening) >= BATCH or screening_bytes >= BATCH_BYTES:
                self._screen(screening)
                screening, screening_bytes = [], 0
        self._screen(screening)
        if self.batch:
            self._queue(self.batch)

    def _add(self, new_pieces) -> None:
        for piece in new_pieces:
            self.batch.append(piece)
            self.batch_bytes += len(piece.raw)
            if len(self.batch) >= BATCH or self.batch_bytes >= BATCH_BYTES:
                self._queue(self.batch)
                self.batch, self.batch_bytes = [], 0

    def _queue(self, batch: list[Piece]) -> None:
        """Start parsing this batch in the worker, then write the previous one meanwhile."""
        preparing = self._start_preparing(batch)
        if self.pending is not None:
            self._flush(*self.pending)
        self.pending = (batch, preparing)

    def _start_preparing(self, batch: list[Piece]):
        """Send the batch's new studies that name a condition to the worker process, if enough."""
        vocabulary = current_vocabulary()
        wanted = []
        for index, piece in enumerate(batch):
            if piece.error or piece.known is not None or not piece.hint or self.keep_out_of_scope:
                continue
            piece.unread = cannot_be_in_scope(piece.hint["text"], vocabulary)
            if not piece.unread:
                wanted.append(index)
        if len(wanted) < PARALLEL_MIN:
            return None
        if self.pool is None or self.pool_vocabulary is not vocabulary:
            if self.pool is not None:
                self.pool.terminate()
            # fork: the worker inherits the code and the vocabulary, and never touches the database
            self.pool = multiprocessing.get_context("fork").Pool(1, _start_worker, (vocabulary,))
            self.pool_vocabulary = vocabulary
        items = [(batch[index].raw, batch[index].format, self.keep_out_of_scope) for index in wanted]
        return wanted, self.pool.map_async(_parse_and_classify, items, chunksize=25)

    def _screen(self, screening: list[tuple[Unit, bytes, str]]) -> None:
        """Small files recognised whole by their sha256 (a re-run) need no reading at all."""
        if not screening:
            return
        known = {
            document.sha256: document
            for document in SourceDocument.objects.filter(sha256__in={sha for _, _, sha in screening})
            .exclude(parse_status=SourceDocument.FAILED)
            .select_related("trial")
            .defer("raw", "trial__search_vector")
        }
        for unit, raw, sha256 in screening:
            document = known.get(sha256)
            if document is not None and (document.parse_status == SourceDocument.PARSED or not self.keep_out_of_scope):
                self._add([Piece(unit.name, raw, document.detected_format, sha256=sha256, known=document)])
            else:
                self._add(pieces(Unit(unit.name, lambda raw=raw: io.BytesIO(raw), len(raw)), self.forced_format))

    def _flush(self, batch: list[Piece], preparing=None) -> None:
        """One commit per batch; each document is still all-or-nothing (a savepoint of its own),
        and a run stopped mid-batch leaves every trial as it was before that batch."""
        if not batch:
            return
        prepared = {}
        if preparing is not None:
            wanted, result = preparing
            try:
                prepared = dict(zip(wanted, result.get(), strict=True))
            except Exception:  # the worker died: this batch is parsed here instead
                logger.warning("the parsing worker failed; parsing this batch in the main process", exc_info=True)
                with contextlib.suppress(Exception):
                    self.pool.terminate()
                self.pool = None  # the next batch starts a new worker
        with transaction.atomic():
            self._load(batch, prepared)

    def _load(self, batch: list[Piece], prepared: dict | None = None) -> None:
        lock_for_writing()  # what another ingest wrote is known before this batch decides
        prepared = prepared or {}
        shas = [piece.sha256 or sha256_of(piece.raw) for piece in batch]
        unscreened = {sha for piece, sha in zip(batch, shas, strict=True) if piece.known is None}
        known = {
            document.sha256: document
            for document in SourceDocument.objects.filter(sha256__in=unscreened)
            .select_related("trial")
            .defer("raw", "trial__search_vector")
        }
        known.update({piece.sha256: piece.known for piece in batch if piece.known is not None})
        results: list[DocumentResult | None] = [None] * len(batch)
        skipped_rows: list[tuple] = []
        fresh: list[tuple[int, TrialRecord, object, Classification]] = []  # new in-scope records
        seen_here: set[str] = set()
        repeats: list[int] = []  # the same record again in this batch: answered once the batch is written
        for index, (piece, sha256) in enumerate(zip(batch, shas, strict=True)):
            existing = known.get(sha256)
            if piece.error:
                store_failure(piece.raw, piece.name, piece.error, piece.format)
                results[index] = DocumentResult(piece.name, FAILED, error=piece.error, format=piece.format)
            elif sha256 in seen_here:
                repeats.append(index)
            elif existing is not None:  # seen in an earlier run: unchanged, or skipped again
                results[index] = self._one(piece, existing, checked=True)
            elif self._unread_out_of_scope(piece, sha256, skipped_rows, results, index):
                pass
            else:
                decision = prepared.get(index) or self._decide(piece)
                if decision.status == FAILED:
                    store_failure(piece.raw, piece.name, decision.reason, decision.format)
                    results[index] = DocumentResult(piece.name, FAILED, error=decision.reason, format=decision.format)
                elif decision.status == SKIPPED:
                    module = parser_for(decision.format)
                    skipped_rows.append(skipped_row(sha256, piece.name, module, decision.reason))
                    results[index] = DocumentResult(
                        piece.name, SKIPPED, decision.trial_id, format=decision.format, reason=decision.reason
                    )
                elif decision.status == DRAFTED:  # one at a time: a draft is no bulk trial
                    results[index] = write_decision(decision, piece.raw, sha256, piece.name, None, self._address(piece))
                else:
                    fresh.append((index, decision.record, parser_for(decision.format), decision.classification))
            seen_here.add(sha256)
        insert_skipped(skipped_rows)
        self._load_fresh(batch, shas, fresh, results)
        for index in repeats:
            results[index] = self._one(batch[index], None, checked=False)
        for result in results:
            self.summary.counts[result.status] += 1
            self.on_result(result)

    def _unread_out_of_scope(self, piece, sha256, skipped_rows, results, index) -> bool:
        """Skip, without parsing, a record whose text names no condition at all (most of a bulk file)."""
        module = parser_for(piece.format) if piece.format else None
        if self.keep_out_of_scope or module is None:
            return False
        if piece.unread is not None:  # decided when the batch was queued
            if not piece.unread:
                return False
            trial_id = piece.hint["id"]
        elif piece.hint:
            trial_id = piece.hint["id"]
            if not cannot_be_in_scope(piece.hint["text"], current_vocabulary()):
                return False
        elif hasattr(module, "identifier_of"):
            trial_id = module.identifier_of(piece.raw)
            if not cannot_be_in_scope(piece.raw.decode("utf-8", errors="replace"), current_vocabulary()):
                return False
        else:
            return False
        if not trial_id:
            return False
        reason = scope_reason(Classification(complete=False))
        skipped_rows.append(skipped_row(sha256, piece.name, module, reason))
        results[index] = DocumentResult(piece.name, SKIPPED, trial_id, format=module.FORMAT, reason=reason)
        return True

    def _address(self, piece: Piece) -> str:
        return self.source_url or address_in_page(piece.raw)

    def _decide(self, piece: Piece) -> Decision:
        """The decision in this process: from a split's ready record when its format gives one,
        else read from the bytes."""
        module = parser_for(piece.format) if piece.format else None
        if piece.hint and hasattr(module, "record_from_hint"):
            try:
                record = module.record_from_hint(piece.hint)
                check_bounds(record)
                record = without_control_characters(record)
            except IngestError as exc:
                return Decision(FAILED, piece.format, reason=str(exc))
            return decide_record(record, module.FORMAT, self.keep_out_of_scope, current_vocabulary())
        return decide(
            piece.raw,
            piece.format or None,
            self._address(piece),
            keep_out_of_scope=self.keep_out_of_scope,
            vocabulary=current_vocabulary(),
        )

    def _one(self, piece: Piece, existing, checked: bool) -> DocumentResult:
        return ingest_document(
            piece.raw,
            piece.name,
            piece.format or None,
            self.keep_out_of_scope,
            existing=existing,
            checked=checked,
            source_url=self.source_url,
        )

    def _load_fresh(self, batch, shas, fresh, results) -> None:
        """New trials in bulk; records touching the catalog or each other one by one."""
        registry_ids = Counter(
            (identifier.registry, identifier.value)
            for _, record, _, _ in fresh
            for identifier in record.identifiers
            if identifier.kind != SPONSOR
        )
        in_catalog = set(
            TrialIdentifier.objects.filter(value__in={value for _, value in registry_ids})
            .exclude(kind=SPONSOR)
            .values_list("registry", "value")
        )
        bulk, careful = [], []
        for item in fresh:
            ids = [(i.registry, i.value) for i in item[1].identifiers if i.kind != SPONSOR]
            alone = all(registry_ids[key] == 1 and key not in in_catalog for key in ids)
            (bulk if alone and ids else careful).append(item)
        if bulk:
            documents = [
                SourceDocument(
                    raw=batch[index].raw,
                    sha256=shas[index],
                    size=len(batch[index].raw),
                    file_name=batch[index].name[:500],
                    detected_format=module.FORMAT,
                    source_kind=getattr(module, "SOURCE_KIND", ""),
                    parse_status=SourceDocument.PARSED,
                    source_url=(self.source_url or address_in_page(batch[index].raw))[:2000],
                )
                for index, _, module, _ in bulk
            ]
            try:
                with transaction.atomic():
                    trials = load_new_trials(
                        [(document, item[1]) for document, item in zip(documents, bulk, strict=True)],
                        [item[3] for item in bulk],
                    )
            except Exception:  # e.g. another ingest took an id meanwhile: fall back to the careful path
                logger.warning("bulk load of %d new trials fell back to one by one", len(bulk), exc_info=True)
                careful = bulk + careful
            else:
                for (index, _, module, _), trial in zip(bulk, trials, strict=True):
                    results[index] = DocumentResult(batch[index].name, CREATED, trial.primary_id, format=module.FORMAT)
        for index, *_ in sorted(careful, key=lambda item: item[0]):
            results[index] = self._one(batch[index], None, checked=False)
