"""Text that one organisation writes must stay text in another's spreadsheet (CSV and formula
injection). OWASP's rule: a field that starts with =, +, -, @, a tab or a carriage return can
be read as a formula by Excel, LibreOffice and Google Sheets, so such text is written as text —
in XLSX as a string cell, in CSV behind a leading apostrophe.
Source: OWASP, "CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

#: The first characters that make a spreadsheet read a field as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def csv_field(value: Any) -> Any:
    """A CSV field that no spreadsheet runs: text that could start a formula gets a leading
    apostrophe; numbers (negative ones too) are left as they are."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def csv_row(values: Sequence[Any]) -> list[Any]:
    return [csv_field(v) for v in values]


def keep_as_text(cells: Iterable[Any]) -> None:
    """Mark openpyxl cells that hold text written by people as strings, so that text starting
    with "=" is shown, not calculated. Cells the workbook's own formulas are in must not be
    passed here."""
    for cell in cells:
        if isinstance(cell.value, str) and cell.data_type == "f":
            cell.data_type = "s"
