"""The editor's inputs: an uncertain number (a likely value and an optional range),
amounts by year, fast selects and the choices they offer."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from grogrund.core.forms import NumberField, NumberInput, number_text
from grogrund.core.numbers import parse_number
from grogrund.engine.stakeholders import STAKEHOLDERS

RANGE_HELP = _("Optional range for the Monte Carlo simulation")
RANGE_LABEL = _("range")

DISTRIBUTIONS = [
    ("", _("PERT")),
    ("triangular", _("triangular")),
    ("uniform", _("uniform")),
]


# --- an uncertain number ----------------------------------------------------------------------


def _html_attrs(attrs: dict[str, Any]) -> str:
    out = []
    for k, v in attrs.items():
        if v is True:
            out.append(f" {k}")
        elif v not in (False, None):
            out.append(f' {k}="{escape(str(v))}"')
    return "".join(out)


def _options(choices: Any, selected: set[str]) -> str:
    def one(v: Any, label: Any) -> str:
        sel = " selected" if str(v) in selected else ""
        return f'<option value="{escape(str(v))}"{sel}>{escape(str(label))}</option>'

    parts = []
    for v, label in choices:
        if isinstance(label, list | tuple):
            inner = "".join(one(a, b) for a, b in label)
            parts.append(f'<optgroup label="{escape(str(v))}">{inner}</optgroup>')
        else:
            parts.append(one(v, label))
    return "".join(parts)


class FastSelect(forms.Select):
    """A select rendered in Python: the editor has hundreds of them, and Django's template per
    option made the page take most of a second."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = {**self.build_attrs(self.attrs, attrs), "name": name}
        selected = set(self.format_value(value))
        return mark_safe(f"<select{_html_attrs(final)}>{_options(self.choices, selected)}</select>")


def _number_text(v: Any) -> str | None:
    """A number as the input shows it, in the user's format: 8 rather than 8.0, 3,5 rather than
    3.5 (the posted text is kept as typed)."""
    if v in (None, ""):
        return None
    if isinstance(v, int | float) and not isinstance(v, bool):
        return number_text(v)
    return str(v)


