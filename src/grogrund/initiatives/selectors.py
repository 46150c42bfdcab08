"""Reads for initiatives, with access applied: an initiative, its effect logic and its outcome
follow-up are seen by whoever sees the programme (programmes_for) and changed by editors of the
programme's owner; outcome measurements also by editors of the organisation that runs the
initiative (a partner, can_edit_as_partner)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

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
from grogrund.programmes.models import ChangeAction, ChangeLog, Goal, Programme
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
            queryset=EffectNode.objects.select_related("indicator", "goal__indicator").order_by(
                "position", "id"
            ),
        ),
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


def outcome_facts(node: EffectNode, measurements: list[OutcomeMeasurement]) -> OutcomeFacts | None:
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
    latest: OutcomeMeasurement | None


def outcome_rows(initiative: Initiative) -> list[OutcomeRow]:
    """The initiative's outcomes with their latest measurement against baseline → target."""
    by_outcome = _measurements_by_outcome(initiative)
    rows = []
    for node in initiative.nodes.all():
        if node.stage not in OUTCOME_STAGES:
            continue
        ms = by_outcome.get(node.pk, [])
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


def portfolio(
    programme: Programme, initiatives: list[Initiative] | None = None
) -> tuple[list[PortfolioRow], PortfolioReview]:
    """Every initiative of the programme reviewed by engine.portfolio (`initiatives`: the
    programme's initiatives already read with `programme_initiatives`)."""
    if initiatives is None:
        initiatives = list(programme_initiatives(programme))
    facts = []
    node_of: dict[int, dict[int, EffectNode]] = {}
    for i in initiatives:
        by_outcome = _measurements_by_outcome(i)
        outcomes = []
        node_of[i.pk] = {}
        for node in i.nodes.all():
            if node.stage not in OUTCOME_STAGES:
                continue
            f = outcome_facts(node, by_outcome.get(node.pk, []))
            if f is not None:
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
        PortfolioRow(i, r, node_of[i.pk]) for i, r in zip(initiatives, review.reviews, strict=True)
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
