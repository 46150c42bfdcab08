"""The ledger of a social outcome contract (socialt utfallskontrakt): what becomes due for each
verified outcome, under caps per metric, per period, per payer and in total, split between the
payers by their shares; the investor's dated cash flows, IRR and money multiple.

The payment for one verified outcome (metric m, period p) is the engine's outcome-contract
arithmetic (engine/contracts.py; mission.md, "Outcome contracts")::

    gain   = max(0, outcome − baseline)          (baseline − outcome when lower is better)
    raw    = price_m,p × gain                    (the rate card's price for that period)
    due    = min(raw, metric cap left, period cap left, total cap left)
    part_i = due × share_i, split to the öre by the largest remainder (Σ part_i = due)
    paid_i = min(part_i, payer i's cap left)
    total  = Σ_i paid_i                          (what the payers owe for the outcome)

A payer whose cap is used up stops paying; the others do not pay its part (each pays only its
share), so the total falls. The caps are used up in the order the outcomes are *verified*: an
amount never changes once it is due, and an outcome verified late gets what the caps have left.
Money is counted in whole öre (integers), so the payers' parts add up to the total exactly.

The investor pays in capital and receives the payments. Its IRR solves
Σ_i cf_i / (1 + irr)^(days_i / 365) = 0 over dated flows (Actual/365, as the XIRR function of
spreadsheets), by bisection; its money multiple is Σ received / Σ paid in.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

import numpy as np

from grogrund.engine.contracts import IRR_HIGH, IRR_ITERATIONS, IRR_LOW
from grogrund.engine.params import FloatArray

Direction = Literal["higher_is_better", "lower_is_better"]

#: Öre per krona.
ORE_PER_SEK = 100
#: Payer shares are held in basis points: 10 000 is 100 %.
WHOLE_SHARE_BP = 10_000
#: Days per year in the dated IRR: Actual/365 Fixed, the convention of XIRR in Excel and
#: LibreOffice Calc, so a figure can be checked in a spreadsheet.
DAYS_PER_YEAR = 365
#: Gains are rounded to this many decimals before pricing: a baseline of 12.4 leaves a gain
#: of 7.6, not 7.6000000000000005.
GAIN_DECIMALS = 6


# --- periods ----------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """`day` moved `months` calendar months on; the 31st becomes the month's last day."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def period_start(start: date, months: int, period: int) -> date:
    """The first day of period `period` (1, 2, …) of a term starting on `start`."""
    return add_months(start, months * (period - 1))


def period_end(start: date, months: int, period: int) -> date:
    """The last day of period `period`: the day before the next period starts."""
    return date.fromordinal(add_months(start, months * period).toordinal() - 1)


# --- one outcome ------------------------------------------------------------------------------


def gain(outcome: float, baseline: float, direction: Direction = "higher_is_better") -> float:
    """Units of outcome beyond the baseline, never negative: max(0, outcome − baseline), or
    max(0, baseline − outcome) when lower is better."""
    diff = outcome - baseline if direction == "higher_is_better" else baseline - outcome
    return max(0.0, round(diff, GAIN_DECIMALS))


def price_times_gain_ore(price_ore: int, units: float) -> int:
    """price × gain in whole öre, halves rounded up."""
    exact = Decimal(price_ore) * Decimal(repr(units))
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def split_by_shares(amount_ore: int, shares_bp: Mapping[str, int]) -> dict[str, int]:
    """`amount_ore` split in proportion to `shares_bp` (basis points summing to 10 000), each
    part whole öre: the floor of each exact part, then the öre left over one each to the
    largest remainders (ties in the order of `shares_bp`). The parts add up to the amount."""
    total_bp = sum(shares_bp.values())
    if total_bp != WHOLE_SHARE_BP:
        raise ValueError(f"the shares add up to {total_bp} basis points, not {WHOLE_SHARE_BP}")
    parts: dict[str, int] = {}
    remainders: list[tuple[int, int, str]] = []
    for order, (payer, bp) in enumerate(shares_bp.items()):
        whole, rest = divmod(amount_ore * bp, WHOLE_SHARE_BP)
        parts[payer] = whole
        remainders.append((-rest, order, payer))
    left = amount_ore - sum(parts.values())
    for _rest, _order, payer in sorted(remainders)[:left]:
        parts[payer] += 1
    return parts


