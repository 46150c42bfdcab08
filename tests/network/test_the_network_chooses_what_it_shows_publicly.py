"""The network organisation's administrators choose whether its totals are on the public
pages; each change is kept in the history; nobody else may change it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from builders import make_user
from grogrund.accounts.models import HistoryEntry, Role
from grogrund.network import selectors, services
from grogrund.network.models import NetworkSettings


def _post(world, user, show: bool):
    data = {"organisation": str(world.network.pk)}
    if show:
        data[f"n{world.network.pk}-show_totals_publicly"] = "on"
    return world.client(user).post(reverse("network:settings"), data)


def test_an_administrator_shows_the_totals_and_the_history_keeps_it(world):
    assert world.client(None).get(reverse("public:totals")).status_code == 200
    assert not selectors.public_totals_shown()
    response = _post(world, world.network_admin, True)
    assert response.status_code == 302
    assert NetworkSettings.objects.get(organisation=world.network).show_totals_publicly
    assert selectors.public_totals_shown()
    _post(world, world.network_admin, False)
    entries = list(HistoryEntry.objects.filter(object_type="networksettings").order_by("at", "id"))
    assert [(e.before, e.after["show_totals_publicly"]) for e in entries] == [
        (None, True),
        ({"organisation": world.network.pk, "show_totals_publicly": True}, False),
    ]
    assert all(e.user == world.network_admin for e in entries)
    page = world.client(world.network_admin).get(reverse("network:settings")).content.decode()
    assert "history" in page or "Historik" in page


def test_the_public_page_follows_the_choice(world):
    url = reverse("public:totals")
    assert 'id="totals-not-shown"' in world.client(None).get(url).content.decode()
    _post(world, world.network_admin, True)
    body = world.client(None).get(url).content.decode()
    assert 'id="totals-not-shown"' not in body and "Öppet program Norr" in body


@pytest.mark.parametrize("who", ["member", "c_editor", "outsider"])
def test_others_may_not(world, who):
    user = getattr(world, who)
    response = world.client(user).get(reverse("network:settings"))
    assert response.status_code == 403
    assert _post(world, user, True).status_code == 403
    assert not NetworkSettings.objects.exists()


def test_a_viewer_of_the_network_may_not(world):
    viewer = make_user(world.network, Role.VIEWER)
    with pytest.raises(services.NetworkError):
        services.save_settings(user=viewer, organisation=world.network, show_totals_publicly=True)
    assert world.client(viewer).get(reverse("network:settings")).status_code == 403
