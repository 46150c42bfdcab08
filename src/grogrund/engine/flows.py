"""Cash flows of a valuation and the measures computed from them.

Each calculation kind produces two :class:`FlowBlock` s, benefits and costs. A block stores its
flows in factored form: ``flow[n, r, s, y] = profile[n, r, y] × split[n, r, s]`` — row ``r`` is an
outcome or cost item, ``s`` a stakeholder, ``y`` a year, ``n`` a Monte Carlo draw. For an SROI
outcome the profile is its value in SEK and the split a one-hot stakeholder; for a socio-economic
outcome the profile is the number of successful persons and the split SEK per person-year for
each stakeholder. The factored form keeps 10,000 draws × 20 outcomes × 7 stakeholders × 20 years
cheap.

Definitions (docs/valuation-model.md):

* PV = Σ_y flow_y × d_y with d_y from :func:`grogrund.engine.params.discount_factors`;
* NPV = PV(benefits) − PV(costs); ratio = PV(benefits) / PV(costs);
* break-even year: the first year from which the cumulative discounted net stays ≥ 0 to the end
  of the horizon (none if it ends negative);
* payback (years): elapsed years until the cumulative discounted net reaches 0, interpolated
  linearly within the break-even year, counting each year as ending one year after it starts.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from grogrund.engine.params import FloatArray

#: Swedish general elections are held every fourth year (2022, 2026, …); a term's budget years
#: are the four calendar years after the election year.
REFERENCE_ELECTION_YEAR = 2022
ELECTORAL_TERM_YEARS = 4


def electoral_term(year: int) -> tuple[int, int]:
    """The first and last budget year of the electoral term that contains ``year``."""
    start = (
        REFERENCE_ELECTION_YEAR
        + 1
        + ELECTORAL_TERM_YEARS * ((year - REFERENCE_ELECTION_YEAR - 1) // ELECTORAL_TERM_YEARS)
    )
    return start, start + ELECTORAL_TERM_YEARS - 1


@dataclass
class Persistence:
    """Rows whose flow is a yearly level carried over the years with a duration and a
    drop-off (SROI and socio-economic outcomes), kept factored:
    ``profile = level[:, :, None] × year_weights(offset, duration, drop_off, n_years)``.

    The present value needs only ``Σ_y weight × discount`` per row
    (:func:`discounted_weights`), so a Monte Carlo run never builds the (n, R, Y) array.
    """

    level: FloatArray  # (n, R)
    offset: FloatArray  # (R,)
    duration: FloatArray  # (n, R)
    drop_off: FloatArray  # (n, R)
    n_years: int


class FlowBlock:
    """Rows (outcomes or cost items) with a profile over the years and a split over the
    stakeholders; ``profile`` is an array (n, R, Y) or a factored :class:`Persistence`,
    expanded on first use."""

    def __init__(
        self,
        kind: Literal["benefit", "cost"],
        row_ids: list[str],
        row_names: list[str],
        profile: FloatArray | Persistence,
        split: FloatArray,  # (n or 1, R, S)
    ) -> None:
        self.kind = kind
        self.row_ids = row_ids
        self.row_names = row_names
        self.split = split
        self.persistence = profile if isinstance(profile, Persistence) else None
        self._profile = None if isinstance(profile, Persistence) else profile

    @property
    def n(self) -> int:
        if self.persistence is not None:
            return int(self.persistence.level.shape[0])
        assert self._profile is not None
        return int(self._profile.shape[0])

    @property
    def profile(self) -> FloatArray:
        """The flows per draw, row and year before the split: (n, R, Y)."""
        if self._profile is None:
            p = self.persistence
            assert p is not None
            weights = year_weights(p.offset, p.duration, p.drop_off, p.n_years)
            self._profile = p.level[:, :, None] * weights
        return self._profile

    def split_full(self) -> FloatArray:
        return np.broadcast_to(self.split, (self.n, *self.split.shape[1:]))

    def pv_rows(self, d: FloatArray) -> FloatArray:
        """Present value of each row: (n, R)."""
        p = self.persistence
        if p is not None and self._profile is None:
            out: FloatArray = p.level * discounted_weights(p.offset, p.duration, p.drop_off, d)
            return out
        profile = self.profile
        if _same_in_every_draw(profile) and _same_in_every_draw(d):
            one = np.einsum("ry,y->r", profile[0], d[0])
            return np.broadcast_to(one, (profile.shape[0], one.shape[0]))
        rows: FloatArray = np.einsum("nry,ny->nr", profile, d)
        return rows


@dataclass
class Flows:
    years: list[int]
    stakeholders: list[str]
    benefits: FlowBlock
    costs: FlowBlock
    discount: FloatArray  # (n, Y); rows may be one broadcast row (a rate without a range)


@dataclass
class Measures:
    """Vectorised headline measures, one value per draw."""

    pv_benefits: FloatArray
    pv_costs: FloatArray
    npv: FloatArray
    ratio: FloatArray  # nan where PV(costs) is 0
    npv_by_stakeholder: FloatArray  # (n, S)
    pv_benefits_by_stakeholder: FloatArray
    pv_costs_by_stakeholder: FloatArray


@dataclass
class Timeline:
    """When the money comes: yearly net flows, break-even and payback, per draw."""

    yearly_net: FloatArray  # (n, Y) undiscounted
    break_even_index: FloatArray  # index into years; nan if never
    payback_years: FloatArray  # nan if never


def _same_in_every_draw(a: FloatArray) -> bool:
    """One row broadcast to all draws (a cost without ranges, a rate without a range)."""
    return a.shape[0] == 1 or a.strides[0] == 0


def _block_pv_by_stakeholder(block: FlowBlock, d: FloatArray) -> FloatArray:
    pv_rows = block.pv_rows(d)
    split = block.split_full()
    out: FloatArray
    if _same_in_every_draw(pv_rows) and _same_in_every_draw(split):
        one = np.einsum("r,rs->s", pv_rows[0], split[0])
        out = np.broadcast_to(one, (block.n, one.shape[0]))
    elif block.n > 1 and split.strides[0] == split.itemsize:
        # draws are the contiguous axis of the split (socio-economic outcomes): sum in that order
        out = np.einsum("rn,rsn->sn", pv_rows.T, split.transpose(1, 2, 0)).T
    else:
        out = np.einsum("nr,nrs->ns", pv_rows, split)
    return out


def _block_yearly(block: FlowBlock) -> FloatArray:
    out: FloatArray = np.einsum("nry,nr->ny", block.profile, block.split_full().sum(axis=2))
    return out


def break_even(cum: FloatArray, yearly_disc: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Break-even index and payback years from cumulative discounted net ``cum`` (n, Y)."""
    n, y = cum.shape
    negative = cum < 0
    any_neg = negative.any(axis=1)
    last_neg = np.where(any_neg, y - 1 - np.argmax(negative[:, ::-1], axis=1), -1)
    k = last_neg + 1
    never = k >= y
    be = np.where(never, np.nan, k).astype(np.float64)
    k_safe = np.clip(k, 0, y - 1)
    rows = np.arange(n)
    prev = np.where(k_safe > 0, cum[rows, np.clip(k_safe - 1, 0, y - 1)], 0.0)
    step = cum[rows, k_safe] - prev
    with np.errstate(divide="ignore", invalid="ignore"):
        frac = np.where(step > 0, -prev / step, 0.0)
    payback = np.where(k_safe == 0, 0.0, k_safe + frac)
    payback = np.where(never, np.nan, payback)
    del yearly_disc
    return be, payback


