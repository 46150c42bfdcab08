"""Committed against delivered, status and penalty (vite) of an employment clause, checked by
hand (docs/procurement.md has the same worked example).

The clause asks for 24 months of full-time employment over the term 1 January 2025 –
31 December 2026 (730 days), reported per quarter; the penalty is 10 000 kr per missing month,
at most 150 000 kr. The supplier reported:

    Q1 2025  verified   5 months (2 persons, 2 new, 2 from the target group, 1 in the area)
    Q2 2025  verified   7 months (3 persons, 1 new, 1 from the target group, 1 in the area)
    Q3 2025  awaiting   8 months (not counted until verified)
    Q4 2025  returned   6 months (not counted at all)
"""

from __future__ import annotations

from datetime import date

import pytest

from grogrund.procurement import calculations as calc
from grogrund.procurement.selectors import clause_row
from procurement.builders_procurement import make_clause, make_report


@pytest.fixture
def reports(world):
    c = world.clause
    return [
        make_report(
            c,
            date(2025, 1, 1),
            date(2025, 3, 31),
            persons=2,
            new_persons=2,
            target_group_persons=2,
            area_persons=1,
            hours=860,
            employment_months=5,
        ),
        make_report(
            c,
            date(2025, 4, 1),
            date(2025, 6, 30),
            persons=3,
            new_persons=1,
            target_group_persons=1,
            area_persons=1,
            hours=1200,
            employment_months=7,
        ),
        make_report(
            c,
            date(2025, 7, 1),
            date(2025, 9, 30),
            status="submitted",
            persons=3,
            hours=1300,
            employment_months=8,
        ),
        make_report(
            c,
            date(2025, 10, 1),
            date(2025, 12, 31),
            status="returned",
            persons=3,
            hours=1000,
            employment_months=6,
        ),
    ]


def _row(world, reports, as_of):
    world.clause.contract = world.contract
    return clause_row(world.clause, reports, as_of)


def test_delivered_counts_verified_reports_only(world, reports):
    row = _row(world, reports, date(2025, 12, 31))
    assert row.delivered == 12.0  # 5 + 7
    assert row.reported == 20.0  # 5 + 7 + 8 awaiting; the returned 6 not at all
    assert row.share_delivered == 0.5  # 12 / 24


def test_half_way_through_the_term_half_is_expected_and_the_clause_is_on_track(world, reports):
    row = _row(world, reports, date(2025, 12, 31))
    # 365 of 730 days have passed: 24 × 365 / 730 = 12 months expected; 12 delivered.
    assert row.expected == pytest.approx(12.0)
    assert row.status == calc.Status.ON_TRACK


def test_a_quarter_later_the_same_delivery_is_behind(world, reports):
    row = _row(world, reports, date(2026, 3, 31))
    # 365 + 90 = 455 of 730 days: 24 × 455 / 730 = 14.96 months expected; 12 < 14.96.
    assert row.expected == pytest.approx(24 * 455 / 730)
    assert row.status == calc.Status.BEHIND


def test_the_penalty_is_what_would_be_due_until_the_term_ends(world, reports):
    row = _row(world, reports, date(2025, 12, 31))
    # 24 − 12 = 12 missing months × 10 000 kr = 120 000 kr, under the 150 000 kr cap.
    assert row.penalty.missing_units == 12.0
    assert row.penalty.amount_sek == 120_000
    assert not row.penalty.capped
    assert not row.penalty.due
    after = _row(world, reports, date(2027, 1, 1))
    assert after.penalty.due and after.penalty.amount_sek == 120_000


def test_the_penalty_stops_at_its_cap(world):
    c = world.clause
    only = [make_report(c, date(2025, 1, 1), date(2025, 3, 31), persons=2, employment_months=6)]
    row = _row(world, only, date(2027, 1, 1))
    # 24 − 6 = 18 missing months × 10 000 kr = 180 000 kr, capped at 150 000 kr.
    assert row.penalty.uncapped_sek == 180_000
    assert row.penalty.amount_sek == 150_000
    assert row.penalty.capped and row.penalty.due
    assert row.status == calc.Status.BEHIND


def test_a_clause_that_reaches_its_target_is_met_and_owes_nothing(world):
    c = world.clause
    done = [
        make_report(c, date(2025, 1, 1), date(2025, 3, 31), persons=4, employment_months=12),
        make_report(c, date(2025, 4, 1), date(2025, 6, 30), persons=4, employment_months=12),
    ]
    row = _row(world, done, date(2025, 7, 1))
    assert row.delivered == 24.0
    assert row.status == calc.Status.MET
    assert row.penalty.amount_sek == 0


def test_persons_count_those_from_the_target_group_once_when_they_start(world, reports):
    persons = make_clause(
        world.contract,
        measure="persons",
        unit="personer",
        target=6,
        penalty_sek_per_unit=20_000,
        penalty_cap_sek=None,
    )
    persons.contract = world.contract
    row = clause_row(persons, reports, date(2025, 12, 31))
    # Verified: 2 + 1 new persons from the target group; the 3 and 3 employed are headcounts.
    assert row.delivered == 3.0
    # 6 − 3 = 3 missing persons × 20 000 kr, no cap.
    assert row.penalty.amount_sek == 60_000


def test_a_share_of_hours_divides_sums_and_its_penalty_counts_percentage_points():
    verified = [
        calc.Figures(hours=860, total_hours=10_000),
        calc.Figures(hours=1200, total_hours=14_000),
    ]
    got = calc.delivered(calc.SHARE_OF_HOURS, verified)
    # (860 + 1 200) / (10 000 + 14 000) = 2 060 / 24 000 = 8.583 %, not the mean of the shares.
    assert got == pytest.approx(2060 / 24000)
    p = calc.penalty(
        calc.SHARE_OF_HOURS, 0.10, got, sek_per_unit=5000, cap_sek=None, term_over=True
    )
    # 10 % − 8.583 % = 1.4167 percentage points × 5 000 kr = 7 083 kr.
    assert p.missing_units == pytest.approx(1.41667, abs=1e-4)
    assert p.amount_sek == pytest.approx(7083.33, abs=0.01)
    # A share is on track while it holds, and met only when the term is over.
    assert calc.status(calc.SHARE_OF_HOURS, 0.08, got, 0.5) == calc.Status.ON_TRACK
    assert calc.status(calc.SHARE_OF_HOURS, 0.08, got, 1.0) == calc.Status.MET
