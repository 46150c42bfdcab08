"""Socio-economic calculation: persons × success rate × effects per stakeholder."""

import pytest

from grogrund.engine import evaluate, load_kpi, load_value_bank

from .builders import socio_model


def test_npv_per_stakeholder_with_rate_zero_is_the_plain_sum() -> None:
    res = evaluate(socio_model(discounting={"rate": 0}))
    by_s = {row["stakeholder"]: row for row in res.by_stakeholder}
    # 40 persons × 50 % = 20 persons × 2 years: municipality 20 × 100000 × 2 = 4 000 000,
    # Försäkringskassan 20 × 50000 × 2 = 2 000 000; municipality pays 2 × 1 000 000
    assert by_s["municipality"]["pv_benefits"] == pytest.approx(4_000_000)
    assert by_s["municipality"]["npv"] == pytest.approx(2_000_000)
    assert by_s["forsakringskassan"]["npv"] == pytest.approx(2_000_000)
    assert res.npv == pytest.approx(4_000_000)


def test_discounted_npv_break_even_and_payback() -> None:
    res = evaluate(socio_model())
    # benefits 3 000 000 in 2026 and 2027: 3e6/1.035 + 3e6/1.035² = 2 898 550.72 + 2 800 532.10
    assert res.pv_benefits == pytest.approx(5_699_082.82, abs=0.01)
    # costs 1e6 in 2025 and 2026: 1e6 + 1e6/1.035 = 1 966 183.57
    assert res.pv_costs == pytest.approx(1_966_183.57, abs=0.01)
    assert res.npv == pytest.approx(3_732_899.25, abs=0.01)
    # cumulative: 2025 −1e6; 2026 −1e6 + 2e6/1.035 = +932 367 → break-even 2026,
    # payback 1 + 1e6 / 1 932 367.15 = 1.5175 years
    assert res.break_even_year == 2026
    assert res.payback_years == pytest.approx(1 + 1e6 / (2e6 / 1.035), rel=1e-9)
    assert res.stakeholder("forsakringskassan")["break_even_year"] == 2025


def test_result_per_electoral_term() -> None:
    res = evaluate(socio_model(discounting={"rate": 0}))
    terms = {t["term"]: t for t in res.by_term}
    # 2025–2026 fall in the term 2023–2026: −1e6 + (3e6 − 1e6) = 1e6; 2027 in 2027–2030: 3e6
    assert terms["2023–2026"]["net"] == pytest.approx(1_000_000)
    assert terms["2027–2030"]["net"] == pytest.approx(3_000_000)
    assert terms["2027–2030"]["net_by_stakeholder"]["forsakringskassan"] == pytest.approx(1e6)


def test_value_bank_effects_are_indexed_with_kpi_to_the_price_year() -> None:
    model = socio_model(
        outcomes=[
            {
                "id": "o",
                "persons": 1,
                "success_rate": 100,
                "duration_years": 1,
                "effects": [
                    {
                        "stakeholder": "municipality",
                        "value_bank": "exclusion_person_year.municipality",
                    }
                ],
            }
        ],
        costs=[],
        discounting={"rate": 0},
    )
    res = evaluate(model)
    kpi = load_kpi().values
    # 89 787 SEK (2008 prices) × KPI 2023 / KPI 2008 = 89787 × 403.70 / 300.61
    assert res.pv_benefits == pytest.approx(89787 * kpi[2023] / kpi[2008])
    trace = res.trace["outcomes[0].effects[0].value_bank"]
    assert trace["entry"]["source"].startswith("Cost of exclusion per person-year")
    assert trace["indexation"]["factor"] == pytest.approx(403.70 / 300.61)


def test_effects_from_expands_to_one_effect_per_payer() -> None:
    model = socio_model(
        outcomes=[
            {"id": "o", "persons": 1, "duration_years": 1, "effects_from": "exclusion_person_year"}
        ],
        costs=[],
        discounting={"rate": 0},
        price_year=2008,
    )
    res = evaluate(model)
    bank = load_value_bank()
    payers = [
        "municipality",
        "forsakringskassan",
        "region",
        "justice",
        "arbetsformedlingen",
        "other",
    ]
    assert {s["id"] for s in res.stakeholders} == set(payers)
    # shares normalised to 100 %: the parts add up to 277 778 (± rounding of each part)
    assert res.pv_benefits == pytest.approx(
        sum(bank.entries[f"exclusion_person_year.{p}"].amount for p in payers)
    )
    assert res.pv_benefits == pytest.approx(277778, abs=3)


def test_negative_effect_reduces_the_stakeholders_benefit() -> None:
    model = socio_model(
        outcomes=[
            {
                "id": "o",
                "persons": 10,
                "duration_years": 1,
                "effects": [
                    {"stakeholder": "municipality", "amount_sek_per_person_year": 100},
                    {"stakeholder": "individual", "amount_sek_per_person_year": -40},
                ],
            }
        ],
        costs=[],
    )
    res = evaluate(model)
    assert res.stakeholder("individual")["pv_benefits"] == pytest.approx(-400)
    assert res.pv_benefits == pytest.approx(600)
