"""The area profile (model step 1): every indicator against municipality, county and country.

A fixed number of queries whatever the data size: observations of the area (or its member
areas) and of its comparison areas are read in one query from the datasets the user may see.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NamedTuple

from django.db import connection

from grogrund.areas.models import (
    Area,
    AreaLevel,
    Direction,
    Indicator,
    IndicatorKind,
    Observation,
)
from grogrund.areas.selectors import comparison_chain, datasets_for
from grogrund.engine.aggregate import Combine, Figure, combine
from grogrund.engine.targets import gap_to_target

COMBINE_BY_KIND = {
    IndicatorKind.SHARE: Combine.RATIO,
    IndicatorKind.RATE: Combine.RATIO,
    IndicatorKind.COUNT: Combine.SUM,
    IndicatorKind.MONEY: Combine.WEIGHTED_MEAN,
    IndicatorKind.MEAN: Combine.WEIGHTED_MEAN,
    IndicatorKind.INDEX: Combine.WEIGHTED_MEAN,
}


class Point(NamedTuple):
    """One figure of a series (a named tuple: a profile makes thousands of them)."""

    period: str
    value: float | None
    numerator: float | None
    denominator: float | None
    source: str
    retrieved_at: datetime | None
    suppressed: bool = False


@dataclass
class Comparison:
    area: Area
    point: Point | None
    # Positive when the area lags the comparison area (direction-aware), in the indicator's unit.
    gap: float | None
    # People needed to reach the comparison level: (p_ref − p_area) × base, direction-aware.
    gap_people: float | None


@dataclass
class IndicatorRow:
    indicator: Indicator
    latest: Point
    series: dict[str, list[Point]] = field(default_factory=dict)  # area code → points
    comparisons: list[Comparison] = field(default_factory=list)

    @property
    def main_comparison(self) -> Comparison | None:
        return next((c for c in self.comparisons if c.point is not None), None)

    @property
    def rank_key(self) -> tuple[int, float]:
        main = self.main_comparison
        if main is None or main.gap is None:
            return (2, 0.0)
        if main.gap_people is not None:
            return (0, -main.gap_people)
        ref = main.point.value if main.point and main.point.value else None
        return (1, -(main.gap / abs(ref)) if ref else 0.0)


@dataclass
class AreaProfile:
    area: Area
    chain: list[Area]
    rows: list[IndicatorRow]
    missing_members: bool = False


def people_gap(indicator: Indicator, area_point: Point, ref_point: Point) -> float | None:
    """People needed to reach the comparison level, `engine.targets.gap_to_target`:
    N_gap = (p_ref − p_area) × N_base, direction-aware.

    Only for shares. A rate (reported crimes per inhabitant, visits per pupil) counts events,
    not people, and may exceed 1: its gap is shown in its unit only.
    """
    if indicator.kind != IndicatorKind.SHARE or area_point.denominator is None:
        return None
    area_share, ref_share = area_point.value, ref_point.value
    if area_share is None or ref_share is None:
        return None
    if not (0.0 <= area_share <= 1.0 and 0.0 <= ref_share <= 1.0):
        return None  # not a share after all (a file in percent): no gap in people
    return gap_to_target(area_share, ref_share, area_point.denominator, indicator.direction)


def unit_gap(
    indicator: Indicator, area_value: float | None, ref_value: float | None
) -> float | None:
    if area_value is None or ref_value is None or indicator.kind == IndicatorKind.COUNT:
        return None  # counts of areas of different sizes have no meaningful gap
    gap = ref_value - area_value
    return -gap if indicator.direction == Direction.LOWER_IS_BETTER else gap


def _suppress(point: Point, indicator: Indicator) -> Point:
    if point.denominator is not None and indicator.min_group_size:
        if point.denominator < indicator.min_group_size:
            return Point(
                point.period,
                None,
                None,
                point.denominator,
                point.source,
                point.retrieved_at,
                suppressed=True,
            )
    return point


def _as_datetime(value: Any) -> datetime:
    """A stored retrieval time as an aware datetime (SQLite gives a naive time in UTC)."""
    parsed = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def build_profile(area: Area, user: Any, *, chain: list[Area] | None = None) -> AreaProfile:
    if chain is None:
        chain = comparison_chain(area)
    member_ids: list[int] = []
    if area.level == AreaLevel.CUSTOM:
        member_ids = list(area.members.values_list("id", flat=True))
    own_ids = member_ids or [area.id]
    ids = own_ids + [a.id for a in chain]
    rows = (
        Observation.objects.filter(area_id__in=ids, dataset__in=datasets_for(user))
        .order_by("indicator_id", "area_id", "period", "retrieved_at", "id")
        .values_list(
            "indicator_id",
            "area_id",
            "period",
            "value",
            "numerator",
            "denominator",
            "source",
            "retrieved_at",
        )
    )
    # Read through a plain cursor: Django's per-value converters made every retrieval time
    # aware one by one, a large part of a large profile's reading; the rows of one import
    # share one time, so each distinct value is converted once.
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    times: dict[Any, datetime | None] = {}
    # (indicator, area, period) → point; a later retrieval of the same cell wins.
    cells: dict[int, dict[int, dict[str, Point]]] = defaultdict(lambda: defaultdict(dict))
    for indicator_id, area_id, period, value, numerator, denominator, source, at in fetched:
        retrieved = times.get(at)
        if retrieved is None and at is not None:
            retrieved = times[at] = _as_datetime(at)
        cells[indicator_id][area_id][period] = Point(
            period, value, numerator, denominator, source, retrieved
        )
    indicators = {i.id: i for i in Indicator.objects.filter(id__in=list(cells))}
    out: list[IndicatorRow] = []
    for ind_id, by_area in cells.items():
        indicator = indicators[ind_id]
        own = _own_series(indicator, by_area, own_ids, combined=bool(member_ids))
        own = [_suppress(p, indicator) for p in own]
        shown = [p for p in own if p.value is not None]
        if not shown:
            continue
        latest = shown[-1]
        row = IndicatorRow(indicator=indicator, latest=latest)
        row.series[area.code] = own
        for ref in chain:
            ref_points = [by_area[ref.id][k] for k in sorted(by_area.get(ref.id, {}))]
            row.series[ref.code] = ref_points
            ref_point = by_area.get(ref.id, {}).get(latest.period)
            row.comparisons.append(
                Comparison(
                    area=ref,
                    point=ref_point,
                    gap=unit_gap(indicator, latest.value, ref_point.value) if ref_point else None,
                    gap_people=people_gap(indicator, latest, ref_point) if ref_point else None,
                )
            )
        out.append(row)
    out.sort(key=lambda r: (r.rank_key, r.indicator.code))
    return AreaProfile(area=area, chain=chain, rows=out)


def _own_series(
    indicator: Indicator,
    by_area: dict[int, dict[str, Point]],
    own_ids: Iterable[int],
    *,
    combined: bool,
) -> list[Point]:
    own_ids = list(own_ids)
    if not combined:
        series = by_area.get(own_ids[0], {})
        return [series[k] for k in sorted(series)]
    periods = sorted({p for a in own_ids for p in by_area.get(a, {})})
    how = COMBINE_BY_KIND[IndicatorKind(indicator.kind)]
    points: list[Point] = []
    for period in periods:
        parts = [by_area.get(a, {}).get(period) for a in own_ids]
        if any(p is None for p in parts):
            continue  # a missing member makes the sum unknown
        present = [p for p in parts if p is not None]
        figure = combine([Figure(p.value, p.numerator, p.denominator) for p in present], how)
        if figure is None:
            continue
        sources = sorted({p.source for p in present})
        retrieved = max((p.retrieved_at for p in present if p.retrieved_at), default=None)
        points.append(
            Point(
                period,
                figure.value,
                figure.numerator,
                figure.denominator,
                "; ".join(sources),
                retrieved,
            )
        )
    return points
