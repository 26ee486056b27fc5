"""TrialRecord: the one normalized shape every parser returns and the loader consumes.

Normalized values sit next to the registry's own words (`status` / `status_raw`,
`conditions_raw`), so a value can be explained and re-derived when a vocabulary grows.
Enumerations use ClinicalTrials.gov API v2 values (see ../shared/DESIGN.md).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from datetime import date

from catalog.text import printable
from ingest.errors import IngestError

DAY, MONTH, YEAR = "day", "month", "year"
ACTUAL, ESTIMATED = "ACTUAL", "ESTIMATED"
PRIMARY, SECONDARY, SPONSOR = "primary", "secondary", "sponsor"


@dataclass(frozen=True)
class PartialDate:
    """A date known to a precision: registries often give only a month or a year."""

    value: date
    precision: str = DAY

    def iso(self) -> str:
        if self.precision == YEAR:
            return f"{self.value.year:04d}"
        if self.precision == MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()


@dataclass(frozen=True)
class Identifier:
    registry: str  # "NCT", "IRCT", ... or "ORG" for a sponsor's own id
    value: str
    kind: str = PRIMARY  # primary | secondary | sponsor


@dataclass(frozen=True)
class Arm:
    label: str
    type: str = ""  # EXPERIMENTAL, PLACEBO_COMPARATOR, ...
    description: str = ""
    intervention_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Intervention:
    name: str
    type: str = ""  # BIOLOGICAL, DRUG, ...
    description: str = ""
    arm_labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    measure: str
    kind: str = ""  # PRIMARY | SECONDARY | OTHER, blank when the page does not say
    time_frame: str = ""
    description: str = ""


@dataclass(frozen=True)
class Organization:
    name: str
    role: str  # LEAD_SPONSOR | COLLABORATOR
    agency_class: str = ""


@dataclass(frozen=True)
class Site:
    facility: str = ""
    city: str = ""
    state: str = ""
    country: str = ""
    status: str = ""


@dataclass(frozen=True)
class Contact:
    name: str
    role: str = ""
    phone: str = ""
    email: str = ""
    affiliation: str = ""


@dataclass(frozen=True)
class Reference:
    """A publication the registry lists for the trial (ClinicalTrials.gov's references module)."""

    citation: str
    pmid: str = ""
    type: str = ""  # BACKGROUND | RESULT | DERIVED
    url: str = ""


@dataclass(frozen=True)
class TrialRecord:
    source_format: str
    identifiers: tuple[Identifier, ...]
    brief_title: str = ""
    official_title: str = ""
    acronym: str = ""
    brief_summary: str = ""
    detailed_description: str = ""
    study_type: str = ""
    phases: tuple[str, ...] = ()
    status: str = ""
    status_raw: str = ""
    last_known_status: str = ""  # ClinicalTrials.gov's, for a trial whose status is unknown
    why_stopped: str = ""
    enrollment: int | None = None
    enrollment_type: str = ""
    start_date: PartialDate | None = None
    start_date_type: str = ""
    primary_completion_date: PartialDate | None = None
    primary_completion_date_type: str = ""
    completion_date: PartialDate | None = None
    completion_date_type: str = ""
    first_posted: PartialDate | None = None
    last_updated: PartialDate | None = None
    allocation: str = ""
    intervention_model: str = ""
    masking: str = ""
    purpose: str = ""
    sex: str = ""
    min_age_years: float | None = None
    max_age_years: float | None = None
    healthy_volunteers: bool | None = None
    inclusion_criteria: str = ""
    exclusion_criteria: str = ""
    conditions_raw: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    icd10_codes: tuple[str, ...] = ()
    mesh_terms: tuple[str, ...] = ()  # the registry's MeSH terms for the conditions
    has_results: bool | None = None
    results_url: str = ""  # where the registry posts the trial's results
    responsible_party: str = ""
    arms: tuple[Arm, ...] = ()
    interventions: tuple[Intervention, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    organizations: tuple[Organization, ...] = ()
    sites: tuple[Site, ...] = ()
    contacts: tuple[Contact, ...] = ()
    references: tuple[Reference, ...] = ()
    # True when the reader had to guess the page's structure; a curator should look.
    needs_review: bool = False

    @property
    def primary_identifier(self) -> Identifier:
        for identifier in self.identifiers:
            if identifier.kind == PRIMARY:
                return identifier
        raise IngestError("the record has no registry identifier of its own")

    @property
    def title(self) -> str:
        return self.brief_title or self.official_title


_CHILD_TYPES = {
    "identifiers": Identifier,
    "arms": Arm,
    "interventions": Intervention,
    "outcomes": Outcome,
    "organizations": Organization,
    "sites": Site,
    "contacts": Contact,
    "references": Reference,
}
_DATE_FIELDS = ("start_date", "primary_completion_date", "completion_date", "first_posted", "last_updated")


def record_to_json(record: TrialRecord) -> dict:
    """A JSON-safe dict, stored with each source document so a trial can be rebuilt from its sources."""
    data = {}
    for item in fields(record):
        value = getattr(record, item.name)
        if item.name in _DATE_FIELDS:
            data[item.name] = {"date": value.value.isoformat(), "precision": value.precision} if value else None
        elif item.name in _CHILD_TYPES:
            data[item.name] = [asdict(child) for child in value]
        elif isinstance(value, tuple):
            data[item.name] = list(value)
        else:
            data[item.name] = value
    return data


def record_from_json(data: dict) -> TrialRecord:
    values = {}
    known = {item.name for item in fields(TrialRecord)}
    for name, value in data.items():
        if name not in known:
            continue
        if name in _DATE_FIELDS:
            values[name] = PartialDate(date.fromisoformat(value["date"]), value["precision"]) if value else None
        elif name in _CHILD_TYPES:
            child_type = _CHILD_TYPES[name]
            values[name] = tuple(
                child_type(**{key: tuple(v) if isinstance(v, list) else v for key, v in child.items()})
                for child in value
            )
        elif isinstance(value, list):
            values[name] = tuple(value)
        else:
            values[name] = value
    return TrialRecord(**values)


# The largest values a real registry record holds, with room to spare: ClinicalTrials.gov caps a
# title at 300 characters and a description at 32,000; the largest trials list a few thousand
# sites. Anything beyond is not a trial record, and storing it would only bloat every page.
MAX_TITLE_CHARS = 5_000
MAX_LONG_TEXT_CHARS = 200_000
MAX_TEXT_CHARS = 20_000
MAX_LIST_ITEMS = 20_000
LONG_TEXT_FIELDS = {"brief_summary", "detailed_description", "inclusion_criteria", "exclusion_criteria", "description"}
TITLE_FIELDS = {"brief_title", "official_title"}


def check_bounds(record: TrialRecord) -> None:
    """Raise IngestError naming the first field larger than any real record's."""

    def check(value, path: str, name: str) -> None:
        if isinstance(value, str):
            limit = (
                MAX_TITLE_CHARS
                if name in TITLE_FIELDS
                else MAX_LONG_TEXT_CHARS
                if name in LONG_TEXT_FIELDS
                else MAX_TEXT_CHARS
            )
            if len(value) > limit:
                raise IngestError(f"the field {path} is {len(value):,} characters long; the limit is {limit:,}")
        elif isinstance(value, tuple | list):
            if len(value) > MAX_LIST_ITEMS:
                raise IngestError(f"the field {path} has {len(value):,} entries; the limit is {MAX_LIST_ITEMS:,}")
            for index, item in enumerate(value):
                check(item, f"{path}[{index}]", name)
        elif hasattr(value, "__dataclass_fields__"):
            for field in fields(value):
                check(getattr(value, field.name), f"{path}.{field.name}", field.name)

    for field in fields(record):
        check(getattr(record, field.name), field.name, field.name)


def without_control_characters(value):
    """The record (or any value of it) with control characters taken out of every text, once, at
    the record's boundary: every page, feed and export can then render whatever is stored."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, tuple):
        return tuple(without_control_characters(item) for item in value)
    if hasattr(value, "__dataclass_fields__"):
        changes = {}
        for item in fields(value):
            current = getattr(value, item.name)
            cleaned = without_control_characters(current)
            if cleaned is not current:
                changes[item.name] = cleaned
        return replace(value, **changes) if changes else value
    return value
