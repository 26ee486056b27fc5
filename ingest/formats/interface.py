"""The one interface a registry format declares (every module in FORMATS satisfies it; a test
checks each). A format module is a module, so the interface is a Protocol its attributes meet."""

from collections.abc import Iterator
from typing import BinaryIO, Literal, Protocol, runtime_checkable

from ingest.record import TrialRecord

SourceKind = Literal["registry", "mirror", "aggregator"]


@runtime_checkable
class RegistryFormat(Protocol):
    FORMAT: str  # its name, stored with each document ("ctgov-api-v2-json", "irct-page")
    SOURCE_KIND: SourceKind  # whose record it is: the registry of record wins when sources disagree

    def detect(self, text: str) -> bool:
        """Is this document in this format? By content, never by file name."""

    def parse(self, text: str) -> list[TrialRecord]:
        """Its records (pure: no database). Raises IngestError, or MissingIdentifierError with
        what was read when a page names no registry id of its own."""


@runtime_checkable
class SplittingFormat(RegistryFormat, Protocol):
    """A format whose files hold many records (a bulk export): split without reading it whole."""

    def split(self, stream: BinaryIO, name: str) -> Iterator[tuple]:
        """(name, bytes, error) per record, optionally with a scope hint {"id", "text", ...}."""


# Optional, by name: GENERAL_READER_FILLS (a page reader as an overlay on the general reader, True
# or the set of fields it lets be filled), record_from_hint(hint) and identifier_of(raw).
