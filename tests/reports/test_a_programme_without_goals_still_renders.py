"""A programme with no goals, no measurements, no initiatives, no commitments and no valuation
still gives a report, which says what is missing instead of failing or showing empty tables."""

import re

import pytest

from grogrund.programmes.models import Goal
from reports.builders import make_world

pytestmark = pytest.mark.django_db


def _page(world, year=2024):
    response = world.client(world.editor).get(
        f"/rapporter/programme/{world.programme.pk}/?year={year}&lang=en"
    )
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def test_an_empty_programme_says_what_is_missing(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = make_world(with_content=False)
    page = _page(world)
    assert "The programme has no goals yet: there is nothing to follow up." in page
    assert "The programme has no initiatives yet." in page
    assert "No partner has recorded a commitment yet: there is no common budget." in page
    assert "The programme has no valuation yet: there are no key figures." in page
    assert "first stored report" in page


def test_goals_without_measurements_in_the_period_are_said_to_be_so(world):
    # The only measurement is from 2024: a report for 2023 has none up to its end.
    page = _page(world, 2023)
    assert "No goal has a measurement up to the end of the period yet." in page
    assert "No measurement up to the end of the period yet." in page
    Goal.objects.all().delete()
    assert "The programme has no goals yet" in _page(world)


def test_an_empty_programme_prints_too(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = make_world(with_content=False)
    response = world.client(world.editor).get(
        f"/rapporter/programme/{world.programme.pk}/pdf/?year=2024"
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
