"""Benchmarks for real statistics (issue 9): `python benchmarks/bench_statistics.py`.

- The area registry loaded into an empty database (goal ≤ 5 s), and a second load that must
  change nothing.
- A wide Statistikdatabasen-style CSV of 1,000,000 rows (regions as "code name" labels, a
  filter column Kön, an indicator column, two years as columns: 2,000,000 figures), read
  through the web/CLI path (`areas.readers.open_records`) and imported: goal ≤ 2× the bare
  insert of the same rows, peak memory ≤ 300 MB.

Each measurement runs in a fresh process on its own database, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bench_foundation import (
    _clear_observations,
    _log,
    _maxrss_mib,
    _row,
    bare_insert_copy_binary,
    bare_insert_executemany,
    main_for,
    run_children,
)

GOAL_REGISTRY_SECONDS = 5.0
WIDE_ROWS = 1_000_000
YEARS = ("2022", "2023")
GOAL_WIDE_RATIO = 2.0
GOAL_WIDE_PEAK_MIB = 300.0


def measure_registry() -> list[dict[str, Any]]:
    from django.db import connection

    from grogrund.areas.models import Area, AreaLevel
    from grogrund.areas.registry.loader import load_registry
    from grogrund.core.generation import current

    backend = connection.vendor
    # The migration loaded it already: empty the registry first, children before parents.
    for level in (
        AreaLevel.DESO,
        AreaLevel.REGSO,
        AreaLevel.MUNICIPALITY,
        AreaLevel.COUNTY,
        AreaLevel.COUNTRY,
    ):
        Area.objects.filter(level=level).delete()
    start = time.perf_counter()
    first = load_registry()
    seconds = time.perf_counter() - start
    generation = current()
    start = time.perf_counter()
    second = load_registry()
    again = time.perf_counter() - start
    unchanged = second.created == 0 and second.updated == 0 and current() == generation
    name = f"{backend}: area registry"
    return [
        _row(
            name,
            f"load into an empty database ({first.created:,} areas)",
            seconds,
            "s",
            f"<= {GOAL_REGISTRY_SECONDS:g}",
            seconds <= GOAL_REGISTRY_SECONDS,
        ),
        _row(name, "second load", again, "s", "changes nothing", unchanged),
    ]


def _write_wide_csv(path: Path, labels: list[str], indicators: list[str]) -> int:
    """Statistikdatabasen's 'tabell med radrubriker' shape, in Windows-1252 with CR LF."""
    rows = 0
    with path.open("w", encoding="cp1252", newline="") as fh:
        fh.write('"region";"kön";"indikator";"Antal 2022";"Antal 2023"\r\n')
        while rows < WIDE_ROWS:
            for label in labels:
                for code in indicators:
                    if rows == WIDE_ROWS:
                        return rows
                    n = rows % 9973
                    fh.write(f'"{label}";"totalt";"{code}";{n};{n + 7}\r\n')
                    rows += 1
    return rows


def measure_wide_csv() -> list[dict[str, Any]]:
    from django.db import connection
    from django.utils import timezone

    from grogrund.accounts.models import Organisation, OrganisationKind
    from grogrund.areas import services
    from grogrund.areas.models import Area, AreaLevel, Indicator, Observation
    from grogrund.areas.readers import ReadRequest, open_records

    backend = connection.vendor
    name = f"{backend}: wide CSV, {WIDE_ROWS:,} rows × {len(YEARS)} years"
    owner = Organisation.objects.create(
        slug="bench-wide", name="Benchmark", kind=OrganisationKind.STATE_AGENCY
    )
    areas = list(
        Area.objects.filter(level__in=[AreaLevel.DESO, AreaLevel.REGSO])
        .order_by("code")
        .values_list("code", "name", "id")
    )
    per_area = -(-WIDE_ROWS // len(areas))
    Indicator.objects.bulk_create(
        Indicator(code=f"wide_{i:03d}", name_sv=f"W {i}", name_en=f"W {i}", kind="count")
        for i in range(per_area)
    )
    indicators = dict(Indicator.objects.filter(code__startswith="wide_").values_list("code", "id"))
    codes = sorted(indicators)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "statistikdatabasen.csv"
        _write_wide_csv(path, [f"{code} {label}" for code, label, _ in areas], codes)
        request = ReadRequest(
            kind="csv",
            files=[path],
            mapping={
                "area_code": "region",
                "indicator_code": "indikator",
                "period_columns": "auto",
                "filters": {"kön": "totalt"},
            },
            source="Benchmark (synthetic)",
        )
        rss_before = _maxrss_mib()
        start = time.perf_counter()
        plan = open_records(request)
        result = services.import_observations(
            records=plan.records, owner=owner, dataset_name="wide", source=plan.source
        )
        import_seconds = time.perf_counter() - start
        peak = _maxrss_mib() - rss_before
    total = WIDE_ROWS * len(YEARS)
    assert result.created == total, result
    _log(f"wide import: {import_seconds:.1f} s, maxrss +{peak:.0f} MiB")

    retrieved = connection.ops.adapt_datetimefield_value(timezone.now())
    dataset_id = result.dataset.pk
    area_ids = [area_id for _, _, area_id in areas]

    def tuples() -> Iterator[tuple[Any, ...]]:
        rows = 0
        while rows < WIDE_ROWS:
            for area_id in area_ids:
                for code in codes:
                    if rows == WIDE_ROWS:
                        return
                    n = rows % 9973
                    for y, year in enumerate(YEARS):
                        yield (
                            dataset_id,
                            area_id,
                            indicators[code],
                            year,
                            float(n + 7 * y),
                            None,
                            None,
                            "Benchmark (synthetic)",
                            retrieved,
                            "",
                        )
                    rows += 1

    def bare() -> None:
        if backend == "sqlite":
            bare_insert_executemany(tuples())
        else:
            bare_insert_copy_binary(tuples())

    _clear_observations()
    start = time.perf_counter()
    bare()
    bare_seconds = time.perf_counter() - start
    assert Observation.objects.count() == total
    label = "executemany" if backend == "sqlite" else "COPY binary, no row triggers"
    ratio = import_seconds / bare_seconds
    return [
        _row(name, "read + import", import_seconds, "s"),
        _row(name, f"bare {label} of the same rows", bare_seconds, "s"),
        _row(name, "ratio import / bare", ratio, "x", f"<= {GOAL_WIDE_RATIO:g}", ratio <= 2),
        _row(
            name,
            "peak memory (maxrss delta)",
            peak,
            "MiB",
            f"<= {GOAL_WIDE_PEAK_MIB:g}",
            peak <= GOAL_WIDE_PEAK_MIB,
        ),
    ]


CHILDREN: dict[str, Callable[[], list[dict[str, Any]]]] = {
    "registry": measure_registry,
    "wide_csv": measure_wide_csv,
}


def run() -> list[dict[str, Any]]:
    return run_children(__file__, CHILDREN, "bench_statistics_")


if __name__ == "__main__":
    main_for(__file__, CHILDREN, "bench_statistics_", sys.argv[1:])
