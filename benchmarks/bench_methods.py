"""Benchmark of the method library (issue 13) on SQLite and PostgreSQL.
`python benchmarks/bench_methods.py` prints the rows as JSON.

1. A method page with its benchmark at national scale: 60 housing companies in the network,
   300 programmes (each for a DeSO of the area registry, with two goals, a police
   classification and a population figure), 3,000 initiatives with two measured outcomes, two
   years of participants and a valuation each, 200 published methods. The measured method is
   used by 300 initiatives in 300 programmes (half shared with the network, a quarter
   published, a quarter private or shared with named partners); the visitor is an editor of a
   company in the network. Goals (issue 13): ≤ 20 queries whatever the data size, first-visit
   median ≤ 5× a trivial view, p95 ≤ 250 ms. The query count is also taken for a method used
   by two programmes: it must not differ.
2. Areas like mine over 6,000 DeSO: the calculation alone (engine.similar_areas, 6,000 areas ×
   40 indicators, 5 % missing) and the page over the national synthetic statistics (6,000 DeSO,
   10 indicators, one year), cold (the standardised matrix read from the database) and with
   the matrix cached. Goal: ≤ 200 ms.

Each measurement runs in a fresh child process against a fresh database, as in
bench_foundation.py (whose helpers are reused). BENCH_QUICK=1 shrinks the data.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import bench_foundation as F

HERE = Path(__file__).resolve().parent
GOAL_QUERIES = 20
GOAL_FIRST_RATIO = 5.0
GOAL_P95_MS = 250.0
GOAL_SIMILAR_MS = 200.0


_row, _log = F._row, F._log


def _scale() -> dict[str, int]:
    if os.environ.get("BENCH_QUICK"):
        return {"companies": 10, "programmes": 50, "per_programme": 10, "methods": 40}
    return {"companies": 60, "programmes": 300, "per_programme": 10, "methods": 200}


def _library_world() -> dict[str, Any]:
    """The national-scale library; returns the URLs to measure and the user."""
    from django.db import transaction

    from grogrund.accounts.models import (
        Membership,
        Organisation,
        OrganisationKind,
        Role,
        User,
        Visibility,
    )
    from grogrund.areas.models import (
        Area,
        AreaLevel,
        Dataset,
        Indicator,
        Observation,
        PoliceClassification,
    )
    from grogrund.core.generation import data_changed
    from grogrund.initiatives.models import EffectNode, Initiative, OutcomeMeasurement, Stage
    from grogrund.methods.models import (
        Method,
        MethodSource,
        MethodStatus,
        Participation,
        TemplateNode,
    )
    from grogrund.programmes.models import Goal, Programme
    from grogrund.valuations.models import Valuation

    s = _scale()
    rng = random.Random(13)
    with transaction.atomic():
        network = Organisation.objects.create(
            name="Bänknätverket",
            slug="bank-natverket",
            kind=OrganisationKind.NETWORK,
            in_network=True,
        )
        Organisation.objects.bulk_create(
            Organisation(
                name=f"Bänkbolag {i}",
                slug=f"bankbolag-{i}",
                kind=OrganisationKind.HOUSING_COMPANY,
                in_network=True,
                is_fictional=True,
            )
            for i in range(s["companies"])
        )
        companies = list(Organisation.objects.filter(slug__startswith="bankbolag-").order_by("pk"))
        indicator = Indicator.objects.create(
            code="bench_employment",
            name_sv="Förvärvsarbetande (bänk)",
            name_en="Employed (bench)",
            unit="andel",
            kind="share",
            direction="higher_is_better",
            source="Bänk",
        )
        population = Indicator.objects.get_or_create(
            code="population",
            defaults={
                "name_sv": "Folkmängd",
                "name_en": "Population",
                "unit": "personer",
                "kind": "count",
                "direction": "higher_is_better",
                "source": "Bänk",
            },
        )[0]
        desos = list(Area.objects.filter(level=AreaLevel.DESO).order_by("code")[: s["programmes"]])
        municipality = desos[0].parent.parent if desos[0].parent else desos[0]
        Method.objects.bulk_create(
            Method(
                name=f"Bänkmetod {i:03d}",
                slug=f"bankmetod-{i:03d}",
                summary="En metod för prestandaprovet.",
                problem="Problem.",
                target_group="Målgrupp.",
                owner=network,
                status=MethodStatus.PUBLISHED,
                steps=["losningar"],
                value_bank_entries=["exclusion_person_year"],
            )
            for i in range(s["methods"])
        )
        methods = list(Method.objects.filter(slug__startswith="bankmetod-").order_by("slug"))
        TemplateNode.objects.bulk_create(
            TemplateNode(method=m, stage=stage, text=f"{stage} {m.pk}", position=i)
            for m in methods
            for i, stage in enumerate(
                [Stage.NEED, Stage.ACTIVITY, Stage.OUTPUT, Stage.SHORT_TERM, Stage.IMPACT]
            )
        )
        MethodSource.objects.bulk_create(
            MethodSource(method=m, title=f"Källa {k}", publisher="Bänk", year=2024, position=k)
            for m in methods
            for k in range(2)
        )
        visibilities = [Visibility.NETWORK] * 2 + [Visibility.PUBLIC, Visibility.PRIVATE]
        Programme.objects.bulk_create(
            Programme(
                name=f"Bänkprogram {i:03d}",
                owner=companies[i % len(companies)],
                visibility=visibilities[i % 4],
                start_year=2022,
                horizon_years=10,
            )
            for i in range(s["programmes"])
        )
        programmes = list(
            Programme.objects.filter(name__startswith="Bänkprogram ").order_by("name")
        )
        through = Programme.areas.through
        through.objects.bulk_create(
            through(programme_id=p.pk, area_id=desos[i % len(desos)].pk)
            for i, p in enumerate(programmes)
        )
        PoliceClassification.objects.bulk_create(
            PoliceClassification(area=d, year=2023, category="utsatt") for d in desos[::3]
        )
        dataset = Dataset.objects.create(
            owner=network,
            name="Bänkbefolkning",
            source="Bänk",
            retrieved_at="2025-01-01T00:00:00Z",
            visibility=Visibility.PUBLIC,
        )
        Observation.objects.bulk_create(
            Observation(
                dataset=dataset,
                area=d,
                indicator=population,
                period=str(year),
                value=rng.randint(800, 2500),
                retrieved_at="2025-01-01T00:00:00Z",
            )
            for d in desos
            for year in (2023, 2024)
        )
        Goal.objects.bulk_create(
            Goal(
                programme=p,
                area=desos[i % len(desos)],
                indicator=indicator,
                reference_area=municipality,
                direction="higher_is_better",
                baseline_year=2022 - k,
                deadline_year=2032,
                baseline_share=0.5,
                reference_share=0.7,
                base=1000,
                people_needed=200,
                share_of_gap=0.5,
                target_count=100,
                target_share=0.6,
            )
            for i, p in enumerate(programmes)
            for k in range(2)
        )
        measured = methods[0]
        Initiative.objects.bulk_create(
            Initiative(
                programme=p,
                name=f"Bänkinsats {p.pk}-{j}",
                owner=p.owner,
                budget=1_000_000 + 1000 * j,
                method_ref=measured if j == 0 else methods[1 + rng.randrange(len(methods) - 1)],
            )
            for p in programmes
            for j in range(s["per_programme"])
        )
        initiatives = list(Initiative.objects.filter(name__startswith="Bänkinsats "))
        EffectNode.objects.bulk_create(
            EffectNode(
                initiative=i,
                stage=Stage.SHORT_TERM if k == 0 else Stage.LONG_TERM,
                text="Utfall",
                indicator=indicator,
                baseline_value=0.5,
                baseline_year=2022,
                target_value=0.6,
                target_year=2028,
            )
            for i in initiatives
            for k in range(2)
        )
        nodes = list(EffectNode.objects.filter(text="Utfall").only("pk", "initiative_id"))
        OutcomeMeasurement.objects.bulk_create(
            (
                OutcomeMeasurement(
                    initiative_id=n.initiative_id,
                    outcome_id=n.pk,
                    year=year,
                    value=0.5 + rng.random() / 10,
                    source="Bänk",
                )
                for n in nodes
                for year in (2023, 2024)
            ),
            batch_size=2000,
        )
        Participation.objects.bulk_create(
            (
                Participation(
                    initiative=i,
                    year=year,
                    participants=rng.randint(20, 200),
                    reached_outcome=rng.randint(1, 19),
                    cost_sek=rng.randint(100_000, 900_000),
                    source="Bänk",
                )
                for i in initiatives
                for year in (2023, 2024)
            ),
            batch_size=2000,
        )
        Valuation.objects.bulk_create(
            (
                Valuation(
                    programme_id=i.programme_id,
                    initiative=i,
                    name="Bänkvärdering",
                    model={},
                    result={"ratio": round(0.5 + 5 * rng.random(), 2)},
                )
                for i in initiatives
            ),
            batch_size=1000,
        )
        small = methods[-1]
        Initiative.objects.filter(method_ref=small).update(method_ref=methods[-2])
        for p in [p for p in programmes if p.visibility == Visibility.NETWORK][:2]:
            Initiative.objects.create(programme=p, name="Liten", owner=p.owner, method_ref=small)
        user = User.objects.create_user("bench", password="bench-password-not-secret")
        Membership.objects.create(user=user, organisation=companies[0], role=Role.EDITOR)
        data_changed()  # bulk_create sends no signals
    return {
        "user": user,
        "method": f"/metoder/{measured.slug}/",
        "small": f"/metoder/{small.slug}/",
        "scale": (
            f"{len(companies)} companies, {len(programmes)} programmes, "
            f"{len(initiatives):,} initiatives, {len(methods)} methods; the measured method in "
            f"{Initiative.objects.filter(method_ref=measured).count()} initiatives"
        ),
    }


def measure_method_page() -> list[dict[str, Any]]:
    from django.db import connection
    from django.test import Client

    backend = connection.vendor
    start = time.perf_counter()
    world = _library_world()
    _log(f"library world in {time.perf_counter() - start:.0f} s: {world['scale']}")
    if backend == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    rows = [_row(f"{backend}: method library at national scale", "data", world["scale"], "")]
    client = Client()
    client.force_login(world["user"])
    trivial_times, _q = F._timed_requests(client, "/health/trivial/")
    trivial = statistics.median(trivial_times)
    rows.append(_row(f"{backend}: trivial view", f"median of {F.REQUESTS}", trivial, "ms"))
    for visit, empty in F.VISITS.items():
        times, queries = F._timed_requests(client, world["method"], empty=empty)
        name = f"{backend}: method page with benchmark, {visit}"
        median, p95 = statistics.median(times), F._p95(times)
        _log(f"{name}: median {median:.1f} ms, p95 {p95:.1f} ms, {queries} queries")
        ratio = median / trivial
        judged = visit == F.FIRST
        rows += [
            _row(name, f"median of {F.REQUESTS}", median, "ms"),
            _row(name, "p95", p95, "ms", f"<= {GOAL_P95_MS:g}", p95 <= GOAL_P95_MS)
            if judged
            else {**_row(name, "p95", p95, "ms"), "ok": None},
            _row(
                name,
                "median / trivial view",
                ratio,
                "x",
                f"<= {GOAL_FIRST_RATIO:g}",
                ratio <= GOAL_FIRST_RATIO,
            )
            if judged
            else {**_row(name, "median / trivial view", ratio, "x"), "ok": None},
            _row(
                name,
                "SQL queries",
                queries,
                "queries",
                f"<= {GOAL_QUERIES}",
                queries <= GOAL_QUERIES,
            ),
        ]
        if visit == F.COLD:
            _times, small = F._timed_requests(client, world["small"], empty=empty)
            rows.append(
                _row(
                    name,
                    "SQL queries, a method used by 2 programmes",
                    small,
                    "queries",
                    f"== {queries}",
                    small == queries,
                )
            )
    return rows


def measure_similar() -> list[dict[str, Any]]:
    import numpy as np
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client

    from grogrund.areas.demo.national import load_national
    from grogrund.areas.models import Area, AreaLevel
    from grogrund.engine.similar_areas import similar_areas

    backend = connection.vendor
    quick = bool(os.environ.get("BENCH_QUICK"))
    n_areas = 600 if quick else 6000
    rng = np.random.default_rng(6160)
    values = rng.uniform(0, 1, size=(n_areas, 40))
    values[rng.uniform(size=values.shape) < 0.05] = np.nan
    times = []
    for i in range(F.REQUESTS):
        start = time.perf_counter()
        similar_areas(values, i % n_areas)
        times.append((time.perf_counter() - start) * 1000)
    name = f"{backend}: areas like mine, calculation ({n_areas:,} areas × 40 indicators)"
    p95 = F._p95(times)
    rows = [
        _row(name, f"median of {F.REQUESTS}", statistics.median(times), "ms"),
        _row(name, "p95", p95, "ms", f"<= {GOAL_SIMILAR_MS:g}", p95 <= GOAL_SIMILAR_MS),
    ]
    start = time.perf_counter()
    observations = load_national(
        counties=5 if quick else 21,
        municipalities=30 if quick else 290,
        desos=n_areas,
        indicators=10,
        years=1,
    )
    _log(f"load_national: {observations:,} observations in {time.perf_counter() - start:.0f} s")
    if backend == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    deso = Area.objects.filter(level=AreaLevel.DESO, code__startswith="S").order_by("code").first()
    assert deso is not None
    url = f"/metoder/liknande-omraden/{deso.code}/"
    client = Client()
    for visit, empty in (
        ("the matrix cached", ("pages",)),
        ("cold (the matrix read from the database)", ("pages", "default")),
    ):
        times, queries = F._timed_requests(client, url, empty=empty)
        name = f"{backend}: areas like mine page, {n_areas:,} DeSO × 10 indicators, {visit}"
        median, p95 = statistics.median(times), F._p95(times)
        _log(f"{name}: median {median:.1f} ms, p95 {p95:.1f} ms, {queries} queries")
        judged = visit == "the matrix cached"
        rows += [
            _row(name, f"median of {F.REQUESTS}", median, "ms"),
            _row(name, "p95", p95, "ms", f"<= {GOAL_SIMILAR_MS:g}", p95 <= GOAL_SIMILAR_MS)
            if judged
            else {**_row(name, "p95", p95, "ms"), "ok": None},
            {**_row(name, "SQL queries", queries, "queries"), "ok": None},
        ]
    caches["default"].clear()
    return rows


CHILDREN = {"method_page": measure_method_page, "similar": measure_similar}


def run() -> list[dict[str, Any]]:
    return F.run_children(__file__, CHILDREN, "bench_methods_")


if __name__ == "__main__":
    F.main_for(__file__, CHILDREN, "bench_methods_", sys.argv[1:])
