"""python manage.py reclassify: re-tag every stored trial with the current vocabularies."""

from django.core.management.base import BaseCommand
from django.db import transaction

from catalog.models import Trial
from ingest.loader import rebuild_trial
from ingest.vocabulary import forget


def reclassify(trials) -> tuple[int, int]:
    """Rebuild each trial from its stored sources (no re-ingest); returns (trials, tag changes)."""
    forget()  # the vocabularies as curators just left them
    done = changed = 0
    for trial in trials:
        before = _tags(trial)
        with transaction.atomic():
            rebuild_trial(trial)
        trial.refresh_from_db()
        done += 1
        changed += before != _tags(trial)
    return done, changed


def _tags(trial: Trial) -> tuple:
    return (
        tuple(trial.conditions.values_list("name", flat=True)),
        tuple(trial.cell_sources.values_list("name", flat=True)),
        tuple(trial.product_types.values_list("name", flat=True)),
        tuple(trial.origins),
        tuple(trial.routes),
        tuple(trial.procedures),
        trial.in_scope,
    )


class Command(BaseCommand):
    help = "Re-tag every stored trial (conditions, cell sources, products, origin, route) without re-ingesting."

    def handle(self, *args, **options):
        done, changed = reclassify(Trial.objects.order_by("pk").iterator(chunk_size=200))
        self.stdout.write(f"{done} trial{'s' if done != 1 else ''} reclassified, {changed} with changed tags")
