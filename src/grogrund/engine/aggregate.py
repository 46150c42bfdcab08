"""Combine figures of several areas into one (a custom area made of DeSO/RegSO).

Shares and rates are combined by summing numerators and denominators, never by averaging
shares (mission.md, "Core calculations"): DeSOs with 45 of 100 and 5 of 10 employed make
50 of 110 = 45.5 %, where the plain mean of the shares would say 47.5 %.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class Combine(StrEnum):
    RATIO = "ratio"  # shares and rates: Σ numerator / Σ denominator
    SUM = "sum"  # counts and money totals: Σ value
    WEIGHTED_MEAN = "weighted_mean"  # means and indices: Σ value × denominator / Σ denominator


@dataclass(frozen=True)
class Figure:
    value: float | None
    numerator: float | None = None
    denominator: float | None = None


def combine(figures: Sequence[Figure], how: Combine) -> Figure | None:
    """The combined figure, or None when any part lacks what the method needs.

    A missing part makes the whole unknown: a partial sum would understate the area.
    """
    if not figures:
        return None
    if how is Combine.RATIO:
        if any(f.numerator is None or f.denominator is None for f in figures):
            return None
        num = sum(f.numerator for f in figures if f.numerator is not None)
        den = sum(f.denominator for f in figures if f.denominator is not None)
        return Figure(value=num / den if den else None, numerator=num, denominator=den)
    if how is Combine.SUM:
        if any(f.value is None for f in figures):
            return None
        return Figure(value=sum(f.value for f in figures if f.value is not None))
    if any(f.value is None or f.denominator is None for f in figures):
        return None
    den = sum(f.denominator for f in figures if f.denominator is not None)
    if not den:
        return None
    total = sum(f.value * f.denominator for f in figures if f.value is not None and f.denominator)
    return Figure(value=total / den, denominator=den)
