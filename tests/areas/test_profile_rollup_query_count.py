"""Computing parents from their DeSO and showing the notes costs two queries, whatever the
number of DeSO, indicators, years or notes: one grouped query for all parents, one for the
notes."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rollup_world import make_world

from builders import make_area, make_indicator, make_observation
from grogrund.areas.models import AreaLevel, DatasetNote

pytestmark = pytest.mark.django_db


def _count(user, code):
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/omraden/{code}/").status_code == 200
    return len(queries), [q["sql"] for q in queries]


def _grow(world, desos: int, indicators: int, years: int):
    regso = world.areas["9950R002"]
    extra = [
        make_area(f"9950B{i:04d}", AreaLevel.DESO, regso, vintage="DeSO2018") for i in range(desos)
    ]
    for i in range(indicators):
        indicator = make_indicator(f"grown-{i}")
        DatasetNote.objects.create(dataset=world.dataset, indicator=indicator, text=f"Not {i}")
        for area in [*extra, world.areas["9950A0001"]]:
            for year in range(2020, 2020 + years):
                make_observation(
                    world.dataset, area, indicator, str(year), numerator=1, denominator=4
                )


def test_a_deso_profile_with_computed_parents_reads_a_fixed_number_of_queries():
    world = make_world()
    small, _ = _count(world.member, "9950A0001")
    _grow(world, desos=12, indicators=6, years=4)
    large, sql = _count(world.member, "9950A0001")
    assert large == small
    assert sum("WITH deso AS" in q for q in sql) == 1
    assert sum("areas_datasetnote" in q for q in sql) == 1


def test_the_profile_stays_within_two_queries_of_what_it_read_without_the_roll_up():
    world = make_world()
    # A first visit to a DeSO's or the country's profile read 12 queries before the roll-up
    # and the notes, and now 13: the signed-in user is kept under the data generation
    # (grogrund.accounts.backends), which a first visit reads before it loads the user.
    assert _count(world.member, "9950A0001")[0] <= 13 + 2
    assert _count(world.member, "SE995")[0] <= 13 + 2
