"""Cost split in proportion to each partner's share of the benefits."""

import pytest

from grogrund.engine import cost_split, evaluate

from .builders import socio_model


def test_cost_is_split_by_share_of_benefits() -> None:
    # benefits 300 / 100 / −50 (negative → no share): 1000 × 3/4 and × 1/4
    assert cost_split({"a": 300, "b": 100, "c": -50}, 1000) == pytest.approx(
        {"a": 750, "b": 250, "c": 0}
    )


def test_nobody_benefits_gives_no_proposal() -> None:
    assert cost_split({"a": 0, "b": -1}, 1000) == {"a": 0, "b": 0}


def test_valuation_proposes_a_split_of_the_present_value_of_costs() -> None:
    res = evaluate(socio_model(discounting={"rate": 0}))
    split = {row["stakeholder"]: row for row in res.cost_split}
    # benefits municipality 4e6, Försäkringskassan 2e6; costs 2e6 → 4/3e6 and 2/3e6
    assert split["municipality"]["pv_costs_proposed"] == pytest.approx(4e6 / 3)
    assert split["forsakringskassan"]["pv_costs_proposed"] == pytest.approx(2e6 / 3)
    assert split["forsakringskassan"]["change"] == pytest.approx(2e6 / 3)
