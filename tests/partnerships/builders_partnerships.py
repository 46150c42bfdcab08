"""Builders for partnership test data (see tests/builders.py for the shared ones)."""

from __future__ import annotations

from typing import Any

from grogrund.partnerships.models import Commitment, CommitmentYear, ReadinessTopic
from grogrund.valuations.models import Valuation


def make_commitment(
    programme: Any,
    organisation: Any,
    years: dict[int, tuple[int, float, int]],
    *,
    hourly_cost_sek: int = 500,
) -> Commitment:
    """`years`: year → (money kr, staff hours, in kind kr)."""
    c = Commitment.objects.create(
        programme=programme, organisation=organisation, hourly_cost_sek=hourly_cost_sek
    )
    for year, (money, hours, in_kind) in years.items():
        CommitmentYear.objects.create(
            commitment=c, year=year, money_sek=money, staff_hours=hours, in_kind_sek=in_kind
        )
    return c


def benefit_model(**amounts: int) -> dict[str, Any]:
    """A socio-economic model whose benefits are easy to check by hand: 10 people for one
    year, no discounting, so each stakeholder's present value is 10 × its amount."""
    return {
        "format": "grogrund-valuation/1",
        "kind": "socioeconomic",
        "name": "Handräknad värdering",
        "start_year": 2024,
        "horizon_years": 10,
        "price_year": 2023,
        "discounting": {"rate": 0, "first_year_discounted": False},
        "outcomes": [
            {
                "id": "work",
                "name": "Work",
                "persons": 10,
                "success_rate": 100,
                "duration_years": 1,
                "start_year": 2024,
                "effects": [
                    {"stakeholder": s, "amount_sek_per_person_year": a, "source": "test"}
                    for s, a in amounts.items()
                ],
            }
        ],
        "costs": [
            {
                "id": "c",
                "name": "C",
                "payer": "housing_company",
                "amount_sek": 100000,
                "start_year": 2024,
                "years": 1,
            }
        ],
    }


def make_valuation(programme: Any, name: str = "Programmets värdering", **amounts: int) -> Any:
    return Valuation.objects.create(programme=programme, name=name, model=benefit_model(**amounts))


def readiness_data(**statuses: str) -> dict[str, str]:
    """The readiness page's POST data: every topic "missing" unless named, no dates or notes."""
    data = {}
    for topic in ReadinessTopic.values:
        data[f"{topic}-status"] = statuses.get(topic, "missing")
        data[f"{topic}-date"] = ""
        data[f"{topic}-note"] = ""
    return data
