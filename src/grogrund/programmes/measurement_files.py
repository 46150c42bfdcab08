"""Measurements for a programme's goals from a CSV or XLSX file.

One row per goal and year. Columns (header in row 1, Swedish or English names, any order):

- ``mål``/``goal``: the goal's number (shown on the goal page), or
  ``indikator``/``indicator``: the code of a goal's indicator, with ``område``/``area`` (the
  area code) when the programme has goals for that indicator in several areas;
- ``år``/``year``;
- ``värde``/``value`` in percent (57,5 or 57,5 %), or ``täljare``/``numerator`` and
  ``nämnare``/``denominator``;
- ``källa``/``source`` (optional: the source given in the form is used for empty cells).

Every cell of every row, header included, is checked for personal identity numbers before the
row is read, as in the statistics import (grogrund.sources.tabular). Errors name the file, the
row as a spreadsheet shows it, the column, and what to do.

The reading of such a file (`read_rows`: CSV or XLSX, header, personal numbers, row limit,
`FileRow` for years, numbers and sources) is shared with other files of figures per year, such
as an initiative's outcome values (grogrund.initiatives.outcome_files).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from grogrund.programmes.models import Goal
from grogrund.sources.errors import SourceError, gettext_noop
from grogrund.sources.personal_numbers import check_row, column_letter
from grogrund.sources.records import Location
from grogrund.sources.tabular import MISSING_SYMBOLS, csv_rows, parse_number
from grogrund.sources.workbooks import open_workbook

HEADERS: dict[str, tuple[str, ...]] = {
    "goal": ("mål", "mal", "goal", "mål-id", "goal id", "goal_id"),
    "indicator": ("indikator", "indicator", "indikatorkod", "indicator code"),
    "area": ("område", "omrade", "area", "områdeskod", "area code"),
    "year": ("år", "ar", "year", "period"),
    "value": ("värde", "varde", "value", "värde (%)", "value (%)", "procent", "percent"),
    "numerator": ("täljare", "taljare", "numerator"),
    "denominator": ("nämnare", "namnare", "denominator"),
    "source": ("källa", "kalla", "source"),
}
MAX_ROWS = 10_000


@dataclass(frozen=True)
class MeasurementLine:
    """One row of the file, checked and tied to one of the programme's goals."""

    goal: Goal
    year: int
    value: float | None  # share 0–1
    numerator: float | None
    denominator: float | None
    source: str
    location: Location


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _blank(cells: Sequence[object]) -> bool:
    return all(_text(c) == "" for c in cells)


def _xlsx_rows(path: Path) -> Iterator[tuple[int, Sequence[object]]]:
    with open_workbook(path) as workbook:
        sheet = workbook.worksheets[0]
        for row, cells in enumerate(sheet.iter_rows(), start=1):
            yield row, [_as_shown(cell) for cell in cells]


def _as_shown(cell: object) -> object:
    """The cell's value as the sheet shows it: a number formatted as a percentage (typing
    57,5 % in Excel stores 0.575) is read as the percent shown, 57.5."""
    value = getattr(cell, "value", None)
    number_format = getattr(cell, "number_format", None) or ""
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in number_format:
        return round(value * 100, 9)
    return value


def _rows(path: Path) -> Iterator[tuple[int, Sequence[object]]]:
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return _xlsx_rows(path)
    return csv_rows(path)


