"""Swedish number formatting: 1 234,5 and 1 234,5 kr (non-breaking spaces), and reading
numbers back as people type them."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import get_language

from grogrund.sources.decimals import COMMA_GROUPS, POINT_GROUPS

NBSP = "\u00a0"
MINUS = "\u2212"


def format_number(value: float | int | None, decimals: int = 1, *, sign: bool = False) -> str:
    """Format with the active language's separators: sv `1 234,5`, en `1,234.5`."""
    return _format(value, decimals, sign, _is_english())


_SPACES = re.compile(r"[\s\u00a0\u202f]")


def parse_number(text: str, *, decimal_comma: bool = False) -> float:
    """A number as people type it, the inverse of `format_number`. Raises ValueError (also for
    NaN and infinity, which no figure is).

    Swedish (the default): `1 500 000`, `12,5`, `−3`; a comma is the decimal sign, so `1,234`
    is 1.234 (that is how Swedes write it); points group thousands beside a decimal comma or
    when there are several (`1.500,25`, `1.234.567`); a lone point is a decimal point (`12.5`).
    Several commas are thousands only in groups of three (`1,234,567` pasted from an English
    text); `1,234,5` is refused, as is any other mixture.

    English: `1,500,000`, `12.5`, `1,234.5`; commas must group thousands, so `1,5` is refused
    rather than read as 15. With `decimal_comma` (forms: people in Sweden write decimal commas
    whatever the language of their screen) an English user's lone comma that cannot group
    thousands is a decimal comma: `1,5` is 1.5, while `1,234` stays 1234."""
    s = _SPACES.sub("", text.strip()).replace(MINUS, "-")
    comma, point = s.count(","), s.count(".")
    if comma and point:
        # The later separator is the decimal one, the other groups thousands.
        thousands, decimal = (".", ",") if s.rfind(",") > s.rfind(".") else (",", ".")
        groups = POINT_GROUPS if thousands == "." else COMMA_GROUPS
        if not groups.fullmatch(s):
            raise ValueError(text)
        s = s.replace(thousands, "").replace(decimal, ".")
    elif comma > 1 or (comma and _is_english()):
        if comma == 1 and decimal_comma and not COMMA_GROUPS.fullmatch(s):
            s = s.replace(",", ".")
        elif not COMMA_GROUPS.fullmatch(s):
            raise ValueError(text)
        s = s.replace(",", "")
    elif comma:
        s = s.replace(",", ".")
    elif point > 1:
        if not POINT_GROUPS.fullmatch(s):
            raise ValueError(text)
        s = s.replace(".", "")
    if "_" in s:
        raise ValueError(text)
    number = float(s)
    if not math.isfinite(number):
        raise ValueError(text)
    return number


def _is_english() -> bool:
    return (get_language() or "sv").startswith("en")


def _format(value: float | int | None, decimals: int, sign: bool, english: bool) -> str:
    if value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value))):
        return "–"
    rounded = round_half_up(abs(value), decimals)
    text = f"{rounded:,.{decimals}f}"
    body = text if english else text.replace(",", NBSP).replace(".", ",")
    if value < 0 and rounded != 0:
        return MINUS + body
    if sign and value > 0 and rounded != 0:
        return "+" + body
    return body


def round_half_up(value: float | int, decimals: int) -> Decimal:
    """`value` rounded as people round: halves away from zero, of the number as written
    (1,45 → 1,5 and 2,5 → 3, where the float 1.45, a hair below 1.45, and Python's rounding of
    halves to even would give 1,4 and 2). A float is read to 15 significant digits, which drops
    the noise of binary arithmetic (0,145 × 100 = 14.499999999999998 is 14,5, so 15 %)."""
    exact = Decimal(value) if isinstance(value, int) else Decimal(f"{float(value):.15g}")
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def number_formatter(
    decimals: int = 1, *, sign: bool = False, scale: float = 1, suffix: str = ""
) -> Callable[[float | None], str]:
    """`format_number` with the language read once, for formatting thousands of figures (a
    chart's labels): `number_formatter(0, scale=100, suffix=NBSP + "%")` formats shares."""
    english = _is_english()

    def fmt(value: float | None) -> str:
        if value is None:
            return "–"
        return _format(value * scale, decimals, sign, english) + suffix

    return fmt


def format_money(value: float | None, decimals: int = 0) -> str:
    if value is None:
        return "–"
    return f"{format_number(value, decimals)}{NBSP}kr"


def format_percent(share: float | None, decimals: int = 1, *, sign: bool = False) -> str:
    """A share 0–1 as percent: 0.553 → `55,3 %`."""
    if share is None:
        return "–"
    return f"{format_number(share * 100, decimals, sign=sign)}{NBSP}%"
