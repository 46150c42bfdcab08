"""Where the profile shows "–" for a figure stored as missing, it says why in plain words:
SCB's ".." is a figure not available or too uncertain to be given, "." one that cannot
occur (not applicable); other symbols are named as the source gives them."""

import pytest
from rollup_world import comparison, make_world

from builders import make_area, make_dataset, make_indicator, make_observation, make_user
from grogrund.areas.models import AreaLevel, Observation
from grogrund.areas.profile import build_profile

pytestmark = pytest.mark.django_db


def _missing(dataset, area, indicator, period, status):
    obs = make_observation(dataset, area, indicator, period)
    Observation.objects.filter(pk=obs.pk).update(status=status)


@pytest.fixture
def world():
    world = make_world()
    eligible = make_indicator("eligible", name_en="Eligible for upper secondary")
    deso = world.areas["9950A0001"]
    make_observation(world.dataset, deso, eligible, "2024", numerator=30, denominator=40)
    _missing(world.dataset, world.areas["9950"], eligible, "2024", "..")
    _missing(world.dataset, world.areas["C9950"], eligible, "2024", ".")
    _missing(world.dataset, world.areas["SE995"], eligible, "2024", "B")
    return world


def test_the_status_of_a_stored_missing_figure_is_kept_with_the_comparison(world):
    profile = build_profile(world.areas["9950A0001"], world.member)
    assert comparison(profile, "9950", "eligible").missing.status == ".."
    assert comparison(profile, "C9950", "eligible").missing.status == "."


def test_the_page_says_why_in_english(world, client):
    client.force_login(make_user(world.owner, language="en"))
    page = client.get("/omraden/9950A0001/").content.decode()
    assert "figure not available or too uncertain to be given" in page
    assert "not applicable" in page
    assert "missing in the source (symbol “B”)" in page


def test_the_page_says_why_in_swedish(world, client):
    client.force_login(make_user(world.owner, language="sv"))
    page = client.get("/omraden/9950A0001/").content.decode()
    assert "uppgift inte tillgänglig eller för osäker för att anges" in page
    assert "uppgift kan inte förekomma" in page


def test_a_deso_stored_as_missing_leaves_its_municipality_uncomputed():
    world = make_world()
    extra = make_area("9950A0004", AreaLevel.DESO, world.areas["9950R002"], vintage="DeSO2018")
    _missing(world.dataset, extra, world.employment, "2024", "..")
    municipality = comparison(build_profile(world.areas["9950A0001"], world.member), "9950")
    assert municipality.point is None
    assert (municipality.missing.lacking, municipality.missing.children) == (1, 4)


def test_an_indicator_only_one_deso_has_leaves_every_parent_uncomputed(world):
    owner_only = make_dataset(world.owner, "Annat")
    other = make_indicator("other")
    make_observation(
        owner_only, world.areas["9950A0001"], other, "2024", numerator=1, denominator=2
    )
    row = next(
        r
        for r in build_profile(world.areas["9950A0001"], world.member).rows
        if r.indicator.code == "other"
    )
    # Only this DeSO has the figure: 2 of 3, 3 of 4 and 4 of 5 DeSO lack it.
    assert [c.missing.lacking for c in row.comparisons] == [2, 3, 4]
