"""Portfolio review: cost per outcome for each initiative of a programme and a suggestion to
scale up, keep or stop it, with the reasons (model step 12, "Uppföljning"; Handslagsmodellen,
seed 004: "scale up what works and drop what doesn't").

Per outcome, with baseline ``b`` (year ``y_b``), target ``t`` (year ``y_t``) and the latest
measured value ``a`` (year ``y``), ``s`` = +1 when higher is better, −1 when lower is better
(the same arithmetic as ``engine.targets``):

* change achieved, in the indicator's unit: ``a − b``; planned change: ``t − b``;
* percent of target met: ``100 × s(a − b) / s(t − b)``;
* expected by ``y`` (straight trajectory): ``b + (t − b) × (y − y_b) / (y_t − y_b)``, from ``y_t``
  on the target itself;
* pace: ``s(a − b) / s(expected − b)``: 1 means exactly on the trajectory;
* cost per outcome unit: ``budget / |a − b|`` when the change goes the right way.

Per initiative: pace is the mean pace of its followed outcomes; outcome achieved is the mean
percent met, each outcome counted at most ``PERCENT_CAP`` so one outcome beyond its target
cannot hide another that lags; cost per percent of target met is ``budget / achieved`` — the
figure compared across initiatives, whose outcomes are in different units.

Suggestion (the rules, in order; the thresholds are conventions of this project, not a
published standard, and are shown with every reason):

1. stopped, without budget, or with no outcome measured after its baseline year → cannot judge;
2. on track (pace ≥ 1): scale up when the cost per percent is below the programme's median
   (of initiatives with a cost to compare, at least ``MIN_TO_COMPARE``), else keep;
3. behind (``AT_RISK_PACE`` ≤ pace < 1) → keep, and look at the method;
4. at risk (pace < ``AT_RISK_PACE``): keep when followed fewer than ``MIN_YEARS_TO_STOP`` years
   (too early), keep when the cost per percent is at or below the median, else stop.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from grogrund.engine.targets import AT_RISK_FRACTION, Direction

#: Pace below this share of the trajectory is "at risk" (the same traffic light as goals).
AT_RISK_PACE = AT_RISK_FRACTION
#: An outcome counts at most this percent of its target in an initiative's mean.
PERCENT_CAP = 100.0
#: An initiative is not stopped on less than this many years of follow-up after its baseline.
MIN_YEARS_TO_STOP = 2
#: A median needs at least this many initiatives with a cost per percent.
MIN_TO_COMPARE = 2


class Suggestion(StrEnum):
    SCALE_UP = "scale_up"
    KEEP = "keep"
    STOP = "stop"
    CANNOT_JUDGE = "cannot_judge"


class OutcomeStatus(StrEnum):
    ON_TRACK = "on_track"
    BEHIND = "behind"
    AT_RISK = "at_risk"
    NOT_FOLLOWED = "not_followed"


class ReasonCode(StrEnum):
    STOPPED = "stopped"
    NO_BUDGET = "no_budget"
    NO_MEASUREMENT = "no_measurement"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    AT_RISK = "at_risk"
    COST_BELOW_MEDIAN = "cost_below_median"
    COST_NOT_BELOW_MEDIAN = "cost_not_below_median"
    COST_ABOVE_MEDIAN = "cost_above_median"
    COST_NOT_ABOVE_MEDIAN = "cost_not_above_median"
    NO_PROGRESS = "no_progress"
    NO_COMPARISON = "no_comparison"
    TOO_EARLY = "too_early"


@dataclass(frozen=True)
class OutcomeFacts:
    """An outcome's baseline, target and latest measurement (``actual`` None: not measured)."""

    name: str
    direction: Direction
    baseline: float
    baseline_year: int
    target: float
    target_year: int
    actual: float | None = None
    actual_year: int | None = None


@dataclass(frozen=True)
class InitiativeFacts:
    key: int
    name: str
    budget_sek: float | None
    outcomes: tuple[OutcomeFacts, ...] = ()
    stopped: bool = False


@dataclass(frozen=True)
class OutcomeResult:
    facts: OutcomeFacts
    status: OutcomeStatus
    change: float | None = None  # a − b, in the indicator's unit
    planned_change: float | None = None  # t − b
    expected: float | None = None  # on the trajectory in the measured year
    percent_met: float | None = None
    pace: float | None = None
    cost_per_unit: float | None = None  # kr per unit of change the right way


@dataclass(frozen=True)
class Reason:
    code: ReasonCode
    values: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class InitiativeReview:
    facts: InitiativeFacts
    suggestion: Suggestion
    reasons: tuple[Reason, ...]
    outcomes: tuple[OutcomeResult, ...]
    percent_met: float | None = None  # mean, each outcome capped at PERCENT_CAP
    pace: float | None = None
    years_followed: int | None = None
    cost_per_percent: float | None = None  # kr per percent of target met


@dataclass(frozen=True)
class PortfolioReview:
    reviews: tuple[InitiativeReview, ...]
    median_cost_per_percent: float | None


def _sign(direction: Direction | str) -> int:
    return 1 if Direction(direction) is Direction.HIGHER_IS_BETTER else -1


def expected_value(o: OutcomeFacts, year: int) -> float:
    """The value the straight trajectory from baseline to target asks for in ``year``."""
    if year <= o.baseline_year:
        return o.baseline
    if year >= o.target_year:
        return o.target
    span = o.target_year - o.baseline_year
    return o.baseline + (o.target - o.baseline) * (year - o.baseline_year) / span


