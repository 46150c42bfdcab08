"""A small national network for the network app's tests (see tests/builders.py for the shared
builders).

Two counties, each with a municipality and a DeSO. The network organisation N (kind network)
and the housing companies A and C are members of the national network; D is not.

Programmes, each with one employment goal of its own (baseline 2020, deadline 2030), as
programme (owner, shared with): goal in people, base, baseline → target, measured 2022, status,
people reached:

- Öppet program Norr (A, everyone): 100, 1 000, 50 % → 60 %, 53 %, on track, 30
- Nätverksprogram Syd (C, the network): 2 222, 2 000, 40 % → 50 %, 40,5 %, at risk, 10
- Partnerprogram Hemligt (A, partner D only): 987 321 …
- Privat program Hemligt (C, nobody): 876 543 …
- Öppet program utanför (D, everyone; D is not in the network): 55 555 …

On track (open programme): the trajectory asks for 50 + (60 − 50) × 2/10 = 52 % in 2022,
53 % is measured; reached (53 − 50) % × 1 000 = 30 people.
At risk (network programme): 40 + 10 × 2/10 = 42 % asked, 40,5 % measured, which is 0,5 of
the 2 points planned = 25 % < 50 %; reached (40,5 − 40) % × 2 000 = 10 people.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from django.test import Client

from builders import make_area, make_indicator, make_org, make_user
from grogrund.accounts.models import OrganisationKind, Role, Visibility
from grogrund.areas.models import AreaLevel, PoliceClassification
from grogrund.programmes.models import Goal, Measurement, Programme, StepStatus

#: Texts and numbers of what is not published (or not in the network) that must never reach
#: the public pages; the first four must not reach the network overview either.
SECRET_TEXTS = (
    "Partnerprogram Hemligt",
    "Privat program Hemligt",
    "Hemlig partnerkälla",
    "Hemlig privat källa",
)
NETWORK_TEXTS = ("Nätverksprogram Syd", "Nätverkskälla Syd")
SECRET_NUMBERS = (987_321, 876_543)
NETWORK_NUMBERS = (2_222, 2_322)  # its goal, and the network's total with the open one


def number_forms(n: int) -> list[str]:
    """How a number may be written on a page: 987321, 987 321 (space, no-break space, thin)."""
    text = f"{n:,}"
    return [str(n), *(text.replace(",", sep) for sep in (" ", "\u00a0", "\u202f", ","))]


@dataclass
class NetworkWorld:
    north: Any  # county
    south: Any
    north_municipality: Any
    south_municipality: Any
    north_deso: Any
    south_deso: Any
    network: Any  # the network organisation N
    a: Any
    c: Any
    d: Any
    employment: Any
    open_programme: Any
    network_programme: Any
    partner_programme: Any
    private_programme: Any
    outside_programme: Any
    member: Any  # viewer of A
    network_admin: Any  # administrator of N
    c_editor: Any
    outsider: Any  # editor of D (partner of the partner programme)
    extra: dict[str, Any] = field(default_factory=dict)

    def client(self, user: Any | None) -> Client:
        c = Client()
        if user is not None:
            c.force_login(user)
        return c


def make_goal(
    programme: Programme,
    area: Any,
    indicator: Any,
    *,
    target: int,
    base: float,
    baseline: float,
    target_share: float,
    measured: dict[int, float] | None = None,
    source: str = "SCB (test)",
    direction: str = "higher_is_better",
    baseline_year: int = 2020,
    deadline_year: int = 2030,
) -> Goal:
    goal = Goal.objects.create(
        programme=programme,
        area=area,
        indicator=indicator,
        reference_area=area.parent or area,
        direction=direction,
        baseline_year=baseline_year,
        deadline_year=deadline_year,
        baseline_share=baseline,
        reference_share=target_share,
        base=base,
        people_needed=target,
        share_of_gap=1,
        target_count=target,
        target_share=target_share,
    )
    for year, value in (measured or {}).items():
        Measurement.objects.create(
            goal=goal, year=year, value=value, source=source, organisation=programme.owner
        )
    return goal


def make_programme(
    owner: Any,
    areas: list[Any],
    name: str,
    visibility: str,
    partners: list[Any] = (),  # type: ignore[assignment]
) -> Programme:
    p = Programme.objects.create(owner=owner, name=name, visibility=visibility, start_year=2021)
    p.areas.set(areas)
    p.shared_with.set(list(partners))
    return p


def build_network_world() -> NetworkWorld:
    country = make_area("XSE", AreaLevel.COUNTRY, name="Testriket")
    north = make_area("X1", AreaLevel.COUNTY, country, name="Norrlänet (test)")
    south = make_area("X2", AreaLevel.COUNTY, country, name="Söderlänet (test)")
    north_m = make_area("X101", AreaLevel.MUNICIPALITY, north, name="Norrstad (test)")
    south_m = make_area("X201", AreaLevel.MUNICIPALITY, south, name="Söderstad (test)")
    north_deso = make_area("X101A0001", parent=north_m, name="Norrby (test)")
    south_deso = make_area("X201C0001", parent=south_m, name="Söderby (test)")
    PoliceClassification.objects.create(area=south_deso, year=2023, category="utsatt")
    network = make_org("Nätverket (test)", kind=OrganisationKind.NETWORK, in_network=True)
    a = make_org("Bostadsbolaget A (test)", in_network=True)
    c = make_org("Bostadsbolaget C (test)", in_network=True)
    d = make_org("Bolaget D utanför (test)")
    employment = make_indicator("employment", kind="share", direction="higher_is_better")

    open_programme = make_programme(a, [north_deso], "Öppet program Norr", Visibility.PUBLIC)
    make_goal(
        open_programme,
        north_deso,
        employment,
        target=100,
        base=1000,
        baseline=0.5,
        target_share=0.6,
        measured={2022: 0.53},
        source="SCB öppen källa",
    )
    network_programme = make_programme(c, [south_deso], "Nätverksprogram Syd", Visibility.NETWORK)
    make_goal(
        network_programme,
        south_deso,
        employment,
        target=2222,
        base=2000,
        baseline=0.4,
        target_share=0.5,
        measured={2022: 0.405},
        source="Nätverkskälla Syd",
    )
    partner_programme = make_programme(
        a, [north_deso], "Partnerprogram Hemligt", Visibility.PARTNERS, partners=[d]
    )
    make_goal(
        partner_programme,
        north_deso,
        employment,
        target=987_321,
        base=9_999_999,
        baseline=0.2,
        target_share=0.3,
        measured={2022: 0.29},
        source="Hemlig partnerkälla",
    )
    private_programme = make_programme(
        c, [south_deso], "Privat program Hemligt", Visibility.PRIVATE
    )
    make_goal(
        private_programme,
        south_deso,
        employment,
        target=876_543,
        base=8_888_888,
        baseline=0.2,
        target_share=0.3,
        measured={2022: 0.21},
        source="Hemlig privat källa",
    )
    outside_programme = make_programme(d, [north_deso], "Öppet program utanför", Visibility.PUBLIC)
    make_goal(
        outside_programme,
        north_deso,
        employment,
        target=55_555,
        base=555_555,
        baseline=0.2,
        target_share=0.3,
    )
    StepStatus.objects.create(programme=open_programme, step="utmaningar", status="done")
    StepStatus.objects.create(programme=open_programme, step="upphandling", status="done")
    StepStatus.objects.create(programme=open_programme, step="benchmark", status="in_progress")
    return NetworkWorld(
        north=north,
        south=south,
        north_municipality=north_m,
        south_municipality=south_m,
        north_deso=north_deso,
        south_deso=south_deso,
        network=network,
        a=a,
        c=c,
        d=d,
        employment=employment,
        open_programme=open_programme,
        network_programme=network_programme,
        partner_programme=partner_programme,
        private_programme=private_programme,
        outside_programme=outside_programme,
        member=make_user(a, Role.VIEWER),
        network_admin=make_user(network, Role.ADMIN),
        c_editor=make_user(c, Role.EDITOR),
        outsider=make_user(d, Role.EDITOR),
    )


def add_initiative(
    programme: Programme,
    name: str,
    *,
    method: str = "",
    need: str = "Behov",
    outcome: str = "Utfall",
    valuation: str = "",
    indicator: Any = None,
    method_ref: Any = None,
) -> Any:
    """An initiative with a need → activity → outcome effect logic, and a valuation (the
    starter SROI model) when `valuation` names one."""
    from grogrund.initiatives.models import EffectLink, EffectNode, Initiative
    from grogrund.valuations.models import Valuation
    from grogrund.valuations.services import starter_model, validate_model

    initiative = Initiative.objects.create(
        programme=programme, name=name, owner=programme.owner, method=method
    )
    if method_ref is not None:
        initiative.method_ref = method_ref
        initiative.save()
    nodes = [
        EffectNode.objects.create(initiative=initiative, stage="need", text=need, position=0),
        EffectNode.objects.create(
            initiative=initiative, stage="activity", text=f"Aktivitet: {name}", position=1
        ),
        EffectNode.objects.create(
            initiative=initiative,
            stage="short_term",
            text=outcome,
            position=2,
            indicator=indicator,
            baseline_value=0.5,
            baseline_year=2021,
            target_value=0.6,
            target_year=2026,
        ),
    ]
    for source, target in pairwise(nodes):
        EffectLink.objects.create(initiative=initiative, source=source, target=target)
    if valuation:
        model = starter_model(
            "sroi", start_year=programme.start_year, horizon_years=10, name=valuation
        )
        Valuation.objects.create(
            programme=programme,
            initiative=initiative,
            name=valuation,
            model=validate_model(model),
        )
    return initiative


def make_boundary(area: Any, x: float) -> Any:
    """A 10 km square boundary for `area` at x (SWEREF 99 TM metres), as imported."""
    from datetime import date

    import shapely

    from grogrund.areas.models import AreaBoundary

    square = shapely.box(x, 6_500_000, x + 10_000, 6_510_000)
    wkb = shapely.to_wkb(square)
    return AreaBoundary.objects.create(
        area=area,
        geometry=wkb,
        simplified=wkb,
        tolerance_m=1.0,
        min_x=x,
        min_y=6_500_000,
        max_x=x + 10_000,
        max_y=6_510_000,
        vertices=5,
        source="SCB (test)",
        retrieved_on=date(2025, 1, 1),
    )


def make_method(owner: Any, name: str, *, status: str = "published", slug: str = "") -> Any:
    """A method of the library (grogrund.methods)."""
    from django.utils.text import slugify

    from grogrund.methods.models import Method

    return Method.objects.create(
        name=name,
        slug=slug or slugify(name),
        summary=f"Sammanfattning: {name}",
        status=status,
        owner=owner,
    )
