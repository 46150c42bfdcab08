"""Maps drawn on the server as SVG, like the other charts: no map tiles, no external service.

Three kinds:
- `choropleth`: every area filled by the class of its figure, with a legend of the classes'
  bounds, the source, a <title> per area for hover, and the area a page is about outlined;
  `choropleth_table` gives the same figures as a table ("Show as table").
- `picker_map`: every area a link that chooses it (the custom-area editor picks DeSO on it);
  chosen areas are hatched as well as coloured.
- `programme_map`: areas marked (where programmes run) over a base of areas, a point marker
  beside areas too small to see at the map's scale.

Coordinates: SWEREF 99 TM metres are projected straight to SVG user units, scaled to fit the
map's width (and a maximum height) with the y axis flipped (north is up; SVG's y grows down).
SWEREF 99 TM is a conformal projection made for Sweden, so no further projection is needed.
The geometries are simplified before they get here (`simplify_for_display`, when boundaries
are imported): a page only projects and writes them.

Plain Python with shapely and numpy; every text is passed in by the caller (translated,
numbers formatted) and escaped here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import numpy as np
import shapely  # type: ignore[import-untyped]

from grogrund.charts.palette import (
    FONT_SIZE,
    INK,
    LINE_HEIGHT,
    MAP_BASE,
    MAP_BORDER,
    MAP_CHOSEN,
    MAP_NO_DATA,
    MAP_NO_DATA_HATCH,
    MAP_OUTLINE,
    SEQUENTIAL,
    TEXT,
    series_style,
)
from grogrund.charts.svg import LegendEntry, chart_id, hatch_pattern, legend, text_lines, wrap
from grogrund.charts.table import data_table

#: A map is drawn this wide (user units = CSS pixels on a 1280 px screen; it shrinks with the
#: page, down to 320 px) and at most this tall (a tall municipality is scaled down to fit).
MAP_WIDTH = 640
MAX_HEIGHT = 560
PAD = 8
#: Boundaries are simplified to half a pixel of the map they are drawn on: no change can be
#: seen, and a DeSO keeps tens of points instead of hundreds.
TOLERANCE_PX = 0.5
#: Below a metre nothing is gained (SCB's boundaries are given to the metre or so).
MIN_TOLERANCE_M = 1.0
#: A marked area smaller than this on the map also gets a point marker.
MIN_MARK_PX = 6.0
MARK_RADIUS = 5.0

QUANTILES = "quantiles"
EQUAL_INTERVALS = "equal_intervals"
CLASS_METHODS = (QUANTILES, EQUAL_INTERVALS)
DEFAULT_CLASSES = len(SEQUENTIAL)


@dataclass(frozen=True)
class MapArea:
    """One area to draw: its code, its name (for hover and assistive technology) and its
    geometry (a shapely Polygon or MultiPolygon in SWEREF 99 TM metres)."""

    code: str
    name: str
    geometry: Any


# --- simplification (at import) --------------------------------------------------------------


def display_tolerance(
    width_m: float,
    height_m: float,
    *,
    width_px: int = MAP_WIDTH,
    max_height_px: int = MAX_HEIGHT,
) -> float:
    """The simplification tolerance (metres) for areas drawn on a map of an extent `width_m`
    × `height_m`: half a pixel at the scale that extent is drawn at."""
    metres_per_px = max(width_m / width_px, height_m / max_height_px)
    return max(metres_per_px * TOLERANCE_PX, MIN_TOLERANCE_M)


def simplify_for_display(geometry: Any, tolerance_m: float) -> Any:
    """`geometry` as a map shows it: holes and islands smaller than a pixel (2 × the
    tolerance squared: slivers between neighbours that do not quite meet, a boathouse's
    islet) left out, the largest part always kept, then simplified (Douglas–Peucker,
    topology kept so rings neither cross nor vanish) to `tolerance_m`. The geometry itself if
    that would empty it."""
    speck = (2 * tolerance_m) ** 2
    parts = []
    for part in shapely.get_parts(geometry):
        holes = [ring for ring in part.interiors if shapely.Polygon(ring).area >= speck]
        parts.append(shapely.Polygon(part.exterior, holes))
    kept = [p for p in parts if p.area >= speck] or [max(parts, key=lambda p: p.area)]
    cleaned = kept[0] if len(kept) == 1 else shapely.MultiPolygon(kept)
    simplified = shapely.simplify(cleaned, tolerance_m, preserve_topology=True)
    return geometry if simplified.is_empty else simplified


def vertex_count(geometry: Any) -> int:
    return int(shapely.get_num_coordinates(geometry))


# --- projection ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    """How SWEREF 99 TM metres become SVG user units: x = (E − min_x)·scale + pad,
    y = (max_y − N)·scale + pad (north up)."""

    min_x: float
    max_y: float
    scale: float  # user units per metre
    width: float
    height: float
    pad: float = PAD

    @classmethod
    def fit(
        cls,
        bounds: tuple[float, float, float, float],
        *,
        width: int = MAP_WIDTH,
        max_height: int = MAX_HEIGHT,
        pad: float = PAD,
    ) -> Frame:
        min_x, min_y, max_x, max_y = bounds
        span_x = max(max_x - min_x, 1.0)
        span_y = max(max_y - min_y, 1.0)
        scale = min((width - 2 * pad) / span_x, (max_height - 2 * pad) / span_y)
        height = math.ceil(span_y * scale + 2 * pad)
        return cls(min_x, max_y, scale, float(width), float(height), pad)

    def point(self, x: float, y: float) -> tuple[float, float]:
        return (
            round((x - self.min_x) * self.scale + self.pad, 1),
            round((self.max_y - y) * self.scale + self.pad, 1),
        )


def bounds_of(geometries: Sequence[Any]) -> tuple[float, float, float, float]:
    boxes = shapely.bounds(_array(geometries))
    return (
        float(np.nanmin(boxes[:, 0])),
        float(np.nanmin(boxes[:, 1])),
        float(np.nanmax(boxes[:, 2])),
        float(np.nanmax(boxes[:, 3])),
    )


def _array(geometries: Sequence[Any]) -> Any:
    out = np.empty(len(geometries), dtype=object)
    out[:] = list(geometries)
    return out


def svg_paths(geometries: Sequence[Any], frame: Frame) -> list[str]:
    """The SVG path data of each geometry, all projected at once (numpy): one subpath per
    ring ("M x y x y … Z"), points rounded to a tenth of a unit, a point that rounds onto the
    one before it dropped. Holes are subpaths drawn with fill-rule evenodd."""
    if not geometries:
        return []
    polygons, geometry_of_polygon = shapely.get_parts(_array(geometries), return_index=True)
    rings, polygon_of_ring = shapely.get_rings(polygons, return_index=True)
    coords, ring_of_point = shapely.get_coordinates(rings, return_index=True)
    xs = np.round((coords[:, 0] - frame.min_x) * frame.scale + frame.pad, 1)
    ys = np.round((frame.max_y - coords[:, 1]) * frame.scale + frame.pad, 1)
    n = len(coords)
    keep = np.ones(n, dtype=bool)
    if n:
        same_ring = ring_of_point[1:] == ring_of_point[:-1]
        repeated = same_ring & (xs[1:] == xs[:-1]) & (ys[1:] == ys[:-1])
        keep[1:] &= ~repeated
        # A ring's last point repeats its first: "Z" closes it instead.
        keep &= np.r_[same_ring, False]
    xs, ys, ring_of_point = xs[keep], ys[keep], ring_of_point[keep]
    texts = [f"{x:g} {y:g}" for x, y in zip(xs.tolist(), ys.tolist(), strict=True)]
    starts = np.searchsorted(ring_of_point, np.arange(len(rings)), side="left")
    ends = np.searchsorted(ring_of_point, np.arange(len(rings)), side="right")
    geometry_of_ring = geometry_of_polygon[polygon_of_ring]
    out: list[list[str]] = [[] for _ in geometries]
    for ring, (start, end) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
        if end - start < 2:
            continue  # a ring smaller than a tenth of a unit: nothing to draw
        out[int(geometry_of_ring[ring])].append("M" + " ".join(texts[start:end]) + "Z")
    return ["".join(parts) for parts in out]


# --- classes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClassBreaks:
    """Classes of values, lowest first: each (low, high) is closed, and a value belongs to
    the first class whose `high` it does not exceed.

    `method` "quantiles": each class holds as many areas as can be (the n sorted values cut
    at ranks n·j/k; equal values always share a class, so there may be fewer classes), and
    its bounds are the lowest and highest value in it. "equal_intervals": the range from the
    lowest to the highest value cut in k equally wide classes."""

    method: str
    bounds: tuple[tuple[float, float], ...]

    def class_of(self, value: float) -> int:
        for k, (_low, high) in enumerate(self.bounds):
            if value <= high:
                return k
        return len(self.bounds) - 1


def classify(
    values: Sequence[float], *, classes: int = DEFAULT_CLASSES, method: str = QUANTILES
) -> ClassBreaks:
    """The classes of `values` (see ClassBreaks); no values, no classes."""
    if method not in CLASS_METHODS:
        raise ValueError(f"unknown classification {method!r}")
    data = sorted(float(v) for v in values if v is not None and math.isfinite(v))
    if not data:
        return ClassBreaks(method, ())
    classes = max(1, min(classes, len(SEQUENTIAL)))
    low, high = data[0], data[-1]
    if low == high:
        return ClassBreaks(method, ((low, high),))
    if method == EQUAL_INTERVALS:
        step = (high - low) / classes
        edges = [low + step * k for k in range(classes)] + [high]
        return ClassBreaks(method, tuple((edges[k], edges[k + 1]) for k in range(classes)))
    n = len(data)
    uppers: list[float] = []
    for k in range(1, classes + 1):
        upper = data[math.ceil(n * k / classes) - 1]
        if not uppers or upper > uppers[-1]:
            uppers.append(upper)
    bounds = []
    start = 0
    for upper in uppers:
        members = [v for v in data[start:] if v <= upper]
        bounds.append((members[0], upper))
        start += len(members)
    return ClassBreaks(method, tuple(bounds))


def class_colours(count: int) -> tuple[str, ...]:
    """`count` colours of the sequential scale, spread over it (light to dark)."""
    if count <= 0:
        return ()
    if count == 1:
        return (SEQUENTIAL[len(SEQUENTIAL) // 2],)
    last = len(SEQUENTIAL) - 1
    return tuple(SEQUENTIAL[round(k * last / (count - 1))] for k in range(count))


# --- drawing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MapTexts:
    """What a map says, in the reader's language: its title and description (the SVG's
    <title> and <desc>), the legend's heading and the source line (both drawn under it)."""

    title: str
    description: str
    legend_title: str = ""
    source: str = ""


