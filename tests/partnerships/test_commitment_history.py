"""Every change to a commitment is kept (who, when, before, after) and shown on the
commitment's page; a change to a signed commitment withdraws the signature."""

from __future__ import annotations

import re

from django.urls import reverse

from grogrund.partnerships import services
from grogrund.partnerships.models import Commitment
from grogrund.programmes.models import ChangeLog


def _save(world, user, money):
    return services.save_commitment(
        user=user,
        programme=world.programme,
        organisation=world.c,
        years=[services.YearInput(2024, money, 10, 0)],
        hourly_cost_sek=400,
    )


def test_create_change_and_sign_are_kept(world):
    c = _save(world, world.c_editor, 100_000)
    _save(world, world.c_editor, 100_000)  # nothing changed: nothing kept
    services.sign_commitment(user=world.c_editor, commitment=c)
    _save(world, world.a_editor, 150_000)
    log = list(ChangeLog.objects.filter(object_type="commitment").order_by("id"))
    assert [e.action for e in log] == ["create", "update", "update"]
    assert log[0].after["years"] == [
        {"year": 2024, "money_sek": 100_000, "staff_hours": 10.0, "in_kind_sek": 0}
    ]
    assert log[1].before["signed_by"] is None and log[1].after["signed_by"] == world.c_editor.pk
    assert log[2].user == world.a_editor
    assert log[2].before["years"][0]["money_sek"] == 100_000
    assert log[2].after["years"][0]["money_sek"] == 150_000


def test_changing_a_signed_commitment_withdraws_the_signature(world):
    c = _save(world, world.c_editor, 100_000)
    services.sign_commitment(user=world.c_editor, commitment=c)
    assert Commitment.objects.get(pk=c.pk).is_signed
    _save(world, world.c_editor, 90_000)
    assert not Commitment.objects.get(pk=c.pk).is_signed


def test_the_history_is_on_the_commitment_page(world):
    _save(world, world.c_editor, 123_456)
    url = reverse("partnerships:commitment", args=[world.programme.pk, world.c.pk])
    body = world.client(world.m_editor).get(url).content.decode()
    assert 'id="history"' in body and world.c_editor.username in body
    assert "2024: pengar 123\u00a0456\u00a0kr" in re.sub(r"<[^>]+>", "", body)
    detail = reverse("partnerships:detail", args=[world.programme.pk])
    assert "123\u00a0456\u00a0kr" in world.client(world.a_viewer).get(detail).content.decode()


def test_the_changes_are_told_in_words(world):
    c = _save(world, world.c_editor, 100_000)
    services.sign_commitment(user=world.c_editor, commitment=c)
    _save(world, world.c_editor, 150_000)
    url = reverse("partnerships:commitment", args=[world.programme.pk, world.c.pk])
    text = world.client(world.c_editor).get(url).content.decode().replace("\u00a0", " ")
    assert "Åtagandet registrerades." in text
    assert "Underskrivet." in text
    assert "2024, pengar: 100 000 kr → 150 000 kr" in text
    assert "Underskriften drogs tillbaka" in text
