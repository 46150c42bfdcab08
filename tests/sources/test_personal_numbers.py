import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn

from grogrund.sources import SourceError, find_personal_number, scan_rows
from grogrund.sources.personal_numbers import check_json


@pytest.mark.parametrize(
    "text",
    [
        "880320-0016",
        "8803200016",
        "19880320-0016",
        "198803200016",
        "880320+0016",
        "Pnr: 880320-0016, hyresgäst",
        "8803800013",  # samordningsnummer: day 20 + 60
        "0002291235",  # 29 February 2000
        "880320 0016",  # space
        "880320\u00a00016",  # no-break space
        "19880320\u20130016",  # en dash
        "880320\u20140016",  # em dash
        "880320\u22120016",  # minus sign
        "880320 - 0016",
        "88.03.20-0016",  # dotted date
        "1988.03.20-0016",
        "1988-03-20-0016",
        "８８０３２０－００１６",  # full-width digits and hyphen
        "\u0668\u0668\u0660\u0663\u0662\u0660-\u0660\u0660\u0661\u0666",  # Arabic-Indic
        "880320-0016,880320-0017",  # a list: the first is caught despite the comma after it
    ],
)
def test_personal_numbers_in_every_format_are_found(text: str) -> None:
    assert find_personal_number(text) is not None


def test_coordination_number_is_recognised_as_such() -> None:
    found = find_personal_number("19880380-0013")
    assert found is not None
    assert found.kind == "samordningsnummer"


@pytest.mark.parametrize(
    "text",
    [
        "880320-0018",  # wrong check digit
        "881320-0016",  # month 13
        "2023",
        "0114C1010",
        "0114C1010_DeSO2025",
        "1234.5",
        "1 234,5",
        "2026M01",
        "0.8803200016",  # the decimals of a figure, not a number of its own
        "29880320-0016",  # century 29 does not exist
        "20880320-0016",  # nobody is born in 2088
        "",
        "1234567890",  # an amount: month 34
        "8803200016,5",  # an amount with decimals
        "8803200016.25",
        "070-123 45 67",  # a phone number in groups
        "+46701234567",
        "2024-01-15",
        "2024-01-15 1230",  # a date and a time
        "0114A0010",  # DeSO 2018
        "0114R001",  # RegSO
        "2024M09",
        "1 234 567 890",
        "TAB6471 000007Y3 2023",
    ],
)
def test_ordinary_figures_are_not_personal_numbers(text: str) -> None:
    assert find_personal_number(text) is None


def test_match_is_masked() -> None:
    found = find_personal_number("19880320-0016")
    assert found is not None
    assert found.masked == "19880320-****"


def test_scan_rows_refuses_the_file_naming_row_and_column_without_the_number() -> None:
    rows = [["Område", "Värde"], ["0114", "12"], ["0114", "880320-0016"]]
    with pytest.raises(SourceError) as info:
        list(scan_rows(rows, file="hyresgaster.csv"))
    err = info.value
    assert err.code == "personal_number"
    assert err.location.row == 3
    assert err.location.column == "B"
    assert "880320-0016" not in str(err)
    assert "880320-****" in str(err)
    assert "aggregate" in err.message


def test_scan_rows_passes_clean_rows_through() -> None:
    rows = [["0114", "2023", "1234,5"], ["0114C1010", "2024", 8.5]]
    assert list(scan_rows(rows, file="ok.csv")) == rows


@st.composite
def valid_numbers(draw: st.DrawFn) -> tuple[str, str]:
    """(text, format) for a valid personnummer or samordningsnummer."""
    birth = draw(st.dates(datetime.date(1900, 1, 1), datetime.date(2025, 12, 31)))
    coordination = draw(st.booleans())
    serial = draw(st.integers(0, 999))
    day = birth.day + (60 if coordination else 0)
    short = f"{birth:%y%m}{day:02d}{serial:03d}"
    check = luhn.calc_check_digit(short)
    century = f"{birth.year // 100:02d}"
    fmt = draw(st.sampled_from(["YYMMDD-NNNN", "YYMMDDNNNN", "YYYYMMDD-NNNN", "YYYYMMDDNNNN"]))
    sep = "-" if "-" in fmt else ""
    prefix = century if fmt.startswith("YYYY") else ""
    return f"{prefix}{short[:6]}{sep}{short[6:]}{check}", fmt


@given(valid_numbers(), st.text(alphabet="abc ;:", max_size=5))
def test_generated_valid_numbers_are_detected(number: tuple[str, str], padding: str) -> None:
    text, _ = number
    assert find_personal_number(padding + text + padding) is not None


@given(valid_numbers(), st.integers(1, 9))
def test_generated_numbers_with_a_wrong_check_digit_are_not(
    number: tuple[str, str], shift: int
) -> None:
    text, _ = number
    wrong = str((int(text[-1]) + shift) % 10)
    assert find_personal_number(text[:-1] + wrong) is None


@given(valid_numbers())
def test_agrees_with_python_stdnum_on_ordinary_personnummer(number: tuple[str, str]) -> None:
    """python-stdnum knows no samordningsnummer and reads a 10-digit number's century from
    today's date; for every other personnummer both must agree."""
    from stdnum.se import personnummer

    text, _ = number
    if personnummer.is_valid(text):
        assert find_personal_number(text) is not None


def test_json_refusal_names_the_place_by_its_path() -> None:
    data = {"values": [{"kpi": "N1", "status": ""}, {"kpi": "N1", "status": "880320-0016"}]}
    with pytest.raises(SourceError) as info:
        check_json(data, file="kolada.json")
    assert info.value.location.field == "values[1].status"
    assert "880320-0016" not in str(info.value)


def test_json_figures_are_not_read_as_identifiers() -> None:
    check_json({"value": [8803200016, 8803200016.0, None], "label": "Befolkning"}, file="x")
