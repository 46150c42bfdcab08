"""The checks of an import, and their messages: what `services._rows` refuses (the preview,
`import_preview`, names unknown codes with the same messages).

The hot loop in `services._rows` tests each row with a few cheap comparisons; only a row that
fails one comes here, to find out which rule it broke and to say so with the file, row and
column, the figure as published and what to do. Nothing here runs for a good row.

The value rules (docs/import.md, "Skalor och enheter"):
- a figure is a finite number: NaN and infinity (an overflowing `1e999`) are refused;
- counts are never negative: a numerator, a denominator, or the figure of a count indicator;
- a share's numerator is not above its denominator (a rate's may be);
- a share is in 0–1 after its scale is applied (`percent` turns 74.1 into 0.741);
- a period is a period (`sources.periods.check_period`).
"""

from __future__ import annotations

import math

from django.utils.translation import gettext, gettext_lazy

from grogrund.areas.models import IndicatorKind
from grogrund.sources.errors import SourceError, gettext_noop
from grogrund.sources.records import Location, ObservationRecord
from grogrund.sources.scales import FACTORS, factor


class Place:
    """Where a figure is — file, row and column as far as known — put into words in the
    language active when the message is shown (not when the error is raised)."""

    def __init__(self, location: Location) -> None:
        self.location = location

    def __str__(self) -> str:
        loc = self.location
        params = {"file": loc.file, "row": loc.row, "column": loc.column, "field": loc.field}
        if loc.row is not None and loc.column:
            return gettext("%(file)s, row %(row)s, column %(column)s") % params
        if loc.row is not None:
            return gettext("%(file)s, row %(row)s") % params
        if loc.field:
            return gettext("%(file)s, cell %(field)s") % params
        return loc.file


def unknown_area(record: ObservationRecord) -> SourceError:
    return SourceError(
        gettext_noop(
            "Unknown area code '%(code)s' in %(file)s, row %(row)s. Use an "
            "SCB code (for example 0180 or 0114C1010_DeSO2025) of an area "
            "that exists in Grogrund."
        ),
        {"code": record.area_code},
        record.location,
        code="unknown_area",
    )


def unknown_indicator(record: ObservationRecord) -> SourceError:
    return SourceError(
        gettext_noop(
            "Unknown indicator '%(code)s' in %(file)s, row %(row)s. Use the "
            "code of an indicator in the catalogue (see Indicators)."
        ),
        {"code": record.indicator_code},
        record.location,
        code="unknown_indicator",
    )


def _number(x: float) -> str:
    return repr(x) if isinstance(x, float) else str(x)


def not_finite(record: ObservationRecord, name: object, published: float) -> SourceError:
    return SourceError(
        gettext_noop(
            "%(place)s: %(name)s '%(published)s' is not a finite number (infinity or "
            "NaN). Correct the figure in the file, or leave the cell empty if it is missing."
        ),
        {"place": Place(record.location), "name": name, "published": _number(published)},
        record.location,
        code="not_finite",
    )


def negative(record: ObservationRecord, name: object, published: float) -> SourceError:
    return SourceError(
        gettext_noop(
            "%(place)s: %(name)s %(published)s is negative. Counts (numerators, "
            "denominators and count indicators) are zero or more: check the column."
        ),
        {"place": Place(record.location), "name": name, "published": _number(published)},
        record.location,
        code="negative_count",
    )


def numerator_above_denominator(record: ObservationRecord) -> SourceError:
    return SourceError(
        gettext_noop(
            "%(place)s: the numerator %(numerator)s is above the denominator %(denominator)s "
            "for the share %(indicator)s. A share counts part of a whole: check that the "
            "columns are not swapped."
        ),
        {
            "place": Place(record.location),
            "numerator": _number(record.numerator or 0),
            "denominator": _number(record.denominator or 0),
            "indicator": record.indicator_code,
        },
        record.location,
        code="numerator_above_denominator",
    )


def share_out_of_range(record: ObservationRecord, kind: str, stored: float) -> SourceError:
    scale = record.scale or "unit"
    return SourceError(
        gettext_noop(
            "%(place)s: the share %(indicator)s is %(published)s as published; with the scale "
            "'%(scale)s' (× %(factor)s) it becomes %(value)s, outside 0–1. If the file gives "
            "shares in percent, declare scale: percent in the mapping; otherwise check that "
            "the column holds this indicator's figures."
        ),
        {
            "place": Place(record.location),
            "indicator": record.indicator_code,
            "published": _number(record.value if record.value is not None else stored),
            "scale": scale,
            "factor": _number(factor(scale, kind)) if _known(scale) else "?",
            "value": _number(stored),
        },
        record.location,
        code="share_out_of_range",
    )


def unknown_scale(record: ObservationRecord) -> SourceError:
    return SourceError(
        gettext_noop(
            "%(place)s: unknown scale '%(scale)s'. Use one of: unit, percent, per_mille, "
            "thousands, millions."
        ),
        {"place": Place(record.location), "scale": str(record.scale)[:40]},
        record.location,
        code="unknown_scale",
    )


def _known(scale: str) -> bool:
    return scale in FACTORS or scale == "percent_for_shares"


def scale_factor(record: ObservationRecord, kind: str) -> float:
    """The factor for the record's scale and the indicator's kind; refuses an unknown scale."""
    if not _known(record.scale):
        raise unknown_scale(record)
    return factor(record.scale, kind)


def value_error(record: ObservationRecord, kind: str, stored: float) -> SourceError:
    """Why the figure `stored` (after its scale) of an indicator of `kind` was refused."""
    published = record.value if record.value is not None else stored
    if not math.isfinite(stored):
        return not_finite(record, gettext_lazy("the value"), published)
    if kind == IndicatorKind.SHARE and not 0.0 <= stored <= 1.0:
        return share_out_of_range(record, kind, stored)
    return negative(record, gettext_lazy("the value"), published)


def count_error(record: ObservationRecord, kind: str) -> SourceError | None:
    """Why the numerator or denominator of the record was refused (None: they are right)."""
    counts = (
        (gettext_lazy("the numerator"), record.numerator),
        (gettext_lazy("the denominator"), record.denominator),
    )
    for name, x in counts:
        if x is not None and not math.isfinite(x):
            return not_finite(record, name, x)
    for name, x in counts:
        if x is not None and x < 0:
            return negative(record, name, x)
    num, den = record.numerator, record.denominator
    if kind == IndicatorKind.SHARE and num is not None and den is not None and num > den:
        return numerator_above_denominator(record)
    return None
