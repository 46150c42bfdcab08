"""The goal page's picture: trajectory and measurements, drawn by grogrund.charts."""

from __future__ import annotations

from django.utils.translation import gettext as _

from grogrund.charts import Series, line_chart
from grogrund.core.numbers import format_percent
from grogrund.programmes.models import Goal
from grogrund.programmes.selectors import MeasurementRow, TrajectoryYear


def goal_chart(goal: Goal, path: list[TrajectoryYear], rows: list[MeasurementRow]) -> str:
    series = [
        Series(label=_("Trajectory"), points=[(str(t.year), t.share) for t in path]),
        Series(
            label=_("Measured"),
            emphasis=True,
            points=[(str(r.measurement.year), r.measurement.value) for r in rows],
        ),
    ]
    return line_chart(
        series,
        title=_("%(indicator)s in %(area)s: goal and follow-up")
        % {"indicator": goal.indicator.name, "area": goal.area.name},
        format_y=lambda v: format_percent(v, 0),
    )
