from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grogrund.accounts.access import editor_organisations
from grogrund.accounts.models import Organisation, Visibility
from grogrund.areas.models import Area, Indicator, IndicatorKind
from grogrund.areas.search_forms import AreaSearchWidget
from grogrund.core.forms import (
    IntegerNumberField,
    NumberField,
    PercentField,
    YearField,
    confirmed_value,
)
from grogrund.core.uploads import NOT_A_TABLE, checked_upload
from grogrund.core.validators import PersonalNumberGuard
from grogrund.engine.plausibility import Verdict
from grogrund.programmes.models import Goal, Programme, StepState
from grogrund.programmes.plausibility import goal_verdict, measured_of


class ProgrammeForm(PersonalNumberGuard, forms.ModelForm):
    class Meta:
        model = Programme
        fields = [
            "owner",
            "name",
            "description",
            "areas",
            "start_year",
            "horizon_years",
            "shared_with",
        ]
        field_classes = {"start_year": YearField, "horizon_years": IntegerNumberField}
        widgets = {
            "shared_with": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
            # Thousands of areas: found by typing (areas.search_forms), never by scrolling.
            "areas": AreaSearchWidget(multiple=True),
        }
        help_texts = {
            "horizon_years": _("Social investments pay off over at least 10 years."),
            "shared_with": _(
                "Partners see the programme, its goals and follow-up, and record their own "
                "measurements. Sharing with the network or publishing is done under "
                "Share and publish."
            ),
        }

    def __init__(self, *args: Any, user: Any, areas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = editor_organisations(user)
        self.fields["owner"].empty_label = None
        self.fields["areas"].queryset = areas
        self.fields["shared_with"].queryset = Organisation.objects.all()


class StepStatusForm(PersonalNumberGuard, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=StepState.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class GoalKind:
    """The two kinds of goal (the goal form's explicit choice)."""

    GAP = "gap"  # close a part of the gap to the comparison area: needs a comparison value
    FIXED = "fixed"  # a fixed number of people: needs no comparison value


class GoalForm(PersonalNumberGuard, forms.Form):
    area = forms.ModelChoiceField(
        queryset=Area.objects.none(), label=_("Area"), to_field_name="code"
    )
    indicator = forms.ModelChoiceField(
        queryset=Indicator.objects.filter(kind__in=[IndicatorKind.SHARE, IndicatorKind.RATE]),
        label=_("Indicator"),
        to_field_name="code",
    )
    baseline_year = YearField(
        label=_("Baseline year"),
        required=False,
        min_value=1900,
        max_value=2200,
        help_text=_("Empty: the latest year with statistics."),
    )
    deadline_year = YearField(label=_("Deadline year"), min_value=1900, max_value=2200)
    kind = forms.ChoiceField(
        label=_("Kind of goal"),
        required=False,
        widget=forms.RadioSelect,
        choices=[
            (GoalKind.GAP, _("Close a part of the gap to the comparison area")),
            (GoalKind.FIXED, _("A fixed number of people (needs no comparison value)")),
        ],
    )
    share_of_gap_percent = PercentField(
        label=_("Part of the gap to close (%)"),
        required=False,
        min_value=0,
        max_value=100,
    )
    fixed_count = IntegerNumberField(
        label=_("Fixed number of people"),
        required=False,
        min_value=0,
    )

    def __init__(
        self, *args: Any, areas: Any, comparison: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        if comparison:
            self.set_comparison(comparison)

    def set_comparison(self, comparison: str | None) -> None:
        """Name the comparison area in the first choice, or say that there is none."""
        gap_label = (
            _("Close a part of the gap to %(comparison)s") % {"comparison": comparison}
            if comparison
            else _("Close a part of the gap (not possible here: there is no comparison value)")
        )
        field = self.fields["kind"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(GoalKind.GAP, gap_label), *list(field.choices)[1:]]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        share, fixed = data.get("share_of_gap_percent"), data.get("fixed_count")
        kind = data.get("kind") or ""
        # An explicit choice: only the chosen figure counts. Without one (an older form or
        # a script), the one figure given decides.
        if kind == GoalKind.GAP:
            if share is None and "share_of_gap_percent" not in self.errors:
                self.add_error("share_of_gap_percent", _("Give the part of the gap to close."))
            data["fixed_count"] = None
        elif kind == GoalKind.FIXED:
            if fixed is None and "fixed_count" not in self.errors:
                self.add_error("fixed_count", _("Give the number of people."))
            data["share_of_gap_percent"] = None
        elif (share is None) == (fixed is None):
            raise forms.ValidationError(
                _("Give either a part of the gap or a fixed number of people.")
            )
        else:
            data["kind"] = GoalKind.GAP if fixed is None else GoalKind.FIXED
        return data


class DeadlineForm(PersonalNumberGuard, forms.Form):
    deadline_year = YearField(label=_("Deadline year"), min_value=1900, max_value=2200)


class MeasurementForm(PersonalNumberGuard, forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Recorded for"),
        empty_label=None,
        required=False,
        help_text=_("The programme's owner, or the partner whose measurement this is."),
    )
    year = YearField(label=_("Year"), min_value=1900, max_value=2200)
    value_percent = PercentField(label=_("Value (%)"), required=False, min_value=0, max_value=100)
    numerator = NumberField(label=_("Numerator"), required=False, min_value=0)
    denominator = NumberField(label=_("Denominator"), required=False, min_value=0)
    source = forms.CharField(label=_("Source"), max_length=300)

    def __init__(
        self, *args: Any, organisations: Any, goal: Goal | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.goal = goal

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "value_percent" in self.errors:
            return data
        if data.get("value_percent") is None and not (
            data.get("numerator") is not None and data.get("denominator")
        ):
            raise forms.ValidationError(_("Give a value, or a numerator and a denominator."))
        value, year = data.get("value_percent"), data.get("year")
        if self.goal is not None and value is not None and year is not None:
            chosen = confirmed_value(
                self, "value_percent", value, self._plausibility(value, year), unit="%"
            )
            if chosen is not None:
                data["value_percent"] = chosen
        return data

    def _plausibility(self, value_percent: float, year: int) -> Verdict:
        """`value_percent` beside the goal's baseline, its other measurements and its
        trajectory, all in percent ("Did you mean 5,5 %?": engine.plausibility)."""
        assert self.goal is not None
        return goal_verdict(self.goal, value_percent, year, measured_of(self.goal))


class FigureFileForm(PersonalNumberGuard, forms.Form):
    """A file of figures per year (goal measurements, an initiative's outcome values), checked
    for its kind and size before it is read, and the source for rows that give none."""

    #: What one row of the file is, for the file field's help text.
    file_help_text: Any = ""

    file = forms.FileField(label=_("File"))
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        required=False,
        help_text=_("Used for rows whose source cell is empty."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.file_help_text

    def clean_file(self) -> Any:
        return checked_upload(
            self.cleaned_data["file"],
            (".csv", ".txt", ".xlsx"),
            wrong_kind=NOT_A_TABLE,
            too_large=_("The file is too large: a measurement file is small."),
        )


class MeasurementImportForm(FigureFileForm):
    file_help_text = _(
        "CSV (semicolon or comma separated) or Excel (.xlsx), one row per goal and year."
    )
    field_order = ["file", "organisation", "source"]

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Recorded for"),
        empty_label=None,
        required=False,
        help_text=_("The programme's owner, or the partner whose measurements these are."),
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ConfirmImportForm(PersonalNumberGuard, forms.Form):
    """Import a measurement file whose values were questioned: all its rows as they are, once
    the user confirms them (the file is kept meanwhile in the session under the token
    `pending`, which is all the form carries of it)."""

    # secrets.token_urlsafe: letters, digits, "-" and "_" only.
    pending = forms.RegexField(
        regex=r"\A[A-Za-z0-9_-]{1,64}\Z", widget=forms.HiddenInput, max_length=64
    )
    confirm = forms.BooleanField(
        label=_("Yes, the values are right"),
        required=True,
        error_messages={
            "required": _(
                "Tick “Yes, the values are right” to import the rows as they are, or correct "
                "the file and choose it again."
            )
        },
    )


class StatisticsForm(PersonalNumberGuard, forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Recorded for"),
        empty_label=None,
        required=False,
        help_text=_("The programme's owner, or the partner whose measurements these are."),
    )
    years = forms.TypedMultipleChoiceField(
        label=_("Years to record"), coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, organisations: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["years"].choices = [(y, str(y)) for y in years]


class VisibilityForm(PersonalNumberGuard, forms.Form):
    visibility = forms.ChoiceField(choices=Visibility.choices)
