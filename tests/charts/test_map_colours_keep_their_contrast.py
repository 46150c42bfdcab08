"""The map colours (grogrund.charts.palette): every class of a choropleth keeps 3 : 1 against
the area borders drawn over it (WCAG 2.1 SC 1.4.11), so a border is seen between two areas of
the same class; the classes run in one direction of lightness, so their order reads without
colour vision; a chosen area differs from an unchosen one by 3 : 1 (and by its hatching).
Contrast as WCAG 2.1 defines it (tests/charts/test_palette_contrast.py)."""

from __future__ import annotations

import pytest
from tests.charts.test_palette_contrast import relative_luminance

from grogrund.charts import palette


def contrast(a: str, b: str) -> float:
    la, lb = relative_luminance(a), relative_luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


@pytest.mark.parametrize("colour", palette.SEQUENTIAL)
def test_every_class_has_3_to_1_against_the_borders(colour):
    assert contrast(colour, palette.MAP_BORDER) >= 3.0, colour


def test_the_classes_darken_step_by_step():
    lightness = [relative_luminance(c) for c in palette.SEQUENTIAL]
    assert lightness == sorted(lightness, reverse=True)
    # Neighbouring classes differ by at least 1,25 : 1 in lightness, not by hue alone.
    pairs = zip(palette.SEQUENTIAL[:-1], palette.SEQUENTIAL[1:], strict=True)
    steps = [contrast(a, b) for a, b in pairs]
    assert min(steps) >= 1.25


def test_chosen_and_unchosen_areas_differ_by_3_to_1():
    assert contrast(palette.MAP_CHOSEN, palette.MAP_BASE) >= 3.0
    assert contrast(palette.MAP_BASE, palette.MAP_BORDER) >= 3.0


def test_the_outline_is_seen_on_every_class():
    # Black over a white halo: the black against light classes, the white against dark ones.
    for colour in palette.SEQUENTIAL:
        assert max(contrast(palette.MAP_OUTLINE, colour), contrast("#FFFFFF", colour)) >= 3.0


def test_the_no_data_hatching_is_seen_against_its_white():
    assert contrast(palette.MAP_NO_DATA_HATCH, palette.MAP_NO_DATA) >= 3.0
