"""The method library's part of the demo (called once at the end of
grogrund.areas.demo.build.load_demo): eight methods as they are used in Swedish residential
areas, described in our own words, proposed by the demo company and published by the demo
network's curator through the same services as in the browser; one more proposal awaiting
review; and two more fictional housing companies, each in a fictional municipality with ten
years of fictional statistics, with a programme shared with the network (Åsbyhem) or the
public (Strandviks Bostäder): goals from the gap, three years of measurements, initiatives
started from the methods with outcome follow-up, participants and valuations, so every
method page has a benchmark to show.

Everything about results is fictional and labelled so ("(fiktiv)", "fiktiva demovärden"),
and so are the demo's evidence assessments (each method's `evidence_note` says so). Real
sources are only the seed documents of the project and Socialstyrelsen's method guide.
Running it twice changes nothing: what exists is left as it is.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from grogrund.accounts.models import (
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
    Visibility,
)
from grogrund.areas.models import Area, AreaLevel, Indicator, PoliceCategory, PoliceClassification
from grogrund.initiatives.models import EffectNode, Initiative, InitiativeStatus, Stage
from grogrund.methods import services
from grogrund.methods.models import EvidenceLevel, Method, MethodStatus, SourceKind
from grogrund.programmes.models import Programme

CURATOR = ("nora", "Nora Nätverkskurator", "natverket", Role.EDITOR)
PROPOSER = "edvin"  # Grobo Bostäder's editor proposes the library's first methods
YEARS = [str(y) for y in range(2015, 2025)]
SEED = 20261124
STAT_SOURCE = "SCB/Kolada (fiktiva demovärden)"
FOLLOW_UP = "Insatsens uppföljning (fiktiva demovärden)"
DEMO_NOTE = (
    "Demobedömning (fiktiv): nivån är satt för att visa hur evidenstrappan används, inte en "
    "granskning av metoden."
)

# --- the methods ------------------------------------------------------------------------------

SEEDS = {
    "sabo": (
        "Social innovation inom allmännyttan – projektsammanfattning",
        "SABO och Sustainable Innovation",
        None,
        SourceKind.REPORT,
        "",
    ),
    "labb": (
        "Allmännyttans innovationslabb",
        "Sveriges Allmännytta",
        2020,
        SourceKind.REPORT,
        "",
    ),
    "handslag": (
        "En ny social deal i bostadsbranschen – handslagsmodellen (krönika)",
        "Thorbjörn Hammerth",
        None,
        SourceKind.OTHER,
        "",
    ),
    "shic": (
        "Socialt hållbar boendesituation & livsmiljö – SHIC fokusområde",
        "RISE Social & Health Impact Center",
        None,
        SourceKind.REPORT,
        "",
    ),
    "metodguiden": (
        "Om metodguiden, bedömningsmetoder och insatsers effekter",
        "Socialstyrelsen",
        None,
        SourceKind.RESEARCH,
        "https://www.socialstyrelsen.se/kunskapsstod-och-regler/omraden/"
        "evidensbaserad-praktik/metodguiden/om-metodguiden/",
    ),
}


@dataclass(frozen=True)
class DemoMethod:
    key: str
    name: str
    summary: str
    problem: str
    target_group: str
    steps: tuple[str, ...]
    cost: int
    months: int
    values: tuple[str, ...]
    level: int
    nodes: tuple[tuple[str, str, str], ...]  # stage, text, indicator code ("" for none)
    sources: tuple[str, ...]  # keys of SEEDS
    own_source: str = ""  # a fictional local follow-up, labelled so
    status: str = MethodStatus.PUBLISHED


METHODS: tuple[DemoMethod, ...] = (
    DemoMethod(
        "laxhjalp",
        "Läxhjälp i bostadsområdet",
        "Läxhjälp några kvällar i veckan i en lokal i området, med lärarstudenter och "
        "volontärer, i samarbete med skolan och föreningslivet.",
        "Många elever i området lämnar grundskolan utan behörighet till gymnasiet.",
        "Elever i årskurs 6–9 som bor i området.",
        ("losningar", "uppfoljning"),
        6_000,
        12,
        ("upper_secondary_eligibility_person_year", "upper_secondary_dropout_lifetime"),
        EvidenceLevel.TRIED_LOCALLY,
        (
            (Stage.NEED, "Var tredje elev i årskurs 9 saknar behörighet till gymnasiet.", ""),
            (Stage.ACTIVITY, "Läxhjälp tre kvällar i veckan", ""),
            (Stage.OUTPUT, "Elever som deltar regelbundet varje termin", ""),
            (Stage.SHORT_TERM, "Fler elever klarar kärnämnena", "eligible_upper_secondary"),
            (Stage.LONG_TERM, "Fler unga behöriga till gymnasiet", "eligible_upper_secondary"),
            (Stage.IMPACT, "Fler unga fullföljer gymnasiet och får arbete", ""),
            (Stage.ASSUMPTION, "Skolan delar resultaten så att utfallet kan följas.", ""),
        ),
        ("labb",),
        "Uppföljning av läxhjälpen i Norrbacka 2023 (fiktiv)",
    ),
    DemoMethod(
        "lovjobb",
        "Sommarjobb och lovjobb för unga",
        "Bostadsbolaget och dess partner erbjuder unga i området sommar- och lovjobb med "
        "handledare, ofta i utemiljön och förvaltningen, som en första arbetslivserfarenhet.",
        "Unga i området saknar kontakter och erfarenhet som leder till arbete.",
        "Unga 16–19 år som bor i området.",
        ("upphandling", "losningar"),
        18_000,
        12,
        ("exclusion_young_adult_person_year",),
        EvidenceLevel.COMPARISON_GROUP,
        (
            (Stage.NEED, "Få unga i området har haft ett första jobb.", ""),
            (Stage.ACTIVITY, "Sommar- och lovjobb med handledare", ""),
            (Stage.OUTPUT, "Lovjobb per sommar", ""),
            (Stage.SHORT_TERM, "Fler unga med arbetslivserfarenhet", ""),
            (Stage.LONG_TERM, "Färre unga arbetslösa", "unemployment_16_64"),
            (Stage.IMPACT, "Minskat utanförskap bland unga vuxna", ""),
        ),
        ("handslag", "labb"),
        "Lovjobbare ett år efter lovjobbet, uppföljning 2024 (fiktiv)",
    ),
    DemoMethod(
        "jobbcoacher",
        "Jobbcoacher i området",
        "Coacher med kontor mitt i området möter boende som står långt från arbete, matchar "
        "mot praktik och jobb hos bostadsbolaget, entreprenörerna och partnerföretagen.",
        "Låg sysselsättning och högt beroende av försörjningsstöd bland vuxna.",
        "Boende 18–64 år utan arbete, särskilt unga vuxna och utrikes födda kvinnor.",
        ("losningar", "partners", "uppfoljning"),
        25_000,
        18,
        ("exclusion_person_year", "exclusion_payer_share.municipality"),
        EvidenceLevel.TRIED_LOCALLY,
        (
            (Stage.NEED, "Var fjärde vuxen i området saknar arbete.", ""),
            (Stage.ACTIVITY, "Jobbcoacher på plats i området", ""),
            (Stage.ACTIVITY, "Praktik hos partner och entreprenörer", ""),
            (Stage.OUTPUT, "Boende coachade per år", ""),
            (Stage.SHORT_TERM, "Färre arbetslösa bland de boende", "unemployment_16_64"),
            (Stage.LONG_TERM, "Fler förvärvsarbetande i området", "employment_20_64"),
            (Stage.IMPACT, "Lägre försörjningsstöd och minskat utanförskap", ""),
        ),
        ("labb", "sabo"),
        "Jobbcoachernas uppföljning 2023 (fiktiv)",
    ),
    DemoMethod(
        "trygghetsvardar",
        "Trygghetsvärdar",
        "Anställda värdar rör sig i området kvällar och helger, känner de boende, rapporterar "
        "skador och ser till att klotter och skräp tas bort snabbt.",
        "Boende känner sig otrygga utomhus och i trapphusen kvällstid.",
        "Alla boende i området.",
        ("losningar", "uppfoljning"),
        900,
        12,
        ("crime_assault", "crime_robbery"),
        EvidenceLevel.TRIED_LOCALLY,
        (
            (Stage.NEED, "Låg trygghet i hyresgästenkäten och hög skadegörelse.", ""),
            (Stage.ACTIVITY, "Trygghetsvärdar kvällar och helger", ""),
            (Stage.OUTPUT, "Timmar med värdar i området per vecka", ""),
            (Stage.SHORT_TERM, "Fler boende känner sig trygga", "safety_index"),
            (Stage.LONG_TERM, "Färre flyttar från området", "turnover_rate"),
            (Stage.IMPACT, "Ett tryggt område där fler vill bo kvar", ""),
        ),
        ("handslag",),
        "Trygghetsvärdarnas första år, hyresgästenkät 2024 (fiktiv)",
    ),
    DemoMethod(
        "foraldrastod",
        "Föräldrastöd i grupp",
        "Föräldrar träffas i grupp med två ledare under några månader och tränar på att stödja "
        "sina barn i skolan och vardagen; i området, på flera språk.",
        "Föräldrar saknar stöd i att hjälpa barnen genom skolan.",
        "Föräldrar till barn i åldrarna 3–12 år i området.",
        ("utbildning", "losningar"),
        8_000,
        24,
        ("upper_secondary_eligibility_person_year",),
        EvidenceLevel.SEVERAL_EVALUATIONS,
        (
            (Stage.NEED, "Föräldrar efterfrågar stöd i föräldraskapet.", ""),
            (Stage.ACTIVITY, "Föräldragrupper tio träffar per termin", ""),
            (Stage.OUTPUT, "Föräldrar som fullföljer en grupp", ""),
            (Stage.LONG_TERM, "Fler barn klarar skolan", "eligible_upper_secondary"),
            (Stage.IMPACT, "Barn och unga med bättre livschanser", ""),
        ),
        ("metodguiden",),
        "Föräldragrupperna i Norrbacka 2023 (fiktiv)",
    ),
    DemoMethod(
        "fritidsgard",
        "Fritidsgård och spontanidrott",
        "Öppen fritidsgård och spontanidrott kvällar och helger, med vuxna ledare från "
        "föreningslivet, i lokaler och på ytor som bostadsbolaget upplåter.",
        "Unga saknar meningsfull fritid nära hemmet; oro för rekrytering till kriminalitet.",
        "Barn och unga 10–18 år i området.",
        ("losningar", "partners"),
        3_000,
        12,
        ("crime_robbery", "crime_assault"),
        EvidenceLevel.IDEA,
        (
            (Stage.NEED, "Unga i området har få platser att vara på kvällstid.", ""),
            (Stage.ACTIVITY, "Öppen fritidsgård fyra kvällar i veckan", ""),
            (Stage.ACTIVITY, "Spontanidrott med ledare på helger", ""),
            (Stage.OUTPUT, "Unga som besöker verksamheten varje vecka", ""),
            (Stage.SHORT_TERM, "Fler boende känner sig trygga", "safety_index"),
            (Stage.IMPACT, "Färre unga dras in i kriminalitet", ""),
        ),
        ("labb",),
    ),
    DemoMethod(
        "boendeinflytande",
        "Boendeinflytande och hyresgästdialog",
        "Boende är med och bestämmer om utemiljö, upprustning och aktiviteter genom "
        "trygghetsvandringar, boenderåd och dialog med hyresgästföreningen.",
        "Boende upplever att de inte kan påverka sitt område; låg trivsel och hög omflyttning.",
        "Alla hyresgäster i området.",
        ("forutsattningar", "losningar", "uppfoljning"),
        500,
        24,
        (),
        EvidenceLevel.IDEA,
        (
            (Stage.NEED, "Låg trivsel och hög omflyttning.", ""),
            (Stage.ACTIVITY, "Trygghetsvandringar och boenderåd", ""),
            (Stage.OUTPUT, "Förslag från boende som genomförs", ""),
            (Stage.SHORT_TERM, "Högre trivsel", "satisfaction_index"),
            (Stage.LONG_TERM, "Lägre omflyttning", "turnover_rate"),
            (Stage.IMPACT, "Ett område där fler vill bo kvar", ""),
        ),
        ("labb", "sabo"),
    ),
    DemoMethod(
        "sociala-krav",
        "Sociala krav i upphandling",
        "Bostadsbolaget ställer krav i bygg- och förvaltningsupphandlingar på att "
        "entreprenören anställer eller tar emot praktikanter som står långt från arbete, och "
        "följer upp vad som levereras.",
        "Långtidsarbetslöshet bland boende samtidigt som bolaget köper stora volymer arbete.",
        "Boende som varit utan arbete länge, ofta unga vuxna.",
        ("upphandling", "partners", "uppfoljning"),
        40_000,
        12,
        ("exclusion_person_year", "exclusion_payer_share.arbetsformedlingen"),
        EvidenceLevel.TRIED_LOCALLY,
        (
            (Stage.NEED, "Många vuxna i området har varit utan arbete länge.", ""),
            (Stage.ACTIVITY, "Sociala klausuler i upphandlingar", ""),
            (Stage.OUTPUT, "Anställningar och praktikplatser hos entreprenörer", ""),
            (Stage.SHORT_TERM, "Färre arbetslösa bland de boende", "unemployment_16_64"),
            (Stage.LONG_TERM, "Fler förvärvsarbetande i området", "employment_20_64"),
            (Stage.IMPACT, "Minskat utanförskap", ""),
        ),
        ("sabo", "handslag"),
        "Levererade platser enligt upphandlingsuppföljningen 2024 (fiktiv)",
    ),
    DemoMethod(
        "mentorskap",
        "Mentorskap för unga vuxna",
        "Yrkesverksamma mentorer från partnerföretagen träffar unga vuxna i området en gång i "
        "månaden under ett år.",
        "Unga vuxna saknar förebilder och kontakter i arbetslivet.",
        "Unga vuxna 18–25 år som varken arbetar eller studerar.",
        ("losningar", "partners"),
        12_000,
        18,
        ("exclusion_young_adult_person_year",),
        EvidenceLevel.IDEA,
        (
            (Stage.NEED, "Unga vuxna som varken arbetar eller studerar.", ""),
            (Stage.ACTIVITY, "Mentorsträffar en gång i månaden", ""),
            (Stage.LONG_TERM, "Fler unga vuxna i arbete eller studier", "employment_20_64"),
        ),
        ("labb",),
        status=MethodStatus.PROPOSED,
    ),
)

# --- two more companies, their municipalities and programmes ----------------------------------


@dataclass(frozen=True)
class DemoInitiative:
    method: str
    name: str
    budget: int
    status: str
    # Per outcome indicator: (baseline change, target change, measured changes by year), in
    # the indicator's unit, added to the area's own statistic of the baseline year.
    outcomes: dict[str, tuple[float, dict[int, float]]]
    participation: dict[
        int, tuple[int, int | None, int | None]
    ]  # year: participants, reached, cost
    valuation: tuple[str, int, float, int]  # kind, persons, success %, yearly cost


@dataclass(frozen=True)
class DemoCompany:
    slug: str
    name: str
    municipality: tuple[str, str]  # code, name
    municipality_org: str
    user: tuple[str, str]  # username, full name
    district: tuple[str, str]  # RegSO suffix, name
    other: tuple[str, str]
    district_desos: int
    other_desos: int
    police: tuple[tuple[int, str], ...]
    programme: str
    visibility: str
    goals: tuple[tuple[str, float], ...]
    initiatives: tuple[DemoInitiative, ...] = field(default_factory=tuple)
    level_shift: float = 0.0  # how much worse (+) the district is than Norrbacka


COMPANIES: tuple[DemoCompany, ...] = (
    DemoCompany(
        slug="asbyhem",
        name="Åsbyhem AB (fiktivt)",
        municipality=("9902", "Åsby kommun (fiktiv)"),
        municipality_org="asby-kommun",
        user=("olle", "Olle Åsbyhem"),
        district=("R001", "Östra Åsby"),
        other=("R002", "Åsby centrum"),
        district_desos=5,
        other_desos=6,
        police=((2021, PoliceCategory.UTSATT), (2023, PoliceCategory.UTSATT)),
        programme="Åsbylyftet (fiktivt)",
        visibility=Visibility.NETWORK,
        goals=(("employment_20_64", 0.3), ("eligible_upper_secondary", 0.4)),
        level_shift=0.02,
        initiatives=(
            DemoInitiative(
                "jobbcoacher",
                "Jobbcoacher i Östra Åsby",
                3_600_000,
                InitiativeStatus.RUNNING,
                {
                    "unemployment_16_64": (-0.05, {2023: -0.01, 2024: -0.025}),
                    "employment_20_64": (0.07, {2023: 0.012, 2024: 0.03}),
                },
                {2023: (140, 38, 1_200_000), 2024: (165, 52, 1_200_000)},
                ("socioeconomic", 90, 35.0, 1_200_000),
            ),
            DemoInitiative(
                "laxhjalp",
                "Läxhjälp på Åsby bibliotek",
                900_000,
                InitiativeStatus.RUNNING,
                {"eligible_upper_secondary": (0.08, {2023: 0.02, 2024: 0.045})},
                {2023: (70, 9, 300_000), 2024: (85, 13, 300_000)},
                ("sroi", 10, 0.0, 300_000),
            ),
            DemoInitiative(
                "trygghetsvardar",
                "Trygghetsvärdar Östra Åsby",
                2_400_000,
                InitiativeStatus.RUNNING,
                {"safety_index": (0.1, {2024: 0.02})},
                {2024: (2_600, None, 800_000)},
                ("sroi", 6, 0.0, 800_000),
            ),
        ),
    ),
    DemoCompany(
        slug="strandviks-bostader",
        name="Strandviks Bostäder AB (fiktivt)",
        municipality=("9903", "Strandvik kommun (fiktiv)"),
        municipality_org="strandvik-kommun",
        user=("stina", "Stina Strandvik"),
        district=("R001", "Västra Strand"),
        other=("R002", "Strandvik centrum"),
        district_desos=4,
        other_desos=5,
        police=((2023, PoliceCategory.RISK),),
        programme="Trygg och aktiv Västra Strand (fiktivt)",
        visibility=Visibility.PUBLIC,
        goals=(("employment_20_64", 0.25), ("economic_assistance", 0.2)),
        level_shift=-0.02,
        initiatives=(
            DemoInitiative(
                "sociala-krav",
                "Sociala krav i renoveringen av Västra Strand",
                1_500_000,
                InitiativeStatus.RUNNING,
                {
                    "unemployment_16_64": (-0.03, {2023: -0.004, 2024: -0.01}),
                    "employment_20_64": (0.05, {2023: 0.005, 2024: 0.012}),
                },
                {2023: (24, 9, 700_000), 2024: (30, 14, 800_000)},
                ("socioeconomic", 25, 45.0, 750_000),
            ),
            DemoInitiative(
                "lovjobb",
                "Lovjobb i Västra Strand",
                1_100_000,
                InitiativeStatus.SCALED_UP,
                {"unemployment_16_64": (-0.02, {2023: -0.006, 2024: -0.012})},
                {2023: (60, 11, 500_000), 2024: (75, 16, 600_000)},
                ("sroi", 8, 0.0, 550_000),
            ),
            DemoInitiative(
                "jobbcoacher",
                "Jobbcoach i Västra Strand",
                1_400_000,
                InitiativeStatus.PILOT,
                {"employment_20_64": (0.04, {2024: 0.004})},
                {2024: (55, 9, 700_000)},
                ("socioeconomic", 30, 30.0, 700_000),
            ),
        ),
    ),
)
BASELINE_YEAR = 2022
DEADLINE_YEAR = 2032
MEASURED_YEARS = (2023, 2024)


def build_method_library() -> None:
    """Create (or leave as they are) the demo's methods, companies and programmes."""
    with transaction.atomic():
        curator = _user(*CURATOR)
        proposer = User.objects.filter(username=PROPOSER).first()
        if proposer is None:
            return  # the demo users come first (grogrund.areas.demo.build)
        for demo in METHODS:
            _method(demo, proposer, curator)
        for company in COMPANIES:
            _company(company)
        _link_norrbacka(proposer)


