"""Forms that edit an engine model (docs/valuation-model.md) field by field.

The page is made of a settings form, a form for the kind's own block (property, contract) and
formsets for the lists (costs, outcomes, effects, metrics). `build_model` turns them back into
the engine's model dict; the engine then validates it, and `attach_issues` puts each of its
issues (which name a path such as ``outcomes[2].deadweight``) next to the field it concerns.

An uncertain input is a `QuantityField`: a likely value and, optionally, a range (low, high and
a distribution) for the Monte Carlo simulation.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any

import yaml
from django import forms
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from grogrund.engine.errors import Issue
from grogrund.engine.stakeholders import STAKEHOLDERS
from grogrund.engine.valuebank import load_value_bank
from grogrund.valuations.issues import issue_message
from grogrund.valuations.models import ValuationKind

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


class QuantityWidget(forms.MultiWidget):
    """Likely value, then an optional range: low, high and the distribution. Rendered in
    Python for speed (see FastSelect)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        number = {"step": "any", "inputmode": "decimal"}
        widgets = {
            "": forms.NumberInput(attrs={**number, "class": "likely"}),
            "low": forms.NumberInput(attrs={**number, "class": "low"}),
            "high": forms.NumberInput(attrs={**number, "class": "high"}),
            "dist": forms.Select(choices=DISTRIBUTIONS),
        }
        super().__init__(widgets, attrs)

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        if not isinstance(value, list | tuple):
            value = self.decompress(value)
        values = [*list(value), None, None, None, None][:4]
        final = self.build_attrs(self.attrs, attrs)
        base_id = final.pop("id", None)
        number = {"type": "number", "step": "any", "inputmode": "decimal"}

        def number_input(i: int, suffix: str, css: str, label: Any, extra: dict[str, Any]) -> str:
            v = values[i]
            a = {
                **number,
                **extra,
                "name": name + suffix,
                "class": css,
                "id": f"{base_id}_{i}" if base_id else None,
                "aria-label": str(label) if label else None,
                "value": None if v in (None, "") else str(v),
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
            forms.FloatField(required=False),
            forms.FloatField(required=False),
            forms.FloatField(required=False),
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
        label = f"{row.name} — {amount} ({e.unit}, {e.price_year})"
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


def _number(text: str) -> float:
    t = text.replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    if "," in t and "." not in t:
        t = t.replace(",", ".")
    return float(t)


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
            pieces = [_number(v) for v in value.split("/")]
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


# --- the forms ----------------------------------------------------------------------------------

SOURCE_HELP = _("Where the figure comes from and why it is reasonable.")


class SourceField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Source and reason"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", SOURCE_HELP)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 2}))
        super().__init__(**kwargs)