@dataclass(frozen=True)
class FileRow:
    """A data row of a file of figures per year, read against its header: the cells by field
    name (the keys of the `headers` given to read_rows), and where each of them is."""

    row: int  # as a spreadsheet shows it (the header is row 1)
    cells: Sequence[object]
    file: str
    columns: Mapping[str, int]
    labels: Sequence[str]

    @property
    def location(self) -> Location:
        return Location(file=self.file, row=self.row)

    def has(self, field: str) -> bool:
        return field in self.columns

    def where(self, field: str) -> Location:
        return Location(
            file=self.file, row=self.row, column=self.labels[self.columns[field]], field=field
        )

    def text(self, field: str) -> str:
        index = self.columns.get(field)
        if index is None or index >= len(self.cells):
            return ""
        return _text(self.cells[index])

    def year(self, field: str = "year") -> int:
        year_text = self.text(field)
        try:
            year = int(parse_number(year_text))
            if not 1900 <= year <= 2200 or float(year) != parse_number(year_text):
                raise ValueError(year_text)
        except ValueError:
            raise SourceError(
                gettext_noop(
                    "The year '%(value)s' in %(file)s, row %(row)s, column %(column)s is not a "
                    "year. Write a year such as 2024."
                ),
                {"value": year_text[:40]},
                self.where(field),
                code="not_a_year",
            ) from None
        return year

    def number(self, field: str) -> float | None:
        """The cell as a number (Swedish decimal comma, spaces and a % sign allowed); None for
        an empty cell or a symbol of a missing value (MISSING_SYMBOLS)."""
        index = self.columns[field]
        raw = self.cells[index] if index < len(self.cells) else None
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            return float(raw)
        text = _text(raw)
        if text in MISSING_SYMBOLS:
            return None
        try:
            return parse_number(text)
        except ValueError:
            raise SourceError(
                gettext_noop(
                    "The value '%(value)s' in %(file)s, row %(row)s, column %(column)s is not a "
                    "number. Write a number such as 57,5."
                ),
                {"value": text[:40]},
                self.where(field),
                code="not_a_number",
            ) from None

    def source(self, default: str, field: str = "source") -> str:
        """The row's source, or `default` (given in the form) when its cell is empty."""
        source = self.text(field) or default
        if not source:
            raise SourceError(
                gettext_noop(
                    "Row %(row)s of %(file)s has no source. Fill in the column källa/source, or "
                    "give a source in the form for the whole file."
                ),
                {},
                self.location,
                code="missing_source",
            )
        return source[:300]


def read_rows(
    path: str | Path,
    headers: Mapping[str, tuple[str, ...]],
    missing: Callable[[Mapping[str, int]], list[str]],
) -> Iterator[FileRow]:
    """The data rows of a CSV or XLSX file whose row 1 names its columns (`headers`: field →
    the names it may have, lower case). Every cell, header included, is checked for personal
    identity numbers first; `missing(found)` names the columns the header lacks. Blank rows
    are skipped; a file without data rows, or with more than MAX_ROWS, raises SourceError."""
    path = Path(path)
    file = path.name
    columns: dict[str, int] = {}
    labels: list[str] = []
    header_seen = False
    count = 0
    for row, cells in _rows(path):
        if _blank(cells):
            continue
        check_row(cells, file=file, row=row, columns=labels or None)
        if not header_seen:
            header_seen = True
            names = [_text(c) for c in cells]
            labels = [
                f"{column_letter(i)} ({n})" if n else column_letter(i) for i, n in enumerate(names)
            ]
            columns = _columns(names, file, headers, missing)
            continue
        if count >= MAX_ROWS:
            raise SourceError(
                gettext_noop(
                    "The file %(file)s has more than %(max)s rows of measurements. Split it "
                    "into smaller files."
                ),
                {"max": MAX_ROWS},
                Location(file=file, row=row),
                code="too_many_rows",
            )
        count += 1
        yield FileRow(row, cells, file, columns, labels)
    if not count:
        raise SourceError(
            gettext_noop(
                "The file %(file)s has no measurements. It needs a header row (row 1) and at "
                "least one row below it."
            ),
            {},
            Location(file=file),
            code="empty_file",
        )


def _columns(
    names: list[str],
    file: str,
    headers: Mapping[str, tuple[str, ...]],
    missing: Callable[[Mapping[str, int]], list[str]],
) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, name in enumerate(names):
        key = name.strip().casefold()
        for field, aliases in headers.items():
            if key in aliases and field not in found:
                found[field] = index
    problems = missing(found)
    if problems:
        raise SourceError(
            gettext_noop(
                "The file %(file)s lacks the column(s) %(columns)s in its header row (row 1). "
                "The header has: %(found)s. Name the columns as in the example on this page."
            ),
            {
                "columns": "; ".join(problems),
                "found": ", ".join(f"'{n}'" for n in names if n) or "-",
            },
            Location(file=file, row=1),
            code="missing_columns",
        )
    return found


class _Goals:
    """The programme's goals by number and by (indicator, area)."""

    def __init__(self, goals: Sequence[Goal]) -> None:
        self.by_pk = {g.pk: g for g in goals}
        self.by_indicator: dict[str, list[Goal]] = {}
        for g in goals:
            self.by_indicator.setdefault(g.indicator.code.casefold(), []).append(g)

    def choices(self) -> str:
        return (
            ", ".join(f"{g.pk} ({g.indicator.code}, {g.area.code})" for g in self.by_pk.values())
            or "-"
        )


def _missing_goal_columns(found: Mapping[str, int]) -> list[str]:
    problems = []
    if "goal" not in found and "indicator" not in found:
        problems.append("mål/goal | indikator/indicator")
    if "year" not in found:
        problems.append("år/year")
    if "value" not in found and not ("numerator" in found and "denominator" in found):
        problems.append("värde/value | täljare/numerator + nämnare/denominator")
    return problems


