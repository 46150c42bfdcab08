"""Reads of the price index imported from SCB (areas.PriceIndexValue), for valuations.

The annual KPI means are read on every valuation result's cache check, so they are kept in
the process's cache: `import_price_index` forgets them when it has written, and another
process sees an import within `CACHE_SECONDS` (a KPI import is a monthly operator task).
"""

from __future__ import annotations

from django.core.cache import cache

from grogrund.areas.models import PriceIndexValue
from grogrund.sources.kpi import KPI_SERIES

CACHE_KEY = "grogrund:price-index:annual-kpi"
CACHE_SECONDS = 60
ANNUAL_PERIOD_REGEX = r"^[0-9]{4}$"


def annual_kpi() -> dict[int, tuple[float, str]]:
    """Annual KPI means imported from SCB: year → (value, source)."""
    cached: dict[int, tuple[float, str]] | None = cache.get(CACHE_KEY)
    if cached is None:
        rows = PriceIndexValue.objects.filter(
            series=KPI_SERIES, period__regex=ANNUAL_PERIOD_REGEX
        ).values_list("period", "value", "source")
        cached = {int(period): (value, source) for period, value, source in rows}
        cache.set(CACHE_KEY, cached, CACHE_SECONDS)
    return cached


def forget_annual_kpi() -> None:
    cache.delete(CACHE_KEY)
