"""Every colour, dash, marker and text size the charts draw with, in one place.

WCAG 2.1 (1.4.11 Non-text Contrast) asks 3 : 1 against the background for the parts of a
graphic needed to understand it, and 4.5 : 1 for text (1.4.3). The series colours are all
≥ 3 : 1 against white and differ from each other by CIEDE2000 ≥ 20 for normal colour vision
and ≥ 10 for simulated deuteranopia, protanopia and tritanopia (Machado, Oliveira & Fernandes
2009); tests/charts/test_palette_contrast.py checks both. They start from the Okabe–Ito hues
(blue, vermillion) and take the rest from Paul Tol's dark schemes (wine, indigo) and a search
among colours dark enough for white, since Okabe–Ito's orange, sky blue and yellow are too
light (1,3–2,3 : 1).

Beyond the palette a series is told apart by a dash (lines) or a hatching (bars), so no two
series of one chart look the same, with or without colour vision.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Series colours, in the order series are given them.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#882255",  # wine
    "#332288",  # indigo
    "#9977FF",  # lavender
    "#005522",  # dark green
    "#AA7788",  # dusty rose
    "#707060",  # grey olive
)
#: Line patterns: every line of a chart also differs from its neighbours by its dash.
DASHES: tuple[str, ...] = ("", "6 3", "2 3", "8 3 2 3")
#: Point markers of line charts, in the order series are given them.
MARKERS: tuple[str, ...] = ("circle", "square", "triangle", "diamond")

#: Meaning, not series: good/bad values, costs, the goal's trajectory.
POSITIVE = "#007A5A"  # 5,3 : 1
NEGATIVE = "#D55E00"  # 3,9 : 1
COSTS = "#595959"  # 7,0 : 1, drawn hatched so it never looks like a stakeholder
TRAJECTORY = "#0072B2"
STATUS: dict[str, str] = {
    "on_track": POSITIVE,
    "behind": "#9A6200",  # ochre, 5,1 : 1 (Okabe–Ito's orange is 2,3 : 1)
    "at_risk": NEGATIVE,
    "no_data": "#767676",  # 4,5 : 1
}

#: Text: ink, secondary text, and a warning written as text (4.5 : 1 needed, not 3 : 1).
INK = "#222222"
TEXT = "#444444"
WARNING_TEXT = "#A63D00"  # 5,9 : 1
GRID = "#dddddd"  # decoration: the tick labels carry the values
AXIS = "#444444"

#: Every text in a chart, in user units. A chart is drawn as wide as it is shown on a 1280 px
#: screen (it only shrinks on narrower ones), so this is also its size in CSS pixels there.
FONT_SIZE = 12
#: About how wide a character of system-ui is at FONT_SIZE, for laying out labels.
CHAR_WIDTH = 7.0
LINE_HEIGHT = 15


@dataclass(frozen=True)
class SeriesStyle:
    colour: str
    dash: str  # stroke-dasharray, "" for a solid line
    marker: str  # one of MARKERS
    hatched: bool  # bars: white diagonal stripes over the colour


def series_style(n: int) -> SeriesStyle:
    """The look of the n-th series of a chart: its own colour while the palette lasts, then the
    colours again hatched (bars) and with the next marker (lines). Lines vary their dash with
    every series as well, so two neighbours never differ by colour alone."""
    size = len(PALETTE)
    return SeriesStyle(
        colour=PALETTE[n % size],
        dash=DASHES[n % len(DASHES)],
        marker=MARKERS[(n // size) % len(MARKERS)],
        hatched=(n // size) % 2 == 1,
    )


#: Maps (charts/maps.py). A choropleth's classes run from light (low) to dark (high) in one
#: direction of lightness, so their order reads without colour vision; the steps are ColorBrewer's
#: YlGnBu (Brewer, colorbrewer2.org), its darkest step lightened so that every class keeps
#: ≥ 3 : 1 against the area borders drawn over it (MAP_BORDER; 3,2 : 1 for the darkest, 18 : 1
#: for the lightest) and a border is seen between two areas of the same class.
SEQUENTIAL: tuple[str, ...] = ("#FFFFD9", "#C7E9B4", "#7FCDBB", "#1D91C0", "#2566A8")
MAP_BORDER = "#111111"
#: An area without a figure: white with grey hatching (never a class colour).
MAP_NO_DATA = "#FFFFFF"
MAP_NO_DATA_HATCH = "#8A8A8A"
#: Area pickers and marked areas: unchosen areas light grey, chosen ones blue with white
#: hatching (chosen is told by the pattern too, not by colour alone: WCAG 1.4.1).
MAP_BASE = "#F2F2F2"
MAP_CHOSEN = "#0072B2"
#: The area a map is about is outlined thick in black over a white halo, seen on every class.
MAP_OUTLINE = "#000000"
