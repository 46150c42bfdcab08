"""HTML to PDF with WeasyPrint: the same templates and SVG charts as the pages, printed on A4.

Every report is a Django template extending `reports/document.html` (page header with the
document's title and date, page numbers "sida 3 av 12", the report stylesheet). `render_pdf`
produces a tagged PDF/UA-1 document with its language, title, author and date set, the fonts
embedded (subsets of DejaVu, which Debian's fonts-dejavu-core installs), and the charts kept as
vectors. Nothing is fetched from the network: only the project's own static files are read.
"""

from __future__ import annotations

import base64
import datetime as dt
import gc
import html as html_lib
import re
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

# PDF/UA-1: tagged structure, document language and title, embedded fonts (WeasyPrint ≥ 61).
PDF_VARIANT = "pdf/ua-1"


class ReportRenderError(Exception):
    """A report could not be rendered (a message for the user)."""


def _static_only_fetcher() -> Any:
    """A fetcher that resolves the stylesheet's and images' `/static/…` addresses to the
    project's own files and refuses everything else, so a report never reaches the network or
    the rest of the file system."""
    import mimetypes

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnly(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)
            path = parsed.path
            static_prefix = "/" + settings.STATIC_URL.lstrip("/")
            if path.startswith(static_prefix):
                found = finders.find(path[len(static_prefix) :])
                if found:
                    file = Path(str(found))
                    kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, file.read_bytes(), {"Content-Type": kind})
            raise ValueError(f"reports only read the project's static files, not {url!r}")

    return StaticOnly()


def render_html(template: str, context: dict[str, Any], *, language: str) -> str:
    """The report's HTML in `language` ("sv" or "en"): shown as the print view, and the PDF's
    source."""
    with translation.override(language):
        return render_to_string(template, {**context, "report_language": language})


def html_to_pdf(
    html: str,
    *,
    title: str,
    language: str,
    author: str = "",
    created: dt.datetime | None = None,
) -> bytes:
    """A tagged, accessible PDF of `html` (which must be a whole document from
    `reports/document.html`)."""
    return render_document(html, title=title, language=language, author=author, created=created)[0]


_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title>", re.S)
_DESC = re.compile(r"<desc\b[^>]*>(.*?)</desc>", re.S)
_SIZE = re.compile(r'\b(width|height)="([0-9.]+)"')


def _chart_as_image(svg: str) -> str:
    """The chart as an <img> of the same SVG, drawn as vectors by WeasyPrint, with its title
    and description as the alternative text (the PDF's Figure tag)."""
    opening = svg[: svg.index(">") + 1]
    size = dict(_SIZE.findall(opening))
    words = [
        html_lib.unescape(found.group(1)).strip()
        for found in (_TITLE.search(svg), _DESC.search(svg))
        if found
    ]
    alt = html_lib.escape(". ".join(w for w in words if w), quote=True)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    dimensions = "".join(f' {key}="{size[key]}"' for key in ("width", "height") if key in size)
    return f'<img class="chart" src="data:image/svg+xml;base64,{data}" alt="{alt}"{dimensions}>'


#: A chart whose figure has one of these classes is printed this wide (mm), its text as HTML
#: over its drawing (`text_as_html`); the report's stylesheet gives the figure that width. An
#: effect logic fills a landscape page of the programme report (297 mm less report.css's 16 mm
#: margins; reports/programme.css). Charts with little text gain nothing from it: their HTML
#: costs as much as their letters (a goal's chart, measured in benchmarks/bench_reports.py).
PRINTED_WIDTH_MM = {"effect-logic": 265.0}

# A chart as grogrund.charts draws it: one <svg> element, never nested, with a <title> and a
# <desc> that say what it shows; with the <figure> around it when its class says how wide the
# chart is printed.
_FIGURE_CHART = re.compile(
    r'(?:<figure class="(?P<figure>[\w -]+)">\s*)?(?P<svg><svg\b[^>]*>.*?</svg>)', re.S
)


def _chart_for_pdf(match: re.Match[str]) -> str:
    svg = match.group("svg")
    before = match.group(0)[: match.start("svg") - match.start(0)]
    classes = (match.group("figure") or "").split()
    width = next((PRINTED_WIDTH_MM[c] for c in classes if c in PRINTED_WIDTH_MM), None)
    layered = text_as_html(svg, width_mm=width) if width is not None else None
    return before + (layered if layered is not None else _chart_as_image(svg))


def charts_as_images(html: str) -> str:
    """`html` with every inline SVG chart replaced by an image of the same SVG.

    The pages show charts inline (so the browser's print view does too); WeasyPrint draws an
    SVG image exactly as an inline one, still as vectors with real text, but it does not have
    to parse, style and box the chart's hundreds of elements as part of the document: the
    programme report prints about a tenth faster (benchmarks/bench_reports.py). An effect
    logic diagram's text is printed as HTML over the drawing (`text_as_html`)."""
    return _FIGURE_CHART.sub(_chart_for_pdf, html)


