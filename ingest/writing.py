"""The one writer of trials: a trial rebuilt from its documents with the ORM (a merge, a re-read,
a reclassify, a curator's correction), or many new trials at once with COPY (a bulk ingest). Both
write the same rows from the same record (tests/ingest/test_one_write_path.py compares them). A
rebuild applies curators' corrections and tag decisions last; a new trial has none yet."""

from __future__ import annotations

from operator import attrgetter

from django.db import connection, models

from catalog.changes import mark_changed
from catalog.history import facts_of, record_change
from catalog.models import (
    Arm,
    CellSource,
    Condition,
    Contact,
    Intervention,
    Organization,
    Outcome,
    ProductType,
    Reference,
    Site,
    SourceDocument,
    Trial,
    TrialChange,
    TrialIdentifier,
    TrialOrganization,
)
from catalog.text import free_slug
from ingest.curation import apply_corrections, apply_decisions, note_registry_values
from ingest.identity import DRAFT_ID_PREFIX, find_trial, identifier_rows, save_identifiers
from ingest.merging import DATE_FIELDS, LIST_FIELDS, SCALAR_FIELDS, disagreements, merge_records, sources
from ingest.normalize.taxonomy import Classification, classify
from ingest.record import TrialRecord
from ingest.vocabulary import current_vocabulary


def load_record(record: TrialRecord, document: SourceDocument) -> tuple[Trial, bool]:
    """Link `document` (holding `record`) to its trial and rebuild the trial. Call in a transaction."""
    trial = find_trial(record)
    created = trial is None
    if created:
        trial = Trial(primary_id=record.primary_identifier.value)
        trial.save()
    document.trial = trial
    document.save()
    # A new trial has this one document: no need to read its sources back.
    rebuild_trial(trial, only=(document, record) if created else None, known={document.pk: record}, document=document)
    return trial, created


def load_draft(record: TrialRecord, document: SourceDocument) -> Trial:
    """A draft trial for a page with no registry id: everything read kept, listed for curators
    only. Its provisional id comes from the document, so the same page is one draft. Call in a
    transaction."""
    trial = Trial(primary_id=f"{DRAFT_ID_PREFIX}{document.sha256[:12]}", draft=True, in_scope=False)
    trial.save()
    document.trial = trial
    document.save()
    rebuild_trial(trial, only=(document, record), known={document.pk: record})
    return trial


def rebuild_trial(
    trial: Trial,
    only: tuple[SourceDocument, TrialRecord] | None = None,
    known: dict | None = None,
    because: str = TrialChange.REGISTRY,
    document: SourceDocument | None = None,
    before: dict | None = None,
) -> Classification | None:
    """Rebuild the trial from its documents (`only`: a new trial's one document; `known`:
    records already read, by document id, so they are not parsed again). Returns the tags it
    gave, None when the trial has no readable document (it is then left as it was). What the
    rebuild changes in the trial's public facts is kept in its history, as `because` (a registry
    update brought by `document`, a correction, a reclassification, a re-read), against the facts
    `before` it when the caller read them (an admin form saves the trial's own fields first)."""
    mark_changed()
    documents, records = ([only[0]], [only[1]]) if only else sources(trial, known)
    if not documents:
        return None
    if before is None and trial.pk and only is None:
        before = facts_of(trial.pk)
    merged = merge_records(records)
    # Curators' corrections come last: after the merge, before the tags (a corrected condition
    # word is classified as corrected).
    corrections = list(trial.corrections.filter(withdrawn_at__isnull=True)) if trial.pk else []
    if corrections:
        note_registry_values(corrections, merged)
        merged = apply_corrections(merged, corrections)
    classification = classify(merged, vocabulary=current_vocabulary())
    apply_decisions(trial, classification)
    apply_record(trial, merged, classification)
    trial.disagreements = disagreements(documents, records)
    trial.save()

    new = only is not None
    if not new:
        _delete_child_rows(trial)
    save_identifiers(trial, merged, new)
    save_tags([(trial, classification)], replace=not new)
    for model, rows in child_rows(trial, merged).items():
        model.objects.bulk_create(rows)
    TrialOrganization.objects.bulk_create(organization_rows([(trial, merged)]))
    update_search_vectors([(trial, merged, classification)])
    record_change(trial, before, because, document)
    return classification


# The rows a trial's record gives, rewritten whole on every rebuild. No other row refers to them.
REBUILT_CHILDREN = (Arm, Intervention, Outcome, Site, Contact, Reference, TrialOrganization)


