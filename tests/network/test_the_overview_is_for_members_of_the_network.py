"""Only members of organisations in the national network see the overview; others are told
why (403), anonymous visitors are asked to log in."""

from __future__ import annotations

from django.urls import reverse


def test_a_member_of_the_network_sees_the_overview(world):
    for user in (world.member, world.network_admin, world.c_editor):
        response = world.client(user).get(reverse("network:overview"))
        assert response.status_code == 200
        assert "Öppet program Norr" in response.content.decode()


def test_an_organisation_outside_the_network_is_told_why(world):
    response = world.client(world.outsider).get(reverse("network:overview"))
    assert response.status_code == 403
    body = response.content.decode()
    assert "nationella nätverket" in body or "national network" in body
    assert "Nätverksprogram Syd" not in body


def test_an_anonymous_visitor_is_asked_to_log_in(world):
    response = world.client(None).get(reverse("network:overview"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
