"""Pictures of follow-up: trajectory and measurements, drawn by grogrund.charts.followup with
texts in the user's language."""

from __future__ import annotations

from django.utils.translation import gettext as _

from grogrund.charts.followup import Measured, followup_chart, sparkline
from grogrund.core.numbers import format_percent
from grogrund.programmes.models import Goal
from grogrund.programmes.selectors import MeasurementRow, TrajectoryYear


def _labels() -> dict[str, str]:
    return {
        "trajectory": _("Trajectory"),
        "measured": _("Measured"),
        "target": _("Target"),
        "on_track": _("On track"),
        "behind": _("Behind"),
        "at_risk": _("At risk"),
    }


def _measured(rows: list[MeasurementRow]) -> list[Measured]:
    return [Measured(r.measurement.year, r.measurement.value, r.status) for r in rows]


def goal_chart(goal: Goal, path: list[TrajectoryYear], rows: list[MeasurementRow]) -> str:
    return followup_chart(
        {t.year: t.share for t in path},
        _measured(rows),
        title=_("%(indicator)s in %(area)s: goal and follow-up")
        % {"indicator": goal.indicator.name, "area": goal.area.name},
        labels=_labels(),
        format_y=lambda v: format_percent(v, 0),
    )


def goal_sparkline(
    goal: Goal, path: list[TrajectoryYear], rows: list[MeasurementRow], labels: dict[str, str]
) -> str:
    """The small chart of the dashboard; `labels` from `status_labels()` (made once a page)."""
    measured = _measured(rows)
    desc = "; ".join(
        f"{m.year} {format_percent(m.value, 1)} ({labels.get(m.status, m.status)})"
        for m in measured
    )
    return sparkline(
        {t.year: t.share for t in path},
        measured,
        title=f"{goal.indicator.name}, {goal.area.name}",
        desc=desc or "–",
    )


def status_labels() -> dict[str, str]:
    return _labels()
