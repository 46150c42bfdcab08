"""Reads for initiatives, with access applied: an initiative, its effect logic and its outcome
follow-up are seen by whoever sees the programme (programmes_for) and changed by editors of the
programme's owner; outcome measurements also by editors of the organisation that runs the
initiative (a partner, can_edit_as_partner)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from grogrund.accounts.access import can_edit_as_partner, can_edit_programme, partner_ids
from grogrund.accounts.models import Organisation
from grogrund.areas.models import Area
from grogrund.areas.profile import build_profile
from grogrund.engine.portfolio import (
    InitiativeFacts,
    OutcomeFacts,
    OutcomeResult,
    PortfolioReview,
    review_outcome,
    review_portfolio,
)
from grogrund.engine.targets import Direction
from grogrund.initiatives.models import (
    OUTCOME_STAGES,
    EffectLink,
    EffectNode,
    Initiative,
    InitiativeStatus,
    OutcomeMeasurement,
)
from grogrund.initiatives.validation import Validation, validate
from grogrund.programmes.models import ChangeAction, ChangeLog, Goal, Measurement, Programme
from grogrund.programmes.selectors import (
    editable_programmes_for,
    programme_areas_for,
    programmes_for,
)


def initiatives_for(user: Any) -> QuerySet[Initiative]:
    return Initiative.objects.filter(programme__in=programmes_for(user)).select_related(
        "programme", "owner"
    )


def editable_initiatives_for(user: Any) -> QuerySet[Initiative]:
    return initiatives_for(user).filter(programme__in=editable_programmes_for(user))


def with_effect_logic(qs: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """Prefetch what validation, the diagram and the API read, in a fixed number of queries."""
    return qs.prefetch_related(
        Prefetch(
            "nodes",
            queryset=EffectNode.objects.select_related(
                "indicator", "goal__indicator", "goal__area"
            ).order_by("position", "id"),
        ),
        # A goal's measurements count for the outcomes linked to it (outcome_values).
        Prefetch("nodes__goal__measurements", queryset=Measurement.objects.order_by("year")),
        Prefetch("links", queryset=EffectLink.objects.order_by("id")),
        Prefetch("outcome_measurements", queryset=OutcomeMeasurement.objects.order_by("year")),
    )


def programme_initiatives(programme: Programme) -> QuerySet[Initiative]:
    return with_effect_logic(
        Initiative.objects.filter(programme=programme).select_related("owner", "programme")
    ).order_by("name")


def can_edit_initiatives(user: Any, programme: Programme) -> bool:
    """Editors of the programme's owner create and change its initiatives and effect logic."""
    return can_edit_programme(user, programme)


def can_edit(user: Any, initiative: Initiative) -> bool:
    return can_edit_initiatives(user, initiative.programme)


def can_record_outcomes(user: Any, initiative: Initiative) -> bool:
    """Editors of the programme's owner, and editors of the partner that runs the initiative."""
    return can_edit_as_partner(user, initiative.programme, initiative.owner_id)


def owner_choices(programme: Programme) -> QuerySet[Organisation]:
    """An initiative is run by the programme's owner or one of its partners."""
    return Organisation.objects.filter(id__in=partner_ids(programme)).order_by("name")


def goal_choices(programme: Programme) -> QuerySet[Goal]:
    return Goal.objects.filter(programme=programme).select_related("indicator", "area")


def validation_of(initiative: Initiative) -> Validation:
    return validate(list(initiative.nodes.all()), list(initiative.links.all()))


def initiative_history(initiative: Initiative) -> QuerySet[ChangeLog]:
    """Changes of the initiative and of every node, link and outcome measurement it has had
    (also those deleted since: their snapshots name the initiative)."""
    pk = initiative.pk
    parts = Q(before__initiative=pk) | Q(after__initiative=pk)
    return (
        ChangeLog.objects.filter(programme_id=initiative.programme_id)
        .filter(
            Q(object_type="initiative", object_id=pk)
            | (Q(object_type__in=["effectnode", "effectlink", "outcomemeasurement"]) & parts)
        )
        .select_related("user")
    )


def outcome_history(outcome: EffectNode) -> QuerySet[ChangeLog]:
    pk = outcome.pk
    return (
        ChangeLog.objects.filter(programme_id=outcome.initiative.programme_id)
        .filter(
            Q(object_type="effectnode", object_id=pk)
            | Q(object_type="outcomemeasurement") & (Q(before__outcome=pk) | Q(after__outcome=pk))
        )
        .select_related("user")
    )


