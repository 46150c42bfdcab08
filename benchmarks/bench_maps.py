"""Benchmark of the maps (issue 13): a DeSO choropleth of a large municipality, on SQLite and
PostgreSQL. `python benchmarks/bench_maps.py` prints the rows as JSON.

The data: one municipality of 800 DeSO (Stockholm has about 550) in 80 RegSO, over a
40 × 30 km extent, each DeSO a Voronoi cell with a realistic boundary of 200–2,000 points
(its edges cut into short segments and given a wiggle of up to ~40 m, as boundaries that
follow streets and streams have), written as a GeoPackage the way SCB publishes them; ten
share indicators × 15 years of figures for every DeSO (120,000 observations) in a public
dataset. Measured:

- the boundary import: reading the GeoPackage and storing it, simplified once for the map
  (seconds; points before and after; the simplified copy is what every page draws, so no page
  simplifies);
- the map alone (`/omraden/<DeSO>/karta/`) and the DeSO's profile with its map, at DeSO and
  RegSO level (RegSO figures summed from their DeSO): median and p95 over 30 requests, SQL
  queries, the page's size (most of it the SVG), each in the cache states of
  bench_foundation.VISITS (cold: nothing cached, the map drawn from the database).

Goals (issue 13): ≤ 20 queries; first visit median ≤ 5× the trivial view and p95 ≤ 250 ms.
BENCH_QUICK=1 makes it 200 DeSO.

Each measurement runs in a fresh child process against a fresh database (bench_foundation's
helpers are reused).
"""

from __future__ import annotations

import math
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import bench_foundation as F

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DESO = 800
PER_REGSO = 10
INDICATORS = 10
YEARS = [str(y) for y in range(2010, 2025)]
EXTENT_M = (40_000.0, 30_000.0)
ORIGIN = (660_000.0, 6_560_000.0)
GOAL_RATIO = 5.0
GOAL_P95_MS = 250.0
GOAL_QUERIES = 20


_row, _log = F._row, F._log


def _count() -> int:
    return 200 if os.environ.get("BENCH_QUICK") else DESO


def realistic_cells(n: int, seed: int = 13) -> list[Any]:
    """`n` DeSO-like polygons tiling a 40 × 30 km extent, each with 200–2,000 points."""
    import numpy as np
    import shapely

    rng = random.Random(seed)
    x0, y0 = ORIGIN
    w, h = EXTENT_M
    points = shapely.MultiPoint([(x0 + rng.random() * w, y0 + rng.random() * h) for _ in range(n)])
    frame = shapely.box(x0, y0, x0 + w, y0 + h)
    cells = [c.intersection(frame) for c in shapely.get_parts(shapely.voronoi_polygons(points))]

    def wiggle(xy: Any) -> Any:
        x, y = xy[:, 0], xy[:, 1]
        dx = 25 * np.sin(x / 170.0) * np.cos(y / 230.0) + 12 * np.sin(y / 37.0 + x / 53.0)
        dy = 25 * np.cos(x / 210.0) * np.sin(y / 190.0) + 12 * np.cos(x / 41.0 - y / 29.0)
        return np.column_stack([x + dx, y + dy])

    out = []
    for cell in cells:
        target = rng.randint(200, 2_000)
        segment = max(cell.length / target, 1.0)
        shaped = shapely.transform(shapely.segmentize(cell, segment), wiggle)
        out.append(shapely.set_precision(shaped, 0.01).buffer(0))
    return out


