"""Rows are added and removed with buttons in the editor: with htmx only the list that changed
comes back, without JavaScript the whole form comes back; either way everything typed is kept,
nothing is saved until "Spara och beräkna", and only the programme owner's editors may do it."""

from __future__ import annotations

import re

from django.urls import reverse

from grogrund.programmes.models import ChangeLog
from valuations.builders_valuations import make_valuation
from valuations.form_data import form_data

HTMX = {"HTTP_HX_REQUEST": "true"}


def _url(world, valuation):
    return reverse("valuations:edit", args=[world.programme.pk, valuation.pk])


def _form(world, valuation):
    client = world.client(world.editor)
    response = client.get(_url(world, valuation))
    assert response.status_code == 200
    return client, form_data(response.content)


def _press(client, url, data, **button):
    """Press an add or remove button without JavaScript: the page comes back, unsaved."""
    response = client.post(url, {**data, **button})
    assert response.status_code == 200
    html = response.content.decode()
    return html, form_data(html)


def _changes():
    return ChangeLog.objects.filter(object_type="valuation").count()


def test_the_editor_has_real_buttons_to_add_and_remove_rows(world):
    valuation = make_valuation(world)
    client = world.client(world.editor)
    html = client.get(_url(world, valuation)).content.decode()
    add = r'<button type="submit" name="add" value="{}"[^>]*>{}<'
    assert re.search(add.format("outcomes", "Lägg till ett utfall"), html)
    assert re.search(add.format("costs", "Lägg till en kostnad"), html)
    assert re.search(r'<button[^>]*name="remove" value="costs-0"[^>]*>Ta bort raden<', html)
    # The remove button names its row for screen readers; the change is announced politely.
    assert 'aria-label="Ta bort raden: Läxhjälpare"' in html
    assert 'id="status-costs"' in html and 'aria-live="polite"' in html
    # No delete check boxes any more, and no blank row until one is asked for.
    assert 'name="costs-0-DELETE"' not in html
    assert 'name="costs-1-name"' not in html


def test_enter_in_a_field_still_saves_rather_than_pressing_a_row_button(world):
    # A browser submits with the form's first submit button when Enter is pressed in a field.
    valuation = make_valuation(world)
    html = world.client(world.editor).get(_url(world, valuation)).content.decode()
    form = html[html.index('id="valuation-form"') :]
    first = re.search(r"<button[^>]*>", form).group(0)
    assert 'name="save"' in first and 'aria-hidden="true"' in first


def test_adding_a_row_without_javascript_keeps_what_was_typed_and_saves_nothing(world):
    valuation = make_valuation(world)
    before = valuation.model
    client, data = _form(world, valuation)
    data["outcomes-0-quantity"] = "20"
    data["outcomes-0-source"] = "Ny uppföljning, ännu inte sparad"
    data["settings-name"] = "Läxhjälp Testby, version 2"
    html, after = _press(client, _url(world, valuation), data, add="costs")
    assert after["outcomes-0-quantity"] == "20"
    assert after["outcomes-0-source"] == "Ny uppföljning, ännu inte sparad"
    assert after["settings-name"] == "Läxhjälp Testby, version 2"
    assert after["costs-TOTAL_FORMS"] == "2"
    assert after["costs-1-name"] == ""  # the new row, blank
    assert after["costs-0-name"] == "Läxhjälpare"
    assert "En rad lades till. Inget sparas förrän du trycker på ”Spara och räkna”." in html
    assert "Inget sparades" not in html  # a new row is no error
    assert 'role="alert"' not in html
    valuation.refresh_from_db()
    assert valuation.model == before
    assert valuation.name == "Läxhjälp Testby"
    assert _changes() == 1  # only the creation


def test_a_new_row_starts_with_its_defaults_and_gets_the_focus(world):
    valuation = make_valuation(world)
    client, data = _form(world, valuation)
    html, after = _press(client, _url(world, valuation), data, add="outcomes")
    assert after["outcomes-1-deadweight"] == "0"
    assert after["outcomes-1-duration_years"] == "1"
    assert re.search(r'<input[^>]*name="outcomes-1-name"[^>]*autofocus', html)


def test_removing_a_row_hides_it_until_saved_and_saving_drops_it(world):
    valuation = make_valuation(world)
    client, data = _form(world, valuation)
    data["outcomes-0-quantity"] = "20"
    html, after = _press(client, _url(world, valuation), data, remove="costs-0")
    assert 'name="costs-0-name"' not in html
    assert after["costs-0-DELETE"] == "on"
    assert after["outcomes-0-quantity"] == "20"
    assert "Raden togs bort. Inget sparas förrän du trycker på ”Spara och räkna”." in html
    assert re.search(r'<button[^>]*name="add" value="costs"[^>]*autofocus', html)
    valuation.refresh_from_db()
    assert len(valuation.model["costs"]) == 1
    assert _changes() == 1

    # A later add keeps the removal; the blank row added is not saved.
    html, after = _press(client, _url(world, valuation), after, add="costs")
    assert after["costs-0-DELETE"] == "on"
    assert after["costs-TOTAL_FORMS"] == "2"

    response = client.post(_url(world, valuation), after)
    assert response.status_code == 302
    valuation.refresh_from_db()
    assert valuation.model["costs"] == []
    # 20 pupils × 6 000 kr × (1 + 1/1,05 + 1/1,05²) and no cost: 343 129,25 kr
    assert round(valuation.result["npv"], 2) == 343129.25
    assert _changes() == 2


