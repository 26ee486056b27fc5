"""The background worker as a deployment runs it: an upload a killed worker left is queued
again, leftover folders go, and a lost database is waited for, not a reason to exit."""

import os
import time
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from catalog.models import UploadBatch
from ingest.management.commands import worker

pytestmark = pytest.mark.django_db


def test_an_upload_a_dead_worker_left_running_is_queued_again(django_capture_on_commit_callbacks):
    long_ago = timezone.now() - timedelta(minutes=worker.STALE_MINUTES + 1)
    stuck = UploadBatch.objects.create(state=UploadBatch.RUNNING, progressed_at=long_ago)
    alive = UploadBatch.objects.create(state=UploadBatch.RUNNING, progressed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert worker.requeue_stale_uploads() == [stuck.pk]
    stuck.refresh_from_db()
    alive.refresh_from_db()
    assert (stuck.state, alive.state) == (UploadBatch.QUEUED, UploadBatch.RUNNING)
    task = DBTaskResult.objects.get()
    assert task.task_path.endswith("read_upload") and task.args_kwargs["args"] == [stuck.pk]


def test_folders_a_killed_worker_left_are_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(worker.tempfile, "gettempdir", lambda: str(tmp_path))
    old = tmp_path / f"{worker.UPLOAD_FOLDER_PREFIX}old"
    new = tmp_path / f"{worker.UPLOAD_FOLDER_PREFIX}new"
    for folder in (old, new):
        folder.mkdir()
        (folder / "0000-page.txt").write_text("x")
    hours_ago = time.time() - (worker.LEFTOVER_HOURS + 1) * 3600
    os.utime(old, (hours_ago, hours_ago))
    assert worker.remove_leftover_folders() == 1
    assert not old.exists() and new.exists()  # a folder an upload may be reading now stays


def test_the_worker_waits_for_a_lost_database_and_starts_again(monkeypatch):
    calls, sleeps = [], []

    def db_worker(name, *args):
        calls.append(name)
        if len(calls) < 3:
            raise OperationalError("connection refused")

    monkeypatch.setattr(worker, "call_command", db_worker)
    monkeypatch.setattr(worker, "sleep", sleeps.append)
    # Inside the test's transaction a closed connection would reopen outside it and wait on its locks.
    monkeypatch.setattr(worker, "close_old_connections", lambda: None)
    worker.Command().handle()
    assert calls == ["db_worker"] * 3 and sleeps == [1, 2]
