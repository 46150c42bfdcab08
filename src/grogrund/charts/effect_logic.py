"""An effect logic (effektlogik) as an SVG diagram: one column per stage (need → activities →
outputs → outcomes → impact), boxes with wrapped text, arrows for "leads to", assumptions in a
band below. What is missing is highlighted: a box with a problem gets a dashed orange frame and
its problem written under the text; a stage with no box gets a dashed placeholder.

Plain Python, no Django: the caller passes translated labels. Every text is XML-escaped here.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from grogrund.charts.palette import CHAR_WIDTH, FONT_SIZE, NEGATIVE, WARNING_TEXT
from grogrund.charts.svg import chart_id

#: Six stages fit a 1280 px screen at their drawn size (2·12 + 6·160 + 5·30 = 1 134), so the
#: text is shown at FONT_SIZE there.
COLUMN_W = 160
GAP = 30
MARGIN = 12
HEADER_H = 40
PAD = 7
LINE_H = 15
DETAIL_LINE_H = 15
BOX_GAP = 14
MAX_LINES = 6
CHARS = int((COLUMN_W - 2 * PAD) // CHAR_WIDTH)
DETAIL_CHARS = CHARS
PROBLEM = NEGATIVE
OK_STROKE = "#0072B2"
COLUMN_FILLS = ["#F3F6FA", "#F7F3FA", "#F3FAF6", "#FAF8F0", "#F0F6FA", "#FAF3F3"]


@dataclass(frozen=True)
class Box:
    """One node: `column` is its stage's index in the diagram's columns."""

    key: int
    column: int
    text: str
    details: tuple[str, ...] = ()
    problem: str = ""  # what is missing, shown in the box; empty when nothing is


@dataclass(frozen=True)
class Arrow:
    source: int
    target: int
    problem: bool = False  # a link that goes backwards or closes a loop


@dataclass
class _Placed:
    box: Box
    x: float
    y: float
    h: float
    lines: list[str]
    detail_lines: list[str]
    problem_lines: list[str]


def _wrap(text: str, width: int, max_lines: int = MAX_LINES) -> list[str]:
    lines = textwrap.wrap(text, width=width, break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def _column_x(column: int) -> float:
    return MARGIN + column * (COLUMN_W + GAP)


def effect_logic_diagram(
    columns: Sequence[str],
    boxes: Sequence[Box],
    arrows: Sequence[Arrow],
    *,
    title: str,
    empty_label: str,
    notes: Sequence[str] = (),
    notes_title: str = "",
    missing_columns: Sequence[int] = (),
    uid: str = "el",
) -> str:
    """The diagram as an SVG string. `missing_columns` are stages with no box that the effect
    logic needs (drawn as a highlighted placeholder); `uid` keeps the arrow marker's id unique
    when several diagrams share a page."""
    uid = "".join(ch for ch in uid if ch.isascii() and (ch.isalnum() or ch == "-")) or "el"
    n = len(columns)
    width = 2 * MARGIN + n * COLUMN_W + max(n - 1, 0) * GAP
    placed: dict[int, _Placed] = {}
    heights = [0.0] * n
    header_lines = [_wrap(c, CHARS, 2) for c in columns]
    header_h = max([HEADER_H] + [12 + LINE_H * len(h) for h in header_lines])
    for box in boxes:
        if not 0 <= box.column < n:
            continue
        lines = _wrap(box.text, CHARS)
        detail_lines = [line for d in box.details for line in _wrap(d, DETAIL_CHARS, 8)]
        problem_lines = _wrap(box.problem, DETAIL_CHARS, 4) if box.problem else []
        h = (
            2 * PAD
            + LINE_H * len(lines)
            + DETAIL_LINE_H * (len(detail_lines) + len(problem_lines))
            + (4 if detail_lines or problem_lines else 0)
        )
        y = header_h + heights[box.column]
        placed[box.key] = _Placed(
            box, _column_x(box.column), y, h, lines, detail_lines, problem_lines
        )
        heights[box.column] += h + BOX_GAP
    placeholder_h = 2 * PAD + LINE_H
    for c in range(n):
        if heights[c] == 0:
            heights[c] = placeholder_h + BOX_GAP
    body_h = max(heights, default=0.0)
    note_lines = [
        line
        for note in notes
        for line in _wrap("• " + note, max(20, int((width - 40) // CHAR_WIDTH)), 4)
    ]
    notes_h = (2 * PAD + LINE_H * (len(note_lines) + 1)) if note_lines else 0
    height = header_h + body_h + (notes_h + 8 if notes_h else 0) + MARGIN
    desc = _description(columns, boxes, arrows, placed, notes)
    marker, bad_marker = f"{uid}-arrow", f"{uid}-arrow-bad"
    label_id = chart_id(title, desc)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" '
        f'width="{width}" height="{height:.0f}" role="img" class="chart effect-logic" '
        f'aria-labelledby="{label_id}-t {label_id}-d" '
        f'font-family="system-ui, sans-serif" font-size="{FONT_SIZE}">'
        f'<title id="{label_id}-t">{escape(title)}</title>'
        f'<desc id="{label_id}-d">{escape(desc)}</desc>'
        f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        f'fill="#555"/></marker><marker id="{bad_marker}" viewBox="0 0 10 10" refX="10" '
        f'refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{PROBLEM}"/></marker></defs>'
    ]
    for c, label_lines in enumerate(header_lines):
        x = _column_x(c)
        fill = COLUMN_FILLS[c % len(COLUMN_FILLS)]
        out.append(
            f'<rect x="{x:.1f}" y="4" width="{COLUMN_W}" height="{header_h + body_h - 8:.1f}" '
            f'rx="6" fill="{fill}"/>'
        )
        for k, line in enumerate(label_lines):
            out.append(
                f'<text x="{x + COLUMN_W / 2:.1f}" y="{20 + k * LINE_H}" text-anchor="middle" '
                f'font-weight="bold" fill="#222">{escape(line)}</text>'
            )
    for arrow in arrows:
        a, b = placed.get(arrow.source), placed.get(arrow.target)
        if a is None or b is None:
            continue
        out.append(_arrow(a, b, arrow.problem, bad_marker if arrow.problem else marker))
    for p in placed.values():
        out.append(_box(p))
    for c in range(n):
        if not any(p.box.column == c for p in placed.values()):
            out.append(_placeholder(c, header_h, placeholder_h, empty_label, c in missing_columns))
    if note_lines:
        y0 = header_h + body_h + 8
        out.append(
            f'<g class="el-notes"><rect x="{MARGIN}" y="{y0:.1f}" width="{width - 2 * MARGIN}" '
            f'height="{notes_h}" rx="6" fill="#FFFDF3" stroke="#C9B458"/>'
            f'<text x="{MARGIN + PAD + 4}" y="{y0 + PAD + 11:.1f}" font-weight="bold" '
            f'fill="#222">{escape(notes_title)}</text>'
        )
        for k, line in enumerate(note_lines):
            out.append(
                f'<text x="{MARGIN + PAD + 4}" y="{y0 + PAD + 11 + LINE_H * (k + 1):.1f}" '
                f'fill="#333">{escape(line)}</text>'
            )
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


def _description(
    columns: Sequence[str],
    boxes: Sequence[Box],
    arrows: Sequence[Arrow],
    placed: dict[int, _Placed],
    notes: Sequence[str],
) -> str:
    """A text version of the diagram for screen readers: each stage's boxes and links."""
    texts = {b.key: b.text for b in boxes}
    parts = []
    for c, label in enumerate(columns):
        here = [p.box.text for p in placed.values() if p.box.column == c]
        parts.append(f"{label}: {', '.join(here) if here else '–'}")
    links = [
        f"{texts[a.source]} → {texts[a.target]}"
        for a in arrows
        if a.source in texts and a.target in texts
    ]
    return "; ".join(parts + links + list(notes))


