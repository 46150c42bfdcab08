"""A goal measurement far from the goal's history and trajectory is not saved but asked about
("Did you mean 5,5 %?"): the user saves the suggested reading with its button, or the value as
typed by ticking "Yes, the value is right".

The goal (builders_followup.make_goal) runs from 5 % in 2024 to 6 % in 2034 (0,1 pp a year);
the tolerance around the trajectory is max(3 × 0,1, 0,2 × 5,x) ≈ 1 pp. "5,5" typed without its
comma is 55: far off; 5,5 fits (the trajectory asks for 5,2 in 2026)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from grogrund.core.forms import CONFIRM, SUGGESTED_FOR, USE_SUGGESTION
from grogrund.programmes.models import Measurement
from programmes.builders_followup import make_goal

NBSP = "\u00a0"


@pytest.fixture
def goal(world):
    return make_goal(
        world.programme,
        world.deso,
        world.employment,
        reference_area=world.municipality,
        baseline_share=0.05,
        target_share=0.06,
    )


def _post(world, goal, **extra):
    url = reverse("programmes:measurement_create", args=[world.programme.pk, goal.pk])
    data = {"year": "2026", "value_percent": "55", "source": "Egen räkning", **extra}
    return world.client(world.editor).post(url, data)


def test_a_value_far_from_the_trajectory_is_asked_about_not_saved(world, goal):
    response = _post(world, goal)
    assert response.status_code == 200
    assert not Measurement.objects.exists()
    (message,) = response.context["form"].errors["value_percent"]
    body = response.content.decode()
    assert f"5,5{NBSP}%" in message
    assert f'name="{CONFIRM}"' in body
    assert f'name="{USE_SUGGESTION}" value="5,5"' in body
    assert f'name="{SUGGESTED_FOR}" value="55"' in body


def test_the_question_in_english(world, goal):
    with translation.override("en"):
        url = reverse("programmes:measurement_create", args=[world.programme.pk, goal.pk])
    client = world.client(world.editor)
    client.post("/sprak/", {"language": "en"})
    response = client.post(url, {"year": "2026", "value_percent": "55", "source": "Own count"})
    (message,) = response.context["form"].errors["value_percent"]
    assert message.startswith("Did you mean 5.5\u00a0%? 55\u00a0% is far from the values so far")
    assert "Yes, the value is right" in response.content.decode()


def test_the_suggestion_is_saved_with_its_button(world, goal):
    response = _post(world, goal, **{USE_SUGGESTION: "5,5", SUGGESTED_FOR: "55"})
    assert response.status_code == 302
    assert Measurement.objects.get().value == pytest.approx(0.055)


def test_the_value_as_typed_is_saved_when_confirmed(world, goal):
    response = _post(world, goal, **{CONFIRM: "on"})
    assert response.status_code == 302
    assert Measurement.objects.get().value == pytest.approx(0.55)


def test_a_suggestion_for_another_typed_value_is_not_taken(world, goal):
    # The user changed 55 to 5,4 and pressed Enter: the old suggestion's button is the form's
    # default button, but it was made for 55, so 5,4 is checked and saved.
    response = _post(
        world, goal, value_percent="5,4", **{USE_SUGGESTION: "5,5", SUGGESTED_FOR: "55"}
    )
    assert response.status_code == 302
    assert Measurement.objects.get().value == pytest.approx(0.054)


def test_a_value_on_the_trajectory_is_saved_at_once(world, goal):
    assert _post(world, goal, value_percent="5,3").status_code == 302
    assert Measurement.objects.get().value == pytest.approx(0.053)


def test_the_other_measurements_count_as_history(world, goal):
    # Without a measurement, 0,16 is 5 pp below the trajectory's 5,2 in 2026: asked. Beside a
    # 2025 measurement of 0,15 % it is plausible.
    assert _post(world, goal, value_percent="0,16").status_code == 200
    Measurement.objects.create(goal=goal, organisation=world.a, year=2025, value=0.0015, source="x")
    assert _post(world, goal, value_percent="0,16").status_code == 302


def test_a_share_typed_as_a_fraction_is_caught(world):
    goal = make_goal(
        world.programme,
        world.deso,
        world.employment,
        reference_area=world.municipality,
        baseline_share=0.55,
        target_share=0.66,
    )
    response = _post(world, goal, value_percent="0,57")
    assert response.status_code == 200
    assert f'name="{USE_SUGGESTION}" value="57"' in response.content.decode()
