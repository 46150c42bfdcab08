"""A computed figure is made only of DeSO figures the visitor may see: a DeSO whose figure is
in a dataset the visitor may not see counts as lacking it, so the parent is "–" with the
count of DeSO lacking a figure, and the hidden figure is never revealed."""

import pytest
from rollup_world import EMPLOYED, comparison, make_world

from builders import make_dataset, make_observation, make_org, make_user
from grogrund.areas.profile import build_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    # Four DeSO public; 9950A0003 (10 of 50) only in the owner's private dataset.
    world = make_world(employed={k: v for k, v in EMPLOYED.items() if k != "9950A0003"})
    private = make_dataset(world.owner, "Egen hemlig")
    make_observation(
        private, world.areas["9950A0003"], world.employment, "2024", numerator=10, denominator=50
    )
    return world


def test_the_owner_sees_the_municipality_computed_from_all_three(world):
    point = comparison(build_profile(world.areas["9950A0001"], world.member), "9950").point
    assert (point.numerator, point.denominator, point.computed_from) == (80, 200, 3)


def test_another_organisation_gets_no_computed_figure_and_no_hint_of_the_hidden_one(world):
    outsider = make_user(make_org("Annan"))
    profile = build_profile(world.areas["9950A0001"], outsider)
    municipality = comparison(profile, "9950")
    assert municipality.point is None
    assert (municipality.missing.lacking, municipality.missing.children) == (1, 3)
    country = comparison(profile, "SE995")
    assert country.point is None and country.missing.lacking == 1
    row = profile.rows[0]
    shown = [p for points in row.series.values() for p in points]
    assert all(p.numerator not in {80, 160} for p in shown)  # no sum including the 10


def test_the_page_of_another_organisation_says_why_and_shows_no_computed_sum(world, client):
    client.force_login(make_user(make_org("Annan"), language="en"))
    page = client.get(f"/omraden/{world.areas['9950A0001'].code}/").content.decode()
    assert "1 of 3 DeSO lack a figure for 2024" in page
    assert "(80/200)" not in page and "computed from 3 DeSO" not in page
