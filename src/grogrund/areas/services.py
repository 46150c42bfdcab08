"""Writes for areas: the import pipeline, observations and challenges.

Imports are all or nothing: one transaction, rolled back on the first error, with a message
that names file, row, column and field. Importing the same data twice changes nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from grogrund.accounts.access import area_visible_q, can_edit_for
from grogrund.accounts.channel import in_channel
from grogrund.accounts.history import record_history
from grogrund.accounts.history import snapshot as history_snapshot
from grogrund.accounts.models import HistoryChannel, Organisation, Visibility
from grogrund.areas import import_checks
from grogrund.areas.models import (
    Area,
    Challenge,
    Dataset,
    DatasetNote,
    Indicator,
    IndicatorKind,
    Observation,
    PriceIndexValue,
)
from grogrund.areas.price_index import forget_annual_kpi
from grogrund.core.generation import data_changed
from grogrund.sources.errors import SourceError, gettext_noop
from grogrund.sources.kpi import KPI2020_TABLE_ID, KPI_SERIES, KpiTable, linked_to_1980
from grogrund.sources.periods import check_period
from grogrund.sources.records import Location, ObservationRecord

BATCH_SIZE = 5_000
# The range of a stored figure, by the indicator's kind (import_checks): every figure is
# finite, a share is in 0–1 and a count is not negative.
BIGGEST = sys.float_info.max
ANY_FINITE = (-BIGGEST, BIGGEST)
VALUE_BOUNDS = {IndicatorKind.SHARE: (0.0, 1.0), IndicatorKind.COUNT: (0.0, BIGGEST)}
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
    # What was brought to the indicator's unit: indicator code → (scale, number of values),
    # e.g. {"eligible_upper_secondary": ("percent_for_shares", 290)}. Only real conversions
    # (a factor other than 1) are listed.
    conversions: dict[str, tuple[str, int]] = field(default_factory=dict)

    @property
    def unchanged(self) -> int:
        return self.rows - self.created - self.updated


IMPORT_NOT_ALLOWED = gettext_noop(
    "You may not import data for %(organisation)s: you need the role "
    "editor or administrator in that organisation."
)


def check_editor(user: Any, owner: Organisation, refusal: str = IMPORT_NOT_ALLOWED) -> None:
    """Refuse a user who is not an editor of `owner` (None: a trusted caller); `refusal` says
    what they may not do (a msgid naming %(organisation)s)."""
    if user is not None and not can_edit_for(user, owner):
        raise NotAllowed(refusal, {"organisation": owner.name}, code="not_allowed")


class _Keys:
    """Maps codes to ids and catches a cell given twice in one import, in compact memory."""

    def __init__(self, user: Any = None) -> None:
        # A user may name only areas they may see: another organisation's private custom area
        # is unknown to them (neither written to nor revealed). None is a trusted caller.
        areas = Area.objects.all() if user is None else Area.objects.filter(area_visible_q(user))
        self.areas = dict(areas.values_list("code", "id"))
        indicators = list(Indicator.objects.values_list("code", "id", "kind"))
        self.indicators = {code: pk for code, pk, _kind in indicators}
        self.kinds: dict[int, str] = {pk: kind for _code, pk, kind in indicators}
        # The value checks of `_rows`, by indicator id (import_checks).
        self.shares = {pk for pk, kind in self.kinds.items() if kind == IndicatorKind.SHARE}
        self.bounds = {pk: VALUE_BOUNDS.get(kind, ANY_FINITE) for pk, kind in self.kinds.items()}
        # (indicator id, scale) → factor; and how many values each conversion touched.
        self.factors: dict[tuple[int, str], float] = {}
        self.converted: dict[tuple[int, str], int] = {}
        self.periods: dict[str, int] = {}  # period as given → its number
        self.period_texts: list[str] = []  # number → period as stored (sources.periods)
        self._period_numbers: dict[str, int] = {}
        self.seen: dict[int, int | None] = {}  # packed (area, indicator, period) → row
        self.used_areas: set[int] = set()
        self.used_indicators: set[int] = set()

    def resolve(self, record: ObservationRecord) -> tuple[int, int]:
        loc = record.location
        area_id = self.areas.get(record.area_code)
        if area_id is None:
            raise import_checks.unknown_area(record)
        indicator_id = self.indicators.get(record.indicator_code)
        if indicator_id is None:
            raise import_checks.unknown_indicator(record)
        period = self.periods.get(record.period)
        if period is None:
            period = self.new_period(record)
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

    def new_period(self, record: ObservationRecord) -> int:
        """The number of a period not seen before in this import, after checking that it is a
        period; "2024Q3" and "2024K3" are one period (stored as "2024K3")."""
        text = check_period(record.period, record.location)
        number = self._period_numbers.get(text)
        if number is None:
            number = self._period_numbers[text] = len(self.period_texts)
            self.period_texts.append(text)
        self.periods[record.period] = number
        return number

    def factor(self, record: ObservationRecord, indicator_id: int) -> float:
        """The factor for the record's scale and indicator, computed once per pair."""
        f = self.factors[(indicator_id, record.scale)] = import_checks.scale_factor(
            record, self.kinds[indicator_id]
        )
        return f

    def conversions(self) -> dict[str, tuple[str, int]]:
        codes = {pk: code for code, pk in self.indicators.items()}
        out: dict[str, tuple[str, int]] = {}
        for (pk, scale), n in sorted(self.converted.items()):
            code = codes[pk]
            if code in out:  # one indicator in two scales: name both, count all
                scale, n = f"{out[code][0]}, {scale}", out[code][1] + n
            out[code] = (scale, n)
        return out


