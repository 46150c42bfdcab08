"""`areas:search` answers the area search box: matches among the areas the visitor may see,
as choices for a form (HTML) or as JSON."""

import pytest
from django.urls import reverse

from builders import make_custom_area, make_org, make_user
from grogrund.areas.models import Area

pytestmark = pytest.mark.django_db
URL = reverse("areas:search")


def test_the_widget_gets_checkboxes_named_after_its_field(client):
    chosen = Area.objects.get(code="0114")
    body = client.get(
        URL, {"field": "areas", "areas_q": "väsby", "multiple": "1", "areas": [chosen.pk]}
    ).content.decode()
    assert 'type="checkbox" name="areas"' in body
    assert "0114R009" in body  # Upplands Väsby centrum-Smedby norra
    assert f'value="{chosen.pk}"' not in body  # already chosen: not offered twice


def test_a_single_choice_by_code_gets_radio_buttons(client):
    body = client.get(URL, {"field": "area", "area_q": "Malmo", "key": "code"}).content.decode()
    assert 'type="radio" name="area" value="1280"' in body


def test_json_for_scripts(client):
    answer = client.get(URL, {"q": "Region Stockholm", "format": "json"}).json()
    assert answer == {
        "results": [{"code": "01", "name": "Stockholms län", "level": "county", "parent": "00"}]
    }


def test_no_text_no_matches(client):
    assert client.get(URL, {"format": "json"}).json() == {"results": []}


def test_a_private_custom_area_is_found_only_by_its_owners(client):
    owner, other = make_org(), make_org()
    make_custom_area("hemlig", owner, [Area.objects.get(code="0114C1010")], name="Hemliga gården")
    client.force_login(make_user(other))
    assert "Hemliga" not in client.get(URL, {"q": "hemliga"}).content.decode()
    client.force_login(make_user(owner))
    assert "Hemliga gården" in client.get(URL, {"q": "hemliga"}).content.decode()
