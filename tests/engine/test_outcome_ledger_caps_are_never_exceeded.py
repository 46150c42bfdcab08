"""Properties of the outcome-contract ledger (engine/outcome_ledger.py), for any outcomes,
prices, shares and caps: no cap is ever exceeded, nothing is paid beyond price × gain, the
payers' parts add up to each amount due exactly, and without caps per outcome or per payer the
ledger pays what the engine's outcome contract (engine/contracts.py) pays."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from grogrund.engine import evaluate
from grogrund.engine.outcome_ledger import (
    Caps,
    Claim,
    add_months,
    first_claims,
    gain,
    ledger,
    money_multiple,
    period_end,
    split_by_shares,
    xirr,
)

METRICS = ["a", "b", "c"]
PAYERS = ["p1", "p2", "p3"]


@st.composite
def shares(draw: st.DrawFn) -> dict[str, int]:
    """Basis points for 1–3 payers adding up to 10 000."""
    n = draw(st.integers(1, 3))
    cuts = sorted(
        draw(st.lists(st.integers(1, 9_999), min_size=n - 1, max_size=n - 1, unique=True))
    )
    bounds = [0, *cuts, 10_000]
    return {PAYERS[i]: bounds[i + 1] - bounds[i] for i in range(n)}


claims = st.lists(
    st.builds(
        Claim,
        key=st.text(min_size=1, max_size=3),
        metric=st.sampled_from(METRICS),
        period=st.integers(1, 6),
        gain=st.floats(0, 500, allow_nan=False).map(lambda g: round(g, 3)),
        price_ore=st.integers(0, 10_000_000),
    ),
    max_size=25,
)
caps = st.builds(
    Caps,
    total_ore=st.none() | st.integers(0, 10**10),
    per_period_ore=st.none() | st.integers(0, 10**9),
    per_metric_ore=st.dictionaries(st.sampled_from(METRICS), st.none() | st.integers(0, 10**9)),
    per_payer_ore=st.dictionaries(st.sampled_from(PAYERS), st.none() | st.integers(0, 10**9)),
)


def _within(used: int, cap: int | None) -> bool:
    return cap is None or used <= cap


@given(claims, shares(), caps)
@settings(max_examples=300, deadline=None)
def test_payments_never_exceed_any_cap(cs, sh, cp):
    result = ledger(cs, sh, cp)
    assert _within(result.total_ore, cp.total_ore)
    for metric, used in result.by_metric.items():
        assert _within(used, cp.per_metric_ore.get(metric))
    for payer, used in result.by_payer.items():
        assert _within(used, cp.per_payer_ore.get(payer))
    for _period, used in result.by_period.items():
        assert _within(used, cp.per_period_ore)
    for p in result.payments:
        assert 0 <= p.due_ore <= p.raw_ore
        assert all(v >= 0 for v in p.by_payer.values())
    for left in (result.total_left_ore, *(result.metric_left_ore(m) for m in METRICS)):
        assert left is None or left >= 0


@given(claims, shares(), caps)
@settings(max_examples=300, deadline=None)
def test_the_payers_parts_add_up_to_the_total_due(cs, sh, cp):
    result = ledger(cs, sh, cp)
    for p in result.payments:
        assert sum(p.by_payer.values()) == p.due_ore
    assert sum(result.by_payer.values()) == result.total_ore
    assert sum(result.by_metric.values()) == result.total_ore
    assert sum(result.by_period.values()) == result.total_ore


@given(claims, shares(), caps, st.integers(0, 25))
@settings(max_examples=150, deadline=None)
def test_the_first_claims_of_a_ledger_are_the_ledger_of_those_claims(cs, sh, cp, n):
    """The caps are used in order, so a projection's first claims are the ledger to date."""
    whole = first_claims(ledger(cs, sh, cp), n)
    alone = ledger(cs[:n], sh, cp)
    assert whole.payments == alone.payments
    assert (whole.total_ore, whole.by_payer, whole.by_metric, whole.by_period) == (
        alone.total_ore,
        alone.by_payer,
        alone.by_metric,
        alone.by_period,
    )


