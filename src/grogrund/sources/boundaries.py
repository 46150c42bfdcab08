"""SCB's boundary files (DeSO, RegSO, municipalities) read into polygons in SWEREF 99 TM.

Two formats, told apart by their first bytes, not their names:

- **GeoPackage** (`.gpkg`, OGC 12-128r18): an SQLite database. The feature table is found in
  `gpkg_contents`, its geometry column and coordinate system in `gpkg_geometry_columns` and
  `gpkg_spatial_ref_sys`. Each geometry is a GeoPackage binary blob: a header (magic "GP",
  version, flags, srs_id, an optional envelope; spec §2.1.3) followed by standard WKB, which
  shapely reads. The header is parsed here, not by a GIS library.
- **GeoJSON** (RFC 7946, or the 2008 draft with a `crs` member): a FeatureCollection.

Coordinate systems: SWEREF 99 TM (EPSG:3006), in which SCB publishes, is read as is.
Longitude/latitude in WGS 84 (EPSG:4326, also a GeoJSON without a `crs` member whose
coordinates are degrees), ETRS89 (4258) or SWEREF 99 (4619) is converted to SWEREF 99 TM with
Lantmäteriet's formulas (`sweref99tm`), without a projection library. Anything else (RT 90,
the SWEREF 99 local zones, Web Mercator) is refused with a message saying so.

The area code is read from SCB's attribute names: `deso` (DeSO 2018, DeSO_2018_v2.gpkg),
`desokod` (DeSO 2025), `regsokod` (RegSO), `kommunkod` or `KnKod` (municipalities); the level
follows from which is there, or is given. Sources: SCB, "DeSO – Demografiska
statistikområden" and "RegSO – Regionala statistikområden", open geodata (CC0),
https://www.scb.se/vara-tjanster/oppna-data/oppna-geodata/; the attribute names as SCB's files
carry them are seen in use in e.g. Region-Dalarna/praktik_2023 `deso_mapview.R`
(DeSo_2018_v2.gpkg: `deso`, `lan`), and SCB's geodata WFS layers `stat:DeSO_2025` (`desokod`)
and `stat:RegSO_2025` (`regsokod`, `regsonamn`, `kommunkod`). SCB's municipality boundaries
(Kommun_Sweref99TM) name theirs `KnKod` and `KnNamn`.

Every problem is a SourceError naming the file, the layer and the feature (its number and
code). Nothing here writes anything.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely  # type: ignore[import-untyped]
from shapely.geometry import shape  # type: ignore[import-untyped]

from .errors import SourceError, gettext_noop
from .records import Location
from .sweref99tm import from_geographic

SWEREF99TM = 3006
#: Longitude/latitude systems converted to SWEREF 99 TM (WGS 84, ETRS89, SWEREF 99).
GEOGRAPHIC = {4326: "WGS 84", 4258: "ETRS89", 4619: "SWEREF 99"}
CRS_NAMES = {
    SWEREF99TM: "SWEREF 99 TM",
    3021: "RT 90 2.5 gon V",
    3857: "Web Mercator",
    3035: "ETRS89 LAEA",
    **GEOGRAPHIC,
    **{epsg: "SWEREF 99 local zone" for epsg in range(3007, 3019)},
}

#: The attribute carrying the area code, by level, in the order they are looked for
#: (compared without case). See the module docstring for where the names come from.
CODE_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "deso": ("deso", "desokod"),
    "regso": ("regsokod",),
    "municipality": ("kommunkod", "knkod"),
}
#: The attribute with the area's name, if the file has one (DeSO have no names).
NAME_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "deso": (),
    "regso": ("regsonamn", "regso"),
    "municipality": ("kommunnamn", "knnamn"),
}
LEVELS = tuple(CODE_ATTRIBUTES)

#: Where Sweden lies in SWEREF 99 TM (metres, with a margin): a file outside this is in
#: another system than it says, or has its axes swapped.
SWEDEN_BOUNDS_M = (150_000.0, 6_000_000.0, 1_050_000.0, 7_800_000.0)

GPKG_MAGIC = b"GP"
SQLITE_MAGIC = b"SQLite format 3\x00"
# GeoPackage envelope sizes by the flags' envelope indicator (spec table 2.1.3.1.3).
ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}
PROGRESS_EVERY = 200


@dataclass(frozen=True, slots=True)
class BoundaryFeature:
    """One area's boundary: its code as the file gives it, its name if any, and its
    geometry (a shapely Polygon or MultiPolygon, 2D, in SWEREF 99 TM metres)."""

    code: str
    name: str
    geometry: Any
    where: str  # "feature 12": for messages


@dataclass(frozen=True)
class BoundaryFile:
    file: str
    layer: str  # the GeoPackage table ("" for GeoJSON)
    level: str  # deso, regso or municipality
    code_attribute: str
    crs: int  # EPSG code of the file as read
    features: list[BoundaryFeature]

    @property
    def converted(self) -> bool:
        """Whether the coordinates were converted from longitude/latitude."""
        return self.crs != SWEREF99TM


def read_boundaries(
    path: str | Path,
    *,
    level: str | None = None,
    layer: str | None = None,
    file_name: str | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> BoundaryFile:
    """The boundaries in a GeoPackage or GeoJSON file (see the module docstring).

    `level` (deso, regso, municipality) chooses the code attribute; without it the level is
    the first of DeSO, RegSO and municipality whose code attribute the file has. `layer`
    chooses a GeoPackage table when there are several. `on_progress(n)` is told every few
    hundred features read."""
    path = Path(path)
    name = file_name or path.name
    if level is not None and level not in CODE_ATTRIBUTES:
        raise ValueError(f"unknown level {level!r}")
    with path.open("rb") as fh:
        head = fh.read(64)
    if head.startswith(SQLITE_MAGIC):
        return _read_geopackage(path, name, level, layer, on_progress)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return _read_geojson(path, name, level, on_progress)
    raise SourceError(
        gettext_noop(
            "%(file)s is neither a GeoPackage nor a GeoJSON file. Download the boundaries from "
            "SCB as GeoPackage (.gpkg) or GeoJSON and upload that file as it is."
        ),
        {},
        Location(file=name),
        code="not_a_boundary_file",
    )


# --- GeoPackage ------------------------------------------------------------------------------


def _read_geopackage(
    path: Path,
    name: str,
    level: str | None,
    layer: str | None,
    on_progress: Callable[[int], None] | None,
) -> BoundaryFile:
    try:
        # Read only, so a boundary file is never changed (nor a journal left beside it).
        connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as err:  # pragma: no cover - the magic was right, the file is broken
        raise _not_a_geopackage(name, str(err)) from err
    try:
        return _read_open_geopackage(connection, name, level, layer, on_progress)
    except sqlite3.DatabaseError as err:
        raise _not_a_geopackage(name, str(err)) from err
    finally:
        connection.close()


def _not_a_geopackage(name: str, reason: str) -> SourceError:
    return SourceError(
        gettext_noop(
            "%(file)s is an SQLite database but not a GeoPackage that can be read "
            "(%(reason)s). Download the boundaries from SCB again as GeoPackage (.gpkg)."
        ),
        {"reason": reason},
        Location(file=name),
        code="not_a_geopackage",
    )


def _read_open_geopackage(
    db: sqlite3.Connection,
    name: str,
    level: str | None,
    wanted_layer: str | None,
    on_progress: Callable[[int], None] | None,
) -> BoundaryFile:
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"gpkg_contents", "gpkg_geometry_columns", "gpkg_spatial_ref_sys"} <= tables:
        raise _not_a_geopackage(name, "no gpkg_contents, gpkg_geometry_columns tables")
    layers = [
        r[0]
        for r in db.execute(
            "SELECT table_name FROM gpkg_contents WHERE data_type = 'features' ORDER BY table_name"
        )
    ]
    if not layers:
        raise SourceError(
            gettext_noop("%(file)s holds no feature table (no boundaries)."),
            {},
            Location(file=name),
            code="no_layer",
        )
    columns_of = {t: _columns(db, t) for t in layers}
    if wanted_layer is not None:
        if wanted_layer not in layers:
            raise SourceError(
                gettext_noop("%(file)s has no layer %(layer)s. Its layers are: %(layers)s."),
                {"layer": wanted_layer, "layers": ", ".join(layers)},
                Location(file=name),
                code="no_such_layer",
            )
        candidates = [wanted_layer]
    else:
        candidates = [t for t in layers if _code_attribute(columns_of[t], level) is not None]
        if not candidates:
            candidates = layers[:1]  # the missing column is reported below
        if len(candidates) > 1:
            raise SourceError(
                gettext_noop(
                    "%(file)s has several layers with area codes: %(layers)s. Name the one to "
                    "import (on the command line: --layer)."
                ),
                {"layers": ", ".join(candidates)},
                Location(file=name),
                code="several_layers",
            )
    table = candidates[0]
    found = _code_attribute(columns_of[table], level)
    if found is None:
        raise _missing_code_column(name, table, columns_of[table], level)
    code_column, level_found = found
    row = db.execute(
        "SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?", (table,)
    ).fetchone()
    if row is None:
        raise _not_a_geopackage(name, f"no geometry column registered for {table}")
    geometry_column, srs_id = row
    epsg = _epsg_of_srs(db, srs_id, name, table)
    _check_crs(epsg, name, table)
    name_column = next(
        (c for c in columns_of[table] if c.lower() in NAME_ATTRIBUTES[level_found]), None
    )
    key = _primary_key(db, table)
    select = ", ".join(
        _quote(c) for c in (key, code_column, name_column or code_column, geometry_column)
    )
    features: list[BoundaryFeature] = []
    for n, (fid, code, area_name, blob) in enumerate(
        db.execute(f"SELECT {select} FROM {_quote(table)} ORDER BY {_quote(key)}"), start=1
    ):
        where = f"feature {fid}"
        location = Location(file=name, field=f"{table}, {where}")
        code_text = _code_text(code, level_found, location, code_column)
        geometry = _geometry_from_blob(blob, location, code_text)
        features.append(
            BoundaryFeature(
                code=code_text,
                name=str(area_name).strip() if name_column and area_name is not None else "",
                geometry=geometry,
                where=where,
            )
        )
        if on_progress is not None and n % PROGRESS_EVERY == 0:
            on_progress(PROGRESS_EVERY)
    if on_progress is not None and len(features) % PROGRESS_EVERY:
        on_progress(len(features) % PROGRESS_EVERY)
    return _finish(name, table, level_found, code_column, epsg, features)


def _columns(db: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in db.execute(f"PRAGMA table_info({_quote(table)})")]


def _primary_key(db: sqlite3.Connection, table: str) -> str:
    for r in db.execute(f"PRAGMA table_info({_quote(table)})"):
        if r[5]:  # pk
            return str(r[1])
    return "rowid"


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _epsg_of_srs(db: sqlite3.Connection, srs_id: int, name: str, table: str) -> int:
    row = db.execute(
        "SELECT organization, organization_coordsys_id, srs_name FROM gpkg_spatial_ref_sys "
        "WHERE srs_id = ?",
        (srs_id,),
    ).fetchone()
    if row is None:
        raise _not_a_geopackage(name, f"coordinate system {srs_id} of {table} is not described")
    organization, number, srs_name = row
    if str(organization or "").upper() == "EPSG":
        return int(number)
    # An undefined system (srs_id -1 or 0 in the spec) or another organisation's.
    raise _wrong_crs(name, f"{srs_name or organization} ({srs_id})", table)


def _geometry_from_blob(blob: Any, location: Location, code: str) -> Any:
    """The geometry of a GeoPackage binary blob: the header checked and skipped, the WKB after
    it read by shapely (GeoPackage spec §2.1.3, GeoPackageBinaryHeader)."""
    if blob is None:
        raise _no_geometry(location, code)
    data = bytes(blob)
    if len(data) < 8 or data[:2] != GPKG_MAGIC:
        raise _bad_geometry(location, code, "the geometry is not GeoPackage binary")
    flags = data[3]
    if flags & 0b0010_0000:
        raise _bad_geometry(location, code, "an extended GeoPackage geometry type")
    if flags & 0b0001_0000:
        raise _no_geometry(location, code)
    envelope = (flags >> 1) & 0b111
    if envelope not in ENVELOPE_BYTES:
        raise _bad_geometry(location, code, f"envelope indicator {envelope} is not defined")
    start = 8 + ENVELOPE_BYTES[envelope]
    try:
        geometry = shapely.from_wkb(data[start:])
    except shapely.errors.GEOSException as err:
        raise _bad_geometry(location, code, str(err)) from err
    return geometry


# --- GeoJSON ---------------------------------------------------------------------------------

_EPSG = re.compile(r"EPSG:{1,2}(?:[\d.]*:)?(\d+)$", re.IGNORECASE)


def _read_geojson(
    path: Path,
    name: str,
    level: str | None,
    on_progress: Callable[[int], None] | None,
) -> BoundaryFile:
    try:
        with path.open("rb") as fh:
            document = json.load(fh)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise SourceError(
            gettext_noop(
                "%(file)s is not valid JSON (%(reason)s), so not a GeoJSON file that can be "
                "read. Download the boundaries again."
            ),
            {"reason": str(err)},
            Location(file=name),
            code="not_json",
        ) from err
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise SourceError(
            gettext_noop(
                "%(file)s is JSON but not a GeoJSON FeatureCollection: a boundary file lists "
                "its areas as features."
            ),
            {},
            Location(file=name),
            code="not_a_feature_collection",
        )
    raw = document.get("features")
    if not isinstance(raw, list) or not raw:
        raise SourceError(
            gettext_noop("%(file)s holds no features (no boundaries)."),
            {},
            Location(file=name),
            code="no_features",
        )
    properties = [_properties(f) for f in raw]
    attributes = list(dict.fromkeys(k for p in properties[:50] for k in p))
    found = _code_attribute(attributes, level)
    if found is None:
        raise _missing_code_column(name, "", attributes, level)
    code_attribute, level_found = found
    name_attribute = next(
        (a for a in attributes if a.lower() in NAME_ATTRIBUTES[level_found]), None
    )
    declared = _declared_crs(document, name)
    if declared is not None:
        _check_crs(declared, name, "")
    features: list[BoundaryFeature] = []
    for n, (feature, props) in enumerate(zip(raw, properties, strict=True), start=1):
        where = f"feature {n}"
        location = Location(file=name, field=where)
        code_text = _code_text(props.get(code_attribute), level_found, location, code_attribute)
        geometry_json = feature.get("geometry") if isinstance(feature, dict) else None
        if not geometry_json:
            raise _no_geometry(location, code_text)
        try:
            geometry = shape(geometry_json)
        except (AttributeError, KeyError, TypeError, ValueError, IndexError) as err:
            raise _bad_geometry(location, code_text, str(err) or type(err).__name__) from err
        except shapely.errors.GEOSException as err:
            raise _bad_geometry(location, code_text, str(err)) from err
        area_name = props.get(name_attribute) if name_attribute else None
        features.append(
            BoundaryFeature(
                code=code_text,
                name=str(area_name).strip() if area_name is not None else "",
                geometry=geometry,
                where=where,
            )
        )
        if on_progress is not None and n % PROGRESS_EVERY == 0:
            on_progress(PROGRESS_EVERY)
    if on_progress is not None and len(features) % PROGRESS_EVERY:
        on_progress(len(features) % PROGRESS_EVERY)
    epsg = declared if declared is not None else _guess_crs(features, name)
    return _finish(name, "", level_found, code_attribute, epsg, features)


def _properties(feature: Any) -> dict[str, Any]:
    props = feature.get("properties") if isinstance(feature, dict) else None
    return props if isinstance(props, dict) else {}


def _declared_crs(document: dict[str, Any], name: str) -> int | None:
    """The EPSG code of a GeoJSON 2008 `crs` member; None when there is none (RFC 7946)."""
    crs = document.get("crs")
    if not crs:
        return None
    text = ""
    if isinstance(crs, dict):
        props = crs.get("properties")
        if isinstance(props, dict):
            text = str(props.get("name") or props.get("code") or "")
    if text.upper().endswith("CRS84"):
        return 4326
    match = _EPSG.search(text.strip())
    if match is None:
        raise _wrong_crs(name, text or json.dumps(crs)[:80], "")
    return int(match.group(1))


def _guess_crs(features: list[BoundaryFeature], name: str) -> int:
    """A GeoJSON without `crs`: longitude/latitude per RFC 7946 when its coordinates are
    degrees; SWEREF 99 TM when they lie where Sweden lies in it (many tools leave `crs` out)."""
    min_x, min_y, max_x, max_y = _bounds(features)
    if -180 <= min_x and max_x <= 180 and -90 <= min_y and max_y <= 90:
        return 4326
    if _within_sweden(min_x, min_y, max_x, max_y):
        return SWEREF99TM
    raise SourceError(
        gettext_noop(
            "%(file)s does not say its coordinate system, and its coordinates are neither "
            "longitude/latitude nor SWEREF 99 TM metres in Sweden. Save it in SWEREF 99 TM "
            "(EPSG:3006), as SCB publishes its boundaries."
        ),
        {},
        Location(file=name),
        code="unknown_crs",
    )


# --- shared ----------------------------------------------------------------------------------


def _code_attribute(attributes: list[str], level: str | None) -> tuple[str, str] | None:
    """(the attribute as the file spells it, its level), or None."""
    lower = {a.lower(): a for a in attributes}
    for candidate_level in (level,) if level else LEVELS:
        for wanted in CODE_ATTRIBUTES[candidate_level]:
            if wanted in lower:
                return lower[wanted], candidate_level
    return None


def _missing_code_column(
    name: str, layer: str, attributes: list[str], level: str | None
) -> SourceError:
    wanted = [a for lv in ((level,) if level else LEVELS) for a in CODE_ATTRIBUTES[lv]]
    return SourceError(
        gettext_noop(
            "%(file)s%(layer)s has no column with area codes: expected one of %(expected)s, "
            "found %(found)s. Use SCB's boundary file as downloaded, or rename the code column."
        ),
        {
            "layer": f", layer {layer}" if layer else "",
            "expected": ", ".join(wanted),
            "found": ", ".join(attributes) or "–",
        },
        Location(file=name),
        code="no_code_column",
    )


def _code_text(value: Any, level: str, location: Location, attribute: str) -> str:
    if isinstance(value, bool) or value is None or (isinstance(value, str) and not value.strip()):
        raise SourceError(
            gettext_noop("%(file)s, %(field)s has no area code in %(attribute)s."),
            {"attribute": attribute},
            location,
            code="no_code",
        )
    if isinstance(value, int | float):
        # A municipality code stored as a number has lost its leading zero (114 → 0114).
        number = int(value)
        return f"{number:04d}" if level == "municipality" else str(number)
    return str(value).strip()


def _finish(
    name: str,
    layer: str,
    level: str,
    code_attribute: str,
    epsg: int,
    features: list[BoundaryFeature],
) -> BoundaryFile:
    _check_crs(epsg, name, layer)
    seen: dict[str, str] = {}
    checked: list[BoundaryFeature] = []
    for feature in features:
        location = Location(
            file=name, field=f"{layer}, {feature.where}" if layer else feature.where
        )
        if feature.code in seen:
            raise SourceError(
                gettext_noop(
                    "%(file)s, %(field)s gives area %(code)s again (first in %(first)s). Keep one "
                    "feature per area (a MultiPolygon for an area in several parts)."
                ),
                {"code": feature.code, "first": seen[feature.code]},
                location,
                code="duplicate_area",
            )
        seen[feature.code] = feature.where
        geometry = _polygonal(feature.geometry, location, feature.code)
        if epsg != SWEREF99TM:
            geometry = shapely.transform(geometry, _to_sweref)
        checked.append(BoundaryFeature(feature.code, feature.name, geometry, feature.where))
    result = BoundaryFile(name, layer, level, code_attribute, epsg, checked)
    if checked and not _within_sweden(*_bounds(checked)):
        raise SourceError(
            gettext_noop(
                "The coordinates of %(file)s lie outside Sweden in SWEREF 99 TM (EPSG:3006). "
                "The file may be in another coordinate system than it says, or have its axes "
                "swapped; save it in SWEREF 99 TM."
            ),
            {},
            Location(file=name),
            code="outside_sweden",
        )
    return result


def _check_crs(epsg: int, name: str, layer: str) -> None:
    if epsg != SWEREF99TM and epsg not in GEOGRAPHIC:
        raise _wrong_crs(name, f"EPSG:{epsg} ({CRS_NAMES.get(epsg, '?')})", layer)


def _to_sweref(coordinates: Any) -> Any:
    easting, northing = from_geographic(coordinates[:, 0], coordinates[:, 1])
    return np.column_stack([easting, northing])


def _polygonal(geometry: Any, location: Location, code: str) -> Any:
    """The geometry as a valid 2D Polygon or MultiPolygon; anything else is refused."""
    if geometry is None or geometry.is_empty:
        raise _no_geometry(location, code)
    kind = geometry.geom_type
    if kind not in {"Polygon", "MultiPolygon"}:
        raise SourceError(
            gettext_noop(
                "%(file)s, %(field)s (area %(code)s) is a %(kind)s, not a polygon: a boundary "
                "file holds areas. Choose SCB's area boundaries (DeSO, RegSO or municipalities)."
            ),
            {"code": code, "kind": kind},
            location,
            code="not_a_polygon",
        )
    geometry = shapely.force_2d(geometry)
    if not geometry.is_valid:
        # Self-touching rings and the like, common after conversions: repaired, keeping the
        # polygonal parts only.
        repaired = shapely.make_valid(geometry)
        parts = [
            g
            for g in getattr(repaired, "geoms", [repaired])
            if g.geom_type in {"Polygon", "MultiPolygon"}
        ]
        if not parts:
            raise _bad_geometry(location, code, "the polygon cannot be repaired")
        geometry = shapely.union_all(parts)
    return geometry


def _bounds(features: list[BoundaryFeature]) -> tuple[float, float, float, float]:
    boxes = shapely.bounds(np.array([f.geometry for f in features], dtype=object))
    return (
        float(np.nanmin(boxes[:, 0])),
        float(np.nanmin(boxes[:, 1])),
        float(np.nanmax(boxes[:, 2])),
        float(np.nanmax(boxes[:, 3])),
    )


def _within_sweden(min_x: float, min_y: float, max_x: float, max_y: float) -> bool:
    lo_x, lo_y, hi_x, hi_y = SWEDEN_BOUNDS_M
    return lo_x <= min_x and max_x <= hi_x and lo_y <= min_y and max_y <= hi_y


def _wrong_crs(name: str, crs: str, layer: str) -> SourceError:
    return SourceError(
        gettext_noop(
            "%(file)s%(layer)s is in the coordinate system %(crs)s. Grogrund reads SWEREF 99 TM "
            "(EPSG:3006), as SCB publishes its boundaries, and converts longitude/latitude "
            "(WGS 84, EPSG:4326); save the file in SWEREF 99 TM and upload it again."
        ),
        {"crs": crs, "layer": f", layer {layer}" if layer else ""},
        Location(file=name),
        code="wrong_crs",
    )


def _no_geometry(location: Location, code: str) -> SourceError:
    return SourceError(
        gettext_noop("%(file)s, %(field)s (area %(code)s) has no geometry."),
        {"code": code},
        location,
        code="no_geometry",
    )


def _bad_geometry(location: Location, code: str, reason: str) -> SourceError:
    return SourceError(
        gettext_noop(
            "%(file)s, %(field)s (area %(code)s): the geometry cannot be read (%(reason)s)."
        ),
        {"code": code, "reason": reason},
        location,
        code="bad_geometry",
    )


__all__ = [
    "CODE_ATTRIBUTES",
    "LEVELS",
    "SWEREF99TM",
    "BoundaryFeature",
    "BoundaryFile",
    "read_boundaries",
]
