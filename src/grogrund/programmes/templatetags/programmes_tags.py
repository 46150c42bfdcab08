"""Template helpers of the programmes app: the change history in readable form."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django import template
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _

from grogrund.accounts.models import Organisation
from grogrund.areas.models import Area, Indicator
from grogrund.core.apps import is_grogrund_model
from grogrund.core.numbers import format_number

register = template.Library()

#: Fields that say nothing to a reader of the history (the parent is the page it is on).
HIDDEN = {"id", "recorded_by", "created_by", "marked_by", "programme", "goal", "initiative"}
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
    kind: str = ""  # what the object is, in the reader's language ("mätning")


@cache
def _models_by_type() -> dict[str, type[models.Model]]:
    """ChangeLog.object_type (the model's class name in lower case) → the model."""
    ours = [model for model in apps.get_models() if is_grogrund_model(model)]
    return {model.__name__.lower(): model for model in ours}


def _field(object_type: str, name: str) -> models.Field[Any, Any] | None:
    model = _models_by_type().get(object_type)
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _kind(object_type: str) -> str:
    model = _models_by_type().get(object_type)
    return str(model._meta.verbose_name) if model is not None else object_type


def _label(object_type: str, name: str) -> str:
    """A field as the forms name it ("Målår"), or its stored name when it has no label."""
    field = _field(object_type, name)
    if field is None or field.verbose_name == name.replace("_", " "):
        return name
    return str(field.verbose_name)[:1].upper() + str(field.verbose_name)[1:]


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


def _shown(
    name: str, value: Any, names: dict[type[Any], dict[Any, str]], object_type: str = ""
) -> str:
    model = NAMED.get(name)
    if model is not None:
        return ", ".join(names.get(model, {}).get(v, f"#{v}") for v in _ids(value)) or "–"
    if value is None or value == "":
        return "–"
    field = _field(object_type, name)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "–"
    return str(value)


def _number(value: float) -> str:
    """Six significant digits, as stored, in the reader's number format (0,599388)."""
    text = f"{value:.6g}"
    if "e" in text:
        return text
    decimals = len(text.split(".")[1]) if "." in text else 0
    return format_number(value, decimals)


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
                    _label(entry.object_type, name),
                    _shown(name, old, names, entry.object_type) if entry.before else "",
                    _shown(name, new, names, entry.object_type) if entry.after else "",
                )
                for name, old, new in changes[entry.pk]
            ],
            _kind(entry.object_type),
        )
        for entry in entries
    ]
