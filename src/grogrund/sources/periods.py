"""What a period is: the forms of period Grogrund stores, checked in one place.

A period is the time a figure describes, written as Swedish statistics write it:

| form        | example     | meaning                                                   |
|-------------|-------------|-----------------------------------------------------------|
| `YYYY`      | `2023`      | a year (SCB, Kolada, most files)                          |
| `YYYYMmm`   | `2024M09`   | a month (SCB's monthly tables, KPI)                       |
| `YYYYKq`    | `2024K3`    | a quarter (SCB writes K; `2024Q3` is read the same)       |
| `YYYY-YYYY` | `2023-2024` | two consecutive years: a school year (läsår) or a split   |
|             |             | financial year; `2023/2024` and `2023/24` are the same    |

Years run from 1900 to 2100. Anything else — a date, a free text, "2010-2024" (a period
longer than any period a figure is published for), month 13 — is not a period and is
refused with the forms above in the message. `check_period` returns the period as it will
be stored (a quarter with Q is stored with K, a school year with a slash with a hyphen),
so the same period always has the same text.
"""

from __future__ import annotations

import re

from .errors import SourceError, gettext_noop
from .records import Location

FIRST_YEAR = 1900
LAST_YEAR = 2100

_YEAR = re.compile(r"(\d{4})")
_MONTH = re.compile(r"(\d{4})M(\d{2})")
_QUARTER = re.compile(r"(\d{4})[KQ]([1-4])")
_SPAN = re.compile(r"(\d{4})[-/](\d{4}|\d{2})")

PERIOD_FORMS = "2023, 2024M09, 2024K3, 2023-2024"


def _year_ok(text: str) -> bool:
    return FIRST_YEAR <= int(text) <= LAST_YEAR


def normalise_period(text: str) -> str | None:
    """The period in its stored form, or None if `text` is not a period."""
    p = text.strip().upper()
    if m := _YEAR.fullmatch(p):
        return p if _year_ok(p) else None
    if m := _MONTH.fullmatch(p):
        return p if _year_ok(m[1]) and 1 <= int(m[2]) <= 12 else None
    if m := _QUARTER.fullmatch(p):
        return f"{m[1]}K{m[2]}" if _year_ok(m[1]) else None
    if m := _SPAN.fullmatch(p):
        first = int(m[1])
        second = int(m[2])
        if len(m[2]) == 2:  # "2023/24", "1999/00": the next year in the same or next century
            second += (first // 100) * 100
            if second <= first:
                second += 100
        if _year_ok(m[1]) and second == first + 1:
            return f"{first}-{second}"
        return None
    return None


def check_period(text: str, location: Location) -> str:
    """The period in its stored form; a SourceError naming the place if it is not a period."""
    period = normalise_period(text)
    if period is None:
        raise SourceError(
            gettext_noop(
                "'%(period)s' in %(file)s, row %(row)s is not a period. Write a year (2023), "
                "a month (2024M09), a quarter (2024K3) or two consecutive years (2023-2024)."
            ),
            {"period": text[:40]},
            location,
            code="invalid_period",
        )
    return period
