"""Every colour a chart draws with can be seen against white and told apart from the others.

WCAG 2.1 SC 1.4.11 (Non-text Contrast) asks 3 : 1 between a graphic's parts and the background;
SC 1.4.3 asks 4.5 : 1 for text. Contrast ratio and relative luminance as defined in WCAG 2.1
("relative luminance", sRGB linearised with the 0.03928 threshold; the 0.04045 of IEC 61966-2-1
gives the same result for 8-bit values). Hand-checked anchors: black 21 : 1, #767676 4.54 : 1
(the lightest grey that passes AA for text), Okabe–Ito's yellow #F0E442 1.32 : 1.

Distinct: CIEDE2000 colour difference (Sharma, Wu & Dalal 2005) between every pair of series
colours, for normal vision and under the full-severity deuteranopia, protanopia and tritanopia
simulations of Machado, Oliveira & Fernandes (2009), applied to linear RGB.
"""

from __future__ import annotations

import itertools
import math

import pytest

from grogrund.charts import palette
from grogrund.charts.palette import PALETTE, series_style

WHITE_LUMINANCE = 1.0


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def relative_luminance(hex_colour: str) -> float:
    r, g, b = (_linear(c) for c in _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_white(hex_colour: str) -> float:
    return (WHITE_LUMINANCE + 0.05) / (relative_luminance(hex_colour) + 0.05)


def test_the_contrast_formula_gives_the_known_ratios():
    assert contrast_with_white("#000000") == pytest.approx(21.0)
    assert contrast_with_white("#767676") == pytest.approx(4.54, abs=0.01)
    assert contrast_with_white("#F0E442") == pytest.approx(1.32, abs=0.01)  # the old yellow
    assert contrast_with_white("#E69F00") == pytest.approx(2.25, abs=0.01)  # the old orange


@pytest.mark.parametrize("colour", PALETTE)
def test_every_series_colour_has_3_to_1_against_white(colour):
    assert contrast_with_white(colour) >= 3.0, colour


@pytest.mark.parametrize(
    "name",
    ["POSITIVE", "NEGATIVE", "COSTS", "TRAJECTORY", "AXIS"],
)
def test_every_colour_of_meaning_has_3_to_1_against_white(name):
    assert contrast_with_white(getattr(palette, name)) >= 3.0


@pytest.mark.parametrize("status", sorted(palette.STATUS))
def test_every_status_colour_has_3_to_1_against_white(status):
    assert contrast_with_white(palette.STATUS[status]) >= 3.0


@pytest.mark.parametrize("name", ["INK", "TEXT", "WARNING_TEXT"])
def test_text_colours_have_4_5_to_1_against_white(name):
    assert contrast_with_white(getattr(palette, name)) >= 4.5


# --- distinctness ----------------------------------------------------------------------------

MACHADO_2009 = {
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}


def _lab(hex_colour: str, vision: str | None = None) -> tuple[float, float, float]:
    rgb = [_linear(c) for c in _rgb(hex_colour)]
    if vision is not None:
        m = MACHADO_2009[vision]
        rgb = [min(1.0, max(0.0, sum(m[i][j] * rgb[j] for j in range(3)))) for i in range(3)]
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def ciede2000(lab1: tuple[float, float, float], lab2: tuple[float, float, float]) -> float:
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dl, dc = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    else:
        dh = h2p - h1p
        if dh > 180:
            dh -= 360
        elif dh < -180:
            dh += 360
    d_h = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_bar, c_bar_p = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_bar = (h1p + h2p) / 2
    else:
        h_bar = (h1p + h2p + (360 if h1p + h2p < 360 else -360)) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_bar - 30))
        + 0.24 * math.cos(math.radians(2 * h_bar))
        + 0.32 * math.cos(math.radians(3 * h_bar + 6))
        - 0.20 * math.cos(math.radians(4 * h_bar - 63))
    )
    d_theta = 30 * math.exp(-(((h_bar - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(c_bar_p**7 / (c_bar_p**7 + 25**7))
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    s_c = 1 + 0.045 * c_bar_p
    s_h = 1 + 0.015 * c_bar_p * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt(
        (dl / s_l) ** 2 + (dc / s_c) ** 2 + (d_h / s_h) ** 2 + r_t * (dc / s_c) * (d_h / s_h)
    )


def test_ciede2000_matches_sharma_wu_dalal_test_data():
    # Pairs 1 and 17 of the published test data (Sharma, Wu & Dalal 2005, table 1).
    assert ciede2000((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485)) == pytest.approx(
        2.0425, abs=1e-4
    )
    assert ciede2000((50.0, 2.5, 0.0), (73.0, 25.0, -18.0)) == pytest.approx(27.1492, abs=1e-4)


def test_the_series_colours_differ_clearly_for_normal_vision():
    for a, b in itertools.combinations(PALETTE, 2):
        assert ciede2000(_lab(a), _lab(b)) >= 20, (a, b)


@pytest.mark.parametrize("vision", sorted(MACHADO_2009))
def test_the_series_colours_stay_apart_for_colour_blind_vision(vision):
    for a, b in itertools.combinations(PALETTE, 2):
        assert ciede2000(_lab(a, vision), _lab(b, vision)) >= 10, (vision, a, b)


def test_no_two_of_sixteen_series_look_the_same():
    """Beyond the palette the colours come back hatched (bars) and with another marker and
    dash (lines): 16 series, such as every stakeholder of a valuation, all differ."""
    bars = {(s.colour, s.hatched) for s in map(series_style, range(16))}
    lines = {(s.colour, s.dash, s.marker) for s in map(series_style, range(16))}
    assert len(bars) == 16
    assert len(lines) == 16


def test_neighbouring_lines_differ_by_dash_too():
    for n in range(15):
        assert series_style(n).dash != series_style(n + 1).dash
