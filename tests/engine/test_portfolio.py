"""Portfolio review (engine.portfolio): cost per outcome and a suggestion to scale up, keep or
stop each initiative, with reasons. Worked examples checked by hand, then properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grogrund.engine.portfolio import (
    InitiativeFacts,
    OutcomeFacts,
    OutcomeStatus,
    ReasonCode,
    Suggestion,
    expected_value,
    review_outcome,
    review_portfolio,
)
from grogrund.engine.targets import Direction

UP, DOWN = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER


def _outcome(baseline, target, actual, *, direction=UP, years=(2022, 2030), measured=2025):
    return OutcomeFacts(
        name="utfall",
        direction=direction,
        baseline=baseline,
        baseline_year=years[0],
        target=target,
        target_year=years[1],
        actual=actual,
        actual_year=measured if actual is not None else None,
    )


# The three initiatives of the demo programme (initiatives/demo.py), by hand:
#
# jobs, 4 800 000 kr
#   unemployment 17 % (2022) → 12 % (2027), 14 % in 2025: change −3 of −5 points = 60 %;
#     trajectory in 2025: 17 − 5 × 3/5 = 14 % → pace 3/3 = 1.0
#   employment 55 % (2022) → 62 % (2030), 59.5 % in 2025: +4.5 of +7 = 64.29 %;
#     trajectory 55 + 7 × 3/8 = 57.625 % → pace 4.5 / 2.625 = 1.714
#   mean 62.14 %, pace 1.357 (on track); cost 4 800 000 / 62.14 = 77 241 kr per percent
# homework help, 1 900 000 kr
#   eligibility 62 → 66 % (2025), 67 % in 2025: 5/4 = 125 % (counted as 100), pace 1.25
#   eligibility 62 → 75 % (2030), 67 % in 2025: 5/13 = 38.46 %, trajectory 66.875 %,
#     pace 5 / 4.875 = 1.026
#   mean (100 + 38.46)/2 = 69.23 %; cost 1 900 000 / 69.23 = 27 444 kr per percent
# safe entrances, 6 500 000 kr
#   vandalism 1 200 → 800 kr (2025), 1 150 in 2025: 50/400 = 12.5 %, pace 0.125
#   safety 58 → 70 % (2027), 59 % in 2025: 1/12 = 8.33 %, trajectory 65.2 %, pace 1/7.2 = 0.139
#   mean 10.42 %, pace 0.132 (at risk), 3 years followed; cost 6 500 000 / 10.42 = 624 000 kr
# median of 27 444, 77 241, 624 000 = 77 241 (the jobs track itself).
JOBS = InitiativeFacts(
    1,
    "Jobbspår",
    4_800_000,
    (
        _outcome(0.17, 0.12, 0.14, direction=DOWN, years=(2022, 2027)),
        _outcome(0.55, 0.62, 0.595),
    ),
)
HOMEWORK = InitiativeFacts(
    2,
    "Läxhjälp",
    1_900_000,
    (_outcome(0.62, 0.66, 0.67, years=(2022, 2025)), _outcome(0.62, 0.75, 0.67)),
)
SAFETY = InitiativeFacts(
    3,
    "Trygga entréer",
    6_500_000,
    (
        _outcome(1200, 800, 1150, direction=DOWN, years=(2022, 2025)),
        _outcome(0.58, 0.70, 0.59, years=(2022, 2027)),
    ),
)


def test_the_demo_portfolio_worked_by_hand():
    review = review_portfolio([JOBS, HOMEWORK, SAFETY])
    jobs, homework, safety = review.reviews
    assert jobs.percent_met == pytest.approx((60 + 4.5 / 7 * 100) / 2)
    assert jobs.pace == pytest.approx((1.0 + 4.5 / 2.625) / 2)
    assert jobs.cost_per_percent == pytest.approx(77_241, abs=1)
    assert homework.percent_met == pytest.approx((100 + 5 / 13 * 100) / 2)
    assert homework.cost_per_percent == pytest.approx(27_444, abs=1)
    assert safety.percent_met == pytest.approx((12.5 + 100 / 12) / 2)
    assert safety.pace == pytest.approx((0.125 + 1 / 7.2) / 2)
    assert safety.cost_per_percent == pytest.approx(624_000, abs=1)
    assert review.median_cost_per_percent == pytest.approx(77_241, abs=1)

    assert homework.suggestion is Suggestion.SCALE_UP
    assert [r.code for r in homework.reasons] == [ReasonCode.ON_TRACK, ReasonCode.COST_BELOW_MEDIAN]
    assert jobs.suggestion is Suggestion.KEEP
    assert [r.code for r in jobs.reasons] == [ReasonCode.ON_TRACK, ReasonCode.COST_NOT_BELOW_MEDIAN]
    assert safety.suggestion is Suggestion.STOP
    assert [r.code for r in safety.reasons] == [ReasonCode.AT_RISK, ReasonCode.COST_ABOVE_MEDIAN]


def test_cost_per_outcome_unit_is_the_budget_over_the_change_the_right_way():
    # 4 800 000 kr for 3 points less unemployment: 4 800 000 / 0.03 = 160 000 000 kr per 1.0,
    # that is 1 600 000 kr per percentage point.
    r = review_outcome(_outcome(0.17, 0.12, 0.14, direction=DOWN, years=(2022, 2027)), 4_800_000)
    assert r.change == pytest.approx(-0.03)
    assert r.planned_change == pytest.approx(-0.05)
    assert r.percent_met == pytest.approx(60)
    assert r.cost_per_unit == pytest.approx(160_000_000)
    assert r.status is OutcomeStatus.ON_TRACK


def test_an_outcome_moving_the_wrong_way_has_no_cost_per_unit_and_is_at_risk():
    r = review_outcome(_outcome(0.55, 0.62, 0.54), 1_000_000)
    assert r.percent_met == pytest.approx(-1 / 7 * 100)
    assert r.cost_per_unit is None
    assert r.status is OutcomeStatus.AT_RISK


def test_the_trajectory_runs_straight_from_baseline_to_target_and_stays_there():
    o = _outcome(0.50, 0.60, None, years=(2020, 2030))
    assert expected_value(o, 2019) == 0.50
    assert expected_value(o, 2025) == pytest.approx(0.55)
    assert expected_value(o, 2035) == 0.60


@pytest.mark.parametrize(
    "facts,reason",
    [
        (InitiativeFacts(1, "x", 1e6, (_outcome(0.5, 0.6, None),)), ReasonCode.NO_MEASUREMENT),
        (InitiativeFacts(1, "x", 1e6, ()), ReasonCode.NO_MEASUREMENT),
        (
            InitiativeFacts(1, "x", 1e6, (_outcome(0.5, 0.6, 0.55, measured=2022),)),
            ReasonCode.NO_MEASUREMENT,
        ),
        (InitiativeFacts(1, "x", None, (_outcome(0.5, 0.6, 0.55),)), ReasonCode.NO_BUDGET),
        (
            InitiativeFacts(1, "x", 1e6, (_outcome(0.5, 0.6, 0.55),), stopped=True),
            ReasonCode.STOPPED,
        ),
    ],
)
def test_cannot_judge_yet_says_why(facts, reason):
    (r,) = review_portfolio([facts]).reviews
    assert r.suggestion is Suggestion.CANNOT_JUDGE
    assert [x.code for x in r.reasons] == [reason]


def test_at_risk_after_one_year_is_too_early_to_stop():
    early = InitiativeFacts(
        1, "x", 1e6, (_outcome(0.5, 0.6, 0.501, years=(2024, 2026), measured=2025),)
    )
    (r,) = review_portfolio([early]).reviews
    assert r.suggestion is Suggestion.KEEP
    assert [x.code for x in r.reasons] == [ReasonCode.AT_RISK, ReasonCode.TOO_EARLY]


def test_at_risk_but_cheaper_than_the_median_is_kept():
    # Both at risk after 3 years; the cheaper one is kept while the method is reviewed.
    cheap = InitiativeFacts(1, "billig", 100_000, (_outcome(0.5, 0.6, 0.51, years=(2022, 2026)),))
    dear = InitiativeFacts(2, "dyr", 9_000_000, (_outcome(0.5, 0.6, 0.51, years=(2022, 2026)),))
    mid = InitiativeFacts(3, "mellan", 1_000_000, (_outcome(0.5, 0.6, 0.51, years=(2022, 2026)),))
    by_name = {r.facts.name: r for r in review_portfolio([cheap, dear, mid]).reviews}
    assert by_name["billig"].suggestion is Suggestion.KEEP
    assert by_name["mellan"].suggestion is Suggestion.KEEP  # at the median: not above it
    assert by_name["dyr"].suggestion is Suggestion.STOP


def test_one_initiative_alone_is_not_scaled_up_without_a_comparison():
    (r,) = review_portfolio([HOMEWORK]).reviews
    assert r.suggestion is Suggestion.KEEP
    assert [x.code for x in r.reasons] == [ReasonCode.ON_TRACK, ReasonCode.NO_COMPARISON]


# Properties --------------------------------------------------------------------------------

# Shares on a grid of 0.1 percentage points: mirroring (1 − x) is then exact enough.
shares = st.integers(0, 1000).map(lambda k: k / 1000)
budgets = st.one_of(st.none(), st.floats(min_value=0.0, max_value=1e9, allow_nan=False))


@st.composite
def outcomes(draw):
    baseline_year = draw(st.integers(2015, 2030))
    target_year = baseline_year + draw(st.integers(1, 12))
    baseline, target = draw(shares), draw(shares)
    measured = draw(st.one_of(st.none(), st.integers(baseline_year - 1, target_year + 3)))
    return OutcomeFacts(
        name="o",
        direction=draw(st.sampled_from([UP, DOWN])),
        baseline=baseline,
        baseline_year=baseline_year,
        target=target,
        target_year=target_year,
        actual=draw(shares) if measured is not None else None,
        actual_year=measured,
    )


@st.composite
def portfolios(draw):
    n = draw(st.integers(1, 6))
    return [
        InitiativeFacts(
            key=k,
            name=f"i{k}",
            budget_sek=draw(budgets),
            outcomes=tuple(draw(st.lists(outcomes(), max_size=3))),
            stopped=draw(st.booleans()),
        )
        for k in range(n)
    ]


@settings(max_examples=300, deadline=None)
@given(portfolios())
def test_every_initiative_gets_one_suggestion_with_reasons(initiatives):
    review = review_portfolio(initiatives)
    assert [r.facts.key for r in review.reviews] == [i.key for i in initiatives]
    for r in review.reviews:
        assert isinstance(r.suggestion, Suggestion)
        assert r.reasons
        followed = any(o.status is not OutcomeStatus.NOT_FOLLOWED for o in r.outcomes)
        judgeable = (
            not r.facts.stopped
            and followed
            and r.facts.budget_sek is not None
            and r.facts.budget_sek > 0
        )
        assert (r.suggestion is not Suggestion.CANNOT_JUDGE) == judgeable
        if r.cost_per_percent is not None:
            assert r.cost_per_percent == pytest.approx(r.facts.budget_sek / r.percent_met)
        if r.percent_met is not None:
            assert r.percent_met <= 100.0 + 1e-9


@settings(max_examples=300, deadline=None)
@given(outcomes(), budgets)
def test_percent_met_does_not_depend_on_the_direction_when_mirrored(o, budget):
    """A falling target is the mirror of a rising one: 1 − x turns one into the other."""
    mirrored = OutcomeFacts(
        name=o.name,
        direction=DOWN if o.direction is UP else UP,
        baseline=1 - o.baseline,
        baseline_year=o.baseline_year,
        target=1 - o.target,
        target_year=o.target_year,
        actual=None if o.actual is None else 1 - o.actual,
        actual_year=o.actual_year,
    )
    a, b = review_outcome(o, budget), review_outcome(mirrored, budget)
    if a.status is not b.status:  # only on a threshold, where rounding may tip the light
        assert a.pace is not None and b.pace is not None
        assert any(math.isclose(a.pace, edge, abs_tol=1e-6) for edge in (1.0, 0.5))
    if a.percent_met is not None:
        assert b.percent_met == pytest.approx(a.percent_met, rel=1e-6, abs=1e-6)


RANK = {Suggestion.STOP: 0, Suggestion.KEEP: 1, Suggestion.SCALE_UP: 2}


@settings(max_examples=300, deadline=None)
@given(portfolios(), st.data())
def test_a_bigger_budget_never_improves_the_suggestion(initiatives, data):
    k = data.draw(st.integers(0, len(initiatives) - 1))
    i = initiatives[k]
    if i.budget_sek is None or i.budget_sek <= 0:
        return
    dearer = InitiativeFacts(i.key, i.name, i.budget_sek * 2, i.outcomes, i.stopped)
    before = review_portfolio(initiatives).reviews[k].suggestion
    after = review_portfolio([*initiatives[:k], dearer, *initiatives[k + 1 :]]).reviews[k]
    if before in RANK and after.suggestion in RANK:
        assert RANK[after.suggestion] <= RANK[before]
