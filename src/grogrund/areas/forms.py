from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from grogrund.accounts.access import editor_organisations
from grogrund.accounts.models import Organisation, Visibility
from grogrund.areas.models import Challenge, Dataset, Indicator


class ChallengeForm(forms.ModelForm):
    class Meta:
        model = Challenge
        fields = [
            "owner",
            "kind",
            "title",
            "description",
            "priority",
            "indicators",
            "visibility",
            "shared_with",
        ]
        widgets = {
            "indicators": forms.CheckboxSelectMultiple,
            "shared_with": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "shared_with": _("A challenge recorded with the municipality is shared with it here."),
        }

    def __init__(
        self, *args: Any, user: Any, indicator_ids: list[int] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = editor_organisations(user)
        self.fields["owner"].empty_label = None
        qs = Indicator.objects.all()
        if indicator_ids is not None:
            qs = qs.filter(id__in=indicator_ids) | qs.filter(
                id__in=self.instance.indicators.all() if self.instance.pk else []
            )
        self.fields["indicators"].queryset = qs.distinct().order_by("code")
        self.fields["shared_with"].queryset = Organisation.objects.all()


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (semicolon or comma separated, UTF-8) or Excel (.xlsx), one row per "
            "area, indicator and period."
        ),
    )
    owner = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation"), empty_label=None
    )
    dataset = forms.CharField(
        label=_("Dataset name"),
        max_length=200,
        help_text=_(
            "Importing again into the same dataset updates it; identical rows change nothing."
        ),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        help_text=_("Where the figures come from, e.g. 'Egen statistik, uthyrningssystemet 2025'."),
    )
    visibility = forms.ChoiceField(
        label=_("Shared with"), choices=Visibility.choices, initial=Visibility.PRIVATE
    )
    area_column = forms.CharField(label=_("Column: area code"), initial="area")
    indicator_column = forms.CharField(label=_("Column: indicator code"), initial="indicator")
    period_column = forms.CharField(label=_("Column: period"), initial="period")
    value_column = forms.CharField(label=_("Column: value"), initial="value", required=False)
    numerator_column = forms.CharField(
        label=_("Column: numerator"), initial="numerator", required=False
    )
    denominator_column = forms.CharField(
        label=_("Column: denominator"), initial="denominator", required=False
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = editor_organisations(user)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not (name.endswith(".csv") or name.endswith(".xlsx") or name.endswith(".txt")):
            raise forms.ValidationError(
                _(
                    "%(name)s is neither a CSV nor an XLSX file. Save the sheet as CSV (UTF-8) or "
                    "Excel workbook (.xlsx) and try again."
                ),
                params={"name": upload.name},
            )
        if upload.size > settings.IMPORT_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _(
                    "The file is too large for a web upload; use the "
                    "command line: grogrund import csv FILE."
                )
            )
        return upload


class DatasetSharingForm(forms.ModelForm):
    """Who may see a dataset's figures: the owner decides, on the dataset's page."""

    class Meta:
        model = Dataset
        fields = ["visibility", "shared_with"]
        widgets = {"shared_with": forms.CheckboxSelectMultiple}
        help_texts = {
            "shared_with": _(
                "Members of these organisations see the figures when the dataset is shared "
                "with named partners or the network."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shared_with"].queryset = Organisation.objects.exclude(
            pk=self.instance.owner_id
        ).order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("visibility") == Visibility.PARTNERS and not data.get("shared_with"):
            raise forms.ValidationError(
                _("Choose at least one partner organisation, or share the dataset in another way.")
            )
        return data
