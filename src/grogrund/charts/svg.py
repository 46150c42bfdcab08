from __future__ import annotations

import hashlib
import math
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from grogrund.charts.palette import (
    AXIS,
    CHAR_WIDTH,
    DASHES,
    FONT_SIZE,
    GRID,
    INK,
    LINE_HEIGHT,
    NEGATIVE,
    PALETTE,
    POSITIVE,
    TEXT,
    SeriesStyle,
    series_style,
)

__all__ = [
    "DASHES",
    "PALETTE",
    "BarItem",
    "LegendEntry",
    "Series",
    "bar_chart",
    "legend",
    "line_chart",
]


@dataclass(frozen=True)
class Series:
    label: str
    points: Sequence[tuple[str, float | None]]  # (x label, y) in x order; None = missing
    emphasis: bool = False


@dataclass(frozen=True)
class BarItem:
    label: str
    value: float
    note: str = ""
    colour: str | None = None


@dataclass
class _Frame:
    width: int
    height: int
    left: int = 56
    right: int = 16
    top: int = 16
    bottom: int = 40
    parts: list[str] = field(default_factory=list)

    @property
    def plot_w(self) -> float:
        return self.width - self.left - self.right

    @property
    def plot_h(self) -> float:
        return self.height - self.top - self.bottom


def _nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    if hi == lo:
        hi = lo + (abs(lo) or 1.0)
    raw = (hi - lo) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(lo / step) * step
    ticks = []
    tick = start
    while tick <= hi + step * 0.5:
        ticks.append(round(tick, 10))
        tick += step
        if len(ticks) > 20:
            break
    return ticks


def chart_id(title: str, desc: str) -> str:
    """An id for a chart's <title>, <desc> and patterns: the same picture gets the same id,
    two pictures on one page (which differ in title or numbers) get different ones."""
    digest = hashlib.sha1(f"{title}\x00{desc}".encode(), usedforsecurity=False).hexdigest()
    return "c" + digest[:10]


def text_width(text: str) -> float:
    """About how wide `text` is drawn at FONT_SIZE."""
    return CHAR_WIDTH * len(text)


def wrap(text: str, max_width: float) -> list[str]:
    """`text` in lines no wider than `max_width` (words longer than a line are broken)."""
    chars = max(4, int(max_width // CHAR_WIDTH))
    return textwrap.wrap(text, width=chars, break_long_words=True) or [""]


def _open(width: float, height: float, title: str, desc: str, *, css_class: str = "chart") -> str:
    uid = chart_id(title, desc)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" '
        f'width="{width:g}" height="{height:g}" role="img" class="{css_class}" '
        f'aria-labelledby="{uid}-t {uid}-d" '
        f'font-family="system-ui, sans-serif" font-size="{FONT_SIZE}">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>'
    )


def text_lines(
    lines: Sequence[str], x: float, y: float, *, anchor: str = "start", fill: str = INK
) -> str:
    """One <text> of several lines (tspans LINE_HEIGHT apart), `y` the first baseline."""
    anchor_attr = f' text-anchor="{anchor}"' if anchor != "start" else ""
    if len(lines) == 1:
        return f'<text x="{x:.1f}" y="{y:.1f}"{anchor_attr} fill="{fill}">{escape(lines[0])}</text>'
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if k == 0 else LINE_HEIGHT}">{escape(line)}</tspan>'
        for k, line in enumerate(lines)
    )
    return f'<text x="{x:.1f}" y="{y:.1f}"{anchor_attr} fill="{fill}">{spans}</text>'


# --- legends --------------------------------------------------------------------------------

SWATCH_W = 24
SWATCH_GAP = 6
ITEM_GAP = 18


@dataclass(frozen=True)
class LegendEntry:
    label: str
    #: Draws the swatch with its left edge at x and its middle at y.
    swatch: Callable[[float, float], str]


def legend(
    entries: Sequence[LegendEntry], left: float, top: float, width: float
) -> tuple[str, int]:
    """The entries flowed in rows within `width`; a label too long for a row is wrapped onto
    more lines, never cut. Returns the markup and its height."""
    out = ['<g class="legend">']
    x, y = left, top
    row_lines = 1
    text_room = max(width - SWATCH_W - SWATCH_GAP, 8 * CHAR_WIDTH)
    for entry in entries:
        lines = wrap(entry.label, text_room)
        item_w = SWATCH_W + SWATCH_GAP + max(text_width(line) for line in lines)
        if x > left and x + item_w > left + width:
            x = left
            y += row_lines * LINE_HEIGHT + 6
            row_lines = 1
        baseline = y + FONT_SIZE - 1
        out.append(entry.swatch(x, baseline - 4))
        out.append(text_lines(lines, x + SWATCH_W + SWATCH_GAP, baseline))
        row_lines = max(row_lines, len(lines))
        x += item_w + ITEM_GAP
    out.append("</g>")
    height = round(y - top + row_lines * LINE_HEIGHT + 4) if entries else 0
    return "".join(out), height


