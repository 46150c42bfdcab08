"""A small handslag: housing company A leads a programme with the municipality M and the
company C as partners; B is unrelated."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from builders import make_area, make_org, make_user
from grogrund.accounts.models import Role
from grogrund.areas.models import AreaLevel
from programmes.programme_builders import ClientsMixin, make_programme


@dataclass
class World(ClientsMixin):
    a: Any
    m: Any
    c: Any
    b: Any
    programme: Any
    a_editor: Any
    a_viewer: Any
    m_editor: Any
    c_editor: Any
    c_viewer: Any
    outsider: Any


@pytest.fixture
def world(db) -> World:
    a = make_org("Bostadsbolaget A", kind="housing_company")
    m = make_org("Kommunen M", kind="municipality")
    c = make_org("Företaget C", kind="company")
    b = make_org("Org B")
    municipality = make_area("9901", AreaLevel.MUNICIPALITY, name="Staden")
    deso = make_area("9901A0001", parent=municipality, name="Testby")
    programme = make_programme(a, [deso], partners=[m, c], start_year=2024)
    return World(
        a=a,
        m=m,
        c=c,
        b=b,
        programme=programme,
        a_editor=make_user(a, Role.EDITOR),
        a_viewer=make_user(a, Role.VIEWER),
        m_editor=make_user(m, Role.EDITOR),
        c_editor=make_user(c, Role.EDITOR),
        c_viewer=make_user(c, Role.VIEWER),
        outsider=make_user(b, Role.ADMIN),
    )
