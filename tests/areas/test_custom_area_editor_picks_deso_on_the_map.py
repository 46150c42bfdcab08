"""The custom-area editor: a housing area is made of DeSO (or RegSO) chosen by ticking them in
the municipality's list or on its map, where each DeSO is a link to its checkbox; the form
works without the map; a DeSO and its RegSO are never both chosen; only editors of the owner
change it, and every change is in the history."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from map_world import DESO, make_map_world, with_boundaries

from builders import make_custom_area, make_org, make_user
from grogrund.accounts.models import HistoryEntry, Role
from grogrund.areas.models import Area, AreaLevel

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tmp_path):
    world = make_map_world(make_org("Kommunen"))
    with_boundaries(tmp_path)
    return world


@pytest.fixture
def editor():
    org = make_org("Bostadsbolaget")
    client = Client()
    client.force_login(make_user(org, Role.EDITOR))
    return org, client


def test_the_map_lists_every_deso_as_a_link_to_its_checkbox(world, editor):
    _org, client = editor
    html = client.post("/omraden/egna-omraden/nytt/", {"municipality": "9901", "show": "1"})
    page = html.content.decode()
    assert html.status_code == 200
    links = re.findall(r'<a href="#member-([^"]+)" class="map-area[^"]*"', page)
    assert sorted(links) == sorted(code for code, *_rest in DESO)
    for code in links:
        assert f'id="member-{code}"' in page  # the checkbox the link leads to
        assert f'data-controls="member-{code}"' in page
    assert 'aria-label="Norr 1, not chosen"' in page or 'aria-label="Norr 1, inte vald"' in page
    assert "map_picker.js" in page


def test_a_custom_area_is_saved_from_the_ticked_boxes(world, editor):
    org, client = editor
    members = [world.desos["9901C0010"].pk, world.desos["9901C0020"].pk]
    response = client.post(
        "/omraden/egna-omraden/nytt/",
        {"name": "Norrgården", "owner": org.pk, "municipality": "9901", "members": members},
    )
    area = Area.objects.get(level=AreaLevel.CUSTOM, name="Norrgården")
    assert response.status_code == 302 and response["Location"] == f"/omraden/{area.code}/"
    assert sorted(area.members.values_list("code", flat=True)) == ["9901C0010", "9901C0020"]
    assert area.owner == org and not area.is_public
    entry = HistoryEntry.objects.get(object_type="area", object_id=str(area.pk))
    assert entry.action == "create" and entry.after["members"] == ["9901C0010", "9901C0020"]


def test_showing_a_municipality_saves_nothing_and_keeps_the_ticks(world, editor):
    org, client = editor
    chosen = world.desos["9901C0050"].pk
    response = client.post(
        "/omraden/egna-omraden/nytt/",
        {
            "name": "Söderparken",
            "owner": org.pk,
            "municipality": "9901",
            "members": [chosen],
            "show": "1",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert not Area.objects.filter(name="Söderparken").exists()
    assert re.search(
        rf'value="{chosen}" id="member-9901C0050" data-map-code="9901C0050" checked', page
    )
    # The ticked DeSO is drawn chosen (hatched) on the map.
    assert re.search(r'<a href="#member-9901C0050" class="map-area chosen"', page)


def test_a_deso_and_its_regso_are_not_both_chosen(world, editor):
    org, client = editor
    response = client.post(
        "/omraden/egna-omraden/nytt/",
        {
            "name": "Dubbelt",
            "owner": org.pk,
            "municipality": "9901",
            "members": [world.regsos["9901R001"].pk, world.desos["9901C0010"].pk],
        },
    )
    assert response.status_code == 400
    assert "Norr 1" in response.content.decode() and "Norr" in response.content.decode()
    assert not Area.objects.filter(name="Dubbelt").exists()


def test_nothing_chosen_is_refused(world, editor):
    org, client = editor
    response = client.post(
        "/omraden/egna-omraden/nytt/", {"name": "Tomt", "owner": org.pk, "municipality": "9901"}
    )
    assert response.status_code == 400
    assert not Area.objects.filter(name="Tomt").exists()


def test_an_area_is_changed_by_its_owners_editors_only(world, editor):
    org, client = editor
    area = make_custom_area("bolaget-norr", org, [world.desos["9901C0010"]], name="Norrgården")
    page = client.get(f"/omraden/{area.code}/andra/").content.decode()
    # It opens on its members' municipality, their boxes ticked.
    assert re.search(r'id="member-9901C0010" data-map-code="9901C0010" checked', page)
    response = client.post(
        f"/omraden/{area.code}/andra/",
        {
            "name": "Norrgården",
            "owner": org.pk,
            "is_public": "on",
            "municipality": "9901",
            "members": [world.desos["9901C0010"].pk, world.desos["9901C0040"].pk],
        },
    )
    assert response.status_code == 302
    area.refresh_from_db()
    assert area.is_public
    assert sorted(area.members.values_list("code", flat=True)) == ["9901C0010", "9901C0040"]
    entry = HistoryEntry.objects.get(object_type="area", object_id=str(area.pk), action="update")
    assert entry.before["members"] == ["9901C0010"]

    outsider = Client()
    outsider.force_login(make_user(make_org("Någon annan"), Role.ADMIN))
    assert outsider.get(f"/omraden/{area.code}/andra/").status_code == 404
    viewer = Client()
    viewer.force_login(make_user(org, Role.VIEWER))
    assert viewer.get(f"/omraden/{area.code}/andra/").status_code == 404


def test_the_profile_of_a_custom_area_links_to_the_editor_for_its_editors(world, editor):
    org, client = editor
    area = make_custom_area("bolaget-norr", org, [world.desos["9901C0010"]], name="Norrgården")
    assert f"/omraden/{area.code}/andra/" in client.get(f"/omraden/{area.code}/").content.decode()
    viewer = Client()
    viewer.force_login(make_user(org, Role.VIEWER))
    assert (
        f"/omraden/{area.code}/andra/" not in viewer.get(f"/omraden/{area.code}/").content.decode()
    )


def test_the_form_works_without_boundaries(editor, tmp_path):
    org, client = editor
    world = make_map_world(make_org("Kommunen"))
    page = client.post(
        "/omraden/egna-omraden/nytt/", {"municipality": "9901", "show": "1"}
    ).content.decode()
    assert "<svg" not in page
    assert 'id="member-9901C0030"' in page
    response = client.post(
        "/omraden/egna-omraden/nytt/",
        {
            "name": "Utan karta",
            "owner": org.pk,
            "municipality": "9901",
            "members": [world.desos["9901C0030"].pk],
        },
    )
    assert response.status_code == 302
