"""The table writer of the exports (grogrund.core.exports): numbers are numeric cells (never
text) whose number formats Swedish Excel shows as "1 234,5", "12,5 %" and "1 234 kr", years are
plain integers, the header row is frozen and the columns sized, formulas carry the cached value
the page shows, and a sheet "Källor" names the sources with their retrieval dates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from export_files import recalculated, shown, workbook
from grogrund.core.exports import Cell, Column, Export, Kind, Source, Table, to_xlsx


def example() -> Export:
    columns = [
        Column("name", "Namn"),
        Column("year", "År", Kind.YEAR),
        Column("people", "Personer", Kind.INTEGER),
        Column("mean", "Medel", Kind.NUMBER, decimals=1),
        Column("share", "Andel", Kind.SHARE),
        Column("reference", "Jämförelse", Kind.SHARE),
        Column("base", "Bas", Kind.NUMBER, decimals=0),
        Column("gap", "Gap", Kind.POINTS, signed=True),
        Column("gap_people", "Gap i personer", Kind.NUMBER, decimals=0, signed=True),
        Column("met", "Uppnått", Kind.PERCENT, decimals=0),
        Column("cost", "Kostnad", Kind.MONEY, decimals=0),
        Column("day", "Hämtad", Kind.DATE),
    ]
    rows = [
        [
            "Testby",
            2024,
            1234,
            1234.5,
            0.125,
            0.77,
            1000,
            # (0,77 − 0,125) × 100 = 64,5 percentage points; × 1 000 = 645 people.
            Cell(0.77 - 0.125, formula="=({reference}-{share})*100"),
            Cell((0.77 - 0.125) * 1000, formula="=({reference}-{share})*{base}"),
            45.0,
            4_800_000,
            dt.date(2025, 3, 1),
        ],
        ["Staden", 2023, 10, 2.25, 0.5, 0.5, 10, None, None, None, None, None],
    ]
    totals = [
        ["Totalt", None, Cell(1244, formula="=SUM({people[]})")] + [None] * 9,
    ]
    return Export(
        kind="test",
        title="Testexport",
        file_prefix="test",
        subject="Testby",
        tables=[Table("things", "Saker", columns, rows, totals)],
        sources=[Source("SCB, RAMS", dt.date(2025, 3, 1), "Andel")],
        notes=["En anmärkning."],
        page_url="https://grogrund.example.org/omraden/x/",
    )


def test_numbers_are_numeric_cells_with_locale_independent_formats():
    ws = workbook(to_xlsx(example()))["Saker"]
    row = {ws.cell(row=1, column=c).value: ws.cell(row=2, column=c) for c in range(1, 13)}
    assert row["År"].value == 2024 and row["År"].data_type == "n"
    assert isinstance(row["År"].value, int) and row["År"].number_format == "0"
    for header in ("Personer", "Medel", "Andel", "Uppnått", "Kostnad"):
        assert row[header].data_type == "n", header
    assert row["Personer"].number_format == "#,##0"
    assert row["Medel"].number_format == "#,##0.0"
    assert row["Andel"].value == 0.125 and row["Andel"].number_format == "#,##0.0 %"
    assert row["Uppnått"].value == pytest.approx(0.45)  # percent 0–100 stored as a share
    assert row["Kostnad"].number_format == '#,##0" kr"'
    assert row["Hämtad"].is_date and row["Hämtad"].number_format == "yyyy-mm-dd"


def test_the_formats_show_as_swedes_write_numbers():
    ws = workbook(to_xlsx(example()))["Saker"]
    assert shown(ws["C2"]) == "1 234"
    assert shown(ws["D2"]) == "1 234,5"
    assert shown(ws["E2"]) == "12,5 %"
    assert shown(ws["J2"]) == "45 %"
    assert shown(ws["K2"]) == "4 800 000 kr"
    values = workbook(to_xlsx(example()), values=True)["Saker"]
    assert shown(ws["H2"], values["H2"].value) == "+64,5 p.e."
    assert shown(ws["I2"], values["I2"].value) == "+645"


def test_formulas_carry_the_cached_value_and_point_at_their_own_row():
    content = to_xlsx(example())
    formulas, values = workbook(content)["Saker"], workbook(content, values=True)["Saker"]
    assert formulas["H2"].value == "=(F2-E2)*100"
    assert formulas["I2"].value == "=(F2-E2)*G2"
    assert values["H2"].value == pytest.approx(64.5)
    assert values["I2"].value == pytest.approx(645)
    assert formulas["C4"].value == "=SUM(C2:C3)"
    assert values["C4"].value == 1244
    assert formulas["H3"].value is None  # no figure, no formula


@pytest.mark.libreoffice
def test_libreoffice_recalculates_the_formulas_to_the_cached_values(tmp_path):
    ws = recalculated(to_xlsx(example()), tmp_path)["Saker"]
    assert ws["H2"].value == pytest.approx(64.5)
    assert ws["I2"].value == pytest.approx(645)
    assert ws["C4"].value == 1244


def test_the_header_row_is_frozen_and_the_columns_are_sized():
    ws = workbook(to_xlsx(example()))["Saker"]
    assert ws.freeze_panes == "B2"
    assert ws["A1"].font.bold
    assert ws.auto_filter.ref == "A1:L3"
    assert all(ws.column_dimensions[c].width >= 8 for c in "ABCDEFGHIJKL")
    assert ws.column_dimensions["I"].width >= len("Gap i personer")


def test_a_sources_sheet_names_each_source_with_its_retrieval_date_and_the_notes():
    with translation.override("sv"):
        wb = workbook(to_xlsx(example()))
        sources = _("Sources")  # "Källor"
    assert wb.sheetnames == ["Saker", sources]
    ws = wb[sources]
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert "Testexport" in texts and "https://grogrund.example.org/omraden/x/" in texts
    assert "SCB, RAMS" in texts and "En anmärkning." in texts
    source = next(c for c in cells if c.value == "SCB, RAMS")
    retrieved = ws.cell(row=source.row, column=2)
    assert retrieved.value.date() == dt.date(2025, 3, 1)
    assert retrieved.number_format == "yyyy-mm-dd"
    assert wb.properties.title == "Testexport"


def test_a_sum_over_no_rows_is_written_as_its_value_not_a_circular_formula():
    table = Table(
        "empty",
        "Tom",
        [Column("name", "Namn"), Column("money", "Belopp", Kind.MONEY)],
        [],
        [["Totalt", Cell(0.0, formula="=SUM({money[]})")]],
    )
    ws = workbook(to_xlsx(Export("t", "T", "t", "t", [table])))["Tom"]
    assert ws["A2"].value == "Totalt" and ws["B2"].value == 0
