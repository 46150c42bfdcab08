"""A comparison baseline from statistics (services.comparison_baseline) is how many of the
cohort would achieve the outcome anyway at the comparison area's rate: the area's share in the
year times the cohort size. For a custom area the share is its members' numerators over their
denominators, summed (engine.aggregate, Combine.RATIO), never the mean of their shares; a later
retrieval of the same figure wins, and a member without a figure leaves the area without one.
Checked by hand."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from builders import make_area, make_custom_area, make_dataset, make_indicator, make_observation
from grogrund.areas.models import AreaLevel
from grogrund.outcome_contracts import services

YEAR = 2024


@pytest.fixture
def statistics(world):
    """Employment 20–64 in two DeSOs of M's municipality, in M's own dataset:

    North  270 of   300 in work  (90 %)
    South  330 of 1 100 in work  (30 %)
    """
    municipality = make_area("9901", AreaLevel.MUNICIPALITY, name="Staden")
    north = make_area("9901A0001", parent=municipality, name="Norr")
    south = make_area("9901A0002", parent=municipality, name="Söder")
    indicator = make_indicator("employment_20_64", name_en="Employment 20–64")
    dataset = make_dataset(world.m, "Sysselsättning 2024", source="SCB")
    make_observation(dataset, north, indicator, str(YEAR), numerator=270, denominator=300)
    make_observation(dataset, south, indicator, str(YEAR), numerator=330, denominator=1100)
    both = make_custom_area("m-testby", world.m, [north, south], name="Testby")
    return {
        "indicator": indicator,
        "north": north,
        "south": south,
        "both": both,
        "dataset": dataset,
    }


def _baseline(world, statistics, area, cohort_size):
    return services.comparison_baseline(
        user=world.m_editor,
        indicator=statistics["indicator"],
        area=statistics[area],
        year=YEAR,
        cohort_size=cohort_size,
    )


def test_one_area_share_times_the_cohort(world, statistics):
    # North: 270 / 300 = 0,9; a cohort of 140 → 0,9 × 140 = 126 people.
    found = _baseline(world, statistics, "north", 140)
    assert found.share == pytest.approx(0.9)
    assert found.people == 126
    assert found.source == "SCB, Norr 2024"


def test_a_custom_area_sums_its_members_numerators_and_denominators(world, statistics):
    # Testby = North + South: (270 + 330) / (300 + 1 100) = 600 / 1 400 = 0,428 571…
    # (the mean of the shares, (0,9 + 0,3) / 2 = 0,6, would be wrong);
    # a cohort of 140 → 600 / 1 400 × 140 = 60 people.
    found = _baseline(world, statistics, "both", 140)
    assert found.share == pytest.approx(600 / 1400)
    assert found.people == 60
    # A cohort of 35 → 600 / 1 400 × 35 = 15 people.
    assert _baseline(world, statistics, "both", 35).people == 15
    assert found.source == "SCB, Testby 2024"


def test_a_later_retrieval_of_a_members_figure_wins(world, statistics):
    # South retrieved again later: 385 of 1 100 (35 %). Testby: (270 + 385) / 1 400
    # = 655 / 1 400 = 0,467 857…; × 140 = 65,5 people.
    later = make_dataset(world.m, "Sysselsättning 2024, rättad", source="SCB rättad")
    newer = make_observation(
        later,
        statistics["south"],
        statistics["indicator"],
        str(YEAR),
        numerator=385,
        denominator=1100,
    )
    newer.retrieved_at = datetime(2025, 6, 1, tzinfo=UTC)
    newer.save()
    found = _baseline(world, statistics, "both", 140)
    assert found.share == pytest.approx(655 / 1400)
    assert found.people == 65.5
    assert found.source == "SCB; SCB rättad, Testby 2024"


def test_a_member_without_a_figure_leaves_the_custom_area_without_one(world, statistics):
    statistics["south"].observations.all().delete()
    with pytest.raises(services.ContractError, match="There is no figure for"):
        _baseline(world, statistics, "both", 140)
    # North alone still has its figure.
    assert _baseline(world, statistics, "north", 140).people == 126
