"""Properties that hold for every model (hypothesis)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grogrund.engine import Direction, evaluate, percent_met, track_status

from .builders import cost, sroi_model, sroi_outcome

pct = st.floats(min_value=0, max_value=100, allow_nan=False)
qty = st.floats(min_value=0, max_value=1e4, allow_nan=False)
money = st.floats(min_value=0, max_value=1e6, allow_nan=False)
rate = st.floats(min_value=0, max_value=20, allow_nan=False)
duration = st.floats(min_value=0, max_value=12, allow_nan=False)

FAST = settings(max_examples=60, deadline=None)


def model(
    quantity: float = 10,
    deadweight: float = 0,
    r: float = 3.5,
    dur: float = 3,
    drop: float = 0,
    proxy: float = 1000,
) -> dict[str, object]:
    return sroi_model(
        [
            sroi_outcome(
                quantity=quantity,
                deadweight=deadweight,
                duration_years=dur,
                drop_off=drop,
                proxy_sek=proxy,
                start_year=2026,
            )
        ],
        costs=[cost(amount_sek=5000)],
        discounting={"rate": r},
    )


@FAST
@given(dw1=pct, dw2=pct, q=qty, r=rate, dur=duration, drop=pct)
def test_more_deadweight_never_gives_more_value(
    dw1: float, dw2: float, q: float, r: float, dur: float, drop: float
) -> None:
    lo, hi = sorted((dw1, dw2))
    a = evaluate(model(q, lo, r, dur, drop)).pv_benefits
    b = evaluate(model(q, hi, r, dur, drop)).pv_benefits
    assert b is not None and a is not None
    assert b <= a + 1e-9 * max(1.0, abs(a))


@FAST
@given(q1=qty, q2=qty, r=rate, dur=duration)
def test_npv_is_linear_in_quantity(q1: float, q2: float, r: float, dur: float) -> None:
    def npv(q: float) -> float:
        v = evaluate(model(q, 0, r, dur)).npv
        assert v is not None
        return v

    base = npv(0)
    assert npv(q1 + q2) - base == pytest.approx(
        (npv(q1) - base) + (npv(q2) - base), rel=1e-9, abs=1e-6
    )


@FAST
@given(q=qty, dur=duration, drop=pct, proxy=money)
def test_discount_rate_zero_gives_the_plain_sum(
    q: float, dur: float, drop: float, proxy: float
) -> None:
    res = evaluate(model(q, 0, 0, dur, drop, proxy))
    assert res.pv_benefits == pytest.approx(sum(y["benefits"] for y in res.by_year), rel=1e-12)
    assert res.pv_costs == pytest.approx(5000)


@FAST
@given(q=qty, r1=rate, r2=rate)
def test_a_higher_discount_rate_never_raises_the_value_of_later_benefits(
    q: float, r1: float, r2: float
) -> None:
    lo, hi = sorted((r1, r2))
    a = evaluate(model(q, 0, lo)).pv_benefits
    b = evaluate(model(q, 0, hi)).pv_benefits
    assert a is not None and b is not None
    assert b <= a + 1e-9 * max(1.0, a)


@FAST
@given(q=qty, r=rate, dur=duration)
def test_npv_equals_sum_over_stakeholders_and_outcomes(q: float, r: float, dur: float) -> None:
    res = evaluate(model(q, 10, r, dur))
    assert res.npv == pytest.approx(sum(s["npv"] for s in res.by_stakeholder), abs=1e-6)
    assert res.pv_benefits == pytest.approx(sum(o["pv"] for o in res.by_outcome), abs=1e-6)


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(
    baseline=finite,
    delta=st.floats(min_value=1e-3, max_value=1e6),
    direction=st.sampled_from(list(Direction)),
)
def test_percent_met_is_100_exactly_at_target(
    baseline: float, delta: float, direction: Direction
) -> None:
    target = baseline + delta if direction is Direction.HIGHER_IS_BETTER else baseline - delta
    assert percent_met(baseline, target, target, direction) == pytest.approx(100, rel=1e-9)
    assert percent_met(baseline, target, baseline, direction) == 0
    assert track_status(baseline, target, target, 2025, 2020, 2025, direction) == "on_track"
