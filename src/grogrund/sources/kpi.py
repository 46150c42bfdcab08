"""The consumer price index KPI from SCB: monthly values and annual means, 1980=100.

SCB's table "Konsumentprisindex (KPI), fastställda tal, 1980=100", month by month, is
`TAB5737` in PxWebApi 2.0 (`KPItotM` in PxWeb v1, PR/PR0101/PR0101A), with the dimensions
`ContentsCode` (the figure `000004VU`, "KPI, fastställda tal, 1980=100") and `Tid` (months
such as `2024M09`). It answers in JSON-stat2 like every v2 table (sources.jsonstat).

Annual means are computed here as SCB computes them: the mean of the twelve published
monthly figures (two decimals), rounded to two decimals, half to even. Checked against
every year 2006–2023 of SCB's published table; 2023 is the year that tells the rules apart:
the twelve months average exactly 403.705 and SCB publishes 403.70. A year with fewer than
twelve months has no annual mean yet.

SCB continues KPI from 2026 in a table with 2020=100 (`TAB6596`, figure `00000808`, "KPI,
fastställda tal, 2020=100"); TAB5737 ends in 2025M12. The 1980=100 series that valuations use
is read from TAB5737, and continued with TAB6596 linked to it (`linked_to_1980`): each later
month of TAB6596 times the ratio of the two tables in the latest month both have (2025M12
once both are complete), rounded to two decimals, so the joined series moves from month to
month exactly as TAB6596 does. A TAB6596 response is never read as 1980=100 figures.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any

from .errors import SourceError, gettext_noop
from .jsonstat import Dataset, parse_dataset
from .records import Location

KPI_TABLE_ID = "TAB5737"
KPI_CONTENTS_CODE = "000004VU"
KPI_TIME_DIMENSION = "Tid"
KPI_SERIES = "KPI"
KPI_SOURCE = "SCB, Konsumentprisindex (KPI), fastställda tal, 1980=100 (TAB5737)"
KPI2020_TABLE_ID = "TAB6596"
KPI2020_CONTENTS_CODE = "00000808"
KPI2020_SOURCE = (
    "SCB, Konsumentprisindex (KPI), fastställda tal, 2020=100 (TAB6596), "
    "länkad till 1980=100 i %(link)s"
)

_MONTH = re.compile(r"(\d{4})M(0[1-9]|1[0-2])")


@dataclass(frozen=True)
class KpiTable:
    """The KPI series read from SCB: months ("2024M09" → value) and the annual means of
    complete years ("2023" → value), with the source text."""

    monthly: dict[str, float]
    annual: dict[str, float] = field(default_factory=dict)
    source: str = KPI_SOURCE
    # The reference year the figures are published with: "1980" (TAB5737, the stored
    # series) or "2020" (TAB6596, to be linked to the stored series before it is stored).
    base: str = "1980"

    def values(self) -> dict[str, float]:
        """Every period → value, annual means and months together."""
        return {**self.annual, **self.monthly}


def annual_mean(months: Iterable[float]) -> float:
    """SCB's annual mean of twelve monthly figures: the mean rounded to two decimals, half
    to even, computed in decimal so that 403.705 stays 403.705 before rounding."""
    figures = [Decimal(str(m)) for m in months]
    if len(figures) != 12:
        raise ValueError("an annual mean needs twelve months")
    mean = sum(figures, Decimal(0)) / 12
    return float(mean.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN))


def annual_means(monthly: Mapping[str, float]) -> dict[str, float]:
    """The annual mean of every year that has all twelve months."""
    years: dict[str, dict[int, float]] = {}
    for period, value in monthly.items():
        m = _MONTH.fullmatch(period)
        if m:
            years.setdefault(m[1], {})[int(m[2])] = value
    return {
        year: annual_mean(months[i] for i in range(1, 13))
        for year, months in sorted(years.items())
        if len(months) == 12
    }


def _not_kpi(file: str, reason: str) -> SourceError:
    return SourceError(
        gettext_noop(
            "%(file)s is not SCB's KPI table (%(reason)s). Save the JSON-stat2 response of "
            "table TAB5737 (KPI, fastställda tal, 1980=100) or TAB6596 (2020=100) without "
            "changing it, or use --live."
        ),
        {"reason": reason},
        Location(file=file),
        code="invalid_kpi",
    )


def kpi_from_dataset(dataset: Dataset) -> KpiTable:
    """The monthly KPI figures of a TAB5737 response, and the annual means of full years."""
    file = dataset.file
    if KPI_TIME_DIMENSION not in dataset.id:
        raise _not_kpi(file, "no dimension Tid")
    others = [d for d in dataset.dimensions if d.id != KPI_TIME_DIMENSION]
    coordinates: dict[str, str] = {}
    base = "1980"
    for dim in others:
        if dim.id == "ContentsCode" and KPI_CONTENTS_CODE in dim.codes:
            coordinates[dim.id] = KPI_CONTENTS_CODE
        elif dim.id == "ContentsCode" and KPI2020_CONTENTS_CODE in dim.codes:
            coordinates[dim.id] = KPI2020_CONTENTS_CODE
            base = "2020"
        elif dim.size == 1:
            coordinates[dim.id] = dim.codes[0]
        else:
            raise _not_kpi(file, f"dimension {dim.id} has {dim.size} values")
    monthly: dict[str, float] = {}
    for period in dataset.dimension(KPI_TIME_DIMENSION).codes:
        if not _MONTH.fullmatch(period):
            raise _not_kpi(file, f"period {period[:20]} is not a month")
        value = dataset.value_at(**coordinates, **{KPI_TIME_DIMENSION: period})
        if value is None:
            continue  # not yet published ("..")
        if not 0 < value < 100_000:
            raise _not_kpi(file, f"{period} = {value}")
        monthly[period] = value
    if not monthly:
        raise _not_kpi(file, "no monthly figures")
    if base == "2020":
        return KpiTable(monthly=monthly, source=KPI2020_SOURCE, base=base)
    return KpiTable(monthly=monthly, annual=annual_means(monthly))


def linked_to_1980(table: KpiTable, earlier: Mapping[str, float]) -> KpiTable:
    """TAB6596's months (2020=100) after the latest month that `earlier` (the 1980=100 months
    already stored) also has, on the 1980=100 scale: each times earlier[link] / table[link],
    rounded to two decimals, half to even. The annual means are those of complete years of
    the joined series from the link's year on. A 1980=100 table is returned as it is."""
    if table.base != "2020":
        return table
    months = {p: v for p, v in earlier.items() if _MONTH.fullmatch(p)}
    common = sorted(set(table.monthly) & set(months))
    if not common:
        raise SourceError(
            gettext_noop(
                "The KPI table with 2020=100 (TAB6596) can be joined to the 1980=100 series "
                "only through a month both have, and no such month is stored. Import SCB's "
                "KPI table TAB5737 (1980=100) first, then TAB6596; --live does both."
            ),
            {},
            Location(file=KPI2020_TABLE_ID),
            code="kpi_no_link",
        )
    link = common[-1]
    factor = Decimal(str(months[link])) / Decimal(str(table.monthly[link]))
    linked = {
        period: float(
            (Decimal(str(value)) * factor).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
        )
        for period, value in table.monthly.items()
        if period > link
    }
    joined = {**months, **linked}
    annual = {y: v for y, v in annual_means(joined).items() if y >= link[:4]}
    return KpiTable(
        monthly=linked, annual=annual, source=KPI2020_SOURCE % {"link": link}, base="1980"
    )


