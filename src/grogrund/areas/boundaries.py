"""Writes for area boundaries: SCB's boundary files into `AreaBoundary`, simplified once for
maps (the reading is `grogrund.sources.boundaries`, the drawing `grogrund.charts.maps`).

All or nothing: every code of the file must name an official area of the file's level, or
nothing is written and the message lists the codes that do not (with the features that give
them). Importing the same file again changes nothing. The simplification tolerance of an area
is half a pixel of the map it is drawn on (`charts.maps.display_tolerance`): for a DeSO or a
RegSO the map of its municipality, for a municipality the map of its county, their extent
taken from the areas of the file that share the municipality (county).

DeSO 2025 and RegSO 2025 areas carry SCB's suffix in Grogrund (`0114C1010_DeSO2025`), the
files do not: `edition` says which edition a file is ("2025" adds the suffix, "2018" takes
the codes as they are, "auto" decides from the file: SCB's DeSO 2025 files name the code
`desokod`, and a layer or file name with "2025" is of 2025).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import shapely
from django.db import transaction

from grogrund.accounts.access import can_manage_boundaries
from grogrund.accounts.history import record_history
from grogrund.accounts.models import HistoryChannel
from grogrund.areas.models import Area, AreaBoundary, AreaLevel
from grogrund.charts.maps import display_tolerance, simplify_for_display, vertex_count
from grogrund.core.generation import data_changed
from grogrund.sources.boundaries import BoundaryFile
from grogrund.sources.errors import SourceError, gettext_noop
from grogrund.sources.records import Location

EDITIONS = ("auto", "2018", "2025")
SUFFIX = {"deso": "_DeSO2025", "regso": "_RegSO2025"}
#: The level whose map an area is drawn on, by the area's level (see the module docstring).
SCALE_LEVEL = {
    AreaLevel.DESO: AreaLevel.MUNICIPALITY,
    AreaLevel.REGSO: AreaLevel.MUNICIPALITY,
    AreaLevel.MUNICIPALITY: AreaLevel.COUNTY,
}
SHOWN_CODES = 10
BATCH = 500
#: A municipality's boundary is also kept simplified for a map of the whole country: half a
#: pixel of a map 1,500 km tall (Sweden is about 1,570 km from south to north, so every map
#: of the whole country is drawn at this scale or coarser, and draws these copies as stored).
NATIONAL_TOLERANCE_M = display_tolerance(0.0, 1_500_000.0)


@dataclass(frozen=True)
class BoundaryImportResult:
    file: str
    level: str
    edition: str
    created: int
    updated: int
    unchanged: int
    converted_from: int | None  # EPSG code of longitude/latitude converted, else None

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass(frozen=True)
class AreaBoundaries:
    """What the history names for a boundary import: the boundaries of one level."""

    pk: str


class BoundaryImportNotAllowed(SourceError):
    """The user may not import boundaries."""


NOT_ALLOWED = gettext_noop(
    "Only administrators of the national network's organisation (or the site's superusers) may "
    "import area boundaries: they are shared by every organisation's maps."
)


def resolve_edition(edition: str, boundaries: BoundaryFile) -> str:
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}")
    if edition != "auto":
        return edition
    if boundaries.level not in SUFFIX:
        return "2018"
    names = f"{boundaries.layer} {boundaries.file}"
    if boundaries.code_attribute.lower() == "desokod" or "2025" in names:
        return "2025"
    return "2018"


def area_code(code: str, level: str, edition: str) -> str:
    """Grogrund's code for a file's code: SCB's 2025 suffix added for the 2025 edition."""
    if "_" in code or edition != "2025" or level not in SUFFIX:
        return code
    return code + SUFFIX[level]