def _open(frame_w: float, height: float, texts: MapTexts, uid: str, *, role: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {frame_w:g} {height:g}" '
        f'width="{frame_w:g}" height="{height:g}" role="{role}" class="chart map" '
        f'aria-labelledby="{uid}-t {uid}-d" '
        f'font-family="system-ui, sans-serif" font-size="{FONT_SIZE}">'
        f'<title id="{uid}-t">{escape(texts.title)}</title>'
        f'<desc id="{uid}-d">{escape(texts.description)}</desc>'
    )


def _swatch(fill: str) -> Callable[[float, float], str]:
    def draw(x: float, y: float) -> str:
        return (
            f'<rect x="{x + 3:.1f}" y="{y - 8:.1f}" width="18" height="16" fill={quoteattr(fill)} '
            f'stroke="{MAP_BORDER}" stroke-width="1"/>'
        )

    return draw


def _outline_swatch(x: float, y: float) -> str:
    return (
        f'<rect x="{x + 3:.1f}" y="{y - 8:.1f}" width="18" height="16" fill="none" '
        f'stroke="#fff" stroke-width="5"/><rect x="{x + 3:.1f}" y="{y - 8:.1f}" width="18" '
        f'height="16" fill="none" stroke="{MAP_OUTLINE}" stroke-width="2.5"/>'
    )


