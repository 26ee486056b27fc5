"""Which format is this document? By content, never by file name."""

from ingest.errors import IngestError
from ingest.formats import FORMATS, FORMATS_BY_NAME


def detect_format(text: str) -> str:
    for module in FORMATS:
        if module.detect(text):
            return module.FORMAT
    known = ", ".join(sorted(FORMATS_BY_NAME))
    raise IngestError(f"not a registry document this ingest can read (known formats: {known})")


def parser_for(format_name: str):
    try:
        return FORMATS_BY_NAME[format_name]
    except KeyError:
        known = ", ".join(sorted(FORMATS_BY_NAME))
        raise IngestError(f"unknown format {format_name!r} (known formats: {known})") from None