def _box(p: _Placed) -> str:
    bad = bool(p.box.problem)
    stroke = PROBLEM if bad else OK_STROKE
    dash = ' stroke-dasharray="5 3"' if bad else ""
    fill = "#FFF4EC" if bad else "#FFFFFF"
    tooltip = " ".join([p.box.text, *p.box.details, p.box.problem]).strip()
    out = [
        f'<g class="el-node{" el-problem" if bad else ""}" data-node="{p.box.key}">'
        f"<title>{escape(tooltip)}</title>"
        f'<rect x="{p.x:.1f}" y="{p.y:.1f}" width="{COLUMN_W}" height="{p.h:.1f}" rx="5" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="{2 if bad else 1.2}"{dash}/>'
    ]
    y = p.y + PAD + 10
    for line in p.lines:
        out.append(f'<text x="{p.x + PAD:.1f}" y="{y:.1f}" fill="#111">{escape(line)}</text>')
        y += LINE_H
    if p.detail_lines or p.problem_lines:
        y += 4
    for line in p.detail_lines:
        out.append(
            f'<text x="{p.x + PAD:.1f}" y="{y - 1:.1f}" fill="#35506b">{escape(line)}</text>'
        )
        y += DETAIL_LINE_H
    for line in p.problem_lines:
        out.append(
            f'<text x="{p.x + PAD:.1f}" y="{y - 1:.1f}" font-weight="bold" '
            f'fill="{WARNING_TEXT}">{escape(line)}</text>'
        )
        y += DETAIL_LINE_H
    if bad:
        out.append(
            f'<circle cx="{p.x + COLUMN_W - 2:.1f}" cy="{p.y + 2:.1f}" r="7" fill="{PROBLEM}"/>'
            f'<text x="{p.x + COLUMN_W - 2:.1f}" y="{p.y + 6:.1f}" text-anchor="middle" '
            f'fill="#fff" font-weight="bold">!</text>'
        )
    out.append("</g>")
    return "".join(out)


