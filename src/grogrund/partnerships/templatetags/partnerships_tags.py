"""The partnerships section of the programme page (programmes/programme_detail.html)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string

from grogrund.partnerships import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def partnerships_section(context: Any, programme: Any) -> str:
    """Readiness summary, partners with what they committed, signatures, and links."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return render_to_string(
        "partnerships/_section.html",
        {
            "programme": programme,
            "part": selectors.partnership(user, programme),
            "readiness": selectors.readiness_summary(programme),
        },
        request=request,
    )
