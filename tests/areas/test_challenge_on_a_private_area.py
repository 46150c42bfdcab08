"""A challenge is shown to whoever it is shared with, even when its area is the owner's private
housing area: the partner then sees the challenge and the area's name, but cannot open the
area's profile (sharing the challenge does not share the area's make-up or figures)."""

import pytest

from builders import (
    make_challenge,
    make_custom_area,
    make_municipality_with_desos,
    make_org,
    make_user,
)
from grogrund.accounts.models import Visibility

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    company, partner, stranger = make_org("Bolaget"), make_org("Kommunen"), make_org("Annan")
    _municipality, desos = make_municipality_with_desos("9960", desos=2)
    area = make_custom_area("hemligt-omr", company, desos, name="Hemligt område Beta")
    shared = make_challenge(company, area, title="Delad utmaning", visibility=Visibility.PARTNERS)
    shared.shared_with.set([partner])
    make_challenge(company, area, title="Intern utmaning", visibility=Visibility.PRIVATE)
    return {
        "company": make_user(company),
        "partner": make_user(partner),
        "stranger": make_user(stranger),
    }


def _register(client, user):
    client.force_login(user)
    return client.get("/omraden/utmaningar/").content.decode()


def test_the_partner_sees_the_shared_challenge_and_the_areas_name(world, client):
    page = _register(client, world["partner"])
    assert "Delad utmaning" in page and "Hemligt område Beta" in page
    assert "Intern utmaning" not in page


def test_the_partner_gets_no_link_to_the_area_and_cannot_open_it(world, client):
    page = _register(client, world["partner"])
    assert "/omraden/hemligt-omr/" not in page
    assert client.get("/omraden/hemligt-omr/").status_code == 404


def test_the_owner_sees_both_with_a_link_to_the_area(world, client):
    page = _register(client, world["company"])
    assert "Delad utmaning" in page and "Intern utmaning" in page
    assert "/omraden/hemligt-omr/" in page


def test_an_organisation_it_was_not_shared_with_sees_nothing(world, client):
    page = _register(client, world["stranger"])
    assert "Delad utmaning" not in page and "Hemligt område Beta" not in page