def measures(flows: Flows) -> Measures:
    """Present values, NPV, ratio and NPV by stakeholder, per draw (what a simulation needs)."""
    d = flows.discount
    b_s = _block_pv_by_stakeholder(flows.benefits, d)
    c_s = _block_pv_by_stakeholder(flows.costs, d)
    pv_b = b_s.sum(axis=1)
    pv_c = c_s.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(pv_c > 0, pv_b / np.where(pv_c > 0, pv_c, 1.0), np.nan)
    return Measures(pv_b, pv_c, pv_b - pv_c, ratio, b_s - c_s, b_s, c_s)


def timeline(flows: Flows) -> Timeline:
    """Yearly net flows, break-even and payback, per draw (needs the flows year by year)."""
    d = flows.discount
    yearly = _block_yearly(flows.benefits) - _block_yearly(flows.costs)
    cum = np.cumsum(yearly * d, axis=1)
    be, payback = break_even(cum, yearly * d)
    return Timeline(yearly, be, payback)


def _f(x: Any) -> float | None:
    v = float(x)
    return None if np.isnan(v) else v


def breakdown(flows: Flows, names: dict[str, str]) -> dict[str, Any]:
    """Full deterministic breakdown (draw 0): totals, by stakeholder, year, outcome, term."""
    tl = timeline(flows)  # first: expands the profiles, which the measures then use too
    m = measures(flows)
    d = flows.discount[0]
    years = flows.years
    out: dict[str, Any] = {}
    be_idx = tl.break_even_index[0]
    out["totals"] = {
        "pv_benefits": float(m.pv_benefits[0]),
        "pv_costs": float(m.pv_costs[0]),
        "npv": float(m.npv[0]),
        "ratio": _f(m.ratio[0]),
        "payback_years": _f(tl.payback_years[0]),
        "break_even_year": None if np.isnan(be_idx) else years[int(be_idx)],
    }
    # flows per block as (R, S, Y)
    full: dict[str, FloatArray] = {}
    for block in (flows.benefits, flows.costs):
        full[block.kind] = block.profile[0][:, None, :] * block.split_full()[0][:, :, None]
    ben_sy = full["benefit"].sum(axis=0)  # (S, Y)
    cost_sy = full["cost"].sum(axis=0)
    by_stakeholder = []
    total_pos = float(np.clip(m.pv_benefits_by_stakeholder[0], 0, None).sum())
    for i, s in enumerate(flows.stakeholders):
        net_y = ben_sy[i] - cost_sy[i]
        cum = np.cumsum(net_y * d)[None, :]
        s_be, _ = break_even(cum, cum)
        pvb = float(m.pv_benefits_by_stakeholder[0, i])
        by_stakeholder.append(
            {
                "stakeholder": s,
                "name": names.get(s, s),
                "pv_benefits": pvb,
                "pv_costs": float(m.pv_costs_by_stakeholder[0, i]),
                "npv": float(m.npv_by_stakeholder[0, i]),
                "benefit_share": (max(pvb, 0.0) / total_pos) if total_pos > 0 else None,
                "break_even_year": None if np.isnan(s_be[0]) else years[int(s_be[0])],
                "benefits_by_year": [float(v) for v in ben_sy[i]],
                "costs_by_year": [float(v) for v in cost_sy[i]],
            }
        )
    out["by_stakeholder"] = by_stakeholder
    ben_y = ben_sy.sum(axis=0)
    cost_y = cost_sy.sum(axis=0)
    cum = np.cumsum((ben_y - cost_y) * d)
    out["by_year"] = [
        {
            "year": yr,
            "benefits": float(ben_y[t]),
            "costs": float(cost_y[t]),
            "net": float(ben_y[t] - cost_y[t]),
            "discount_factor": float(d[t]),
            "pv_net": float((ben_y[t] - cost_y[t]) * d[t]),
            "cumulative_pv_net": float(cum[t]),
        }
        for t, yr in enumerate(years)
    ]
    for key, block in (("by_outcome", flows.benefits), ("by_cost", flows.costs)):
        rows = []
        arr = full[block.kind]
        for r, rid in enumerate(block.row_ids):
            per_s = arr[r]  # (S, Y)
            rows.append(
                {
                    "id": rid,
                    "name": block.row_names[r],
                    "total": float(per_s.sum()),
                    "pv": float((per_s * d).sum()),
                    "by_year": [float(v) for v in per_s.sum(axis=0)],
                    "pv_by_stakeholder": {
                        s: float((per_s[i] * d).sum())
                        for i, s in enumerate(flows.stakeholders)
                        if np.any(per_s[i] != 0)
                    },
                }
            )
        out[key] = rows
    terms: dict[tuple[int, int], dict[str, Any]] = {}
    for t, yr in enumerate(years):
        term = electoral_term(yr)
        e = terms.setdefault(
            term,
            {
                "term": f"{term[0]}–{term[1]}",
                "first_year": term[0],
                "last_year": term[1],
                "benefits": 0.0,
                "costs": 0.0,
                "net": 0.0,
                "pv_net": 0.0,
                "net_by_stakeholder": {s: 0.0 for s in flows.stakeholders},
            },
        )
        e["benefits"] += float(ben_y[t])
        e["costs"] += float(cost_y[t])
        e["net"] += float(ben_y[t] - cost_y[t])
        e["pv_net"] += float((ben_y[t] - cost_y[t]) * d[t])
        for i, s in enumerate(flows.stakeholders):
            e["net_by_stakeholder"][s] += float(ben_sy[i, t] - cost_sy[i, t])
    out["by_term"] = list(terms.values())
    return out


