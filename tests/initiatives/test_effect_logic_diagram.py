"""The effect logic as an SVG diagram: a column per stage, a box per node with its text, the
outcome's indicator and baseline → target, arrows for links, what is missing highlighted, and
every text escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from grogrund.charts.effect_logic import Arrow, Box, effect_logic_diagram
from grogrund.initiatives.diagram import effect_logic_svg
from grogrund.initiatives.models import Initiative
from grogrund.initiatives.selectors import validation_of, with_effect_logic
from initiatives.builders_initiatives import complete_chain, make_initiative, make_node, measure

SVG = "{http://www.w3.org/2000/svg}"
COLUMNS = ["Need", "Activities", "Outputs", "Short", "Long", "Impact"]


def test_boxes_arrows_and_escaping():
    svg = effect_logic_diagram(
        COLUMNS,
        [
            Box(1, 0, 'Unga <18 & "utan" jobb'),
            Box(2, 1, "Coacher"),
            Box(
                3, 3, "Färre arbetslösa", details=("Arbetslösa", "17 % → 12 %"), problem="No target"
            ),
        ],
        [Arrow(1, 2), Arrow(2, 3), Arrow(3, 1, problem=True)],
        title="Effektlogik <script>",
        empty_label="saknas",
        notes=["Arbetsgivarna <håller> löftet"],
        notes_title="Antaganden",
        missing_columns=[2, 4, 5],
    )
    root = ET.fromstring(svg)  # well-formed: every text escaped
    assert root.find(f"{SVG}title").text == "Effektlogik <script>"
    nodes = root.findall(f".//{SVG}g[@data-node]")
    assert [n.get("data-node") for n in nodes] == ["1", "2", "3"]
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert 'Unga <18 & "utan" jobb' in texts
    assert "17 % → 12 %" in texts and "No target" in texts
    assert "Arbetsgivarna <håller> löftet" in texts
    assert "problem" in nodes[2].get("class")
    links = root.findall(f".//{SVG}path[@marker-end]")
    assert len(links) == 3 and "el-problem" in links[2].get("class")
    empties = root.findall(f".//{SVG}g[@class='el-empty el-problem']")
    assert len(empties) == 3  # outputs, long-term, impact missing


def test_the_initiative_diagram_shows_outcomes_with_indicator_baseline_target_and_latest(world):
    i = make_initiative(world.programme)
    n = complete_chain(i, world.employment, goal=world.goal)
    measure(n["long"], 2025, 0.595)
    make_node(i, "activity", "Sommarfest")  # leads nowhere
    i = with_effect_logic(Initiative.objects.filter(pk=i.pk)).get()
    root = ET.fromstring(effect_logic_svg(i, validation_of(i)))
    long = root.find(f".//{SVG}g[@data-node='{n['long'].pk}']")
    texts = [t.text for t in long.iter(f"{SVG}text")]
    assert "Förvärvsarbetande" in " ".join(texts)
    # A detail may be wrapped onto two lines of the box.
    assert "55,0\u00a0% (2022) → 62,0\u00a0% (2030)" in " ".join(texts)
    assert "59,5\u00a0% (2025)" in " ".join(texts)
    party = root.findall(f".//{SVG}g[@class='el-node el-problem']")
    assert len(party) == 1