def _foot(
    parts: list[str], texts: MapTexts, entries: Sequence[LegendEntry], top: float, width: float
) -> float:
    """Legend heading, legend and source under the map from `top`; returns the new bottom."""
    y = top
    inner = width - 2 * PAD
    if texts.legend_title:
        lines = wrap(texts.legend_title, inner)
        y += LINE_HEIGHT
        parts.append(text_lines(lines, PAD, y, fill=INK))
        y += LINE_HEIGHT * (len(lines) - 1) + 8
    if entries:
        markup, height = legend(entries, PAD, y, inner)
        parts.append(markup)
        y += height + 4
    if texts.source:
        lines = wrap(texts.source, inner)
        y += LINE_HEIGHT
        parts.append(text_lines(lines, PAD, y, fill=TEXT))
        y += LINE_HEIGHT * (len(lines) - 1)
    return y + 8


def _no_data_pattern(pattern_id: str) -> str:
    return (
        f'<pattern id="{pattern_id}" patternUnits="userSpaceOnUse" width="6" height="6" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{MAP_NO_DATA}"/>'
        f'<rect width="1.5" height="6" fill="{MAP_NO_DATA_HATCH}"/></pattern>'
    )


def _outline_paths(paths: Sequence[str]) -> str:
    d = "".join(paths)
    if not d:
        return ""
    return (
        f'<path d="{d}" fill="none" stroke="#fff" stroke-width="5" stroke-linejoin="round"/>'
        f'<path d="{d}" fill="none" stroke="{MAP_OUTLINE}" stroke-width="2.5" '
        f'stroke-linejoin="round"/>'
    )


