"""The initiative page's picture of its effect logic, drawn by grogrund.charts.effect_logic."""

from __future__ import annotations

from django.utils.translation import gettext as _

from grogrund.charts import Series, line_chart
from grogrund.charts.effect_logic import Arrow, Box, effect_logic_diagram
from grogrund.initiatives import values
from grogrund.initiatives.models import CHAIN, OUTCOME_STAGES, EffectNode, Initiative, Stage
from grogrund.initiatives.validation import Validation


def effect_logic_svg(initiative: Initiative, validation: Validation) -> str:
    nodes = list(initiative.nodes.all())
    latest: dict[int, tuple[int, float]] = {}
    for m in initiative.outcome_measurements.all():
        if m.outcome_id not in latest or m.year > latest[m.outcome_id][0]:
            latest[m.outcome_id] = (m.year, m.value)
    boxes = []
    for n in nodes:
        if n.stage not in CHAIN:
            continue
        details: list[str] = []
        if n.stage in OUTCOME_STAGES:
            if n.indicator is not None:
                details.append(n.indicator.name)
            if n.baseline_value is not None or n.target_value is not None:
                details.append(
                    _("%(b)s (%(by)s) → %(t)s (%(ty)s)")
                    % {
                        "b": values.show(n.indicator, n.baseline_value),
                        "by": n.baseline_year or "–",
                        "t": values.show(n.indicator, n.target_value),
                        "ty": n.target_year or "–",
                    }
                )
            if n.pk in latest:
                year, value = latest[n.pk]
                details.append(
                    _("measured %(value)s (%(year)s)")
                    % {"value": values.show(n.indicator, value), "year": year}
                )
            if n.goal is not None:
                details.append(_("goal: %(goal)s") % {"goal": n.goal.indicator.name})
        problems = [i for i in validation.for_node(n.pk) if i.severity == "error"]
        boxes.append(
            Box(
                key=n.pk,
                column=CHAIN.index(Stage(n.stage)),
                text=n.text,
                details=tuple(details),
                problem=_short_problem(problems[0].code) if problems else "",
            )
        )
    bad_links = validation.problem_links
    arrows = [
        Arrow(link.source_id, link.target_id, problem=link.pk in bad_links)
        for link in initiative.links.all()
    ]
    present = {n.stage for n in nodes}
    return effect_logic_diagram(
        [str(Stage(s).label) for s in CHAIN],
        boxes,
        arrows,
        title=_("Effect logic: %(name)s") % {"name": initiative.name},
        empty_label=_("missing"),
        notes=[n.text for n in nodes if n.stage == Stage.ASSUMPTION],
        notes_title=str(Stage.ASSUMPTION.label),
        missing_columns=[k for k, s in enumerate(CHAIN) if s not in present],
        uid=f"el{initiative.pk}",
    )


def _short_problem(code: str) -> str:
    return {
        "outcome_without_indicator": _("No indicator"),
        "outcome_without_baseline": _("No baseline"),
        "outcome_without_target": _("No target"),
        "target_year_not_after_baseline": _("Target year before baseline"),
        "target_not_better": _("Target no better than baseline"),
        "activity_leads_nowhere": _("Leads to no outcome"),
        "impact_unreached": _("Nothing leads here"),
        "backwards": _("Link goes backwards"),
        "cycle": _("Part of a loop"),
    }.get(code, _("Incomplete"))


def outcome_chart(outcome: EffectNode) -> str:
    """An outcome's measured values against the straight trajectory from baseline to target."""
    indicator = outcome.indicator
    series = []
    if (
        outcome.baseline_value is not None
        and outcome.baseline_year is not None
        and outcome.target_value is not None
        and outcome.target_year is not None
        and outcome.target_year > outcome.baseline_year
    ):
        span = outcome.target_year - outcome.baseline_year
        series.append(
            Series(
                label=_("Trajectory from baseline to target"),
                points=[
                    (
                        str(outcome.baseline_year + k),
                        outcome.baseline_value
                        + (outcome.target_value - outcome.baseline_value) * k / span,
                    )
                    for k in range(span + 1)
                ],
            )
        )
    series.append(
        Series(
            label=_("Measured"),
            emphasis=True,
            points=[(str(m.year), m.value) for m in outcome.measurements.order_by("year")],
        )
    )
    return line_chart(
        series,
        title=_("%(outcome)s: measured against the target") % {"outcome": outcome.text},
        format_y=lambda v: values.show(indicator, v),
    )
