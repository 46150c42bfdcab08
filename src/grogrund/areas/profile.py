"""The area profile (model step 1): every indicator against municipality, county and country.

A fixed number of queries whatever the data size: observations of the area (or its member
areas) and of its comparison areas are read in one query from the datasets the user may see;
where a municipality, county or country has no imported figure, one grouped query sums its
DeSO (`areas.rollup`), and one more reads the notes of the datasets shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from django.db import connection

from grogrund.areas.models import (
    Area,
    AreaLevel,
    DatasetNote,
    Direction,
    Indicator,
    IndicatorKind,
    Observation,
)
from grogrund.areas.rollup import ROLLUP_LEVELS, RolledUp, roll_up_parents, stored_time
from grogrund.areas.selectors import comparison_chain, datasets_for
from grogrund.engine.aggregate import Combine, Figure, combine
from grogrund.engine.rollup import Additivity, Gap, RollUp, roll_up
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
    # Why a stored figure is missing: the source's status symbol (SCB "..") or "missing".
    status: str = ""
    # Computed from this many DeSO (no imported figure for the area); 0 for an imported one.
    computed_from: int = 0


@dataclass(frozen=True)
class WhyMissing:
    """Why a figure is shown as "–": a stored missing figure's status, or why it could not
    be computed from the area's DeSO (how many of how many lack it, in which period)."""

    period: str
    status: str = ""
    gap: Gap | None = None
    lacking: int = 0
    children: int = 0


@dataclass
class Comparison:
    area: Area
    point: Point | None
    # Positive when the area lags the comparison area (direction-aware), in the indicator's unit.
    gap: float | None
    # People needed to reach the comparison level: (p_ref − p_area) × base, direction-aware.
    gap_people: float | None
    missing: WhyMissing | None = None


@dataclass
class IndicatorRow:
    indicator: Indicator
    latest: Point
    series: dict[str, list[Point]] = field(default_factory=dict)  # area code → points
    comparisons: list[Comparison] = field(default_factory=list)
    # Why the area's own figure is missing when `latest` has no value.
    missing: WhyMissing | None = None
    # The notes of the datasets shown that concern this indicator.
    notes: list[DatasetNote] = field(default_factory=list)

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
    # Notes that concern every figure of a dataset shown (indicator not named), once each.
    dataset_notes: list[DatasetNote] = field(default_factory=list)


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