def import_boundaries(
    *,
    boundaries: BoundaryFile,
    source: str,
    retrieved_on: date,
    user: Any,
    edition: str = "auto",
    via: str = HistoryChannel.WEB,
    on_progress: Callable[[int], None] | None = None,
) -> BoundaryImportResult:
    """Store the boundaries of `boundaries` (see the module docstring). `user` None is a
    trusted caller (the command line, the demo); a user must be allowed to manage boundaries
    (`accounts.access.can_manage_boundaries`)."""
    if user is not None and not can_manage_boundaries(user):
        raise BoundaryImportNotAllowed(NOT_ALLOWED, {}, Location(file=boundaries.file))
    edition = resolve_edition(edition, boundaries)
    level = boundaries.level
    wanted = {area_code(f.code, level, edition): f for f in boundaries.features}
    areas = _official_areas(list(wanted), level, boundaries, wanted)
    groups = _scale_groups(areas, level)
    tolerance: dict[int, float] = {}
    map_area: dict[int, int | None] = {}
    for key, ids in groups.items():
        min_x, min_y, max_x, max_y = _bounds([wanted[areas[i][0]].geometry for i in ids])
        t = display_tolerance(max_x - min_x, max_y - min_y)
        tolerance.update((i, t) for i in ids)
        map_area.update((i, key or None) for i in ids)
    existing = {
        b.area_id: b
        for b in AreaBoundary.objects.filter(area_id__in=list(areas)).only(
            "id",
            "area_id",
            "map_area_id",
            "geometry",
            "source",
            "retrieved_on",
            "tolerance_m",
            "national",
        )
    }
    new: list[AreaBoundary] = []
    changed: list[AreaBoundary] = []
    unchanged = 0
    done = 0
    for area_id, (code, _level) in areas.items():
        feature = wanted[code]
        wkb = shapely.to_wkb(feature.geometry)
        stored = existing.get(area_id)
        if (
            stored is not None
            and bytes(stored.geometry) == wkb
            and stored.source == source
            and stored.retrieved_on == retrieved_on
            and stored.tolerance_m == tolerance[area_id]
            and stored.map_area_id == map_area[area_id]
            and (level != AreaLevel.MUNICIPALITY or bool(stored.national))
        ):
            unchanged += 1
        else:
            simplified = simplify_for_display(feature.geometry, tolerance[area_id])
            min_x, min_y, max_x, max_y = simplified.bounds
            boundary = stored or AreaBoundary(area_id=area_id)
            boundary.map_area_id = map_area[area_id]
            boundary.geometry = wkb
            boundary.simplified = shapely.to_wkb(simplified)
            boundary.tolerance_m = tolerance[area_id]
            boundary.min_x, boundary.min_y, boundary.max_x, boundary.max_y = (
                min_x,
                min_y,
                max_x,
                max_y,
            )
            boundary.vertices = vertex_count(simplified)
            boundary.national = (
                shapely.to_wkb(simplify_for_display(feature.geometry, NATIONAL_TOLERANCE_M))
                if level == AreaLevel.MUNICIPALITY
                else b""
            )
            boundary.source = source
            boundary.file_name = boundaries.file[:200]
            boundary.retrieved_on = retrieved_on
            (changed if stored is not None else new).append(boundary)
        done += 1
        if on_progress is not None and done % BATCH == 0:
            on_progress(BATCH)
    if on_progress is not None and done % BATCH:
        on_progress(done % BATCH)
    result = BoundaryImportResult(
        file=boundaries.file,
        level=level,
        edition=edition,
        created=len(new),
        updated=len(changed),
        unchanged=unchanged,
        converted_from=boundaries.crs if boundaries.converted else None,
    )
    if not new and not changed:
        return result
    with transaction.atomic():
        AreaBoundary.objects.bulk_create(new, batch_size=BATCH)
        AreaBoundary.objects.bulk_update(
            changed,
            [
                "map_area",
                "geometry",
                "simplified",
                "tolerance_m",
                "min_x",
                "min_y",
                "max_x",
                "max_y",
                "vertices",
                "national",
                "source",
                "file_name",
                "retrieved_on",
                "changed_at",
            ],
            batch_size=BATCH,
        )
        record_history(
            user=user,
            obj=AreaBoundaries(pk=level),
            action="update" if existing else "create",
            before={"boundaries": len(existing)},
            after={
                "file": boundaries.file,
                "source": source,
                "retrieved_on": retrieved_on.isoformat(),
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            },
            via=via,
        )
        # bulk_create and bulk_update send no signals: the cached pages must know.
        data_changed()
    return result


def _official_areas(
    codes: list[str], level: str, boundaries: BoundaryFile, wanted: dict[str, Any]
) -> dict[int, tuple[str, str]]:
    """area id → (code, parent chain key) of the official areas with these codes at `level`;
    a code that names none (or an area of another level, or a custom area) refuses the file."""
    found: dict[str, tuple[int, str]] = {}
    for start in range(0, len(codes), 900):  # SQLite's limit on query parameters
        rows = Area.objects.filter(code__in=codes[start : start + 900], owner__isnull=True)
        found.update((code, (pk, lv)) for code, pk, lv in rows.values_list("code", "id", "level"))
    unknown = [c for c in codes if c not in found]
    other_level = [c for c in codes if c in found and found[c][1] != level]
    if unknown or other_level:
        raise _unknown_areas(boundaries, unknown, other_level, found, wanted)
    return {found[c][0]: (c, level) for c in codes}


def _unknown_areas(
    boundaries: BoundaryFile,
    unknown: list[str],
    other_level: list[str],
    found: dict[str, tuple[int, str]],
    wanted: dict[str, Any],
) -> SourceError:
    listed = [f"{c} ({wanted[c].where})" for c in unknown[:SHOWN_CODES]]
    listed += [
        f"{c} ({wanted[c].where}: {AreaLevel(found[c][1]).label})"
        for c in other_level[: max(0, SHOWN_CODES - len(listed))]
    ]
    count = len(unknown) + len(other_level)
    more = count - len(listed)
    return SourceError(
        gettext_noop(
            "%(file)s: %(count)s codes do not name an official %(level)s in Grogrund: "
            "%(codes)s%(more)s. Nothing was imported. Load the areas first (grogrund areas load; "
            "--deso2025 for DeSO 2025), or choose the level and edition the file is of."
        ),
        {
            "count": count,
            "level": AreaLevel(boundaries.level).label,
            "codes": ", ".join(listed),
            "more": f" (+{more})" if more > 0 else "",
        },
        Location(file=boundaries.file),
        code="unknown_areas",
    )


def _scale_groups(areas: dict[int, tuple[str, str]], level: str) -> dict[int, list[int]]:
    """The areas grouped by the area whose map they are drawn on (SCALE_LEVEL): one query
    over up to three parent links."""
    target = SCALE_LEVEL[AreaLevel(level)]
    groups: dict[int, list[int]] = defaultdict(list)
    ids = list(areas)
    for start in range(0, len(ids), 900):
        rows = Area.objects.filter(id__in=ids[start : start + 900]).values_list(
            "id",
            "parent_id",
            "parent__level",
            "parent__parent_id",
            "parent__parent__level",
            "parent__parent__parent_id",
            "parent__parent__parent__level",
        )
        for area_id, p1, l1, p2, l2, p3, l3 in rows:
            key = next(
                (p for p, lv in ((p1, l1), (p2, l2), (p3, l3)) if p is not None and lv == target),
                0,  # no such parent stored: the areas without one share a map
            )
            groups[key].append(area_id)
    return groups


def _bounds(geometries: list[Any]) -> tuple[float, float, float, float]:
    boxes = [g.bounds for g in geometries]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
