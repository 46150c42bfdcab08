"""The common budget as stacked bars: one bar per year, one segment per partner.

Plain Python like the rest of grogrund.charts; every text drawn is XML-escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from grogrund.charts.palette import AXIS, GRID, INK, TEXT, series_style
from grogrund.charts.svg import (
    LegendEntry,
    _nice_ticks,
    _open,
    box_swatch,
    chart_id,
    hatch_pattern,
    legend,
    text_width,
)


@dataclass(frozen=True)
class Stack:
    """One segment kind (a partner) with a value per bar, in the order of the bars."""

    label: str
    values: Sequence[float]


def stacked_bar_chart(
    bars: Sequence[str],
    stacks: Sequence[Stack],
    *,
    title: str,
    format_value: Callable[[float], str],
    total_label: str,
    format_detail: Callable[[float], str] | None = None,
    width: int = 640,
    height: int = 240,
) -> str:
    """Vertical bars (e.g. years) made of stacked segments (e.g. partners), with the bar's
    total above it and a legend below. Negative values are drawn as zero. `format_detail`
    (default `format_value`) writes the exact figures of the description and tooltips."""
    detail = format_detail or format_value
    totals = [sum(max(0.0, s.values[i]) for s in stacks) for i in range(len(bars))]
    desc = "; ".join(
        f"{bar}: "
        + ", ".join(f"{s.label} {detail(s.values[i])}" for s in stacks if s.values[i])
        + f" ({total_label} {detail(totals[i])})"
        for i, bar in enumerate(bars)
    )
    if not bars or not stacks or max(totals, default=0.0) <= 0:
        return (
            _open(width, height, title, desc)
            + f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle">–</text></svg>'
        )
    ticks = _nice_ticks(0.0, max(totals) * 1.08)
    top_value = ticks[-1]
    left = max(48, 12 + round(max(text_width(format_value(t)) for t in ticks)))
    uid = chart_id(title, desc)
    fills, defs = [], []
    for n in range(len(stacks)):
        style = series_style(n)
        if style.hatched:
            defs.append(hatch_pattern(f"{uid}-p{n}", style.colour))
            fills.append(f"url(#{uid}-p{n})")
        else:
            fills.append(style.colour)
    entries = [LegendEntry(s.label, box_swatch(f)) for s, f in zip(stacks, fills, strict=True)]
    legend_markup, legend_h = legend(entries, left, height + 2, width - left - 16)
    out = [_open(width, height + legend_h + 4, title, desc)]
    if defs:
        out.append(f"<defs>{''.join(defs)}</defs>")
    right, top, bottom = 16, 22, 28
    plot_w = width - left - right
    plot_h = height - top - bottom
    base_y = top + plot_h

    def py(v: float) -> float:
        return top + plot_h * (1 - v / top_value)

    for t in ticks:
        y = py(t)
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT}">'
            f"{escape(format_value(t))}</text>"
        )
    slot = plot_w / len(bars)
    bar_w = min(64.0, slot * 0.6)
    for i, bar in enumerate(bars):
        x = left + slot * i + (slot - bar_w) / 2
        acc = 0.0
        for n, s in enumerate(stacks):
            v = max(0.0, s.values[i])
            if v <= 0:
                continue
            y0, y1 = py(acc + v), py(acc)
            out.append(
                f'<rect x="{x:.1f}" y="{y0:.1f}" width="{bar_w:.1f}" '
                f'height="{max(y1 - y0, 0.5):.1f}" fill="{fills[n]}" '
                f'stroke="#fff" stroke-width="0.5">'
                f"<title>{escape(f'{s.label}, {bar}: {detail(v)}')}</title></rect>"
            )
            acc += v
        cx = x + bar_w / 2
        out.append(
            f'<text x="{cx:.1f}" y="{py(totals[i]) - 5:.1f}" text-anchor="middle" '
            f'fill="{INK}">{escape(format_value(totals[i]))}</text>'
            f'<text x="{cx:.1f}" y="{base_y + 17:.1f}" text-anchor="middle" fill="{TEXT}">'
            f"{escape(bar)}</text>"
        )
    out.append(
        f'<line x1="{left}" x2="{width - right}" y1="{base_y}" y2="{base_y}" stroke="{AXIS}"/>'
    )
    out.append(legend_markup)
    out.append("</svg>")
    return "".join(out)
