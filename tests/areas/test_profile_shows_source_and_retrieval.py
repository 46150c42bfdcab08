"""Every figure on the profile shows its source and year, and each trend its retrieval date
(read as the database stores it: text on SQLite, a timestamp on PostgreSQL)."""

import pytest

from builders import (
    RETRIEVED,
    make_dataset,
    make_indicator,
    make_municipality_with_desos,
    make_observation,
    make_org,
    make_user,
)
from grogrund.areas.profile import build_profile

pytestmark = pytest.mark.django_db


def test_the_trend_shows_source_and_retrieval_date(client):
    owner = make_org()
    municipality, [deso] = make_municipality_with_desos("9980", desos=1)
    indicator = make_indicator("employment")
    dataset = make_dataset(owner, source="SCB, TAB6680")
    make_observation(dataset, deso, indicator, "2024", numerator=55, denominator=100)
    make_observation(dataset, municipality, indicator, "2024", numerator=770, denominator=1000)
    user = make_user(owner)
    [row] = build_profile(deso, user).rows
    assert row.latest.retrieved_at == RETRIEVED
    client.force_login(user)
    page = client.get(f"/omraden/{deso.code}/").content.decode()
    assert "SCB, TAB6680, 2024" in page
    assert f"hämtad {RETRIEVED:%Y-%m-%d}" in page
