"""An editor changes a valuation field by field: the engine checks the model, each error is
shown next to the field it concerns in Swedish, and nothing is saved while any is left."""

from __future__ import annotations

from django.urls import reverse

from grogrund.programmes.models import ChangeLog
from grogrund.valuations.models import Valuation
from valuations.builders_valuations import make_valuation, simple_sroi
from valuations.form_data import form_data


def _edit_url(world, valuation):
    return reverse("valuations:edit", args=[world.programme.pk, valuation.pk])


def _form(world, valuation):
    client = world.client(world.editor)
    response = client.get(_edit_url(world, valuation))
    assert response.status_code == 200
    return client, form_data(response.content)


def _add_rows(client, url, data, *keys):
    """Press the "add" button of each list (no JavaScript): the form comes back with a blank row
    more, nothing saved."""
    for key in keys:
        response = client.post(url, {**data, "add": key})
        assert response.status_code == 200
        data = form_data(response.content)
    return data


def _field_errors(html: str, field_id: str) -> str:
    """The error text rendered right after the field with this id (its own div)."""
    start = html.index(f'id="{field_id}')
    end = html.find('<div class="field-', start)
    return html[start : end if end != -1 else None]


def test_posting_the_form_unchanged_keeps_the_model_exactly(world):
    valuation = make_valuation(world)
    before = valuation.model
    client, data = _form(world, valuation)
    response = client.post(_edit_url(world, valuation), data)
    assert response.status_code == 302
    valuation.refresh_from_db()
    assert valuation.model == before
    assert ChangeLog.objects.filter(object_type="valuation").count() == 1  # only the creation


def test_changing_an_input_saves_it_and_shows_the_new_npv(world):
    valuation = make_valuation(world)
    client, data = _form(world, valuation)
    data["outcomes-0-quantity"] = "20"
    data["outcomes-0-source"] = "Skolans uppföljning 2025: 20 elever"
    response = client.post(_edit_url(world, valuation), data, follow=True)
    valuation.refresh_from_db()
    assert valuation.model["outcomes"][0]["quantity"] == 20
    assert valuation.model["outcomes"][0]["source"] == "Skolans uppföljning 2025: 20 elever"
    # NPV: 2 × 171 564,63 − 100 000 = 243 129 kr
    html = response.content.decode()
    assert "243\u00a0129\u00a0kr" in html
    assert "71\u00a0565\u00a0kr" in html  # the message says what it was before


def test_a_range_is_entered_as_low_and_high_beside_the_likely_value(world):
    valuation = make_valuation(world)
    client, data = _form(world, valuation)
    data["outcomes-0-deadweight_low"] = "10"
    data["outcomes-0-deadweight_high"] = "40"
    data["outcomes-0-deadweight_dist"] = "triangular"
    assert client.post(_edit_url(world, valuation), data).status_code == 302
    valuation.refresh_from_db()
    assert valuation.model["outcomes"][0]["deadweight"] == {
        "low": 10.0,
        "likely": 20.0,
        "high": 40.0,
        "distribution": "triangular",
    }
    assert valuation.result["simulation"] is not None


def test_a_percentage_over_100_is_refused_next_to_its_field(world):
    valuation = make_valuation(world)
    client, data = _form(world, valuation)
    data["outcomes-0-deadweight"] = "120"
    response = client.post(_edit_url(world, valuation), data)
    assert response.status_code == 200
    html = response.content.decode()
    errors = _field_errors(html, "id_outcomes-0-deadweight_0")
    assert "Måste vara en procentsats mellan 0 och 100 (du angav 120)" in errors
    assert "Inget sparades" in html
    valuation.refresh_from_db()
    assert valuation.model["outcomes"][0]["deadweight"] == 20
    assert ChangeLog.objects.filter(object_type="valuation").count() == 1


