"""Benchmark of the programme report (issue 12): a programme with 12 goals measured over 10
years, 10 initiatives with their effect logic and outcome values, 5 valuations (each with
ranges, so with a Monte Carlo simulation and a tornado) and 5 partners' commitments over 10
years. `python benchmarks/bench_reports.py` prints the rows as JSON.

One report is what "Make and store the report" does on the site: the figures read through the
pages' selectors, the document drawn from them (charts, formatting), and the tagged PDF/UA-1
printed with WeasyPrint. Measured for the annual report of the last year (the report a board
gets) and for the whole ten years (every measurement in the tables). The valuations' results
are cached beforehand, as their pages keep them.

Goals (issue 12): the annual report's PDF in ≤ 3 s median of 5, peak memory ≤ 300 MB
(tracemalloc's peak of the Python heap while making one report, plus the process's resident
size for information); the page count is reported. Runs in a fresh child process on a fresh
SQLite database, as in bench_foundation.py (whose helpers are reused); the PDF does not
depend on the database, so PostgreSQL is not repeated here.
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

import bench_foundation as F

HERE = Path(__file__).resolve().parent
GOAL_SECONDS = 3.0
GOAL_MEMORY_MB = 300.0
RUNS = 5
GOALS = 12
YEARS = 10
INITIATIVES = 10
VALUATIONS = 5
PARTNERS = 5
FIRST_YEAR = 2015  # baseline; measured 2016–2025


_row, _log = F._row, F._log


def build_world() -> tuple[Any, Any]:
    """The measured programme and an administrator of its owner."""
    from django.db import transaction

    from grogrund.accounts.models import (
        Membership,
        Organisation,
        OrganisationKind,
        Role,
        User,
        Visibility,
    )
    from grogrund.areas.models import Area, AreaLevel, Indicator
    from grogrund.initiatives.models import (
        EffectLink,
        EffectNode,
        Initiative,
        OutcomeMeasurement,
    )
    from grogrund.partnerships.models import Commitment, CommitmentYear
    from grogrund.programmes.models import Goal, Measurement, Programme, StepStatus
    from grogrund.programmes.steps import STEPS
    from grogrund.valuations.models import Valuation
    from grogrund.valuations.services import refresh_result, starter_model

    with transaction.atomic():
        owner = Organisation.objects.create(
            name="Mätbolaget AB", slug="matbolaget", kind=OrganisationKind.HOUSING_COMPANY
        )
        partners = [
            Organisation.objects.create(
                name=f"Partner {k}", slug=f"partner-{k}", kind=OrganisationKind.COMPANY
            )
            for k in range(1, PARTNERS)
        ]
        user = User.objects.create_user("bench", password="x", first_name="Bänk")
        Membership.objects.create(user=user, organisation=owner, role=Role.ADMIN)
        municipality = Area.objects.filter(level=AreaLevel.MUNICIPALITY).order_by("code")[0]
        area = Area.objects.filter(parent=municipality, level=AreaLevel.DESO).first() or (
            municipality
        )
        programme = Programme.objects.create(
            name="Mätprogrammet",
            owner=owner,
            visibility=Visibility.PARTNERS,
            start_year=FIRST_YEAR + 1,
            horizon_years=YEARS,
            description="Ett program med tolv mål, tio insatser och fem värderingar.",
        )
        programme.areas.set([area])
        programme.shared_with.set(partners)
        indicators = [
            Indicator.objects.create(
                code=f"bench_{k}",
                name_sv=f"Indikator {k} (andel)",
                name_en=f"Indicator {k} (share)",
                kind="share",
                direction="higher_is_better" if k % 3 else "lower_is_better",
                source="SCB (syntetiskt)",
            )
            for k in range(GOALS)
        ]
        goals = []
        for k, ind in enumerate(indicators):
            up = ind.direction == "higher_is_better"
            goals.append(
                Goal.objects.create(
                    programme=programme,
                    area=area,
                    indicator=ind,
                    reference_area=municipality,
                    direction=ind.direction,
                    baseline_year=FIRST_YEAR,
                    deadline_year=FIRST_YEAR + YEARS + 1,
                    baseline_share=0.5 if up else 0.3,
                    reference_share=0.7 if up else 0.1,
                    base=1000 + 100 * k,
                    people_needed=200,
                    share_of_gap=0.5,
                    target_count=100,
                    target_share=0.6 if up else 0.2,
                )
            )
        Measurement.objects.bulk_create(
            Measurement(
                goal=g,
                organisation=owner,
                year=FIRST_YEAR + y,
                value=(0.5 + 0.008 * y * (1 + (k % 4) / 4))
                if g.direction == "higher_is_better"
                else (0.3 - 0.008 * y * (1 + (k % 4) / 4)),
                source=f"SCB (syntetiskt) ({FIRST_YEAR + y})",
            )
            for k, g in enumerate(goals)
            for y in range(1, YEARS + 1)
        )
        stages = [
            ("need", "Många unga vuxna i området saknar arbete och gymnasieutbildning"),
            ("activity", "Jobbcoacher på plats två dagar i veckan"),
            ("activity", "Praktikplatser hos bostadsbolaget och entreprenörerna"),
            ("output", "120 samtal och 30 praktikplatser om året"),
            ("short_term", "Fler deltagare i arbete eller studier efter ett år"),
            ("long_term", "Högre andel förvärvsarbetande i området"),
            ("impact", "Minskat utanförskap och tryggare område"),
            ("assumption", "Arbetsförmedlingen fortsätter att finansiera praktiken"),
        ]
        for i in range(INITIATIVES):
            initiative = Initiative.objects.create(
                programme=programme,
                name=f"Insats {i + 1}: lokalt jobbspår",
                owner=owner if i % 2 else partners[i % len(partners)],
                target_group="Boende 18–29 år utan arbete",
                budget=1_000_000 + 100_000 * i,
                status="running",
                method="Jobbcoacher, praktik och uppföljning",
            )
            nodes = []
            indicator = indicators[i % GOALS]
            up = indicator.direction == "higher_is_better"
            for pos, (stage, text) in enumerate(stages):
                outcome = stage in ("short_term", "long_term")
                nodes.append(
                    EffectNode.objects.create(
                        initiative=initiative,
                        stage=stage,
                        text=text,
                        position=pos,
                        indicator=indicator if outcome else None,
                        baseline_value=0.5 if outcome else None,
                        baseline_year=FIRST_YEAR if outcome else None,
                        target_value=(0.6 if up else 0.4) if outcome else None,
                        target_year=FIRST_YEAR + YEARS if outcome else None,
                        goal=goals[i % GOALS] if stage == "long_term" else None,
                    )
                )
            for a, b in ((0, 1), (0, 2), (1, 3), (2, 3), (3, 4), (4, 5), (5, 6)):
                EffectLink.objects.create(initiative=initiative, source=nodes[a], target=nodes[b])
            OutcomeMeasurement.objects.bulk_create(
                OutcomeMeasurement(
                    initiative=initiative,
                    outcome=nodes[4],
                    year=FIRST_YEAR + y,
                    value=0.5 + (0.01 if up else -0.01) * y,
                    source="Insatsens uppföljning (syntetisk)",
                )
                for y in range(1, YEARS + 1)
            )
        kinds = ["socioeconomic", "sroi", "property", "socioeconomic", "sroi"]
        for v in range(VALUATIONS):
            model = starter_model(
                kinds[v],
                start_year=FIRST_YEAR + 1,
                horizon_years=YEARS,
                name=f"Värdering {v + 1}",
            )
            valuation = Valuation.objects.create(
                programme=programme, name=f"Värdering {v + 1}", model=model
            )
            refresh_result(valuation)  # cached, as the valuation's page keeps it
        for k, org in enumerate([owner, *partners]):
            c = Commitment.objects.create(
                programme=programme,
                organisation=org,
                hourly_cost_sek=500,
                signed_by=user if k % 2 == 0 else None,
            )
            CommitmentYear.objects.bulk_create(
                CommitmentYear(
                    commitment=c,
                    year=FIRST_YEAR + 1 + y,
                    money_sek=200_000 + 10_000 * k,
                    staff_hours=100,
                    in_kind_sek=20_000,
                )
                for y in range(YEARS)
            )
        from django.utils import timezone

        Commitment.objects.filter(signed_by__isnull=False).update(signed_at=timezone.now())
        for s in STEPS[:8]:
            StepStatus.objects.create(
                programme=programme, step=s.code, status="done" if s.number < 6 else "in_progress"
            )
    from grogrund.core.generation import data_changed

    data_changed()
    return programme, user


def _make_once(programme: Any, user: Any, period: Any) -> dict[str, Any]:
    """One report as the site makes it (services.make_report does the same and stores it)."""
    from django.utils import timezone

    from grogrund.reports import kinds
    from grogrund.reports.services import render

    kind = kinds.get("programme")
    start = time.perf_counter()
    cpu = time.process_time()
    subject = kind.subject(user, programme.pk)
    figures = kind.figures(user=user, subject=subject, period=period)
    read = time.perf_counter()
    _title, _html, pdf, pages = render(kind, figures, language="sv", created=timezone.now())
    done = time.perf_counter()
    return {
        "figures": read - start,
        "pdf": done - read,
        "total": done - start,
        "cpu": time.process_time() - cpu,
        "pages": pages,
        "bytes": len(pdf),
    }


def _measure(name: str, programme: Any, user: Any, period: Any, goal: bool) -> list[dict[str, Any]]:
    _make_once(programme, user, period)  # warm: templates, fonts, value bank
    runs = [_make_once(programme, user, period) for _ in range(RUNS)]
    tracemalloc.start()
    _make_once(programme, user, period)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    median = statistics.median(r["total"] for r in runs)
    peak_mb = peak / 2**20
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    _log(f"{name}: median {median:.2f} s, {runs[0]['pages']} pages, peak {peak_mb:.0f} MB")
    return [
        _row(
            name,
            "PDF, median of 5",
            median,
            "s",
            f"≤ {GOAL_SECONDS:g} s" if goal else "",
            median <= GOAL_SECONDS if goal else None,
        ),
        _row(
            name, "of which figures", statistics.median(r["figures"] for r in runs), "s", "", None
        ),
        _row(name, "CPU time, median", statistics.median(r["cpu"] for r in runs), "s", "", None),
        _row(name, "load average while measured", os.getloadavg()[0], "", "", None),
        _row(
            name,
            "peak memory (tracemalloc)",
            peak_mb,
            "MB",
            f"≤ {GOAL_MEMORY_MB:g} MB" if goal else "",
            peak_mb <= GOAL_MEMORY_MB if goal else None,
        ),
        _row(name, "resident size of the process", rss_mb, "MB", "", None),
        _row(name, "pages", runs[0]["pages"], "pages", "", None),
        _row(name, "PDF size", runs[0]["bytes"] / 1024, "kB", "", None),
    ]


def programme_report() -> list[dict[str, Any]]:
    from grogrund.reports.kinds import Period

    _log("building the programme")
    programme, user = build_world()
    last = FIRST_YEAR + YEARS
    rows = _measure("programme report, annual", programme, user, Period.year(last), True)
    whole = Period.year(FIRST_YEAR + 1).start, Period.year(last).end
    rows += _measure("programme report, ten years", programme, user, Period(*whole), False)
    return rows


CHILDREN = {"programme_report": programme_report}


def run() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="grogrund-bench-reports-") as tmp:
        os.environ.setdefault("MEDIA_ROOT", str(Path(tmp) / "media"))
        for part in CHILDREN:
            rows += F._child(__file__, part, f"sqlite:///{Path(tmp) / part}.sqlite3", "sqlite")
    return rows


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        F.main_for(__file__, CHILDREN, "bench_reports_", sys.argv[1:])
    else:
        import json

        print(json.dumps(run(), indent=2, ensure_ascii=False))
