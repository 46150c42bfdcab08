"""Demo data: a fictional municipality, its housing company, partners and ten years of figures.

Everything here is fictional and labelled so (`is_fictional`, "(fiktiv)" in names and sources).
Figures are drawn from a seeded generator so every demo is the same. Municipality figures are
the sums of their DeSO numerators and denominators, as real statistics would be.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import import_module

from django.db import transaction

from grogrund.accounts.models import (
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
    Visibility,
)
from grogrund.areas import services
from grogrund.areas.demo.indicators import INDICATORS
from grogrund.areas.models import (
    Area,
    AreaLevel,
    Challenge,
    Indicator,
    PoliceCategory,
    PoliceClassification,
    Priority,
)
from grogrund.areas.registry.loader import COUNTRY_CODE, load_registry
from grogrund.programmes.demo import build_demo_programme
from grogrund.sources.records import Location, ObservationRecord

DEMO_PASSWORD = "grogrund-demo"
YEARS = [str(y) for y in range(2015, 2025)]
SEED = 20261123
MUNICIPALITY = ("9901", "Grobo kommun (fiktiv)")
COUNTY = ("99", "Exempellän (fiktivt)")
DISTRICT_CODE = "grobo-norrbacka"
LOCATION = Location(file="demo")

# Per indicator: (typical level in an ordinary DeSO, in the vulnerable district, country, yearly
# drift in the district). Shares as fractions.
LEVELS: dict[str, tuple[float, float, float, float]] = {
    "employment_20_64": (0.81, 0.55, 0.80, 0.004),
    # Rises 0.6 pp a year in the district: the demo programme's school goal is behind its
    # trajectory, not on track and not at risk (programmes/demo.py).
    "eligible_upper_secondary": (0.88, 0.62, 0.85, 0.006),
    "economic_assistance": (0.025, 0.14, 0.04, -0.002),
    "unemployment_16_64": (0.045, 0.17, 0.065, -0.002),
    "low_economic_standard": (0.10, 0.38, 0.14, -0.003),
    "post_secondary_education": (0.48, 0.24, 0.45, 0.003),
    "vacancy_rate": (0.012, 0.045, 0.02, -0.001),
    "turnover_rate": (0.11, 0.21, 0.13, -0.004),
    "safety_index": (0.82, 0.58, 0.78, 0.01),
    "satisfaction_index": (0.80, 0.63, 0.77, 0.008),
}
# Share of the population in each indicator's base.
BASE_SHARE = {
    "employment_20_64": 0.56,
    "eligible_upper_secondary": 0.012,
    "economic_assistance": 1.0,
    "unemployment_16_64": 0.63,
    "low_economic_standard": 1.0,
    "post_secondary_education": 0.50,
}
COMPANY_INDICATORS = {"vacancy_rate", "turnover_rate", "vandalism_cost_per_apartment"}
SURVEY_INDICATORS = {"safety_index", "satisfaction_index"}


@dataclass
class DemoUser:
    username: str
    first_name: str
    organisation: str
    role: str


ORGANISATIONS = [
    ("grobo-bostader", "Grobo Bostäder AB (fiktivt)", OrganisationKind.HOUSING_COMPANY, True),
    ("grobo-kommun", "Grobo kommun (fiktiv)", OrganisationKind.MUNICIPALITY, True),
    ("exempel-fastigheter", "Exempel Fastigheter AB (fiktivt)", OrganisationKind.COMPANY, False),
    (
        "norrbacka-hgf",
        "Hyresgästföreningen Norrbacka (fiktiv)",
        OrganisationKind.TENANT_ASSOCIATION,
        False,
    ),
    ("natverket", "Nätverket för allmännyttan (fiktivt)", OrganisationKind.NETWORK, True),
    ("region-exempel", "Region Exempel (fiktiv)", OrganisationKind.REGION, False),
    (
        "sociala-investeringar",
        "Sociala Investeringar AB (fiktivt)",
        OrganisationKind.INVESTOR,
        False,
    ),
    (
        "idrott-for-alla",
        "Idrott för alla Norrbacka (fiktiv)",
        OrganisationKind.CIVIL_SOCIETY,
        False,
    ),
    ("statlig-myndighet", "Exempelmyndigheten (fiktiv)", OrganisationKind.STATE_AGENCY, False),
    ("norrbacka-bygg", "Norrbacka Bygg & Stam AB (fiktivt)", OrganisationKind.SUPPLIER, False),
]
USERS = [
    DemoUser("anna", "Anna Admin", "grobo-bostader", Role.ADMIN),
    DemoUser("edvin", "Edvin Editor", "grobo-bostader", Role.EDITOR),
    DemoUser("vera", "Vera Viewer", "grobo-bostader", Role.VIEWER),
    DemoUser("karin", "Karin Kommunanalytiker", "grobo-kommun", Role.EDITOR),
    DemoUser("per", "Per Partner", "exempel-fastigheter", Role.EDITOR),
    DemoUser("hilda", "Hilda Hyresgästförening", "norrbacka-hgf", Role.VIEWER),
    DemoUser("nils", "Nils Nätverket", "natverket", Role.VIEWER),
    DemoUser("sara", "Sara Leverantör", "norrbacka-bygg", Role.EDITOR),
]


def _orgs() -> dict[str, Organisation]:
    out = {}
    for slug, name, kind, network in ORGANISATIONS:
        org, _created = Organisation.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "kind": kind, "in_network": network, "is_fictional": True},
        )
        out[slug] = org
    return out


def _users(orgs: dict[str, Organisation]) -> None:
    for u in USERS:
        user, created = User.objects.get_or_create(
            username=u.username, defaults={"first_name": u.first_name, "language": "sv"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.update_or_create(
            user=user, organisation=orgs[u.organisation], defaults={"role": u.role}
        )


def _indicators() -> None:
    for code, sv, en, unit, kind, direction, source, base_sv, base_en in INDICATORS:
        Indicator.objects.update_or_create(
            code=code,
            defaults={
                "name_sv": sv,
                "name_en": en,
                "unit": unit,
                "kind": kind,
                "direction": direction,
                "source": source,
                "base_label_sv": base_sv,
                "base_label_en": base_en,
                "min_group_size": 5 if code in SURVEY_INDICATORS else 0,
            },
        )


def _area(code: str, name: str, level: str, parent: Area | None, **extra: object) -> Area:
    area, _created = Area.objects.update_or_create(
        code=code,
        defaults={"name": name, "level": level, "parent": parent, "is_fictional": True, **extra},
    )
    return area


@dataclass
class Deso:
    area: Area
    population: int
    vulnerable: bool


def _areas(orgs: dict[str, Organisation]) -> tuple[Area, Area, list[Deso], Area]:
    rng = random.Random(SEED)
    # Sweden, its real counties and municipalities come from the area registry (so real SCB
    # files import into the demo); the demo's own municipality is fictional, in a fictional
    # county.
    load_registry()
    country = Area.objects.get(code=COUNTRY_CODE)
    county = _area(COUNTY[0], COUNTY[1], AreaLevel.COUNTY, country)
    municipality = _area(
        MUNICIPALITY[0],
        MUNICIPALITY[1],
        AreaLevel.MUNICIPALITY,
        county,
        kolada_code=MUNICIPALITY[0],
    )
    regsos = {
        "R001": ("Norrbacka", True, 6),
        "R002": ("Centrum", False, 8),
        "R003": ("Söderås", False, 8),
        "R004": ("Västerängen", False, 8),
    }
    desos: list[Deso] = []
    number = 1
    for suffix, (name, vulnerable, count) in regsos.items():
        regso = _area(
            f"{MUNICIPALITY[0]}{suffix}", f"{name} (fiktivt)", AreaLevel.REGSO, municipality
        )
        letter = "C" if vulnerable else ("A" if suffix == "R002" else "B")
        for i in range(count):
            code = f"{MUNICIPALITY[0]}{letter}{number * 10:04d}"
            number += 1
            area = _area(
                code, f"{name} {i + 1} (fiktivt)", AreaLevel.DESO, regso, vintage="DeSO2018"
            )
            desos.append(Deso(area, rng.randint(1300, 2400), vulnerable))
    district = _area(
        DISTRICT_CODE,
        "Norrbacka bostadsområde (fiktivt)",
        AreaLevel.CUSTOM,
        None,
        owner=orgs["grobo-bostader"],
        is_public=True,
    )
    district.members.set([d.area for d in desos if d.vulnerable])
    for year, category in (
        (2017, PoliceCategory.UTSATT),
        (2019, PoliceCategory.RISK),
        (2021, PoliceCategory.UTSATT),
        (2023, PoliceCategory.UTSATT),
    ):
        for target in [district, *[d.area for d in desos if d.vulnerable][:3]]:
            PoliceClassification.objects.update_or_create(
                area=target,
                year=year,
                defaults={
                    "category": category,
                    "source": "Polisen, lägesbild utsatta områden (fiktiv demo)",
                },
            )
    return country, county, desos, municipality


def _share_records(
    rng: random.Random,
    code: str,
    desos: list[Deso],
    municipality: Area,
    county: Area,
    country: Area,
    *,
    source: str,
    base: Callable[[Deso, int], int],
) -> Iterator[ObservationRecord]:
    ordinary, vulnerable, national, drift = LEVELS[code]
    for y, year in enumerate(YEARS):
        total_num = total_den = 0
        for d in desos:
            level = (vulnerable + drift * y) if d.vulnerable else ordinary + drift * y / 3
            level = min(0.99, max(0.001, level + rng.gauss(0, 0.015)))
            den = base(d, y)
            num = round(level * den)
            total_num += num
            total_den += den
            yield ObservationRecord(
                d.area.code, code, year, num / den if den else None, num, den, source, LOCATION
            )
        if code in COMPANY_INDICATORS or code in SURVEY_INDICATORS:
            continue  # the company's own figures exist only for its own areas
        yield ObservationRecord(
            municipality.code,
            code,
            year,
            total_num / total_den,
            total_num,
            total_den,
            source,
            LOCATION,
        )
        for area, size in ((county, 310_000), (country, 10_400_000)):
            den = round(size * BASE_SHARE.get(code, 1.0))
            num = round((national + drift * y / 4) * den)
            yield ObservationRecord(area.code, code, year, num / den, num, den, source, LOCATION)


def _statistics(
    desos: list[Deso], municipality: Area, county: Area, country: Area
) -> Iterator[ObservationRecord]:
    rng = random.Random(SEED + 1)
    source = "SCB/Kolada (fiktiva demovärden)"
    for code in (
        "employment_20_64",
        "eligible_upper_secondary",
        "economic_assistance",
        "unemployment_16_64",
        "low_economic_standard",
        "post_secondary_education",
    ):
        share = BASE_SHARE[code]
        yield from _share_records(
            rng,
            code,
            desos,
            municipality,
            county,
            country,
            source=source,
            base=lambda d, y, share=share: max(1, round(d.population * share * (1 + 0.01 * y))),
        )
    for y, year in enumerate(YEARS):
        total = 0
        for d in desos:
            pop = round(d.population * (1 + 0.01 * y))
            total += pop
            yield ObservationRecord(
                d.area.code, "population", year, pop, None, None, source, LOCATION
            )
        yield ObservationRecord(
            municipality.code, "population", year, total, None, None, source, LOCATION
        )
        yield ObservationRecord(
            county.code, "population", year, 310_000 + 1500 * y, None, None, source, LOCATION
        )
        yield ObservationRecord(
            country.code, "population", year, 9_850_000 + 80_000 * y, None, None, source, LOCATION
        )
        inc_total = inc_weight = 0.0
        for d in desos:
            income = (215_000 if d.vulnerable else 330_000) * (1.025**y) * rng.uniform(0.93, 1.07)
            adults = round(d.population * 0.75)
            inc_total += income * adults
            inc_weight += adults
            yield ObservationRecord(
                d.area.code, "median_income", year, round(income), None, adults, source, LOCATION
            )
        # Not a true median of the whole, a population-weighted mean of the DeSO medians.
        yield ObservationRecord(
            municipality.code,
            "median_income",
            year,
            round(inc_total / inc_weight),
            None,
            inc_weight,
            source,
            LOCATION,
        )
        yield ObservationRecord(
            country.code,
            "median_income",
            year,
            round(300_000 * 1.025**y),
            None,
            None,
            source,
            LOCATION,
        )


def _company_figures(desos: list[Deso]) -> Iterator[ObservationRecord]:
    rng = random.Random(SEED + 2)
    owned = [d for d in desos if d.vulnerable] + [d for d in desos if not d.vulnerable][:4]
    source = "Grobo Bostäder, uthyrnings- och ekonomisystem (fiktivt)"
    for code in ("vacancy_rate", "turnover_rate"):
        yield from _share_records(
            rng,
            code,
            owned,
            desos[0].area,
            desos[0].area,
            desos[0].area,
            source=source,
            base=lambda d, y: round(d.population / 2.1),
        )
    for y, year in enumerate(YEARS):
        for d in owned:
            cost = (1900 if d.vulnerable else 450) * (1 - 0.03 * y) * rng.uniform(0.85, 1.15)
            yield ObservationRecord(
                d.area.code,
                "vandalism_cost_per_apartment",
                year,
                round(cost),
                None,
                round(d.population / 2.1),
                source,
                LOCATION,
            )


def _survey(desos: list[Deso]) -> Iterator[ObservationRecord]:
    rng = random.Random(SEED + 3)
    owned = [d for d in desos if d.vulnerable] + [d for d in desos if not d.vulnerable][:4]
    source = "Hyresgästenkät 2024, Grobo Bostäder (fiktiv); index = andel av de två högsta svaren"
    for code in sorted(SURVEY_INDICATORS):
        ordinary, vulnerable, _national, _drift = LEVELS[code]
        for i, d in enumerate(owned):
            # One DeSO with only 4 respondents shows the suppression rule.
            respondents = 4 if i == len(owned) - 1 else rng.randint(60, 180)
            level = vulnerable if d.vulnerable else ordinary
            top_two = round(min(1.0, max(0.0, level + rng.gauss(0, 0.03))) * respondents)
            yield ObservationRecord(
                d.area.code,
                code,
                "2024",
                top_two / respondents,
                top_two,
                respondents,
                source,
                LOCATION,
            )


def _challenges(orgs: dict[str, Organisation], district: Area) -> None:
    company, municipality = orgs["grobo-bostader"], orgs["grobo-kommun"]
    items = [
        (
            "Låg sysselsättning bland vuxna",
            Priority.HIGH,
            ["employment_20_64", "unemployment_16_64"],
            "Sysselsättningen i Norrbacka ligger drygt 20 procentenheter under kommunens.",
        ),
        (
            "Färre elever behöriga till gymnasiet",
            Priority.HIGH,
            ["eligible_upper_secondary"],
            "Skolan och bostadsbolaget vill samverka kring läxhjälp och sommarskola.",
        ),
        (
            "Otrygghet i utemiljön kvällstid",
            Priority.MEDIUM,
            ["safety_index"],
            "Hyresgästenkäten visar låg trygghet; belysning och trygghetsvärdar diskuteras.",
        ),
    ]
    for title, priority, codes, description in items:
        challenge, _created = Challenge.objects.update_or_create(
            owner=company,
            area=district,
            title=title,
            defaults={
                "priority": priority,
                "description": description,
                "visibility": Visibility.PARTNERS,
            },
        )
        challenge.indicators.set(Indicator.objects.filter(code__in=codes))
        challenge.shared_with.set([municipality])
    Challenge.objects.update_or_create(
        owner=company,
        area=district,
        title="Starkt föreningsliv att bygga vidare på",
        defaults={
            "kind": "opportunity",
            "priority": Priority.MEDIUM,
            "visibility": Visibility.NETWORK,
            "description": "Idrottsföreningen når många unga i området.",
        },
    )


def load_demo(*, verbose: Callable[[str], None] = lambda s: None) -> None:
    """Create (or refresh) the demo. Running it twice changes nothing."""
    with transaction.atomic():
        orgs = _orgs()
        _users(orgs)
        _indicators()
        country, county, desos, municipality = _areas(orgs)
        district = Area.objects.get(code=DISTRICT_CODE)
        r = services.import_observations(
            records=_statistics(desos, municipality, county, country),
            owner=orgs["grobo-kommun"],
            dataset_name="Områdesstatistik (fiktiv demo)",
            source="SCB/Kolada (fiktiva demovärden)",
            visibility=Visibility.PUBLIC,
            licence="CC0",
        )
        verbose(f"statistics: {r.rows} rows")
        r = services.import_observations(
            records=_company_figures(desos),
            owner=orgs["grobo-bostader"],
            dataset_name="Fastighetsdata (fiktiv demo)",
            source="Grobo Bostäder, uthyrnings- och ekonomisystem (fiktivt)",
            visibility=Visibility.PARTNERS,
        )
        r.dataset.shared_with.set([orgs["grobo-kommun"]])
        verbose(f"company figures: {r.rows} rows")
        r = services.import_observations(
            records=_survey(desos),
            owner=orgs["grobo-bostader"],
            dataset_name="Hyresgästenkät 2024 (fiktiv demo)",
            source="Hyresgästenkät 2024 (fiktiv)",
            visibility=Visibility.PARTNERS,
        )
        r.dataset.shared_with.set([orgs["grobo-kommun"]])
        verbose(f"tenant survey: {r.rows} rows")
        _challenges(orgs, district)
        programme = build_demo_programme(district)
        verbose(f"programme: {programme.name}")
        import_module("grogrund.procurement.demo").build(programme)
        # The network's public showcase: the demo programme published, the totals shown.
        import_module("grogrund.network.demo").build()
        import_module("grogrund.outcome_contracts.demo").build(programme)
        # The method library, and two more companies' programmes using its methods.
        import_module("grogrund.methods.demo").build_method_library()
        # Made-up boundaries of Grobo's DeSO, RegSO and municipality, for the maps.
        import_module("grogrund.areas.demo.boundaries").load_demo_boundaries()
    # One stored annual report of the demo programme, printed once the demo's data is saved.
    import_module("grogrund.reports.demo").build(verbose=verbose)
