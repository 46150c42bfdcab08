"""The readiness record's notes are fields the form adds for each topic when it is made; they
refuse a personal identity number like every other free-text field, and nothing is saved."""

from __future__ import annotations

from django.urls import reverse

from grogrund.partnerships.models import ReadinessItem
from partnerships.builders_partnerships import readiness_data


def test_a_note_with_a_personal_number_is_refused(world):
    url = reverse("partnerships:readiness", args=[world.programme.pk])
    data = readiness_data(board="in_place")
    data["board-note"] = "Beslut av ordförande 880320\u20140016"
    response = world.client(world.a_editor).post(url, data)
    assert response.status_code == 200
    assert not ReadinessItem.objects.filter(status="in_place").exists()
    assert "880320-****" in response.content.decode()
