"""Periods as columns (Statistikdatabasen's wide tables, a million rows) are read by a fast
row reader (`_Layout.row_reader` → `_period_reader`) that duplicates `_Layout.records` for
speed. Whatever the file, it must give exactly the records `records` gives, field by field
(location included), and the same error with the same file, row and column."""

from pathlib import Path

import openpyxl
import pytest

from grogrund.sources import ColumnMapping, SourceError, read_table, tabular
from grogrund.sources.regions import RegionEntry, RegionMatcher

REGIONS = RegionMatcher(
    [
        RegionEntry("00", "Riket", "country"),
        RegionEntry("17", "Region Värmland", "county", aliases=("Värmlands län",)),
        RegionEntry("0114", "Upplands Väsby", "municipality"),
        RegionEntry("0180", "Stockholm", "municipality"),
        RegionEntry("0380R010", "Tuna", "regso", "0380", "Uppsala"),
        RegionEntry("0484R012", "Tuna", "regso", "0484", "Eskilstuna"),
    ]
)

WIDE = {"area_code": "region", "indicator": "population", "period_columns": "auto"}
FILTERED = {
    "area_code": "region",
    "indicator_code": "indikator",
    "period_columns": "auto",
    "filters": {"kön": "totalt"},
}


def _read(path: Path, mapping: dict, *, fast: bool, monkeypatch) -> object:
    """The records (or the error, as code, message and location) of one way of reading."""
    used: list[bool] = []
    original = tabular._Layout.row_reader

    def spy(layout: tabular._Layout):
        reader = original(layout) if fast else layout.records
        used.append(reader != layout.records)
        return reader

    with monkeypatch.context() as patch:
        patch.setattr(tabular._Layout, "row_reader", spy)
        try:
            result: object = list(
                read_table(path, ColumnMapping.from_dict(mapping), regions=REGIONS)
            )
        except SourceError as exc:
            result = ("error", exc.code, exc.message, exc.location)
    # The comparison proves nothing unless the fast reader did read the file.
    assert used == [fast], used
    return result


def _both(path: Path, mapping: dict, monkeypatch) -> object:
    fast = _read(path, mapping, fast=True, monkeypatch=monkeypatch)
    slow = _read(path, mapping, fast=False, monkeypatch=monkeypatch)
    assert fast == slow
    return fast


