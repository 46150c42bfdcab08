"""A municipality's boundary is kept simplified for a map of the whole country when it is
imported (areas.boundaries.NATIONAL_TOLERANCE_M), so the overview's map of Sweden draws the
stored copies and simplifies nothing while it is asked for (issue 13).

Worked example: each municipality is a 20 km square whose south edge is a saw of 40 teeth
500 m deep (83 corners, 84 points with the closing one). The national tolerance is half a
pixel of a map 1,500 km tall: 1,500,000 / 560 / 2 = 1,339 m, more than the teeth are deep, so
the national copy is the square (5 points). The county map's copy keeps the teeth: each
county has one municipality, 20 km across, whose tolerance is 20,000 / 560 / 2 = 18 m. The two
municipalities lie 1,510 km apart from south to north: a map of them is a map of Sweden."""

from __future__ import annotations

from datetime import date

import pytest
import shapely
from django.urls import reverse
from shapely.geometry import Polygon

from areas.boundary_files import write_geojson
from grogrund.areas.boundaries import NATIONAL_TOLERANCE_M, import_boundaries
from grogrund.areas.models import AreaBoundary
from grogrund.sources.boundaries import read_boundaries

SIZE, TEETH, DEPTH = 20_000.0, 40, 500.0


def _saw(x0: float, y0: float) -> Polygon:
    south = [
        (x0 + SIZE * i / (2 * TEETH), y0 + (DEPTH if i % 2 else 0.0)) for i in range(2 * TEETH + 1)
    ]
    return Polygon([*south, (x0 + SIZE, y0 + SIZE), (x0, y0 + SIZE)])


def _points(wkb) -> int:
    return int(shapely.get_num_coordinates(shapely.from_wkb(bytes(wkb))))


@pytest.fixture
def imported(world, tmp_path):
    path = write_geojson(
        tmp_path / "kommuner.geojson",
        [("X201", _saw(400_000, 6_140_000)), ("X101", _saw(700_000, 7_630_000))],
        code_column="kommunkod",
    )
    result = import_boundaries(
        boundaries=read_boundaries(path),
        source="SCB (test)",
        retrieved_on=date(2025, 3, 1),
        user=None,
    )
    assert result.created == 2
    return path


def test_the_import_keeps_a_copy_for_the_map_of_sweden(imported):
    assert NATIONAL_TOLERANCE_M == pytest.approx(1_339.3, abs=0.1)
    for boundary in AreaBoundary.objects.all():
        assert _points(boundary.geometry) == 84
        assert _points(boundary.simplified) == 84  # the county's map shows the teeth
        assert _points(boundary.national) == 5  # the map of Sweden does not


def test_the_overview_draws_the_stored_copies(world, imported, monkeypatch):
    def no_simplifying(*args, **kwargs):
        raise AssertionError("the map of Sweden simplified a boundary while it was asked for")

    monkeypatch.setattr(shapely, "simplify", no_simplifying)
    body = world.client(world.member).get(reverse("network:overview")).content.decode()
    svg = body[body.index('id="network-map"') :]
    svg = svg[svg.index("<svg") : svg.index("</svg>")]
    assert "Norrstad (test)" in svg


def test_boundaries_stored_before_are_simplified_when_drawn_and_kept_on_a_new_import(
    world, imported
):
    """A boundary stored before the national copy was kept is still drawn (simplified then);
    importing the same file again stores the copy."""
    AreaBoundary.objects.update(national=b"")
    body = world.client(world.member).get(reverse("network:overview")).content.decode()
    assert 'id="network-map"' in body
    result = import_boundaries(
        boundaries=read_boundaries(imported),
        source="SCB (test)",
        retrieved_on=date(2025, 3, 1),
        user=None,
    )
    assert (result.updated, result.unchanged) == (2, 0)
    assert all(_points(b.national) == 5 for b in AreaBoundary.objects.all())
    again = import_boundaries(
        boundaries=read_boundaries(imported),
        source="SCB (test)",
        retrieved_on=date(2025, 3, 1),
        user=None,
    )
    assert (again.updated, again.unchanged) == (0, 2)
