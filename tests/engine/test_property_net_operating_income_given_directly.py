"""A property valuation takes the net operating income (driftnetto, SEK per year) directly,
now and after, instead of the parts it is made of; the discount rate of the cash-flow value is
needed only for that value.

Worked example (the figures of test_property_economics.py): NOI 6 600 000 kr now and 7 200 000
kr after, yield 5 % now and 4.5 % after → value 6.6e6 / 0.05 = 132e6 and 7.2e6 / 0.045 = 160e6;
the improvement of 600 000 kr a year reached over 3 years gives, undiscounted over 10 years,
600 000 × (1/3 + 2/3 + 8) = 5.4e6.
"""

from __future__ import annotations

from typing import Any

import pytest

from grogrund.engine import ModelError, evaluate

from .builders import property_model


def noi_model(**kw: Any) -> dict[str, Any]:
    model = property_model(**kw)
    p = model["property"]
    for k in ("units", "rent_sek_per_unit_year", "other_operating_cost_sek_per_year"):
        del p[k]
    del p["cost_per_move_sek"], p["dcf_rate"]
    p["baseline"] = {"noi_sek_per_year": 6_600_000, "yield": 5}
    p["improved"] = {"noi_sek_per_year": 7_200_000, "yield": 4.5}
    return model


def test_values_from_the_net_operating_income_given() -> None:
    d = evaluate(noi_model()).details
    assert d["noi_baseline"] == pytest.approx(6_600_000)
    assert d["noi_improved"] == pytest.approx(7_200_000)
    assert d["value_baseline"] == pytest.approx(132e6)
    assert d["value_improved"] == pytest.approx(160e6)
    assert d["value_change_from_noi"] == pytest.approx(12e6)
    assert d["value_change_from_yield"] == pytest.approx(16e6)


def test_the_yearly_benefit_is_the_improvement_as_one_row() -> None:
    result = evaluate(noi_model(discounting={"rate": 0}))
    [row] = result.by_outcome
    assert row["id"] == "noi" and row["name"] == "Higher net operating income"
    assert row["by_year"][:3] == pytest.approx([200_000, 400_000, 600_000])
    assert result.pv_benefits == pytest.approx(5.4e6)


def test_the_same_npv_as_from_the_parts_of_the_same_income() -> None:
    assert evaluate(noi_model()).npv == pytest.approx(evaluate(property_model()).npv)


def test_the_income_is_in_the_price_year_like_every_amount() -> None:
    # 6.6e6 and 7.2e6 kr in 2013 prices, valued in 2023 prices: × 403.70 / 314.06
    factor = 403.70 / 314.06
    d = evaluate(noi_model(price_year=2013), price_year=2023).details
    assert d["noi_change"] == pytest.approx(600_000 * factor)


def test_no_cash_flow_value_and_no_error_without_its_rate() -> None:
    result = evaluate(noi_model())
    assert not any(k.startswith("dcf_") for k in result.details)
    assert "property.dcf_rate" not in result.trace


def test_the_cash_flow_value_when_its_rate_is_given() -> None:
    model = noi_model(horizon_years=2)
    model["property"] |= {"ramp_up_years": 1, "dcf_rate": 10}
    d = evaluate(model).details
    # 6.6e6 + 6.6e6/1.1 + (6.6e6/0.05)/1.1 = 132.6e6; 7.2e6 + 7.2e6/1.1 + 160e6/1.1 = 159.2e6
    assert d["dcf_value_baseline"] == pytest.approx(132.6e6)
    assert d["dcf_value_improved"] == pytest.approx(159.2e6)


def test_the_parts_without_a_cash_flow_rate_are_valued_too() -> None:
    model = property_model()
    del model["property"]["dcf_rate"]
    assert evaluate(model).details["value_change"] == pytest.approx(28e6)


def _issues(model: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(ModelError) as exc:
        evaluate(model)
    return [(i.code, i.path) for i in exc.value.issues]


def test_the_income_and_its_parts_together_are_refused() -> None:
    model = property_model()
    model["property"]["improved"]["noi_sek_per_year"] = 7_200_000
    assert _issues(model) == [("noi_with_parts", "property.improved.noi_sek_per_year")]


def test_the_income_now_without_the_income_after_is_refused() -> None:
    model = noi_model()
    model["property"]["improved"] = {"vacancy_rate": 3, "yield": 4.5}
    assert _issues(model) == [("noi_in_one_state_only", "property.improved.noi_sek_per_year")]


def test_parts_the_income_makes_unnecessary_are_named() -> None:
    model = noi_model()
    model["property"] |= {"units": 100, "cost_per_move_sek": 20000}
    assert _issues(model) == [
        ("not_used_with_noi", "property.units"),
        ("not_used_with_noi", "property.cost_per_move_sek"),
    ]


def test_without_the_income_each_missing_part_is_named() -> None:
    model = property_model()
    del model["property"]["units"], model["property"]["baseline"]["moves_per_year"]
    with pytest.raises(ModelError) as exc:
        evaluate(model)
    assert [(i.code, i.path, i.label) for i in exc.value.issues] == [
        ("missing_field", "property.baseline.moves_per_year", "Move-outs per year now"),
        ("missing_field", "property.units", "Apartments"),
    ]


@pytest.mark.libreoffice
def test_the_workbook_recalculates_to_the_same_benefits(tmp_path) -> None:
    import openpyxl

    from grogrund.engine.xlsx import write_workbook

    from .test_xlsx_export import recalculate

    model = noi_model()
    result = evaluate(model)
    out = recalculate(write_workbook(model, result, tmp_path / "noi.xlsx"), tmp_path / "out")
    ws = openpyxl.load_workbook(out, data_only=True)["Summary"]
    got = {ws[f"A{r}"].value: ws[f"B{r}"].value for r in range(2, 8)}
    assert got["PV of benefits"] == pytest.approx(result.pv_benefits, rel=1e-9)