def _user(username: str, full_name: str, org_slug: str, role: str) -> User:
    from grogrund.areas.demo.build import DEMO_PASSWORD

    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": full_name, "language": "sv"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    org = Organisation.objects.get(slug=org_slug)
    Membership.objects.get_or_create(user=user, organisation=org, defaults={"role": role})
    return user


def _method(demo: DemoMethod, proposer: User, curator: User) -> Method:
    existing = Method.objects.filter(name=demo.name).first()
    if existing is not None:
        return existing
    sources = [services.SourceSpec(*_seed(key)) for key in demo.sources]
    if demo.own_source:
        sources.append(
            services.SourceSpec(SourceKind.EVALUATION, demo.own_source, "Demo (fiktiv)", 2024)
        )
    indicators = {i.code: i for i in Indicator.objects.all()}
    method = services.save_method(
        user=proposer,
        method=Method(
            name=demo.name,
            summary=demo.summary,
            problem=demo.problem,
            target_group=demo.target_group,
            steps=list(demo.steps),
            cost_per_participant_sek=demo.cost,
            months_to_effect=demo.months,
            value_bank_entries=list(demo.values),
            evidence_level=demo.level,
            evidence_note=DEMO_NOTE,
            owner=Organisation.objects.get(slug="grobo-bostader"),
        ),
        nodes=[
            services.NodeSpec(stage, text, indicators.get(code) if code else None)
            for stage, text, code in demo.nodes
        ],
        sources=sources,
    )
    method = services.propose_method(user=proposer, method=method)
    if demo.status == MethodStatus.PUBLISHED:
        method = services.publish_method(user=curator, method=method, evidence_level=demo.level)
    return method


