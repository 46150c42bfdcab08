"""The valuations API: read the model and the key results of what one may see."""

from __future__ import annotations

from django.urls import reverse

from valuations.builders_valuations import make_valuation


def _items(payload):
    return payload["results"] if isinstance(payload, dict) else payload


def test_a_partner_reads_the_model_and_the_key_results(world):
    v = make_valuation(world, initiative=world.initiative)
    client = world.client(world.partner_user)
    items = _items(client.get(reverse("api:valuation-list")).json())
    assert [i["id"] for i in items] == [v.pk]
    detail = client.get(reverse("api:valuation-detail", args=[v.pk])).json()
    assert detail["kind"] == "sroi"
    assert detail["initiative"] == world.initiative.pk
    assert detail["model"]["outcomes"][0]["quantity"] == 10
    results = detail["results"]
    assert round(results["npv"], 2) == 71564.63
    assert round(results["pv_benefits"], 2) == 171564.63
    assert results["break_even_year"] == 2025
    assert results["by_stakeholder"][0]["stakeholder"] == "municipality"


def test_the_list_can_be_filtered_by_programme_and_initiative(world):
    v = make_valuation(world, initiative=world.initiative)
    make_valuation(world, name="Programmets värdering")
    client = world.client(world.editor)
    url = reverse("api:valuation-list")
    by_initiative = _items(client.get(url, {"initiative": world.initiative.pk}).json())
    assert [i["id"] for i in by_initiative] == [v.pk]
    assert len(_items(client.get(url, {"programme": world.programme.pk}).json())) == 2
    refused = client.get(url, {"programme": "x"})
    assert refused.status_code == 400
    assert "programme" in refused.json()


def test_an_outsider_reads_nothing(world):
    v = make_valuation(world)
    client = world.client(world.outsider)
    assert _items(client.get(reverse("api:valuation-list")).json()) == []
    assert client.get(reverse("api:valuation-detail", args=[v.pk])).status_code == 404


def test_the_api_is_read_only(world):
    v = make_valuation(world)
    client = world.client(world.editor)
    response = client.patch(
        reverse("api:valuation-detail", args=[v.pk]),
        {"name": "x"},
        content_type="application/json",
    )
    assert response.status_code == 405
