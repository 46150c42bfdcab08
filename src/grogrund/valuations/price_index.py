"""The KPI series valuations index with: the shipped series (engine.valuebank) overlaid with
the annual means imported from SCB (`grogrund import kpi`, areas.PriceIndexValue).

A selector: the price index is public statistics that every organisation shares (no access
rule applies). The engine stays pure and takes the series as an argument.
"""

from __future__ import annotations

from grogrund.areas.price_index import annual_kpi
from grogrund.engine.valuebank import KpiSeries, load_kpi


def kpi_series() -> KpiSeries:
    """The shipped KPI series with every imported annual mean added (or replacing the
    shipped figure of the same year: SCB's table is the authority)."""
    imported = annual_kpi()
    if not imported:
        return load_kpi()
    sources = sorted({source for _value, source in imported.values()})
    return load_kpi().overlaid(
        {year: value for year, (value, _source) in imported.items()}, "; ".join(sources)
    )
