"""Social outcome contracts (sociala utfallskontrakt): payments for measured outcomes.

Payment per period (year)::

    payment = min(cap_per_period, Σ_m price_m × max(0, outcome_m − baseline_m))

(``baseline − outcome`` for lower-is-better metrics), and the running total is held at
``cap_sek_total``.

With caps per metric (``cap_sek_per_metric``) or payers with shares and caps of their own
(``payers``), each metric's payment in a year is worked out in turn, in the order of the
metrics, as the ledger of a contract does for outcomes verified in that order
(engine/outcome_ledger.py)::

    due     = min(price × gain, metric cap left, period cap left, total cap left)
    paid_i  = min(due × share_i, payer i's cap left)
    payment = Σ_i paid_i        (counted against the metric, the period and the total)

so a payer whose cap is used up stops paying and the others do not pay its part. The investor
pays ``investor_capital`` and receives the payments; its IRR
solves Σ_t cash_flow_t / (1 + irr)^t = 0. The payer's net saving is the value of the outcomes to
the payer (savings per unit) minus the payments.
"""

from __future__ import annotations

import numpy as np

from grogrund.engine.costs import _check_year
from grogrund.engine.flows import FlowBlock
from grogrund.engine.model import OutcomeContractModel
from grogrund.engine.params import FloatArray, Resolver

#: Search interval for the IRR, as yearly rates: −99 % to +1,000 %.
IRR_LOW, IRR_HIGH = -0.99, 10.0
IRR_ITERATIONS = 200


def irr(cash_flows: FloatArray) -> FloatArray:
    """Internal rate of return per row of ``cash_flows`` (n, T), by bisection.

    Rows without a sign change in NPV between ``IRR_LOW`` and ``IRR_HIGH`` give nan. With more
    than one sign change in the flows more than one IRR may exist; bisection returns one of them.
    """
    cf = np.atleast_2d(np.asarray(cash_flows, dtype=np.float64))
    t = np.arange(cf.shape[1], dtype=np.float64)

    def npv(rate: FloatArray) -> FloatArray:
        out: FloatArray = (cf * np.power(1.0 + rate[:, None], -t[None, :])).sum(axis=1)
        return out

    lo = np.full(cf.shape[0], IRR_LOW)
    hi = np.full(cf.shape[0], IRR_HIGH)
    f_lo = npv(lo)
    f_hi = npv(hi)
    valid = np.sign(f_lo) * np.sign(f_hi) < 0
    for _ in range(IRR_ITERATIONS):
        mid = 0.5 * (lo + hi)
        if np.all((mid == lo) | (mid == hi)):
            break  # every interval is down to adjacent numbers: further steps change nothing
        f_mid = npv(mid)
        same = np.sign(f_mid) == np.sign(f_lo)
        lo = np.where(same, mid, lo)
        f_lo = np.where(same, f_mid, f_lo)
        hi = np.where(same, hi, mid)
    out = 0.5 * (lo + hi)
    exact_zero = np.isclose(npv(np.zeros_like(lo)), 0.0) & ~valid
    out = np.where(exact_zero, 0.0, out)
    return np.where(valid | exact_zero, out, np.nan)


def _left(due: FloatArray, cap: FloatArray | None, used: FloatArray) -> FloatArray:
    """`due` held at what is left of `cap` (never below 0); no cap: `due`."""
    if cap is None:
        return due
    return np.maximum(0.0, np.minimum(due, cap - used))


def _in_turn(
    model: OutcomeContractModel,
    r: Resolver,
    raw: FloatArray,
    cap_p: FloatArray | None,
    cap_t: FloatArray | None,
) -> FloatArray:
    """The payments per year (n, Y) with caps per metric and per payer: each metric's payment
    in turn (see the module's docstring)."""
    n, _metrics, y_count = raw.shape
    metric_caps = {
        key: r.money(value, f"cap_sek_per_metric.{key}")
        for key, value in model.cap_sek_per_metric.items()
    }
    shares = [p.share for p in model.payers] or [1.0]
    payer_caps = [
        r.money(p.cap_sek, f"payers[{j}].cap_sek") if p.cap_sek is not None else None
        for j, p in enumerate(model.payers)
    ] or [None]
    used_metric = {key: np.zeros(n) for key in metric_caps}
    used_payer = [np.zeros(n) for _ in shares]
    total = np.zeros(n)
    out = np.zeros((n, y_count))
    for t in range(y_count):
        in_period = np.zeros(n)
        for i, metric in enumerate(model.metrics):
            key = metric.cap_key or metric.id
            due = raw[:, i, t]
            if key in metric_caps:
                due = _left(due, metric_caps[key], used_metric[key])
            due = _left(due, cap_p, in_period)
            due = _left(due, cap_t, total)
            amount = np.zeros(n)
            for j, share in enumerate(shares):
                paid = _left(due * share, payer_caps[j], used_payer[j])
                used_payer[j] = used_payer[j] + paid
                amount = amount + paid
            if key in used_metric:
                used_metric[key] = used_metric[key] + amount
            in_period = in_period + amount
            total = total + amount
            out[:, t] += amount
    return out


