"""The reports section of the programme page (programmes/programme_detail.html)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from grogrund.reports import selectors, services

register = template.Library()

#: The programme page lists this many of its newest reports (the report list has them all).
SHOWN = 10


@register.simple_tag(takes_context=True)
def reports_section(context: Any, programme: Any) -> SafeString:
    """The programme's stored reports the visitor may see, newest first, with links to make
    one (for those who may store reports) and to the live print view and PDF."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    reports = selectors.programme_reports(user, programme).select_related("job")[:SHOWN]
    html = render_to_string(
        "reports/_section.html",
        {
            "programme": programme,
            "reports": reports,
            "can_store": services.owner_choices(user).exists(),
        },
        request=request,
    )
    return mark_safe(html)  # rendered by a template, which escaped what it drew
