from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from grogrund.areas.models import Indicator, IndicatorKind
from grogrund.core.forms import IntegerNumberField, NumberField, YearField, confirmed_value
from grogrund.core.validators import PersonalNumberGuard
from grogrund.engine.plausibility import Verdict, check
from grogrund.engine.targets import trajectory
from grogrund.initiatives import values
from grogrund.initiatives.models import OUTCOME_STAGES, EffectNode, Initiative, Stage
from grogrund.initiatives.services import NodeData
from grogrund.programmes.forms import FigureFileForm
from grogrund.programmes.goal_wording import goal_people


class InitiativeForm(PersonalNumberGuard, forms.ModelForm):
    budget = IntegerNumberField(
        label=_("budget (kr)"),
        required=False,
        min_value=0,
        max_value=10**14 - 1,
        suffixes=("kr",),
        help_text=_(
            "The initiative's total cost in kronor; the portfolio review divides it by the "
            "outcomes achieved."
        ),
    )

    class Meta:
        model = Initiative
        fields = ["name", "owner", "status", "target_group", "budget", "method", "description"]
        widgets = {
            "target_group": forms.Textarea(attrs={"rows": 2}),
            "method": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "owner": _("The programme's owner or one of its partners."),
            "target_group": _("Who the initiative is for, e.g. young adults 18–29 without work."),
            "method": _("The method it uses, in a few words."),
        }

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].empty_label = None


class NodeLabel(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: EffectNode) -> str:
        return f"{obj.get_stage_display()}: {obj.text}"


