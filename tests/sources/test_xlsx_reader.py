from pathlib import Path

import openpyxl
import pytest

from grogrund.sources import ColumnMapping, SourceError, read_table, read_xlsx

LONG = ColumnMapping.from_dict(
    {"area_code": "Område", "indicator_code": "Indikator", "period": "År", "value": "Värde"}
)


def _workbook(tmp_path: Path, rows: list[list[object]], title: str = "Data") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    path = tmp_path / "figures.xlsx"
    wb.save(path)
    return path


def test_numbers_and_integer_codes(tmp_path) -> None:
    path = _workbook(
        tmp_path,
        [
            ["Område", "Indikator", "År", "Värde"],
            [114, "N1", 2023, 12.5],
            ["0114C1010", "N1", 2024, "1 234,5"],
        ],
    )
    records = list(read_xlsx(path, LONG))
    assert [(r.area_code, r.period, r.value) for r in records] == [
        ("0114", "2023", 12.5),
        ("0114C1010", "2024", 1234.5),
    ]
    assert records[1].location.file == "figures.xlsx (Data)"
    assert records[1].location.row == 3


def test_read_table_dispatches_on_extension(tmp_path) -> None:
    path = _workbook(tmp_path, [["Område", "Indikator", "År", "Värde"], ["0114", "N1", "2023", 1]])
    assert len(list(read_table(path, LONG))) == 1


def test_error_names_the_spreadsheet_row_and_column(tmp_path) -> None:
    path = _workbook(
        tmp_path,
        [
            ["Område", "Indikator", "År", "Värde"],
            ["0114", "N1", 2023, 1],
            ["0114", "N1", 2024, "x"],
        ],
    )
    with pytest.raises(SourceError) as info:
        list(read_xlsx(path, LONG))
    assert (info.value.location.row, info.value.location.column) == (3, "D (Värde)")


def test_personal_number_stored_as_a_number_is_refused(tmp_path) -> None:
    path = _workbook(
        tmp_path, [["Område", "Indikator", "År", "Värde"], ["0114", "N1", 2023, 8803200016]]
    )
    with pytest.raises(SourceError) as info:
        list(read_xlsx(path, LONG))
    assert info.value.code == "personal_number"
    assert info.value.location.column == "D (Värde)"


def test_unknown_sheet(tmp_path) -> None:
    path = _workbook(tmp_path, [["Område"]])
    with pytest.raises(SourceError) as info:
        list(read_xlsx(path, LONG, sheet="Blad2"))
    assert info.value.code == "unknown_sheet"
    assert "Data" in info.value.message


def test_empty_workbook(tmp_path) -> None:
    with pytest.raises(SourceError) as info:
        list(read_xlsx(_workbook(tmp_path, []), LONG))
    assert info.value.code == "empty_file"


def test_not_a_workbook(tmp_path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("not a zip")
    with pytest.raises(SourceError) as info:
        list(read_xlsx(path, LONG))
    assert info.value.code == "unreadable_file"
