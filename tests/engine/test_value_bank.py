"""The value bank: complete entries with sources, KPI indexing, overrides."""

import re

import pytest

from grogrund.engine import ValueOverride, evaluate, index_amount, load_kpi, load_value_bank
from grogrund.engine.errors import ModelError

from .builders import sroi_model, sroi_outcome


def test_every_entry_has_source_year_price_base_method_and_version() -> None:
    bank = load_value_bank()
    assert bank.entries
    for e in bank.entries.values():
        assert e.name_sv and e.name_en and e.unit and e.source and e.method and e.version
        assert e.source_year >= 2000
        assert e.price_year is None or 2006 <= e.price_year <= e.source_year


def test_no_uk_value_bank_figures_are_bundled() -> None:
    for e in load_value_bank().entries.values():
        assert not re.search(r"HACT|TOMs|Social Value Bank", e.source + e.method, re.I)


def test_reference_figures_from_the_brief() -> None:
    b = load_value_bank().entries
    assert b["crime_robbery"].amount == 226000
    assert b["crime_assault"].amount == 203000
    assert b["upper_secondary_dropout_lifetime"].amount == 3_600_000
    # 70 MSEK / 160 young adults = 437 500 per person-year
    assert b["exclusion_young_adult_person_year"].amount == 437500
    # 12.5 MSEK / 45 years = 277 778
    assert b["exclusion_person_year"].amount == 277778
    # Luleå shares 32/26/19/10/6/6 normalised by 99
    assert b["exclusion_payer_share.municipality"].amount == pytest.approx(32 / 99, abs=1e-6)
    shares = [e.amount for k, e in b.items() if k.startswith("exclusion_payer_share.")]
    assert sum(shares) == pytest.approx(1.0, abs=1e-5)


def test_kpi_is_shipped_with_its_source() -> None:
    kpi = load_kpi()
    assert "SCB" in kpi.source
    assert kpi.values[2023] == pytest.approx(403.70)
    assert kpi.values[1980 + 26] == pytest.approx(284.22)


def test_index_amount_with_kpi() -> None:
    # 100 SEK 2013 → 2023: 100 × 403.70 / 314.06 = 128.542
    assert index_amount(100, 2013, 2023) == pytest.approx(128.5423, abs=1e-4)


def test_price_year_after_the_series_warns_and_does_not_extrapolate() -> None:
    # the proxy of 1000 kr in 2023 prices asked for in 2025 prices: KPI stops at 2023
    res = evaluate(sroi_model(price_year=2023), price_year=2025)
    assert "price_index_not_available" in [w.code for w in res.warnings]
    assert res.trace["outcomes[0].proxy_sek"]["value"] == 1000
    assert res.pv_benefits == pytest.approx(10 * 1000)  # not extrapolated: factor 1


def test_price_year_before_the_series_is_an_error() -> None:
    with pytest.raises(ModelError) as exc:
        evaluate(
            sroi_model([sroi_outcome(proxy_sek=None, value_bank="crime_assault")]), price_year=1990
        )
    assert exc.value.code == "price_year_outside_kpi"


def test_an_organisation_overrides_a_value_with_its_own_and_its_source() -> None:
    model = sroi_model([sroi_outcome(quantity=1, proxy_sek=None, value_bank="crime_assault")])
    own = ValueOverride(amount=250000, price_year=2023, source="Kommunens egen kalkyl 2023")
    res = evaluate(model, overrides={"crime_assault": own})
    assert res.pv_benefits == pytest.approx(250000)
    trace = res.trace["outcomes[0].value_bank"]
    assert trace["entry"]["override"] is True
    assert trace["entry"]["source"] == "Kommunens egen kalkyl 2023"


def test_an_override_without_source_is_refused() -> None:
    model = sroi_model([sroi_outcome(proxy_sek=None, value_bank="crime_assault")])
    with pytest.raises(ModelError) as exc:
        evaluate(model, overrides={"crime_assault": ValueOverride(1, 2023, " ")})
    assert exc.value.code == "override_without_source"


def test_unknown_entry_names_the_field() -> None:
    with pytest.raises(ModelError) as exc:
        evaluate(sroi_model([sroi_outcome(proxy_sek=None, value_bank="no_such")]))
    assert exc.value.path == "outcomes[0].value_bank"
    assert exc.value.code == "unknown_value_bank_entry"
