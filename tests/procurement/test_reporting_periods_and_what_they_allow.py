"""Reporting periods are calendar periods clipped to the term, and each allows at most
40 hours a week and one month of full-time employment per calendar month, per person."""

from __future__ import annotations

from datetime import date

import pytest

from grogrund.procurement import calculations as calc


def test_quarters_of_a_two_year_term():
    found = calc.periods(date(2025, 1, 1), date(2026, 12, 31), "quarter")
    assert len(found) == 8
    assert found[0] == calc.Period(date(2025, 1, 1), date(2025, 3, 31))
    assert found[-1] == calc.Period(date(2026, 10, 1), date(2026, 12, 31))


def test_a_term_that_starts_mid_quarter_has_a_short_first_period():
    found = calc.periods(date(2025, 3, 15), date(2025, 8, 10), "quarter")
    assert found == [
        calc.Period(date(2025, 3, 15), date(2025, 3, 31)),
        calc.Period(date(2025, 4, 1), date(2025, 6, 30)),
        calc.Period(date(2025, 7, 1), date(2025, 8, 10)),
    ]


@pytest.mark.parametrize("kind,count", [("month", 24), ("half_year", 4), ("year", 2)])
def test_other_period_lengths(kind, count):
    assert len(calc.periods(date(2025, 1, 1), date(2026, 12, 31), kind)) == count


def test_what_a_quarter_allows_two_persons():
    q1 = calc.Period(date(2025, 1, 1), date(2025, 3, 31))
    # 90 days = 12.857 weeks; 2 persons × 40 h × 12.857 = 1 028.6 hours.
    assert q1.weeks == pytest.approx(90 / 7)
    assert q1.max_hours(2) == pytest.approx(2 * 40 * 90 / 7)
    # January, February and March whole: 3 months; 2 persons: 6 months of full-time work.
    assert q1.months == pytest.approx(3.0)
    assert q1.max_months(2) == pytest.approx(6.0)


def test_part_of_a_month_counts_by_its_days():
    # 15–31 March: 17 of 31 days.
    assert calc.Period(date(2025, 3, 15), date(2025, 3, 31)).months == pytest.approx(17 / 31)