def _published(key: str) -> Method | None:
    name = next((m.name for m in METHODS if m.key == key), "")
    return Method.objects.filter(name=name, status=MethodStatus.PUBLISHED).first()


def _seed(key: str) -> tuple[str, str, str, int | None, str]:
    title, publisher, year, kind, url = SEEDS[key]
    return (kind, title, publisher, year, url)


# --- statistics of a fictional municipality ---------------------------------------------------


def _statistics(
    company: DemoCompany, municipality: Area, regsos: list[tuple[Area, list[tuple[Area, int]]]]
) -> Iterator[Any]:
    from grogrund.areas.demo.build import BASE_SHARE, LEVELS, LOCATION
    from grogrund.sources.records import ObservationRecord

    rng = random.Random(f"{SEED}-{company.slug}")
    codes = (
        "employment_20_64",
        "eligible_upper_secondary",
        "economic_assistance",
        "unemployment_16_64",
        "low_economic_standard",
        "post_secondary_education",
    )
    for code in codes:
        ordinary, vulnerable, _national, drift = LEVELS[code]
        worse = -1 if code in ("employment_20_64", "eligible_upper_secondary") else 1
        if code == "post_secondary_education":
            worse = -1
        for y, year in enumerate(YEARS):
            totals = [0, 0]
            for regso, desos in regsos:
                sums = [0, 0]
                for deso, population in desos:
                    district = regso.code.endswith(company.district[0])
                    level = (
                        vulnerable + drift * y + worse * company.level_shift
                        if district
                        else ordinary + drift * y / 3
                    )
                    level = min(0.99, max(0.002, level + rng.gauss(0, 0.015)))
                    den = max(1, round(population * BASE_SHARE[code] * (1 + 0.01 * y)))
                    num = round(level * den)
                    sums[0] += num
                    sums[1] += den
                    yield ObservationRecord(
                        deso.code, code, year, num / den, num, den, STAT_SOURCE, LOCATION
                    )
                totals[0] += sums[0]
                totals[1] += sums[1]
                yield ObservationRecord(
                    regso.code, code, year, sums[0] / sums[1], *sums, STAT_SOURCE, LOCATION
                )
            yield ObservationRecord(
                municipality.code, code, year, totals[0] / totals[1], *totals, STAT_SOURCE, LOCATION
            )
    for y, year in enumerate(YEARS):
        total = 0
        for regso, desos in regsos:
            part = 0
            for deso, population in desos:
                pop = round(population * (1 + 0.01 * y))
                part += pop
                yield ObservationRecord(
                    deso.code, "population", year, pop, None, None, STAT_SOURCE, LOCATION
                )
            total += part
            yield ObservationRecord(
                regso.code, "population", year, part, None, None, STAT_SOURCE, LOCATION
            )
        yield ObservationRecord(
            municipality.code, "population", year, total, None, None, STAT_SOURCE, LOCATION
        )


