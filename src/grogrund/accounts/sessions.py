"""Sessions in the database, as Django's own backend keeps them, read with one plain statement.

Every request of a signed-in visitor reads its session. Django's database backend builds that
statement through the ORM each time, which costs the web worker about as much CPU again as the
database takes to answer it; this store sends the same statement directly. Saving, expiry,
logout and `clearsessions` are Django's, on the same table: nothing is kept in a process, so a
session ended through one process is ended for all (`SESSION_ENGINE` in settings).
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Any:
        """The session row if it exists and has not expired, else None (and the key is
        dropped, so a new session gets a new key), as Django's database backend does."""
        model = self.model
        if self.session_key is None:
            return None
        connection = connections[router.db_for_read(model)]
        meta = model._meta
        table = connection.ops.quote_name(meta.db_table)
        key = connection.ops.quote_name(meta.get_field("session_key").column)
        data = connection.ops.quote_name(meta.get_field("session_data").column)
        expires = connection.ops.quote_name(meta.get_field("expire_date").column)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {data} FROM {table} WHERE {key} = %s AND {expires} > %s",
                [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return model(session_key=self.session_key, session_data=row[0])
