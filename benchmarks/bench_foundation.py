"""Benchmarks for the foundation: importing observations and the area profile, on SQLite and
on PostgreSQL. `python benchmarks/bench_foundation.py` prints the rows as JSON.

Each measurement runs in a fresh child process (clean memory high-water mark, clean Django)
against a fresh database: a temporary SQLite file, and a throw-away PostgreSQL server started
by scripts/with-postgres (skipped with a MISS row when PostgreSQL is not installed). The
project's own database (var/grogrund.sqlite3) is never touched.

Pages are timed in three states of the caches (VISITS): a repeat visit (the visitor's
whole page kept, grogrund.core.page_cache), a first visit (the figures cached for visitors
who see the same data, the visitor's page rendered) and cold (nothing cached). The latency
goal is judged on the repeat visit, the state a median over repeated requests of one page
measures; the others are reported beside it.

BENCH_QUICK=1 shrinks the national data set (600 DeSO, 10 indicators) and skips the slow
executemany reference on PostgreSQL, for trying things out.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MARK = "BENCH_ROWS "

IMPORT_AREAS, IMPORT_INDICATORS, IMPORT_YEARS = 1_000, 40, 25  # 1,000,000 observations
GOAL_IMPORT_SECONDS = 15.0
GOAL_IMPORT_RATIO = 2.0
REQUESTS = 30
GOAL_PROFILE_RATIO = 3.0
GOAL_PROFILE_QUERIES = 20
CUSTOM_MEMBERS = 10


def _row(
    benchmark: str, metric: str, value: Any, unit: str, goal: str = "", ok: bool | None = True
) -> dict[str, Any]:
    if isinstance(value, float):
        value = round(value, 3)
    return {
        "benchmark": benchmark,
        "metric": metric,
        "value": value,
        "unit": unit,
        "goal": goal,
        "ok": ok,
    }


def _log(text: str) -> None:
    print(f"   [{os.environ.get('BENCH_BACKEND', '?')}] {text}", file=sys.stderr, flush=True)


# --- the child: one measurement against DATABASE_URL ---------------------------------------


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grogrund.test_settings")
    os.environ["ALLOWED_HOSTS"] = "testserver"  # Django's test Client
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def _maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _clear_observations() -> None:
    from django.db import connection

    from grogrund.areas.models import Observation

    table = Observation._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {table}")
            cursor.execute(f"VACUUM ANALYZE {table}")
        else:
            cursor.execute(f"DELETE FROM {table}")


# --- the bare inserts an import is measured against -----------------------------------------


def bare_insert_executemany(rows: Iterator[tuple[Any, ...]]) -> None:
    """The observation rows (services.COLUMNS) in one transaction, by executemany in batches."""
    from django.db import connection, transaction

    from grogrund.areas.models import Observation
    from grogrund.areas.services import COLUMNS

    marks = ", ".join(["?" if connection.vendor == "sqlite" else "%s"] * len(COLUMNS))
    insert = f"INSERT INTO {Observation._meta.db_table} ({', '.join(COLUMNS)}) VALUES ({marks})"
    with transaction.atomic():
        connection.ensure_connection()
        cursor = connection.connection.cursor()
        while batch := [row for _, row in zip(range(5_000), rows, strict=False)]:
            cursor.executemany(insert, batch)


def bare_insert_copy(rows: Iterator[tuple[Any, ...]]) -> None:
    """PostgreSQL: the rows by text COPY."""
    from django.db import connection, transaction

    from grogrund.areas.models import Observation
    from grogrund.areas.services import COLUMNS

    table, cols = Observation._meta.db_table, ", ".join(COLUMNS)
    with transaction.atomic(), connection.cursor() as wrapper:
        with wrapper.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def bare_insert_copy_binary(rows: Iterator[tuple[Any, ...]]) -> None:
    """PostgreSQL: the same tricks as the import (binary COPY, no per-row foreign-key
    triggers), so that the ratio compares like with like."""
    from django.db import connection, transaction

    from grogrund.areas.models import Observation
    from grogrund.areas.services import COLUMNS, _column_types

    table, cols = Observation._meta.db_table, ", ".join(COLUMNS)
    with transaction.atomic(), connection.cursor() as wrapper:
        cursor = wrapper.cursor
        cursor.execute("SET LOCAL session_replication_role = replica")
        types = _column_types(cursor, table)
        with cursor.copy(f"COPY {table} ({cols}) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(types)
            for row in rows:
                copy.write_row(row)


def measure_import() -> list[dict[str, Any]]:
    from django.db import connection
    from django.utils import timezone

    from grogrund.accounts.models import Organisation, OrganisationKind
    from grogrund.areas.models import Area, AreaLevel, Indicator, Observation
    from grogrund.areas.services import import_observations
    from grogrund.sources.records import Location, ObservationRecord

    backend = connection.vendor
    total = IMPORT_AREAS * IMPORT_INDICATORS * IMPORT_YEARS
    name = f"{backend}: import {total:,} observations"
    owner = Organisation.objects.create(
        slug="bench", name="Benchmark", kind=OrganisationKind.STATE_AGENCY
    )
    Area.objects.bulk_create(
        Area(code=f"B{i:05d}", name=f"Bench {i}", level=AreaLevel.DESO) for i in range(IMPORT_AREAS)
    )
    Indicator.objects.bulk_create(
        Indicator(code=f"bench_{i:02d}", name_sv=f"B {i}", name_en=f"B {i}", kind="share")
        for i in range(IMPORT_INDICATORS)
    )
    areas = dict(Area.objects.filter(code__startswith="B").values_list("code", "id"))
    indicators = dict(Indicator.objects.filter(code__startswith="bench_").values_list("code", "id"))
    years = [str(2000 + y) for y in range(IMPORT_YEARS)]
    source = "Benchmark (synthetic)"
    location = Location(file="bench")

    def cells() -> Iterator[tuple[str, str, str, float, float, float]]:
        for i, area in enumerate(areas):
            for j, ind in enumerate(indicators):
                for y, year in enumerate(years):
                    den = 1000.0 + i + y
                    num = float((i * 7 + j * 13 + y) % 900)
                    yield area, ind, year, num / den, num, den

    def records() -> Iterator[ObservationRecord]:
        for area, ind, year, value, num, den in cells():
            yield ObservationRecord(area, ind, year, value, num, den, source, location)

    rss_before = _maxrss_mib()
    start = time.perf_counter()
    result = import_observations(
        records=records(), owner=owner, dataset_name="bench", source=source
    )
    import_seconds = time.perf_counter() - start
    rss_delta = _maxrss_mib() - rss_before
    assert result.created == total, result
    _log(f"import_observations: {import_seconds:.1f} s, maxrss +{rss_delta:.0f} MiB")

    retrieved = connection.ops.adapt_datetimefield_value(timezone.now())
    dataset_id = result.dataset.pk

    def tuples() -> Iterator[tuple[Any, ...]]:
        for area, ind, year, value, num, den in cells():
            yield (
                dataset_id,
                areas[area],
                indicators[ind],
                year,
                value,
                num,
                den,
                source,
                retrieved,
                "",
            )

    def bare_executemany() -> None:
        bare_insert_executemany(tuples())

    def bare_copy() -> None:
        bare_insert_copy(tuples())

    def bare_copy_binary_no_triggers() -> None:
        bare_insert_copy_binary(tuples())

    bare: dict[str, float] = {}
    methods: list[tuple[str, Callable[[], None]]] = []
    if backend == "sqlite" or not os.environ.get("BENCH_QUICK"):
        methods.append(("executemany", bare_executemany))  # minutes on PostgreSQL
    if backend == "postgresql":
        methods.append(("COPY", bare_copy))
        methods.append(("COPY binary, no row triggers", bare_copy_binary_no_triggers))
    for label, fn in methods:
        _clear_observations()
        start = time.perf_counter()
        fn()
        bare[label] = time.perf_counter() - start
        assert Observation.objects.count() == total
        _log(f"bare {label}: {bare[label]:.1f} s")
    # The reference is the fastest way to get the same rows in.
    reference = min(bare, key=lambda k: bare[k])
    ratio = import_seconds / bare[reference]
    rows = [
        _row(
            name,
            "import_observations",
            import_seconds,
            "s",
            f"<= {GOAL_IMPORT_SECONDS:g}",
            import_seconds <= GOAL_IMPORT_SECONDS,
        ),
        _row(name, "rows_per_second", total / import_seconds, "rows/s"),
        _row(name, "peak_memory (maxrss delta)", rss_delta, "MiB"),
    ]
    for label, seconds in bare.items():
        mark = " (reference)" if label == reference else ""
        rows.append(_row(name, f"bare {label}{mark}", seconds, "s"))
    rows.append(
        _row(
            name,
            f"ratio import / bare {reference}",
            ratio,
            "x",
            f"<= {GOAL_IMPORT_RATIO:g}",
            ratio <= GOAL_IMPORT_RATIO,
        )
    )
    for label, seconds in bare.items():
        if label != reference:
            rows.append(_row(name, f"ratio import / bare {label}", import_seconds / seconds, "x"))
    return rows


def _sizes() -> dict[str, int]:
    if os.environ.get("BENCH_QUICK"):
        return {"counties": 5, "municipalities": 30, "desos": 600, "indicators": 10, "years": 15}
    return {"counties": 21, "municipalities": 290, "desos": 6000, "indicators": 40, "years": 15}


# How a page is asked for: the caches emptied before each request (see VISITS).
REPEAT = "repeat visit"
FIRST = "first visit"
COLD = "cold"
VISITS = {
    # The visitor sees the page again and nothing changed: the whole page is kept for them
    # (grogrund.core.page_cache). The state a page median over repeated requests measures,
    # and the one the latency goal is judged on.
    REPEAT: (),
    # The visitor's first sight of the page since the data last changed: their page is
    # rendered, around figures already cached for visitors who see the same data.
    FIRST: ("pages",),
    # Nothing cached: everything computed from the database, as after an import.
    COLD: ("pages", "profiles", "default"),
}


def _timed_requests(client: Any, url: str, *, empty: Iterable[str] = ()) -> tuple[list[float], int]:
    """Timings of REQUESTS requests with the caches `empty` emptied before each one, and the
    number of SQL queries of one more such request."""
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def clear() -> None:
        for alias in empty:
            caches[alias].clear()

    for _ in range(2):  # warm up: templates, translations, the query planner, the CSRF cookie
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(REQUESTS):
        clear()
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return times, len(queries.captured_queries)


def page_rows(
    name: str, visit: str, times: list[float], queries: int, trivial: float, *, judged: bool = True
) -> list[dict[str, Any]]:
    """The rows of one page in one state of the caches. For a page the issues set goals for
    (`judged`), latency is judged on a repeat visit and the query count on every visit; the
    other figures are reported beside them."""
    median = statistics.median(times)
    ratio = median / trivial
    latency = {**_row(name, "median / trivial view", ratio, "x"), "ok": None}
    count = {**_row(name, "SQL queries", queries, "queries"), "ok": None}
    if judged and visit == REPEAT:
        goal = f"<= {GOAL_PROFILE_RATIO:g}"
        latency = _row(name, "median / trivial view", ratio, "x", goal, ratio <= GOAL_PROFILE_RATIO)
    if judged:
        goal = f"<= {GOAL_PROFILE_QUERIES}"
        count = _row(name, "SQL queries", queries, "queries", goal, queries <= GOAL_PROFILE_QUERIES)
    return [
        _row(name, f"median of {REQUESTS}", median, "ms"),
        _row(name, "p95", _p95(times), "ms"),
        latency,
        count,
    ]


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def measure_profile() -> list[dict[str, Any]]:
    from django.db import connection
    from django.test import Client

    from grogrund.accounts.models import Organisation, User
    from grogrund.areas.demo.national import load_national
    from grogrund.areas.models import Area, AreaLevel, Observation

    backend = connection.vendor
    sizes = _sizes()
    start = time.perf_counter()
    observations = load_national(**sizes)
    load_seconds = time.perf_counter() - start
    _log(f"load_national: {observations:,} observations in {load_seconds:.0f} s")
    if backend == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Observation._meta.db_table}")
    scale = f"{sizes['desos']:,} DeSO, {observations:,} obs"
    rows = [_row(f"{backend}: load_national ({scale})", "seconds", load_seconds, "s")]

    # The municipality with the most DeSOs, and a custom area of ten of them.
    desos = list(
        Area.objects.filter(level=AreaLevel.DESO, code__startswith="S")
        .order_by("code")
        .values_list("code", "parent__code")
    )
    by_muni: dict[str, list[str]] = {}
    for code, parent in desos:
        by_muni.setdefault(parent, []).append(code)
    muni = max(by_muni, key=lambda m: len(by_muni[m]))
    owner = Organisation.objects.get(slug="syntetisk-statistik")
    custom = Area.objects.create(
        code="bench-custom", name="Bench area", level=AreaLevel.CUSTOM, owner=owner, is_public=True
    )
    custom.members.set(Area.objects.filter(code__in=by_muni[muni][:CUSTOM_MEMBERS]))
    user = User.objects.create_user("bench", password="bench-password-not-secret")
    client = Client()
    client.force_login(user)

    trivial_times, _queries = _timed_requests(client, "/health/trivial/")
    trivial = statistics.median(trivial_times)
    _log(f"trivial view: median {trivial:.1f} ms")
    rows += [
        _row(f"{backend}: trivial view /health/trivial/", f"median of {REQUESTS}", trivial, "ms"),
        _row(f"{backend}: trivial view /health/trivial/", "p95", _p95(trivial_times), "ms"),
    ]
    pages = {
        "profile of a DeSO": f"/omraden/{by_muni[muni][0]}/",
        "profile of a municipality": f"/omraden/{muni}/",
        f"profile of a custom area ({CUSTOM_MEMBERS} DeSO)": "/omraden/bench-custom/",
    }
    for label, url in pages.items():
        for visit, empty in VISITS.items():
            times, queries = _timed_requests(client, url, empty=empty)
            _log(f"{label} ({visit}): median {statistics.median(times):.1f} ms, {queries} queries")
            rows += page_rows(f"{backend}: {label}, {visit}", visit, times, queries, trivial)
    return rows


CHILDREN: dict[str, Callable[[], list[dict[str, Any]]]] = {
    "import": measure_import,
    "profile": measure_profile,
}


# --- the parent: start the children ---------------------------------------------------------


def _child(script: str, part: str, database_url: str, backend: str) -> list[dict[str, Any]]:
    """Run one measurement of `script` in a fresh process on its own database."""
    env = {**os.environ, "DATABASE_URL": database_url, "BENCH_BACKEND": backend}
    proc = subprocess.run(
        [sys.executable, script, "--child", part],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    for line in proc.stdout.splitlines():
        if line.startswith(MARK):
            return json.loads(line[len(MARK) :])
    return [_row(f"{backend}: {part}", "error", f"exit {proc.returncode}", "", "runs", False)]


def _postgres_children(script: str, children: Iterable[str], prefix: str) -> list[dict[str, Any]]:
    """Runs inside scripts/with-postgres: one fresh database per measurement."""
    import psycopg

    base = os.environ["DATABASE_URL"]
    rows: list[dict[str, Any]] = []
    for part in children:
        database = f"{prefix}{part}"
        with psycopg.connect(base.replace("postgres://", "postgresql://"), autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {database}")
            c.execute(f"CREATE DATABASE {database}")
        rows += _child(script, part, base.replace("/postgres?", f"/{database}?"), "postgresql")
    return rows


def _has_postgres() -> bool:
    if shutil.which("initdb"):
        return True
    return any(Path("/usr/lib/postgresql").glob("*/bin/initdb"))


def run_children(script: str, children: Iterable[str], prefix: str) -> list[dict[str, Any]]:
    """Every measurement of `script` on SQLite, then on a throw-away PostgreSQL (if installed;
    BENCH_SQLITE_ONLY=1 skips it)."""
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="grogrund-bench-") as tmp:
        for part in children:
            rows += _child(script, part, f"sqlite:///{Path(tmp) / part}.sqlite3", "sqlite")
    if os.environ.get("BENCH_SQLITE_ONLY"):
        return rows
    if not _has_postgres():
        rows.append(_row("postgresql", "skipped", "PostgreSQL not installed", "", "runs", False))
        return rows
    proc = subprocess.run(
        [str(ROOT / "scripts" / "with-postgres"), sys.executable, script, "--postgres"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    for line in proc.stdout.splitlines():
        if line.startswith(MARK):
            return rows + json.loads(line[len(MARK) :])
    return [*rows, _row("postgresql", "error", f"exit {proc.returncode}", "", "runs", False)]


def main_for(
    script: str,
    children: dict[str, Callable[[], list[dict[str, Any]]]],
    prefix: str,
    argv: list[str],
) -> None:
    """The command line of a benchmark module: `--child PART`, `--postgres`, or everything."""
    if argv[:1] == ["--child"]:
        _setup_django()
        print(MARK + json.dumps(children[argv[1]](), ensure_ascii=False), flush=True)
    elif argv[:1] == ["--postgres"]:
        rows = _postgres_children(script, children, prefix)
        print(MARK + json.dumps(rows, ensure_ascii=False), flush=True)
    else:
        print(json.dumps(run_children(script, children, prefix), indent=2, ensure_ascii=False))


def run() -> list[dict[str, Any]]:
    return run_children(__file__, CHILDREN, "bench_")


if __name__ == "__main__":
    main_for(__file__, CHILDREN, "bench_", sys.argv[1:])
