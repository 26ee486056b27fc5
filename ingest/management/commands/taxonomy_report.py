"""python manage.py taxonomy_report: how much of the catalog the vocabularies place."""

from collections import Counter

from django.core.management.base import BaseCommand
from django.template.defaultfilters import pluralize

from catalog.models import Trial


class Command(BaseCommand):
    help = "Share of in-scope trials with a canonical condition, a cell source and a product type; unplaced terms."

    def add_arguments(self, parser):
        parser.add_argument("--top", type=int, default=15, help="how many unplaced terms to list")

    def handle(self, *args, top=15, **options):
        trials = Trial.objects.filter(in_scope=True)
        total = trials.count()
        self.stdout.write(f"{total} in-scope trial{pluralize(total)}")
        for label, relation in (
            ("a canonical condition", "conditions"),
            ("a cell source", "cell_sources"),
            ("a product type", "product_types"),
        ):
            placed = trials.filter(**{f"{relation}__isnull": False}).distinct().count()
            share = 100 * placed / total if total else 0
            self.stdout.write(f"  with {label}: {placed} ({share:.0f}%)")
        unplaced = Counter(
            term for terms in Trial.objects.values_list("unplaced_conditions", flat=True) for term in terms
        )
        self.stdout.write("Most common condition words no vocabulary term places:")
        if not unplaced:
            self.stdout.write("  none")
        for term, count in unplaced.most_common(top):
            self.stdout.write(f"  {count:>5}  {term}")
