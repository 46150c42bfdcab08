"""The valuation charts are well-formed SVG that say what they show."""

from __future__ import annotations

from xml.etree import ElementTree

from hypothesis import given, settings
from hypothesis import strategies as st

from grogrund.charts.valuation import (
    StackSeries,
    TornadoRow,
    break_even_chart,
    histogram_chart,
    stacked_bar_chart,
    tornado_chart,
)

SVG = "{http://www.w3.org/2000/svg}"


def fmt(v: float) -> str:
    return f"{v:.0f} kr"


def _parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)


def test_stacked_bars_draw_one_rect_per_non_zero_value_and_costs_below_zero():
    svg = stacked_bar_chart(
        ["2024", "2025"],
        [StackSeries("Kommunen", [100, 200]), StackSeries("Kostnader", [-50, 0], "#999")],
        title="Nyttor <och> kostnader",
        format_value=fmt,
    )
    root = _parse(svg)
    rects = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(rects) == 3
    assert root.find(f"{SVG}title").text == "Nyttor <och> kostnader"
    assert "Kommunen: 2024 100 kr, 2025 200 kr" in root.find(f"{SVG}desc").text


def test_break_even_is_marked_at_its_year():
    svg = break_even_chart(
        ["2024", "2025", "2026"],
        [-40000, 17143, 71565],
        break_even_label="2025",
        marker_text="break even 2025",
        title="Ackumulerat",
        format_value=fmt,
    )
    root = _parse(svg)
    marker = [g for g in root.iter(f"{SVG}g") if g.get("class") == "break-even"]
    assert len(marker) == 1
    assert "break even 2025" in "".join(marker[0].itertext())


def test_no_break_even_no_marker():
    svg = break_even_chart(
        ["2024", "2025"],
        [-10, -5],
        break_even_label=None,
        marker_text="x",
        title="t",
        format_value=fmt,
    )
    assert 'class="break-even"' not in svg


def test_histogram_shows_the_percentile_markers():
    svg = histogram_chart(
        [-2.0, -1.0, 0.0, 1.0, 2.0],
        [1, 3, 5, 1],
        markers=[("P10", -1.5), ("P50", 0.2), ("P90", 1.4)],
        title="NPV",
        format_value=fmt,
    )
    root = _parse(svg)
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert {"P10", "P50", "P90"} <= set(labels)


def test_tornado_rows_in_the_given_order():
    svg = tornado_chart(
        [TornadoRow("Antal", 10, 90), TornadoRow("Dödvikt", 60, 40)],
        base_value=50,
        title="Tornado",
        low_label="lågt",
        high_label="högt",
        format_value=fmt,
    )
    texts = [t.text for t in _parse(svg).iter(f"{SVG}text")]
    assert texts.index("Antal") < texts.index("Dödvikt")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), min_size=1, max_size=25))
def test_any_series_gives_well_formed_svg(values):
    years = [str(2024 + i) for i in range(len(values))]
    _parse(stacked_bar_chart(years, [StackSeries("a", values)], title="t", format_value=fmt))
    cumulative = []
    total = 0.0
    for v in values:
        total += v
        cumulative.append(total)
    _parse(
        break_even_chart(
            years,
            cumulative,
            break_even_label=years[-1],
            marker_text="m",
            title="t",
            format_value=fmt,
        )
    )
