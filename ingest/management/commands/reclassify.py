"""python manage.py reclassify: re-tag every stored trial with the current vocabularies."""

import time

from django.core.management.base import BaseCommand

from catalog.models import Trial
from ingest.reclassify import reclassify, streamed, summary


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

        done, changed = reclassify(streamed(Trial.objects.all()), progress)
        if on_terminal:
            self.stdout.write("\r\033[K", ending="")
        self.stdout.write(summary(done, changed))
