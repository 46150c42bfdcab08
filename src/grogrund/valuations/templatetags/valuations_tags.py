"""The valuations section of the programme page (programmes/programme_detail.html)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from grogrund.engine.errors import ModelError
from grogrund.valuations import selectors, services

register = template.Library()


@register.simple_tag(takes_context=True)
def valuations_section(context: Any, programme: Any) -> SafeString:
    """The valuations of the programme and of its initiatives, with NPV and ratio from their
    cached results, and a link to create one for editors."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    rows = []
    for v in selectors.valuations_for_programme(user, programme):
        try:
            data: dict[str, Any] | None = services.cached_result(v)
        except ModelError:
            data = None
        rows.append((v, data))
    html = render_to_string(
        "valuations/_section.html",
        {
            "programme": programme,
            "rows": rows,
            "can_edit": selectors.can_edit_valuations(user, programme),
        },
        request=request,
    )
    return mark_safe(html)  # rendered by a template, which escaped what it drew
