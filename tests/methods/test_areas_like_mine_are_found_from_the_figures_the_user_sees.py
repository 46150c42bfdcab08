"""Areas like mine on the site: the DeSO nearest to an area by its standardised profile
indicators, from the figures the user may see, with the visible programmes and published
methods running there. Worked example: four DeSO, three share indicators in 2024."""

import math

import pytest
from django.test import Client

from builders import make_area, make_dataset, make_indicator, make_observation
from grogrund.accounts.models import Visibility
from grogrund.areas.models import AreaLevel
from grogrund.methods.similar import areas_like
from methods.builders_methods import make_initiative
from programmes.programme_builders import make_programme

# Employment, post-secondary education, low economic standard (shares, percent here):
#   D1 40 20 40 · D2 40 30 40 · D3 80 20 10 · D4 80 50 10
# Employment: mean 60, sd 20 → z −1, −1, 1, 1.
# Education: 20, 30, 20, 50: mean 30, deviations −10, 0, −10, 20, variance 600/4 = 150,
#   sd √150 = 12.247 → z −0.8165, 0, −0.8165, 1.633.
# Low standard: mean 25, sd 15 → z 1, 1, −1, −1.
# From D1: D2 differs only in education by 0.8165 → d = sqrt(0.8165² / 3) = 0.4714;
#   D3 by 2, 0, 2 → sqrt(8/3) = 1.633; D4 by 2, 2.449, 2 → sqrt((4 + 6 + 4)/3) = 2.160.
FIGURES = {
    "D1": (40, 20, 40),
    "D2": (40, 30, 40),
    "D3": (80, 20, 10),
    "D4": (80, 50, 10),
}


@pytest.fixture
def desos(world):
    regso = make_area("9901R001", AreaLevel.REGSO, world.municipality, name="Regso")
    areas = {
        name: make_area(f"9901A00{i}9", AreaLevel.DESO, regso, name=f"Område {name}")
        for i, name in enumerate(FIGURES, start=1)
    }
    indicators = [
        world.employment,
        make_indicator("post_secondary", name_sv="Eftergymnasial", name_en="Post-secondary"),
        make_indicator(
            "low_standard",
            name_sv="Låg standard",
            name_en="Low standard",
            direction="lower_is_better",
        ),
    ]
    public = make_dataset(world.b, "Offentlig", visibility=Visibility.PUBLIC)
    for name, values in FIGURES.items():
        for indicator, percent in zip(indicators, values, strict=True):
            make_observation(
                public, areas[name], indicator, "2024", numerator=percent, denominator=100
            )
    return areas, indicators


def test_the_nearest_areas_worked_by_hand(world, desos):
    areas, _indicators = desos
    found = areas_like(world.editor_c, areas["D1"])
    assert found.problem == "" and found.year == 2024 and found.compared == 3
    assert [m.area.name for m in found.matches] == ["Område D2", "Område D3", "Område D4"]
    assert [m.distance for m in found.matches] == pytest.approx(
        [math.sqrt(0.8165**2 / 3), math.sqrt(8 / 3), math.sqrt(14 / 3)], rel=1e-3
    )
    # D2 is like D1 in employment and low standard (no difference) before education.
    d2 = found.matches[0]
    assert [r.indicator.code for r in d2.reasons][:2] == ["employment", "low_standard"]
    assert (d2.reasons[0].mine, d2.reasons[0].theirs) == (0.4, 0.4)


def test_figures_the_user_may_not_see_are_not_compared(world, desos):
    areas, _indicators = desos
    # A's private figures would make D3 A's twin of D1; others never see them.
    secret = make_indicator("secret_share", name_sv="Hemlig andel", name_en="Secret share")
    private = make_dataset(world.a, "Hemliga siffror", visibility=Visibility.PRIVATE)
    for name, value in (("D1", 1), ("D2", 99), ("D3", 1), ("D4", 99)):
        make_observation(private, areas[name], secret, "2024", numerator=value, denominator=100)
    outsider = areas_like(world.editor_c, areas["D1"])
    assert all(i.code != "secret_share" for i in outsider.indicators)
    owner = areas_like(world.viewer_a, areas["D1"])
    assert any(i.code == "secret_share" for i in owner.indicators)


def test_programmes_and_methods_running_there_are_those_the_user_may_see(world, desos):
    areas, _indicators = desos
    shared = make_programme(world.b, [areas["D2"]], name="Delat program", visibility="network")
    make_initiative(shared, world.method, name="Coacher")
    hidden = make_programme(world.b, [areas["D2"]], name="Dolt program", visibility="private")
    make_initiative(hidden, world.method)
    found = areas_like(world.editor_a, areas["D1"])  # A is in the network
    d2 = found.matches[0]
    assert [r.programme.name for r in d2.running] == ["Delat program"]
    assert [m.name for m in d2.running[0].methods] == [world.method.name]
    assert areas_like(world.editor_c, areas["D1"]).matches[0].running == ()


def test_an_area_without_enough_figures_says_what_to_do(world, desos):
    lonely = make_area("9901A0999", AreaLevel.DESO, world.municipality, name="Tomt")
    found = areas_like(world.editor_a, lonely)
    assert found.problem and not found.matches


def test_a_municipality_is_not_compared(world):
    assert areas_like(world.editor_a, world.municipality).problem


def test_the_page_lists_the_nearest_areas(world, desos):
    areas, _indicators = desos
    body = Client().get(f"/metoder/liknande-omraden/{areas['D1'].code}/").content.decode()
    assert body.index("Område D2") < body.index("Område D3") < body.index("Område D4")
    response = Client().get("/metoder/liknande-omraden/", {"q": "Område D1"})
    assert response.status_code == 302
    assert response["Location"] == f"/metoder/liknande-omraden/{areas['D1'].code}/"


def test_a_later_dataset_wins_and_other_levels_are_left_out(world, desos):
    """A later dataset says D2's post-secondary share is 20 %, as D1's: D2 is then D1's twin.
    The RegSO's figures in the same dataset are not compared with the DeSO. Education is then
    20, 20, 20, 50: mean 27.5, sd √168.75 = 12.99; D3 differs by 2, 0, 2 → √(8/3) = 1.633;
    D4 by 2, 30 / 12.99 = 2.309, 2 → √((4 + 5.333 + 4) / 3) = 2.108."""
    areas, indicators = desos
    later = make_dataset(world.b, "Rättade siffror", visibility=Visibility.PUBLIC)
    make_observation(later, areas["D2"], indicators[1], "2024", numerator=20, denominator=100)
    regso = areas["D1"].parent
    for indicator, percent in zip(indicators, (41, 21, 39), strict=True):
        make_observation(later, regso, indicator, "2024", numerator=percent, denominator=100)
    found = areas_like(world.editor_c, areas["D1"])
    assert found.compared == 3
    assert [m.area.name for m in found.matches] == ["Område D2", "Område D3", "Område D4"]
    assert [m.distance for m in found.matches] == pytest.approx(
        [0, math.sqrt(8 / 3), math.sqrt(13.333 / 3)], abs=1e-3
    )
