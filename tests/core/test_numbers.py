"""Numbers are shown the Swedish way by default (1 234,5) and the English way in English."""

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from grogrund.core.numbers import (
    format_money,
    format_number,
    format_percent,
    parse_number,
    round_half_up,
)

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
        shown = parse_number(format_number(value, decimals))
        assert abs(shown) == float(round_half_up(abs(value), decimals))
        assert abs(shown - value) <= 10**-decimals / 2 + abs(value) * 1e-15


@pytest.mark.parametrize(
    "value, decimals, shown",
    [
        (1.45, 1, "1,5"),  # the float is a hair below 1,45; people round it up
        (2.5, 0, "3"),  # not to the even 2
        (-2.5, 0, MINUS + "3"),  # halves away from zero, both ways
        (0.125, 2, "0,13"),
        (1_450_000 / 1_000_000, 1, "1,5"),  # a budget's "1,5 mnkr"
        (0.145 * 100, 0, "15"),  # 14.499999999999998: the noise of binary arithmetic
        (1234.5, 0, f"1{NBSP}235"),
        (1.44999, 1, "1,4"),
    ],
)
def test_halves_are_rounded_up_as_people_round(value, decimals, shown):
    assert format_number(value, decimals) == shown


@given(st.integers(-(10**9), 10**9), st.integers(0, 3))
def test_a_number_ending_in_five_rounds_away_from_zero(digits, decimals):
    """digits × 10^-(decimals+1) with a last digit 5 is shown rounded away from zero."""
    value = (digits * 10 + 5) / 10 ** (decimals + 1)
    expected = (abs(digits) + (1 if digits >= 0 else 0)) / 10**decimals
    shown = format_number(value, decimals).replace(NBSP, "").replace(",", ".")
    assert float(shown.replace(MINUS, "")) == pytest.approx(expected)
