"""The figures behind a page as files: one table writer for every export (issue 12, part 3).

An app builds an `Export` from the same selectors its page uses (so the file's numbers are the
page's numbers): tables of raw values (shares 0–1, kronor, years, people), each column with
its kind and unit, plus the sources with their retrieval dates and notes. This module turns
it into

* XLSX (`to_xlsx`): numbers as numeric cells with number formats Swedish Excel and
  LibreOffice show as "1 234,5", "12,5 %" and "1 234 kr" (format codes are locale-independent:
  "," groups thousands and "." is the decimal sign in the file, shown with the reader's own
  separators); years as plain integers; a frozen header row, column widths and a filter;
  formulas where they make a figure checkable, written with their cached value so that a
  reader that does not recalculate shows the page's number; a sheet "Källor";
* CSV (`to_csv`): what Swedish Excel opens directly — UTF-8 with a byte order mark, ";"
  between fields, a decimal comma and no thousands separator; shares as percent;
* JSON (`to_json`): raw numbers (shares 0–1), units and sources, for the API.

Every text cell goes through grogrund.engine.cells, so text written by people never becomes a
formula in a spreadsheet (OWASP, "CSV Injection").

How values are stored per kind (the `Table` always holds the raw value):

=========  ====================  ===================  ==============================
kind       raw (JSON)            XLSX cell            CSV field
=========  ====================  ===================  ==============================
share      0.553                 0.553, "0.0 %"       55,3
percent    45.3 (0–100)          0.453, "0 %"         45,3
points     0.045 (share diff.)   4.5, '0.0" p.e."'    4,5
money      1234.5                1234.5, '#,##0" kr"' 1234,5
year       2024                  2024, "0"            2024
=========  ====================  ===================  ==============================

A formula (`Cell.formula`) is written in the XLSX cell's own scale: "{key}" is the same row's
cell of the column `key`, "{key[]}" the range of that column's body rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]
from rest_framework import serializers
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from grogrund.core.validators import PersonalNumberGuardSerializer
from grogrund.engine.cells import csv_field, keep_as_text

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA_TYPE = "text/csv"
FORMATS = ("xlsx", "csv")
LANGUAGES = ("sv", "en")
#: The widest a column is made (characters); longer text wraps in the cell.
MAX_WIDTH = 60
#: Rows read to size the columns: enough to see the text, cheap for long tables.
ROWS_MEASURED = 500


class Kind(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    YEAR = "year"
    MONEY = "money"
    SHARE = "share"  # 0–1, shown as percent
    PERCENT = "percent"  # 0–100, as the engine gives "percent met"
    POINTS = "points"  # a difference of two shares (0–1), shown in percentage points
    DATE = "date"
    UNIT = "unit"  # text: the unit of another column's cell in this row, as each file shows it


NUMERIC = {
    Kind.INTEGER,
    Kind.NUMBER,
    Kind.YEAR,
    Kind.MONEY,
    Kind.SHARE,
    Kind.PERCENT,
    Kind.POINTS,
}


@dataclass(frozen=True)
class Column:
    key: str  # stable, English: the JSON key
    label: str  # in the user's language: the header
    kind: Kind = Kind.TEXT
    unit: str = ""  # shown after the label ("Gap (personer)") and in the JSON column
    decimals: int = 1
    signed: bool = False  # "+220" as the page shows a gap
    of: str = ""  # Kind.UNIT: the column whose unit this column names
    formats: tuple[str, ...] = ("xlsx", "csv", "json")  # the files that show the column


@dataclass(frozen=True)
class Cell:
    """A value with what its column does not say: its own kind (a table whose rows are
    indicators of different kinds), a unit, decimals, or a formula (in the XLSX cell's scale,
    see the module docstring) whose cached value is `value`."""

    value: Any
    kind: Kind | None = None
    unit: str | None = None
    decimals: int | None = None
    formula: str | None = None


@dataclass(frozen=True)
class Source:
    name: str
    retrieved: dt.date | None = None
    concerns: str = ""  # which figures


@dataclass
class Table:
    key: str  # stable, English: "gaps", "goals"; `?table=` of a CSV
    title: str  # the sheet's name
    columns: list[Column]
    rows: list[list[Any]]  # raw values or Cells, one per column
    totals: list[list[Any]] = field(default_factory=list)  # rows below the body (sums)
    file_part: str = ""  # added to the CSV's file name when it is not the first table


@dataclass
class Export:
    kind: str  # "area-profile", "follow-up", "portfolio", "budget"
    title: str
    file_prefix: str  # "omradesprofil"
    subject: str  # the area's or programme's name
    tables: list[Table]
    sources: list[Source] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    page_url: str = ""
    made_at: dt.datetime = field(default_factory=lambda: timezone.now())  # looked up at each call

    def table(self, key: str | None) -> Table:
        if not key:
            return self.tables[0]
        for t in self.tables:
            if t.key == key:
                return t
        raise KeyError(key)

    def filename(self, extension: str, table: Table | None = None) -> str:
        parts = [self.file_prefix, self.subject]
        if table is not None and table is not self.tables[0] and table.file_part:
            parts.append(table.file_part)
        stem = "-".join(p for p in (slugify(x) for x in parts) if p)
        return f"{stem}-{timezone.localtime(self.made_at).date().isoformat()}.{extension}"


# --- values in each file ----------------------------------------------------------------------


def _parts(value: Any) -> tuple[Any, Cell | None]:
    return (value.value, value) if isinstance(value, Cell) else (value, None)


def _kind(column: Column, cell: Cell | None) -> Kind:
    return cell.kind if cell is not None and cell.kind is not None else column.kind


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _scaled(value: float, kind: Kind, target: str) -> float:
    """The raw value in a file's scale (module docstring)."""
    if kind is Kind.POINTS or (kind is Kind.SHARE and target == "csv"):
        return value * 100
    if kind is Kind.PERCENT and target == "xlsx":
        return value / 100
    return value


