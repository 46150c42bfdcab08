"""A programme's areas are chosen by searching among Sweden's ~9,700 areas, not from a list:
the form shows a search box and the chosen areas; without JavaScript the Search button sends
the form back with the matches and saves nothing."""

import pytest
from django.urls import reverse

from grogrund.areas.models import Area
from grogrund.programmes.models import Programme

pytestmark = pytest.mark.django_db


def _form(world, **extra):
    data = {
        "owner": world.a.pk,
        "name": "Väsbyprogrammet",
        "description": "",
        "areas": [world.deso.pk],
        "start_year": 2025,
        "horizon_years": 12,
    }
    data.update(extra)
    return data


def test_the_form_has_a_search_box_not_thousands_of_options(world):
    body = world.client(world.editor).get(reverse("programmes:create")).content.decode()
    assert 'name="areas_q"' in body
    assert f'hx-get="{reverse("areas:search")}' in body
    assert body.count("<option") < 50  # the owner's select, not one per area


def test_searching_without_javascript_shows_matches_and_saves_nothing(world):
    client = world.client(world.editor)
    response = client.post(
        reverse("programmes:create"), _form(world, areas_q="upplands vasby", areas_search="1")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert not Programme.objects.filter(name="Väsbyprogrammet").exists()
    vasby = Area.objects.get(code="0114")
    assert f'name="areas" value="{vasby.pk}"' in body  # offered
    assert f'name="areas" value="{world.deso.pk}" checked' in body  # still chosen
    assert "errorlist" not in body


def test_a_found_area_is_saved_with_the_programme(world):
    vasby = Area.objects.get(code="0114")
    response = world.client(world.editor).post(
        reverse("programmes:create"),
        _form(world, areas=[world.deso.pk, vasby.pk], areas_q="väsby"),
    )
    assert response.status_code == 302
    programme = Programme.objects.get(name="Väsbyprogrammet")
    assert set(programme.areas.values_list("code", flat=True)) == {world.deso.code, "0114"}