def render_document(
    html: str,
    *,
    title: str,
    language: str,
    author: str = "",
    created: dt.datetime | None = None,
) -> tuple[bytes, int]:
    """`html_to_pdf`, and the number of pages (stored with a snapshot)."""
    with collection_deferred():
        # Printed in a function of its own, so that the document is garbage when the
        # collector comes back.
        return _print(html, title=title, language=language, author=author, created=created)


def _print(
    html: str, *, title: str, language: str, author: str, created: dt.datetime | None
) -> tuple[bytes, int]:
    import weasyprint

    document = weasyprint.HTML(
        string=charts_as_images(html), base_url="/", url_fetcher=_static_only_fetcher()
    )
    rendered = document.render()
    meta = rendered.metadata
    meta.title = title
    meta.lang = language
    meta.authors = [author] if author else []
    meta.generator = "Grogrund"
    stamp = (created or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    meta.created = stamp
    meta.modified = stamp
    return bytes(rendered.write_pdf(pdf_variant=PDF_VARIANT)), len(rendered.pages)


@contextmanager
def collection_deferred() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a document is printed.

    WeasyPrint makes hundreds of thousands of small objects (boxes, styles, text layouts) that
    live until the document is written; each of the collector's passes over them (hundreds
    during a programme report) finds next to nothing to free, and together they took a fifth of
    the printing time (benchmarks/bench_reports.py). Reference counting still frees what is
    dropped at once; what is left in cycles is collected by one pass over the youngest
    generation when the document is done. The collector is paused for the whole process (it is
    process-wide), so other threads' work goes uncollected for the few seconds a report
    takes; if another document is being printed at the same time, the collector stays paused
    until the last one ends."""
    global _printing
    with _printing_lock:
        _printing += 1
        gc.disable()
    try:
        yield
    finally:
        with _printing_lock:
            _printing -= 1
            if _printing == 0 and _collector_was_enabled:
                gc.enable()
                # The document's objects are all in the youngest generation: one pass over
                # them (not over the whole heap) frees what they left in cycles.
                gc.collect(0)


_printing = 0
_printing_lock = threading.Lock()
_collector_was_enabled = gc.isenabled()


def render_pdf(
    template: str,
    context: dict[str, Any],
    *,
    title: str,
    language: str,
    author: str = "",
    created: dt.datetime | None = None,
) -> bytes:
    """Render `template` with `context` in `language` and print it to PDF."""
    html = render_html(template, context, language=language)
    return html_to_pdf(html, title=title, language=language, author=author, created=created)


_SVG_NS = "http://www.w3.org/2000/svg"
_Q = f"{{{_SVG_NS}}}"
#: DejaVu Sans, the reports' font: ascent and descent in em (its line box of `line-height:
#: normal` is their sum); a line of `line-height: L` has its baseline half the rest lower.
_ASCENT_EM, _DESCENT_EM = 0.928, 0.236
_INHERITED = ("fill", "font-weight", "font-size", "font-style", "text-anchor")
_MOVABLE_TEXT_ATTRIBUTES = {"x", "y", *_INHERITED}


@dataclass
class _Lines:
    """Texts of one look at one x, one under the other at a constant step: one HTML block."""

    x: float
    y: float  # the first baseline
    look: tuple[tuple[str, str], ...]
    parent: int
    texts: list[str]
    step: float = 0.0

    def takes(self, x: float, y: float, look: Any, parent: int) -> bool:
        if (x, look, parent) != (self.x, self.look, self.parent):
            return False
        gap = y - (self.y + self.step * (len(self.texts) - 1))
        return gap > 0 and (len(self.texts) == 1 or abs(gap - self.step) < 0.01)


def text_as_html(svg: str, *, width_mm: float) -> str | None:
    """The chart `svg`, printed `width_mm` wide, as an image of its drawing with its text as
    HTML laid over it at the same places, in the same size, weight and colour.

    WeasyPrint draws an SVG's text one letter at a time (each letter its own text layout),
    HTML text a line at a time: the effect logic diagrams of a programme of ten initiatives
    (~4,700 letters) print in about a third of the time as HTML (benchmarks/bench_reports.py).
    The text stays real text, after the image in the document's order (the tagged PDF's
    reading order), and the image's alternative text still says what the diagram shows. A
    text the layer cannot place exactly (rotated, moved by a transform, in parts or placed
    letter by letter) stays in the drawing; None when the SVG cannot be read (it is then
    printed as it is)."""
    import xml.etree.ElementTree as ET

    ET.register_namespace("", _SVG_NS)
    try:
        root = ET.fromstring(svg)
        _x0, _y0, view_w, view_h = (float(v) for v in root.attrib["viewBox"].split())
    except (ET.ParseError, KeyError, ValueError):
        return None
    blocks: list[_Lines] = []

    def walk(node: ET.Element, inherited: dict[str, str]) -> None:
        for child in list(node):
            if "transform" in child.attrib:
                continue  # its text is placed by the transform: left in the drawing
            look = {**inherited, **{k: v for k, v in child.attrib.items() if k in _INHERITED}}
            if child.tag == f"{_Q}text":
                if set(child.attrib) <= _MOVABLE_TEXT_ATTRIBUTES and not len(child):
                    x, y = float(child.get("x", "0")), float(child.get("y", "0"))
                    key = tuple(sorted(look.items()))
                    last = blocks[-1] if blocks else None
                    if last is not None and last.takes(x, y, key, id(node)):
                        last.step = last.step or y - last.y
                        last.texts.append(child.text or "")
                    else:
                        blocks.append(_Lines(x, y, key, id(node), [child.text or ""]))
                    node.remove(child)
            elif child.tag in (f"{_Q}g", f"{_Q}a"):
                walk(child, look)

    walk(root, {k: root.attrib[k] for k in _INHERITED if k in root.attrib})
    if not blocks:
        return None
    scale = width_mm / view_w  # mm per user unit
    image = _chart_as_image(ET.tostring(root, encoding="unicode"))
    image = image.replace('<img class="chart"', '<img class="chart chart-drawing"', 1)
    height_mm = view_h * scale
    # What most of the text is, said once for the layer; each block says only how it differs.
    common = {
        "font-size": _most_common(dict(b.look).get("font-size", "12") for b in blocks),
        "fill": _most_common(dict(b.look).get("fill", "#000") for b in blocks),
    }
    size = float(common["font-size"])
    step = _most_common([b.step for b in blocks if b.step] or [size * 1.25])
    layer = (
        f"margin-top: -{height_mm:.2f}mm; height: {height_mm:.2f}mm; "
        f"font-size: {size * scale:.3f}mm; line-height: {step * scale:.3f}mm; "
        f"color: {html_lib.escape(common['fill'], quote=True)}"
    )
    text = "".join(_block(b, scale, view_w, common, step) for b in blocks)
    return (
        f'<div class="chart-layers" style="width: {width_mm:.2f}mm">{image}'
        f'<div class="chart-text" style="{layer}">{text}</div></div>'
    )


def _most_common(values: Iterable[Any]) -> Any:
    return Counter(values).most_common(1)[0][0]


def _block(
    lines: _Lines, scale: float, view_w: float, common: dict[str, str], common_step: float
) -> str:
    """One block of lines, placed in the layer: in the layer's normal flow with no height, moved
    to its place by relative positioning (cheap to lay out, unlike absolutely positioned
    boxes), as wide as its text may reach."""
    look = dict(lines.look)
    size = float(look.get("font-size", common["font-size"]))
    step = lines.step or common_step
    # The first baseline of a line box `step` high lies half its leading below the ascent.
    top = lines.y - _ASCENT_EM * size - (step - (_ASCENT_EM + _DESCENT_EM) * size) / 2
    anchor = look.get("text-anchor", "start")
    if anchor == "middle":  # a box centred on x, as wide as the chart allows on both sides
        half = min(lines.x, view_w - lines.x)
        box = (lines.x - half, f"width: {2 * half * scale:.2f}mm; text-align: center")
    elif anchor == "end":  # a box from the chart's left edge to x
        box = (0.0, f"width: {lines.x * scale:.2f}mm; text-align: right")
    else:  # from x to the layer's right edge, as the block in normal flow is
        box = (lines.x, "")
    style = [f"margin-left: {box[0] * scale:.2f}mm", f"top: {top * scale:.2f}mm"]
    if box[1]:
        style.append(box[1])
    if look.get("font-size", common["font-size"]) != common["font-size"]:
        style.append(f"font-size: {size * scale:.3f}mm")
    if step != common_step:
        style.append(f"line-height: {step * scale:.3f}mm")
    if look.get("fill", common["fill"]) != common["fill"]:
        style.append(f"color: {html_lib.escape(look['fill'], quote=True)}")
    for name in ("font-weight", "font-style"):
        if name in look:
            style.append(f"{name}: {html_lib.escape(look[name], quote=True)}")
    content = "<br>".join(html_lib.escape(text, quote=False) for text in lines.texts)
    return f'<div style="{"; ".join(style)}">{content}</div>'
