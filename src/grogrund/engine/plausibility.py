"""Is a typed figure plausible beside what is known, and if not, what was probably meant?

A figure is questioned ("Did you mean 5,5 %?") when it is further from every reference — every
known value (a level the indicator has had before is no slip, whichever year it is typed for),
and every value of the planned trajectory (a value anywhere along the plan is expected sooner or
later, so reaching the target early is no slip) — than
`CHANGE_FACTOR` times the largest change seen between consecutive known values (or between
consecutive years of the trajectory). A flat or one-point history would question every small
change, so the tolerance is never below `MIN_RELATIVE_TOLERANCE` of the reference.

The suggestion is the typed number read with one of the slips people make when typing numbers
(`SLIPS`, most frequent first): the first reading that is itself plausible; failing that, the
first that is within `SUGGESTION_RATIO` of a reference while the typed number is not (55 typed
where the history is around 0,15: 0,55 is suggested, the reading as a percent of a share).

Pure: plain numbers in, a `Verdict` out; the forms (programmes, initiatives) ask the question.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

#: A value more than three times the largest change seen from every reference is questioned
#: (issue 10: "more than three times the largest change seen between consecutive known values").
CHANGE_FACTOR = 3.0

#: The tolerance is at least a fifth of the reference value: a flat or one-point history does
#: not make an ordinary change suspicious (small areas' shares move by a fifth from one year
#: to the next without anything being wrong).
MIN_RELATIVE_TOLERANCE = 0.2

#: The slips of typing a number, most frequent first: a decimal comma lost ("5,5" read as 55),
#: a percent typed for a share and the reverse, a digit too few, a thousands separator read as
#: a decimal sign and the reverse.
SLIPS = (0.1, 0.01, 100.0, 10.0, 0.001, 1000.0)

#: A reading that is no plausible value is still suggested when it lies within this factor of
#: a reference (the same order of magnitude) and the typed number does not.
SUGGESTION_RATIO = 10.0


@dataclass(frozen=True)
class Verdict:
    """`plausible` or not; `suggestion` the probable meaning (None when none fits);
    `reference` the value it is shown beside (the known value nearest in time, else the
    trajectory's)."""

    plausible: bool
    suggestion: float | None = None
    reference: float | None = None


def largest_change(series: Mapping[int, float]) -> float:
    """The largest absolute change between consecutive years of `series` (0 with fewer than
    two values)."""
    values = [series[y] for y in sorted(series)]
    return max((abs(b - a) for a, b in pairwise(values)), default=0.0)


def _nearest(series: Mapping[int, float], year: int) -> float | None:
    """The value of the year nearest to `year`, the earlier one on a tie."""
    if not series:
        return None
    return series[min(series, key=lambda y: (abs(y - year), y))]


def check(
    value: float,
    year: int,
    history: Mapping[int, float],
    trajectory: Mapping[int, float] | None = None,
    *,
    lower: float | None = None,
    upper: float | None = None,
) -> Verdict:
    """Whether `value` for `year` fits the known `history` ({year: value}) and the planned
    `trajectory` ({year: value}), all in the unit the value was typed in; `lower` and `upper`
    bound the readings suggested (0 and 100 for a percent)."""
    trajectory = trajectory or {}
    references = [r for r in (_nearest(history, year), _nearest(trajectory, year)) if r is not None]
    if not references:
        return Verdict(True)
    change = CHANGE_FACTOR * max(largest_change(history), largest_change(trajectory))
    anchors = [*references, *history.values(), *trajectory.values()]

    def fits(x: float) -> bool:
        tolerances = [(r, max(change, MIN_RELATIVE_TOLERANCE * abs(r))) for r in anchors]
        judged = [(r, t) for r, t in tolerances if t > 0]
        return not judged or any(abs(x - r) <= t for r, t in judged)

    if fits(value):
        return Verdict(True, reference=references[0])

    def near(x: float) -> bool:
        return any(
            x > 0 and r > 0 and 1 / SUGGESTION_RATIO <= x / r <= SUGGESTION_RATIO
            for r in references
        )

    readings = [
        _tidy(value * f)
        for f in SLIPS
        if (lower is None or value * f >= lower) and (upper is None or value * f <= upper)
    ]
    suggestion = next((x for x in readings if fits(x)), None)
    if suggestion is None and not near(value):
        suggestion = next((x for x in readings if near(x)), None)
    return Verdict(False, suggestion=suggestion, reference=references[0])


def _tidy(x: float) -> float:
    """`x` without the float noise of the multiplication (55 × 0.01 = 0.55, not
    0.5500000000000001)."""
    return float(f"{x:.12g}")
