"""A method page is kept for visitors with the same rights (methods.views.method_detail,
issue 13: a first visit costs the visitor's rights, not a rendering). Each visitor still sees
exactly what a page rendered from nothing shows them: their own actions, their own
initiatives, their own name, their own CSRF token, their own messages; and a change to the
data shows at once."""

import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from grogrund.accounts.models import Visibility
from grogrund.methods.models import MethodStatus
from methods.builders_methods import make_initiative
from programmes.programme_builders import make_programme

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def _content(client, url):
    return TOKEN.sub("TOKEN", client.get(url).content.decode())


def _client(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def own(world):
    private = make_programme(world.a, [world.deso], name="A:s egna program")
    make_initiative(private, world.method, name="A:s egen insats")
    return private


@pytest.mark.parametrize(
    "who", ["curator", "network_viewer", "editor_a", "viewer_a", "editor_b", "editor_c", None]
)
def test_a_first_visit_shows_what_a_page_rendered_from_nothing_shows(world, own, who):
    url = f"/metoder/{world.method.slug}/"
    kinds = ["curator", "network_viewer", "editor_a", "viewer_a", "editor_b", "editor_c", None]
    # Logging in changes the data (the time of the last login): every visitor logs in first.
    clients = {k: _client(None if k is None else getattr(world, k)) for k in kinds}
    for kind in kinds:  # every kind of visitor, so that the kept parts are there to be reused
        clients[kind].get(url)
    client = clients[who]
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as kept:
        first = _content(client, url)
    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as rendered:
        cold = _content(client, url)
    assert first == cold
    assert len(kept) < len(rendered)  # the first visit was made from the kept page


def test_each_visitor_sees_their_own_actions_and_initiatives(world, own):
    url = f"/metoder/{world.method.slug}/"
    pages = {}
    for who in ["curator", "editor_a", "editor_b", "viewer_a"]:
        caches["pages"].clear()
        pages[who] = _client(getattr(world, who)).get(url).content.decode()
    assert 'id="withdraw-method"' in pages["curator"]
    assert all('id="withdraw-method"' not in pages[w] for w in ["editor_a", "editor_b"])
    assert "A:s egen insats" in pages["editor_a"]
    assert "A:s egen insats" not in pages["editor_b"]
    assert "A:s egen insats" not in pages["viewer_a"]  # a viewer cannot change it
    anonymous = Client().get(url).content.decode()
    assert 'id="start-initiative"' not in anonymous and 'id="start-initiative"' in pages["viewer_a"]


def test_a_kept_form_carries_the_visitors_own_token(world):
    """The curators' form on a withdrawn method posts with the token of whoever sees it."""
    world.method.status = MethodStatus.WITHDRAWN
    world.method.save()
    url = f"/metoder/{world.method.slug}/"
    other = Client(enforce_csrf_checks=True)
    other.force_login(world.curator)
    other.get(url)  # kept for the curators
    caches["pages"].clear()
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.curator)
    body = client.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    response = client.post(
        f"/metoder/{world.method.slug}/publicera-igen/", {"csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    world.method.refresh_from_db()
    assert world.method.status == MethodStatus.PUBLISHED
    # The message is shown once, on the page the visitor is sent to, and not kept with it.
    message = "Metoden är publicerad i biblioteket igen."
    assert message in client.get(url).content.decode()
    caches["pages"].clear()
    assert message not in client.get(url).content.decode()
    assert message not in other.get(url).content.decode()


def test_the_title_bar_is_the_visitors_own(world):
    """Two editors of the same organisation have the same rights: each sees their own name."""
    url = f"/metoder/{world.method.slug}/"
    world.editor_a.first_name, world.editor_a.last_name = "Alva", "Ek"
    world.editor_a.save()
    colleague = type(world.editor_a).objects.create_user(
        "kollega", first_name="Bo", last_name="Berg"
    )
    colleague.memberships.create(organisation=world.a, role="editor")
    alva, bo = _client(world.editor_a), _client(colleague)  # logging in changes the data
    # Nothing changes between the two visits: Bo's page is made from what Alva's left.
    assert "Alva Ek" in alva.get(url).content.decode()
    caches["pages"].clear()
    page = bo.get(url).content.decode()
    assert "Bo Berg" in page and "Alva Ek" not in page
    assert (
        f'name="next" value="/metoder/{world.method.slug}/?x=1"'
        in bo.get(url + "?x=1").content.decode()
    )


def test_a_change_shows_at_once(world, own):
    url = f"/metoder/{world.method.slug}/"
    client = _client(world.editor_a)
    assert "Delad insats" not in client.get(url).content.decode()
    shared = make_programme(world.b, [world.deso], name="B:s delade", visibility=Visibility.NETWORK)
    make_initiative(shared, world.method, name="Delad insats")
    world.method.name = "Jobbcoacher i trapphuset"
    world.method.save()
    body = client.get(url).content.decode()
    assert "Delad insats" in body and "Jobbcoacher i trapphuset" in body
