"""Boundary files for the demo's fictional municipalities (Grobo, Åsby, Strandvik), loaded like
SCB's own.

The polygons are made up (and labelled so): a municipality shaped by a seeded wobble around a
point in SWEREF 99 TM, cut into the demo's DeSO (Grobo's 30, Åsby's 11, Strandvik's 9) by a
Voronoi diagram of seeded points (small DeSO in the centre, larger ones outside, as real DeSO
are about equally populous), their edges
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
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Polygon, mapping

HERE = Path(__file__).resolve().parent
SOURCE = "Påhittade gränser för demon (fiktiva)"
RETRIEVED = date(2025, 1, 15)
LEVELS = ("deso", "regso", "municipality")


@dataclass(frozen=True)
class DemoMunicipality:
    """A fictional municipality's made-up map: where it lies (SWEREF 99 TM), how large it is,
    and its RegSO as the demo makes them: (suffix, name, DeSO letter, count, where its DeSO lie:
    angle of the direction from the centre in degrees, distance in metres, spread)."""

    code: str
    name: str
    centre: tuple[float, float]
    radius_m: float
    seed: int
    regso: tuple[tuple[str, str, str, int, float, float, float], ...]
    file_stem: str

    def files(self) -> dict[str, Path]:
        names = {"deso": "deso", "regso": "regso", "municipality": "kommun"}
        return {level: HERE / f"{self.file_stem}-{names[level]}.geojson" for level in LEVELS}


#: Grobo kommun (areas/demo/build.py), a made-up place in the forests of Bergslagen, and the two
#: municipalities of the method library's other companies (methods/demo.py), east and south.
GROBO = DemoMunicipality(
    code="9901",
    name="Grobo kommun (fiktiv)",
    centre=(540_000.0, 6_650_000.0),
    radius_m=7_500.0,
    seed=20250115,
    regso=(
        ("R001", "Norrbacka", "C", 6, 100.0, 1_900.0, 600.0),
        ("R002", "Centrum", "A", 8, 0.0, 0.0, 800.0),
        ("R003", "Söderås", "B", 8, 320.0, 4_000.0, 2_800.0),
        ("R004", "Västerängen", "B", 8, 160.0, 4_000.0, 2_800.0),
    ),
    file_stem="boundaries",
)
ASBY = DemoMunicipality(
    code="9902",
    name="Åsby kommun (fiktiv)",
    centre=(566_000.0, 6_652_000.0),
    radius_m=6_000.0,
    seed=20250116,
    regso=(
        ("R001", "Östra Åsby", "C", 5, 20.0, 2_000.0, 900.0),
        ("R002", "Åsby centrum", "B", 6, 200.0, 1_500.0, 2_200.0),
    ),
    file_stem="boundaries-9902",
)
STRANDVIK = DemoMunicipality(
    code="9903",
    name="Strandvik kommun (fiktiv)",
    centre=(548_000.0, 6_626_000.0),
    radius_m=5_500.0,
    seed=20250117,
    regso=(
        ("R001", "Västra Strand", "C", 4, 180.0, 1_800.0, 800.0),
        ("R002", "Strandvik centrum", "B", 5, 0.0, 1_200.0, 2_000.0),
    ),
    file_stem="boundaries-9903",
)
MUNICIPALITIES = (GROBO, ASBY, STRANDVIK)
FILES = GROBO.files()
MUNICIPALITY = (GROBO.code, GROBO.name)


def deso_codes(m: DemoMunicipality = GROBO) -> list[tuple[str, str]]:
    """(DeSO code, RegSO code) in the order the demo numbers them."""
    out = []
    number = 1
    for suffix, _name, letter, count, *_where in m.regso:
        for _i in range(count):
            out.append((f"{m.code}{letter}{number * 10:04d}", m.code + suffix))
            number += 1
    return out


def _outline(m: DemoMunicipality, rng: random.Random) -> Any:
    """A municipality-like shape: a circle whose radius wobbles with a few harmonics."""
    phases = [rng.uniform(0, 2 * math.pi) for _ in range(5)]
    points = []
    for k in range(720):
        t = 2 * math.pi * k / 720
        r = m.radius_m * (
            1
            + 0.18 * math.sin(2 * t + phases[0])
            + 0.10 * math.sin(3 * t + phases[1])
            + 0.05 * math.sin(7 * t + phases[2])
            + 0.02 * math.sin(17 * t + phases[3])
            + 0.01 * math.sin(41 * t + phases[4])
        )
        points.append((m.centre[0] + r * math.cos(t), m.centre[1] + r * 0.85 * math.sin(t)))
    return Polygon(points)


def _seeds(m: DemoMunicipality, rng: random.Random) -> list[tuple[float, float]]:
    seeds = []
    for _suffix, _name, _letter, count, angle, distance, spread in m.regso:
        cx = m.centre[0] + distance * math.cos(math.radians(angle))
        cy = m.centre[1] + distance * 0.85 * math.sin(math.radians(angle))
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


def make_boundaries(m: DemoMunicipality = GROBO) -> dict[str, list[tuple[str, str, Any]]]:
    """level → [(code, name, geometry)], deterministic."""
    rng = random.Random(m.seed)
    outline = _outline(m, rng)
    seeds = _seeds(m, rng)
    points = shapely.MultiPoint(seeds)
    cells = shapely.voronoi_polygons(points, extend_to=outline.buffer(2_000))
    by_seed = {}
    for cell in shapely.get_parts(cells):
        for k, seed in enumerate(seeds):
            if cell.contains(shapely.Point(seed)):
                by_seed[k] = cell.intersection(outline)
                break
    codes = deso_codes(m)
    desos = []
    for k, (code, _regso) in enumerate(codes):
        shape = shapely.segmentize(by_seed[k], 60.0)
        shape = shapely.transform(shape, _wiggle)
        shape = shapely.set_precision(shape, 0.1)
        desos.append((code, "", shape))
    regsos = []
    for suffix, name, *_rest in m.regso:
        parts = [
            g for (code, r), (_c, _n, g) in zip(codes, desos, strict=True) if r.endswith(suffix)
        ]
        regsos.append((m.code + suffix, f"{name} (fiktivt)", shapely.union_all(parts)))
    municipality = shapely.union_all([g for _c, _n, g in desos])
    return {
        "deso": desos,
        "regso": regsos,
        "municipality": [(m.code, m.name, municipality)],
    }


CODE_COLUMN = {"deso": "deso", "regso": "regsokod", "municipality": "KnKod"}
NAME_COLUMN = {"regso": "regsonamn", "municipality": "KnNamn"}


def write_files(m: DemoMunicipality = GROBO) -> None:
    for level, features in make_boundaries(m).items():
        document = {
            "type": "FeatureCollection",
            "name": f"{m.name}, {level}: påhittade gränser för demon",
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
        m.files()[level].write_text(
            json.dumps(document, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )


def load_demo_boundaries() -> int:
    """Import the demo's boundary files (DeSO, RegSO, the municipality) of each fictional
    municipality the database has (Åsby and Strandvik come with the method library's demo);
    running it again changes nothing. Returns how many boundaries were written."""
    from grogrund.areas.boundaries import import_boundaries
    from grogrund.areas.models import Area
    from grogrund.sources.boundaries import read_boundaries

    written = 0
    for m in MUNICIPALITIES:
        if not Area.objects.filter(code=m.code, is_fictional=True).exists():
            continue
        for level, path in m.files().items():
            result = import_boundaries(
                boundaries=read_boundaries(path, level=level),
                source=SOURCE,
                retrieved_on=RETRIEVED,
                user=None,
            )
            written += result.created + result.updated
    return written


if __name__ == "__main__":
    for municipality in MUNICIPALITIES:
        write_files(municipality)
