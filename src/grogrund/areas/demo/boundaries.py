"""Boundary files for the demo's fictional Grobo kommun, loaded like SCB's own.

The polygons are made up (and labelled so): a municipality shaped by a seeded wobble around a
point in SWEREF 99 TM, cut into the demo's 30 DeSO by a Voronoi diagram of seeded points (small
DeSO in the centre, larger ones outside, as real DeSO are about equally populous), their edges
given a natural wiggle by one smooth displacement of every point (so neighbours still share
their edges exactly). RegSO are the unions of their DeSO, the municipality that of them all.

`write_files()` writes them as GeoJSON in SWEREF 99 TM beside this module (run once, the files
are committed: `python -m grogrund.areas.demo.boundaries`); `load_demo_boundaries()` imports
the committed files with the same reader and service as SCB's files, idempotently.
"""

from __future__ import annotations

import json
import math
import random
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Polygon, mapping

HERE = Path(__file__).resolve().parent
FILES = {
    "deso": HERE / "boundaries-deso.geojson",
    "regso": HERE / "boundaries-regso.geojson",
    "municipality": HERE / "boundaries-kommun.geojson",
}
SOURCE = "Påhittade gränser för demon (fiktiva)"
RETRIEVED = date(2025, 1, 15)
SEED = 20250115
MUNICIPALITY = ("9901", "Grobo kommun (fiktiv)")
# Grobo's centre, SWEREF 99 TM (a made-up place in the forests of Bergslagen).
CENTRE = (540_000.0, 6_650_000.0)
RADIUS_M = 7_500.0
# The demo's RegSO as build.py makes them: (suffix, name, DeSO letter, count, where its DeSO
# lie: angle of the direction from the centre in degrees, distance in metres, spread).
REGSO = (
    ("R001", "Norrbacka", "C", 6, 100.0, 1_900.0, 600.0),
    ("R002", "Centrum", "A", 8, 0.0, 0.0, 800.0),
    ("R003", "Söderås", "B", 8, 320.0, 4_000.0, 2_800.0),
    ("R004", "Västerängen", "B", 8, 160.0, 4_000.0, 2_800.0),
)


def deso_codes() -> list[tuple[str, str]]:
    """(DeSO code, RegSO code) in the order build.py numbers them."""
    out = []
    number = 1
    for suffix, _name, letter, count, *_where in REGSO:
        for _i in range(count):
            out.append((f"{MUNICIPALITY[0]}{letter}{number * 10:04d}", MUNICIPALITY[0] + suffix))
            number += 1
    return out


def _outline(rng: random.Random) -> Any:
    """A municipality-like shape: a circle whose radius wobbles with a few harmonics."""
    phases = [rng.uniform(0, 2 * math.pi) for _ in range(5)]
    points = []
    for k in range(720):
        t = 2 * math.pi * k / 720
        r = RADIUS_M * (
            1
            + 0.18 * math.sin(2 * t + phases[0])
            + 0.10 * math.sin(3 * t + phases[1])
            + 0.05 * math.sin(7 * t + phases[2])
            + 0.02 * math.sin(17 * t + phases[3])
            + 0.01 * math.sin(41 * t + phases[4])
        )
        points.append((CENTRE[0] + r * math.cos(t), CENTRE[1] + r * 0.85 * math.sin(t)))
    return Polygon(points)


def _seeds(rng: random.Random) -> list[tuple[float, float]]:
    seeds = []
    for _suffix, _name, _letter, count, angle, distance, spread in REGSO:
        cx = CENTRE[0] + distance * math.cos(math.radians(angle))
        cy = CENTRE[1] + distance * 0.85 * math.sin(math.radians(angle))
        for i in range(count):
            a = 2 * math.pi * i / count + rng.uniform(-0.3, 0.3)
            d = spread * (0.35 + 0.65 * rng.random())
            seeds.append((cx + d * math.cos(a), cy + d * math.sin(a)))
    return seeds


def _wiggle(coordinates: Any) -> Any:
    """A smooth displacement field (up to ~60 m): the same point moves the same way in every
    polygon, so shared edges stay shared."""
    x, y = coordinates[:, 0], coordinates[:, 1]
    dx = 45 * np.sin(x / 310.0 + 1.3) * np.cos(y / 470.0) + 15 * np.sin(y / 97.0)
    dy = 45 * np.cos(x / 390.0) * np.sin(y / 280.0 + 0.7) + 15 * np.cos(x / 83.0)
    return np.column_stack([x + dx, y + dy])


def make_boundaries() -> dict[str, list[tuple[str, str, Any]]]:
    """level → [(code, name, geometry)], deterministic."""
    rng = random.Random(SEED)
    outline = _outline(rng)
    seeds = _seeds(rng)
    points = shapely.MultiPoint(seeds)
    cells = shapely.voronoi_polygons(points, extend_to=outline.buffer(2_000))
    by_seed = {}
    for cell in shapely.get_parts(cells):
        for k, seed in enumerate(seeds):
            if cell.contains(shapely.Point(seed)):
                by_seed[k] = cell.intersection(outline)
                break
    codes = deso_codes()
    desos = []
    for k, (code, _regso) in enumerate(codes):
        shape = shapely.segmentize(by_seed[k], 60.0)
        shape = shapely.transform(shape, _wiggle)
        shape = shapely.set_precision(shape, 0.1)
        desos.append((code, "", shape))
    regsos = []
    for suffix, name, *_rest in REGSO:
        parts = [
            g for (code, r), (_c, _n, g) in zip(codes, desos, strict=True) if r.endswith(suffix)
        ]
        regsos.append((MUNICIPALITY[0] + suffix, f"{name} (fiktivt)", shapely.union_all(parts)))
    municipality = shapely.union_all([g for _c, _n, g in desos])
    return {
        "deso": desos,
        "regso": regsos,
        "municipality": [(MUNICIPALITY[0], MUNICIPALITY[1], municipality)],
    }


CODE_COLUMN = {"deso": "deso", "regso": "regsokod", "municipality": "KnKod"}
NAME_COLUMN = {"regso": "regsonamn", "municipality": "KnNamn"}


def write_files() -> None:
    for level, features in make_boundaries().items():
        document = {
            "type": "FeatureCollection",
            "name": f"Grobo kommun (fiktiv), {level}: påhittade gränser för demon",
            "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}},
            "features": [
                {
                    "type": "Feature",
                    "properties": {
                        CODE_COLUMN[level]: code,
                        **({NAME_COLUMN[level]: name} if level in NAME_COLUMN else {}),
                    },
                    "geometry": mapping(geometry),
                }
                for code, name, geometry in features
            ],
        }
        FILES[level].write_text(
            json.dumps(document, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )


def load_demo_boundaries() -> int:
    """Import the demo's boundary files (DeSO, RegSO, the municipality); running it again
    changes nothing. Returns how many boundaries were written."""
    from grogrund.areas.boundaries import import_boundaries
    from grogrund.sources.boundaries import read_boundaries

    written = 0
    for level, path in FILES.items():
        result = import_boundaries(
            boundaries=read_boundaries(path, level=level),
            source=SOURCE,
            retrieved_on=RETRIEVED,
            user=None,
        )
        written += result.created + result.updated
    return written


if __name__ == "__main__":
    write_files()
