"""The canonical output of every reader: one observation of one indicator for one area.

Readers are generators of `ObservationRecord`; the Django import layer stores them. A record
never holds data about a person: only aggregate figures for an area.

Share convention: a ratio indicator carries its `numerator` and `denominator` (counts) and
`value = numerator / denominator`, as a share in 0–1 when the indicator's `ratio_scale` is
"share" (the default) or multiplied by 100 when it is "percent". Areas are aggregated by
summing numerators and denominators, never by averaging values.
"""

from __future__ import annotations

from dataclasses import dataclass

# Records and locations are treated as immutable (make a changed copy with
# `dataclasses.replace`) but are not declared frozen: a frozen dataclass sets each field
# through `object.__setattr__`, which made building them three times as slow, and a large
# import builds two million of each. `unsafe_hash` keeps them hashable as before.


@dataclass(slots=True, unsafe_hash=True)
class Location:
    """Where a figure (or an error) came from, for messages the user can act on.

    `file` is a file name or a URL/table id, `row` is the row number as the user sees it in a
    spreadsheet (header = row 1), `column` is a column letter and name such as "C (Värde)",
    `field` is the record field or the dimension coordinates of a JSON-stat cell.
    """

    file: str
    row: int | None = None
    column: str | None = None
    field: str | None = None

    def describe(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        if self.field is not None:
            parts.append(f"field {self.field}")
        return ", ".join(parts)

    def __str__(self) -> str:
        return self.describe()


@dataclass(slots=True, unsafe_hash=True)
class ObservationRecord:
    """One figure: `indicator_code` for `area_code` in `period`.

    `value` is None when the figure is missing or suppressed; `status` then says why (the
    source's own status symbol such as ".." from SCB or a Kolada status, or "missing").
    Missing is never zero.
    """

    area_code: str
    indicator_code: str
    period: str
    value: float | None
    numerator: float | None
    denominator: float | None
    source: str
    location: Location
    status: str = ""
    note: str = ""
    # The scale the source published `value` in (sources.scales): the import layer brings it
    # to the indicator's unit. Numerator and denominator are counts and never scaled.
    scale: str = "unit"
