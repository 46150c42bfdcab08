"""Template helpers of the programmes app: the change history in readable form."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()

#: Fields that say nothing to a reader of the history.
HIDDEN = {"id", "recorded_by", "created_by"}


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "–"
    return str(value)


@register.filter
def changed_fields(entry: Any) -> list[tuple[str, str, str]]:
    """(field, before, after) of what a ChangeLog entry changed: for a change only the fields
    that differ, for a creation or a deletion every field."""
    before = entry.before or {}
    after = entry.after or {}
    rows = []
    for name in list(before) + [k for k in after if k not in before]:
        if name in HIDDEN:
            continue
        old, new = before.get(name), after.get(name)
        if entry.before and entry.after and old == new:
            continue
        rows.append(
            (
                name,
                _shown(old) if entry.before else "",
                _shown(new) if entry.after else "",
            )
        )
    return rows
