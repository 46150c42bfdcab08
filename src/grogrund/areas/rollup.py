"""The DeSO figures of parent areas, summed in one grouped query (the roll-up's reading).

A DeSO belongs to a parent through the chain DeSO → RegSO → municipality → county →
country (or DeSO → municipality where no RegSO is stored): the query follows up to four
parent links by area id, so a country is summed over all its DeSO without a query per area.
Only datasets the user may see are read; a DeSO whose figure is in another dataset counts as
lacking it, so a computed figure is never made from what the user may not see. Of the same
DeSO cell in several datasets, the latest retrieval counts (as in the profile).

The decision (complete or not, how the kind adds up) is `engine.rollup.roll_up`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from grogrund.areas.models import Area, AreaLevel, Dataset, Observation
from grogrund.engine.rollup import ChildSums

# Areas whose figure may be computed from their DeSO.
ROLLUP_LEVELS = frozenset(
    {AreaLevel.REGSO, AreaLevel.MUNICIPALITY, AreaLevel.COUNTY, AreaLevel.COUNTRY}
)


@dataclass
class RolledUp:
    """The summed DeSO figures of one parent, indicator and period, per DeSO vintage."""

    groups: list[ChildSums] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)
    dataset_ids: set[int] = field(default_factory=set)
    retrieved_at: datetime | None = None


# Each branch finds the DeSO one more parent link away from the parents asked for.
_HOP = [
    "SELECT d.id AS deso_id, d.vintage AS vintage, d.parent_id AS parent_id FROM {area} d "
    "WHERE d.level = %s AND d.parent_id IN ({parents})",
    "SELECT d.id, d.vintage, p1.parent_id FROM {area} d "
    "JOIN {area} p1 ON p1.id = d.parent_id "
    "WHERE d.level = %s AND p1.parent_id IN ({parents})",
    "SELECT d.id, d.vintage, p2.parent_id FROM {area} d "
    "JOIN {area} p1 ON p1.id = d.parent_id JOIN {area} p2 ON p2.id = p1.parent_id "
    "WHERE d.level = %s AND p2.parent_id IN ({parents})",
    "SELECT d.id, d.vintage, p3.parent_id FROM {area} d "
    "JOIN {area} p1 ON p1.id = d.parent_id JOIN {area} p2 ON p2.id = p1.parent_id "
    "JOIN {area} p3 ON p3.id = p2.parent_id "
    "WHERE d.level = %s AND p3.parent_id IN ({parents})",
]

_SQL = """
WITH deso AS ({hops}),
expected AS (SELECT parent_id, vintage, COUNT(*) AS n FROM deso GROUP BY parent_id, vintage)
SELECT s.parent_id, s.vintage, e.n, s.indicator_id, s.period, s.dataset_id, s.source,
       s.n_rows, s.n_value, s.n_ratio, s.sum_num, s.sum_den, s.sum_value,
       s.n_weight, s.sum_weighted, s.sum_weight, s.last_retrieved
