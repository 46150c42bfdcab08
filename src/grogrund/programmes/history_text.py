"""The change history (ChangeLog) in the reader's language: who by name, when in local time,
what changed as short sentences with labels, names and figures in their unit.

Every entry is rendered from what it stored (before and after snapshots written by the
services of programmes, initiatives, partnerships and valuations), so entries written before
this module existed read as well as new ones; a reference to something since deleted is shown
as "(removed)" rather than as an id.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grogrund.accounts.channel import channel_text
from grogrund.core.apps import is_grogrund_model
from grogrund.core.numbers import format_money, format_number, format_percent
from grogrund.programmes.models import ChangeAction

# --- what an entry becomes -------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One sentence of an entry: "label: before → after", "label: value" or free text."""

    label: str = ""
    before: str = ""
    after: str = ""
    text: str = ""

    def __str__(self) -> str:
        if self.text:
            return self.text
        value = (
            f"{self.before} → {self.after}"
            if self.before and self.after
            else self.before or self.after
        )
        return f"{self.label}: {value}" if self.label else value


@dataclass(frozen=True)
class HistoryRow:
    entry: Any  # a ChangeLog
    when: str  # local date and time in the reader's format
    who: str  # the author's full name, or username; "–" when unknown
    action: str  # "Changed"
    kind: str  # what the object is, in the reader's language ("measurement")
    name: str  # which one ("2024", "Jobbcoacher på plats"); "" when it has none
    lines: list[Line] = field(default_factory=list)
    via: str = ""  # through what, as words ("via the API"); "" when not known

    @property
    def what(self) -> str:
        what = f"{self.action} ({self.kind})"
        return f"{what} {self.via}" if self.via else what


# --- the fields of each kind of object --------------------------------------------------------

#: Fields that say nothing to a reader (ids, authors and stamps kept elsewhere in the entry,
#: the page's own parent, the order of boxes on the screen).
HIDDEN = {
    "id",
    "recorded_by",
    "created_by",
    "marked_by",
    "programme",
    "position",
    "created_at",
    "updated_at",
    "recorded_at",
    "marked_at",
}
#: Fields hidden only for some kinds: the parent the history is shown under.
HIDDEN_FOR = {
    "measurement": {"goal"},
    "effectnode": {"initiative"},
    "effectlink": {"initiative"},
    "outcomemeasurement": {"initiative"},
    "commitment": {"signed_by", "signed_at", "years"},  # told as sentences
    "valuation": {"model"},  # told input by input
}

#: Fields that hold ids, by the model they point to (app label, model name).
NAMED: dict[str, tuple[str, str]] = {
    "owner": ("accounts", "Organisation"),
    "organisation": ("accounts", "Organisation"),
    "shared_with": ("accounts", "Organisation"),
    "area": ("areas", "Area"),
    "areas": ("areas", "Area"),
    "reference_area": ("areas", "Area"),
    "indicator": ("areas", "Indicator"),
}
NAMED_FOR: dict[str, dict[str, tuple[str, str]]] = {
    "effectnode": {"goal": ("programmes", "Goal")},
    "effectlink": {
        "source": ("initiatives", "EffectNode"),
        "target": ("initiatives", "EffectNode"),
    },
    "outcomemeasurement": {"outcome": ("initiatives", "EffectNode")},
    "valuation": {"initiative": ("initiatives", "Initiative")},
    "commitment": {"signed_by": ("", "user")},
    "initiative": {"method_ref": ("methods", "Method")},
    "participation": {"initiative": ("initiatives", "Initiative")},
}

#: Parts of a snapshot that are no field of the model, by kind: their labels.
LABELS_FOR: dict[str, dict[str, Any]] = {
    "method": {"template": gettext_lazy("Effect-logic template")},
}

#: A goal's fields that are empty when it has no comparison (a fixed number of people).
NO_COMPARISON_FIELDS = {"reference_area", "reference_share", "people_needed"}
#: Shares stored 0–1, shown in percent.
SHARES = {
    "goal": {"baseline_share", "reference_share", "target_share", "share_of_gap"},
    "measurement": {"value"},
}
#: Counts of people, shown as whole persons.
PEOPLE = {"goal": {"base", "people_needed", "target_count", "fixed_count"}}
#: Amounts in kronor.
MONEY = {
    "budget",
    "hourly_cost_sek",
    "money_sek",
    "in_kind_sek",
    "cost_sek",
    "cost_per_participant_sek",
}
#: Values in the unit of an indicator, and where the indicator is found.
IN_INDICATOR_UNIT = {
    "effectnode": {"baseline_value", "target_value"},
    "outcomemeasurement": {"value"},
}

_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, models.Field) else None


