"""This app's part of the demo programme (called from grogrund.programmes.demo): three
initiatives of "Handslag Norrbacka", modelled on the handslag example (seed 004) — a local jobs
track, homework help and holiday activities, safe entrances with tenant dialogue — each with a
complete effect logic and three years of outcome follow-up. Baselines are the area's statistics
in the baseline year where the profile has them; the changes are written here. The safety
initiative is clearly behind, so the portfolio review suggests different things for the three.
All fictional."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from grogrund.accounts.models import Organisation, User
from grogrund.areas.models import Indicator
from grogrund.areas.profile import build_profile
from grogrund.initiatives.models import (
    EffectLink,
    EffectNode,
    Initiative,
    InitiativeStatus,
    OutcomeMeasurement,
    Stage,
)
from grogrund.programmes.models import Goal, Programme

SOURCE = "Insatsens uppföljning (fiktiva demovärden)"


@dataclass(frozen=True)
class Outcome:
    indicator: str
    baseline: float
    baseline_year: int
    target: float
    target_year: int
    measured: dict[int, float]


@dataclass(frozen=True)
class Node:
    key: str
    stage: str
    text: str
    outcome: Outcome | None = None
    leads_to: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoInitiative:
    name: str
    owner: str
    status: str
    budget: int
    target_group: str
    method: str
    description: str
    nodes: list[Node] = field(default_factory=list)


INITIATIVES = [
    DemoInitiative(
        name="Lokalt jobbspår Norrbacka",
        owner="grobo-bostader",
        status=InitiativeStatus.RUNNING,
        budget=4_800_000,
        target_group="Boende 18–64 år i Norrbacka utan arbete, särskilt unga vuxna och "
        "utrikes födda kvinnor.",
        method="Jobbcoacher på plats i området; praktik och lärlingsplatser hos "
        "bostadsbolaget, dess entreprenörer och partnerföretagen (social upphandling).",
        description="Handslagets jobbspår: varje partner tar emot praktikanter och "
        "lärlingar, och bostadsbolaget ställer krav på lokala anställningar i sina "
        "upphandlingar (fiktivt exempel).",
        nodes=[
            Node(
                "need",
                Stage.NEED,
                "Var fjärde vuxen i Norrbacka saknar arbete; gapet till staden är över 20 "
                "procentenheter.",
                leads_to=("coach", "placements"),
            ),
            Node(
                "coach", Stage.ACTIVITY, "Jobbcoacher med kontor i området", leads_to=("coached",)
            ),
            Node(
                "placements",
                Stage.ACTIVITY,
                "Praktik och lärlingsplatser via social upphandling",
                leads_to=("places",),
            ),
            Node("coached", Stage.OUTPUT, "300 boende coachade per år", leads_to=("short",)),
            Node(
                "places",
                Stage.OUTPUT,
                "80 praktik- och lärlingsplatser per år hos partner och entreprenörer",
                leads_to=("short",),
            ),
            Node(
                "short",
                Stage.SHORT_TERM,
                "Färre arbetslösa bland de boende",
                outcome=Outcome(
                    "unemployment_16_64",
                    0.17,
                    2022,
                    0.12,
                    2027,
                    {2023: 0.16, 2024: 0.15, 2025: 0.14},
                ),
                leads_to=("long",),
            ),
            Node(
                "long",
                Stage.LONG_TERM,
                "Fler förvärvsarbetande i området",
                outcome=Outcome(
                    "employment_20_64",
                    0.55,
                    2022,
                    0.62,
                    2030,
                    {2023: 0.565, 2024: 0.58, 2025: 0.595},
                ),
                leads_to=("impact",),
            ),
            Node("impact", Stage.IMPACT, "Minskat utanförskap och lägre försörjningsstöd"),
            Node(
                "a1",
                Stage.ASSUMPTION,
                "Arbetsgivarna i handslaget håller sina åtaganden om praktikplatser.",
            ),
            Node("a2", Stage.ASSUMPTION, "Arbetsmarknaden i regionen försämras inte kraftigt."),
        ],
    ),
    DemoInitiative(
        name="Läxhjälp och lovaktiviteter",
        owner="idrott-for-alla",
        status=InitiativeStatus.RUNNING,
        budget=1_900_000,
        target_group="Elever i årskurs 6–9 som bor i Norrbacka.",
        method="Läxhjälp tre kvällar i veckan i en lokal som bostadsbolaget upplåter; "
        "lovaktiviteter och lovjobb tillsammans med föreningslivet.",
        description="Föreningen driver läxhjälpen med volontärer och lärarstudenter; "
        "kommunen delar skolresultaten för uppföljningen (fiktivt exempel).",
        nodes=[
            Node(
                "need",
                Stage.NEED,
                "Var tredje elev i årskurs 9 saknar behörighet till gymnasiet.",
                leads_to=("homework", "holiday"),
            ),
            Node("homework", Stage.ACTIVITY, "Läxhjälp tre kvällar i veckan", leads_to=("pupils",)),
            Node("holiday", Stage.ACTIVITY, "Lovaktiviteter och lovjobb", leads_to=("jobs",)),
            Node(
                "pupils",
                Stage.OUTPUT,
                "120 elever deltar i läxhjälpen varje termin",
                leads_to=("short",),
            ),
            Node("jobs", Stage.OUTPUT, "200 lovjobb per sommar", leads_to=("short",)),
            Node(
                "short",
                Stage.SHORT_TERM,
                "Fler elever klarar kärnämnena i årskurs 9",
                outcome=Outcome(
                    "eligible_upper_secondary",
                    0.62,
                    2022,
                    0.66,
                    2025,
                    {2023: 0.635, 2024: 0.655, 2025: 0.67},
                ),
                leads_to=("long",),
            ),
            Node(
                "long",
                Stage.LONG_TERM,
                "Fler unga behöriga till gymnasiet",
                outcome=Outcome(
                    "eligible_upper_secondary",
                    0.62,
                    2022,
                    0.75,
                    2030,
                    {2023: 0.635, 2024: 0.655, 2025: 0.67},
                ),
                leads_to=("impact",),
            ),
            Node("impact", Stage.IMPACT, "Fler unga fullföljer gymnasiet och får arbete"),
            Node(
                "a1",
                Stage.ASSUMPTION,
                "Skolan delar resultaten per årskurs så att utfallet kan följas.",
            ),
        ],
    ),
    DemoInitiative(
        name="Trygga entréer och hyresgästdialog",
        owner="grobo-bostader",
        status=InitiativeStatus.RUNNING,
        budget=6_500_000,
        target_group="Alla boende i Norrbackas 1 400 lägenheter.",
        method="Belysta entréer och nya låssystem; trygghetsvandringar och dialog med "
        "Hyresgästföreningen.",
        description="Ombyggnad av entréer och trapphus tillsammans med hyresgästdialog "
        "(fiktivt exempel). Trygghetsindex och skadegörelse har knappt rört sig.",
        nodes=[
            Node(
                "need",
                Stage.NEED,
                "Boende känner sig otrygga i trapphus och entréer; skadegörelsen är hög.",
                leads_to=("entrances", "walks"),
            ),
            Node(
                "entrances",
                Stage.ACTIVITY,
                "Nya belysta entréer och låssystem",
                leads_to=("rebuilt",),
            ),
            Node(
                "walks",
                Stage.ACTIVITY,
                "Trygghetsvandringar och hyresgästdialog med Hyresgästföreningen",
                leads_to=("walks_done",),
            ),
            Node("rebuilt", Stage.OUTPUT, "40 entréer åtgärdade", leads_to=("short",)),
            Node("walks_done", Stage.OUTPUT, "Fyra trygghetsvandringar per år", leads_to=("long",)),
            Node(
                "short",
                Stage.SHORT_TERM,
                "Mindre skadegörelse i trapphus och entréer",
                outcome=Outcome(
                    "vandalism_cost_per_apartment",
                    1200,
                    2022,
                    800,
                    2025,
                    {2023: 1180, 2024: 1210, 2025: 1150},
                ),
                leads_to=("long",),
            ),
            Node(
                "long",
                Stage.LONG_TERM,
                "Fler boende känner sig trygga",
                outcome=Outcome(
                    "safety_index",
                    0.58,
                    2022,
                    0.70,
                    2027,
                    {2023: 0.58, 2024: 0.585, 2025: 0.59},
                ),
                leads_to=("impact",),
            ),
            Node("impact", Stage.IMPACT, "Ett tryggt område där fler vill bo kvar"),
            Node(
                "a1",
                Stage.ASSUMPTION,
                "Polis och kommun fortsätter det områdesinriktade arbetet.",
            ),
        ],
    ),
]


def build(programme: Programme) -> None:
    """Add this app's demo objects to the demo programme; running it twice changes nothing:
    an initiative that already exists is left as it is (people may have edited it)."""
    with transaction.atomic():
        levels = _area_levels(programme)
        for demo in INITIATIVES:
            _initiative(programme, demo, levels)


def _area_levels(programme: Programme) -> dict[tuple[str, int], float]:
    """(indicator code, year) → the value in the programme's first area, as its owner sees
    the area profile: the demo's outcomes start from the statistics where there are any."""
    area = programme.areas.order_by("name").first()
    viewer = User.objects.filter(memberships__organisation=programme.owner).order_by("id").first()
    if area is None or viewer is None:
        return {}
    levels = {}
    for row in build_profile(area, viewer, chain=[]).rows:
        for p in row.series.get(area.code, []):
            if p.value is not None and not p.suppressed and p.period.isdigit():
                levels[(row.indicator.code, int(p.period))] = float(p.value)
    return levels


