"""A choropleth's classes (grogrund.charts.maps.classify), worked by hand.

Quantiles: n sorted values cut at ranks n·j/k; a class's bounds are its lowest and highest
value, and equal values always share a class. Equal intervals: (max − min)/k wide.
"""

from __future__ import annotations

import pytest

from grogrund.charts.maps import EQUAL_INTERVALS, QUANTILES, classify


def test_ten_values_in_quintiles_are_two_by_two():
    # n = 10, k = 5: the upper bounds are the values at ranks 2, 4, 6, 8, 10.
    breaks = classify(list(range(10, 0, -1)), method=QUANTILES)
    assert breaks.bounds == ((1, 2), (3, 4), (5, 6), (7, 8), (9, 10))
    assert [breaks.class_of(v) for v in (1, 2, 3, 6.5, 10)] == [0, 0, 1, 3, 4]


def test_equal_values_share_a_class_so_there_may_be_fewer():
    # n = 6, k = 5: ranks ceil(6·j/5) = 2, 3, 4, 5, 6 → values 1, 1, 1, 2, 10: three classes.
    breaks = classify([1, 1, 1, 1, 2, 10])
    assert breaks.bounds == ((1, 1), (2, 2), (10, 10))


def test_seven_values_in_quintiles():
    # n = 7: ranks ceil(7j/5) = 2, 3, 5, 6, 7.
    breaks = classify([0.40, 0.55, 0.60, 0.70, 0.80, 0.90, 0.95])
    assert breaks.bounds == (
        (0.40, 0.55),
        (0.60, 0.60),
        (0.70, 0.80),
        (0.90, 0.90),
        (0.95, 0.95),
    )


def test_equal_intervals_cut_the_range_evenly():
    breaks = classify([0, 3, 10], method=EQUAL_INTERVALS)
    assert breaks.bounds == ((0, 2), (2, 4), (4, 6), (6, 8), (8, 10))
    # A value on a bound belongs to the lower class.
    assert [breaks.class_of(v) for v in (0, 2, 2.01, 10)] == [0, 0, 1, 4]


def test_one_value_is_one_class_and_none_is_no_class():
    assert classify([0.5, 0.5]).bounds == ((0.5, 0.5),)
    assert classify([]).bounds == ()


def test_fewer_classes_can_be_asked_for():
    assert classify([1, 2, 3, 4], classes=2).bounds == ((1, 2), (3, 4))


def test_an_unknown_method_is_a_programming_error():
    with pytest.raises(ValueError):
        classify([1], method="jenks")
