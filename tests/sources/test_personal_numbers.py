import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn

from grogrund.sources import SourceError, find_personal_number, scan_rows


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
        "",
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