def _weights_by_year(
    offset: FloatArray,
    duration: FloatArray,
    drop_off: FloatArray,
    n_years: int,
    discount: FloatArray | None = None,
) -> Iterator[tuple[int, FloatArray]]:
    """Yields ``(t, w)`` for the years t with a weight that is not zero everywhere; ``w`` (n, K)
    is the weight in year t and is overwritten by the next year.

    With k = t − offset: 0 before the start, ``(1 − drop_off)^k`` from it, times the part of the
    year inside the duration, ``clip(duration − k, 0, 1)`` (a fractional duration gives a part
    of the last year). The decay is carried forward by one multiplication a year; a row that has
    not started has decay 0 and starts at 1. Years from ``max(offset + duration)`` on are zero
    and not yielded.

    With ``discount`` — geometric factors, one row (n, Y) or a broadcast row, as
    :func:`~grogrund.engine.params.discount_factors` gives — the weight comes out discounted:
    the decay starts at the start year's factor and is carried by ``(1 − drop_off) × ρ`` with
    ρ the factor's yearly ratio (one multiplication a year instead of two).
    """
    off = np.asarray(offset, dtype=np.float64)
    n, k_count = duration.shape
    if n == 0 or k_count == 0:
        return
    # k = t − offset < duration ⇔ t < offset + ceil(duration) for whole-year offsets (exact
    # even for a duration too small to change offset + duration in floating point)
    last = min(n_years, math.ceil(float(np.max(off + np.ceil(duration.max(axis=0))))))
    if discount is None:
        growth = 1.0 - drop_off
    else:
        one_row = _same_in_every_draw(discount)
        d = discount[:1] if one_row else discount
        rho = d[:, 1:2] / d[:, 0:1] if n_years > 1 else np.ones((d.shape[0], 1))
        growth = (1.0 - drop_off) * (float(rho[0, 0]) if one_row else rho)
    # the layout of ``duration`` (draws contiguous or outcomes contiguous) is kept throughout
    decay = np.zeros_like(duration)
    w = np.empty_like(duration)
    for t in range(last):
        k = t - off
        if t > 0:
            decay *= growth
        starting = np.flatnonzero((k >= 0.0) & (k < 1.0))
        if starting.size:
            if discount is None:
                decay[:, starting] = 1.0
            elif one_row:
                decay[:, starting] = d[0, t]
            else:
                decay[:, starting] = d[:, t, None]
        np.subtract(duration, k, out=w)
        np.clip(w, 0.0, 1.0, out=w)
        w *= decay
        yield t, w


