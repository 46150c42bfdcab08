"""A small programme to report on, with figures checked by hand.

Organisation A (a housing company) runs "Handslag Testby" for the DeSO Testby with partner P
(shared with named partners); B is unrelated.

- Goal: employment 20–64 in Testby. Baseline 2021: 55 % of 1 000 people; the city 77 %: a gap
  of (0,77 − 0,55) × 1 000 = 220 people; the goal closes half of it, 110 people, target 66 %
  by 2031. The trajectory rises 1,1 percentage points a year, so 2024 asks for 58,3 %.
  Measured 2024: 60,0 % → (0,60 − 0,55) / (0,66 − 0,55) = 45,45… % of the planned change
  ("45 %"), on track (5 points gained where 3,3 were asked for).
- Budget: A commits 200 000 kr in 2024; P commits 100 000 kr + 50 staff hours × 500 kr +
  10 000 kr in kind = 135 000 kr in 2024, signed. Total 335 000 kr.
- An initiative with an effect logic (need → activity → output → outcome → impact) and one
  outcome value; a valuation made from the SROI starter model.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from django.test import Client
from django.utils import timezone

from builders import make_area, make_dataset, make_indicator, make_observation, make_org, make_user
from grogrund.accounts.models import Role, Visibility
from grogrund.areas.models import AreaLevel


@dataclass
class World:
    a: Any
    partner: Any
    b: Any
    deso: Any
    municipality: Any
    employment: Any
    programme: Any
    goal: Any
    editor: Any
    viewer: Any
    partner_user: Any
    outsider: Any

    def client(self, user: Any | None) -> Client:
        c = Client()
        if user is not None:
            c.force_login(user)
        return c


def make_world(*, with_content: bool = True) -> World:
    from grogrund.programmes.models import Goal, Measurement, Programme

    a, partner, b = make_org("Bostadsbolaget A"), make_org("Partner P"), make_org("Org B")
    country = make_area("SE", AreaLevel.COUNTRY, name="Sverige")
    county = make_area("99", AreaLevel.COUNTY, country, name="Länet")
    municipality = make_area("9901", AreaLevel.MUNICIPALITY, county, name="Staden")
    deso = make_area("9901A0001", parent=municipality, name="Testby")
    employment = make_indicator(
        "employment",
        kind="share",
        direction="higher_is_better",
        name_sv="Förvärvsarbetande",
        name_en="Employment 20–64",
    )
    ds = make_dataset(a, "Statistik A", visibility=Visibility.PARTNERS, source="SCB (test)")
    make_observation(ds, deso, employment, "2021", numerator=550, denominator=1000)
    make_observation(ds, municipality, employment, "2021", numerator=7700, denominator=10000)
    programme = Programme.objects.create(
        owner=a,
        name="Handslag Testby",
        visibility=Visibility.PARTNERS,
        start_year=2022,
        horizon_years=10,
        description="Ett handslag för Testby.",
    )
    programme.areas.set([deso])
    programme.shared_with.set([partner])
    goal = None
    if with_content:
        goal = Goal.objects.create(
            programme=programme,
            area=deso,
            indicator=employment,
            reference_area=municipality,
            direction="higher_is_better",
            baseline_year=2021,
            deadline_year=2031,
            baseline_share=0.55,
            reference_share=0.77,
            base=1000,
            people_needed=220,
            share_of_gap=0.5,
            target_count=110,
            target_share=0.66,
        )
        Measurement.objects.create(
            goal=goal, organisation=a, year=2024, value=0.60, source="SCB (test) (2024)"
        )
        _budget(programme, a, partner)
        _initiative(programme, a, employment, goal)
        _valuation(programme)
    return World(
        a=a,
        partner=partner,
        b=b,
        deso=deso,
        municipality=municipality,
        employment=employment,
        programme=programme,
        goal=goal,
        editor=make_user(a, Role.EDITOR),
        viewer=make_user(a, Role.VIEWER),
        partner_user=make_user(partner, Role.ADMIN),
        outsider=make_user(b, Role.ADMIN),
    )


def _budget(programme: Any, a: Any, partner: Any) -> None:
    from grogrund.partnerships.models import Commitment, CommitmentYear

    own = Commitment.objects.create(programme=programme, organisation=a, hourly_cost_sek=500)
    CommitmentYear.objects.create(commitment=own, year=2024, money_sek=200_000)
    theirs = Commitment.objects.create(
        programme=programme, organisation=partner, hourly_cost_sek=500, signed_at=timezone.now()
    )
    CommitmentYear.objects.create(
        commitment=theirs, year=2024, money_sek=100_000, staff_hours=50, in_kind_sek=10_000
    )


def _initiative(programme: Any, owner: Any, indicator: Any, goal: Any) -> None:
    from grogrund.initiatives.models import EffectLink, EffectNode, Initiative, OutcomeMeasurement

    initiative = Initiative.objects.create(
        programme=programme, name="Jobbspår Testby", owner=owner, budget=500_000, status="running"
    )
    texts = [
        ("need", "Många saknar arbete"),
        ("activity", "Jobbcoacher i området"),
        ("output", "40 samtal om året"),
        ("short_term", "Fler i arbete"),
        ("impact", "Minskat utanförskap"),
    ]
    nodes = []
    for pos, (stage, text) in enumerate(texts):
        outcome = stage == "short_term"
        nodes.append(
            EffectNode.objects.create(
                initiative=initiative,
                stage=stage,
                text=text,
                position=pos,
                indicator=indicator if outcome else None,
                baseline_value=0.55 if outcome else None,
                baseline_year=2021 if outcome else None,
                target_value=0.60 if outcome else None,
                target_year=2026 if outcome else None,
            )
        )
    for a, b in itertools.pairwise(nodes):
        EffectLink.objects.create(initiative=initiative, source=a, target=b)
    OutcomeMeasurement.objects.create(
        initiative=initiative, outcome=nodes[3], year=2024, value=0.58, source="Uppföljning (test)"
    )


def _valuation(programme: Any) -> None:
    from grogrund.valuations.models import Valuation
    from grogrund.valuations.services import starter_model

    model = starter_model("sroi", start_year=2022, horizon_years=10, name="Läxhjälp – SROI")
    Valuation.objects.create(programme=programme, name="Läxhjälp – SROI", model=model)


def pdf_text(pdf: bytes) -> str:
    """The PDF's text with every kind of space as one plain space."""
    import io
    import re

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"[ \u00a0\u202f]+", " ", text)


def page_texts(pdf: bytes) -> list[str]:
    import io
    import re

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return [re.sub(r"[ \u00a0\u202f]+", " ", p.extract_text() or "") for p in reader.pages]