def unit_text(kind: Kind, target: str, unit: str = "") -> str:
    """The unit of a value of `kind` as the file `target` shows it."""
    if kind is Kind.SHARE:
        return _("share 0–1") if target == "json" else "%"
    if kind is Kind.PERCENT:
        return "%"
    if kind is Kind.POINTS:
        # Translators: abbreviation of "percentage points" (sv: "p.e.", procentenheter).
        return _("share difference 0–1") if target == "json" else _("pp")
    if kind is Kind.MONEY:
        return unit or "kr"
    return unit


def _local_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _clean_text(value: Any) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _unit_of(row: Sequence[Any], columns: list[Column], column: Column, target: str) -> str:
    """A Kind.UNIT column's text: the unit of the cell it names, as `target` shows it."""
    index = next(i for i, c in enumerate(columns) if c.key == column.of)
    value, cell = _parts(row[index])
    if value is None:
        return ""
    unit = cell.unit if cell is not None and cell.unit is not None else columns[index].unit
    return unit_text(_kind(columns[index], cell), target, unit)


#: Kinds whose unit a CSV header names (a spreadsheet cell shows it in its number format).
_HEADER_UNITS = {Kind.SHARE, Kind.PERCENT, Kind.POINTS, Kind.MONEY}


def header(column: Column, target: str = "xlsx") -> str:
    """The column's header: its label, with its unit where the values do not show it."""
    unit = column.unit
    if not unit and target == "csv" and column.kind in _HEADER_UNITS:
        unit = unit_text(column.kind, "csv")
    return f"{column.label} ({unit})" if unit else column.label


# --- JSON -------------------------------------------------------------------------------------


