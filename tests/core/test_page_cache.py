"""A page seen again is served from the cache, but never after its data changed and never to
another visitor (grogrund.core.page_cache), shown on the area profile."""

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpRequest
from django.test import Client
from django.test.utils import CaptureQueriesContext

from builders import (
    make_challenge,
    make_custom_area,
    make_dataset,
    make_indicator,
    make_municipality_with_desos,
    make_observation,
    make_org,
    make_user,
)
from grogrund.accounts.models import Role, Visibility

pytestmark = pytest.mark.django_db


@pytest.fixture
def place():
    """A housing company's private custom area of two DeSOs, with one figure each."""
    owner = make_org("Bostadsbolaget")
    municipality, desos = make_municipality_with_desos("9901", desos=2)
    dataset = make_dataset(owner, visibility=Visibility.PUBLIC)
    indicator = make_indicator("employment")
    for area, employed in ((desos[0], 55), (desos[1], 65), (municipality, 77)):
        make_observation(dataset, area, indicator, "2024", numerator=employed, denominator=100)
    area = make_custom_area("norrbacka", owner, desos, name="Norrbacka")
    return owner, area


def _visitor(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    client.get("/omraden/")  # the first page sets the CSRF cookie, as in a browser
    return client


def _page(client, area):
    response = client.get(f"/omraden/{area.code}/")
    return response.status_code, response.content.decode()


def test_the_same_page_again_comes_from_the_cache(place, django_assert_max_num_queries):
    owner, area = place
    client = _visitor(make_user(owner))
    first = _page(client, area)
    with django_assert_max_num_queries(3):  # the session, the user, the data generation
        again = _page(client, area)
    assert again == first


def test_a_new_challenge_shows_at_once(place):
    owner, area = place
    client = _visitor(make_user(owner))
    assert "Trygga entréer" not in _page(client, area)[1]
    make_challenge(owner, area, title="Trygga entréer")
    assert "Trygga entréer" in _page(client, area)[1]


def test_new_figures_show_at_once(place):
    owner, area = place
    client = _visitor(make_user(owner))
    assert "60,0" in _page(client, area)[1]  # (55 + 65) / 200
    dataset = make_dataset(owner, visibility=Visibility.PUBLIC)
    indicator = make_indicator("unemployment", name_sv="Arbetslöshet")
    for place_ in [*area.members.all(), area.members.first().parent]:
        make_observation(dataset, place_, indicator, "2024", numerator=9, denominator=100)
    assert "Arbetslöshet" in _page(client, area)[1]


def test_a_member_who_leaves_the_organisation_loses_the_page_at_once(place):
    owner, area = place
    user = make_user(owner)
    client = _visitor(user)
    assert _page(client, area)[0] == 200
    user.memberships.all().delete()
    assert _page(client, area)[0] == 404


def test_a_visitor_never_gets_another_visitors_page(place):
    owner, area = place
    member = make_user(owner, username="anna")
    _page(_visitor(member), area)
    assert _page(_visitor(make_user(make_org())), area)[0] == 404
    assert _page(_visitor(), area)[0] in {302, 404}
    colleague = make_user(owner, Role.VIEWER, username="bertil")
    status, text = _page(_visitor(colleague), area)
    assert status == 200 and "bertil" in text and "anna" not in text


def test_signing_in_as_someone_else_in_the_same_browser_gives_their_page(place):
    owner, area = place
    client = _visitor(make_user(owner))
    assert _page(client, area)[0] == 200
    client.force_login(make_user(make_org()))  # the test client keeps the CSRF cookie
    assert _page(client, area)[0] == 404


def test_each_language_has_its_own_page(place):
    owner, area = place
    client = _visitor(make_user(owner))
    assert 'lang="sv"' in _page(client, area)[1]
    client.cookies["django_language"] = "en"
    anonymous_english = _page(client, area)[1]
    # The signed-in user's own choice wins over the cookie: still Swedish, and kept apart.
    assert 'lang="sv"' in anonymous_english
    english = make_user(owner, language="en")
    assert 'lang="en"' in _page(_visitor(english), area)[1]


def test_a_waiting_message_is_shown_not_a_kept_page(place):
    owner, area = place
    client = _visitor(make_user(owner))
    _page(client, area)
    # A message waits in its cookie, as after a form saved elsewhere redirects here.
    client.cookies["messages"] = CookieStorage(HttpRequest())._encode(
        [Message(constants.SUCCESS, "Sparat!")]
    )
    assert "Sparat!" in _page(client, area)[1]
    assert "Sparat!" not in _page(client, area)[1]  # shown once, as always


def test_htmx_requests_are_rendered_every_time(place):
    owner, area = place
    client = _visitor(make_user(owner))
    _page(client, area)
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/omraden/{area.code}/", HTTP_HX_REQUEST="true")
    assert len(queries) > 3
