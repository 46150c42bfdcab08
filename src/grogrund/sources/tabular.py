"""CSV and XLSX files as ObservationRecords, with a column mapping.

Layouts:
- long: one figure per row; columns for area, indicator (or a fixed `indicator`), period
  (or a fixed `period`), value and/or numerator and denominator;
- wide: one row per area (and period), one column per indicator: `indicator_columns`
  maps column name → indicator code.

Rows are numbered as the user sees them in a spreadsheet (header = row 1). Every cell of every
row, header included, is checked for personal identity numbers before the row is used. The
readers stream; the import layer stores in one transaction, so raising mid-file is fine.

Numbers: Swedish "1 234,5" (spaces, non-breaking spaces, decimal comma), "1234.5", a
trailing "%" is dropped (the figure is taken in the indicator's unit). Empty cells and the
SCB symbols "..", ".", "-", "–" are missing values (None, with the symbol as status).
Area codes that lost their leading zero in a spreadsheet are restored: 1–2 digits are a
county ("1" → "01"), 3 digits a municipality ("114" → "0114"); no municipality code is below
0114 and no county above 25, so this is unambiguous.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import itertools
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from .decimals import ColumnNumbers
from .decimals import parse_number as parse_number  # the number rules of the module doc
from .errors import SourceError, gettext_noop
from .personal_numbers import check_row, column_labels
from .records import Location, ObservationRecord
from .regions import (
    LEVELS,
    RegionLookupError,
    RegionMatcher,
    describe_candidates,
    looks_like_code,
    normalise_area_code,
)
from .scales import SCALES
from .workbooks import open_workbook

MISSING_SYMBOLS = frozenset({"", "..", ".", "-", "–", "—"})
_CHUNK = 1 << 20


class RowsRule(BaseModel):
    """Numerator and denominator on separate rows of one table: the rows whose `column` holds
    one of `numerator` are the numerator, those holding one of `denominator` the denominator,
    paired by area, period and every other column. Rows with other values are left out."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    column: str
    numerator: str | list[str]
    denominator: str | list[str]


