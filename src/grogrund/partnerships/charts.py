"""The partnership page's picture: the common budget per year and partner
(grogrund.charts.budget)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from grogrund.charts.budget import Stack, stacked_bar_chart
from grogrund.core.numbers import format_money, format_number
from grogrund.partnerships.calculations import BudgetTable


def _short_money(value: float) -> str:
    """Axis labels: 1 500 000 kr → `1,5 mn kr` (sv: `1,5 mnkr`)."""
    if abs(value) >= 1_000_000:
        return _("%(amount)s mn kr") % {"amount": format_number(value / 1_000_000, 1)}
    if abs(value) >= 1_000:
        return _("%(amount)s k kr") % {"amount": format_number(value / 1_000, 0)}
    return format_money(value)


def budget_chart(budget: BudgetTable, names: dict[str, str]) -> str:
    """One bar per year, one segment per partner, valued in kronor."""
    return stacked_bar_chart(
        [str(y) for y in budget.years],
        [
            Stack(names.get(p.key, p.key), [p.by_year.get(y, 0.0) for y in budget.years])
            for p in budget.partners
        ],
        title=_("The common budget per year and partner"),
        format_value=_short_money,
        total_label=_("total"),
        format_detail=format_money,
        width=880,
        height=260,
    )
