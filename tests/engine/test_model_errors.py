"""Invalid models give errors naming the field; short horizons give a warning."""

from pathlib import Path

import pytest

from grogrund.engine import evaluate, load_model
from grogrund.engine.errors import ModelError

from .builders import contract_model, cost, sroi_model, sroi_outcome


def error_of(model: dict[str, object]) -> ModelError:
    with pytest.raises(ModelError) as exc:
        load_model(model)
    return exc.value


def test_percentage_above_100_names_the_field() -> None:
    outcomes = [sroi_outcome(id=f"o{i}") for i in range(3)]
    outcomes[2]["deadweight"] = 120
    err = error_of(sroi_model(outcomes))
    assert err.path == "outcomes[2].deadweight"
    assert err.code == "percent_out_of_range"
    assert err.issues[0].params == {"value": 120}


def test_negative_quantity_names_the_field() -> None:
    err = error_of(sroi_model([sroi_outcome(quantity=-1)]))
    assert (err.path, err.code) == ("outcomes[0].quantity", "negative_value")


def test_negative_cap_names_the_field() -> None:
    err = error_of(contract_model(cap_sek_total=-5))
    assert (err.path, err.code) == ("cap_sek_total", "negative_value")


def test_range_bounds_are_checked_too() -> None:
    err = error_of(sroi_model([sroi_outcome(attribution={"low": 10, "likely": 20, "high": 130})]))
    assert err.path == "outcomes[0].attribution"


def test_range_out_of_order() -> None:
    err = error_of(sroi_model([sroi_outcome(quantity={"low": 5, "likely": 2, "high": 9})]))
    assert (err.path, err.code) == ("outcomes[0].quantity", "range_not_ordered")


def test_missing_and_unknown_fields() -> None:
    o = sroi_outcome()
    del o["stakeholder"]
    o["deadwieght"] = 3
    err = error_of(sroi_model([o]))
    codes = {(i.path, i.code) for i in err.issues}
    assert ("outcomes[0].stakeholder", "missing_field") in codes
    assert ("outcomes[0].deadwieght", "unknown_field") in codes


def test_wrong_type_is_reported_once() -> None:
    err = error_of(sroi_model([sroi_outcome(quantity="many")]))
    assert [(i.path, i.code) for i in err.issues] == [("outcomes[0].quantity", "wrong_type")]


def test_unknown_kind() -> None:
    assert error_of({"kind": "magic"}).path == "kind"


def test_cost_outside_the_horizon() -> None:
    with pytest.raises(ModelError) as exc:
        evaluate(sroi_model(costs=[cost(start_year=2040)]))
    assert exc.value.path == "costs[0].start_year"


def test_horizon_under_ten_years_warns_with_code_and_params() -> None:
    res = evaluate(sroi_model(horizon_years=5))
    w = res.warnings[0]
    assert (w.code, w.path, w.params) == (
        "horizon_too_short",
        "horizon_years",
        {"horizon_years": 5, "minimum": 10},
    )
    assert evaluate(sroi_model(horizon_years=10)).warnings == []


def test_yaml_parse_error(tmp_path: Path) -> None:
    f = tmp_path / "m.yaml"
    f.write_text("kind: [sroi\n", encoding="utf-8")
    with pytest.raises(ModelError) as exc:
        load_model(f)
    assert exc.value.code == "parse_error"


def test_outcome_starting_before_the_model_names_the_field() -> None:
    with pytest.raises(ModelError) as exc:
        evaluate(sroi_model([sroi_outcome(start_year=2020)]))
    assert (exc.value.path, exc.value.code) == ("outcomes[0].start_year", "year_outside_horizon")
