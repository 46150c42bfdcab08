"""Signing a commitment shows what is signed — partner, programme, years, amounts per year and
the total — and signs only when the partner ticks "Jag bekräftar…" on that page; a commitment
changed while it was being read is not signed; the history keeps the signature with the
figures signed."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from grogrund.partnerships.models import Commitment, CommitmentYear
from grogrund.partnerships.services import signing_fingerprint
from grogrund.programmes.models import ChangeLog
from partnerships.builders_partnerships import make_commitment

NBSP = "\u00a0"


def _sv(message: str, **values: str) -> str:
    """The Swedish text of `message` (the page's language), as the page writes it."""
    with translation.override("sv"):
        text = _(message)
    return (text % values if values else text).replace("'", "&#x27;")


def _sign_url(world, org):
    return reverse("partnerships:sign", args=[world.programme.pk, org.pk])


def _text(html: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html))


def _commitment(world):
    # 2024: 100 000 kr + 10 h × 500 kr = 105 000 kr; 2025: 50 000 kr in kind → 155 000 kr.
    return make_commitment(world.programme, world.c, {2024: (100_000, 10, 0), 2025: (0, 0, 50_000)})


def test_the_confirmation_page_states_partner_programme_years_amounts_and_total(world):
    _commitment(world)
    response = world.client(world.c_editor).get(_sign_url(world, world.c))
    assert response.status_code == 200
    statement = _text(response.content.decode().split('id="statement"')[1].split("</section>")[0])
    assert "Företaget C" in statement and world.programme.name in statement
    assert "2024–2025" in statement
    assert f"100{NBSP}000{NBSP}kr" in statement  # money 2024
    assert f"50{NBSP}000{NBSP}kr" in statement  # in kind 2025
    assert f"155{NBSP}000{NBSP}kr" in statement  # the total
    label = "I confirm that %(org)s commits to what is shown above, and that I may sign for it."
    assert _sv(label, org="Företaget C") in response.content.decode()
    assert not Commitment.objects.get(organisation=world.c).is_signed


def test_the_commitment_page_links_to_the_confirmation_instead_of_signing_at_once(world):
    _commitment(world)
    page = world.client(world.c_editor).get(
        reverse("partnerships:commitment", args=[world.programme.pk, world.c.pk])
    )
    body = page.content.decode()
    assert f'href="{_sign_url(world, world.c)}"' in body
    assert f'action="{_sign_url(world, world.c)}"' not in body


def test_without_the_box_ticked_nothing_is_signed(world):
    commitment = _commitment(world)
    response = world.client(world.c_editor).post(
        _sign_url(world, world.c), {"shown": signing_fingerprint(commitment)}
    )
    assert response.status_code == 200
    assert _sv("Tick the box to confirm before you sign.") in response.content.decode()
    assert not Commitment.objects.get(organisation=world.c).is_signed


def test_with_the_box_ticked_the_partner_signs_and_the_history_keeps_the_figures(world):
    commitment = _commitment(world)
    response = world.client(world.c_editor).post(
        _sign_url(world, world.c), {"confirm": "on", "shown": signing_fingerprint(commitment)}
    )
    assert response.status_code == 302
    signed = Commitment.objects.get(organisation=world.c)
    assert signed.is_signed and signed.signed_by == world.c_editor
    entry = ChangeLog.objects.filter(object_type="commitment", object_id=signed.pk).first()
    assert entry is not None and entry.user == world.c_editor
    assert entry.after["signed_at"] and not entry.before["signed_at"]
    assert [(y["year"], y["money_sek"], y["in_kind_sek"]) for y in entry.after["years"]] == [
        (2024, 100_000, 0),
        (2025, 0, 50_000),
    ]


def test_a_commitment_changed_while_it_was_read_is_not_signed(world):
    commitment = _commitment(world)
    shown = signing_fingerprint(commitment)
    CommitmentYear.objects.filter(commitment=commitment, year=2025).update(in_kind_sek=70_000)
    response = world.client(world.c_editor).post(
        _sign_url(world, world.c), {"confirm": "on", "shown": shown}
    )
    assert response.status_code == 200
    body = response.content.decode()
    changed = "The commitment changed while you read it. Read what it says now and confirm again."
    assert _sv(changed) in body
    assert f"70{NBSP}000{NBSP}kr" in _text(body)  # what it says now, to confirm again
    assert not Commitment.objects.get(organisation=world.c).is_signed


def test_the_owners_editor_cannot_open_the_confirmation_for_another_partner(world):
    _commitment(world)
    response = world.client(world.a_editor).get(_sign_url(world, world.c))
    assert response.status_code == 403
