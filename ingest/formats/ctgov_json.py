"""ClinicalTrials.gov API v2 JSON: one study, a page of results ({"studies": [...]}), a JSON
array of studies, or JSON Lines (one study per line). Bulk zips hold one study per file.

Every protocolSection module the catalog keeps is mapped; the conditions' MeSH terms come from
derivedSection.conditionBrowseModule. Dates keep their precision (PartialDate "2024-02").
"""

import hashlib
import io
import json
import re
from collections.abc import Iterator
from typing import BinaryIO

from ingest.errors import IngestError
from ingest.formats._common import identifiers_from
from ingest.normalize import enums
from ingest.normalize.ages import parse_age_years
from ingest.normalize.countries import normalize_country
from ingest.normalize.dates import parse_partial_date
from ingest.normalize.identifiers import parse_identifier
from ingest.record import Arm, Contact, Intervention, Organization, Outcome, Reference, Site, TrialRecord

FORMAT = "ctgov-api-json"
SOURCE_KIND = "registry"
QUARANTINE_BYTES = 64 * 1024 * 1024


def detect(text: str) -> bool:
    head = text.lstrip()[:20000]
    return head[:1] in "{[" and ('"protocolSection"' in head or '"studies"' in head and '"nctId"' in head)


def load_json(text: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise IngestError("the JSON nests too deeply to read") from None


SMALL_FILE_BYTES = 16 * 1024 * 1024  # smaller files are read whole: one parse instead of a stream
MAX_STUDY_BYTES = 32 * 1024 * 1024  # the registry's largest records (with results) are a few megabytes
OVERSIZE_KEPT_BYTES = 256 * 1024  # what quarantine keeps of a study too large to read


def scope_hint(study) -> dict | None:
    """The study's id, every text the classifier reads for conditions (titles, conditions,
    keywords, MeSH terms, summaries, arms, interventions), and the parsed study itself."""
    protocol = study.get("protocolSection") if isinstance(study, dict) else None
    if not isinstance(protocol, dict):
        return None
    ident = protocol.get("identificationModule") or {}
    conditions = protocol.get("conditionsModule") or {}
    description = protocol.get("descriptionModule") or {}
    arms = protocol.get("armsInterventionsModule") or {}
    texts = [ident.get("briefTitle"), ident.get("officialTitle"), ident.get("acronym")]
    texts += [*(conditions.get("conditions") or []), *(conditions.get("keywords") or [])]
    texts += [description.get("briefSummary"), description.get("detailedDescription")]
    texts.append((protocol.get("eligibilityModule") or {}).get("eligibilityCriteria"))  # read for the condition
    for item in [*(arms.get("armGroups") or []), *(arms.get("interventions") or [])]:
        if isinstance(item, dict):
            texts += [item.get("label"), item.get("name"), item.get("description")]
    for mesh in _get(study, "derivedSection", "conditionBrowseModule", "meshes", default=[]) or []:
        if isinstance(mesh, dict):
            texts.append(mesh.get("term"))
    nct = ident.get("nctId")
    if not isinstance(nct, str):
        return None
    return {"id": nct, "text": "\n".join(text for text in texts if isinstance(text, str)), "study": study}


def record_from_hint(hint: dict) -> TrialRecord:
    """The record of a study the split has already parsed (no second decoding and parsing)."""
    return study_to_record(hint["study"])


def split(stream: BinaryIO, name: str) -> Iterator[tuple[str, bytes, str]]:
    """One (name, study JSON bytes, error) per study: JSON Lines line by line, a page or array
    study by study (streamed when the file is large). `error` is set (and bytes hold what was
    read) for a study that cannot be read, so the batch goes on. A file holding one study is
    yielded as it is, so its sha256 is the file's."""
    head = stream.read(SMALL_FILE_BYTES + 1)
    if len(head) <= SMALL_FILE_BYTES:
        yield from _split_small(head, name)
        return
    stream.seek(0)
    first = _first_meaningful_byte(stream)
    if first == b"[":
        yield from _split_array(stream, name, "item")
    elif first == b"{" and _is_json_lines(stream):
        yield from _split_lines(stream, name)
    elif _first_key(stream) != "studies" and _size(stream) > MAX_STUDY_BYTES:
        # One study larger than any the registry holds: refused before it is parsed (parsing it
        # would take gigabytes); quarantine keeps its head, its size and sha256 are in the reason.
        size, digest = _size(stream), _sha256(stream)
        yield (
            name,
            stream.read(OVERSIZE_KEPT_BYTES),
            f"a single study of {size:,} bytes (sha256 {digest}); no registry record is over "
            f"{MAX_STUDY_BYTES:,}: not read",
        )
    else:
        yield from _split_array(stream, name, "studies.item", single_ok=True)


def _first_key(stream: BinaryIO) -> str:
    """The first key of the top-level object ("studies" for a page of results), read from the head."""
    import ijson

    try:
        for _prefix, event, value in ijson.parse(stream):
            if event == "map_key":
                return value
            if event not in ("start_map",):
                break
    except ijson.JSONError:
        pass
    finally:
        stream.seek(0)
    return ""


def _size(stream: BinaryIO) -> int:
    size = stream.seek(0, 2)
    stream.seek(0)
    return size


def _sha256(stream: BinaryIO) -> str:
    digest = hashlib.sha256()
    for block in iter(lambda: stream.read(1024 * 1024), b""):
        digest.update(block)
    stream.seek(0)
    return digest.hexdigest()


def _split_small(raw: bytes, name: str):
    try:
        data = json.loads(raw)
    except RecursionError:
        yield name, raw, "the JSON nests too deeply to read"
        return
    except json.JSONDecodeError as exc:
        first_line = raw.lstrip().split(b"\n", 1)[0]
        try:
            json.loads(first_line)
        except ValueError:
            # One document, malformed: one error for the file, with where it breaks.
            yield name, raw, f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
            return
        yield from _split_lines(io.BytesIO(raw), name)  # JSON Lines
        return
    except ValueError as exc:
        yield name, raw, f"not UTF-8 JSON ({exc})"
        return
    if isinstance(data, dict) and isinstance(data.get("studies"), list):
        studies = data["studies"]
    elif isinstance(data, list):
        studies = data
    else:
        yield name, raw, "", scope_hint(data)
        return
    for number, study in enumerate(studies, start=1):
        yield f"{name}#{number}", _dump(study), "", scope_hint(study)


_NCT_ID = re.compile(rb'"nctId"\s*:\s*"(NCT\d{8})"')


def identifier_of(raw: bytes) -> str:
    """The study's NCT number without parsing it (for records skipped unread); '' if not found."""
    match = _NCT_ID.search(raw)
    return match[1].decode() if match else ""


def _first_meaningful_byte(stream: BinaryIO) -> bytes:
    head = stream.read(4096)
    stream.seek(0)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return stripped[:1]


def _is_json_lines(stream: BinaryIO) -> bool:
    """Two or more complete JSON objects on their own lines at the start: JSON Lines. (Lines are
    read bounded: a file of one giant line is one giant study, never read whole here.)"""
    first_line = stream.readline(MAX_STUDY_BYTES + 1)
    second_line = stream.readline(4096)
    stream.seek(0)
    if not first_line.endswith(b"\n") or not second_line.strip():
        return False
    try:
        json.loads(first_line)
        return True
    except ValueError:
        return False


def _split_lines(stream: BinaryIO, name: str):
    number = 0
    while line := stream.readline(MAX_STUDY_BYTES + 1):
        number += 1
        label = f"{name}:line {number}"
        if len(line) > MAX_STUDY_BYTES and not line.endswith(b"\n"):
            yield _oversize_line(stream, line, label)  # read past unparsed, in bounded blocks
            continue
        if not line.strip():
            continue
        try:
            study = json.loads(line)
        except ValueError as exc:
            yield label, line, f"malformed JSON on line {number}: {exc}"
            continue
        yield label, _dump(study), "", scope_hint(study)


def _oversize_line(stream: BinaryIO, head: bytes, label: str) -> tuple[str, bytes, str]:
    digest, size, block = hashlib.sha256(head), len(head), head
    while block and not block.endswith(b"\n"):
        block = stream.readline(1024 * 1024)
        digest.update(block)
        size += len(block)
    return (
        label,
        head[:OVERSIZE_KEPT_BYTES],
        f"a study of {size:,} bytes (sha256 {digest.hexdigest()}); "
        f"no registry record is over {MAX_STUDY_BYTES:,}: not read",
    )


class _OversizeStudyError(Exception):
    pass


class _CountingReader:
    """The file as ijson reads it, counting bytes: when it has read MAX_STUDY_BYTES past the last
    study it gave (a study that large, or one giant value inside one), the next read stops the
    parse, so memory stays bounded whatever the file holds."""

    def __init__(self, stream: BinaryIO):
        self.stream, self.position, self.last_study_end = stream, 0, 0

    def read(self, size: int = -1) -> bytes:
        if self.position - self.last_study_end > MAX_STUDY_BYTES:
            raise _OversizeStudyError
        block = self.stream.read(size)
        self.position += len(block)
        return block


def _split_array(stream: BinaryIO, name: str, prefix: str, single_ok: bool = False):
    import ijson

    count = 0
    reader = _CountingReader(stream)
    try:
        for count, study in enumerate(ijson.items(reader, prefix, use_float=True), start=1):
            reader.last_study_end = reader.position
            yield f"{name}#{count}", _dump(study), "", scope_hint(study)
    except _OversizeStudyError:
        size, digest = _size(stream), _sha256(stream)
        yield (
            f"{name}#{count + 1}",
            stream.read(OVERSIZE_KEPT_BYTES),
            f"study {count + 1} is over {MAX_STUDY_BYTES:,} bytes, more than any registry record: not read, "
            f"nor the rest of the file ({size:,} bytes, sha256 {digest}); the {count:,} studies before it are read",
        )
        return
    except ijson.JSONError as exc:
        reason = str(exc).strip().splitlines()[0]
        stream.seek(0)  # quarantine what the file holds (bounded), not an empty record
        where = f"after study {count}" if count else "before the first study"
        yield (
            (f"{name}#{count + 1}" if count else name),
            stream.read(QUARANTINE_BYTES),
            f"malformed JSON {where}: {reason}",
        )
        return
    if count == 0 and single_ok:
        stream.seek(0)
        yield name, stream.read(), ""


def _dump(study) -> bytes:
    return json.dumps(study, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _get(data, *path, default=None):
    for key in path:
        if not isinstance(data, dict):
            return default
        data = data.get(key)
        if data is None:
            return default
    return data


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _date(struct) -> tuple:
    if isinstance(struct, dict):
        return parse_partial_date(_text(struct.get("date"))), enums.enrollment_type(_text(struct.get("type")))
    return parse_partial_date(_text(struct)), ""


def split_criteria(criteria: str) -> tuple[str, str]:
    """One eligibility blob -> (inclusion, exclusion)."""
    match = re.search(r"^\s*\**\s*Exclusion Criteria\s*:?\**\s*$", criteria or "", re.I | re.M)
    if not match:
        return re.sub(r"^\s*Inclusion Criteria\s*:?\s*", "", criteria or "", flags=re.I).strip(), ""
    inclusion = re.sub(r"^\s*\**\s*Inclusion Criteria\s*:?\**\s*", "", criteria[: match.start()], flags=re.I)
    return inclusion.strip(), criteria[match.end() :].strip()


def study_to_record(study: dict) -> TrialRecord:
    if not isinstance(study, dict):
        raise IngestError("a study must be a JSON object")
    protocol = study.get("protocolSection")
    if not isinstance(protocol, dict):
        raise IngestError("the study has no protocolSection")
    ident = protocol.get("identificationModule") or {}
    nct = parse_identifier(_text(ident.get("nctId")))
    if not nct or nct[0] != "NCT":
        raise IngestError("the study has no valid nctId")
    other_ids = [_text(alias) for alias in ident.get("nctIdAliases") or []]
    org_id = _text(_get(ident, "orgStudyIdInfo", "id"))
    if org_id:
        other_ids.append(org_id)
    other_ids += [_text(item.get("id")) for item in ident.get("secondaryIdInfos") or [] if isinstance(item, dict)]

    status_module = protocol.get("statusModule") or {}
    sponsor_module = protocol.get("sponsorCollaboratorsModule") or {}
    description = protocol.get("descriptionModule") or {}
    conditions_module = protocol.get("conditionsModule") or {}
    design = protocol.get("designModule") or {}
    design_info = design.get("designInfo") or {}
    arms_module = protocol.get("armsInterventionsModule") or {}
    outcomes_module = protocol.get("outcomesModule") or {}
    eligibility = protocol.get("eligibilityModule") or {}
    contacts_module = protocol.get("contactsLocationsModule") or {}

    start, start_type = _date(status_module.get("startDateStruct"))
    primary, primary_type = _date(status_module.get("primaryCompletionDateStruct"))
    completion, completion_type = _date(status_module.get("completionDateStruct"))
    first_posted, _ = _date(status_module.get("studyFirstPostDateStruct"))
    last_updated, _ = _date(status_module.get("lastUpdatePostDateStruct"))
    enrollment = _get(design, "enrollmentInfo", "count")
    inclusion, exclusion = split_criteria(_text(eligibility.get("eligibilityCriteria")))

    organizations = []
    lead = _get(sponsor_module, "leadSponsor", "name")
    if _text(lead):
        organizations.append(
            Organization(
                _text(lead), "LEAD_SPONSOR", enums.agency_class(_text(_get(sponsor_module, "leadSponsor", "class")))
            )
        )
    for collaborator in sponsor_module.get("collaborators") or []:
        if isinstance(collaborator, dict) and _text(collaborator.get("name")):
            organizations.append(
                Organization(
                    _text(collaborator["name"]), "COLLABORATOR", enums.agency_class(_text(collaborator.get("class")))
                )
            )
    responsible = sponsor_module.get("responsibleParty") or {}
    responsible_party = (
        ", ".join(
            part
            for part in (
                _text(responsible.get("investigatorFullName")),
                _text(responsible.get("investigatorTitle")),
                _text(responsible.get("investigatorAffiliation")),
            )
            if part
        )
        or _text(responsible.get("type")).replace("_", " ").title()
    )

    arms = tuple(
        Arm(
            label=_text(arm.get("label")),
            type=enums.arm_type(_text(arm.get("type"))),
            description=_text(arm.get("description")),
            intervention_names=tuple(_strip_type(_text(name)) for name in arm.get("interventionNames") or []),
        )
        for arm in arms_module.get("armGroups") or []
        if isinstance(arm, dict) and _text(arm.get("label"))
    )
    interventions = tuple(
        Intervention(
            name=_text(item.get("name")),
            type=enums.intervention_type(_text(item.get("type"))),
            description=_text(item.get("description")),
            arm_labels=tuple(_text(label) for label in item.get("armGroupLabels") or []),
        )
        for item in arms_module.get("interventions") or []
        if isinstance(item, dict) and _text(item.get("name"))
    )
    outcomes = tuple(
        Outcome(
            measure=_text(item.get("measure")),
            kind=kind,
            time_frame=_text(item.get("timeFrame")),
            description=_text(item.get("description")),
        )
        for key, kind in (
            ("primaryOutcomes", "PRIMARY"),
            ("secondaryOutcomes", "SECONDARY"),
            ("otherOutcomes", "OTHER"),
        )
        for item in outcomes_module.get(key) or []
        if isinstance(item, dict) and _text(item.get("measure"))
    )
    sites = tuple(
        Site(
            facility=_text(location.get("facility")),
            city=_text(location.get("city")),
            state=_text(location.get("state")),
            country=normalize_country(_text(location.get("country"))),
            status=enums.status(_text(location.get("status"))),
        )
        for location in contacts_module.get("locations") or []
        if isinstance(location, dict)
    )
    contacts = tuple(
        Contact(
            name=_text(contact.get("name")),
            role=_text(contact.get("role")),
            phone=_text(contact.get("phone")),
            email=_text(contact.get("email")),
        )
        for contact in contacts_module.get("centralContacts") or []
        if isinstance(contact, dict) and _text(contact.get("name"))
    ) + tuple(
        Contact(
            name=_text(official.get("name")),
            role=_text(official.get("role")),
            affiliation=_text(official.get("affiliation")),
        )
        for official in contacts_module.get("overallOfficials") or []
        if isinstance(official, dict) and _text(official.get("name"))
    )
    meshes = tuple(
        _text(mesh.get("term"))
        for mesh in _get(study, "derivedSection", "conditionBrowseModule", "meshes", default=[]) or []
        if isinstance(mesh, dict) and _text(mesh.get("term"))
    )
    healthy = eligibility.get("healthyVolunteers")
    return TrialRecord(
        source_format=FORMAT,
        identifiers=identifiers_from(nct, other_ids),
        brief_title=_text(ident.get("briefTitle")),
        official_title=_text(ident.get("officialTitle")),
        acronym=_text(ident.get("acronym")),
        brief_summary=_text(description.get("briefSummary")),
        detailed_description=_text(description.get("detailedDescription")),
        study_type=enums.study_type(_text(design.get("studyType"))),
        phases=tuple(
            phase for phase in (enums.phases(_text(p)) for p in design.get("phases") or []) for phase in phase
        ),
        status=enums.status(_text(status_module.get("overallStatus"))),
        status_raw=_text(status_module.get("overallStatus")),
        last_known_status=enums.status(_text(status_module.get("lastKnownStatus"))),
        why_stopped=_text(status_module.get("whyStopped")),
        enrollment=int(enrollment) if isinstance(enrollment, (int, float)) and enrollment >= 0 else None,
        enrollment_type=enums.enrollment_type(_text(_get(design, "enrollmentInfo", "type"))),
        start_date=start,
        start_date_type=start_type,
        primary_completion_date=primary,
        primary_completion_date_type=primary_type,
        completion_date=completion,
        completion_date_type=completion_type,
        first_posted=first_posted,
        last_updated=last_updated,
        allocation=enums.allocation(_text(design_info.get("allocation"))),
        intervention_model=enums.intervention_model(_text(design_info.get("interventionModel"))),
        masking=enums.masking(_text(_get(design_info, "maskingInfo", "masking"))),
        purpose=enums.purpose(_text(design_info.get("primaryPurpose"))),
        sex=enums.sex(_text(eligibility.get("sex"))),
        min_age_years=parse_age_years(_text(eligibility.get("minimumAge"))),
        max_age_years=parse_age_years(_text(eligibility.get("maximumAge"))),
        healthy_volunteers=healthy if isinstance(healthy, bool) else None,
        inclusion_criteria=inclusion,
        exclusion_criteria=exclusion,
        conditions_raw=tuple(_text(c) for c in conditions_module.get("conditions") or [] if _text(c)),
        keywords=tuple(_text(k) for k in conditions_module.get("keywords") or [] if _text(k)),
        mesh_terms=meshes,
        has_results=study.get("hasResults") if isinstance(study.get("hasResults"), bool) else None,
        results_url=f"https://clinicaltrials.gov/study/{nct[1]}?tab=results" if study.get("hasResults") is True else "",
        references=_references(protocol.get("referencesModule") or {}),
        responsible_party=responsible_party,
        arms=arms,
        interventions=interventions,
        outcomes=outcomes,
        organizations=tuple(organizations),
        sites=sites,
        contacts=contacts,
    )


def _strip_type(name: str) -> str:
    """armGroups[].interventionNames are 'Biological: Name'; interventions[].name is 'Name'."""
    return re.sub(r"^[A-Za-z ]+:\s*", "", name)


def parse(text: str) -> list[TrialRecord]:
    data = load_json(text)
    if isinstance(data, dict) and isinstance(data.get("studies"), list):
        studies = data["studies"]
    elif isinstance(data, list):
        studies = data
    else:
        studies = [data]
    return [study_to_record(study) for study in studies]


def _references(module: dict) -> tuple[Reference, ...]:
    """The references module's publications: PubMed id, type and citation."""
    found = []
    for item in module.get("references") or []:
        if isinstance(item, dict) and (_text(item.get("citation")) or _text(item.get("pmid"))):
            pmid = _text(item.get("pmid"))
            found.append(
                Reference(
                    citation=_text(item.get("citation")) or f"PubMed {pmid}",
                    pmid=pmid if pmid.isdigit() else "",
                    type=_text(item.get("type")).upper(),
                )
            )
    return tuple(found)