class QuantityWidget(forms.MultiWidget):
    """Likely value, then an optional range: low, high and the distribution. Rendered in
    Python for speed (see FastSelect)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets = {
            "": NumberInput(attrs={"class": "likely"}),
            "low": NumberInput(attrs={"class": "low"}),
            "high": NumberInput(attrs={"class": "high"}),
            "dist": forms.Select(choices=DISTRIBUTIONS),
        }
        super().__init__(widgets, attrs)

    def id_for_label(self, id_: str) -> str:
        # The field's label names the likely value, the first input (Django's MultiWidget leaves
        # its label unattached); the range inputs carry their own aria-label.
        return f"{id_}_0" if id_ else ""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        if not isinstance(value, list | tuple):
            value = self.decompress(value)
        values = [*list(value), None, None, None, None][:4]
        final = self.build_attrs(self.attrs, attrs)
        base_id = final.pop("id", None)
        if final.get("aria-invalid") and base_id and not final.get("aria-describedby"):
            # Django ties a multi-widget's errors to a fieldset it does not have here: the
            # likely value, which the label names, points at them (ul id="<id>_error").
            final["aria-describedby"] = f"{base_id}_error"
        number = {"type": "text", "inputmode": "decimal"}

        def number_input(i: int, suffix: str, css: str, label: Any, extra: dict[str, Any]) -> str:
            v = values[i]
            a = {
                **number,
                **extra,
                "name": name + suffix,
                "class": css,
                "id": f"{base_id}_{i}" if base_id else None,
                "aria-label": str(label) if label else None,
                "value": _number_text(v),
            }
            return f"<input{_html_attrs(a)}>"

        dist_attrs = {
            "name": f"{name}_dist",
            "id": f"{base_id}_3" if base_id else None,
            "aria-label": str(_("distribution")),
        }
        dist = str(values[3] or "")
        return mark_safe(
            '<span class="quantity">'
            + number_input(0, "", "likely", "", final)
            + f'<span class="range" title="{escape(str(RANGE_HELP))}">{escape(str(RANGE_LABEL))} '
            + number_input(1, "_low", "low", _("low"), {})
            + "–"
            + number_input(2, "_high", "high", _("high"), {})
            + f" <select{_html_attrs(dist_attrs)}>{_options(DISTRIBUTIONS, {dist})}</select>"
            + "</span></span>"
        )

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dict):
            return [value.get("likely"), value.get("low"), value.get("high"), _dist(value)]
        if value is None or value == "":
            return [None, None, None, ""]
        return [value, None, None, ""]


def _dist(value: dict[str, Any]) -> str:
    d = value.get("distribution") or "pert"
    return "" if d == "pert" else str(d)


class QuantityField(forms.MultiValueField):
    """A number, or a range {low, likely, high, distribution} when low and high are given."""

    widget = QuantityWidget

    def __init__(self, *, required: bool = True, **kwargs: Any) -> None:
        fields = (
            NumberField(required=False),
            NumberField(required=False),
            NumberField(required=False),
            forms.ChoiceField(choices=DISTRIBUTIONS, required=False),
        )
        super().__init__(fields, required=required, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[Any]) -> float | dict[str, Any] | None:
        if not data_list:
            return None
        likely, low, high, dist = (list(data_list) + [None] * 4)[:4]
        if low is None and high is None:
            return likely
        if likely is None or low is None or high is None:
            raise forms.ValidationError(
                _("A range needs a likely value, a low and a high value."), code="range_incomplete"
            )
        out: dict[str, Any] = {"low": low, "likely": likely, "high": high}
        if dist:
            out["distribution"] = dist
        return out


def _required_quantity(label: Any, help_text: Any = "") -> QuantityField:
    return QuantityField(label=label, help_text=help_text)


def _optional_quantity(label: Any, help_text: Any = "") -> QuantityField:
    return QuantityField(label=label, required=False, help_text=help_text)


# --- choices ------------------------------------------------------------------------------------


def stakeholder_choices(custom: dict[str, str]) -> list[tuple[str, str]]:
    english = (get_language() or "sv").startswith("en")
    known = [(k, v[1] if english else v[0]) for k, v in STAKEHOLDERS.items()]
    own = [(k, v or k) for k, v in custom.items() if k not in STAKEHOLDERS]
    return known + own


def value_bank_choices(*, money_only: bool = True) -> list[tuple[str, Any]]:
    """Value-bank entries grouped by theme, each labelled with its amount, unit and price year,
    for a select: picking one puts a reference to the entry in the model."""
    from grogrund.valuations.selectors import bank_group_label, value_bank_rows

    groups: dict[str, list[tuple[str, str]]] = {}
    for row in value_bank_rows():
        if money_only and row.is_share:
            continue
        e = row.entry
        amount = f"{e.amount:,.0f}".replace(",", "\u00a0")
        label = f"{row.name} — {amount} ({row.unit}, {e.price_year})"
        groups.setdefault(bank_group_label(row.group), []).append((e.id, label))
    return [("", "—")] + [(g, entries) for g, entries in groups.items()]


EFFECTS_FROM_CHOICES = [
    ("", _("No, only the effects listed below")),
    (
        "exclusion_person_year",
        _("Cost of exclusion per person-year, split by payer (Nilsson & Wadeskog, Luleå 2013)"),
    ),
]


# --- amounts by year ----------------------------------------------------------------------------

_YEAR_LINE = re.compile(r"^\s*(\d{4})\s*[:=]\s*(.+?)\s*$")


def parse_by_year(text: str) -> dict[int, Any]:
    """``2026: 800000`` per line (or separated by ``;``); a value may be a range
    ``low/likely/high``."""
    out: dict[int, Any] = {}
    for part in re.split(r"[;\n]", text or ""):
        if not part.strip():
            continue
        m = _YEAR_LINE.match(part)
        if not m:
            raise forms.ValidationError(
                _("Write one year and amount per line, for example 2026: 800000."),
                code="by_year_format",
            )
        year, value = int(m.group(1)), m.group(2)
        try:
            pieces = [parse_number(v, decimal_comma=True) for v in value.split("/")]
        except ValueError:
            raise forms.ValidationError(
                _("%(value)s is not a number."), code="by_year_number", params={"value": value}
            ) from None
        if len(pieces) == 1:
            out[year] = pieces[0]
        elif len(pieces) == 3:
            out[year] = {"low": pieces[0], "likely": pieces[1], "high": pieces[2]}
        else:
            raise forms.ValidationError(
                _("A range by year is written low/likely/high, for example 32/40/48."),
                code="by_year_range",
            )
    return out


def format_by_year(values: dict[Any, Any] | None) -> str:
    lines = []
    for year, v in sorted((values or {}).items(), key=lambda kv: int(kv[0])):
        if isinstance(v, dict):
            lines.append(f"{year}: {_g(v['low'])}/{_g(v['likely'])}/{_g(v['high'])}")
        else:
            lines.append(f"{year}: {_g(v)}")
    return "\n".join(lines)


def _g(v: Any) -> str:
    """A number as written back into a text field: exact, no needless ``.0``."""
    x = float(v)
    return str(int(x)) if x.is_integer() and abs(x) < 1e15 else repr(x)


class ByYearField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 3, "cols": 22, "class": "by-year"})

    def to_python(self, value: Any) -> dict[int, Any]:  # type: ignore[override]
        return parse_by_year(super().to_python(value))

    def prepare_value(self, value: Any) -> Any:
        return format_by_year(value) if isinstance(value, dict) else value


def parse_stakeholder_names(text: str) -> dict[str, str]:
    """``id: Name`` per line → {id: name}."""
    out: dict[str, str] = {}
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        key, sep, name = line.partition(":")
        key = slugify(key.strip()).replace("-", "_")
        if not sep or not key:
            raise forms.ValidationError(
                _("Write one stakeholder per line as id: name, for example foretag_x: Företag X."),
                code="stakeholder_format",
            )
        out[key] = name.strip() or key
    return out