def read_measurements(
    path: str | Path, goals: Sequence[Goal], *, default_source: str
) -> list[MeasurementLine]:
    """The rows of the file as measurements of `goals` (the programme's goals), all checked;
    the first problem raises SourceError with a message for the user."""
    known = _Goals(goals)
    lines: list[MeasurementLine] = []
    seen: dict[tuple[int, int], int] = {}
    for row in read_rows(path, HEADERS, _missing_goal_columns):
        line = _line(row, known, default_source)
        key = (line.goal.pk, line.year)
        if key in seen:
            raise SourceError(
                gettext_noop(
                    "%(file)s, row %(row)s gives goal %(goal)s and year %(year)s again (first "
                    "on row %(first)s). Keep one row per goal and year."
                ),
                {"goal": line.goal.pk, "year": line.year, "first": seen[key]},
                row.location,
                code="duplicate_row",
            )
        seen[key] = row.row
        lines.append(line)
    return lines


def _line(row: FileRow, known: _Goals, default_source: str) -> MeasurementLine:
    goal = _goal(row, known)
    year = row.year()
    value = numerator = denominator = None
    if row.has("value"):
        value = row.number("value")
        if value is not None:
            if not 0.0 <= value <= 100.0:
                raise SourceError(
                    gettext_noop(
                        "The value %(value)s in %(file)s, row %(row)s, column %(column)s is not "
                        "a percentage between 0 and 100. Write the share in percent, e.g. 57,5."
                    ),
                    {"value": row.text("value")[:40]},
                    row.where("value"),
                    code="out_of_range",
                )
            value = value / 100
    if value is None and row.has("numerator") and row.has("denominator"):
        numerator = row.number("numerator")
        denominator = row.number("denominator")
        if numerator is not None and denominator is not None:
            if denominator <= 0 or numerator < 0 or numerator > denominator:
                raise SourceError(
                    gettext_noop(
                        "%(file)s, row %(row)s: the numerator (column %(column)s) must be "
                        "between 0 and the denominator, and the denominator more than 0. "
                        "Correct the figures."
                    ),
                    {},
                    row.where("numerator"),
                    code="bad_fraction",
                )
            value = numerator / denominator
    if value is None:
        field = "value" if row.has("value") else "numerator"
        raise SourceError(
            gettext_noop(
                "Row %(row)s of %(file)s has no value in column %(column)s. Give the value in "
                "percent, or a numerator and a denominator, or delete the row."
            ),
            {},
            row.where(field),
            code="missing_cell",
        )
    source = row.source(default_source)
    return MeasurementLine(goal, year, value, numerator, denominator, source, row.location)


def _goal(row: FileRow, known: _Goals) -> Goal:
    if row.has("goal") and row.text("goal"):
        text = row.text("goal")
        try:
            goal = known.by_pk.get(int(parse_number(text)))
        except ValueError:
            goal = None
        if goal is None:
            raise SourceError(
                gettext_noop(
                    "%(file)s, row %(row)s, column %(column)s: '%(value)s' is not a goal of this "
                    "programme. Use the number of one of its goals: %(goals)s."
                ),
                {"value": text[:40], "goals": known.choices()},
                row.where("goal"),
                code="unknown_goal",
            )
        return goal
    if not row.has("indicator") or not row.text("indicator"):
        field = "goal" if row.has("goal") else "indicator"
        raise SourceError(
            gettext_noop(
                "Row %(row)s of %(file)s names no goal in column %(column)s. Give the goal's "
                "number or its indicator code, or delete the row."
            ),
            {},
            row.where(field),
            code="missing_cell",
        )
    code = row.text("indicator")
    matches = known.by_indicator.get(code.casefold(), [])
    area = row.text("area")
    if area:
        matches = [g for g in matches if g.area.code.casefold() == area.casefold()]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise SourceError(
            gettext_noop(
                "%(file)s, row %(row)s, column %(column)s: the programme has no goal for the "
                "indicator '%(value)s'%(area)s. Its goals are: %(goals)s."
            ),
            {"value": code[:60], "area": f" ({area})" if area else "", "goals": known.choices()},
            row.where("indicator"),
            code="unknown_goal",
        )
    raise SourceError(
        gettext_noop(
            "%(file)s, row %(row)s, column %(column)s: the programme has goals for '%(value)s' in "
            "several areas. Add a column område/area with the area code, or use the goal's "
            "number: %(goals)s."
        ),
        {"value": code[:60], "goals": known.choices()},
        row.where("indicator"),
        code="ambiguous_goal",
    )