def test_a_range_out_of_order_is_refused_next_to_its_field(world):
    valuation = make_valuation(world)
    client, data = _form(world, valuation)
    data["outcomes-0-quantity_low"] = "15"
    data["outcomes-0-quantity_high"] = "12"
    html = client.post(_edit_url(world, valuation), data).content.decode()
    errors = _field_errors(html, "id_outcomes-0-quantity_0")
    assert "lågt ≤ troligt ≤ högt" in errors


def test_a_cost_outside_the_horizon_is_refused_at_its_year(world):
    valuation = make_valuation(world)
    client, data = _form(world, valuation)
    data["costs-0-start_year"] = "2040"
    html = client.post(_edit_url(world, valuation), data).content.decode()
    errors = _field_errors(html, "id_costs-0-start_year")
    assert "2040" in errors and "2024–2033" in errors


def test_a_proxy_and_a_value_bank_entry_together_are_refused_on_the_row(world):
    valuation = make_valuation(world)
    client, data = _form(world, valuation)
    data["outcomes-0-value_bank"] = "crime_assault"
    html = client.post(_edit_url(world, valuation), data).content.decode()
    assert "inte båda" in html
    valuation.refresh_from_db()
    assert "value_bank" not in valuation.model["outcomes"][0]


def test_picking_a_value_bank_entry_puts_a_reference_in_the_model(world):
    valuation = make_valuation(world)
    client, data = _form(world, valuation)
    data["outcomes-0-value_bank"] = "upper_secondary_eligibility_person_year"
    data["outcomes-0-proxy_sek"] = ""
    assert client.post(_edit_url(world, valuation), data).status_code == 302
    valuation.refresh_from_db()
    outcome = valuation.model["outcomes"][0]
    assert outcome["value_bank"] == "upper_secondary_eligibility_person_year"
    assert "proxy_sek" not in outcome


def test_a_new_outcome_and_a_new_cost_are_added_in_the_blank_rows(world):
    valuation = make_valuation(world)
    client, data = _form(world, valuation)
    data = _add_rows(client, _edit_url(world, valuation), data, "outcomes", "costs")
    data.update(
        {
            "outcomes-1-name": "Färre skadegörelser",
            "outcomes-1-stakeholder": "housing_company",
            "outcomes-1-quantity": "1",
            "outcomes-1-proxy_sek": "50000",
            "outcomes-1-source": "Underhållsbokföringen 2024",
            "costs-1-name": "Material",
            "costs-1-payer": "municipality",
            "costs-1-by_year": "2025: 20000\n2026: 10000",
        }
    )
    assert client.post(_edit_url(world, valuation), data).status_code == 302
    valuation.refresh_from_db()
    new = valuation.model["outcomes"][1]
    assert new["id"] == "farre_skadegorelser"
    assert new["proxy_sek"] == 50000
    assert valuation.model["costs"][1]["by_year"] == {"2025": 20000.0, "2026": 10000.0}


def test_a_row_is_removed_with_its_delete_box(world):
    valuation = make_valuation(world)
    client, data = _form(world, valuation)
    data["costs-0-DELETE"] = "on"
    assert client.post(_edit_url(world, valuation), data).status_code == 302
    valuation.refresh_from_db()
    assert valuation.model["costs"] == []


def test_the_settings_change_the_discounting(world):
    valuation = make_valuation(world)
    client, data = _form(world, valuation)
    data["settings-discount_rate"] = "0"
    assert client.post(_edit_url(world, valuation), data).status_code == 302
    valuation.refresh_from_db()
    assert valuation.result["pv_benefits"] == 180000.0


def test_a_short_horizon_is_saved_with_a_warning(world):
    valuation = make_valuation(world)
    client, data = _form(world, valuation)
    data["settings-horizon_years"] = "5"
    response = client.post(_edit_url(world, valuation), data, follow=True)
    assert "minst 10 år" in response.content.decode()


