"""The stacked budget chart (grogrund.charts.budget): one bar per year with its total, one
segment per partner, texts escaped, and a dash when there is nothing to draw."""

from __future__ import annotations

from grogrund.charts.budget import Stack, stacked_bar_chart


def _chart(bars, stacks):
    return stacked_bar_chart(
        bars,
        stacks,
        title="Budget <år>",
        format_value=lambda v: f"{v:.0f}",
        total_label="totalt",
    )


def test_segments_stack_to_the_years_total():
    svg = _chart(["2024", "2025"], [Stack("A & co", [100, 50]), Stack("M", [200, 0])])
    assert svg.count("<title>A &amp; co, 2024: 100</title>") == 1
    assert "M, 2025" not in svg  # nothing drawn for an empty segment
    assert ">300</text>" in svg and ">50</text>" in svg  # the totals above the bars
    assert "2024: A &amp; co 100, M 200 (totalt 300)" in svg
    assert ">Budget &lt;år&gt;</title>" in svg


def test_an_empty_budget_draws_a_dash():
    svg = _chart([], [])
    assert svg.startswith("<svg") and ">–</text></svg>" in svg
