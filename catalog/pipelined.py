"""Several precompiled queries in one round trip to the database, each prepared once per connection.

The trial page (catalog/detail.py) and the exports (catalog/export.py) read a dozen relations
whose SQL never changes but for its one parameter; psycopg's pipeline sends them together and
reads the answers back in order. Django binds parameters into the SQL text (a new statement for
PostgreSQL to parse and plan every time); these statements are bound by the server instead and
prepared on a connection's first use, so PostgreSQL plans each once per connection: planning was
most of the database's work for a trial page (2.2 ms of its processor time per page)."""

from functools import cache

import psycopg
from django.db import connections
from django.db.backends.postgresql.psycopg_any import register_tzloader
from psycopg.postgres import adapters
from psycopg.pq import Format

TIMESTAMPTZ_OID = adapters.types["timestamptz"].oid


class _PreparedCursor(psycopg.Cursor):
    """Server-side binding, every statement prepared (psycopg keeps the connection's 100 latest)."""

    def execute(self, query, params=None, *, prepare=True, binary=None):
        return super().execute(query, params, prepare=prepare, binary=binary)


def _needs_own_time_zone(connection) -> bool:
    """Does a cursor need the time zone registered on itself? As Django decides for its own cursors
    (django.db.backends.postgresql.base.DatabaseWrapper.create_cursor): when the connection's loader
    disagrees with the connection's time zone."""
    loader = connection.connection.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT)
    return connection.timezone != loader.timezone


def fetch_pipelined(alias: str, statements: dict[str, tuple[str, list]]) -> dict[str, tuple[list[str], list[tuple]]]:
    """{name: (sql, params)} -> {name: (column names, rows)}, the statements sent in one pipeline
    through Django's cursor wrappers (so they count as the request's queries, and the connection's
    settings and statement timeout apply)."""
    connection = connections[alias]
    connection.ensure_connection()
    if connection.connection.prepare_threshold is None:
        # Django turns psycopg's preparing off for the connection; its own cursors bind on the
        # client and never prepare, so this lets only these statements be prepared.
        connection.connection.prepare_threshold = 5
    wrap = connection.make_debug_cursor if connection.queries_logged else connection.make_cursor
    own_time_zone = _needs_own_time_zone(connection)
    cursors = {}
    with connection.connection.pipeline():
        for name, (sql, params) in statements.items():
            cursor = _PreparedCursor(connection.connection)
            if own_time_zone:
                register_tzloader(connection.timezone, cursor)
            cursors[name] = wrap(cursor)
            cursors[name].execute(sql, params)
            if connection.queries_logged:  # logged as Django logs its own: the statement as run
                connection.queries_log[-1]["sql"] = connection.ops.compose_sql(sql, params)
    answers = {}
    for name, cursor in cursors.items():
        with cursor:
            answers[name] = (_column_names(statements[name][0], cursor), cursor.fetchall())
    return answers


_COLUMN_NAMES: dict[str, list[str]] = {}  # a precompiled statement's SQL -> its columns' names


def _column_names(sql: str, cursor) -> list[str]:
    """The statement's column names: its SQL names them, so they are read from the first answer
    only (the driver builds a description object per column on every call: 0.2 ms a trial page)."""
    names = _COLUMN_NAMES.get(sql)
    if names is None:
        names = _COLUMN_NAMES[sql] = [column.name for column in cursor.description]
    return names


def model_instances(model, columns: list[str], rows: list[tuple], connection) -> list:
    """The rows as `model` instances, each value through its field's database converters (what
    raw() does)."""
    converters = _converters(model, tuple(columns), connection.alias) if rows else ()
    instances = []
    for row in rows:
        values = list(row)
        for index, field, functions in converters:
            for convert in functions:
                values[index] = convert(values[index], field, connection)
        instances.append(model.from_db(connection.alias, columns, values))
    return instances


@cache
def _converters(model, columns: tuple[str, ...], alias: str) -> tuple:
    """(column index, field, its converters) for the columns that have any: the same for every
    page, so asked of Django once (~170 field lookups a trial page)."""
    connection = connections[alias]
    found = []
    for index, column in enumerate(columns):
        field = model._meta.get_field(column)
        functions = field.get_db_converters(connection) + connection.ops.get_db_converters(field)
        if functions:
            found.append((index, field, functions))
    return tuple(found)
