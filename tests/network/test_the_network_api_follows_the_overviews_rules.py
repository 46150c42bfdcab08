"""The API's network endpoints count what the overview counts: for a member of the network
the programmes shared with the network or published; for anyone else published ones, and the
totals only when the network shows them publicly. Never a partner-shared or private one."""

from __future__ import annotations

from django.urls import reverse

from builders import api_client
from grogrund.network.models import NetworkSettings


def _names(response) -> set[str]:
    return {r["name"] for r in response.json()["results"]}


def test_a_member_of_the_network_gets_the_networks_programmes(world):
    client = api_client(world.member)
    response = client.get(reverse("api:network-programme-list"))
    assert response.status_code == 200
    assert _names(response) == {"Öppet program Norr", "Nätverksprogram Syd"}
    row = next(r for r in response.json()["results"] if r["name"] == "Öppet program Norr")
    assert row["current_step"] == 3 and row["steps_done"] == 2
    assert row["goals"] == {"on_track": 1, "behind": 0, "at_risk": 0, "no_data": 0}
    assert row["municipalities"] == [
        {"code": "X101", "name": "Norrstad (test)", "county": "Norrlänet (test)"}
    ]


def test_others_get_the_published_ones(world):
    for client in (api_client(None), api_client(world.outsider)):
        response = client.get(reverse("api:network-programme-list"))
        assert _names(response) == {"Öppet program Norr"}


def test_an_unshared_programme_is_not_found_even_by_its_owner(world):
    for p in (world.partner_programme, world.private_programme):
        url = reverse("api:network-programme-detail", kwargs={"pk": p.pk})
        for user in (world.member, world.c_editor):
            assert api_client(user).get(url).status_code == 404


def test_the_totals(world):
    url = reverse("api:network-total-list")
    [row] = api_client(world.member).get(url).json()
    assert (row["indicator"], row["goals"], row["target_people"]) == ("employment", 2, 2322)
    assert row["statuses"] == {"on_track": 1, "behind": 0, "at_risk": 1, "no_data": 0}
    assert row["years"][0]["year"] == 2022
    # Outside the network: nothing until the network shows its totals, then published only.
    assert api_client(None).get(url).json() == []
    NetworkSettings.objects.create(organisation=world.network, show_totals_publicly=True)
    [row] = api_client(None).get(url).json()
    assert (row["goals"], row["target_people"], round(row["achieved_people"], 6)) == (1, 100, 30)


def test_filters(world):
    client = api_client(world.member)
    url = reverse("api:network-programme-list")
    assert _names(client.get(url, {"county": world.south.pk})) == {"Nätverksprogram Syd"}
    assert _names(client.get(url, {"police": "utsatt"})) == {"Nätverksprogram Syd"}
    assert client.get(url, {"police": "nope"}).status_code == 400
    assert client.get(url, {"county": "x"}).status_code == 400
    totals = client.get(reverse("api:network-total-list"), {"county": world.north.pk}).json()
    assert totals[0]["target_people"] == 100
