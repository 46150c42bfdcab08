"""Charts of a valuation's results (step 11), drawn as SVG on the server.

Plain functions of numbers and labels (no Django, no engine): stacked bars of benefits by
stakeholder and year, the cumulative discounted net value with the break-even year, the
Monte Carlo distribution of NPV, and the tornado of the uncertain inputs. Every text drawn is
escaped; each chart has a <title> and a <desc> listing its numbers for screen readers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from grogrund.charts.palette import (
    AXIS,
    COSTS,
    GRID,
    INK,
    LINE_HEIGHT,
    NEGATIVE,
    PALETTE,
    POSITIVE,
    TEXT,
    series_style,
)
from grogrund.charts.svg import (
    LegendEntry,
    _nice_ticks,
    _open,
    box_swatch,
    chart_id,
    hatch_pattern,
    legend,
    text_lines,
    text_width,
    wrap,
)

Format = Callable[[float], str]
COST_COLOUR = COSTS


@dataclass(frozen=True)
class StackSeries:
    """One stakeholder's values, one per x label (negative values stack below zero)."""

    label: str
    values: Sequence[float]
    colour: str | None = None
    #: Drawn with white stripes: for a kind of its own (costs) or beyond the palette.
    hatched: bool = False


def _ticks(lo: float, hi: float) -> list[float]:
    """svg._nice_ticks, safe for spans too small to matter (it takes log10 of the step,
    which underflows to 0 for spans near 1e-300): such spans become 0–1."""
    if hi - lo < 1e-6:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
        if hi - lo < 1e-6:
            hi = lo + 1.0
    return _nice_ticks(lo, hi)


def _axis_left(ticks: Sequence[float], fmt: Format) -> int:
    # Room for the longest tick label.
    return max(44, 12 + round(max(text_width(fmt(t)) for t in ticks)))


def _y_grid(
    out: list[str],
    ticks: Sequence[float],
    py: Callable[[float], float],
    left: float,
    right: float,
    fmt: Format,
) -> None:
    for t in ticks:
        y = py(t)
        stroke = AXIS if t == 0 else GRID
        out.append(
            f'<line x1="{left:.1f}" x2="{right:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="{stroke}"/>'
            f'<text x="{left - 6:.1f}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT}">'
            f"{escape(fmt(t))}</text>"
        )


def _empty(width: int, height: int, title: str, message: str) -> str:
    return (
        _open(width, height, title, message)
        + f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="{TEXT}">'
        f"{escape(message)}</text></svg>"
    )


def _fills(series: Sequence[StackSeries], uid: str) -> tuple[list[str], str]:
    """Each series' fill (a colour, or a hatching pattern) and the <defs> of the patterns. A
    series without a colour of its own takes the next style of the palette, so no two look
    alike however many there are."""
    fills, defs = [], []
    n = 0
    for k, s in enumerate(series):
        if s.colour is None:
            style = series_style(n)
            n += 1
            colour, hatched = style.colour, style.hatched or s.hatched
        else:
            colour, hatched = s.colour, s.hatched
        if hatched:
            pattern = f"{uid}-p{k}"
            defs.append(hatch_pattern(pattern, colour))
            fills.append(f"url(#{pattern})")
        else:
            fills.append(colour)
    return fills, (f"<defs>{''.join(defs)}</defs>" if defs else "")