def read_kpi_file(path: str | Path) -> KpiTable:
    """The KPI series from a saved JSON-stat2 response of TAB5737."""
    path = Path(path)
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _not_kpi(path.name, str(exc)[:120]) from exc
    return kpi_from_dataset(parse_dataset(data, file=path.name))


def fetch_kpi(client: Any) -> KpiTable:
    """The whole KPI series from the SCB API (`client` is a sources.scb.ScbClient)."""
    selection = {"ContentsCode": [KPI_CONTENTS_CODE], KPI_TIME_DIMENSION: ["*"]}
    monthly: dict[str, float] = {}
    for dataset in client.fetch(KPI_TABLE_ID, selection, resolve=True):
        monthly.update(kpi_from_dataset(dataset).monthly)
    return KpiTable(monthly=monthly, annual=annual_means(monthly))


def fetch_kpi_2020(client: Any) -> KpiTable:
    """The KPI series with 2020=100 (TAB6596) from the SCB API, not yet linked."""
    selection = {"ContentsCode": [KPI2020_CONTENTS_CODE], KPI_TIME_DIMENSION: ["*"]}
    monthly: dict[str, float] = {}
    for dataset in client.fetch(KPI2020_TABLE_ID, selection, resolve=True):
        table = kpi_from_dataset(dataset)
        if table.base != "2020":
            raise _not_kpi(dataset.file, f"{KPI2020_TABLE_ID} without {KPI2020_CONTENTS_CODE}")
        monthly.update(table.monthly)
    return KpiTable(monthly=monthly, source=KPI2020_SOURCE, base="2020")
