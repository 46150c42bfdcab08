"""The method library's column "Programmes sharing results" counts the programmes whose
initiatives use each method and whose owners share them: with the network (counted for its
members) or the public (counted for everyone). A programme kept private or shared only with
named partners is never counted, not even for its own organisation or its partners."""

from __future__ import annotations

import re

import pytest

from grogrund.accounts.models import Visibility
from methods.builders_methods import make_initiative, make_method
from programmes.programme_builders import make_programme


@pytest.fixture
def used(world):
    """Jobbcoacher is used by five programmes, Läxhjälp only by the two unshared ones:

    - Publicerat B (B, public), with two initiatives using it: one programme
    - Publicerat C (C, public; C is outside the network)
    - Nätverk A (A, shared with the network)
    - Privat A (A, private) and Partner B (B, shared with A only): never counted
    """
    deso = world.deso
    homework = make_method(world.network, name="Läxhjälp", slug="laxhjalp")
    pub_b = make_programme(world.b, [deso], name="Publicerat B", visibility=Visibility.PUBLIC)
    pub_c = make_programme(world.c, [deso], name="Publicerat C", visibility=Visibility.PUBLIC)
    net_a = make_programme(world.a, [deso], name="Nätverk A", visibility=Visibility.NETWORK)
    priv_a = make_programme(world.a, [deso], name="Privat A", visibility=Visibility.PRIVATE)
    partner_b = make_programme(
        world.b, [deso], name="Partner B", visibility=Visibility.PARTNERS, partners=[world.a]
    )
    make_initiative(pub_b, world.method, name="Coacher 1")
    make_initiative(pub_b, world.method, name="Coacher 2")
    for programme in (pub_c, net_a, priv_a, partner_b):
        make_initiative(programme, world.method, name=f"Coacher i {programme.name}")
    for programme in (priv_a, partner_b):
        make_initiative(programme, homework, name=f"Läxhjälp i {programme.name}")
    return world


def counts_shown(client) -> dict[str, str]:
    """Each published method's name and its number in the column, as the page shows them."""
    body = client.get("/metoder/").content.decode()
    table = body.split('id="method-table"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(
        r'<a href="/metoder/[^/"]+/">([^<]+)</a>.*?<td class="num">([^<]*)</td></tr>', table, re.S
    )
    return dict(rows)


def test_a_member_of_the_network_counts_programmes_shared_with_the_network_or_published(used):
    # Publicerat B (once, though two initiatives), Publicerat C and Nätverk A: 3; not Privat A
    # nor Partner B, though A owns the one and is the other's partner.
    for member in (used.viewer_a, used.editor_b, used.network_viewer):
        assert counts_shown(used.client(member)) == {"Jobbcoacher": "3", "Läxhjälp": "0"}


def test_a_visitor_without_login_counts_published_programmes_only(used):
    # Publicerat B and Publicerat C: 2.
    assert counts_shown(used.client(None)) == {"Jobbcoacher": "2", "Läxhjälp": "0"}


def test_an_organisation_outside_the_network_counts_published_programmes_only(used):
    assert counts_shown(used.client(used.editor_c)) == {"Jobbcoacher": "2", "Läxhjälp": "0"}