def _delete_child_rows(trial: Trial) -> None:
    """One DELETE per table. The ORM's delete would read every row first to send a signal per
    row; the catalog change those signals record is marked once by rebuild_trial already."""
    with connection.cursor() as cursor:
        for model in REBUILT_CHILDREN:
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table} WHERE trial_id = %s", [trial.pk])  # noqa: S608  # nosec B608


GUESSED_LAYOUT = "read from a page whose layout was guessed: compare it with its page"


def apply_record(trial: Trial, merged: TrialRecord, classification: Classification) -> None:
    """Set the trial's own fields from a (merged) record and its classification; no save."""
    for name in SCALAR_FIELDS + LIST_FIELDS:
        value = getattr(merged, name)
        if value is None and name not in (
            "enrollment",
            "min_age_years",
            "max_age_years",
            "healthy_volunteers",
            "has_results",
        ):
            value = ""
        setattr(trial, name, list(value) if isinstance(value, tuple) else value)
    for name in DATE_FIELDS:
        value = getattr(merged, name)
        setattr(trial, name, value.value if value else None)
        setattr(trial, f"{name}_precision", value.precision if value else "")
    trial.needs_review = merged.needs_review or bool(classification.borderline)  # a curator judges its scope
    trial.review_reason = (classification.borderline or (GUESSED_LAYOUT if merged.needs_review else ""))[:300]
    trial.origins = classification.origins
    trial.routes = classification.routes
    trial.countries = list(dict.fromkeys(site.country[:100] for site in merged.sites if site.country))
    trial.procedures = classification.procedures
    trial.unplaced_conditions = classification.unplaced_conditions
    trial.classification_evidence = classification.evidence
    trial.in_scope = classification.in_scope and not trial.draft  # a draft is never listed


def _value_readers(fields) -> list:
    """How to read each field's database value from an instance.

    JSON, binary and automatic date fields go through the field's own database preparation, as
    the ORM does; other values (text, numbers, dates, arrays, foreign keys) psycopg takes as they
    are, so they are read straight from the instance.
    """
    readers = []
    for field in fields:
        prepared = isinstance(field, (models.JSONField, models.BinaryField))
        if prepared or getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            readers.append(lambda row, field=field: field.get_db_prep_save(field.pre_save(row, add=True), connection))
        else:
            readers.append(attrgetter(field.attname))
    return readers


def copy_insert(model, rows: list) -> None:
    """Insert model instances with COPY: what bulk_create does, without building SQL per row.

    Only for rows whose ids are not needed.
    """
    if not rows:
        return
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    readers = _value_readers(fields)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([read(row) for read in readers])


_SEARCH_VECTOR_SQL = (
    "setweight(to_tsvector('english', {a}), 'A') || setweight(to_tsvector('english', {b}), 'B') "
    "|| setweight(to_tsvector('english', {c}), 'C') || setweight(to_tsvector('english', {d}), 'D')"
)


def _insert_trials(trials: list[Trial], texts: list[tuple[str, str, str, str]]) -> dict[str, int]:
    """Insert new trials with their search vectors in one write each: COPY into a temporary
    staging table, then one INSERT ... SELECT that computes the vectors. Returns {primary_id: id}."""
    fields = [field for field in Trial._meta.concrete_fields if not field.primary_key and field.name != "search_vector"]
    columns = [connection.ops.quote_name(field.column) for field in fields]
    with connection.cursor() as cursor:
        # Same columns as catalog_trial, without its constraints (id is left empty here).
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS ingest_trials AS SELECT *, ''::text AS weight_a, ''::text AS weight_b, "
            "''::text AS weight_c, ''::text AS weight_d FROM catalog_trial WITH NO DATA"
        )
        copy_sql = f"COPY ingest_trials ({', '.join(columns)}, weight_a, weight_b, weight_c, weight_d) FROM STDIN"
        readers = _value_readers(fields)
        with cursor.cursor.copy(copy_sql) as copy:
            for trial, weighted in zip(trials, texts, strict=True):
                copy.write_row([*(read(trial) for read in readers), *weighted])
        vector = _SEARCH_VECTOR_SQL.format(a="weight_a", b="weight_b", c="weight_c", d="weight_d")
        cursor.execute(
            f"INSERT INTO catalog_trial ({', '.join(columns)}, search_vector) "  # noqa: S608  # nosec B608
            f"SELECT {', '.join(columns)}, {vector} FROM ingest_trials RETURNING primary_id, id"
        )
        ids = dict(cursor.fetchall())
        cursor.execute("TRUNCATE ingest_trials")
    return ids


