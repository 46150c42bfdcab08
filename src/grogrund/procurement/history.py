"""The procurement history (accounts.HistoryEntry rows written by services) as sentences: the
field as the forms name it, values in their unit (kronor, dates, choices by name), names
rather than ids. The same rows as programmes.history_text makes, so one template shows both."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _

from grogrund.accounts.models import Visibility
from grogrund.core.numbers import format_money, format_number, format_percent
from grogrund.procurement.models import (
    SHARE_MEASURES,
    Clause,
    ClauseTemplate,
    Contract,
    Contribution,
    DeliveryReport,
)
from grogrund.programmes.history_text import HistoryRow, Line, person_name, when_text

MODELS: dict[str, type[models.Model]] = {
    "contract": Contract,
    "clause": Clause,
    "deliveryreport": DeliveryReport,
    "clausetemplate": ClauseTemplate,
    "contribution": Contribution,
}
HIDDEN = {"id", "contract", "owner"}
MONEY = {"value_sek", "penalty_sek_per_unit", "penalty_cap_sek", "base"}
EXTRA_LABELS = {
    "clause": lambda: _("Clause"),
    "supplier": lambda: _("Supplier"),
    "programme": lambda: _("Programme"),
    "goal": lambda: _("Goal"),
    "outcome": lambda: _("Outcome"),
    "visibility": lambda: _("Shared with"),
    "shared_with": lambda: _("Partner organisations"),
}


def _field(kind: str, name: str) -> models.Field[Any, Any] | None:
    model = MODELS.get(kind)
    if model is None:
        return None
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, models.Field) else None


def _label(kind: str, name: str) -> str:
    if name in EXTRA_LABELS:
        return str(EXTRA_LABELS[name]())
    found = _field(kind, name)
    text = str(found.verbose_name) if found is not None else name.replace("_", " ")
    return text[:1].upper() + text[1:]


def _value(kind: str, name: str, value: Any, snap: dict[str, Any]) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if name == "visibility":
        return str(dict(Visibility.choices).get(value, value))
    found = _field(kind, name)
    if found is not None and found.choices:
        return str(dict(found.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, (int, float)):
        if name in MONEY:
            return format_money(value)
        if name in ("target", "default_target") and snap.get("measure") in SHARE_MEASURES:
            return format_percent(value, 1)
        if name == "year":
            return str(int(value))
        return format_number(value, 0 if float(value).is_integer() else 1)
    if isinstance(found, models.DateField) or name.endswith(("_date", "_start", "_end")):
        return when_text(value)
    return str(value)


def _lines(entry: Any) -> list[Line]:
    before, after = entry.before or {}, entry.after or {}
    kind = entry.object_type
    lines = []
    for name in list(before) + [k for k in after if k not in before]:
        if name in HIDDEN:
            continue
        old, new = before.get(name), after.get(name)
        if entry.before and entry.after and old == new:
            continue
        if not (entry.before and entry.after) and old in (None, "", []) and new in (None, "", []):
            continue
        lines.append(
            Line(
                _label(kind, name),
                _value(kind, name, old, before) if entry.before else "",
                _value(kind, name, new, after) if entry.after else "",
            )
        )
    return lines


def _name(entry: Any) -> str:
    snap = entry.after or entry.before or {}
    if entry.object_type == "deliveryreport":
        start, end = snap.get("period_start"), snap.get("period_end")
        return f"{snap.get('clause', '')}, {when_text(start)} – {when_text(end)}"
    if entry.object_type == "contribution":
        return str(snap.get("clause", ""))
    for key in ("name", "name_sv"):
        if isinstance(snap.get(key), str):
            return str(snap[key])
    return ""


def _kind(entry: Any) -> str:
    model = MODELS.get(entry.object_type)
    return str(model._meta.verbose_name) if model is not None else entry.object_type


def history_rows(history: Iterable[Any]) -> list[HistoryRow]:
    return [
        HistoryRow(
            entry=entry,
            when=when_text(entry.at),
            who=person_name(entry.user),
            action=str(entry.get_action_display()),
            kind=_kind(entry),
            name=_name(entry),
            lines=_lines(entry),
        )
        for entry in history
    ]
