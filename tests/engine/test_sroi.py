"""SROI: impact map, deadweight/displacement/attribution, drop-off, duration, discounting."""

import pytest

from grogrund.engine import evaluate

from .builders import cost, sroi_model, sroi_outcome


def worked_example(**kw: object) -> dict[str, object]:
    outcome = sroi_outcome(
        quantity=10,
        proxy_sek=1000,
        deadweight=20,
        displacement=10,
        attribution=25,
        duration_years=3,
        drop_off=10,
    )
    return sroi_model([outcome], costs=[cost(amount_sek=10000, start_year=2025)], **kw)


def test_impact_per_year_applies_deadweight_displacement_attribution_and_drop_off() -> None:
    res = evaluate(worked_example())
    # year 0: 10 × 1000 × 0.8 × 0.9 × 0.75 = 5400; year 1: × 0.9 = 4860; year 2: × 0.81 = 4374
    assert res.by_outcome[0]["by_year"][:4] == pytest.approx([5400, 4860, 4374, 0])


def test_present_value_npv_ratio_with_year_zero_undiscounted() -> None:
    res = evaluate(worked_example())
    # PV = 5400 + 4860/1.035 + 4374/1.035² = 5400 + 4695.6522 + 4083.1758 = 14178.8280
    assert res.pv_benefits == pytest.approx(14178.8280, abs=1e-3)
    assert res.pv_costs == pytest.approx(10000)
    assert res.npv == pytest.approx(4178.8280, abs=1e-3)
    assert res.ratio == pytest.approx(1.4178828, rel=1e-7)


def test_payback_and_break_even_year() -> None:
    res = evaluate(worked_example())
    # cumulative discounted net: 2025: 5400 − 10000 = −4600; 2026: −4600 + 4695.65 = +95.65
    # payback = 1 + 4600 / 4695.6522 = 1.97963 years
    assert res.break_even_year == 2026
    assert res.payback_years == pytest.approx(1 + 4600 / 4695.652174, rel=1e-7)


def test_first_year_discounted_convention_divides_everything_by_one_more_period() -> None:
    res = evaluate(worked_example(discounting={"rate": 3.5, "first_year_discounted": True}))
    # 14178.8280 / 1.035 = 13699.3507; 10000 / 1.035 = 9661.8357
    assert res.pv_benefits == pytest.approx(13699.3507, abs=1e-3)
    assert res.pv_costs == pytest.approx(9661.8357, abs=1e-3)


def test_fractional_duration_counts_part_of_the_last_year() -> None:
    res = evaluate(sroi_model([sroi_outcome(quantity=1, proxy_sek=100, duration_years=1.5)]))
    # 100 in year 0, half of 100 in year 1
    assert res.by_outcome[0]["by_year"][:3] == pytest.approx([100, 50, 0])


def test_start_year_delays_the_outcome() -> None:
    res = evaluate(sroi_model([sroi_outcome(start_year=2027)]))
    assert res.by_outcome[0]["by_year"][:3] == [0, 0, 10000]


def test_breakdown_by_stakeholder_year_and_outcome_add_up() -> None:
    res = evaluate(
        sroi_model(
            [
                sroi_outcome(id="a", stakeholder="municipality"),
                sroi_outcome(id="b", stakeholder="region", proxy_sek=500, duration_years=2),
            ],
            costs=[cost(payer="municipality")],
        )
    )
    by_s = {row["stakeholder"]: row for row in res.by_stakeholder}
    # a: 10 × 1000 = 10000 in 2025; b: 10 × 500 = 5000 in 2025 and 2026 (5000/1.035)
    assert by_s["municipality"]["pv_benefits"] == pytest.approx(10000)
    assert by_s["region"]["pv_benefits"] == pytest.approx(5000 + 5000 / 1.035)
    assert by_s["municipality"]["npv"] == pytest.approx(0)
    assert sum(r["pv"] for r in res.by_outcome) == pytest.approx(res.pv_benefits)
    assert sum(y["benefits"] for y in res.by_year) == pytest.approx(20000)


def test_ratio_is_none_without_costs() -> None:
    assert evaluate(sroi_model()).ratio is None
