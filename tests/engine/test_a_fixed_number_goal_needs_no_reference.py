"""A goal of a fixed number of people needs no comparison value: the target share is the
area's share moved by that number over its base; the gap in people is then unknown (None).
Without a comparison and without a fixed number there is no goal."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grogrund.engine import Direction, evaluate, goal_from_gap, trajectory
from grogrund.engine.errors import ModelError


def test_worked_example_forty_percent_of_a_thousand_and_fifty_more_people() -> None:
    goal = goal_from_gap(0.40, None, 1000, fixed_count=50)
    # 0.40 + 50 / 1000 = 0.45
    assert goal.count == 50
    assert goal.target_share == pytest.approx(0.45)
    assert goal.people_needed is None and goal.share_of_gap is None
    path = trajectory(goal.baseline_share, goal.target_share, 2024, 2034)
    # 0.05 over 10 years: 0.005 a year; 2029 is half-way (0.425), 2034 the target.
    assert path[2024] == pytest.approx(0.40)
    assert path[2025] == pytest.approx(0.405)
    assert path[2029] == pytest.approx(0.425)
    assert path[2034] == pytest.approx(0.45)
    people = trajectory(0.0, float(goal.count), 2024, 2034)
    assert people[2025] == pytest.approx(5) and people[2029] == pytest.approx(25)


def test_lower_is_better_moves_the_share_down() -> None:
    # 0.12 − 30 / 1000 = 0.09
    goal = goal_from_gap(0.12, None, 1000, Direction.LOWER_IS_BETTER, fixed_count=30)
    assert goal.target_share == pytest.approx(0.09)


def test_without_reference_a_part_of_the_gap_is_refused() -> None:
    with pytest.raises(ModelError) as err:
        goal_from_gap(0.40, None, 1000, share_of_gap=0.5)
    assert err.value.issues[0].code == "missing_reference"
    assert err.value.issues[0].path == "reference_share"


def test_without_reference_the_fixed_number_still_stays_within_the_people_there_are() -> None:
    with pytest.raises(ModelError) as err:
        goal_from_gap(0.40, None, 1000, fixed_count=601)  # 600 are not yet counted
    assert err.value.issues[0].code == "target_share_out_of_range"


def test_the_goals_model_accepts_a_goal_without_reference_percent() -> None:
    res = evaluate(
        {
            "kind": "goals",
            "goals": [
                {
                    "id": "g",
                    "area_percent": 40,
                    "base": 1000,
                    "fixed_count": 50,
                    "baseline_year": 2024,
                    "deadline_year": 2034,
                }
            ],
        }
    )
    g = res.goals[0]
    assert g["target_percent"] == pytest.approx(45)
    assert g["people_needed"] is None and g["reference_percent"] is None


def test_the_goals_model_names_the_missing_reference() -> None:
    with pytest.raises(ModelError) as err:
        evaluate(
            {
                "kind": "goals",
                "goals": [
                    {
                        "id": "g",
                        "area_percent": 40,
                        "base": 1000,
                        "share_of_gap": 50,
                        "baseline_year": 2024,
                        "deadline_year": 2034,
                    }
                ],
            }
        )
    assert err.value.issues[0].path == "goals[0].reference_percent"


@given(
    share=st.floats(0, 1),
    base=st.integers(1, 100_000),
    fraction=st.floats(0, 1),
    direction=st.sampled_from(list(Direction)),
)
def test_a_fixed_number_goal_without_reference_equals_one_with_any_reference(
    share: float, base: int, fraction: float, direction: Direction
) -> None:
    """The reference only matters for the gap: with a fixed number the count and the target
    are the same with or without it, the target stays within 0–1 and moves the share in the
    goal's direction by exactly count / base."""
    room = int((1 - share if direction is Direction.HIGHER_IS_BETTER else share) * base)
    count = int(fraction * room)
    without = goal_from_gap(share, None, base, direction, fixed_count=count)
    with_ref = goal_from_gap(share, 0.5, base, direction, fixed_count=count)
    assert without.count == with_ref.count == count
    assert without.target_share == pytest.approx(with_ref.target_share)
    assert 0.0 <= without.target_share <= 1.0 + 1e-12
    sign = 1 if direction is Direction.HIGHER_IS_BETTER else -1
    assert sign * (without.target_share - share) == pytest.approx(count / base)
    assert without.people_needed is None
