"""Shares and rates outside their range are refused by the engine, as the app's forms refuse
them, with the field named by its path and in words.

Ranges (the same as the app: programmes/forms.py GoalForm and MeasurementForm take percent in
0–100 and a fixed number of people ≥ 0; the valuation editor leaves the ranges to the engine):
percentages 0–100 (deadweight, displacement, attribution, drop-off, success rate, an effect's
share, the discount rate, a goal's shares, part of the gap and measured values); a vacancy rate
0 to below 100; a yield and the cash-flow rate above 0 and below 100. Shares passed to the goal
functions directly are 0–1.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grogrund.engine import ModelError, evaluate, gap_to_target, goal_from_gap, load_model

from .builders import property_model, socio_model, sroi_model


def goals_model(**goal: Any) -> dict[str, Any]:
    base = {
        "id": "employment",
        "area_percent": 55,
        "reference_percent": 77,
        "base": 1000,
        "share_of_gap": 50,
        "baseline_year": 2024,
        "deadline_year": 2028,
        "actuals": {2025: 57},
    }
    return {"kind": "goals", "goals": [base | goal]}


BUILDERS = {
    "sroi": sroi_model,
    "socioeconomic": socio_model,
    "property": property_model,
    "goals": goals_model,
}

#: (kind, path, label, lowest allowed, highest allowed, lowest and highest included)
FIELDS = [
    ("sroi", "outcomes[0].deadweight", "Deadweight (%), outcome 1", 0, 100, True),
    ("sroi", "outcomes[0].displacement", "Displacement (%), outcome 1", 0, 100, True),
    ("sroi", "outcomes[0].attribution", "Attribution to others (%), outcome 1", 0, 100, True),
    ("sroi", "outcomes[0].drop_off", "Drop-off per year (%), outcome 1", 0, 100, True),
    ("sroi", "discounting.rate", "Discount rate (% per year, real)", 0, 100, True),
    ("socioeconomic", "outcomes[0].success_rate", "Success rate (%), outcome 1", 0, 100, True),
    ("socioeconomic", "outcomes[0].drop_off", "Drop-off per year (%), outcome 1", 0, 100, True),
    (
        "socioeconomic",
        "outcomes[0].effects[1].share",
        "Share carried by this stakeholder (%), effect 2 of outcome 1",
        0,
        100,
        True,
    ),
    ("property", "property.baseline.vacancy_rate", "Vacancy rate now (%)", 0, 100, False),
    ("property", "property.improved.yield", "Yield after (%)", 0, 100, False),
    (
        "property",
        "property.dcf_rate",
        "Discount rate of the cash-flow valuation (%)",
        0,
        100,
        False,
    ),
    ("goals", "goals[0].area_percent", "Share in the area (%), goal 1", 0, 100, True),
    (
        "goals",
        "goals[0].reference_percent",
        "Share in the reference area (%), goal 1",
        0,
        100,
        True,
    ),
    ("goals", "goals[0].share_of_gap", "Part of the gap to close (%), goal 1", 0, 100, True),
    ("goals", "goals[0].actuals[2025]", "Measured value (%) (2025), goal 1", 0, 100, True),
]
INCLUSIVE = [f for f in FIELDS if f[5]]


def _set(model: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    node: Any = model
    keys: list[Any] = []
    for part in path.split("."):
        m = re.fullmatch(r"(\w+)(?:\[(\d+)\])?", part)
        assert m
        keys.append(int(m.group(1)) if m.group(1).isdigit() else m.group(1))
        if m.group(2) is not None:
            keys.append(int(m.group(2)))
    for key in keys[:-1]:
        node = node.setdefault(key, {}) if isinstance(node, dict) else node[key]
    node[keys[-1]] = value
    return model


def _model(kind: str, path: str, value: Any) -> dict[str, Any]:
    return _set(BUILDERS[kind](), path, value)


def _issue(exc: ModelError, path: str) -> Any:
    return next(i for i in exc.issues if i.path == path)


inside = st.floats(min_value=0, max_value=100, allow_nan=False)
outside = st.one_of(
    st.floats(max_value=-1e-9, allow_nan=False, allow_infinity=False),
    st.floats(min_value=100.000001, allow_nan=False, allow_infinity=False),
)


@settings(max_examples=200, deadline=None)
@given(field=st.sampled_from(INCLUSIVE), value=inside)
def test_any_percentage_from_0_to_100_is_accepted(field: tuple, value: float) -> None:
    kind, path, *_ = field
    load_model(_model(kind, path, value))


@settings(max_examples=200, deadline=None)
@given(field=st.sampled_from(FIELDS), value=outside)
def test_anything_outside_is_refused_with_its_path_and_label(field: tuple, value: float) -> None:
    kind, path, label, *_ = field
    with pytest.raises(ModelError) as exc:
        load_model(_model(kind, path, value))
    issue = _issue(exc.value, path)
    assert issue.code == "percent_out_of_range"
    assert issue.label == label
    assert issue.to_dict()["label"] == label


@pytest.mark.parametrize("field", [f for f in FIELDS if not f[5]], ids=lambda f: f[1])
def test_a_vacancy_or_yield_of_100_percent_is_refused(field: tuple) -> None:
    kind, path, label, *_ = field
    with pytest.raises(ModelError) as exc:
        load_model(_model(kind, path, 100))
    assert _issue(exc.value, path).label == label


@pytest.mark.parametrize("path", ["property.improved.yield", "property.dcf_rate"])
def test_a_yield_or_cash_flow_rate_of_0_is_refused(path: str) -> None:
    with pytest.raises(ModelError) as exc:
        load_model(_model("property", path, 0))
    assert _issue(exc.value, path).code == "not_positive"


def test_a_range_reaching_outside_is_refused_at_its_field() -> None:
    with pytest.raises(ModelError) as exc:
        load_model(_model("sroi", "outcomes[0].deadweight", {"low": -5, "likely": 10, "high": 20}))
    assert _issue(exc.value, "outcomes[0].deadweight").params["value"] == -5


@settings(deadline=None)
@given(share=st.floats(min_value=0, max_value=1, allow_nan=False))
def test_any_share_from_0_to_1_is_accepted_by_the_goal_functions(share: float) -> None:
    gap_to_target(share, 0.5, 100)
    goal_from_gap(0.5, 0.7, 100, share_of_gap=share)


@settings(deadline=None)
@given(share=outside.map(lambda pct: pct / 100))
def test_a_share_outside_0_to_1_is_refused_by_the_goal_functions(share: float) -> None:
    with pytest.raises(ModelError) as exc:
        gap_to_target(share, 0.5, 100)
    assert exc.value.path == "area_share" and exc.value.issues[0].label == "Share in the area"
    with pytest.raises(ModelError) as exc:
        goal_from_gap(0.5, 0.7, 100, share_of_gap=share)
    assert exc.value.path == "share_of_gap"


# --- the goal's target share -----------------------------------------------------------------
# Employment 55 % of 1,000 people: 450 are not in work, so a goal of 450 more people takes the
# share to 55 % + 450/1,000 = 100 %; 451 would take it to 100.1 %. Unemployment 12 % of 1,000:
# a goal of 120 fewer takes it to 0 %, 121 to −0.1 %.


def test_a_fixed_number_reaching_exactly_100_percent_is_accepted() -> None:
    goal = goal_from_gap(0.55, 0.77, 1000, fixed_count=450)
    assert goal.target_share == pytest.approx(1.0)


def test_a_fixed_number_beyond_100_percent_is_refused_naming_the_number() -> None:
    with pytest.raises(ModelError) as exc:
        goal_from_gap(0.55, 0.77, 1000, fixed_count=451)
    issue = exc.value.issues[0]
    assert (issue.code, issue.path, issue.label) == (
        "target_share_out_of_range",
        "fixed_count",
        "Or a fixed number of people",
    )
    assert issue.params["max_count"] == 450
    assert issue.params["target_percent"] == pytest.approx(100.1)


def test_a_falling_goal_below_0_percent_is_refused() -> None:
    assert goal_from_gap(0.12, 0.06, 1000, "lower_is_better", fixed_count=120).target_share == (
        pytest.approx(0.0)
    )
    with pytest.raises(ModelError) as exc:
        goal_from_gap(0.12, 0.06, 1000, "lower_is_better", fixed_count=121)
    assert exc.value.code == "target_share_out_of_range"
    assert exc.value.issues[0].params["target_percent"] == pytest.approx(-0.1)


def test_a_goals_model_names_the_goal_of_a_target_beyond_100_percent() -> None:
    with pytest.raises(ModelError) as exc:
        evaluate(goals_model(share_of_gap=None, fixed_count=451))
    issue = exc.value.issues[0]
    assert issue.path == "goals[0].fixed_count"
    assert issue.label == "Or a fixed number of people, goal 1"


def test_rounding_half_a_person_up_stops_at_100_percent() -> None:
    # 99.5 % of 100 against a reference of 100 %: the gap is 0.5 people, rounded up to 1 it
    # would make 100.5 %; the goal stops at the 0 whole people left.
    goal = goal_from_gap(0.995, 1.0, 100)
    assert goal.count == 0 and goal.target_share == pytest.approx(0.995)


@settings(deadline=None)
@given(
    area=st.floats(min_value=0, max_value=1, allow_nan=False),
    reference=st.floats(min_value=0, max_value=1, allow_nan=False),
    base=st.floats(min_value=0, max_value=1e6, allow_nan=False),
    share=st.floats(min_value=0, max_value=1, allow_nan=False),
    fixed=st.none() | st.integers(min_value=0, max_value=2_000_000),
    direction=st.sampled_from(["higher_is_better", "lower_is_better"]),
)
def test_a_goal_either_stays_within_0_to_100_percent_or_is_refused(
    area: float,
    reference: float,
    base: float,
    share: float,
    fixed: int | None,
    direction: str,
) -> None:
    try:
        goal = goal_from_gap(
            area, reference, base, direction, share_of_gap=share, fixed_count=fixed
        )
    except ModelError as exc:
        assert fixed is not None
        assert exc.code == "target_share_out_of_range" and exc.path == "fixed_count"
        return
    assert -1e-9 <= goal.target_share <= 1 + 1e-9