def _area(code: str, name: str, level: str, parent: Area | None, **extra: Any) -> Area:
    area, _created = Area.objects.get_or_create(
        code=code,
        defaults={"name": name, "level": level, "parent": parent, "is_fictional": True, **extra},
    )
    return area


def _company(company: DemoCompany) -> Programme | None:
    from grogrund.areas import services as area_services
    from grogrund.areas.demo.build import COUNTY

    county = Area.objects.filter(code=COUNTY[0]).first()
    if county is None:
        return None
    org, _ = Organisation.objects.get_or_create(
        slug=company.slug,
        defaults={
            "name": company.name,
            "kind": OrganisationKind.HOUSING_COMPANY,
            "in_network": True,
            "is_fictional": True,
        },
    )
    muni_org, _ = Organisation.objects.get_or_create(
        slug=company.municipality_org,
        defaults={
            "name": company.municipality[1],
            "kind": OrganisationKind.MUNICIPALITY,
            "in_network": True,
            "is_fictional": True,
        },
    )
    editor = _user(company.user[0], company.user[1], company.slug, Role.EDITOR)
    code, name = company.municipality
    municipality = _area(code, name, AreaLevel.MUNICIPALITY, county, kolada_code=code)
    rng = random.Random(f"{SEED}-{company.slug}-areas")
    regsos = []
    number = 1
    for (suffix, regso_name), count, letter in (
        (company.district, company.district_desos, "C"),
        (company.other, company.other_desos, "B"),
    ):
        regso = _area(f"{code}{suffix}", f"{regso_name} (fiktivt)", AreaLevel.REGSO, municipality)
        desos = []
        for i in range(count):
            deso = _area(
                f"{code}{letter}{number * 10:04d}",
                f"{regso_name} {i + 1} (fiktivt)",
                AreaLevel.DESO,
                regso,
                vintage="DeSO2018",
            )
            number += 1
            desos.append((deso, rng.randint(1300, 2400)))
        regsos.append((regso, desos))
    district = regsos[0][0]
    for year, category in company.police:
        PoliceClassification.objects.get_or_create(
            area=district,
            year=year,
            defaults={
                "category": category,
                "source": "Polisen, lägesbild utsatta områden (fiktiv demo)",
            },
        )
    area_services.import_observations(
        records=_statistics(company, municipality, regsos),
        owner=muni_org,
        dataset_name=f"Områdesstatistik {name} (fiktiv demo)",
        source=STAT_SOURCE,
        visibility=Visibility.PUBLIC,
        licence="CC0",
    )
    programme = Programme.objects.filter(name=company.programme, owner=org).first()
    if programme is not None:
        return programme  # made before: left as it is (people may have changed it)
    return _programme(company, org, muni_org, editor, district)


