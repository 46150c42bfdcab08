"""A parent's figure from its DeSO: Σ numerator / Σ denominator for shares, Σ for counts,
only when every DeSO of a vintage has the figure; a median is never rolled up.

Worked example (checked by hand): DeSO with 40 of 100, 30 of 50 and 10 of 50 employed make
80 of 200 = 40 %; the mean of the three shares (40 %, 60 %, 20 %) would also say 40 % here,
so a second example tells them apart: 45 of 100 and 5 of 10 make 50 of 110 = 45.45 %, where
the mean of shares says 47.5 %.
"""

import pytest

from grogrund.engine.rollup import Additivity, ChildSums, Gap, roll_up


def _ratio(vintage: str, expected: int, parts: list[tuple[float, float]]) -> ChildSums:
    total = ChildSums(vintage=vintage, expected=expected)
    for num, den in parts:
        total = total + ChildSums(
            vintage=vintage,
            expected=expected,
            rows=1,
            with_value=1,
            with_ratio=1,
            numerator=num,
            denominator=den,
            value=num / den,
            with_weight=1,
            weighted=num,
            weight=den,
        )
    return total


def test_a_share_is_the_sum_of_numerators_over_the_sum_of_denominators():
    result = roll_up([_ratio("DeSO2018", 3, [(40, 100), (30, 50), (10, 50)])], Additivity.RATIO)
    assert result.figure.numerator == 80
    assert result.figure.denominator == 200
    assert result.figure.value == pytest.approx(0.40)
    assert result.children == 3


def test_a_share_is_not_the_mean_of_shares():
    result = roll_up([_ratio("DeSO2018", 2, [(45, 100), (5, 10)])], Additivity.RATIO)
    assert result.figure.value == pytest.approx(50 / 110)  # 45.45 %, not 47.5 %


def test_a_missing_deso_makes_the_parent_unknown_and_says_how_many_lack_it():
    result = roll_up([_ratio("DeSO2018", 48, [(1, 2)] * 36)], Additivity.RATIO)
    assert result.figure is None
    assert (result.gap, result.lacking, result.children) == (Gap.INCOMPLETE, 12, 48)


def test_counts_are_summed():
    parts = ChildSums(vintage="", expected=3, rows=3, with_value=3, value=100 + 50 + 50)
    assert roll_up([parts], Additivity.SUM).figure.value == 200


def test_a_median_is_never_rolled_up():
    medians = ChildSums(vintage="", expected=3, rows=3, with_value=3, value=780_000)
    result = roll_up([medians], Additivity.TOTAL_OVER_BASE)
    assert result.figure is None and result.gap is Gap.NOT_ADDITIVE


def test_money_given_as_a_total_over_a_base_adds_up():
    totals = _ratio("", 2, [(3_000_000, 10), (1_000_000, 10)])  # 300 and 100 thousand each
    assert roll_up([totals], Additivity.TOTAL_OVER_BASE).figure.value == 200_000


def test_a_mean_with_its_base_is_weighted_by_the_base():
    # Mean 2.0 over 10 respondents and 4.0 over 30: (20 + 120) / 40 = 3.5.
    means = ChildSums(
        vintage="",
        expected=2,
        rows=2,
        with_value=2,
        value=6.0,
        with_weight=2,
        weighted=2.0 * 10 + 4.0 * 30,
        weight=40,
    )
    assert roll_up([means], Additivity.MEAN).figure.value == pytest.approx(3.5)


def test_a_share_without_numerator_and_denominator_is_not_added_up():
    shares = ChildSums(vintage="", expected=2, rows=2, with_value=2, value=0.9)
    result = roll_up([shares], Additivity.RATIO)
    assert (result.figure, result.gap, result.lacking) == (None, Gap.NO_BASE, 2)


def test_one_complete_vintage_is_enough():
    old = _ratio("DeSO2018", 3, [(1, 10), (2, 10)])  # one of three lacking
    new = _ratio("DeSO2025", 2, [(3, 10), (5, 10)])
    result = roll_up([old, new], Additivity.RATIO)
    assert result.figure.value == pytest.approx(8 / 20)
    assert result.children == 2


def test_nothing_stored_says_nothing():
    assert roll_up([ChildSums(vintage="", expected=5)], Additivity.RATIO) is None
