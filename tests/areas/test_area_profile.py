"""The area profile: every indicator against the municipality, with gaps in people, ranked.

Worked example, checked by hand. Municipality 9901 with two DeSOs; the custom area is both.
- employment (higher is better): DeSO 1 45/100, DeSO 2 5/10 → area 50/110 = 45.45 %
  (the mean of the shares, 47.5 %, would be wrong); municipality 780/1000 = 78 %;
  gap in people = (0.78 − 50/110) × 110 = 85.8 − 50 = 35.8.
- unemployment (lower is better): 12/80 and 8/40 → 20/120 = 16.67 %; municipality 60/1000 =
  6 %; gap = (20/120 − 0.06) × 120 = 20 − 7.2 = 12.8 people (sign flipped: higher is worse).
- eligible (higher is better): 90/100 and 9/10 → 99/110 = 90 %; municipality 80 %;
  gap = (0.8 − 0.9) × 110 = −11: the area is ahead, so it ranks last.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from builders import (
    make_custom_area,
    make_dataset,
    make_indicator,
    make_municipality_with_desos,
    make_observation,
    make_org,
    make_user,
)
from grogrund.accounts.models import Visibility
from grogrund.areas.profile import build_profile

pytestmark = pytest.mark.django_db

FIGURES = {  # indicator → (DeSO 1, DeSO 2, municipality) as (numerator, denominator)
    "employment": ((45, 100), (5, 10), (780, 1000)),
    "unemployment": ((12, 80), (8, 40), (60, 1000)),
    "eligible": ((90, 100), (9, 10), (800, 1000)),
}


@pytest.fixture
def example():
    owner = make_org("Bostadsbolaget")
    municipality, desos = make_municipality_with_desos("9901", desos=2)
    dataset = make_dataset(
        make_org("SCB-kopian"),
        "Statistik",
        visibility=Visibility.PUBLIC,
        source="SCB, registerbaserad arbetsmarknadsstatistik",
    )
    for code, parts in FIGURES.items():
        direction = "lower_is_better" if code == "unemployment" else "higher_is_better"
        indicator = make_indicator(code, direction=direction)
        for area, (num, den) in zip([*desos, municipality], parts, strict=True):
            make_observation(dataset, area, indicator, "2024", numerator=num, denominator=den)
    area = make_custom_area("norrbacka", owner, desos, name="Norrbacka")
    return area, make_user(owner)


def _rows(profile):
    return {row.indicator.code: row for row in profile.rows}


def test_a_custom_area_sums_numerators_and_denominators(example):
    area, user = example
    latest = _rows(build_profile(area, user))["employment"].latest
    assert (latest.numerator, latest.denominator) == (50, 110)
    assert latest.value == pytest.approx(0.4545, abs=1e-4)  # not (0.45 + 0.5) / 2 = 0.475


def test_the_gap_in_people_is_the_share_gap_times_the_areas_base(example):
    area, user = example
    main = _rows(build_profile(area, user))["employment"].main_comparison
    assert main.area.code == "9901"
    assert main.gap == pytest.approx(0.78 - 50 / 110)
    assert main.gap_people == pytest.approx(35.8)


def test_lower_is_better_flips_the_sign_of_the_gap(example):
    area, user = example
    main = _rows(build_profile(area, user))["unemployment"].main_comparison
    assert main.gap == pytest.approx(20 / 120 - 0.06)
    assert main.gap_people == pytest.approx(12.8)


def test_an_area_ahead_of_the_municipality_has_a_negative_gap(example):
    area, user = example
    assert _rows(build_profile(area, user))["eligible"].main_comparison.gap_people == (
        pytest.approx(-11)
    )


def test_indicators_are_ranked_by_the_gap_in_people(example):
    area, user = example
    assert [r.indicator.code for r in build_profile(area, user).rows] == [
        "employment",
        "unemployment",
        "eligible",
    ]


def test_the_page_shows_share_gap_source_and_year(example, client):
    _area, user = example
    client.force_login(user)
    page = client.get("/omraden/norrbacka/").content.decode()
    assert "45,5\u00a0%" in page  # 50/110
    assert "78,0\u00a0%" in page
    assert "+35,8" not in page and "+36" in page  # people shown whole
    assert "SCB, registerbaserad arbetsmarknadsstatistik, 2024" in page


def test_the_comparison_chain_is_municipality_county_country(example):
    area, user = example
    assert [a.level for a in build_profile(area, user).chain] == [
        "municipality",
        "county",
        "country",
    ]


def test_another_organisations_private_figures_are_left_out_of_the_profile(client):
    _municipality, [deso] = make_municipality_with_desos("9902", desos=1)
    owner = make_org("Ägaren")
    private = make_dataset(owner, "Hyresdata", source="Hemliga hyresdata")
    indicator = make_indicator("vacancy")
    make_observation(private, deso, indicator, "2024", numerator=7, denominator=321)
    assert _rows(build_profile(deso, make_user(owner)))["vacancy"].latest.denominator == 321
    stranger = make_user(make_org("Främlingen"))
    assert build_profile(deso, stranger).rows == []
    assert build_profile(deso, AnonymousUser()).rows == []
    client.force_login(stranger)
    page = client.get(f"/omraden/{deso.code}/").content.decode()
    assert "Hemliga hyresdata" not in page and "321" not in page
