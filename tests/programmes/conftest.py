"""A small world for programmes: organisation A owns a programme for one DeSO, shared with a
partner P; B is unrelated. Employment in the DeSO is 55 % of 1,000 people, in the
municipality ("the city") 77 % — the gap is 220 people."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from builders import (
    make_area,
    make_dataset,
    make_indicator,
    make_observation,
    make_org,
    make_user,
)
from grogrund.accounts.models import Role, Visibility
from grogrund.areas.models import AreaLevel
from programmes.programme_builders import ClientsMixin, make_programme


@dataclass
class World(ClientsMixin):
    a: Any
    partner: Any
    b: Any
    municipality: Any
    deso: Any
    employment: Any
    unemployment: Any
    programme: Any
    editor: Any
    viewer: Any
    partner_user: Any
    outsider: Any


@pytest.fixture
def world(db) -> World:
    a, partner, b = make_org("Bostadsbolaget A"), make_org("Partner P"), make_org("Org B")
    country = make_area("SE", AreaLevel.COUNTRY, name="Sverige")
    county = make_area("99", AreaLevel.COUNTY, country, name="Länet")
    municipality = make_area("9901", AreaLevel.MUNICIPALITY, county, name="Staden")
    deso = make_area("9901A0001", parent=municipality, name="Testby")
    employment = make_indicator("employment", kind="share", direction="higher_is_better")
    unemployment = make_indicator("unemployment", kind="share", direction="lower_is_better")
    ds = make_dataset(a, "Statistik A", visibility=Visibility.PARTNERS)
    ds.shared_with.set([partner])
    make_observation(ds, deso, employment, "2024", numerator=550, denominator=1000)
    make_observation(ds, municipality, employment, "2024", numerator=7700, denominator=10000)
    make_observation(ds, deso, unemployment, "2024", numerator=120, denominator=1000)
    make_observation(ds, municipality, unemployment, "2024", numerator=600, denominator=10000)
    programme = make_programme(a, [deso], partners=[partner])
    return World(
        a=a,
        partner=partner,
        b=b,
        municipality=municipality,
        deso=deso,
        employment=employment,
        unemployment=unemployment,
        programme=programme,
        editor=make_user(a, Role.EDITOR),
        viewer=make_user(a, Role.VIEWER),
        partner_user=make_user(partner, Role.ADMIN),
        outsider=make_user(b, Role.ADMIN),
    )