def choropleth(
    areas: Sequence[MapArea],
    values: Mapping[str, float | None],
    *,
    texts: MapTexts,
    format_value: Callable[[float], str],
    no_data_label: str,
    breaks: ClassBreaks | None = None,
    outline: Collection[str] = (),
    outline_shapes: Sequence[Any] = (),
    outline_label: str = "",
    width: int = MAP_WIDTH,
    max_height: int = MAX_HEIGHT,
    with_legend: bool = True,
) -> str:
    """A choropleth of `values` (area code → figure; None or absent: no figure) over `areas`.

    Classes are `breaks` (default: `classify` in quintiles). The areas whose codes are in
    `outline`, and the geometries `outline_shapes` (SWEREF 99 TM), are outlined (the area a
    page is about), named `outline_label` in the legend. The legend and source are drawn
    under the map, or left to the page (`with_legend=False`, see `legend_html`: HTML keeps
    its text readable when a phone shrinks the map)."""
    if breaks is None:
        breaks = classify([v for v in values.values() if v is not None])
    colours = class_colours(len(breaks.bounds))
    uid = chart_id(texts.title, texts.description)
    no_data_id = f"{uid}-nodata"
    frame = Frame.fit(bounds_of([a.geometry for a in areas]), width=width, max_height=max_height)
    paths = svg_paths([a.geometry for a in areas], frame)
    body: list[str] = [f'<g class="map-areas" stroke="{MAP_BORDER}" stroke-width="0.75">']
    missing = False
    outlined: list[str] = []
    for area, d in zip(areas, paths, strict=True):
        value = values.get(area.code)
        if value is None or not math.isfinite(value) or not breaks.bounds:
            fill = f"url(#{no_data_id})"
            label = f"{area.name}: {no_data_label}"
            missing = True
        else:
            fill = colours[breaks.class_of(value)]
            label = f"{area.name}: {format_value(value)}"
        body.append(
            f'<path d="{d}" fill="{fill}" fill-rule="evenodd"><title>{escape(label)}</title></path>'
        )
        if area.code in outline:
            outlined.append(d)
    body.append("</g>")
    outlined += svg_paths(list(outline_shapes), frame)
    body.append(_outline_paths(outlined))
    entries = [
        LegendEntry(f"{format_value(low)} – {format_value(high)}", _swatch(colour))
        for (low, high), colour in zip(breaks.bounds, colours, strict=True)
    ]
    if missing:
        entries.append(LegendEntry(no_data_label, _swatch(f"url(#{no_data_id})")))
    if outlined and outline_label:
        entries.append(LegendEntry(outline_label, _outline_swatch))
    foot: list[str] = []
    height = _foot(foot, texts, entries, frame.height, frame.width) if with_legend else frame.height
    return "".join(
        [
            _open(frame.width, height, texts, uid, role="img"),
            f"<defs>{_no_data_pattern(no_data_id)}</defs>",
            *body,
            *foot,
            "</svg>",
        ]
    )


