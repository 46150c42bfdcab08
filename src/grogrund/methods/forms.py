from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from grogrund.areas.models import Indicator
from grogrund.core.forms import IntegerNumberField, YearField
from grogrund.core.validators import PersonalNumberGuard
from grogrund.initiatives.models import Initiative, Stage
from grogrund.methods import selectors
from grogrund.methods.models import EvidenceLevel, Method, SourceKind
from grogrund.methods.services import NodeSpec, SourceSpec
from grogrund.programmes.models import Programme

#: The stages written one box per line; outcomes have rows of their own (with an indicator).
LINE_STAGES = (
    (Stage.NEED, "need", _("Need (one box per line)")),
    (Stage.ACTIVITY, "activities", _("Activities (one box per line)")),
    (Stage.OUTPUT, "outputs", _("Outputs (one box per line)")),
    (Stage.IMPACT, "impact", _("Impact (one box per line)")),
    (Stage.ASSUMPTION, "assumptions", _("Assumptions (one per line)")),
)
OUTCOME_CHOICES = [
    (Stage.SHORT_TERM, Stage.SHORT_TERM.label),
    (Stage.LONG_TERM, Stage.LONG_TERM.label),
]
#: Empty rows offered beyond those filled in.
SPARE_ROWS = 2
MIN_OUTCOME_ROWS = 3
MIN_SOURCE_ROWS = 2


class IndicatorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Indicator) -> str:
        return obj.name


class ValueBankEntriesField(forms.MultipleChoiceField):
    """Entries of the value bank, by id. An id the bank does not have is refused naming the
    entry, with the message the service gives (services.save_method), not Django's generic
    "select a valid choice"."""

    def validate(self, value: Any) -> None:
        unknown = [str(v) for v in value or () if not self.valid_value(v)]
        if unknown:
            raise forms.ValidationError(
                gettext("The value bank has no entry “%(entry)s”.") % {"entry": ", ".join(unknown)},
                code="invalid_choice",
            )
        super().validate(value)