@given(st.integers(0, 10**12), shares())
def test_a_split_by_shares_is_exact_and_fair_to_the_ore(amount, sh):
    parts = split_by_shares(amount, sh)
    assert sum(parts.values()) == amount
    for payer, bp in sh.items():
        assert abs(parts[payer] - amount * bp / 10_000) < 1


@given(claims, shares())
@settings(max_examples=100, deadline=None)
def test_without_caps_everything_is_paid(cs, sh):
    result = ledger(cs, sh, Caps())
    for p in result.payments:
        assert p.due_ore == p.raw_ore
        assert p.limited_by == ()


@given(
    st.lists(st.integers(0, 60), min_size=1, max_size=6),
    st.integers(0, 40),
    st.integers(1, 200_000),
    st.none() | st.integers(0, 3_000_000),
    st.none() | st.integers(0, 8_000_000),
)
@settings(max_examples=60, deadline=None)
def test_the_ledger_pays_what_the_engines_outcome_contract_pays(
    outcomes, baseline, price, cap_period, cap_total
):
    """One metric, yearly periods verified in order, a cap per period and in total: the
    engine's payment_y = min(cap_per_period, price × max(0, outcome − baseline)), running total
    held at cap_total (docs/valuation-model.md) is what the ledger makes due."""
    model = {
        "kind": "outcome_contract",
        "start_year": 2030,
        "horizon_years": 10,
        "price_year": 2030,
        "metrics": [
            {
                "id": "m",
                "baseline": baseline,
                "price_sek_per_unit": price,
                "outcomes": {2030 + i: v for i, v in enumerate(outcomes)},
            }
        ],
    }
    if cap_period is not None:
        model["cap_sek_per_period"] = cap_period
    if cap_total is not None:
        model["cap_sek_total"] = cap_total
    engine = evaluate(model).details["by_period"]
    cs = [Claim(str(i), "m", i + 1, gain(v, baseline), price * 100) for i, v in enumerate(outcomes)]
    result = ledger(
        cs,
        {"payer": 10_000},
        Caps(
            total_ore=None if cap_total is None else cap_total * 100,
            per_period_ore=None if cap_period is None else cap_period * 100,
        ),
    )
    for i, p in enumerate(result.payments):
        assert p.due_ore / 100 == engine[i]["payment"]


def test_gain_is_never_negative_and_follows_the_direction():
    assert gain(30, 20) == 10
    assert gain(10, 20) == 0
    assert gain(10, 20, "lower_is_better") == 10
    assert gain(20, 12.4) == 7.6  # not 7.6000000000000005


def test_periods_follow_the_calendar():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert period_end(date(2023, 7, 1), 6, 1) == date(2023, 12, 31)
    assert period_end(date(2023, 7, 1), 6, 2) == date(2024, 6, 30)
    assert period_end(date(2021, 1, 1), 12, 3) == date(2023, 12, 31)


def test_xirr_of_dated_flows():
    # −1 000 on day 0 and +1 100 after 365 days: 10 %.
    assert xirr([(date(2021, 1, 1), -1000), (date(2022, 1, 1), 1100)]) == pytest_approx(0.10)
    # All one way: no rate makes the flows worth nothing.
    assert xirr([(date(2021, 1, 1), -1000)]) is None
    assert xirr([]) is None
    assert money_multiple([(date(2021, 1, 1), -1000), (date(2022, 1, 1), 1100)]) == 1.1
    assert money_multiple([(date(2022, 1, 1), 1100)]) is None
    # Capital paid in again after money came back: the root nearest to 0 is the one meant.
    # −1 000, +1 100 a year later, −100 two years later, +110 three years later: 10 %.
    flows = [
        (date(2021, 1, 1), -1000),
        (date(2022, 1, 1), 1100),
        (date(2023, 1, 1), -100),
        (date(2024, 1, 1), 110),
    ]
    assert xirr(flows) == pytest_approx(0.10)


def pytest_approx(value: float) -> object:
    import pytest

    return pytest.approx(value, abs=1e-9)
