"""A valuation may say in its own words which question it answers for those who decide (the
valuation report asks it; tests/reports/test_valuation_report_asks_the_valuations_question.py).
The editor saves it with the rest of the settings, the history keeps it, the API gives it, a
copy keeps it, and a personal identity number in it is refused with nothing saved."""

from __future__ import annotations

from django.urls import reverse

from grogrund.programmes.models import ChangeLog
from grogrund.valuations import services
from valuations.builders_valuations import make_valuation
from valuations.form_data import form_data

QUESTION = "Ska styrelsen finansiera läxhjälpen i tre år till,\nmed kommunen som medfinansiär?"


def _edit_url(world, valuation):
    return reverse("valuations:edit", args=[world.programme.pk, valuation.pk])


def _post_question(world, valuation, question):
    client = world.client(world.editor)
    data = form_data(client.get(_edit_url(world, valuation)).content)
    assert "settings-question" in data  # a field of the editor's general settings
    data["settings-question"] = question
    return client, client.post(_edit_url(world, valuation), data)


def test_the_editor_saves_the_question_and_shows_it_again(world):
    valuation = make_valuation(world)
    before = valuation.model
    client, response = _post_question(world, valuation, QUESTION)
    assert response.status_code == 302
    valuation.refresh_from_db()
    assert valuation.question == QUESTION
    assert valuation.model == before  # the question is the valuation's, not the engine's
    again = form_data(client.get(_edit_url(world, valuation)).content)
    assert again["settings-question"] == QUESTION
    # The valuation's page asks it too, above its figures.
    page = client.get(response["Location"]).content.decode()
    assert (
        "Fråga inför beslutet:</strong> Ska styrelsen finansiera läxhjälpen i tre år till,<br>"
        in page
    )


def test_the_question_field_is_a_textarea_with_a_help_text(world):
    valuation = make_valuation(world)
    html = world.client(world.editor).get(_edit_url(world, valuation)).content.decode()
    assert '<textarea name="settings-question"' in html
    field = html[html.index('name="settings-question"') :]
    assert 'aria-describedby="id_settings-question_helptext"' in html
    assert 'id="id_settings-question_helptext"' in field


def test_the_history_keeps_the_question_before_and_after(world):
    valuation = make_valuation(world)
    _post_question(world, valuation, QUESTION)
    change = ChangeLog.objects.filter(object_type="valuation", action="update").get()
    assert change.before["question"] == "" and change.after["question"] == QUESTION
    html = (
        world.client(world.viewer)
        .get(reverse("valuations:detail", args=[world.programme.pk, valuation.pk]))
        .content.decode()
    )
    history = html[html.index('id="history"') :]
    assert "Ska styrelsen finansiera läxhjälpen" in history


def test_a_personal_number_in_the_question_is_refused_and_nothing_is_saved(world):
    valuation = make_valuation(world)
    _client, response = _post_question(world, valuation, "Ska vi fortsätta för eleven 880320-0016?")
    assert response.status_code == 200
    assert "880320-****" in response.content.decode()
    valuation.refresh_from_db()
    assert valuation.question == ""
    assert ChangeLog.objects.filter(object_type="valuation").count() == 1  # only the creation


def test_the_api_gives_the_question_and_a_copy_keeps_it(world):
    made = make_valuation(world)
    valuation = services.update_valuation(
        user=world.editor, valuation=made, model=made.model, question=QUESTION
    )
    detail = (
        world.client(world.partner_user)
        .get(reverse("api:valuation-detail", args=[valuation.pk]))
        .json()
    )
    assert detail["question"] == QUESTION
    copy = services.copy_valuation(user=world.editor, valuation=valuation, name="Kortare")
    assert copy.question == QUESTION
