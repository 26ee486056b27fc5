"""The web processes' database connections: a statement timeout and the planner settings."""

import pytest
from django.db import connection
from django.db.backends.signals import connection_created

from config.db import tune_web_connections


@pytest.mark.django_db(transaction=True)
def test_a_web_connection_takes_the_timeout_and_planner_settings(settings):
    def show(name):
        with connection.cursor() as cursor:
            cursor.execute(f"SHOW {name}")
            return cursor.fetchone()[0]

    server_default = show("random_page_cost")
    settings.STATEMENT_TIMEOUT_MS = 2500
    tune_web_connections()
    try:
        connection.close()  # the next query opens a new connection, as a web process's would
        assert (show("statement_timeout"), show("work_mem"), show("random_page_cost")) == ("2500ms", "32MB", "1.1")
    finally:
        connection_created.disconnect(dispatch_uid="web-connection-settings")
        connection.close()
    assert show("random_page_cost") == server_default  # other processes (the ingest) keep the server's
