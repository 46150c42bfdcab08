"""SCB's symbols for a figure that is not a number, and how a published cell is read.

SCB's tables (Statistikdatabasen, PxWeb, PC-Axis files) put a symbol where a figure is missing.
The PX format reserves "." to "......" for missing figures (DATASYMBOL1–6, whose displayed
text a file may redefine) and "-" for a figure that is exactly nil (DATASYMBOLNIL). SCB's
legend (teckenförklaring) reads:

- ``..``  the figure is not available or too uncertain to be given (suppressed);
- ``...`` the figure cannot be given (not collected, or protected);
- ``.``   the figure cannot occur (the category does not apply);
- ``:``   the figure is not available (used in tables shared with Eurostat);
- ``-``   nothing to report: the magnitude is nil, i.e. zero.

A missing figure is stored as missing (value None) with its symbol as the status, never as
zero. "-" is the one symbol that *is* a figure: nil, stored as 0.
"""

from __future__ import annotations

from .errors import gettext_noop

# "–" (en dash) is how "-" appears once a file went through a word processor.
NIL_SYMBOLS = frozenset({"-", "–"})

MISSING_SYMBOLS: dict[str, str] = {
    "..": gettext_noop("not available or too uncertain to be given"),
    "...": gettext_noop("cannot be given"),
    ".": gettext_noop("cannot occur"),
    "....": gettext_noop("not available"),
    ".....": gettext_noop("not available"),
    "......": gettext_noop("not available"),
    ":": gettext_noop("not available"),
}

# Observation.status holds at most this many characters.
STATUS_MAX_LENGTH = 40


def is_nil(symbol: str | None) -> bool:
    return symbol is not None and symbol.strip() in NIL_SYMBOLS


def parse_cell(text: str) -> tuple[float | None, str | None]:
    """A published cell as (value, status): "1234" → (1234.0, None), ".." → (None, ".."),
    "-" → (0.0, None). Raises ValueError for anything else (the caller names the place)."""
    text = text.strip()
    if text in NIL_SYMBOLS:
        return 0.0, None
    if text in MISSING_SYMBOLS:
        return None, text
    if not text:
        return None, None
    number = float(text)  # ValueError for "abc"
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(text)
    return number, None
