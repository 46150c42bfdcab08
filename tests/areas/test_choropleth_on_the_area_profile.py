"""The area profile maps an indicator over its municipality's DeSO or RegSO: a choropleth with
a legend of its classes in Swedish number format, the source and year, the area itself
outlined, each area named, and the same figures as a table; a figure the visitor may not see
is never drawn."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils.translation import gettext
from map_world import DESO, make_map_world, with_boundaries

from builders import make_custom_area, make_dataset, make_observation, make_org, make_user
from grogrund.accounts.models import Role, Visibility

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tmp_path):
    owner = make_org("Kommunen")
    world = make_map_world(owner)
    with_boundaries(tmp_path)
    return world


def _map(client: Client, code: str, **params: str) -> str:
    response = client.get(f"/omraden/{code}/", params)
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('id="area-map"')
    return html[start : html.index("</section>", start)]


def test_a_deso_profile_maps_its_municipalitys_deso(world):
    html = _map(Client(), "9901C0020")
    assert "<svg" in html and 'role="img"' in html
    # Title: the indicator, the level, the municipality and the year.
    assert "Förvärvsarbetande 20–64 år" in html and "Testkommun" in html and "2023" in html
    # Every DeSO is named with its figure (55/100 = 55,0 %).
    assert "<title>Norr 2: 55,0\u00a0%</title>" in html
    assert len(re.findall(r"<path d=\"M[^\"]*\" fill=\"#", html)) == len(DESO)
    # Six values in quintiles: ranks ceil(6j/5) = 2, 3, 4, 5, 6 → 40–55, 60, 70, 80, 90 %.
    for bounds in (
        "40,0\u00a0% – 55,0\u00a0%",
        "60,0\u00a0% – 60,0\u00a0%",
        "90,0\u00a0% – 90,0\u00a0%",
    ):
        assert bounds in html
    # The source of the figures and of the boundaries.
    assert "SCB (test)" in html and "SCB, öppna geodata (CC0), 2025-03-01" in html
    # The table alternative has the same figures.
    assert (
        "Visa som tabell" in html
        and '<th scope="row">Norr 2</th><td class="num">55,0\u00a0%</td>' in html
    )


def test_the_area_itself_is_outlined(world):
    html = _map(Client(), "9901C0020")
    assert 'stroke="#000000" stroke-width="2.5"' in html
    municipality_map = _map(Client(), "9901")
    assert 'stroke="#000000" stroke-width="2.5"' not in municipality_map


def test_regso_figures_are_summed_from_their_deso(world):
    html = _map(Client(), "9901C0020", indicator="employment_20_64", level="regso")
    # Norr: (40 + 55 + 60) / 300 = 51,7 %; Söder: (70 + 80 + 90) / 300 = 80,0 %.
    assert "<title>Norr: 51,7\u00a0%</title>" in html
    assert "<title>Söder: 80,0\u00a0%</title>" in html
    # The source line under the map says how many are computed.
    computed = gettext("%(n)s of the figures are computed from their DeSO.") % {"n": 2}
    assert computed in html


def test_equal_intervals_can_be_chosen(world):
    html = _map(Client(), "9901", indicator="employment_20_64", classes="equal_intervals")
    # 40–90 % in five classes 10 points wide.
    assert "40,0\u00a0% – 50,0\u00a0%" in html and "80,0\u00a0% – 90,0\u00a0%" in html


def test_a_custom_area_is_outlined_on_its_municipalitys_map(world):
    owner = make_org("Bolaget")
    area = make_custom_area(
        "bolaget-norr", owner, [world.desos["9901C0010"], world.desos["9901C0020"]], is_public=True
    )
    html = _map(Client(), area.code)
    assert 'stroke="#000000" stroke-width="2.5"' in html
    assert area.name in html  # named in the legend


def test_figures_of_a_private_dataset_are_not_drawn_for_others(world, tmp_path):
    private_owner = make_org("Hemliga bolaget")
    dataset = make_dataset(private_owner, "Hemliga siffror", visibility=Visibility.PRIVATE)
    from builders import make_indicator

    secret = make_indicator("secret_share", name_sv="Hemlig andel")
    make_observation(dataset, world.desos["9901C0010"], secret, "2024", numerator=1, denominator=4)
    outsider = Client()
    outsider.force_login(make_user(make_org("Någon annan"), Role.EDITOR))
    html = _map(outsider, "9901C0010", indicator="secret_share")
    assert "Hemlig andel" not in html and "25,0" not in html
    insider = Client()
    insider.force_login(make_user(private_owner, Role.VIEWER))
    assert "Hemlig andel" in _map(insider, "9901C0010", indicator="secret_share")


def test_without_boundaries_the_profile_says_so(tmp_path):
    make_map_world(make_org("Kommunen"))
    html = _map(Client(), "9901C0020")
    assert "<svg" not in html
    assert "Testkommun" in html


def test_the_map_alone_answers_htmx_with_the_section(world):
    response = Client().get(
        "/omraden/9901C0020/karta/",
        {"indicator": "employment_20_64", "level": "deso"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="area-map"') and "<html" not in html
    page = Client().get("/omraden/9901C0020/karta/").content.decode()
    assert "<h1>" in page and "<svg" in page


def test_a_county_has_no_map(world):
    assert Client().get("/omraden/99/karta/").status_code == 404


def test_the_area_is_outlined_on_the_regso_map_too(world):
    # A DeSO on the RegSO map: its own boundary, not its RegSO's.
    owner = make_org("Bolaget")
    area = make_custom_area("bolaget-norr", owner, [world.desos["9901C0010"]], is_public=True)
    for code in ("9901C0020", area.code):
        html = _map(Client(), code, level="regso")
        assert 'stroke="#000000" stroke-width="2.5"' in html, code
