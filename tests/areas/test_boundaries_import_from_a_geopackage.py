"""A GeoPackage as SCB publishes it (DeSO_2018_v2.gpkg: a layer with a `deso` column and
polygons in SWEREF 99 TM) is imported with `grogrund areas boundaries FILE`: every DeSO gets
its boundary and a copy simplified for its municipality's map; importing it again changes
nothing."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
import shapely
from boundary_files import gpkg_blob, square, write_geopackage
from django.core.management import call_command
from map_world import DESO, deso_features, deso_geopackage, make_map_world, regso_features

from grogrund.accounts.models import HistoryEntry
from grogrund.areas.boundaries import import_boundaries
from grogrund.areas.models import AreaBoundary
from grogrund.charts.maps import display_tolerance
from grogrund.sources.boundaries import read_boundaries

pytestmark = pytest.mark.django_db


def test_the_command_stores_every_deso_boundary(tmp_path):
    world = make_map_world()
    out = StringIO()
    call_command("grogrund_areas", "boundaries", str(deso_geopackage(tmp_path)), stdout=out)
    assert "6" in out.getvalue()
    stored = AreaBoundary.objects.select_related("area").order_by("area__code")
    assert [b.area.code for b in stored] == [d[0] for d in DESO]
    first = stored[0]
    assert shapely.from_wkb(bytes(first.geometry)).equals(square(0, 0))
    # The six DeSO span 3 × 2 km; in the 640 × 560 px frame the width decides
    # (3000 / 640 = 4.69 m per pixel > 2000 / 560 = 3.57): half a pixel is 2.34 m.
    assert first.tolerance_m == pytest.approx(3000 / 640 / 2)
    assert (first.min_x, first.min_y, first.max_x, first.max_y) == square(0, 0).bounds
    assert first.vertices == 5  # a square: four corners and the closing point
    assert first.source == "SCB, öppna geodata (CC0)"
    assert first.file_name == "DeSO_2018_v2.gpkg"
    assert first.retrieved_on == date.today()
    assert world.desos["9901C0010"].boundary == first


def test_importing_the_same_file_again_changes_nothing(tmp_path):
    make_map_world()
    path = deso_geopackage(tmp_path)
    boundaries = read_boundaries(path)
    first = import_boundaries(
        boundaries=boundaries, source="SCB", retrieved_on=date(2025, 3, 1), user=None
    )
    assert (first.created, first.updated, first.unchanged) == (6, 0, 0)
    history = HistoryEntry.objects.count()
    again = import_boundaries(
        boundaries=read_boundaries(path), source="SCB", retrieved_on=date(2025, 3, 1), user=None
    )
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)
    assert HistoryEntry.objects.count() == history


def test_a_new_file_updates_the_boundaries_it_gives(tmp_path):
    make_map_world()
    import_boundaries(
        boundaries=read_boundaries(deso_geopackage(tmp_path)),
        source="SCB",
        retrieved_on=date(2025, 3, 1),
        user=None,
    )
    moved = [("9901C0010", square(0, 0, size=900))]
    path = write_geopackage(tmp_path / "update.gpkg", moved)
    result = import_boundaries(
        boundaries=read_boundaries(path), source="SCB", retrieved_on=date(2025, 3, 1), user=None
    )
    assert (result.created, result.updated) == (0, 1)
    stored = AreaBoundary.objects.get(area__code="9901C0010")
    assert shapely.from_wkb(bytes(stored.geometry)).area == pytest.approx(900 * 900)
    # Its map is now its own extent, 900 m square: in the 640 × 560 px frame the height
    # decides, 900 / 560 / 2 = 0.8 m, raised to the floor of 1 m.
    assert stored.tolerance_m == pytest.approx(1.0) == display_tolerance(900, 900)
    assert AreaBoundary.objects.count() == 6


def test_regso_boundaries_are_read_from_regsokod(tmp_path):
    make_map_world()
    path = write_geopackage(
        tmp_path / "RegSO_2018_v1.gpkg",
        regso_features(),
        code_column="regsokod",
        layer="RegSO_2018_v1",
        extra_columns={"regso": ["Norr", "Söder"]},
    )
    boundaries = read_boundaries(path)
    assert boundaries.level == "regso"
    assert [(f.code, f.name) for f in boundaries.features] == [
        ("9901R001", "Norr"),
        ("9901R002", "Söder"),
    ]
    import_boundaries(boundaries=boundaries, source="SCB", retrieved_on=date.today(), user=None)
    norr = AreaBoundary.objects.get(area__code="9901R001")
    assert shapely.from_wkb(bytes(norr.geometry)).area == pytest.approx(3 * 1000 * 1000)


def test_geometries_without_an_envelope_in_their_header_are_read(tmp_path):
    features = deso_features()[:2]
    blobs = [gpkg_blob(g, envelope=False) for _c, g in features]
    path = write_geopackage(tmp_path / "plain.gpkg", features, blobs=blobs)
    read = read_boundaries(path)
    assert [f.geometry.equals(g) for f, (_c, g) in zip(read.features, features, strict=True)] == [
        True,
        True,
    ]


def test_deso_2025_codes_get_scbs_suffix(tmp_path):
    from builders import make_area
    from grogrund.areas.models import AreaLevel

    municipality = make_area("9902", AreaLevel.MUNICIPALITY)
    make_area("9902C0010_DeSO2025", AreaLevel.DESO, municipality)
    path = write_geopackage(
        tmp_path / "DeSO_2025.gpkg",
        [("9902C0010", square(0))],
        code_column="desokod",
        layer="DeSO_2025",
    )
    result = import_boundaries(
        boundaries=read_boundaries(path), source="SCB", retrieved_on=date.today(), user=None
    )
    assert result.edition == "2025"
    assert AreaBoundary.objects.filter(area__code="9902C0010_DeSO2025").exists()


def test_the_command_says_what_is_wrong_and_writes_nothing(tmp_path):
    from django.core.management.base import CommandError

    make_map_world()
    path = write_geopackage(tmp_path / "rt90.gpkg", deso_features(), srs_id=3021)
    with pytest.raises(CommandError, match=r"rt90\.gpkg.*EPSG:3021"):
        call_command("grogrund_areas", "boundaries", str(path), "--language", "en")
    assert AreaBoundary.objects.count() == 0