def _placeholder(column: int, top: float, h: float, label: str, missing: bool) -> str:
    x = _column_x(column)
    stroke = PROBLEM if missing else "#767676"
    ink = WARNING_TEXT if missing else "#595959"
    return (
        f'<g class="el-empty{" el-problem" if missing else ""}">'
        f'<rect x="{x:.1f}" y="{top:.1f}" width="{COLUMN_W}" height="{h:.1f}" rx="5" '
        f'fill="none" stroke="{stroke}" stroke-dasharray="4 3"/>'
        f'<text x="{x + COLUMN_W / 2:.1f}" y="{top + PAD + 10:.1f}" text-anchor="middle" '
        f'fill="{ink}">{escape(label)}</text></g>'
    )


def _arrow(a: _Placed, b: _Placed, problem: bool, marker: str) -> str:
    colour = PROBLEM if problem else "#555"
    dash = ' stroke-dasharray="5 3"' if problem else ""
    ay, by = a.y + a.h / 2, b.y + b.h / 2
    if b.box.column > a.box.column:
        x1, x2 = a.x + COLUMN_W, b.x
        bend = (x2 - x1) / 2
        d = (
            f"M{x1:.1f},{ay:.1f} C{x1 + bend:.1f},{ay:.1f} "
            f"{x2 - bend:.1f},{by:.1f} {x2:.1f},{by:.1f}"
        )
    else:
        # Within a stage or backwards: loop out to the right of both boxes.
        x1, x2 = a.x + COLUMN_W, b.x + COLUMN_W
        out_x = max(x1, x2) + GAP * 0.7
        d = f"M{x1:.1f},{ay:.1f} C{out_x:.1f},{ay:.1f} {out_x:.1f},{by:.1f} {x2:.1f},{by:.1f}"
    return (
        f'<path class="el-link{" el-problem" if problem else ""}" d="{d}" fill="none" '
        f'stroke="{colour}" stroke-width="1.4"{dash} marker-end="url(#{marker})"/>'
    )
