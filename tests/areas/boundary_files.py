"""Small boundary files for tests, written as SCB writes them: a GeoPackage made with sqlite3
(the OGC tables, and each geometry as a GeoPackage binary header + shapely's WKB) and a GeoJSON
FeatureCollection.

The geometries are squares and L shapes in SWEREF 99 TM metres around a point in Grobo, the
demo's fictional municipality, which lies in Sweden's range so the reader accepts it.
"""

from __future__ import annotations

import json
import sqlite3
import struct
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import Polygon, box, mapping

ORIGIN = (620_000.0, 6_640_000.0)  # SWEREF 99 TM, east of Örebro

SRS_ROWS = {
    3006: ("SWEREF99 TM", "EPSG", 3006),
    4326: ("WGS 84 geodetic", "EPSG", 4326),
    3021: ("RT90 2.5 gon V", "EPSG", 3021),
}


def square(col: int, row: int = 0, size: float = 1000.0) -> Polygon:
    """The square `size` metres wide at grid position (col, row) from ORIGIN."""
    x, y = ORIGIN[0] + col * size, ORIGIN[1] + row * size
    return box(x, y, x + size, y + size)


def gpkg_blob(geometry: Any, srs_id: int = 3006, *, envelope: bool = True) -> bytes:
    """A GeoPackage binary geometry (OGC 12-128r18 §2.1.3): "GP", version 0, flags
    (little-endian; envelope code 1 = [minx, maxx, miny, maxy] when `envelope`), srs_id,
    the envelope, then standard WKB."""
    flags = 0b0000_0001 | ((1 << 1) if envelope else 0)
    head = struct.pack("<2sBBi", b"GP", 0, flags, srs_id)
    if envelope:
        min_x, min_y, max_x, max_y = geometry.bounds
        head += struct.pack("<4d", min_x, max_x, min_y, max_y)
    return head + shapely.to_wkb(geometry)


def write_geopackage(
    path: Path,
    features: Sequence[tuple[str, Any]],
    *,
    code_column: str = "deso",
    layer: str = "DeSO_2018_v2",
    srs_id: int = 3006,
    extra_columns: dict[str, Sequence[Any]] | None = None,
    blobs: Sequence[bytes] | None = None,
) -> Path:
    """A GeoPackage with one feature table `layer`: fid, `code_column`, any extra columns and
    the geometry column `geom` in `srs_id`."""
    db = sqlite3.connect(path)
    db.executescript(
        """
        PRAGMA application_id = 1196444487;
        CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
          organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
          definition TEXT NOT NULL, description TEXT);
        CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL,
          identifier TEXT, description TEXT DEFAULT '', last_change DATETIME, min_x DOUBLE,
          min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
        CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
          geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL,
          m TINYINT NOT NULL);
        """
    )
    name, org, number = SRS_ROWS[srs_id]
    db.execute(
        "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, 'undefined', '')",
        (name, srs_id, org, number),
    )
    extra = extra_columns or {}
    columns = "".join(f', "{c}" TEXT' for c in extra)
    db.execute(
        f'CREATE TABLE "{layer}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB, '
        f'"{code_column}" TEXT{columns})'
    )
    db.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) "
        "VALUES (?, 'features', ?, ?)",
        (layer, layer, srs_id),
    )
    db.execute(
        "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'MULTIPOLYGON', ?, 0, 0)",
        (layer, srs_id),
    )
    for i, (code, geometry) in enumerate(features):
        blob = blobs[i] if blobs is not None else gpkg_blob(geometry, srs_id)
        values = [blob, code, *(extra[c][i] for c in extra)]
        marks = ", ".join("?" for _ in values)
        names = ", ".join(["geom", f'"{code_column}"', *(f'"{c}"' for c in extra)])
        db.execute(f'INSERT INTO "{layer}" ({names}) VALUES ({marks})', values)
    db.commit()
    db.close()
    return path


def write_geojson(
    path: Path,
    features: Sequence[tuple[str, Any]],
    *,
    code_column: str = "deso",
    crs: str | None = "urn:ogc:def:crs:EPSG::3006",
    extra: dict[str, Sequence[Any]] | None = None,
) -> Path:
    document: dict[str, Any] = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {code_column: code, **{k: v[i] for k, v in (extra or {}).items()}},
                "geometry": mapping(geometry),
            }
            for i, (code, geometry) in enumerate(features)
        ],
    }
    if crs is not None:
        document["crs"] = {"type": "name", "properties": {"name": crs}}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path
