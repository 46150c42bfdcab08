"""Numbers in files as people write them, and the one ambiguous case: "1,234".

Read without doubt:
- Swedish: "1 234,5" (spaces, no-break spaces, thin spaces as thousands separators), "12,5",
  "0,125" (an English thousands group never starts with 0), "1234,567" (nor has four digits),
  "1 234,567" (spaces group the thousands, so the comma is the decimal mark), "1.234,5";
- English and machine: "1234.5", "1,234.5", "1,234,567" (two commas cannot be a decimal
  mark), "1.234.567" (nor two points);
- "−3" (minus sign), "74,1 %" (the % is dropped: the figure is in the indicator's unit).

Ambiguous: a single comma followed by exactly three digits, with one to three digits before
it and no other separator ("1,234", "−12,345", "999,000"): Swedish decimal 1,234 or English
thousands 1 234? `parse_number` raises `AmbiguousNumber` with both readings, unless the decimal
mark is given (`decimal=","` or `"."`: a mapping's `decimal`). In a file, `ColumnNumbers` settles
it per column: the Swedish decimal reading is taken when the same column also has values with
an unambiguous decimal comma ("12,5", "1 234,5"); otherwise the file is refused with a message
showing both readings (`ColumnNumbers.finish`). `ColumnNumbers.readings` says, for the import
report, which reading was used.

NaN and infinity ("nan", "inf", "1e999") are not numbers here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from .errors import SourceError, gettext_noop
from .records import Location

_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009\t")
_AMBIGUOUS = re.compile(r"[-+]?[1-9][0-9]{0,2},[0-9]{3}")
# Numbers grouped in thousands: "1,234,567.5" and "1.234.567,5" (also read by core.numbers).
COMMA_GROUPS = re.compile(r"[-+]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?")
POINT_GROUPS = re.compile(r"[-+]?[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]*)?")
DECIMAL_MARKS = (",", ".")


class AmbiguousNumber(ValueError):
    """'1,234': 1.234 with a Swedish decimal comma, or 1234 with an English thousands comma."""

    def __init__(self, text: str, decimal_reading: float, thousands_reading: float) -> None:
        super().__init__(text)
        self.text = text
        self.decimal_reading = decimal_reading
        self.thousands_reading = thousands_reading


def parse_number(text: str, *, decimal: str | None = None) -> float:
    """A number written in a file → float; ValueError if it is none (or NaN or infinite),
    AmbiguousNumber (a ValueError) for "1,234" unless `decimal` ("," or ".") is given."""
    s = text.translate(_SPACES).replace("\u2212", "-")
    if s.endswith("%"):
        s = s[:-1]
    if "," in s:
        if decimal == ",":
            s = s.replace(".", "").replace(",", ".")  # two commas: float() refuses
        elif decimal == ".":
            if not COMMA_GROUPS.fullmatch(s):
                raise ValueError(text)
            s = s.replace(",", "")
        elif "." in s:
            # The later separator is the decimal one: "1.234,5" or "1,234.5".
            if s.rfind(",") > s.rfind("."):
                s = s.replace(".", "").replace(",", ".")
            else:
                s = s.replace(",", "")
        elif s.count(",") > 1:
            if not COMMA_GROUPS.fullmatch(s):
                raise ValueError(text)  # "1,234,5" is neither Swedish nor English
            s = s.replace(",", "")
        elif _AMBIGUOUS.fullmatch(s) and len(s) == len(text.strip().rstrip("%").rstrip()):
            # (The length test: no spaces were removed; "1 234,567" is Swedish.)
            raise AmbiguousNumber(text, float(s.replace(",", ".")), float(s.replace(",", "")))
        else:
            s = s.replace(",", ".")
    elif s.count(".") > 1 or decimal == ",":
        if not POINT_GROUPS.fullmatch(s) and not (decimal == "," and "." not in s):
            raise ValueError(text)
        s = s.replace(".", "")
    if not s or "_" in s:
        raise ValueError(text)
    number = float(s)
    if not math.isfinite(number):
        raise ValueError(text)
    return number


def has_decimal_comma(text: str) -> bool:
    """True for a figure that plainly uses a decimal comma: "12,5", "1 234,5", "0,125"."""
    if "," not in text or "." in text or text.count(",") != 1:
        return False
    try:
        parse_number(text)
    except ValueError:  # AmbiguousNumber included
        return False
    return True


@dataclass
class _Pending:
    first: AmbiguousNumber
    location: Location
    count: int = 0


@dataclass
class ColumnNumbers:
    """Numbers of one file read column by column, settling "1,234" by the column's other
    values. Call `parse` for each cell and `finish` at the end of the file (it raises
    SourceError for a column whose "1,234" could not be settled); `readings` then lists, per
    column, how many such values were read as decimals, for the import report."""

    decimal: str | None = None
    _comma_columns: set[str] = field(default_factory=set)
    _pending: dict[str, _Pending] = field(default_factory=dict)
    readings: dict[str, int] = field(default_factory=dict)

    def parse(self, text: str, location: Location) -> float:
        column = location.column or location.field or ""
        try:
            number = parse_number(text, decimal=self.decimal)
        except AmbiguousNumber as exc:
            pending = self._pending.get(column)
            if pending is None:
                pending = self._pending[column] = _Pending(exc, location)
            pending.count += 1
            # Provisional: the file is refused at `finish` unless the column shows a decimal
            # comma; imports are all or nothing, so nothing read here is kept then.
            return exc.decimal_reading
        if column not in self._comma_columns and "," in text and has_decimal_comma(text):
            self._comma_columns.add(column)
        return number

    def finish(self) -> None:
        for column, pending in self._pending.items():
            if column in self._comma_columns:
                self.readings[column] = pending.count
                continue
            raise ambiguous_number_error(pending.first, pending.location)


def ambiguous_number_error(exc: AmbiguousNumber, location: Location) -> SourceError:
    """The error for "1,234" that nothing in the file settles, with both readings."""
    return SourceError(
        gettext_noop(
            "The value '%(value)s' in %(file)s, row %(row)s, column %(column)s can be read two "
            "ways: %(decimal_reading)s with a decimal comma, or %(thousands_reading)s with a "
            "thousands comma, and no other value in the column says which. Write it as "
            "%(thousands_example)s if it is the whole number, or give the decimal mark in the "
            'mapping (decimal: ","), or use a decimal comma in the other values too.'
        ),
        {
            "value": exc.text[:40],
            "decimal_reading": _swedish(exc.decimal_reading),
            "thousands_reading": _swedish(exc.thousands_reading),
            "thousands_example": _swedish(exc.thousands_reading),
        },
        location,
        code="ambiguous_number",
    )


def _swedish(number: float) -> str:
    """1234.0 → "1 234", 1.234 → "1,234" (no Django here: grouped by hand)."""
    if number.is_integer():
        return f"{int(number):,}".replace(",", "\u00a0")
    return f"{number:,.3f}".replace(",", "\u00a0").replace(".", ",")
