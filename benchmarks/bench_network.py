"""Benchmark of the national network overview (issue 13) at national scale, on SQLite and
PostgreSQL. `python benchmarks/bench_network.py` prints the rows as JSON.

The data, made with bulk_create on the real area registry that `migrate` loads (21 counties,
290 municipalities, 5,984 DeSO): 60 housing companies in the network, 290 municipality
organisations, 300 programmes (each for a DeSO of its own municipality, every fifth for a
custom area of three DeSO, with the municipality as a partner; 60 % shared with the network,
20 % published, 20 % shared with partners only or private: those are never counted), 4 goals
each with 1–6 years of measurements, steps marked, 3,000 initiatives (10 a programme) using
200 methods of the library when it is installed, 120 DeSO on the police's list, and a
boundary for every municipality (so the overview draws its map).

The user is a viewer of a company in the network. Goals (issue 13): the overview takes ≤ 20
SQL queries whatever the data size (also counted for a county with few programmes: it must
not differ), and on a first visit (the visitor's page rendered, the overview's body cached
for every member of the network under the data generation) the median is ≤ 5× the trivial
view (/health/trivial/) and p95 ≤ 250 ms. The repeat visit and the cold page (nothing
cached, as after any change) are reported beside them, as are the public pages.

Each measurement runs in a fresh child process against a fresh database, as in
bench_foundation.py (whose helpers are reused).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import bench_foundation as F

HERE = Path(__file__).resolve().parent
COMPANIES = 60
PROGRAMMES = 300
GOALS_PER_PROGRAMME = 4
INITIATIVES_PER_PROGRAMME = 10
METHODS = 200
CLASSIFIED_DESO = 120
GOAL_RATIO = 5.0
GOAL_P95_MS = 250.0
GOAL_QUERIES = 20


_row, _log = F._row, F._log


def _boundary(area_id: int, k: int) -> Any:
    """A rough 40-point polygon about 30 km across, on a grid of municipalities."""
    import math
    from datetime import date

    import shapely

    from grogrund.areas.models import AreaBoundary

    cx, cy = 300_000 + (k % 17) * 40_000, 6_200_000 + (k // 17) * 40_000
    points = [
        (
            cx + (15_000 + 2_000 * math.sin(5 * a)) * math.cos(a),
            cy + (15_000 + 2_000 * math.cos(3 * a)) * math.sin(a),
        )
        for a in (2 * math.pi * i / 40 for i in range(40))
    ]
    polygon = shapely.Polygon(points)
    wkb = shapely.to_wkb(polygon)
    x0, y0, x1, y1 = polygon.bounds
    return AreaBoundary(
        area_id=area_id,
        geometry=wkb,
        simplified=wkb,
        tolerance_m=50.0,
        min_x=x0,
        min_y=y0,
        max_x=x1,
        max_y=y1,
        vertices=41,
        source="Syntetiska gränser (bench)",
        retrieved_on=date(2025, 1, 1),
    )


def _network_world() -> dict[str, Any]:
    """The national network at scale; returns what the measurements need."""
    from django.apps import apps
    from django.db import transaction

    from grogrund.accounts.models import (
        Membership,
        Organisation,
        OrganisationKind,
        Role,
        User,
        Visibility,
    )
    from grogrund.areas.models import Area, AreaLevel, Indicator, PoliceClassification
    from grogrund.core.generation import data_changed
    from grogrund.initiatives.models import Initiative
    from grogrund.network.models import NetworkSettings
    from grogrund.programmes.models import Goal, Measurement, Programme, StepStatus
    from grogrund.programmes.steps import STEPS

    municipalities = list(
        Area.objects.filter(level=AreaLevel.MUNICIPALITY, in_registry=True).order_by("code")
    )
    desos: dict[int, list[int]] = {}
    for pk, parent, parent_level, grandparent in Area.objects.filter(
        level=AreaLevel.DESO
    ).values_list("pk", "parent_id", "parent__level", "parent__parent_id"):
        desos.setdefault(
            parent if parent_level == AreaLevel.MUNICIPALITY else grandparent, []
        ).append(pk)
    with transaction.atomic():
        network = Organisation.objects.create(
            name="Nätverket (bench)",
            slug="bench-natverket",
            kind=OrganisationKind.NETWORK,
            in_network=True,
        )
        Organisation.objects.bulk_create(
            [
                Organisation(
                    name=f"Bostadsbolag {i} (bench)",
                    slug=f"bench-bolag-{i}",
                    kind=OrganisationKind.HOUSING_COMPANY,
                    in_network=True,
                    is_fictional=True,
                )
                for i in range(COMPANIES)
            ]
            + [
                Organisation(
                    name=f"{m.name} kommun (bench)",
                    slug=f"bench-kommun-{m.code}",
                    kind=OrganisationKind.MUNICIPALITY,
                    in_network=i % 2 == 0,
                    is_fictional=True,
                )
                for i, m in enumerate(municipalities)
            ]
        )
        companies = list(
            Organisation.objects.filter(slug__startswith="bench-bolag-").order_by("pk")
        )
        municipal_orgs = {
            o.slug: o for o in Organisation.objects.filter(slug__startswith="bench-kommun-")
        }
        indicators = list(Indicator.objects.filter(kind="share").order_by("code")[:4])
        if len(indicators) < GOALS_PER_PROGRAMME:
            Indicator.objects.bulk_create(
                [
                    Indicator(
                        code=f"bench_share_{k}",
                        name_sv=f"Andel {k} (bench)",
                        name_en=f"Share {k} (bench)",
                        kind="share",
                        direction="lower_is_better" if k == 3 else "higher_is_better",
                        source="Bench",
                    )
                    for k in range(GOALS_PER_PROGRAMME)
                ]
            )
            indicators = list(Indicator.objects.filter(code__startswith="bench_share_"))
        levels = [Visibility.NETWORK] * 6 + [Visibility.PUBLIC] * 2
        levels += [Visibility.PARTNERS, Visibility.PRIVATE]
        Area.objects.bulk_create(
            [
                Area(
                    code=f"bench-omrade-{i}",
                    name=f"Bostadsområde {i} (bench)",
                    level=AreaLevel.CUSTOM,
                    owner=companies[i % COMPANIES],
                )
                for i in range(0, PROGRAMMES, 5)
            ]
        )
        custom_by_index = dict(
            zip(
                range(0, PROGRAMMES, 5),
                Area.objects.filter(code__startswith="bench-omrade-").order_by("pk"),
                strict=True,
            )
        )
        Programme.objects.bulk_create(
            [
                Programme(
                    name=f"Program {i:03d} (bench)",
                    owner=companies[i % COMPANIES],
                    visibility=levels[i % len(levels)],
                    start_year=2020 + i % 4,
                    horizon_years=10,
                )
                for i in range(PROGRAMMES)
            ]
        )
        programmes = list(Programme.objects.filter(name__endswith="(bench)").order_by("name"))
        area_links, member_links, partner_links = [], [], []
        goals, steps, initiatives = [], [], []
        members = Area.members.through
        for i, p in enumerate(programmes):
            muni = municipalities[i % len(municipalities)]
            own = desos.get(muni.pk) or [muni.pk]
            if i in custom_by_index:
                area_id = custom_by_index[i].pk
                member_links += [members(from_area_id=area_id, to_area_id=d) for d in own[:3]]
            else:
                area_id = own[i % len(own)]
            area_links.append(Programme.areas.through(programme_id=p.pk, area_id=area_id))
            partner = municipal_orgs[f"bench-kommun-{muni.code}"]
            partner_links.append(
                Programme.shared_with.through(programme_id=p.pk, organisation_id=partner.pk)
            )
            for k, indicator in enumerate(indicators):
                rising = indicator.direction != "lower_is_better"
                baseline = 0.5 if rising else 0.2
                goals.append(
                    Goal(
                        programme=p,
                        area_id=area_id if i not in custom_by_index else own[0],
                        indicator=indicator,
                        reference_area=muni,
                        direction=indicator.direction,
                        baseline_year=2019 + i % 4,
                        deadline_year=2029 + i % 4 + k,
                        baseline_share=baseline,
                        reference_share=baseline + (0.2 if rising else -0.1),
                        base=1000 + 37 * i,
                        people_needed=200,
                        share_of_gap=0.5,
                        target_count=100 + k,
                        target_share=baseline + (0.1 if rising else -0.05),
                    )
                )
            done = i % 13
            for s in STEPS:
                if s.number <= done:
                    steps.append(StepStatus(programme=p, step=s.code, status="done"))
                elif s.number == done + 1:
                    steps.append(StepStatus(programme=p, step=s.code, status="in_progress"))
            for n in range(INITIATIVES_PER_PROGRAMME):
                initiatives.append(
                    Initiative(
                        programme=p,
                        name=f"Insats {n} i program {i} (bench)",
                        owner=p.owner,
                        method=f"Metod {(i + n) % METHODS}",
                    )
                )
        Programme.areas.through.objects.bulk_create(area_links)
        members.objects.bulk_create(member_links)
        Programme.shared_with.through.objects.bulk_create(partner_links)
        Goal.objects.bulk_create(goals, batch_size=2000)
        StepStatus.objects.bulk_create(steps, batch_size=2000)
        Initiative.objects.bulk_create(initiatives, batch_size=2000)
        measurements = []
        for g in Goal.objects.filter(programme__in=programmes).values(
            "pk", "baseline_share", "direction", "programme__owner_id"
        ):
            sign = -1 if g["direction"] == "lower_is_better" else 1
            for k in range(1 + g["pk"] % 6):
                measurements.append(
                    Measurement(
                        goal_id=g["pk"],
                        year=2020 + k,
                        value=g["baseline_share"] + sign * 0.004 * k * (g["pk"] % 5),
                        source="Bench",
                        organisation_id=g["programme__owner_id"],
                    )
                )
        Measurement.objects.bulk_create(measurements, batch_size=5000)
        method_slugs: list[str] = []
        if apps.is_installed("grogrund.methods"):
            from grogrund.methods.models import Method

            Method.objects.bulk_create(
                [
                    Method(
                        name=f"Metod {k} (bench)",
                        slug=f"bench-metod-{k}",
                        summary="Syntetisk metod",
                        status="published",
                        owner=network,
                    )
                    for k in range(METHODS)
                ]
            )
            methods = list(Method.objects.filter(slug__startswith="bench-metod-").order_by("pk"))
            method_slugs = [m.slug for m in methods]
            rows = list(Initiative.objects.filter(programme__in=programmes).order_by("pk"))
            for k, initiative in enumerate(rows):
                initiative.method_ref = methods[k % METHODS]  # type: ignore[attr-defined]
            Initiative.objects.bulk_update(rows, ["method_ref"], batch_size=2000)
        classified = [d for m in municipalities[:60] for d in (desos.get(m.pk) or [])[:2]]
        PoliceClassification.objects.bulk_create(
            [
                PoliceClassification(area_id=d, year=2023, category="utsatt")
                for d in classified[:CLASSIFIED_DESO]
            ]
        )
        boundary_model = apps.get_model("areas", "AreaBoundary") if _has_boundaries() else None
        if boundary_model is not None:
            boundary_model.objects.bulk_create(
                [_boundary(m.pk, k) for k, m in enumerate(municipalities)], batch_size=500
            )
        # The network shows its totals publicly (counted from published programmes).
        NetworkSettings.objects.create(organisation=network, show_totals_publicly=True)
        data_changed()  # bulk writes send no signals
        user = User.objects.create_user("bench", password="bench-password-not-secret")
        Membership.objects.create(user=user, organisation=companies[0], role=Role.VIEWER)
    # The county with the fewest counted programmes (but some): the same page, less data.
    counted = Counter(
        municipalities[i % len(municipalities)].parent_id
        for i, p in enumerate(programmes)
        if p.visibility in (Visibility.NETWORK, Visibility.PUBLIC)
    )
    small_county = min(counted, key=lambda c: (counted[c], c))
    published = next(p for p in programmes if p.visibility == Visibility.PUBLIC)
    return {
        "user": user,
        "small_county": small_county,
        "small_county_programmes": counted[small_county],
        "method": method_slugs[0] if method_slugs else "",
        "published": published.pk,
        "programmes": len(programmes),
        "goals": len(goals),
        "measurements": len(measurements),
        "initiatives": len(initiatives),
        "methods": len(method_slugs),
    }


def _has_boundaries() -> bool:
    from django.apps import apps

    try:
        apps.get_model("areas", "AreaBoundary")
    except LookupError:
        return False
    return True


def _judged_rows(
    name: str, visit: str, times: list[float], queries: int, trivial: float
) -> list[dict[str, Any]]:
    """Issue 13's goals: ≤ 20 queries in every state; median ≤ 5× trivial and p95 ≤ 250 ms on
    a first visit (reported for the other states)."""
    median, p95 = statistics.median(times), F._p95(times)
    ratio = median / trivial
    judged = visit == F.FIRST
    return [
        _row(name, f"median of {F.REQUESTS}", median, "ms"),
        _row(
            name,
            "p95",
            p95,
            "ms",
            f"<= {GOAL_P95_MS:g}" if judged else "",
            p95 <= GOAL_P95_MS if judged else None,
        ),
        _row(
            name,
            "median / trivial view",
            ratio,
            "x",
            f"<= {GOAL_RATIO:g}" if judged else "",
            ratio <= GOAL_RATIO if judged else None,
        ),
        _row(
            name, "SQL queries", queries, "queries", f"<= {GOAL_QUERIES}", queries <= GOAL_QUERIES
        ),
    ]


def measure_network() -> list[dict[str, Any]]:
    from django.db import connection
    from django.test import Client

    backend = connection.vendor
    start = time.perf_counter()
    world = _network_world()
    _log(f"network world in {time.perf_counter() - start:.0f} s")
    if backend == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    scale = (
        f"{COMPANIES} companies, 290 municipalities, {world['programmes']} programmes, "
        f"{world['goals']:,} goals, {world['measurements']:,} measurements, "
        f"{world['initiatives']:,} initiatives, {world['methods']} methods"
    )
    rows = [_row(f"{backend}: the national network", "data", scale, "")]
    client = Client()
    client.force_login(world["user"])
    trivial_times, _queries = F._timed_requests(client, "/health/trivial/")
    trivial = statistics.median(trivial_times)
    rows += [
        _row(f"{backend}: trivial view /health/trivial/", f"median of {F.REQUESTS}", trivial, "ms"),
        _row(f"{backend}: trivial view /health/trivial/", "p95", F._p95(trivial_times), "ms"),
    ]
    for visit, empty in F.VISITS.items():
        times, queries = F._timed_requests(client, "/natverket/", empty=empty)
        _log(f"overview ({visit}): median {statistics.median(times):.1f} ms, {queries} queries")
        rows += _judged_rows(
            f"{backend}: network overview, {visit}", visit, times, queries, trivial
        )
        if visit == F.COLD:
            for label, query in (
                (
                    f"a county with {world['small_county_programmes']} programmes",
                    f"?county={world['small_county']}",
                ),
                ("one method", f"?method={world['method']}" if world["method"] else ""),
                ("police classification", "?police=utsatt"),
            ):
                if not query:
                    continue
                _times, filtered = F._timed_requests(client, f"/natverket/{query}", empty=empty)
                rows.append(
                    _row(
                        f"{backend}: network overview, {visit}",
                        f"SQL queries, filtered to {label}",
                        filtered,
                        "queries",
                        f"== {queries}",
                        filtered == queries,
                    )
                )
    anonymous = Client()
    pages = {
        "public pages (index)": "/oppet/",
        "the network's public results": "/oppet/natverket/",
        "a published programme": f"/oppet/program/{world['published']}/",
    }
    for label, url in pages.items():
        for visit in (F.FIRST, F.COLD):
            times, queries = F._timed_requests(anonymous, url, empty=F.VISITS[visit])
            _log(f"{label} ({visit}): median {statistics.median(times):.1f} ms, {queries} queries")
            rows += F.page_rows(
                f"{backend}: {label}, {visit}", visit, times, queries, trivial, judged=False
            )
    return rows


CHILDREN = {"network": measure_network}


def run() -> list[dict[str, Any]]:
    return F.run_children(__file__, CHILDREN, "bench_network_")


if __name__ == "__main__":
    F.main_for(__file__, CHILDREN, "bench_network_", sys.argv[1:])