class NodeForm(PersonalNumberGuard, forms.Form):
    """A box of the effect logic. Outcome fields (indicator, baseline, target, goal) count only
    for outcomes; a share is typed in percent."""

    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    text = forms.CharField(label=_("Text"), max_length=300)
    comes_from = NodeLabel(
        queryset=EffectNode.objects.none(),
        label=_("Comes after (links from)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    leads_to = NodeLabel(
        queryset=EffectNode.objects.none(),
        label=_("Leads to"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    indicator = forms.ModelChoiceField(
        queryset=Indicator.objects.order_by("name_sv"),
        label=_("Indicator (outcomes)"),
        required=False,
        help_text=_("The followable indicator that shows the outcome."),
    )
    baseline_value = NumberField(
        label=_("Baseline value"),
        required=False,
        help_text=_("In the indicator's unit; a share in percent (55 for 55 %)."),
    )
    baseline_year = YearField(
        label=_("Baseline year"), required=False, min_value=1900, max_value=2200
    )
    target_value = NumberField(label=_("Target value"), required=False)
    target_year = YearField(label=_("Target year"), required=False, min_value=1900, max_value=2200)
    goal = forms.ModelChoiceField(
        queryset=None,
        label=_("Contributes to the programme goal"),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        initiative: Initiative,
        goals: Any,
        node: EffectNode | None = None,
        **kwargs: Any,
    ) -> None:
        if node is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "stage": node.stage,
                "text": node.text,
                "comes_from": [link.source_id for link in node.incoming.all()],
                "leads_to": [link.target_id for link in node.outgoing.all()],
                "indicator": node.indicator_id,
                "baseline_value": values.to_input(node.indicator, node.baseline_value),
                "baseline_year": node.baseline_year,
                "target_value": values.to_input(node.indicator, node.target_value),
                "target_year": node.target_year,
                "goal": node.goal_id,
            }
        super().__init__(*args, **kwargs)
        others = initiative.nodes.exclude(stage=Stage.ASSUMPTION).order_by("position", "id")
        if node is not None:
            others = others.exclude(pk=node.pk)
        self.fields["comes_from"].queryset = others
        self.fields["leads_to"].queryset = others
        self.fields["goal"].queryset = goals
        self.fields["goal"].label_from_instance = lambda g: (
            gettext("%(indicator)s, %(area)s: %(people)s by %(year)s")
            % {
                "indicator": g.indicator.name,
                "area": g.area.name,
                "people": goal_people(g),
                "year": g.deadline_year,
            }
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        indicator = data.get("indicator")
        if data.get("stage") in OUTCOME_STAGES and values.is_share(indicator):
            for name in ("baseline_value", "target_value"):
                v = data.get(name)
                if v is not None and not 0 <= v <= 100:
                    self.add_error(name, _("A share is given in percent, between 0 and 100."))
        return data

    def node_data(self) -> NodeData:
        d = self.cleaned_data
        indicator = d.get("indicator")
        return NodeData(
            stage=d["stage"],
            text=d["text"],
            indicator=indicator,
            baseline_value=values.from_input(indicator, d.get("baseline_value")),
            baseline_year=d.get("baseline_year"),
            target_value=values.from_input(indicator, d.get("target_value")),
            target_year=d.get("target_year"),
            goal=d.get("goal"),
            comes_from=tuple(d.get("comes_from") or ()),
            leads_to=tuple(d.get("leads_to") or ()),
        )


class OutcomeMeasurementForm(PersonalNumberGuard, forms.Form):
    year = YearField(label=_("Year"), min_value=1900, max_value=2200)
    value = NumberField(label=_("Measured value"))
    source = forms.CharField(label=_("Source"), max_length=300)

    def __init__(
        self, *args: Any, indicator: Any, outcome: EffectNode | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.outcome = outcome
        if values.is_share(indicator):
            self.fields["value"].label = _("Measured value (%)")
            self.fields["value"].min_value = 0
            self.fields["value"].max_value = 100
            self.fields["value"].validators = []
        self.fields["value"].help_text = _("In the indicator's unit; a share in percent.")

    def clean_value(self) -> float:
        v = self.cleaned_data["value"]
        if values.is_share(self.indicator) and not 0 <= v <= 100:
            raise forms.ValidationError(_("A share is given in percent, between 0 and 100."))
        return float(values.from_input(self.indicator, v) or 0.0)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        value, year = data.get("value"), data.get("year")
        if self.outcome is not None and value is not None and year is not None:
            typed = values.to_input(self.indicator, value)
            assert typed is not None
            unit = self.indicator.unit
            if values.is_share(self.indicator):
                unit = "%"
            elif self.indicator.kind == IndicatorKind.MONEY:
                unit = "kr"
            chosen = confirmed_value(
                self, "value", typed, self._plausibility(typed, year), unit=unit
            )
            if chosen is not None and chosen != typed:  # the suggestion was taken
                data["value"] = float(values.from_input(self.indicator, chosen) or 0.0)
        return data

    def _plausibility(self, typed: float, year: int) -> Verdict:
        """`typed` (in the unit people type: percent for a share) beside the outcome's
        baseline, its other measurements and the line from baseline to target."""
        outcome, indicator = self.outcome, self.indicator
        assert outcome is not None
        known = {m.year: m.value for m in outcome.measurements.exclude(year=year)}
        if outcome.baseline_value is not None and outcome.baseline_year is not None:
            known.setdefault(outcome.baseline_year, outcome.baseline_value)
        history = {y: values.to_input(indicator, v) or 0.0 for y, v in known.items()}
        path: dict[int, float] = {}
        b, t = outcome.baseline_value, outcome.target_value
        by, ty = outcome.baseline_year, outcome.target_year
        if b is not None and t is not None and by is not None and ty is not None and ty > by:
            path = {
                y: values.to_input(indicator, v) or 0.0 for y, v in trajectory(b, t, by, ty).items()
            }
        share = values.is_share(indicator)
        return check(
            typed, year, history, path, lower=0 if share else None, upper=100 if share else None
        )


class OutcomeImportForm(FigureFileForm):
    file_help_text = _(
        "CSV (semicolon or comma separated) or Excel (.xlsx), one row per outcome and year."
    )