def _related_model(object_type: str, name: str) -> type[models.Model] | None:
    """The model of the rows that point at an object of `object_type` under `name`."""
    model = _models_by_type().get(object_type)
    if model is None:
        return None
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if not found.auto_created or found.concrete:
        return None
    related = found.related_model
    return related if isinstance(related, type) else None


def _kind(object_type: str) -> str:
    model = _models_by_type().get(object_type)
    return str(model._meta.verbose_name) if model is not None else object_type


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _label(object_type: str, name: str) -> str:
    """A field as the forms name it ("Målår"); a field without a model gets its name in
    words ("in kind description" → "In kind description")."""
    if object_type in SHARES and name in SHARES[object_type] and name == "value":
        return _("Value")  # the model's label says "share 0–1"; the history shows percent
    if name in LABELS_FOR.get(object_type, {}):
        return _capital(str(LABELS_FOR[object_type][name]))
    f = _field(object_type, name)
    if f is not None:
        return _capital(str(f.verbose_name))
    related = _related_model(object_type, name)
    if related is not None:  # the rows pointing at the object ("sources" of a method)
        return _capital(str(related._meta.verbose_name_plural))
    return _capital(name.replace("_", " "))


def _named(object_type: str, name: str) -> tuple[str, str] | None:
    return NAMED_FOR.get(object_type, {}).get(name) or NAMED.get(name)


def _hidden(object_type: str, name: str) -> bool:
    return name in HIDDEN or name in HIDDEN_FOR.get(object_type, set())


# --- names of things an entry refers to by id -------------------------------------------------


def person_name(user: Any) -> str:
    """A user as people know them: the full name, or the username."""
    if user is None:
        return "–"
    full = user.get_full_name().strip() if hasattr(user, "get_full_name") else ""
    return full or str(user.get_username() if hasattr(user, "get_username") else user)


def _model(ref: tuple[str, str]) -> type[models.Model]:
    if ref == ("", "user"):
        return get_user_model()
    return apps.get_model(*ref)


def _display_name(obj: Any) -> str:
    if isinstance(obj, get_user_model()):
        return person_name(obj)
    for attr in ("name", "text"):
        value = getattr(obj, attr, None)
        if isinstance(value, str) and value:
            return value
    if obj.__class__.__name__ == "Goal":
        return f"{obj.indicator.name}, {obj.area.name}"
    return str(obj)