def year_weights(
    start_offset: FloatArray, duration: FloatArray, drop_off: FloatArray, n_years: int
) -> FloatArray:
    """Weight of an effect in each year of the horizon: (n, K, Y) (see
    :func:`_weights_by_year`). ``start_offset`` is the same in every draw: (K,)."""
    n, k_count = duration.shape
    out = np.zeros((n, n_years, k_count))
    for t, w in _weights_by_year(start_offset, duration, drop_off, n_years):
        out[:, t, :] = w
    weights: FloatArray = out.transpose(0, 2, 1)
    return weights


def discounted_weights(
    start_offset: FloatArray, duration: FloatArray, drop_off: FloatArray, discount: FloatArray
) -> FloatArray:
    """``Σ_y year_weights[n, k, y] × discount[n, y]``: (n, K), without the (n, K, Y) array.

    ``discount`` is (n, Y), or one row broadcast to n rows when the rate is not uncertain.
    Geometric factors (constant yearly ratio, as every model's are) are carried inside the
    decay; any other factors are multiplied year by year.
    """
    out = np.zeros_like(duration)
    n_years = discount.shape[1]
    if _geometric(discount):
        for _, w in _weights_by_year(start_offset, duration, drop_off, n_years, discount):
            out += w
        return out
    tmp = np.empty_like(duration)
    same_rate = _same_in_every_draw(discount)
    for t, w in _weights_by_year(start_offset, duration, drop_off, n_years):
        if same_rate:
            np.multiply(w, discount[0, t], out=tmp)
        else:
            np.multiply(w, discount[:, t, None], out=tmp)
        out += tmp
    return out


def _geometric(discount: FloatArray) -> bool:
    """Every row has a constant, positive ratio between successive years (to rounding)."""
    d = discount[:1] if _same_in_every_draw(discount) else discount
    if d.shape[1] < 2:
        return bool(np.all(d > 0))
    if not np.all(d > 0):
        return False
    ratio = d[:, 1:] / d[:, :-1]
    return bool(np.allclose(ratio, ratio[:, :1], rtol=1e-12, atol=0.0))
