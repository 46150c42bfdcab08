from __future__ import annotations

from typing import Any

from django import template

from grogrund.initiatives.values import show
from grogrund.programmes.steps import STEPS_BY_CODE

register = template.Library()


@register.filter
def step_name(code: str) -> str:
    """A step of the model by its number and name ("3. Benchmark")."""
    step = STEPS_BY_CODE.get(code)
    return f"{step.number}. {step.name}" if step else ""


@register.filter
def in_unit(value: float | None, indicator: Any) -> str:
    return show(indicator, value)


@register.filter
def value_text(entry: Any, language: str = "sv") -> str:
    """A value-bank entry's amount with its unit, in the reader's language."""
    from grogrund.core.numbers import format_money, format_number, format_percent

    unit, _source, _method = entry.texts(language or "sv")
    if entry.unit.startswith("share"):
        return format_percent(entry.amount, 0)
    if unit.lower().startswith(("sek", "kr")):
        return (
            f"{format_money(entry.amount)} {unit.split(' ', 1)[1] if ' ' in unit else ''}".strip()
        )
    return f"{format_number(entry.amount, 2)} {unit}".strip()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None
