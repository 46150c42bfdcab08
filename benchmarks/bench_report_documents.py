"""Benchmark of the area profile report and the valuation report (issue 12), on SQLite and
PostgreSQL. `python benchmarks/bench_report_documents.py` prints the rows as JSON.

- The area profile report at national scale: the national synthetic statistics of
  grogrund.areas.demo.national (≈ 6,000 DeSO, 40 indicators × 15 years, as `grogrund demo
  --scale national` loads them), reported for a DeSO, the municipality with the most DeSO, a
  county and the country. One report is its figures read through the profile's selector, its
  context (charts and formatting) and the tagged PDF. Goal (issue 12): median ≤ 2 s.
- The valuation report of the demo's valuation of a whole programme (socio-economic, with
  ranges: Monte Carlo simulation and tornado), its result cached as the valuation's page keeps
  it. Reported, no goal set.

Each measurement runs in a fresh child process against a fresh database, as in
bench_foundation.py (whose helpers are reused). BENCH_QUICK=1 shrinks the national data set.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Any

import bench_foundation as F

HERE = Path(__file__).resolve().parent
GOAL_AREA_REPORT_SECONDS = 2.0
RUNS = 5


_row, _log = F._row, F._log


def _timed_report(key: str, user: Any, pk: int) -> dict[str, Any]:
    """One report of kind `key` about `pk`, made as the reports app makes it, timed by step."""
    from grogrund.reports import kinds
    from grogrund.reports.pdf import html_to_pdf, render_html

    kind = kinds.get(key)
    cpu = time.process_time()
    start = time.perf_counter()
    subject = kind.subject(user, pk)
    figures = kind.figures(user=user, subject=subject, period=None)
    read = time.perf_counter()
    context = kind.context(figures, language="sv")
    html = render_html(kind.template, context, language="sv")
    drawn = time.perf_counter()
    pdf = html_to_pdf(html, title=kind.title(figures), language="sv")
    done = time.perf_counter()
    return {
        "cpu": time.process_time() - cpu,
        "figures": read - start,
        "html": drawn - read,
        "pdf": done - drawn,
        "total": done - start,
        "bytes": len(pdf),
        "pages": _pages(pdf),
    }


def _pages(pdf: bytes) -> int:
    import io

    try:
        from pypdf import PdfReader
    except ImportError:  # pypdf is a test dependency
        return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _runs(name: str, key: str, user: Any, pk: int, *, goal: float | None) -> list[dict[str, Any]]:
    _timed_report(key, user, pk)  # warm up: templates, translations, fonts, the query planner
    runs = [_timed_report(key, user, pk) for _ in range(RUNS)]
    median = {
        k: statistics.median(r[k] for r in runs) for k in ("figures", "html", "pdf", "total", "cpu")
    }
    _log(
        f"{name}: median {median['total']:.2f} s (figures {median['figures']:.2f}, "
        f"HTML {median['html']:.2f}, PDF {median['pdf']:.2f}; CPU {median['cpu']:.2f} s), "
        f"{runs[0]['pages']} pages"
    )
    metric = f"median of {RUNS}, figures + HTML + PDF"
    total = {**_row(name, metric, median["total"], "s"), "ok": None}  # reported, no goal
    if goal is not None:
        total = _row(name, metric, median["total"], "s", f"<= {goal:g}", median["total"] <= goal)
    return [
        total,
        # The process's own CPU time: what the report costs when the machine is shared.
        {**_row(name, "CPU time, figures + HTML + PDF", median["cpu"], "s"), "ok": None},
        {**_row(name, "figures (selectors)", median["figures"], "s"), "ok": None},
        {**_row(name, "context and HTML", median["html"], "s"), "ok": None},
        {**_row(name, "PDF (WeasyPrint)", median["pdf"], "s"), "ok": None},
        {**_row(name, "pages", runs[0]["pages"], "pages"), "ok": None},
        {**_row(name, "PDF size", runs[0]["bytes"] / 1024, "KiB"), "ok": None},
    ]


def measure_area_report() -> list[dict[str, Any]]:
    from django.db import connection

    from grogrund.accounts.models import User
    from grogrund.areas.demo.national import load_national
    from grogrund.areas.models import Area, AreaLevel, Observation

    backend = connection.vendor
    sizes = F._sizes()
    start = time.perf_counter()
    observations = load_national(**sizes)
    _log(f"load_national: {observations:,} observations in {time.perf_counter() - start:.0f} s")
    if backend == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Observation._meta.db_table}")
    desos = list(
        Area.objects.filter(level=AreaLevel.DESO, code__startswith="S")
        .order_by("code")
        .values_list("pk", "parent_id")
    )
    by_muni: dict[int, list[int]] = {}
    for pk, parent in desos:
        by_muni.setdefault(parent, []).append(pk)
    muni = max(by_muni, key=lambda m: len(by_muni[m]))
    county = Area.objects.get(pk=muni).parent_id
    country = Area.objects.get(code="00").pk
    user = User.objects.create_user("bench", password="bench-password-not-secret")
    scale = f"{sizes['desos']:,} DeSO, {sizes['indicators']} indicators, {observations:,} obs"
    rows = [_row(f"{backend}: area profile report at national scale", "data", scale, "")]
    subjects = {
        "a DeSO": by_muni[muni][0],
        f"the municipality with the most DeSO ({len(by_muni[muni])})": muni,
        "a county": county,
        "the country": country,
    }
    for label, pk in subjects.items():
        rows += _runs(
            f"{backend}: area profile report of {label}",
            "area",
            user,
            pk,
            goal=GOAL_AREA_REPORT_SECONDS,
        )
    return rows


def measure_valuation_report() -> list[dict[str, Any]]:
    from django.db import connection

    from grogrund.accounts.models import Membership, Organisation, Role, User, Visibility
    from grogrund.programmes.models import Programme
    from grogrund.valuations import services
    from grogrund.valuations.demo import DEMO_VALUATIONS

    backend = connection.vendor
    owner = Organisation.objects.create(
        slug="bench-valuation", name="Benchmark bostäder", kind="housing_company"
    )
    user = User.objects.create_user("bench", password="bench-password-not-secret")
    Membership.objects.create(user=user, organisation=owner, role=Role.EDITOR)
    programme = Programme.objects.create(
        owner=owner, name="Benchmark", visibility=Visibility.PRIVATE, start_year=2025
    )
    name, _initiative, make = next(v for v in DEMO_VALUATIONS if v[1] is None)
    start = time.perf_counter()
    valuation = services.create_valuation(
        user=user, programme=programme, name=name, model={"name": name, **make(2025)}
    )
    computed = time.perf_counter() - start
    sim = (valuation.result or {}).get("simulation") or {}
    label = f"{backend}: valuation report ({name}, {sim.get('draws', 0):,} simulations)"
    return [
        {**_row(label, "result computed and cached once", computed, "s"), "ok": None},
        *_runs(label, "valuation", user, valuation.pk, goal=None),
    ]


CHILDREN = {"area": measure_area_report, "valuation": measure_valuation_report}


def run() -> list[dict[str, Any]]:
    return F.run_children(__file__, CHILDREN, "bench_report_documents_")


if __name__ == "__main__":
    F.main_for(__file__, CHILDREN, "bench_report_documents_", sys.argv[1:])
