"""A chart's numbers as a table, folded under the chart ("Show as table").

A picture alone leaves out people who cannot see it and people who want the exact figures
(WCAG 1.1.1); the <desc> of the SVG is read out as one long sentence, a table can be walked
cell by cell. Plain Python like the charts: the caller passes translated texts and formatted
numbers, every text is escaped here.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr


def data_table(
    *,
    summary: str,
    caption: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    row_headers: bool = True,
) -> str:
    """A <details> with `summary` as its handle and a table of `rows` under `columns`. The first
    cell of a row is its header when `row_headers`; the other cells are numbers (right
    aligned). The table scrolls in its own box, which takes focus, when it is wider than the
    page."""
    head = "".join(
        f'<th scope="col"{"" if k == 0 and row_headers else " class=" + quoteattr("num")}>'
        f"{escape(c)}</th>"
        for k, c in enumerate(columns)
    )
    body = []
    for row in rows:
        cells = []
        for k, cell in enumerate(row):
            if k == 0 and row_headers:
                cells.append(f'<th scope="row">{escape(cell)}</th>')
            else:
                cells.append(f'<td class="num">{escape(cell)}</td>')
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<details class="chart-data"><summary>{escape(summary)}</summary>'
        f'<div class="table-wrap" role="region" tabindex="0" aria-label={quoteattr(caption)}>'
        f'<table class="data"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div></details>"
    )
