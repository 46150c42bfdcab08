"""Detect Swedish personal identity numbers (personnummer) and coordination numbers
(samordningsnummer, day of month + 60) so that data about individuals is refused: in every
reader (CSV, XLSX, JSON-stat, Kolada, files of figures) and, through
`grogrund.core.validators`, in every free-text field a person types.

Written forms recognised (10 or 12 digits, century optional):

- 880320-0016, 8803200016, 19880320-0016, 198803200016, 880320+0016 (aged 100 or more);
- any dash between date and serial: hyphen, en dash (–), em dash (—), minus (−), and a space
  or no-break space ("880320 0016", "880320 - 0016");
- dots or hyphens between the parts of the date: 88.03.20-0016, 1988-03-20-0016;
- full-width and other Unicode decimal digits (８８０３２０-００１６): text that is not plain
  ASCII is normalised with NFKC and every decimal digit folded to 0–9 first.

A candidate counts only if its date is a real calendar date (after removing the +60 of a
coordination number) and its Luhn check digit is right, so ordinary figures are not flagged:
years, area codes (0114, 0114C1010, 0114R001), periods (2024M09), dates (2024-01-15), amounts
("1234567890": month 34), phone numbers written in groups (070-123 45 67), the decimals of a
figure (0.8803200016) and a bare 10-digit amount with decimals (8803200016,5). What is left is a
bare 10-digit figure that happens to read as a date and passes Luhn (about 0.7 % of random
10-digit numbers; 10 % of bare mobile numbers such as 0701234567, which also read as dates):
such a figure is refused, because a personnummer written without a dash looks exactly like it.

python-stdnum's `stdnum.se.personnummer` does not accept coordination numbers, separators
other than - and +, or dotted dates, and resolves the century of 10-digit numbers against
today's date, so the date rule is written here; the Luhn check comes from python-stdnum, and
the tests check this module against `stdnum.se.personnummer` for ordinary numbers.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from stdnum import luhn

from .errors import SourceError, gettext_noop
from .records import Location

# On ASCII text (after `_normalise`). The date: YYMMDD with optional century, its parts
# optionally separated by the same dot or hyphen; then an optional separator (a space, a dash
# or plus, or a dash or plus with a space on either side); then serial and check digit.
# Not preceded or followed by another digit; the decimal context (0.8803200016) is judged in
# `_check`, because a list "880320-0016,880320-0017" must still be caught.
_CANDIDATE = re.compile(
    r"(?<![0-9])"
    r"(?P<century>[0-9]{2})?(?P<yy>[0-9]{2})"
    r"(?P<ds>[.-]?)(?P<mm>[0-9]{2})(?P=ds)(?P<dd>[0-9]{2})"
    r"(?P<sep> ?[-+]? ?)(?P<serial>[0-9]{3})(?P<check>[0-9])"
    r"(?![0-9])"
)
# What every candidate holds, from yy to the check digit, without the look-arounds and the
# back-reference: a search for it skips the digit-free stretches of a row quickly, and text
# without it (almost every row of figures) needs no closer look.
_CANDIDATE_CORE = re.compile(r"[0-9]{2}[.-]?[0-9]{2}[.-]?[0-9]{2} ?[-+]? ?[0-9]{4}")
_DECIMAL_BEFORE = re.compile(r"[0-9][.,]$")
_DECIMAL_AFTER = re.compile(r"[.,][0-9]")

COORDINATION_DAY_OFFSET = 60  # Folkbokföringslagen (1991:481) § 18 a
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")
_PLUSES = frozenset("\ufe62\uff0b")


class _Fold(dict[int, int | str]):
    """str.translate table, filled on demand: every Unicode decimal digit → 0–9, every dash
    → "-", every space separator (Zs: no-break, thin, figure space…) → " ". Control
    characters stay (check_row joins cells with \\x1f, which must not become a space)."""

    def __missing__(self, code: int) -> int | str:
        char = chr(code)
        folded: int | str = code
        if char in _DASHES:
            folded = "-"
        elif char in _PLUSES:
            folded = "+"
        elif unicodedata.category(char) == "Zs":
            folded = " "
        else:
            digit = unicodedata.decimal(char, None)
            if digit is not None:
                folded = str(digit)
        self[code] = folded
        return folded


_FOLD = _Fold()
# Latin-1 letters (å, ä, ö, é…) are neither digits, dashes nor spaces: text with no other
# non-ASCII character needs no normalising.
_NEEDS_FOLD = re.compile(r"[^\x00-\x7f\u00c0-\u00ff]")


def _normalise(text: str) -> str:
    """Plain ASCII digits, dashes and spaces. ASCII text (almost every cell) is returned as it
    is, without a copy (str.isascii is O(1)); so is text whose only other characters are
    Swedish letters."""
    if text.isascii() or _NEEDS_FOLD.search(text) is None:
        return text
    return unicodedata.normalize("NFKC", text).translate(_FOLD)


@dataclass(frozen=True, slots=True)
class PersonalNumberMatch:
    """A personal number found in a text; `masked` is safe to show, the number itself is not.

    `start` and `end` index the normalised text (the same as the text itself when it is
    plain ASCII)."""

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
    if not 1 <= month <= 12:
        return False, False
    coordination = day > COORDINATION_DAY_OFFSET
    if coordination:
        day -= COORDINATION_DAY_OFFSET
    if century is not None:
        if century not in ("18", "19", "20"):
            return False, coordination
        years = [int(century + yy)]
        if years[0] > datetime.date.today().year:
            return False, coordination  # 20880320-0016: nobody is born in 2088
    else:
        # Without century any of these could be meant; leap days depend on it.
        years = [int(c + yy) for c in ("19", "20", "18")]
    return any(_is_date(y, month, day) for y in years), coordination


def _check(m: re.Match[str], text: str) -> PersonalNumberMatch | None:
    century, yy, mm, dd = m.group("century"), m.group("yy"), m.group("mm"), m.group("dd")
    ds, sep = m.group("ds"), m.group("sep")
    if ds == "-" and sep.strip() not in ("-", "+"):
        return None  # "2024-01-15 1230" is a date and a time, not 1988-03-20-0016
    if not ds and not sep:
        # A bare run of digits that is part of a decimal figure: 0.8803200016, 8803200016,5.
        start, end = m.span()
        if _DECIMAL_BEFORE.search(text, max(0, start - 2), start) or _DECIMAL_AFTER.match(
            text, end
        ):
            return None
    valid, coordination = _valid_date(century, yy, mm, dd)
    if not valid:
        return None
    if not luhn.is_valid(yy + mm + dd + m.group("serial") + m.group("check")):
        return None
    shown = "+" if "+" in sep else "-"
    return PersonalNumberMatch(
        start=m.start(),
        end=m.end(),
        kind="samordningsnummer" if coordination else "personnummer",
        masked=f"{century or ''}{yy}{mm}{dd}{shown}****",
    )


def find_personal_number(text: str) -> PersonalNumberMatch | None:
    """Return the first personal or coordination number in `text`, or None."""
    if len(text) < 10:
        return None
    text = _normalise(text)
    if _CANDIDATE_CORE.search(text) is None:
        return None
    for m in _CANDIDATE.finditer(text):
        found = _check(m, text)
        if found is not None:
            return found
    return None


def contains_personal_number(text: str) -> bool:
    return find_personal_number(text) is not None


def refuse_personal_number(found: PersonalNumberMatch, location: Location) -> SourceError:
    """The error for a file that contains a personal number (the number itself is masked)."""
    if location.row is None and location.column is None:
        # A JSON response or a dataset: the place is a field (a label, a note), not a cell.
        return SourceError(
            gettext_noop(
                "%(file)s is refused: %(field)s contains a Swedish personal identity number "
                "or coordination number (%(masked)s). Grogrund imports only aggregate data, "
                "never data about individual people. Remove the number at the source and "
                "import again."
            ),
            {"masked": found.masked, "kind": found.kind},
            location,
            code="personal_number",
        )
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


def check_text(text: str, location: Location) -> None:
    """Raise SourceError if `text` (a label, a note, a source) holds a personal number."""
    found = find_personal_number(text)
    if found is not None:
        raise refuse_personal_number(found, location)


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
    # One search over the joined row is much cheaper than one per cell; \x1f is not a digit,
    # a dash or a space, so no number spans two cells.
    try:
        joined = "\x1f".join(cells)  # type: ignore[arg-type]  # a CSV row: text only
    except TypeError:
        joined = "\x1f".join(_cell_text(c) for c in cells)
    if find_personal_number(joined) is None:
        return
    for index, text in enumerate(_cell_text(c) for c in cells):
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


def _json_texts(data: Any, path: str) -> Iterator[tuple[str, str]]:
    """(path, text) for every string in decoded JSON, keys included. Numbers are figures
    (an SCB value array, a Kolada value), never read as identifiers."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, Mapping):
        for key, value in data.items():
            child = f"{path}.{key}" if path else str(key)
            yield child, str(key)
            yield from _json_texts(value, child)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            if isinstance(value, str | Mapping | list):
                yield from _json_texts(value, f"{path}[{index}]")


def check_json(data: Any, *, file: str) -> None:
    """Raise SourceError if any string (or key) anywhere in decoded JSON holds a
    personal number: labels, notes, category codes and labels of a JSON-stat dataset, the
    fields of a Kolada response. The error names the place as a path such as
    `dimension.Region.category.label.0114`."""
    check_texts(_json_texts(data, ""), file=file)


def check_texts(texts: Iterable[tuple[str, str]], *, file: str) -> None:
    """Raise SourceError if any text of (place, text) pairs holds a personal number; the
    error names the place as the field (a JSON path, "dimension Region, category 0114")."""
    pairs = list(texts)
    if find_personal_number("\x1f".join(text for _, text in pairs)) is None:
        return
    for place, text in pairs:
        found = find_personal_number(text)
        if found is not None:
            raise refuse_personal_number(found, Location(file=file, field=place or "-"))


def column_letter(index: int) -> str:
    """Spreadsheet column letter for a 0-based index: 0 → A, 26 → AA."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


def column_labels(names: Sequence[str]) -> list[str]:
    """The columns as messages name them: "C (Värde)", or the letter alone for a column
    without a header."""
    return [f"{column_letter(i)} ({n})" if n else column_letter(i) for i, n in enumerate(names)]
