"""Database settings for the web processes' connections."""

from django.conf import settings
from django.db.backends.signals import connection_created

# Each statement run on a new web connection. Random reads are priced near sequential ones: the
# catalog's pages and indexes are in memory or on SSD, and at PostgreSQL's default (4) the facet
# counts of 100,000 trials read the whole 220 MB trial table six times rather than its indexes
# (the whole catalog's facets: 1,166 ms; 554 with this setting; 429 with the partial index of
# listed ids too; 5,000 trials unchanged).
SESSION_SETTINGS = [
    # Facet counts hash a few hundred thousand (trial, value) pairs at 100,000 trials: in
    # memory, not spilled to disk.
    "SET work_mem = '32MB'",
    "SET random_page_cost = 1.1",
]


def _tune(sender, connection, **kwargs):
    milliseconds = int(settings.STATEMENT_TIMEOUT_MS)
    with connection.cursor() as cursor:
        cursor.execute(f"SET statement_timeout = {milliseconds}")
        for statement in SESSION_SETTINGS:
            cursor.execute(statement)


def tune_web_connections() -> None:
    """Every new connection of this process cancels any statement running longer than
    STATEMENT_TIMEOUT_MS, so no request can hold the database (the page then answers 503), and
    takes the planner settings above."""
    connection_created.connect(_tune, dispatch_uid="web-connection-settings")