def _json_value(value: Any) -> Any:
    value = _local_date(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def table_json(table: Table) -> dict[str, Any]:
    columns = [c for c in table.columns if "json" in c.formats]

    def row_json(row: Sequence[Any]) -> dict[str, Any]:
        out = {}
        for i, c in enumerate(table.columns):
            if "json" not in c.formats:
                continue
            if c.kind is Kind.UNIT:
                out[c.key] = _unit_of(row, table.columns, c, "json")
            else:
                out[c.key] = _json_value(_parts(row[i])[0])
        return out

    return {
        "key": table.key,
        "title": table.title,
        "columns": [
            {
                "key": c.key,
                "label": c.label,
                "kind": c.kind.value,
                "unit": unit_text(c.kind, "json", c.unit) if c.kind is not Kind.UNIT else "",
            }
            for c in columns
        ],
        "rows": [row_json(r) for r in table.rows],
        "totals": [row_json(r) for r in table.totals],
    }


def to_json(export: Export) -> dict[str, Any]:
    return {
        "kind": export.kind,
        "title": export.title,
        "made_at": export.made_at.isoformat(),
        "language": translation.get_language() or "sv",
        "page": export.page_url,
        "tables": [table_json(t) for t in export.tables],
        "sources": [
            {
                "name": s.name,
                "retrieved": s.retrieved.isoformat() if s.retrieved else None,
                "concerns": s.concerns,
            }
            for s in export.sources
        ],
        "notes": list(export.notes),
    }


# --- CSV --------------------------------------------------------------------------------------


def plain_number(value: float | int) -> str:
    """A number as Swedish Excel reads it from a CSV: a decimal comma, no thousands separator,
    full precision without binary noise (0.1 + 0.2 → "0,3")."""
    if isinstance(value, int):
        return str(value)
    text = format(Decimal(repr(round(value, 9))).normalize(), "f")
    if text in {"-0", "-0.0"}:
        text = "0"
    return text.replace(".", ",")


def _csv_value(value: Any, kind: Kind) -> str:
    value = _local_date(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if kind in NUMERIC and _finite(value):
        if kind is Kind.YEAR:
            return str(int(value))
        return plain_number(_scaled(float(value), kind, "csv"))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    # Text (and a number in a text column) from people: never a formula.
    return str(csv_field(str(value)))


def to_csv(export: Export, table_key: str | None = None) -> bytes:
    table = export.table(table_key)
    columns = [(i, c) for i, c in enumerate(table.columns) if "csv" in c.formats]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_field(header(c, "csv")) for _i, c in columns])
    for row in [*table.rows, *table.totals]:
        fields = []
        for i, c in columns:
            if c.kind is Kind.UNIT:
                fields.append(str(csv_field(_unit_of(row, table.columns, c, "csv"))))
                continue
            value, cell = _parts(row[i])
            fields.append(_csv_value(value, _kind(c, cell)))
        writer.writerow(fields)
    # A byte order mark, so that Excel reads the file as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# --- XLSX -------------------------------------------------------------------------------------


def _quoted(unit: str) -> str:
    return '"' + unit.replace('"', "").replace("\\", "") + '"'


def number_format(kind: Kind, decimals: int = 1, *, signed: bool = False, unit: str = "") -> str:
    """An Excel number-format code (locale-independent) for a value of `kind`."""
    if kind is Kind.YEAR:
        return "0"
    if kind is Kind.DATE:
        return "yyyy-mm-dd"
    places = "." + "0" * decimals if decimals > 0 else ""
    if kind is Kind.INTEGER:
        body = "#,##0"
    elif kind in {Kind.SHARE, Kind.PERCENT}:
        body = f"#,##0{places} %"
    elif kind is Kind.POINTS:
        body = f"#,##0{places}{_quoted(' ' + unit_text(kind, 'xlsx'))}"
    elif kind is Kind.MONEY:
        body = f"#,##0{places}{_quoted(' ' + (unit or 'kr'))}"
    else:
        body = f"#,##0{places}" + (_quoted(" " + unit) if unit else "")
    if signed:
        zero = body.replace("#,##", "")
        return f"+{body};-{body};{zero}"
    return body


