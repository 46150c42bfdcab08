"""The data generation: numbers that move whenever Grogrund's data changes.

Cached whole pages (grogrund.core.page_cache) carry the generation in their key, so a page
is never served from the cache after anything it could show has changed: a new generation
means a new key. The numbers live in the database, so every process of a deployment sees the
same ones, and reading them is a single cheap statement.

There is one number per *scope* of data (SCOPES): a model's scope follows from its app
(APP_SCOPES, with a few models on their own in MODEL_SCOPES; an app not named is "other").
A change moves its model's scope only, so a page that shows nothing of that scope keeps its
cached copy: a goal measurement written through the API leaves the area profile and the
statistics API alone. A page says which scopes it reads (`current(scopes)`); by default it
reads them all, so nothing becomes stale by omission. `current()` of all scopes is the
generation of everything, as before: the sum of the numbers, which moves when any moves.
A deletion also moves the scopes of every model pointing at the deleted one (a deletion
sets their references to null or deletes them, without a signal of their own).

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
  data is (SQLite writers queue for the database anyway). The new number is at least the
  time in microseconds, so a number is never given twice: a transaction rolled back takes
  its number with it, and what was cached under that number while it lasted (read from data
  that was never committed) is never found again.
- PostgreSQL: `nextval` of a sequence, which never waits for other writers (a counter row
  would make every writer queue behind a long import). A sequence moves at once, before the
  writer commits, so it is moved once more after the commit: a page rendered from the old
  data in between is keyed with a generation that is then already passed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import Any

from django.apps import apps
from django.db import connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from grogrund.core.apps import is_grogrund_model

# The scopes of data, each with a number of its own.
ACCOUNTS = "accounts"  # organisations, users, memberships, the network: who may see what
STATISTICS = "statistics"  # areas, indicators, datasets, observations, challenges
METHODS = "methods"  # the method library and its benchmark
PROGRAMMES = "programmes"  # programmes, goals, steps, initiatives, partnerships, valuations…
FOLLOW_UP = "follow_up"  # goal measurements and the programmes' change history
HISTORY = "history"  # the general history (accounts.HistoryEntry)
OTHER = "other"  # every app not named in APP_SCOPES (jobs, core…)
SCOPES = (ACCOUNTS, STATISTICS, METHODS, PROGRAMMES, FOLLOW_UP, HISTORY, OTHER)
ALL = SCOPES

APP_SCOPES = {
    "accounts": ACCOUNTS,
    "network": ACCOUNTS,  # the network's settings decide what members see
    "areas": STATISTICS,
    "methods": METHODS,
    "programmes": PROGRAMMES,
    "initiatives": PROGRAMMES,
    "partnerships": PROGRAMMES,
    "valuations": PROGRAMMES,
    "outcome_contracts": PROGRAMMES,
    "procurement": PROGRAMMES,
    "reports": PROGRAMMES,
}
MODEL_SCOPES = {
    "programmes.measurement": FOLLOW_UP,
    "programmes.changelog": FOLLOW_UP,
    "accounts.historyentry": HISTORY,
}

# One PostgreSQL sequence per scope. The accounts scope keeps the sequence of the time when
# there was one generation for everything (its number goes on from there).
SEQUENCE = "core_data_generation_seq"
SEQUENCES = {scope: SEQUENCE if scope == ACCOUNTS else f"{SEQUENCE}_{scope}" for scope in SCOPES}
TABLE = "core_datageneration"
# Models written in bulk that must keep Django's fast delete; their writers call
# data_changed() themselves.
BULK_MODELS = {"areas.observation"}
# Scopes moved after the commit of the connection's transaction (PostgreSQL).
PENDING = "grogrund_pending_scopes"


def scope_of(model: Any) -> str:
    """The scope of a model's data (a many-to-many table has its app's scope)."""
    meta = model._meta
    return MODEL_SCOPES.get(meta.label_lower) or APP_SCOPES.get(meta.app_label, OTHER)


def _checked(scopes: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(sorted(set(scopes)))
    unknown = [s for s in chosen if s not in SEQUENCES]
    if unknown or not chosen:
        raise ValueError(f"unknown data scopes {unknown or chosen}; known: {SCOPES}")
    return chosen


#: The numbers a request has read, by scope (GenerationMemoMiddleware): a page keyed by the
#: generation and its cached sections read them once per request, not once each. Emptied
#: whenever this process moves a generation, so a request that writes reads the new one.
_READ: ContextVar[dict[str, int] | None] = ContextVar("generations_read", default=None)


class GenerationMemoMiddleware:
    """Each request reads a generation once. Reusing the number read first is safe: whatever
    is rendered later in the request is at least as new as that generation, so at worst it
    is kept under a key that has already passed (as page_cache already accepts)."""

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        token = _READ.set({})
        try:
            return self.get_response(request)
        finally:
            _READ.reset(token)


def current(scopes: Iterable[str] = ALL, using: str = "default") -> int:
    """The generation of the data in `scopes` (all by default) now, as this connection's
    transaction sees it: the sum of their numbers, which moves whenever any of them does.
    Within a request, the number it read before (GenerationMemoMiddleware)."""
    chosen = _checked(scopes)
    read = _READ.get() if using == "default" else None
    if read is None:
        return _read(chosen, using)
    # In a request every scope's number is read at once, the first time any is asked for:
    # the page, its sections and the visitor's kept lists share one query.
    if not read:
        read.update(numbers(using))
    return sum(read[s] for s in chosen)


def kept(name: str, compute: Callable[[], Any], scopes: Iterable[str] = ALL) -> Any:
    """What `compute` gives, kept in the default cache under `name` and the generation of
    `scopes` until it moves: a change there makes a new key at once, in every process. None
    is never kept (it is what the cache answers for a key it does not hold). The expiry only
    frees memory."""
    from django.core.cache import cache

    key = f"grogrund:{name}:{current(scopes)}"
    value = cache.get(key)
    if value is None:
        value = compute()
        if value is not None:
            cache.set(key, value, 3600)
    return value


def kept_for_visitor(
    kind: str, user: Any, compute: Callable[[], list[int]], scopes: Iterable[str] = ALL
) -> list[int]:
    """Ids worked out for one visitor (the datasets or programmes they may see), kept under
    the visitor and the generation of `scopes` (`kept`)."""
    who = user.pk if getattr(user, "is_authenticated", False) else None
    return list(kept(f"{kind}:{who}", compute, scopes))


def _read(chosen: tuple[str, ...], using: str) -> int:
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A fresh sequence says 1 before its first nextval and 1 after it: count is_called.
            parts = " + ".join(
                f"(SELECT last_value + is_called::int FROM {SEQUENCES[s]})" for s in chosen
            )
            cursor.execute(f"SELECT {parts}")
        else:
            marks = ", ".join(["%s"] * len(chosen))
            cursor.execute(
                f"SELECT COALESCE(SUM(value), 0) FROM {TABLE} WHERE scope IN ({marks})", chosen
            )
        row = cursor.fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def numbers(using: str = "default") -> dict[str, int]:
    """Each scope's number now, as this connection's transaction sees it."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            parts = ", ".join(
                f"(SELECT last_value + is_called::int FROM {SEQUENCES[s]})" for s in SCOPES
            )
            cursor.execute(f"SELECT {parts}")
            return dict(zip(SCOPES, map(int, cursor.fetchone()), strict=True))
        cursor.execute(f"SELECT scope, value FROM {TABLE}")
        found = {scope: int(value) for scope, value in cursor.fetchall()}
    return {scope: found.get(scope, 0) for scope in SCOPES}


