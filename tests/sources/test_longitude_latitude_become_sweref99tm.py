"""Longitude and latitude are converted to SWEREF 99 TM with Lantmäteriet's Gauss–Krüger
formulas (grogrund.sources.sweref99tm), to well within a metre.

Reference points:
- Stockholm Central Station, WGS 84 59.330231 N, 18.059196 E = SWEREF 99 TM N 6 580 822,
  E 674 032 (to the metre; the pair used as the reference in the tests of
  TomasJohansson/sweden_crs_transformations_4typescript, gauss_kreuger.test.js, from
  kartor.eniro.se).
- On the central meridian 15° E the easting is the false easting, 500 000 m, exactly.
- On the equator at the central meridian the northing is 0.
"""

from __future__ import annotations

import numpy as np
import pytest

from grogrund.sources.sweref99tm import from_geographic


def test_stockholm_central_station():
    easting, northing = from_geographic(18.059196, 59.330231)
    assert easting == pytest.approx(674_032, abs=0.5)
    assert northing == pytest.approx(6_580_822, abs=0.5)


def test_the_central_meridian_has_the_false_easting():
    easting, _northing = from_geographic(15.0, 63.0)
    assert easting == pytest.approx(500_000.0, abs=1e-6)


def test_the_equator_at_the_central_meridian_is_the_origin():
    easting, northing = from_geographic(15.0, 0.0)
    assert (easting, northing) == (pytest.approx(500_000.0), pytest.approx(0.0, abs=1e-6))


def test_arrays_are_converted_point_by_point():
    easting, northing = from_geographic(np.array([15.0, 18.059196]), np.array([63.0, 59.330231]))
    assert easting[1] == pytest.approx(674_032, abs=0.5)
    assert northing[1] == pytest.approx(6_580_822, abs=0.5)
