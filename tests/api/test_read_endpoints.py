"""Areas, indicators and observations are read through the API, with filters."""

import pytest

from builders import api_client as client_for
from builders import make_dataset, make_indicator, make_observation, make_org
from grogrund.accounts.models import Visibility


def _codes(response, key="code"):
    return [item[key] for item in response.json()["results"]]


def test_areas_are_filtered_by_level_and_parent(editor, areas):
    # Sweden comes with the area registry; 9901 and its DeSOs are the fixture's.
    assert _codes(editor.get("/api/v1/areas/?level=country")) == ["00"]
    assert _codes(editor.get("/api/v1/areas/?parent=9901")) == ["9901A0010", "9901A0020"]
    assert _codes(editor.get("/api/v1/areas/?level=municipality&parent=9901")) == []


def test_an_area_is_read_by_its_code(editor, areas):
    body = editor.get("/api/v1/areas/9901A0010/").json()
    assert body["parent"] == "9901" and body["level"] == "deso"


def test_indicators_are_listed_and_read_by_code(editor, indicator):
    assert _codes(editor.get("/api/v1/indicators/")) == ["employment"]
    assert editor.get("/api/v1/indicators/employment/").json()["kind"] == "share"


def test_observations_are_filtered_by_area_indicator_period_and_dataset(
    editor, areas, dataset, indicator
):
    other = make_indicator("unemployment")
    make_observation(dataset, areas["9901A0010"], indicator, "2023", numerator=40, denominator=100)
    make_observation(dataset, areas["9901A0010"], indicator, "2024", numerator=45, denominator=100)
    make_observation(dataset, areas["9901A0020"], indicator, "2024", numerator=5, denominator=10)
    make_observation(dataset, areas["9901A0010"], other, "2024", value=0.1)
    found = editor.get("/api/v1/observations/?area=9901A0010&indicator=employment&period=2024")
    [only] = found.json()["results"]
    assert (only["numerator"], only["denominator"], only["value"]) == (45, 100, 0.45)
    assert found.json()["count"] == 1
    assert editor.get(f"/api/v1/observations/?dataset={dataset.pk}").json()["count"] == 4


def test_another_organisations_private_observations_are_not_listed(
    outsider, editor, areas, dataset, indicator
):
    mine = make_observation(dataset, areas["9901A0010"], indicator, "2024", value=0.5)
    public = make_dataset(make_org(), "Öppen statistik", visibility=Visibility.PUBLIC)
    shared = make_observation(public, areas["9901A0010"], indicator, "2024", value=0.7)
    assert _codes(outsider.get("/api/v1/observations/"), "id") == [shared.pk]
    assert outsider.get(f"/api/v1/observations/{mine.pk}/").status_code == 404
    assert _codes(editor.get("/api/v1/observations/"), "id") == [mine.pk, shared.pk]


@pytest.mark.django_db
def test_a_private_custom_area_is_not_listed_for_another_organisation(areas):
    from builders import make_custom_area, make_user

    owner = make_org()
    make_custom_area("vart-omrade", owner, [areas["9901A0010"]])
    stranger = client_for(make_user(make_org()))
    assert "vart-omrade" not in _codes(stranger.get("/api/v1/areas/?level=custom"))
    assert stranger.get("/api/v1/areas/vart-omrade/").status_code == 404
    assert _codes(client_for(make_user(owner)).get("/api/v1/areas/?level=custom")) == [
        "vart-omrade"
    ]
