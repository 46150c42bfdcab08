"""Scales a source publishes its figures in, and the factor that brings them to the
indicator's own unit (a share as 0–1, money in kronor, a count as a count).

A mapping declares the scale of the figures it reads (`scale: percent`); the import layer
multiplies by the factor, refuses a share that is still outside 0–1, and reports what it
converted. Kolada publishes shares in percent: its records carry `percent_for_shares`, which is
percent for a share or rate indicator and the unit itself for any other.
"""

from __future__ import annotations

from typing import Literal

Scale = Literal["unit", "percent", "per_mille", "thousands", "millions", "percent_for_shares"]

SCALES: tuple[Scale, ...] = (
    "unit",
    "percent",
    "per_mille",
    "thousands",
    "millions",
    "percent_for_shares",
)

# value in the indicator's unit = published value × factor
FACTORS: dict[str, float] = {
    "unit": 1.0,
    "percent": 0.01,
    "per_mille": 0.001,
    "thousands": 1_000.0,
    "millions": 1_000_000.0,
}

RATIO_KINDS = frozenset({"share", "rate"})


def factor(scale: str, indicator_kind: str) -> float:
    """The factor for `scale` when the figure belongs to an indicator of `indicator_kind`."""
    if scale == "percent_for_shares":
        return FACTORS["percent"] if indicator_kind in RATIO_KINDS else 1.0
    return FACTORS[scale]
