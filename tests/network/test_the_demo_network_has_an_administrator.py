"""The demo's network has an administrator (fictional), listed among the demo's logins, who
can try the network's choice of what it shows publicly (/natverket/installningar/)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from grogrund.accounts.models import Role, User
from grogrund.areas.demo.build import DEMO_PASSWORD, load_demo
from grogrund.areas.management.commands.load_demo import demo_logins
from grogrund.network.demo import ADMINISTRATOR
from grogrund.network.models import NetworkSettings

pytestmark = pytest.mark.django_db


def test_the_administrator_is_listed_and_changes_the_public_totals():
    load_demo()
    username, full_name = ADMINISTRATOR
    assert (username, Role.ADMIN, "natverket") in demo_logins()
    assert User.objects.get(username=username).get_full_name() == full_name
    client = Client()
    assert client.login(username=username, password=DEMO_PASSWORD)
    page = client.get(reverse("network:settings"))
    assert page.status_code == 200
    row = NetworkSettings.objects.get(organisation__slug="natverket")
    assert row.show_totals_publicly
    # The box unticked: the totals are no longer shown; the history says who chose so.
    response = client.post(reverse("network:settings"), {"organisation": row.organisation_id})
    assert response.status_code == 302
    row.refresh_from_db()
    assert not row.show_totals_publicly
    assert full_name in client.get(reverse("network:settings")).content.decode()


def test_loading_the_demo_again_keeps_one_administrator():
    load_demo()
    load_demo()
    assert User.objects.filter(username=ADMINISTRATOR[0]).count() == 1
    assert User.objects.get(username=ADMINISTRATOR[0]).memberships.count() == 1
