"""ClinicalTrials.gov legacy XML (<clinical_study>, public.xsd): single files and zips of them."""

import re
from collections.abc import Iterator
from typing import BinaryIO

from ingest.errors import IngestError
from ingest.formats._common import identifiers_from
from ingest.formats._xml import block_of, iter_elements, parse_xml, text_of, texts_of
from ingest.formats.ctgov_json import split_criteria
from ingest.normalize import enums
from ingest.normalize.ages import parse_age_years
from ingest.normalize.countries import normalize_country
from ingest.normalize.dates import parse_partial_date
from ingest.normalize.identifiers import parse_identifier
from ingest.record import Arm, Contact, Intervention, Organization, Outcome, Reference, Site, TrialRecord

FORMAT = "ctgov-legacy-xml"
SOURCE_KIND = "registry"


def detect(text: str) -> bool:
    return "<clinical_study" in text[:5000]


def split(stream: BinaryIO, name: str) -> Iterator[tuple[str, bytes, str]]:
    pieces = list(_first_two(iter_elements(stream, "clinical_study", name)))
    if len(pieces) == 1 and not pieces[0][2]:
        stream.seek(0)
        yield name, stream.read(), ""  # a single study: keep the file exactly as it came
        return
    stream.seek(0)
    yield from iter_elements(stream, "clinical_study", name)


def _first_two(iterator):
    for index, item in enumerate(iterator):
        yield item
        if index == 1:
            return


def _date(study, tag: str) -> tuple:
    element = study.find(tag)
    if element is None:
        return None, ""
    return parse_partial_date(text_of(study, tag)), enums.enrollment_type(element.get("type", ""))


def parse(text: str) -> list[TrialRecord]:
    root = parse_xml(text)
    studies = [root] if root.tag == "clinical_study" else root.findall(".//clinical_study")
    if not studies:
        raise IngestError("no <clinical_study> element")
    return [_study(study) for study in studies]