class MethodForm(PersonalNumberGuard, forms.Form):
    """A method with its template and sources in one form. Outcomes and sources are rows of
    fields (outcome_1_text…, source_1_title…); a row left empty is no box, no source."""

    name = forms.CharField(label=_("Name"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the method is, in two or three sentences, in your own words."),
    )
    problem = forms.CharField(
        label=_("Problem it addresses"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    target_group = forms.CharField(
        label=_("Target group"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    steps = forms.MultipleChoiceField(
        label=_("Steps of the model it serves"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cost_per_participant_sek = IntegerNumberField(
        label=_("Typical cost per participant (kr)"),
        required=False,
        min_value=0,
        max_value=10**9,
        suffixes=("kr",),
    )
    months_to_effect = IntegerNumberField(
        label=_("Typical time to effect (months)"), required=False, min_value=0, max_value=600
    )
    value_bank_entries = ValueBankEntriesField(
        label=_("Value-bank entries that fit its outcomes"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    evidence_level = forms.TypedChoiceField(
        label=_("Evidence level"),
        choices=EvidenceLevel.choices,
        coerce=int,
        initial=EvidenceLevel.IDEA,
        widget=forms.RadioSelect,
        help_text=_("See the evidence ladder; the curators decide the level when publishing."),
    )
    evidence_note = forms.CharField(
        label=_("Why this evidence level"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args: Any, method: Method, user: Any, **kwargs: Any) -> None:
        self.method = method
        initial = kwargs.pop("initial", None) or self._initial(method)
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["steps"].choices = selectors.step_choices()
        self.fields["value_bank_entries"].choices = selectors.value_bank_choices()
        if method.pk is None:
            owners = selectors.proposing_organisations(user)
            self.fields["owner"] = forms.ModelChoiceField(
                queryset=owners,
                label=_("Proposed by"),
                empty_label=None,
                help_text=_("The organisation on whose behalf you propose the method."),
            )
        for _stage, key, label in LINE_STAGES:
            self.fields[key] = forms.CharField(
                label=label, widget=forms.Textarea(attrs={"rows": 2}), required=False
            )
        indicators = selectors.indicator_choices()
        for i in range(1, self.outcome_rows + 1):
            self.fields[f"outcome_{i}_stage"] = forms.ChoiceField(
                label=_("Stage"), choices=OUTCOME_CHOICES, required=False
            )
            self.fields[f"outcome_{i}_text"] = forms.CharField(
                label=_("Outcome"), max_length=300, required=False
            )
            self.fields[f"outcome_{i}_indicator"] = IndicatorChoice(
                queryset=indicators, label=_("Suggested indicator"), required=False
            )
        for i in range(1, self.source_rows + 1):
            self.fields[f"source_{i}_kind"] = forms.ChoiceField(
                label=_("Kind"), choices=SourceKind.choices, required=False
            )
            self.fields[f"source_{i}_title"] = forms.CharField(
                label=_("Title"), max_length=300, required=False
            )
            self.fields[f"source_{i}_publisher"] = forms.CharField(
                label=_("Publisher"), max_length=200, required=False
            )
            self.fields[f"source_{i}_year"] = YearField(
                label=_("Year"), required=False, min_value=1800, max_value=2100
            )
            self.fields[f"source_{i}_url"] = forms.URLField(
                label=_("Link"), max_length=500, required=False, assume_scheme="https"
            )

    # --- rows --------------------------------------------------------------------------------

    def _initial(self, method: Method) -> dict[str, Any]:
        if method.pk is None:
            self.outcome_rows, self.source_rows = MIN_OUTCOME_ROWS, MIN_SOURCE_ROWS
            return {}
        nodes = list(method.template_nodes.all())
        sources = list(method.sources.all())
        data: dict[str, Any] = {
            "name": method.name,
            "summary": method.summary,
            "problem": method.problem,
            "target_group": method.target_group,
            "steps": method.steps,
            "cost_per_participant_sek": method.cost_per_participant_sek,
            "months_to_effect": method.months_to_effect,
            "value_bank_entries": method.value_bank_entries,
            "evidence_level": method.evidence_level,
            "evidence_note": method.evidence_note,
        }
        for stage, key, _label in LINE_STAGES:
            data[key] = "\n".join(n.text for n in nodes if n.stage == stage)
        outcomes = [n for n in nodes if n.stage in (Stage.SHORT_TERM, Stage.LONG_TERM)]
        for i, node in enumerate(outcomes, start=1):
            data[f"outcome_{i}_stage"] = node.stage
            data[f"outcome_{i}_text"] = node.text
            data[f"outcome_{i}_indicator"] = node.indicator_id
        for i, source in enumerate(sources, start=1):
            data[f"source_{i}_kind"] = source.kind
            data[f"source_{i}_title"] = source.title
            data[f"source_{i}_publisher"] = source.publisher
            data[f"source_{i}_year"] = source.year
            data[f"source_{i}_url"] = source.url
        self.outcome_rows = max(MIN_OUTCOME_ROWS, len(outcomes) + SPARE_ROWS)
        self.source_rows = max(MIN_SOURCE_ROWS, len(sources) + SPARE_ROWS)
        return data

    def outcome_fields(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"outcome_{i}_{part}"] for part in ("stage", "text", "indicator")]
            for i in range(1, self.outcome_rows + 1)
        ]

    def source_fields(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"source_{i}_{part}"] for part in ("kind", "title", "publisher", "year", "url")]
            for i in range(1, self.source_rows + 1)
        ]

    def line_fields(self) -> list[forms.BoundField]:
        return [self[key] for _stage, key, _label in LINE_STAGES]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for i in range(1, self.outcome_rows + 1):
            if (
                data.get(f"outcome_{i}_indicator")
                and not (data.get(f"outcome_{i}_text") or "").strip()
            ):
                self.add_error(
                    f"outcome_{i}_text", gettext("Write the outcome the indicator follows.")
                )
        for i in range(1, self.source_rows + 1):
            filled = any(data.get(f"source_{i}_{p}") for p in ("publisher", "year", "url"))
            if filled and not (data.get(f"source_{i}_title") or "").strip():
                self.add_error(f"source_{i}_title", gettext("Give the source's title."))
        return data

    # --- what the services take --------------------------------------------------------------

    def apply(self, method: Method) -> Method:
        d = self.cleaned_data
        for name in ("name", "summary", "problem", "target_group", "evidence_note"):
            setattr(method, name, d.get(name) or "")
        method.evidence_level = d.get("evidence_level") or method.evidence_level
        method.cost_per_participant_sek = d.get("cost_per_participant_sek")
        method.months_to_effect = d.get("months_to_effect")
        method.steps = list(d.get("steps") or [])
        method.value_bank_entries = list(d.get("value_bank_entries") or [])
        if method.pk is None:
            method.owner = d["owner"]
        return method

    def nodes(self) -> list[NodeSpec]:
        d = self.cleaned_data
        out: list[NodeSpec] = []
        lines = {stage: key for stage, key, _label in LINE_STAGES}
        for stage in (Stage.NEED, Stage.ACTIVITY, Stage.OUTPUT):
            out += [NodeSpec(stage, t) for t in _lines(d.get(lines[stage]))]
        for i in range(1, self.outcome_rows + 1):
            text = (d.get(f"outcome_{i}_text") or "").strip()
            if text:
                stage = d.get(f"outcome_{i}_stage") or Stage.SHORT_TERM
                out.append(NodeSpec(stage, text, d.get(f"outcome_{i}_indicator")))
        for stage in (Stage.IMPACT, Stage.ASSUMPTION):
            out += [NodeSpec(stage, t) for t in _lines(d.get(lines[stage]))]
        return out

    def sources(self) -> list[SourceSpec]:
        d = self.cleaned_data
        return [
            SourceSpec(
                kind=d.get(f"source_{i}_kind") or SourceKind.REPORT,
                title=(d.get(f"source_{i}_title") or "").strip(),
                publisher=d.get(f"source_{i}_publisher") or "",
                year=d.get(f"source_{i}_year"),
                url=d.get(f"source_{i}_url") or "",
            )
            for i in range(1, self.source_rows + 1)
            if (d.get(f"source_{i}_title") or "").strip()
        ]


def _lines(text: str | None) -> list[str]:
    return [line.strip(" -•\t") for line in (text or "").splitlines() if line.strip(" -•\t")]


class ReviewForm(PersonalNumberGuard, forms.Form):
    evidence_level = forms.TypedChoiceField(
        label=_("Evidence level"),
        choices=EvidenceLevel.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment to the proposing organisation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Needed when you return the proposal: say what to change."),
    )


class CommentForm(PersonalNumberGuard, forms.Form):
    comment = forms.CharField(
        label=_("Why is the method withdrawn?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ProgrammeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Programme) -> str:
        return f"{obj.name} ({obj.owner.name})"


class StartForm(PersonalNumberGuard, forms.Form):
    programme = ProgrammeChoice(queryset=Programme.objects.none(), label=_("Programme"))
    name = forms.CharField(
        label=_("Name of the initiative"),
        max_length=200,
        help_text=_("You can change it and everything copied from the method afterwards."),
    )

    def __init__(self, *args: Any, programmes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes


class InitiativeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Initiative) -> str:
        used = f" – {obj.method_ref.name}" if obj.method_ref_id and obj.method_ref else ""
        return f"{obj.programme.name}: {obj.name}{used}"


class LinkForm(PersonalNumberGuard, forms.Form):
    initiative = InitiativeChoice(queryset=Initiative.objects.none(), label=_("Initiative"))

    def __init__(self, *args: Any, initiatives: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = initiatives


class ParticipationForm(PersonalNumberGuard, forms.Form):
    year = YearField(label=_("Year"), min_value=1990, max_value=2100)
    participants = IntegerNumberField(label=_("Participants"), min_value=0, max_value=10**7)
    reached_outcome = IntegerNumberField(
        label=_("Participants who reached the outcome"),
        required=False,
        min_value=0,
        max_value=10**7,
        help_text=_("For example in work or studies, or eligible for upper-secondary school."),
    )
    cost_sek = IntegerNumberField(
        label=_("Cost of the year (kr)"),
        required=False,
        min_value=0,
        max_value=10**12,
        suffixes=("kr",),
        help_text=_("Leave empty to count the initiative's budget instead."),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        help_text=_("Where the figures come from, e.g. the coaches' follow-up 2024."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        p, r = data.get("participants"), data.get("reached_outcome")
        if p is not None and r is not None and r > p:
            self.add_error(
                "reached_outcome",
                gettext("More cannot reach the outcome than took part: check the two numbers."),
            )
        return data


class LibraryFilter(PersonalNumberGuard, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    step = forms.ChoiceField(label=_("Step of the model"), required=False, choices=())
    evidence = forms.TypedChoiceField(
        label=_("Evidence at least"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=(),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [("", gettext("All steps")), *selectors.step_choices()]
        self.fields["evidence"].choices = [("", gettext("Any level")), *EvidenceLevel.choices]


class AreaSearch(PersonalNumberGuard, forms.Form):
    q = forms.CharField(
        label=_("Area (name or code)"),
        max_length=100,
        help_text=_("A DeSO or a RegSO, for example “Rinkeby” or “0180C6070”."),
    )
