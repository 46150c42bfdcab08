"""'1,234' in a file is never silently read as 1.234: a single comma followed by exactly three
digits (and nothing else) is Swedish 1,234 or English 1 234. The column's other values settle
it (a decimal comma elsewhere in the column means Swedish), or the mapping's decimal mark does;
otherwise the file is refused with both readings shown."""

from __future__ import annotations

import pytest

from grogrund.sources import SourceError
from grogrund.sources.decimals import AmbiguousNumber, ColumnNumbers
from grogrund.sources.records import Location
from grogrund.sources.tabular import parse_number


@pytest.mark.parametrize(
    "text,value",
    [
        ("1 234,5", 1234.5),
        ("12,5", 12.5),
        ("0,125", 0.125),  # an English thousands group never starts with 0
        ("1234,567", 1234.567),  # nor has four digits before the comma
        ("1 234,567", 1234.567),  # spaces group the thousands: the comma is decimal
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1,234,567", 1234567),  # two commas cannot be a decimal mark
        ("1.234.567", 1234567),
        ("\u221212,5", -12.5),
        ("74,1 %", 74.1),
        ("1234.5", 1234.5),
    ],
)
def test_numbers_that_say_which_they_are(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["1,234", "12,345", "999,000", "\u22121,234", "-12,345"])
def test_one_comma_and_three_digits_is_ambiguous(text: str) -> None:
    with pytest.raises(AmbiguousNumber) as info:
        parse_number(text)
    assert abs(info.value.decimal_reading) < 1000 < abs(info.value.thousands_reading)


@pytest.mark.parametrize("text", ["1,234,5", "1.23.4", "nan", "inf", "1e999", "12,5.3,1"])
def test_what_is_no_number_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


def test_the_mapping_can_give_the_decimal_mark() -> None:
    assert parse_number("1,234", decimal=",") == pytest.approx(1.234)
    assert parse_number("1.234", decimal=",") == 1234
    assert parse_number("1,234", decimal=".") == 1234
    assert parse_number("1,234.5", decimal=".") == 1234.5
    with pytest.raises(ValueError):
        parse_number("12,5", decimal=".")  # a comma that groups no thousands


def _where(row: int, column: str = "D (Värde)") -> Location:
    return Location(file="data.csv", row=row, column=column)


def test_a_column_with_decimal_commas_reads_1_234_as_a_decimal_and_says_so() -> None:
    numbers = ColumnNumbers()
    assert numbers.parse("1,234", _where(2)) == pytest.approx(1.234)
    assert numbers.parse("12,5", _where(3)) == 12.5
    assert numbers.parse("2,468", _where(4)) == pytest.approx(2.468)
    numbers.finish()
    assert numbers.readings == {"D (Värde)": 2}


def test_a_column_without_decimal_commas_is_refused_with_both_readings() -> None:
    numbers = ColumnNumbers()
    numbers.parse("1,234", _where(2))
    numbers.parse("1250", _where(3))
    numbers.parse("12.5", _where(4))
    numbers.parse("12,5", _where(5, "E (Andel)"))  # another column's comma settles nothing
    with pytest.raises(SourceError) as info:
        numbers.finish()
    err = info.value
    assert err.code == "ambiguous_number"
    assert (err.location.row, err.location.column) == (2, "D (Värde)")
    assert "1,234" in err.message and "1\u00a0234" in err.message
    assert 'decimal: ","' in err.message


def test_a_decimal_mark_in_the_mapping_settles_every_column() -> None:
    numbers = ColumnNumbers(decimal=".")
    assert numbers.parse("1,234", _where(2)) == 1234
    numbers.finish()
    assert numbers.readings == {}
