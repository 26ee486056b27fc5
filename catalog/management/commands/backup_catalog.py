"""python manage.py backup_catalog FILE: the whole catalog database as a pg_dump archive."""

# pg_dump and pg_restore run with arguments built here, never through a shell.
import subprocess  # nosec B404

from django.core.management.base import BaseCommand, CommandError

from catalog.management.commands._postgres_tools import connection_arguments, tool


class Command(BaseCommand):
    help = "Write the catalog database (trials, source documents, vocabularies, curators) to FILE."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="the archive to write (pg_dump custom format)")

    def handle(self, *args, file, **options):
        arguments, env = connection_arguments()
        command = [tool("pg_dump"), "--format", "custom", "--no-owner", "--file", file, *arguments]
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
        if result.returncode != 0:
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        self.stdout.write(f"Catalog written to {file}")
