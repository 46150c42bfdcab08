"""Partners edit their own commitments only: a partner's editor records and signs its own
organisation's commitment and is refused, with a clear message, for another partner's; the
owner's editors edit every partner's but sign only their own; viewers edit nothing; outsiders
see nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from grogrund.partnerships.models import Commitment
from grogrund.partnerships.services import signing_fingerprint
from partnerships.builders_partnerships import make_commitment

FORM = {"money_2024": "1 500 000", "hours_2024": "120,5", "inkind_2024": "", "hourly_cost_sek": ""}


def _url(world, org, name="partnerships:commitment"):
    return reverse(name, args=[world.programme.pk, org.pk])


def test_a_partner_records_its_own_commitment(world):
    response = world.client(world.c_editor).post(_url(world, world.c), FORM)
    assert response.status_code == 302
    c = Commitment.objects.get(programme=world.programme, organisation=world.c)
    year = c.years.get()
    assert (year.year, year.money_sek, year.staff_hours) == (2024, 1_500_000, 120.5)
    assert c.hourly_cost_sek == 400  # empty: the default hourly cost


def test_a_partner_is_refused_another_partners_commitment_with_a_message(world):
    make_commitment(world.programme, world.m, {2024: (100, 0, 0)})
    response = world.client(world.c_editor).post(_url(world, world.m), FORM)
    assert response.status_code == 403
    body = response.content.decode()
    assert "Kommunen M" in body and "din egen organisation" in body
    assert Commitment.objects.get(organisation=world.m).years.get().money_sek == 100
    # The page itself shows the commitment, without a form.
    page = world.client(world.c_editor).get(_url(world, world.m)).content.decode()
    assert 'id="commitment-form"' not in page


def test_the_owners_editor_edits_any_partners_commitment_but_signs_only_its_own(world):
    client = world.client(world.a_editor)
    assert client.post(_url(world, world.m), FORM).status_code == 302
    assert Commitment.objects.filter(organisation=world.m).exists()
    response = client.post(_url(world, world.m, "partnerships:sign"))
    assert response.status_code == 403
    assert not Commitment.objects.get(organisation=world.m).is_signed


def test_a_partner_signs_its_own_commitment(world):
    commitment = make_commitment(world.programme, world.c, {2024: (100, 0, 0)})
    confirmed = {"confirm": "on", "shown": signing_fingerprint(commitment)}
    response = world.client(world.c_editor).post(
        _url(world, world.c, "partnerships:sign"), confirmed
    )
    assert response.status_code == 302
    c = Commitment.objects.get(organisation=world.c)
    assert c.is_signed and c.signed_by == world.c_editor


def test_there_is_nothing_to_sign_before_a_commitment_is_recorded(world):
    client = world.client(world.c_editor)
    response = client.post(_url(world, world.c, "partnerships:sign"), follow=True)
    assert "inget att skriva under" in response.content.decode()


@pytest.mark.parametrize("who", ["c_viewer", "a_viewer"])
def test_a_viewer_cannot_record_or_sign(world, who):
    user = getattr(world, who)
    org = world.c if who == "c_viewer" else world.a
    client = world.client(user)
    assert client.post(_url(world, org), FORM).status_code == 403
    assert client.post(_url(world, org, "partnerships:sign")).status_code == 403
    assert not Commitment.objects.exists()
    assert 'id="commitment-form"' not in client.get(_url(world, org)).content.decode()


@pytest.mark.parametrize("who", ["outsider", None])
def test_outsiders_see_nothing(world, who):
    make_commitment(world.programme, world.c, {2024: (100, 0, 0)})
    client = world.client(getattr(world, who) if who else None)
    pk = world.programme.pk
    for url in [
        reverse("partnerships:detail", args=[pk]),
        reverse("partnerships:readiness", args=[pk]),
        reverse("partnerships:cost_split", args=[pk]),
        _url(world, world.c),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(_url(world, world.c), FORM).status_code == 404
    assert client.post(_url(world, world.c, "partnerships:sign")).status_code == 404


def test_an_organisation_that_is_no_partner_has_no_commitment_page(world):
    response = world.client(world.a_editor).get(_url(world, world.b))
    assert response.status_code == 404


def test_bad_input_says_where_and_what(world):
    form = {**FORM, "money_2024": "mycket", "hours_2024": "-3"}
    response = world.client(world.c_editor).post(_url(world, world.c), form)
    body = response.content.decode()
    assert response.status_code == 200
    (not_a_number,) = response.context["form"].errors["money_2024"]
    assert "mycket" in not_a_number and "1\u00a0500\u00a0000" in not_a_number
    assert "Måste vara noll eller mer." in body
    assert not Commitment.objects.exists()
