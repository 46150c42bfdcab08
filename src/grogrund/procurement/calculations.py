"""Pure arithmetic of social clauses (no Django): reporting periods, what a period allows,
committed against delivered, status and penalty (vite). docs/procurement.md has the worked
example; tests/procurement/test_committed_delivered_and_penalty.py checks it by hand.

Definitions:
- Reporting periods are calendar periods (months, quarters Jan–Mar…, half-years, years)
  clipped to the contract's term, so a term starting 15 March has a first quarter of
  15–31 March.
- A period allows at most `HOURS_PER_WEEK` hours per person per week (days / 7 weeks), and at
  most one month of full-time employment per person per calendar month it covers (a part of a
  month counts by its share of that month's days).
- Delivered (verified reports only): persons = Σ new persons from the target group (new
  persons are counted once, in the period they start); months = Σ full-time months;
  hours = Σ hours; share of hours = Σ hours / Σ all labour hours; count = Σ quantity; share
  of value = Σ quantity / Σ out of.
- Expected to date = target × the share of the term's days that have passed (a straight line
  from nothing at the start to the target at the end); for a share, the target itself.
- Status: met when the delivery reaches the target (a share only when the term is over);
  on track when it reaches what is expected to date; behind otherwise.
- Penalty (vite), `per_missing_unit`: rate × max(0, target − delivered) at the end of the
  term, at most the cap; for a share the missing units are percentage points. Before the end
  the same sum is shown as what would be due if nothing more were delivered.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

#: The most a person works in a week in these checks: a full-time week in Sweden is 40 hours
#: (arbetstidslagen 1982:673, 5 §), overtime aside.
HOURS_PER_WEEK = 40
DAYS_PER_WEEK = 7

MONTH, QUARTER, HALF_YEAR, YEAR = "month", "quarter", "half_year", "year"
_MONTHS_PER_PERIOD = {MONTH: 1, QUARTER: 3, HALF_YEAR: 6, YEAR: 12}


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def weeks(self) -> float:
        return self.days / DAYS_PER_WEEK

    @property
    def months(self) -> float:
        """Calendar months covered, a part of a month by its share of that month's days."""
        total = 0.0
        day = self.start
        while day <= self.end:
            last = date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
            until = min(last, self.end)
            total += ((until - day).days + 1) / last.day
            day = until + timedelta(days=1)
        return total

    def max_hours(self, persons: int) -> float:
        return persons * HOURS_PER_WEEK * self.weeks

    def max_months(self, persons: int) -> float:
        return persons * self.months


def _period_containing(day: date, kind: str) -> Period:
    length = _MONTHS_PER_PERIOD[kind]
    first_month = (day.month - 1) // length * length + 1
    last_month = first_month + length - 1
    last_day = calendar.monthrange(day.year, last_month)[1]
    return Period(date(day.year, first_month, 1), date(day.year, last_month, last_day))


def periods(start: date, end: date, kind: str) -> list[Period]:
    """The reporting periods of a term from `start` to `end` (both included): calendar
    periods of `kind` clipped to the term."""
    if kind not in _MONTHS_PER_PERIOD:
        raise ValueError(kind)
    out: list[Period] = []
    day = start
    while day <= end:
        whole = _period_containing(day, kind)
        out.append(Period(max(whole.start, start), min(whole.end, end)))
        day = whole.end + timedelta(days=1)
    return out


def term_share_passed(start: date, end: date, as_of: date) -> float:
    """The share of the term's days from `start` to `as_of` (both included), 0–1."""
    if as_of < start:
        return 0.0
    if as_of >= end:
        return 1.0
    return ((as_of - start).days + 1) / ((end - start).days + 1)


# --- delivered ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    """One verified report's figures (DeliveryReport's fields)."""

    persons: int = 0
    new_persons: int = 0
    target_group_persons: int = 0
    area_persons: int = 0
    hours: float = 0.0
    employment_months: float = 0.0
    total_hours: float | None = None
    quantity: float | None = None
    base: float | None = None


PERSONS, EMPLOYMENT_MONTHS, HOURS = "persons", "employment_months", "hours"
SHARE_OF_HOURS, COUNT, SHARE_OF_VALUE = "share_of_hours", "count", "share_of_value"
SHARES = (SHARE_OF_HOURS, SHARE_OF_VALUE)