def _shifted(o: Outcome, levels: dict[tuple[str, int], float]) -> Outcome:
    """The outcome moved so that its baseline is the area's statistic in the baseline year;
    the planned and measured changes stay as written, so the review's figures do not move."""
    level = levels.get((o.indicator, o.baseline_year))
    if level is None:
        return o
    # Shares to a tenth of a percentage point, money and counts to whole units.
    d = round(level, 3 if abs(level) < 1 else 0) - o.baseline
    return Outcome(
        o.indicator,
        round(o.baseline + d, 6),
        o.baseline_year,
        round(o.target + d, 6),
        o.target_year,
        {year: round(value + d, 6) for year, value in o.measured.items()},
    )


def _initiative(
    programme: Programme, demo: DemoInitiative, levels: dict[tuple[str, int], float]
) -> Initiative:
    owner = Organisation.objects.get(slug=demo.owner)
    initiative, created = Initiative.objects.get_or_create(
        programme=programme,
        name=demo.name,
        defaults={
            "owner": owner,
            "status": demo.status,
            "budget": Decimal(demo.budget),
            "target_group": demo.target_group,
            "method": demo.method,
            "description": demo.description,
        },
    )
    if not created and initiative.nodes.exists():
        return initiative
    nodes: dict[str, EffectNode] = {}
    for position, spec in enumerate(demo.nodes):
        node = EffectNode(initiative=initiative, stage=spec.stage, text=spec.text)
        node.position = position
        if spec.outcome is not None:
            o = _shifted(spec.outcome, levels)
            node.indicator = Indicator.objects.get(code=o.indicator)
            node.baseline_value, node.baseline_year = o.baseline, o.baseline_year
            node.target_value, node.target_year = o.target, o.target_year
            if spec.stage == Stage.LONG_TERM:
                node.goal = (
                    Goal.objects.filter(programme=programme, indicator__code=o.indicator)
                    .order_by("id")
                    .first()
                )
        node.save()
        nodes[spec.key] = node
    for spec in demo.nodes:
        for target in spec.leads_to:
            EffectLink.objects.create(
                initiative=initiative, source=nodes[spec.key], target=nodes[target]
            )
        if spec.outcome is not None:
            for year, value in _shifted(spec.outcome, levels).measured.items():
                OutcomeMeasurement.objects.create(
                    initiative=initiative,
                    outcome=nodes[spec.key],
                    year=year,
                    value=value,
                    source=SOURCE,
                )
    return initiative