class ColumnMapping(BaseModel):
    """Which column holds what. Column names match the header case-insensitively.

    Beyond the long and wide layouts (module doc), for files as Statistikdatabasen gives them:
    `period_columns` (a list of column names, a regular expression, or "auto": every column
    whose name ends in a period, "Antal 2020" → 2020) turns periods given as columns into one
    figure per period; `filters` keep only rows whose column holds one of the values given
    (Kön: totalt); `rows_rule` combines numerator and denominator rows; `month` is a column
    with the month when `period` holds the year, `quarter` one with the quarter (1–4, K3,
    Q3: "2024" and "3" → 2024K3, as Försäkringskassan's files give it); `header_row` says
    where the header is (default: the first row that has the mapped columns, so title rows
    above are skipped); `region_level` limits region names to one level; `scale` is the
    scale of the figures (sources.scales); `fixed_area` one area for the whole file.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    area_code: str | None = None
    fixed_area: str | None = None
    indicator_code: str | None = None  # column with the indicator code (long layout)
    indicator: str | None = None  # fixed indicator code for the whole file
    period: str | None = None  # column with the period
    fixed_period: str | None = None  # fixed period for the whole file
    month: str | None = None  # column with the month; `period` then holds the year
    quarter: str | None = None  # column with the quarter; `period` then holds the year
    value: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    indicator_columns: dict[str, str] | None = None  # wide layout: column → indicator code
    period_columns: list[str] | str | None = None
    filters: dict[str, str | list[str]] | None = None
    rows_rule: RowsRule | None = None
    header_row: int | None = None
    region_level: str | None = None
    scale: str = "unit"
    # The decimal mark of the file's numbers when "1,234" must not be guessed (decimals.py).
    decimal: Literal[",", "."] | None = None
    source: str = ""
    sheet: str | None = None  # XLSX sheet; default the first

    @model_validator(mode="after")
    def _complete(self) -> ColumnMapping:
        if (self.area_code is None) == (self.fixed_area is None):
            raise ValueError("give either area_code (a column) or fixed_area")
        wide = self.indicator_columns is not None
        periods_wide = self.period_columns is not None
        if wide and (self.value or self.numerator or self.denominator or self.indicator_code):
            raise ValueError("a wide mapping (indicator_columns) has no value/indicator columns")
        if wide and (periods_wide or self.rows_rule is not None):
            raise ValueError("indicator_columns cannot be combined with period_columns/rows_rule")
        if not wide:
            if (self.indicator_code is None) == (self.indicator is None):
                raise ValueError("give either indicator_code (a column) or indicator (fixed)")
            if periods_wide:
                if self.value or self.numerator or self.denominator:
                    raise ValueError("with period_columns the figures are in those columns")
            elif self.rows_rule is not None:
                if self.value is None or self.numerator or self.denominator:
                    raise ValueError("a rows_rule needs a value column (or period_columns)")
            elif self.value is None and (self.numerator is None or self.denominator is None):
                raise ValueError("give a value column, or numerator and denominator columns")
        if periods_wide:
            if self.period is not None or self.fixed_period is not None:
                raise ValueError("with period_columns give no period or fixed_period")
        elif (self.period is None) == (self.fixed_period is None):
            raise ValueError("give either period (a column) or fixed_period")
        if self.month is not None and self.period is None:
            raise ValueError("month needs a period column holding the year")
        if self.quarter is not None and self.period is None:
            raise ValueError("quarter needs a period column holding the year")
        if self.month is not None and self.quarter is not None:
            raise ValueError("give either month or quarter, not both")
        if self.scale not in SCALES:
            raise ValueError(f"scale must be one of {', '.join(SCALES)}")
        if self.header_row is not None and self.header_row < 1:
            raise ValueError("header_row counts from 1")
        if self.region_level is not None and self.region_level not in LEVELS:
            raise ValueError(f"region_level must be one of {', '.join(LEVELS)}")
        return self

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, file: str = "<mapping>") -> ColumnMapping:
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            reason = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'mapping'}: {e['msg']}"
                for e in exc.errors()
            )
            raise SourceError(
                gettext_noop("The column mapping %(file)s is invalid: %(reason)s. Correct it."),
                {"reason": reason},
                Location(file=file),
                code="invalid_mapping",
            ) from exc


# ---------------------------------------------------------------------------------------
# Cell parsing


def _text(value: object) -> str:
    if type(value) is str:  # the common case first: every CSV cell
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).strip()


# ---------------------------------------------------------------------------------------
# Row processing shared by CSV and XLSX


@dataclass(frozen=True, slots=True)
class _Column:
    index: int
    label: str  # "C (Värde)"


_PERIOD_AT_END = re.compile(r"(\d{4}(?:[MK]\d{1,2})?)\s*$", re.IGNORECASE)
_PERIOD = re.compile(r"^(\d{4})(?:\s*([MK])\s*(\d{1,2}))?$", re.IGNORECASE)
# A quarter in a column of its own: "3", "K3", "Q3", "kvartal 3", "2024K3", "2024Q3".
_QUARTER = re.compile(r"^(?:\d{4}\s*)?(?:[KQ]|kvartal\s*)?([1-4])$", re.IGNORECASE)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "jan", "january"),
            ("februari", "feb", "february"),
            ("mars", "mar", "march"),
            ("april", "apr"),
            ("maj", "may"),
            ("juni", "jun", "june"),
            ("juli", "jul", "july"),
            ("augusti", "aug", "august"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct", "october"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
# Rows of other values than the rule's numerator/denominator, and rows a filter drops
_SKIP = object()
_AREA_CACHE_LIMIT = 200_000

RegionSource = RegionMatcher | Callable[[], RegionMatcher] | None


def normalise_period(text: str) -> str:
    """ "2024m9" → "2024M09", "2024k3" → "2024K3"; anything else as given (trimmed)."""
    match = _PERIOD.match(text.strip())
    if match is None or match.group(2) is None:
        return text.strip()
    kind = match.group(2).upper()
    number = int(match.group(3))
    return f"{match.group(1)}M{number:02d}" if kind == "M" else f"{match.group(1)}K{number}"


def _as_set(values: str | list[str]) -> frozenset[str]:
    items = [values] if isinstance(values, str) else values
    return frozenset(_text(v).casefold() for v in items)


class _Layout:
    def __init__(
        self,
        header: Sequence[object],
        mapping: ColumnMapping,
        file: str,
        *,
        header_row: int = 1,
        regions: RegionSource = None,
    ) -> None:
        self.file = file
        self.mapping = mapping
        self.header_row = header_row
        self.numbers = ColumnNumbers(decimal=mapping.decimal)
        names = [_text(h) for h in header]
        self.names = names
        self.labels = column_labels(names)
        lookup: dict[str, int] = {}
        for i, name in enumerate(names):
            lookup.setdefault(name.casefold(), i)
        wanted: dict[str, str] = {}
        for field_name in (
            "area_code",
            "indicator_code",
            "period",
            "month",
            "quarter",
            "value",
            "numerator",
            "denominator",
        ):
            column = getattr(mapping, field_name)
            if column is not None:
                wanted[field_name] = column
        for column in mapping.indicator_columns or {}:
            wanted[f"indicator_columns:{column}"] = column
        for column in mapping.filters or {}:
            wanted[f"filter:{column}"] = column
        if mapping.rows_rule is not None:
            wanted["rows_rule"] = mapping.rows_rule.column
        if isinstance(mapping.period_columns, list):
            for column in mapping.period_columns:
                wanted[f"period_columns:{column}"] = column
        missing = [c for c in wanted.values() if c.strip().casefold() not in lookup]
        if missing:
            raise self._missing(missing)
        self.columns = {
            key: _Column(lookup[c.strip().casefold()], self.labels[lookup[c.strip().casefold()]])
            for key, c in wanted.items()
        }
        self.period_columns = self._period_columns(lookup)
        self.period_cells = [(p, _Column(i, label)) for i, p, label in self.period_columns]
        self.source = mapping.source or file
        self.scale = mapping.scale
        self.filters = [
            (self.columns[f"filter:{c}"], c, _as_set(v)) for c, v in (mapping.filters or {}).items()
        ]
        self.filter_hits = [0] * len(self.filters)
        self.filter_seen: list[dict[str, None]] = [{} for _ in self.filters]
        self.kept = 0
        rule = mapping.rows_rule
        self.rule: tuple[_Column, frozenset[str], frozenset[str]] | None = None
        if rule is not None:
            rule_column = self.columns["rows_rule"]
            self.rule = (rule_column, _as_set(rule.numerator), _as_set(rule.denominator))
            # Rows pair up when everything but the rule column and the figures agree.
            figures = {"area_code", "period", "month", "quarter", "value", "indicator_code"}
            used = {c.index for k, c in self.columns.items() if k in figures}
            used |= {i for i, _p, _l in self.period_columns}
            used.add(rule_column.index)
            self.key_columns = [i for i in range(len(names)) if i not in used]
            self.pending: dict[tuple[object, ...], list[Any]] = {}
        self._regions = regions
        self._area_cache: dict[str, str] = {}

    def _missing(self, missing: list[str]) -> SourceError:
        return SourceError(
            gettext_noop(
                "The file %(file)s lacks the column(s) %(columns)s in its header row (row "
                "1). The header has: %(found)s. Rename the columns in the file or change the "
                "column mapping."
            ),
            {
                "columns": ", ".join(f"'{c}'" for c in missing),
                "found": ", ".join(f"'{n}'" for n in self.names if n) or "-",
            },
            Location(file=self.file, row=self.header_row),
            code="missing_columns",
        )

    def _period_columns(self, lookup: dict[str, int]) -> list[tuple[int, str, str]]:
        spec = self.mapping.period_columns
        if spec is None:
            return []
        found: list[tuple[int, str, str]] = []
        if isinstance(spec, list):
            for column in spec:
                index = lookup[column.strip().casefold()]
                name = self.names[index]
                match = _PERIOD_AT_END.search(name)
                period = normalise_period(match.group(1)) if match else name
                found.append((index, period, self.labels[index]))
            return found
        pattern = _PERIOD_AT_END if spec.strip().lower() == "auto" else re.compile(spec)
        taken = {c.index for c in self.columns.values()}
        for index, name in enumerate(self.names):
            if index in taken or not name:
                continue
            match = pattern.search(name)
            if match is None:
                continue
            period = match.group(1) if match.groups() else match.group(0)
            found.append((index, normalise_period(period), self.labels[index]))
        if not found:
            raise SourceError(
                gettext_noop(
                    "No column of %(file)s is a period column as the mapping describes them "
                    "(%(pattern)s). The header has: %(found)s. Name the period columns in the "
                    "mapping."
                ),
                {
                    "pattern": spec,
                    "found": ", ".join(f"'{n}'" for n in self.names if n) or "-",
                },
                Location(file=self.file, row=self.header_row),
                code="missing_columns",
            )
        return found

    def _cell(self, cells: Sequence[object], key: str) -> tuple[str, _Column]:
        column = self.columns[key]
        value = cells[column.index] if column.index < len(cells) else None
        return _text(value), column

    def _required(self, cells: Sequence[object], key: str, field: str, row: int) -> str:
        text, column = self._cell(cells, key)
        if not text:
            raise missing_cell(self._where(column, field, row))
        return text

    def _area(self, cells: Sequence[object], row: int) -> str:
        if self.mapping.fixed_area is not None:
            return self.mapping.fixed_area
        column = self.columns["area_code"]
        raw = cells[column.index] if column.index < len(cells) else None
        text = raw if type(raw) is str else _text(raw)
        code = self._area_cache.get(text)
        if code is not None:
            return code
        label = _text(text)
        if not label:
            self._required(cells, "area_code", "area_code", row)
        if self._regions is None or looks_like_code(label):
            code = normalise_area_code(label)
        else:
            if callable(self._regions):
                self._regions = self._regions()
            try:
                code = self._regions.match(label)
            except RegionLookupError as exc:
                raise self._region_error(exc, row, column) from None
        if len(self._area_cache) < _AREA_CACHE_LIMIT:
            self._area_cache[text] = code
        return code

    def _region_error(self, exc: RegionLookupError, row: int, column: _Column) -> SourceError:
        where = self._where(column, "area_code", row)
        params = {"label": exc.label[:80], "candidates": describe_candidates(exc.candidates)}
        if exc.reason == "ambiguous":
            return SourceError(
                gettext_noop(
                    "The region '%(label)s' in %(file)s, row %(row)s, column %(column)s fits "
                    "several areas: %(candidates)s. Write the code instead, or 'Kommun (RegSO)' "
                    "such as 'Upplands Väsby (Bollstanäs)', or set region_level in the mapping."
                ),
                params,
                where,
                code="ambiguous_area",
            )
        if exc.reason == "code_name_mismatch":
            return SourceError(
                gettext_noop(
                    "The region '%(label)s' in %(file)s, row %(row)s, column %(column)s has a "
                    "code and a name that do not belong together: the code is %(candidates)s. "
                    "Correct the code or the name."
                ),
                params,
                where,
                code="area_code_name_mismatch",
            )
        return SourceError(
            gettext_noop(
                "The region '%(label)s' in %(file)s, row %(row)s, column %(column)s is not a "
                "known area. Check the spelling, write the area code (for example 0114 or "
                "0114R001), or add the area in Grogrund first."
            ),
            params,
            where,
            code="unknown_area",
        )

    def _number_at(
        self, cells: Sequence[object], column: _Column, field: str, row: int
    ) -> tuple[float | None, str]:
        raw = cells[column.index] if column.index < len(cells) else None
        if type(raw) is str:
            text = raw.strip()
            if text and "_" not in text:
                try:
                    number = float(text)
                except ValueError:
                    pass
                else:
                    if math.isfinite(number):
                        return number, ""
        elif isinstance(raw, int | float) and not isinstance(raw, bool):
            if not math.isfinite(raw):
                raise self._not_a_number(str(raw), column, field, row)
            return float(raw), ""
        text = _text(raw)
        if text in MISSING_SYMBOLS:
            return None, text or "missing"
        try:
            return self.numbers.parse(text, self._where(column, field, row)), ""
        except ValueError:
            raise self._not_a_number(text, column, field, row) from None

    def _number(
        self, cells: Sequence[object], key: str, field: str, row: int
    ) -> tuple[float | None, str]:
        return self._number_at(cells, self.columns[key], field, row)

    def _not_a_number(self, text: str, column: _Column, field: str, row: int) -> SourceError:
        params = {"value": text[:40]}
        where = self._where(column, field, row)
        # "column D (numerator)" says it all when the header is the field's own name.
        if column.label.casefold().endswith(f"({field})".casefold()):
            return SourceError(
                gettext_noop(
                    "The value '%(value)s' in %(file)s, row %(row)s, column %(column)s is "
                    "not a number. Write a number such as 1234,5, or leave the cell empty "
                    "(or write ..) if the figure is missing."
                ),
                params,
                where,
                code="not_a_number",
            )
        return SourceError(
            gettext_noop(
                "The value '%(value)s' in %(file)s, row %(row)s, column %(column)s "
                "(%(field)s) is not a number. Write a number such as 1234,5, or leave the "
                "cell empty (or write ..) if the figure is missing."
            ),
            params,
            where,
            code="not_a_number",
        )

    def _kept(self, cells: Sequence[object]) -> bool:
        keep = True
        for i, (column, _name, allowed) in enumerate(self.filters):
            raw = cells[column.index] if column.index < len(cells) else None
            value = _text(raw)
            if value.casefold() in allowed:
                self.filter_hits[i] += 1
            else:
                seen = self.filter_seen[i]
                if len(seen) < 20:
                    seen.setdefault(value, None)
                keep = False
        return keep

    def _period(self, cells: Sequence[object], row: int) -> str:
        m = self.mapping
        if m.period is None:
            return m.fixed_period or ""
        period = normalise_period(self._required(cells, "period", "period", row))
        if m.quarter is not None:
            quarter_text = self._required(cells, "quarter", "quarter", row)
            return f"{period[:4]}K{self._quarter(quarter_text, row)}"
        if m.month is None:
            return period
        month_text = self._required(cells, "month", "month", row)
        return f"{period[:4]}M{self._month(month_text, row):02d}"

    def _quarter(self, text: str, row: int) -> int:
        match = _QUARTER.match(text.strip())
        if match is None:
            raise SourceError(
                gettext_noop(
                    "The quarter '%(value)s' in %(file)s, row %(row)s, column %(column)s is "
                    "not a quarter. Write 1–4, K3 or a period such as 2024K3."
                ),
                {"value": text[:40]},
                self._where(self.columns["quarter"], "quarter", row),
                code="not_a_period",
            )
        return int(match.group(1))

    def _where(self, column: _Column, field: str, row: int) -> Location:
        """Where the cell of `column` in `row`, read as `field`, is: for a message about it."""
        return Location(file=self.file, row=row, column=column.label, field=field)

    def _month(self, text: str, row: int) -> int:
        folded = text.strip().casefold()
        match = _PERIOD.match(text.strip())
        if match is not None and match.group(2) and match.group(2).upper() == "M":
            number = int(match.group(3))
        elif folded.isdigit():
            number = int(folded)
        else:
            number = _MONTHS.get(folded.rstrip("."), 0)
        if not 1 <= number <= 12:
            raise SourceError(
                gettext_noop(
                    "The month '%(value)s' in %(file)s, row %(row)s, column %(column)s is not "
                    "a month. Write 1–12, a month name (september) or a period such as 2024M09."
                ),
                {"value": text[:40]},
                self._where(self.columns["month"], "month", row),
                code="not_a_period",
            )
        return number

    def row_reader(self) -> Callable[[Sequence[object], int], Iterable[ObservationRecord]]:
        """The function that turns one data row into records: `records`, or for periods as
        columns (Statistikdatabasen's wide tables, a million rows) the same work with the
        per-row look-ups done once here."""
        m = self.mapping
        if not self.period_cells or self.rule is not None or m.indicator_columns is not None:
            return self.records
        return self._period_reader()

    def _period_reader(self) -> Callable[[Sequence[object], int], list[ObservationRecord]]:
        """`records` for periods as columns without a rows rule, as one closure: the result
        must be the same as `records` gives (tests/sources compare them)."""
        filters = [
            (i, column.index, allowed) for i, (column, _n, allowed) in enumerate(self.filters)
        ]
        hits, seen_values = self.filter_hits, self.filter_seen
        area_index = self.columns["area_code"].index if "area_code" in self.columns else -1
        area_cache, find_area = self._area_cache, self._area
        indicator_index = (
            self.columns["indicator_code"].index if "indicator_code" in self.columns else -1
        )
        fixed_indicator = self.mapping.indicator or ""
        required = self._required
        periods = [
            (period, column.index, column.label, column) for period, column in self.period_cells
        ]
        number_at = self._number_at
        source, file, scale = self.source, self.file, self.scale
        isfinite = math.isfinite
        record, location = ObservationRecord, Location

        def read(cells: Sequence[object], row: int) -> list[ObservationRecord]:
            n = len(cells)
            if filters:
                keep = True
                for i, index, allowed in filters:
                    raw = cells[index] if index < n else None
                    shown = raw.strip() if type(raw) is str else _text(raw)
                    if shown.casefold() in allowed:
                        hits[i] += 1
                    else:
                        seen = seen_values[i]
                        if len(seen) < 20:
                            seen.setdefault(shown, None)
                        keep = False
                if not keep:
                    return []
            self.kept += 1
            raw = cells[area_index] if 0 <= area_index < n else None
            area = area_cache.get(raw) if type(raw) is str else None
            if area is None:
                area = find_area(cells, row)
            if indicator_index >= 0:
                raw = cells[indicator_index] if indicator_index < n else None
                indicator = raw.strip() if type(raw) is str else ""
                if not indicator:
                    indicator = required(cells, "indicator_code", "indicator_code", row)
            else:
                indicator = fixed_indicator
            out = []
            for period, index, label, column in periods:
                raw = cells[index] if index < n else None
                value: float | None = None
                status = ""
                if type(raw) is str:
                    text = raw.strip()
                    if text and "_" not in text:
                        try:
                            value = float(text)
                        except ValueError:
                            value = None
                        else:
                            if not isfinite(value):
                                value = None
                if value is None:
                    value, status = number_at(cells, column, "value", row)
                out.append(
                    record(
                        area,
                        indicator,
                        period,
                        value,
                        None,
                        None,
                        source,
                        location(file, row, label, "value"),
                        status,
                        "",
                        scale,
                    )
                )
            return out

        return read

    def records(self, cells: Sequence[object], row: int) -> Iterator[ObservationRecord]:
        m = self.mapping
        if self.filters and not self._kept(cells):
            return
        if self.rule is not None:
            rule_column, numerators, denominators = self.rule
            raw = cells[rule_column.index] if rule_column.index < len(cells) else None
            role = _text(raw).casefold()
            if role in numerators:
                half = 0
            elif role in denominators:
                half = 1
            else:
                return
        self.kept += 1
        area = self._area(cells, row)
        if m.indicator_columns is not None:
            period = self._period(cells, row)
            for column_name, indicator in m.indicator_columns.items():
                key = f"indicator_columns:{column_name}"
                figure, figure_status = self._number(cells, key, indicator, row)
                yield ObservationRecord(
                    area,
                    indicator,
                    period,
                    figure,
                    None,
                    None,
                    self.source,
                    Location(self.file, row, self.columns[key].label, "value"),
                    status=figure_status,
                    scale=self.scale,
                )
            return
        if m.indicator_code is not None:
            indicator = self._required(cells, "indicator_code", "indicator_code", row)
        else:
            indicator = m.indicator or ""
        if self.period_columns:
            number_at = self._number_at
            figures = [
                (period, column.label, *number_at(cells, column, "value", row))
                for period, column in self.period_cells
            ]
        else:
            figures = []
        if self.rule is not None:
            if not figures:
                value, status = self._number(cells, "value", "value", row)
                figures = [(self._period(cells, row), self.columns["value"].label, value, status)]
            yield from self._pair(cells, row, area, indicator, figures, half)
            return
        if figures:
            source, file, scale = self.source, self.file, self.scale
            for period, label, value, status in figures:
                yield ObservationRecord(
                    area,
                    indicator,
                    period,
                    value,
                    None,
                    None,
                    source,
                    Location(file, row, label, "value"),
                    status=status,
                    scale=scale,
                )
            return
        period = self._period(cells, row)
        value = None
        numerator: float | None = None
        denominator: float | None = None
        status = ""
        if m.numerator is not None:
            numerator, s1 = self._number(cells, "numerator", "numerator", row)
            denominator, s2 = self._number(cells, "denominator", "denominator", row)
            status = s1 or s2
        if m.value is not None:
            value, s3 = self._number(cells, "value", "value", row)
            status = s3 or status
        elif numerator is not None and denominator:
            value = numerator / denominator
            status = ""
        column = self.columns["value" if m.value is not None else "numerator"].label
        yield ObservationRecord(
            area,
            indicator,
            period,
            value,
            numerator,
            denominator,
            self.source,
            Location(self.file, row, column, "value"),
            status=status,
            scale=self.scale,
        )

    def _pair(
        self,
        cells: Sequence[object],
        row: int,
        area: str,
        indicator: str,
        figures: list[tuple[str, str, float | None, str]],
        half: int,
    ) -> Iterator[ObservationRecord]:
        others = tuple(_text(cells[i]) if i < len(cells) else "" for i in self.key_columns)
        for period, label, value, status in figures:
            key = (area, indicator, period, others)
            pending = self.pending.get(key)
            if pending is None:
                pending = self.pending[key] = [None, None, row, label]
            if pending[half] is not None:
                raise SourceError(
                    gettext_noop(
                        "%(file)s, row %(row)s gives the %(field)s of area %(area)s, period "
                        "%(period)s a second time (first on row %(first)s). Keep one row each "
                        "for the numerator and the denominator, or filter on the other columns."
                    ),
                    {"area": area, "period": period, "first": pending[2]},
                    Location(self.file, row, label, "numerator" if half == 0 else "denominator"),
                    code="duplicate_row",
                )
            pending[half] = (value, status)
            if pending[1 - half] is None:
                continue
            del self.pending[key]
            (numerator, s1), (denominator, s2) = pending[0], pending[1]
            share = numerator / denominator if numerator is not None and denominator else None
            yield ObservationRecord(
                area,
                indicator,
                period,
                share,
                numerator,
                denominator,
                self.source,
                Location(self.file, min(row, pending[2]), pending[3], "value"),
                status="" if share is not None else (s1 or s2 or "missing"),
                scale=self.scale,
            )

    def finish(self, data_rows: int) -> None:
        """Errors only the whole file shows: a filter that kept nothing, a half-pair, a
        "1,234" that no other value of its column settles."""
        self.numbers.finish()
        if data_rows and self.filters and self.kept == 0:
            for i, (column, name, allowed) in enumerate(self.filters):
                if self.filter_hits[i] == 0 or i == len(self.filters) - 1:
                    raise SourceError(
                        gettext_noop(
                            "The filter on column %(column)s (%(wanted)s) keeps no row of "
                            "%(file)s. The column holds: %(present)s. Correct the filter in "
                            "the mapping."
                        ),
                        {
                            "wanted": ", ".join(f"'{v}'" for v in sorted(allowed)),
                            "present": ", ".join(f"'{v}'" for v in self.filter_seen[i]) or "-",
                            "name": name,
                        },
                        Location(file=self.file, column=column.label),
                        code="filter_keeps_nothing",
                    )
        if self.rule is not None and self.pending:
            key, (num, _den, row, label) = next(iter(self.pending.items()))
            rule = self.mapping.rows_rule
            assert rule is not None
            raise SourceError(
                gettext_noop(
                    "Row %(row)s of %(file)s (area %(area)s, period %(period)s) has no partner "
                    "row: every numerator row ('%(numerator)s' in column %(rule_column)s) needs "
                    "a denominator row ('%(denominator)s') with the same area, period and other "
                    "columns, and the other way round."
                ),
                {
                    "area": key[0],
                    "period": key[2],
                    "numerator": _joined(rule.numerator),
                    "denominator": _joined(rule.denominator),
                    "rule_column": self.rule[0].label,
                },
                Location(self.file, row, label, "numerator" if num is not None else "denominator"),
                code="unpaired_row",
            )


def _joined(values: str | list[str]) -> str:
    return values if isinstance(values, str) else "/".join(values)


def missing_cell(where: Location) -> SourceError:
    """The error for a row that leaves a required cell (`where.field`) empty."""
    return SourceError(
        gettext_noop(
            "Row %(row)s of %(file)s has no %(field)s in column %(column)s. Fill it in "
            "or delete the row."
        ),
        {},
        where,
        code="missing_cell",
    )


def empty_file(file: str) -> SourceError:
    return SourceError(
        gettext_noop(
            "The file %(file)s is empty. It needs a header row (row 1) and at least one row of "
            "figures below it."
        ),
        {},
        Location(file=file),
        code="empty_file",
    )


def _blank(cells: Sequence[object]) -> bool:
    for cell in cells:
        if cell is not None and (type(cell) is not str or cell.strip()):
            return False
    return True


def _filled(cells: Sequence[object]) -> int:
    return sum(1 for c in cells if c is not None and (type(c) is not str or c.strip()))


def _unquoted_row(cells: Sequence[object], width: int) -> Sequence[object]:
    """The cells of a table row that was quoted whole, as one cell:
    `"2005,1,O00-O99,""Graviditet, …"",4098,…"` (a program that saw the row as one column
    quoted it and doubled the quotes inside; the copy of Försäkringskassan's open-data file
    in tests/sources/fixtures/fk has such rows). Split only when the pieces are as many as
    the header's columns; anything else stays one cell."""
    text = cells[0]
    if type(text) is not str:
        return cells
    for delimiter in (";", ",", "\t"):
        if delimiter in text:
            split = next(csv.reader([text], delimiter=delimiter), [])
            if len(split) == width:
                return split
    return cells


# How far down a title and notes above the table may push the header.
_HEADER_SEARCH_ROWS = 30


def _rows_to_records(
    rows: Iterable[tuple[int, Sequence[object]]],
    mapping: ColumnMapping,
    file: str,
    regions: RegionSource = None,
) -> Iterator[ObservationRecord]:
    layout: _Layout | None = None
    first_error: SourceError | None = None
    searched = 0
    data_rows = 0
    after_blank = False
    records = None
    for row, cells in rows:
        if _blank(cells):
            if layout is not None and data_rows:
                after_blank = True
            continue  # blank rows are harmless
        check_row(cells, file=file, row=row, columns=layout.labels if layout else None)
        if layout is None:
            if mapping.header_row is not None and row < mapping.header_row:
                continue
            try:
                layout = _Layout(cells, mapping, file, header_row=row, regions=regions)
            except SourceError as exc:
                if exc.code != "missing_columns" or mapping.header_row is not None:
                    raise
                first_error = first_error or exc
                searched += 1
                if searched >= _HEADER_SEARCH_ROWS:
                    raise first_error from None
                continue
            records = layout.row_reader()
            continue
        if after_blank and _filled(cells) <= 1:
            continue  # notes and sources below the table ("Källa: SCB", footnotes)
        if len(cells) == 1 and len(layout.names) > 1:
            cells = _unquoted_row(cells, len(layout.names))
        data_rows += 1
        assert records is not None
        yield from records(cells, row)
    if layout is None:
        if first_error is not None:
            raise first_error
        raise empty_file(file)
    if data_rows == 0:
        raise empty_file(file)
    layout.finish(data_rows)


# ---------------------------------------------------------------------------------------
# CSV


def detect_encoding(path: Path) -> str:
    """utf-8-sig if the whole file is valid UTF-8 (BOM or not), else cp1252 (Excel on
    Windows). Decodes incrementally, so memory stays flat."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def sniff_delimiter(first_line: str) -> str:
    """The most frequent of ; , and tab in the header line (";" wins ties: Swedish Excel)."""
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ";"))
    return best if counts[best] else ";"


# Lines read ahead to find the delimiter when a title line stands above the table.
_SNIFF_LINES = 12


def _without_crcrlf(lines: Iterable[str]) -> Iterator[str]:
    """Lines of a file saved with CR CR LF line ends (an export that wrote "\r\n" through a
    text layer that added another "\r"): each line comes as "…\r" and then a lone "\r\n",
    which is the same line end, not an empty row."""
    previous_cr = False
    for line in lines:
        if line == "\r\n" and previous_cr:
            previous_cr = False
            continue
        previous_cr = line.endswith("\r") and not line.endswith("\r\n")
        yield line


def csv_rows(path: Path, *, encoding: str | None = None) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of a CSV file: its encoding detected (unless given), its
    delimiter sniffed, its line ends read as _csv_rows says."""
    row = 0
    encoding = encoding or detect_encoding(path)
    try:
        with path.open(encoding=encoding, newline="") as fh:
            for row, cells in _csv_rows(fh):
                yield row, cells
    except UnicodeDecodeError as exc:
        raise undecodable_text(path.name, _first_undecodable_line(path, encoding)) from exc
    except csv.Error as exc:
        raise csv_cell_too_long(path.name, row + 1) from exc


def _first_undecodable_line(path: Path, encoding: str) -> int:
    """The line the decoder stopped at (it reads ahead in blocks, so its own position says
    little); lines are split at LF, as a spreadsheet counts its rows."""
    with path.open("rb") as fh:
        for number, line in enumerate(fh, start=1):
            try:
                line.decode(encoding)
            except UnicodeDecodeError:
                return number
    return 1


def undecodable_text(file: str, row: int) -> SourceError:
    return SourceError(
        gettext_noop(
            "Row %(row)s of %(file)s contains bytes that are not text in UTF-8 or Windows-1252. "
            "Save the file again as CSV (UTF-8), or export it from the program it came from."
        ),
        {},
        Location(file=file, row=row),
        code="undecodable_text",
    )


def csv_cell_too_long(file: str, row: int) -> SourceError:
    """Python's csv reader stops at cells over 128 kB (or an unclosed quote that swallows the
    rest of the file); no statistics cell is that long."""
    return SourceError(
        gettext_noop(
            "Row %(row)s of %(file)s has a cell longer than %(limit)s characters, or a quote "
            "mark that is never closed. Check the row in a spreadsheet, or save the file "
            "again as CSV."
        ),
        {"limit": csv.field_size_limit()},
        Location(file=file, row=row),
        code="csv_cell_too_long",
    )


def _csv_rows(fh: IO[str]) -> Iterator[tuple[int, list[str]]]:
    head: list[str] = []
    for line in fh:
        head.append(line)
        if len(head) >= _SNIFF_LINES:
            break
    crcrlf = any(
        a.endswith("\r") and not a.endswith("\r\n") and b == "\r\n"
        for a, b in itertools.pairwise(head)
    )
    lines: Iterable[str] = itertools.chain(head, fh)
    if crcrlf:
        lines = _without_crcrlf(lines)
        head = list(_without_crcrlf(head))
    counts = {d: max((line.count(d) for line in head), default=0) for d in (";", ",", "\t")}
    delimiter = max(counts, key=lambda d: (counts[d], d == ";")) if any(counts.values()) else ";"
    reader = csv.reader(lines, delimiter=delimiter)
    for cells in reader:
        # line_num counts the lines read, as a spreadsheet numbers its rows.
        yield reader.line_num, cells


def read_csv(
    path: str | Path,
    mapping: ColumnMapping,
    *,
    encoding: str | None = None,
    regions: RegionSource = None,
) -> Iterator[ObservationRecord]:
    """ObservationRecords from a CSV file (delimiter ; , or tab; UTF-8 with or without BOM
    or cp1252; LF, CR LF or CR CR LF line ends). `regions` matches region names to codes."""
    path = Path(path)
    if path.stat().st_size == 0:
        raise empty_file(path.name)
    yield from _rows_to_records(csv_rows(path, encoding=encoding), mapping, path.name, regions)


# ---------------------------------------------------------------------------------------
# XLSX


def read_xlsx(
    path: str | Path,
    mapping: ColumnMapping,
    *,
    sheet: str | None = None,
    regions: RegionSource = None,
) -> Iterator[ObservationRecord]:
    """ObservationRecords from an XLSX workbook (first sheet unless `sheet`/mapping.sheet)."""
    path = Path(path)
    with open_sheet(path, sheet or mapping.sheet) as worksheet:
        rows = enumerate(worksheet.iter_rows(values_only=True), start=1)
        file = f"{path.name} ({worksheet.title})"
        yield from _rows_to_records(rows, mapping, file, regions)


@contextmanager
def open_sheet(path: Path, sheet: str | None) -> Iterator[Any]:
    """The worksheet `sheet` (default the first) of an XLSX workbook, read-only and closed
    afterwards; SourceError if the file is no workbook, is too big unpacked (see
    `workbooks.open_workbook`) or has no such sheet."""
    with open_workbook(path) as workbook:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise SourceError(
                gettext_noop(
                    "The workbook %(file)s has no sheet named '%(sheet)s'. Its sheets are "
                    "%(sheets)s."
                ),
                {"sheet": sheet, "sheets": ", ".join(workbook.sheetnames)},
                Location(file=path.name),
                code="unknown_sheet",
            )
        yield workbook[sheet] if sheet is not None else workbook.worksheets[0]


def read_table(
    path: str | Path, mapping: ColumnMapping, *, regions: RegionSource = None
) -> Iterator[ObservationRecord]:
    """Read CSV or XLSX by file extension. `regions` (a RegionMatcher, or a function that
    makes one when the first region name turns up) matches region names to area codes."""
    path = Path(path)
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return read_xlsx(path, mapping, regions=regions)
    return read_csv(path, mapping, regions=regions)


def read_header(path: str | Path, *, sheet: str | None = None) -> list[str]:
    """The header row (row 1) of a CSV or XLSX file, as text; [] for an empty file.

    Lets a form offer default column names and drop those the file does not have.
    """
    path = Path(path)
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        try:
            with open_workbook(path) as workbook:
                names = workbook.sheetnames
                worksheet = workbook[sheet] if sheet in names else workbook.worksheets[0]
                first = next(worksheet.iter_rows(values_only=True, max_row=1), ())
                return [_text(cell) for cell in first]
        except SourceError:  # reported by read_xlsx with its message when the file is read
            return []
    if path.stat().st_size == 0:
        return []
    for _number, cells in csv_rows(path):
        return [cell.strip() for cell in cells]
    return []