# --- the ledger -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    """One verified outcome to be paid for, in the order of verification."""

    key: str  # what the caller knows it by (a report's id)
    metric: str
    period: int
    gain: float  # units beyond the baseline, ≥ 0
    price_ore: int  # the rate card's price per unit for this metric and period


@dataclass(frozen=True)
class Caps:
    """Caps in öre; None (or a missing key) is no cap."""

    total_ore: int | None = None
    per_period_ore: int | None = None
    per_metric_ore: Mapping[str, int | None] = field(default_factory=dict)
    per_payer_ore: Mapping[str, int | None] = field(default_factory=dict)


#: What may hold a payment below price × gain.
CapKind = Literal["metric", "period", "total", "payer"]


@dataclass(frozen=True)
class ClaimPayment:
    claim: Claim
    raw_ore: int  # price × gain, before any cap
    due_ore: int  # what the payers owe: Σ by_payer
    by_payer: dict[str, int]
    limited_by: tuple[CapKind, ...]  # the caps that held it below raw


@dataclass(frozen=True)
class Ledger:
    payments: list[ClaimPayment]
    total_ore: int
    by_payer: dict[str, int]
    by_metric: dict[str, int]
    by_period: dict[int, int]
    caps: Caps

    def _left(self, cap: int | None, used: int) -> int | None:
        return None if cap is None else cap - used

    @property
    def total_left_ore(self) -> int | None:
        return self._left(self.caps.total_ore, self.total_ore)

    def metric_left_ore(self, metric: str) -> int | None:
        return self._left(self.caps.per_metric_ore.get(metric), self.by_metric.get(metric, 0))

    def payer_left_ore(self, payer: str) -> int | None:
        return self._left(self.caps.per_payer_ore.get(payer), self.by_payer.get(payer, 0))

    def period_left_ore(self, period: int) -> int | None:
        return self._left(self.caps.per_period_ore, self.by_period.get(period, 0))


def _least(amount: int, cap: int | None, used: int) -> int:
    return amount if cap is None else max(0, min(amount, cap - used))


def ledger(claims: Sequence[Claim], shares_bp: Mapping[str, int], caps: Caps) -> Ledger:
    """What is due for each claim, in order, with every cap applied (see the module's
    docstring). `shares_bp` names every payer and must add up to 10 000."""
    by_payer = dict.fromkeys(shares_bp, 0)
    by_metric: dict[str, int] = {}
    by_period: dict[int, int] = {}
    total = 0
    out: list[ClaimPayment] = []
    for claim in claims:
        raw = price_times_gain_ore(claim.price_ore, claim.gain)
        limited: list[CapKind] = []
        due = raw
        for kind, cap, used in (
            ("metric", caps.per_metric_ore.get(claim.metric), by_metric.get(claim.metric, 0)),
            ("period", caps.per_period_ore, by_period.get(claim.period, 0)),
            ("total", caps.total_ore, total),
        ):
            held = _least(due, cap, used)
            if held < due:
                limited.append(kind)  # type: ignore[arg-type]
            due = held
        parts = split_by_shares(due, shares_bp)
        paid: dict[str, int] = {}
        for payer, part in parts.items():
            paid[payer] = _least(part, caps.per_payer_ore.get(payer), by_payer[payer])
            if paid[payer] < part and "payer" not in limited:
                limited.append("payer")
        amount = sum(paid.values())
        for payer, value in paid.items():
            by_payer[payer] += value
        by_metric[claim.metric] = by_metric.get(claim.metric, 0) + amount
        by_period[claim.period] = by_period.get(claim.period, 0) + amount
        total += amount
        out.append(ClaimPayment(claim, raw, amount, paid, tuple(limited)))
    return Ledger(out, total, by_payer, by_metric, by_period, caps)