def _csv(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "tab.csv"
    path.write_bytes(text.encode(encoding))
    return path


def _xlsx(tmp_path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    for row in rows:
        ws.append(row)
    path = tmp_path / "tab.xlsx"
    wb.save(path)
    return path


def _figures(records) -> list[tuple]:
    return [(r.area_code, r.indicator_code, r.period, r.value, r.status) for r in records]


def test_filters_missing_symbols_and_decimal_commas(tmp_path, monkeypatch) -> None:
    path = _csv(
        tmp_path,
        '"region";"kön";"indikator";"Antal 2022";"Antal 2023"\r\n'
        '"0114 Upplands Väsby";"totalt";"N1";"1 234,5";..\r\n'
        '"0114 Upplands Väsby";"män";"N1";7;8\r\n'
        '"Värmlands län ";"Totalt";"N1";12,25;.\r\n'
        '"Stockholm";"totalt";" N2 ";-;\r\n'
        '"0380R010";"totalt";"N1";\u00a042\u00a0;1e3\r\n',
        encoding="cp1252",
    )
    records = _both(path, FILTERED, monkeypatch)
    assert _figures(records) == [
        ("0114", "N1", "2022", 1234.5, ""),
        ("0114", "N1", "2023", None, ".."),
        ("17", "N1", "2022", 12.25, ""),
        ("17", "N1", "2023", None, "."),
        ("0180", "N2", "2022", None, "-"),
        ("0180", "N2", "2023", None, "missing"),
        ("0380R010", "N1", "2022", 42.0, ""),
        ("0380R010", "N1", "2023", 1000.0, ""),
    ]
    third = records[2]
    assert (third.location.file, third.location.row, third.location.column) == (
        "tab.csv",
        4,
        "D (Antal 2022)",
    )
    assert third.source == "tab.csv" and third.scale == "unit"


def test_a_fixed_area_a_scale_a_source_and_short_rows(tmp_path, monkeypatch) -> None:
    path = _csv(tmp_path, "indikator;2021;2022;2023\nN1;50;51,5\nN2;10;;7\n")
    mapping = {
        "fixed_area": "0114",
        "indicator_code": "indikator",
        "period_columns": "auto",
        "scale": "percent",
        "source": "SCB, tabell X",
    }
    records = _both(path, mapping, monkeypatch)
    assert _figures(records) == [
        ("0114", "N1", "2021", 50.0, ""),
        ("0114", "N1", "2022", 51.5, ""),
        ("0114", "N1", "2023", None, "missing"),  # the row ends before the column
        ("0114", "N2", "2021", 10.0, ""),
        ("0114", "N2", "2022", None, "missing"),
        ("0114", "N2", "2023", 7.0, ""),
    ]
    assert {(r.scale, r.source) for r in records} == {("percent", "SCB, tabell X")}


def test_workbook_cells_that_are_numbers_and_dates(tmp_path, monkeypatch) -> None:
    path = _xlsx(
        tmp_path,
        [
            ["Tabell: befolkning"],
            ["region", "kön", "indikator", "2022", "2023"],
            [114, "totalt", "N1", 47820, 48223.5],
            ["Stockholm", "totalt", 77, None, ".."],
            [180, "kvinnor", "N1", 1, 2],
        ],
    )
    records = _both(path, FILTERED, monkeypatch)
    assert _figures(records) == [
        ("0114", "N1", "2022", 47820.0, ""),
        ("0114", "N1", "2023", 48223.5, ""),
        ("0180", "77", "2022", None, "missing"),
        ("0180", "77", "2023", None, ".."),
    ]
    assert records[0].location.file == "tab.xlsx (Data)" and records[0].location.row == 3


@pytest.mark.parametrize(
    ("text", "code", "row", "column"),
    [
        # Not a number, in the second period column of the third data row.
        ("region;2022;2023\n0114;1;2\n0180;3;4\n17;5;fem\n", "not_a_number", 4, "C (2023)"),
        ("region;2022;2023\n0114;1;inf\n", "not_a_number", 2, "C (2023)"),
        ("region;2022;2023\n0114;1;1e999\n", "not_a_number", 2, "C (2023)"),
        # Python's float() would read "1_0" as 10.
        ("region;2022;2023\n0114;1_0;1\n", "not_a_number", 2, "B (2022)"),
        ("region;2022;2023\nGöteborg;1;2\n", "unknown_area", 2, "A (region)"),
        ("region;2022;2023\nTuna;1;2\n", "ambiguous_area", 2, "A (region)"),
        ("region;2022;2023\n;1;2\n", "missing_cell", 2, "A (region)"),
        # "1,234" in a column with nothing to settle whether the comma is a decimal mark.
        ("region;2022\n0114;1,234\n", "ambiguous_number", 2, "B (2022)"),
    ],
)
def test_the_same_error_names_the_same_file_row_and_column(
    tmp_path, monkeypatch, text, code, row, column
) -> None:
    path = _csv(tmp_path, text)
    error = _both(path, WIDE, monkeypatch)
    assert isinstance(error, tuple), error
    _tag, found_code, message, location = error
    assert (found_code, location.file, location.row, location.column) == (
        code,
        "tab.csv",
        row,
        column,
    )
    assert "tab.csv" in message


def test_a_missing_indicator_and_a_filter_that_keeps_nothing(tmp_path, monkeypatch) -> None:
    path = _csv(tmp_path, "region;kön;indikator;2023\n0114;totalt;;5\n")
    _tag, code, _message, location = _both(path, FILTERED, monkeypatch)
    assert (code, location.row, location.column) == ("missing_cell", 2, "C (indikator)")
    path = _csv(tmp_path, "region;kön;indikator;2023\n0114;män;N1;5\n0114;kvinnor;N1;6\n")
    _tag, code, message, location = _both(path, FILTERED, monkeypatch)
    assert (code, location.column) == ("filter_keeps_nothing", "B (kön)")
    assert "'män', 'kvinnor'" in message
