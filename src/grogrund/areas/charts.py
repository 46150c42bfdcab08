"""The area profile's pictures, drawn by grogrund.charts in the user's number format."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from grogrund.areas.models import IndicatorKind
from grogrund.areas.profile import AreaProfile, IndicatorRow
from grogrund.charts import BarItem, Series, bar_chart, line_chart
from grogrund.core.numbers import NBSP, format_number, number_formatter


def value_formatter(row: IndicatorRow) -> Callable[[float], str]:
    kind = row.indicator.kind
    if kind in {IndicatorKind.SHARE, IndicatorKind.RATE}:
        return number_formatter(0, scale=100, suffix=f"{NBSP}%")  # format_percent(v, 0)
    if kind == IndicatorKind.MONEY:
        return number_formatter(0, suffix=f"{NBSP}kr")  # format_money(v)
    small, large = number_formatter(1), number_formatter(0)
    return lambda v: small(v) if abs(v) < 100 else large(v)


def trend_chart(profile: AreaProfile, row: IndicatorRow) -> str:
    names = {profile.area.code: profile.area.name, **{a.code: a.name for a in profile.chain}}
    # Counts of areas of different sizes do not compare: a count shows the area alone.
    alone = row.indicator.kind == IndicatorKind.COUNT
    series = [
        Series(
            label=names[code],
            emphasis=(code == profile.area.code),
            points=[(p.period, p.value) for p in points],
        )
        for code, points in row.series.items()
        if points and (not alone or code == profile.area.code)
    ]
    return line_chart(
        series,
        title=_("%(indicator)s over time") % {"indicator": row.indicator.name},
        format_y=value_formatter(row),
    )


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