_PLACEHOLDER = re.compile(r"\{(\w+)(\[\])?\}")
#: Day 0 of the workbook's dates (Excel's 1900 date system, as openpyxl writes).
EPOCH = dt.date(1899, 12, 30)


class _Styles:
    """The workbook's cell styles (number format, bold, wrapped) by id. openpyxl registers a
    style when a cell gets it: each is given to a cell of a scratch sheet, removed before the
    workbook is saved; the styles stay in the workbook's list."""

    def __init__(self, wb: Workbook) -> None:
        self.wb = wb
        self.scratch = wb.create_sheet("grogrund-styles")
        self.ids: dict[tuple[str, bool, bool], int] = {}

    def id(self, number_format: str = "General", *, bold: bool = False, wrap: bool = False) -> int:
        key = (number_format, bold, wrap)
        if key not in self.ids:
            cell = self.scratch.cell(row=len(self.ids) + 1, column=1)
            cell.number_format = number_format
            if bold:
                cell.font = Font(bold=True)
            if wrap:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            self.ids[key] = cell.style_id
        return self.ids[key]

    def close(self) -> None:
        self.wb.remove(self.scratch)


def _number_xml(value: float | int) -> str:
    return str(value) if isinstance(value, int) else repr(float(value))


def _text_xml(ref: str, text: str, style: int) -> str:
    """Text as an inline string: shown, never calculated, however it begins — the rule
    engine.cells.keep_as_text applies to openpyxl cells (OWASP, "CSV Injection")."""
    body = xml_escape(_clean_text(text))
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{body}</t></is></c>'


