"""python manage.py ingest PATH [PATH ...]: load registry documents into the catalog."""

import contextlib
import json
import sys
import time
from dataclasses import asdict

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.template.defaultfilters import pluralize

from ingest.formats import FORMATS_BY_NAME
from ingest.loader import DRAFTED, FAILED, SKIPPED
from ingest.pipeline import Pipeline
from ingest.sources import SourceError


class DryRunRollbackError(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Detect, parse, normalize and store registry documents: files, folders, zips; pages, "
        "ClinicalTrials.gov JSON (single, pages, arrays, JSON Lines) and XML, WHO ICTRP XML."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--format", choices=sorted(FORMATS_BY_NAME), help="read every document as this format")
        parser.add_argument(
            "--all", action="store_true", help="keep records outside regenerative dermatology, marked out of scope"
        )
        parser.add_argument("--dry-run", action="store_true", help="do everything, then roll the database back")
        parser.add_argument("--report", metavar="FILE", help="write a JSON report of every document to FILE")
        parser.add_argument(
            "--source-url",
            metavar="URL",
            help="the address one page came from: its registry id is read from it when the page prints none",
        )

    def handle(self, *args, paths, format=None, all=False, dry_run=False, report=None, source_url=None, **options):
        if source_url and len(paths) != 1:
            raise CommandError("--source-url names the address of one page: give one PATH with it")
        self.progress = self.stdout.isatty() if hasattr(self.stdout, "isatty") else False
        self.last_draw = 0.0
        report_file = open(report, "w", encoding="utf-8") if report else None  # noqa: SIM115 - closed below
        if report_file:
            report_file.write('{"documents": [\n')
        self.first_entry = True

        def on_result(result):
            if report_file:
                report_file.write(("" if self.first_entry else ",\n") + json.dumps(asdict(result), ensure_ascii=False))
                self.first_entry = False
            self._show(result, pipeline.summary)

        pipeline = Pipeline(
            forced_format=format, keep_out_of_scope=all, on_result=on_result, source_url=source_url or ""
        )
        try:
            # Each batch commits on its own, so an ingest stopped part-way keeps every finished
            # batch and a re-run picks up the rest; a dry run is one transaction, rolled back.
            with transaction.atomic() if dry_run else contextlib.nullcontext():
                pipeline.run(paths)
                if dry_run:
                    raise DryRunRollbackError
        except DryRunRollbackError:
            pass
        except SourceError as exc:
            raise CommandError(str(exc)) from None
        finally:
            if self.progress:
                self.stdout.write("")
            if report_file:
                summary = pipeline.summary
                report_file.write(
                    f'\n], "counts": {json.dumps(dict(summary.counts))}, "seconds": {summary.elapsed:.2f}, '
                    f'"dry_run": {json.dumps(dry_run)}}}\n'
                )
                report_file.close()
        summary = pipeline.summary
        rate = summary.total / summary.elapsed if summary.elapsed > 0 else 0
        self.stdout.write(summary.line() + (" (dry run: nothing was stored)" if dry_run else ""))
        if summary.total > 50:
            self.stdout.write(f"{summary.elapsed:.1f} s, {rate:,.0f} documents per second")
        failed = summary.counts.get(FAILED, 0)
        if failed:
            raise CommandError(f"{failed} document{pluralize(failed)} failed (see above)")

    def _show(self, result, summary):
        """On a terminal: a progress line, and failures as they come. Otherwise a line per document."""
        line = f"{result.status:<9} {result.trial_id or '-':<22} {result.file_name}"
        if result.status == FAILED:
            if self.progress:
                self.stdout.write("\r\033[K", ending="")
            self.stderr.write(f"{line}: {result.error}")
        elif not self.progress:
            self.stdout.write(
                line + (f": {result.reason}" if result.status in (SKIPPED, DRAFTED) and result.reason else "")
            )
        now = time.monotonic()
        if self.progress and now - self.last_draw > 0.2:
            self.last_draw = now
            counts = " · ".join(f"{count:,} {status}" for status, count in summary.counts.items())
            rate = summary.total / summary.elapsed if summary.elapsed else 0
            self.stdout.write(f"\r\033[K{summary.total:,} documents · {rate:,.0f}/s · {counts}", ending="")
            sys.stdout.flush()
