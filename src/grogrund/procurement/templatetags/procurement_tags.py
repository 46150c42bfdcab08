"""Showing clause figures in their unit, and the step 2 summary on a programme's step page."""

from __future__ import annotations

from typing import Any

from django import template

from grogrund.core.numbers import format_number, format_percent

register = template.Library()


def in_unit(value: float | None, clause: Any, *, with_unit: bool = True) -> str:
    """A target or a delivery as people read it: `12 heltidsmånader`, `7,5 %`."""
    if value is None:
        return "–"
    if clause.is_share:
        return format_percent(value, 1)
    decimals = 0 if float(value).is_integer() else 1
    text = format_number(value, decimals)
    return f"{text}\u00a0{clause.unit}" if with_unit and clause.unit else text


@register.filter
def unit_value(value: float | None, clause: Any) -> str:
    return in_unit(value, clause)


@register.filter
def bare_value(value: float | None, clause: Any) -> str:
    return in_unit(value, clause, with_unit=False)


@register.inclusion_tag("procurement/_step_summary.html", takes_context=True)
def procurement_summary(context: Any, programme: Any) -> dict[str, Any]:
    """The programme's contracts (those the visitor sees) with committed against delivered,
    for step 2 (Social upphandling)."""
    from grogrund.procurement import selectors

    request = context.get("request")
    user = getattr(request, "user", None)
    rows = selectors.contract_rows(user, selectors.programme_contracts(user, programme))
    return {"rows": rows, "programme": programme, "request": request}


@register.inclusion_tag("procurement/_goal_procurement.html")
def procurement_on_goal(goal: Any) -> dict[str, Any]:
    """On a goal's page: of which through procurement clauses, N persons, with the contracts
    they came from (selectors.goal_procurement)."""
    from grogrund.procurement import selectors

    return {"counted": selectors.goal_procurement(goal), "goal": goal}
