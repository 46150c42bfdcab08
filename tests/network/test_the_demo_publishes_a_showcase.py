"""The demo's network (Nätverket för allmännyttan, fiktivt) shows its totals publicly and
Grobo Bostäder has published "Handslag Norrbacka": the public pages and the overview have
something to show. Loading the demo again changes nothing, and a choice made since is kept."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from grogrund.accounts.models import User, Visibility
from grogrund.areas.demo.build import load_demo
from grogrund.network import selectors
from grogrund.network.models import NetworkSettings
from grogrund.programmes import services
from grogrund.programmes.demo import DEMO_PROGRAMME
from grogrund.programmes.models import ChangeLog, Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    load_demo()
    return Programme.objects.get(name=DEMO_PROGRAMME)


def test_the_network_shows_its_totals_and_the_programme_is_published(programme):
    assert NetworkSettings.objects.get(organisation__slug="natverket").show_totals_publicly
    assert programme.visibility == Visibility.PUBLIC
    entry = ChangeLog.objects.filter(programme=programme, object_type="programme").first()
    assert (entry.before["visibility"], entry.after["visibility"]) == ("partners", "public")
    assert selectors.public_totals_shown()
    ov = selectors.overview(AnonymousUser(), selectors.Filters(), scope=selectors.PUBLIC)
    # Other demo programmes (the method library's) may be published too; nothing counted
    # publicly is shared with the network only.
    rows = {r.name: r for r in ov.rows}
    assert DEMO_PROGRAMME in rows
    assert {r.visibility for r in ov.rows} == {Visibility.PUBLIC}
    assert sum(rows[DEMO_PROGRAMME].statuses.values()) == 4


def test_the_public_pages_show_the_demo_programme(programme):
    client = Client()
    assert DEMO_PROGRAMME in client.get(reverse("public:index")).content.decode()
    page = client.get(reverse("public:programme", kwargs={"pk": programme.pk})).content.decode()
    assert DEMO_PROGRAMME in page
    assert 'data-figure="npv"' in page  # a valuation's headline figures


def test_the_network_member_sees_it_in_the_overview(programme):
    client = Client()
    client.force_login(User.objects.get(username="nils"))
    body = client.get(reverse("network:overview")).content.decode()
    assert DEMO_PROGRAMME in body


def test_loading_again_changes_nothing_and_keeps_a_later_choice(programme):
    count = ChangeLog.objects.count()
    load_demo()
    assert ChangeLog.objects.count() == count
    services.set_visibility(
        user=User.objects.get(username="anna"), programme=programme, visibility="network"
    )
    load_demo()
    programme.refresh_from_db()
    assert programme.visibility == Visibility.NETWORK
