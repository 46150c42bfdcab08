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
class FlowBlock:
    kind: Literal["benefit", "cost"]
    row_ids: list[str]
    row_names: list[str]
    profile: FloatArray  # (n, R, Y)
    split: FloatArray  # (n or 1, R, S)

    def split_full(self) -> FloatArray:
        n = self.profile.shape[0]
        return np.broadcast_to(self.split, (n, *self.split.shape[1:]))


@dataclass
class Flows:
    years: list[int]
    stakeholders: list[str]
    benefits: FlowBlock
    costs: FlowBlock
    discount: FloatArray  # (n, Y)


@dataclass
class Measures:
    """Vectorised headline measures, one value per draw."""

    pv_benefits: FloatArray
    pv_costs: FloatArray
    npv: FloatArray
    ratio: FloatArray  # nan where PV(costs) is 0
    break_even_index: FloatArray  # index into years; nan if never
    payback_years: FloatArray  # nan if never
    npv_by_stakeholder: FloatArray  # (n, S)
    pv_benefits_by_stakeholder: FloatArray
    pv_costs_by_stakeholder: FloatArray
    yearly_net: FloatArray  # (n, Y) undiscounted


def _block_pv_by_stakeholder(block: FlowBlock, d: FloatArray) -> FloatArray:
    pv_rows = np.einsum("nry,ny->nr", block.profile, d)
    out: FloatArray = np.einsum("nr,nrs->ns", pv_rows, block.split_full())
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
    d = flows.discount
    b_s = _block_pv_by_stakeholder(flows.benefits, d)
    c_s = _block_pv_by_stakeholder(flows.costs, d)
    pv_b = b_s.sum(axis=1)
    pv_c = c_s.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(pv_c > 0, pv_b / np.where(pv_c > 0, pv_c, 1.0), np.nan)
    yearly = _block_yearly(flows.benefits) - _block_yearly(flows.costs)
    cum = np.cumsum(yearly * d, axis=1)
    be, payback = break_even(cum, yearly * d)
    return Measures(pv_b, pv_c, pv_b - pv_c, ratio, be, payback, b_s - c_s, b_s, c_s, yearly)


def _f(x: Any) -> float | None:
    v = float(x)
    return None if np.isnan(v) else v


def breakdown(flows: Flows, names: dict[str, str]) -> dict[str, Any]:
    """Full deterministic breakdown (draw 0): totals, by stakeholder, year, outcome, term."""
    m = measures(flows)
    d = flows.discount[0]
    years = flows.years
    out: dict[str, Any] = {}
    be_idx = m.break_even_index[0]
    out["totals"] = {
        "pv_benefits": float(m.pv_benefits[0]),
        "pv_costs": float(m.pv_costs[0]),
        "npv": float(m.npv[0]),
        "ratio": _f(m.ratio[0]),
        "payback_years": _f(m.payback_years[0]),
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


def year_weights(
    start_offset: FloatArray, duration: FloatArray, drop_off: FloatArray, n_years: int
) -> FloatArray:
    """Weight of an effect in each year of the horizon: (n, K, Y).

    With k = year index − start offset: 0 before the start, ``(1 − drop_off)^k`` after it,
    times the part of the year inside the duration, ``clip(duration − k, 0, 1)`` (a fractional
    duration gives a part of the last year). ``start_offset`` is the same in every draw: (K,).

    One year at a time over (n, K) slices: the decay is carried forward by one multiplication
    a year instead of a power over n × K × Y elements (2–3× faster for 10,000 draws).
    """
    off = np.asarray(start_offset, dtype=np.float64)
    n, k_count = duration.shape
    out = np.empty((n, n_years, k_count))
    keep = 1.0 - drop_off
    decay = np.ones((n, k_count))
    tmp = np.empty((n, k_count))
    for t in range(n_years):
        k = t - off
        if t > 0:
            grow = k >= 1
            if grow.all():
                decay *= keep
            elif grow.any():
                decay[:, grow] *= keep[:, grow]
        np.subtract(duration, k, out=tmp)
        np.clip(tmp, 0.0, 1.0, out=tmp)
        np.multiply(tmp, decay, out=tmp)
        tmp *= k >= 0
        out[:, t, :] = tmp
    weights: FloatArray = out.transpose(0, 2, 1)
    return weights