def _write_geopackage(path: Path, features: list[tuple[str, Any]]) -> None:
    """A GeoPackage as SCB writes its DeSO file (see tests/areas/boundary_files.py)."""
    import sqlite3
    import struct

    import shapely

    db = sqlite3.connect(path)
    db.executescript(
        """
        CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT, srs_id INTEGER PRIMARY KEY,
          organization TEXT, organization_coordsys_id INTEGER, definition TEXT,
          description TEXT);
        CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT,
          identifier TEXT, srs_id INTEGER);
        CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT,
          geometry_type_name TEXT, srs_id INTEGER, z TINYINT, m TINYINT);
        INSERT INTO gpkg_spatial_ref_sys VALUES ('SWEREF99 TM', 3006, 'EPSG', 3006, '', '');
        INSERT INTO gpkg_contents VALUES ('DeSO_2018_v2', 'features', 'DeSO_2018_v2', 3006);
        INSERT INTO gpkg_geometry_columns VALUES ('DeSO_2018_v2', 'geom', 'MULTIPOLYGON',
          3006, 0, 0);
        CREATE TABLE "DeSO_2018_v2" (fid INTEGER PRIMARY KEY, geom BLOB, deso TEXT);
        """
    )
    for code, geometry in features:
        min_x, min_y, max_x, max_y = geometry.bounds
        blob = struct.pack(
            "<2sBBi4d", b"GP", 0, 0b11, 3006, min_x, max_x, min_y, max_y
        ) + shapely.to_wkb(geometry)
        db.execute('INSERT INTO "DeSO_2018_v2" (geom, deso) VALUES (?, ?)', (blob, code))
    db.commit()
    db.close()


