"""A legend or a bar's label too long for its place is wrapped onto more lines, never cut
with "…" (issue 10: "Kostnader (alla betalar…"), and stays inside the picture."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from tests.charts.samples import LONG, all_charts

from grogrund.charts.palette import CHAR_WIDTH

SVG = "{http://www.w3.org/2000/svg}"
WITH_LABELS = ["line", "bar", "budget", "benefits", "tornado", "effect_logic"]


def _texts(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{SVG}text"))


@pytest.mark.parametrize("name", WITH_LABELS)
def test_a_long_label_is_shown_whole(name):
    root = ET.fromstring(all_charts()[name])
    shown = " ".join(" ".join(t.itertext()) for t in _texts(root))
    assert "…" not in shown
    words = LONG.split()
    # Every word of the label, in order, in the drawn text (possibly over several lines).
    joined = " ".join(shown.split())
    assert " ".join(words) in joined or all(w in joined for w in words)


@pytest.mark.parametrize("name", ["line", "budget", "benefits", "tornado"])
def test_every_legend_line_fits_inside_the_picture(name):
    root = ET.fromstring(all_charts()[name])
    width = float(root.get("width"))
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")
    for text in legend.iter(f"{SVG}text"):
        x = float(text.get("x"))
        lines = [s.text or "" for s in text.iter(f"{SVG}tspan")] or [text.text or ""]
        for line in lines:
            assert x + CHAR_WIDTH * len(line) <= width, (name, line)


def test_the_long_label_takes_more_than_one_line_in_a_narrow_chart():
    root = ET.fromstring(all_charts()["line"])
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")
    wrapped = [t for t in legend.iter(f"{SVG}text") if len(list(t.iter(f"{SVG}tspan"))) > 1]
    assert wrapped, "a 78-character label in a 340 px chart needs more than one line"


def test_legend_rows_do_not_overlap():
    root = ET.fromstring(all_charts()["benefits"])
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")
    boxes = []  # (left, top, right, bottom) of each label, 12 px text on 15 px lines
    for text in legend.iter(f"{SVG}text"):
        lines = [s.text or "" for s in text.iter(f"{SVG}tspan")] or [text.text or ""]
        x, baseline = float(text.get("x")), float(text.get("y"))
        top = baseline - 12
        boxes.append((x, top, x + CHAR_WIDTH * max(len(s) for s in lines), top + 15 * len(lines)))
    assert len(boxes) == 11
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, (a, b)