class _Sheet:
    """One table on one worksheet: the header in row 1 (written by openpyxl), the body from
    row 2 and the totals below it, written as the sheet's XML directly (openpyxl's writer
    without lxml takes about 0,1 ms a cell, seconds for a national-scale profile)."""

    def __init__(self, ws: Worksheet, table: Table, styles: _Styles) -> None:
        self.ws = ws
        self.table = table
        self.styles = styles
        self.columns = [c for c in table.columns if "xlsx" in c.formats]
        self.letter = {c.key: get_column_letter(i + 1) for i, c in enumerate(self.columns)}
        self.first_body = 2
        self.last_body = 1 + len(table.rows)
        self.last_row = self.last_body + len(table.totals)
        self.widths = [
            max([len(w) for w in header(c).split()] + [min(len(header(c)), 24), 8])
            for c in self.columns
        ]
        self.xml = ""

    def formula(self, text: str, row: int) -> str | None:
        """The formula with its placeholders resolved; None when it sums the body's rows and
        there are none (the range would be the formula's own cell)."""
        if self.last_body < self.first_body and "[]}" in text:
            return None

        def ref(match: re.Match[str]) -> str:
            letter = self.letter[match.group(1)]
            if match.group(2):
                return f"{letter}{self.first_body}:{letter}{self.last_body}"
            return f"{letter}{row}"

        return _PLACEHOLDER.sub(ref, text)

    def write(self) -> None:
        ws = self.ws
        for j, c in enumerate(self.columns, start=1):
            cell = ws.cell(row=1, column=j, value=_clean_text(header(c)))
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            keep_as_text([cell])
        rows = [(r, row, False) for r, row in enumerate(self.table.rows, start=self.first_body)]
        rows += [(self.last_body + 1 + k, row, True) for k, row in enumerate(self.table.totals)]
        self.xml = "".join(self.row_xml(r, row, bold) for r, row, bold in rows)
        ws.freeze_panes = "B2"
        if self.table.rows:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(self.columns))}{self.last_body}"
        for j, width in enumerate(self.widths, start=1):
            ws.column_dimensions[get_column_letter(j)].width = min(width + 2, MAX_WIDTH)

    def row_xml(self, r: int, row: Sequence[Any], bold: bool) -> str:
        values = dict(zip((c.key for c in self.table.columns), row, strict=True))
        cells = []
        measure = r < ROWS_MEASURED
        for j, c in enumerate(self.columns):
            ref = f"{self.letter[c.key]}{r}"
            if c.kind is Kind.UNIT:
                text = _unit_of(row, self.table.columns, c, "xlsx")
                if text:
                    cells.append(_text_xml(ref, text, self.styles.id(bold=bold)))
                    self.widths[j] = max(self.widths[j], len(text)) if measure else self.widths[j]
                continue
            value, cell = _parts(values[c.key])
            value = _local_date(value)
            kind = _kind(c, cell)
            formula = self.formula(cell.formula, r) if cell is not None and cell.formula else None
            if value is None or (isinstance(value, float) and not math.isfinite(value)):
                if bold:
                    cells.append(f'<c r="{ref}" s="{self.styles.id(bold=True)}"/>')
                continue
            if kind in NUMERIC and _finite(value):
                decimals = cell.decimals if cell is not None and cell.decimals is not None else None
                # The column's unit is in its header; a cell's own (an indicator's) in its
                # format.
                unit = cell.unit if cell is not None and cell.unit is not None else ""
                style = self.styles.id(
                    number_format(
                        kind,
                        c.decimals if decimals is None else decimals,
                        signed=c.signed,
                        unit=unit,
                    ),
                    bold=bold,
                )
                number = int(value) if kind is Kind.YEAR else _scaled(value, kind, "xlsx")
                if formula is not None:
                    # The formula with its cached value: the page's figure for a reader
                    # that does not recalculate.
                    cells.append(
                        f'<c r="{ref}" s="{style}"><f>{xml_escape(formula[1:])}</f>'
                        f"<v>{_number_xml(number)}</v></c>"
                    )
                else:
                    cells.append(f'<c r="{ref}" s="{style}"><v>{_number_xml(number)}</v></c>')
                if measure:
                    self.widths[j] = max(self.widths[j], 14)
            elif isinstance(value, dt.date):
                style = self.styles.id(number_format(Kind.DATE), bold=bold)
                cells.append(f'<c r="{ref}" s="{style}"><v>{(value - EPOCH).days}</v></c>')
                if measure:
                    self.widths[j] = max(self.widths[j], 11)
            else:
                text = (_("yes") if value else _("no")) if isinstance(value, bool) else str(value)
                wrap = len(text) + 2 > MAX_WIDTH
                cells.append(_text_xml(ref, text, self.styles.id(bold=bold, wrap=wrap)))
                if measure:
                    self.widths[j] = max(self.widths[j], min(len(text), MAX_WIDTH))
        return f'<row r="{r}">{"".join(cells)}</row>'


def sheet_name(title: str, taken: set[str]) -> str:
    """A valid, unique sheet name: at most 31 characters, none of []:*?/\\."""
    name = re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31] or "Tabell"
    base, n = name, 2
    while name.lower() in taken:
        suffix = f" {n}"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(name.lower())
    return name


def _write_sources(ws: Worksheet, export: Export) -> None:
    """The sheet "Källor": what the file is, then every source with its retrieval date and
    the figures it concerns, then the notes."""
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    made = timezone.localtime(export.made_at).replace(tzinfo=None, microsecond=0)
    r = 1
    for label, value in (
        (_("Title"), export.title),
        (_("Made"), made),
        (_("Page"), export.page_url),
    ):
        a = ws.cell(row=r, column=1, value=_clean_text(label))
        a.font = bold
        b = ws.cell(row=r, column=2)
        if isinstance(value, dt.datetime):
            b.value = value
            b.number_format = "yyyy-mm-dd hh:mm"
        else:
            b.value = _clean_text(value)
            b.alignment = wrap
        keep_as_text([a, b])
        r += 1
    r += 1
    for j, label in enumerate((_("Source"), _("Retrieved"), _("Concerns")), start=1):
        cell = ws.cell(row=r, column=j, value=_clean_text(label))
        cell.font = bold
        keep_as_text([cell])
    for s in export.sources:
        r += 1
        a = ws.cell(row=r, column=1, value=_clean_text(s.name))
        c = ws.cell(row=r, column=3, value=_clean_text(s.concerns))
        a.alignment = c.alignment = wrap
        keep_as_text([a, c])
        if s.retrieved is not None:
            ws.cell(row=r, column=2, value=s.retrieved).number_format = "yyyy-mm-dd"
    if not export.sources:
        r += 1
        keep_as_text([ws.cell(row=r, column=1, value=_("No sources: the figures were typed in."))])
    if export.notes:
        r += 2
        ws.cell(row=r, column=1, value=_clean_text(_("Notes"))).font = bold
        for note in export.notes:
            r += 1
            cell = ws.cell(row=r, column=1, value=_clean_text(note))
            cell.alignment = wrap
            keep_as_text([cell])
    ws.column_dimensions["A"].width = 50
    ws.column_dimensions["B"].width = 18
    ws.column_dimensions["C"].width = 50


