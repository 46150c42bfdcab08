"""A goal's baseline year need not be the latest: the profile computes the comparison areas
from their DeSO for every year the area has a figure (not only the latest), so a goal set
from an earlier year finds its municipality's computed share, and an imported official
figure still wins in the year it exists. Numbers: rollup_world for 2024; 2023 below."""

import pytest
from rollup_world import make_world

from builders import make_dataset, make_observation
from grogrund.areas.profile import build_profile
from grogrund.programmes.selectors import GapFacts, goal_check

pytestmark = pytest.mark.django_db

EMPLOYED_2023 = {
    "9950A0001": (30, 100),
    "9950A0002": (20, 50),
    "9950A0003": (10, 50),  # municipality 9950: 60/200 = 30 %
    "9951A0001": (15, 100),  # county C9950: 75/300 = 25 %
    "9952A0001": (45, 100),  # country: 120/400 = 30 %
}


def _world():
    world = make_world()
    for code, (num, den) in EMPLOYED_2023.items():
        make_observation(world.dataset, world.areas[code], world.employment, "2023", None, num, den)
    official = make_dataset(world.owner, "Kommunens siffror", source="SCB officiell")
    make_observation(official, world.areas["9950"], world.employment, "2024", None, 700, 1000)
    return world


def test_a_goal_from_an_earlier_year_compares_with_the_computed_municipality():
    world = _world()
    deso = world.areas["9950A0001"]
    facts = goal_check(world.member, deso, world.employment.pk, 2023)
    assert isinstance(facts, GapFacts), facts
    assert (facts.year, facts.area_share, facts.base) == (2023, 0.30, 100.0)
    assert facts.reference_area == world.areas["9950"]
    assert facts.reference_share == pytest.approx(0.30)
    # 2024: the imported official 70 %, not the computed 80/200.
    latest = goal_check(world.member, deso, world.employment.pk, 2024)
    assert isinstance(latest, GapFacts)
    assert latest.reference_share == pytest.approx(0.70)


def test_every_comparison_area_has_every_year_of_the_area():
    world = _world()
    [row] = build_profile(world.areas["9950A0001"], world.member).rows
    series = {
        code: [(p.period, round(p.value, 4), p.computed_from) for p in row.series[code]]
        for code in ("9950", "C9950", "SE995")
    }
    assert series == {
        "9950": [("2023", 0.3, 3), ("2024", 0.7, 0)],
        "C9950": [("2023", 0.25, 4), ("2024", 0.3333, 4)],
        "SE995": [("2023", 0.3, 5), ("2024", 0.375, 5)],
    }
