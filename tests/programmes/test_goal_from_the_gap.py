"""A goal is set from the gap between the area and the city, in people (handslag arithmetic).

Worked example checked by hand: employment 55 % of 1,000 people in the area, 77 % in the
city → (0.77 − 0.55) × 1,000 = 220 people; closing half of the gap → 110 more people, a
target of 55 % + 110/1,000 = 66 %; from 2024 to 2028 the line rises 27.5 people a year.
"""

import pytest
from django.urls import reverse

from grogrund.programmes import selectors, services
from grogrund.programmes.models import ChangeLog, Goal


def _create(world, **data):
    url = reverse("programmes:goal_create", args=[world.programme.pk])
    post = {
        "area": world.deso.code,
        "indicator": "employment",
        "deadline_year": 2028,
        "share_of_gap_percent": "",
        "fixed_count": "",
        "baseline_year": "",
    }
    post.update(data)
    return world.client(world.editor).post(url, post)


def test_the_gap_is_shown_in_people_before_the_goal_is_set(world):
    url = reverse("programmes:goal_create", args=[world.programme.pk])
    response = world.client(world.editor).get(
        url, {"area": world.deso.code, "indicator": "employment"}
    )
    assert response.status_code == 200
    assert response.context["preview"].people_needed == pytest.approx(220)
    assert response.context["facts"].reference_area == world.municipality
    assert response.context["facts"].year == 2024


def test_closing_half_the_gap_gives_110_more_people_and_a_target_of_66_percent(world):
    response = _create(world, share_of_gap_percent="50")
    goal = Goal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("programmes:goal", args=[world.programme.pk, goal.pk])
    assert goal.people_needed == pytest.approx(220)
    assert goal.target_count == 110
    assert goal.target_share == pytest.approx(0.66)
    assert (goal.baseline_year, goal.deadline_year) == (2024, 2028)
    assert goal.baseline_share == pytest.approx(0.55)
    assert goal.reference_share == pytest.approx(0.77)


def test_the_trajectory_from_2024_to_2028_is_a_straight_line(world):
    _create(world, share_of_gap_percent="50")
    path = selectors.goal_trajectory(Goal.objects.get())
    assert [t.year for t in path] == [2024, 2025, 2026, 2027, 2028]
    assert [t.people for t in path] == pytest.approx([0, 27.5, 55, 82.5, 110])
    assert [t.share for t in path] == pytest.approx([0.55, 0.5775, 0.605, 0.6325, 0.66])


def test_a_fixed_number_of_people_is_a_goal_too(world):
    _create(world, fixed_count="75")
    goal = Goal.objects.get()
    assert goal.target_count == 75
    assert goal.share_of_gap is None
    assert goal.target_share == pytest.approx(0.625)


def test_a_falling_indicator_gives_a_falling_target(world):
    # Unemployment 12 % of 1,000 against 6 % in the city: 60 people; half → 30, target 9 %.
    _create(world, indicator="unemployment", share_of_gap_percent="50")
    goal = Goal.objects.get()
    assert goal.people_needed == pytest.approx(60)
    assert goal.target_count == 30
    assert goal.target_share == pytest.approx(0.09)


def test_either_a_part_of_the_gap_or_a_fixed_number_must_be_given(world):
    response = _create(world)
    assert response.status_code == 200
    assert not Goal.objects.exists()
    response = _create(world, share_of_gap_percent="50", fixed_count="10")
    assert not Goal.objects.exists()


def test_a_deadline_not_after_the_baseline_is_refused(world):
    response = _create(world, share_of_gap_percent="50", deadline_year="2024")
    assert response.status_code == 200
    assert not Goal.objects.exists()


def test_a_baseline_year_without_statistics_is_refused(world):
    response = _create(world, share_of_gap_percent="50", baseline_year="2019")
    assert response.status_code == 200
    assert response.context["no_facts"]
    assert not Goal.objects.exists()


def test_a_horizon_under_ten_years_is_flagged_on_the_goal_page(world):
    _create(world, share_of_gap_percent="50")
    goal = Goal.objects.get()
    page = world.client(world.editor).get(
        reverse("programmes:goal", args=[world.programme.pk, goal.pk])
    )
    assert 'id="short-horizon"' in page.content.decode()
    services.change_deadline(user=world.editor, goal=goal, deadline_year=2034)
    page = world.client(world.editor).get(
        reverse("programmes:goal", args=[world.programme.pk, goal.pk])
    )
    assert 'id="short-horizon"' not in page.content.decode()


def test_creating_a_goal_is_written_to_the_history(world):
    _create(world, share_of_gap_percent="50")
    entry = ChangeLog.objects.get()
    assert entry.action == "create" and entry.object_type == "goal"
    assert entry.user == world.editor
    assert entry.before is None and entry.after["target_count"] == 110


def test_an_area_outside_the_programme_cannot_get_a_goal(world):
    response = _create(world, area=world.municipality.code, share_of_gap_percent="50")
    assert response.status_code == 200
    assert not Goal.objects.exists()


def test_a_rate_that_is_not_a_share_gives_no_goal(world):
    from builders import make_dataset, make_indicator, make_observation

    crime = make_indicator("crime_per_1000", kind="rate", direction="lower_is_better")
    ds = make_dataset(world.a)
    make_observation(ds, world.deso, crime, "2024", value=35.0, numerator=35, denominator=1)
    make_observation(ds, world.municipality, crime, "2024", value=20.0, numerator=20, denominator=1)
    response = _create(world, indicator="crime_per_1000", share_of_gap_percent="50")
    assert response.status_code == 200
    assert response.context["no_facts"]
    assert not Goal.objects.exists()