def first_claims(result: Ledger, count: int) -> Ledger:
    """The ledger of the first `count` claims of `result` alone. The caps are used in order,
    so these are the amounts `ledger()` gives for those claims without the ones after them
    (a projection computed once gives the ledger to date too)."""
    payments = result.payments[:count]
    by_payer = dict.fromkeys(result.by_payer, 0)
    by_metric: dict[str, int] = {}
    by_period: dict[int, int] = {}
    for p in payments:
        for payer, value in p.by_payer.items():
            by_payer[payer] = by_payer.get(payer, 0) + value
        by_metric[p.claim.metric] = by_metric.get(p.claim.metric, 0) + p.due_ore
        by_period[p.claim.period] = by_period.get(p.claim.period, 0) + p.due_ore
    total = sum(p.due_ore for p in payments)
    return Ledger(payments, total, by_payer, by_metric, by_period, result.caps)


# --- the investor -----------------------------------------------------------------------------


def _times_and_amounts(flows: Sequence[tuple[date, float]]) -> tuple[FloatArray, FloatArray]:
    first = flows[0][0]
    t = np.array([(day - first).days / DAYS_PER_YEAR for day, _amount in flows])
    return t, np.array([amount for _day, amount in flows], dtype=np.float64)


def _npv(t: FloatArray, amounts: FloatArray, rate: float) -> float:
    return float(np.dot(amounts, np.power(1.0 + rate, -t)))


#: Rates at which the net present value is looked at for a change of sign, from −99 % to
#: +1 000 % (the bounds of engine.contracts.irr): dated flows with more than one change of
#: sign (capital paid in after payments came back) may have several IRRs, and the one nearest
#: to 0 is the one a reader means.
RATE_GRID = (
    IRR_LOW,
    *(x / 100 for x in range(-95, 0, 5)),
    0.0,
    *(x / 100 for x in range(5, 100, 5)),
    1.0,
    1.5,
    2.0,
    3.0,
    5.0,
    IRR_HIGH,
)


def xirr(flows: Sequence[tuple[date, float]]) -> float | None:
    """The yearly internal rate of return of dated cash flows (negative: paid in, positive:
    received): the rate at which Σ cf_i / (1 + r)^((d_i − d_first) / 365) = 0, found by
    bisection in the interval of RATE_GRID nearest to 0 where the net present value changes
    sign. None when it changes sign nowhere from −99 % to +1 000 % (all flows one way, no
    flows, or far too little back yet)."""
    ordered = sorted(flows)
    if not ordered:
        return None
    t, amounts = _times_and_amounts(ordered)
    grid = np.array(RATE_GRID)
    values = [float(v) for v in np.power(1.0 + grid[:, None], -t[None, :]) @ amounts]
    found: list[tuple[float, float, float, float]] = []
    for k in range(len(RATE_GRID) - 1):
        lo, hi, f_lo, f_hi = RATE_GRID[k], RATE_GRID[k + 1], values[k], values[k + 1]
        if f_lo == 0.0:
            return lo
        if f_lo * f_hi < 0:
            found.append((lo, f_lo, hi, f_hi))
    if values[-1] == 0.0:
        return RATE_GRID[-1]
    if not found:
        return None
    lo, f_lo, hi, _f_hi = min(found, key=lambda i: min(abs(i[0]), abs(i[2])))
    for _ in range(IRR_ITERATIONS):
        mid = 0.5 * (lo + hi)
        if mid in (lo, hi):
            break
        f_mid = _npv(t, amounts, mid)
        if (f_mid > 0) == (f_lo > 0):
            lo, f_lo = mid, f_mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def money_multiple(flows: Sequence[tuple[date, float]]) -> float | None:
    """Money received per krona paid in: Σ positive flows / Σ |negative flows|; None before
    anything is paid in."""
    paid_in = -sum(amount for _day, amount in flows if amount < 0)
    if paid_in <= 0:
        return None
    return sum(amount for _day, amount in flows if amount > 0) / paid_in
