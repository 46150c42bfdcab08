"""Persons who started work through procurement clauses count toward the programme's goal
with their source and never twice: not when two clauses of one contract report the same
period, not when one contract is counted both toward the goal and toward an outcome linked to
it, not when counting is repeated; the goal's page shows them ("of which through procurement
clauses"), and a year measured from the statistics is never written over.

The worked example (contract "Stambyte Testby", new persons living in the area):
- employment clause (quarters): Q1 2025 2, Q1 2026 1 → up to 2025: 2, up to 2026: 3;
- internship clause of the same contract (half-years): H1 2025 1, H1 2026 1 → 1 and 2;
- the contract: the larger clause, max(2, 1) = 2 up to 2025, max(3, 2) = 3 up to 2026
  (the sum, 3 and 5, could count a trainee who was later employed twice);
- contract "Trappstädning Testby" (another supplier): H1 2026 4 → the goal's 2026: 3 + 4 = 7.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from builders import make_indicator
from grogrund.initiatives.models import EffectNode, Initiative, OutcomeMeasurement
from grogrund.procurement import calculations as calc
from grogrund.procurement import selectors, services
from grogrund.procurement.models import Contribution
from grogrund.programmes.models import Goal, Measurement
from procurement.builders_procurement import make_clause, make_report


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
def reports(world):
    internship = make_clause(
        world.contract,
        kind="internship",
        name="Praktik",
        measure="persons",
        unit="praktikanter",
        target=4,
        reporting_period="half_year",
        penalty_kind="none",
        penalty_sek_per_unit=None,
        penalty_cap_sek=None,
    )
    q = world.clause
    make_report(q, date(2025, 1, 1), date(2025, 3, 31), persons=2, new_persons=2, area_persons=2)
    make_report(q, date(2026, 1, 1), date(2026, 3, 31), persons=3, new_persons=1, area_persons=1)
    make_report(
        internship, date(2025, 1, 1), date(2025, 6, 30), persons=1, new_persons=1, area_persons=1
    )
    make_report(
        internship, date(2026, 1, 1), date(2026, 6, 30), persons=1, new_persons=1, area_persons=1
    )
    return internship


def _outcome(world, goal):
    initiative = Initiative.objects.create(
        programme=world.programme, name="Jobbspår", owner=world.a
    )
    return EffectNode.objects.create(
        initiative=initiative,
        stage="short_term",
        text="Boende i arbete via upphandling",
        indicator=make_indicator("persons_in_work", kind="count", unit="personer"),
        goal=goal,
    )


def test_the_rule_by_hand():
    rows = [
        calc.CountedReport(contract=1, clause=1, year=2025, persons=2),
        calc.CountedReport(contract=1, clause=1, year=2026, persons=1),
        calc.CountedReport(contract=1, clause=2, year=2025, persons=1),
        calc.CountedReport(contract=1, clause=2, year=2026, persons=1),
        calc.CountedReport(contract=2, clause=3, year=2026, persons=4),
    ]
    # 2025: max(2, 1) = 2; 2026: max(2 + 1, 1 + 1) + 4 = 7.
    assert calc.persons_up_to(rows) == {2025: 2, 2026: 7}
    assert calc.persons_up_to([]) == {}


def test_two_clauses_of_one_contract_count_as_the_larger(world, goal, reports):
    done = services.count_toward(
        user=world.a_editor, contract=world.contract, goal=goal, write_measurements=False
    )
    # Four reports counted; 3 persons (not 2 + 1 + 1 + 1 = 5); no measurement written.
    assert (done.counted, done.persons, done.years) == (4, 3, ())
    assert not Measurement.objects.filter(goal=goal).exists()
    counted = selectors.goal_procurement(goal)
    assert (counted.persons, counted.year) == (3, 2026)
    assert [(c.name, c.persons, c.verified_to) for c in counted.contracts] == [
        ("Stambyte Testby", 3, date(2026, 6, 30))
    ]


def test_a_second_contract_adds_its_own_persons(world, goal, reports):
    other = world.other_contract
    other.programme = world.programme
    other.save()
    make_report(
        other.clauses.get(),
        date(2026, 1, 1),
        date(2026, 3, 31),
        persons=4,
        new_persons=4,
        area_persons=4,
    )
    for contract in (world.contract, other):
        services.count_toward(
            user=world.a_editor, contract=contract, goal=goal, write_measurements=False
        )
    counted = selectors.goal_procurement(goal)
    assert counted.persons == 7  # 3 + 4
    assert [(c.name, c.persons) for c in counted.contracts] == [
        ("Stambyte Testby", 3),
        ("Trappstädning Testby", 4),
    ]


def test_the_goal_and_an_outcome_linked_to_it_count_each_report_once(world, goal, reports):
    outcome = _outcome(world, goal)
    services.count_toward(
        user=world.a_editor, contract=world.contract, goal=goal, write_measurements=False
    )
    services.count_toward(user=world.a_editor, contract=world.contract, outcome=outcome)
    # The outcome's values: the persons up to each year (2 and 3), with their source.
    values = OutcomeMeasurement.objects.filter(outcome=outcome).order_by("year")
    assert [(m.year, m.value) for m in values] == [(2025, 2.0), (2026, 3.0)]
    assert "Stambyte Testby" in values[1].source and "2026-06-30" in values[1].source
    # Counted two ways, shown once: 3 persons, not 6.
    counted = selectors.goal_procurement(goal)
    assert counted.persons == 3
    assert len(counted.contracts) == 1 and len(counted.contracts[0].toward) == 2


def test_counting_without_measurements_works_beside_the_statistics(world, goal, reports):
    Measurement.objects.create(
        goal=goal, organisation=world.a, year=2026, value=0.58, source="SCB 2026"
    )
    services.count_toward(
        user=world.a_editor, contract=world.contract, goal=goal, write_measurements=False
    )
    again = services.count_toward(
        user=world.a_editor, contract=world.contract, goal=goal, write_measurements=False
    )
    assert (again.counted, again.already, again.persons) == (0, 4, 0)
    assert Contribution.objects.filter(goal=goal).count() == 4
    assert list(Measurement.objects.filter(goal=goal).values_list("year", "value")) == [
        (2026, 0.58)
    ]


def test_an_estimate_replaced_by_the_statistics_is_never_written_over(world, goal):
    q = world.clause
    make_report(q, date(2025, 1, 1), date(2025, 3, 31), persons=2, new_persons=2, area_persons=2)
    services.count_toward(user=world.a_editor, contract=world.contract, goal=goal)
    # 2025: 55 % + 2 / 1 200 (the estimate), then the statistics replace it.
    m = Measurement.objects.get(goal=goal, year=2025)
    assert m.value == pytest.approx(0.55 + 2 / 1200)
    m.value, m.source = 0.57, "SCB 2025"
    m.save()
    make_report(q, date(2026, 1, 1), date(2026, 3, 31), persons=3, new_persons=1, area_persons=1)
    done = services.count_toward(user=world.a_editor, contract=world.contract, goal=goal)
    assert done.years == (2026,)
    assert Measurement.objects.get(goal=goal, year=2025).source == "SCB 2025"
    # 2026: 55 % + 3 / 1 200.
    assert Measurement.objects.get(goal=goal, year=2026).value == pytest.approx(0.55 + 3 / 1200)


def test_the_goal_page_shows_the_persons_and_their_source(world, goal, reports):
    services.count_toward(
        user=world.a_editor, contract=world.contract, goal=goal, write_measurements=False
    )
    url = reverse("programmes:goal", kwargs={"pk": world.programme.pk, "goal": goal.pk})
    page = world.client(world.a_viewer).get(url).content.decode()
    assert 'id="goal-procurement"' in page
    assert 'id="procurement-persons">3 ' in page
    assert "Stambyte Testby" in page
    # A goal nothing was counted toward shows no such section.
    Contribution.objects.all().delete()
    page = world.client(world.a_viewer).get(url).content.decode()
    assert 'id="goal-procurement"' not in page


def test_the_form_counts_without_measurements_by_default(world, goal, reports):
    url = reverse("procurement:count", kwargs={"pk": world.contract.pk})
    response = world.client(world.a_editor).post(url, {"target": f"goal:{goal.pk}"})
    assert response.status_code == 302
    assert Contribution.objects.filter(goal=goal).count() == 4
    assert not Measurement.objects.filter(goal=goal).exists()
