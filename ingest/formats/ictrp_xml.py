"""WHO ICTRP XML export: <Trials_downloaded_from_ICTRP> holding <Trial> records from every
primary registry. Registry words (status, phase, sex, dates) are mapped onto the catalog's
vocabularies and kept as they were; text fields carry HTML fragments (<br>, entities).
"""

import html
import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import BinaryIO

from ingest.errors import IngestError
from ingest.formats._common import identifiers_from, typed_intervention
from ingest.formats._xml import iter_elements, parse_xml
from ingest.normalize import enums
from ingest.normalize.ages import parse_age_years
from ingest.normalize.countries import normalize_country
from ingest.normalize.dates import parse_partial_date
from ingest.normalize.identifiers import parse_identifier
from ingest.record import DAY, Contact, Intervention, Organization, Outcome, PartialDate, Site, TrialRecord

FORMAT = "ictrp-xml"
SOURCE_KIND = "aggregator"


def detect(text: str) -> bool:
    head = text[:5000]
    return "<Trials_downloaded_from_ICTRP" in head or ("<Trial>" in head and "<TrialID>" in head)


def split(stream: BinaryIO, name: str) -> Iterator[tuple[str, bytes, str]]:
    yield from iter_elements(stream, "Trial", name)


def plain_text(value: str) -> str:
    """HTML fragments -> plain text with line breaks; entities decoded."""
    value = re.sub(r"(?i)<br\s*/?>", "\n", value or "")
    value = re.sub(r"<[^>]{0,200}>", "", value)
    value = html.unescape(value)
    return "\n".join(line.strip() for line in value.splitlines() if line.strip())


def _field(trial, tag: str) -> str:
    element = trial.find(tag)
    return plain_text("".join(element.itertext())) if element is not None else ""


def _items(text: str) -> list[str]:
    return [part.strip(" ,") for part in re.split(r"[;\n]", text) if part.strip(" ,")]


def _date(text: str) -> PartialDate | None:
    """ICTRP writes dd/mm/yyyy; other forms go to the common reader."""
    match = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})", text.strip())
    if match:
        try:
            return PartialDate(date(int(match[3]), int(match[2]), int(match[1])), DAY)
        except ValueError:
            return None
    return parse_partial_date(text)


def _phases(text: str) -> tuple[str, ...]:
    """Plain words ('Phase 1/Phase 2') or the EU matrix ('Therapeutic exploratory (Phase II): yes')."""
    if re.search(r":\s*(yes|no)\b", text, re.I):
        chosen = " ".join(re.findall(r"\(Phase ([IV]+)\)\s*:\s*yes", text, re.I))
        return enums.phases(" ".join(f"Phase {numeral}" for numeral in chosen.split()))
    return enums.phases(text)


def _sex(text: str) -> str:
    if re.search(r":\s*(yes|no)\b", text, re.I):
        female = re.search(r"female\s*:\s*yes", text, re.I)
        male = re.search(r"(?<!fe)male\s*:\s*yes", text, re.I)
        return "ALL" if female and male else "FEMALE" if female else "MALE" if male else ""
    return enums.sex(text)


def _interventions(text: str) -> tuple[Intervention, ...]:
    typed = [typed_intervention(part) for part in _items(text)]
    return tuple(Intervention(name=item.name[:500], type=item.type) for item in typed)


def _conditions(text: str) -> tuple[str, ...]:
    """Conditions, ICD-10 code prefixes and headings removed ('L90.5 - Atrophic scar')."""
    result = []
    for part in _items(text):
        part = re.sub(r"^[A-Z]\d{2}(\.\d+)?\s*[-–:]?\s*", "", part)
        part = re.sub(r"^(Health Condition \d+|Condition category|Disease)\s*:\s*", "", part, flags=re.I)
        if part and part not in result:
            result.append(part)
    return tuple(result)


def parse(text: str) -> list[TrialRecord]:
    root = parse_xml(text)
    trials = [root] if root.tag == "Trial" else root.findall("Trial")
    if not trials:
        raise IngestError("no <Trial> record in the ICTRP export")
    return [trial_record(lambda tag, trial=trial: _field(trial, tag)) for trial in trials]


def trial_record(field: Callable[[str], str]) -> TrialRecord:
    """A trial of the export from `field(tag)`: an element's text by its XML tag (the CSV export's
    columns are given the same names: ictrp_csv.py)."""
    trial_id = field("TrialID")
    primary = parse_identifier(trial_id)
    if not primary:
        raise IngestError(f"TrialID {trial_id!r} is not a registry identifier this ingest knows")
    secondary = _items(field("Secondary_ID"))  # Internal_Number is ICTRP's own row number
    status_raw = field("Recruitment_Status")
    target = field("Target_size")
    countries = [normalize_country(country) for country in _items(field("Countries"))]
    sponsors = [Organization(name, "LEAD_SPONSOR") for name in _items(field("Primary_sponsor"))[:1]]
    sponsors += [Organization(name, "COLLABORATOR") for name in _items(field("Secondary_Sponsor"))]
    contact_name = " ".join(filter(None, [field("Contact_Firstname"), field("Contact_Lastname")]))
    outcomes = tuple(
        Outcome(measure=measure[:2000], kind=kind)
        for tag, kind in (("Primary_outcome", "PRIMARY"), ("Secondary_outcome", "SECONDARY"))
        for measure in _items(field(tag))
    )
    return TrialRecord(
        source_format=FORMAT,
        identifiers=identifiers_from(primary, secondary),
        brief_title=field("Public_title"),
        official_title=field("Scientific_title"),
        acronym=field("Acronym"),
        study_type=enums.study_type(field("Study_type")),
        phases=_phases(field("Phase")),
        status=enums.status(status_raw),
        status_raw=status_raw,
        enrollment=int(target) if re.fullmatch(r"\d+", target) else None,
        start_date=_date(field("Date_enrollement")),
        first_posted=_date(field("Date_registration")),
        last_updated=_date(field("Last_Refreshed_on")),
        sex=_sex(field("Inclusion_gender")),
        min_age_years=parse_age_years(field("Inclusion_agemin")),
        max_age_years=parse_age_years(field("Inclusion_agemax")),
        inclusion_criteria=field("Inclusion_Criteria"),
        exclusion_criteria=field("Exclusion_Criteria"),
        conditions_raw=_conditions(field("Condition")),
        interventions=_interventions(field("Intervention")),
        outcomes=outcomes,
        organizations=tuple(sponsors),
        sites=tuple(Site(country=country) for country in countries if country),
        contacts=(
            (Contact(name=contact_name, role="CONTACT", email=field("Contact_Email")[:300]),) if contact_name else ()
        ),
        has_results=enums.yes_no(field("results_yes_no")) if field("results_yes_no") else None,
        results_url=_web_address(field("results_url_link")),
    )


def _web_address(text: str) -> str:
    """A results link as the registry gave it, when it is a web address."""
    text = text.strip()
    return text[:2000] if re.match(r"https?://\S+$", text) else ""