def _ids(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    return [] if value is None or value == "" else [value]


class Names:
    """The names of every object the entries refer to, one query per kind of object; and the
    indicators of outcomes, which give the unit of their values."""

    def __init__(self, wanted: dict[tuple[str, str], set[Any]]) -> None:
        self._names: dict[tuple[str, str], dict[Any, str]] = {}
        self._node_indicator: dict[Any, Any] = {}
        for ref, ids in wanted.items():
            model = _model(ref)
            query = model._default_manager.filter(pk__in=[i for i in ids if isinstance(i, int)])
            if model.__name__ == "Goal":
                query = query.select_related("indicator", "area")
            if model.__name__ == "EffectNode":
                query = query.select_related("indicator")
            objects = list(query)
            self._names[ref] = {obj.pk: _display_name(obj) for obj in objects}
            if model.__name__ == "EffectNode":
                self._node_indicator = {obj.pk: obj.indicator for obj in objects}
        indicator_ids = wanted.get(("areas", "Indicator"), set())
        self._indicators = {
            i.pk: i
            for i in apps.get_model("areas", "Indicator").objects.filter(
                pk__in=[i for i in indicator_ids if isinstance(i, int)]
            )
        }

    def of(self, ref: tuple[str, str], pk: Any) -> str:
        return self._names.get(ref, {}).get(pk) or _("(removed)")

    def indicator(self, pk: Any) -> Any:
        return self._indicators.get(pk)

    def indicator_of_outcome(self, pk: Any) -> Any:
        return self._node_indicator.get(pk)


def _wanted(entries: Iterable[Any]) -> dict[tuple[str, str], set[Any]]:
    wanted: dict[tuple[str, str], set[Any]] = {}
    for entry in entries:
        for snap in (entry.before or {}, entry.after or {}):
            for name, value in snap.items():
                ref = _named(entry.object_type, name)
                if ref is not None:
                    wanted.setdefault(ref, set()).update(_ids(value))
    return wanted


def _indicator_of(entry: Any, snap: dict[str, Any], names: Names) -> Any:
    """The indicator whose unit an outcome's values are in."""
    if entry.object_type == "effectnode":
        return names.indicator(snap.get("indicator"))
    return names.indicator_of_outcome(snap.get("outcome"))


# --- values -----------------------------------------------------------------------------------


def when_text(value: Any) -> str:
    """A moment in local time (Europe/Stockholm) in the reader's format; a date as a date."""
    if isinstance(value, str):
        parsed = parse_datetime(value) if _ISO_DATETIME.match(value) else parse_date(value)
        if parsed is None:
            return value
        value = parsed
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return date_format(value, "DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value, "DATE_FORMAT")
    return str(value)


def _plain_number(value: float) -> str:
    """A figure without needless decimals: 1 200, 12,5, 0,25."""
    if float(value).is_integer():
        return format_number(value, 0)
    return format_number(value, 2).rstrip("0").rstrip(",.") if abs(value) < 1e15 else str(value)


def _to_float(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _value(entry: Any, snap: dict[str, Any], name: str, value: Any, names: Names) -> str:
    """One stored value as a reader reads it."""
    kind = entry.object_type
    if kind == "goal" and name in NO_COMPARISON_FIELDS and value is None:
        # A goal of a fixed number of people set without a comparison value.
        return _("none (a fixed number of people)")
    ref = _named(kind, name)
    if ref is not None:
        return ", ".join(names.of(ref, v) for v in _ids(value)) or "–"
    if value is None or value == "" or value == []:
        return "–"
    f = _field(kind, name)
    if f is not None and f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if kind == "stakeholderlink" and name == "stakeholder":
        from grogrund.valuations.presentation import stakeholder_label

        return stakeholder_label(str(value), {})
    if kind == "report" and name == "kind":
        # The kinds are a registry, not the field's choices (grogrund.reports.kinds).
        from grogrund.reports import kinds

        return str(kinds.REGISTRY[value].label) if value in kinds.all_keys() else str(value)
    number = _to_float(value) if not isinstance(value, str) or name in MONEY else None
    if number is not None:
        if name in SHARES.get(kind, set()):
            return format_percent(number, 1)
        if name in PEOPLE.get(kind, set()):
            return format_number(round(number), 0)
        if name in MONEY:
            return format_money(number)
        if name in IN_INDICATOR_UNIT.get(kind, set()):
            from grogrund.initiatives.values import show

            return show(_indicator_of(entry, snap, names), number)
        if name == "year" or name.endswith("_year") or name == "horizon_years":
            return str(int(number))
        return _plain_number(number)
    if isinstance(value, str) and (
        isinstance(f, models.DateField) or _ISO_DATETIME.match(value) or _ISO_DATE.match(value)
    ):
        return when_text(value)
    if isinstance(value, list):
        return list_text(value)
    if isinstance(value, dict):
        return "–"  # a structure this module does not know: never a dump
    return str(value)


def list_text(items: list[Any]) -> str:
    """A list as one line: names joined by commas ("Nytorp, Åsby"); items that are sentences
    or hold commas of their own (a method's template boxes) joined by semicolons, without the
    full stop that would stand before each ("Behov: Unga vuxna utan arbete; Aktiviteter: …")."""
    texts = [str(v).strip() for v in items]
    if not any("," in t or t.endswith((".", "!", "?")) for t in texts):
        return ", ".join(texts)
    return "; ".join(t.removesuffix(".") for t in texts)


# --- the lines of each kind of entry ----------------------------------------------------------


def _field_lines(entry: Any, names: Names) -> list[Line]:
    before, after = entry.before or {}, entry.after or {}
    lines = []
    for name in list(before) + [k for k in after if k not in before]:
        if _hidden(entry.object_type, name):
            continue
        old, new = before.get(name), after.get(name)
        if entry.before and entry.after and old == new:
            continue
        if not (entry.before and entry.after) and old in (None, "", []) and new in (None, "", []):
            continue  # a creation or a deletion lists what the object held
        label = _label(entry.object_type, name)
        old_text = _value(entry, before, name, old, names) if entry.before else ""
        new_text = _value(entry, after, name, new, names) if entry.after else ""
        if entry.before and entry.after and old_text == new_text:
            # Different stored values that read the same (a structure not told here).
            old_text, new_text = "", str(ChangeAction.UPDATE.label).lower()
        lines.append(Line(label, old_text, new_text))
    return lines


_YEAR_FIELDS: tuple[tuple[str, Callable[[], str], bool], ...] = (
    ("money_sek", lambda: _("money"), True),
    ("staff_hours", lambda: _("staff hours"), False),
    ("in_kind_sek", lambda: _("in kind"), True),
)


def _amount(value: float, money: bool) -> str:
    return format_money(value) if money else _plain_number(value)


def _commitment_lines(entry: Any, names: Names) -> list[Line]:
    """The years of a commitment ("2025, money: 100 000 kr → 120 000 kr") and its signature
    as sentences."""
    before, after = entry.before or {}, entry.after or {}
    lines: list[Line] = []
    old_years = {y.get("year"): y for y in before.get("years") or [] if isinstance(y, dict)}
    new_years = {y.get("year"): y for y in after.get("years") or [] if isinstance(y, dict)}
    if entry.before and entry.after:
        for year in sorted(y for y in set(old_years) | set(new_years) if y is not None):
            old, new = old_years.get(year, {}), new_years.get(year, {})
            for key, label, money in _YEAR_FIELDS:
                a, b = float(old.get(key) or 0), float(new.get(key) or 0)
                if a != b:
                    lines.append(Line(f"{year}, {label()}", _amount(a, money), _amount(b, money)))
    else:
        years = new_years or old_years
        for year in sorted(y for y in years if y is not None):
            y = years[year]
            parts = [
                f"{label()} {_amount(float(y.get(key) or 0), money)}"
                for key, label, money in _YEAR_FIELDS
                if y.get(key)
            ]
            lines.append(Line(str(year), after=", ".join(parts) or "–"))
    signed_before, signed_after = before.get("signed_at"), after.get("signed_at")
    held = after if entry.after else before  # what a creation or a deletion held
    if (signed_after and signed_after != signed_before) or (
        not (entry.before and entry.after) and held.get("signed_at")
    ):
        signer = held.get("signed_by")
        when = when_text(held.get("signed_at"))
        if signer is None:
            text = _("Signed on %(when)s.") % {"when": when}
        else:
            who = names.of(("", "user"), signer)
            text = _("Signed by %(who)s on %(when)s.") % {"who": who, "when": when}
        # English times end in "a.m.": the sentence needs no second full stop.
        lines.append(Line(text=text.replace("..", ".")))
    elif signed_before and not signed_after and entry.after:
        lines.append(
            Line(text=_("The signature was withdrawn: the figures changed after signing."))
        )
    return _field_lines(entry, names) + lines


def _valuation_lines(entry: Any, names: Names) -> list[Line]:
    """A changed valuation as the inputs that changed; a new or deleted one by its kind, its
    costs and its outcomes."""
    from grogrund.valuations.models import ValuationKind
    from grogrund.valuations.presentation import model_changes

    lines = _field_lines(entry, names)
    before, after = entry.before or {}, entry.after or {}
    if entry.before and entry.after:
        lines += [Line(c.label, c.before, c.after) for c in model_changes(before, after)]
        return lines
    model = (after or before).get("model") or {}
    if not isinstance(model, dict):
        return lines
    if model.get("kind"):
        kind = dict(ValuationKind.choices).get(model["kind"], model["kind"])
        value = str(kind)
        lines.append(Line(_("Kind"), "" if entry.after else value, value if entry.after else ""))
    for key, label in (("costs", _("Costs")), ("outcomes", _("Outcomes"))):
        rows = [r.get("name") or r.get("id") for r in model.get(key) or [] if isinstance(r, dict)]
        if rows:
            text = ", ".join(str(r) for r in rows)
            lines.append(Line(label, "" if entry.after else text, text if entry.after else ""))
    return lines


_LINES: dict[str, Callable[[Any, Names], list[Line]]] = {
    "commitment": _commitment_lines,
    "valuation": _valuation_lines,
}


def _object_name(entry: Any, names: Names) -> str:
    snap = entry.after or entry.before or {}
    kind = entry.object_type
    if kind in ("measurement",):
        return str(snap.get("year", ""))
    if kind == "outcomemeasurement":
        return f"{names.of(('initiatives', 'EffectNode'), snap.get('outcome'))}, {snap.get('year')}"
    if kind == "effectlink":
        ref = ("initiatives", "EffectNode")
        return f"{names.of(ref, snap.get('source'))} → {names.of(ref, snap.get('target'))}"
    if kind == "commitment":
        return names.of(("accounts", "Organisation"), snap.get("organisation"))
    if kind == "goal":
        return names.of(("areas", "Indicator"), snap.get("indicator"))
    if kind in ("readinessitem", "stakeholderlink"):
        key = "topic" if kind == "readinessitem" else "stakeholder"
        return _value(entry, snap, key, snap.get(key), names)
    for key in ("name", "text"):
        if isinstance(snap.get(key), str):
            return str(snap[key])
    return ""


def history_rows(history: Iterable[Any]) -> list[HistoryRow]:
    """Each ChangeLog entry as a reader reads it: for a change only what differs, for a
    creation or a deletion what the object held."""
    entries = list(history)
    names = Names(_wanted(entries))
    rows = []
    for entry in entries:
        lines = _LINES.get(entry.object_type, _field_lines)(entry, names)
        rows.append(
            HistoryRow(
                entry=entry,
                when=when_text(entry.at),
                who=person_name(entry.user),
                action=str(entry.get_action_display()),
                kind=_kind(entry.object_type),
                name=_object_name(entry, names),
                lines=lines,
                via=channel_text(getattr(entry, "via", "")),
            )
        )
    return rows
