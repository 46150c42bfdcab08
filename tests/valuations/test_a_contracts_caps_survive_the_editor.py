"""An outcome contract valued from its ledger (outcome_contracts/valuation.py) carries caps per
metric, with a rate card's later prices as metrics that share their outcome's cap (`cap_key`),
and payers with their own caps. The editor shows none of these; saving the form unchanged
keeps them exactly, so the valuation still pays what the ledger pays."""

from __future__ import annotations

from django.urls import reverse

from grogrund.engine import evaluate
from grogrund.valuations.models import Valuation
from valuations.builders_valuations import make_valuation
from valuations.form_data import form_data

MODEL = {
    "kind": "outcome_contract",
    "name": "Utfallskontrakt Testby",
    "start_year": 2030,
    "horizon_years": 4,
    "price_year": 2030,
    "payer": "municipality",
    "investor": "investor",
    "cap_sek_per_metric": {"a": 300_000},
    "payers": [
        {"id": "p1", "name": "Kommunen", "share": 0.6},
        {"id": "p2", "name": "Regionen", "share": 0.4, "cap_sek": 150_000},
    ],
    "metrics": [
        {
            "id": "a",
            "name": "I arbete",
            "baseline": 20,
            "price_sek_per_unit": 20_000,
            "outcomes": {2030: 30},
        },
        {
            "id": "a2",
            "name": "I arbete, från period 2",
            "cap_key": "a",
            "baseline": 20,
            "price_sek_per_unit": 25_000,
            "outcomes": {2031: 40},
        },
    ],
}


def test_saving_the_form_unchanged_keeps_the_caps_and_the_payers(world):
    # 2030: a 10 × 20 000 = 200 000; 2031: a2 20 × 25 000 = 500 000, held at the shared cap
    # 300 000 − 200 000 = 100 000 (p2 40 000, under its cap 150 000 − 80 000).
    paid = [y["payment"] for y in evaluate(MODEL).details["by_period"]]
    assert paid[:2] == [200_000, 100_000]
    valuation = make_valuation(world, model=MODEL)
    before = valuation.model
    url = reverse("valuations:edit", args=[world.programme.pk, valuation.pk])
    client = world.client(world.editor)
    data = form_data(client.get(url).content)
    response = client.post(url, data)
    assert response.status_code == 302
    after = Valuation.objects.get(pk=valuation.pk).model
    assert after == before
    paid = [y["payment"] for y in evaluate(after).details["by_period"]]
    assert paid[:2] == [200_000, 100_000]


def test_removing_every_metric_of_a_cap_removes_the_cap(world):
    valuation = make_valuation(world, model=MODEL)
    url = reverse("valuations:edit", args=[world.programme.pk, valuation.pk])
    client = world.client(world.editor)
    data = form_data(client.get(url).content)
    data["metrics-0-DELETE"] = "on"
    data["metrics-1-DELETE"] = "on"
    data = {**data, "add": "metrics"}
    data = form_data(client.post(url, data).content)
    data["metrics-2-name"] = "I egen försörjning"
    data["metrics-2-baseline"] = "0"
    data["metrics-2-price_sek_per_unit"] = "10 000"
    data["metrics-2-outcomes"] = "2030: 5"
    response = client.post(url, data)
    assert response.status_code == 302
    after = Valuation.objects.get(pk=valuation.pk).model
    assert not after.get("cap_sek_per_metric") and after["payers"] == MODEL["payers"]
    # 5 × 10 000 = 50 000 kr in 2030.
    assert evaluate(after).details["by_period"][0]["payment"] == 50_000
