"""The gap column of the area profile says its unit: a median-income gap in kronor
("+42 000 kr": the area needs 42 000 kr more to reach the city), not a bare number."""

import pytest
from django.utils import translation

from builders import (
    make_dataset,
    make_indicator,
    make_municipality_with_desos,
    make_observation,
    make_org,
    make_user,
)
from grogrund.areas.profile import build_profile
from grogrund.areas.profile_page import _table_row

pytestmark = pytest.mark.django_db


def _gap(kind: str, unit: str, area_value: float, city_value: float) -> str:
    owner = make_org()
    municipality, [deso] = make_municipality_with_desos("9950", desos=1)
    indicator = make_indicator("x", kind=kind, unit=unit, direction="higher_is_better")
    dataset = make_dataset(owner)
    make_observation(dataset, deso, indicator, "2024", value=area_value)
    make_observation(dataset, municipality, indicator, "2024", value=city_value)
    [row] = build_profile(deso, make_user(owner)).rows
    with translation.override("sv"):
        return _table_row(row)["gap"].replace("\u00a0", " ")


def test_a_median_income_gap_is_in_kronor():
    # Median income 238 000 kr in the area, 280 000 kr in the city: 42 000 kr to go.
    assert _gap("money", "kr", 238_000, 280_000) == "+42 000 kr"
