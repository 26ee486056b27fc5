class IngestError(Exception):
    """A document could not be read. The message says what is wrong, in words a curator can act on.

    Parsers raise only this; the ingest command prefixes the file name.
    """


class MissingIdentifierError(IngestError):
    """The page was read, but it names no complete registry identifier of its own, so it cannot be
    stored (a trial is known by its registry id). `record` is what the reader found, identifiers
    left empty: bench/accuracy.py measures it; the catalog never stores it."""

    def __init__(self, message: str, record):
        super().__init__(message)
        self.record = record
