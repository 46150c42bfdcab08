"""An initiative's outcome values from a CSV or XLSX file.

One row per outcome and year. Columns (header in row 1, Swedish or English names, any order):

- ``utfall``/``outcome``: the outcome's text as the effect logic shows it (upper or lower case
  alike), or its number (shown on the import page);
- ``år``/``year``;
- ``värde``/``value`` in the outcome indicator's unit, as in the form: a share in percent
  (57,5 or 57,5 %; an Excel cell formatted as a percentage counts as the percent it shows),
  kronor for money, otherwise the indicator's own unit;
- ``källa``/``source`` (optional: the source given in the form is used for empty cells).

The file is read by programmes.measurement_files.read_rows, as the goals' measurement files
are: every cell, header included, is checked for personal identity numbers first, and errors
name the file, the row as a spreadsheet shows it, the column, and what to do.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from grogrund.engine.cells import looks_like_formula
from grogrund.initiatives import values
from grogrund.initiatives.models import OUTCOME_STAGES, EffectNode
from grogrund.programmes.measurement_files import FileRow, read_rows
from grogrund.sources.errors import SourceError, gettext_noop
from grogrund.sources.records import Location
from grogrund.sources.tabular import parse_number

HEADERS: dict[str, tuple[str, ...]] = {
    "outcome": (
        "utfall",
        "outcome",
        "utfall nr",
        "utfallets nummer",
        "outcome number",
        "outcome no",
        "outcome id",
        "outcome_id",
    ),
    "year": ("år", "ar", "year", "period"),
    "value": (
        "värde",
        "varde",
        "value",
        "värde (%)",
        "value (%)",
        "uppmätt värde",
        "measured value",
    ),
    "source": ("källa", "kalla", "source"),
}

#: The header of the template file and of the example on the import page.
TEMPLATE_HEADER = ("utfall", "år", "värde", "källa")


@dataclass(frozen=True)
class OutcomeLine:
    """One row of the file, checked and tied to one of the initiative's outcomes; `value` is in
    the indicator's scale (a share 0–1)."""

    outcome: EffectNode
    year: int
    value: float
    source: str
    location: Location


def _key(text: str) -> str:
    # The template writes a formula-like text behind an apostrophe (engine.cells.csv_field);
    # a spreadsheet may keep it when the file is saved, so it is not part of the text.
    if text.startswith("'") and looks_like_formula(text[1:]):
        text = text[1:]
    return " ".join(text.split()).casefold()


class _Outcomes:
    """The initiative's outcomes by number and by text."""

    def __init__(self, outcomes: Sequence[EffectNode]) -> None:
        self.by_pk = {o.pk: o for o in outcomes}
        self.by_text: dict[str, list[EffectNode]] = {}
        for o in outcomes:
            self.by_text.setdefault(_key(o.text), []).append(o)

    def choices(self) -> str:
        return ", ".join(f"{o.pk} ({o.text})" for o in self.by_pk.values()) or "-"

    def find(self, row: FileRow) -> EffectNode:
        text = row.text("outcome")
        if not text:
            raise SourceError(
                gettext_noop(
                    "Row %(row)s of %(file)s names no outcome in column %(column)s. Write the "
                    "outcome's text or number, or delete the row."
                ),
                {},
                row.where("outcome"),
                code="missing_cell",
            )
        matches = self.by_text.get(_key(text), [])
        if len(matches) > 1:
            raise SourceError(
                gettext_noop(
                    "%(file)s, row %(row)s, column %(column)s: the initiative has several "
                    "outcomes called '%(value)s'. Use the outcome's number instead: %(outcomes)s."
                ),
                {"value": text[:80], "outcomes": self.choices()},
                row.where("outcome"),
                code="ambiguous_outcome",
            )
        if matches:
            return matches[0]
        try:
            number = parse_number(text)
            found = self.by_pk.get(int(number)) if number.is_integer() else None
        except ValueError:
            found = None
        if found is None:
            raise SourceError(
                gettext_noop(
                    "%(file)s, row %(row)s, column %(column)s: '%(value)s' is not an outcome of "
                    "this initiative. Write the text or the number of one of its outcomes: "
                    "%(outcomes)s."
                ),
                {"value": text[:80], "outcomes": self.choices()},
                row.where("outcome"),
                code="unknown_outcome",
            )
        return found


def _missing_columns(found: Mapping[str, int]) -> list[str]:
    problems = []
    if "outcome" not in found:
        problems.append("utfall/outcome")
    if "year" not in found:
        problems.append("år/year")
    if "value" not in found:
        problems.append("värde/value")
    return problems


def read_outcome_values(
    path: str | Path, outcomes: Sequence[EffectNode], *, default_source: str
) -> list[OutcomeLine]:
    """The rows of the file as values of `outcomes` (the initiative's outcomes), all checked;
    the first problem raises SourceError with a message for the user."""
    known = _Outcomes([o for o in outcomes if o.stage in OUTCOME_STAGES])
    lines: list[OutcomeLine] = []
    seen: dict[tuple[int, int], int] = {}
    for row in read_rows(path, HEADERS, _missing_columns):
        line = _line(row, known, default_source)
        key = (line.outcome.pk, line.year)
        if key in seen:
            raise SourceError(
                gettext_noop(
                    "%(file)s, row %(row)s gives the outcome '%(outcome)s' and the year "
                    "%(year)s again (first on row %(first)s). Keep one row per outcome and year."
                ),
                {"outcome": line.outcome.text, "year": line.year, "first": seen[key]},
                row.location,
                code="duplicate_row",
            )
        seen[key] = row.row
        lines.append(line)
    return lines


def _line(row: FileRow, known: _Outcomes, default_source: str) -> OutcomeLine:
    outcome = known.find(row)
    if outcome.indicator is None:
        raise SourceError(
            gettext_noop(
                "%(file)s, row %(row)s, column %(column)s: the outcome '%(value)s' has no "
                "indicator, so its values have no unit. Choose its indicator in the effect "
                "logic first, or delete the row."
            ),
            {"value": outcome.text},
            row.where("outcome"),
            code="no_indicator",
        )
    year = row.year()
    typed = row.number("value")
    if typed is None:
        raise SourceError(
            gettext_noop(
                "Row %(row)s of %(file)s has no value in column %(column)s. Write the measured "
                "value, or delete the row."
            ),
            {},
            row.where("value"),
            code="missing_cell",
        )
    if values.is_share(outcome.indicator) and not 0.0 <= typed <= 100.0:
        raise SourceError(
            gettext_noop(
                "The value %(value)s in %(file)s, row %(row)s, column %(column)s is not a "
                "percentage between 0 and 100. The outcome's indicator is a share: write it "
                "in percent, e.g. 57,5."
            ),
            {"value": row.text("value")[:40]},
            row.where("value"),
            code="out_of_range",
        )
    value = values.from_input(outcome.indicator, typed)
    assert value is not None  # typed is not None
    return OutcomeLine(outcome, year, value, row.source(default_source), row.location)
