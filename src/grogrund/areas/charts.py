"""The area profile's pictures, drawn by grogrund.charts in the user's number format."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from grogrund.areas.models import IndicatorKind
from grogrund.areas.profile import AreaProfile, IndicatorRow
from grogrund.charts import BarItem, Series, bar_chart, line_chart
from grogrund.charts.table import data_table
from grogrund.core.numbers import NBSP, format_number, number_formatter


def value_formatter(row: IndicatorRow) -> Callable[[float], str]:
    kind = row.indicator.kind
    if kind in {IndicatorKind.SHARE, IndicatorKind.RATE}:
        return number_formatter(0, scale=100, suffix=f"{NBSP}%")  # format_percent(v, 0)
    if kind == IndicatorKind.MONEY:
        return number_formatter(0, suffix=f"{NBSP}kr")  # format_money(v)
    small, large = number_formatter(1), number_formatter(0)
    return lambda v: small(v) if abs(v) < 100 else large(v)


#: The profile's cards are about 350 px wide on a 1280 px screen: drawn at that width, the
#: chart's 12 px text is shown at 12 px there.
TREND_WIDTH = 340


def _trend_series(profile: AreaProfile, row: IndicatorRow) -> list[Series]:
    names = {profile.area.code: profile.area.name, **{a.code: a.name for a in profile.chain}}
    # Counts of areas of different sizes do not compare: a count shows the area alone.
    alone = row.indicator.kind == IndicatorKind.COUNT
    return [
        Series(
            label=names[code],
            emphasis=(code == profile.area.code),
            points=[(p.period, p.value) for p in points],
        )
        for code, points in row.series.items()
        if points and (not alone or code == profile.area.code)
    ]


def trend_chart(profile: AreaProfile, row: IndicatorRow) -> str:
    return line_chart(
        _trend_series(profile, row),
        title=_("%(indicator)s over time") % {"indicator": row.indicator.name},
        format_y=value_formatter(row),
        width=TREND_WIDTH,
        height=200,
    )


def trend_table(profile: AreaProfile, row: IndicatorRow) -> str:
    """The trend chart's figures: one row per period, one column per area."""
    series = _trend_series(profile, row)
    fmt = value_formatter(row)
    values = [dict(s.points) for s in series]
    periods = sorted({x for s in series for x, _y in s.points})
    return data_table(
        summary=_("Show as table"),
        caption=_("%(indicator)s over time") % {"indicator": row.indicator.name},
        columns=[_("Period"), *(s.label for s in series)],
        rows=[[p, *(_cell(fmt, v.get(p)) for v in values)] for p in periods],
    )


def _cell(fmt: Callable[[float], str], value: float | None) -> str:
    return "–" if value is None else fmt(value)


def people_gap_chart(profile: AreaProfile) -> str:
    items = []
    for row in profile.rows:
        main = row.main_comparison
        if main is not None and main.gap_people is not None:
            items.append(BarItem(label=row.indicator.name, value=main.gap_people, note=_("people")))
    ref = profile.chain[0].name if profile.chain else ""
    return bar_chart(
        items,
        title=_("Gap to %(area)s in people") % {"area": ref},
        format_value=lambda v: format_number(v, 0, sign=True),
    )
