"""The table "Where the numbers come from" names each input by its outcome and stakeholder
("Till arbete · kostnad för utanförskap · Kommunen · Värde ur värdebanken"), never by the
model's path (outcomes[0].effects_from[municipality].value_bank); a range in kronor says kr."""

from __future__ import annotations

import re

from django.urls import reverse

from builders import make_user
from grogrund.accounts.models import Role
from valuations.builders_valuations import make_valuation

SOCIOECONOMIC = {
    "kind": "socioeconomic",
    "name": "Till arbete",
    "start_year": 2024,
    "horizon_years": 10,
    "price_year": 2023,
    "costs": [
        {
            "id": "coach",
            "name": "Jobbcoacher",
            "payer": "municipality",
            "amount_sek": 500_000,
            "start_year": 2024,
            "years": 2,
            "source": "Budget",
        }
    ],
    "outcomes": [
        {
            "id": "arbete",
            "name": "Till arbete",
            "persons": {"low": 5, "likely": 10, "high": 15},
            "success_rate": 50,
            "duration_years": 3,
            "effects_from": "exclusion_person_year",
            "effects": [
                {
                    "stakeholder": "individual",
                    "amount_sek_per_person_year": {"low": 40_000, "likely": 60_000, "high": 80_000},
                }
            ],
        }
    ],
}


def _inputs(client, world, valuation) -> str:
    html = client.get(reverse("valuations:detail", args=[world.programme.pk, valuation.pk]))
    body = html.content.decode()
    start = body.index('id="inputs"')
    table = body[start : body.index("</table>", start)]
    text = re.sub(r"</td>|<br>", " | ", table)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text).replace("\u00a0", " "))


def test_inputs_are_named_by_outcome_and_stakeholder_in_swedish(world):
    text = _inputs(world.client(world.viewer), world, make_valuation(world, model=SOCIOECONOMIC))
    assert "Till arbete · kostnad för utanförskap · Kommunen · Värde ur värdebanken" in text
    assert (
        "Till arbete · kostnad för utanförskap · Regionen · Andel som bärs av aktören (%)" in text
    )
    assert "Till arbete · Individen · Eller eget belopp (kr per person och år)" in text
    assert "40 000 kr – 80 000 kr (PERT)" in text  # a range in kronor
    assert "Jobbcoacher · Belopp per år (kr)" in text
    assert not re.search(r"outcomes\[|costs\[|effects_from\[|\.value_bank|\.share\b", text)


def test_inputs_are_named_in_english(world):
    valuation = make_valuation(world, model=SOCIOECONOMIC)
    english = world.client(make_user(world.a, Role.VIEWER, language="en"))
    text = _inputs(english, world, valuation)
    assert "Till arbete · cost of exclusion · Municipality · " in text
    assert not re.search(r"outcomes\[|costs\[|effects_from\[", text)
