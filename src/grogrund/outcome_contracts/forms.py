"""Forms of outcome contracts. Numbers are typed as Swedes write them (grogrund.core.forms),
free text refuses personal identity numbers (PersonalNumberGuard), evidence files are checked
before anything is saved (evidence.check_file)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grogrund.accounts.models import Organisation
from grogrund.areas.models import Area, AreaLevel, Indicator, IndicatorKind
from grogrund.core.forms import IntegerNumberField, NumberField, NumberInput, YearField
from grogrund.core.validators import PersonalNumberGuard
from grogrund.initiatives.models import OUTCOME_STAGES, EffectNode, Initiative
from grogrund.outcome_contracts import services
from grogrund.outcome_contracts.evidence import CheckedFile, EvidenceRefused, check_upload
from grogrund.outcome_contracts.models import (
    DEFAULT_PAYMENT_DAYS,
    PERIOD_MONTHS,
    BaselineKind,
    OutcomeContract,
    OutcomeMetric,
    PartyRole,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MoneyField(NumberField):
    """An amount in kronor, zero or more, "1 500 000" or "1 500 000 kr"; empty is None."""

    example = 1_500_000
    suffixes = ("kr",)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("widget", NumberInput(attrs={"class": "amount"}))
        super().__init__(**kwargs)


class PeopleField(IntegerNumberField):
    """A number of people: a whole number, zero or more."""

    example = 12

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)


class EvidenceField(forms.FileField):
    """An evidence file: taken only if evidence.check_file takes it (kind, size, no personal
    identity numbers); `cleaned_data` holds the checked file."""

    def clean(self, data: Any, initial: Any = None) -> CheckedFile | None:  # type: ignore[override]
        upload = super().clean(data, initial)
        if not upload:
            return None
        try:
            return check_upload(upload)
        except EvidenceRefused as err:
            raise forms.ValidationError(str(err), code="refused") from None


# --- the contract -----------------------------------------------------------------------------


class ContractForm(PersonalNumberGuard, forms.Form):
    owner = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Commissioner"),
        help_text=_("The organisation that leads the contract and owns it."),
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("What the contract pays for"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The change the payers buy, in a few sentences (the effect logic)."),
    )
    initiative = forms.ModelChoiceField(
        queryset=Initiative.objects.none(),
        label=_("Initiative"),
        required=False,
        help_text=_("The initiative, with its effect logic, that the contract pays for."),
    )
    cohort_size = PeopleField(label=_("Cohort size (people)"), min_value=1)
    cohort_description = forms.CharField(
        label=_("Who is in the cohort"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Describe the group in words and counts only, never names or numbers of people."
        ),
    )
    start_date = forms.DateField(label=_("Start date"), widget=DATE_WIDGET)
    period_months = forms.TypedChoiceField(
        label=_("Length of a period"), choices=PERIOD_MONTHS, coerce=int, initial=12
    )
    periods = IntegerNumberField(label=_("Number of periods"), min_value=1, max_value=120)
    cap_total_sek = MoneyField(label=_("Cap in total (kr)"))
    cap_per_period_sek = MoneyField(label=_("Cap per period (kr)"))
    payment_days = IntegerNumberField(
        label=_("Payment due (days after verification)"),
        min_value=0,
        max_value=365,
        initial=DEFAULT_PAYMENT_DAYS,
    )

    def __init__(
        self,
        *args: Any,
        owners: Any = None,
        initiatives: Any,
        contract: OutcomeContract | None = None,
        **kwargs: Any,
    ) -> None:
        if contract is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": contract.name,
                    "description": contract.description,
                    "initiative": contract.initiative_id,
                    "cohort_size": contract.cohort_size,
                    "cohort_description": contract.cohort_description,
                    "start_date": contract.start_date,
                    "period_months": contract.period_months,
                    "periods": contract.periods,
                    "cap_total_sek": contract.cap_total_sek,
                    "cap_per_period_sek": contract.cap_per_period_sek,
                    "payment_days": contract.payment_days,
                },
            )
        super().__init__(*args, **kwargs)
        if owners is None:
            del self.fields["owner"]
        else:
            self.fields["owner"].queryset = owners
        self.fields["initiative"].queryset = initiatives

    def terms(self) -> services.Terms:
        d = self.cleaned_data
        return services.Terms(
            name=d["name"],
            description=d["description"],
            initiative=d["initiative"],
            cohort_size=d["cohort_size"],
            cohort_description=d["cohort_description"],
            start_date=d["start_date"],
            period_months=d["period_months"],
            periods=d["periods"],
            cap_total_sek=d["cap_total_sek"],
            cap_per_period_sek=d["cap_per_period_sek"],
            payment_days=d["payment_days"],
        )


#: Rows for payers on the parties form.
PAYER_ROWS = 4


class PartiesForm(PersonalNumberGuard, forms.Form):
    """The payers (each with its share and its own cap), the investor, the provider and the
    evaluator."""

    investor = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Investor"), required=False
    )
    provider = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Service provider"), required=False
    )
    evaluator = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Evaluator"), required=False
    )

    def __init__(self, *args: Any, contract: OutcomeContract, **kwargs: Any) -> None:
        parties = list(contract.parties.all())
        initial: dict[str, Any] = {}
        payers = [p for p in parties if p.role == PartyRole.PAYER]
        for i, p in enumerate(payers[:PAYER_ROWS]):
            initial |= {
                f"payer_{i}": p.organisation_id,
                f"share_{i}": float(p.share or 0) * 100,
                f"cap_{i}": p.cap_sek,
            }
        for role in (PartyRole.INVESTOR, PartyRole.PROVIDER, PartyRole.EVALUATOR):
            found = next((p for p in parties if p.role == role), None)
            if found is not None:
                initial[str(role)] = found.organisation_id
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.order_by("name")
        for name in ("investor", "provider", "evaluator"):
            self.fields[name].queryset = organisations
        for i in range(PAYER_ROWS):
            self.fields[f"payer_{i}"] = forms.ModelChoiceField(
                queryset=organisations, label=_("Payer %(n)s") % {"n": i + 1}, required=False
            )
            self.fields[f"share_{i}"] = NumberField(
                label=_("Share of payer %(n)s (%%)") % {"n": i + 1},
                required=False,
                min_value=0,
                max_value=100,
                suffixes=("%",),
            )
            self.fields[f"cap_{i}"] = MoneyField(label=_("Cap of payer %(n)s (kr)") % {"n": i + 1})

    def payer_rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (self[f"payer_{i}"], self[f"share_{i}"], self[f"cap_{i}"]) for i in range(PAYER_ROWS)
        ]

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        for i in range(PAYER_ROWS):
            if d.get(f"payer_{i}") is None and (d.get(f"share_{i}") or d.get(f"cap_{i}")):
                self.add_error(f"payer_{i}", _("Choose the payer, or clear its share and cap."))
            if d.get(f"payer_{i}") is not None and d.get(f"share_{i}") is None:
                self.add_error(f"share_{i}", _("Give the payer's share in percent."))
        return d

    def parties(self) -> list[services.PartyInput]:
        d = self.cleaned_data
        out = [
            services.PartyInput(
                organisation=d[f"payer_{i}"],
                role=PartyRole.PAYER,
                share_percent=d[f"share_{i}"],
                cap_sek=d[f"cap_{i}"],
            )
            for i in range(PAYER_ROWS)
            if d.get(f"payer_{i}") is not None
        ]
        for role in (PartyRole.INVESTOR, PartyRole.PROVIDER, PartyRole.EVALUATOR):
            if d.get(str(role)) is not None:
                out.append(services.PartyInput(organisation=d[str(role)], role=role))
        return out


# --- metrics and the rate card ----------------------------------------------------------------


def comparison_areas(contract: OutcomeContract) -> Any:
    """Areas to compare with: the programme's areas and their municipalities, counties and
    the country when the contract pays for an initiative; else the country, the counties and
    the municipalities."""
    from grogrund.areas.selectors import comparison_chain

    ids: set[int] = set()
    if contract.initiative_id is not None:
        for area in contract.initiative.programme.areas.all():  # type: ignore[union-attr]
            ids.add(area.pk)
            ids |= {a.pk for a in comparison_chain(area)}
    query = (
        Area.objects.filter(pk__in=ids)
        if ids
        else Area.objects.filter(
            level__in=[AreaLevel.COUNTRY, AreaLevel.COUNTY, AreaLevel.MUNICIPALITY]
        )
    )
    return query.order_by("level", "name")


class MetricForm(PersonalNumberGuard, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    definition = forms.CharField(
        label=_("When the outcome counts as achieved"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    direction = forms.ChoiceField(
        label=_("Direction"),
        choices=[
            ("higher_is_better", _("More people is better (e.g. in work)")),
            ("lower_is_better", _("Fewer people is better (e.g. on assistance)")),
        ],
    )
    baseline_kind = forms.ChoiceField(
        label=_("Baseline"), choices=BaselineKind.choices, widget=forms.RadioSelect
    )
    baseline = NumberField(
        label=_("Baseline (people)"),
        required=False,
        min_value=0,
        help_text=_("How many of the cohort would achieve the outcome without the initiative."),
    )
    indicator = forms.ModelChoiceField(
        queryset=Indicator.objects.filter(kind__in=[IndicatorKind.SHARE, IndicatorKind.RATE]),
        label=_("Comparison indicator"),
        required=False,
    )
    area = forms.ModelChoiceField(
        queryset=Area.objects.none(), label=_("Comparison area"), required=False
    )
    baseline_year = YearField(label=_("Comparison year"), required=False)
    price_sek_per_unit = MoneyField(label=_("Price per person (kr)"), required=True)
    cap_sek = MoneyField(label=_("Cap for this outcome (kr)"))
    expected_per_period = NumberField(
        label=_("Expected outcome per period (people)"), required=False, min_value=0
    )
    savings_sek_per_unit = MoneyField(label=_("The payers' saving per person (kr)"))
    effect_node = forms.ModelChoiceField(
        queryset=EffectNode.objects.none(),
        label=_("Outcome in the effect logic"),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        contract: OutcomeContract,
        metric: OutcomeMetric | None = None,
        **kwargs: Any,
    ) -> None:
        if metric is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": metric.name,
                    "definition": metric.definition,
                    "direction": metric.direction,
                    "baseline_kind": metric.baseline_kind,
                    "baseline": metric.baseline,
                    "indicator": metric.indicator_id,
                    "area": metric.area_id,
                    "baseline_year": metric.baseline_year,
                    "price_sek_per_unit": metric.price_sek_per_unit,
                    "cap_sek": metric.cap_sek,
                    "expected_per_period": metric.expected_per_period,
                    "savings_sek_per_unit": metric.savings_sek_per_unit,
                    "effect_node": metric.effect_node_id,
                },
            )
        else:
            kwargs.setdefault("initial", {"baseline_kind": BaselineKind.FIXED})
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = comparison_areas(contract)
        nodes = EffectNode.objects.none()
        if contract.initiative_id is not None:
            nodes = EffectNode.objects.filter(
                initiative_id=contract.initiative_id, stage__in=OUTCOME_STAGES
            )
        self.fields["effect_node"].queryset = nodes

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        if d.get("baseline_kind") == BaselineKind.STATISTICS:
            for name in ("indicator", "area", "baseline_year"):
                if not d.get(name):
                    self.add_error(name, _("A comparison baseline needs this."))
        elif d.get("baseline_kind") == BaselineKind.FIXED and d.get("baseline") is None:
            self.add_error("baseline", _("Give the baseline in people."))
        return d

    def metric_input(self) -> services.MetricInput:
        d = self.cleaned_data
        return services.MetricInput(
            name=d["name"],
            definition=d["definition"],
            direction=d["direction"],
            baseline_kind=d["baseline_kind"],
            baseline=d["baseline"],
            indicator=d["indicator"],
            area=d["area"],
            baseline_year=d["baseline_year"],
            price_sek_per_unit=d["price_sek_per_unit"] or 0,
            cap_sek=d["cap_sek"],
            expected_per_period=d["expected_per_period"],
            savings_sek_per_unit=d["savings_sek_per_unit"],
            effect_node=d["effect_node"],
        )


class RatePriceForm(PersonalNumberGuard, forms.Form):
    metric = forms.ModelChoiceField(queryset=OutcomeMetric.objects.none(), label=_("Outcome"))
    from_period = IntegerNumberField(label=_("From period"), min_value=2)
    price_sek_per_unit = MoneyField(label=_("Price per person (kr)"), required=True)

    def __init__(self, *args: Any, contract: OutcomeContract, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["metric"].queryset = contract.metrics.order_by("position", "id")
        self.fields["from_period"].max_value = contract.periods


class InvestmentForm(PersonalNumberGuard, forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    amount_sek = MoneyField(label=_("Amount (kr)"), required=True)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


# --- the ledger -------------------------------------------------------------------------------


class ReportForm(PersonalNumberGuard, forms.Form):
    """The provider's figures for one period: one per outcome not yet verified."""

    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence = EvidenceField(
        label=_("Evidence (PDF, CSV, text or Excel file)"),
        required=False,
        help_text=_("Counts only: a file with names or personal identity numbers is refused."),
    )

    def __init__(
        self, *args: Any, metrics: list[tuple[OutcomeMetric, int | None]], size: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.metrics = [m for m, _value in metrics]
        for metric, value in metrics:
            self.fields[f"value_{metric.pk}"] = PeopleField(
                label=_("%(metric)s (people)") % {"metric": metric.name},
                required=False,
                initial=value,
                max_value=size,
            )
        self.order_fields([f"value_{m.pk}" for m in self.metrics] + ["note", "evidence"])

    def value_fields(self) -> list[Any]:
        return [self[f"value_{m.pk}"] for m in self.metrics]

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        if self.metrics and all(d.get(f"value_{m.pk}") is None for m in self.metrics):
            raise forms.ValidationError(_("Give the outcome of at least one metric."))
        return d

    def values(self) -> list[tuple[OutcomeMetric, int]]:
        d = self.cleaned_data
        return [(m, d[f"value_{m.pk}"]) for m in self.metrics if d.get(f"value_{m.pk}") is not None]


class VerifyForm(PersonalNumberGuard, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("verify", _("Verify the outcome")),
            ("return", _("Return it to the provider")),
        ],
        widget=forms.RadioSelect,
        initial="verify",
    )
    verified_value = PeopleField(
        label=_("Verified outcome (people)"),
        required=False,
        help_text=_("Leave empty to verify the figure reported."),
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the verification rests on, or what the provider should correct."),
    )
    evidence = EvidenceField(label=_("Evidence (PDF, CSV, text or Excel file)"), required=False)


