"""Tenant-survey figures from groups smaller than the indicator's min_group_size are not shown."""

import pytest

from builders import (
    make_custom_area,
    make_dataset,
    make_indicator,
    make_municipality_with_desos,
    make_observation,
    make_org,
    make_user,
)
from grogrund.areas.profile import build_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    owner = make_org()
    _municipality, desos = make_municipality_with_desos("9903", desos=2)
    indicator = make_indicator("safety_index", kind="mean", unit="index", min_group_size=5)
    dataset = make_dataset(owner, "Hyresgästenkät")
    # value = mean answer, denominator = respondents
    make_observation(dataset, desos[0], indicator, "2023", value=3.17, denominator=20)
    make_observation(dataset, desos[0], indicator, "2024", value=2.13, denominator=4)
    make_observation(dataset, desos[1], indicator, "2024", value=4.11, denominator=3)
    return owner, desos, make_user(owner)


def test_a_group_under_five_respondents_is_not_shown(survey, client):
    _owner, desos, user = survey
    [row] = build_profile(desos[0], user).rows
    assert row.latest.period == "2023"  # 2024 had 4 respondents
    assert [(p.period, p.value, p.suppressed) for p in row.series[desos[0].code]] == [
        ("2023", 3.17, False),
        ("2024", None, True),
    ]
    client.force_login(user)
    page = client.get(f"/omraden/{desos[0].code}/").content.decode()
    assert "2,1" not in page and "3,2" in page


def test_an_area_whose_only_group_is_too_small_shows_no_figure(survey):
    _owner, desos, user = survey
    assert build_profile(desos[1], user).rows == []


def test_groups_combined_into_a_custom_area_are_shown_when_large_enough(survey):
    owner, desos, user = survey
    area = make_custom_area("omr", owner, desos)
    [row] = build_profile(area, user).rows
    # 4 + 3 = 7 respondents: (2.13 × 4 + 4.11 × 3) / 7
    assert row.latest.denominator == 7
    assert row.latest.value == pytest.approx((2.13 * 4 + 4.11 * 3) / 7)
