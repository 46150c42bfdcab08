"""Benchmarks for the exports (issue 12): `python benchmarks/bench_exports.py`.

The area profile of the municipality with the most DeSO at national scale (grogrund demo
--scale national: ≈ 6,000 DeSO, 40 indicators × 15 years; its figures computed from all its
DeSO where it has none of its own) exported as XLSX: the whole download through the web
(read the profile with the visitor's rights, build the tables, write the workbook), the
workbook writing alone, and the CSV. Goal: the XLSX download ≤ 2 s median, the goal issue 12
sets for the area profile report at national scale; peak memory reported beside it.

Each measurement runs in a fresh process on its own database, SQLite and PostgreSQL, as
bench_foundation does (BENCH_QUICK=1 shrinks the data set, BENCH_SQLITE_ONLY=1 skips
PostgreSQL).
"""

from __future__ import annotations

import statistics
import sys
import time
from typing import Any

from bench_foundation import _log, _maxrss_mib, _row, _sizes, main_for, run_children

RUNS = 5
GOAL_XLSX_SECONDS = 2.0


def _median_seconds(work: Any, runs: int = RUNS) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def measure_profile_export() -> list[dict[str, Any]]:
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client

    from grogrund.accounts.models import User
    from grogrund.areas.demo.national import load_national
    from grogrund.areas.exports import profile_export
    from grogrund.areas.models import Area, AreaLevel, Observation
    from grogrund.core.exports import to_csv, to_xlsx

    backend = connection.vendor
    sizes = _sizes()
    start = time.perf_counter()
    observations = load_national(**sizes)
    _log(f"load_national: {observations:,} observations in {time.perf_counter() - start:.0f} s")
    if backend == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Observation._meta.db_table}")
    parents = list(
        Area.objects.filter(level=AreaLevel.DESO, code__startswith="S").values_list(
            "parent__code", flat=True
        )
    )
    code = max(set(parents), key=parents.count)
    desos = parents.count(code)
    area = Area.objects.get(code=code)
    user = User.objects.create_user("bench", password="bench-password-not-secret")
    client = Client()
    client.force_login(user)
    url = f"/omraden/{code}/omradesprofil.xlsx"
    name = f"{backend}: area profile of a municipality ({desos} DeSO, {observations:,} obs)"

    def download() -> bytes:
        for alias in ("pages", "profiles", "default"):
            caches[alias].clear()
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return bytes(response.content)

    download()  # warm up: imports, translations, the query planner
    seconds, content = _median_seconds(download)
    export = profile_export(area, user)
    write, _content = _median_seconds(lambda: to_xlsx(export))
    csv_seconds, _csv = _median_seconds(lambda: to_csv(export))
    rows = {t.key: len(t.rows) for t in export.tables}
    _log(f"{name}: XLSX {seconds:.2f} s (writing {write:.2f} s), rows {rows}")
    return [
        _row(
            name,
            f"XLSX download, median of {RUNS}",
            seconds,
            "s",
            f"<= {GOAL_XLSX_SECONDS:g}",
            seconds <= GOAL_XLSX_SECONDS,
        ),
        _row(name, "writing the workbook alone", write, "s"),
        _row(name, "CSV of the gap table", csv_seconds, "s"),
        _row(name, "workbook size", len(content) / 1024, "KiB"),
        _row(name, "rows (gaps + trends)", rows.get("gaps", 0) + rows.get("series", 0), "rows"),
        _row(name, "peak memory of the process", _maxrss_mib(), "MiB"),
    ]


CHILDREN = {"profile_export": measure_profile_export}


def run() -> list[dict[str, Any]]:
    return run_children(__file__, CHILDREN, "bench_exports_")


if __name__ == "__main__":
    main_for(__file__, CHILDREN, "bench_exports_", sys.argv[1:])
