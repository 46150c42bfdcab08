from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grogrund.accounts.models import Organisation
from grogrund.core.forms import NumberField, NumberInput
from grogrund.core.validators import PersonalNumberGuard
from grogrund.partnerships.models import DEFAULT_HOURLY_COST_SEK, ReadinessStatus
from grogrund.partnerships.selectors import LinkRow, ReadinessRow
from grogrund.partnerships.services import YearInput


class AmountField(NumberField):
    """A number of zero or more written with the user's separators (`1 500 000`, `12,5`); empty
    is 0. Read by grogrund.core.forms.NumberField, as every number field."""

    def __init__(self, *, whole: bool = False, **kwargs: Any) -> None:
        self.whole = whole
        self.example = 1_500_000 if whole else 7.5  # kronor, or hours
        kwargs.setdefault("required", False)
        kwargs.setdefault("suffixes", ("kr",))
        kwargs.setdefault(
            "widget",
            NumberInput(attrs={"class": "amount"}, inputmode="numeric" if whole else "decimal"),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int | float) and value == 0:
            return ""
        return super().prepare_value(value)

    def to_python(self, value: Any) -> float:  # type: ignore[override]
        number = super().to_python(value)
        if number is None:
            return 0.0
        if number < 0:
            raise forms.ValidationError(_("Must be zero or more."), code="negative")
        if self.whole and number != int(number):
            raise forms.ValidationError(_("Give whole kronor."), code="whole")
        return number


class ReadinessForm(PersonalNumberGuard, forms.Form):
    """Status, date and note of every readiness topic, on one page."""

    def __init__(self, *args: Any, rows: list[ReadinessRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            item = row.item
            self.fields[f"{row.topic}-status"] = forms.ChoiceField(
                label=_("Status"),
                choices=ReadinessStatus.choices,
                initial=row.status,
            )
            self.fields[f"{row.topic}-date"] = forms.DateField(
                label=_("Date"),
                required=False,
                initial=item.date if item else None,
                widget=forms.DateInput(attrs={"type": "date"}),
            )
            self.fields[f"{row.topic}-note"] = forms.CharField(
                label=_("Evidence or note"),
                required=False,
                initial=item.note if item else "",
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def topic_rows(self) -> list[tuple[ReadinessRow, Any, Any, Any]]:
        return [
            (r, self[f"{r.topic}-status"], self[f"{r.topic}-date"], self[f"{r.topic}-note"])
            for r in self.rows
        ]

    def values(self) -> Iterable[tuple[str, str, Any, str]]:
        for r in self.rows:
            d = self.cleaned_data
            yield r.topic, d[f"{r.topic}-status"], d[f"{r.topic}-date"], d[f"{r.topic}-note"]


class CommitmentForm(PersonalNumberGuard, forms.Form):
    """One partner's commitment: money, staff hours and in kind per year."""

    hourly_cost_sek = AmountField(
        whole=True,
        label=_("Hourly cost of staff time (kr)"),
        help_text=_(
            "What an hour of your staff's time costs, salary and employer contributions "
            "included; used to value the hours in the budget."
        ),
    )
    in_kind_description = forms.CharField(
        label=_("What is given in kind"),
        required=False,
        max_length=300,
        help_text=_("For example premises, a meeting room or equipment."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = years
        for y in years:
            self.fields[f"money_{y}"] = AmountField(whole=True, label=_("Money (kr)"))
            self.fields[f"hours_{y}"] = AmountField(label=_("Staff hours"))
            self.fields[f"inkind_{y}"] = AmountField(whole=True, label=_("In kind, value (kr)"))

    def year_rows(self) -> list[tuple[int, Any, Any, Any]]:
        return [
            (y, self[f"money_{y}"], self[f"hours_{y}"], self[f"inkind_{y}"]) for y in self.years
        ]

    def clean_hourly_cost_sek(self) -> float:
        # Empty means the default; 0 is a choice (volunteers' hours, for example).
        if not str(self.data.get(self.add_prefix("hourly_cost_sek"), "")).strip():
            return float(DEFAULT_HOURLY_COST_SEK)
        return float(self.cleaned_data["hourly_cost_sek"])

    def year_inputs(self) -> list[YearInput]:
        d = self.cleaned_data
        return [
            YearInput(
                year=y,
                money_sek=int(d[f"money_{y}"]),
                staff_hours=float(d[f"hours_{y}"]),
                in_kind_sek=int(d[f"inkind_{y}"]),
            )
            for y in self.years
        ]


class StakeholderLinkForm(PersonalNumberGuard, forms.Form):
    """Which partner stands for each stakeholder of the valuation."""

    def __init__(
        self, *args: Any, links: list[LinkRow], partners: list[Organisation], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.links = links
        self.partners = {str(o.pk): o for o in partners}
        choices = [("", _("No partner")), *[(str(o.pk), o.name) for o in partners]]
        for link in links:
            self.fields[f"link-{link.stakeholder}"] = forms.ChoiceField(
                label=link.label,
                choices=choices,
                required=False,
                initial=str(link.organisation.pk) if link.organisation else "",
            )

    def chosen(self) -> dict[str, Organisation | None]:
        return {
            link.stakeholder: self.partners.get(self.cleaned_data[f"link-{link.stakeholder}"])
            for link in self.links
        }


class SignForm(PersonalNumberGuard, forms.Form):
    """The confirmation of a signature: the person ticks that they read what is signed;
    `shown` carries the fingerprint of what the page showed (services.signing_fingerprint)."""

    confirm = forms.BooleanField(
        error_messages={"required": _("Tick the box to confirm before you sign.")},
    )
    shown = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = _(
            "I confirm that %(org)s commits to what is shown above, and that I may sign for it."
        ) % {"org": organisation.name}
