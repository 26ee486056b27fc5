"""python manage.py reclassify: re-tag every stored trial with the current vocabularies."""

import time
from collections.abc import Callable, Iterable
from itertools import batched

from django.core.management.base import BaseCommand
from django.db import transaction

from catalog.models import Trial
from ingest.loader import rebuild_trial
from ingest.vocabulary import forget

# Trials rebuilt per transaction: one commit (and one catalog version) per chunk rather than per
# trial. A failure rolls its chunk back whole and stops the run; running it again redoes it.
CHUNK = 200
TAGGED = ("conditions", "cell_sources", "product_types")


def reclassify(trials: Iterable[Trial], on_progress: Callable[[int, int], None] | None = None) -> tuple[int, int]:
    """Rebuild each trial from its stored sources (no re-ingest); returns (trials, trials whose
    tags changed). `on_progress(done, changed)` hears after each chunk."""
    forget()  # the vocabularies as curators just left them
    done = changed = 0
    for chunk in batched(trials, CHUNK):
        with transaction.atomic():
            for trial in chunk:
                before = _tags(trial)
                classification = rebuild_trial(trial)
                changed += classification is not None and before != _tags(trial, classification)
        done += len(chunk)
        if on_progress:
            on_progress(done, changed)
    return done, changed


def _tags(trial: Trial, classification=None) -> tuple:
    """What a reader sees tagged: the stored terms (prefetched when the caller did), or the ones
    just given; the trial's own tag fields as they now stand."""
    if classification is None:
        terms = tuple(frozenset(term.name for term in getattr(trial, relation).all()) for relation in TAGGED)
    else:
        terms = tuple(frozenset(getattr(classification, relation)) for relation in TAGGED)
    return (*terms, tuple(trial.origins), tuple(trial.routes), tuple(trial.procedures), trial.in_scope)


class Command(BaseCommand):
    help = "Re-tag every stored trial (conditions, cell sources, products, origin, route) without re-ingesting."

    def handle(self, *args, **options):
        total = Trial.objects.count()
        on_terminal = hasattr(self.stdout, "isatty") and self.stdout.isatty()
        started = time.monotonic()

        def progress(done: int, changed: int) -> None:
            if on_terminal:
                rate = done / max(time.monotonic() - started, 1e-6)
                self.stdout.write(
                    f"\r\033[K{done:,} of {total:,} trials · {rate:,.0f}/s · {changed:,} with changed tags", ending=""
                )
                self.stdout.flush()

        trials = Trial.objects.order_by("pk").prefetch_related(*TAGGED).iterator(chunk_size=CHUNK)
        done, changed = reclassify(trials, progress)
        if on_terminal:
            self.stdout.write("\r\033[K", ending="")
        self.stdout.write(f"{done} trial{'s' if done != 1 else ''} reclassified, {changed} with changed tags")
