"""Property economics: NOI, direct capitalisation, yield change, DCF."""

import pytest

from grogrund.engine import evaluate

from .builders import property_model


def test_net_operating_income_before_and_after() -> None:
    d = evaluate(property_model()).details
    # before: 100 × 100000 × 0.95 − 2 000 000 − 20 × 20000 − 500000 = 6 600 000
    # after:  100 × 100000 × 0.97 − 2 000 000 − 10 × 20000 − 300000 = 7 200 000
    assert d["noi_baseline"] == pytest.approx(6_600_000)
    assert d["noi_improved"] == pytest.approx(7_200_000)


def test_value_by_direct_capitalisation_and_its_change_when_the_yield_falls() -> None:
    d = evaluate(property_model()).details
    # 6.6e6 / 0.05 = 132e6; 7.2e6 / 0.045 = 160e6; change 28e6 =
    # NOI part 7.2e6/0.05 − 132e6 = 12e6 + yield part 160e6 − 144e6 = 16e6
    assert d["value_baseline"] == pytest.approx(132e6)
    assert d["value_improved"] == pytest.approx(160e6)
    assert d["value_change_from_noi"] == pytest.approx(12e6)
    assert d["value_change_from_yield"] == pytest.approx(16e6)
    assert d["value_change"] == pytest.approx(28e6)


def test_yearly_benefit_ramps_up_and_splits_into_vacancy_turnover_vandalism() -> None:
    res = evaluate(property_model(discounting={"rate": 0}))
    rows = {r["id"]: r for r in res.by_outcome}
    # each part is 200 000 per year at full effect: vacancy 1e7 × 2 %, turnover 10 × 20000,
    # vandalism 200 000; ramp 1/3, 2/3, then 1: total 600000 × (1/3 + 2/3 + 8) = 5.4e6
    assert rows["vacancy"]["by_year"][:3] == pytest.approx([200000 / 3, 400000 / 3, 200000])
    assert res.pv_benefits == pytest.approx(5.4e6)
    assert res.stakeholders == [{"id": "housing_company", "name": "Housing company"}]


def test_discounted_cash_flow_over_the_horizon() -> None:
    p = property_model(horizon_years=2)
    p["property"]["ramp_up_years"] = 1
    res = evaluate(p)
    d = res.details
    # dcf_rate 10 %, year 0 undiscounted: 6.6e6 + 6.6e6/1.1 + (6.6e6/0.05)/1.1
    #   = 6.6e6 + 6e6 + 120e6 = 132.6e6
    assert d["dcf_value_baseline"] == pytest.approx(132.6e6)
    # 7.2e6 + 7.2e6/1.1 + 160e6/1.1 = 7.2e6 + 6.545454e6 + 145.454545e6 = 159.2e6
    assert d["dcf_value_improved"] == pytest.approx(159.2e6)
    assert [w.code for w in res.warnings] == ["horizon_too_short"]
