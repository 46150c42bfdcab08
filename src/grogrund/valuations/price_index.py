"""The KPI series valuations index with: the shipped series (engine.valuebank) overlaid with
the annual means imported from SCB (`grogrund import kpi`, areas.PriceIndexValue).

A selector: it reads the price index every organisation shares (public statistics, no access
rule applies). The engine stays pure and takes the series as an argument.
"""

from __future__ import annotations

from grogrund.areas.models import PriceIndexValue
from grogrund.engine.valuebank import KpiSeries, load_kpi
from grogrund.sources.kpi import KPI_SERIES

ANNUAL_PERIOD_REGEX = r"^[0-9]{4}$"


def imported_annual_kpi() -> dict[int, tuple[float, str]]:
    """Annual KPI means imported from SCB: year → (value, source)."""
    rows = PriceIndexValue.objects.filter(
        series=KPI_SERIES, period__regex=ANNUAL_PERIOD_REGEX
    ).values_list("period", "value", "source")
    return {int(period): (value, source) for period, value, source in rows}


def kpi_series() -> KpiSeries:
    """The shipped KPI series with every imported annual mean added (or replacing the
    shipped figure of the same year: SCB's table is the authority)."""
    imported = imported_annual_kpi()
    if not imported:
        return load_kpi()
    sources = sorted({source for _value, source in imported.values()})
    return load_kpi().overlaid(
        {year: value for year, (value, _source) in imported.items()}, "; ".join(sources)
    )
