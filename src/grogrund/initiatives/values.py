"""An outcome's values are kept in its indicator's own scale (shares 0–1, money in kr, counts);
people type and read shares as percent. These helpers translate both ways."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from grogrund.areas.models import IndicatorKind
from grogrund.core.numbers import NBSP, format_money, format_number, format_percent


def is_share(indicator: Any) -> bool:
    return indicator is not None and indicator.kind == IndicatorKind.SHARE


def from_input(indicator: Any, value: float | None) -> float | None:
    """What a person typed (percent for a share) → the indicator's scale."""
    if value is None:
        return None
    return value / 100 if is_share(indicator) else value


def to_input(indicator: Any, value: float | None) -> float | None:
    if value is None:
        return None
    return round(value * 100, 6) if is_share(indicator) else value


def show(indicator: Any, value: float | None) -> str:
    """A value in the indicator's unit: `55,0 %`, `1 200 kr`, `3,5 per 1 000`."""
    if value is None:
        return "–"
    if is_share(indicator):
        return format_percent(value, 1)
    if indicator is not None and indicator.kind == IndicatorKind.MONEY:
        return format_money(value, 0)
    unit = f"{NBSP}{indicator.unit}" if indicator is not None and indicator.unit else ""
    return f"{format_number(value, 1)}{unit}"


def show_change(indicator: Any, change: float | None) -> str:
    """A change in the indicator's unit: `+4,5 p.e.` for shares."""
    if change is None:
        return "–"
    if is_share(indicator):
        # Translators: abbreviation of "percentage points" (sv: "p.e.", procentenheter).
        return f"{format_number(change * 100, 1, sign=True)}{NBSP}{_('pp')}"
    if indicator is not None and indicator.kind == IndicatorKind.MONEY:
        return f"{format_number(change, 0, sign=True)}{NBSP}kr"
    unit = f"{NBSP}{indicator.unit}" if indicator is not None and indicator.unit else ""
    return f"{format_number(change, 1, sign=True)}{unit}"


def cost_per_unit_shown(indicator: Any, cost_per_unit: float | None) -> str:
    """Cost per unit of outcome change: `48 000 kr per percentage point` (the engine counts
    per 1.0 of the indicator's scale, so a share's cost is divided by 100 for a point)."""
    if cost_per_unit is None:
        return "–"
    if is_share(indicator):
        return _("%(money)s per percentage point") % {"money": format_money(cost_per_unit / 100)}
    if indicator is not None and indicator.kind == IndicatorKind.MONEY:
        # Kronor of cost per krona of change is a plain ratio, not an amount of money.
        decimals = 0 if abs(cost_per_unit) >= 10 else 1
        return _("cost %(ratio)s times the change") % {
            "ratio": format_number(cost_per_unit, decimals)
        }
    unit = indicator.unit if indicator is not None and indicator.unit else _("unit")
    return _("%(money)s per %(unit)s") % {"money": format_money(cost_per_unit), "unit": unit}


def input_unit(indicator: Any) -> str:
    """The unit a person types a value in: percent for a share, kr for money."""
    if indicator is None:
        return "–"
    if is_share(indicator):
        return _("percent")
    if indicator.kind == IndicatorKind.MONEY:
        return "kr"
    return indicator.unit or _("the indicator's unit")
