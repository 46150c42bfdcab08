"""Reads for programmes, with access applied: a programme's goals, measurements and history
are seen by whoever sees the programme, and changed by whoever may edit it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from grogrund.accounts.access import editable, visible
from grogrund.areas.models import Area
from grogrund.areas.profile import build_profile
from grogrund.areas.selectors import areas_for
from grogrund.engine.targets import percent_met, track_status, trajectory
from grogrund.programmes.models import ChangeLog, Goal, Measurement, Programme, StepStatus
from grogrund.programmes.steps import STEPS, Step


def programmes_for(user: Any) -> QuerySet[Programme]:
    return visible(Programme.objects.all(), user)


def editable_programmes_for(user: Any) -> QuerySet[Programme]:
    return editable(programmes_for(user), user)


def editable_programmes_for_area(user: Any, area: Area) -> QuerySet[Programme]:
    return editable_programmes_for(user).filter(areas=area).distinct().order_by("name")


def goals_for(user: Any) -> QuerySet[Goal]:
    return Goal.objects.filter(programme__in=programmes_for(user)).select_related(
        "programme", "area", "indicator", "reference_area"
    )


def editable_goals_for(user: Any) -> QuerySet[Goal]:
    return goals_for(user).filter(programme__in=editable_programmes_for(user))


def measurements(goal: Goal) -> QuerySet[Measurement]:
    return goal.measurements.order_by("year")


def goal_history(goal: Goal) -> QuerySet[ChangeLog]:
    return ChangeLog.objects.filter(goal=goal).select_related("user")


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
class GapFacts:
    """What the area profile says about an indicator in one year: the area's share, its base,
    and the nearest comparison area with a value (the municipality: "the city")."""

    year: int
    area_share: float
    base: float
    reference_area: Area
    reference_share: float


def gap_facts(user: Any, area: Area, indicator_id: int, year: int | None) -> GapFacts | None:
    """The figures a goal starts from, read through the profile (so access and custom areas
    are handled as there); `year` None means the latest year with a value. None when the
    profile lacks a share, a base or a comparison value for that year."""
    profile = build_profile(area, user)
    row = next((r for r in profile.rows if r.indicator.pk == indicator_id), None)
    if row is None or not row.indicator.is_ratio:
        return None
    own = [p for p in row.series.get(area.code, []) if p.value is not None and p.denominator]
    if year is not None:
        own = [p for p in own if p.period == str(year)]
    if not own:
        return None
    point = own[-1]
    for ref in profile.chain:
        ref_point = next(
            (p for p in row.series.get(ref.code, []) if p.period == point.period), None
        )
        # Goals are in people from shares 0–1; a rate per 1,000 inhabitants has no such gap.
        if ref_point is not None and ref_point.value is not None:
            if not (0.0 <= point.value <= 1.0 and 0.0 <= ref_point.value <= 1.0):
                return None
            try:
                period_year = int(point.period[:4])
            except ValueError:
                return None
            return GapFacts(
                period_year,
                float(point.value),
                float(point.denominator),
                ref,
                float(ref_point.value),
            )
    return None


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


def goal_trajectory(goal: Goal) -> list[TrajectoryYear]:
    shares = trajectory(
        goal.baseline_share, goal.target_share, goal.baseline_year, goal.deadline_year
    )
    people = trajectory(0.0, float(goal.target_count), goal.baseline_year, goal.deadline_year)
    return [TrajectoryYear(y, shares[y], people[y]) for y in sorted(shares)]


def measurement_rows(goal: Goal) -> list[MeasurementRow]:
    """Each measurement against the trajectory: percent of the planned change met, and the
    traffic light (engine.targets.track_status, direction-aware so falling targets work)."""
    shares = trajectory(
        goal.baseline_share, goal.target_share, goal.baseline_year, goal.deadline_year
    )
    rows = []
    for m in measurements(goal):
        year = min(max(m.year, goal.baseline_year), goal.deadline_year)
        rows.append(
            MeasurementRow(
                measurement=m,
                expected_share=shares[year],
                percent_met=percent_met(
                    goal.baseline_share, goal.target_share, m.value, goal.direction
                ),
                status=track_status(
                    goal.baseline_share,
                    goal.target_share,
                    m.value,
                    m.year,
                    goal.baseline_year,
                    goal.deadline_year,
                    goal.direction,
                ).value,
            )
        )
    return rows