def stacked_bar_chart(
    x_labels: Sequence[str],
    series: Sequence[StackSeries],
    *,
    title: str,
    format_value: Format,
    width: int = 900,
    height: int = 260,
) -> str:
    """Vertical bars per x label, each a stack of the series (positive up, negative down)."""
    desc = "; ".join(
        f"{s.label}: "
        + ", ".join(f"{x} {format_value(v)}" for x, v in zip(x_labels, s.values, strict=False))
        for s in series
    )
    if not x_labels or not series:
        return _empty(width, height, title, "–")
    ups = [sum(max(s.values[i], 0.0) for s in series) for i in range(len(x_labels))]
    downs = [sum(min(s.values[i], 0.0) for s in series) for i in range(len(x_labels))]
    lo, hi = min(0.0, *downs), max(0.0, *ups)
    ticks = _ticks(lo, hi)
    y_lo, y_hi = ticks[0], ticks[-1]
    left = _axis_left(ticks, format_value)
    fills, defs = _fills(series, chart_id(title, desc))
    entries = [LegendEntry(s.label, box_swatch(f)) for s, f in zip(series, fills, strict=True)]
    legend_markup, legend_h = legend(entries, left, height + 2, width - left - 12)
    total_h = height + legend_h + 4
    right, top, bottom = 12, 14, 28
    plot_w = width - left - right
    plot_h = height - top - bottom

    def py(v: float) -> float:
        return top + plot_h * (1 - (v - y_lo) / ((y_hi - y_lo) or 1.0))

    out = [_open(width, total_h, title, desc), defs]
    _y_grid(out, ticks, py, left, width - right, format_value)
    slot = plot_w / len(x_labels)
    bar_w = max(2.0, slot * 0.7)
    step = max(1, math.ceil(len(x_labels) * (max(text_width(x) for x in x_labels) + 8) / plot_w))
    for i, x in enumerate(x_labels):
        cx = left + slot * (i + 0.5)
        up, down = 0.0, 0.0
        for n, s in enumerate(series):
            v = s.values[i]
            if v == 0:
                continue
            colour = fills[n]
            if v > 0:
                y0, y1 = py(up + v), py(up)
                up += v
            else:
                y0, y1 = py(down), py(down + v)
                down += v
            out.append(
                f'<rect x="{cx - bar_w / 2:.1f}" y="{y0:.1f}" width="{bar_w:.1f}" '
                f'height="{max(y1 - y0, 0.5):.1f}" fill="{colour}" stroke="#fff" '
                f'stroke-width="0.5">'
                f"<title>{escape(f'{s.label} {x}: {format_value(v)}')}</title></rect>"
            )
        if (len(x_labels) - 1 - i) % step == 0:
            out.append(
                f'<text x="{cx:.1f}" y="{top + plot_h + 17:.1f}" text-anchor="middle" '
                f'fill="{TEXT}">{escape(x)}</text>'
            )
    out.append(legend_markup)
    out.append("</svg>")
    return "".join(out)


def break_even_chart(
    x_labels: Sequence[str],
    cumulative: Sequence[float],
    *,
    break_even_label: str | None,
    title: str,
    marker_text: str,
    format_value: Format,
    width: int = 900,
    height: int = 240,
) -> str:
    """The cumulative discounted net value per year as a line around zero; the break-even
    year (from which it stays ≥ 0) is marked with a vertical line and `marker_text`."""
    desc = ", ".join(f"{x} {format_value(v)}" for x, v in zip(x_labels, cumulative, strict=False))
    if not x_labels:
        return _empty(width, height, title, "–")
    ticks = _ticks(min(0.0, *cumulative), max(0.0, *cumulative))
    y_lo, y_hi = ticks[0], ticks[-1]
    left = _axis_left(ticks, format_value)
    right, top, bottom = 16, 14, 28
    plot_w = width - left - right
    plot_h = height - top - bottom

    def px(i: int) -> float:
        return left + (plot_w * i / (len(x_labels) - 1) if len(x_labels) > 1 else plot_w / 2)

    def py(v: float) -> float:
        return top + plot_h * (1 - (v - y_lo) / ((y_hi - y_lo) or 1.0))

    out = [_open(width, height, title, desc)]
    _y_grid(out, ticks, py, left, width - right, format_value)
    zero = py(0.0)
    pts = [(px(i), py(v)) for i, v in enumerate(cumulative)]
    area = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
    out.append(
        f'<polygon points="{pts[0][0]:.1f},{zero:.1f} {area} {pts[-1][0]:.1f},{zero:.1f}" '
        f'fill="{PALETTE[0]}" fill-opacity="0.12"/>'
        f'<polyline fill="none" stroke="{PALETTE[0]}" stroke-width="2.5" points="{area}"/>'
    )
    step = max(1, math.ceil(len(x_labels) * (max(text_width(x) for x in x_labels) + 8) / plot_w))
    for i, (x, v) in enumerate(zip(x_labels, cumulative, strict=False)):
        colour = POSITIVE if v >= 0 else NEGATIVE
        out.append(
            f'<circle cx="{pts[i][0]:.1f}" cy="{pts[i][1]:.1f}" r="3" fill="{colour}">'
            f"<title>{escape(f'{x}: {format_value(v)}')}</title></circle>"
        )
        if (len(x_labels) - 1 - i) % step == 0:
            out.append(
                f'<text x="{pts[i][0]:.1f}" y="{top + plot_h + 17:.1f}" text-anchor="middle" '
                f'fill="{TEXT}">{escape(x)}</text>'
            )
    if break_even_label is not None and break_even_label in x_labels:
        be_x = pts[list(x_labels).index(break_even_label)][0]
        anchor = "end" if be_x > left + plot_w * 0.7 else "start"
        dx = -5 if anchor == "end" else 5
        out.append(
            f'<g class="break-even"><line x1="{be_x:.1f}" x2="{be_x:.1f}" y1="{top}" '
            f'y2="{top + plot_h}" stroke="{POSITIVE}" stroke-width="2" stroke-dasharray="5 3"/>'
            f'<text x="{be_x + dx:.1f}" y="{top + 12}" text-anchor="{anchor}" fill="{INK}" '
            f'font-weight="bold">{escape(marker_text)}</text></g>'
        )
    out.append("</svg>")
    return "".join(out)