@dataclass(frozen=True)
class LegendItem:
    """One line of a legend written in HTML: a small picture (hidden from assistive
    technology: the label says it all) and its label."""

    swatch: str
    label: str


def _swatch_svg(fill: str, pattern: str = "") -> str:
    defs = f"<defs>{pattern}</defs>" if pattern else ""
    return (
        '<svg class="swatch" width="22" height="18" viewBox="0 0 22 18" aria-hidden="true" '
        f'focusable="false">{defs}<rect x="2" y="1" width="18" height="16" '
        f'fill={quoteattr(fill)} stroke="{MAP_BORDER}" stroke-width="1"/></svg>'
    )


def _outline_swatch_svg() -> str:
    return (
        '<svg class="swatch" width="22" height="18" viewBox="0 0 22 18" aria-hidden="true" '
        f'focusable="false">{_outline_swatch(-1, 9)}</svg>'
    )


def choropleth_legend(
    breaks: ClassBreaks,
    *,
    format_value: Callable[[float], str],
    no_data_label: str = "",
    outline_label: str = "",
    key: str = "legend",
) -> list[LegendItem]:
    """The legend of a `choropleth` drawn with the same `breaks`: its classes' bounds, "no
    figure" when `no_data_label` is given, the outlined area when `outline_label` is."""
    colours = class_colours(len(breaks.bounds))
    items = [
        LegendItem(_swatch_svg(colour), f"{format_value(low)} – {format_value(high)}")
        for (low, high), colour in zip(breaks.bounds, colours, strict=True)
    ]
    if no_data_label:
        pattern_id = f"{key}-nodata"
        items.append(
            LegendItem(
                _swatch_svg(f"url(#{pattern_id})", _no_data_pattern(pattern_id)), no_data_label
            )
        )
    if outline_label:
        items.append(LegendItem(_outline_swatch_svg(), outline_label))
    return items


def picker_legend(*, chosen_label: str, not_chosen_label: str, key: str) -> list[LegendItem]:
    pattern_id = f"{key}-legend-chosen"
    return [
        LegendItem(
            _swatch_svg(f"url(#{pattern_id})", hatch_pattern(pattern_id, MAP_CHOSEN)), chosen_label
        ),
        LegendItem(_swatch_svg(MAP_BASE), not_chosen_label),
    ]


def legend_html(items: Sequence[LegendItem], *, title: str = "", source: str = "") -> str:
    """A map's legend and source as HTML under it: its text wraps and keeps its size on a
    phone, where the map itself shrinks."""
    title_html = f'<p class="map-legend-title">{escape(title)}</p>' if title else ""
    rows = "".join(f"<li>{item.swatch}<span>{escape(item.label)}</span></li>" for item in items)
    source_html = f'<p class="map-source">{escape(source)}</p>' if source else ""
    return f'<div class="map-legend">{title_html}<ul>{rows}</ul>{source_html}</div>'


