"""A number typed in a form: a Swedish user's "1,234" is the Swedish decimal 1,234 (that is how
Swedes write it); patterns that are neither Swedish nor English are refused rather than guessed;
an English user's commas must group thousands; NaN and infinity are no numbers."""

from __future__ import annotations

import pytest
from django.utils import translation

from grogrund.core.numbers import parse_number


@pytest.mark.parametrize(
    "text,value",
    [
        ("1,234", 1.234),
        ("1 234", 1234),
        ("1.234.567", 1234567),  # points between thousands
        ("1.234.567,5", 1234567.5),
        ("1,234,567", 1234567),  # pasted from an English text: two commas group thousands
        ("1,234.5", 1234.5),
    ],
)
def test_a_swedish_user(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["1,234,5", "1.23.4", "1.234,5,6", "nan", "inf", "1e999"])
def test_what_is_neither_swedish_nor_english_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


def test_an_english_user() -> None:
    with translation.override("en"):
        assert parse_number("1,234") == 1234
        assert parse_number("1,234.5") == 1234.5
        with pytest.raises(ValueError):
            parse_number("1,5")  # not silently 15