@dataclass(frozen=True)
class OutcomeValue:
    """One measured value of an outcome in one year, in its indicator's scale: the outcome's
    own (`measurement`), or the measurement of the programme goal it is linked to (`goal`)."""

    year: int
    value: float
    source: str
    measurement: OutcomeMeasurement | None = None
    goal: Goal | None = None

    @property
    def from_goal(self) -> bool:
        return self.goal is not None


def goal_measurement_source(goal: Goal, measurement: Measurement) -> str:
    """The source shown for a goal's measurement counted as an outcome's value."""
    return _("measurement of the goal %(goal)s (%(source)s)") % {
        "goal": f"{goal.indicator.name}, {goal.area.name}",
        "source": measurement.source,
    }


def outcome_values(node: EffectNode, own: Sequence[OutcomeMeasurement]) -> list[OutcomeValue]:
    """The outcome's values by year, oldest first. The rule: a measurement of the goal the
    outcome is linked to counts as the outcome's value when the outcome follows the goal's
    indicator (the same figure in the same scale); in a year with both, the outcome's own
    value takes precedence, and across years the newest value is the latest. One value per
    year, so nothing is counted twice."""
    by_year = {m.year: OutcomeValue(m.year, m.value, m.source, measurement=m) for m in own}
    goal = node.goal
    if (
        goal is not None
        and node.indicator_id is not None
        and node.indicator_id == goal.indicator_id
    ):
        for gm in goal.measurements.all():
            if gm.year not in by_year:
                by_year[gm.year] = OutcomeValue(
                    gm.year, gm.value, goal_measurement_source(goal, gm), goal=goal
                )
    return [by_year[y] for y in sorted(by_year)]


def outcome_facts(
    node: EffectNode, measurements: Sequence[OutcomeMeasurement | OutcomeValue]
) -> OutcomeFacts | None:
    """The engine's view of an outcome; None while its indicator, baseline or target is
    missing. The latest measurement counts."""
    if (
        node.indicator is None
        or node.baseline_value is None
        or node.baseline_year is None
        or node.target_value is None
        or node.target_year is None
    ):
        return None
    latest = measurements[-1] if measurements else None
    return OutcomeFacts(
        name=node.text,
        direction=Direction(node.indicator.direction),
        baseline=node.baseline_value,
        baseline_year=node.baseline_year,
        target=node.target_value,
        target_year=node.target_year,
        actual=latest.value if latest else None,
        actual_year=latest.year if latest else None,
    )


@dataclass(frozen=True)
class MeasurementRow:
    measurement: OutcomeMeasurement
    result: OutcomeResult | None  # the measurement against baseline → target


def measurement_rows(node: EffectNode) -> list[MeasurementRow]:
    """Each measured year against the outcome's baseline, trajectory and target."""
    rows = []
    for m in node.measurements.order_by("year"):
        facts = outcome_facts(node, [m])
        result = review_outcome(facts, None) if facts is not None else None
        rows.append(MeasurementRow(m, result))
    return rows


def _measurements_by_outcome(initiative: Initiative) -> dict[int, list[OutcomeMeasurement]]:
    out: dict[int, list[OutcomeMeasurement]] = {}
    for m in initiative.outcome_measurements.all():
        out.setdefault(m.outcome_id, []).append(m)
    for ms in out.values():
        ms.sort(key=lambda m: m.year)
    return out


@dataclass(frozen=True)
class OutcomeRow:
    node: EffectNode
    result: OutcomeResult | None
    latest: OutcomeValue | None


def outcome_rows(initiative: Initiative) -> list[OutcomeRow]:
    """The initiative's outcomes with their latest measurement against baseline → target."""
    by_outcome = _measurements_by_outcome(initiative)
    rows = []
    for node in initiative.nodes.all():
        if node.stage not in OUTCOME_STAGES:
            continue
        ms = outcome_values(node, by_outcome.get(node.pk, []))
        facts = outcome_facts(node, ms)
        budget = float(initiative.budget) if initiative.budget is not None else None
        result = review_outcome(facts, budget) if facts is not None else None
        rows.append(OutcomeRow(node, result, ms[-1] if ms else None))
    return rows


@dataclass(frozen=True)
class PortfolioRow:
    initiative: Initiative
    review: Any  # engine.portfolio.InitiativeReview
    nodes: dict[int, EffectNode]
    latest: dict[int, OutcomeValue]  # the latest value of each outcome that has one


