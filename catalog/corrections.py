"""Curators' corrections as readers see them: each value in the words the trial's page uses.
(The corrections are made in the admin and applied by ingest/curation.py.)"""

from datetime import date

from catalog import choices
from catalog.models import Correction, PartialDateView

LABELS = dict(Correction.FIELDS)
LIST_FIELDS = {"phases", "conditions_raw", "keywords", "countries"}
DATE_FIELDS = {"start_date", "primary_completion_date", "completion_date"}
_CHOICE_LABELS = {
    "status": choices.STATUS,
    "study_type": choices.STUDY_TYPE,
    "allocation": choices.ALLOCATION,
    "intervention_model": choices.INTERVENTION_MODEL,
    "masking": choices.MASKING,
    "purpose": choices.PURPOSE,
    "sex": choices.SEX,
    "enrollment_type": choices.NUMBER_TYPE,
    "start_date_type": choices.NUMBER_TYPE,
    "primary_completion_date_type": choices.NUMBER_TYPE,
    "completion_date_type": choices.NUMBER_TYPE,
}


def display(field: str, value) -> str:
    """A correction's value (or the registry's) as the trial's page prints it."""
    if value is None or value == "" or value == []:
        return "not stated"
    if field in DATE_FIELDS:
        return PartialDateView(date.fromisoformat(value["date"]), value["precision"]).display
    if field == "phases":
        return "/".join(choices.PHASE.get(phase, phase) for phase in value)
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(_CHOICE_LABELS.get(field, {}).get(value, value))


def in_force(trial) -> list[dict]:
    """The trial's corrections in force, for its page and its JSON: what the catalog shows, what
    the registry says, who corrected it, when and why."""
    return [
        {
            "field": correction.field,
            "label": LABELS[correction.field],
            "shown": display(correction.field, correction.value),
            "registry_says": display(correction.field, correction.registry_value_now),
            "reason": correction.reason,
            "corrected_at": correction.corrected_at,
        }
        for correction in _active(trial)
    ]


def _active(trial):
    """The corrections in force, read with the trial when its page read it (catalog/detail.py)."""
    if hasattr(trial, "active_corrections"):
        return trial.active_corrections
    return trial.corrections.filter(withdrawn_at__isnull=True).order_by("field")
