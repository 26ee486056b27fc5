"""The deployment's gunicorn settings (config/gunicorn.py)."""

import os
import runpy
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[2] / "config" / "gunicorn.py"


def test_a_worker_takes_no_more_connections_than_it_serves_at_once(monkeypatch):
    for name in ("GUNICORN_BIND", "GUNICORN_WORKERS", "GUNICORN_THREADS", "GUNICORN_WORKER_CONNECTIONS"):
        monkeypatch.delenv(name, raising=False)
    settings = runpy.run_path(str(CONFIG))
    assert settings["worker_class"] == "gthread" and settings["threads"] == 1
    assert settings["worker_connections"] == 2  # its thread, and one kept alive
    assert settings["workers"] == 2 * os.cpu_count() and settings["bind"] == "0.0.0.0:8000"


def test_the_environment_sets_workers_threads_and_connections(monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    monkeypatch.setenv("GUNICORN_THREADS", "8")
    monkeypatch.setenv("GUNICORN_BIND", "127.0.0.1:9000")
    settings = runpy.run_path(str(CONFIG))
    assert (settings["workers"], settings["threads"], settings["worker_connections"]) == (3, 8, 9)
    assert settings["bind"] == "127.0.0.1:9000"
    monkeypatch.setenv("GUNICORN_WORKER_CONNECTIONS", "100")
    assert runpy.run_path(str(CONFIG))["worker_connections"] == 100


def test_workers_are_replaced_now_and_then_and_quickly(monkeypatch):
    monkeypatch.delenv("GUNICORN_MAX_REQUESTS", raising=False)
    settings = runpy.run_path(str(CONFIG))
    # Often enough to give memory back, rarely enough that a busy site does not stall on it; a
    # replacement is a fork of the master that imported the application once.
    assert settings["max_requests"] >= 10000 and settings["max_requests_jitter"] > 0
    assert settings["preload_app"] is True


def test_the_master_builds_the_facet_bitmaps_before_it_forks(transactional_db, settings, seeded):
    from django.db import connection

    from catalog import facet_index
    from catalog.models import Trial

    settings.FACET_INDEX = True
    facet_index._indexes.clear()
    runpy.run_path(str(CONFIG))["when_ready"](server=None)
    assert connection.connection is None  # closed: no socket shared with the forked workers
    key = facet_index.index_key(Trial.objects.listed())
    assert key in facet_index._indexes
    assert len(facet_index._indexes[key][1].universe) == Trial.objects.listed().count()
    facet_index._indexes.clear()
