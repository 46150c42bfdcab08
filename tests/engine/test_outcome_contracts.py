"""Outcome contracts: payments with caps, investor cash flows and IRR, payer's net saving."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grogrund.engine import evaluate, irr
from grogrund.engine.contracts import IRR_HIGH, IRR_ITERATIONS, IRR_LOW

from .builders import contract_model


def test_payments_are_price_times_improvement_capped_per_period_and_in_total() -> None:
    res = evaluate(contract_model())
    periods = res.details["by_period"]
    # uncapped: 2025 (25−20)×100000 = 500000; 2026 (30−20)×100000 = 1e6; 2027 below baseline 0
    assert [p["payment_uncapped"] for p in periods[:3]] == [500000, 1000000, 0]
    # period cap 800000 → 500000, 800000; total cap 1.2e6 → 500000, 700000
    assert [p["payment"] for p in periods[:3]] == [500000, 700000, 0]
    assert res.details["total_payments"] == pytest.approx(1_200_000)


def test_investor_irr_from_its_cash_flows() -> None:
    res = evaluate(contract_model())
    # investor: −1e6 + 500000 = −500000 in 2025, +700000 in 2026 → 700000/500000 − 1 = 40 %
    assert res.details["investor_irr"] == pytest.approx(0.4, abs=1e-9)


def test_payers_net_saving_is_savings_minus_payments() -> None:
    res = evaluate(contract_model())
    # savings 150000 × (5 + 10) = 2.25e6; payments 1.2e6 → 1.05e6 (rate 0)
    assert res.pv_benefits == pytest.approx(2_250_000)
    assert res.details["payer_net_saving_pv"] == pytest.approx(1_050_000)


def test_lower_is_better_metric_pays_for_reductions() -> None:
    model = contract_model(
        cap_sek_total=None,
        cap_sek_per_period=None,
        metrics=[
            {
                "id": "assist",
                "direction": "lower_is_better",
                "baseline": 60,
                "price_sek_per_unit": 1000,
                "outcomes": {2025: 50, 2026: 65},
            }
        ],
    )
    periods = evaluate(model).details["by_period"]
    # (60 − 50) × 1000 = 10000; 65 is worse than the baseline → 0
    assert [p["payment"] for p in periods[:2]] == [10000, 0]


@pytest.mark.parametrize(
    ("flows", "expected"),
    [([-100, 110], 0.10), ([-100, 0, 121], 0.10), ([-1000, 300, 400, 500], 0.0889633947)],
)
def test_irr_of_known_cash_flows(flows: list[float], expected: float) -> None:
    # check by substitution: −1000 + 300/1.0889634 + 400/1.0889634² + 500/1.0889634³ = 0 (±1e-6)
    assert irr(np.array([flows], dtype=float))[0] == pytest.approx(expected, abs=1e-7)


def test_irr_is_nan_without_a_sign_change() -> None:
    assert np.isnan(irr(np.array([[100.0, 100.0]]))[0])


@settings(max_examples=50, deadline=None)
@given(
    flows=st.lists(
        st.lists(st.floats(-1e6, 1e6), min_size=2, max_size=8).map(
            lambda f: [-abs(f[0]) - 1.0, *f[1:]]
        ),
        min_size=1,
        max_size=20,
    ).filter(lambda rows: len({len(r) for r in rows}) == 1)
)
def test_irr_stops_when_the_bisection_cannot_move_and_gives_the_same_numbers(
    flows: list[list[float]],
) -> None:
    # The plain bisection of contracts.irr run for all IRR_ITERATIONS steps: stopping once
    # every interval is down to adjacent numbers must not change a single bit.
    cf = np.array(flows)
    t = np.arange(cf.shape[1], dtype=float)

    def npv(rate: np.ndarray) -> np.ndarray:
        return (cf * np.power(1.0 + rate[:, None], -t[None, :])).sum(axis=1)

    lo, hi = np.full(len(cf), IRR_LOW), np.full(len(cf), IRR_HIGH)
    f_lo, f_hi = npv(lo), npv(hi)
    valid = np.sign(f_lo) * np.sign(f_hi) < 0
    for _ in range(IRR_ITERATIONS):
        mid = 0.5 * (lo + hi)
        f_mid = npv(mid)
        same = np.sign(f_mid) == np.sign(f_lo)
        lo, f_lo, hi = np.where(same, mid, lo), np.where(same, f_mid, f_lo), np.where(same, hi, mid)
    full = 0.5 * (lo + hi)
    exact_zero = np.isclose(npv(np.zeros_like(lo)), 0.0) & ~valid
    full = np.where(valid | exact_zero, np.where(exact_zero, 0.0, full), np.nan)
    assert np.array_equal(irr(cf), full, equal_nan=True)
