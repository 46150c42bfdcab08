from __future__ import annotations

from typing import Any

import yaml
from django import forms
from django.utils.translation import gettext_lazy as _

from grogrund.accounts.access import editor_organisations
from grogrund.accounts.models import Organisation, Visibility
from grogrund.areas.import_templates import mapping_as_yaml, templates_for
from grogrund.areas.models import Challenge, Dataset, ImportTemplate, Indicator
from grogrund.core.uploads import NOT_A_TABLE, checked_upload
from grogrund.core.validators import PersonalNumberGuard


class ChallengeForm(PersonalNumberGuard, forms.ModelForm):
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


IMPORT_KINDS = [
    ("csv", _("CSV or Excel file (also Statistikdatabasen downloads)")),
    ("scb", _("SCB table saved as JSON-stat or PC-Axis (.px)")),
    ("kolada", _("Kolada file (JSON)")),
]
IMPORT_SUFFIXES = {
    "csv": (".csv", ".xlsx", ".xlsm", ".txt"),
    "scb": (".json", ".px"),
    "kolada": (".json",),
}
SCALE_CHOICES = [
    ("unit", _("As the indicator's unit")),
    ("percent", _("Percent (74,1 = 0,741)")),
    ("per_mille", _("Per mille")),
    ("thousands", _("Thousands (tkr)")),
    ("millions", _("Millions (mnkr)")),
]
REGION_LEVEL_CHOICES = [
    ("", _("Any level")),
    ("country", _("Country")),
    ("county", _("County")),
    ("municipality", _("Municipality")),
    ("regso", _("RegSO")),
    ("deso", _("DeSO")),
]
GENDER_CHOICES = [("T", _("Total")), ("K", _("Women")), ("M", _("Men"))]


