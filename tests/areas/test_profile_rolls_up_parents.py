"""Where a municipality, county or country has no imported figure, the profile computes it
from its DeSO (Σ numerator / Σ denominator, Σ for counts) when every DeSO has the figure,
marks it "computed from N DeSO", and uses it for the gaps like an imported one. An imported
official figure always wins; a median is never rolled up. Numbers: see rollup_world."""

import pytest
from rollup_world import comparison, make_world

from builders import make_dataset, make_indicator, make_observation
from grogrund.accounts.models import Visibility
from grogrund.areas.profile import build_profile
from grogrund.engine.rollup import Gap

pytestmark = pytest.mark.django_db


def test_a_deso_profile_shows_its_municipality_county_and_country_computed():
    world = make_world()
    profile = build_profile(world.areas["9950A0001"], world.member)
    municipality = comparison(profile, "9950").point
    county = comparison(profile, "C9950").point
    country = comparison(profile, "SE995").point
    assert (municipality.numerator, municipality.denominator) == (80, 200)
    assert municipality.value == pytest.approx(0.40)
    assert municipality.computed_from == 3
    assert county.value == pytest.approx(100 / 300) and county.computed_from == 4
    assert country.value == pytest.approx(150 / 400) and country.computed_from == 5
    assert municipality.source == "SCB"


def test_computed_figures_feed_the_gap_columns():
    world = make_world()
    # 9950A0002: 30 of 50 = 60 %, against the municipality's computed 40 %.
    main = comparison(build_profile(world.areas["9950A0002"], world.member), "9950")
    assert main.gap == pytest.approx(-0.20)
    assert main.gap_people == pytest.approx((0.40 - 0.60) * 50)  # −10 people


def test_a_municipality_profile_computes_its_own_figure():
    world = make_world()
    [row] = build_profile(world.areas["9950"], world.member).rows
    assert row.latest.value == pytest.approx(0.40) and row.latest.computed_from == 3
    assert comparison(build_profile(world.areas["9950"], world.member), "C9950").point.value == (
        pytest.approx(100 / 300)
    )


def test_a_regso_profile_computes_its_own_figure():
    world = make_world()
    [row] = build_profile(world.areas["9950R001"], world.member).rows
    assert (row.latest.numerator, row.latest.denominator) == (70, 150)
    assert row.latest.computed_from == 2


def test_an_imported_official_figure_wins_over_the_computed_one():
    world = make_world()
    official = make_dataset(world.owner, "Kommunens siffror", source="SCB officiell")
    make_observation(
        official, world.areas["9950"], world.employment, "2024", numerator=700, denominator=1000
    )
    point = comparison(build_profile(world.areas["9950A0001"], world.member), "9950").point
    assert point.value == pytest.approx(0.70)
    assert point.computed_from == 0
    assert point.source == "SCB officiell"


def test_a_missing_deso_figure_leaves_the_parent_unknown_with_the_reason():
    employed = {"9950A0001": (40, 100), "9950A0002": (30, 50), "9951A0001": (20, 100)}
    world = make_world(employed=employed)
    municipality = comparison(build_profile(world.areas["9950A0001"], world.member), "9950")
    assert municipality.point is None
    assert municipality.gap is None and municipality.gap_people is None
    missing = municipality.missing
    assert (missing.gap, missing.lacking, missing.children, missing.period) == (
        Gap.INCOMPLETE,
        1,
        3,
        "2024",
    )
    country = comparison(build_profile(world.areas["9950A0001"], world.member), "SE995")
    assert (country.missing.lacking, country.missing.children) == (2, 5)


def test_counts_are_summed():
    world = make_world()
    people = make_indicator("population", kind="count", unit="personer")
    for code, n in [("9950A0001", 100), ("9950A0002", 50), ("9950A0003", 50)]:
        make_observation(world.dataset, world.areas[code], people, "2024", value=n)
    point = comparison(
        build_profile(world.areas["9950A0001"], world.member), "9950", "population"
    ).point
    assert point.value == 200 and point.computed_from == 3


def test_a_median_is_not_rolled_up():
    world = make_world()
    income = make_indicator("median_income", kind="money", unit="kr")
    for code, kr in [("9950A0001", 250_000), ("9950A0002", 260_000), ("9950A0003", 270_000)]:
        make_observation(world.dataset, world.areas[code], income, "2024", value=kr)
    municipality = comparison(
        build_profile(world.areas["9950A0001"], world.member), "9950", "median_income"
    )
    assert municipality.point is None
    assert municipality.missing.gap is Gap.NOT_ADDITIVE


def test_the_later_retrieval_of_a_deso_figure_counts_once():
    world = make_world()
    later = make_dataset(world.owner, "Ny hämtning", visibility=Visibility.PUBLIC)
    later.observations.create(
        area=world.areas["9950A0003"],
        indicator=world.employment,
        period="2024",
        value=0.5,
        numerator=25,
        denominator=50,
        source="SCB ny",
        retrieved_at=world.dataset.retrieved_at.replace(year=2026),
    )
    point = comparison(build_profile(world.areas["9950A0001"], world.member), "9950").point
    assert (point.numerator, point.denominator) == (95, 200)  # 40 + 30 + 25, not + 10 too
    assert point.source == "SCB; SCB ny"


def test_a_municipality_whose_deso_do_not_cover_it_says_why_in_its_own_profile(client):
    world = make_world(employed={"9950A0001": (40, 100), "9950A0002": (30, 50)})
    [row] = build_profile(world.areas["9950"], world.member).rows
    assert row.latest.value is None
    assert (row.missing.gap, row.missing.lacking, row.missing.children) == (Gap.INCOMPLETE, 1, 3)
    world.member.language = "en"
    world.member.save()
    client.force_login(world.member)
    page = client.get("/omraden/9950/").content.decode()
    assert "1 of 3 DeSO lack a figure for 2024" in page
