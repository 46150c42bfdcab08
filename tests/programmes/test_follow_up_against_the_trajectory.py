"""Measurements follow a goal against its trajectory: percent of the planned change met and a
traffic light (on track / behind / at risk), direction-aware so a falling target works.

Rising goal (hand-checked): 55 % → 66 % from 2024 to 2028, 2.75 pp a year. In 2026 the line
asks for 60.5 %; 61 % is on track (≥ all of the planned 5.5 pp), 58 % behind (3 pp ≥ half),
56 % at risk (1 pp < half). Percent met for 61 %: (0.61 − 0.55)/(0.66 − 0.55) = 54.5 %.
Falling goal: unemployment 12 % → 9 % from 2024 to 2028; 2026 asks for 10.5 %; 10 % is on
track, 11 % behind (1 pp of 1.5 pp), 11.6 % at risk; percent met for 10 %: 2/3 = 66.7 %.
"""

import pytest
from django.urls import reverse

from grogrund.programmes import selectors, services
from grogrund.programmes.models import ChangeLog, Measurement


def _goal(world, indicator="employment"):
    client = world.client(world.editor)
    client.post(
        reverse("programmes:goal_create", args=[world.programme.pk]),
        {
            "area": world.deso.code,
            "indicator": indicator,
            "deadline_year": 2028,
            "share_of_gap_percent": "50",
        },
    )
    return world.programme.goals.get(indicator__code=indicator)


def _status(world, goal, value):
    services.record_measurement(user=world.editor, goal=goal, year=2026, value=value, source="SCB")
    row = next(r for r in selectors.measurement_rows(goal) if r.measurement.year == 2026)
    return row


@pytest.mark.parametrize("value,status", [(0.61, "on_track"), (0.58, "behind"), (0.56, "at_risk")])
def test_a_rising_goal(world, value, status):
    row = _status(world, _goal(world), value)
    assert row.status == status
    assert row.expected_share == pytest.approx(0.605)


def test_percent_met_of_a_rising_goal(world):
    assert _status(world, _goal(world), 0.61).percent_met == pytest.approx(54.5454, rel=1e-4)


@pytest.mark.parametrize("value,status", [(0.10, "on_track"), (0.11, "behind"), (0.116, "at_risk")])
def test_a_falling_goal(world, value, status):
    goal = _goal(world, "unemployment")
    assert goal.target_share == pytest.approx(0.09)
    row = _status(world, goal, value)
    assert row.status == status
    assert row.expected_share == pytest.approx(0.105)


def test_percent_met_of_a_falling_goal(world):
    row = _status(world, _goal(world, "unemployment"), 0.10)
    assert row.percent_met == pytest.approx(66.6667, rel=1e-4)


def test_a_measurement_is_entered_as_numerator_and_denominator_in_the_form(world):
    goal = _goal(world)
    url = reverse("programmes:measurement_create", args=[world.programme.pk, goal.pk])
    response = world.client(world.editor).post(
        url, {"year": 2025, "numerator": 590, "denominator": 1000, "source": "Egen enkät"}
    )
    assert response.status_code == 302
    m = Measurement.objects.get()
    assert m.value == pytest.approx(0.59) and m.source == "Egen enkät"
    page = world.client(world.partner_user).get(
        reverse("programmes:goal", args=[world.programme.pk, goal.pk])
    )
    assert page.status_code == 200
    assert "status-on_track" in page.content.decode()
    assert "<svg" in page.content.decode()


def test_a_measurement_needs_a_value_or_a_fraction(world):
    goal = _goal(world)
    url = reverse("programmes:measurement_create", args=[world.programme.pk, goal.pk])
    response = world.client(world.editor).post(url, {"year": 2025, "source": "x"})
    assert response.status_code == 200
    assert not Measurement.objects.exists()


def test_a_value_in_percent_is_stored_as_a_share(world):
    goal = _goal(world)
    url = reverse("programmes:measurement_create", args=[world.programme.pk, goal.pk])
    world.client(world.editor).post(url, {"year": 2025, "value_percent": "57.5", "source": "x"})
    assert Measurement.objects.get().value == pytest.approx(0.575)


def test_recording_the_same_year_again_replaces_it_and_keeps_both_in_the_history(world):
    goal = _goal(world)
    services.record_measurement(user=world.editor, goal=goal, year=2025, value=0.57, source="a")
    services.record_measurement(user=world.editor, goal=goal, year=2025, value=0.58, source="b")
    assert Measurement.objects.get().value == pytest.approx(0.58)
    changes = list(ChangeLog.objects.filter(object_type="measurement").order_by("id"))
    assert [c.action for c in changes] == ["create", "update"]
    assert changes[1].before["value"] == pytest.approx(0.57)
    assert changes[1].after["value"] == pytest.approx(0.58)
    assert changes[1].user == world.editor
