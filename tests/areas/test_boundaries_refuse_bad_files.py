"""A boundary file that cannot be right is refused whole, with a message that names the file
and, where it can, the layer, the feature and its code; nothing of it is written, and the
boundaries already stored stay as they were."""

from __future__ import annotations

from datetime import date

import pytest
import shapely
from boundary_files import square, write_geojson, write_geopackage
from map_world import deso_features, deso_geopackage, make_map_world
from shapely.geometry import LineString, Point

from grogrund.areas.boundaries import import_boundaries
from grogrund.areas.models import AreaBoundary
from grogrund.sources.boundaries import read_boundaries
from grogrund.sources.errors import SourceError

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(tmp_path):
    """The world's DeSO with their boundaries already stored."""
    make_map_world()
    (tmp_path / "first").mkdir()
    import_boundaries(
        boundaries=read_boundaries(deso_geopackage(tmp_path / "first")),
        source="SCB",
        retrieved_on=date(2025, 3, 1),
        user=None,
    )
    return {b.area_id: bytes(b.geometry) for b in AreaBoundary.objects.all()}


def _refused(path, **kwargs) -> SourceError:
    with pytest.raises(SourceError) as caught:
        boundaries = read_boundaries(path, **kwargs)
        import_boundaries(
            boundaries=boundaries, source="SCB", retrieved_on=date(2025, 4, 1), user=None
        )
    return caught.value


def _unchanged(stored) -> bool:
    return {b.area_id: bytes(b.geometry) for b in AreaBoundary.objects.all()} == stored


def test_a_file_in_another_coordinate_system_is_refused(tmp_path, stored):
    path = write_geopackage(tmp_path / "rt90.gpkg", deso_features(), srs_id=3021)
    err = _refused(path)
    assert err.code == "wrong_crs"
    assert "rt90.gpkg" in err.message and "layer DeSO_2018_v2" in err.message
    assert "EPSG:3021 (RT 90 2.5 gon V)" in err.message and "SWEREF 99 TM" in err.message
    assert _unchanged(stored)


def test_a_geojson_declaring_another_system_is_refused(tmp_path, stored):
    path = write_geojson(tmp_path / "web.geojson", deso_features(), crs="EPSG:3857")
    err = _refused(path)
    assert err.code == "wrong_crs" and "Web Mercator" in err.message


def test_unknown_codes_are_listed_with_their_features_and_nothing_is_written(tmp_path, stored):
    features = [*deso_features(), ("9901C9990", square(5)), ("0114A0010", square(6))]
    # One good new boundary in the same file is not written either.
    features[0] = (features[0][0], square(0, 0, size=500))
    path = write_geopackage(tmp_path / "mixed.gpkg", features)
    err = _refused(path)
    assert err.code == "unknown_areas"
    assert "mixed.gpkg" in err.message
    assert "9901C9990 (feature 7)" in err.message
    # 0114A0010 is a real DeSO of the area registry, but of Upplands Väsby: it is known, so
    # only the made-up code is listed.
    assert "0114A0010" not in err.message
    assert "Nothing was imported" in err.message
    assert _unchanged(stored)


def test_a_code_of_another_level_is_named_as_such(tmp_path, stored):
    path = write_geopackage(tmp_path / "levels.gpkg", [("9901R001", square(0))])
    err = _refused(path, level="deso")
    assert "9901R001 (feature 1: RegSO)" in err.message


def test_a_file_that_is_not_a_geopackage_is_refused(tmp_path, stored):
    path = tmp_path / "DeSO.gpkg"
    path.write_bytes(b"PK\x03\x04 a zip file, not unpacked")
    err = _refused(path)
    assert err.code == "not_a_boundary_file"
    assert "DeSO.gpkg is neither a GeoPackage nor a GeoJSON file" in err.message


def test_an_sqlite_file_without_the_geopackage_tables_is_refused(tmp_path, stored):
    import sqlite3

    path = tmp_path / "plain.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()
    err = _refused(path)
    assert err.code == "not_a_geopackage" and "plain.sqlite" in err.message


def test_a_file_without_a_code_column_names_the_columns_it_has(tmp_path, stored):
    path = write_geopackage(tmp_path / "names.gpkg", deso_features(), code_column="namn")
    err = _refused(path)
    assert err.code == "no_code_column"
    assert "expected one of deso, desokod, regsokod, kommunkod, knkod" in err.message
    assert "found fid, geom, namn" in err.message


def test_a_geometry_that_is_not_a_polygon_is_refused_where_it_is(tmp_path, stored):
    features = deso_features()
    features[2] = (features[2][0], LineString([(620_000, 6_640_000), (621_000, 6_641_000)]))
    path = write_geopackage(tmp_path / "lines.gpkg", features)
    err = _refused(path)
    assert err.code == "not_a_polygon"
    assert "lines.gpkg, DeSO_2018_v2, feature 3 (area 9901C0030) is a LineString" in err.message
    assert _unchanged(stored)


def test_a_point_in_geojson_is_refused_where_it_is(tmp_path, stored):
    features = [*deso_features()[:1], ("9901C0020", Point(620_500, 6_640_500))]
    err = _refused(write_geojson(tmp_path / "points.geojson", features))
    assert "points.geojson, feature 2 (area 9901C0020) is a Point" in err.message


def test_a_broken_geometry_blob_is_refused_where_it_is(tmp_path, stored):
    features = deso_features()[:2]
    blobs = [b"GP\x00\x03" + b"\x00" * 40 + b"junk", b"not a geometry"]
    err = _refused(write_geopackage(tmp_path / "broken.gpkg", features, blobs=blobs))
    assert err.code == "bad_geometry"
    assert "broken.gpkg, DeSO_2018_v2, feature 1 (area 9901C0010)" in err.message


def test_the_same_area_twice_is_refused(tmp_path, stored):
    features = [*deso_features(), ("9901C0010", square(9))]
    err = _refused(write_geojson(tmp_path / "twice.geojson", features))
    assert err.code == "duplicate_area"
    assert "feature 7 gives area 9901C0010 again (first in feature 1)" in err.message


def test_coordinates_outside_sweden_are_refused(tmp_path, stored):
    # A SWEREF 99 TM file with easting and northing swapped.
    swapped = [(c, shapely.transform(g, lambda xy: xy[:, ::-1])) for c, g in deso_features()]
    err = _refused(write_geopackage(tmp_path / "swapped.gpkg", swapped))
    assert err.code == "outside_sweden"
    assert _unchanged(stored)


def test_plain_json_that_is_not_a_feature_collection_is_refused(tmp_path, stored):
    path = tmp_path / "list.json"
    path.write_text('{"type": "Feature", "properties": {}}')
    assert _refused(path).code == "not_a_feature_collection"
