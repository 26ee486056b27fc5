"""Re-tag stored trials with the current vocabularies, rebuilding each from its stored documents
(no re-ingest). Used by `manage.py reclassify`, the admin's action and its background task."""

from collections.abc import Callable, Iterable
from itertools import batched

from django.db import transaction
from django.template.defaultfilters import pluralize

from catalog.models import Trial, TrialChange
from ingest.vocabulary import forget
from ingest.writing import rebuild_trial

# Trials rebuilt per transaction: one commit (and one catalog version) per chunk rather than per
# trial. A failure rolls its chunk back whole and stops the run; running it again redoes it.
CHUNK = 200
TAGGED = ("conditions", "cell_sources", "product_types")
# Each reclassified trial's admin history says so.
HISTORY_MESSAGE = "Reclassified with the current vocabularies."


def streamed(trials) -> Iterable[Trial]:
    """A queryset of trials in a stable order, read a chunk at a time with the tags the
    comparison needs (one query per relation per chunk, not per trial)."""
    return trials.order_by("pk").prefetch_related(*TAGGED).iterator(chunk_size=CHUNK)


def reclassify(
    trials: Iterable[Trial],
    on_progress: Callable[[int, int], None] | None = None,
    because: str = TrialChange.RECLASSIFICATION,
) -> tuple[int, int]:
    """Rebuild each trial from its stored sources; returns (trials, trials whose tags changed).
    `on_progress(done, changed)` hears after each chunk."""
    forget()  # the vocabularies as curators just left them
    done = changed = 0
    for chunk in batched(trials, CHUNK):
        with transaction.atomic():
            for trial in chunk:
                before = _tags(trial)
                classification = rebuild_trial(trial, because=because)
                changed += classification is not None and before != _tags(trial, classification)
        done += len(chunk)
        if on_progress:
            on_progress(done, changed)
    return done, changed


def summary(done: int, changed: int) -> str:
    """'1 trial reclassified, 0 with changed tags': what the command, the admin and the task say."""
    return f"{done} trial{pluralize(done)} reclassified, {changed} with changed tags"


def _tags(trial: Trial, classification=None) -> tuple:
    """What a reader sees tagged: the stored terms (prefetched when the caller did), or the ones
    just given; the trial's own tag fields as they now stand."""
    if classification is None:
        terms = tuple(frozenset(term.name for term in getattr(trial, relation).all()) for relation in TAGGED)
    else:
        terms = tuple(frozenset(getattr(classification, relation)) for relation in TAGGED)
    return (*terms, tuple(trial.origins), tuple(trial.routes), tuple(trial.procedures), trial.in_scope)
