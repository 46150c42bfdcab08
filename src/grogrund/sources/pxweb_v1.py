"""SCB's older API, PxWeb v1 (api.scb.se/OV0104/v1/doris), as saved responses.

A v1 query (`"response": {"format": ...}`) answers in one of three JSON shapes; each becomes
the same `jsonstat.Dataset` as a PxWebApi 2.0 response, so one `ScbMapping` reads them all:

- ``json-stat2``: the same JSON-stat 2.0 as v2 (read by `jsonstat.parse_dataset`).
- ``json-stat`` (JSON-stat 1.0): ``{"dataset": {"dimension": {..., "id": [...], "size": [...],
  "role": {...}}, "value": [...], "status": {...}}}`` — `id`, `size` and `role` sit inside
  `dimension`, and the dataset sits under a name.
- ``json``: ``{"columns": [{"code", "text", "type"}], "comments": [...], "data": [{"key": [...],
  "values": [...]}]}``. Columns of type "d" are dimensions, "t" the time dimension and "c" the
  contents: a table with several content columns gives one value per content, so the contents
  become a dimension `ContentsCode` whose codes are the column codes. Values are strings, with
  SCB's symbols ("..", "-") for figures that are not numbers (`scb_symbols`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .errors import SourceError, gettext_noop
from .jsonstat import Category, Dataset, Dimension, parse_dataset
from .records import Location
from .scb_symbols import parse_cell

CONTENTS_DIMENSION = "ContentsCode"


def is_jsonstat1(data: Any) -> bool:
    return isinstance(data, Mapping) and any(
        isinstance(v, Mapping)
        and isinstance(v.get("dimension"), Mapping)
        and "id" in v["dimension"]
        for v in data.values()
    )


def is_v1_json(data: Any) -> bool:
    return isinstance(data, Mapping) and isinstance(data.get("columns"), list) and "data" in data


def parse_jsonstat1(data: Mapping[str, Any], *, file: str) -> list[Dataset]:
    """Every dataset of a JSON-stat 1.0 response (SCB sends one, named "dataset")."""
    datasets = []
    for obj in data.values():
        if not (isinstance(obj, Mapping) and isinstance(obj.get("dimension"), Mapping)):
            continue
        dims = dict(obj["dimension"])
        ids, sizes, role = dims.pop("id", None), dims.pop("size", None), dims.pop("role", None)
        v2 = {
            key: value
            for key, value in obj.items()
            if key in {"label", "source", "updated", "value", "status", "note", "extension"}
        }
        v2.update({"class": "dataset", "id": ids, "size": sizes, "role": role or {}})
        v2["dimension"] = dims
        datasets.append(parse_dataset(v2, file=file))
    return datasets


def _bad_json(file: str, reason: str, row: int | None = None) -> SourceError:
    return SourceError(
        gettext_noop(
            "The file %(file)s is not a PxWeb v1 response in the format json (%(reason)s). "
            "Save the response again as it came from the API, or ask for json-stat2."
        ),
        {"reason": reason},
        Location(file=file, row=row),
        code="invalid_pxweb_v1",
    )


def _comments(raw: Any) -> tuple[str, ...]:
    """v1 comments are objects {variable, value, comment} (or plain strings): shown as notes."""
    notes = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, Mapping):
            text = str(item.get("comment") or "").strip()
            where = ", ".join(str(item[k]) for k in ("variable", "value") if item.get(k))
            if text:
                notes.append(f"{where}: {text}" if where else text)
        elif isinstance(item, str) and item.strip():
            notes.append(item.strip())
    return tuple(notes)


def parse_v1_json(data: Mapping[str, Any], *, file: str) -> Dataset:
    """A v1 "json" response as a Dataset: key columns, then ContentsCode (last)."""
    columns = data.get("columns")
    rows = data.get("data")
    if not isinstance(columns, list) or not isinstance(rows, list):
        raise _bad_json(file, "columns or data is missing")
    keys: list[Mapping[str, Any]] = []
    contents: list[Mapping[str, Any]] = []
    for col in columns:
        if not isinstance(col, Mapping) or not col.get("code"):
            raise _bad_json(file, "a column has no code")
        (contents if col.get("type") == "c" else keys).append(col)
    if not contents:
        raise _bad_json(file, "no column of type c (the figures)")
    codes: list[dict[str, int]] = [{} for _ in keys]
    for n, row in enumerate(rows, start=1):
        key = row.get("key") if isinstance(row, Mapping) else None
        cells = row.get("values") if isinstance(row, Mapping) else None
        if not isinstance(key, list) or len(key) != len(keys):
            raise _bad_json(
                file, f"data item {n} has a key of {len(key or [])} codes, not {len(keys)}", n
            )
        if not isinstance(cells, list) or len(cells) != len(contents):
            raise _bad_json(
                file, f"data item {n} has {len(cells or [])} values, not {len(contents)}", n
            )
        for seen, code in zip(codes, key, strict=True):
            seen.setdefault(str(code), len(seen))

    dimensions = [
        Dimension(
            id=str(col["code"]),
            label=str(col.get("text") or col["code"]),
            categories=tuple(Category(code=c, label=c) for c in seen),
        )
        for col, seen in zip(keys, codes, strict=True)
    ]
    dimensions.append(
        Dimension(
            id=CONTENTS_DIMENSION,
            label="tabellinnehåll",
            categories=tuple(
                Category(
                    code=str(col["code"]),
                    label=str(col.get("text") or col["code"]),
                    unit={"base": str(col["unit"])} if col.get("unit") else None,
                )
                for col in contents
            ),
        )
    )
    n_contents = len(contents)
    values: dict[int, float | None] = {}
    status: dict[int, str] = {}
    for n, row in enumerate(rows, start=1):
        index = 0
        for seen, code in zip(codes, row["key"], strict=True):
            index = index * len(seen) + seen[str(code)]
        for c, raw in enumerate(row["values"]):
            cell = index * n_contents + c
            try:
                value, symbol = parse_cell(str(raw) if raw is not None else "")
            except ValueError:
                raise SourceError(
                    gettext_noop(
                        "%(file)s, data item %(row)s: the value '%(value)s' of %(field)s is "
                        "neither a number nor one of SCB's symbols (.. . - :). Save the "
                        "response again as it came from the API."
                    ),
                    {"value": str(raw)[:40]},
                    Location(file=file, row=n, field=str(contents[c]["code"])),
                    code="not_a_number",
                ) from None
            values[cell] = value
            if symbol:
                status[cell] = symbol
    meta = data.get("metadata")
    first = meta[0] if isinstance(meta, list) and meta and isinstance(meta[0], Mapping) else {}
    notes = _comments(data.get("comments"))
    time_ids = [str(col["code"]) for col in keys if col.get("type") == "t"]
    return Dataset(
        label=str(first.get("label", "")),
        source=str(first.get("source", "")),
        updated=first.get("updated"),
        dimensions=tuple(dimensions),
        values=values,
        status=status,
        notes=notes,
        # v1 "json" does not say which comments are mandatory: show them all.
        mandatory_notes=notes,
        role={"time": time_ids, "metric": [CONTENTS_DIMENSION]},
        extension={},
        file=file,
    )