def mapping_from_yaml(text: str) -> dict[str, Any]:
    """A mapping typed as YAML (names and values), or a message saying why it is not one."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise forms.ValidationError(
            _("The mapping is not valid YAML: %(reason)s"), params={"reason": str(exc)[:200]}
        ) from exc
    if not isinstance(data, dict):
        raise forms.ValidationError(_("The mapping must be names and values (see docs)."))
    return data


class ImportForm(PersonalNumberGuard, forms.Form):
    """Every option of `grogrund import` for a file: the kind, the columns (or a saved
    template, or a mapping in YAML), fixed indicator, period and region, filters, periods as
    columns, numerator and denominator rows, scale, sheet and Kolada gender."""

    kind = forms.ChoiceField(
        label=_("Kind of file"), choices=IMPORT_KINDS, initial="csv", required=False
    )
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
    template = forms.ModelChoiceField(
        queryset=ImportTemplate.objects.none(),
        label=_("Import template"),
        required=False,
        empty_label=_("None: use the fields below"),
        help_text=_("A saved mapping; the fields below are then not used."),
    )
    area_column = forms.CharField(
        label=_("Column: area code"),
        initial="area",
        required=False,
        help_text=_(
            "Codes (0114), names (Upplands Väsby, Stockholms län, Riket), 'code name' "
            "(0114 Upplands Väsby) or 'Kommun (RegSO)'."
        ),
    )
    indicator_column = forms.CharField(
        label=_("Column: indicator code"), initial="indicator", required=False
    )
    period_column = forms.CharField(label=_("Column: period"), initial="period", required=False)
    value_column = forms.CharField(label=_("Column: value"), initial="value", required=False)
    numerator_column = forms.CharField(
        label=_("Column: numerator"), initial="numerator", required=False
    )
    denominator_column = forms.CharField(
        label=_("Column: denominator"), initial="denominator", required=False
    )
    indicator = forms.CharField(
        label=_("One indicator for the whole file"),
        required=False,
        help_text=_("An indicator code; the indicator column is then not used."),
    )
    fixed_period = forms.CharField(
        label=_("One period for the whole file"), required=False, max_length=16
    )
    region = forms.CharField(
        label=_("One area for the whole file"),
        required=False,
        max_length=40,
        help_text=_("An area code, for a file or SCB table without a region (00 = Sweden)."),
    )
    month_column = forms.CharField(
        label=_("Column: month"),
        required=False,
        help_text=_("When the period column holds the year (År + Månad)."),
    )
    quarter_column = forms.CharField(
        label=_("Column: quarter"),
        required=False,
        help_text=_("When the period column holds the year (År + Kvartal: 1–4, K3 or Q3)."),
    )
    period_columns = forms.CharField(
        label=_("Periods as columns"),
        required=False,
        help_text=_(
            "'auto' for columns whose name ends in a period ('Antal 2020', '2024M09'), or "
            "the column names separated by commas."
        ),
    )
    filters = forms.CharField(
        label=_("Filters"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line: column = value, e.g. 'Kön = totalt'. Other rows are left out."),
    )
    rows_rule = forms.CharField(
        label=_("Numerator and denominator on separate rows"),
        required=False,
        help_text=_(
            "column: numerator value / denominator value, e.g. "
            "'sysselsättning: förvärvsarbetande / totalt'."
        ),
    )
    scale = forms.ChoiceField(
        label=_("Figures are in"), choices=SCALE_CHOICES, initial="unit", required=False
    )
    region_level = forms.ChoiceField(
        label=_("Region names are"), choices=REGION_LEVEL_CHOICES, required=False
    )
    sheet = forms.CharField(label=_("Excel sheet"), required=False)
    gender = forms.ChoiceField(
        label=_("Kolada: gender"), choices=GENDER_CHOICES, initial="T", required=False
    )
    mapping_yaml = forms.CharField(
        label=_("Mapping in YAML (advanced)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        help_text=_(
            "A column mapping or SCB mapping as in docs/import.md; it replaces the column "
            "fields above. An SCB import needs one (or a template)."
        ),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = editor_organisations(user)
        self.fields["template"].queryset = templates_for(user)

    def clean_file(self) -> Any:
        kind = self.data.get("kind") or "csv"
        return checked_upload(
            self.cleaned_data["file"],
            IMPORT_SUFFIXES.get(kind, IMPORT_SUFFIXES["csv"]),
            wrong_kind=NOT_A_TABLE
            if kind == "csv"
            else _("%(name)s is not a file of the kind chosen. Choose the kind of file again."),
            too_large=_(
                "The file is too large for a web upload; use the "
                "command line: grogrund import csv FILE."
            ),
        )

    def clean_mapping_yaml(self) -> dict[str, Any] | None:
        text = self.cleaned_data.get("mapping_yaml", "").strip()
        return mapping_from_yaml(text) if text else None

    def clean_filters(self) -> dict[str, str | list[str]]:
        result: dict[str, str | list[str]] = {}
        for line in self.cleaned_data.get("filters", "").splitlines():
            if not line.strip():
                continue
            column, sep, value = line.partition("=")
            if not sep or not column.strip() or not value.strip():
                raise forms.ValidationError(
                    _("Write each filter as column = value, e.g. 'Kön = totalt'.")
                )
            values = [v.strip() for v in value.split("|") if v.strip()]
            result[column.strip()] = values[0] if len(values) == 1 else values
        return result

    def clean_rows_rule(self) -> dict[str, str] | None:
        text = self.cleaned_data.get("rows_rule", "").strip()
        if not text:
            return None
        column, sep, rest = text.partition(":")
        numerator, slash, denominator = rest.partition("/")
        if not (sep and slash and column.strip() and numerator.strip() and denominator.strip()):
            raise forms.ValidationError(
                _("Write the rule as column: numerator value / denominator value.")
            )
        return {
            "column": column.strip(),
            "numerator": numerator.strip(),
            "denominator": denominator.strip(),
        }

    def table_mapping(self, header: list[str]) -> dict[str, Any]:
        """The column mapping the fields describe (csv/xlsx without template or YAML).

        Figure columns left at their suggested names that the file lacks are dropped, so that
        a file with only a value, or only numerator and denominator, imports as it is."""
        d = self.cleaned_data
        present = {name.strip().lower() for name in header}

        def given(field: str) -> str | None:
            value = (d.get(field) or "").strip()
            return value or None

        mapping: dict[str, Any] = {"scale": d.get("scale") or "unit"}
        if given("region"):
            mapping["fixed_area"] = given("region")
        else:
            mapping["area_code"] = given("area_column") or "area"
        if given("indicator"):
            mapping["indicator"] = given("indicator")
        else:
            mapping["indicator_code"] = given("indicator_column") or "indicator"
        if given("period_columns"):
            text = given("period_columns") or ""
            mapping["period_columns"] = (
                "auto" if text.lower() == "auto" else [c.strip() for c in text.split(",")]
            )
        elif given("fixed_period"):
            mapping["fixed_period"] = given("fixed_period")
        else:
            mapping["period"] = given("period_column") or "period"
            if given("month_column"):
                mapping["month"] = given("month_column")
            if given("quarter_column"):
                mapping["quarter"] = given("quarter_column")
        if not given("period_columns"):
            for key in ("value", "numerator", "denominator"):
                column = given(f"{key}_column")
                default = self.fields[f"{key}_column"].initial
                if column and not (column == default and default not in present):
                    mapping[key] = column
            if d.get("rows_rule"):
                mapping.pop("numerator", None)
                mapping.pop("denominator", None)
        if d.get("filters"):
            mapping["filters"] = d["filters"]
        if d.get("rows_rule"):
            mapping["rows_rule"] = d["rows_rule"]
        if d.get("region_level"):
            mapping["region_level"] = d["region_level"]
        if given("sheet"):
            mapping["sheet"] = given("sheet")
        return mapping


class ImportTemplateForm(PersonalNumberGuard, forms.ModelForm):
    """A template's name, sharing and mapping (as YAML; the page also shows it as fields)."""

    mapping_yaml = forms.CharField(
        label=_("Mapping (YAML)"),
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
    )

    class Meta:
        model = ImportTemplate
        fields = ["owner", "name", "kind", "description", "visibility", "shared_with"]
        widgets = {
            "shared_with": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = editor_organisations(user)
        self.fields["owner"].empty_label = None
        self.fields["shared_with"].queryset = Organisation.objects.order_by("name")
        if self.instance.pk:
            self.fields["owner"].disabled = True
            self.initial["mapping_yaml"] = mapping_as_yaml(self.instance)

    def clean_mapping_yaml(self) -> dict[str, Any]:
        return mapping_from_yaml(self.cleaned_data["mapping_yaml"])


class DatasetSharingForm(PersonalNumberGuard, forms.ModelForm):
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