class ContextForm(forms.Form):
    """A form whose choices come from the valuation: stakeholders, value-bank entries and
    outcome ids are set on the fields that exist."""

    def __init__(
        self,
        *args: Any,
        stakeholders: list[tuple[str, str]] | None = None,
        bank: list[tuple[str, Any]] | None = None,
        outcomes: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, f in self.fields.items():
            if not isinstance(f, forms.ChoiceField):
                continue
            if type(f.widget) is forms.Select:
                f.widget = FastSelect(attrs=f.widget.attrs, choices=f.choices)
            if f.choices:
                continue
            if name in ("stakeholder", "payer", "investor") and stakeholders is not None:
                f.choices = stakeholders
            elif name in ("value_bank", "savings_value_bank") and bank is not None:
                f.choices = bank
            elif name == "outcome" and outcomes is not None:
                f.choices = outcomes

    @property
    def legend(self) -> str:
        """What the row is about, for its heading: its name, or its outcome and stakeholder."""
        if self.initial.get("name"):
            return str(self.initial["name"])
        keys = ("outcome", "stakeholder") if self.initial.get("outcome") else ("entry",)
        parts = []
        for key in keys:
            value = self.initial.get(key)
            if value and key in self.fields:
                choices = _flat_choices(getattr(self.fields[key], "choices", []))
                parts.append(choices.get(str(value), str(value)).split(" — ")[0])
        return " · ".join(parts)


def _flat_choices(choices: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for v, label in choices:
        if isinstance(label, list | tuple):
            out.update({str(a): str(b) for a, b in label})
        else:
            out[str(v)] = str(label)
    return out


class SettingsForm(forms.Form):
    """What every kind shares: name, what it belongs to, years, prices and discounting."""

    name = forms.CharField(label=_("Name"), max_length=200)
    initiative = forms.TypedChoiceField(
        label=_("Belongs to"), required=False, coerce=int, empty_value=None
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    start_year = forms.IntegerField(label=_("First year (year 0)"))
    horizon_years = forms.IntegerField(
        label=_("Horizon (years)"),
        help_text=_("The model asks for at least 10 years (step 7)."),
    )
    price_year = forms.IntegerField(
        label=_("Price year"),
        help_text=_("Amounts are in SEK of this year; value-bank entries are indexed to it (KPI)."),
    )
    discount_rate = _required_quantity(
        _("Discount rate (% per year, real)"),
        _("The usual real rate for public investments is 3.5 percent."),
    )
    first_year_discounted = forms.BooleanField(
        label=_("Discount the first year too"),
        required=False,
        help_text=_("Unticked: the first year is year 0 and is not discounted."),
    )
    stakeholder_names = forms.CharField(
        label=_("Own stakeholders (partners)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line as id: name, for example foretag_x: Företag X."),
    )

    def __init__(self, *args: Any, initiatives: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["initiative"].choices = [("", _("The programme as a whole")), *initiatives]

    def clean_stakeholder_names(self) -> dict[str, str]:
        return parse_stakeholder_names(self.cleaned_data.get("stakeholder_names", ""))


class RowForm(ContextForm):
    """A row of a list in the model; `row_id` keeps the engine's id of the row."""

    row_id = forms.CharField(
        label=_("Id"),
        required=False,
        max_length=60,
        help_text=_("Short name used in the results; made from the name when empty."),
    )
    name = forms.CharField(label=_("Name"), max_length=200)

    def has_changed(self) -> bool:
        # The blank row for adding one counts only once it has a name: its selects and its
        # default percentages are filled in already.
        if self.empty_permitted:
            return any(self.data.get(self.add_prefix(k), "").strip() for k in ("name", "row_id"))
        return super().has_changed()


class CostForm(RowForm):
    payer = forms.ChoiceField(label=_("Paid by"))
    amount_sek = _optional_quantity(_("Amount per year (kr)"))
    start_year = forms.IntegerField(label=_("From year"), required=False)
    years = forms.IntegerField(label=_("Number of years"), required=False, min_value=1)
    by_year = ByYearField(
        label=_("Or amounts by year"),
        required=False,
        help_text=_("One year per line, for example 2026: 800000."),
    )
    source = SourceField()


class SroiOutcomeForm(RowForm):
    stakeholder = forms.ChoiceField(label=_("Stakeholder who gains"))
    quantity = _required_quantity(_("Quantity (people or units per year)"))
    value_bank = forms.ChoiceField(label=_("Value from the value bank"), required=False)
    proxy_sek = _optional_quantity(
        _("Or own financial proxy (kr per unit and year)"),
        _("Give either a value-bank entry or an own proxy."),
    )
    deadweight = _required_quantity(_("Deadweight (%)"), _("What would have happened anyway."))
    displacement = _required_quantity(_("Displacement (%)"))
    attribution = _required_quantity(_("Attribution to others (%)"))
    drop_off = _required_quantity(_("Drop-off per year (%)"))
    duration_years = _required_quantity(_("Duration (years)"))
    start_year = forms.IntegerField(label=_("First year"), required=False)
    source = SourceField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("deadweight", "displacement", "attribution", "drop_off"):
            self.fields[name].initial = 0
        self.fields["duration_years"].initial = 1


class SocioOutcomeForm(RowForm):
    persons = _required_quantity(_("Persons (or events per year)"))
    success_rate = _required_quantity(_("Success rate (%)"))
    duration_years = _required_quantity(_("Duration (years)"))
    drop_off = _required_quantity(_("Drop-off per year (%)"))
    start_year = forms.IntegerField(label=_("First year"), required=False)
    effects_from = forms.ChoiceField(
        label=_("Add the avoided costs of exclusion per payer"),
        choices=EFFECTS_FROM_CHOICES,
        required=False,
    )
    source = SourceField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["success_rate"].initial = 100
        self.fields["drop_off"].initial = 0
        self.fields["duration_years"].initial = 1


class EffectForm(ContextForm):
    outcome = forms.ChoiceField(label=_("Outcome"))
    stakeholder = forms.ChoiceField(label=_("Stakeholder"))
    value_bank = forms.ChoiceField(label=_("Value from the value bank"), required=False)
    amount_sek_per_person_year = _optional_quantity(
        _("Or own amount (kr per person and year)"),
        _("Positive: a cost avoided or an income gained; negative: a cost."),
    )
    share = _required_quantity(_("Share carried by this stakeholder (%)"))
    source = SourceField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["share"].initial = 100

    def has_changed(self) -> bool:
        # The blank row counts once it has a value: a value-bank entry or an own amount.
        if self.empty_permitted:
            keys = ("value_bank", "amount_sek_per_person_year")
            return any(self.data.get(self.add_prefix(k), "").strip() for k in keys)
        return super().has_changed()


class PropertyForm(ContextForm):
    """The housing company's figures before and after (property economics)."""

    stakeholder = forms.ChoiceField(label=_("Whose net operating income"))
    units = _required_quantity(_("Apartments"))
    rent_sek_per_unit_year = _required_quantity(_("Rent per apartment and year (kr)"))
    other_operating_cost_sek_per_year = _required_quantity(_("Other operating costs per year (kr)"))
    cost_per_move_sek = _required_quantity(
        _("Cost per move-out (kr)"), _("Refurbishment, letting and administration.")
    )
    baseline_vacancy_rate = _required_quantity(_("Vacancy rate now (%)"))
    improved_vacancy_rate = _required_quantity(_("Vacancy rate after (%)"))
    baseline_moves_per_year = _required_quantity(_("Move-outs per year now"))
    improved_moves_per_year = _required_quantity(_("Move-outs per year after"))
    baseline_vandalism_sek_per_year = _required_quantity(_("Vandalism and graffiti now (kr/year)"))
    improved_vandalism_sek_per_year = _required_quantity(
        _("Vandalism and graffiti after (kr/year)")
    )
    baseline_yield = _required_quantity(_("Yield now (%)"))
    improved_yield = _required_quantity(_("Yield after (%)"))
    improvement_start_year = forms.IntegerField(label=_("Improvement starts in"), required=False)
    ramp_up_years = forms.IntegerField(label=_("Years to reach the full effect"), min_value=1)
    dcf_rate = _required_quantity(_("Discount rate of the cash-flow valuation (%)"))
    source = SourceField()


class ContractForm(ContextForm):
    payer = forms.ChoiceField(label=_("Outcome payer"))
    investor = forms.ChoiceField(label=_("Investor"))
    cap_sek_total = _optional_quantity(_("Cap on all payments (kr)"))
    cap_sek_per_period = _optional_quantity(_("Cap per year (kr)"))
    investor_capital = ByYearField(
        label=_("Investor's capital by year (kr)"),
        required=False,
        help_text=_("One year per line, for example 2025: 4000000."),
    )


class MetricForm(RowForm):
    direction = forms.ChoiceField(
        label=_("Better when"),
        choices=[
            ("higher_is_better", _("higher")),
            ("lower_is_better", _("lower")),
        ],
        initial="higher_is_better",
    )
    baseline = _required_quantity(_("Baseline"))
    price_sek_per_unit = _required_quantity(_("Price per unit above the baseline (kr)"))
    outcomes = ByYearField(
        label=_("Expected outcome by year"),
        help_text=_("One year per line; a range as low/likely/high, for example 2027: 32/40/48."),
    )
    savings_value_bank = forms.ChoiceField(
        label=_("Payer's saving per unit from the value bank"), required=False
    )
    savings_sek_per_unit = _optional_quantity(_("Or own saving per unit (kr)"))
    source = SourceField()


class OverrideForm(ContextForm):
    """An organisation's own value replacing a value-bank entry (engine `value_overrides`);
    the source is required."""

    entry = forms.ChoiceField(label=_("Value-bank entry to replace"))
    amount = forms.FloatField(label=_("Own value"))
    price_year = forms.IntegerField(
        label=_("Price year of the own value"),
        required=False,
        help_text=_("Empty for a share."),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required: where the own value comes from."),
    )
    method = forms.CharField(
        label=_("Method"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = value_bank_choices(money_only=False)

    def has_changed(self) -> bool:
        if self.empty_permitted:
            return bool(self.data.get(self.add_prefix("entry"), "").strip())
        return super().has_changed()


class YamlForm(forms.Form):
    text = forms.CharField(
        label=_("The model as YAML"),
        widget=forms.Textarea(attrs={"rows": 30, "cols": 90, "spellcheck": "false"}),
    )

    def clean_text(self) -> dict[str, Any]:
        try:
            data = yaml.safe_load(self.cleaned_data["text"])
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            line = mark.line + 1 if mark is not None else "?"
            raise forms.ValidationError(
                _("This is not valid YAML (line %(line)s)."),
                code="yaml",
                params={"line": line},
            ) from None
        if not isinstance(data, dict):
            raise forms.ValidationError(_("The model must be a mapping of fields."), code="yaml")
        return data


def model_as_yaml(model: dict[str, Any]) -> str:
    return yaml.safe_dump(model, allow_unicode=True, sort_keys=False, width=100)


class CopyForm(forms.Form):
    name = forms.CharField(label=_("Name of the copy"), max_length=200)


class NewValuationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of calculation"), choices=ValuationKind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    initiative = forms.TypedChoiceField(
        label=_("Belongs to"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, initiatives: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["initiative"].choices = [("", _("The programme as a whole")), *initiatives]


# --- the whole editor ---------------------------------------------------------------------------

LIST_FORMS: dict[str, list[tuple[str, type[forms.Form]]]] = {
    "sroi": [("outcomes", SroiOutcomeForm), ("costs", CostForm)],
    "socioeconomic": [("outcomes", SocioOutcomeForm), ("effects", EffectForm), ("costs", CostForm)],
    "property": [("costs", CostForm)],
    "outcome_contract": [("metrics", MetricForm), ("costs", CostForm)],
}
BLOCK_FORMS: dict[str, type[forms.Form]] = {
    "property": PropertyForm,
    "outcome_contract": ContractForm,
}

_FIELD_FROM_KEY = {"id": "row_id"}
_KEY_FROM_FIELD = {"row_id": "id"}


def _row_initial(row: dict[str, Any]) -> dict[str, Any]:
    return {_FIELD_FROM_KEY.get(k, k): v for k, v in row.items()}


@dataclass
class ModelEditor:
    """The forms of one valuation's editor page, bound to POST data or to the stored model."""

    kind: str
    model: dict[str, Any]
    settings: SettingsForm
    block: forms.Form | None
    lists: dict[str, Any]
    general_errors: list[str] = field(default_factory=list)
    effect_index: dict[tuple[int, int], int] = field(default_factory=dict)
    outcome_index: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        model: dict[str, Any],
        *,
        name: str,
        initiative_id: int | None,
        initiatives: list[tuple[int, str]],
        data: Any = None,
    ) -> ModelEditor:
        kind = str(model.get("kind"))
        custom = dict(model.get("stakeholders") or {})
        if data is not None:
            try:
                custom = parse_stakeholder_names(data.get("settings-stakeholder_names", ""))
            except forms.ValidationError:
                pass
        stakeholders = stakeholder_choices(custom)
        bank = value_bank_choices()
        discounting = model.get("discounting") or {}
        settings = SettingsForm(
            data,
            prefix="settings",
            initiatives=initiatives,
            initial={
                "name": name,
                "initiative": initiative_id,
                "description": model.get("description", ""),
                "start_year": model.get("start_year"),
                "horizon_years": model.get("horizon_years", 10),
                "price_year": model.get("price_year"),
                "discount_rate": discounting.get("rate", 3.5),
                "first_year_discounted": discounting.get("first_year_discounted", False),
                "stakeholder_names": "\n".join(f"{k}: {v}" for k, v in custom.items()),
            },
        )
        block = None
        if kind == "property":
            p = model.get("property") or {}
            initial = {k: v for k, v in p.items() if k not in ("baseline", "improved")}
            for state in ("baseline", "improved"):
                for k, v in (p.get(state) or {}).items():
                    initial[f"{state}_{k}"] = v
            initial["stakeholder"] = model.get("stakeholder", "housing_company")
            block = PropertyForm(
                data, prefix="property", stakeholders=stakeholders, initial=initial
            )
        elif kind == "outcome_contract":
            block = ContractForm(
                data,
                prefix="contract",
                stakeholders=stakeholders,
                initial={
                    k: model.get(k)
                    for k in (
                        "payer",
                        "investor",
                        "cap_sek_total",
                        "cap_sek_per_period",
                        "investor_capital",
                    )
                },
            )
        outcome_choices = [
            (str(o.get("id")), str(o.get("name") or o.get("id"))) for o in model.get("outcomes", [])
        ]
        if data is not None:
            outcome_choices = _posted_outcomes(data) or outcome_choices
        lists: dict[str, Any] = {}
        effect_rows: list[dict[str, Any]] = []
        effect_index: dict[tuple[int, int], int] = {}
        if kind == "socioeconomic":
            for i, o in enumerate(model.get("outcomes", [])):
                for j, e in enumerate(o.get("effects", [])):
                    effect_index[(i, j)] = len(effect_rows)
                    effect_rows.append({"outcome": o.get("id"), **e})
        overrides = [{"entry": k, **v} for k, v in (model.get("value_overrides") or {}).items()]
        for key, form_class in [*LIST_FORMS.get(kind, []), ("overrides", OverrideForm)]:
            rows = {"effects": effect_rows, "overrides": overrides}.get(key, model.get(key, []))
            formset_class = forms.formset_factory(form_class, extra=1, can_delete=True)
            lists[key] = formset_class(
                data,
                prefix=key,
                initial=[_row_initial(r) for r in rows],
                form_kwargs={
                    "stakeholders": stakeholders,
                    "bank": bank,
                    "outcomes": outcome_choices,
                },
            )
        return cls(kind, model, settings, block, lists, effect_index=effect_index)

    # -- reading the forms back -------------------------------------------------------------

    def is_valid(self) -> bool:
        ok = self.settings.is_valid()
        if self.block is not None:
            ok = self.block.is_valid() and ok
        for formset in self.lists.values():
            ok = formset.is_valid() and ok
        return ok

    @property
    def name(self) -> str:
        return str(self.settings.cleaned_data["name"])

    @property
    def initiative_id(self) -> int | None:
        return self.settings.cleaned_data.get("initiative")

    def _rows(self, key: str) -> list[tuple[forms.Form, dict[str, Any]]]:
        formset = self.lists.get(key)
        if formset is None:
            return []
        out = []
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            out.append((form, data))
        return out

    def build_model(self) -> dict[str, Any]:
        """The engine model from the valid forms: fields the forms do not show (value
        overrides, format) are kept from the stored model."""
        s = self.settings.cleaned_data
        m = deepcopy(self.model)
        m["name"] = s["name"]
        _put(m, "description", s.get("description") or None)
        m["start_year"] = s["start_year"]
        m["horizon_years"] = s["horizon_years"]
        m["price_year"] = s["price_year"]
        m["discounting"] = {
            "rate": s["discount_rate"],
            "first_year_discounted": bool(s.get("first_year_discounted")),
        }
        _put(m, "stakeholders", s.get("stakeholder_names") or None)
        self._forms_by_path: dict[str, forms.Form] = {}
        if "costs" in self.lists:
            used: set[str] = set()
            m["costs"] = [self._cost(i, f, d, used) for i, (f, d) in enumerate(self._rows("costs"))]
        if self.kind == "sroi":
            used = set()
            m["outcomes"] = [
                self._row(f"outcomes[{i}]", f, d, used, "outcome")
                for i, (f, d) in enumerate(self._rows("outcomes"))
            ]
        elif self.kind == "socioeconomic":
            m["outcomes"] = self._socio_outcomes(set())
        elif self.kind == "property" and self.block is not None:
            m.update(self._property())
        elif self.kind == "outcome_contract" and self.block is not None:
            b = self.block.cleaned_data
            for k in ("payer", "investor", "cap_sek_total", "cap_sek_per_period"):
                _put(m, k, b.get(k))
            m["investor_capital"] = b.get("investor_capital") or {}
            self._forms_by_path.update({k: self.block for k in b})
            used = set()
            m["metrics"] = [
                self._row(f"metrics[{i}]", f, d, used, "metric")
                for i, (f, d) in enumerate(self._rows("metrics"))
            ]
        m["value_overrides"] = self._overrides()
        if not m["value_overrides"]:
            del m["value_overrides"]
        return m

    def _overrides(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for form, data in self._rows("overrides"):
            entry = data["entry"]
            if entry in out:
                form.add_error("entry", _("This entry already has an own value above."))
                continue
            spec: dict[str, Any] = {"amount": data["amount"], "price_year": data.get("price_year")}
            spec["source"] = data["source"]
            if data.get("method"):
                spec["method"] = data["method"]
            out[entry] = spec
            self._forms_by_path[f"value_overrides.{entry}"] = form
        return out

    def _row(
        self, path: str, form: forms.Form, data: dict[str, Any], used: set[str], prefix: str
    ) -> dict[str, Any]:
        self._forms_by_path[path] = form
        row: dict[str, Any] = {"id": _row_id(data, used, prefix)}
        for k, v in data.items():
            if k in ("row_id", "DELETE") or v is None or v == "" or v == {}:
                continue
            row[_KEY_FROM_FIELD.get(k, k)] = v
        return row

    def _cost(
        self, i: int, form: forms.Form, data: dict[str, Any], used: set[str]
    ) -> dict[str, Any]:
        row = self._row(f"costs[{i}]", form, data, used, "cost")
        if "by_year" in row:
            # Amounts by year replace a yearly amount with start year and years.
            for k in ("amount_sek", "start_year", "years"):
                row.pop(k, None)
        return row

    def _socio_outcomes(self, used: set[str]) -> list[dict[str, Any]]:
        outcomes = []
        by_id: dict[str, dict[str, Any]] = {}
        for i, (f, d) in enumerate(self._rows("outcomes")):
            row = self._row(f"outcomes[{i}]", f, d, used, "outcome")
            row["effects"] = []
            outcomes.append(row)
            by_id[row["id"]] = row
            self._outcome_paths = getattr(self, "_outcome_paths", {})
            self._outcome_paths[row["id"]] = i
        self.effect_index = {}
        for n, (f, d) in enumerate(self._rows("effects")):
            target = by_id.get(d["outcome"])
            if target is None:
                f.add_error("outcome", _("There is no outcome with this id: save it first."))
                continue
            i = self._outcome_paths[d["outcome"]]
            j = len(target["effects"])
            effect = {
                k: v
                for k, v in d.items()
                if k not in ("outcome", "DELETE") and v is not None and v != ""
            }
            target["effects"].append(effect)
            self._forms_by_path[f"outcomes[{i}].effects[{j}]"] = f
            self.effect_index[(i, j)] = n
        for row in outcomes:
            if not row["effects"]:
                del row["effects"]
        return outcomes

    def _property(self) -> dict[str, Any]:
        assert self.block is not None
        b = self.block.cleaned_data
        prop: dict[str, Any] = {"baseline": {}, "improved": {}}
        for k, v in b.items():
            if v is None or v == "" or k == "stakeholder":
                continue
            state, _sep, rest = k.partition("_")
            if state in ("baseline", "improved"):
                prop[state][rest] = v
                self._forms_by_path[f"property.{state}.{rest}"] = self.block
            else:
                prop[k] = v
                self._forms_by_path[f"property.{k}"] = self.block
        return {"stakeholder": b["stakeholder"], "property": prop}

    # -- engine issues next to their fields -------------------------------------------------

    def attach_issues(self, issues: list[Issue]) -> None:
        for issue in issues:
            if not self._attach(issue):
                self.general_errors.append(_located(issue))

    def _attach(self, issue: Issue) -> bool:
        path = issue.path
        if issue.code == "price_year_outside_kpi" and not path:
            path = "price_year"  # the engine leaves the path empty for the model's price year
        message = issue_message(issue)
        forms_by_path = getattr(self, "_forms_by_path", {})
        settings_fields = {
            "name": "name",
            "description": "description",
            "start_year": "start_year",
            "horizon_years": "horizon_years",
            "price_year": "price_year",
            "discounting.rate": "discount_rate",
            "discounting.first_year_discounted": "first_year_discounted",
        }
        if path in settings_fields:
            self.settings.add_error(settings_fields[path], message)
            return True
        if path.startswith("stakeholders"):
            self.settings.add_error("stakeholder_names", message)
            return True
        if path.startswith("value_overrides."):
            entry, _sep, rest = path.removeprefix("value_overrides.").partition(".")
            form = forms_by_path.get(f"value_overrides.{entry}")
            if form is None:
                return False
            form.add_error(_field_for(form, rest), message)
            return True
        m = re.match(r"^((?:costs|outcomes|metrics)\[\d+\](?:\.effects\[\d+\])?)(?:\.(.+))?$", path)
        if m:
            form = forms_by_path.get(m.group(1))
            rest = m.group(2) or ""
            if form is None:
                # an effect of the value bank (effects_from[...]) belongs to its outcome
                base = re.match(r"^(outcomes\[\d+\])", path)
                form = forms_by_path.get(base.group(1)) if base else None
                rest = "effects_from" if "effects_from" in path else rest
            if form is None:
                return False
            field_name = _field_for(form, rest)
            form.add_error(field_name, message)
            return True
        if path.startswith("property.") or path == "stakeholder":
            if self.block is None:
                return False
            key = path.removeprefix("property.").replace(".", "_", 1)
            field_name = key if key in self.block.fields else None
            if field_name is None:
                field_name = _field_for(self.block, key)
            self.block.add_error(field_name, message)
            return True
        top = path.split(".", 1)[0]
        if self.block is not None and top in self.block.fields:
            self.block.add_error(top, message)
            return True
        return False


def _field_for(form: forms.Form, rest: str) -> str | None:
    """The form field a path inside a row names (``deadweight``, ``by_year.2026`` →
    ``by_year``, ``outcomes.2027`` → ``outcomes``), or None for the row as a whole."""
    if not rest:
        return None
    for candidate in (rest, rest.split(".", 1)[0], _FIELD_FROM_KEY.get(rest, "")):
        if candidate in form.fields:
            return candidate
    if rest.startswith("effects_from") and "effects_from" in form.fields:
        return "effects_from"
    return None


def _located(issue: Issue) -> str:
    message = issue_message(issue)
    return f"{issue.path}: {message}" if issue.path else message


def _put(d: dict[str, Any], key: str, value: Any) -> None:
    if value is None or value == "" or value == {}:
        d.pop(key, None)
    else:
        d[key] = value


def _row_id(data: dict[str, Any], used: set[str], prefix: str) -> str:
    base = (data.get("row_id") or "").strip() or slugify(data.get("name") or "").replace("-", "_")
    base = base[:40] or prefix
    candidate, n = base, 2
    while candidate in used:
        candidate = f"{base}_{n}"
        n += 1
    used.add(candidate)
    return candidate


def _posted_outcomes(data: Any) -> list[tuple[str, str]]:
    """(id, name) of the posted outcome rows (so a new outcome can get effects in the same
    save)."""
    ids = []
    try:
        total = int(data.get("outcomes-TOTAL_FORMS", 0))
    except (TypeError, ValueError):
        return []
    used: set[str] = set()
    for i in range(min(total, 1000)):
        if data.get(f"outcomes-{i}-DELETE"):
            continue
        name = data.get(f"outcomes-{i}-name", "")
        row_id = data.get(f"outcomes-{i}-row_id", "")
        if not (name or row_id):
            continue
        ids.append((_row_id({"row_id": row_id, "name": name}, used, "outcome"), name or row_id))
    return ids


def kind_label(kind: str) -> str:
    return str(dict(ValuationKind.choices).get(kind, kind))


def bank_entry_ids() -> set[str]:
    return set(load_value_bank().entries)