def contract_flows(
    model: OutcomeContractModel, r: Resolver, stakeholders: list[str]
) -> tuple[FlowBlock, FlowBlock, dict[str, FloatArray], FloatArray]:
    """The payer's savings per metric (benefits), the outcome payments (a cost to the payer),
    per-draw summary values (``extras``) and per-year detail (n, 4, Y): payment, investor
    capital, investor cash flow, payment before caps."""
    n, y_count = r.n, model.horizon_years
    m_count = len(model.metrics)
    gain = np.zeros((n, m_count, y_count))
    raw = np.zeros((n, m_count, y_count))
    savings = np.zeros((n, m_count, y_count))
    last = model.start_year + y_count - 1
    for i, m in enumerate(model.metrics):
        p = f"metrics[{i}]"
        base = r.q(m.baseline, f"{p}.baseline", "units", source=m.source)
        price = r.money(m.price_sek_per_unit, f"{p}.price_sek_per_unit", "SEK per unit")
        if m.savings_value_bank is not None:
            saving = r.bank(m.savings_value_bank, f"{p}.savings_value_bank")
        elif m.savings_sek_per_unit is not None:
            saving = r.money(m.savings_sek_per_unit, f"{p}.savings_sek_per_unit", "SEK per unit")
        else:
            saving = np.zeros(n)
        sign = 1.0 if m.direction == "higher_is_better" else -1.0
        for year, value in m.outcomes.items():
            _check_year(year, model.start_year, last, f"{p}.outcomes.{year}")
            t = year - model.start_year
            outcome = r.q(value, f"{p}.outcomes.{year}", "units")
            g = np.maximum(0.0, sign * (outcome - base))
            gain[:, i, t] = g
            raw[:, i, t] = price * g
            savings[:, i, t] = saving * g
    cap_p = (
        r.money(model.cap_sek_per_period, "cap_sek_per_period")
        if model.cap_sek_per_period is not None
        else None
    )
    cap_t = (
        r.money(model.cap_sek_total, "cap_sek_total") if model.cap_sek_total is not None else None
    )
    if model.cap_sek_per_metric or model.payers:
        per_period = _in_turn(model, r, raw, cap_p, cap_t)
    else:
        per_period = raw.sum(axis=1)  # (n, Y)
        if cap_p is not None:
            per_period = np.minimum(per_period, cap_p[:, None])
        if cap_t is not None:
            cum = np.minimum(np.cumsum(per_period, axis=1), cap_t[:, None])
            per_period = np.diff(cum, axis=1, prepend=0.0)
    capital = np.zeros((n, y_count))
    for year, amount in model.investor_capital.items():
        _check_year(year, model.start_year, last, f"investor_capital.{year}")
        capital[:, year - model.start_year] = r.money(amount, f"investor_capital.{year}")
    investor_cf = per_period - capital

    s_count = len(stakeholders)
    b_split = np.zeros((1, m_count, s_count))
    b_split[0, :, stakeholders.index(model.payer)] = 1.0
    benefits = FlowBlock(
        "benefit",
        [m.id for m in model.metrics],
        [m.name or m.id for m in model.metrics],
        savings,
        b_split,
    )
    c_split = np.zeros((1, 1, s_count))
    c_split[0, 0, stakeholders.index(model.payer)] = 1.0
    payments = FlowBlock(
        "cost", ["outcome_payments"], ["Outcome payments"], per_period[:, None, :], c_split
    )
    extras = {
        "total_payments": per_period.sum(axis=1),
        "total_payments_uncapped": raw.sum(axis=(1, 2)),
        "investor_capital": capital.sum(axis=1),
        "investor_net": investor_cf.sum(axis=1),
        "investor_irr": irr(investor_cf),
    }
    detail = np.stack([per_period, capital, investor_cf, raw.sum(axis=1)], axis=1)
    return benefits, payments, extras, detail
