"""Valuations index with the KPI years imported from SCB (`grogrund import kpi`) as well as the
shipped ones: a 2025 annual mean stored once moves every valuation to 2025 prices, with no code
change, and a stored result is recomputed when the series grows."""

import pytest

from grogrund.areas.services import import_price_index
from grogrund.sources.kpi import KpiTable
from grogrund.valuations import services
from grogrund.valuations.price_index import kpi_series
from valuations.builders_valuations import make_valuation, simple_sroi

KPI_2025 = 420.00  # an illustrative annual mean for 2025, stored as the import stores it


def _store(period: str, value: float) -> None:
    """As `grogrund import kpi` stores it (months are stored too; the series takes years)."""
    if "M" in period:
        import_price_index(table=KpiTable(monthly={period: value}))
    else:
        import_price_index(table=KpiTable(monthly={}, annual={period: value}))


def _assault_in_2025_prices() -> dict:
    model = simple_sroi(price_year=2025)
    outcome = model["outcomes"][0]
    outcome.pop("proxy_sek")
    outcome["value_bank"] = "crime_assault"  # 203 000 kr in 2013 prices (KPI 314.06)
    return model


@pytest.mark.django_db
def test_the_series_is_the_shipped_one_overlaid_with_imported_annual_means() -> None:
    assert kpi_series().last_year == 2023
    _store("2025", KPI_2025)
    _store("2025M01", 418.0)  # months are stored too, but the series takes annual means
    series = kpi_series()
    assert series.values[2025] == KPI_2025 and series.values[2023] == 403.70
    assert series.last_year == 2025
    assert "TAB5737" in series.source


def test_a_valuation_in_2025_prices_uses_the_stored_2025_kpi(world) -> None:
    _store("2025", KPI_2025)
    valuation = make_valuation(world, model=_assault_in_2025_prices())
    data = services.cached_result(valuation)
    trace = data["trace"]["outcomes[0].value_bank"]
    # factor = KPI 2025 / KPI 2013 = 420.00 / 314.06 = 1.337324
    assert trace["indexation"]["factor"] == pytest.approx(1.337324, abs=1e-6)
    assert trace["indexed_amount"] == pytest.approx(271_476.8, abs=0.1)
    assert "price_index_not_available" not in [w["code"] for w in data["warnings"]]


def test_a_stored_result_is_recomputed_when_a_kpi_year_is_imported(world) -> None:
    valuation = make_valuation(world, model=_assault_in_2025_prices())
    before = services.cached_result(valuation)
    assert "price_index_not_available" in [w["code"] for w in before["warnings"]]
    _store("2025", KPI_2025)
    valuation.refresh_from_db()
    after = services.cached_result(valuation)
    assert after["trace"]["outcomes[0].value_bank"]["indexation"]["kpi_to"] == KPI_2025
    assert "price_index_not_available" not in [w["code"] for w in after["warnings"]]