def _study(study) -> TrialRecord:
    nct = parse_identifier(text_of(study, "id_info/nct_id"))
    if not nct:
        raise IngestError("no valid <nct_id>")
    other_ids = texts_of(study, "id_info/org_study_id") + texts_of(study, "id_info/secondary_id")
    other_ids += texts_of(study, "id_info/nct_alias")
    design = study.find("study_design_info")
    eligibility = study.find("eligibility")
    inclusion, exclusion = split_criteria(block_of(eligibility, "criteria/textblock"))
    start, start_type = _date(study, "start_date")
    primary, primary_type = _date(study, "primary_completion_date")
    completion, completion_type = _date(study, "completion_date")
    enrollment_element = study.find("enrollment")
    enrollment_text = text_of(study, "enrollment")

    organizations = []
    for path, role in (("sponsors/lead_sponsor", "LEAD_SPONSOR"), ("sponsors/collaborator", "COLLABORATOR")):
        for sponsor in study.findall(path):
            name = text_of(sponsor, "agency")
            if name:
                organizations.append(Organization(name, role, enums.agency_class(text_of(sponsor, "agency_class"))))
    arms = tuple(
        Arm(
            label=text_of(arm, "arm_group_label"),
            type=enums.arm_type(text_of(arm, "arm_group_type")),
            description=text_of(arm, "description"),
        )
        for arm in study.findall("arm_group")
    )
    interventions = tuple(
        Intervention(
            name=text_of(item, "intervention_name"),
            type=enums.intervention_type(text_of(item, "intervention_type")),
            description=text_of(item, "description"),
            arm_labels=tuple(texts_of(item, "arm_group_label")),
        )
        for item in study.findall("intervention")
    )
    arms = tuple(
        Arm(arm.label, arm.type, arm.description, tuple(i.name for i in interventions if arm.label in i.arm_labels))
        for arm in arms
    )
    outcomes = tuple(
        Outcome(text_of(item, "measure"), kind, text_of(item, "time_frame"), text_of(item, "description"))
        for tag, kind in (
            ("primary_outcome", "PRIMARY"),
            ("secondary_outcome", "SECONDARY"),
            ("other_outcome", "OTHER"),
        )
        for item in study.findall(tag)
    )
    sites = tuple(
        Site(
            facility=text_of(location, "facility/name"),
            city=text_of(location, "facility/address/city"),
            state=text_of(location, "facility/address/state"),
            country=normalize_country(text_of(location, "facility/address/country")),
            status=enums.status(text_of(location, "status")),
        )
        for location in study.findall("location")
    )
    contacts = []
    for tag in ("overall_contact", "overall_contact_backup"):
        contact = study.find(tag)
        if contact is not None and text_of(contact, "last_name"):
            contacts.append(
                Contact(text_of(contact, "last_name"), "CONTACT", text_of(contact, "phone"), text_of(contact, "email"))
            )
    for official in study.findall("overall_official"):
        if text_of(official, "last_name"):
            contacts.append(
                Contact(
                    name=text_of(official, "last_name"),
                    role=text_of(official, "role").upper().replace(" ", "_"),
                    affiliation=text_of(official, "affiliation"),
                )
            )
    status_raw = text_of(study, "overall_status")
    healthy = text_of(eligibility, "healthy_volunteers")
    return TrialRecord(
        source_format=FORMAT,
        identifiers=identifiers_from(nct, other_ids),
        brief_title=text_of(study, "brief_title"),
        official_title=text_of(study, "official_title"),
        acronym=text_of(study, "acronym"),
        brief_summary=block_of(study, "brief_summary/textblock"),
        detailed_description=block_of(study, "detailed_description/textblock"),
        study_type=enums.study_type(text_of(study, "study_type")),
        phases=enums.phases(text_of(study, "phase")),
        status=enums.status(status_raw),
        status_raw=status_raw,
        last_known_status=enums.status(text_of(study, "last_known_status")),
        why_stopped=text_of(study, "why_stopped"),
        enrollment=int(enrollment_text) if re.fullmatch(r"\d+", enrollment_text) else None,
        enrollment_type=enums.enrollment_type(enrollment_element.get("type", ""))
        if enrollment_element is not None
        else "",
        start_date=start,
        start_date_type=start_type,
        primary_completion_date=primary,
        primary_completion_date_type=primary_type,
        completion_date=completion,
        completion_date_type=completion_type,
        first_posted=parse_partial_date(
            text_of(study, "study_first_posted") or text_of(study, "study_first_submitted")
        ),
        last_updated=parse_partial_date(
            text_of(study, "last_update_posted") or text_of(study, "last_update_submitted")
        ),
        allocation=enums.allocation(text_of(design, "allocation")),
        intervention_model=enums.intervention_model(text_of(design, "intervention_model")),
        masking=enums.masking(text_of(design, "masking")),
        purpose=enums.purpose(text_of(design, "primary_purpose")),
        sex=enums.sex(text_of(eligibility, "gender")),
        min_age_years=parse_age_years(text_of(eligibility, "minimum_age")),
        max_age_years=parse_age_years(text_of(eligibility, "maximum_age")),
        healthy_volunteers=enums.yes_no(healthy) if healthy else None,
        inclusion_criteria=inclusion,
        exclusion_criteria=exclusion,
        conditions_raw=tuple(texts_of(study, "condition")),
        keywords=tuple(texts_of(study, "keyword")),
        mesh_terms=tuple(texts_of(study, "condition_browse/mesh_term")),
        responsible_party=text_of(study, "responsible_party/investigator_full_name")
        or text_of(study, "responsible_party/responsible_party_type"),
        arms=arms,
        interventions=interventions,
        outcomes=outcomes,
        organizations=tuple(organizations),
        sites=sites,
        contacts=tuple(contacts),
        has_results=True if study.find("clinical_results") is not None else None,
        results_url=f"https://clinicaltrials.gov/study/{nct[1]}?tab=results"
        if study.find("clinical_results") is not None
        else "",
        references=tuple(
            Reference(
                citation=text_of(item, "citation") or f"PubMed {text_of(item, 'PMID')}",
                pmid=text_of(item, "PMID") if text_of(item, "PMID").isdigit() else "",
                type="RESULT" if tag == "results_reference" else "BACKGROUND",
            )
            for tag in ("results_reference", "reference")
            for item in study.findall(tag)
            if text_of(item, "citation") or text_of(item, "PMID")
        ),
    )