def line_swatch(style: SeriesStyle, stroke_w: float) -> Callable[[float, float], str]:
    def draw(x: float, y: float) -> str:
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        return (
            f'<line x1="{x:.1f}" x2="{x + SWATCH_W:.1f}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{style.colour}" stroke-width="{stroke_w}"{dash}/>'
            + marker(style.marker, x + SWATCH_W / 2, y, 3.5, style.colour)
        )

    return draw


def box_swatch(fill: str) -> Callable[[float, float], str]:
    def draw(x: float, y: float) -> str:
        return (
            f'<rect x="{x + 5:.1f}" y="{y - 7:.1f}" width="14" height="14" fill={quoteattr(fill)} '
            f'stroke="{AXIS}" stroke-width="0.5"/>'
        )

    return draw


def hatch_pattern(pattern_id: str, colour: str) -> str:
    """White diagonal stripes over `colour`: a second look for a colour already used."""
    return (
        f'<pattern id="{pattern_id}" patternUnits="userSpaceOnUse" width="6" height="6" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{colour}"/>'
        f'<rect width="2" height="6" fill="#fff"/></pattern>'
    )


def marker(kind: str, cx: float, cy: float, r: float, fill: str, title: str = "") -> str:
    """A point drawn as a circle, square, triangle or diamond (MARKERS), with a tooltip."""
    tip = f"<title>{escape(title)}</title>" if title else ""
    if kind == "square":
        s = r * 0.9
        tag = "rect"
        shape = f'x="{cx - s:.1f}" y="{cy - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}"'
    elif kind == "triangle":
        tag = "polygon"
        shape = (
            f'points="{cx:.1f},{cy - r * 1.2:.1f} {cx - r * 1.1:.1f},{cy + r * 0.9:.1f} '
            f'{cx + r * 1.1:.1f},{cy + r * 0.9:.1f}"'
        )
    elif kind == "diamond":
        s = r * 1.25
        tag = "polygon"
        shape = (
            f'points="{cx:.1f},{cy - s:.1f} {cx + s:.1f},{cy:.1f} {cx:.1f},{cy + s:.1f} '
            f'{cx - s:.1f},{cy:.1f}"'
        )
    else:
        tag = "circle"
        shape = f'cx="{cx:.1f}" cy="{cy:.1f}" r="{r:g}"'
    end = f">{tip}</{tag}>" if tip else "/>"
    return f'<{tag} {shape} fill="{fill}"{end}'


# --- charts ---------------------------------------------------------------------------------


