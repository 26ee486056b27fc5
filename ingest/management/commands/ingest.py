"""python manage.py ingest PATH [PATH ...]: load registry documents into the catalog."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ingest.formats import FORMATS_BY_NAME
from ingest.loader import CREATED, FAILED, UNCHANGED, UPDATED, ingest_document


def iter_files(paths: list[str]):
    """Files named, and the files inside folders named (recursively, sorted, hidden ones skipped)."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                if child.is_file() and not any(part.startswith(".") for part in relative.parts):
                    yield child
        elif path.is_file():
            yield path
        else:
            raise CommandError(f"{name}: no such file or folder")


class Command(BaseCommand):
    help = "Detect, parse, normalize and store registry documents (files or folders)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--format",
            choices=sorted(FORMATS_BY_NAME),
            help="read every document as this format instead of detecting it",
        )

    def handle(self, *args, paths, format=None, **options):
        counts = {CREATED: 0, UPDATED: 0, UNCHANGED: 0, FAILED: 0}
        for path in iter_files(paths):
            try:
                raw = path.read_bytes()
            except OSError as exc:
                counts[FAILED] += 1
                self.stderr.write(f"failed    -            {path}: cannot read the file ({exc.strerror})")
                continue
            result = ingest_document(raw, str(path), format_name=format)
            counts[result.status] += 1
            line = f"{result.status:<9} {result.trial_id or '-':<22} {path}"
            if result.status == FAILED:
                self.stderr.write(f"{line}: {result.error}")
            else:
                self.stdout.write(line)
        total = sum(counts.values())
        summary = ", ".join(f"{count} {status}" for status, count in counts.items())
        self.stdout.write(f"{total} document{'s' if total != 1 else ''}: {summary}")
        if counts[FAILED]:
            raise CommandError(f"{counts[FAILED]} document{'s' if counts[FAILED] != 1 else ''} failed (see above)")
