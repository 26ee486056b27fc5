"""Bytes to one trial record, purely (no database): decode, detect the format, parse, and take
the page's own id from its address when the page prints none. The loader, the pipeline's worker
and bench/accuracy.py all read documents through here."""

from collections import Counter
from dataclasses import fields, replace

from ingest.detect import detect_format, parser_for
from ingest.errors import IngestError, MissingIdentifierError
from ingest.formats import with_registry_spellings
from ingest.formats.generic_page import read_page
from ingest.normalize.identifiers import find_identifiers, parse_identifier
from ingest.page_address import identifier_in_address, identifier_in_title
from ingest.record import PRIMARY, Identifier, TrialRecord, check_bounds, without_control_characters
from ingest.text import decode_document

# A page naming this many trials of one registry, none its own, lists them (a search's results).
LISTING_MIN = 3


def read_document(
    raw: bytes, format_name: str | None = None, source_url: str = "", assigned_identifier: str = ""
) -> tuple[TrialRecord, object]:
    """Decode, detect and parse one document into its one record. Raises IngestError.

    A page that prints no id of its own takes the id a curator assigned it, else the one its
    address names, else the one its saved title names; without any, MissingIdentifierError
    carries what was read (and the module)."""
    text = with_registry_spellings(decode_document(raw))
    module = parser_for(format_name or detect_format(text))
    try:
        records = [with_general_reading(module, text, record) for record in module.parse(text)]
    except MissingIdentifierError as exc:
        exc.record = with_general_reading(module, text, exc.record)
        own = parse_identifier(assigned_identifier) or identifier_in_address(source_url) or identifier_in_title(raw)
        if own is None:
            found = find_identifiers(text)
            # (One trial's registrations are in several registries; a list's trials in one.)
            most = Counter(registry for registry, _ in found).most_common(1)
            listed = [pair for pair in found if pair[0] == most[0][0]] if most else []
            if len(listed) >= LISTING_MIN:
                # A search's results or a registry's list, not one trial's page: one draft would mix them.
                named = ", ".join(value for _, value in listed[:5]) + (", ..." if len(listed) > 5 else "")
                raise IngestError(
                    f"the page lists {len(listed)} trials ({named}) and names none as its own: "
                    "ingest each trial's own page or record"
                ) from None
            exc.module = module
            check_bounds(exc.record)
            exc.record = without_control_characters(exc.record)
            raise
        others = tuple(i for i in exc.record.identifiers if (i.registry, i.value) != own)
        records = [replace(exc.record, identifiers=(Identifier(*own, PRIMARY), *others))]
    if len(records) != 1:
        raise IngestError(f"a document must hold one trial record here, not {len(records)}")
    check_bounds(records[0])
    return without_control_characters(records[0]), module


# What a registry's own reader decides stays its own: how the trial is known, whose reading it is, and
# where it runs (an unlabelled address on a registry page is the sponsor's or the registry's, not a site).
_NOT_FILLED = {"identifiers", "source_format", "needs_review", "sites"}


def with_general_reading(module, text: str, record: TrialRecord) -> TrialRecord:
    """A registry reader that declares GENERAL_READER_FILLS is an overlay on the general page
    reader: what it reads wins, and the fields it left empty take the general reader's values
    (a page laid out a little differently from the registry's usual one still gives its facts).
    A reader may name the fields it lets be filled (a set), where the general reader's take on the
    rest would be worse than nothing (the classic ClinicalTrials.gov view's disclaimer as a
    description)."""
    fills = getattr(module, "GENERAL_READER_FILLS", False)
    if not fills:
        return record
    general = read_page(text)
    filled = {
        item.name: getattr(general, item.name)
        for item in fields(TrialRecord)
        if item.name not in _NOT_FILLED
        and (fills is True or item.name in fills)
        and _empty(getattr(record, item.name))
        and not _empty(getattr(general, item.name))
    }
    return replace(record, **filled) if filled else record


def _empty(value) -> bool:
    return value is None or value == "" or value == ()
