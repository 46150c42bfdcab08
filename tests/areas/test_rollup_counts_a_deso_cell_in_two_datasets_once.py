"""The roll-up's grouped query (`areas.rollup.roll_up_parents`) sums every DeSO cell once:
when one DeSO's figure is in two visible datasets, only the latest retrieval counts (the later
stored one on a tie). That check costs most of the query's time, so it is made in a second
query only for the (parent, indicator, period) cells that draw on more than one dataset; the
others keep the sums of the first. Numbers: rollup_world (employment 2024 of 9950 is
40/100 + 30/50 + 10/50 = 80/200; the country 150/400)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rollup_world import make_world

from builders import make_dataset, make_indicator, make_observation
from grogrund.accounts.models import Visibility
from grogrund.areas.models import Dataset
from grogrund.areas.rollup import roll_up_parents

pytestmark = pytest.mark.django_db


def _sums(world, indicators, codes=("9950", "SE995")):
    parents = {world.areas[c].id: c for c in codes}
    with CaptureQueriesContext(connection) as queries:
        rolled = roll_up_parents(
            parent_ids=list(parents),
            datasets=Dataset.objects.all(),
            indicator_ids=[i.id for i in indicators],
            periods=None,
        )
    sums = {
        (parents[parent], period): (
            sum(g.numerator for g in r.groups),
            sum(g.denominator for g in r.groups),
            sum(g.rows for g in r.groups),
            r.sources,
        )
        for (parent, _indicator, period), r in rolled.items()
    }
    return sums, sum("WITH deso AS" in q["sql"] for q in queries)


def test_without_a_cell_in_two_datasets_one_query_sums_everything():
    world = make_world()
    # Another dataset with another year only: no DeSO cell is in both.
    other = make_dataset(world.owner, "2023", visibility=Visibility.PUBLIC, source="SCB 2023")
    for code in ("9950A0001", "9950A0002", "9950A0003"):
        make_observation(other, world.areas[code], world.employment, "2023", 1, 1, 4)
    sums, queries = _sums(world, [world.employment])
    assert sums == {
        ("9950", "2024"): (80, 200, 3, {"SCB"}),
        ("SE995", "2024"): (150, 400, 5, {"SCB"}),
        ("9950", "2023"): (3, 12, 3, {"SCB 2023"}),
        ("SE995", "2023"): (3, 12, 3, {"SCB 2023"}),
    }
    assert queries == 1


def test_a_later_retrieval_replaces_the_earlier_and_other_cells_keep_their_sums():
    world = make_world()
    unemployment = make_indicator("unemployment")
    for code in ("9950A0001", "9950A0002", "9950A0003"):
        make_observation(world.dataset, world.areas[code], unemployment, "2024", None, 5, 100)
    later = make_dataset(world.owner, "Ny hämtning", visibility=Visibility.PUBLIC)
    later.observations.create(
        area=world.areas["9950A0003"],
        indicator=world.employment,
        period="2024",
        value=0.5,
        numerator=25,
        denominator=50,
        source="SCB ny",
        retrieved_at=world.dataset.retrieved_at + timedelta(days=400),
    )
    sums, queries = _sums(world, [world.employment, unemployment])
    # Employment: 9950A0003's 10/50 replaced by 25/50, in the municipality and the country.
    assert sums[("9950", "2024")] == (95, 200, 3, {"SCB", "SCB ny"})
    assert sums[("SE995", "2024")] == (165, 400, 5, {"SCB", "SCB ny"})
    assert queries == 2
    # Unemployment is in one dataset only: the first query's sums, 3 DeSO of 5 each.
    by_indicator = roll_up_parents(
        parent_ids=[world.areas["9950"].id],
        datasets=Dataset.objects.all(),
        indicator_ids=[unemployment.id],
        periods=["2024"],
    )
    [rolled] = by_indicator.values()
    assert [(g.numerator, g.denominator, g.rows) for g in rolled.groups] == [(15, 300, 3)]


def test_on_the_same_retrieval_time_the_later_stored_figure_counts():
    world = make_world()
    again = make_dataset(world.owner, "Samma hämtning", visibility=Visibility.PUBLIC, source="B")
    make_observation(again, world.areas["9950A0001"], world.employment, "2024", None, 60, 100)
    sums, queries = _sums(world, [world.employment], codes=("9950",))
    assert sums[("9950", "2024")] == (100, 200, 3, {"SCB", "B"})  # 60 + 30 + 10
    assert queries == 2


def test_a_cell_in_a_dataset_the_user_may_not_see_is_not_counted():
    world = make_world()
    hidden = make_dataset(world.owner, "Privat", visibility=Visibility.PRIVATE, source="X")
    make_observation(hidden, world.areas["9950A0001"], world.employment, "2024", None, 99, 100)
    visible = Dataset.objects.filter(pk=world.dataset.pk)
    rolled = roll_up_parents(
        parent_ids=[world.areas["9950"].id],
        datasets=visible,
        indicator_ids=[world.employment.id],
        periods=None,
    )
    [sums] = rolled.values()
    assert [(g.numerator, g.denominator) for g in sums.groups] == [(80, 200)]