def test_the_valuation_can_be_moved_to_an_initiative(world):
    valuation = make_valuation(world)
    client, data = _form(world, valuation)
    data["settings-initiative"] = str(world.initiative.pk)
    assert client.post(_edit_url(world, valuation), data).status_code == 302
    assert Valuation.objects.get(pk=valuation.pk).initiative == world.initiative


def test_the_yaml_editor_checks_before_saving(world):
    valuation = make_valuation(world)
    client = world.client(world.editor)
    url = reverse("valuations:yaml", args=[world.programme.pk, valuation.pk])
    html = client.post(url, {"text": "kind: sroi\n  bad: [indent"}).content.decode()
    assert "inte giltig YAML" in html
    import yaml

    model = simple_sroi()
    model["outcomes"][0]["attribution"] = -5
    html = client.post(url, {"text": yaml.safe_dump(model)}).content.decode()
    assert "outcomes[0].attribution" in html and "mellan 0 och 100" in html
    valuation.refresh_from_db()
    assert valuation.model["outcomes"][0]["attribution"] == 25
    model["outcomes"][0]["attribution"] = 50
    assert client.post(url, {"text": yaml.safe_dump(model)}).status_code == 302
    valuation.refresh_from_db()
    assert valuation.model["outcomes"][0]["attribution"] == 50


def test_each_kind_starts_from_its_example_and_round_trips_through_the_form(world):
    client = world.client(world.editor)
    for kind in ("sroi", "socioeconomic", "property", "outcome_contract"):
        response = client.post(
            reverse("valuations:create", args=[world.programme.pk]),
            {"kind": kind, "name": f"Ny {kind}", "initiative": ""},
        )
        assert response.status_code == 302, kind
        valuation = Valuation.objects.get(name=f"Ny {kind}")
        assert valuation.model["start_year"] == world.programme.start_year
        before = valuation.model
        _client, data = _form(world, valuation)
        assert client.post(_edit_url(world, valuation), data).status_code == 302, kind
        valuation.refresh_from_db()
        assert valuation.model == before, kind


def test_an_own_value_replaces_a_value_bank_entry_with_its_source(world):
    model = simple_sroi()
    model["outcomes"][0].pop("proxy_sek")
    model["outcomes"][0]["value_bank"] = "upper_secondary_eligibility_person_year"
    valuation = make_valuation(world, model=model)
    client, data = _form(world, valuation)
    data = _add_rows(client, _edit_url(world, valuation), data, "overrides")
    data.update(
        {
            "overrides-0-entry": "upper_secondary_eligibility_person_year",
            "overrides-0-amount": "10000",
            "overrides-0-price_year": "2023",
            "overrides-0-source": "",
        }
    )
    html = client.post(_edit_url(world, valuation), data).content.decode()
    assert "Inget sparades" in html  # the source is required
    data["overrides-0-source"] = "Kommunens egen kalkyl 2023"
    assert client.post(_edit_url(world, valuation), data).status_code == 302
    valuation.refresh_from_db()
    assert valuation.model["value_overrides"] == {
        "upper_secondary_eligibility_person_year": {
            "amount": 10000.0,
            "price_year": 2023,
            "source": "Kommunens egen kalkyl 2023",
            "method": "",
        }
    }
    # 10 pupils × 10 000 kr: the same benefits as the hand-checked proxy example
    assert round(valuation.result["npv"], 2) == 71564.63
    page = client.get(reverse("valuations:detail", args=[world.programme.pk, valuation.pk]))
    assert "Kommunens egen kalkyl 2023" in page.content.decode()


def test_a_price_year_without_kpi_is_refused_at_the_price_year(world):
    valuation = make_valuation(world)
    client, data = _form(world, valuation)
    data["settings-price_year"] = "1975"
    html = client.post(_edit_url(world, valuation), data).content.decode()
    errors = _field_errors(html, "id_settings-price_year")
    assert "1975" in errors and "KPI" in errors
