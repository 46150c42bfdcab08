"""Resolve model inputs to numbers: likely values, sampled draws or fixed values.

Every calculation kernel asks the :class:`Resolver` for its inputs by model-file path. In a
deterministic evaluation each input is an array of one element (its likely value); in a Monte
Carlo simulation an array of ``n`` draws; for the tornado one input is fixed at its low or high
end. The same kernel code serves all three. The resolver also records the provenance of every
number (input or value-bank entry, with source and price indexing) in ``trace``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from grogrund.engine.errors import Issue
from grogrund.engine.model import RangeSpec
from grogrund.engine.valuebank import KpiSeries, ValueBank, ValueEntry, indexation, load_kpi

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]

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
    """Map uniform draws ``u`` in [0, 1) to the range's distribution (inverse CDF).

    The one-input reference for :func:`sample_ranges`, which gives the same numbers in batch.
    """
    if spec.high == spec.low:
        return np.full_like(u, spec.likely)
    if spec.distribution == "uniform":
        return spec.low + (spec.high - spec.low) * u
    if spec.distribution == "triangular":
        return triangular_ppf(u, spec.low, spec.likely, spec.high)
    return pert_ppf(u, spec.low, spec.likely, spec.high)


#: Elements per block of the batched PERT transform: the dozen temporaries of a block stay in
#: the processor's cache instead of streaming the whole (ranges × draws) array a dozen times.
SAMPLE_BLOCK = 65_536


def sample_ranges(
    specs: Sequence[RangeSpec],
    u: FloatArray,
    out: FloatArray | None = None,
    rows: Sequence[int] | None = None,
) -> FloatArray:
    """Row k of ``u`` (shape ``(len(specs), n)``) mapped through the inverse CDF of
    ``specs[k]``: all ranges of a model in a few array operations instead of one Python call
    per input. Bit for bit the same numbers as :func:`sample_range` row by row (tested); the
    operations are the same, only grouped by distribution and done on blocks of rows.

    With ``rows``, the uniforms of ``specs[k]`` are row ``rows[k]`` of ``u`` and its draws go to
    row ``rows[k]`` of ``out``; ``out`` may be ``u`` itself (transformed in place).
    """
    if out is None:
        out = np.empty((len(specs), u.shape[1]))
    at = np.arange(len(specs), dtype=np.intp) if rows is None else np.asarray(rows, np.intp)
    groups: dict[str, list[int]] = {"pert": [], "triangular": [], "uniform": []}
    for k, spec in enumerate(specs):
        if spec.high == spec.low:
            out[at[k]] = spec.likely
        else:
            groups[spec.distribution].append(k)
    if groups["uniform"]:
        sel = at[groups["uniform"]]
        low, likely, high = _columns([specs[k] for k in groups["uniform"]])
        x = u[sel] * (high - low)
        x += low
        out[sel] = x
    if groups["triangular"]:
        sel = at[groups["triangular"]]
        low, likely, high = _columns([specs[k] for k in groups["triangular"]])
        ut = u[sel]
        width = high - low
        left = low + np.sqrt(ut * width * (likely - low))
        right = high - np.sqrt((1.0 - ut) * width * (high - likely))
        out[sel] = np.where(ut < (likely - low) / width, left, right)
    if groups["pert"]:
        _pert_rows(u, [specs[k] for k in groups["pert"]], at[groups["pert"]], out)
    return out


def _columns(specs: Sequence[RangeSpec]) -> tuple[FloatArray, FloatArray, FloatArray]:
    """low, likely and high of ``specs`` as column vectors (k, 1) for row-wise broadcasting."""
    a = np.array([(s.low, s.likely, s.high) for s in specs], dtype=np.float64)
    return a[:, 0:1], a[:, 1:2], a[:, 2:3]


def _pert_rows(u: FloatArray, specs: Sequence[RangeSpec], rows: IntArray, out: FloatArray) -> None:
    """:func:`pert_ppf` of ``u[rows[k]]`` into ``out[rows[k]]`` for many rows at once: the
    quantile tables of all ranges are laid end to end in one array and each draw indexes its own
    row's table."""
    g = PERT_GRID_POINTS
    keys: dict[tuple[float, float], int] = {}
    table_of = np.empty(len(specs), dtype=np.intp)
    for k, s in enumerate(specs):
        table_of[k] = keys.setdefault(pert_alpha_beta(s.low, s.likely, s.high), len(keys))
    # Each table once more with its last point repeated: at t = 1 the interpolation takes the
    # last point with weight 1 and the repeat with weight 0 (pert_ppf: the previous point with
    # weight 0 and the last with weight 1; the same sum), so the index needs no upper clip.
    padded = [_pert_quantile_table(a, b) for a, b in keys]
    tables = np.concatenate([np.append(t, t[-1]) for t in padded])
    upper_tables = tables[1:]  # upper_tables[j] = tables[j + 1]: the right end of each interval
    low, _likely, high = _columns(specs)
    width = high - low
    base = (table_of * (g + 1))[:, None]
    n = u.shape[1]
    step = max(1, SAMPLE_BLOCK // max(n, 1))
    # Work buffers reused from block to block (fresh arrays of this size would be mapped
    # from the operating system and zeroed for every operation).
    shape = (min(step, len(rows)), n)
    ub_, r_, cell_, q_, right_ = (np.empty(shape) for _ in range(5))
    upper_ = np.empty(shape, dtype=np.bool_)
    idx_ = np.empty(shape, dtype=np.intp)
    for a in range(0, len(rows), step):
        b = min(a + step, len(rows))
        k = b - a
        ub, r, cell, q, right = ub_[:k], r_[:k], cell_[:k], q_[:k], right_[:k]
        upper, idx = upper_[:k], idx_[:k]
        np.take(u, rows[a:b], axis=0, out=ub, mode="clip")
        # _warp: r = min(u, 1 − u) (u below one half, else 1 − u), r = (2r)^(1/4) / 2, then
        # t = |upper − r| (r below one half, else 1 − r): no branch per element.
        np.greater_equal(ub, 0.5, out=upper)
        np.subtract(1.0, ub, out=r)
        np.minimum(ub, r, out=r)
        r *= 2.0
        np.sqrt(r, out=r)
        np.sqrt(r, out=r)
        r *= 0.5
        pos = np.subtract(upper, r, out=r)
        np.abs(pos, out=pos)
        pos *= g - 1
        # pert_ppf: interpolate in the row's table between floor(pos) and the next point.
        np.floor(pos, out=cell)
        frac = np.subtract(pos, cell, out=pos)
        np.copyto(idx, cell, casting="unsafe")
        idx += base[a:b]
        np.take(tables, idx, out=q, mode="clip")
        q *= np.subtract(1.0, frac, out=cell)
        np.take(upper_tables, idx, out=right, mode="clip")
        right *= frac
        q += right
        q *= width[a:b]
        q += low[a:b]
        out[rows[a:b]] = q


@dataclass
class PriceContext:
    """The price years of a valuation: amounts written in ``model_price_year`` and value-bank
    amounts in their own price years are moved to ``target_price_year`` with KPI.

    Warning ``price_index_not_available`` is added when an amount is actually moved between
    two different price years and KPI lacks one of them (it is then not extrapolated): never
    for a valuation whose amounts are all in the target price year.
    """

    model_price_year: int
    target_price_year: int
    bank: ValueBank
    warnings: list[Issue] = field(default_factory=list)
    # The KPI series amounts are indexed with (default: the shipped one; the Django side
    # passes the shipped years overlaid with those imported from SCB).
    kpi: KpiSeries = field(default_factory=load_kpi)
    _model_factor: float | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        # A price year before the series is refused at once (error price_year_outside_kpi),
        # needed or not: no amount could ever be indexed to or from it.
        indexation(self.model_price_year, self.target_price_year, kpi=self.kpi)

    @property
    def model_factor(self) -> float:
        """KPI factor from the model's price year to the target price year, looked up the first
        time an amount written in the model needs it."""
        if self._model_factor is None:
            self._model_factor = self.factor(self.model_price_year)
        return self._model_factor

    def factor(self, from_year: int, path: str = "") -> float:
        """KPI(target) / KPI(from_year): 1 without a look-up when the years are the same."""
        return self.indexation(from_year, path)[0]

    def indexation(self, from_year: int, path: str = "") -> tuple[float, dict[str, Any] | None]:
        """The factor to the target price year and the record of how it was found (None when
        the amount is already in the target price year)."""
        if from_year == self.target_price_year:
            return 1.0, None
        ix = indexation(from_year, self.target_price_year, path, kpi=self.kpi)
        last = self.kpi.last_year
        if max(from_year, self.target_price_year) > last:
            self._warn_not_indexed(from_year)
        return ix.factor, ix.to_dict()

    def _warn_not_indexed(self, from_year: int) -> None:
        if any(w.code == "price_index_not_available" for w in self.warnings):
            return
        last = self.kpi.last_year
        self.warnings.append(
            Issue(
                "price_index_not_available",
                f"KPI is shipped up to {last}; amounts are not indexed beyond {last}",
                "price_year",
                {
                    "last_kpi_year": last,
                    "price_year": self.target_price_year,
                    "from_year": from_year,
                },
            )
        )


@dataclass(frozen=True)
class Input:
    """One input a kernel asks the :class:`Resolver` for: a number or a range in file units,
    times ``scale`` (0.01 for percentages, the price-index factor for money), or the value-bank
    entry ``bank`` (``value`` unused)."""

    value: float | RangeSpec
    path: str
    unit: str = ""
    scale: float = 1.0
    source: str | None = None
    money: bool = False
    bank: str | None = None


class Resolver:
    """Hands out inputs as arrays of shape ``(n,)`` and records where they came from.

    Kernels ask for all their inputs at once with :meth:`values`: in a Monte Carlo run every
    range of the batch is sampled in one vectorised pass (:func:`sample_ranges`). The uniform
    draws are taken from ``rng`` in the order the inputs are asked for, one block of ``n`` per
    range, so asking one at a time (:meth:`q`) or in a batch gives the same numbers.
    """

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

    def values(self, items: Sequence[Input]) -> FloatArray:
        """The inputs ``items`` as rows of a read-only array ``(len(items), n)``.

        An input asked for before (same path) is handed out again, not drawn again.
        """
        out = np.empty((len(items), self.n))
        drawn: list[int] = []
        drawn_specs: list[RangeSpec] = []
        first: dict[str, int] = {}
        repeats: list[tuple[int, int]] = []
        new_bank: set[str] = set()
        for k, it in enumerate(items):
            if it.bank is not None:
                key = f"{it.path}#{it.bank}"
                if key not in self._cache:
                    new_bank.add(key)
                out[k] = self.bank(it.bank, it.path, it.scale)
                continue
            cached = self._cache.get(it.path)
            if cached is not None:
                out[k] = cached
                continue
            if it.path in first:
                repeats.append((k, first[it.path]))
                continue
            first[it.path] = k
            v = it.value
            if isinstance(v, RangeSpec):
                self.ranges[it.path] = v
                if it.path in self.columns:
                    col = self.columns[it.path]
                    out[k] = np.where(np.isnan(col), v.likely, col) * it.scale
                elif it.path in self.fixed:
                    out[k] = self.fixed[it.path] * it.scale
                elif self.rng is not None:
                    drawn.append(k)
                    drawn_specs.append(v)
                else:
                    out[k] = v.likely * it.scale
            else:
                out[k] = float(v) * it.scale
            if self.record:
                self._record(it)
        if drawn:
            assert self.rng is not None
            # one block of n uniforms per range, in the order asked, drawn into the rows
            # themselves and transformed there
            for k in drawn:
                self.rng.random(out=out[k])
            sample_ranges(drawn_specs, out, out, drawn)
            for k in drawn:
                if items[k].scale != 1.0:
                    out[k] *= items[k].scale
        for k, j in repeats:
            out[k] = out[j]
        out.flags.writeable = False
        # cache in the order asked (inputs() lists them as a one-at-a-time run would)
        for k, it in enumerate(items):
            if it.bank is not None:
                key = f"{it.path}#{it.bank}"
                if key in new_bank:
                    self._cache[key] = self._cache.pop(key)
                    new_bank.discard(key)
            elif first.get(it.path) == k:
                self._cache[it.path] = out[k]
        return out

    def _record(self, it: Input) -> None:
        entry: dict[str, Any] = {"kind": "input", "unit": it.unit, "value": _likely(it.value)}
        if isinstance(it.value, RangeSpec):
            entry["range"] = it.value.model_dump(exclude_none=True)
        if it.source:
            entry["source"] = it.source
        if it.money and it.scale != 1.0:
            entry["price_index_factor"] = it.scale
        self.trace[it.path] = entry

    def money_input(
        self, value: float | RangeSpec, path: str, unit: str = "SEK", source: str | None = None
    ) -> Input:
        """An amount the user gave, in SEK of the model's price year, moved to the target
        price year."""
        return Input(value, path, unit, self.prices.model_factor, source, money=True)

    def bank_input(self, entry_id: str, path: str, scale: float = 1.0) -> Input:
        """A value-bank amount (see :meth:`bank`) as an item of :meth:`values`. An unknown
        entry or price year is reported here, where the kernel meets it."""
        self._bank_entry(entry_id, path)
        return Input(0.0, path, scale=scale, bank=entry_id)

    def q(
        self,
        value: float | RangeSpec,
        path: str,
        unit: str = "",
        scale: float = 1.0,
        source: str | None = None,
    ) -> FloatArray:
        """An input in file units times ``scale`` (0.01 for percentages)."""
        cached = self._cache.get(path)
        if cached is not None:
            return cached
        out: FloatArray = self.values([Input(value, path, unit, scale, source)])[0]
        return out

    def money(
        self, value: float | RangeSpec, path: str, unit: str = "SEK", source: str | None = None
    ) -> FloatArray:
        """:meth:`money_input`, resolved."""
        cached = self._cache.get(path)
        if cached is not None:
            return cached
        out: FloatArray = self.values([self.money_input(value, path, unit, source)])[0]
        return out

    def _bank_entry(
        self, entry_id: str, path: str
    ) -> tuple[ValueEntry, float, dict[str, Any] | None]:
        """The entry, its KPI factor to the target price year and the indexation record."""
        entry = self.prices.bank.get(entry_id, path)
        if entry.price_year is None:
            return entry, 1.0, None
        factor, info = self.prices.indexation(entry.price_year, path)
        return entry, factor, info

    def bank(self, entry_id: str, path: str, scale: float = 1.0) -> FloatArray:
        """A value-bank amount indexed to the target price year with KPI."""
        entry, factor, index_info = self._bank_entry(entry_id, path)
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
