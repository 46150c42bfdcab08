"""Resolve model inputs to numbers: likely values, sampled draws or fixed values.

Every calculation kernel asks the :class:`Resolver` for its inputs by model-file path. In a
deterministic evaluation each input is an array of one element (its likely value); in a Monte
Carlo simulation an array of ``n`` draws; for the tornado one input is fixed at its low or high
end. The same kernel code serves all three. The resolver also records the provenance of every
number (input or value-bank entry, with source and price indexing) in ``trace``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from grogrund.engine.errors import Issue
from grogrund.engine.model import RangeSpec
from grogrund.engine.valuebank import ValueBank, indexation, load_kpi

FloatArray = NDArray[np.float64]

#: Points of the PERT quantile table and of the CDF it is inverted from. The sampled quantiles
#: are within about 1e-4 of the range width of the exact Beta quantiles (tested).
PERT_GRID_POINTS = 4097
PERT_CDF_POINTS = 16385
#: The PERT shape parameter λ (Vose, "Risk Analysis", 3rd ed., §9.1.3): α = 1 + λ(m − a)/(b − a).
PERT_LAMBDA = 4.0


def pert_alpha_beta(low: float, likely: float, high: float) -> tuple[float, float]:
    width = high - low
    alpha = 1.0 + PERT_LAMBDA * (likely - low) / width
    beta = 1.0 + PERT_LAMBDA * (high - likely) / width
    return alpha, beta


@lru_cache(maxsize=4096)
def _pert_quantile_table(alpha: float, beta: float) -> FloatArray:
    """Beta(α, β) quantiles at ``PERT_GRID_POINTS`` evenly spaced points t of the warped
    probability scale of :func:`_warp`, from a numerically integrated CDF on a fine grid."""
    x = np.linspace(0.0, 1.0, PERT_CDF_POINTS)
    with np.errstate(divide="ignore", invalid="ignore"):
        logpdf = (alpha - 1.0) * np.log(x) + (beta - 1.0) * np.log1p(-x)
    pdf = np.exp(np.nan_to_num(logpdf, nan=-np.inf, neginf=-np.inf))
    pdf[0] = 1.0 if alpha == 1.0 else 0.0
    pdf[-1] = 1.0 if beta == 1.0 else 0.0
    cdf = np.concatenate(([0.0], np.cumsum((pdf[1:] + pdf[:-1]) * 0.5)))
    cdf /= cdf[-1]
    t = np.linspace(0.0, 1.0, PERT_GRID_POINTS)
    u = np.where(t < 0.5, 0.5 * (2.0 * t) ** 4, 1.0 - 0.5 * (2.0 * (1.0 - t)) ** 4)
    table: FloatArray = np.interp(u, cdf, x)
    return table


def _warp(u: FloatArray) -> FloatArray:
    """Probability u → t in [0, 1], the inverse of u = (2t)⁴/2 below one half (mirrored
    above). Beta quantiles behave like u^(1/α) near 0; in t they behave like t^(4/α), which
    is nearly linear for PERT's α, β ∈ [1, 5], so linear interpolation stays accurate in the
    tails. Square roots only: cheap for 10,000 draws."""
    lower = u < 0.5
    r = np.where(lower, u, 1.0 - u)
    r *= 2.0
    np.sqrt(r, out=r)
    np.sqrt(r, out=r)
    r *= 0.5
    out: FloatArray = np.where(lower, r, 1.0 - r)
    return out


def pert_ppf(u: FloatArray, low: float, likely: float, high: float) -> FloatArray:
    """PERT quantiles: linear interpolation in a table of Beta quantiles (no search per
    draw, so 10,000 draws cost a few array operations)."""
    table = _pert_quantile_table(*pert_alpha_beta(low, likely, high))
    pos = _warp(u) * (PERT_GRID_POINTS - 1)
    i = np.minimum(pos.astype(np.intp), PERT_GRID_POINTS - 2)
    frac = pos - i
    q = table[i] * (1.0 - frac) + table[i + 1] * frac
    out: FloatArray = low + (high - low) * q
    return out


def triangular_ppf(u: FloatArray, low: float, likely: float, high: float) -> FloatArray:
    width = high - low
    c = (likely - low) / width
    left = low + np.sqrt(u * width * (likely - low))
    right = high - np.sqrt((1.0 - u) * width * (high - likely))
    return np.where(u < c, left, right)


def sample_range(spec: RangeSpec, u: FloatArray) -> FloatArray:
    """Map uniform draws ``u`` in [0, 1) to the range's distribution (inverse CDF)."""
    if spec.high == spec.low:
        return np.full_like(u, spec.likely)
    if spec.distribution == "uniform":
        return spec.low + (spec.high - spec.low) * u
    if spec.distribution == "triangular":
        return triangular_ppf(u, spec.low, spec.likely, spec.high)
    return pert_ppf(u, spec.low, spec.likely, spec.high)