def histogram_chart(
    edges: Sequence[float],
    counts: Sequence[int],
    *,
    markers: Sequence[tuple[str, float]],
    title: str,
    format_value: Format,
    width: int = 900,
    height: int = 240,
) -> str:
    """Bars of how many draws fell in each NPV interval (below zero in orange, above in
    green), with vertical lines at the `markers` (label, value) such as P10, P50, P90."""
    desc = "; ".join(f"{label} {format_value(v)}" for label, v in markers)
    if not counts or len(edges) != len(counts) + 1:
        return _empty(width, height, title, "–")
    x_lo, x_hi = edges[0], edges[-1]
    ticks = _ticks(x_lo, x_hi)
    left, right, top, bottom = 44, 44, 36, 30
    plot_w = width - left - right
    plot_h = height - top - bottom
    # The axis spans the draws (a little more), not the round ticks around them: a tick far
    # outside the draws would squeeze the bars.
    pad = (x_hi - x_lo) * 0.03
    lo, hi = x_lo - pad, x_hi + pad
    peak = max(counts) or 1

    def px(v: float) -> float:
        return left + plot_w * (v - lo) / ((hi - lo) or 1.0)

    def py(c: float) -> float:
        return top + plot_h * (1 - c / peak)

    out = [_open(width, height, title, desc)]
    base = top + plot_h
    for t in ticks:
        if lo <= t <= hi:
            out.append(
                f'<line x1="{px(t):.1f}" x2="{px(t):.1f}" y1="{top}" y2="{base}" stroke="{GRID}"/>'
                f'<text x="{px(t):.1f}" y="{base + 16:.1f}" text-anchor="middle" fill="{TEXT}">'
                f"{escape(format_value(t))}</text>"
            )
    total = sum(counts) or 1
    for i, c in enumerate(counts):
        if not c:
            continue
        a, b = edges[i], edges[i + 1]
        colour = NEGATIVE if (a + b) / 2 < 0 else POSITIVE
        x0, x1 = px(a), px(b)
        out.append(
            f'<rect x="{x0 + 0.5:.1f}" y="{py(c):.1f}" width="{max(x1 - x0 - 1, 0.8):.1f}" '
            f'height="{base - py(c):.1f}" fill="{colour}" stroke="#fff" stroke-width="0.5">'
            f"<title>{escape(f'{format_value(a)} – {format_value(b)}: {c / total:.1%}')}</title>"
            f"</rect>"
        )
    if lo <= 0 <= hi:
        out.append(
            f'<line x1="{px(0):.1f}" x2="{px(0):.1f}" y1="{top - 4}" y2="{base}" '
            f'stroke="{INK}" stroke-width="1.5"/>'
        )
    for n, (label, v) in enumerate(markers):
        x = px(v)
        out.append(
            f'<g class="marker"><line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 2}" y2="{base}" '
            f'stroke="{PALETTE[0]}" stroke-width="1.5" stroke-dasharray="4 3"/>'
            f'<text x="{x:.1f}" y="{top - 6 - 12 * (n % 2)}" text-anchor="middle" '
            f'fill="{PALETTE[0]}" font-weight="bold">{escape(label)}</text></g>'
        )
    out.append(f'<line x1="{left}" x2="{width - right}" y1="{base}" y2="{base}" stroke="#444"/>')
    out.append("</svg>")
    return "".join(out)


