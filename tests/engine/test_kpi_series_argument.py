"""The engine indexes with the KPI series it is given (default: the shipped one), so a longer
series (imported from SCB) moves amounts beyond the shipped years without a code change; the
warning `price_index_not_available` comes only when a year beyond the series is needed."""

import pytest

from grogrund.engine import evaluate, index_amount, load_kpi
from grogrund.engine.valuebank import indexation

from .builders import sroi_model, sroi_outcome

# An illustrative 2025 annual mean, as an import from SCB would add it.
KPI_2025 = 420.00
EXTENDED = load_kpi().overlaid({2025: KPI_2025}, "SCB TAB5737 (test)")


def _assault(price_year: int) -> dict:
    return sroi_model(
        [sroi_outcome(quantity=1, proxy_sek=None, value_bank="crime_assault")],
        price_year=price_year,
    )


def test_the_shipped_series_is_the_default() -> None:
    assert indexation(2013, 2023).kpi_to == 403.70
    assert load_kpi().last_year == 2023


def test_an_amount_indexed_to_2025_with_a_2025_kpi() -> None:
    # 100 kr in 2023 prices = 100 × 420.00 / 403.70 = 104.0377 kr in 2025 prices
    assert index_amount(100, 2023, 2025, kpi=EXTENDED) == pytest.approx(104.0377, abs=1e-4)
    # without it the shipped series stops at 2023: no change (and a warning in a valuation)
    assert index_amount(100, 2023, 2025) == 100


def test_a_bank_value_reaches_2025_prices_without_a_warning() -> None:
    result = evaluate(_assault(2025), kpi=EXTENDED)
    ix = result.trace["outcomes[0].value_bank"]["indexation"]
    # 203 000 kr in 2013 prices × 420.00 / 314.06 (= 1.337324) = 271 476.8 kr in 2025 prices
    assert ix["kpi_to"] == KPI_2025 and ix["kpi_year_used_for_to"] == 2025
    assert ix["factor"] == pytest.approx(420.00 / 314.06)
    assert result.trace["outcomes[0].value_bank"]["indexed_amount"] == pytest.approx(
        271_476.8, abs=0.1
    )
    assert "price_index_not_available" not in [w.code for w in result.warnings]


def test_the_warning_comes_only_when_a_year_beyond_the_series_is_needed() -> None:
    assert "price_index_not_available" in [w.code for w in evaluate(_assault(2025)).warnings]
    beyond = evaluate(_assault(2026), kpi=EXTENDED)
    warning = next(w for w in beyond.warnings if w.code == "price_index_not_available")
    assert warning.params["last_kpi_year"] == 2025


def test_the_series_names_where_its_added_years_come_from() -> None:
    assert EXTENDED.source.endswith("2025: SCB TAB5737 (test)")
    assert load_kpi().overlaid({}, "x") is load_kpi()
