"""Follow-up charts (model step 12): measured values against a goal's trajectory.

Plain Python, no Django, no third-party code; every text drawn is XML-escaped. The status of a
measurement is shown by colour and by shape (circle on track, square behind, triangle at
risk), so it reads without colour vision too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from grogrund.charts.svg import _nice_ticks, _open

# Okabe–Ito colours, as in svg.PALETTE: green, orange, vermillion; grey for "no data".
STATUS_COLOURS = {
    "on_track": "#009E73",
    "behind": "#E69F00",
    "at_risk": "#D55E00",
    "no_data": "#999999",
}
TRAJECTORY_COLOUR = "#0072B2"


@dataclass(frozen=True)
class Measured:
    year: int
    value: float
    status: str  # "on_track", "behind" or "at_risk"


def _marker(x: float, y: float, status: str, size: float, title: str) -> str:
    colour = STATUS_COLOURS.get(status, STATUS_COLOURS["no_data"])
    tip = f"<title>{escape(title)}</title>" if title else ""
    if status == "behind":
        return (
            f'<rect x="{x - size:.1f}" y="{y - size:.1f}" width="{2 * size:.1f}" '
            f'height="{2 * size:.1f}" fill="{colour}" stroke="#fff">{tip}</rect>'
        )
    if status == "at_risk":
        points = f"{x:.1f},{y - size * 1.2:.1f} {x - size * 1.1:.1f},{y + size * 0.9:.1f} " + (
            f"{x + size * 1.1:.1f},{y + size * 0.9:.1f}"
        )
        return f'<polygon points="{points}" fill="{colour}" stroke="#fff">{tip}</polygon>'
    return (
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}" fill="{colour}" '
        f'stroke="#fff">{tip}</circle>'
    )


def _scale(values: Sequence[float]) -> tuple[float, float, list[float]]:
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.1 or abs(hi) * 0.1 or 0.01
    ticks = _nice_ticks(lo - pad, hi + pad)
    return ticks[0], ticks[-1], ticks


def followup_chart(
    trajectory: Mapping[int, float],
    measured: Sequence[Measured],
    *,
    title: str,
    labels: Mapping[str, str],
    format_y: Callable[[float], str],
    width: int = 560,
    height: int = 260,
) -> str:
    """The goal's straight trajectory from baseline to target, the measured values on it
    coloured and shaped by status, and the target marked. `labels` names, in the user's
    language: trajectory, measured, target, on_track, behind, at_risk."""
    years = sorted(set(trajectory) | {m.year for m in measured})
    values = list(trajectory.values()) + [m.value for m in measured]
    desc = "; ".join(
        [
            f"{labels['trajectory']}: "
            + ", ".join(f"{y} {format_y(v)}" for y, v in sorted(trajectory.items())),
            f"{labels['measured']}: "
            + ", ".join(
                f"{m.year} {format_y(m.value)} ({labels.get(m.status, m.status)})" for m in measured
            ),
        ]
    )
    legend_h = 36
    out = [_open(width, height + legend_h, title, desc)]
    if not years or not values:
        out.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle">–</text></svg>')
        return "".join(out)
    y_lo, y_hi, ticks = _scale(values)
    left = max(40, 10 + round(6.5 * max(len(format_y(t)) for t in ticks)))
    right, top, bottom = 16, 16, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    first, last = years[0], years[-1]

    def px(year: float) -> float:
        return left + (plot_w * (year - first) / (last - first) if last > first else plot_w / 2)

    def py(v: float) -> float:
        return top + plot_h * (1 - (v - y_lo) / (y_hi - y_lo))

    for t in ticks:
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{py(t):.1f}" y2="{py(t):.1f}" '
            f'stroke="#ddd"/><text x="{left - 6}" y="{py(t) + 4:.1f}" text-anchor="end" '
            f'fill="#444">{escape(format_y(t))}</text>'
        )
    step = max(1, -(-len(years) // 10))
    for i, year in enumerate(years):
        if i % step == 0 or year == last:
            out.append(
                f'<text x="{px(year):.1f}" y="{top + plot_h + 16:.1f}" text-anchor="middle" '
                f'fill="#444">{year}</text>'
            )
    path = sorted(trajectory.items())
    if path:
        pts = " ".join(f"{px(y):.1f},{py(v):.1f}" for y, v in path)
        out.append(
            f'<polyline fill="none" stroke="{TRAJECTORY_COLOUR}" stroke-width="2" '
            f'stroke-dasharray="6 3" points="{pts}"/>'
        )
        target_year, target = path[-1]
        out.append(
            f'<circle cx="{px(target_year):.1f}" cy="{py(target):.1f}" r="6" fill="none" '
            f'stroke="{TRAJECTORY_COLOUR}" stroke-width="2"><title>'
            f"{escape(labels['target'])} {target_year}: {escape(format_y(target))}</title></circle>"
        )
    ordered = sorted(measured, key=lambda m: m.year)
    if len(ordered) > 1:
        pts = " ".join(f"{px(m.year):.1f},{py(m.value):.1f}" for m in ordered)
        out.append(f'<polyline fill="none" stroke="#222" stroke-width="2" points="{pts}"/>')
    for m in ordered:
        tip = (
            f"{labels['measured']} {m.year}: {format_y(m.value)} ({labels.get(m.status, m.status)})"
        )
        out.append(_marker(px(m.year), py(m.value), m.status, 5, tip))
    # Legend: trajectory, target, then one entry per status.
    ly = height + 12
    items = [
        f'<line x1="{left}" x2="{left + 22}" y1="{ly - 4}" y2="{ly - 4}" '
        f'stroke="{TRAJECTORY_COLOUR}" '
        f'stroke-width="2" stroke-dasharray="6 3"/><text x="{left + 28}" y="{ly}" fill="#222">'
        f"{escape(labels['trajectory'])}</text>"
    ]
    x = left + 40 + 6.5 * len(labels["trajectory"])
    items.append(
        f'<circle cx="{x + 6:.1f}" cy="{ly - 4}" r="6" fill="none" stroke="{TRAJECTORY_COLOUR}" '
        f'stroke-width="2"/><text x="{x + 16:.1f}" y="{ly}" fill="#222">'
        f"{escape(labels['target'])}</text>"
    )
    x += 30 + 6.5 * len(labels["target"])
    for status in ("on_track", "behind", "at_risk"):
        items.append(_marker(x + 5, ly - 4, status, 5, ""))
        items.append(f'<text x="{x + 14:.1f}" y="{ly}" fill="#222">{escape(labels[status])}</text>')
        x += 28 + 6.5 * len(labels[status])
    out.extend(items)
    out.append("</svg>")
    return "".join(out)


def sparkline(
    trajectory: Mapping[int, float],
    measured: Sequence[Measured],
    *,
    title: str,
    desc: str,
    width: int = 150,
    height: int = 40,
) -> str:
    """A small chart for a table cell: the trajectory dashed, the measurements as a line with
    the latest marked by its status. Text only in <title> and <desc> (for screen readers)."""
    values = list(trajectory.values()) + [m.value for m in measured]
    out = [_open(width, height, title, desc).replace('class="chart"', 'class="sparkline"')]
    if not values:
        out.append("</svg>")
        return "".join(out)
    years = sorted(set(trajectory) | {m.year for m in measured})
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1.0
    pad = 5
    first, last = years[0], years[-1]

    def px(year: float) -> float:
        return pad + ((width - 2 * pad) * (year - first) / (last - first) if last > first else 0)

    def py(v: float) -> float:
        return pad + (height - 2 * pad) * (1 - (v - lo) / span)

    path = sorted(trajectory.items())
    if path:
        pts = " ".join(f"{px(y):.1f},{py(v):.1f}" for y, v in path)
        out.append(
            f'<polyline fill="none" stroke="{TRAJECTORY_COLOUR}" stroke-width="1.5" '
            f'stroke-dasharray="4 2" points="{pts}"/>'
        )
    ordered = sorted(measured, key=lambda m: m.year)
    if len(ordered) > 1:
        pts = " ".join(f"{px(m.year):.1f},{py(m.value):.1f}" for m in ordered)
        out.append(f'<polyline fill="none" stroke="#222" stroke-width="1.5" points="{pts}"/>')
    if ordered:
        m = ordered[-1]
        out.append(_marker(px(m.year), py(m.value), m.status, 3.5, ""))
    out.append("</svg>")
    return "".join(out)