def review_outcome(o: OutcomeFacts, budget_sek: float | None) -> OutcomeResult:
    """Change, percent met, pace and cost per unit of one outcome (see the module docstring).

    An outcome is not followed when it has no measurement after its baseline year, or when its
    target does not improve on its baseline in the indicator's direction."""
    s = _sign(o.direction)
    planned = o.target - o.baseline
    if (
        o.actual is None
        or o.actual_year is None
        or o.actual_year <= o.baseline_year
        or o.target_year <= o.baseline_year
        or s * planned <= 0
    ):
        return OutcomeResult(o, OutcomeStatus.NOT_FOLLOWED)
    change = o.actual - o.baseline
    expected = expected_value(o, o.actual_year)
    percent = 100.0 * (s * change) / (s * planned)
    pace = (s * change) / (s * (expected - o.baseline))
    if pace >= 1.0 - 1e-9:
        status = OutcomeStatus.ON_TRACK
    elif pace >= AT_RISK_PACE:
        status = OutcomeStatus.BEHIND
    else:
        status = OutcomeStatus.AT_RISK
    cost = budget_sek / (s * change) if budget_sek is not None and s * change > 0 else None
    return OutcomeResult(o, status, change, planned, expected, percent, pace, cost)


def _initiative_figures(
    facts: InitiativeFacts,
) -> tuple[tuple[OutcomeResult, ...], float | None, float | None, int | None, float | None]:
    results = tuple(review_outcome(o, facts.budget_sek) for o in facts.outcomes)
    followed = [r for r in results if r.status is not OutcomeStatus.NOT_FOLLOWED]
    if not followed:
        return results, None, None, None, None
    percent = statistics.fmean(min(PERCENT_CAP, r.percent_met or 0.0) for r in followed)
    pace = statistics.fmean(r.pace or 0.0 for r in followed)
    years = max((r.facts.actual_year or 0) - r.facts.baseline_year for r in followed)
    cost = (
        facts.budget_sek / percent
        if facts.budget_sek is not None and facts.budget_sek > 0 and percent > 0
        else None
    )
    return results, percent, pace, years, cost


def review_portfolio(initiatives: Sequence[InitiativeFacts]) -> PortfolioReview:
    """Review every initiative of a programme against the others (rules in the docstring)."""
    figures = {i.key: _initiative_figures(i) for i in initiatives}
    costs = [f[4] for i in initiatives if (f := figures[i.key])[4] is not None and not i.stopped]
    median = statistics.median(costs) if len(costs) >= MIN_TO_COMPARE else None
    reviews = []
    for i in initiatives:
        outcomes, percent, pace, years, cost = figures[i.key]
        suggestion, reasons = _suggest(i, percent, pace, years, cost, median)
        reviews.append(
            InitiativeReview(i, suggestion, tuple(reasons), outcomes, percent, pace, years, cost)
        )
    return PortfolioReview(tuple(reviews), median)


def _suggest(
    i: InitiativeFacts,
    percent: float | None,
    pace: float | None,
    years: int | None,
    cost: float | None,
    median: float | None,
) -> tuple[Suggestion, list[Reason]]:
    if i.stopped:
        return Suggestion.CANNOT_JUDGE, [Reason(ReasonCode.STOPPED)]
    if percent is None or pace is None or years is None:
        return Suggestion.CANNOT_JUDGE, [Reason(ReasonCode.NO_MEASUREMENT)]
    if i.budget_sek is None or i.budget_sek <= 0:
        return Suggestion.CANNOT_JUDGE, [Reason(ReasonCode.NO_BUDGET)]
    compare: Reason
    if cost is None:
        compare = Reason(ReasonCode.NO_PROGRESS, {"percent": percent})
    elif median is None:
        compare = Reason(ReasonCode.NO_COMPARISON, {"cost": cost})
    elif cost < median:
        compare = Reason(ReasonCode.COST_BELOW_MEDIAN, {"cost": cost, "median": median})
    elif cost > median:
        compare = Reason(ReasonCode.COST_ABOVE_MEDIAN, {"cost": cost, "median": median})
    else:
        compare = Reason(ReasonCode.COST_NOT_BELOW_MEDIAN, {"cost": cost, "median": median})
    cheap = compare.code is ReasonCode.COST_BELOW_MEDIAN
    if pace >= 1.0 - 1e-9:
        track = Reason(ReasonCode.ON_TRACK, {"pace": pace, "percent": percent})
        if cheap:
            return Suggestion.SCALE_UP, [track, compare]
        return Suggestion.KEEP, [track, compare]
    if pace >= AT_RISK_PACE:
        return Suggestion.KEEP, [
            Reason(ReasonCode.BEHIND, {"pace": pace, "percent": percent}),
            compare,
        ]
    risk = Reason(ReasonCode.AT_RISK, {"pace": pace, "percent": percent})
    if years < MIN_YEARS_TO_STOP:
        return Suggestion.KEEP, [
            risk,
            Reason(ReasonCode.TOO_EARLY, {"years": years, "min_years": MIN_YEARS_TO_STOP}),
        ]
    if compare.code in {ReasonCode.COST_BELOW_MEDIAN, ReasonCode.COST_NOT_BELOW_MEDIAN}:
        return Suggestion.KEEP, [risk, Reason(ReasonCode.COST_NOT_ABOVE_MEDIAN, compare.values)]
    return Suggestion.STOP, [risk, compare]
