"""A number field reads what Swedes type — "5,5", "5.5", "1 234,5" with any kind of space,
"12 %" in a percent field, "−3" — refuses anything else naming what was typed and an example
that works, in the user's language; shows its value in the user's format so that sending the
form again gives back the same number; and is a text input with `inputmode`, never
`type="number"` (whose reading depends on the browser's locale)."""

from __future__ import annotations

import pytest
from django import forms
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from grogrund.core.forms import IntegerNumberField, NumberField, PercentField, YearField

NBSP, NNBSP = "\u00a0", "\u202f"


class Figures(forms.Form):
    amount = NumberField(label="Amount", required=False)
    share = PercentField(label="Share", required=False, min_value=0, max_value=100)
    count = IntegerNumberField(label="Count", required=False, min_value=1)
    year = YearField(label="Year", required=False, min_value=1900, max_value=2200)


def _clean(**data: str) -> Figures:
    form = Figures(data=data)
    form.is_valid()
    return form


@pytest.mark.parametrize(
    "typed,value",
    [
        ("5,5", 5.5),
        ("5.5", 5.5),
        ("1 234,5", 1234.5),
        (f"1{NBSP}234,5", 1234.5),
        (f"1{NNBSP}234,5", 1234.5),
        ("−3", -3.0),
        ("-3", -3.0),
        ("  7 ", 7.0),
    ],
)
def test_a_number_as_swedes_type_it(typed: str, value: float) -> None:
    form = _clean(amount=typed)
    assert form.errors == {}
    assert form.cleaned_data["amount"] == value


@pytest.mark.parametrize("language", ["sv", "en"])
def test_an_english_screen_does_not_turn_a_decimal_comma_into_thousands(language: str) -> None:
    with translation.override(language):
        assert _clean(share="5,5").cleaned_data["share"] == 5.5
        assert _clean(amount="13,9").cleaned_data["amount"] == 13.9


def test_english_thousands_stay_thousands_in_english() -> None:
    with translation.override("en"):
        assert _clean(amount="1,234").cleaned_data["amount"] == 1234
        assert _clean(amount="1,234.5").cleaned_data["amount"] == 1234.5


@pytest.mark.parametrize("typed", ["12 %", "12%", f"12{NBSP}%", "12"])
def test_a_percent_field_takes_the_percent_sign(typed: str) -> None:
    assert _clean(share=typed).cleaned_data["share"] == 12.0


def test_only_a_percent_field_takes_the_percent_sign() -> None:
    assert "amount" in _clean(amount="12 %").errors


def test_empty_is_none() -> None:
    form = _clean(amount="", share="  ", count="")
    assert form.errors == {}
    assert form.cleaned_data["amount"] is None and form.cleaned_data["share"] is None


@pytest.mark.parametrize("typed", ["tolv", "1,234,5", "5,5,5", "12 kr", "nan", "1e999", "5 5,5.5"])
def test_anything_else_is_refused(typed: str) -> None:
    assert "amount" in _clean(amount=typed).errors


def test_the_refusal_names_what_was_typed_and_a_swedish_example() -> None:
    (message,) = _clean(amount="5,5x").errors["amount"]
    assert "5,5x" in message
    assert f"1{NBSP}234,5" in message


def test_the_refusal_in_english() -> None:
    with translation.override("en"):
        (message,) = _clean(amount="5,5x").errors["amount"]
    assert message == "“5,5x” is not a number. Write it like 1,234.5."


def test_a_percent_refusal_gives_a_percent_example() -> None:
    with translation.override("en"):
        (message,) = _clean(share="half").errors["share"]
    assert message == f"“half” is not a number. Write it like 12.5{NBSP}%."


def test_a_whole_number_field_refuses_decimals() -> None:
    with translation.override("en"):
        (message,) = _clean(count="2,5").errors["count"]
    assert message == "“2,5” is not a whole number. Write it like 1,200."
    assert _clean(count="1 200").cleaned_data["count"] == 1200


def test_a_year_is_an_int_and_its_example_has_no_thousands_separator() -> None:
    assert _clean(year="2026").cleaned_data["year"] == 2026
    with translation.override("en"):
        (message,) = _clean(year="20.26.1").errors["year"]
    assert "2026" in message and "2,026" not in message


def test_limits_are_named_in_the_users_format() -> None:
    class Limited(forms.Form):
        rate = NumberField(min_value=0.5, max_value=1234.5)

    (low,) = Limited(data={"rate": "0,25"}).errors["rate"]
    assert "0,5" in low
    with translation.override("en"):
        (high,) = Limited(data={"rate": "2000"}).errors["rate"]
    assert high == "Give 1,234.5 or less."
    with translation.override("en"):
        (low,) = Limited(data={"rate": "0.25"}).errors["rate"]
    assert low == "Give 0.5 or more."


def test_limits_of_a_percent_and_a_year() -> None:
    assert "share" in _clean(share="101").errors
    assert "year" in _clean(year="1899").errors
    assert _clean(share="100 %").cleaned_data["share"] == 100


def test_the_inputs_are_text_with_an_inputmode() -> None:
    html = str(Figures())
    assert 'type="number"' not in html
    assert html.count('type="text"') == 4
    assert html.count('inputmode="decimal"') == 2  # the amount and the share
    assert html.count('inputmode="numeric"') == 2  # the count and the year


@pytest.mark.parametrize(
    "value,shown",
    [
        (1234.5, f"1{NBSP}234,5"),
        (5.5, "5,5"),
        (0.035, "0,035"),
        (1500000.0, f"1{NBSP}500{NBSP}000"),
        (-3.0, "−3"),
    ],
)
def test_an_initial_value_is_shown_in_swedish(value: float, shown: str) -> None:
    form = Figures(initial={"amount": value})
    assert form["amount"].value() == shown
    assert f'value="{shown}"' in str(form["amount"])


def test_a_year_is_shown_without_a_thousands_separator() -> None:
    assert Figures(initial={"year": 2026})["year"].value() == "2026"
    with translation.override("en"):
        assert Figures(initial={"year": 2026})["year"].value() == "2026"


def test_what_was_typed_is_shown_again_as_typed() -> None:
    form = _clean(amount="5,5x")
    assert form["amount"].value() == "5,5x"


finite = st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False)


@pytest.mark.parametrize("language", ["sv", "en"])
@given(value=finite.filter(lambda x: x == 0 or abs(x) >= 1e-12))
def test_a_shown_value_is_read_back_as_the_same_number(language: str, value: float) -> None:
    with translation.override(language):
        shown = Figures(initial={"amount": value})["amount"].value()
        assert _clean(amount=shown).cleaned_data["amount"] == value


@given(value=st.integers(min_value=-(10**12), max_value=10**12))
def test_a_shown_whole_number_is_read_back_exactly(value: int) -> None:
    for language in ("sv", "en"):
        with translation.override(language):
            shown = Figures(initial={"count": value})["count"].value()
            assert IntegerNumberField().clean(shown) == value
