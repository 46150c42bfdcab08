"""Every change to a valuation is kept with the model before and after, and shown on its page."""

from __future__ import annotations

from django.urls import reverse

from grogrund.programmes.models import ChangeAction, ChangeLog
from grogrund.valuations import services
from valuations.builders_valuations import make_valuation, simple_sroi


def test_creating_changing_and_deleting_are_kept_with_before_and_after(world):
    v = make_valuation(world)
    model = simple_sroi()
    model["outcomes"][0]["deadweight"] = 30
    services.update_valuation(user=world.editor, valuation=v, model=model)
    pk = v.pk
    services.delete_valuation(user=world.editor, valuation=v)
    entries = list(
        ChangeLog.objects.filter(object_type="valuation", object_id=pk).order_by("at", "id")
    )
    assert [e.action for e in entries] == [
        ChangeAction.CREATE,
        ChangeAction.UPDATE,
        ChangeAction.DELETE,
    ]
    create, update, delete = entries
    assert create.before is None and create.after["model"]["outcomes"][0]["deadweight"] == 20
    assert update.before["model"]["outcomes"][0]["deadweight"] == 20
    assert update.after["model"]["outcomes"][0]["deadweight"] == 30
    assert delete.after is None and delete.before["name"] == "Läxhjälp Testby"
    assert all(e.user == world.editor and e.programme == world.programme for e in entries)


def test_an_unchanged_save_writes_no_history(world):
    v = make_valuation(world)
    services.update_valuation(user=world.editor, valuation=v, model=v.model)
    assert ChangeLog.objects.filter(object_type="valuation").count() == 1


def test_an_invalid_change_writes_nothing(world):
    v = make_valuation(world)
    model = simple_sroi()
    model["outcomes"][0]["deadweight"] = 300
    try:
        services.update_valuation(user=world.editor, valuation=v, model=model)
    except services.InvalidModel as err:
        assert err.issues[0].path == "outcomes[0].deadweight"
    else:
        raise AssertionError("an invalid model was accepted")
    assert ChangeLog.objects.filter(object_type="valuation").count() == 1
    v.refresh_from_db()
    assert v.model["outcomes"][0]["deadweight"] == 20


def test_the_history_is_shown_on_the_valuations_page(world):
    v = make_valuation(world)
    model = simple_sroi()
    model["outcomes"][0]["deadweight"] = 30
    services.update_valuation(user=world.editor, valuation=v, model=model)
    html = (
        world.client(world.viewer)
        .get(reverse("valuations:detail", args=[world.programme.pk, v.pk]))
        .content.decode()
    )
    assert 'id="history"' in html
    assert html.count("<tr><td>") >= 2
    assert world.editor.username in html


def test_only_editors_may_change(world):
    v = make_valuation(world)
    for user in (world.viewer, world.partner_user, world.outsider):
        try:
            services.update_valuation(user=user, valuation=v, model=simple_sroi(horizon_years=12))
        except services.NotAllowed:
            continue
        raise AssertionError(f"{user} changed a valuation")


def test_the_page_spells_out_which_inputs_changed(world):
    v = make_valuation(world)
    model = simple_sroi()
    model["outcomes"][0]["quantity"] = {"low": 5, "likely": 12, "high": 15}
    model["costs"][0]["source"] = "Budget 2025"
    services.update_valuation(user=world.editor, valuation=v, model=model)
    html = (
        world.client(world.viewer)
        .get(reverse("valuations:detail", args=[world.programme.pk, v.pk]))
        .content.decode()
    )
    section = html[html.index('id="input-changes"') :]
    assert "5 – 12 – 15" in section
    assert "Budget 2024" in section and "Budget 2025" in section
    assert "Behöriga elever" in section  # the row's name
    assert "outcomes[0]" not in section and "costs[0]" not in section  # not the model's paths


def test_a_copy_is_a_new_valuation_with_the_same_inputs_and_its_own_history(world):
    v = make_valuation(world, initiative=world.initiative)
    client = world.client(world.editor)
    url = reverse("valuations:copy", args=[world.programme.pk, v.pk])
    assert "Läxhjälp Testby (kopia)" in client.get(url).content.decode()
    response = client.post(url, {"name": "Läxhjälp Testby, fler elever"})
    copy = type(v).objects.get(name="Läxhjälp Testby, fler elever")
    assert response.status_code == 302
    assert copy.pk != v.pk and copy.initiative == world.initiative
    assert copy.model == {**v.model, "name": copy.name}
    assert ChangeLog.objects.filter(object_type="valuation", object_id=copy.pk).count() == 1
    partner = world.client(world.partner_user)
    assert partner.post(url, {"name": "x"}).status_code == 404
