"""Several precompiled queries in one round trip to the database.

The trial page (catalog/detail.py) and the exports (catalog/export.py) read a dozen relations
whose SQL never changes but for its one parameter; psycopg's pipeline sends them together and
reads the answers back in order."""

from django.db import connections


def fetch_pipelined(alias: str, statements: dict[str, tuple[str, list]]) -> dict[str, tuple[list[str], list[tuple]]]:
    """{name: (sql, params)} -> {name: (column names, rows)}, the statements sent in one pipeline
    through Django's cursors (so they count as the request's queries, and the connection's
    settings and statement timeout apply)."""
    connection = connections[alias]
    connection.ensure_connection()
    cursors = {}
    with connection.connection.pipeline():
        for name, (sql, params) in statements.items():
            cursors[name] = connection.cursor()
            cursors[name].execute(sql, params)
    answers = {}
    for name, cursor in cursors.items():
        with cursor:
            answers[name] = ([column.name for column in cursor.description], cursor.fetchall())
    return answers
