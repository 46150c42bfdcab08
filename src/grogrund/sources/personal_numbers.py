"""Detect Swedish personal identity numbers (personnummer) and coordination numbers
(samordningsnummer, day of month + 60) so that files with data about individuals are refused.

Formats recognised: YYMMDD-NNNN, YYMMDD+NNNN, YYMMDDNNNN, YYYYMMDD-NNNN, YYYYMMDDNNNN.
A candidate counts only if its date is a real calendar date (after removing the +60 of a
coordination number) and its Luhn check digit is right, so ordinary figures (years, area
codes such as 0114C1010, values such as 1234.5) are not flagged.

python-stdnum's `stdnum.se.personnummer` does not accept coordination numbers and resolves
the century of 10-digit numbers against today's date, so the date rule is written here and
only the Luhn check comes from python-stdnum.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from stdnum import luhn

from .errors import SourceError, gettext_noop
from .records import Location

# Not preceded by a digit or by a digit and a decimal separator (the fraction digits of
# 0.8112189876 are not a number of their own), not followed by a digit.
_CANDIDATE = re.compile(
    r"(?<!\d)(?<!\d[.,])"
    r"(?P<century>\d{2})?(?P<yy>\d{2})(?P<mm>\d{2})(?P<dd>\d{2})"
    r"(?P<sep>[-+]?)(?P<serial>\d{3})(?P<check>\d)"
    r"(?!\d)"
)

COORDINATION_DAY_OFFSET = 60  # Folkbokföringslagen (1991:481) § 18 a


@dataclass(frozen=True, slots=True)
class PersonalNumberMatch:
    """A personal number found in a text; `masked` is safe to show, the number itself is not."""

    start: int
    end: int
    kind: str  # "personnummer" or "samordningsnummer"
    masked: str


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _valid_date(century: str | None, yy: str, mm: str, dd: str) -> tuple[bool, bool]:
    """Return (valid, is_coordination_number)."""
    month, day = int(mm), int(dd)
    coordination = day > COORDINATION_DAY_OFFSET
    if coordination:
        day -= COORDINATION_DAY_OFFSET
    if century is not None:
        if century not in ("18", "19", "20"):
            return False, coordination
        years = [int(century + yy)]
    else:
        # Without century any of these could be meant; leap days depend on it.
        years = [int(c + yy) for c in ("19", "20", "18")]
    return any(_is_date(y, month, day) for y in years), coordination


def _check(m: re.Match[str]) -> PersonalNumberMatch | None:
    century, yy, mm, dd = m.group("century"), m.group("yy"), m.group("mm"), m.group("dd")
    valid, coordination = _valid_date(century, yy, mm, dd)
    if not valid:
        return None
    if not luhn.is_valid(yy + mm + dd + m.group("serial") + m.group("check")):
        return None
    sep = m.group("sep") or "-"
    return PersonalNumberMatch(
        start=m.start(),
        end=m.end(),
        kind="samordningsnummer" if coordination else "personnummer",
        masked=f"{century or ''}{yy}{mm}{dd}{sep}****",
    )


def find_personal_number(text: str) -> PersonalNumberMatch | None:
    """Return the first personal or coordination number in `text`, or None."""
    if len(text) < 10:
        return None
    for m in _CANDIDATE.finditer(text):
        found = _check(m)
        if found is not None:
            return found
    return None


def contains_personal_number(text: str) -> bool:
    return find_personal_number(text) is not None


def refuse_personal_number(found: PersonalNumberMatch, location: Location) -> SourceError:
    """The error for a file that contains a personal number (the number itself is masked)."""
    return SourceError(
        gettext_noop(
            "The file %(file)s is refused: row %(row)s, column %(column)s contains a Swedish "
            "personal identity number or coordination number (%(masked)s). Files imported "
            "into Grogrund must contain only aggregate data, never data about individual "
            "people. Remove the number (or the whole column) and import the file again."
        ),
        {"masked": found.masked, "kind": found.kind},
        location,
        code="personal_number",
    )


def _cell_text(value: object) -> str:
    if type(value) is str:
        return value
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def check_row(
    cells: Sequence[object],
    *,
    file: str,
    row: int | None,
    columns: Sequence[str] | None = None,
) -> None:
    """Raise SourceError if any cell of the row holds a personal number.

    `columns` are the labels used in the message (e.g. "C (Personnr)"); default column letters.
    """
    texts = [_cell_text(c) for c in cells]
    # One search over the joined row is much cheaper than one per cell; \x1f is not a digit.
    if find_personal_number("\x1f".join(texts)) is None:
        return
    for index, text in enumerate(texts):
        found = find_personal_number(text)
        if found is not None:
            label = columns[index] if columns is not None and index < len(columns) else None
            column = label or column_letter(index)
            raise refuse_personal_number(found, Location(file=file, row=row, column=column))


def scan_rows(
    rows: Iterable[Sequence[object]],
    *,
    file: str,
    first_row: int = 1,
    columns: Sequence[str] | None = None,
) -> Iterator[Sequence[object]]:
    """Pass rows through unchanged, raising SourceError at the first personal number.

    Rows are numbered from `first_row` (header = row 1 as in a spreadsheet).
    """
    for offset, cells in enumerate(rows):
        check_row(cells, file=file, row=first_row + offset, columns=columns)
        yield cells


def column_letter(index: int) -> str:
    """Spreadsheet column letter for a 0-based index: 0 → A, 26 → AA."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters
