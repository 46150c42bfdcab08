"""The outcome-contracts section of the programme page (programmes/programme_detail.html)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string

from grogrund.outcome_contracts import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def outcome_contracts_section(context: Any, programme: Any) -> str:
    """The contracts paying for the programme's initiatives that the visitor sees."""
    request = context.get("request")
    user = getattr(request, "user", None)
    contracts = selectors.contracts_with_ledgers(user).filter(initiative__programme=programme)
    rows = [(c, selectors.contract_ledger(c)) for c in contracts]
    return render_to_string(
        "outcome_contracts/_section.html",
        {"programme": programme, "rows": rows},
        request=request,
    )


@register.filter
def person(user: Any) -> str:
    """A user as people know them: the full name, or the username; "–" for nobody."""
    from grogrund.programmes.history_text import person_name

    return person_name(user)
