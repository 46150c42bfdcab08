"""Template helpers of the programmes app: the change history in readable form."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django import template

from grogrund.accounts.models import Organisation
from grogrund.areas.models import Area, Indicator

register = template.Library()

#: Fields that say nothing to a reader of the history.
HIDDEN = {"id", "recorded_by", "created_by", "marked_by"}
#: Fields that hold ids of organisations, areas or indicators, shown by name.
NAMED: dict[str, type[Any]] = {
    "owner": Organisation,
    "organisation": Organisation,
    "shared_with": Organisation,
    "area": Area,
    "areas": Area,
    "reference_area": Area,
    "indicator": Indicator,
}


@dataclass(frozen=True)
class HistoryRow:
    entry: Any  # a ChangeLog
    fields: list[tuple[str, str, str]]  # (field, before, after) as shown


def _changed(entry: Any) -> list[tuple[str, Any, Any]]:
    before, after = entry.before or {}, entry.after or {}
    out = []
    for name in list(before) + [k for k in after if k not in before]:
        if name in HIDDEN:
            continue
        old, new = before.get(name), after.get(name)
        if entry.before and entry.after and old == new:
            continue
        out.append((name, old, new))
    return out


def _ids(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def _names(changes: Iterable[tuple[str, Any, Any]]) -> dict[type[Any], dict[Any, str]]:
    """One query per kind of named object in the whole history."""
    wanted: dict[type[Any], set[Any]] = {}
    for name, old, new in changes:
        model = NAMED.get(name)
        if model is not None:
            wanted.setdefault(model, set()).update(_ids(old) + _ids(new))
    return {
        model: {obj.pk: str(obj.name) for obj in model.objects.filter(pk__in=ids)}
        for model, ids in wanted.items()
    }


def _shown(name: str, value: Any, names: dict[type[Any], dict[Any, str]]) -> str:
    model = NAMED.get(name)
    if model is not None:
        return ", ".join(names.get(model, {}).get(v, f"#{v}") for v in _ids(value)) or "–"
    if value is None or value == "":
        return "–"
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "–"
    return str(value)


@register.simple_tag
def history_rows(history: Iterable[Any]) -> list[HistoryRow]:
    """What each ChangeLog entry changed, organisations, areas and indicators by name: for a
    change only the fields that differ, for a creation or a deletion every field."""
    entries = list(history)
    changes = {entry.pk: _changed(entry) for entry in entries}
    names = _names(c for cs in changes.values() for c in cs)
    return [
        HistoryRow(
            entry,
            [
                (
                    name,
                    _shown(name, old, names) if entry.before else "",
                    _shown(name, new, names) if entry.after else "",
                )
                for name, old, new in changes[entry.pk]
            ],
        )
        for entry in entries
    ]