def build_profile(area: Area, user: Any, *, chain: list[Area] | None = None) -> AreaProfile:
    if chain is None:
        chain = comparison_chain(area)
    member_ids: list[int] = []
    if area.level == AreaLevel.CUSTOM:
        member_ids = list(area.members.values_list("id", flat=True))
    own_ids = member_ids or [area.id]
    ids = own_ids + [a.id for a in chain]
    visible = datasets_for(user)
    rows = (
        Observation.objects.filter(area_id__in=ids, dataset__in=visible)
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
            "status",
            "dataset_id",
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
    datasets: dict[int, set[int]] = defaultdict(set)  # indicator → datasets shown
    for (
        indicator_id,
        area_id,
        period,
        value,
        numerator,
        denominator,
        source,
        at,
        status,
        dataset_id,
    ) in fetched:
        retrieved = times.get(at)
        if retrieved is None and at is not None:
            retrieved = times[at] = stored_time(at)
        cells[indicator_id][area_id][period] = Point(
            period, value, numerator, denominator, source, retrieved, status=status or ""
        )
        datasets[indicator_id].add(dataset_id)
    # Municipality, county and country (and the area itself when it is one of them or a
    # RegSO) computed from their DeSO where they have no imported figure.
    # The catalogue is small and shared: read whole, it says which indicators to roll up.
    indicators = {i.id: i for i in Indicator.objects.all()}
    # The area itself when it is a RegSO, municipality, county or country: every period of
    # the indicators it has no imported figure for (an official series is not mixed with
    # computed years). Then the comparison areas, for every period the area has a figure in
    # where they have no imported value: the gap table's latest year, the trend chart, and a
    # goal's baseline year (programmes reads the comparison series of the row). One grouped
    # query for all of them (`areas.rollup`).
    rolled: dict[tuple[int, int, str], RolledUp] = {}
    if area.level in ROLLUP_LEVELS:
        has_own = {
            i
            for i, by_area in cells.items()
            if any(p.value is not None for p in by_area.get(area.id, {}).values())
        }
        rolled = roll_up_parents(
            parent_ids=[area.id],
            datasets=visible,
            indicator_ids=set(indicators) - has_own,
            periods=None,
        )
    own_periods: dict[int, set[str]] = defaultdict(set)  # indicator → periods with a figure
    for ind_id, by_area in cells.items():
        for a in own_ids:
            own_periods[ind_id].update(
                p for p, pt in by_area.get(a, {}).items() if pt.value is not None
            )
    for (_parent_id, ind_id, period), sums in rolled.items():
        if any(g.with_value for g in sums.groups):
            own_periods[ind_id].add(period)
    wanted_indicators: set[int] = set()
    wanted_periods: set[str] = set()
    rollup_chain = [ref for ref in chain if ref.level in ROLLUP_LEVELS]
    for ind_id, periods in own_periods.items():
        for ref in rollup_chain:
            imported = cells.get(ind_id, {}).get(ref.id, {})
            lacking = [p for p in periods if imported.get(p) is None or imported[p].value is None]
            if lacking:
                wanted_indicators.add(ind_id)
                wanted_periods.update(lacking)
    rolled.update(
        roll_up_parents(
            parent_ids=[a.id for a in rollup_chain],
            datasets=visible,
            indicator_ids=wanted_indicators,
            periods=wanted_periods,
        )
    )
    reasons = _merge_rolled(cells, rolled, indicators, datasets)
    out: list[IndicatorRow] = []
    for ind_id, by_area in cells.items():
        indicator = indicators[ind_id]
        own = _own_series(indicator, by_area, own_ids, combined=bool(member_ids))
        own = [_suppress(p, indicator) for p in own]
        shown = [p for p in own if p.value is not None]
        own_missing = None
        if shown:
            latest = shown[-1]
        else:
            # No figure of its own (a municipality whose DeSO do not cover it, a DeSO stored
            # as missing): the row says why for the latest year that has a reason.
            periods = [k[2] for k in reasons if k[0] == area.id and k[1] == ind_id]
            periods += [p.period for p in own if p.status]
            if not periods:
                continue
            period = max(periods)
            stored = by_area.get(area.id, {}).get(period)
            own_missing = _why_missing(period, stored, reasons.get((area.id, ind_id, period)))
            if own_missing is None:
                continue
            latest = Point(period, None, None, None, stored.source if stored else "", None)
        row = IndicatorRow(indicator=indicator, latest=latest, missing=own_missing)
        row.series[area.code] = own
        for ref in chain:
            ref_points = [by_area[ref.id][k] for k in sorted(by_area.get(ref.id, {}))]
            row.series[ref.code] = ref_points
            ref_point = by_area.get(ref.id, {}).get(latest.period)
            missing = None
            if ref_point is None or ref_point.value is None:
                missing = _why_missing(
                    latest.period, ref_point, reasons.get((ref.id, ind_id, latest.period))
                )
            row.comparisons.append(
                Comparison(
                    area=ref,
                    point=ref_point,
                    gap=unit_gap(indicator, latest.value, ref_point.value) if ref_point else None,
                    gap_people=people_gap(indicator, latest, ref_point) if ref_point else None,
                    missing=missing,
                )
            )
        out.append(row)
    out.sort(key=lambda r: (r.rank_key, r.indicator.code))
    profile = AreaProfile(area=area, chain=chain, rows=out)
    _attach_notes(profile, datasets)
    return profile


ADDITIVITY_BY_KIND = {
    IndicatorKind.SHARE: Additivity.RATIO,
    IndicatorKind.RATE: Additivity.RATIO,
    IndicatorKind.COUNT: Additivity.SUM,
    IndicatorKind.MEAN: Additivity.MEAN,
    IndicatorKind.INDEX: Additivity.MEAN,
    # Money is a median as often as a mean (median income): only a total over a base adds up.
    IndicatorKind.MONEY: Additivity.TOTAL_OVER_BASE,
}


def _merge_rolled(
    cells: dict[int, dict[int, dict[str, Point]]],
    rolled: dict[tuple[int, int, str], RolledUp],
    indicators: dict[int, Indicator],
    datasets: dict[int, set[int]],
) -> dict[tuple[int, int, str], RollUp]:
    """Put computed figures where a parent has no imported figure (an imported one always
    wins); return, per (area, indicator, period), the roll-ups that found no figure."""
    reasons: dict[tuple[int, int, str], RollUp] = {}
    for (parent_id, ind_id, period), sums in rolled.items():
        indicator = indicators.get(ind_id)
        if indicator is None:
            continue
        imported = cells.get(ind_id, {}).get(parent_id, {}).get(period)
        if imported is not None and imported.value is not None:
            continue
        result = roll_up(sums.groups, ADDITIVITY_BY_KIND[IndicatorKind(indicator.kind)])
        if result is None:
            continue
        if result.figure is None or result.figure.value is None:
            reasons[(parent_id, ind_id, period)] = result
            cells.setdefault(ind_id, defaultdict(dict))  # a row that says why
            continue
        figure = result.figure
        cells[ind_id][parent_id][period] = Point(
            period,
            figure.value,
            figure.numerator,
            figure.denominator,
            "; ".join(sorted(sums.sources)),
            sums.retrieved_at,
            computed_from=result.children,
        )
        datasets[ind_id].update(sums.dataset_ids)
    return reasons


def _why_missing(period: str, point: Point | None, rolled: RollUp | None) -> WhyMissing | None:
    """A stored missing figure's status says most; else why the roll-up found no figure."""
    if point is not None and point.status:
        return WhyMissing(period, status=point.status)
    if rolled is not None and rolled.gap is not None:
        return WhyMissing(period, gap=rolled.gap, lacking=rolled.lacking, children=rolled.children)
    return None


def _attach_notes(profile: AreaProfile, datasets: dict[int, set[int]]) -> None:
    """The notes of the datasets whose figures the profile shows: beside the indicator a
    note names, once for the profile when it names none. One query."""
    shown_rows = {row.indicator.id: row for row in profile.rows}
    wanted = {d for ind_id in shown_rows for d in datasets.get(ind_id, ())}
    if not wanted:
        return
    seen_general: set[int] = set()
    for note in DatasetNote.objects.filter(dataset_id__in=wanted).select_related("dataset"):
        if note.indicator_id is None:
            if note.pk not in seen_general:
                seen_general.add(note.pk)
                profile.dataset_notes.append(note)
            continue
        row = shown_rows.get(note.indicator_id)
        if row is not None and note.dataset_id in datasets.get(note.indicator_id, ()):
            row.notes.append(note)


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
