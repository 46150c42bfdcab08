"""A measurement of a programme goal counts as the value of the outcomes linked to that goal
(following the goal's indicator) in the portfolio review, shown with its source "mätning av
målet …". The rule: one value per year — in a year with both, the outcome's own value takes
precedence — and the newest year is the latest value, so nothing is counted twice.

Worked example (as in test_portfolio_page): employment 55 % (2022) → 62 % (2030), budget
4 800 000 kr; the goal measured 59,5 % in 2025: +4,5 of +7 points = 64,29 % met; the
trajectory asks 57,625 % by 2025, so the pace is 4,5 / 2,625 = 171 %. An own value of 58 % in
2025 instead: +3 of +7 = 42,86 % met, pace 3 / 2,625 = 114 %."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from grogrund.initiatives.selectors import goal_measurement_source, portfolio
from grogrund.programmes.models import Measurement
from initiatives.builders_initiatives import make_initiative, make_outcome, measure


def _goal_measures(world, year: int, value: float) -> Measurement:
    return Measurement.objects.create(
        goal=world.goal, organisation=world.a, year=year, value=value, source="SCB RAMS"
    )


def _review(world):
    rows, _review = portfolio(world.programme)
    (row,) = rows
    return row


def _jobs(world, indicator=None):
    jobs = make_initiative(world.programme, name="Jobbspår", budget=4_800_000)
    outcome = make_outcome(jobs, indicator or world.employment, goal=world.goal)
    return jobs, outcome


def test_a_goal_measurement_is_the_latest_value_of_an_outcome_without_its_own(world):
    _jobs(world)
    gm = _goal_measures(world, 2025, 0.595)
    row = _review(world)
    (outcome,) = row.review.outcomes
    assert outcome.facts.actual == pytest.approx(0.595) and outcome.facts.actual_year == 2025
    assert outcome.percent_met == pytest.approx(4.5 / 7 * 100)
    assert outcome.pace == pytest.approx(4.5 / 2.625)
    latest = row.latest[0]
    assert latest.from_goal and latest.source == goal_measurement_source(world.goal, gm)


def test_the_portfolio_page_shows_the_value_with_its_source(world):
    _jobs(world)
    gm = _goal_measures(world, 2025, 0.595)
    page = world.client(world.partner_viewer).get(
        reverse("initiatives:portfolio", kwargs={"pk": world.programme.pk})
    )
    html = page.content.decode()
    outcome_row = html.split('class="outcome-row"')[1].split("</tr>")[0]
    with translation.override("sv"):
        source = goal_measurement_source(world.goal, gm)
    assert source.startswith("mätning av målet") or source.startswith("measurement of the goal")
    assert "59,5\u00a0%" in outcome_row and "(2025)" in outcome_row
    assert source in outcome_row and "Förvärvsarbetande, Testby" in outcome_row
    initiative_row = html.split('class="initiative-row"')[1].split("</tr>")[0]
    assert "64 %" in initiative_row and "171\u00a0%" in initiative_row


def test_in_the_same_year_the_outcomes_own_value_takes_precedence(world):
    _jobs_initiative, outcome = _jobs(world)
    measure(outcome, 2025, 0.58)
    _goal_measures(world, 2025, 0.595)
    row = _review(world)
    (result,) = row.review.outcomes
    assert result.facts.actual == pytest.approx(0.58)
    assert result.percent_met == pytest.approx(3 / 7 * 100)
    assert not row.latest[0].from_goal and row.latest[0].source == "Test"


def test_a_newer_goal_measurement_is_the_latest_value(world):
    _jobs_initiative, outcome = _jobs(world)
    measure(outcome, 2024, 0.56)
    _goal_measures(world, 2025, 0.595)
    (result,) = _review(world).review.outcomes
    assert (result.facts.actual, result.facts.actual_year) == (pytest.approx(0.595), 2025)


def test_an_outcome_following_another_indicator_does_not_take_the_goals_figure(world):
    # Unemployment is not employment: the goal's 59,5 % is not a value of this outcome.
    _jobs(world, indicator=world.unemployment)
    _goal_measures(world, 2025, 0.595)
    row = _review(world)
    (result,) = row.review.outcomes
    assert result.facts.actual is None and row.latest == {}


def test_the_initiative_page_shows_the_goal_measurement_as_the_latest_value(world):
    jobs, _outcome = _jobs(world)
    gm = _goal_measures(world, 2025, 0.595)
    page = world.client(world.viewer).get(
        reverse("initiatives:detail", args=[world.programme.pk, jobs.pk])
    )
    table = page.content.decode().split('id="outcome-table"')[1].split("</table>")[0]
    with translation.override("sv"):
        source = goal_measurement_source(world.goal, gm)
    assert "59,5\u00a0%" in table and source in table