def load_new_trials(
    items: list[tuple[SourceDocument, TrialRecord]], classifications: list[Classification] | None = None
) -> list[Trial]:
    """Many records that each start a trial of their own, written in a few queries in all.

    The caller guarantees that none of their registry ids is in the catalog or shared between
    them (pipeline.py checks, in one query per batch), and may pass the records' (complete)
    classifications. Call inside a transaction.
    """
    mark_changed()
    if classifications is None:
        classifications = [classify(record, vocabulary=current_vocabulary()) for _, record in items]
    trials = []
    for (_, record), classification in zip(items, classifications, strict=True):
        trial = Trial(primary_id=record.primary_identifier.value)
        apply_record(trial, record, classification)
        trials.append(trial)
    ids = _insert_trials(
        trials, [weighted_texts(record, c) for (_, record), c in zip(items, classifications, strict=True)]
    )
    for trial in trials:
        trial.pk = ids[trial.primary_id]
        trial._state.adding = False
    for (document, record), trial in zip(items, trials, strict=True):
        document.trial = trial
        document.record_updated = record.last_updated.value if record.last_updated else None
    copy_insert(SourceDocument, [document for document, _ in items])
    copy_insert(
        TrialIdentifier,
        [row for (_, record), trial in zip(items, trials, strict=True) for row in identifier_rows(trial, record)],
    )
    save_tags(list(zip(trials, classifications, strict=True)), replace=False, insert=copy_insert)
    rows_by_model: dict = {}
    for (_, record), trial in zip(items, trials, strict=True):
        for model, rows in child_rows(trial, record).items():
            rows_by_model.setdefault(model, []).extend(rows)
    for model, rows in rows_by_model.items():
        copy_insert(model, rows)
    copy_insert(
        TrialOrganization,
        organization_rows([(trial, record) for (_, record), trial in zip(items, trials, strict=True)]),
    )
    update_search_vectors(
        [
            (trial, record, classification)
            for (_, record), trial, classification in zip(items, trials, classifications, strict=True)
        ]
    )
    return trials


def _terms(model, names: set[str], defaults: dict | None = None) -> dict[str, object]:
    """{name: vocabulary row} for `names`, creating missing rows (one query when all exist)."""
    if not names:
        return {}
    found = {term.name: term for term in model.objects.filter(name__in=names)}
    for name in sorted(names - found.keys()):
        found[name], _ = model.objects.get_or_create(
            name=name, defaults={"slug": free_slug(model, name), **(defaults or {}).get(name, {})}
        )
    return found


def save_tags(pairs: list[tuple[Trial, Classification]], replace: bool, insert=None) -> None:
    """Condition, cell-source and product tags for many trials: a few queries in all."""
    vocabulary = {term.name: term for term in current_vocabulary()["conditions"]}
    for relation, model, attribute in (
        ("conditions", Condition, "conditions"),
        ("cell_sources", CellSource, "cell_sources"),
        ("product_types", ProductType, "product_types"),
    ):
        names = {name for _, classification in pairs for name in getattr(classification, attribute)}
        defaults = (
            {
                name: {"category": vocabulary[name].category, "icd10": vocabulary[name].icd10}
                for name in names
                if name in vocabulary
            }
            if model is Condition
            else None
        )
        terms = _terms(model, names, defaults)
        through = getattr(Trial, relation).through
        target = f"{model._meta.model_name}_id"
        if replace:
            through.objects.filter(trial_id__in=[trial.pk for trial, _ in pairs]).delete()
        rows = [
            through(trial_id=trial.pk, **{target: terms[name].pk})
            for trial, classification in pairs
            for name in getattr(classification, attribute)
        ]
        if insert:
            insert(through, rows)
        else:
            through.objects.bulk_create(rows)


