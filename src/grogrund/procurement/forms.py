"""Forms of social procurement. Numbers are typed as Swedes write them (grogrund.core.forms);
every free-text field refuses personal identity numbers (PersonalNumberGuard)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from grogrund.accounts.models import Organisation, OrganisationKind, Visibility
from grogrund.areas.search_forms import AreaSearchWidget
from grogrund.core.forms import IntegerNumberField, NumberField, number_text
from grogrund.core.validators import PersonalNumberGuard
from grogrund.procurement import calculations as calc
from grogrund.procurement.evidence import MAX_EVIDENCE_BYTES, SUFFIXES
from grogrund.procurement.models import (
    SHARE_MEASURES,
    Clause,
    ClauseTemplate,
    Contract,
    Measure,
    PenaltyKind,
)
from grogrund.procurement.services import ReportInput

#: A contract is shared deliberately with named partners or the network; never public.
VISIBILITY_CHOICES = [
    (Visibility.PRIVATE, Visibility.PRIVATE.label),
    (Visibility.PARTNERS, Visibility.PARTNERS.label),
    (Visibility.NETWORK, Visibility.NETWORK.label),
]


class KronorField(IntegerNumberField):
    """Whole kronor, typed as `48 500 000` or `48 500 000 kr`, at most a thousand billion."""

    example = 1_500_000
    suffixes = ("kr",)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_value", 10**12)
        super().__init__(**kwargs)


class ContractForm(PersonalNumberGuard, forms.ModelForm):
    value_sek = KronorField(label=_("Contract value (kr)"), min_value=0)
    visibility = forms.ChoiceField(
        label=_("Shared with"),
        choices=VISIBILITY_CHOICES,
        help_text=_(
            "Only the buyer and the supplier see a contract unless you share it. Partners and "
            "network members see its clauses and what was verified, never the reports or the "
            "internal note."
        ),
    )

    class Meta:
        model = Contract
        fields = [
            "owner",
            "name",
            "supplier",
            "category",
            "value_sek",
            "start_date",
            "end_date",
            "areas",
            "programme",
            "description",
            "internal_note",
            "visibility",
            "shared_with",
        ]
        labels = {"owner": _("Buyer")}
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "areas": AreaSearchWidget(multiple=True),
            "description": forms.Textarea(attrs={"rows": 3}),
            "internal_note": forms.Textarea(attrs={"rows": 3}),
            "shared_with": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "supplier": _("An organisation registered as a supplier."),
            "programme": _("The programme whose goals the contract serves (step 2)."),
        }

    def __init__(
        self,
        *args: Any,
        buyers: Any,
        suppliers: Any,
        areas: Any,
        programmes: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = buyers
        self.fields["owner"].empty_label = None
        self.fields["supplier"].queryset = suppliers
        self.fields["areas"].queryset = areas
        self.fields["areas"].required = False
        self.fields["programme"].queryset = programmes
        self.fields["programme"].required = False
        self.fields["shared_with"].queryset = Organisation.objects.exclude(
            kind=OrganisationKind.SUPPLIER
        ).order_by("name")
        self.fields["shared_with"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The term ends before it starts."))
        return data


def _percent_or_number(measure: str) -> bool:
    return measure in SHARE_MEASURES


class ClauseForm(PersonalNumberGuard, forms.ModelForm):
    """A clause as the buyer sets it for its contract. A share's target is typed in percent."""

    target = NumberField(
        label=_("Target"),
        min_value=0,
        suffixes=("%",),
        help_text=_("In the clause's unit; a share in percent (10 for 10 %)."),
    )
    penalty_sek_per_unit = KronorField(
        label=_("Penalty per missing unit (kr)"),
        required=False,
        min_value=0,
        max_value=2_000_000_000,
    )
    penalty_cap_sek = KronorField(
        label=_("Penalty cap (kr)"),
        required=False,
        min_value=0,
        help_text=_("Empty: no cap."),
    )

    class Meta:
        model = Clause
        fields = [
            "name",
            "kind",
            "measure",
            "unit",
            "target",
            "target_group",
            "target_group_note",
            "reporting_period",
            "penalty_kind",
            "penalty_sek_per_unit",
            "penalty_cap_sek",
            "wording",
        ]
        widgets = {"wording": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance: Clause = self.instance
        if instance.measure in SHARE_MEASURES and instance.target is not None:
            self.initial["target"] = instance.target * 100

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        target, measure = data.get("target"), data.get("measure")
        if target is not None and measure and _percent_or_number(measure):
            if target > 100:
                self.add_error("target", _("A share cannot be more than 100 %."))
            else:
                data["target"] = target / 100
        if data.get("penalty_kind") == PenaltyKind.PER_MISSING_UNIT and not data.get(
            "penalty_sek_per_unit"
        ):
            self.add_error(
                "penalty_sek_per_unit",
                _("Give the penalty per missing unit in kronor, or choose no penalty."),
            )
        return data


def clause_from_template(template: ClauseTemplate) -> dict[str, Any]:
    """A new clause's initial values from a template."""
    return {
        "name": template.name_sv,
        "kind": template.kind,
        "measure": template.measure,
        "unit": template.unit,
        "target": (
            template.default_target * 100
            if template.default_target is not None and template.measure in SHARE_MEASURES
            else template.default_target
        ),
        "target_group": template.default_target_group,
        "reporting_period": template.default_reporting_period,
        "penalty_kind": template.penalty_kind,
        "penalty_sek_per_unit": template.default_penalty_sek_per_unit,
        "penalty_cap_sek": template.default_penalty_cap_sek,
        "wording": template.wording,
    }


class TemplateChoiceForm(PersonalNumberGuard, forms.Form):
    template = forms.ModelChoiceField(
        queryset=ClauseTemplate.objects.none(),
        label=_("Start from the template"),
        to_field_name="code",
        empty_label=None,
    )

    def __init__(self, *args: Any, templates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates


# --- the supplier's report ---------------------------------------------------------------------


def period_value(period: calc.Period) -> str:
    return f"{period.start.isoformat()}/{period.end.isoformat()}"


def period_label(period: calc.Period) -> str:
    return f"{date_format(period.start, 'DATE_FORMAT')} – {date_format(period.end, 'DATE_FORMAT')}"


class PeriodField(forms.CharField):
    """A reporting period chosen from a list; read back as (start, end). The service says
    whether it is one of the clause's periods within the term."""

    default_error_messages = {"invalid": _("Choose a reporting period from the list.")}

    def __init__(self, *, periods: Iterable[calc.Period] = (), **kwargs: Any) -> None:
        choices = [(period_value(p), period_label(p)) for p in periods]
        kwargs.setdefault("widget", forms.Select(choices=choices))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        if not text:
            return None
        try:
            start, end = (date.fromisoformat(part) for part in str(text).split("/"))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        return (start, end)


class CountField(IntegerNumberField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 1_000_000)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int:  # type: ignore[override]
        number = super().to_python(value)
        return 0 if number is None else number


class ReportForm(PersonalNumberGuard, forms.Form):
    """What the supplier delivered in one period, as counts, with its evidence."""

    period = PeriodField(label=_("Reporting period"))
    persons = CountField(
        label=_("Persons employed in the period"),
        help_text=_("Everyone employed or placed through the clause at some time in the period."),
    )
    new_persons = CountField(
        label=_("Of whom started in the period"),
        help_text=_("Each person is counted as new once, in the period they start."),
    )
    target_group_persons = CountField(label=_("Of those who started: from the target group"))
    area_persons = CountField(label=_("Of those who started: living in the area"))
    hours = NumberField(label=_("Hours worked"), required=False, min_value=0, max_value=1e12)
    employment_months = NumberField(
        label=_("Months of full-time employment"),
        required=False,
        min_value=0,
        max_value=1e12,
        help_text=_("Part time counts in part: half time for two months is one month."),
    )
    total_hours = NumberField(
        label=_("All labour hours in the contract"), required=False, min_value=0, max_value=1e12
    )
    quantity = NumberField(label=_("Delivered"), required=False, min_value=0, max_value=1e12)
    base = NumberField(
        label=_("Out of"), required=False, min_value=0, max_value=1e12, suffixes=("kr",)
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.FileField(
        label=_("Evidence"),
        required=False,
        help_text=_(
            "A PDF, an Excel workbook (.xlsx), a CSV file or an image, at most %(mb)s MB: a "
            "summary of the figures, a time sheet, a certificate from the employment office."
        )
        % {"mb": MAX_EVIDENCE_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(SUFFIXES)}),
    )
    counts_only = forms.BooleanField(
        label=_(
            "The report and its file hold counts only: no names and no personal identity numbers."
        ),
    )

    #: The fields each measure asks for (the period, comment and evidence always).
    FIELDS_BY_MEASURE: dict[str, tuple[str, ...]] = {
        Measure.PERSONS: (
            "persons",
            "new_persons",
            "target_group_persons",
            "area_persons",
            "hours",
            "employment_months",
        ),
        Measure.EMPLOYMENT_MONTHS: (
            "persons",
            "new_persons",
            "target_group_persons",
            "area_persons",
            "hours",
            "employment_months",
        ),
        Measure.HOURS: (
            "persons",
            "new_persons",
            "target_group_persons",
            "area_persons",
            "hours",
            "employment_months",
        ),
        Measure.SHARE_OF_HOURS: (
            "persons",
            "new_persons",
            "target_group_persons",
            "area_persons",
            "hours",
            "employment_months",
            "total_hours",
        ),
        Measure.COUNT: ("quantity",),
        Measure.SHARE_OF_VALUE: ("quantity", "base"),
    }

    def __init__(
        self, *args: Any, clause: Clause, periods: list[calc.Period], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.clause = clause
        self.fields["period"] = PeriodField(label=_("Reporting period"), periods=periods)
        wanted = set(self.FIELDS_BY_MEASURE[clause.measure])
        for name in list(self.fields):
            if (
                name in ReportInput.__dataclass_fields__
                and name not in wanted
                and name not in ("comment",)
            ):
                del self.fields[name]
        if clause.measure == Measure.SHARE_OF_VALUE:
            self.fields["quantity"].label = _("Local purchases (kr)")
            self.fields["quantity"].suffixes = ("kr",)
            self.fields["base"].label = _("All purchases in the contract (kr)")
        elif clause.measure == Measure.COUNT:
            self.fields["quantity"].label = _("Delivered (%(unit)s)") % {"unit": clause.unit}

    def report_input(self) -> ReportInput:
        data = self.cleaned_data
        start, end = data["period"]
        values: dict[str, Any] = {}
        for name in ReportInput.__dataclass_fields__:
            if name in ("period_start", "period_end") or name not in self.fields:
                continue
            value = data.get(name)
            if name in ("hours", "employment_months") and value is None:
                value = 0.0
            values[name] = value
        return ReportInput(period_start=start, period_end=end, **values)


def report_initial(report: Any) -> dict[str, Any]:
    return {
        "period": f"{report.period_start.isoformat()}/{report.period_end.isoformat()}",
        "persons": report.persons,
        "new_persons": report.new_persons,
        "target_group_persons": report.target_group_persons,
        "area_persons": report.area_persons,
        "hours": report.hours,
        "employment_months": report.employment_months,
        "total_hours": report.total_hours,
        "quantity": report.quantity,
        "base": report.base,
        "comment": report.comment,
    }


class ReviewForm(PersonalNumberGuard, forms.Form):
    """The buyer's verification or return of a report."""

    VERIFY, RETURN = "verify", "return"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (VERIFY, _("Verify: the figures are right and count as delivered")),
            (RETURN, _("Return to the supplier for correction")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment to the supplier"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you return the report: say what to correct."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == self.RETURN and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Say what the supplier should correct."))
        return data


class CountTowardForm(PersonalNumberGuard, forms.Form):
    """Where the contract's verified persons are counted: a goal or an outcome."""

    target = forms.ChoiceField(label=_("Count toward"), choices=[])
    write_measurements = forms.BooleanField(
        label=_("Also write an estimated measurement of the goal for years that have none"),
        required=False,
        help_text=_(
            "The baseline share moved by the persons over the goal's base. Leave it unticked "
            "when the area's statistics will measure the goal: the goal's page shows the "
            "persons either way. Outcomes always get the number of persons as their value."
        ),
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = choices


# --- the network's templates -------------------------------------------------------------------


class TemplateForm(PersonalNumberGuard, forms.ModelForm):
    default_target = NumberField(
        label=_("Suggested target"),
        required=False,
        min_value=0,
        help_text=_("In the unit; a share as 0,1 for 10 %. Empty: the buyer sets it."),
    )
    default_penalty_sek_per_unit = KronorField(
        label=_("Suggested penalty per missing unit (kr)"),
        required=False,
        min_value=0,
        max_value=2_000_000_000,
    )
    default_penalty_cap_sek = KronorField(
        label=_("Suggested penalty cap (kr)"), required=False, min_value=0
    )

    class Meta:
        model = ClauseTemplate
        fields = [
            "code",
            "name_sv",
            "name_en",
            "kind",
            "measure",
            "unit",
            "default_target",
            "default_target_group",
            "default_reporting_period",
            "penalty_kind",
            "default_penalty_sek_per_unit",
            "default_penalty_cap_sek",
            "wording",
            "source",
            "is_active",
        ]
        widgets = {"wording": forms.Textarea(attrs={"rows": 8})}


def shown_target(clause: Clause) -> str:
    """A target as the forms show it: a share in percent."""
    if clause.measure in SHARE_MEASURES:
        return f"{number_text(clause.target * 100)} %"
    return number_text(clause.target)
