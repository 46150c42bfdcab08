"""Roll a parent area's figure up from its DeSO (a municipality, county or country computed
from the small areas that make it up).

A parent's figure is the sum of its parts only when every part is there: a share is
Σ numerator / Σ denominator (mission.md, "Core calculations": never the mean of shares), a
count is Σ count, a mean with its base is Σ (mean × base) / Σ base. A median, or a mean
without its base, cannot be added up from its parts, and a parent with a DeSO lacking the
figure would be understated, so both are refused with the reason, never guessed.

DeSO come in vintages (DeSO 2018, DeSO 2025): a parent is covered when every DeSO of one
vintage has the figure. The input is plain sums per vintage (a database adds them up in one
grouped query); this module decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from grogrund.engine.aggregate import Figure


class Additivity(StrEnum):
    """How an indicator's figures add up, by its kind."""

    RATIO = "ratio"  # shares and rates: Σ numerator / Σ denominator
    SUM = "sum"  # counts: Σ value
    MEAN = "mean"  # means and indices: by numerator/denominator, else Σ(value × base) / Σ base
    TOTAL_OVER_BASE = "total_over_base"  # money: only as Σ numerator / Σ denominator


class Gap(StrEnum):
    """Why a parent's figure could not be computed."""

    INCOMPLETE = "incomplete"  # some DeSO lack the figure (or it is in a dataset not seen)
    NOT_ADDITIVE = "not_additive"  # a median, or a mean without its base
    NO_BASE = "no_base"  # some DeSO have a share without its numerator and denominator
    ZERO_BASE = "zero_base"  # the denominators add up to zero


@dataclass(frozen=True)
class ChildSums:
    """The DeSO figures of one parent, vintage, indicator and period, summed.

    `rows` counts DeSO with a stored observation (a stored missing figure included); the
    other counts say how many of them carry what each method needs, and the sums run over
    exactly those.
    """

    vintage: str
    expected: int  # DeSO of this vintage in the parent
    rows: int = 0
    with_value: int = 0
    with_ratio: int = 0  # numerator and denominator both present
    numerator: float = 0.0  # Σ numerator over `with_ratio`
    denominator: float = 0.0  # Σ denominator over `with_ratio`
    value: float = 0.0  # Σ value over `with_value`
    with_weight: int = 0  # value and denominator both present
    weighted: float = 0.0  # Σ value × denominator over `with_weight`
    weight: float = 0.0  # Σ denominator over `with_weight`

    def __add__(self, other: ChildSums) -> ChildSums:
        """The sums of two disjoint groups of DeSO of the same parent and vintage."""
        return ChildSums(
            vintage=self.vintage,
            expected=self.expected,
            rows=self.rows + other.rows,
            with_value=self.with_value + other.with_value,
            with_ratio=self.with_ratio + other.with_ratio,
            numerator=self.numerator + other.numerator,
            denominator=self.denominator + other.denominator,
            value=self.value + other.value,
            with_weight=self.with_weight + other.with_weight,
            weighted=self.weighted + other.weighted,
            weight=self.weight + other.weight,
        )


@dataclass(frozen=True)
class RollUp:
    """A computed figure from `children` DeSO, or None with the reason and, for an
    incomplete parent, how many of how many DeSO lack the figure."""

    figure: Figure | None
    children: int
    gap: Gap | None = None
    lacking: int = 0


def roll_up(groups: Sequence[ChildSums], how: Additivity) -> RollUp | None:
    """The parent's figure from its DeSO, or the reason it cannot be computed.

    Of several vintages, the first complete one (newest first) gives the figure; when none is
    complete the reason names the vintage closest to complete. None when no DeSO has a
    stored observation at all (nothing to say).
    """
    groups = sorted(
        (g for g in groups if g.expected > 0 and g.rows > 0),
        key=lambda g: g.vintage,
        reverse=True,
    )
    best: RollUp | None = None
    for group in groups:
        result = _one_vintage(group, how)
        if result.figure is not None:
            return result
        if result.gap in {Gap.NOT_ADDITIVE, Gap.ZERO_BASE}:
            return result
        if best is None or result.lacking < best.lacking:
            best = result
    return best


def _one_vintage(g: ChildSums, how: Additivity) -> RollUp:
    n = g.expected
    if how is Additivity.RATIO:
        if g.with_ratio == n:
            return _ratio(g)
        if g.with_value < n:
            return _incomplete(g)
        return RollUp(None, n, Gap.NO_BASE, lacking=n - g.with_ratio)
    if how is Additivity.SUM:
        if g.with_value < n:
            return _incomplete(g)
        return RollUp(Figure(value=g.value), n)
    if how is Additivity.TOTAL_OVER_BASE:
        if g.with_ratio == n:
            return _ratio(g)
        if g.with_value < n:
            return _incomplete(g)
        return RollUp(None, n, Gap.NOT_ADDITIVE)
    # A mean or an index: exact from totals, or from each part's mean weighted by its base.
    if g.with_ratio == n:
        return _ratio(g)
    if g.with_weight == n and g.weight:
        return RollUp(Figure(value=g.weighted / g.weight, denominator=g.weight), n)
    if g.with_value < n:
        return _incomplete(g)
    return RollUp(None, n, Gap.NOT_ADDITIVE)


def _ratio(g: ChildSums) -> RollUp:
    value = g.numerator / g.denominator if g.denominator else None
    if value is None:
        return RollUp(None, g.expected, Gap.ZERO_BASE)
    return RollUp(Figure(value=value, numerator=g.numerator, denominator=g.denominator), g.expected)


def _incomplete(g: ChildSums) -> RollUp:
    return RollUp(None, g.expected, Gap.INCOMPLETE, lacking=g.expected - g.with_value)
