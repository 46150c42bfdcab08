"""Load the area registry: Sweden, its counties, municipalities, RegSO 2020 and DeSO 2018.

The rows come from SCB's lists shipped in `data/` (see its README). Loading is idempotent and
bulk: one read of the official areas already there, `bulk_create` of the missing ones and
`bulk_update` of only those that differ, level by level so that every parent exists before
its children. A second load writes nothing and leaves the data generation where it was.

`load_registry` takes the Area model as an argument so the migration can call it with the
historical model (`apps.get_model("areas", "Area")`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from grogrund.sources.scb_regions import ScbRegion

DATA = Path(__file__).resolve().parent / "data"

COUNTRY_CODE = "00"
COUNTRY_NAME = "Sverige"
VINTAGE_DESO = "DeSO2018"
VINTAGE_REGSO = "RegSO2020"
# SCB's DeSO classes by the word in the lists' `deso_type` column: A mostly outside urban
# areas, B in an urban area other than the municipality's main town, C in the main town.
DESO_CLASS = {"Omland": "A", "Tätort": "B", "Centrum": "C"}
# Parents before children.
LEVELS = ("country", "county", "municipality", "regso", "deso")
# The fields the registry decides; anything else (owner, members, police lists) is left alone.
FIELDS = (
    "name",
    "level",
    "parent_id",
    "vintage",
    "deso_class",
    "kolada_code",
    "in_registry",
    "is_fictional",
)


@dataclass(frozen=True, slots=True)
class RegistryArea:
    code: str
    name: str
    level: str
    parent_code: str | None
    vintage: str = ""
    deso_class: str = ""
    kolada_code: str = ""


@dataclass(frozen=True, slots=True)
class RegistryResult:
    created: int
    updated: int
    unchanged: int

    @property
    def written(self) -> int:
        return self.created + self.updated


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _name(text: str) -> str:
    """SCB's and Kolada's names with their stray spaces taken out ("Luleå centrum  (1050)")."""
    return " ".join(text.split())


@cache
def registry_areas() -> tuple[RegistryArea, ...]:
    """Every area of the registry, parents before children."""
    areas = [RegistryArea(COUNTRY_CODE, COUNTRY_NAME, "country", None)]
    areas += [
        RegistryArea(r["code"], _name(r["name"]), "county", COUNTRY_CODE)
        for r in _rows("counties.csv")
    ]
    areas += [
        RegistryArea(
            r["kommun"], _name(r["name"]), "municipality", r["region"], "", "", r["kommun"]
        )
        for r in _rows("ddf--entities--geo--kommun.csv")
    ]
    areas += [
        RegistryArea(r["regso"], _name(r["name"]), "regso", r["kommun"], VINTAGE_REGSO)
        for r in _rows("ddf--entities--geo--regso.csv")
    ]
    areas += [
        RegistryArea(
            r["deso"],
            _name(r["name"]),
            "deso",
            r["regso"],
            VINTAGE_DESO,
            DESO_CLASS[r["deso_type"]],
        )
        for r in _rows("ddf--entities--geo--deso.csv")
    ]
    return tuple(areas)


@cache
def _aliases() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for row in _rows("aliases.csv"):
        out.setdefault(row["code"], []).append(row["alias"].strip())
    return {code: tuple(names) for code, names in out.items()}


#: Other names of an area (code → names besides its `name`): Kolada's county names
#: ("Region Stockholm" for 01 Stockholms län), "Riket" and "Hela riket" for 00 Sverige.
ALIASES: dict[str, tuple[str, ...]] = _aliases()


def load_registry(*, area_model: Any = None, using: str = "default") -> RegistryResult:
    """Create or correct every area of the registry; report what was written.

    With the historical model of a migration nothing is cached yet, so the data generation
    is left alone; otherwise it moves when (and only when) something was written.
    """
    from grogrund.areas.models import Area

    with transaction.atomic(using=using):
        result = load_areas(registry_areas(), area_model=area_model or Area, using=using)
        if result.written and area_model in (None, Area):
            from grogrund.core.generation import data_changed

            data_changed(using)  # bulk writes send no signals
    return result


class UnknownParentError(Exception):
    """Areas name parents that are neither among them nor in the database."""

    def __init__(self, codes: Iterable[str]) -> None:
        self.codes = sorted(set(codes))
        super().__init__(", ".join(self.codes[:10]))


def load_scb_regions(regions: Iterable[ScbRegion], *, using: str = "default") -> RegistryResult:
    """Create or correct DeSO 2025 and RegSO 2025 areas read from SCB's metadata
    (grogrund.sources.scb_regions), each under its municipality. The registry is loaded
    first, so the municipalities are there."""
    from grogrund.areas.models import Area
    from grogrund.core.generation import data_changed

    areas = [
        RegistryArea(r.code, r.name, r.level, r.municipality_code, r.vintage, r.deso_class)
        for r in regions
    ]
    with transaction.atomic(using=using):
        load_registry(using=using)
        result = load_areas(areas, area_model=Area, using=using)
        if result.written:
            data_changed(using)
    return result


def load_areas(
    areas: Iterable[RegistryArea], *, area_model: Any, using: str = "default"
) -> RegistryResult:
    """Write `areas` (parents first, or already in the database) in bulk; idempotent."""
    by_level: dict[str, list[RegistryArea]] = {}
    for area in areas:
        by_level.setdefault(area.level, []).append(area)
    manager = area_model.objects.using(using)
    own = {a.code for group in by_level.values() for a in group}
    parents = {a.parent_code for group in by_level.values() for a in group if a.parent_code}
    wanted = own | parents
    # One read of what is there: the areas with a code the registry uses.
    existing: dict[str, Any] = {}
    for obj in manager.only("pk", "code", *_model_fields(FIELDS)).iterator(chunk_size=5000):
        if obj.code in wanted:
            existing[obj.code] = obj
    pks = {code: obj.pk for code, obj in existing.items()}
    orphans = parents - own - set(pks)
    if orphans:
        raise UnknownParentError(orphans)
    created = updated = unchanged = 0
    now = timezone.now()
    for level in [*LEVELS, *sorted(set(by_level) - set(LEVELS))]:
        new: list[Any] = []
        changed: list[Any] = []
        for area in by_level.get(level, []):
            values = _values(area, pks)
            obj = existing.get(area.code)
            if obj is None:
                new.append(area_model(code=area.code, **values))
            elif all(getattr(obj, field) == value for field, value in values.items()):
                unchanged += 1
            else:
                for field, value in values.items():
                    setattr(obj, field, value)
                obj.changed_at = now
                changed.append(obj)
        if new:
            manager.bulk_create(new, batch_size=1000)
            created += len(new)
            if any(obj.pk is None for obj in new):  # a database that returns no ids
                codes = {obj.code for obj in new}
                rows = manager.filter(level=level).values_list("code", "pk").iterator()
                pks.update((code, pk) for code, pk in rows if code in codes)
            else:
                pks.update((obj.code, obj.pk) for obj in new)
        if changed:
            manager.bulk_update(changed, [*_model_fields(FIELDS), "changed_at"], batch_size=1000)
            updated += len(changed)
    return RegistryResult(created, updated, unchanged)


def _model_fields(fields: Sequence[str]) -> list[str]:
    return ["parent" if f == "parent_id" else f for f in fields]


def _values(area: RegistryArea, pks: dict[str, int]) -> dict[str, Any]:
    parent_id = None
    if area.parent_code is not None:
        parent_id = pks[area.parent_code]
    return {
        "name": area.name,
        "level": area.level,
        "parent_id": parent_id,
        "vintage": area.vintage,
        "deso_class": area.deso_class,
        "kolada_code": area.kolada_code,
        "in_registry": True,
        "is_fictional": False,
    }
