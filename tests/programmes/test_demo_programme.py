"""The demo programme "Handslag Norrbacka": four goals for the district made from the gap to the
municipality in 2021, three years of measurements from the statistics (2022–2024), one goal
behind; loading the demo again changes nothing."""

from __future__ import annotations

import pytest

from grogrund.areas.demo.build import load_demo
from grogrund.programmes import selectors
from grogrund.programmes.demo import DEMO_PROGRAMME
from grogrund.programmes.models import ChangeLog, Goal, Measurement, Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    load_demo()
    return Programme.objects.get(name=DEMO_PROGRAMME)


def test_four_goals_from_the_gap_with_three_years_of_measurements(programme):
    goals = list(programme.goals.select_related("indicator"))
    assert sorted(g.indicator.code for g in goals) == [
        "economic_assistance",
        "eligible_upper_secondary",
        "employment_20_64",
        "low_economic_standard",
    ]
    for g in goals:
        assert g.baseline_year == 2021 and g.deadline_year == 2031
        assert g.reference_area.code == "9901"  # the municipality, "the city"
        assert [m.year for m in selectors.measurements(g)] == [2022, 2023, 2024]
        assert all("(fiktiva demovärden)" in m.source for m in g.measurements.all())
    employment = next(g for g in goals if g.indicator.code == "employment_20_64")
    # 30 % of the gap: round(0.3 × people_needed).
    assert employment.target_count == round(0.3 * employment.people_needed)


def test_one_goal_is_behind_and_the_others_on_track(programme):
    statuses = {f.goal.indicator.code: f.status for f in selectors.dashboard(programme).goals}
    assert statuses.pop("eligible_upper_secondary") == "behind"
    assert set(statuses.values()) == {"on_track"}


def test_the_municipality_reports_the_school_results_as_a_partner(programme):
    eligible = Goal.objects.get(programme=programme, indicator__code="eligible_upper_secondary")
    assert {m.organisation.slug for m in eligible.measurements.all()} == {"grobo-kommun"}
    assert {m.recorded_by.username for m in eligible.measurements.all()} == {"karin"}


def test_loading_the_demo_again_changes_nothing(programme):
    before = (
        list(Measurement.objects.values_list("goal_id", "year", "value", "recorded_at")),
        ChangeLog.objects.count(),
    )
    load_demo()
    after = (
        list(Measurement.objects.values_list("goal_id", "year", "value", "recorded_at")),
        ChangeLog.objects.count(),
    )
    assert after == before
