"""Numbers are shown the Swedish way by default (1 234,5) and the English way in English."""

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from grogrund.core.numbers import format_money, format_number, format_percent, parse_number

NBSP = "\u00a0"
MINUS = "\u2212"


@pytest.fixture(autouse=True)
def swedish():
    with translation.override("sv"):
        yield


def test_a_number_has_a_non_breaking_space_between_thousands_and_a_decimal_comma():
    assert format_number(1234.5) == f"1{NBSP}234,5"
    assert format_number(1234567.891, 2) == f"1{NBSP}234{NBSP}567,89"


def test_money_is_whole_kronor():
    assert format_money(1234.4) == f"1{NBSP}234{NBSP}kr"


def test_a_share_is_shown_as_percent():
    assert format_percent(0.553) == f"55,3{NBSP}%"
    assert format_percent(50 / 110) == f"45,5{NBSP}%"


def test_a_negative_number_has_a_true_minus_sign():
    assert format_number(-1234.5) == f"{MINUS}1{NBSP}234,5"
    assert format_money(-500) == f"{MINUS}500{NBSP}kr"


def test_a_negative_number_that_rounds_to_zero_has_no_sign():
    assert format_number(-0.04) == "0,0"


def test_a_signed_number_shows_plus_for_gains():
    assert format_number(35.8, 0, sign=True) == "+36"
    assert format_percent(0.202, sign=True) == f"+20,2{NBSP}%"


def test_a_missing_figure_is_a_dash_never_zero():
    assert format_number(None) == "–"
    assert format_number(float("nan")) == "–"
    assert format_money(None) == "–"
    assert format_percent(None) == "–"


def test_english_uses_comma_thousands_and_a_decimal_point():
    with translation.override("en"):
        assert format_number(1234.5) == "1,234.5"
        assert format_money(1234) == f"1,234{NBSP}kr"
        assert format_percent(0.553) == f"55.3{NBSP}%"
        assert format_number(-1234.5) == f"{MINUS}1,234.5"


@pytest.mark.parametrize(
    "text,value",
    [
        ("1 500 000", 1_500_000),
        (f"1{NBSP}500{NBSP}000", 1_500_000),
        ("12,5", 12.5),
        ("12.5", 12.5),  # no comma: the point is the decimal sign
        ("1.500,25", 1500.25),
        (f"{MINUS}3,5", -3.5),
    ],
)
def test_a_swedish_user_types_numbers_the_swedish_way(text, value):
    assert parse_number(text) == value


def test_an_english_user_types_commas_between_thousands():
    with translation.override("en"):
        assert parse_number("1,500,000") == 1_500_000
        assert parse_number("12.5") == 12.5


def test_what_is_not_a_number_is_refused():
    with pytest.raises(ValueError):
        parse_number("tolv")


@given(st.floats(-1e12, 1e12), st.sampled_from(["sv", "en"]), st.integers(0, 3))
def test_a_formatted_number_reads_back(value, language, decimals):
    with translation.override(language):
        assert parse_number(format_number(value, decimals)) == pytest.approx(
            round(value, decimals), abs=10**-decimals
        )
