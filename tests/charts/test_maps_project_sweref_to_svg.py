"""SWEREF 99 TM metres go straight to SVG user units: scaled to the map's width (or its
maximum height), north up (y flipped), points rounded to a tenth, repeats dropped."""

from __future__ import annotations

import pytest
from shapely.geometry import Polygon, box

from grogrund.charts.maps import Frame, display_tolerance, simplify_for_display, svg_paths

# A 3 000 × 2 000 m extent with its south-west corner at E 620 000, N 6 640 000.
BOUNDS = (620_000.0, 6_640_000.0, 623_000.0, 6_642_000.0)


def test_the_frame_fits_the_width_and_flips_y():
    frame = Frame.fit(BOUNDS, width=640, max_height=560, pad=8)
    # (640 − 16) / 3000 = 0.208 units per metre; (560 − 16) / 2000 = 0.272 would be taller.
    assert frame.scale == pytest.approx(0.208)
    assert frame.height == 2000 * 0.208 + 16  # 432
    assert frame.point(620_000, 6_642_000) == (8.0, 8.0)  # north-west: top left
    assert frame.point(620_000, 6_640_000) == (8.0, 424.0)  # south-west: bottom left
    assert frame.point(623_000, 6_640_000) == (632.0, 424.0)


def test_a_tall_extent_is_fitted_to_the_maximum_height():
    frame = Frame.fit((0.0, 6_000_000.0, 1_000.0, 6_010_000.0), width=640, max_height=560)
    assert frame.scale == pytest.approx((560 - 16) / 10_000)
    assert frame.height == 560


def test_a_square_becomes_one_closed_subpath():
    frame = Frame.fit(BOUNDS, width=640, max_height=560, pad=8)
    (d,) = svg_paths([box(620_000, 6_640_000, 621_000, 6_641_000)], frame)
    # 1000 m = 208 units; the four corners, then "Z" instead of the first corner again.
    assert d.startswith("M") and d.endswith("Z") and d.count("M") == 1
    points = {tuple(float(v) for v in p.split()) for p in _pairs(d)}
    assert points == {(8.0, 424.0), (216.0, 424.0), (216.0, 216.0), (8.0, 216.0)}


def test_holes_are_subpaths_and_repeats_after_rounding_are_dropped():
    frame = Frame.fit(BOUNDS, width=640, max_height=560, pad=8)
    outer = [(620_000, 6_640_000), (623_000, 6_640_000), (623_000, 6_642_000), (620_000, 6_642_000)]
    # Two points 0.1 m apart round to the same tenth of a unit: one is dropped.
    outer.insert(1, (620_000.1, 6_640_000))
    hole = [(621_000, 6_641_000), (622_000, 6_641_000), (622_000, 6_641_500)]
    (d,) = svg_paths([Polygon(outer, [hole])], frame)
    assert d.count("M") == 2
    assert len(_pairs(d.split("Z")[0])) == 4


def test_the_tolerance_is_half_a_pixel_of_the_map():
    # A municipality 45 km wide drawn 640 px wide: 70,3 m a pixel, 35,2 m tolerance.
    assert display_tolerance(45_000, 30_000) == pytest.approx(45_000 / 640 / 2)
    # Never below a metre.
    assert display_tolerance(100, 100) == 1.0


def test_simplifying_keeps_an_area_that_would_vanish():
    tiny = box(0, 0, 1, 1)
    assert (
        simplify_for_display(tiny, 10.0).equals(tiny)
        or not simplify_for_display(tiny, 10.0).is_empty
    )


def _pairs(d: str) -> list[str]:
    numbers = d.replace("M", " ").replace("Z", " ").split()
    return [f"{numbers[i]} {numbers[i + 1]}" for i in range(0, len(numbers), 2)]


def test_holes_and_islands_smaller_than_a_pixel_are_left_out():
    from shapely.geometry import MultiPolygon

    # Tolerance 10 m: a "pixel" is 20 × 20 m = 400 m². A 5 × 5 m sliver hole and a 10 × 10 m
    # islet go; a 100 × 100 m hole (a lake) stays; the 1 km square stays.
    main = Polygon(
        box(0, 0, 1000, 1000).exterior.coords,
        [box(100, 100, 105, 105).exterior.coords, box(500, 500, 600, 600).exterior.coords],
    )
    shown = simplify_for_display(MultiPolygon([main, box(2000, 0, 2010, 10)]), 10.0)
    assert shown.geom_type == "Polygon"
    assert len(shown.interiors) == 1
    assert shown.area == pytest.approx(1000 * 1000 - 100 * 100)
