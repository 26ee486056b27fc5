"""ClinicalTrials.gov search results downloaded as CSV or TSV: one row per study, the columns the
user chose. Today's export names them "NCT Number", "Study Title", "Study Status", "Sponsor"...;
the classic site's (before 2023) "NCT Number", "Title", "Status", "Sponsor/Collaborators"...:
one column map reads both. A cell holding a list joins it with "|" ("PHASE1|PHASE2",
"BIOLOGICAL: UC-MSC exosomes|DRUG: Placebo"); a location is "Facility, City, State, Zip, Country".

The file is split row by row, each row with the header (_csv.py).
"""

import re
from collections.abc import Iterator

from ingest.errors import IngestError
from ingest.formats import _csv
from ingest.formats._common import identifiers_from, parse_count, typed_intervention
from ingest.normalize import enums
from ingest.normalize.ages import parse_age_range
from ingest.normalize.countries import normalize_country
from ingest.normalize.dates import parse_partial_date
from ingest.normalize.identifiers import parse_identifier
from ingest.record import Organization, Outcome, Site, TrialRecord

FORMAT = "ctgov-csv"
SOURCE_KIND = "registry"

# The export's column names (both sites') -> the field each fills.
COLUMNS = {
    "nct number": "id",
    "study title": "title",
    "title": "title",
    "acronym": "acronym",
    "study status": "status",
    "status": "status",
    "brief summary": "summary",
    "study results": "results",
    "conditions": "conditions",
    "interventions": "interventions",
    "primary outcome measures": "primary_outcomes",
    "secondary outcome measures": "secondary_outcomes",
    "outcome measures": "outcomes",
    "sponsor": "sponsor",
    "collaborators": "collaborators",
    "sponsor/collaborators": "sponsor_and_collaborators",
    "sex": "sex",
    "gender": "sex",
    "age": "age",
    "phases": "phases",
    "enrollment": "enrollment",
    "study type": "study_type",
    "study design": "design",
    "study designs": "design",
    "other ids": "other_ids",
    "start date": "start",
    "primary completion date": "primary_completion",
    "completion date": "completion",
    "first posted": "first_posted",
    "last update posted": "last_updated",
    "locations": "locations",
}


_EXPORT = _csv.Export("a ClinicalTrials.gov CSV export", id_column="nct number", known_columns=COLUMNS, least=3)
detect, split = _EXPORT.detect, _EXPORT.split


def parse(text: str) -> list[TrialRecord]:
    records = []
    for number, row in _EXPORT.rows(text):
        cells: dict[str, str] = {}
        for key, value in row.items():
            if key in COLUMNS:
                cells.setdefault(COLUMNS[key], value)
        records.append(_record(cells, number))
    return records


_items = _csv.items


def _record(cells: dict[str, str], number: int) -> TrialRecord:
    primary = parse_identifier(cells.get("id", ""))
    if not primary or primary[0] != "NCT":
        raise IngestError(f"row {number} names no NCT number of its own ({cells.get('id', '')!r})")
    design = dict(_design(cells.get("design", "")))
    min_age, max_age = parse_age_range(re.sub(r"\s*\(.*\)\s*$", "", cells.get("age", "")))
    status_raw = cells.get("status", "")
    results = cells.get("results", "").lower()
    return TrialRecord(
        source_format=FORMAT,
        identifiers=identifiers_from(primary, _items(cells.get("other_ids", ""))),
        brief_title=cells.get("title", ""),
        acronym=cells.get("acronym", ""),
        brief_summary=cells.get("summary", ""),
        study_type=enums.study_type(cells.get("study_type", "")),
        phases=enums.phases(cells.get("phases", "").replace("|", ", ")),
        status=enums.status(status_raw) if status_raw else "",
        status_raw=status_raw,
        enrollment=parse_count(cells.get("enrollment", "")),
        start_date=parse_partial_date(cells.get("start", "")),
        primary_completion_date=parse_partial_date(cells.get("primary_completion", "")),
        completion_date=parse_partial_date(cells.get("completion", "")),
        first_posted=parse_partial_date(cells.get("first_posted", "")),
        last_updated=parse_partial_date(cells.get("last_updated", "")),
        allocation=enums.allocation(design.get("allocation", "")),
        intervention_model=enums.intervention_model(design.get("intervention model", "")),
        masking=enums.masking(design.get("masking", "")),
        purpose=enums.purpose(design.get("primary purpose", "")),
        sex=enums.sex(cells.get("sex", "")),
        min_age_years=min_age,
        max_age_years=max_age,
        conditions_raw=tuple(_items(cells.get("conditions", ""))),
        has_results=("yes" in results or "has results" in results) if results else None,
        interventions=tuple(typed_intervention(item) for item in _items(cells.get("interventions", ""))),
        outcomes=_outcomes(cells),
        organizations=_organizations(cells),
        sites=tuple(site for item in _items(cells.get("locations", "")) if (site := _site(item))),
    )


def _design(value: str) -> Iterator[tuple[str, str]]:
    """The design cell ("Allocation: RANDOMIZED|Intervention Model: PARALLEL") as (name, value) pairs."""
    for item in _items(value):
        name, colon, said = item.partition(":")
        if colon:
            yield name.strip().lower(), said.strip()


def _outcomes(cells: dict[str, str]) -> tuple[Outcome, ...]:
    kinds = (("primary_outcomes", "PRIMARY"), ("secondary_outcomes", "SECONDARY"), ("outcomes", ""))
    return tuple(Outcome(item, kind) for field, kind in kinds for item in _items(cells.get(field, "")))


def _organizations(cells: dict[str, str]) -> tuple[Organization, ...]:
    if "sponsor" in cells:
        lead, others = cells["sponsor"], _items(cells.get("collaborators", ""))
    else:  # the classic export: the lead sponsor first, then its collaborators
        lead, *others = _items(cells.get("sponsor_and_collaborators", "")) or [""]
    organizations = [Organization(lead, "LEAD_SPONSOR")] if lead else []
    return tuple(organizations + [Organization(name, "COLLABORATOR") for name in others])


def _site(item: str) -> Site | None:
    """A location, "Facility, City, State, Zip, Country": the country is the last part, or the last
    two ("Korea, Republic of"); the city is the part before it (after a state and zip, if any)."""
    parts = [part.strip() for part in item.split(",") if part.strip()]
    for width in (2, 1):
        if len(parts) >= width and (country := normalize_country(", ".join(parts[-width:]))):
            place = parts[:-width]
            while place and re.fullmatch(r"[\d -]{3,}|[A-Z]{2}\s?\d[\w -]*", place[-1]):  # a zip code
                place.pop()
            state = place.pop() if len(place) >= 3 else ""
            city = place.pop() if place else ""
            return Site(facility=", ".join(place), city=city, state=state, country=country)
    return Site(facility=item) if parts else None
