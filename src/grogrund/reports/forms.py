"""Forms of the reports: the period and language of a report (as a form, or as the query of a
print view's address), and who sees a stored report."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grogrund.accounts.models import Organisation, Visibility
from grogrund.core.forms import YearField
from grogrund.core.validators import PersonalNumberGuard
from grogrund.reports.kinds import Period
from grogrund.reports.models import ReportLanguage

#: Years a report may cover: from the first statistics Grogrund reads to well past any
#: programme's horizon.
FIRST_YEAR = 1990
LAST_YEAR = 2100
#: The longest period a report covers (a programme's whole horizon and then some).
MAX_PERIOD_YEARS = 30


class DateInput(forms.DateInput):
    input_type = "date"


class PeriodForm(PersonalNumberGuard, forms.Form):
    """A calendar year, or a period from one date to another (both included)."""

    year = YearField(
        label=_("Year"),
        required=False,
        help_text=_("An annual report: the whole calendar year."),
    )
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=DateInput(),
        help_text=_("Or any period: its first day…"),
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=DateInput(),
        help_text=_("…and its last day."),
    )
    language = forms.ChoiceField(
        label=_("Language of the report"),
        choices=ReportLanguage.choices,
        widget=forms.RadioSelect,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        year, start, end = data.get("year"), data.get("start"), data.get("end")
        if self.errors:
            return data
        if year is not None:
            if not FIRST_YEAR <= year <= LAST_YEAR:
                self.add_error(
                    "year",
                    _("Give a year from %(first)s to %(last)s.")
                    % {"first": FIRST_YEAR, "last": LAST_YEAR},
                )
                return data
            if start or end:
                self.add_error(
                    "start", _("Give either a year or a period from one date to another.")
                )
                return data
            data["period"] = Period.year(year)
            return data
        if not start or not end:
            self.add_error(
                "year" if not (start or end) else ("end" if start else "start"),
                _("Give a year, or both the first and the last day of the period."),
            )
            return data
        if end < start:
            self.add_error("end", _("The last day comes before the first day: swap them."))
            return data
        if end.year - start.year >= MAX_PERIOD_YEARS or not (
            FIRST_YEAR <= start.year and end.year <= LAST_YEAR
        ):
            self.add_error(
                "end",
                _(
                    "A report covers at most %(years)s years, from %(first)s to %(last)s: "
                    "choose a shorter period."
                )
                % {"years": MAX_PERIOD_YEARS, "first": FIRST_YEAR, "last": LAST_YEAR},
            )
            return data
        data["period"] = Period(start, end)
        return data


class NewReportForm(PeriodForm):
    """Make and store a report: its period, language and the organisation it belongs to."""

    owner = forms.ModelChoiceField(
        label=_("Stored as a report of"),
        queryset=Organisation.objects.none(),
        empty_label=None,
        help_text=_("The organisation whose report it is; its editors share it."),
    )

    field_order = ["year", "start", "end", "language", "owner"]

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


def default_year() -> int:
    """The year an annual report is usually made for: the last whole year."""
    return timezone.localdate().year - 1


def period_from_query(query: Any, language: str) -> tuple[Period, str, list[str]]:
    """The period and language of a print view's address (`year`, or `from` and `to`, and
    `lang`); the errors in words when they cannot be read. No period: the current year."""
    data = {
        "year": query.get("year", ""),
        "start": query.get("from", ""),
        "end": query.get("to", ""),
        "language": query.get("lang", "") or language,
    }
    if not (data["year"] or data["start"] or data["end"]):
        data["year"] = str(timezone.localdate().year)
    form = PeriodForm(data)
    if form.is_valid():
        return form.cleaned_data["period"], form.cleaned_data["language"], []
    errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
    fallback = Period.year(timezone.localdate().year)
    return fallback, language if language in ReportLanguage.values else "sv", errors


class ShareForm(PersonalNumberGuard, forms.Form):
    visibility = forms.ChoiceField(
        label=_("Who sees the report"), choices=Visibility.choices, widget=forms.RadioSelect
    )
    shared_with = forms.ModelMultipleChoiceField(
        label=_("Named partners"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "They see the report when it is shared with named partners or wider; nobody else "
            "outside your organisation does unless it goes to the network or is published."
        ),
    )
