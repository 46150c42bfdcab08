"""The overview computes each goal's status in the database; it is the status the programme's
follow-up dashboard shows (grogrund.programmes.selectors.dashboard, after
engine.targets.track_status), for rising and falling goals, before, on and after the
trajectory, before the baseline year and after the deadline."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grogrund.accounts.models import Visibility
from grogrund.network.selectors import goal_statuses
from grogrund.programmes import selectors as programme_selectors
from grogrund.programmes.models import Goal, Measurement
from network.network_builders import make_goal, make_programme

# (direction, baseline, target, {year: value}, expected status)
CASES = [
    ("higher_is_better", 0.5, 0.6, {2022: 0.52}, "on_track"),  # exactly on the trajectory
    ("higher_is_better", 0.5, 0.6, {2022: 0.515}, "behind"),  # 15 of 20 asked: 75 %
    ("higher_is_better", 0.5, 0.6, {2022: 0.51}, "behind"),  # exactly half
    ("higher_is_better", 0.5, 0.6, {2022: 0.509}, "at_risk"),
    ("higher_is_better", 0.5, 0.6, {2035: 0.59}, "behind"),  # after the deadline: the target
    ("higher_is_better", 0.5, 0.6, {2018: 0.49}, "behind"),  # before the baseline: 0 asked
    ("higher_is_better", 0.5, 0.6, {2021: 0.7, 2024: 0.5}, "at_risk"),  # the latest counts
    ("lower_is_better", 0.2, 0.1, {2022: 0.18}, "on_track"),
    ("lower_is_better", 0.2, 0.1, {2022: 0.19}, "behind"),
    ("lower_is_better", 0.2, 0.1, {2022: 0.195}, "at_risk"),
    ("lower_is_better", 0.2, 0.1, {}, "no_data"),
]


def _dashboard_statuses(programme):
    return {f.goal.pk: f.status for f in programme_selectors.dashboard(programme).goals}


def _database_statuses(programme):
    return goal_statuses(Goal.objects.filter(programme=programme))


def test_the_worked_cases(world):
    programme = make_programme(world.a, [world.north_deso], "Statusprov", Visibility.NETWORK)
    expected = {}
    for direction, baseline, target, measured, status in CASES:
        goal = make_goal(
            programme,
            world.north_deso,
            world.employment,
            target=10,
            base=1000,
            baseline=baseline,
            target_share=target,
            measured=measured,
            direction=direction,
        )
        expected[goal.pk] = status
    assert _dashboard_statuses(programme) == expected
    assert _database_statuses(programme) == expected


shares = st.floats(min_value=0.0, max_value=1.0, allow_nan=False, width=32).map(float)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    direction=st.sampled_from(["higher_is_better", "lower_is_better"]),
    baseline=shares,
    change=st.floats(min_value=0.0, max_value=0.5, allow_nan=False, width=32).map(float),
    value=shares,
    baseline_year=st.integers(2010, 2025),
    span=st.integers(1, 15),
    year=st.integers(2005, 2045),
)
def test_any_goal(world, direction, baseline, change, value, baseline_year, span, year):
    sign = 1 if direction == "higher_is_better" else -1
    target = min(1.0, max(0.0, baseline + sign * change))
    programme = make_programme(world.a, [world.north_deso], "Slumpprov", Visibility.NETWORK)
    goal = make_goal(
        programme,
        world.north_deso,
        world.employment,
        target=10,
        base=1000,
        baseline=baseline,
        target_share=target,
        direction=direction,
        baseline_year=baseline_year,
        deadline_year=baseline_year + span,
    )
    Measurement.objects.create(
        goal=goal, year=year, value=value, source="prov", organisation=world.a
    )
    assert _database_statuses(programme) == _dashboard_statuses(programme)
    programme.delete()