def choropleth_table(
    areas: Sequence[MapArea],
    values: Mapping[str, float | None],
    *,
    summary: str,
    caption: str,
    area_column: str,
    value_column: str,
    format_value: Callable[[float], str],
    no_data_label: str,
    extra_column: str = "",
    extra: Mapping[str, str] | None = None,
) -> str:
    """The map's figures as a table, one row per area (by name), the same figures as the
    map's titles: the table alternative ("Show as table")."""
    rows = []
    for area in sorted(areas, key=lambda a: (a.name.casefold(), a.code)):
        value = values.get(area.code)
        cell = no_data_label if value is None or not math.isfinite(value) else format_value(value)
        row = [area.name, cell]
        if extra_column:
            row.append((extra or {}).get(area.code, ""))
        rows.append(row)
    columns = [area_column, value_column] + ([extra_column] if extra_column else [])
    return data_table(summary=summary, caption=caption, columns=columns, rows=rows)


def picker_map(
    areas: Sequence[MapArea],
    chosen: Collection[str],
    *,
    texts: MapTexts,
    href: Callable[[MapArea], str],
    label: Callable[[MapArea, bool], str],
    control: Callable[[MapArea], str] | None = None,
    chosen_label: str,
    not_chosen_label: str,
    outline: Collection[str] = (),
    outline_label: str = "",
    width: int = MAP_WIDTH,
    max_height: int = MAX_HEIGHT,
    with_legend: bool = True,
    fills: Mapping[str, str] | None = None,
) -> str:
    """A map on which every area is a link (`href`) that chooses it, named by `label(area,
    is_chosen)`; `control(area)` names the form control it stands for (`data-controls`), so
    a script can tick that control instead of following the link. Chosen areas are blue and
    hatched; the others are light grey, or coloured by `fills` (area code → the colour of its
    class in a choropleth), which each link also carries (`data-fill`) for the script."""
    uid = chart_id(texts.title, texts.description)
    chosen_id = f"{uid}-chosen"
    frame = Frame.fit(bounds_of([a.geometry for a in areas]), width=width, max_height=max_height)
    paths = svg_paths([a.geometry for a in areas], frame)
    body: list[str] = [
        f'<g class="map-areas map-picker-areas" stroke="{MAP_BORDER}" stroke-width="0.75">'
    ]
    outlined = []
    for area, d in zip(areas, paths, strict=True):
        is_chosen = area.code in chosen
        controls = f" data-controls={quoteattr(control(area))}" if control else ""
        css = "map-area chosen" if is_chosen else "map-area"
        base = (fills or {}).get(area.code, MAP_BASE)
        body.append(
            f'<a href={quoteattr(href(area))} class="{css}"'
            f" aria-label={quoteattr(label(area, is_chosen))} data-code={quoteattr(area.code)}"
            f" data-name={quoteattr(area.name)} data-fill={quoteattr(base)}"
            f'{controls}><path d="{d}" fill-rule="evenodd" '
            f'fill="{f"url(#{chosen_id})" if is_chosen else base}"/></a>'
        )
        if area.code in outline:
            outlined.append(d)
    body.append("</g>")
    body.append(_outline_paths(outlined))
    entries = [
        LegendEntry(chosen_label, _swatch(f"url(#{chosen_id})")),
        LegendEntry(not_chosen_label, _swatch(MAP_BASE)),
    ]
    if outlined and outline_label:
        entries.append(LegendEntry(outline_label, _outline_swatch))
    foot: list[str] = []
    height = _foot(foot, texts, entries, frame.height, frame.width) if with_legend else frame.height
    return "".join(
        [
            _open(frame.width, height, texts, uid, role="group"),
            f"<defs>{hatch_pattern(chosen_id, MAP_CHOSEN)}</defs>",
            *body,
            *foot,
            "</svg>",
        ]
    )


@dataclass(frozen=True)
class MarkedArea:
    """An area marked on a `programme_map`: `label` is its hover text and accessible name
    ("Norrbacka: Handslag Norrbacka"), `href` a page to open (or ""), `kind` the look of the
    mark (one per kind of thing marked, in `kind_labels`)."""

    area: MapArea
    label: str
    href: str = ""
    kind: int = 0


