"""The data generation: a number that moves whenever Grogrund's data changes.

Cached whole pages (grogrund.core.page_cache) carry the generation in their key, so a page
is never served from the cache after anything it could show has changed: a new generation
means a new key. The number lives in the database, so every process of a deployment sees the
same one, and reading it is a single cheap statement.

What moves it:
- every save and delete of a model of a Grogrund app, and every change of a many-to-many
  relation between them (signal receivers, connected in CoreConfig.ready);
- writes that send no signals call `data_changed()` themselves: the observation import
  (COPY / executemany), the national demo (bulk_create) and the version stamps moved with
  `QuerySet.update()`. tests/core/test_data_generation.py fails when a module writes that
  way without calling it.

Observations are the exception among the models: a delete receiver on them would make
Django delete a dataset's million rows one by one, so the code that writes observations
moves the generation itself.

How it moves, per database:
- SQLite: an UPDATE of one row inside the writer's transaction, visible exactly when the
  data is (SQLite writers queue for the database anyway).
- PostgreSQL: `nextval` of a sequence, which never waits for other writers (a counter row
  would make every writer queue behind a long import). A sequence moves at once, before the
  writer commits, so it is moved once more after the commit: a page rendered from the old
  data in between is keyed with a generation that is then already passed.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from grogrund.core.apps import is_grogrund_model

SEQUENCE = "core_data_generation_seq"
TABLE = "core_datageneration"
# Models written in bulk that must keep Django's fast delete; their writers call
# data_changed() themselves.
BULK_MODELS = {"areas.observation"}


def current(using: str = "default") -> int:
    """The generation now, as this connection's transaction sees it."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A fresh sequence says 1 before its first nextval and 1 after it: count is_called.
            cursor.execute(f"SELECT last_value + is_called::int FROM {SEQUENCE}")
        else:
            cursor.execute(f"SELECT value FROM {TABLE} WHERE id = 1")
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def data_changed(using: str = "default") -> None:
    """Move the generation: call after writing data without model signals."""
    connection = connections[using]
    _move(using)
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        pending = (func for _savepoints, func, _robust in connection.run_on_commit)
        if _move_after_commit not in pending:
            transaction.on_commit(_move_after_commit, using=using)


def _move(using: str) -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT nextval('{SEQUENCE}')")
            return
        cursor.execute(f"UPDATE {TABLE} SET value = value + 1 WHERE id = 1")
        if cursor.rowcount == 0:  # the row went with a flush of the database (tests)
            cursor.execute(f"INSERT INTO {TABLE} (id, value) VALUES (1, 1)")


def _move_after_commit() -> None:
    _move("default")


def _saved(sender: Any, using: str = "default", **kwargs: Any) -> None:
    if is_grogrund_model(sender):
        data_changed(using)


def _deleted(sender: Any, using: str = "default", **kwargs: Any) -> None:
    data_changed(using)


def _related(sender: Any, action: str, using: str = "default", **kwargs: Any) -> None:
    if action.startswith("post_") and is_grogrund_model(sender):
        data_changed(using)


def connect() -> None:
    """Connect the receivers (from CoreConfig.ready)."""
    post_save.connect(_saved, dispatch_uid="grogrund_generation_saved")
    m2m_changed.connect(_related, dispatch_uid="grogrund_generation_related")
    # One receiver per model, never for all senders: a delete receiver on a model turns off
    # Django's fast delete for it.
    for model in apps.get_models():
        if is_grogrund_model(model) and model._meta.label_lower not in BULK_MODELS:
            uid = f"grogrund_generation_deleted_{model._meta.label_lower}"
            post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
