"""Areas like mine (engine.similar_areas): nearest neighbours on z-scores, worked by hand and
checked for the properties any such distance must have."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from grogrund.engine.similar_areas import nearest, similar_areas, zscores

NAN = float("nan")

# Four areas, two indicators.
# Indicator 0: 0, 2, 4, 6 → mean 3, deviations −3, −1, 1, 3, variance (9+1+1+9)/4 = 5,
#   sd √5, z = −3/√5, −1/√5, 1/√5, 3/√5.
# Indicator 1: 1, 1, 3, 3 → mean 2, sd 1, z = −1, −1, 1, 1.
WORKED = np.array([[0.0, 1.0], [2.0, 1.0], [4.0, 3.0], [6.0, 3.0]])


def test_z_scores_worked_by_hand():
    z = zscores(WORKED)
    root5 = math.sqrt(5)
    assert z[:, 0] == pytest.approx([-3 / root5, -1 / root5, 1 / root5, 3 / root5])
    assert z[:, 1] == pytest.approx([-1, -1, 1, 1])


def test_distances_worked_by_hand():
    # From area 0, d = sqrt(Σ (z_0i − z_bi)² / 2):
    #   area 1: differences 2/√5 and 0      → sqrt((4/5 + 0) / 2)  = sqrt(0.4) = 0.6325
    #   area 2: differences 4/√5 and 2      → sqrt((16/5 + 4) / 2) = sqrt(3.6) = 1.8974
    #   area 3: differences 6/√5 and 2      → sqrt((36/5 + 4) / 2) = sqrt(5.6) = 2.3664
    found = similar_areas(WORKED, 0, k=3, min_shared=1)
    assert [s.index for s in found] == [1, 2, 3]
    assert [s.distance for s in found] == pytest.approx(
        [math.sqrt(0.4), math.sqrt(3.6), math.sqrt(5.6)]
    )
    assert [s.shared for s in found] == [2, 2, 2]


def test_the_indicator_that_differs_least_explains_the_match_first():
    # Area 1 has the same z on indicator 1 (difference 0) and differs on indicator 0.
    first = similar_areas(WORKED, 0, k=1, min_shared=1)[0]
    assert first.closest == (1, 0)


def test_an_area_sharing_too_few_indicators_is_not_compared():
    values = np.array(
        [
            [0.0, 1.0, 5.0],
            [2.0, 1.0, 6.0],
            [4.0, NAN, NAN],  # only one indicator in common with area 0
            [6.0, 3.0, 7.0],
        ]
    )
    found = similar_areas(values, 0, k=10, min_shared=2)
    assert [s.index for s in found] == [1, 3]


def test_missing_values_are_left_out_of_the_mean_and_the_spread():
    # Indicator 1 has 1, 3 and a missing value: mean 2, sd 1 over the two it has.
    z = zscores(np.array([[0.0, 1.0], [1.0, NAN], [2.0, 3.0]]))
    assert z[0, 1] == pytest.approx(-1)
    assert z[2, 1] == pytest.approx(1)
    assert math.isnan(z[1, 1])


def test_an_indicator_without_spread_tells_no_area_apart():
    z = zscores(np.array([[5.0, 1.0], [5.0, 2.0], [5.0, 3.0]]))
    assert list(z[:, 0]) == [0.0, 0.0, 0.0]


def test_ties_keep_the_row_order():
    values = np.array([[0.0, 0.0], [1.0, 0.0], [-1.0, 0.0], [0.0, 1.0], [0.0, -1.0]])
    found = similar_areas(values, 0, k=4, min_shared=1)
    distances = [s.distance for s in found]
    assert distances == sorted(distances)
    # Rows 1 and 2 tie (both one sd away on indicator 0), as do rows 3 and 4.
    assert [s.index for s in found] == [1, 2, 3, 4]


# Whole numbers as figures: spreads far below a figure's own rounding error would test the
# floating point, not the method.
matrices = arrays(
    float,
    st.tuples(st.integers(3, 25), st.integers(1, 6)),
    elements=st.integers(-1000, 1000).map(float),
)


@settings(max_examples=60, deadline=None)
@given(matrices, st.data())
def test_neighbours_are_sorted_exclude_the_target_and_are_at_most_k(values, data):
    target = data.draw(st.integers(0, values.shape[0] - 1))
    k = data.draw(st.integers(1, values.shape[0]))
    found = similar_areas(values, target, k=k, min_shared=1)
    assert len(found) <= k
    assert target not in [s.index for s in found]
    distances = [s.distance for s in found]
    assert distances == sorted(distances)
    assert all(d >= 0 for d in distances)


@settings(max_examples=60, deadline=None)
@given(matrices, st.data())
def test_the_distance_is_symmetric(values, data):
    n = values.shape[0]
    a = data.draw(st.integers(0, n - 1))
    b = data.draw(st.integers(0, n - 1).filter(lambda i: i != a))
    z = zscores(values)
    d_ab = {s.index: s.distance for s in nearest(z, a, k=n, min_shared=1)}[b]
    d_ba = {s.index: s.distance for s in nearest(z, b, k=n, min_shared=1)}[a]
    assert d_ab == pytest.approx(d_ba, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(
    matrices,
    st.data(),
    st.floats(0.1, 10),
    st.floats(-100, 100),
)
def test_a_change_of_unit_changes_nothing(values, data, scale, shift):
    # Kronor or thousands of kronor, shares or percent: z-scores do not see the unit.
    target = data.draw(st.integers(0, values.shape[0] - 1))
    before = similar_areas(values, target, k=values.shape[0], min_shared=1)
    after = similar_areas(values * scale + shift, target, k=values.shape[0], min_shared=1)
    assert [s.distance for s in after] == pytest.approx(
        [s.distance for s in before], rel=1e-6, abs=1e-6
    )


@settings(max_examples=40, deadline=None)
@given(matrices, st.data())
def test_an_identical_area_is_at_distance_zero(values, data):
    target = data.draw(st.integers(0, values.shape[0] - 1))
    twin = np.vstack([values, values[target]])
    found = similar_areas(twin, target, k=1, min_shared=1)
    assert found[0].distance == pytest.approx(0, abs=1e-9)
