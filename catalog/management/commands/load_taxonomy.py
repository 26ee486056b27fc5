"""python manage.py load_taxonomy: add the data file's vocabulary terms and synonyms to the database."""

from django.core.management.base import BaseCommand

from catalog.models import CellSource, Condition, ProductType, TagTerm
from catalog.vocabulary_seed import seed_vocabulary


class Command(BaseCommand):
    help = "Seed the vocabularies from catalog/data/taxonomy.json (never removes or overwrites curators' work)."

    def handle(self, *args, **options):
        counts = seed_vocabulary(Condition, CellSource, ProductType, TagTerm)
        self.stdout.write(f"{counts['created']} terms created, {counts['updated']} terms completed from the data file")
