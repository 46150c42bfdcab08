"""The web import of tenant surveys (Importera hyresgästenkät): answer counts per scale step
into indices, with the survey definition given as fields or taken from a saved template.

Thin: the form turns its fields into a survey definition (sources.survey.SurveyDefinition),
`areas.surveys.import_survey` writes, as the command line does.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grogrund.accounts.access import editor_organisations, visible
from grogrund.accounts.models import Organisation, Visibility
from grogrund.areas import surveys
from grogrund.areas.models import ImportKind, ImportTemplate
from grogrund.areas.readers import ReadRequest
from grogrund.core.errors import user_message
from grogrund.core.forms import IntegerNumberField
from grogrund.core.uploads import NOT_A_TABLE, checked_upload, upload_on_disk
from grogrund.core.validators import PersonalNumberGuard
from grogrund.sources.errors import SourceError
from grogrund.sources.survey import DEFAULT_DONT_KNOW, MIN_RESPONDENTS, SurveyDefinition

_SPLIT = re.compile(r"[;,]")


class SurveyImportForm(PersonalNumberGuard, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV or Excel (.xlsx) with the number of answers at each scale step, per area and "
            "question."
        ),
    )
    template = forms.ModelChoiceField(
        queryset=ImportTemplate.objects.none(),
        required=False,
        label=gettext_lazy("Saved survey template"),
        help_text=gettext_lazy(
            "Use a saved survey definition; the definition fields below are then not needed "
            "(a period given below replaces the template's)."
        ),
    )
    owner = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=gettext_lazy("Organisation"), empty_label=None
    )
    dataset = forms.CharField(label=gettext_lazy("Dataset name"), max_length=200)
    source = forms.CharField(
        label=gettext_lazy("Source"),
        max_length=300,
        help_text=gettext_lazy("For example 'AktivBo hyresgästenkät 2024'."),
    )
    visibility = forms.ChoiceField(
        label=gettext_lazy("Shared with"), choices=Visibility.choices, initial=Visibility.PRIVATE
    )
    period = forms.CharField(label=gettext_lazy("Period"), max_length=16, required=False)
    layout = forms.ChoiceField(
        required=False,
        label=gettext_lazy("Layout"),
        choices=[
            ("wide", gettext_lazy("Wide: one column per scale step (1, 2, 3, 4, Vet ej)")),
            ("long", gettext_lazy("Long: one row per step, with a step and a count column")),
        ],
        initial="wide",
    )
    area_column = forms.CharField(
        label=gettext_lazy("Column: area code"), initial="area", required=False
    )
    question_column = forms.CharField(
        label=gettext_lazy("Column: question"), initial="question", required=False
    )
    step_column = forms.CharField(
        label=gettext_lazy("Column: step (long layout)"), initial="step", required=False
    )
    count_column = forms.CharField(
        label=gettext_lazy("Column: count (long layout)"), initial="count", required=False
    )
    invited_column = forms.CharField(
        label=gettext_lazy("Column: number invited (optional)"), required=False
    )
    points = IntegerNumberField(
        label=gettext_lazy("Scale points"), min_value=2, max_value=11, initial=4, required=False
    )
    top_steps = forms.CharField(
        label=gettext_lazy("Top steps"),
        required=False,
        help_text=gettext_lazy(
            "The steps the index counts, e.g. 3, 4. Empty: the top two steps of the scale."
        ),
    )
    dont_know = forms.CharField(
        label=gettext_lazy("Don't know and no answer"),
        initial="Vet ej; Ej svar",
        required=False,
        help_text=gettext_lazy(
            "Labels kept apart from the index, separated by semicolons. Empty: Vet ej, Ej svar, "
            "Ingen åsikt, Ej aktuellt."
        ),
    )
    ignore_columns = forms.CharField(
        label=gettext_lazy("Columns to leave out"),
        required=False,
        help_text=gettext_lazy(
            "Other columns of a wide file, such as the question text, separated by semicolons."
        ),
    )
    indices = forms.CharField(
        label=gettext_lazy("Indices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "One index per line: code; questions; Swedish name; English name. For example: "
            "trygghetsindex; Q3 Q7 Q9; Trygghetsindex; Safety index. Questions of one index "
            "are pooled. Each index writes its share in the top steps (code) and its mean on "
            "0–100 (code_medel)."
        ),
    )
    respondents_code = forms.CharField(
        label=gettext_lazy("Indicator for the number of respondents"),
        required=False,
        initial="enkat_svarande",
    )
    response_rate_code = forms.CharField(
        label=gettext_lazy("Indicator for the response rate"),
        required=False,
        help_text=gettext_lazy("Needs the number invited: a column or the number below."),
    )
    invited = IntegerNumberField(
        label=gettext_lazy("Number invited (whole file)"), min_value=1, required=False
    )
    min_respondents = IntegerNumberField(
        label=gettext_lazy("Fewest respondents shown"),
        min_value=1,
        initial=MIN_RESPONDENTS,
        required=False,
    )
    save_as = forms.CharField(
        label=gettext_lazy("Save the definition as template"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("A name, to use the same definition for next year's survey."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = editor_organisations(user)
        self.fields["template"].queryset = visible(
            ImportTemplate.objects.filter(kind=ImportKind.SURVEY), user
        ).order_by("name")
        self.definition: SurveyDefinition | None = None
        self.definition_name = _("survey definition")

    def clean_file(self) -> Any:
        return checked_upload(
            self.cleaned_data["file"],
            (".csv", ".xlsx", ".txt"),
            wrong_kind=NOT_A_TABLE,
            too_large=gettext_lazy("The file is too large for a web upload; use the command line."),
        )

    def _fields_definition(self, data: dict[str, Any]) -> dict[str, Any]:
        indices = []
        for number, line in enumerate((data.get("indices") or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(";")]
            if len(parts) < 2 or not parts[0] or not parts[1]:
                raise forms.ValidationError(
                    _(
                        "Line %(line)s of the indices is not 'code; questions; Swedish name; "
                        "English name'."
                    ),
                    params={"line": number},
                )
            code, questions = parts[0], [q for q in re.split(r"[\s,]+", parts[1]) if q]
            name_sv = parts[2] if len(parts) > 2 and parts[2] else code
            name_en = parts[3] if len(parts) > 3 and parts[3] else name_sv
            indices.append(
                {
                    "questions": questions,
                    "share": {"code": code, "name_sv": name_sv, "name_en": name_en},
                    "mean": {
                        "code": f"{code}_medel",
                        "name_sv": f"{name_sv}, medelvärde 0–100",
                        "name_en": f"{name_en}, mean 0–100",
                    },
                }
            )
        if not indices:
            raise forms.ValidationError(_("Give at least one index, or choose a saved template."))
        columns: dict[str, Any] = {
            "area": data.get("area_column") or "area",
            "question": data.get("question_column") or "question",
        }
        if data.get("layout") == "long":
            columns["step"] = data.get("step_column") or None
            columns["count"] = data.get("count_column") or None
        if data.get("invited_column"):
            columns["invited"] = data["invited_column"]
        definition: dict[str, Any] = {
            "layout": data.get("layout") or "wide",
            "columns": columns,
            "period": data.get("period") or None,
            "points": data.get("points") or 4,
            "dont_know": [t.strip() for t in (data.get("dont_know") or "").split(";") if t.strip()]
            or list(DEFAULT_DONT_KNOW),
            "indices": indices,
            "min_respondents": data.get("min_respondents") or MIN_RESPONDENTS,
        }
        ignored = [t.strip() for t in (data.get("ignore_columns") or "").split(";")]
        if any(ignored):
            definition["ignore_columns"] = [t for t in ignored if t]
        top = [t for t in _SPLIT.split(data.get("top_steps") or "") if t.strip()]
        if top:
            try:
                definition["top_steps"] = [int(t) for t in top]
            except ValueError:
                raise forms.ValidationError(
                    _("Top steps are whole numbers separated by commas, such as 3, 4.")
                ) from None
        if data.get("respondents_code"):
            definition["respondents"] = {
                "code": data["respondents_code"],
                "name_sv": "Antal svarande",
                "name_en": "Respondents",
            }
        if data.get("response_rate_code"):
            definition["response_rate"] = {
                "code": data["response_rate_code"],
                "name_sv": "Svarsfrekvens",
                "name_en": "Response rate",
            }
        if data.get("invited"):
            definition["invited"] = data["invited"]
        return definition

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        template = data.get("template")
        if template is not None:
            mapping = dict(template.mapping)
            if data.get("period"):
                mapping["period"] = data["period"]
            self.definition_name = template.name
        else:
            mapping = self._fields_definition(data)
        try:
            self.definition = SurveyDefinition.from_dict(mapping, file=self.definition_name)
        except SourceError as err:
            raise forms.ValidationError(user_message(err)) from err
        return data


@login_required
def survey_import(request: HttpRequest) -> HttpResponse:
    form = SurveyImportForm(request.POST or None, request.FILES or None, user=request.user)
    outcome = None
    error = None
    template = None
    if request.method == "POST" and form.is_valid() and form.definition is not None:
        data = form.cleaned_data
        suffix = ".xlsx" if data["file"].name.lower().endswith(".xlsx") else ".csv"
        try:
            with upload_on_disk(data["file"], f"enkat{suffix}") as path:
                mapping = form.definition.model_dump(mode="json", exclude_none=True)
                outcome = surveys.import_survey(
                    request=ReadRequest(
                        kind="survey",
                        files=[path],
                        mapping=mapping,
                        mapping_name=form.definition_name,
                    ),
                    owner=data["owner"],
                    dataset_name=data["dataset"],
                    source=data["source"],
                    user=request.user,
                    visibility=data["visibility"],
                )
            if data.get("save_as"):
                template = surveys.save_survey_template(
                    user=request.user,
                    owner=data["owner"],
                    name=data["save_as"],
                    definition=form.definition,
                )
        except SourceError as err:
            error = user_message(err)
    return render(
        request,
        "areas/survey_import.html",
        {
            "form": form,
            "outcome": outcome,
            "result": outcome.result if outcome else None,
            "warnings": outcome.warning_texts if outcome else [],
            "error": error,
            "template": template,
        },
        status=400 if error else 200,
    )