FROM (
    SELECT a.parent_id, a.vintage, o.indicator_id, o.period, o.dataset_id, o.source,
           COUNT(*) AS n_rows,
           SUM(CASE WHEN o.value IS NOT NULL THEN 1 ELSE 0 END) AS n_value,
           SUM(CASE WHEN o.numerator IS NOT NULL AND o.denominator IS NOT NULL
               THEN 1 ELSE 0 END) AS n_ratio,
           SUM(CASE WHEN o.numerator IS NOT NULL AND o.denominator IS NOT NULL
               THEN o.numerator END) AS sum_num,
           SUM(CASE WHEN o.numerator IS NOT NULL AND o.denominator IS NOT NULL
               THEN o.denominator END) AS sum_den,
           SUM(o.value) AS sum_value,
           SUM(CASE WHEN o.value IS NOT NULL AND o.denominator IS NOT NULL
               THEN 1 ELSE 0 END) AS n_weight,
           SUM(CASE WHEN o.value IS NOT NULL AND o.denominator IS NOT NULL
               THEN o.value * o.denominator END) AS sum_weighted,
           SUM(CASE WHEN o.value IS NOT NULL AND o.denominator IS NOT NULL
               THEN o.denominator END) AS sum_weight,
           MAX(o.retrieved_at) AS last_retrieved
    FROM deso a JOIN {obs} o ON o.area_id = a.deso_id
    WHERE o.dataset_id IN ({visible}){indicator_filter}{latest_only}
    GROUP BY a.parent_id, a.vintage, o.indicator_id, o.period, o.dataset_id, o.source
) s JOIN expected e ON e.parent_id = s.parent_id AND e.vintage = s.vintage
"""

# Of the same DeSO cell in several visible datasets only the latest retrieval counts. The
# check is a probe per figure, most of the query's time, and needless when no (parent,
# indicator, period) draws on more than one dataset (a cell can be in a dataset only once):
# the query runs without it first, and again with it only for the cells that need it.
_LATEST_ONLY = """
      AND NOT EXISTS (
        SELECT 1 FROM {obs} o2
        WHERE o2.area_id = o.area_id AND o2.indicator_id = o.indicator_id
          AND o2.period = o.period AND o2.dataset_id IN ({visible})
          AND (o2.retrieved_at > o.retrieved_at
               OR (o2.retrieved_at = o.retrieved_at AND o2.id > o.id)))"""


def roll_up_parents(
    *,
    parent_ids: Collection[int],
    datasets: QuerySet[Dataset],
    indicator_ids: Collection[int],
    periods: Collection[str] | None,
) -> dict[tuple[int, int, str], RolledUp]:
    """(parent, indicator, period) → the summed figures of its DeSO in `datasets`, read in
    one query, for `indicator_ids` in `periods` (the cells a profile lacks); `periods=None`
    for every period (the area whose profile is open).
    """
    if not parent_ids or not indicator_ids or (periods is not None and not periods):
        return {}
    fetched = _grouped(parent_ids, datasets, indicator_ids, periods, latest_only=False)
    datasets_of: dict[tuple[int, int, str], set[int]] = {}
    for row in fetched:
        datasets_of.setdefault((row[0], row[3], row[4]), set()).add(row[5])
    overlapping = {key for key, found in datasets_of.items() if len(found) > 1}
    if overlapping:
        again = _grouped(
            {k[0] for k in overlapping},
            datasets,
            {k[1] for k in overlapping},
            {k[2] for k in overlapping},
            latest_only=True,
        )
        fetched = [r for r in fetched if (r[0], r[3], r[4]) not in overlapping]
        fetched += [r for r in again if (r[0], r[3], r[4]) in overlapping]
    return _summed(fetched)


def _grouped(
    parent_ids: Collection[int],
    datasets: QuerySet[Dataset],
    indicator_ids: Collection[int],
    periods: Collection[str] | None,
    *,
    latest_only: bool,
) -> list[tuple[Any, ...]]:
    """The rows of `_SQL`: sums per parent, vintage, indicator, period, dataset and source."""
    parent_list = sorted(set(parent_ids))
    marks = ", ".join(["%s"] * len(parent_list))
    hops = " UNION ALL ".join(h.format(area=Area._meta.db_table, parents=marks) for h in _HOP)
    hop_params: list[Any] = []
    for _ in _HOP:
        hop_params += [AreaLevel.DESO.value, *parent_list]
    visible_sql, visible_params = datasets.values("pk").query.sql_with_params()
    indicator_list = sorted(set(indicator_ids))
    indicator_filter = " AND o.indicator_id IN ({})".format(", ".join(["%s"] * len(indicator_list)))
    indicator_params: list[Any] = list(indicator_list)
    if periods is not None:
        period_list = sorted(set(periods))
        indicator_filter += " AND o.period IN ({})".format(", ".join(["%s"] * len(period_list)))
        indicator_params += period_list
    obs = Observation._meta.db_table
    sql = _SQL.format(
        hops=hops,
        obs=obs,
        visible=visible_sql,
        indicator_filter=indicator_filter,
        latest_only=_LATEST_ONLY.format(obs=obs, visible=visible_sql) if latest_only else "",
    )
    params = [*hop_params, *visible_params, *indicator_params]
    if latest_only:
        params += visible_params
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _summed(fetched: list[tuple[Any, ...]]) -> dict[tuple[int, int, str], RolledUp]:
    out: dict[tuple[int, int, str], RolledUp] = {}
    # (parent, indicator, period) → vintage → sums over the datasets and sources.
    by_vintage: dict[tuple[int, int, str], dict[str, ChildSums]] = {}
    for (
        parent_id,
        vintage,
        expected,
        indicator_id,
        period,
        dataset_id,
        source,
        n_rows,
        n_value,
        n_ratio,
        sum_num,
        sum_den,
        sum_value,
        n_weight,
        sum_weighted,
        sum_weight,
        last_retrieved,
    ) in fetched:
        key = (parent_id, indicator_id, period)
        part = ChildSums(
            vintage=vintage or "",
            expected=int(expected),
            rows=int(n_rows),
            with_value=int(n_value or 0),
            with_ratio=int(n_ratio or 0),
            numerator=float(sum_num or 0.0),
            denominator=float(sum_den or 0.0),
            value=float(sum_value or 0.0),
            with_weight=int(n_weight or 0),
            weighted=float(sum_weighted or 0.0),
            weight=float(sum_weight or 0.0),
        )
        vintages = by_vintage.setdefault(key, {})
        vintages[part.vintage] = vintages[part.vintage] + part if part.vintage in vintages else part
        rolled = out.setdefault(key, RolledUp())
        if n_value:
            if source:
                rolled.sources.add(source)
            rolled.dataset_ids.add(dataset_id)
            at = stored_time(last_retrieved) if last_retrieved is not None else None
            if at is not None and (rolled.retrieved_at is None or at > rolled.retrieved_at):
                rolled.retrieved_at = at
    for key, vintages in by_vintage.items():
        out[key].groups = list(vintages.values())
    return out


def stored_time(value: Any) -> datetime:
    """A stored retrieval time as an aware datetime (SQLite gives a naive time in UTC)."""
    parsed = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
