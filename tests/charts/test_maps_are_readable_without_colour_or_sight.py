"""Every map is named and described for screen readers, names each area for hover, has its
legend with the classes' bounds in the caller's number format and its source, keeps 12 px
text, and tells chosen areas apart by a pattern as well as a colour; a marked area too small
to see gets a point marker."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from shapely.geometry import box

from grogrund.charts.maps import (
    MapArea,
    MapTexts,
    MarkedArea,
    choropleth,
    choropleth_table,
    picker_map,
    programme_map,
)

SVG = "{http://www.w3.org/2000/svg}"
TEXTS = MapTexts(
    title="Förvärvsarbetande 20–64 år per DeSO i Grobo, 2024",
    description="En karta över tre områden.",
    legend_title="Förvärvsarbetande 20–64 år, 2024 · kvintiler",
    source="Källa: SCB, 2024. Gränser: SCB (CC0), 2025-03-01.",
)
AREAS = [
    MapArea("A", "Norrbacka 1", box(620_000, 6_640_000, 621_000, 6_641_000)),
    MapArea("B", "Norrbacka 2", box(621_000, 6_640_000, 622_000, 6_641_000)),
    MapArea("C", "Centrum 1", box(622_000, 6_640_000, 623_000, 6_641_000)),
]


def swedish(v: float) -> str:
    return f"{v * 100:.1f}".replace(".", ",") + "\u00a0%"


def _choropleth() -> str:
    return choropleth(
        AREAS,
        {"A": 0.55, "B": 0.8, "C": None},
        texts=TEXTS,
        format_value=swedish,
        no_data_label="ingen uppgift",
        outline={"A"},
        outline_label="Norrbacka bostadsområde",
    )


def _texts(root: ET.Element) -> str:
    return " ".join(t for el in root.iter(f"{SVG}text") for t in el.itertext())


def test_the_choropleth_is_an_image_named_and_described():
    root = ET.fromstring(_choropleth())
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == TEXTS.title and desc.text == TEXTS.description
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    _x, _y, w, h = (float(v) for v in root.get("viewBox").split())
    assert (w, h) == (float(root.get("width")), float(root.get("height")))


def test_each_area_has_its_name_and_figure_as_its_title():
    root = ET.fromstring(_choropleth())
    titles = [
        p.find(f"{SVG}title").text
        for p in root.iter(f"{SVG}path")
        if p.find(f"{SVG}title") is not None
    ]
    assert titles == [
        "Norrbacka 1: 55,0\u00a0%",
        "Norrbacka 2: 80,0\u00a0%",
        "Centrum 1: ingen uppgift",
    ]


def test_the_legend_gives_the_class_bounds_and_the_source():
    text = _texts(ET.fromstring(_choropleth()))
    # Two values in quintiles: one class each.
    assert "55,0\u00a0% – 55,0\u00a0%" in text and "80,0\u00a0% – 80,0\u00a0%" in text
    assert "ingen uppgift" in text and "Norrbacka bostadsområde" in text
    assert TEXTS.legend_title in text and TEXTS.source in text


def test_no_text_is_smaller_than_12():
    root = ET.fromstring(_choropleth())
    assert float(root.get("font-size")) >= 12
    assert all(float(el.get("font-size", 12)) >= 12 for el in root.iter())


def test_the_table_has_the_same_figures():
    html = choropleth_table(
        AREAS,
        {"A": 0.55, "B": 0.8, "C": None},
        summary="Visa som tabell",
        caption=TEXTS.title,
        area_column="DeSO",
        value_column="Förvärvsarbetande",
        format_value=swedish,
        no_data_label="ingen uppgift",
    )
    assert "Visa som tabell" in html
    # By name: Centrum 1 first.
    assert html.index("Centrum 1") < html.index("Norrbacka 1") < html.index("Norrbacka 2")
    assert "55,0\u00a0%" in html and "80,0\u00a0%" in html and "ingen uppgift" in html
    assert '<th scope="row">Norrbacka 1</th>' in html


def test_the_picker_makes_each_area_a_named_link_to_its_control():
    svg = picker_map(
        AREAS,
        {"B"},
        texts=MapTexts("Välj DeSO", "Tre områden, ett valt."),
        href=lambda a: f"#member-{a.code}",
        label=lambda a, on: f"{a.name}, {'vald' if on else 'inte vald'}",
        control=lambda a: f"member-{a.code}",
        chosen_label="vald",
        not_chosen_label="inte vald",
    )
    root = ET.fromstring(svg)
    assert root.get("role") == "group"
    links = list(root.iter(f"{SVG}a"))
    assert [link.get("aria-label") for link in links] == [
        "Norrbacka 1, inte vald",
        "Norrbacka 2, vald",
        "Centrum 1, inte vald",
    ]
    assert [link.get("href") for link in links] == ["#member-A", "#member-B", "#member-C"]
    assert links[1].get("data-controls") == "member-B"
    # The chosen area is filled with the hatch pattern, not only another colour.
    pattern = root.find(f".//{SVG}pattern").get("id")
    assert links[1].find(f"{SVG}path").get("fill") == f"url(#{pattern})"
    assert links[0].find(f"{SVG}path").get("fill") != f"url(#{pattern})"


def test_a_marked_area_too_small_to_see_gets_a_point_marker():
    country = MapArea("SE", "Sverige", box(300_000, 6_200_000, 900_000, 7_600_000))
    tiny = MarkedArea(
        MapArea("X", "Norrbacka 1", box(620_000, 6_640_000, 620_500, 6_640_500)),
        "Norrbacka 1: Handslag Norrbacka",
        href="/program/1/",
    )
    root = ET.fromstring(
        programme_map(
            [country],
            [tiny],
            texts=MapTexts("Program i nätverket", "Ett program."),
            base_label="kommuner",
            kind_labels=["område med program"],
        )
    )
    link = next(root.iter(f"{SVG}a"))
    assert link.get("href") == "/program/1/" and link.get("aria-label") == tiny.label
    assert link.find(f"{SVG}circle") is not None
    assert root.get("role") == "group"


def test_the_legend_can_be_html_that_keeps_its_size_on_a_phone():
    from grogrund.charts.maps import choropleth_legend, classify, legend_html

    breaks = classify([0.55, 0.8])
    svg = choropleth(
        AREAS,
        {"A": 0.55, "B": 0.8, "C": None},
        texts=TEXTS,
        format_value=swedish,
        no_data_label="ingen uppgift",
        breaks=breaks,
        with_legend=False,
    )
    assert "55,0\u00a0% – 55,0\u00a0%" not in _texts(ET.fromstring(svg))
    html = legend_html(
        choropleth_legend(
            breaks,
            format_value=swedish,
            no_data_label="ingen uppgift",
            outline_label="Norrbacka bostadsområde",
            key="k1",
        ),
        title=TEXTS.legend_title,
        source=TEXTS.source,
    )
    assert "<span>55,0\u00a0% – 55,0\u00a0%</span>" in html
    assert "<span>ingen uppgift</span>" in html and "<span>Norrbacka bostadsområde</span>" in html
    assert html.count('aria-hidden="true"') == 4  # two classes, no figure, the outline
    assert TEXTS.legend_title in html and TEXTS.source in html
