"""In the custom-area editor the DeSO map can be coloured by an indicator the visitor may see,
so the areas are chosen where the figures say: the areas not chosen take the colour of their
class (the profile's quantile classes), the chosen stay hatched, the legend gives the classes
with the indicator's period and source, and what was ticked stays ticked. An indicator whose
figures the visitor may not see is neither offered nor drawn."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from map_world import make_map_world, with_boundaries

from builders import make_dataset, make_indicator, make_observation, make_org, make_user
from grogrund.accounts.models import Role, Visibility
from grogrund.charts.maps import QUANTILES, class_colours, classify
from grogrund.charts.palette import MAP_BASE

pytestmark = pytest.mark.django_db

URL = "/omraden/egna-omraden/nytt/"


@pytest.fixture
def world(tmp_path):
    world = make_map_world(make_org("Kommunen"))
    with_boundaries(tmp_path)
    return world


@pytest.fixture
def client():
    client = Client()
    client.force_login(make_user(make_org("Bostadsbolaget"), Role.EDITOR))
    return client


def _fills(page: str) -> dict[str, str]:
    return dict(re.findall(r'data-code="([^"]+)" data-name="[^"]*" data-fill="([^"]+)"', page))


def _show(client: Client, world, **extra) -> str:
    chosen = world.desos["9901C0060"].pk  # 90 % employed
    data = {"municipality": "9901", "show": "1", "members": [chosen], **extra}
    response = client.post(URL, data)
    assert response.status_code == 200
    return response.content.decode()


def test_the_areas_not_chosen_take_the_colour_of_their_class(world, client):
    page = _show(client, world, map_indicator="employment_20_64")
    assert '<option value="employment_20_64" selected>' in page
    fills = _fills(page)
    # Employed 40, 55, 60, 70, 80 (and the chosen 90) %: the lowest in the first class, the
    # highest not chosen in a darker one, at least three classes among the five.
    breaks = classify([0.40, 0.55, 0.60, 0.70, 0.80, 0.90], method=QUANTILES)
    colours = class_colours(len(breaks.bounds))
    assert fills["9901C0010"] == colours[0]
    assert fills["9901C0050"] == colours[breaks.class_of(0.80)]
    assert fills["9901C0050"] != fills["9901C0010"]
    assert len({fills[c] for c in fills if c != "9901C0060"}) >= 3
    assert MAP_BASE not in fills.values()
    # The chosen one stays hatched, and its box stays ticked.
    chosen = re.search(r'data-code="9901C0060"[^>]*><path [^>]*fill="([^"]+)"', page).group(1)
    assert chosen.startswith("url(#") and chosen.endswith("-chosen)")
    assert re.search(r'id="member-9901C0060"[^>]* checked', page)
    # The legend: the classes in percent, the indicator and its period, the source.
    assert "Förvärvsarbetande 20–64 år, 2023" in page
    assert re.search(r"40,0\s%\s–\s", page)
    assert "SCB (test)" in page
    assert "Områdena som inte är valda är färgade efter Förvärvsarbetande 20–64 år, 2023." in page


def test_without_an_indicator_the_map_is_chosen_or_not(world, client):
    fills = _fills(_show(client, world))
    assert set(fills.values()) == {MAP_BASE}


def test_figures_the_visitor_may_not_see_are_neither_offered_nor_drawn(world, client):
    secret = make_indicator("secret_share", name_sv="Hemlig andel")
    dataset = make_dataset(make_org("Annat bolag"), "Privat", visibility=Visibility.PRIVATE)
    for n, deso in enumerate(world.desos.values()):
        make_observation(dataset, deso, secret, "2023", numerator=10 + n, denominator=100)
    page = _show(client, world, map_indicator="secret_share")
    assert "Hemlig andel" not in page and 'value="secret_share"' not in page
    assert set(_fills(page).values()) == {MAP_BASE}
