"""A small municipality for map tests: two RegSO of three DeSO each, laid out as a 3 × 2 grid
of 1 km squares (boundary_files.square), with a share indicator's figures per DeSO.

    row 1:  9901C0040  9901C0050  9901C0060     RegSO 9901R002 "Söder"
    row 0:  9901C0010  9901C0020  9901C0030     RegSO 9901R001 "Norr"
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.areas.boundary_files import square, write_geopackage

from builders import make_area, make_dataset, make_indicator, make_observation
from grogrund.accounts.models import Organisation, Visibility
from grogrund.areas.models import Area, AreaLevel, Indicator

# (DeSO code, RegSO, column, row, employed, of population 20–64)
DESO = [
    ("9901C0010", "9901R001", 0, 0, 40, 100),
    ("9901C0020", "9901R001", 1, 0, 55, 100),
    ("9901C0030", "9901R001", 2, 0, 60, 100),
    ("9901C0040", "9901R002", 0, 1, 70, 100),
    ("9901C0050", "9901R002", 1, 1, 80, 100),
    ("9901C0060", "9901R002", 2, 1, 90, 100),
]


@dataclass
class MapWorld:
    municipality: Area
    regsos: dict[str, Area]
    desos: dict[str, Area]
    indicator: Indicator


def make_map_world(owner: Organisation | None = None, *, figures: bool = True) -> MapWorld:
    country = make_area("SE99", AreaLevel.COUNTRY, name="Sverige (test)")
    county = make_area("99", AreaLevel.COUNTY, country, name="Testlän")
    municipality = make_area("9901", AreaLevel.MUNICIPALITY, county, name="Testkommun")
    regsos = {
        code: make_area(code, AreaLevel.REGSO, municipality, name=name)
        for code, name in (("9901R001", "Norr"), ("9901R002", "Söder"))
    }
    desos = {
        code: make_area(code, AreaLevel.DESO, regsos[regso], name=f"{regsos[regso].name} {c + 1}")
        for code, regso, c, _r, _n, _d in DESO
    }
    indicator = make_indicator("employment_20_64", name_sv="Förvärvsarbetande 20–64 år")
    if figures and owner is not None:
        dataset = make_dataset(
            owner, "Sysselsättning (test)", source="SCB (test)", visibility=Visibility.PUBLIC
        )
        for code, _regso, _c, _r, num, den in DESO:
            make_observation(
                dataset, desos[code], indicator, "2023", numerator=num, denominator=den
            )
    return MapWorld(municipality, regsos, desos, indicator)


def deso_features() -> list[tuple[str, Any]]:
    return [(code, square(c, r)) for code, _regso, c, r, _n, _d in DESO]


def regso_features() -> list[tuple[str, Any]]:
    from shapely import union_all

    out: dict[str, list[Any]] = {}
    for _code, regso, c, r, _n, _d in DESO:
        out.setdefault(regso, []).append(square(c, r))
    return [(code, union_all(parts)) for code, parts in out.items()]


def deso_geopackage(path: Path) -> Path:
    return write_geopackage(path / "DeSO_2018_v2.gpkg", deso_features())


def with_boundaries(tmp_path: Path, *, regso: bool = True) -> None:
    """Import the world's DeSO (and RegSO) boundaries as SCB's files would be."""
    from datetime import date

    from grogrund.areas.boundaries import import_boundaries
    from grogrund.sources.boundaries import read_boundaries

    files = [deso_geopackage(tmp_path)]
    if regso:
        files.append(
            write_geopackage(
                tmp_path / "RegSO_2018_v1.gpkg",
                regso_features(),
                code_column="regsokod",
                layer="RegSO_2018_v1",
            )
        )
    for path in files:
        import_boundaries(
            boundaries=read_boundaries(path),
            source="SCB, öppna geodata (CC0)",
            retrieved_on=date(2025, 3, 1),
            user=None,
        )