def programme_map(
    base: Sequence[MapArea],
    marked: Sequence[MarkedArea],
    *,
    texts: MapTexts,
    base_label: str,
    kind_labels: Sequence[str],
    width: int = MAP_WIDTH,
    max_height: int = MAX_HEIGHT,
) -> str:
    """Areas `marked` (where programmes run) over `base` areas (the municipalities or DeSO
    around them, drawn light grey). A marked area drawn smaller than MIN_MARK_PX also gets a
    point marker at a point inside it, so it can be seen and hovered at any scale. Marks with
    an `href` are links."""
    uid = chart_id(texts.title, texts.description)
    every = [a.geometry for a in base] + [m.area.geometry for m in marked]
    if not every:
        return _open(width, 40, texts, uid, role="img") + "</svg>"
    frame = Frame.fit(bounds_of(every), width=width, max_height=max_height)
    base_paths = svg_paths([a.geometry for a in base], frame)
    marked_paths = svg_paths([m.area.geometry for m in marked], frame)
    styles = [series_style(k) for k in range(max([m.kind for m in marked] + [0]) + 1)]
    defs = [hatch_pattern(f"{uid}-k{k}", s.colour) for k, s in enumerate(styles) if s.hatched]
    out: list[str] = [f'<g class="map-base" stroke="{MAP_BORDER}" stroke-width="0.5">']
    for area, d in zip(base, base_paths, strict=True):
        out.append(
            f'<path d="{d}" fill="{MAP_BASE}" fill-rule="evenodd"><title>{escape(area.name)}'
            f"</title></path>"
        )
    out.append(f'</g><g class="map-marked" stroke="{MAP_BORDER}" stroke-width="0.75">')
    boxes = shapely.bounds(_array([m.area.geometry for m in marked])) if marked else []
    for mark, d, box in zip(marked, marked_paths, boxes, strict=True):
        style = styles[mark.kind]
        fill = f"url(#{uid}-k{mark.kind})" if style.hatched else style.colour
        shape = f'<path d="{d}" fill="{fill}" fill-rule="evenodd"/>'
        size_px = max(box[2] - box[0], box[3] - box[1]) * frame.scale
        if size_px < MIN_MARK_PX:
            point = shapely.point_on_surface(mark.area.geometry)
            cx, cy = frame.point(point.x, point.y)
            shape += (
                f'<circle cx="{cx:g}" cy="{cy:g}" r="{MARK_RADIUS:g}" fill="{fill}" '
                f'stroke="#fff" stroke-width="1.5"/>'
            )
        title = f"<title>{escape(mark.label)}</title>"
        if mark.href:
            out.append(
                f"<a href={quoteattr(mark.href)} aria-label={quoteattr(mark.label)} "
                f'class="map-area">{title}{shape}</a>'
            )
        else:
            out.append(f"<g>{title}{shape}</g>")
    out.append("</g>")
    entries = [LegendEntry(base_label, _swatch(MAP_BASE))] if base else []
    for k, text in enumerate(kind_labels):
        style = series_style(k)
        entries.append(
            LegendEntry(text, _swatch(f"url(#{uid}-k{k})" if style.hatched else style.colour))
        )
    foot: list[str] = []
    height = _foot(foot, texts, entries, frame.height, frame.width)
    has_links = any(m.href for m in marked)
    return "".join(
        [
            _open(frame.width, height, texts, uid, role="group" if has_links else "img"),
            f"<defs>{''.join(defs)}</defs>" if defs else "",
            *out,
            *foot,
            "</svg>",
        ]
    )


def marked_table(
    marked: Sequence[MarkedArea],
    *,
    summary: str,
    caption: str,
    area_column: str,
    label_column: str,
) -> str:
    """The marked areas as a table: area name and what marks it (the map's table alternative)."""
    rows = [
        [m.area.name, m.label]
        for m in sorted(marked, key=lambda m: (m.area.name.casefold(), m.area.code))
    ]
    return data_table(
        summary=summary, caption=caption, columns=[area_column, label_column], rows=rows
    )