def _refuse_counts(record: ObservationRecord, keys: _Keys, indicator_id: int | None) -> None:
    error = import_checks.count_error(record, keys.kinds.get(indicator_id or 0, ""))
    if error is not None:
        raise error


def _rows(
    records: Iterable[ObservationRecord],
    dataset_id: int,
    retrieved_at: Any,
    default_source: str,
    keys: _Keys,
    notes: _Notes | None = None,
) -> Iterator[tuple[Any, ...]]:
    # The hot loop of an import (a million rows). The checks of `_Keys.resolve` and
    # `import_checks` are inlined as chained comparisons, which are false for NaN: `0 <= x <=
    # BIGGEST` refuses NaN, infinity and a negative count at once, and each indicator's
    # `bounds` (0–1 for a share) do the same for its value. The functions are called only to
    # raise their messages (or, for a period or a scale, once per new one). The notes of the
    # records are collected here too (`_Notes.collect`, inlined: one generator less).
    areas, indicators, periods, seen = keys.areas, keys.indicators, keys.periods, keys.seen
    period_texts, shares, bounds = keys.period_texts, keys.shares, keys.bounds
    factors, converted = keys.factors, keys.converted
    used_areas, used_indicators = keys.used_areas.add, keys.used_indicators.add
    biggest = BIGGEST
    notes = notes or _Notes()
    found, origins = notes.found, notes.origins
    by_source: dict[str, dict[str, str]] = {}
    last_source: str | None = None
    noted: dict[str, str] = {}  # indicator code → its note last recorded (this source)
    for record in records:
        source = record.source
        if source is not last_source:
            last_source = source
            origins.add(source)
            noted = by_source.setdefault(source, {})
        note = record.note
        if note and noted.get(record.indicator_code) is not note:
            noted[record.indicator_code] = note
            found[(source, record.indicator_code, note)] = None
        area_id = areas.get(record.area_code)
        indicator_id = indicators.get(record.indicator_code)
        period_no = periods.get(record.period)
        if period_no is None:
            period_no = keys.new_period(record)
        if area_id is None or indicator_id is None:
            keys.resolve(record)
        key = (area_id << 40) | (indicator_id << 20) | period_no
        if key in seen:
            keys.resolve(record)
        seen[key] = record.location.row
        numerator, denominator = record.numerator, record.denominator
        if numerator is not None:
            if not 0.0 <= numerator <= biggest or (
                denominator is not None
                and (
                    not 0.0 <= denominator <= biggest
                    or (numerator > denominator and indicator_id in shares)
                )
            ):
                _refuse_counts(record, keys, indicator_id)
        elif denominator is not None and not 0.0 <= denominator <= biggest:
            _refuse_counts(record, keys, indicator_id)
        value = record.value
        if value is not None:
            scale = record.scale
            if scale != "unit":  # the value in the indicator's unit (sources.scales)
                f = factors.get((indicator_id, scale))
                if f is None:
                    f = keys.factor(record, indicator_id)
                if f != 1.0:
                    value = value * f
                    converted[(indicator_id, scale)] = converted.get((indicator_id, scale), 0) + 1
            low, high = bounds[indicator_id]
            if not low <= value <= high:
                raise import_checks.value_error(record, keys.kinds[indicator_id], value)
        used_areas(area_id)
        used_indicators(indicator_id)
        yield (
            dataset_id,
            area_id,
            indicator_id,
            period_texts[period_no],
            value,
            numerator,
            denominator,
            source or default_source,
            retrieved_at,
            "" if record.value is not None else (record.status or "missing"),
        )


