"""The production recipe (gunicorn behind config/nginx.conf) under clients that hold connections:
50 sending their headers a line every 4 s and 50 asking for /trials.csv and never reading it.
A reader's `/` must still answer, within a second. nginx is Debian's (scripts/test installs it)."""

import subprocess
import sys

import pytest
from django.db import connection

from bench.slow_clients import (
    PROJECT_ROOT,
    free_port,
    gunicorn,
    home_under_hostile_clients,
    nginx,
    production_environment,
    time_home,
)
from tests.security.conftest import database_url

pytestmark = pytest.mark.django_db(transaction=True)


def test_slow_and_non_reading_clients_leave_the_home_page_answering(vocabularies, corpus):
    env = production_environment(database_url(connection))
    for args in (["ingest", str(corpus)], ["collectstatic", "--noinput"]):
        subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT_ROOT, env=env, check=True, capture_output=True)
    web_port, public_port = free_port(), free_port()
    with gunicorn(env, web_port), nginx(public_port, web_port):
        # Served before, by each web process (a first page in a process costs its start-up).
        assert [time_home(public_port)[1] for _ in range(6)] == [200] * 6, "the recipe does not serve the home page"
        results = home_under_hostile_clients(public_port)
    assert [status for _, status in results] == [200] * len(results)
    assert max(seconds for seconds, _ in results) < 1.0, results
