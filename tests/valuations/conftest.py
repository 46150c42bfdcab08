"""A small world for valuations: organisation A owns a programme shared with partner P (and an
initiative in it); B is unrelated. Users: A's editor and viewer, P's admin, B's admin."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from builders import make_area, make_org, make_user
from grogrund.accounts.models import Role
from grogrund.areas.models import AreaLevel
from grogrund.initiatives.models import Initiative
from programmes.programme_builders import ClientsMixin, make_programme


@dataclass
class World(ClientsMixin):
    a: Any
    partner: Any
    b: Any
    programme: Any
    initiative: Any
    editor: Any
    viewer: Any
    partner_user: Any
    outsider: Any


@pytest.fixture
def world(db) -> World:
    a, partner, b = make_org("Bostadsbolaget A"), make_org("Partner P"), make_org("Org B")
    municipality = make_area("9901", AreaLevel.MUNICIPALITY, name="Staden")
    deso = make_area("9901A0001", parent=municipality, name="Testby")
    programme = make_programme(a, [deso], partners=[partner])
    initiative = Initiative.objects.create(programme=programme, name="Läxhjälp Testby", owner=a)
    return World(
        a=a,
        partner=partner,
        b=b,
        programme=programme,
        initiative=initiative,
        editor=make_user(a, Role.EDITOR),
        viewer=make_user(a, Role.VIEWER),
        partner_user=make_user(partner, Role.ADMIN),
        outsider=make_user(b, Role.ADMIN),
    )