class _Notes:
    """The distinct notes of an import's records (SCB's mandatory notes), collected on the
    way through by `_rows`: one table's records share one note object, so an identity check
    skips the rest cheaply. `origins` are the sources the records came from (the table, the
    file)."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, str, str], None] = {}  # (origin, indicator code, text)
        self.origins: set[str] = set()

    def store(self, dataset: Dataset, keys: _Keys, default_source: str) -> bool:
        """Replace the dataset's notes of each origin of this import by the notes the import
        brought (nothing is written when they are the same). True if anything changed."""
        origin_of = {o: (o or default_source)[:200] for o in self.origins}
        wanted: dict[str, set[tuple[int | None, str]]] = {o: set() for o in origin_of.values()}
        for source, code, text in self.found:
            wanted[origin_of[source]].add((keys.indicators[code], text))
        if len(wanted) == 1:
            # One table whose every indicator has the same note: a note on the whole dataset.
            [(origin, notes)] = wanted.items()
            if len({t for _i, t in notes}) == 1 and {i for i, _t in notes} == keys.used_indicators:
                wanted[origin] = {(None, next(iter(notes))[1])}
        stored: dict[str, set[tuple[int | None, str]]] = {}
        for origin, indicator_id, text in DatasetNote.objects.filter(dataset=dataset).values_list(
            "origin", "indicator_id", "text"
        ):
            stored.setdefault(origin, set()).add((indicator_id, text))
        changed = False
        for origin, notes in wanted.items():
            if stored.get(origin, set()) == notes:
                continue
            DatasetNote.objects.filter(dataset=dataset, origin=origin).delete()
            DatasetNote.objects.bulk_create(
                DatasetNote(
                    dataset=dataset,
                    indicator_id=indicator_id,
                    text=text,
                    mandatory=True,
                    origin=origin,
                )
                for indicator_id, text in sorted(notes, key=lambda n: (n[0] or 0, n[1]))
            )
            changed = True
        return changed


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


@in_channel(HistoryChannel.IMPORT)  # the history says: by an import
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
    check_editor(user, owner)
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
        notes = _Notes()
        rows = _rows(records, dataset.pk, stored_at, source, keys, notes)
        if connection.vendor == "postgresql":
            written = _write_postgresql(
                rows, progress, empty=empty, dataset_id=dataset.pk, keys=keys
            )
        else:
            written = _write_sqlite(rows, progress)
        # Into an empty dataset every row written is new (counting a million fresh rows
        # again would read them all back).
        after = written if empty else stored.count()
        notes_changed = notes.store(dataset, keys, source)  # after the figures: all were valid
        if written:
            # The dataset is as recent as its newest figures; an import that changed nothing
            # leaves it untouched (and cached pages showing it valid).
            stamps: dict[str, Any] = {"changed_at": timezone.now()}
            if not created:
                stamps["retrieved_at"] = retrieved_at
            Dataset.objects.filter(pk=dataset.pk).update(**stamps)
        if written or notes_changed:
            data_changed()  # COPY and executemany send no signals
    total = len(keys.seen)
    inserted = after - before
    return ImportResult(
        dataset=dataset,
        rows=total,
        created=inserted,
        updated=written - inserted,
        conversions=keys.conversions(),
    )


@dataclass(frozen=True)
class PriceIndexResult:
    """What `import_price_index` did: values new, changed and unchanged, and the years whose
    annual mean the series now has."""

    created: int
    updated: int
    unchanged: int
    months: int
    annual_years: tuple[str, ...]


@in_channel(HistoryChannel.IMPORT)  # the history says: by an import
def import_price_index(
    *, table: KpiTable, series: str = KPI_SERIES, retrieved_at: datetime | None = None
) -> PriceIndexResult:
    """Store SCB's KPI (monthly values and annual means) as PriceIndexValue rows, all or
    nothing; a value already stored with the same figure and source is left alone, so the
    same import twice changes nothing. Public statistics: no owner, no access rule. A table
    with 2020=100 (TAB6596) is first linked to the stored 1980=100 months
    (`sources.kpi.linked_to_1980`)."""
    retrieved_at = retrieved_at or timezone.now()
    with transaction.atomic():
        if table.base != "1980":
            # The link is to TAB5737's own months, never to months linked before.
            months = (
                PriceIndexValue.objects.filter(series=series, period__regex=r"^[0-9]{4}M[0-9]{2}$")
                .exclude(source__contains=KPI2020_TABLE_ID)
                .values_list("period", "value")
            )
            table = linked_to_1980(table, dict(months))
        values = table.values()
        stored = {
            p.period: p
            for p in PriceIndexValue.objects.select_for_update().filter(
                series=series, period__in=list(values)
            )
        }
        new, changed = [], []
        for period, value in sorted(values.items()):
            row = stored.get(period)
            if row is None:
                new.append(
                    PriceIndexValue(
                        series=series,
                        period=period,
                        value=value,
                        source=table.source,
                        retrieved_at=retrieved_at,
                    )
                )
            elif row.value != value or row.source != table.source:
                row.value, row.source, row.retrieved_at = value, table.source, retrieved_at
                changed.append(row)
        PriceIndexValue.objects.bulk_create(new)
        PriceIndexValue.objects.bulk_update(changed, ["value", "source", "retrieved_at"])
        if new or changed:
            data_changed()  # valuation pages index with the series
            forget_annual_kpi()  # now for this transaction, and again once others can see it
            transaction.on_commit(forget_annual_kpi)
    return PriceIndexResult(
        created=len(new),
        updated=len(changed),
        unchanged=len(values) - len(new) - len(changed),
        months=len(table.monthly),
        annual_years=tuple(sorted(table.annual)),
    )


def share_dataset(
    *, user: Any, dataset: Dataset, visibility: str, shared_with: Iterable[Organisation]
) -> Dataset:
    """Change who may see a dataset; only editors of its owner organisation may. The figures
    themselves do not change, so cached profiles stay valid: their keys list the datasets
    each visitor sees."""
    check_editor(user, dataset.owner)
    with transaction.atomic():
        before = _sharing(dataset)
        dataset.visibility = visibility
        dataset.save(update_fields=["visibility", "updated_at"])
        dataset.shared_with.set(shared_with)
        record_history(
            user=user, obj=dataset, action="update", before=before, after=_sharing(dataset)
        )
    return dataset


def _sharing(dataset: Dataset) -> dict[str, Any]:
    return {
        "visibility": dataset.visibility,
        "shared_with": sorted(dataset.shared_with.values_list("pk", flat=True)),
    }


def save_challenge(
    *,
    user: Any,
    challenge: Challenge,
    indicators: Iterable[Indicator] | None = None,
    shared_with: Iterable[Organisation] | None = None,
) -> Challenge:
    """Create or update a challenge; only editors of its owner organisation may."""
    check_editor(user, challenge.owner)
    with transaction.atomic():
        # The form has changed the challenge in hand: the history's "before" is the stored one.
        stored = Challenge.objects.filter(pk=challenge.pk).first() if challenge.pk else None
        before = history_snapshot(stored) if stored is not None else None
        if challenge.pk is None:
            challenge.created_by = user
        challenge.save()
        if indicators is not None:
            challenge.indicators.set(indicators)
        if shared_with is not None:
            challenge.shared_with.set(shared_with)
        record_history(
            user=user,
            obj=challenge,
            action="create" if stored is None else "update",
            before=before,
            after=history_snapshot(challenge),
        )
    return challenge


__all__ = [
    "ImportResult",
    "Location",
    "NotAllowed",
    "PriceIndexResult",
    "check_editor",
    "import_observations",
    "import_price_index",
    "save_challenge",
    "share_dataset",
]
