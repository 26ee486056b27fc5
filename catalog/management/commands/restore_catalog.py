"""python manage.py restore_catalog FILE: put a backup_catalog archive back."""

# pg_dump and pg_restore run with arguments built here, never through a shell.
import subprocess  # nosec B404

from django.core.management.base import BaseCommand, CommandError

from catalog.management.commands._postgres_tools import connection_arguments, tool


class Command(BaseCommand):
    help = "Restore FILE (from backup_catalog) into the catalog database, replacing what it holds."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--database", help="restore into this database on the same server instead")

    def handle(self, *args, file, database=None, **options):
        arguments, env = connection_arguments(database)
        # One transaction: a restore that fails changes nothing.
        command = [tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction", *arguments, file]
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
        if result.returncode != 0:
            raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
        self.stdout.write(f"Catalog restored from {file}")
