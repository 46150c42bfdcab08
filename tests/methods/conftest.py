"""A small world for the method library: the national network N (kind network) with a curator
and a viewer; housing companies A and B in the network, C outside it; one DeSO with its
municipality; a published method and a draft of A's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from builders import make_area, make_indicator, make_org, make_user
from grogrund.accounts.models import OrganisationKind, Role
from grogrund.areas.models import AreaLevel
from grogrund.methods.models import MethodStatus
from methods.builders_methods import make_method
from programmes.programme_builders import ClientsMixin


@dataclass
class World(ClientsMixin):
    network: Any
    a: Any
    b: Any
    c: Any
    curator: Any
    network_viewer: Any
    editor_a: Any
    viewer_a: Any
    editor_b: Any
    editor_c: Any
    municipality: Any
    deso: Any
    employment: Any
    method: Any
    draft: Any


@pytest.fixture
def world(db) -> World:
    network = make_org("Nätverket", kind=OrganisationKind.NETWORK, in_network=True)
    a = make_org("Bolaget A", in_network=True)
    b = make_org("Bolaget B", in_network=True)
    c = make_org("Bolaget C")
    municipality = make_area("9901", AreaLevel.MUNICIPALITY, name="Staden")
    deso = make_area("9901A0001", parent=municipality, name="Testby")
    employment = make_indicator("employment", name_sv="Förvärvsarbetande", name_en="Employed")
    method = make_method(network, name="Jobbcoacher", indicator=employment)
    draft = make_method(a, name="Hemligt utkast A", status=MethodStatus.DRAFT)
    return World(
        network=network,
        a=a,
        b=b,
        c=c,
        curator=make_user(network, Role.EDITOR),
        network_viewer=make_user(network, Role.VIEWER),
        editor_a=make_user(a, Role.EDITOR),
        viewer_a=make_user(a, Role.VIEWER),
        editor_b=make_user(b, Role.EDITOR),
        editor_c=make_user(c, Role.EDITOR),
        municipality=municipality,
        deso=deso,
        employment=employment,
        method=method,
        draft=draft,
    )