def _programme(
    company: DemoCompany, org: Organisation, muni_org: Organisation, editor: User, district: Area
) -> Programme:
    from grogrund.programmes import selectors as programme_selectors
    from grogrund.programmes import services as programme_services

    programme = programme_services.save_programme(
        user=editor,
        programme=Programme(
            name=company.programme,
            owner=org,
            description=(
                f"{company.name} och kommunen arbetar med metoder ur metodbiblioteket i "
                f"{company.district[1]} (fiktivt exempel)."
            ),
            start_year=BASELINE_YEAR + 1,
            horizon_years=10,
        ),
        areas=[district],
        shared_with=[muni_org],
    )
    programme_services.set_visibility(
        user=editor, programme=programme, visibility=company.visibility
    )
    for code, share_of_gap in company.goals:
        indicator = Indicator.objects.get(code=code)
        facts = programme_selectors.gap_facts(editor, district, indicator.pk, BASELINE_YEAR)
        if facts is None:
            continue
        goal = programme_services.create_goal(
            user=editor,
            programme=programme,
            area=district,
            indicator=indicator,
            facts=facts,
            deadline_year=DEADLINE_YEAR,
            share_of_gap=share_of_gap,
        )
        points = [
            p
            for p in programme_selectors.statistics_for_goal(editor, goal)
            if p.year in MEASURED_YEARS
        ]
        programme_services.record_from_statistics(
            user=editor,
            goal=goal,
            points=points,
            organisation=programme_services.default_organisation(editor, programme),
        )
    for demo in company.initiatives:
        _initiative(programme, district, editor, demo)
    return programme


