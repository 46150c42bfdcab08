from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

# A palette readable by people with the common colour-vision deficiencies (Okabe–Ito).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
DASHES = ["", "6 3", "2 3", "8 3 2 3"]


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


def _open(width: int, height: int, title: str, desc: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="chart" '
        f'font-family="system-ui, sans-serif" font-size="11">'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>"
    )


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
    legend_rows = math.ceil(len(series) / 2)
    frame = _Frame(width, height + 18 * legend_rows)
    frame.bottom = 40 + 18 * legend_rows
    out = [_open(frame.width, frame.height, title, desc)]
    if not values or not xs:
        out.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle">–</text></svg>')
        return "".join(out)
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.1 or abs(hi) * 0.1 or 1.0
    ticks = _nice_ticks(lo - pad, hi + pad)
    y_lo, y_hi = ticks[0], ticks[-1]
    tick_labels = [format_y(t) for t in ticks]
    # Room for the longest tick label (about 6.5 px a character at 11 px).
    frame.left = max(40, 10 + round(6.5 * max(len(t) for t in tick_labels)))
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
            f'stroke="#ddd"/><text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" '
            f'fill="#444">{escape(text)}</text>'
        )
    step = max(1, math.ceil(n_xs / 8))
    base_y = top + plot_h
    label_y = f"{base_y + 16:.1f}"
    for i, x in enumerate(xs):
        if i % step == 0 or i == n_xs - 1:
            out.append(
                f'<text x="{x_pos[i]}" y="{label_y}" text-anchor="middle" '
                f'fill="#444">{escape(x)}</text>'
            )
    for n, s in enumerate(series):
        colour = PALETTE[n % len(PALETTE)]
        dash = DASHES[n % len(DASHES)]
        index = dict(s.points)
        stroke_w = 3 if s.emphasis else 1.8
        radius = 3 if s.emphasis else 2
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        label = escape(s.label)
        segments: list[list[str]] = [[]]
        dots: list[str] = []
        for i, x in enumerate(xs):
            y = index.get(x)
            if y is None:
                segments.append([])
                continue
            cx, cy = x_pos[i], f"{py(y):.1f}"
            segments[-1].append(f"{cx},{cy}")
            dots.append(
                f'<circle cx="{cx}" cy="{cy}" r="{radius}" fill="{colour}"><title>'
                f"{label} {escape(x)}: {escape(fy(y))}</title></circle>"
            )
        for seg in segments:
            if len(seg) > 1:
                out.append(
                    f'<polyline fill="none" stroke="{colour}" stroke-width="{stroke_w}"'
                    f'{dash_attr} points="{" ".join(seg)}"/>'
                )
        out += dots
        lx = left + (n % 2) * (plot_w / 2)
        ly = base_y + 34 + 18 * (n // 2)
        out.append(
            f'<line x1="{lx:.1f}" x2="{lx + 22:.1f}" y1="{ly - 4}" y2="{ly - 4}" '
            f'stroke="{colour}" stroke-width="{stroke_w}"{dash_attr}/>'
            f'<text x="{lx + 28:.1f}" y="{ly}" fill="#222">{label}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def bar_chart(
    items: Sequence[BarItem],
    *,
    title: str,
    format_value: Callable[[float], str],
    width: int = 640,
    bar_height: int = 22,
    label_width: int = 240,
) -> str:
    """Horizontal bars around a zero line (negative values to the left), one row per item."""
    height = 16 + bar_height * len(items) + 8
    desc = "; ".join(f"{i.label}: {format_value(i.value)}" for i in items)
    out = [_open(width, height, title, desc)]
    if not items:
        out.append("</svg>")
        return "".join(out)
    value_w = 90
    plot_left = label_width
    plot_w = width - label_width - value_w
    lo = min(0.0, *(i.value for i in items))
    hi = max(0.0, *(i.value for i in items))
    span = (hi - lo) or 1.0

    def px(v: float) -> float:
        return plot_left + plot_w * (v - lo) / span

    zero = px(0.0)
    for n, item in enumerate(items):
        y = 12 + n * bar_height
        x0, x1 = sorted((zero, px(item.value)))
        colour = item.colour or ("#D55E00" if item.value > 0 else "#009E73")
        label = item.label if len(item.label) <= 38 else item.label[:37] + "…"
        out.append(
            f'<text x="{label_width - 8}" y="{y + bar_height * 0.65:.1f}" text-anchor="end" '
            f'fill="#222">{escape(label)}</text>'
            f'<rect x="{x0:.1f}" y="{y + 3}" width="{max(x1 - x0, 1):.1f}" '
            f'height="{bar_height - 6}" fill={quoteattr(colour)}>'
            f"<title>{escape(f'{item.label}: {format_value(item.value)} {item.note}'.strip())}"
            f"</title></rect>"
            f'<text x="{width - value_w + 6}" y="{y + bar_height * 0.65:.1f}" '
            f'fill="#222">{escape(format_value(item.value))}</text>'
        )
    out.append(
        f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="8" y2="{height - 4}" stroke="#444"/></svg>'
    )
    return "".join(out)