def test_saving_after_adding_a_cost_stores_it_and_lowers_the_npv(world):
    valuation = make_valuation(world)
    assert round(valuation.result["npv"], 2) == 71564.63
    client, data = _form(world, valuation)
    url = _url(world, valuation)
    _html, data = _press(client, url, data, add="costs")
    data.update(
        {
            "costs-1-name": "Lokalhyra",
            "costs-1-payer": "housing_company",
            "costs-1-amount_sek": "21000",
            "costs-1-start_year": "2025",
            "costs-1-years": "1",
            "costs-1-source": "Hyresavtal 2025",
        }
    )
    response = client.post(url, data, follow=True)
    valuation.refresh_from_db()
    assert valuation.model["costs"][1] == {
        "id": "lokalhyra",
        "name": "Lokalhyra",
        "payer": "housing_company",
        "amount_sek": 21000.0,
        "start_year": 2025,
        "years": 1,
        "source": "Hyresavtal 2025",
    }
    # 21 000 kr in year 1 is 21 000 / 1,05 = 20 000 kr today: 71 564,63 − 20 000 = 51 564,63
    assert round(valuation.result["npv"], 2) == 51564.63
    html = response.content.decode()
    assert "71\u00a0565\u00a0kr → 51\u00a0565\u00a0kr" in html
    # The history keeps the change, with the cost in its after-snapshot.
    last = ChangeLog.objects.filter(object_type="valuation").order_by("-pk").first()
    assert last.action == "update"
    assert [c["id"] for c in last.after["model"]["costs"]] == ["laxhjalpare", "lokalhyra"]


def test_a_blank_added_row_is_ignored_when_saving(world):
    valuation = make_valuation(world)
    before = valuation.model
    client, data = _form(world, valuation)
    _html, data = _press(client, _url(world, valuation), data, add="outcomes")
    assert client.post(_url(world, valuation), data).status_code == 302
    valuation.refresh_from_db()
    assert valuation.model == before


def test_an_added_outcome_can_take_its_value_from_the_value_bank(world):
    valuation = make_valuation(world)
    client, data = _form(world, valuation)
    url = _url(world, valuation)
    html, data = _press(client, url, data, add="outcomes")
    new_row = html[html.index('id="row-outcomes-1"') :]
    assert 'value="upper_secondary_eligibility_person_year"' in new_row
    data.update(
        {
            "outcomes-1-name": "Fler behöriga till gymnasiet",
            "outcomes-1-stakeholder": "municipality",
            "outcomes-1-quantity": "2",
            "outcomes-1-value_bank": "upper_secondary_eligibility_person_year",
            "outcomes-1-source": "Skolans uppföljning 2025",
        }
    )
    assert client.post(url, data).status_code == 302
    valuation.refresh_from_db()
    new = valuation.model["outcomes"][1]
    assert new["value_bank"] == "upper_secondary_eligibility_person_year"
    assert new["quantity"] == 2
    assert "proxy_sek" not in new
    assert valuation.result["npv"] > 71564.63


def test_with_htmx_only_the_list_comes_back(world):
    valuation = make_valuation(world)
    client, data = _form(world, valuation)
    data["outcomes-0-quantity"] = "20"
    response = client.post(_url(world, valuation), {**data, "add": "costs"}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="rows-costs"')
    assert "<html" not in html and "<h1" not in html
    assert "settings-name" not in html and "outcomes-0" not in html
    assert 'name="costs-TOTAL_FORMS" value="2"' in html
    assert 'name="costs-0-name"' in html and 'name="costs-1-name"' in html
    assert re.search(r'id="status-costs" hx-swap-oob="innerHTML">En rad lades till', html)
    valuation.refresh_from_db()
    assert len(valuation.model["costs"]) == 1

    response = client.post(_url(world, valuation), {**data, "remove": "costs-0"}, **HTMX)
    html = response.content.decode()
    assert 'name="costs-0-DELETE" value="on"' in html and 'name="costs-0-name"' not in html
    assert "Raden togs bort" in html


def test_an_effect_added_in_a_socioeconomic_valuation_may_belong_to_a_new_unsaved_outcome(world):
    from grogrund.valuations.services import starter_model

    model = starter_model("socioeconomic", start_year=2024, horizon_years=10, name="Samhälle")
    valuation = make_valuation(world, model=model, name="Samhälle")
    client, data = _form(world, valuation)
    url = _url(world, valuation)
    _html, data = _press(client, url, data, add="outcomes")
    n = int(data["outcomes-TOTAL_FORMS"]) - 1
    data[f"outcomes-{n}-name"] = "Färre vräkningar"
    html = client.post(url, {**data, "add": "effects"}, **HTMX).content.decode()
    assert '<option value="farre_vrakningar">Färre vräkningar</option>' in html


def test_unknown_buttons_and_rows_change_nothing(world):
    valuation = make_valuation(world)
    client, data = _form(world, valuation)
    # A remove of a row that does not exist shows the form again unchanged.
    _html, after = _press(client, _url(world, valuation), data, remove="costs-7")
    assert {k: v for k, v in after.items() if k != "csrfmiddlewaretoken"} == {
        k: v for k, v in data.items() if k != "csrfmiddlewaretoken"
    }
    # An add for a list this kind has not is an ordinary save.
    response = client.post(_url(world, valuation), {**data, "add": "metrics"})
    assert response.status_code == 302


def test_only_editors_may_add_or_remove_rows(world):
    valuation = make_valuation(world)
    before = valuation.model
    _client, data = _form(world, valuation)
    url = _url(world, valuation)
    for user in (world.viewer, world.partner_user, world.outsider):
        client = world.client(user)
        assert client.post(url, {**data, "add": "costs"}, **HTMX).status_code == 404
        assert client.post(url, {**data, "remove": "costs-0"}).status_code == 404
    anonymous = world.client(None).post(url, {**data, "add": "costs"})
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))
    valuation.refresh_from_db()
    assert valuation.model == before
    assert _changes() == 1
