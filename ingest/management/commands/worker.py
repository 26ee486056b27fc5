"""python manage.py worker: the background worker as a deployment needs it.

Django's `db_worker` reads the queued tasks (uploads, large reclassifications, page warming).
Around it, this command:

- re-queues an upload whose worker died mid-way (its batch still "running", silent for
  STALE_MINUTES): the files are kept until a batch is done, and documents already stored are
  "unchanged" the second time, so reading it again completes it;
- removes the temporary folders killed workers left behind;
- keeps going when the database goes away: it waits and starts again, instead of exiting.

Run it under a supervisor (systemd, a container's restart policy) all the same.
"""

import logging
import shutil
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from time import sleep

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import InterfaceError, OperationalError, close_old_connections, transaction
from django.utils import timezone

from catalog.models import UploadBatch
from ingest.tasks import UPLOAD_FOLDER_PREFIX, read_upload

logger = logging.getLogger(__name__)
STALE_MINUTES = 5  # a running upload writes its progress every second
LEFTOVER_HOURS = 6
RETRY_SECONDS = (1, 2, 5, 10, 30)


def requeue_stale_uploads(now=None) -> list[int]:
    """Uploads whose worker died: queued again. Returns their ids."""
    now = now or timezone.now()
    stale = UploadBatch.objects.filter(
        state=UploadBatch.RUNNING, progressed_at__lt=now - timedelta(minutes=STALE_MINUTES)
    ).values_list("pk", flat=True)
    ids = list(stale)
    for batch_id in ids:
        with transaction.atomic():
            UploadBatch.objects.filter(pk=batch_id).update(state=UploadBatch.QUEUED, progressed_at=now)
            transaction.on_commit(lambda batch_id=batch_id: read_upload.enqueue(batch_id))
    return ids


def remove_leftover_folders(now: float | None = None) -> int:
    """Temporary upload folders older than LEFTOVER_HOURS (a worker killed while reading)."""
    now = now or time.time()
    removed = 0
    for folder in Path(tempfile.gettempdir()).glob(f"{UPLOAD_FOLDER_PREFIX}*"):
        if folder.is_dir() and now - folder.stat().st_mtime > LEFTOVER_HOURS * 3600:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


class Command(BaseCommand):
    help = "Run the background worker: re-queue uploads a dead worker left, clean up, survive database outages."

    def add_arguments(self, parser):
        parser.add_argument("--no-startup-delay", action="store_true")

    def handle(self, *args, no_startup_delay=False, **options):
        attempt = 0
        while True:
            try:
                requeued = requeue_stale_uploads()
                if requeued:
                    self.stdout.write(f"Re-queued {len(requeued)} upload(s) a stopped worker left: {requeued}")
                remove_leftover_folders()
                arguments = ["--no-startup-delay"] if no_startup_delay else []
                call_command("db_worker", *arguments)
                return
            except (OperationalError, InterfaceError) as exc:
                wait = RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)]
                logger.warning("the database is unreachable (%s); the worker starts again in %s s", exc, wait)
                self.stderr.write(f"The database is unreachable; starting again in {wait} s")
                close_old_connections()
                sleep(wait)
                attempt += 1
