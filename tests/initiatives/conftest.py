"""A small world for initiatives: organisation A owns a programme for one DeSO, shared with a
partner P; B is unrelated. Employment in the DeSO is 55 % (2022), the programme's goal is 62 %."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from builders import make_area, make_indicator, make_org, make_user
from grogrund.accounts.models import Role
from grogrund.areas.models import AreaLevel
from grogrund.programmes.models import Goal
from programmes.programme_builders import ClientsMixin, make_programme


@dataclass
class World(ClientsMixin):
    a: Any
    partner: Any
    b: Any
    deso: Any
    employment: Any
    unemployment: Any
    programme: Any
    goal: Any
    editor: Any
    viewer: Any
    partner_viewer: Any
    partner_editor: Any
    outsider: Any


@pytest.fixture
def world(db) -> World:
    a, partner, b = make_org("Bostadsbolaget A"), make_org("Partner P"), make_org("Org B")
    municipality = make_area("9901", AreaLevel.MUNICIPALITY, name="Staden")
    deso = make_area("9901A0001", parent=municipality, name="Testby")
    employment = make_indicator("employment", name_sv="Förvärvsarbetande", name_en="Employed")
    unemployment = make_indicator(
        "unemployment", name_sv="Arbetslösa", name_en="Unemployed", direction="lower_is_better"
    )
    programme = make_programme(a, [deso], partners=[partner], name="Handslag Testby")
    goal = Goal.objects.create(
        programme=programme,
        area=deso,
        indicator=employment,
        reference_area=municipality,
        direction="higher_is_better",
        baseline_year=2022,
        deadline_year=2032,
        baseline_share=0.55,
        reference_share=0.77,
        base=1000,
        people_needed=220,
        share_of_gap=0.5,
        target_count=110,
        target_share=0.66,
    )
    return World(
        a=a,
        partner=partner,
        b=b,
        deso=deso,
        employment=employment,
        unemployment=unemployment,
        programme=programme,
        goal=goal,
        editor=make_user(a, Role.EDITOR),
        viewer=make_user(a, Role.VIEWER),
        partner_viewer=make_user(partner, Role.VIEWER),
        partner_editor=make_user(partner, Role.EDITOR),
        outsider=make_user(b, Role.ADMIN),
    )
