"""Django's PostgreSQL backend on the project's embedded server (config/embedded_db.py), started
when the first connection needs it, not when the settings are imported: `manage.py check`, a
settings import and a process that never queries start no server."""

import dj_database_url
from django.db.backends.postgresql import base

from config.embedded_db import DATABASE_NAME, embedded_database_url


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        if not self.settings_dict.get("HOST"):
            # The server's address is known once it runs (a socket in .pgdata/); the database name
            # is fixed (a test run connects to its own test database, on the same server).
            started = dj_database_url.parse(embedded_database_url(name=DATABASE_NAME))
            for key in ("USER", "PASSWORD", "PORT"):
                self.settings_dict[key] = started[key]
            self.settings_dict["HOST"] = started["HOST"] or started["OPTIONS"].get("host", "")
        return super().get_connection_params()
