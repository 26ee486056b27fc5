class IngestError(Exception):
    """A document could not be read. The message says what is wrong, in words a curator can act on.

    Parsers raise only this; the ingest command prefixes the file name.
    """
