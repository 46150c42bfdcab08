"""Warning `price_index_not_available` comes only when an amount is actually moved between two
different price years and the consumer price index (KPI, shipped up to 2023) lacks one of them.
A valuation whose amounts are all in its price year needs no index and draws no warning, in
whatever year that is."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grogrund.engine import evaluate, load_kpi

from .builders import contract_model, cost, property_model, socio_model, sroi_model, sroi_outcome

LAST_KPI_YEAR = load_kpi().last_year  # 2023
#: A price year before the series is refused (price_year_outside_kpi), needed or not.
FIRST_KPI_YEAR = load_kpi().first_year


def _codes(result) -> list[str]:
    return [w.code for w in result.warnings]


def _without_bank(kind: str, price_year: int) -> dict:
    """A model of each kind whose amounts are all written by the user (no value-bank entry)."""
    build = {
        "sroi": lambda: sroi_model(costs=[cost()]),
        "socioeconomic": socio_model,
        "property": property_model,
        "outcome_contract": contract_model,
    }[kind]
    return build() | {"price_year": price_year}


def test_the_shipped_series_ends_in_2023() -> None:
    assert LAST_KPI_YEAR == 2023


@settings(max_examples=60, deadline=None)
@given(
    kind=st.sampled_from(["sroi", "socioeconomic", "property", "outcome_contract"]),
    price_year=st.integers(min_value=FIRST_KPI_YEAR, max_value=2200),
)
def test_never_when_all_amounts_are_in_the_price_year(kind: str, price_year: int) -> None:
    result = evaluate(_without_bank(kind, price_year))
    assert "price_index_not_available" not in _codes(result)


def test_never_when_a_bank_value_has_the_price_year_itself() -> None:
    # an own value replacing a bank entry, in 2026 prices, in a valuation in 2026 prices
    model = sroi_model(
        [sroi_outcome(proxy_sek=None, value_bank="crime_assault")],
        price_year=2026,
        value_overrides={
            "crime_assault": {"amount": 210000, "price_year": 2026, "source": "Own figures 2026"}
        },
    )
    result = evaluate(model)
    assert "price_index_not_available" not in _codes(result)
    assert result.trace["outcomes[0].value_bank"]["indexation"] is None
    assert result.pv_benefits == pytest.approx(10 * 210000)


def test_when_an_own_amount_is_moved_to_a_year_after_the_series() -> None:
    # 1 000 kr in 2023 prices asked for in 2025 prices: KPI 2025 is missing
    result = evaluate(sroi_model(price_year=2023), price_year=2025)
    warning = next(w for w in result.warnings if w.code == "price_index_not_available")
    assert warning.params == {"last_kpi_year": 2023, "price_year": 2025, "from_year": 2023}
    assert warning.path == "price_year" and warning.label == "Price year"


def test_when_a_bank_value_of_2013_is_moved_to_2025_prices() -> None:
    # the assault value (2013 prices) in a valuation in 2025 prices, whose own amounts need none
    model = sroi_model([sroi_outcome(proxy_sek=None, value_bank="crime_assault")], price_year=2025)
    assert "price_index_not_available" in _codes(evaluate(model))


def test_when_an_amount_of_a_year_after_the_series_is_moved_back() -> None:
    # own amounts in 2025 prices asked for in 2023 prices: KPI 2025 is missing
    result = evaluate(sroi_model(price_year=2025), price_year=2023)
    assert _codes(result).count("price_index_not_available") == 1


def test_once_however_many_amounts_and_draws() -> None:
    model = sroi_model(
        [sroi_outcome(id=f"o{i}", quantity={"low": 1, "likely": 2, "high": 3}) for i in range(3)],
        costs=[cost()],
        price_year=2023,
    )
    result = evaluate(model, price_year=2026, simulate=50, seed=1)
    assert _codes(result).count("price_index_not_available") == 1


def test_not_when_the_series_reaches_both_years() -> None:
    result = evaluate(sroi_model(price_year=2013), price_year=2023)
    assert "price_index_not_available" not in _codes(result)
    # 1 000 kr in 2013 prices = 1000 × 403.70 / 314.06 kr in 2023 prices, 10 units
    assert result.pv_benefits == pytest.approx(10 * 1000 * 403.70 / 314.06)
