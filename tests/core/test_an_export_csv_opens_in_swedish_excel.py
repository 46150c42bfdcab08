"""An exported CSV is what Swedish Excel opens directly: UTF-8 with a byte order mark, ";"
between fields, a decimal comma and no thousands separator, shares in percent, a header row in
the user's language; and text written by people never becomes a formula, in CSV or XLSX."""

from __future__ import annotations

import datetime as dt

from export_files import csv_rows, workbook
from grogrund.core.exports import (
    Cell,
    Column,
    Export,
    Kind,
    Table,
    plain_number,
    to_csv,
    to_json,
    to_xlsx,
)


def export(name: str = "Testby") -> Export:
    columns = [
        Column("name", "Namn"),
        Column("year", "År", Kind.YEAR),
        Column("value", "Värde", Kind.NUMBER),
        Column("unit", "Enhet", Kind.UNIT, of="value"),
        Column("share", "Andel", Kind.SHARE),
        Column("met", "Uppnått", Kind.PERCENT),
        Column("cost", "Kostnad", Kind.MONEY),
        Column("day", "Hämtad", Kind.DATE),
        Column("code", "Kod", formats=("json",)),
    ]
    rows = [
        [
            name,
            2024,
            Cell(0.553, kind=Kind.SHARE),
            None,
            0.1 + 0.2,
            64.28571428571429,
            1234567.5,
            dt.date(2025, 3, 1),
            "x",
        ],
        ["-2+3", 2023, Cell(-1234.5, kind=Kind.MONEY), None, None, None, None, None, "y"],
    ]
    return Export("test", "Test", "test", "Testby", [Table("t", "T", columns, rows)])


def test_the_file_is_utf8_with_a_byte_order_mark_and_semicolons():
    content = to_csv(export("Ängby"))
    assert content.startswith(b"\xef\xbb\xbf")
    rows = csv_rows(content)
    assert rows[0] == [
        "Namn",
        "År",
        "Värde",
        "Enhet",
        "Andel (%)",
        "Uppnått (%)",
        "Kostnad (kr)",
        "Hämtad",
    ]
    assert rows[1][0] == "Ängby"
    assert b"\r\n" in content


def test_numbers_have_a_decimal_comma_and_no_thousands_separator():
    rows = csv_rows(to_csv(export()))
    # 0,553 is 55,3 %; 0,1 + 0,2 is 30 % (no binary noise); money without grouping.
    assert rows[1][1:8] == ["2024", "55,3", "%", "30", "64,285714286", "1234567,5", "2025-03-01"]
    assert rows[2][2:4] == ["-1234,5", "kr"]
    assert plain_number(1e-10) == "0"
    assert plain_number(220.00000000000003) == "220"


def test_json_keeps_raw_shares_and_says_their_unit():
    data = to_json(export())
    row = data["tables"][0]["rows"][0]
    assert row["share"] == 0.1 + 0.2 and row["value"] == 0.553
    assert row["unit"] == "share 0–1" or row["unit"] == "andel 0–1"
    assert row["code"] == "x" and row["day"] == "2025-03-01"


def test_text_that_looks_like_a_formula_stays_text():
    hostile = '=HYPERLINK("http://evil.example","klicka")'
    content = to_csv(export(hostile))
    rows = csv_rows(content)
    assert rows[1][0] == "'" + hostile
    assert rows[2][0] == "'-2+3"
    assert rows[2][2] == "-1234,5"  # a negative number stays a number
    ws = workbook(to_xlsx(export(hostile)))["T"]
    assert ws["A2"].value == hostile and ws["A2"].data_type == "s"
    assert ws["A3"].value == "-2+3" and ws["A3"].data_type == "s"
    assert ws["C3"].value == -1234.5 and ws["C3"].data_type == "n"


def test_a_file_name_says_what_and_when():
    e = export()
    e.made_at = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC)
    e.file_prefix, e.subject = "områdesprofil", "Norrbacka bostadsområde (fiktivt)"
    assert e.filename("xlsx") == "omradesprofil-norrbacka-bostadsomrade-fiktivt-2026-12-02.xlsx"
