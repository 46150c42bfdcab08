"""Sharing a programme is a deliberate act of the owner's editors: private, named partners, the
national network or public. Network members see a network programme, anonymous visitors a
public one; removed partners lose access; every change is kept in the programme's history."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from builders import make_org, make_user
from grogrund.accounts.models import Role, Visibility
from grogrund.programmes import services
from grogrund.programmes.models import ChangeLog
from programmes.builders_followup import make_employment_goal


def _share(world, user, visibility):
    url = reverse("programmes:share", args=[world.programme.pk])
    return world.client(user).post(url, {"visibility": visibility})


def _detail(world):
    return reverse("programmes:detail", args=[world.programme.pk])


@pytest.fixture
def network_member(db):
    return make_user(make_org("Allmännyttigt bolag i nätverket", in_network=True), Role.VIEWER)


def test_the_share_page_explains_each_level_and_offers_explicit_actions(world):
    page = world.client(world.editor).get(reverse("programmes:share", args=[world.programme.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert 'id="publish"' in text and 'id="share-network"' in text
    assert text.count("<li class=") == 4


def test_only_the_owners_editors_may_share(world):
    for user in (world.viewer, world.partner_user, world.outsider):
        assert _share(world, user, Visibility.PUBLIC).status_code == 404
    world.programme.refresh_from_db()
    assert world.programme.visibility == Visibility.PARTNERS


def test_network_members_see_a_programme_shared_with_the_network(world, network_member):
    client = world.client(network_member)
    assert client.get(_detail(world)).status_code == 404
    assert _share(world, world.editor, Visibility.NETWORK).status_code == 302
    assert client.get(_detail(world)).status_code == 200
    assert client.get(reverse("programmes:dashboard", args=[world.programme.pk])).status_code == 200
    assert world.client(world.outsider).get(_detail(world)).status_code == 404  # not in network
    assert world.client(None).get(_detail(world)).status_code == 404


def test_anonymous_visitors_see_a_published_programme_with_its_goals(world):
    goal = make_employment_goal(world)
    assert _share(world, world.editor, Visibility.PUBLIC).status_code == 302
    anonymous = world.client(None)
    assert anonymous.get(_detail(world)).status_code == 200
    assert (
        anonymous.get(reverse("programmes:dashboard", args=[world.programme.pk])).status_code == 200
    )
    assert (
        anonymous.get(reverse("programmes:goal", args=[world.programme.pk, goal.pk])).status_code
        == 200
    )
    assert world.programme.name in anonymous.get(reverse("programmes:list")).content.decode()
    # Seeing is not changing.
    assert anonymous.get(reverse("programmes:edit", args=[world.programme.pk])).status_code == 302
    create = reverse("programmes:measurement_create", args=[world.programme.pk, goal.pk])
    assert world.client(world.outsider).get(create).status_code == 404


def test_making_it_private_again_shuts_out_partners(world):
    _share(world, world.editor, Visibility.PRIVATE)
    assert world.client(world.partner_user).get(_detail(world)).status_code == 404
    assert world.client(world.viewer).get(_detail(world)).status_code == 200


def test_a_partner_removed_in_the_programme_form_loses_access(world):
    client = world.client(world.partner_user)
    assert client.get(_detail(world)).status_code == 200
    response = world.client(world.editor).post(
        reverse("programmes:edit", args=[world.programme.pk]),
        {
            "owner": world.a.pk,
            "name": world.programme.name,
            "description": "",
            "areas": [world.deso.pk],
            "start_year": 2024,
            "horizon_years": 10,
            "shared_with": [],
        },
    )
    assert response.status_code == 302
    assert client.get(_detail(world)).status_code == 404
    world.programme.refresh_from_db()
    assert world.programme.visibility == Visibility.PARTNERS  # the form does not change sharing


def test_changes_of_name_partners_and_sharing_are_kept_and_shown(world):
    programme = world.programme
    programme.name = "Handslag Testby 2.0"
    services.save_programme(
        user=world.editor, programme=programme, areas=[world.deso], shared_with=[]
    )
    services.set_visibility(user=world.editor, programme=programme, visibility=Visibility.PUBLIC)
    entries = list(ChangeLog.objects.filter(object_type="programme").order_by("id"))
    assert [e.action for e in entries] == ["update", "update"]
    assert entries[0].before["name"] == "Handslag Testby" and entries[0].after["name"] == (
        "Handslag Testby 2.0"
    )
    assert entries[0].before["shared_with"] == [world.partner.pk]
    assert entries[0].after["shared_with"] == []
    assert (entries[1].before["visibility"], entries[1].after["visibility"]) == (
        "partners",
        "public",
    )
    assert all(e.user == world.editor for e in entries)
    page = world.client(world.viewer).get(_detail(world))
    assert [c.pk for c in page.context["history"]] == [entries[1].pk, entries[0].pk]
    history = re.sub(r"<[^>]+>", "", page.content.decode().split('id="history"')[1])
    assert "Handslag Testby → Handslag Testby 2.0" in history
    assert "Partner P" in history  # partners by name, not by number


def test_a_new_programme_is_kept_in_the_history_and_seen_by_its_partners(world):
    response = world.client(world.editor).post(
        reverse("programmes:create"),
        {
            "owner": world.a.pk,
            "name": "Nytt handslag",
            "areas": [world.deso.pk],
            "start_year": 2025,
            "horizon_years": 10,
            "shared_with": [world.partner.pk],
        },
    )
    assert response.status_code == 302
    entry = ChangeLog.objects.get(object_type="programme")
    assert entry.action == "create" and entry.after["name"] == "Nytt handslag"
    assert entry.after["visibility"] == "partners"
    assert world.client(world.partner_user).get(response["Location"]).status_code == 200