class PaymentForm(PersonalNumberGuard, forms.Form):
    payer = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Payer"))
    amount_sek = MoneyField(label=_("Amount paid (kr)"), required=True)
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE_WIDGET)
    reference = forms.CharField(
        label=_("Reference (invoice or voucher)"), max_length=100, required=False
    )

    def __init__(
        self, *args: Any, payers: Any, left: Decimal | float | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["payer"].queryset = payers
        if payers.count() == 1:
            self.fields["payer"].initial = payers.first()
        if left:
            self.fields["amount_sek"].initial = left


# --- corrections -------------------------------------------------------------------------------


class ReasonField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Reason"))
        kwargs.setdefault(
            "help_text",
            _("Why it is corrected: the parties who see it read the reason in the history."),
        )
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 2}))
        super().__init__(**kwargs)


class PaymentCorrectionForm(PersonalNumberGuard, forms.Form):
    amount_sek = MoneyField(label=_("Amount paid (kr)"), required=True)
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE_WIDGET)
    reference = forms.CharField(
        label=_("Reference (invoice or voucher)"), max_length=100, required=False
    )
    reason = ReasonField()


class InvestmentCorrectionForm(PersonalNumberGuard, forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    amount_sek = MoneyField(label=_("Amount (kr)"), required=True)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    reason = ReasonField()


class RemovalForm(PersonalNumberGuard, forms.Form):
    reason = ReasonField(
        help_text=_("Why it is removed: what it was and the reason stay in the history.")
    )
