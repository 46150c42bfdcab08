"""Pictures of the network's totals, drawn by grogrund.charts with texts in the user's
language; each with its "Show as table"."""

from __future__ import annotations

from django.utils.translation import gettext as _

from grogrund.charts import Series, line_chart
from grogrund.charts.table import data_table
from grogrund.core.numbers import format_number
from grogrund.network.selectors import IndicatorTotal

#: Charts drawn on one page; further indicators are shown as tables only.
MAX_CHARTS = 12


def people(value: float) -> str:
    return format_number(round(value), 0)


def totals_chart(total: IndicatorTotal) -> str:
    """People the measured goals' trajectories ask for each year against the people reached
    (more than in each goal's baseline year)."""
    years = [str(y.year) for y in total.years]
    return line_chart(
        [
            Series(
                _("Goals' trajectory"),
                list(zip(years, [y.planned_people for y in total.years], strict=True)),
            ),
            Series(
                _("Reached"),
                list(zip(years, [y.achieved_people for y in total.years], strict=True)),
                emphasis=True,
            ),
        ],
        title=_("%(indicator)s: people, goals and reached, per year") % {"indicator": total.name},
        format_y=people,
    )


def totals_table(total: IndicatorTotal) -> str:
    return data_table(
        summary=_("Show as table"),
        caption=_("%(indicator)s: people per year") % {"indicator": total.name},
        columns=[
            _("Year"),
            _("Goals measured"),
            _("Goals' trajectory (people)"),
            _("Reached (people)"),
        ],
        rows=[
            [
                str(y.year),
                format_number(y.goals, 0),
                people(y.planned_people),
                people(y.achieved_people),
            ]
            for y in total.years
        ],
    )