def _world(n: int) -> tuple[str, str, list[dict[str, Any]]]:
    """The large municipality with its boundaries and figures; returns the code of a DeSO
    in it, of its RegSO and the rows of the import."""
    from datetime import date

    import shapely
    from django.db import connection

    from grogrund.accounts.models import Organisation, OrganisationKind, Visibility
    from grogrund.areas import services
    from grogrund.areas.boundaries import import_boundaries
    from grogrund.areas.models import Area, AreaBoundary, AreaLevel, Indicator
    from grogrund.sources.boundaries import BoundaryFeature, BoundaryFile, read_boundaries
    from grogrund.sources.records import Location, ObservationRecord

    backend = connection.vendor
    county = Area.objects.create(code="B99", name="Benchlän", level=AreaLevel.COUNTY)
    municipality = Area.objects.create(
        code="B990", name="Benchkommun", level=AreaLevel.MUNICIPALITY, parent=county
    )
    regsos = Area.objects.bulk_create(
        [
            Area(
                code=f"B990R{r:03d}", name=f"RegSO {r}", level=AreaLevel.REGSO, parent=municipality
            )
            for r in range(math.ceil(n / PER_REGSO))
        ]
    )
    regsos = list(Area.objects.filter(level=AreaLevel.REGSO, parent=municipality).order_by("code"))
    Area.objects.bulk_create(
        [
            Area(
                code=f"B990C{i:04d}",
                name=f"DeSO {i}",
                level=AreaLevel.DESO,
                parent=regsos[i // PER_REGSO],
                vintage="DeSO2018",
            )
            for i in range(n)
        ]
    )
    start = time.perf_counter()
    cells = realistic_cells(n)
    _log(f"{n} polygons made in {time.perf_counter() - start:.0f} s")
    codes = [f"B990C{i:04d}" for i in range(n)]
    points = sum(int(shapely.get_num_coordinates(c)) for c in cells)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "DeSO_2018_v2.gpkg"
        _write_geopackage(path, list(zip(codes, cells, strict=True)))
        size_mib = path.stat().st_size / 1024 / 1024
        start = time.perf_counter()
        boundaries = read_boundaries(path)
        read_seconds = time.perf_counter() - start
        start = time.perf_counter()
        import_boundaries(
            boundaries=boundaries, source="SCB (bench)", retrieved_on=date(2025, 3, 1), user=None
        )
        import_seconds = time.perf_counter() - start
    regso_features = [
        BoundaryFeature(
            r.code, r.name, shapely.union_all(cells[k * PER_REGSO : (k + 1) * PER_REGSO]), r.code
        )
        for k, r in enumerate(regsos)
    ]
    import_boundaries(
        boundaries=BoundaryFile("regso.gpkg", "", "regso", "regsokod", 3006, regso_features),
        source="SCB (bench)",
        retrieved_on=date(2025, 3, 1),
        user=None,
    )
    simplified = sum(
        AreaBoundary.objects.filter(area__level=AreaLevel.DESO).values_list("vertices", flat=True)
    )
    name = f"{backend}: boundary import ({n} DeSO, {points:,} points, {size_mib:.0f} MiB)"
    rows = [
        _row(name, "read the GeoPackage", read_seconds, "s"),
        _row(name, "check, simplify and store", import_seconds, "s"),
        _row(name, "points after simplifying", simplified, "points"),
        _row(name, "points per DeSO, before → after", f"{points // n} → {simplified // n}", ""),
    ]
    owner = Organisation.objects.create(
        name="Bench", slug="bench", kind=OrganisationKind.NETWORK, in_network=True
    )
    for k in range(INDICATORS):
        Indicator.objects.create(
            code=f"bench_share_{k}",
            name_sv=f"Andel {k}",
            name_en=f"Share {k}",
            kind="share",
            direction="higher_is_better",
            source="SCB (bench)",
        )
    rng = random.Random(7)

    def records() -> Any:
        for k in range(INDICATORS):
            for code in codes:
                level = rng.uniform(0.3, 0.9)
                for year in YEARS:
                    den = rng.randint(500, 2_000)
                    num = round(den * level)
                    yield ObservationRecord(
                        code,
                        f"bench_share_{k}",
                        year,
                        num / den,
                        num,
                        den,
                        "SCB (bench)",
                        Location(file="bench"),
                    )

    start = time.perf_counter()
    result = services.import_observations(
        records=records(),
        owner=owner,
        dataset_name="Bench",
        source="SCB (bench)",
        visibility=Visibility.PUBLIC,
    )
    _log(f"{result.rows:,} observations in {time.perf_counter() - start:.0f} s")
    if backend == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return codes[n // 2], regsos[0].code, rows


def measure_maps() -> list[dict[str, Any]]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    backend = connection.vendor
    n = _count()
    deso, regso, rows = _world(n)
    user = get_user_model().objects.create_user("bench", password="bench-password-not-secret")
    client = Client()
    client.force_login(user)
    trivial_times, _q = F._timed_requests(client, "/health/trivial/")
    trivial = statistics.median(trivial_times)
    rows.append(
        _row(f"{backend}: trivial view /health/trivial/", f"median of {F.REQUESTS}", trivial, "ms")
    )
    pages = {
        f"DeSO map of a {n}-DeSO municipality": f"/omraden/{deso}/karta/",
        f"RegSO map ({math.ceil(n / PER_REGSO)} RegSO summed from DeSO)": (
            f"/omraden/{regso}/karta/?level=regso"
        ),
        "DeSO profile with its map": f"/omraden/{deso}/",
    }
    for label, url in pages.items():
        size = len(client.get(url).content)
        rows.append(_row(f"{backend}: {label}", "page size", size / 1024, "KiB"))
        for visit, empty in F.VISITS.items():
            times, queries = F._timed_requests(client, url, empty=empty)
            median, p95 = statistics.median(times), F._p95(times)
            _log(f"{label} ({visit}): median {median:.1f} ms, p95 {p95:.1f}, {queries} queries")
            name = f"{backend}: {label}, {visit}"
            judged = visit == F.FIRST
            ratio = median / trivial
            rows += [
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
                    name,
                    "SQL queries",
                    queries,
                    "queries",
                    f"<= {GOAL_QUERIES}",
                    queries <= GOAL_QUERIES,
                ),
            ]
    return rows


CHILDREN = {"maps": measure_maps}


def run() -> list[dict[str, Any]]:
    return F.run_children(__file__, CHILDREN, "bench_maps_")


if __name__ == "__main__":
    F.main_for(__file__, CHILDREN, "bench_maps_", sys.argv[1:])
