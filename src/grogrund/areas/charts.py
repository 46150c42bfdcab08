"""The area profile's pictures, drawn by grogrund.charts in the user's number format."""

from __future__ import annotations

from django.utils.translation import gettext as _

from grogrund.areas.models import IndicatorKind
from grogrund.areas.profile import AreaProfile, IndicatorRow
from grogrund.charts import BarItem, Series, bar_chart, line_chart
from grogrund.core.numbers import format_money, format_number, format_percent


def value_formatter(row: IndicatorRow):  # type: ignore[no-untyped-def]
    kind = row.indicator.kind
    if kind in {IndicatorKind.SHARE, IndicatorKind.RATE}:
        return lambda v: format_percent(v, 0)
    if kind == IndicatorKind.MONEY:
        return lambda v: format_money(v)
    return lambda v: format_number(v, 1 if abs(v) < 100 else 0)


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
