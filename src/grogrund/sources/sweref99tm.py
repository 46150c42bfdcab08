"""Longitude and latitude (WGS 84, ETRS89, SWEREF 99) to SWEREF 99 TM grid coordinates.

Boundary files come from SCB in SWEREF 99 TM (EPSG:3006), but GeoJSON written by other tools
is often in WGS 84 longitude/latitude (RFC 7946 allows nothing else). This converts them
without a projection library: Lantmäteriet's formulas for the Gauss conformal projection
(transverse Mercator) with Krüger's series to the fourth order, as Lantmäteriet publishes
them for SWEREF 99 ("Gauss Conformal Projection (Transverse Mercator), Krüger's Formulas",
Lantmäteriet 2008; the same series in Arnold Andreasson's and MightyLittleGeodesy's
`GaussKreuger.geodetic_to_grid`). The series is good to about a millimetre within Sweden.

SWEREF 99 is the Swedish realisation of ETRS89; WGS 84 and ETRS89 differ by well under a
metre in Sweden today, far below what a map drawn on a screen shows, so the three are taken as
one here (as Lantmäteriet does for maps at this scale).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

# GRS 80, the ellipsoid of SWEREF 99.
SEMI_MAJOR_AXIS_M = 6_378_137.0
FLATTENING = 1 / 298.257222101
# SWEREF 99 TM (EPSG:3006): central meridian 15° E, scale 0.9996, false easting 500 km.
CENTRAL_MERIDIAN_DEG = 15.0
SCALE = 0.9996
FALSE_NORTHING_M = 0.0
FALSE_EASTING_M = 500_000.0

_E2 = FLATTENING * (2 - FLATTENING)
_N = FLATTENING / (2 - FLATTENING)
_A_ROOF = SEMI_MAJOR_AXIS_M / (1 + _N) * (1 + _N**2 / 4 + _N**4 / 64)
_A = _E2
_B = (5 * _E2**2 - _E2**3) / 6
_C = (104 * _E2**3 - 45 * _E2**4) / 120
_D = (1237 * _E2**4) / 1260
_BETA = (
    _N / 2 - 2 * _N**2 / 3 + 5 * _N**3 / 16 + 41 * _N**4 / 180,
    13 * _N**2 / 48 - 3 * _N**3 / 5 + 557 * _N**4 / 1440,
    61 * _N**3 / 240 - 103 * _N**4 / 140,
    49561 * _N**4 / 161280,
)


def from_geographic(lon_deg: Any, lat_deg: Any) -> tuple[Any, Any]:
    """SWEREF 99 TM easting and northing (metres) of longitudes and latitudes in degrees.

    Takes numbers or numpy arrays (of the same shape) and returns the same."""
    lat = np.radians(np.asarray(lat_deg, dtype=float))
    lon = np.radians(np.asarray(lon_deg, dtype=float))
    sin2 = np.sin(lat) ** 2
    conformal = lat - np.sin(lat) * np.cos(lat) * (_A + _B * sin2 + _C * sin2**2 + _D * sin2**3)
    d_lon = lon - math.radians(CENTRAL_MERIDIAN_DEG)
    xi = np.arctan(np.tan(conformal) / np.cos(d_lon))
    eta = np.arctanh(np.cos(conformal) * np.sin(d_lon))
    north = xi.copy()
    east = eta.copy()
    for k, beta in enumerate(_BETA, start=1):
        north = north + beta * np.sin(2 * k * xi) * np.cosh(2 * k * eta)
        east = east + beta * np.cos(2 * k * xi) * np.sinh(2 * k * eta)
    northing = SCALE * _A_ROOF * north + FALSE_NORTHING_M
    easting = SCALE * _A_ROOF * east + FALSE_EASTING_M
    return easting, northing
