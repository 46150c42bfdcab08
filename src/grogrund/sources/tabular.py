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
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from .errors import SourceError, gettext_noop
from .personal_numbers import check_row, column_letter
from .records import Location, ObservationRecord

MISSING_SYMBOLS = frozenset({"", "..", ".", "-", "–", "—"})
_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009\t")
_CHUNK = 1 << 20
_COLUMN_FIELDS = ("area_code", "indicator_code", "period", "value", "numerator", "denominator")


class ColumnMapping(BaseModel):
    """Which column holds what. Column names match the header case-insensitively."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    area_code: str
    indicator_code: str | None = None  # column with the indicator code (long layout)
    indicator: str | None = None  # fixed indicator code for the whole file
    period: str | None = None  # column with the period
    fixed_period: str | None = None  # fixed period for the whole file
    value: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    indicator_columns: dict[str, str] | None = None  # wide layout: column → indicator code
    source: str = ""
    sheet: str | None = None  # XLSX sheet; default the first

    @model_validator(mode="after")
    def _complete(self) -> ColumnMapping:
        wide = self.indicator_columns is not None
        if wide and (self.value or self.numerator or self.denominator or self.indicator_code):
            raise ValueError("a wide mapping (indicator_columns) has no value/indicator columns")
        if not wide:
            if (self.indicator_code is None) == (self.indicator is None):
                raise ValueError("give either indicator_code (a column) or indicator (fixed)")
            if self.value is None and (self.numerator is None or self.denominator is None):
                raise ValueError("give a value column, or numerator and denominator columns")
        if (self.period is None) == (self.fixed_period is None):
            raise ValueError("give either period (a column) or fixed_period")
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


def parse_number(text: str) -> float:
    """Parse "1 234,5", "1234.5", "−3", "74,1 %" → float; ValueError otherwise."""
    s = text.translate(_SPACES).replace("\u2212", "-")
    if s.endswith("%"):
        s = s[:-1]
    if "," in s and "." in s:
        # The later separator is the decimal one: "1.234,5" or "1,234.5".
        if s.rfind(",") > s.rfind("."):
            s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
    else:
        s = s.replace(",", ".")
    if not s or s.lower() in {"nan", "inf", "-inf", "+inf", "infinity"}:
        raise ValueError(text)
    return float(s)


def normalise_area_code(text: str) -> str:
    code = text.strip()
    if code.isdigit():
        if len(code) <= 2:
            return code.zfill(2)
        if len(code) == 3:
            return code.zfill(4)
    return code


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


class _Layout:
    def __init__(self, header: Sequence[object], mapping: ColumnMapping, file: str) -> None:
        self.file = file
        self.mapping = mapping
        names = [_text(h) for h in header]
        self.labels = [
            f"{column_letter(i)} ({n})" if n else column_letter(i) for i, n in enumerate(names)
        ]
        lookup: dict[str, int] = {}
        for i, name in enumerate(names):
            lookup.setdefault(name.casefold(), i)
        wanted: dict[str, str] = {}
        for field_name in (
            "area_code",
            "indicator_code",
            "period",
            "value",
            "numerator",
            "denominator",
        ):
            column = getattr(mapping, field_name)
            if column is not None:
                wanted[field_name] = column
        for column in mapping.indicator_columns or {}:
            wanted[f"indicator_columns:{column}"] = column
        missing = [c for c in wanted.values() if c.strip().casefold() not in lookup]
        if missing:
            raise SourceError(
                gettext_noop(
                    "The file %(file)s lacks the column(s) %(columns)s in its header row (row "
                    "1). The header has: %(found)s. Rename the columns in the file or change the "
                    "column mapping."
                ),
                {
                    "columns": ", ".join(f"'{c}'" for c in missing),
                    "found": ", ".join(f"'{n}'" for n in names if n) or "-",
                },
                Location(file=file, row=1),
                code="missing_columns",
            )
        self.columns = {
            key: _Column(lookup[c.strip().casefold()], self.labels[lookup[c.strip().casefold()]])
            for key, c in wanted.items()
        }
        self.source = mapping.source or file

    def _cell(self, cells: Sequence[object], key: str) -> tuple[str, _Column]:
        column = self.columns[key]
        value = cells[column.index] if column.index < len(cells) else None
        return _text(value), column

    def _required(self, cells: Sequence[object], key: str, field: str, row: int) -> str:
        text, column = self._cell(cells, key)
        if not text:
            raise SourceError(
                gettext_noop(
                    "Row %(row)s of %(file)s has no %(field)s in column %(column)s. Fill it in "
                    "or delete the row."
                ),
                {},
                Location(file=self.file, row=row, column=column.label, field=field),
                code="missing_cell",
            )
        return text

    def _number(
        self, cells: Sequence[object], key: str, field: str, row: int
    ) -> tuple[float | None, str]:
        column = self.columns[key]
        raw = cells[column.index] if column.index < len(cells) else None
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            return float(raw), ""
        text = _text(raw)
        if text in MISSING_SYMBOLS:
            return None, text or "missing"
        try:
            return parse_number(text), ""
        except ValueError:
            params = {"value": text[:40]}
            where = Location(file=self.file, row=row, column=column.label, field=field)
            # "column D (numerator)" says it all when the header is the field's own name.
            if column.label.casefold().endswith(f"({field})".casefold()):
                raise SourceError(
                    gettext_noop(
                        "The value '%(value)s' in %(file)s, row %(row)s, column %(column)s is "
                        "not a number. Write a number such as 1234,5, or leave the cell empty "
                        "(or write ..) if the figure is missing."
                    ),
                    params,
                    where,
                    code="not_a_number",
                ) from None
            raise SourceError(
                gettext_noop(
                    "The value '%(value)s' in %(file)s, row %(row)s, column %(column)s "
                    "(%(field)s) is not a number. Write a number such as 1234,5, or leave the "
                    "cell empty (or write ..) if the figure is missing."
                ),
                params,
                where,
                code="not_a_number",
            ) from None

    def records(self, cells: Sequence[object], row: int) -> Iterator[ObservationRecord]:
        m = self.mapping
        area = normalise_area_code(self._required(cells, "area_code", "area_code", row))
        if m.period is not None:
            period = self._required(cells, "period", "period", row)
        else:
            period = m.fixed_period or ""
        if m.indicator_columns is not None:
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
                )
            return
        if m.indicator_code is not None:
            indicator = self._required(cells, "indicator_code", "indicator_code", row)
        else:
            indicator = m.indicator or ""
        value: float | None = None
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
        )


def _empty(file: str) -> SourceError:
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


def _rows_to_records(
    rows: Iterable[tuple[int, Sequence[object]]], mapping: ColumnMapping, file: str
) -> Iterator[ObservationRecord]:
    layout: _Layout | None = None
    data_rows = 0
    for row, cells in rows:
        if _blank(cells):
            continue  # blank rows are harmless
        check_row(cells, file=file, row=row, columns=layout.labels if layout else None)
        if layout is None:
            layout = _Layout(cells, mapping, file)
            continue
        data_rows += 1
        yield from layout.records(cells, row)
    if layout is None or data_rows == 0:
        raise _empty(file)


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


def _csv_rows(fh: IO[str]) -> Iterator[tuple[int, list[str]]]:
    first = fh.readline()
    delimiter = sniff_delimiter(first)
    reader = csv.reader(io.StringIO(first), delimiter=delimiter)
    for cells in reader:
        yield 1, cells
    rest = csv.reader(fh, delimiter=delimiter)
    for cells in rest:
        # line_num counts physical lines; +1 for the header read separately.
        yield rest.line_num + 1, cells


def read_csv(
    path: str | Path, mapping: ColumnMapping, *, encoding: str | None = None
) -> Iterator[ObservationRecord]:
    """ObservationRecords from a CSV file (delimiter ; , or tab; UTF-8 or cp1252)."""
    path = Path(path)
    if path.stat().st_size == 0:
        raise _empty(path.name)
    enc = encoding or detect_encoding(path)
    with path.open(encoding=enc, newline="") as fh:
        yield from _rows_to_records(_csv_rows(fh), mapping, path.name)


# ---------------------------------------------------------------------------------------
# XLSX


def read_xlsx(
    path: str | Path, mapping: ColumnMapping, *, sheet: str | None = None
) -> Iterator[ObservationRecord]:
    """ObservationRecords from an XLSX workbook (first sheet unless `sheet`/mapping.sheet)."""
    import zipfile

    import openpyxl  # type: ignore[import-untyped]  # CSV-only users need not pay for it
    from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

    path = Path(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise SourceError(
            gettext_noop(
                "The file %(file)s could not be opened as an Excel workbook (.xlsx). Save it "
                "again from Excel as .xlsx, or export it as CSV."
            ),
            {"reason": str(exc)},
            Location(file=path.name),
            code="unreadable_file",
        ) from exc
    try:
        name = sheet or mapping.sheet
        if name is not None and name not in workbook.sheetnames:
            raise SourceError(
                gettext_noop(
                    "The workbook %(file)s has no sheet named '%(sheet)s'. Its sheets are "
                    "%(sheets)s."
                ),
                {"sheet": name, "sheets": ", ".join(workbook.sheetnames)},
                Location(file=path.name),
                code="unknown_sheet",
            )
        worksheet = workbook[name] if name is not None else workbook.worksheets[0]
        rows = (
            (number, cells)
            for number, cells in enumerate(worksheet.iter_rows(values_only=True), start=1)
        )
        file = f"{path.name} ({worksheet.title})"
        yield from _rows_to_records(rows, mapping, file)
    finally:
        workbook.close()


def read_table(path: str | Path, mapping: ColumnMapping) -> Iterator[ObservationRecord]:
    """Read CSV or XLSX by file extension."""
    path = Path(path)
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return read_xlsx(path, mapping)
    return read_csv(path, mapping)


def read_header(path: str | Path, *, sheet: str | None = None) -> list[str]:
    """The header row (row 1) of a CSV or XLSX file, as text; [] for an empty file.

    Lets a form offer default column names and drop those the file does not have.
    """
    path = Path(path)
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        import openpyxl

        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception:  # an unreadable workbook is reported by read_xlsx with its message
            return []
        try:
            worksheet = workbook[sheet] if sheet in workbook.sheetnames else workbook.worksheets[0]
            first = next(worksheet.iter_rows(values_only=True, max_row=1), ())
            return [_text(cell) for cell in first]
        finally:
            workbook.close()
    if path.stat().st_size == 0:
        return []
    with path.open(encoding=detect_encoding(path), newline="") as fh:
        for _number, cells in _csv_rows(fh):
            return [cell.strip() for cell in cells]
    return []
