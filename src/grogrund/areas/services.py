"""Writes for areas: the import pipeline, observations and challenges.

Imports are all or nothing: one transaction, rolled back on the first error, with a message
that names file, row, column and field. Importing the same data twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from grogrund.accounts.access import area_visible_q, can_edit_for
from grogrund.accounts.models import Organisation, Visibility
from grogrund.areas.models import Area, Challenge, Dataset, Indicator, Observation
from grogrund.core.generation import data_changed
from grogrund.sources.errors import SourceError, gettext_noop
from grogrund.sources.records import Location, ObservationRecord

BATCH_SIZE = 5_000
COLUMNS = (
    "dataset_id",
    "area_id",
    "indicator_id",
    "period",
    "value",
    "numerator",
    "denominator",
    "source",
    "retrieved_at",
    "status",
)


class NotAllowed(SourceError):
    """The user may not write for this organisation."""


@dataclass(frozen=True)
class ImportResult:
    dataset: Dataset
    rows: int
    created: int
    updated: int

    @property
    def unchanged(self) -> int:
        return self.rows - self.created - self.updated


def _check_allowed(user: Any, owner: Organisation) -> None:
    if user is not None and not can_edit_for(user, owner):
        raise NotAllowed(
            gettext_noop(
                "You may not import data for %(organisation)s: you need the role "
                "editor or administrator in that organisation."
            ),
            {"organisation": owner.name},
            code="not_allowed",
        )


class _Keys:
    """Maps codes to ids and catches a cell given twice in one import, in compact memory."""

    def __init__(self, user: Any = None) -> None:
        # A user may name only areas they may see: another organisation's private custom area
        # is unknown to them (neither written to nor revealed). None is a trusted caller.
        areas = Area.objects.all() if user is None else Area.objects.filter(area_visible_q(user))
        self.areas = dict(areas.values_list("code", "id"))
        self.indicators = dict(Indicator.objects.values_list("code", "id"))
        self.periods: dict[str, int] = {}
        self.seen: dict[int, int | None] = {}  # packed (area, indicator, period) → row
        self.used_areas: set[int] = set()
        self.used_indicators: set[int] = set()

    def resolve(self, record: ObservationRecord) -> tuple[int, int]:
        loc = record.location
        area_id = self.areas.get(record.area_code)
        if area_id is None:
            raise SourceError(
                gettext_noop(
                    "Unknown area code '%(code)s' in %(file)s, row %(row)s. Use an "
                    "SCB code (for example 0180 or 0114C1010_DeSO2025) of an area "
                    "that exists in Grogrund."
                ),
                {"code": record.area_code},
                loc,
                code="unknown_area",
            )
        indicator_id = self.indicators.get(record.indicator_code)
        if indicator_id is None:
            raise SourceError(
                gettext_noop(
                    "Unknown indicator '%(code)s' in %(file)s, row %(row)s. Use the "
                    "code of an indicator in the catalogue (see Indicators)."
                ),
                {"code": record.indicator_code},
                loc,
                code="unknown_indicator",
            )
        period = self.periods.setdefault(record.period, len(self.periods))
        key = (area_id << 40) | (indicator_id << 20) | period
        if key in self.seen:
            raise SourceError(
                gettext_noop(
                    "%(file)s, row %(row)s repeats area %(area)s, indicator "
                    "%(indicator)s and period %(period)s (first given on row "
                    "%(first)s). Keep one row per area, indicator and period."
                ),
                {
                    "area": record.area_code,
                    "indicator": record.indicator_code,
                    "period": record.period,
                    "first": self.seen[key] or "?",
                },
                loc,
                code="duplicate_row",
            )
        self.seen[key] = loc.row
        return area_id, indicator_id


def _validate(record: ObservationRecord) -> None:
    if record.numerator is not None and record.denominator is not None:
        if record.denominator < 0 or record.numerator < 0:
            raise SourceError(
                gettext_noop(
                    "Negative count in %(file)s, row %(row)s: numerator and "
                    "denominator must be zero or more."
                ),
                {},
                record.location,
                code="negative_count",
            )


def _rows(
    records: Iterable[ObservationRecord],
    dataset_id: int,
    retrieved_at: Any,
    default_source: str,
    keys: _Keys,
) -> Iterator[tuple[Any, ...]]:
    # The hot loop of an import (a million rows): the checks of `_validate` and
    # `_Keys.resolve` inline, which are called only to raise their messages.
    areas, indicators, periods, seen = keys.areas, keys.indicators, keys.periods, keys.seen
    used_areas, used_indicators = keys.used_areas.add, keys.used_indicators.add
    for record in records:
        numerator, denominator = record.numerator, record.denominator
        if numerator is not None and denominator is not None and (numerator < 0 or denominator < 0):
            _validate(record)
        area_id = areas.get(record.area_code)
        indicator_id = indicators.get(record.indicator_code)
        period = record.period
        period_no = periods.get(period)
        if period_no is None:
            period_no = periods[period] = len(periods)
        if area_id is None or indicator_id is None:
            keys.resolve(record)
        key = (area_id << 40) | (indicator_id << 20) | period_no
        if key in seen:
            keys.resolve(record)
        seen[key] = record.location.row
        used_areas(area_id)
        used_indicators(indicator_id)
        yield (
            dataset_id,
            area_id,
            indicator_id,
            period,
            record.value,
            numerator,
            denominator,
            record.source or default_source,
            retrieved_at,
            "" if record.value is not None else (record.status or "missing"),
        )


def _on_conflict(target: str) -> str:
    """The upsert tail shared by both databases: overwrite a stored cell only where the figure
    or its source differs, so an unchanged row is not written (and not counted) again."""
    distinct = "IS NOT" if connection.vendor == "sqlite" else "IS DISTINCT FROM"
    changed = " OR ".join(
        f"{target}.{c} {distinct} excluded.{c}"
        for c in ("value", "numerator", "denominator", "source", "status")
    )
    updates = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS[4:])
    return (
        f"ON CONFLICT (dataset_id, area_id, indicator_id, period) DO UPDATE SET {updates} "
        f"WHERE {changed}"
    )


def _upsert_sql(table: str) -> str:
    cols = ", ".join(COLUMNS)
    marks = ", ".join(["%s"] * len(COLUMNS))
    return f"INSERT INTO {table} ({cols}) VALUES ({marks}) {_on_conflict(table)}"


def _write_sqlite(rows: Iterator[tuple[Any, ...]], on_batch: Callable[[int], None]) -> int:
    table = Observation._meta.db_table
    sql = _upsert_sql(table).replace("%s", "?")
    written = 0
    connection.ensure_connection()
    # The raw sqlite3 cursor skips Django's per-row parameter handling: the hot path of an import.
    cursor = connection.connection.cursor()
    while batch := list(islice(rows, BATCH_SIZE)):
        cursor.executemany(sql, batch)
        written += cursor.rowcount
        on_batch(len(batch))
    return written


def _column_types(cursor: Any, table: str) -> list[int]:
    """The PostgreSQL type ids of COLUMNS, for a binary COPY (it must match them exactly)."""
    cursor.execute(
        "SELECT attname, atttypid::int FROM pg_attribute "
        "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
        [table],
    )
    types = dict(cursor.fetchall())
    return [types[c] for c in COLUMNS]


def _copy(
    cursor: Any, table: str, rows: Iterator[tuple[Any, ...]], on_batch: Callable[[int], None]
) -> int:
    """Binary COPY: psycopg's C dumpers write floats and integers without any text formatting
    in Python (text COPY spent a third of the import formatting numbers)."""
    copied = 0
    types = _column_types(cursor, table)
    with cursor.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types(types)
        write_row = copy.write_row
        while batch := list(islice(rows, BATCH_SIZE)):
            for row in batch:
                write_row(row)
            copied += len(batch)
            on_batch(len(batch))
    return copied


def _skip_row_triggers(cursor: Any) -> bool:
    """Turn off per-row trigger firing for the rest of this transaction, if the database role
    may (a superuser, or `GRANT SET ON PARAMETER session_replication_role`).

    The triggers that matter on the observation table are the foreign-key checks: one query
    per row and key, 3 M queries for a million rows, about half of a large import. The caller
    then checks each referenced row once instead (`_lock_referenced`), which gives the same
    guarantee; the other side of the keys (deleting an area that has observations) is still
    checked by the database as always.
    """
    cursor.execute(
        "SELECT current_setting('is_superuser') = 'on' "
        "OR has_parameter_privilege('session_replication_role', 'SET')"
    )
    if not cursor.fetchone()[0]:
        return False
    cursor.execute("SET LOCAL session_replication_role = replica")
    return True


def _restore_row_triggers(cursor: Any) -> None:
    cursor.execute("SET LOCAL session_replication_role = origin")


def _lock_referenced(cursor: Any, dataset_id: int, keys: _Keys) -> None:
    """What the skipped foreign-key triggers would have done, once per referenced row instead
    of once per observation: check that the dataset, areas and indicators exist and lock them
    against deletion (FOR KEY SHARE) until the import commits."""
    area_ids = sorted(keys.used_areas)
    indicator_ids = sorted(keys.used_indicators)
    for table, ids in (
        (Dataset._meta.db_table, [dataset_id]),
        (Area._meta.db_table, area_ids),
        (Indicator._meta.db_table, indicator_ids),
    ):
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE id = ANY(%s) FOR KEY SHARE) t",
            [ids],
        )
        if cursor.fetchone()[0] != len(ids):
            # Removed by someone else since the import read the codes: a programming-level
            # race, not something the user can fix in the file.
            raise RuntimeError(f"{table}: a referenced row was deleted during the import")


def _write_postgresql(
    rows: Iterator[tuple[Any, ...]],
    on_batch: Callable[[int], None],
    *,
    empty: bool,
    dataset_id: int,
    keys: _Keys,
) -> int:
    """COPY: straight into the table for a dataset with no rows yet (no conflict is possible:
    repeats within the import were refused already), else into a temporary table and then
    one upsert that changes only what differs."""
    table = Observation._meta.db_table
    cols = ", ".join(COLUMNS)
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor
        fast = _skip_row_triggers(cursor)
        if empty:
            written = _copy(cursor, table, rows, on_batch)
        else:
            cursor.execute(
                f"CREATE TEMPORARY TABLE import_stage (LIKE {table} INCLUDING DEFAULTS) "
                "ON COMMIT DROP"
            )
            cursor.execute("ALTER TABLE import_stage DROP COLUMN id")
            _copy(cursor, "import_stage", rows, on_batch)
            cursor.execute(
                f"INSERT INTO {table} AS t ({cols}) SELECT {cols} FROM import_stage "
                f"{_on_conflict('t')}"
            )
            written = cursor.rowcount
            cursor.execute("DROP TABLE import_stage")
        if fast:
            _restore_row_triggers(cursor)
            _lock_referenced(cursor, dataset_id, keys)
    return written


def import_observations(
    *,
    records: Iterable[ObservationRecord],
    owner: Organisation,
    dataset_name: str,
    source: str,
    user: Any = None,
    visibility: str = Visibility.PRIVATE,
    licence: str = "",
    retrieved_at: datetime | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Store the records in the owner's dataset `dataset_name`, all or nothing.

    `user` None means a trusted caller (the CLI run by an operator, the demo loader).
    """
    _check_allowed(user, owner)
    retrieved_at = retrieved_at or timezone.now()
    stored_at = connection.ops.adapt_datetimefield_value(retrieved_at)
    progress = on_progress or (lambda n: None)
    keys = _Keys(user)
    with transaction.atomic():
        dataset, created = Dataset.objects.get_or_create(
            owner=owner,
            name=dataset_name,
            defaults={
                "source": source,
                "retrieved_at": retrieved_at,
                "visibility": visibility,
                "licence": licence,
            },
        )
        stored = Observation.objects.filter(dataset=dataset)
        empty = created or not stored.exists()
        before = 0 if empty else stored.count()
        rows = _rows(records, dataset.pk, stored_at, source, keys)
        if connection.vendor == "postgresql":
            written = _write_postgresql(
                rows, progress, empty=empty, dataset_id=dataset.pk, keys=keys
            )
        else:
            written = _write_sqlite(rows, progress)
        # Into an empty dataset every row written is new (counting a million fresh rows
        # again would read them all back).
        after = written if empty else stored.count()
        if written:
            # The dataset is as recent as its newest figures; an import that changed nothing
            # leaves it untouched (and cached pages showing it valid).
            stamps: dict[str, Any] = {"changed_at": timezone.now()}
            if not created:
                stamps["retrieved_at"] = retrieved_at
            Dataset.objects.filter(pk=dataset.pk).update(**stamps)
            data_changed()  # COPY and executemany send no signals
    total = len(keys.seen)
    inserted = after - before
    return ImportResult(dataset=dataset, rows=total, created=inserted, updated=written - inserted)


def share_dataset(
    *, user: Any, dataset: Dataset, visibility: str, shared_with: Iterable[Organisation]
) -> Dataset:
    """Change who may see a dataset; only editors of its owner organisation may. The figures
    themselves do not change, so cached profiles stay valid: their keys list the datasets
    each visitor sees."""
    _check_allowed(user, dataset.owner)
    with transaction.atomic():
        dataset.visibility = visibility
        dataset.save(update_fields=["visibility", "updated_at"])
        dataset.shared_with.set(shared_with)
    return dataset


def save_challenge(
    *,
    user: Any,
    challenge: Challenge,
    indicators: Iterable[Indicator] | None = None,
    shared_with: Iterable[Organisation] | None = None,
) -> Challenge:
    """Create or update a challenge; only editors of its owner organisation may."""
    _check_allowed(user, challenge.owner)
    with transaction.atomic():
        if challenge.pk is None:
            challenge.created_by = user
        challenge.save()
        if indicators is not None:
            challenge.indicators.set(indicators)
        if shared_with is not None:
            challenge.shared_with.set(shared_with)
    return challenge


__all__ = [
    "ImportResult",
    "Location",
    "NotAllowed",
    "import_observations",
    "save_challenge",
    "share_dataset",
]