@dataclass(frozen=True)
class TornadoRow:
    label: str
    npv_at_low: float
    npv_at_high: float
    note: str = ""


def tornado_chart(
    rows: Sequence[TornadoRow],
    *,
    base_value: float,
    title: str,
    low_label: str,
    high_label: str,
    format_value: Format,
    width: int = 900,
    bar_height: int = 26,
    label_width: int = 330,
) -> str:
    """One bar per uncertain input, from the NPV with that input at its low end to the NPV at
    its high end (the others at their likely values), widest swing at the top; a line at the
    NPV with every input at its likely value."""
    desc = "; ".join(
        f"{r.label}: {low_label} {format_value(r.npv_at_low)}, "
        f"{high_label} {format_value(r.npv_at_high)}"
        for r in rows
    )
    if not rows:
        return _empty(width, 60, title, "–")
    label_lines = [wrap(r.label, label_width - 16) for r in rows]
    row_h = [max(bar_height, LINE_HEIGHT * len(lines) + 8) for lines in label_lines]
    entries = [
        LegendEntry(low_label, box_swatch(PALETTE[1])),
        LegendEntry(high_label, box_swatch(PALETTE[0])),
    ]
    body_h = 10 + sum(row_h)
    base_y = body_h + 4
    legend_markup, legend_h = legend(entries, label_width, base_y + 26, width - label_width - 12)
    height = base_y + 30 + legend_h
    values = [base_value] + [v for r in rows for v in (r.npv_at_low, r.npv_at_high)]
    ticks = _ticks(min(values), max(values))
    lo, hi = ticks[0], ticks[-1]
    right = 44
    plot_w = width - label_width - right

    def px(v: float) -> float:
        return label_width + plot_w * (v - lo) / ((hi - lo) or 1.0)

    out = [_open(width, height, title, desc)]
    for t in ticks:
        out.append(
            f'<line x1="{px(t):.1f}" x2="{px(t):.1f}" y1="8" y2="{base_y}" stroke="{GRID}"/>'
            f'<text x="{px(t):.1f}" y="{base_y + 16}" text-anchor="middle" fill="{TEXT}">'
            f"{escape(format_value(t))}</text>"
        )
    y = 10.0
    for r, lines, h in zip(rows, label_lines, row_h, strict=True):
        middle = y + h / 2
        first = middle + 4 - LINE_HEIGHT * (len(lines) - 1) / 2
        out.append(
            f"<g><title>{escape(r.note or r.label)}</title>"
            + text_lines(lines, label_width - 8, first, anchor="end")
            + "</g>"
        )
        for value, colour, which in (
            (r.npv_at_low, PALETTE[1], low_label),
            (r.npv_at_high, PALETTE[0], high_label),
        ):
            x0, x1 = sorted((px(base_value), px(value)))
            out.append(
                f'<rect x="{x0:.1f}" y="{middle - (bar_height - 6) / 2:.1f}" '
                f'width="{max(x1 - x0, 1):.1f}" height="{bar_height - 6}" fill="{colour}">'
                f"<title>{escape(f'{r.label}, {which}: {format_value(value)}')}</title></rect>"
            )
        y += h
    out.append(
        f'<line x1="{px(base_value):.1f}" x2="{px(base_value):.1f}" y1="6" y2="{base_y}" '
        f'stroke="{INK}" stroke-width="1.5"/>'
    )
    out.append(legend_markup)
    out.append("</svg>")
    return "".join(out)
