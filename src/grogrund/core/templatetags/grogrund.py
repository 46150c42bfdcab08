from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from grogrund.core.numbers import format_money, format_number, format_percent

register = template.Library()


@register.filter
def num(value: Any, decimals: int = 1) -> str:
    return format_number(value, int(decimals))


@register.filter
def sek(value: Any, decimals: int = 0) -> str:
    return format_money(value, int(decimals))


@register.filter
def pct(value: Any, decimals: int = 1) -> str:
    return format_percent(value, int(decimals))


@register.filter
def signed_pct(value: Any, decimals: int = 1) -> str:
    return format_percent(value, int(decimals), sign=True)


@register.filter
def signed_pp(value: Any, decimals: int = 1) -> str:
    """A difference of two shares in percentage points: 0.202 → `+20,2 p.e.`."""
    if value is None:
        return "–"
    # Translators: abbreviation of "percentage points" (sv: "p.e.", procentenheter).
    unit = gettext("pp")
    return f"{format_number(value * 100, int(decimals), sign=True)}\u00a0{unit}"


@register.filter
def signed_num(value: Any, decimals: int = 0) -> str:
    return format_number(value, int(decimals), sign=True)


@register.filter
def svg(value: str) -> SafeString:
    """Charts are built by grogrund.charts, which escapes every text it draws."""
    return mark_safe(value)


@register.simple_tag(takes_context=True)
def query_with(context: Any, **kwargs: Any) -> str:
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        params[key] = value
    return params.urlencode()
