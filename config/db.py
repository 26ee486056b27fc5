"""Database limits for the web processes."""

from django.conf import settings
from django.db.backends.signals import connection_created


def _limit_statement_time(sender, connection, **kwargs):
    milliseconds = int(settings.STATEMENT_TIMEOUT_MS)
    with connection.cursor() as cursor:
        cursor.execute(f"SET statement_timeout = {milliseconds}")
        # Facet counts hash a few hundred thousand (trial, value) pairs at 100,000 trials: in
        # memory, not spilled to disk.
        cursor.execute("SET work_mem = '32MB'")


def limit_statement_time() -> None:
    """Every new connection of this process cancels any statement running longer than
    STATEMENT_TIMEOUT_MS, so no request can hold the database (the page then answers 503)."""
    connection_created.connect(_limit_statement_time, dispatch_uid="statement-timeout")