def _level(editor: User, district: Area, code: str, year: int) -> float | None:
    from grogrund.programmes import selectors as programme_selectors

    indicator = Indicator.objects.get(code=code)
    facts = programme_selectors.gap_facts(editor, district, indicator.pk, year)
    if facts is not None:
        return round(facts.area_share, 3)
    return {"safety_index": 0.56, "satisfaction_index": 0.6, "turnover_rate": 0.2}.get(code)


def _initiative(programme: Programme, district: Area, editor: User, demo: DemoInitiative) -> None:
    from grogrund.initiatives import services as initiative_services
    from grogrund.valuations import services as valuation_services

    method = _published(demo.method)
    if method is None:
        return
    initiative = services.start_initiative(
        user=editor, method=method, programme=programme, name=demo.name
    )
    initiative.budget, initiative.status = demo.budget, demo.status
    initiative = initiative_services.save_initiative(user=editor, initiative=initiative)
    for node in EffectNode.objects.filter(
        initiative=initiative, stage__in=(Stage.SHORT_TERM, Stage.LONG_TERM)
    ).select_related("indicator"):
        if node.indicator is None or node.indicator.code not in demo.outcomes:
            continue
        target_change, measured = demo.outcomes[node.indicator.code]
        base = _level(editor, district, node.indicator.code, BASELINE_YEAR)
        if base is None:
            continue
        node.baseline_value, node.baseline_year = base, BASELINE_YEAR
        node.target_value = round(base + target_change, 4)
        node.target_year = 2028 if node.stage == Stage.SHORT_TERM else DEADLINE_YEAR - 2
        node.save()
        for year, change in measured.items():
            initiative_services.record_measurement(
                user=editor,
                outcome=node,
                year=year,
                value=round(base + change, 4),
                source=FOLLOW_UP,
            )
    for year, (participants, reached, cost) in demo.participation.items():
        services.record_participation(
            user=editor,
            initiative=initiative,
            year=year,
            participants=participants,
            reached_outcome=reached,
            cost_sek=cost,
            source=FOLLOW_UP,
        )
    kind, persons, success, cost = demo.valuation
    valuation_services.create_valuation(
        user=editor,
        programme=programme,
        name=f"{demo.name}: värdering (fiktiv)",
        model=_valuation_model(kind, persons, success, cost, method),
        initiative=initiative,
    )


