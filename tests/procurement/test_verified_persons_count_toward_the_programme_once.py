"""Persons who started work through the contract's clauses and live in the area, from
verified reports, count toward the programme's employment goal (as measurements) or an
initiative's outcome counted in persons (as values), with the contract as their source, and
each report counts once: counting again, or verifying again, adds nothing.

Worked example: the goal's baseline is 55 % of 1 200 people in employment. Verified reports
bring 1 person (Q1 2025) and 2 (Q2 2025) in 2025 and 1 (Q1 2026) in 2026, so 3 persons are
counted up to 2025 and 4 up to 2026:

    2025: 55 % + 3 / 1 200 = 55.25 %        2026: 55 % + 4 / 1 200 = 55.333 %
"""

from __future__ import annotations

from datetime import date

import pytest

from builders import make_indicator
from grogrund.initiatives.models import EffectNode, Initiative, OutcomeMeasurement
from grogrund.procurement import services
from grogrund.procurement.models import Contribution
from grogrund.programmes.models import Goal, Measurement
from procurement.builders_procurement import make_report


@pytest.fixture
def goal(world):
    return Goal.objects.create(
        programme=world.programme,
        area=world.deso,
        indicator=make_indicator("employment_20_64"),
        reference_area=world.deso.parent,
        direction="higher_is_better",
        baseline_year=2024,
        deadline_year=2034,
        baseline_share=0.55,
        reference_share=0.8,
        base=1200,
        people_needed=300,
        share_of_gap=0.3,
        target_count=90,
        target_share=0.625,
    )


@pytest.fixture
def verified(world):
    c = world.clause
    return [
        make_report(
            c,
            date(2025, 1, 1),
            date(2025, 3, 31),
            persons=1,
            new_persons=1,
            area_persons=1,
            employment_months=3,
        ),
        make_report(
            c,
            date(2025, 4, 1),
            date(2025, 6, 30),
            persons=3,
            new_persons=2,
            area_persons=2,
            employment_months=7,
        ),
        make_report(
            c,
            date(2026, 1, 1),
            date(2026, 3, 31),
            persons=4,
            new_persons=1,
            area_persons=1,
            employment_months=9,
        ),
        make_report(
            c,
            date(2026, 4, 1),
            date(2026, 6, 30),
            status="submitted",
            persons=4,
            new_persons=4,
            area_persons=4,
            employment_months=9,
        ),
    ]


def test_the_goal_gets_the_persons_as_measurements_with_their_source(world, goal, verified):
    done = services.count_toward(user=world.a_editor, contract=world.contract, goal=goal)
    assert (done.counted, done.already, done.persons, done.years) == (3, 0, 4, (2025, 2026))
    m2025 = Measurement.objects.get(goal=goal, year=2025)
    m2026 = Measurement.objects.get(goal=goal, year=2026)
    assert m2025.value == pytest.approx(0.55 + 3 / 1200)
    assert m2026.value == pytest.approx(0.55 + 4 / 1200)
    assert world.contract.name in m2025.source and "2025-06-30" in m2025.source
    assert m2025.organisation == world.a


def test_counting_again_adds_nothing(world, goal, verified):
    services.count_toward(user=world.a_editor, contract=world.contract, goal=goal)
    again = services.count_toward(user=world.a_editor, contract=world.contract, goal=goal)
    assert (again.counted, again.already, again.persons) == (0, 3, 0)
    assert Contribution.objects.count() == 3
    assert Measurement.objects.get(goal=goal, year=2026).value == pytest.approx(0.55 + 4 / 1200)


def test_a_report_verified_later_is_added_once(world, goal, verified):
    services.count_toward(user=world.a_editor, contract=world.contract, goal=goal)
    late = verified[-1]
    late.clause.contract = world.contract
    services.verify_report(user=world.a_editor, report=late)
    services.verify_report(user=world.a_editor, report=late)  # verified twice: still once
    done = services.count_toward(user=world.a_editor, contract=world.contract, goal=goal)
    assert (done.counted, done.persons, done.years) == (1, 4, (2026,))
    # 2026: 4 + 4 = 8 persons up to 2026: 55 % + 8 / 1 200.
    assert Measurement.objects.get(goal=goal, year=2026).value == pytest.approx(0.55 + 8 / 1200)
    services.count_toward(user=world.a_editor, contract=world.contract, goal=goal)
    assert Contribution.objects.count() == 4


def test_a_year_measured_from_statistics_is_not_written_over(world, goal, verified):
    Measurement.objects.create(
        goal=goal, organisation=world.a, year=2026, value=0.58, source="SCB 2026"
    )
    with pytest.raises(services.ProcurementError) as err:
        services.count_toward(user=world.a_editor, contract=world.contract, goal=goal)
    assert "SCB 2026" in str(err.value)
    assert Contribution.objects.count() == 0
    assert not Measurement.objects.filter(goal=goal, year=2025).exists()
    assert Measurement.objects.get(goal=goal, year=2026).value == 0.58


def test_an_outcome_counted_in_persons_gets_the_number_of_persons(world, verified):
    initiative = Initiative.objects.create(
        programme=world.programme, name="Jobbspår", owner=world.a
    )
    outcome = EffectNode.objects.create(
        initiative=initiative,
        stage="short_term",
        text="Boende i arbete via upphandling",
        indicator=make_indicator("persons_in_work", kind="count", unit="personer"),
    )
    services.count_toward(user=world.a_editor, contract=world.contract, outcome=outcome)
    values = dict(OutcomeMeasurement.objects.filter(outcome=outcome).values_list("year", "value"))
    assert values == {2025: 3.0, 2026: 4.0}


def test_an_outcome_followed_as_a_share_is_refused(world, verified):
    initiative = Initiative.objects.create(
        programme=world.programme, name="Jobbspår", owner=world.a
    )
    outcome = EffectNode.objects.create(
        initiative=initiative,
        stage="short_term",
        text="Fler i arbete",
        indicator=make_indicator("employment_share"),
    )
    with pytest.raises(services.ProcurementError):
        services.count_toward(user=world.a_editor, contract=world.contract, outcome=outcome)
    assert Contribution.objects.count() == 0


def test_only_the_buyers_editors_count(world, goal, verified):
    for user in (world.s_editor, world.a_viewer):
        with pytest.raises(services.NotAllowed):
            services.count_toward(user=user, contract=world.contract, goal=goal)
    assert Contribution.objects.count() == 0
