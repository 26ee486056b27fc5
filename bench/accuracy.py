"""Ingest accuracy against ../shared/samples: what a careful reader finds in each page, field by
field, against what the ingest reads (decode, detect, parse, classify: no database).

    .venv/bin/python bench/accuracy.py                   # the summary
    .venv/bin/python bench/accuracy.py --details         # every wrong or invented value

A keyed field (the manifest gives a value) is right or wrong; a page the ingest cannot read gets
every keyed field wrong. A page read in full that names no registry id of its own is refused for
storing (the catalog knows trials by their ids); what was read from it is measured, and the
refusal listed apart. Conditions are right as the taxonomy's terms or as the registry's words.
A field the manifest leaves null must stay empty: a value there is "invented", counted apart.
Prints accuracy per field and per site format, and the total.
"""

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.detect import detect_format, parser_for  # noqa: E402
from ingest.errors import IngestError, MissingIdentifierError  # noqa: E402
from ingest.normalize.taxonomy import classify  # noqa: E402
from ingest.record import Identifier, TrialRecord  # noqa: E402
from ingest.text import decode_document  # noqa: E402

SAMPLES = ROOT.parent / "shared" / "samples"
FIELDS = [
    "registry_ids",
    "title",
    "conditions",
    "phase",
    "status",
    "enrollment",
    "cell_source",
    "product_type",
    "allogeneic_or_autologous",
    "sponsor",
    "countries",
    "start_date",
]
PHASE_SETS = {"PHASE1_PHASE2": {"PHASE1", "PHASE2"}, "PHASE2_PHASE3": {"PHASE2", "PHASE3"}}


def words(text: str) -> str:
    return re.sub(r"\W+", " ", (text or "").lower()).strip()


def canonical(**fields):
    return classify(TrialRecord(source_format="expected", identifiers=(Identifier("NCT", "NCT00000001"),), **fields))


def read(path: Path):
    """(record, classification, refusal) as the ingest reads the file, or (None, error, error).

    A page read in full but naming no registry id of its own is refused for storing; what was
    read from it is still measured (its refusal is listed apart)."""
    try:
        text = decode_document(path.read_bytes())
        record = parser_for(detect_format(text)).parse(text)[0]
    except MissingIdentifierError as exc:
        return exc.record, classify(exc.record), str(exc)
    except IngestError as exc:
        return None, str(exc), str(exc)
    return record, classify(record), ""


def ours(field: str, record: TrialRecord, classification):
    """The ingest's value for a manifest field, in the manifest's terms (None when empty)."""
    if field == "registry_ids":
        return sorted(i.value for i in record.identifiers) or None
    if field == "title":
        return record.brief_title or record.official_title or None
    if field == "conditions":
        # The taxonomy's terms, and the registry's own words (a trial outside dermatology keeps them).
        return [*classification.conditions, *record.conditions_raw] or None
    if field == "phase":
        return set(record.phases) or None
    if field == "status":
        return record.status or None
    if field == "enrollment":
        return record.enrollment
    if field == "cell_source":
        return classification.cell_sources or None
    if field == "product_type":
        return classification.product_types or None
    if field == "allogeneic_or_autologous":
        return [origin.lower() for origin in classification.origins] or None
    if field == "sponsor":
        lead = [o.name for o in record.organizations if o.role == "LEAD_SPONSOR"]
        return lead[0] if lead else None
    if field == "countries":
        return sorted({site.country for site in record.sites if site.country}) or None
    if field == "start_date":
        return record.start_date.iso() if record.start_date else None
    raise KeyError(field)


def right(field: str, expected, got) -> bool:
    if got is None:
        return False
    if field == "registry_ids":
        return set(expected) <= set(got)
    if field == "title":
        return words(expected) == words(got)
    if field == "conditions":
        if {words(name) for name in expected} <= {words(name) for name in got}:
            return True
        wanted = canonical(conditions_raw=tuple(expected)).conditions
        return bool(wanted) and set(wanted) <= set(got)
    if field == "phase":
        return PHASE_SETS.get(expected, {expected}) == got
    if field in ("status", "enrollment"):
        return expected == got
    if field == "cell_source":
        return canonical(brief_title=expected).cell_sources == got
    if field == "product_type":
        return set(canonical(brief_title=expected).product_types) <= set(got)
    if field == "allogeneic_or_autologous":
        return got == [expected.lower()]
    if field == "sponsor":
        return words(expected) == words(got) or words(expected) in words(got)
    if field == "countries":
        return {words(c) for c in expected} == {words(c) for c in got}
    if field == "start_date":
        return got.startswith(expected) or expected.startswith(got)
    raise KeyError(field)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--details", action="store_true")
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    options = parser.parse_args()
    manifest = [json.loads(line) for line in (options.samples / "manifest.jsonl").read_text().splitlines() if line]
    by_field = defaultdict(lambda: [0, 0])  # right, keyed
    by_format = defaultdict(lambda: [0, 0])
    invented = defaultdict(int)
    unread = []
    refused = []
    for entry in manifest:
        record, classification, refusal = read(options.samples / entry["file"])
        site = entry.get("site_format", "?")
        if record is None:
            unread.append(f"{entry['file']}: {refusal}")
        elif refusal:
            refused.append(f"{entry['file']}: {refusal}")
        for field in FIELDS:
            expected = entry["expected"].get(field)
            got = ours(field, record, classification) if record is not None else None
            if expected in (None, []):
                if got not in (None, []) and field != "registry_ids":
                    invented[field] += 1
                    if options.details:
                        print(f"  invented  {entry['file']}: {field} = {got!r}")
                continue
            ok = right(field, expected, got)
            by_field[field][0] += ok
            by_field[field][1] += 1
            by_format[site][0] += ok
            by_format[site][1] += 1
            if options.details and not ok and record is not None:
                print(f"  wrong     {entry['file']}: {field} expected {expected!r}, read {got!r}")
    print("Accuracy by field (keyed values right / keyed):")
    for field in FIELDS:
        done, keyed = by_field[field]
        share = 100 * done / keyed if keyed else 100
        print(f"  {field:<26} {done:>3} / {keyed:<3} {share:5.1f}%   invented {invented[field]}")
    print("Accuracy by site format:")
    for site, (done, keyed) in sorted(by_format.items()):
        print(f"  {site:<26} {done:>3} / {keyed:<3} {100 * done / keyed if keyed else 100:5.1f}%")
    done = sum(value[0] for value in by_field.values())
    keyed = sum(value[1] for value in by_field.values())
    print(f"Total: {done} / {keyed} keyed values right ({100 * done / keyed:.1f}%), {sum(invented.values())} invented")
    print(f"Pages the ingest cannot read: {len(unread)} of {len(manifest)}")
    for line in unread:
        print(f"  {line}")
    print(f"Pages read but refused for storing (no registry id of their own): {len(refused)}")
    for line in refused:
        print(f"  {line}")


if __name__ == "__main__":
    main()