def to_xlsx(export: Export) -> bytes:
    wb = Workbook()
    styles = _Styles(wb)
    taken: set[str] = set()
    sheets: list[_Sheet] = []
    for i, table in enumerate(export.tables):
        ws = wb.worksheets[0] if i == 0 else wb.create_sheet(index=i)
        ws.title = sheet_name(table.title, taken)
        ws.oddHeader.center.text = _clean_text(export.title).replace("&", "&&")
        sheet = _Sheet(ws, table, styles)
        sheet.write()
        sheets.append(sheet)
    _write_sources(wb.create_sheet(sheet_name(_("Sources"), taken), index=len(sheets)), export)
    styles.close()
    wb.properties.title = _clean_text(export.title)
    wb.properties.creator = "Grogrund"
    wb.properties.created = timezone.localtime(export.made_at).replace(tzinfo=None)
    buffer = io.BytesIO()
    wb.save(buffer)
    return _with_bodies(buffer.getvalue(), sheets)


def _with_bodies(xlsx: bytes, sheets: list[_Sheet]) -> bytes:
    """The saved workbook with each table's rows put into its sheet (after the header row
    openpyxl wrote) and the sheet's dimension covering them."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            match = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", item.filename)
            index = int(match.group(1)) - 1 if match else -1
            if 0 <= index < len(sheets):
                sheet = sheets[index]
                text = data.decode("utf-8")
                last = f"{get_column_letter(max(len(sheet.columns), 1))}{sheet.last_row}"
                text = re.sub(
                    r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="A1:{last}" />', text
                )
                text = text.replace("</sheetData>", sheet.xml + "</sheetData>", 1)
                data = text.encode("utf-8")
            target.writestr(item, data)
    return out.getvalue()


# --- responses --------------------------------------------------------------------------------


@contextmanager
def export_language(language: str | None) -> Iterator[None]:
    """Headers and labels in `language` (sv, en) when asked for, else the user's own."""
    if language in LANGUAGES:
        with translation.override(language):
            yield
    else:
        with nullcontext():
            yield


def download(export: Export, fmt: str, table_key: str | None = None) -> HttpResponse:
    """The file as an attachment named for what it is and when. An unknown format or table is
    a 404, as an unknown page is."""
    if fmt == "xlsx":
        response = HttpResponse(to_xlsx(export), content_type=XLSX_MEDIA_TYPE)
        name = export.filename("xlsx")
    elif fmt == "csv":
        try:
            table = export.table(table_key)
        except KeyError:
            raise Http404(_("There is no such table in this export.")) from None
        response = HttpResponse(
            to_csv(export, table.key), content_type=f"{CSV_MEDIA_TYPE}; charset=utf-8"
        )
        name = export.filename("csv", table)
    else:
        raise Http404(_("Files are exported as xlsx or csv."))
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def page_download(request: HttpRequest, fmt: str, build: Any) -> HttpResponse:
    """A web export: `build()` makes the Export in the language asked for (`?lang=`)."""
    if fmt not in FORMATS:
        raise Http404(_("Files are exported as xlsx or csv."))
    with export_language(request.GET.get("lang")):
        export = build()
        return download(export, fmt, request.GET.get("table"))


