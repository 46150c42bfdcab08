"""Reads for programmes, with access applied: a programme's goals, measurements and history
are seen by whoever sees the programme, and changed by whoever may edit it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db.models import Q, QuerySet

from grogrund.accounts.access import (
    editable,
    member_org_ids,
    partner_organisations_for,
    visible,
)
from grogrund.areas.models import Area, AreaLevel, Indicator, IndicatorKind, Observation
from grogrund.areas.profile import COMBINE_BY_KIND, IndicatorRow, build_profile
from grogrund.areas.selectors import areas_for, datasets_for
from grogrund.core import generation
from grogrund.engine.aggregate import Figure, combine
from grogrund.engine.targets import percent_met, track_status, trajectory
from grogrund.programmes.models import (
    ChangeLog,
    Goal,
    Measurement,
    Programme,
    StepState,
    StepStatus,
)
from grogrund.programmes.steps import STEPS, Step


def programmes_for(user: Any) -> QuerySet[Programme]:
    """The programmes `user` may see (grogrund.accounts.access decides); lazy, as a subquery."""
    return visible(Programme.objects.all(), user)


def visible_programmes(user: Any) -> QuerySet[Programme]:
    """The same programmes as `programmes_for`, as a filter on their kept ids
    (`visible_programme_ids`): for the pages and lists asked for most, whose queries the ORM
    builds and the database runs faster without the rule's subqueries. Reads the ids at once,
    so not for querysets made where there is no database (the API schema)."""
    return Programme.objects.filter(pk__in=visible_programme_ids(user))


def visible_programme_ids(user: Any) -> list[int]:
    """The ids of the programmes `user` may see, kept per visitor until who may see what
    changes: the generation of the accounts (memberships, the network) and of the programmes
    (a programme's visibility and partners). A measurement or a statistic keeps the list."""
    return generation.kept_for_visitor(
        "visible-programmes",
        user,
        lambda: list(programmes_for(user).order_by("pk").values_list("pk", flat=True)),
        (generation.ACCOUNTS, generation.PROGRAMMES),
    )


def editable_programmes_for(user: Any) -> QuerySet[Programme]:
    """The programmes `user` may change: those of the organisations where they are an editor
    or administrator, which they always see (the owner's members see its programmes)."""
    return editable(Programme.objects.all(), user)


def editable_programmes_for_area(user: Any, area: Area) -> QuerySet[Programme]:
    return editable_programmes_for(user).filter(areas=area).distinct().order_by("name")


#: What a goal is shown with, wherever a visitor's goals are listed.
_GOAL_RELATED = ("programme", "area", "indicator", "reference_area")


def goals_for(user: Any) -> QuerySet[Goal]:
    return Goal.objects.filter(programme__in=programmes_for(user)).select_related(*_GOAL_RELATED)


def visible_goals(user: Any) -> QuerySet[Goal]:
    """`goals_for` on the kept ids of the visible programmes (see `visible_programmes`)."""
    return Goal.objects.filter(programme_id__in=visible_programme_ids(user)).select_related(
        *_GOAL_RELATED
    )


def goals_of(programme: Programme) -> QuerySet[Goal]:
    """The goals of a programme the caller has already found visible (programmes_for)."""
    return Goal.objects.filter(programme=programme).select_related(
        "programme__owner", "area", "indicator", "reference_area"
    )


def editable_goals_for(user: Any) -> QuerySet[Goal]:
    return goals_for(user).filter(programme__in=editable_programmes_for(user))


def measurements(goal: Goal) -> QuerySet[Measurement]:
    return goal.measurements.select_related("organisation").order_by("year")


def goal_history(goal: Goal) -> QuerySet[ChangeLog]:
    """The goal's own changes and those of its measurements, newest first."""
    return ChangeLog.objects.filter(goal=goal).select_related("user")


def programme_history(programme: Programme) -> QuerySet[ChangeLog]:
    """Changes of the programme itself (name, areas, partners, sharing), newest first."""
    return history_for(programme)


def history_for(obj: Any) -> QuerySet[ChangeLog]:
    """The change history of any object kept with `services.record_change`, newest first."""
    return ChangeLog.objects.filter(
        object_type=type(obj).__name__.lower(), object_id=obj.pk
    ).select_related("user")


def programme_areas_for(user: Any, programme: Programme) -> QuerySet[Area]:
    return programme.areas.filter(pk__in=areas_for(user).values("pk")).order_by("name")


@dataclass(frozen=True)
class StepRow:
    step: Step
    status: StepStatus | None

    @property
    def state(self) -> str:
        return self.status.status if self.status else "not_started"


def step_rows(programme: Programme) -> list[StepRow]:
    by_code = {s.step: s for s in programme.step_statuses.select_related("marked_by")}
    return [StepRow(step, by_code.get(step.code)) for step in STEPS]


@dataclass(frozen=True)
class ProgrammeAtStep:
    programme: Programme
    current: StepRow | None  # the first of the twelve steps not done; None: all done


#: The start page lists at most this many of the user's programmes (then links to all).
MY_PROGRAMMES_SHOWN = 20


def my_programmes(user: Any, limit: int = MY_PROGRAMMES_SHOWN) -> list[ProgrammeAtStep]:
    """The programmes of the user's own organisations, as owner or partner (and visible to
    the user), newest first, each with the step it stands at: the first step, in the
    model's order, that is not done."""
    orgs = member_org_ids(user)
    if not orgs:
        return []
    found = (
        programmes_for(user)
        .filter(Q(owner_id__in=orgs) | Q(shared_with__in=orgs))
        .distinct()
        .select_related("owner")
        .prefetch_related("step_statuses")
        .order_by("-created_at", "-id")[:limit]
    )
    out = []
    for programme in found:
        by_code = {s.step: s for s in programme.step_statuses.all()}
        rows = [StepRow(step, by_code.get(step.code)) for step in STEPS]
        current = next((r for r in rows if r.state != StepState.DONE), None)
        out.append(ProgrammeAtStep(programme, current))
    return out


@dataclass(frozen=True)
class GapFacts:
    """What the area profile says about an indicator in one year: the area's share, its base,
    and the nearest comparison area with a value (the municipality: "the city")."""

    year: int
    area_share: float
    base: float
    # None when no comparison area has a value that year: only a fixed number then.
    reference_area: Area | None = None
    reference_share: float | None = None

    @property
    def has_comparison(self) -> bool:
        return self.reference_area is not None and self.reference_share is not None


class GoalObstacle(StrEnum):
    """Why no goal can be made from an indicator of an area profile."""

    NOT_A_SHARE = "not_a_share"  # a count, mean or amount: a goal in people needs a share
    NO_FIGURE = "no_figure"  # the area has no figure (for the year asked)
    NO_BASE = "no_base"  # the area's figure has no base (number of people) to count from
    NO_COMPARISON = "no_comparison"  # no comparison area has a figure for that year
    NOT_IN_PEOPLE = "not_in_people"  # a rate per 1,000 (outside 0–1) is no share of people


@dataclass(frozen=True)
class GoalBlocked:
    """No goal from this indicator: the reason, and the year it concerns ("" for none)."""

    reason: GoalObstacle
    period: str = ""
    # With NO_COMPARISON: the area's own share and base, from which a goal of a fixed number
    # of people can still be made (no gap without a comparison, so no part of one).
    facts: GapFacts | None = field(default=None, compare=False)

    @property
    def allows_fixed_count(self) -> bool:
        return self.facts is not None

    @property
    def needs_import(self) -> bool:
        """Importing figures (a base, a comparison value) would make a goal possible."""
        return self.reason in {
            GoalObstacle.NO_FIGURE,
            GoalObstacle.NO_BASE,
            GoalObstacle.NO_COMPARISON,
        }


def goal_facts_of_row(
    row: IndicatorRow, area: Area, chain: list[Area], year: int | None = None
) -> GapFacts | GoalBlocked:
    """The figures a goal starts from in one row of an area profile, or why there are none:
    the area's share with its base in `year` (None: the latest year with both), and the
    nearest comparison area (`chain`, the municipality first) with a value that year."""
    if not row.indicator.is_ratio:
        return GoalBlocked(GoalObstacle.NOT_A_SHARE)
    valued = [p for p in row.series.get(area.code, []) if p.value is not None]
    if year is not None:
        valued = [p for p in valued if p.period == str(year)]
    if not valued:
        return GoalBlocked(GoalObstacle.NO_FIGURE, "" if year is None else str(year))
    own = [p for p in valued if p.denominator]
    if not own:
        return GoalBlocked(GoalObstacle.NO_BASE, valued[-1].period)
    point = own[-1]
    for ref in chain:
        ref_point = next(
            (p for p in row.series.get(ref.code, []) if p.period == point.period), None
        )
        # Goals are in people from shares 0–1; a rate per 1,000 inhabitants has no such gap.
        if ref_point is not None and ref_point.value is not None:
            if not (0.0 <= point.value <= 1.0 and 0.0 <= ref_point.value <= 1.0):
                return GoalBlocked(GoalObstacle.NOT_IN_PEOPLE, point.period)
            try:
                period_year = int(point.period[:4])
            except ValueError:
                return GoalBlocked(GoalObstacle.NO_FIGURE, point.period)
            return GapFacts(
                period_year,
                float(point.value),
                float(point.denominator),
                ref,
                float(ref_point.value),
            )
    if not 0.0 <= point.value <= 1.0:
        return GoalBlocked(GoalObstacle.NOT_IN_PEOPLE, point.period)
    try:
        alone = GapFacts(int(point.period[:4]), float(point.value), float(point.denominator))
    except ValueError:
        return GoalBlocked(GoalObstacle.NO_FIGURE, point.period)
    return GoalBlocked(GoalObstacle.NO_COMPARISON, point.period, facts=alone)


def goal_check(
    user: Any, area: Area, indicator_id: int, year: int | None
) -> GapFacts | GoalBlocked:
    """`goal_facts_of_row` for an indicator of the area's profile as `user` sees it."""
    profile = build_profile(area, user)
    row = next((r for r in profile.rows if r.indicator.pk == indicator_id), None)
    if row is None:
        return GoalBlocked(GoalObstacle.NO_FIGURE, "" if year is None else str(year))
    return goal_facts_of_row(row, area, profile.chain, year)


def gap_facts(user: Any, area: Area, indicator_id: int, year: int | None) -> GapFacts | None:
    """The figures a goal starts from, read through the profile (so access and custom areas
    are handled as there); `year` None means the latest year with a value. None when the
    profile lacks a share, a base or a comparison value for that year (`goal_check` says
    which)."""
    found = goal_check(user, area, indicator_id, year)
    return found if isinstance(found, GapFacts) else None


@dataclass(frozen=True)
class TrajectoryYear:
    year: int
    share: float
    people: float  # people more than in the baseline year, on the way to target_count


@dataclass(frozen=True)
class MeasurementRow:
    measurement: Measurement
    expected_share: float
    percent_met: float
    status: str  # engine.targets.TrackStatus value
    can_edit: bool = False


def goal_trajectory(goal: Goal) -> list[TrajectoryYear]:
    shares = trajectory(
        goal.baseline_share, goal.target_share, goal.baseline_year, goal.deadline_year
    )
    people = trajectory(0.0, float(goal.target_count), goal.baseline_year, goal.deadline_year)
    return [TrajectoryYear(y, shares[y], people[y]) for y in sorted(shares)]


def measurement_row(
    goal: Goal, m: Measurement, shares: dict[int, float], can_edit: bool = False
) -> MeasurementRow:
    """One measurement against the trajectory `shares` (goal_shares(goal))."""
    year = min(max(m.year, goal.baseline_year), goal.deadline_year)
    return MeasurementRow(
        measurement=m,
        expected_share=shares[year],
        percent_met=percent_met(goal.baseline_share, goal.target_share, m.value, goal.direction),
        status=track_status(
            goal.baseline_share,
            goal.target_share,
            m.value,
            m.year,
            goal.baseline_year,
            goal.deadline_year,
            goal.direction,
        ).value,
        can_edit=can_edit,
    )


def goal_shares(goal: Goal) -> dict[int, float]:
    return trajectory(
        goal.baseline_share, goal.target_share, goal.baseline_year, goal.deadline_year
    )


def measurement_rows(goal: Goal, user: Any = None) -> list[MeasurementRow]:
    """Each measurement against the trajectory: percent of the planned change met, and the
    traffic light (engine.targets.track_status, direction-aware so falling targets work);
    `can_edit` says whether `user` may change it (partners: their own organisation's only)."""
    shares = goal_shares(goal)
    editable_orgs = (
        set(partner_organisations_for(user, goal.programme).values_list("pk", flat=True))
        if user is not None and getattr(user, "is_authenticated", False)
        else set()
    )
    return [
        measurement_row(goal, m, shares, m.organisation_id in editable_orgs)
        for m in measurements(goal)
    ]


# --- statistics of the area as measurements -------------------------------------------------


@dataclass(frozen=True)
class StatisticsPoint:
    """A figure of the goal's indicator for the goal's area in a year after the baseline, from
    the statistics the user may see (custom areas: the members' figures combined)."""

    year: int
    value: float  # share 0–1
    numerator: float | None
    denominator: float | None
    source: str
    period: str
    members: int  # how many areas were combined (1 for an official area)

    @property
    def label(self) -> str:
        """The measurement's source: where the figure came from and for which period."""
        return f"{self.source} ({self.period})"[:300]


def _year(period: str) -> int | None:
    return int(period) if len(period) == 4 and period.isdigit() else None


def statistics_for_goal(user: Any, goal: Goal) -> list[StatisticsPoint]:
    """The area's statistics for the goal's indicator, one point per year after the baseline
    year, read like the area profile: from the datasets `user` may see, a later retrieval of a
    cell winning, custom areas combined from their members by summing numerators and
    denominators (engine.aggregate), small groups left out. One query."""
    indicator: Indicator = goal.indicator
    area: Area = goal.area
    member_ids: list[int] = []
    if area.level == AreaLevel.CUSTOM:
        member_ids = list(area.members.values_list("id", flat=True))
    own_ids = member_ids or [area.id]
    rows = (
        Observation.objects.filter(
            area_id__in=own_ids, indicator=indicator, dataset__in=datasets_for(user)
        )
        .order_by("area_id", "period", "retrieved_at", "id")
        .values_list("area_id", "period", "value", "numerator", "denominator", "source")
    )
    cells: dict[str, dict[int, tuple[Any, ...]]] = {}
    for area_id, period, value, num, den, source in rows:
        year = _year(period)
        if year is None or year <= goal.baseline_year:
            continue
        cells.setdefault(period, {})[area_id] = (value, num, den, source)
    how = COMBINE_BY_KIND[IndicatorKind(indicator.kind)]
    points = []
    for period in sorted(cells):
        parts = [cells[period].get(a) for a in own_ids]
        if any(p is None for p in parts):
            continue  # a missing member makes the whole unknown, as in the profile
        figure = combine([Figure(p[0], p[1], p[2]) for p in parts if p is not None], how)
        if figure is None:
            continue
        num, den = figure.numerator, figure.denominator
        value = num / den if num is not None and den else figure.value
        if value is None or not 0.0 <= value <= 1.0:
            continue
        if indicator.min_group_size and den is not None and den < indicator.min_group_size:
            continue
        sources = "; ".join(sorted({p[3] for p in parts if p is not None and p[3]}))
        points.append(
            StatisticsPoint(
                year=int(period),
                value=float(value),
                numerator=num,
                denominator=den,
                source=sources or indicator.source,
                period=period,
                members=len(own_ids),
            )
        )
    return points


# --- the programme dashboard (step 12) --------------------------------------------------------

NO_DATA = "no_data"
STATUS_ORDER = ("on_track", "behind", "at_risk", NO_DATA)


@dataclass(frozen=True)
class GoalFollowUp:
    goal: Goal
    rows: list[MeasurementRow]
    path: list[TrajectoryYear]

    @property
    def latest(self) -> MeasurementRow | None:
        return self.rows[-1] if self.rows else None

    @property
    def status(self) -> str:
        return self.latest.status if self.latest else NO_DATA


@dataclass(frozen=True)
class Dashboard:
    programme: Programme
    goals: list[GoalFollowUp]
    steps: list[StepRow]

    @property
    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(STATUS_ORDER, 0)
        for g in self.goals:
            out[g.status] += 1
        return out

    @property
    def steps_done(self) -> int:
        return sum(1 for s in self.steps if s.state == "done")

    @property
    def steps_in_progress(self) -> int:
        return sum(1 for s in self.steps if s.state == "in_progress")


def follow_up(goal: Goal, measured: list[Measurement]) -> GoalFollowUp:
    shares = goal_shares(goal)
    rows = [measurement_row(goal, m, shares) for m in sorted(measured, key=lambda m: m.year)]
    path = goal_trajectory(goal)
    return GoalFollowUp(goal, rows, path)


def goal_follow_ups(programme: Programme) -> list[GoalFollowUp]:
    """Every goal of a programme the caller may see, with its measurements against the
    trajectory. Two queries whatever the number of goals."""
    goals = list(
        Goal.objects.filter(programme=programme)
        .select_related("area", "indicator", "reference_area")
        .order_by("id")
    )
    by_goal: dict[int, list[Measurement]] = {g.pk: [] for g in goals}
    for m in Measurement.objects.filter(goal__programme=programme).order_by("goal_id", "year"):
        by_goal[m.goal_id].append(m)
    return [follow_up(g, by_goal[g.pk]) for g in goals]


def dashboard(programme: Programme) -> Dashboard:
    """The goals' follow-up and the twelve steps. Three queries whatever the number of goals."""
    return Dashboard(
        programme=programme, goals=goal_follow_ups(programme), steps=step_rows(programme)
    )