def delivered(measure: str, reports: Iterable[Figures]) -> float:
    """What the reports delivered in the clause's measure (a share 0–1 for share measures;
    0 when nothing is reported, or when a share has nothing to be a share of)."""
    rows = list(reports)
    if measure == PERSONS:
        return float(sum(r.target_group_persons for r in rows))
    if measure == EMPLOYMENT_MONTHS:
        return float(sum(r.employment_months for r in rows))
    if measure == HOURS:
        return float(sum(r.hours for r in rows))
    if measure == COUNT:
        return float(sum(r.quantity or 0.0 for r in rows))
    if measure == SHARE_OF_HOURS:
        whole = sum(r.total_hours or 0.0 for r in rows)
        return sum(r.hours for r in rows) / whole if whole else 0.0
    if measure == SHARE_OF_VALUE:
        whole = sum(r.base or 0.0 for r in rows)
        return sum(r.quantity or 0.0 for r in rows) / whole if whole else 0.0
    raise ValueError(measure)


# --- status and penalty ----------------------------------------------------------------------


class Status(StrEnum):
    ON_TRACK = "on_track"
    BEHIND = "behind"
    MET = "met"


def expected(measure: str, target: float, share_passed: float) -> float:
    """What should be delivered by now on a straight line to the target; a share's target
    holds at every moment."""
    if measure in SHARES:
        return target
    return target * share_passed


def status(measure: str, target: float, got: float, share_passed: float) -> Status:
    # A tiny tolerance: 0.1 + 0.2 months are 0.3 months.
    eps = 1e-9
    term_over = share_passed >= 1.0
    if got + eps >= target and (measure not in SHARES or term_over):
        return Status.MET
    if got + eps >= expected(measure, target, share_passed):
        return Status.ON_TRACK
    return Status.BEHIND


@dataclass(frozen=True)
class Penalty:
    missing_units: float  # in the clause's unit; percentage points for a share
    amount_sek: float  # what is (or would be) due, after the cap
    uncapped_sek: float
    capped: bool
    due: bool  # the term is over: the amount is due, not only what would be due


NO_PENALTY = Penalty(0.0, 0.0, 0.0, False, False)


def penalty(
    measure: str,
    target: float,
    got: float,
    *,
    sek_per_unit: float | None,
    cap_sek: float | None,
    term_over: bool,
) -> Penalty:
    """The penalty of a clause with a per-missing-unit rule (see the module's docstring)."""
    if not sek_per_unit:
        return NO_PENALTY
    missing = max(0.0, target - got)
    if measure in SHARES:
        missing *= 100  # percentage points
    if missing < 1e-9:
        missing = 0.0
    uncapped = missing * sek_per_unit
    amount = min(uncapped, cap_sek) if cap_sek is not None else uncapped
    return Penalty(missing, amount, uncapped, amount < uncapped, term_over)


# --- persons counted toward a programme ----------------------------------------------------------


@dataclass(frozen=True)
class CountedReport:
    """One verified report counted toward a goal or an outcome: the new persons living in the
    area who started in a period ending in `year`."""

    contract: int
    clause: int
    year: int
    persons: int


def persons_up_to(rows: Iterable[CountedReport]) -> dict[int, int]:
    """Persons counted up to each year that has a counted report, never counting a person twice.

    - Within a clause, new persons are counted once, in the period they start, so a clause's
      persons up to year Y are the sum of its reports up to Y.
    - Within a contract, two clauses may report the same person (a trainee under one clause,
      employed under another): the reports hold counts, not people, so nobody can tell. The
      contract's persons up to Y are the largest of its clauses' sums, never their total: a
      person is never counted twice (some may be counted too few).
    - Contracts are summed: each has its own supplier and its own people.

    Example: contract 1 has clause a with 2 (2025) and 1 (2026), clause b with 1 (2025) and
    1 (2026); contract 2 has clause c with 4 (2026). Up to 2025: max(2, 1) = 2; up to 2026:
    max(3, 2) + 4 = 7."""
    rows = list(rows)
    years = sorted({r.year for r in rows})
    by_clause: dict[tuple[int, int], dict[int, int]] = {}
    for r in rows:
        per_year = by_clause.setdefault((r.contract, r.clause), {})
        per_year[r.year] = per_year.get(r.year, 0) + r.persons
    out: dict[int, int] = {}
    for year in years:
        best: dict[int, int] = {}
        for (contract, _clause), per_year in by_clause.items():
            upto = sum(n for y, n in per_year.items() if y <= year)
            best[contract] = max(best.get(contract, 0), upto)
        out[year] = sum(best.values())
    return out
