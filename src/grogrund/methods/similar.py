"""Areas like mine (model step 3, Benchmark): for a DeSO or RegSO, the most similar areas of
the same level in Sweden by their profile indicators in one year, standardised over all areas
of that level and year (grogrund.engine.similar_areas does the arithmetic), each explained by
the indicators that make them similar, with the programmes and methods running there.

What counts:
- the figures: observations of the datasets the user may see (areas.selectors.datasets_for),
  of indicators that describe a profile (shares, rates, means, money, indices; not counts,
  which say how big an area is, not what it is like), in the latest year in which the area
  has at least MIN_SHARED_INDICATORS of them;
- an indicator is used when at least MIN_COVERAGE of the areas of the level with any figure
  that year have it;
- the programmes: those the user may see (programmes.selectors.programmes_for) for the area,
  for a custom area made of it, or for its RegSO (a DeSO) or one of its DeSO (a RegSO).

The standardised matrix is cached per level, year, visible datasets and data generation: it
is the slow part (reading every area's figures), the same for every area asked about.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

import numpy as np
from django.core.cache import cache
from django.db import connections
from django.db.models import Count
from django.utils.translation import gettext as _

from grogrund.areas.models import Area, AreaLevel, Indicator, IndicatorKind, Observation
from grogrund.areas.selectors import datasets_for, visible_dataset_ids
from grogrund.core.generation import current
from grogrund.engine.similar_areas import (
    MIN_SHARED_INDICATORS,
    NEIGHBOURS,
    Similar,
    nearest,
    zscores,
)
from grogrund.initiatives.models import Initiative
from grogrund.methods.models import Method, MethodStatus
from grogrund.programmes.models import Programme
from grogrund.programmes.selectors import programmes_for

PROFILE_KINDS = (
    IndicatorKind.SHARE,
    IndicatorKind.RATE,
    IndicatorKind.MEAN,
    IndicatorKind.MONEY,
    IndicatorKind.INDEX,
)
COMPARED_LEVELS = (AreaLevel.DESO, AreaLevel.REGSO)
#: An indicator is used when at least this share of the level's areas have it that year.
MIN_COVERAGE = 0.5
CACHE_SECONDS = 3600


@dataclass(frozen=True)
class ProfileMatrix:
    """Areas × indicators of one level and year, standardised (NaN: no figure)."""

    area_ids: np.ndarray
    indicator_ids: np.ndarray
    values: np.ndarray
    z: np.ndarray

    def row_of(self, area_id: int) -> int | None:
        found = np.flatnonzero(self.area_ids == area_id)
        return int(found[0]) if found.size else None


@dataclass(frozen=True)
class Reason:
    indicator: Indicator
    mine: float
    theirs: float


@dataclass(frozen=True)
class Running:
    programme: Programme
    methods: tuple[Method, ...]


@dataclass(frozen=True)
class Match:
    area: Area
    distance: float
    shared: int
    reasons: tuple[Reason, ...]
    running: tuple[Running, ...] = ()


@dataclass(frozen=True)
class AreasLikeMine:
    area: Area
    year: int | None = None
    indicators: tuple[Indicator, ...] = ()
    compared: int = 0
    matches: tuple[Match, ...] = ()
    problem: str = ""
    mine: dict[int, float] = field(default_factory=dict)


def _fetch(query: Any) -> list[tuple[Any, ...]]:
    """The rows of a values_list query, read with a plain cursor (no model rows)."""
    sql, params = query.query.sql_with_params()
    with connections[query.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _read_cells(dataset_ids: list[int], level: str, year: int) -> np.ndarray:
    """The figures of the level's areas in `year`: an n × 3 array of area id, indicator id and
    value, ordered by dataset (a later dataset's figure for the same cell comes after). Two
    plain queries read into numpy: the figures of the year (no join: the areas of the level
    are picked out in numpy, which costs less than looking each row's area up in the
    database) and the ids of the level's areas."""
    indicator_ids = list(
        Indicator.objects.filter(kind__in=PROFILE_KINDS).values_list("pk", flat=True)
    )
    if not dataset_ids or not indicator_ids:
        return np.empty((0, 3))
    # With one dataset there is no order between datasets to keep.
    columns = ("area_id", "indicator_id", "value", "dataset_id")[
        : 3 if len(dataset_ids) == 1 else 4
    ]
    rows = _fetch(
        Observation.objects.filter(
            dataset_id__in=dataset_ids,
            period=str(year),
            indicator_id__in=indicator_ids,
            value__isnull=False,
        )
        .order_by()
        .values_list(*columns)
    )
    if not rows:
        return np.empty((0, 3))
    width = len(columns)
    data = np.fromiter(chain.from_iterable(rows), dtype=float, count=width * len(rows))
    data = data.reshape(-1, width)
    level_ids = np.fromiter(
        chain.from_iterable(_fetch(Area.objects.filter(level=level).order_by().values_list("pk"))),
        dtype=float,
    )
    data = data[np.isin(data[:, 0], level_ids)]
    if width == 4:
        data = data[np.argsort(data[:, 3], kind="stable"), :3]
    return data


def _build_matrix(dataset_ids: list[int], level: str, year: int) -> ProfileMatrix | None:
    data = _read_cells(dataset_ids, level, year)
    if data.size == 0:
        return None
    area_ids, area_index = np.unique(data[:, 0].astype(np.int64), return_inverse=True)
    indicator_ids, indicator_index = np.unique(data[:, 1].astype(np.int64), return_inverse=True)
    values = np.full((area_ids.size, indicator_ids.size), np.nan)
    # Two datasets with a figure for the same cell: the later dataset's wins, as in a profile.
    values[area_index, indicator_index] = data[:, 2]
    coverage = (~np.isnan(values)).sum(axis=0) / area_ids.size
    keep = coverage >= MIN_COVERAGE
    values = values[:, keep]
    return ProfileMatrix(area_ids, indicator_ids[keep], values, zscores(values))


def profile_matrix(user: Any, level: str, year: int) -> ProfileMatrix | None:
    dataset_ids = visible_dataset_ids(user)
    parts = ("methods:profile", level, year, ",".join(map(str, dataset_ids)), current())
    key = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = _build_matrix(dataset_ids, level, year) or False
        cache.set(key, found, CACHE_SECONDS)
    return found or None


def profile_year(user: Any, area: Area) -> int | None:
    """The latest year in which the area has at least MIN_SHARED_INDICATORS profile figures."""
    rows = (
        Observation.objects.filter(
            area=area,
            dataset__in=datasets_for(user),
            indicator__kind__in=PROFILE_KINDS,
            value__isnull=False,
        )
        .values("period")
        .annotate(n=Count("indicator_id", distinct=True))
    )
    years = [
        int(r["period"]) for r in rows if r["period"].isdigit() and r["n"] >= MIN_SHARED_INDICATORS
    ]
    return max(years) if years else None


def areas_like(user: Any, area: Area, *, k: int = NEIGHBOURS) -> AreasLikeMine:
    if area.level not in COMPARED_LEVELS:
        return AreasLikeMine(
            area, problem=_("Areas like mine are found for a DeSO or a RegSO; choose one.")
        )
    year = profile_year(user, area)
    if year is None:
        return AreasLikeMine(
            area,
            problem=_(
                "The area has too few figures to compare: import at least %(n)s of the profile "
                "indicators (employment, income, education…) for it and the other areas of "
                "its level."
            )
            % {"n": MIN_SHARED_INDICATORS},
        )
    matrix = profile_matrix(user, area.level, year)
    row = matrix.row_of(area.pk) if matrix is not None else None
    if matrix is None or row is None or matrix.area_ids.size < 2:
        return AreasLikeMine(
            area,
            year=year,
            problem=_("No other area of the same level has figures for %(year)s to compare with.")
            % {"year": year},
        )
    found: list[Similar] = nearest(matrix.z, row, k=k, min_shared=MIN_SHARED_INDICATORS)
    indicators = {i.pk: i for i in Indicator.objects.filter(pk__in=matrix.indicator_ids.tolist())}
    columns = [indicators.get(int(i)) for i in matrix.indicator_ids]
    neighbour_ids = [int(matrix.area_ids[s.index]) for s in found]
    areas = {
        a.pk: a for a in Area.objects.filter(pk__in=neighbour_ids).select_related("parent__parent")
    }
    running = _running(user, [areas[a] for a in neighbour_ids if a in areas])
    matches = []
    for s in found:
        neighbour = areas.get(int(matrix.area_ids[s.index]))
        if neighbour is None:
            continue
        reasons = tuple(
            Reason(columns[c], float(matrix.values[row, c]), float(matrix.values[s.index, c]))
            for c in s.closest
            if columns[c] is not None
        )
        matches.append(
            Match(neighbour, s.distance, s.shared, reasons, running.get(neighbour.pk, ()))
        )
    mine = {
        int(matrix.indicator_ids[c]): float(matrix.values[row, c])
        for c in range(matrix.indicator_ids.size)
        if not np.isnan(matrix.values[row, c])
    }
    return AreasLikeMine(
        area,
        year=year,
        indicators=tuple(c for c in columns if c is not None),
        compared=int(matrix.area_ids.size) - 1,
        matches=tuple(matches),
        mine=mine,
    )


def _running(user: Any, areas: list[Area]) -> dict[int, tuple[Running, ...]]:
    """The visible programmes for each area (see the module docstring) and the published
    methods their initiatives use."""
    if not areas:
        return {}
    ids = [a.pk for a in areas]
    related: dict[int, set[int]] = {a.pk: {a.pk} for a in areas}
    for a in areas:
        if (
            a.level == AreaLevel.DESO
            and a.parent_id
            and a.parent
            and a.parent.level == AreaLevel.REGSO
        ):
            related[a.pk].add(a.parent_id)
    regsos = [a.pk for a in areas if a.level == AreaLevel.REGSO]
    members: dict[int, set[int]] = defaultdict(set)  # area → the areas whose programmes count
    if regsos:
        for child, parent in Area.objects.filter(parent_id__in=regsos).values_list(
            "pk", "parent_id"
        ):
            related[parent].add(child)
    parts = {p for ps in related.values() for p in ps}
    for whole, part in Area.members.through.objects.filter(to_area_id__in=parts).values_list(
        "from_area_id", "to_area_id"
    ):
        members[part].add(whole)
    for area_id in ids:
        for part in list(related[area_id]):
            related[area_id] |= members.get(part, set())
    every = {a for rel in related.values() for a in rel}
    links: dict[int, set[int]] = defaultdict(set)  # related area → programmes
    programmes: dict[int, Programme] = {}
    for p in (
        programmes_for(user)
        .filter(areas__in=every)
        .select_related("owner")
        .distinct()
        .prefetch_related("areas")
    ):
        programmes[p.pk] = p
        for a in p.areas.all():
            links[a.pk].add(p.pk)
    methods: dict[int, dict[int, Method]] = defaultdict(dict)
    if programmes:
        for i in Initiative.objects.filter(
            programme_id__in=list(programmes), method_ref__status=MethodStatus.PUBLISHED
        ).select_related("method_ref"):
            methods[i.programme_id][i.method_ref_id] = i.method_ref  # type: ignore[index]
    out = {}
    for area_id in ids:
        found = sorted(
            {p for rel in related[area_id] for p in links.get(rel, set())},
            key=lambda p: programmes[p].name,
        )
        out[area_id] = tuple(
            Running(
                programmes[p],
                tuple(sorted(methods.get(p, {}).values(), key=lambda m: m.name)),
            )
            for p in found
        )
    return out
