"""In the PDF an effect logic diagram of the programme report is printed as an image of its
drawing with its text laid over it as HTML, at the place, size, weight and colour the SVG
gives it (reports/pdf.py, text_as_html): the same picture, printed faster
(benchmarks/bench_reports.py). Text the layer cannot place exactly stays in the drawing.
Python's garbage collector is paused while a document prints, and comes back however the
printing ends."""

from __future__ import annotations

import base64
import gc
import io
import re
import threading

import pytest
from pypdf import PdfReader

from grogrund.reports.pdf import (
    PRINTED_WIDTH_MM,
    charts_as_images,
    collection_deferred,
    render_document,
    text_as_html,
)

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 200" width="1000" height="200" '
    'role="img" class="chart" font-family="system-ui, sans-serif" font-size="12" fill="#111">'
    '<title id="t">Effektlogik</title><desc id="d">Behov → Aktiviteter</desc>'
    '<rect x="0" y="0" width="1000" height="200" fill="#eee"/>'
    '<text x="500" y="20" text-anchor="middle" font-weight="bold" fill="#222">Behov</text>'
    '<g class="node"><text x="100" y="60">Många unga</text>'
    '<text x="100" y="75">saknar arbete</text>'
    '<text x="100" y="90">i området</text></g>'
    '<text x="990" y="190" text-anchor="end" font-size="10">Källa: SCB</text>'
    '<text x="20" y="150" transform="rotate(-90 20 150)">Andel</text>'
    '<g transform="translate(5 5)"><text x="0" y="0">Flyttad</text></g>'
    '<text x="300" y="120">Delad <tspan font-weight="bold">text</tspan></text>'
    "</svg>"
)


def _drawing(html: str) -> str:
    data = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html).group(1)
    return base64.b64decode(data).decode()


def test_the_text_moves_to_html_blocks_placed_in_millimetres():
    html = text_as_html(SVG, width_mm=200.0)  # 0,2 mm per unit
    drawing = _drawing(html)
    for moved in ("Behov", "Många unga", "saknar arbete", "Källa: SCB"):
        assert f">{moved}</text>" not in drawing and moved in html, moved
    # Rotated, moved by a group's transform, or in parts: left in the drawing.
    for kept in (">Andel</text>", ">Flyttad</text>", ">Delad <tspan"):
        assert kept in drawing, kept
    assert 'style="width: 200.00mm"' in html
    blocks = re.findall(r'<div style="([^"]*)">(.*?)</div>', html)
    texts = [text for _style, text in blocks]
    # Three lines at one x, 15 units apart: one block of three lines.
    assert texts == ["Behov", "Många unga<br>saknar arbete<br>i området", "Källa: SCB"]
    styles = [dict(p.split(": ") for p in style.split("; ")) for style, _text in blocks]
    # The layer: the most common size (12 × 0,2 = 2,4 mm) and step (15 × 0,2 = 3 mm), colour.
    layer = re.search(r'class="chart-text" style="([^"]*)"', html).group(1)
    assert "font-size: 2.400mm" in layer and "line-height: 3.000mm" in layer
    assert "margin-top: -40.00mm" in layer and "color: #111" in layer
    # The node: 100 × 0,2 = 20 mm in; its first baseline (y 60) lies 0,928 em + half the
    # leading (15 − 1,164 × 12) / 2 below the block's top: 60 − 11,136 − 0,516 = 48,348 → 9,67 mm.
    assert styles[1] == {"margin-left": "20.00mm", "top": "9.67mm"}
    # Centred on x 500: a box from 0 to 1000 units, the text centred in it, bold, its colour.
    assert styles[0]["margin-left"] == "0.00mm" and styles[0]["width"] == "200.00mm"
    assert styles[0]["text-align"] == "center" and styles[0]["font-weight"] == "bold"
    assert styles[0]["color"] == "#222"
    # Ending at x 990: a box from 0 to 198 mm, right-aligned, in its own size (10 × 0,2 mm).
    assert styles[2]["width"] == "198.00mm" and styles[2]["text-align"] == "right"
    assert styles[2]["font-size"] == "2.000mm"


def test_a_chart_without_movable_text_or_unreadable_stays_an_image():
    bare = SVG.split("<text")[0] + "</svg>"
    assert text_as_html(bare, width_mm=100.0) is None
    assert text_as_html("<svg viewBox='0 0 10'>", width_mm=100.0) is None
    page = f'<figure class="unknown">{SVG}</figure>'
    assert 'class="chart-layers"' not in charts_as_images(page)
    layered = charts_as_images(f'<figure class="effect-logic">{SVG}</figure>')
    assert layered.startswith('<figure class="effect-logic"><div class="chart-layers"')
    assert f"width: {PRINTED_WIDTH_MM['effect-logic']:.2f}mm" in layered


def _glyph_box(pdf: bytes, letter: str) -> tuple[float, ...]:
    """The box (left, bottom, right, top, in mm) of the first `letter` PDFium finds."""
    import pypdfium2 as pdfium

    text = pdfium.PdfDocument(pdf)[0].get_textpage()
    for i in range(text.count_chars()):
        if text.get_text_range(i, 1) == letter:
            return tuple(v * 25.4 / 72 for v in text.get_charbox(i))
    raise AssertionError(f"{letter} is not in the PDF")


@pytest.mark.parametrize("anchor", ["start", "middle"])
def test_the_text_prints_where_the_drawing_would_print_it(anchor):
    """The same SVG printed both ways: the first letter of a line lands within 0,1 mm."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 500 100" width="500" '
        'height="100" class="chart" font-size="12">'
        '<rect x="0" y="0" width="500" height="100" fill="#fff"/>'
        f'<text x="250" y="40" text-anchor="{anchor}" fill="#111">Xavier</text></svg>'
    )
    document = (
        '<html lang="sv"><head><style>@page { size: A4 landscape; margin: 16mm; } '
        "html { font-family: 'DejaVu Sans'; } img.chart { width: 265mm; } "
        ".chart-layers img.chart-drawing { display: block; width: 100%; height: 100%; "
        "max-width: none; } .chart-text div { position: relative; height: 0; "
        "white-space: pre; }</style></head><body>{}</body></html>"
    )
    images = render_document(
        document.replace("{}", f"<figure>{svg}</figure>"), title="t", language="sv"
    )[0]
    layers = render_document(
        document.replace("{}", f'<figure class="effect-logic">{svg}</figure>'),
        title="t",
        language="sv",
    )[0]
    drawn, laid = _glyph_box(images, "X"), _glyph_box(layers, "X")
    assert all(abs(a - b) < 0.1 for a, b in zip(drawn, laid, strict=True)), (drawn, laid)
    # Printed once: the drawing has no text left to print it twice.
    assert PdfReader(io.BytesIO(layers)).pages[0].extract_text().count("Xavier") == 1


def test_the_collector_is_paused_while_printing_and_back_afterwards():
    assert gc.isenabled()
    with collection_deferred():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collection_deferred():
        raise RuntimeError("the printer failed")
    assert gc.isenabled()


def test_two_documents_printed_at_once_keep_it_paused_until_the_last_ends():
    first_inside, second_done, states = threading.Event(), threading.Event(), []

    def first():
        with collection_deferred():
            first_inside.set()
            second_done.wait(5)
            states.append(gc.isenabled())  # the other document ended meanwhile

    thread = threading.Thread(target=first)
    thread.start()
    first_inside.wait(5)
    with collection_deferred():
        pass
    second_done.set()
    thread.join(5)
    assert states == [False] and gc.isenabled()
