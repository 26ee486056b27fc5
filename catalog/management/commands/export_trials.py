"""python manage.py export_trials: one JSON object per trial per line, to standard output."""

import json

from django.core.management.base import BaseCommand

from catalog.export import export_queryset, exported, trial_to_dict
from catalog.models import Trial


class Command(BaseCommand):
    help = "Write every trial as JSON Lines to standard output (fields: README, 'JSON fields')."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            help="include trials marked out of scope, and drafts (pages without a registry id, marked)",
        )

    def handle(self, *args, **options):
        queryset = Trial.objects.order_by("primary_id")
        if not options["all"]:
            queryset = queryset.filter(in_scope=True)
        for trial in exported(export_queryset(queryset).iterator(chunk_size=500)):
            row = trial_to_dict(trial)
            if trial.draft:
                row["needs_identifier"] = True  # its id is provisional until a curator gives one
            self.stdout.write(json.dumps(row, ensure_ascii=False))
