"""Goals from gaps (handslag arithmetic), trajectory, percent met, on track / behind."""

import pytest

from grogrund.engine import (
    AT_RISK_FRACTION,
    Direction,
    TrackStatus,
    evaluate,
    gap_to_target,
    goal_from_gap,
    percent_met,
    track_status,
    trajectory,
)
from grogrund.engine.errors import ModelError


def test_people_needed_to_reach_the_reference_level() -> None:
    # (0.75 − 0.55) × 4000 = 800
    assert gap_to_target(0.55, 0.75, 4000) == pytest.approx(800)


def test_lower_is_better_gap_counts_people_to_take_out() -> None:
    # unemployment 12 % vs 6 %: (0.12 − 0.06) × 4000 = 240
    assert gap_to_target(0.12, 0.06, 4000, Direction.LOWER_IS_BETTER) == pytest.approx(240)


def test_goal_closes_a_chosen_part_of_the_gap() -> None:
    goal = goal_from_gap(0.55, 0.75, 4000, share_of_gap=0.5)
    # round(0.5 × 800) = 400; target share 0.55 + 400/4000 = 0.65
    assert goal.count == 400
    assert goal.target_share == pytest.approx(0.65)


def test_goal_rounds_half_up() -> None:
    # gap (0.6 − 0.5) × 50 = 5; 0.5 × 5 = 2.5 → 3
    assert goal_from_gap(0.5, 0.6, 50, share_of_gap=0.5).count == 3


def test_fixed_goal_and_falling_target_share() -> None:
    goal = goal_from_gap(0.12, 0.06, 4000, "lower_is_better", fixed_count=100)
    # 0.12 − 100/4000 = 0.095
    assert goal.count == 100
    assert goal.target_share == pytest.approx(0.095)


def test_a_closed_gap_gives_no_goal() -> None:
    assert goal_from_gap(0.8, 0.75, 4000).count == 0


def test_trajectory_is_a_straight_line_from_baseline_to_deadline() -> None:
    # 55 → 65 over 5 years: +2 per year
    assert trajectory(55, 65, 2020, 2025) == pytest.approx(
        {2020: 55, 2021: 57, 2022: 59, 2023: 61, 2024: 63, 2025: 65}
    )


def test_trajectory_needs_a_deadline_after_the_baseline() -> None:
    with pytest.raises(ModelError) as exc:
        trajectory(1, 2, 2025, 2025)
    assert exc.value.path == "deadline_year"


def test_percent_met_rising_and_falling() -> None:
    # rising: (150 − 100) / (200 − 100) = 50 %
    assert percent_met(100, 200, 150) == pytest.approx(50)
    # falling: (12 − 9) / (12 − 6) = 50 %
    assert percent_met(12, 6, 9, Direction.LOWER_IS_BETTER) == pytest.approx(50)
    assert percent_met(12, 6, 6, Direction.LOWER_IS_BETTER) == pytest.approx(100)
    # worse than baseline is negative
    assert percent_met(12, 6, 13, Direction.LOWER_IS_BETTER) == pytest.approx(-100 / 6)


def test_percent_met_refuses_a_target_worse_than_the_baseline() -> None:
    with pytest.raises(ModelError) as exc:
        percent_met(12, 14, 13, Direction.LOWER_IS_BETTER)
    assert exc.value.code == "target_worse_than_baseline"


def test_track_status_against_the_trajectory() -> None:
    # trajectory 0 → 100 over 2020–2025 expects 40 by 2022
    def status(actual: float) -> TrackStatus:
        return track_status(0, 100, actual, 2022, 2020, 2025)

    assert status(40) is TrackStatus.ON_TRACK
    assert status(45) is TrackStatus.ON_TRACK
    assert status(40 * AT_RISK_FRACTION) is TrackStatus.BEHIND
    assert status(19.9) is TrackStatus.AT_RISK
    assert status(-5) is TrackStatus.AT_RISK


def test_track_status_for_a_falling_target() -> None:
    # 12 → 6 over 2020–2025: expects 9.6 by 2022 (a fall of 2.4); 11.5 is a fall of 0.5 < 1.2
    assert track_status(12, 6, 9.6, 2022, 2020, 2025, "lower_is_better") == "on_track"
    assert track_status(12, 6, 10.5, 2022, 2020, 2025, "lower_is_better") == "behind"
    assert track_status(12, 6, 11.5, 2022, 2020, 2025, "lower_is_better") == "at_risk"


def test_goals_model_file() -> None:
    res = evaluate(
        {
            "kind": "goals",
            "goals": [
                {
                    "id": "work",
                    "area_percent": 55,
                    "reference_percent": 75,
                    "base": 4000,
                    "share_of_gap": 50,
                    "baseline_year": 2020,
                    "deadline_year": 2025,
                    "actuals": {2022: 59},
                }
            ],
        }
    )
    g = res.goals[0]
    assert g["goal_count"] == 400
    assert g["target_percent"] == pytest.approx(65)
    assert g["trajectory"][-1] == {"year": 2025, "percent": pytest.approx(65), "people": 400}
    # 2022: (59 − 55) / (65 − 55) = 40 % met, exactly on the trajectory
    assert g["follow_up"][0]["percent_met"] == pytest.approx(40)
    assert g["follow_up"][0]["status"] == "on_track"