def child_rows(trial: Trial, record: TrialRecord) -> dict:
    """Unsaved rows of each child model that mirror the record."""
    return {
        Arm: [
            Arm(
                trial=trial,
                position=index,
                label=arm.label,
                type=arm.type,
                description=arm.description,
                intervention_names=list(arm.intervention_names),
            )
            for index, arm in enumerate(record.arms)
        ],
        Intervention: [
            Intervention(
                trial=trial,
                position=index,
                name=item.name,
                type=item.type,
                description=item.description,
                arm_labels=list(item.arm_labels),
            )
            for index, item in enumerate(record.interventions)
        ],
        Outcome: [
            Outcome(
                trial=trial,
                position=index,
                kind=item.kind,
                measure=item.measure,
                time_frame=item.time_frame,
                description=item.description,
            )
            for index, item in enumerate(record.outcomes)
        ],
        Site: [
            Site(
                trial=trial,
                position=index,
                facility=site.facility,
                city=site.city[:200],
                state=site.state[:200],
                country=site.country[:100],
                status=site.status,
            )
            for index, site in enumerate(record.sites)
        ],
        Contact: [
            Contact(
                trial=trial,
                position=index,
                name=contact.name[:300],
                role=contact.role[:100],
                phone=contact.phone[:100],
                email=contact.email[:300],
                affiliation=contact.affiliation,
            )
            for index, contact in enumerate(record.contacts)
        ],
        Reference: [
            Reference(
                trial=trial,
                position=index,
                citation=reference.citation,
                pmid=reference.pmid[:20],
                type=reference.type[:20],
                url=reference.url[:2000],
            )
            for index, reference in enumerate(record.references)
        ],
    }


def organization_rows(pairs: list[tuple[Trial, TrialRecord]]) -> list[TrialOrganization]:
    """Sponsor roles for many trials; organizations looked up by name in one query, created when new."""
    names = {item.name[:500] for _, record in pairs for item in record.organizations}
    if not names:
        return []
    organizations = {organization.name: organization for organization in Organization.objects.filter(name__in=names)}
    classes = {item.name[:500]: item.agency_class for _, record in pairs for item in record.organizations}
    missing = [Organization(name=name, agency_class=classes[name]) for name in sorted(names - organizations.keys())]
    if missing:
        Organization.objects.bulk_create(missing, ignore_conflicts=True)
        organizations.update(
            (organization.name, organization)
            for organization in Organization.objects.filter(name__in=[item.name for item in missing])
        )
    stale = [
        organization
        for name, organization in organizations.items()
        if classes.get(name) and organization.agency_class != classes[name]
    ]
    for organization in stale:
        organization.agency_class = classes[organization.name]
    Organization.objects.bulk_update(stale, ["agency_class"])
    rows = []
    for trial, record in pairs:
        seen = set()
        for index, item in enumerate(record.organizations):
            organization = organizations[item.name[:500]]
            if (organization.pk, item.role) not in seen:
                seen.add((organization.pk, item.role))
                rows.append(TrialOrganization(trial=trial, organization=organization, role=item.role, position=index))
    return rows


def weighted_texts(record: TrialRecord, classification: Classification) -> tuple[str, str, str, str]:
    """Titles weigh most (A), then conditions and interventions (B), summary, sponsors, sites and
    investigators (C), description (D)."""
    conditions = " ".join([*record.conditions_raw, *record.keywords, *record.mesh_terms, *classification.conditions])
    interventions = " ".join(
        [*(item.name for item in record.interventions), *classification.cell_sources, *classification.product_types]
    )
    return (
        f"{record.brief_title} {record.official_title} {record.acronym}",
        f"{conditions} {interventions}",
        f"{record.brief_summary} {people_and_places(record)}",
        record.detailed_description,
    )


def people_and_places(record: TrialRecord) -> str:
    """Who runs a trial and where, as searchable words ("Mayo Clinic", "Rochester", "Dr Lee")."""
    words = [organization.name for organization in record.organizations]
    words += [part for site in record.sites for part in (site.facility, site.city, site.state)]
    words += [part for contact in record.contacts for part in (contact.name, contact.affiliation)]
    return " ".join(dict.fromkeys(word for word in words if word))


def update_search_vectors(rows: list[tuple[Trial, TrialRecord, Classification]]) -> None:
    """The stored search vectors of many trials, in one UPDATE."""
    if not rows:
        return
    values = [(trial.pk, *weighted_texts(record, classification)) for trial, record, classification in rows]
    placeholders = ", ".join(["(%s, %s, %s, %s, %s)"] * len(values))
    vector = _SEARCH_VECTOR_SQL.format(a="v.a", b="v.b", c="v.c", d="v.d")
    with connection.cursor() as cursor:
        # Placeholders only: every value is a bound parameter.
        update = (
            f"UPDATE catalog_trial AS trial SET search_vector = {vector} "  # noqa: S608  # nosec B608
            f"FROM (VALUES {placeholders}) AS v(id, a, b, c, d) WHERE trial.id = v.id::bigint"
        )
        cursor.execute(update, [value for row in values for value in row])
