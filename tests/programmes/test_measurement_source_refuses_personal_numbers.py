"""A measurement's source is free text: a personal identity number typed into it, in any
written form, is refused in the form and in the API with a message naming the field, and
nothing is saved (one was once stored this way)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from builders import api_client
from grogrund.programmes.models import Measurement
from programmes.builders_followup import make_employment_goal


@pytest.fixture
def goal(world):
    return make_employment_goal(world)


@pytest.mark.parametrize(
    "source",
    ["Enkät, kontakt 900101 1239", "19900101\u20131239", "90.01.01-1239", "９００１０１-１２３９"],
)
def test_the_form_refuses_it_and_saves_nothing(world, goal, source):
    url = reverse("programmes:measurement_create", args=[world.programme.pk, goal.pk])
    response = world.client(world.editor).post(
        url, {"year": 2025, "value_percent": "57", "source": source}
    )
    assert response.status_code == 200
    assert not Measurement.objects.exists()
    body = response.content.decode()
    assert "personnummer" in body or "personal identity number" in body
    assert "1239" not in body.replace(source, "")


def test_the_api_refuses_it_and_saves_nothing(world, goal):
    response = api_client(world.editor).post(
        "/api/v1/measurements/",
        {"goal": goal.pk, "year": 2027, "value": 0.6, "source": "Enkät 19900101\u20131239"},
        format="json",
    )
    assert response.status_code == 400
    assert "source" in response.json()
    assert not Measurement.objects.exists()


def test_an_ordinary_source_is_kept(world, goal):
    url = reverse("programmes:measurement_create", args=[world.programme.pk, goal.pk])
    source = "SCB TAB6471, 0114C1010, hämtad 2025-01-15 1230"
    response = world.client(world.editor).post(
        url, {"year": 2025, "value_percent": "57", "source": source}
    )
    assert response.status_code == 302
    assert Measurement.objects.get().source == source
