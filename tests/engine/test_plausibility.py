"""A typed figure is questioned when it is further from the known values and the planned
trajectory than three times the largest change seen (never less than a fifth of the value),
and the reading the typist probably meant is suggested: a lost decimal comma, a percent typed
for a share, a thousands separator read as a decimal sign.

Worked examples, by hand:
- History 5,0 / 5,4 / 5,2 (%), largest change 0,4, tolerance max(3 × 0,4, 0,2 × 5,2) = 1,2
  around 5,2. "5,5" typed as 55 is 49,8 away: questioned; 5,5 is 0,3 away: suggested.
- History 0,15 / 0,16 / 0,14 (%), tolerance max(0,06, 0,028) = 0,06 around 0,14. 55 is
  questioned; no reading is within 0,06 (0,055 is 0,085 away), but 0,55 is the first reading
  within a factor 10 of 0,14 (3,9 ×) while 55 is not (390 ×): "Did you mean 0,55 %?".
- A share typed as a fraction: history 50 / 51 (%), 0,5 typed: 50 is suggested.
- Employment goal 55 % → 66 % over 2024–2034 (1,1 pp a year), measured 58 % in 2026: the
  trajectory asks for 57,2 %, tolerance max(3,3, 11,4) around it: plausible.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grogrund.engine.plausibility import SLIPS, check, largest_change

HISTORY_AROUND_5 = {2021: 5.0, 2022: 5.4, 2023: 5.2}
HISTORY_AROUND_0_15 = {2020: 0.15, 2021: 0.16, 2022: 0.14}


def test_a_lost_decimal_comma_is_caught_and_the_comma_suggested() -> None:
    verdict = check(55, 2024, HISTORY_AROUND_5, lower=0, upper=100)
    assert not verdict.plausible
    assert verdict.suggestion == 5.5
    assert verdict.reference == 5.2


def test_a_value_near_the_history_is_plausible() -> None:
    assert check(5.5, 2024, HISTORY_AROUND_5).plausible
    # The tolerance is three times the largest change (0,4): 1,2 from the highest known value
    # (5,4 in 2022), and from the lowest (5,0) on the way down.
    assert check(6.6, 2024, HISTORY_AROUND_5).plausible
    assert not check(6.7, 2024, HISTORY_AROUND_5).plausible
    assert check(3.8, 2024, HISTORY_AROUND_5).plausible
    assert not check(3.7, 2024, HISTORY_AROUND_5).plausible


def test_a_level_seen_before_is_plausible_in_any_year() -> None:
    # A steady rise from 1 to 8: typing 1 again for 2030 is a return to a known level, not a
    # slip, though it is further from 8 (the nearest year) than three times the yearly change.
    rise = {2020 + i: float(1 + i) for i in range(8)}
    verdict = check(1.0, 2030, rise)
    assert verdict.plausible
    assert verdict.reference == 8.0
    assert not check(11.5, 2030, rise).plausible  # 3,5 above every known level: questioned


def test_a_percent_where_the_history_is_around_a_fraction_of_a_percent() -> None:
    verdict = check(55, 2023, HISTORY_AROUND_0_15, lower=0, upper=100)
    assert not verdict.plausible
    assert verdict.suggestion == 0.55


def test_a_share_typed_as_a_fraction_is_read_as_percent() -> None:
    verdict = check(0.5, 2023, {2020: 50, 2021: 51}, lower=0, upper=100)
    assert not verdict.plausible and verdict.suggestion == 50


def test_no_suggestion_when_no_reading_fits() -> None:
    # 15 → 55 is a large jump but of the same order of magnitude: asked, nothing suggested.
    verdict = check(55, 2023, {2020: 15.0, 2021: 15.0}, lower=0, upper=100)
    assert not verdict.plausible and verdict.suggestion is None


def test_a_suggestion_stays_within_the_bounds() -> None:
    # 9 × 10 = 90 fits a history around 90; 9 × 100 = 900 fits one around 900 but is no
    # percent (above 100), and nothing else fits.
    verdict = check(9, 2023, {2020: 90.0, 2021: 91.0}, lower=0, upper=100)
    assert verdict.suggestion == 90
    assert check(9, 2023, {2020: 900.0, 2021: 910.0}, upper=100).suggestion is None


def test_close_to_the_trajectory_is_plausible_even_far_from_the_history() -> None:
    path = {y: 55 + 1.1 * (y - 2024) for y in range(2024, 2035)}
    assert check(58, 2026, {2024: 55.0}, path).plausible
    assert check(66, 2034, {2024: 55.0}, path).plausible


def test_the_target_reached_early_is_no_slip() -> None:
    # 5 % → 10 % over 2024–2034, 0,5 pp a year. In 2025 the plan asks for 5,5 % and the
    # tolerance there is max(3 × 0,5, 0,2 × 5,5) = 1,5: 10 % is 4,5 away, but it is on the
    # plan's path (its 2034 value): plausible. Around 10 % the tolerance is max(1,5, 2) = 2:
    # 12 % is plausible, 13 % is asked about.
    path = {y: 5 + 0.5 * (y - 2024) for y in range(2024, 2035)}
    assert check(10, 2025, {2024: 5.0}, path).plausible
    assert check(12, 2025, {2024: 5.0}, path).plausible
    assert not check(13, 2025, {2024: 5.0}, path).plausible


def test_the_largest_change_counts_consecutive_years_only() -> None:
    assert largest_change({2020: 1.0, 2022: 4.0, 2021: 2.0}) == 2.0
    assert largest_change({2020: 1.0}) == 0.0


def test_nothing_known_nothing_questioned() -> None:
    assert check(1e9, 2024, {}).plausible
    assert check(55, 2024, {2020: 0.0}).plausible  # a history of zeros cannot judge


# --- properties ---------------------------------------------------------------------------------

values = st.floats(min_value=0.001, max_value=1e6, allow_nan=False)
histories = st.dictionaries(st.integers(2000, 2030), values, min_size=1, max_size=8)


@given(history=histories, year=st.integers(2000, 2035))
def test_a_known_value_is_always_plausible(history: dict[int, float], year: int) -> None:
    for value in history.values():
        assert check(value, year, history).plausible


@given(history=histories, year=st.integers(2000, 2035), value=values)
def test_a_plausible_value_gets_no_suggestion(
    history: dict[int, float], year: int, value: float
) -> None:
    verdict = check(value, year, history)
    assert verdict.plausible or verdict.reference is not None
    if verdict.plausible:
        assert verdict.suggestion is None


@st.composite
def slipped(draw: st.DrawFn) -> tuple[dict[int, float], int, float]:
    """A history and a value typed with a slip: one of the known values, give or take a
    tenth, multiplied by the inverse of a slip factor."""
    history = draw(histories)
    meant = draw(st.sampled_from(sorted(history.values()))) * draw(st.floats(0.9, 1.1))
    return history, draw(st.integers(2000, 2035)), meant / draw(st.sampled_from(SLIPS))


@given(case=slipped())
def test_a_suggestion_is_a_slip_of_what_was_typed(
    case: tuple[dict[int, float], int, float],
) -> None:
    history, year, value = case
    suggestion = check(value, year, history).suggestion
    if suggestion is not None:
        assert any(math.isclose(suggestion, value * f, rel_tol=1e-9) for f in SLIPS)


@given(case=slipped())
def test_a_suggestion_is_plausible_or_at_least_nearer_than_what_was_typed(
    case: tuple[dict[int, float], int, float],
) -> None:
    history, year, value = case
    verdict = check(value, year, history)
    if verdict.suggestion is None or verdict.reference is None:
        return
    nearer = abs(math.log(verdict.suggestion / verdict.reference)) < abs(
        math.log(value / verdict.reference)
    )
    assert nearer or check(verdict.suggestion, year, history).plausible


def test_slipped_values_do_get_suggestions() -> None:
    """The two properties above are not vacuous: a slipped value is mostly caught."""
    assert check(52, 2024, {2023: 5.2}).suggestion == 5.2
    assert check(0.052, 2024, {2023: 5.2}).suggestion == 5.2


@pytest.mark.parametrize("scale", [2.0**-10, 0.5, 4.0, 2.0**20])
@given(history=histories, year=st.integers(2000, 2035), value=values)
def test_the_verdict_does_not_depend_on_the_unit(
    scale: float, history: dict[int, float], year: int, value: float
) -> None:
    """Kronor or thousands of kronor, the same question (powers of two scale floats exactly)."""
    scaled = {y: v * scale for y, v in history.items()}
    assert check(value, year, history).plausible == check(value * scale, year, scaled).plausible
