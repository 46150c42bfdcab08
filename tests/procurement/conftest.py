"""A small procurement world: housing company A (in the national network) buys a renovation
from supplier S with an employment clause; supplier T has its own contract with A; C is
another housing company in the network; N is the network's own organisation (its editor
curates the clause templates); B is unrelated. Evidence files go to a temporary folder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from builders import make_area, make_org, make_user
from grogrund.accounts.models import Role
from grogrund.areas.models import AreaLevel
from procurement.builders_procurement import make_clause, make_contract
from programmes.programme_builders import ClientsMixin, make_programme


@dataclass
class World(ClientsMixin):
    a: Any
    s: Any
    t: Any
    c: Any
    n: Any
    b: Any
    deso: Any
    programme: Any
    contract: Any
    clause: Any
    other_contract: Any
    a_editor: Any
    a_viewer: Any
    s_editor: Any
    s_viewer: Any
    t_editor: Any
    c_viewer: Any
    curator: Any
    outsider: Any


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(db) -> World:
    a = make_org("Bostadsbolaget A", kind="housing_company", in_network=True)
    s = make_org("Bygg S", kind="supplier")
    t = make_org("Städ T", kind="supplier")
    c = make_org("Bostadsbolaget C", kind="housing_company", in_network=True)
    n = make_org("Nätverket N", kind="network", in_network=True)
    b = make_org("Org B")
    municipality = make_area("9901", AreaLevel.MUNICIPALITY, name="Staden")
    deso = make_area("9901A0001", parent=municipality, name="Testby")
    programme = make_programme(a, [deso], start_year=2024)
    contract = make_contract(
        a, s, areas=[deso], programme=programme, internal_note="Hemlig anteckning om S"
    )
    clause = make_clause(contract)
    other = make_contract(a, t, name="Trappstädning Testby", category="cleaning")
    make_clause(
        other,
        name="Praktik",
        kind="internship",
        measure="persons",
        unit="praktikanter",
        target=3,
        penalty_kind="none",
        penalty_sek_per_unit=None,
        penalty_cap_sek=None,
    )
    return World(
        a=a,
        s=s,
        t=t,
        c=c,
        n=n,
        b=b,
        deso=deso,
        programme=programme,
        contract=contract,
        clause=clause,
        other_contract=other,
        a_editor=make_user(a, Role.EDITOR),
        a_viewer=make_user(a, Role.VIEWER),
        s_editor=make_user(s, Role.EDITOR),
        s_viewer=make_user(s, Role.VIEWER),
        t_editor=make_user(t, Role.EDITOR),
        c_viewer=make_user(c, Role.VIEWER),
        curator=make_user(n, Role.EDITOR),
        outsider=make_user(b, Role.ADMIN),
    )
