"""A small fictional Sweden for the roll-up tests (codes 995x: no real SCB code).

    country SE995
      county C9950
        municipality 9950: RegSO 9950R001 (DeSO 9950A0001, 9950A0002), 9950R002 (9950A0003)
        municipality 9951: RegSO 9951R001 (DeSO 9951A0001)
      county C9952
        municipality 9952: RegSO 9952R001 (DeSO 9952A0001)

Employment (a share), checked by hand:
    9950A0001 40/100, 9950A0002 30/50, 9950A0003 10/50 → municipality 9950: 80/200 = 40 %
    9951A0001 20/100                                    → county C9950: 100/300 = 33.3 %
    9952A0001 50/100                                    → country: 150/400 = 37.5 %
"""

from __future__ import annotations

from dataclasses import dataclass

from builders import make_area, make_dataset, make_indicator, make_observation, make_org, make_user
from grogrund.accounts.models import Organisation, User, Visibility
from grogrund.areas.models import Area, AreaLevel, Dataset, Indicator

EMPLOYED = {
    "9950A0001": (40, 100),
    "9950A0002": (30, 50),
    "9950A0003": (10, 50),
    "9951A0001": (20, 100),
    "9952A0001": (50, 100),
}


@dataclass
class World:
    owner: Organisation
    member: User
    dataset: Dataset
    employment: Indicator
    areas: dict[str, Area]


def make_world(*, employed: dict[str, tuple[int, int]] | None = None) -> World:
    country = make_area("SE995", AreaLevel.COUNTRY, name="Sverige 995")
    counties = {
        "C9950": make_area("C9950", AreaLevel.COUNTY, country, name="Län 9950"),
        "C9952": make_area("C9952", AreaLevel.COUNTY, country, name="Län 9952"),
    }
    areas = {"SE995": country, **counties}
    for code, county in [("9950", "C9950"), ("9951", "C9950"), ("9952", "C9952")]:
        areas[code] = make_area(
            code, AreaLevel.MUNICIPALITY, counties[county], name=f"Kommun {code}"
        )
    for code in ["9950R001", "9950R002", "9951R001", "9952R001"]:
        areas[code] = make_area(code, AreaLevel.REGSO, areas[code[:4]], name=f"RegSO {code}")
    regso_of = {
        "9950A0001": "9950R001",
        "9950A0002": "9950R001",
        "9950A0003": "9950R002",
        "9951A0001": "9951R001",
        "9952A0001": "9952R001",
    }
    for code, regso in regso_of.items():
        areas[code] = make_area(
            code, AreaLevel.DESO, areas[regso], name=f"DeSO {code}", vintage="DeSO2018"
        )
    owner = make_org("Bostadsbolaget")
    dataset = make_dataset(owner, "SCB sysselsättning", visibility=Visibility.PUBLIC, source="SCB")
    employment = make_indicator("employment", name_sv="Förvärvsarbetande", name_en="Employed")
    for code, (num, den) in (EMPLOYED if employed is None else employed).items():
        make_observation(dataset, areas[code], employment, "2024", numerator=num, denominator=den)
    return World(owner, make_user(owner), dataset, employment, areas)


def comparison(profile, code: str, indicator: str = "employment"):
    row = next(r for r in profile.rows if r.indicator.code == indicator)
    return next(c for c in row.comparisons if c.area.code == code)
