"""The initiatives section of the programme page (programmes/programme_detail.html)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def initiatives_section(context: Any, programme: Any) -> str:
    """HTML for the programme page; '' until this app has something to show."""
    return ""