def move_past(seen: dict[str, int], using: str = "default") -> None:
    """Put every scope's number beyond the one in `seen` (a database replaced by a restore
    must not take up numbers that pages cached from the old data are keyed with): each
    scope's number, and so every sum of them, is then greater than any seen before."""
    connection = connections[using]
    now = numbers(using)
    with connection.cursor() as cursor:
        for scope in SCOPES:
            if now[scope] > seen.get(scope, 0):
                continue
            if connection.vendor == "postgresql":
                # setval marks the sequence called: it then reads seen + 2.
                cursor.execute("SELECT setval(%s, %s)", [SEQUENCES[scope], seen[scope] + 1])
                continue
            cursor.execute(
                f"UPDATE {TABLE} SET value = %s WHERE scope = %s", [seen[scope] + 1, scope]
            )
            if cursor.rowcount == 0:
                cursor.execute(
                    f"INSERT INTO {TABLE} (scope, value) VALUES (%s, %s)", [scope, seen[scope] + 1]
                )


def data_changed(using: str = "default", *, scopes: Iterable[str] = ALL) -> None:
    """Move the generation of `scopes` (all by default): call after writing data without
    model signals."""
    chosen = _checked(scopes)
    connection = connections[using]
    _move(using, chosen)
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        pending: set[str] = getattr(connection, PENDING, None) or set()
        pending.update(chosen)
        setattr(connection, PENDING, pending)
        registered = (func for _savepoints, func, _robust in connection.run_on_commit)
        if _move_after_commit not in registered:
            transaction.on_commit(_move_after_commit, using=using)


