"""In the valuation's benefits chart every stakeholder has a look of its own (issue 10: two
stakeholders shared a colour once there were more than the palette had): the ten stakeholders
of the engine and the costs all differ, the costs hatched grey."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tests.charts.samples import STAKEHOLDERS, valuation_benefits

from grogrund.charts.palette import COSTS, PALETTE

SVG = "{http://www.w3.org/2000/svg}"


def _legend_fills(root: ET.Element) -> dict[str, str]:
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")
    rects = list(legend.iter(f"{SVG}rect"))
    texts = ["".join(t.itertext()) for t in legend.iter(f"{SVG}text")]
    return {text: rect.get("fill", "") for text, rect in zip(texts, rects, strict=True)}


def test_ten_stakeholders_and_the_costs_get_eleven_different_fills():
    root = ET.fromstring(valuation_benefits())
    fills = _legend_fills(root)
    assert len(fills) == len(STAKEHOLDERS) + 1
    assert len(set(fills.values())) == len(fills)


def test_the_first_stakeholders_take_the_palette_in_order_and_the_rest_are_hatched():
    root = ET.fromstring(valuation_benefits())
    fills = _legend_fills(root)
    assert [fills[name] for name in STAKEHOLDERS[: len(PALETTE)]] == list(PALETTE)
    patterns = {p.get("id"): p for p in root.iter(f"{SVG}pattern")}
    for name in STAKEHOLDERS[len(PALETTE) :]:
        pattern_id = fills[name].removeprefix("url(#").removesuffix(")")
        assert pattern_id in patterns, name


def test_the_costs_are_hatched_grey():
    root = ET.fromstring(valuation_benefits())
    costs = next(fill for label, fill in _legend_fills(root).items() if label.startswith("Kostn"))
    pattern = next(p for p in root.iter(f"{SVG}pattern") if f"url(#{p.get('id')})" == costs)
    assert pattern.find(f"{SVG}rect").get("fill") == COSTS


def test_the_bars_use_the_same_fills_as_the_legend():
    root = ET.fromstring(valuation_benefits())
    legend = set(_legend_fills(root).values())
    bars = {r.get("fill") for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None}
    assert bars == legend
