"""The overview is filtered by county, by the police's classification of the programmes'
areas (the latest list), and by the method of the library the initiatives use."""

from __future__ import annotations

from django.urls import reverse

from builders import make_area, make_custom_area
from grogrund.accounts.models import Visibility
from grogrund.areas.models import PoliceClassification
from grogrund.network import selectors
from network.network_builders import add_initiative, make_method, make_programme


def _names(world, **filters):
    ov = selectors.overview(world.member, selectors.Filters(**filters))
    return {r.name for r in ov.rows}


def test_by_county(world):
    assert _names(world, county=world.north.pk) == {"Öppet program Norr"}
    assert _names(world, county=world.south.pk) == {"Nätverksprogram Syd"}


def test_the_counties_to_choose_from_are_those_with_programmes(world):
    ov = selectors.overview(world.member, selectors.Filters())
    assert [c.name for c in ov.counties] == ["Norrlänet (test)", "Söderlänet (test)"]


def test_by_police_classification_on_the_latest_list(world):
    # Söderby is "utsatt" on the 2023 list (network_builders); an older risk listing of
    # Norrby does not count once a later list exists.
    PoliceClassification.objects.create(area=world.north_deso, year=2019, category="risk")
    assert _names(world, police="utsatt") == {"Nätverksprogram Syd"}
    assert _names(world, police="risk") == set()


def test_a_custom_area_counts_with_its_members(world):
    district = make_custom_area("x-district", world.c, [world.south_deso], name="Distriktet")
    make_programme(world.c, [district], "Distriktsprogram", Visibility.NETWORK)
    assert _names(world, police="utsatt") == {"Nätverksprogram Syd", "Distriktsprogram"}
    assert "Distriktsprogram" in _names(world, county=world.south.pk)


def test_a_programme_for_a_whole_municipality_is_in_its_county(world):
    other = make_area("X202", "municipality", world.south, name="Östby (test)")
    make_programme(world.c, [other], "Kommunprogram", Visibility.NETWORK)
    assert "Kommunprogram" in _names(world, county=world.south.pk)


def test_the_page_keeps_the_filter(world):
    url = reverse("network:overview") + f"?county={world.north.pk}"
    body = world.client(world.member).get(url).content.decode()
    assert "Öppet program Norr" in body and "Nätverksprogram Syd" not in body
    assert f'value="{world.north.pk}" selected' in body


def test_filters_not_understood_are_left_out(world):
    url = reverse("network:overview") + "?county=abc&police=nope&page=-1"
    body = world.client(world.member).get(url).content.decode()
    assert "Öppet program Norr" in body and "Nätverksprogram Syd" in body


def test_by_method_of_the_library(world):
    method = make_method(world.network, "Jobbcoacher i området")
    other = make_method(world.network, "Sommarjobb")
    add_initiative(world.network_programme, "Coachning", method_ref=method)
    add_initiative(world.open_programme, "Sommarjobb Norr", method_ref=other)
    assert _names(world, method=method.slug) == {"Nätverksprogram Syd"}
    assert _names(world, method=other.slug) == {"Öppet program Norr"}
    ov = selectors.overview(world.member, selectors.Filters())
    assert ("jobbcoacher-i-omradet", "Jobbcoacher i området") in ov.methods
