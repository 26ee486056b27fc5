"""Reads of the public pages go to the read replica when DATABASE_REPLICA_URL is set; every
write, the admin, the ingest and the management commands use the primary."""

import contextvars
from contextlib import contextmanager

from django.conf import settings

_public_read = contextvars.ContextVar("public_read", default=False)
REPLICA = "replica"


def replica_configured() -> bool:
    return bool(settings.DATABASE_REPLICA_URL)


def public_read_alias() -> str:
    """The database a public page reads now: the replica when one is configured."""
    return REPLICA if replica_configured() and _public_read.get() else "default"


@contextmanager
def public_reads():
    """Within: reads go to the replica (set by catalog.caching.public_page for public pages)."""
    token = _public_read.set(True)
    try:
        yield
    finally:
        _public_read.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        # Related rows come from where their object came from (a streamed export's prefetches).
        instance = hints.get("instance")
        if instance is not None and instance._state.db:
            return instance._state.db
        return public_read_alias()

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, first, second, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