@dataclass
class PriceContext:
    model_price_year: int
    target_price_year: int
    bank: ValueBank
    warnings: list[Issue] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.model_factor = indexation(self.model_price_year, self.target_price_year).factor
        last = load_kpi().last_year
        if self.target_price_year > last or self.model_price_year > last:
            self.warnings.append(
                Issue(
                    "price_index_not_available",
                    f"KPI is shipped up to {last}; amounts are not indexed beyond {last}",
                    "price_year",
                    {"last_kpi_year": last, "price_year": self.target_price_year},
                )
            )


class Resolver:
    """Hands out inputs as arrays of shape ``(n,)`` and records where they came from."""

    def __init__(
        self,
        prices: PriceContext,
        n: int = 1,
        rng: np.random.Generator | None = None,
        fixed: dict[str, float] | None = None,
        record: bool = True,
        columns: dict[str, FloatArray] | None = None,
    ) -> None:
        self.prices = prices
        self.n = n
        self.rng = rng
        self.fixed = fixed or {}
        self.record = record
        # Per-draw fixed values for ranges (nan = likely): the tornado's one-at-a-time runs.
        self.columns = columns or {}
        self.ranges: dict[str, RangeSpec] = {}
        self.trace: dict[str, dict[str, Any]] = {}
        self._cache: dict[str, FloatArray] = {}

    def inputs(self) -> dict[str, FloatArray]:
        """Every input handed out so far, by resolver key, as arrays of ``n`` values."""
        return dict(self._cache)

    # -- raw numbers -------------------------------------------------------------------------

    def q(
        self,
        value: float | RangeSpec,
        path: str,
        unit: str = "",
        scale: float = 1.0,
        source: str | None = None,
    ) -> FloatArray:
        """An input in file units times ``scale`` (0.01 for percentages)."""
        if path in self._cache:
            return self._cache[path]
        out: FloatArray
        if isinstance(value, RangeSpec):
            self.ranges[path] = value
            if path in self.columns:
                col = self.columns[path]
                out = np.where(np.isnan(col), value.likely, col)
            elif path in self.fixed:
                out = np.full(self.n, self.fixed[path])
            elif self.rng is not None:
                out = sample_range(value, self.rng.random(self.n))
            else:
                out = np.full(self.n, value.likely)
        else:
            out = np.full(self.n, float(value))
        out = out * scale
        self._cache[path] = out
        if self.record:
            entry: dict[str, Any] = {"kind": "input", "unit": unit, "value": _likely(value)}
            if isinstance(value, RangeSpec):
                entry["range"] = value.model_dump(exclude_none=True)
            if source:
                entry["source"] = source
            self.trace[path] = entry
        return out

    def money(
        self, value: float | RangeSpec, path: str, unit: str = "SEK", source: str | None = None
    ) -> FloatArray:
        """An amount the user gave, in SEK of the model's price year, moved to the target
        price year."""
        out = self.q(value, path, unit, scale=self.prices.model_factor, source=source)
        if self.record and self.prices.model_factor != 1.0:
            self.trace[path]["price_index_factor"] = self.prices.model_factor
        return out

    def bank(self, entry_id: str, path: str, scale: float = 1.0) -> FloatArray:
        """A value-bank amount indexed to the target price year with KPI."""
        entry = self.prices.bank.get(entry_id, path)
        factor = 1.0
        index_info: dict[str, Any] | None = None
        if entry.price_year is not None:
            ix = indexation(entry.price_year, self.prices.target_price_year, path)
            factor = ix.factor
            index_info = ix.to_dict()
        key = f"{path}#{entry_id}"
        if key not in self._cache:
            self._cache[key] = np.full(self.n, entry.amount * factor * scale)
        if self.record:
            self.trace[path] = {
                "kind": "value_bank",
                "entry": entry.to_dict(),
                "indexed_amount": entry.amount * factor,
                "indexation": index_info,
                "scale": scale,
                "value": entry.amount * factor * scale,
            }
        return self._cache[key]


def _likely(value: float | RangeSpec) -> float:
    return value.likely if isinstance(value, RangeSpec) else float(value)


def discount_factors(rate: FloatArray, n_years: int, first_year_discounted: bool) -> FloatArray:
    """``1 / (1 + r)^(t + s)`` for t = 0 … n_years − 1, s = 1 if the first year is discounted.

    ``rate`` has shape ``(n,)`` (a share, 0.035 for 3.5 %); the result has shape
    ``(n, n_years)``.
    """
    t = np.arange(n_years, dtype=np.float64) + (1.0 if first_year_discounted else 0.0)
    return np.power(1.0 + rate[:, None], -t[None, :])