def portfolio(
    programme: Programme, initiatives: list[Initiative] | None = None
) -> tuple[list[PortfolioRow], PortfolioReview]:
    """Every initiative of the programme reviewed by engine.portfolio (`initiatives`: the
    programme's initiatives already read with `programme_initiatives`)."""
    if initiatives is None:
        initiatives = list(programme_initiatives(programme))
    facts = []
    node_of: dict[int, dict[int, EffectNode]] = {}
    latest_of: dict[int, dict[int, OutcomeValue]] = {}
    for i in initiatives:
        by_outcome = _measurements_by_outcome(i)
        outcomes = []
        node_of[i.pk] = {}
        latest_of[i.pk] = {}
        for node in i.nodes.all():
            if node.stage not in OUTCOME_STAGES:
                continue
            values = outcome_values(node, by_outcome.get(node.pk, []))
            f = outcome_facts(node, values)
            if f is not None:
                if values:
                    latest_of[i.pk][len(outcomes)] = values[-1]
                node_of[i.pk][len(outcomes)] = node
                outcomes.append(f)
        facts.append(
            InitiativeFacts(
                key=i.pk,
                name=i.name,
                budget_sek=float(i.budget) if i.budget is not None else None,
                outcomes=tuple(outcomes),
                stopped=i.status == InitiativeStatus.STOPPED,
            )
        )
    review = review_portfolio(facts)
    rows = [
        PortfolioRow(i, r, node_of[i.pk], latest_of[i.pk])
        for i, r in zip(initiatives, review.reviews, strict=True)
    ]
    return rows, review


@dataclass(frozen=True)
class TableRow:
    initiative: Initiative
    validation: Validation
    suggestion: str  # engine.portfolio.Suggestion value


def table_rows(programme: Programme) -> list[TableRow]:
    """The programme's initiatives with their effect logic's completeness and the portfolio
    review's suggestion (the programme page and the list)."""
    initiatives = list(programme_initiatives(programme))
    rows, _review = portfolio(programme, initiatives)
    return [
        TableRow(r.initiative, validation_of(r.initiative), r.review.suggestion.value) for r in rows
    ]


@dataclass(frozen=True)
class StatisticsYear:
    year: int
    value: float
    source: str


@dataclass(frozen=True)
class AreaSeries:
    area: Area
    years: list[StatisticsYear]


def area_statistics(user: Any, outcome: EffectNode) -> list[AreaSeries]:
    """The outcome's indicator in the programme's areas, year by year, as the area profile
    shows it to `user` (custom areas summed from their parts, small groups suppressed)."""
    if outcome.indicator_id is None:
        return []
    out = []
    for area in programme_areas_for(user, outcome.initiative.programme):
        profile = build_profile(area, user, chain=[])
        row = next((r for r in profile.rows if r.indicator.pk == outcome.indicator_id), None)
        if row is None:
            continue
        years = []
        for p in row.series.get(area.code, []):
            if p.value is None or p.suppressed:
                continue
            try:
                year = int(p.period[:4])
            except ValueError:
                continue
            if len(p.period) == 4:  # whole years only: a quarter is not a year's value
                years.append(StatisticsYear(year, float(p.value), p.source))
        if years:
            out.append(AreaSeries(area, years))
    return out


def outcomes_of(initiative: Initiative) -> list[EffectNode]:
    """The initiative's outcomes (short- and long-term) in the effect logic's order."""
    return [n for n in initiative.nodes.all() if n.stage in OUTCOME_STAGES]


def template_rows(initiative: Initiative) -> list[tuple[str, str, str, str]]:
    """One row per outcome with an indicator for the template of an outcome file: its text and
    the year after its latest value (or after its baseline), value and source left to fill."""
    latest: dict[int, int] = {}
    for m in initiative.outcome_measurements.all():
        latest[m.outcome_id] = max(m.year, latest.get(m.outcome_id, 0))
    rows = []
    for node in outcomes_of(initiative):
        if node.indicator_id is None:
            continue
        after = latest.get(node.pk, node.baseline_year)
        rows.append((node.text, str(after + 1) if after else "", "", ""))
    return rows


@dataclass(frozen=True)
class Removal:
    """What deleting an initiative takes with it (models.CASCADE): shown before it is done."""

    boxes: int
    outcomes: int
    links: int
    measurements: int
    valuations: list[Any]  # valuations.Valuation, deleted with the initiative


def removal_of(initiative: Initiative) -> Removal:
    nodes = list(initiative.nodes.all())
    return Removal(
        boxes=len(nodes),
        outcomes=sum(1 for n in nodes if n.stage in OUTCOME_STAGES),
        links=len(initiative.links.all()),
        measurements=len(initiative.outcome_measurements.all()),
        valuations=list(initiative.valuations.order_by("name", "pk")),
    )


def deleted_initiatives(programme: Programme) -> QuerySet[ChangeLog]:
    """The programme's deleted initiatives, newest first: their names are in the snapshots."""
    return (
        ChangeLog.objects.filter(
            programme=programme, object_type="initiative", action=ChangeAction.DELETE
        )
        .select_related("user")
        .order_by("-at", "-id")
    )
