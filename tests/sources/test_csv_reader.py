from pathlib import Path

import pytest

from grogrund.sources import ColumnMapping, SourceError, parse_number, read_csv

LONG = ColumnMapping.from_dict(
    {"area_code": "Område", "indicator_code": "Indikator", "period": "År", "value": "Värde"}
)


def _write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_semicolon_swedish_decimal_comma_and_spaces(tmp_path) -> None:
    path = _write(
        tmp_path,
        "Område;Indikator;År;Värde\n0114;N00914;2023;1 234,5\n0114;N00914;2024;1\u00a0000\n",
    )
    records = list(read_csv(path, LONG))
    assert [(r.area_code, r.indicator_code, r.period, r.value) for r in records] == [
        ("0114", "N00914", "2023", 1234.5),
        ("0114", "N00914", "2024", 1000.0),
    ]
    assert records[0].location.row == 2
    assert records[0].location.column == "D (Värde)"


def test_comma_delimiter_with_bom(tmp_path) -> None:
    path = _write(tmp_path, '\ufeffOmråde,Indikator,År,Värde\n0114C1010,N1,2023,"12,5"\n')
    (record,) = read_csv(path, LONG)
    assert record.area_code == "0114C1010"
    assert record.value == 12.5


def test_cp1252_file_from_excel(tmp_path) -> None:
    path = _write(tmp_path, "Område;Indikator;År;Värde\n0180;Förvärvsarbetande;2023;5\n", "cp1252")
    (record,) = read_csv(path, LONG)
    assert record.indicator_code == "Förvärvsarbetande"


def test_leading_zero_lost_in_excel_is_restored(tmp_path) -> None:
    path = _write(tmp_path, "Område;Indikator;År;Värde\n114;N1;2023;1\n1;N1;2023;2\n")
    assert [r.area_code for r in read_csv(path, LONG)] == ["0114", "01"]


def test_missing_symbols_are_missing_not_zero(tmp_path) -> None:
    path = _write(tmp_path, "Område;Indikator;År;Värde\n0114;N1;2023;..\n0114;N1;2024;\n")
    records = list(read_csv(path, LONG))
    assert [(r.value, r.status) for r in records] == [(None, ".."), (None, "missing")]


def test_numerator_and_denominator_give_a_share(tmp_path) -> None:
    mapping = ColumnMapping.from_dict(
        {
            "area_code": "Område",
            "indicator": "sysselsatta_20_64",
            "period": "År",
            "numerator": "Sysselsatta",
            "denominator": "Befolkning 20-64",
        }
    )
    path = _write(tmp_path, "Område;År;Sysselsatta;Befolkning 20-64\n0114C1010;2023;750;1000\n")
    (record,) = read_csv(path, mapping)
    assert (record.numerator, record.denominator, record.value) == (750, 1000, 0.75)
    assert record.indicator_code == "sysselsatta_20_64"


def test_wide_layout_one_column_per_indicator(tmp_path) -> None:
    mapping = ColumnMapping.from_dict(
        {
            "area_code": "Område",
            "fixed_period": "2023",
            "indicator_columns": {"Vakanser": "vacancies", "Omflyttning": "turnover"},
        }
    )
    path = _write(tmp_path, "Område;Vakanser;Omflyttning\n0114C1010;12;0,18\n")
    records = list(read_csv(path, mapping))
    assert [(r.indicator_code, r.period, r.value) for r in records] == [
        ("vacancies", "2023", 12.0),
        ("turnover", "2023", 0.18),
    ]


def test_a_value_that_is_not_a_number_names_row_column_and_what_to_do(tmp_path) -> None:
    path = _write(
        tmp_path, "Område;Indikator;År;Värde\n" + "0114;N1;2023;1\n" * 5 + "0114;N1;2023;abc\n"
    )
    with pytest.raises(SourceError) as info:
        list(read_csv(path, LONG))
    err = info.value
    assert err.code == "not_a_number"
    assert (err.location.row, err.location.column, err.location.field) == (7, "D (Värde)", "value")
    assert err.message == (
        "The value 'abc' in data.csv, row 7, column D (Värde) (value) is not a number. Write a "
        "number such as 1234,5, or leave the cell empty (or write ..) if the figure is missing."
    )


def test_a_column_named_as_its_field_is_not_named_twice(tmp_path) -> None:
    mapping = ColumnMapping.from_dict(
        {
            "area_code": "area",
            "indicator_code": "indicator",
            "period": "period",
            "numerator": "numerator",
            "denominator": "denominator",
        }
    )
    path = _write(tmp_path, "area;indicator;period;numerator;denominator\n0114;N1;2023;x;10\n")
    with pytest.raises(SourceError) as info:
        list(read_csv(path, mapping))
    assert info.value.message.startswith(
        "The value 'x' in data.csv, row 2, column D (numerator) is not a number."
    )


def test_missing_columns_are_listed_in_one_error(tmp_path) -> None:
    path = _write(tmp_path, "Område;Värde\n0114;1\n")
    with pytest.raises(SourceError) as info:
        list(read_csv(path, LONG))
    assert info.value.code == "missing_columns"
    assert "'Indikator', 'År'" in info.value.message


@pytest.mark.parametrize("text", ["", "Område;Indikator;År;Värde\n", "\n\n"])
def test_empty_file(tmp_path, text) -> None:
    with pytest.raises(SourceError) as info:
        list(read_csv(_write(tmp_path, text), LONG))
    assert info.value.code == "empty_file"


def test_a_personal_number_anywhere_refuses_the_file(tmp_path) -> None:
    path = _write(
        tmp_path, "Område;Indikator;År;Värde;Kommentar\n0114;N1;2023;1;hyresgäst 19880320-0016\n"
    )
    with pytest.raises(SourceError) as info:
        list(read_csv(path, LONG))
    err = info.value
    assert err.code == "personal_number"
    assert (err.location.row, err.location.column) == (2, "E (Kommentar)")
    assert "0016" not in str(err)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 234,5", 1234.5),
        ("1234.5", 1234.5),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("\u22123", -3.0),
        ("74,1 %", 74.1),
        ("0", 0.0),
    ],
)
def test_parse_number(text, expected) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["abc", "", "12a", "nan"])
def test_parse_number_refuses(text) -> None:
    with pytest.raises(ValueError):
        parse_number(text)