# --- the API ----------------------------------------------------------------------------------


class _FileRenderer(BaseRenderer):
    """Passes through the bytes the view made; an error (a dict) is answered as JSON."""

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: dict[str, Any] | None = None,
    ) -> Any:
        if isinstance(data, bytes):
            return data
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/json"
        return JSONRenderer().render(data, "application/json", renderer_context)


class XlsxRenderer(_FileRenderer):
    media_type = XLSX_MEDIA_TYPE
    format = "xlsx"
    charset = None
    render_style = "binary"


class CsvRenderer(_FileRenderer):
    media_type = CSV_MEDIA_TYPE
    format = "csv"
    charset = "utf-8"


RENDERERS = [JSONRenderer, XlsxRenderer, CsvRenderer]


class ExportColumnSerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField(help_text="The header in the user's language")
    kind = serializers.ChoiceField(choices=[k.value for k in Kind])
    unit = serializers.CharField(allow_blank=True, help_text="Shares are 0–1, money in SEK")


class ExportTableSerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    key = serializers.CharField(help_text="Give it as ?table= for this table as CSV")
    title = serializers.CharField()
    columns = ExportColumnSerializer(many=True)
    rows = serializers.ListField(
        child=serializers.DictField(), help_text="One object per row, keyed by column key"
    )
    totals = serializers.ListField(child=serializers.DictField())


class ExportSourceSerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    name = serializers.CharField()
    retrieved = serializers.DateField(allow_null=True)
    concerns = serializers.CharField(allow_blank=True)


class ExportSerializer(PersonalNumberGuardSerializer, serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField()
    made_at = serializers.DateTimeField()
    language = serializers.CharField()
    page = serializers.CharField(help_text="The page whose figures these are")
    tables = ExportTableSerializer(many=True)
    sources = ExportSourceSerializer(many=True)
    notes = serializers.ListField(child=serializers.CharField())


EXPORT_PARAMETERS = [
    OpenApiParameter(
        "format",
        str,
        enum=["json", "xlsx", "csv"],
        description="json (default), xlsx (every table and the sources) or csv (one table)",
    ),
    OpenApiParameter(
        "table", str, description="With format=csv: the table's key (default: the first)"
    ),
    OpenApiParameter(
        "lang", str, enum=list(LANGUAGES), description="Headers' language (default: the user's)"
    ),
]

EXPORT_RESPONSES = {
    (200, "application/json"): ExportSerializer,
    (200, XLSX_MEDIA_TYPE): OpenApiTypes.BINARY,
    (200, CSV_MEDIA_TYPE): OpenApiTypes.STR,
}


def api_response(request: Request, build: Any) -> Response:
    """An API export in the format negotiated (`?format=`, or the Accept header), in the
    language asked for (`?lang=`, else the user's)."""
    from grogrund.api.params import choice_param, text_param

    language = choice_param(request, "lang", LANGUAGES)
    table_key = text_param(request, "table", max_length=40)
    fmt = getattr(request.accepted_renderer, "format", "json")
    with export_language(language):
        export = build()
        if fmt == "xlsx":
            return Response(
                to_xlsx(export),
                headers={
                    "Content-Disposition": f'attachment; filename="{export.filename("xlsx")}"'
                },
            )
        if fmt == "csv":
            try:
                table = export.table(table_key)
            except KeyError:
                from rest_framework.exceptions import ValidationError

                raise ValidationError(
                    {"table": [_("There is no such table in this export.")]}
                ) from None
            name = export.filename("csv", table)
            return Response(
                to_csv(export, table.key),
                headers={"Content-Disposition": f'attachment; filename="{name}"'},
            )
        return Response(to_json(export))
