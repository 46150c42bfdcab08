"""GeoJSON boundary files: in SWEREF 99 TM (with the 2008 `crs` member, or without one when the
coordinates are metres in Sweden), or in WGS 84 longitude/latitude (RFC 7946), which is
converted to SWEREF 99 TM."""

from __future__ import annotations

from datetime import date

import pytest
import shapely
from boundary_files import square, write_geojson
from map_world import deso_features, make_map_world
from shapely.geometry import Polygon

from grogrund.areas.boundaries import import_boundaries
from grogrund.areas.models import AreaBoundary
from grogrund.sources.boundaries import read_boundaries

pytestmark = pytest.mark.django_db


def _import(path):
    return import_boundaries(
        boundaries=read_boundaries(path), source="SCB", retrieved_on=date(2025, 3, 1), user=None
    )


def test_geojson_in_sweref99tm_is_imported(tmp_path):
    make_map_world()
    result = _import(write_geojson(tmp_path / "deso.geojson", deso_features()))
    assert (result.created, result.converted_from) == (6, None)
    stored = AreaBoundary.objects.get(area__code="9901C0050")
    assert shapely.from_wkb(bytes(stored.geometry)).equals(square(1, 1))


def test_geojson_without_crs_in_metres_is_taken_as_sweref99tm(tmp_path):
    make_map_world()
    boundaries = read_boundaries(write_geojson(tmp_path / "bare.json", deso_features(), crs=None))
    assert boundaries.crs == 3006


def test_geojson_in_longitude_latitude_is_converted(tmp_path):
    from builders import make_area
    from grogrund.areas.models import AreaLevel

    stockholm = make_area("9903", AreaLevel.MUNICIPALITY)
    make_area("9903C0010", AreaLevel.DESO, stockholm)
    # A small square whose south-west corner is Stockholm Central Station
    # (59.330231 N, 18.059196 E = SWEREF 99 TM E 674 032, N 6 580 822).
    lon, lat = 18.059196, 59.330231
    corner = Polygon(
        [(lon, lat), (lon + 0.001, lat), (lon + 0.001, lat + 0.001), (lon, lat + 0.001)]
    )
    result = _import(write_geojson(tmp_path / "wgs84.geojson", [("9903C0010", corner)], crs=None))
    assert result.converted_from == 4326
    stored = AreaBoundary.objects.get(area__code="9903C0010")
    # The first corner (the meridians converge, so it is not the western-most point).
    x, y = shapely.from_wkb(bytes(stored.geometry)).exterior.coords[0]
    assert x == pytest.approx(674_032, abs=1)
    assert y == pytest.approx(6_580_822, abs=1)


def test_crs84_is_longitude_latitude(tmp_path):
    lon, lat = 18.059196, 59.330231
    corner = Polygon([(lon, lat), (lon + 0.001, lat), (lon, lat + 0.001)])
    path = write_geojson(
        tmp_path / "crs84.geojson",
        [("9903C0010", corner)],
        crs="urn:ogc:def:crs:OGC:1.3:CRS84",
    )
    assert read_boundaries(path).crs == 4326


def test_a_municipality_code_stored_as_a_number_keeps_its_leading_zero(tmp_path):
    path = write_geojson(
        tmp_path / "kommuner.geojson",
        [(114, square(0))],
        code_column="KnKod",
        extra={"KnNamn": ["Upplands Väsby"]},
    )
    boundaries = read_boundaries(path)
    assert boundaries.level == "municipality"
    assert [(f.code, f.name) for f in boundaries.features] == [("0114", "Upplands Väsby")]
