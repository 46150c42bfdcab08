"""The forms of a valuation's editor: settings, the kind's own block and one form per row of
each list in the model (costs, outcomes, effects, metrics, own values)."""

from __future__ import annotations

from typing import Any

import yaml
from django import forms
from django.utils.translation import gettext_lazy as _

from grogrund.core.forms import IntegerNumberField, NumberField, YearField
from grogrund.core.validators import PersonalNumberGuard
from grogrund.valuations.forms.inputs import (
    EFFECTS_FROM_CHOICES,
    ByYearField,
    FastSelect,
    _optional_quantity,
    _required_quantity,
    parse_stakeholder_names,
    value_bank_choices,
)
from grogrund.valuations.models import ValuationKind

# --- the forms ----------------------------------------------------------------------------------

SOURCE_HELP = _("Where the figure comes from and why it is reasonable.")


class SourceField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Source and reason"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", SOURCE_HELP)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 2}))
        super().__init__(**kwargs)


class ContextForm(PersonalNumberGuard, forms.Form):
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


class SettingsForm(PersonalNumberGuard, forms.Form):
    """What every kind shares: name, what it belongs to, the question for the decision,
    years, prices and discounting."""

    name = forms.CharField(label=_("Name"), max_length=200)
    initiative = forms.TypedChoiceField(
        label=_("Belongs to"), required=False, coerce=int, empty_value=None
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    question = forms.CharField(
        label=_("Question for the decision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "What the valuation should answer for those who decide, in your own words. The "
            "valuation report asks it; left empty, the report asks the usual question of the "
            "valuation's kind."
        ),
    )
    start_year = YearField(label=_("First year (year 0)"))
    horizon_years = IntegerNumberField(
        label=_("Horizon (years)"),
        help_text=_("The model asks for at least 10 years (step 7)."),
    )
    price_year = YearField(
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
    start_year = YearField(label=_("From year"), required=False)
    years = IntegerNumberField(label=_("Number of years"), required=False, min_value=1)
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
    start_year = YearField(label=_("First year"), required=False)
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
    start_year = YearField(label=_("First year"), required=False)
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
    # Either the parts of the net operating income (apartments … vandalism) or the net
    # operating income itself (driftnetto, below): the engine says which field is missing.
    units = _optional_quantity(_("Apartments"))
    rent_sek_per_unit_year = _optional_quantity(_("Rent per apartment and year (kr)"))
    other_operating_cost_sek_per_year = _optional_quantity(_("Other operating costs per year (kr)"))
    cost_per_move_sek = _optional_quantity(
        _("Cost per move-out (kr)"), _("Refurbishment, letting and administration.")
    )
    baseline_vacancy_rate = _optional_quantity(_("Vacancy rate now (%)"))
    improved_vacancy_rate = _optional_quantity(_("Vacancy rate after (%)"))
    baseline_moves_per_year = _optional_quantity(_("Move-outs per year now"))
    improved_moves_per_year = _optional_quantity(_("Move-outs per year after"))
    baseline_vandalism_sek_per_year = _optional_quantity(_("Vandalism and graffiti now (kr/year)"))
    improved_vandalism_sek_per_year = _optional_quantity(
        _("Vandalism and graffiti after (kr/year)")
    )
    baseline_noi_sek_per_year = _optional_quantity(
        _("Net operating income now (kr/year)"),
        _("Or, instead of the figures above, the net operating income now and after."),
    )
    improved_noi_sek_per_year = _optional_quantity(_("Net operating income after (kr/year)"))
    baseline_yield = _required_quantity(_("Yield now (%)"))
    improved_yield = _required_quantity(_("Yield after (%)"))
    improvement_start_year = YearField(label=_("Improvement starts in"), required=False)
    ramp_up_years = IntegerNumberField(label=_("Years to reach the full effect"), min_value=1)
    dcf_rate = _optional_quantity(
        _("Discount rate of the cash-flow valuation (%)"),
        _("Empty: no cash-flow value is computed."),
    )
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
    amount = NumberField(label=_("Own value"))
    price_year = YearField(
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


class YamlForm(PersonalNumberGuard, forms.Form):
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


class CopyForm(PersonalNumberGuard, forms.Form):
    name = forms.CharField(label=_("Name of the copy"), max_length=200)


class NewValuationForm(PersonalNumberGuard, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of calculation"), choices=ValuationKind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    initiative = forms.TypedChoiceField(
        label=_("Belongs to"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, initiatives: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["initiative"].choices = [("", _("The programme as a whole")), *initiatives]
