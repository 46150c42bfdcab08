"""Benchmarks for real statistics (issue 9): `python benchmarks/bench_statistics.py`.

- The area registry loaded into an empty database (goal ≤ 5 s), and a second load that must
  change nothing.
- A wide Statistikdatabasen-style CSV of 1,000,000 rows (regions as "code name" labels, a
  filter column Kön, an indicator column, two years as columns: 2,000,000 figures), read
  through the web/CLI path (`areas.readers.open_records`) and imported: goal ≤ 2× the bare
  insert of the same rows, peak memory ≤ 300 MB.

- Roll-up (issue 9): every DeSO of Sweden with figures for ROLLUP_INDICATORS indicators ×
  ROLLUP_YEARS years and nothing national imported: the country's figures computed from
  its DeSO (every year: the country's own profile), and a DeSO's profile whose municipality,
  county and country are all computed, every year of each (the trend and a goal's baseline).

Each measurement runs in a fresh process on its own database, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
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
# BENCH_WIDE_ROWS=100000 for a quick look (and for profiling); the goal is for 1,000,000.
WIDE_ROWS = int(os.environ.get("BENCH_WIDE_ROWS", "1000000"))
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


# BENCH_ROLLUP_YEARS=2 for a quick look; the measurement is for 8 years.
ROLLUP_INDICATORS = 8
ROLLUP_YEARS = [str(y) for y in range(2016, 2016 + int(os.environ.get("BENCH_ROLLUP_YEARS", "8")))]


def measure_rollup() -> list[dict[str, Any]]:
    from django.db import connection

    from grogrund.accounts.models import Organisation, OrganisationKind, Visibility
    from grogrund.areas import services
    from grogrund.areas.models import Area, AreaLevel, Dataset, Indicator
    from grogrund.areas.profile import build_profile
    from grogrund.areas.rollup import roll_up_parents
    from grogrund.sources.records import Location, ObservationRecord

    backend = connection.vendor
    owner = Organisation.objects.create(
        slug="bench-rollup", name="Benchmark", kind=OrganisationKind.STATE_AGENCY
    )
    kinds = ["share", "share", "share", "share", "share", "count", "mean", "money"]
    Indicator.objects.bulk_create(
        Indicator(
            code=f"roll_{i}",
            name_sv=f"R {i}",
            name_en=f"R {i}",
            kind=kinds[i % 8],
            direction="higher_is_better",
        )
        for i in range(ROLLUP_INDICATORS)
    )
    indicators = list(Indicator.objects.filter(code__startswith="roll_").order_by("code"))
    desos = list(
        Area.objects.filter(level=AreaLevel.DESO, vintage="DeSO2018").values_list("code", flat=True)
    )
    where = Location("bench")

    def records():
        for n, code in enumerate(desos):
            for indicator in indicators:
                for y, year in enumerate(ROLLUP_YEARS):
                    den = 400.0 + (n * 7 + y) % 900
                    if indicator.kind == "share":
                        num = float((n * 13 + y * 5) % int(den))
                        yield ObservationRecord(
                            code, indicator.code, year, num / den, num, den, "SCB", where
                        )
                    elif indicator.kind == "count":
                        yield ObservationRecord(
                            code, indicator.code, year, den, None, None, "SCB", where
                        )
                    elif indicator.kind == "mean":  # a mean with its base
                        value = 1000.0 + (n + y) % 300
                        yield ObservationRecord(
                            code, indicator.code, year, value, None, den, "SCB", where
                        )
                    else:  # money: a total over persons (a median would not be computed)
                        total = den * (1000.0 + (n + y) % 300)
                        yield ObservationRecord(
                            code, indicator.code, year, total / den, total, den, "SCB", where
                        )

    result = services.import_observations(
        records=records(),
        owner=owner,
        dataset_name="rollup",
        source="SCB",
        visibility=Visibility.PUBLIC,
    )
    rows = result.created
    country = Area.objects.get(level=AreaLevel.COUNTRY)
    datasets = Dataset.objects.all()
    ids = [i.id for i in indicators]
    start = time.perf_counter()
    rolled = roll_up_parents(
        parent_ids=[country.id], datasets=datasets, indicator_ids=ids, periods=None
    )
    country_seconds = time.perf_counter() - start
    assert len(rolled) == len(ids) * len(ROLLUP_YEARS), len(rolled)
    # The first share of the first year, summed here from the records' own formula.
    first = ROLLUP_YEARS[0]
    dens = [400.0 + (n * 7) % 900 for n in range(len(desos))]
    nums = [float((n * 13) % int(den)) for n, den in enumerate(dens)]
    [sums] = rolled[(country.id, ids[0], first)].groups
    assert (sums.numerator, sums.denominator, sums.rows) == (sum(nums), sum(dens), len(desos))
    deso = Area.objects.get(code=desos[len(desos) // 2])
    start = time.perf_counter()
    profile = build_profile(deso, None)
    profile_seconds = time.perf_counter() - start
    computed = sum(
        1
        for row in profile.rows
        for chain_area in profile.chain
        for point in row.series.get(chain_area.code, [])
        if point.computed_from
    )
    expected = len(ids) * len(ROLLUP_YEARS) * len(profile.chain)
    name = (
        f"{backend}: roll-up, {len(desos):,} DeSO × {len(ids)} indicators × "
        f"{len(ROLLUP_YEARS)} years ({rows:,} figures)"
    )
    _log(f"roll-up: country {country_seconds:.2f} s, DeSO profile {profile_seconds:.2f} s")
    return [
        _row(name, "Sweden from its DeSO, every year", country_seconds, "s"),
        _row(
            name,
            "DeSO profile, municipality/county/Sweden computed for every year",
            profile_seconds,
            "s",
            f"{expected} computed figures",
            computed == expected,
        ),
    ]


CHILDREN: dict[str, Callable[[], list[dict[str, Any]]]] = {
    "registry": measure_registry,
    "wide_csv": measure_wide_csv,
    "rollup": measure_rollup,
}


def run() -> list[dict[str, Any]]:
    return run_children(__file__, CHILDREN, "bench_statistics_")


if __name__ == "__main__":
    main_for(__file__, CHILDREN, "bench_statistics_", sys.argv[1:])
