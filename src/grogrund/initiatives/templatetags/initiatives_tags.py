"""The initiatives section of the programme page (programmes/programme_detail.html), and
filters that show outcome values in their indicator's unit."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string

from grogrund.engine.portfolio import Suggestion
from grogrund.initiatives import portfolio_text, selectors, values

register = template.Library()


@register.simple_tag(takes_context=True)
def initiatives_section(context: Any, programme: Any) -> str:
    """The programme's initiatives: status, budget, effect-logic completeness, and links to
    the list, a new initiative and the portfolio review."""
    request = context.get("request")
    user = getattr(request, "user", None)
    rows = selectors.table_rows(programme)
    return render_to_string(
        "initiatives/_section.html",
        {
            "programme": programme,
            "rows": rows,
            "can_edit": selectors.can_edit_initiatives(user, programme),
        },
        request=request,
    )


@register.simple_tag
def suggestion_label(value: str) -> str:
    return portfolio_text.suggestion_label(Suggestion(value))


@register.filter
def in_unit(value: Any, indicator: Any) -> str:
    """`{{ node.baseline_value|in_unit:node.indicator }}` → `55,0 %`."""
    return values.show(indicator, value)


@register.filter
def change_in_unit(value: Any, indicator: Any) -> str:
    # An outcome not yet followed (no baseline) has no result: the template gives "".
    return values.show_change(indicator, None if value == "" else value)


@register.filter
def cost_per_unit(value: Any, indicator: Any) -> str:
    return values.cost_per_unit_shown(indicator, value)


@register.filter
def input_unit(indicator: Any) -> str:
    """The unit an outcome's values are typed in (percent for a share)."""
    return values.input_unit(indicator)
