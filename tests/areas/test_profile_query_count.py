"""The profile page reads a fixed number of queries, whatever the amount of data."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from builders import (
    make_challenge,
    make_custom_area,
    make_dataset,
    make_indicator,
    make_municipality_with_desos,
    make_observation,
    make_org,
    make_user,
)
from grogrund.accounts.models import Visibility

pytestmark = pytest.mark.django_db


def _area_with(indicators: int, challenges: int, years: int = 3):
    owner, partner = make_org(), make_org()
    municipality, desos = make_municipality_with_desos(f"99{indicators:02d}", desos=3)
    dataset = make_dataset(owner)
    for i in range(indicators):
        indicator = make_indicator(f"ind-{indicators}-{i}")
        for area in [*desos, municipality]:
            for year in range(2020, 2020 + years):
                make_observation(
                    dataset, area, indicator, str(year), numerator=i + 1, denominator=50 + i
                )
    area = make_custom_area(f"omr-{indicators}", owner, desos)
    for _ in range(challenges):
        c = make_challenge(owner, area, visibility=Visibility.PARTNERS)
        c.shared_with.set([partner])
        c.indicators.set([indicator])
    return area, make_user(owner)


def _count(area, user):
    client = Client()  # each count a first visit: the same queries for the CSRF cookie
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/omraden/{area.code}/").status_code == 200
    return len(queries)


def test_a_small_profile_stays_under_20_queries(client, django_assert_max_num_queries):
    area, user = _area_with(indicators=5, challenges=1)
    client.force_login(user)
    with django_assert_max_num_queries(20):
        client.get(f"/omraden/{area.code}/")


def test_a_larger_profile_stays_under_20_queries(client, django_assert_max_num_queries):
    area, user = _area_with(indicators=40, challenges=8, years=6)
    client.force_login(user)
    with django_assert_max_num_queries(20):
        client.get(f"/omraden/{area.code}/")


def test_the_query_count_does_not_grow_with_the_data():
    small = _count(*_area_with(indicators=5, challenges=1))
    large = _count(*_area_with(indicators=40, challenges=8, years=6))
    assert large == small