def line_chart(
    series: Sequence[Series],
    *,
    title: str,
    format_y: Callable[[float], str],
    width: int = 520,
    height: int = 220,
) -> str:
    """A line chart of several series over the same ordered x labels, with a legend."""
    # A profile page draws 40 of these: each value is formatted and placed once, and the
    # markup is joined from a flat list.
    labels: dict[float, str] = {}

    def fy(y: float) -> str:
        text = labels.get(y)
        if text is None:
            text = labels[y] = format_y(y)
        return text

    xs = sorted({x for s in series for x, _y in s.points})
    values = [y for s in series for _x, y in s.points if y is not None]
    desc = "; ".join(
        f"{s.label}: " + ", ".join(f"{x} {fy(y)}" for x, y in s.points if y is not None)
        for s in series
    )
    styles = [series_style(n) for n in range(len(series))]
    widths = [3 if s.emphasis else 2 for s in series]
    entries = [
        LegendEntry(s.label, line_swatch(st, w))
        for s, st, w in zip(series, styles, widths, strict=True)
    ]
    legend_left = 8
    # Laid out once to know its height; drawn below the plot.
    _markup, legend_h = legend(entries, legend_left, 0, width - 2 * legend_left)
    frame = _Frame(width, height + legend_h)
    frame.bottom = 34 + legend_h
    out = [_open(frame.width, frame.height, title, desc)]
    if not values or not xs:
        out.append(
            f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="{TEXT}">–</text>'
            "</svg>"
        )
        return "".join(out)
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.1 or abs(hi) * 0.1 or 1.0
    ticks = _nice_ticks(lo - pad, hi + pad)
    y_lo, y_hi = ticks[0], ticks[-1]
    tick_labels = [format_y(t) for t in ticks]
    frame.left = max(40, 10 + round(text_width(max(tick_labels, key=len))))
    left, top, plot_w, plot_h = frame.left, frame.top, frame.plot_w, frame.plot_h
    y_span = y_hi - y_lo
    n_xs = len(xs)
    x_pos = [
        f"{left + (plot_w * i / (n_xs - 1) if n_xs > 1 else plot_w / 2):.1f}" for i in range(n_xs)
    ]

    def py(v: float) -> float:
        return top + plot_h * (1 - (v - y_lo) / y_span)

    right_x = width - frame.right
    for t, text in zip(ticks, tick_labels, strict=True):
        y = py(t)
        out.append(
            f'<line x1="{left}" x2="{right_x}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}"/><text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" '
            f'fill="{TEXT}">{escape(text)}</text>'
        )
    # As many x labels as fit side by side.
    widest = max(text_width(x) for x in xs) + 10
    step = max(1, math.ceil(n_xs / max(1, int(plot_w // widest))))
    base_y = top + plot_h
    label_y = f"{base_y + 17:.1f}"
    for i, x in enumerate(xs):
        if (n_xs - 1 - i) % step == 0:  # counted from the latest, which is always shown
            out.append(
                f'<text x="{x_pos[i]}" y="{label_y}" text-anchor="middle" '
                f'fill="{TEXT}">{escape(x)}</text>'
            )
    for s, style, stroke_w in zip(series, styles, widths, strict=True):
        colour = style.colour
        index = dict(s.points)
        radius = 3.5 if s.emphasis else 3
        dash_attr = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        segments: list[list[str]] = [[]]
        dots: list[str] = []
        for i, x in enumerate(xs):
            value = index.get(x)
            if value is None:
                segments.append([])
                continue
            cx, cy = x_pos[i], f"{py(value):.1f}"
            segments[-1].append(f"{cx},{cy}")
            dots.append(
                marker(
                    style.marker,
                    float(cx),
                    float(cy),
                    radius,
                    colour,
                    f"{s.label} {x}: {fy(value)}",
                )
            )
        for seg in segments:
            if len(seg) > 1:
                out.append(
                    f'<polyline fill="none" stroke="{colour}" stroke-width="{stroke_w}"'
                    f'{dash_attr} points="{" ".join(seg)}"/>'
                )
        out += dots
    markup, _h = legend(entries, legend_left, height - 6, width - 2 * legend_left)
    out.append(markup)
    out.append("</svg>")
    return "".join(out)


def bar_chart(
    items: Sequence[BarItem],
    *,
    title: str,
    format_value: Callable[[float], str],
    width: int = 640,
    bar_height: int = 24,
    label_width: int = 240,
) -> str:
    """Horizontal bars around a zero line (negative values to the left), one row per item.
    A label too long for its column is wrapped onto more lines, never cut."""
    desc = "; ".join(f"{i.label}: {format_value(i.value)}" for i in items)
    label_lines = [wrap(i.label, label_width - 12) for i in items]
    row_h = [max(bar_height, LINE_HEIGHT * len(lines) + 8) for lines in label_lines]
    height = 16 + sum(row_h) + 8
    out = [_open(width, height, title, desc)]
    if not items:
        out.append("</svg>")
        return "".join(out)
    value_texts = [format_value(i.value) for i in items]
    value_w = max(90, round(max(text_width(v) for v in value_texts)) + 12)
    plot_left = label_width
    plot_w = width - label_width - value_w
    lo = min(0.0, *(i.value for i in items))
    hi = max(0.0, *(i.value for i in items))
    span = (hi - lo) or 1.0

    def px(v: float) -> float:
        return plot_left + plot_w * (v - lo) / span

    zero = px(0.0)
    y = 12.0
    for item, lines, h, value_text in zip(items, label_lines, row_h, value_texts, strict=True):
        x0, x1 = sorted((zero, px(item.value)))
        colour = item.colour or (NEGATIVE if item.value > 0 else POSITIVE)
        middle = y + h / 2
        first_baseline = middle + 4 - LINE_HEIGHT * (len(lines) - 1) / 2
        out.append(
            text_lines(lines, label_width - 8, first_baseline, anchor="end")
            + f'<rect x="{x0:.1f}" y="{middle - (bar_height - 6) / 2:.1f}" '
            f'width="{max(x1 - x0, 1):.1f}" height="{bar_height - 6}" fill={quoteattr(colour)}>'
            f"<title>{escape(f'{item.label}: {value_text} {item.note}'.strip())}"
            f"</title></rect>"
            f'<text x="{width - value_w + 6}" y="{middle + 4:.1f}" '
            f'fill="{INK}">{escape(value_text)}</text>'
        )
        y += h
    out.append(
        f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="8" y2="{height - 4}" stroke="{AXIS}"/></svg>'
    )
    return "".join(out)
