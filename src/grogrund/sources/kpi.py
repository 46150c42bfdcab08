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

SCB continues KPI from 2026 in a table with 2020=100 (`TAB6596`); TAB5737 ends in 2025M12.
The 1980=100 series that valuations use is read from TAB5737 (or from a saved response of it).
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

_MONTH = re.compile(r"(\d{4})M(0[1-9]|1[0-2])")


@dataclass(frozen=True)
class KpiTable:
    """The KPI series read from SCB: months ("2024M09" → value) and the annual means of
    complete years ("2023" → value), with the source text."""

    monthly: dict[str, float]
    annual: dict[str, float] = field(default_factory=dict)
    source: str = KPI_SOURCE

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
            "table TAB5737 (KPI, fastställda tal, 1980=100) without changing it, or use --live."
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
    for dim in others:
        if dim.id == "ContentsCode" and KPI_CONTENTS_CODE in dim.codes:
            coordinates[dim.id] = KPI_CONTENTS_CODE
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
    return KpiTable(monthly=monthly, annual=annual_means(monthly))


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