def _move(using: str, scopes: tuple[str, ...]) -> None:
    read = _READ.get()
    if read is not None:
        read.clear()
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT " + ", ".join(f"nextval('{SEQUENCES[s]}')" for s in scopes))
            return
        marks = ", ".join(["%s"] * len(scopes))
        now = time.time_ns() // 1000
        cursor.execute(
            f"UPDATE {TABLE} SET value = MAX(value + 1, %s) WHERE scope IN ({marks})",
            [now, *scopes],
        )
        if cursor.rowcount < len(scopes):  # rows gone with a flush of the database (tests)
            cursor.execute(f"SELECT scope FROM {TABLE} WHERE scope IN ({marks})", scopes)
            present = {row[0] for row in cursor.fetchall()}
            for scope in scopes:
                if scope not in present:
                    cursor.execute(
                        f"INSERT INTO {TABLE} (scope, value) VALUES (%s, %s)", [scope, now]
                    )


def _move_after_commit(using: str = "default") -> None:
    connection = connections[using]
    pending = getattr(connection, PENDING, None)
    setattr(connection, PENDING, None)
    # Scopes left from a transaction that was rolled back are moved once more: harmless.
    _move(using, _checked(pending or ALL))


def _saved(sender: Any, using: str = "default", **kwargs: Any) -> None:
    if is_grogrund_model(sender):
        data_changed(using, scopes=(scope_of(sender),))


_DELETE_SCOPES: dict[Any, tuple[str, ...]] = {}


def delete_scopes(model: Any) -> tuple[str, ...]:
    """The scopes a deletion of `model` moves: its own and those of the models pointing at it
    (their references are set to null, or they go with it)."""
    if model not in _DELETE_SCOPES:
        scopes = {scope_of(model)}
        for relation in model._meta.related_objects:
            scopes.add(scope_of(relation.related_model))
            if relation.many_to_many and relation.through is not None:
                scopes.add(scope_of(relation.through))
        _DELETE_SCOPES[model] = tuple(sorted(scopes))
    return _DELETE_SCOPES[model]


def _deleted(sender: Any, using: str = "default", **kwargs: Any) -> None:
    data_changed(using, scopes=delete_scopes(sender))


def _related(sender: Any, action: str, using: str = "default", **kwargs: Any) -> None:
    if action.startswith("post_") and is_grogrund_model(sender):
        data_changed(using, scopes=(scope_of(sender),))


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
