"""Follow-up charts (model step 12): measured values against a goal's trajectory.

Plain Python, no Django, no third-party code; every text drawn is XML-escaped. The status of a
measurement is shown by colour and by shape (circle on track, square behind, triangle at
risk), so it reads without colour vision too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from grogrund.charts.palette import GRID, INK, STATUS, TEXT, TRAJECTORY
from grogrund.charts.svg import LegendEntry, _nice_ticks, _open, legend, text_width

# Green, ochre, vermillion; grey for "no data" (grogrund.charts.palette).
STATUS_COLOURS = STATUS
TRAJECTORY_COLOUR = TRAJECTORY


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


def _status_swatch(status: str) -> Callable[[float, float], str]:
    def draw(x: float, y: float) -> str:
        return _marker(x + 12, y, status, 5, "")

    return draw


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
    entries = [
        LegendEntry(
            labels["trajectory"],
            lambda x, y: (
                f'<line x1="{x:.1f}" x2="{x + 24:.1f}" y1="{y:.1f}" y2="{y:.1f}" '
                f'stroke="{TRAJECTORY_COLOUR}" stroke-width="2" stroke-dasharray="6 3"/>'
            ),
        ),
        LegendEntry(
            labels["target"],
            lambda x, y: (
                f'<circle cx="{x + 12:.1f}" cy="{y:.1f}" r="6" fill="none" '
                f'stroke="{TRAJECTORY_COLOUR}" stroke-width="2"/>'
            ),
        ),
        *(
            LegendEntry(labels[status], _status_swatch(status))
            for status in ("on_track", "behind", "at_risk")
        ),
    ]
    legend_markup, legend_h = legend(entries, 12, height + 2, width - 24)
    out = [_open(width, height + legend_h + 4, title, desc)]
    if not years or not values:
        out.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle">–</text></svg>')
        return "".join(out)
    y_lo, y_hi, ticks = _scale(values)
    left = max(40, 12 + round(max(text_width(format_y(t)) for t in ticks)))
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
            f'stroke="{GRID}"/><text x="{left - 6}" y="{py(t) + 4:.1f}" text-anchor="end" '
            f'fill="{TEXT}">{escape(format_y(t))}</text>'
        )
    step = max(1, -(-len(years) * 40 // int(plot_w)))
    for i, year in enumerate(years):
        if (len(years) - 1 - i) % step == 0:  # the target year always shown
            out.append(
                f'<text x="{px(year):.1f}" y="{top + plot_h + 17:.1f}" text-anchor="middle" '
                f'fill="{TEXT}">{year}</text>'
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
        out.append(f'<polyline fill="none" stroke="{INK}" stroke-width="2" points="{pts}"/>')
    for m in ordered:
        tip = (
            f"{labels['measured']} {m.year}: {format_y(m.value)} ({labels.get(m.status, m.status)})"
        )
        out.append(_marker(px(m.year), py(m.value), m.status, 5, tip))
    out.append(legend_markup)
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
    out = [_open(width, height, title, desc, css_class="sparkline")]
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
        out.append(f'<polyline fill="none" stroke="{INK}" stroke-width="1.5" points="{pts}"/>')
    if ordered:
        m = ordered[-1]
        out.append(_marker(px(m.year), py(m.value), m.status, 3.5, ""))
    out.append("</svg>")
    return "".join(out)
