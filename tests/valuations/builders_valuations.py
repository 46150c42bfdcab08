"""Builders for valuation test data."""

from __future__ import annotations

from typing import Any

from grogrund.valuations import services
from grogrund.valuations.models import Valuation


def simple_sroi(**changes: Any) -> dict[str, Any]:
    """An SROI small enough to check by hand (see test_results_page_shows_hand_checked_figures):
    10 pupils × 10 000 kr × (1 − 20 %) × (1 − 25 %) = 60 000 kr a year in 2024–2026, a cost of
    100 000 kr in 2024, 5 % discount rate, the first year not discounted."""
    model: dict[str, Any] = {
        "kind": "sroi",
        "name": "Läxhjälp Testby",
        "start_year": 2024,
        "horizon_years": 10,
        "price_year": 2023,
        "discounting": {"rate": 5.0, "first_year_discounted": False},
        "outcomes": [
            {
                "id": "behoriga",
                "name": "Behöriga elever",
                "stakeholder": "municipality",
                "quantity": 10,
                "proxy_sek": 10000,
                "deadweight": 20,
                "displacement": 0,
                "attribution": 25,
                "drop_off": 0,
                "duration_years": 3,
                "start_year": 2024,
                "source": "Skolans uppföljning 2024",
            }
        ],
        "costs": [
            {
                "id": "laxhjalpare",
                "name": "Läxhjälpare",
                "payer": "housing_company",
                "amount_sek": 100000,
                "start_year": 2024,
                "years": 1,
                "source": "Budget 2024",
            }
        ],
    }
    model.update(changes)
    return model


def make_valuation(
    world: Any,
    *,
    name: str = "Läxhjälp Testby",
    model: dict[str, Any] | None = None,
    initiative: Any = None,
    user: Any = None,
) -> Valuation:
    return services.create_valuation(
        user=user or world.editor,
        programme=world.programme,
        name=name,
        model=model or simple_sroi(),
        initiative=initiative,
    )