def _valuation_model(
    kind: str, persons: int, success: float, cost: int, method: Method
) -> dict[str, Any]:
    start = BASELINE_YEAR + 1
    costs = [
        {
            "id": "insatsen",
            "name": "Insatsens kostnad",
            "payer": "housing_company",
            "amount_sek": cost,
            "start_year": start,
            "years": 3,
            "source": "Bolagets budget för insatsen (fiktiv)",
        }
    ]
    if kind == "socioeconomic":
        return {
            "kind": "socioeconomic",
            "description": f"Vad {method.name.lower()} är värt (fiktiva demovärden).",
            "start_year": start,
            "horizon_years": 10,
            "price_year": 2023,
            "discounting": {"rate": 3.5, "first_year_discounted": False},
            "outcomes": [
                {
                    "id": "till_arbete",
                    "name": "Från utanförskap till arbete",
                    "persons": persons,
                    "success_rate": success,
                    "duration_years": 6,
                    "drop_off": 10,
                    "start_year": start + 1,
                    "effects_from": "exclusion_person_year",
                    "source": "Deltagare och andel i arbete enligt uppföljningen (fiktiv)",
                }
            ],
            "costs": costs,
        }
    bank = next(
        (e for e in method.value_bank_entries if not e.startswith("exclusion_payer_share")),
        "exclusion_young_adult_person_year",
    )
    return {
        "kind": "sroi",
        "description": f"Social avkastning av {method.name.lower()} (fiktiva demovärden).",
        "start_year": start,
        "horizon_years": 10,
        "price_year": 2023,
        "discounting": {"rate": 3.5, "first_year_discounted": False},
        "outcomes": [
            {
                "id": "utfall",
                "name": "Insatsens utfall",
                "stakeholder": "municipality",
                "quantity": persons,
                "value_bank": bank,
                "deadweight": 30,
                "attribution": 30,
                "duration_years": 5,
                "drop_off": 10,
                "start_year": start + 1,
                "source": (
                    "Uppföljningen av insatsen (fiktiv); dödvikt och tillskrivning uppskattade"
                ),
            }
        ],
        "costs": costs,
    }


def _link_norrbacka(proposer: User) -> None:
    """Two initiatives of the demo company's own programme use methods of the library (they
    count in the benchmarks when the programme is shared with the network or published)."""
    links = {
        "Lokalt jobbspår Norrbacka": "jobbcoacher",
        "Läxhjälp och lovaktiviteter": "laxhjalp",
    }
    for name, key in links.items():
        initiative = Initiative.objects.filter(
            name=name, method_ref__isnull=True, programme__name="Handslag Norrbacka (fiktivt)"
        ).first()
        method = _published(key)
        if initiative is not None and method is not None:
            services.link_initiative(user=proposer, initiative=initiative, method=method)
