"""Background work: a large upload from the curators' inbox, read by the worker (`manage.py
worker`, around Django's `db_worker`).

The upload view stores the files in an UploadBatch and enqueues `read_upload`; the worker reads
them through the same Pipeline as `manage.py ingest`, and writes its progress and each
document's result to the batch, which the admin shows while it runs.
"""

import itertools
import re
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.tasks import task
from django.utils import timezone

from catalog.models import Trial, UploadBatch
from ingest.loader import DocumentResult
from ingest.pipeline import Pipeline
from ingest.reclassify import HISTORY_MESSAGE, reclassify, streamed, summary
from ingest.sources import iter_units

PROGRESS_EVERY_SECONDS = 1.0
UPLOAD_FOLDER_PREFIX = "regenderm-upload-"  # the worker removes such folders a killed worker left


def read_files(
    named_files, keep_out_of_scope: bool, on_result=None, on_counted=None, source_url: str = ""
) -> list[DocumentResult]:
    """(name, chunks) pairs through the pipeline (zips included); the documents keep the uploaded
    names, under "uploaded/". Shared by uploads read at once and in the background. `on_counted`
    hears how many documents the files hold (zip members counted) before any is read;
    `source_url` is the address the curator typed (a page's id when it prints none)."""
    results: list[DocumentResult] = []

    def collect(result: DocumentResult) -> None:
        results.append(result)
        if on_result:
            on_result(result, len(results))

    with tempfile.TemporaryDirectory(prefix=UPLOAD_FOLDER_PREFIX) as folder:
        paths = []
        for index, (name, chunks) in enumerate(named_files):
            # Our own name on disk: the browser's name is kept for the record, never used as a path.
            target = Path(folder) / f"{index:04d}-{Path(name).name[-120:] or 'document'}"
            with target.open("wb") as handle:
                for chunk in chunks:
                    handle.write(chunk)
            paths.append(str(target))
        if on_counted:
            on_counted(sum(1 for _ in iter_units(paths)))  # a zip's directory, not its members
        # "<folder>/0001-name" is stored as "uploaded/name" from the start: a worker killed midway
        # leaves no temporary path as a document's name.
        prefix = re.compile(rf"^{re.escape(folder)}/\d{{4}}-")
        Pipeline(
            keep_out_of_scope=keep_out_of_scope,
            on_result=collect,
            source_url=source_url,
            name_of=lambda name: prefix.sub("uploaded/", name),
        ).run(paths)
        return [replace(result, file_name=result.file_name.removeprefix("uploaded/")) for result in results]


def result_row(result: DocumentResult) -> dict:
    return {
        "file_name": result.file_name,
        "status": result.status,
        "trial_id": result.trial_id,
        "format": result.format,
        "reason": result.error or result.reason,
    }


def log_uploaded_trials(results: list[DocumentResult], user_id: int | None) -> None:
    """One admin history entry per created or updated trial, as the curator's own action."""
    if user_id is None:
        return
    changed = {r.trial_id: r for r in results if r.status in ("created", "updated") and r.trial_id}
    content_type = ContentType.objects.get_for_model(Trial)
    LogEntry.objects.bulk_create(
        LogEntry(
            user_id=user_id,
            content_type=content_type,
            object_id=str(trial.pk),
            object_repr=str(trial)[:200],
            action_flag=CHANGE,
            change_message=f"Uploaded {changed[trial.primary_id].file_name}: {changed[trial.primary_id].status}.",
        )
        for trial in Trial.objects.filter(primary_id__in=changed)
    )


@task
def read_upload(batch_id: int) -> str:
    batch = UploadBatch.objects.get(pk=batch_id)
    UploadBatch.objects.filter(pk=batch_id).update(state=UploadBatch.RUNNING, progressed_at=timezone.now())
    last_write = 0.0
    rows: list[dict] = []

    def progress(result: DocumentResult, done: int) -> None:
        nonlocal last_write
        rows.append(result_row(result))
        if time.monotonic() - last_write >= PROGRESS_EVERY_SECONDS:
            UploadBatch.objects.filter(pk=batch_id).update(documents_done=done, progressed_at=timezone.now())
            last_write = time.monotonic()

    def counted(expected: int) -> None:
        UploadBatch.objects.filter(pk=batch_id).update(documents_expected=expected, progressed_at=timezone.now())

    parts = batch.files.order_by("number", "part").iterator(chunk_size=1)  # one part in memory at a time
    try:
        named = (
            (name, (bytes(part.raw) for part in file_parts))
            for (_number, name), file_parts in itertools.groupby(parts, key=lambda part: (part.number, part.name))
        )
        results = read_files(named, batch.keep_out_of_scope, progress, counted, batch.source_url)
    except Exception as exc:  # the batch says what stopped it; what was read before stays stored
        UploadBatch.objects.filter(pk=batch_id).update(
            state=UploadBatch.FAILED,
            error=f"{type(exc).__name__}: {exc}",
            documents_done=len(rows),
            results=rows,
            finished_at=timezone.now(),
        )
        raise
    log_uploaded_trials(results, batch.created_by_id)
    UploadBatch.objects.filter(pk=batch_id).update(
        state=UploadBatch.DONE,
        documents_done=len(results),
        results=[result_row(result) for result in results],
        finished_at=timezone.now(),
    )
    batch.files.all().delete()
    return f"{len(results)} documents"


@task
def reclassify_in_background(trial_ids: list[int], user_id: int | None) -> str:
    """The admin's reclassify of a large selection; each trial's history says it was done, as the
    curator's own action."""
    trials = Trial.objects.filter(pk__in=trial_ids)
    done, changed = reclassify(streamed(trials))
    if user_id is not None:
        LogEntry.objects.log_actions(user_id, trials, CHANGE, HISTORY_MESSAGE)
    return summary(done, changed)
