"""The follow-up charts are server-side SVG: the trajectory, the measurements shaped and
coloured by status (readable without colour), every text escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from grogrund.charts.followup import STATUS_COLOURS, Measured, followup_chart, sparkline

LABELS = {
    "trajectory": "Målbana",
    "measured": "Uppmätt",
    "target": "Mål",
    "on_track": "I fas",
    "behind": "Efter",
    "at_risk": "I riskzonen",
}
PATH = {2024: 0.55, 2025: 0.5775, 2026: 0.605, 2027: 0.6325, 2028: 0.66}
SVG = "{http://www.w3.org/2000/svg}"


def _chart(measured, title="Sysselsättning <Testby> & co"):
    return followup_chart(
        PATH, measured, title=title, labels=LABELS, format_y=lambda v: f"{v * 100:.0f} %"
    )


def test_a_status_has_its_own_shape_and_colour():
    svg = ET.fromstring(
        _chart(
            [
                Measured(2025, 0.58, "on_track"),
                Measured(2026, 0.58, "behind"),
                Measured(2027, 0.56, "at_risk"),
            ]
        )
    )
    titled = {
        el.tag.removeprefix(SVG): el.get("fill")
        for el in svg.iter()
        if el.find(f"{SVG}title") is not None and el.tag != f"{SVG}svg"
    }
    assert titled["rect"] == STATUS_COLOURS["behind"]
    assert titled["polygon"] == STATUS_COLOURS["at_risk"]
    assert STATUS_COLOURS["on_track"] in {el.get("fill") for el in svg.iter(f"{SVG}circle")}


def test_the_description_lists_every_value_for_screen_readers():
    svg = ET.fromstring(_chart([Measured(2025, 0.58, "on_track")]))
    desc = svg.find(f"{SVG}desc").text
    assert "2024 55 %" in desc and "2028 66 %" in desc and "2025 58 % (I fas)" in desc


def test_texts_are_escaped():
    svg = _chart([], title="<script>alert(1)</script>")
    assert "<script>" not in svg
    ET.fromstring(svg)  # well-formed


def test_a_sparkline_marks_the_latest_measurement_only():
    svg = ET.fromstring(
        sparkline(
            PATH,
            [Measured(2025, 0.58, "on_track"), Measured(2026, 0.57, "at_risk")],
            title="t",
            desc="d",
        )
    )
    assert svg.get("class") == "sparkline"
    assert len(list(svg.iter(f"{SVG}polygon"))) == 1  # the latest, at risk
    assert not list(svg.iter(f"{SVG}text"))
