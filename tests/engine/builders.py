"""Small builders for engine model dicts: the least a valid model needs, overridable."""

from __future__ import annotations

from typing import Any


def sroi_outcome(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "o1",
        "stakeholder": "municipality",
        "quantity": 10,
        "proxy_sek": 1000,
        "deadweight": 0,
        "displacement": 0,
        "attribution": 0,
        "drop_off": 0,
        "duration_years": 1,
    }
    return base | kw


def sroi_model(outcomes: list[dict[str, Any]] | None = None, **kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "kind": "sroi",
        "name": "test",
        "start_year": 2025,
        "horizon_years": 10,
        "price_year": 2023,
        "outcomes": outcomes if outcomes is not None else [sroi_outcome()],
        "costs": [],
    }
    return base | kw


def cost(**kw: Any) -> dict[str, Any]:
    return {"id": "c1", "payer": "housing_company", "amount_sek": 10000} | kw


def socio_model(outcomes: list[dict[str, Any]] | None = None, **kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "kind": "socioeconomic",
        "name": "test",
        "start_year": 2025,
        "horizon_years": 10,
        "price_year": 2023,
        "outcomes": outcomes
        if outcomes is not None
        else [
            {
                "id": "work",
                "persons": 40,
                "success_rate": 50,
                "duration_years": 2,
                "start_year": 2026,
                "effects": [
                    {"stakeholder": "municipality", "amount_sek_per_person_year": 100000},
                    {"stakeholder": "forsakringskassan", "amount_sek_per_person_year": 50000},
                ],
            }
        ],
        "costs": [
            {
                "id": "coach",
                "payer": "municipality",
                "amount_sek": 1000000,
                "start_year": 2025,
                "years": 2,
            }
        ],
    }
    return base | kw


def property_model(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "kind": "property",
        "name": "test",
        "start_year": 2025,
        "horizon_years": 10,
        "price_year": 2023,
        "property": {
            "units": 100,
            "rent_sek_per_unit_year": 100000,
            "other_operating_cost_sek_per_year": 2000000,
            "cost_per_move_sek": 20000,
            "baseline": {
                "vacancy_rate": 5,
                "moves_per_year": 20,
                "vandalism_sek_per_year": 500000,
                "yield": 5,
            },
            "improved": {
                "vacancy_rate": 3,
                "moves_per_year": 10,
                "vandalism_sek_per_year": 300000,
                "yield": 4.5,
            },
            "ramp_up_years": 3,
            "dcf_rate": 10,
        },
    }
    return base | kw


def contract_model(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "kind": "outcome_contract",
        "name": "test",
        "start_year": 2025,
        "horizon_years": 10,
        "price_year": 2023,
        "payer": "municipality",
        "cap_sek_per_period": 800000,
        "cap_sek_total": 1200000,
        "investor_capital": {2025: 1000000},
        "metrics": [
            {
                "id": "work",
                "baseline": 20,
                "price_sek_per_unit": 100000,
                "outcomes": {2025: 25, 2026: 30, 2027: 18},
                "savings_sek_per_unit": 150000,
            }
        ],
        "discounting": {"rate": 0},
    }
    return base | kw
