"""Parse JSON-stat 2.0 datasets as returned by SCB PxWebApi 2.0 (`outputFormat=json-stat2`).

Spec: https://json-stat.org/full/ . Values are stored row-major: the last dimension in `id`
varies fastest. `value` is an array (entries may be null) or a sparse object {"index": value};
`status` is a string (all cells), an array or a sparse object. SCB adds `extension`
(noteMandatory, elimination, px) and `note` lists that must be shown with the figures.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import SourceError, gettext_noop
from .personal_numbers import check_json, check_texts
from .records import Location


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    label: str
    unit: Mapping[str, Any] | None = None
    # Notes that must be shown with the figures of this category (PX VALUENOTEX).
    mandatory_notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Dimension:
    id: str
    label: str
    categories: tuple[Category, ...]
    elimination: bool = False
    elimination_code: str | None = None
    notes: tuple[str, ...] = ()
    mandatory_notes: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        return len(self.categories)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.categories)

    def label_of(self, code: str) -> str:
        for category in self.categories:
            if category.code == code:
                return category.label
        raise KeyError(code)


@dataclass(frozen=True, slots=True)
class Cell:
    """One value with its coordinates (dimension id → category code)."""

    coordinates: Mapping[str, str]
    value: float | None
    status: str | None
    index: int


@dataclass(frozen=True)
class Dataset:
    label: str
    source: str
    updated: str | None
    dimensions: tuple[Dimension, ...]
    values: Sequence[float | None] | Mapping[int, float | None]
    status: Mapping[int, str]
    notes: tuple[str, ...] = ()
    mandatory_notes: tuple[str, ...] = ()
    role: Mapping[str, Sequence[str]] = field(default_factory=dict)
    extension: Mapping[str, Any] = field(default_factory=dict)
    file: str = "<json-stat>"

    @property
    def id(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.dimensions)

    @property
    def size(self) -> tuple[int, ...]:
        return tuple(d.size for d in self.dimensions)

    @property
    def table_id(self) -> str | None:
        px = self.extension.get("px")
        return str(px["tableid"]) if isinstance(px, Mapping) and "tableid" in px else None

    def dimension(self, dimension_id: str) -> Dimension:
        for d in self.dimensions:
            if d.id == dimension_id:
                return d
        raise SourceError(
            gettext_noop(
                "The dataset %(file)s has no dimension %(dimension)s. Its dimensions are "
                "%(dimensions)s; correct the mapping."
            ),
            {"dimension": dimension_id, "dimensions": ", ".join(self.id)},
            Location(file=self.file),
            code="unknown_dimension",
        )

    def _value(self, index: int) -> float | None:
        if isinstance(self.values, Mapping):
            return self.values.get(index)
        return self.values[index]

    def cells(self) -> Iterator[Cell]:
        """Every cell in row-major order (last dimension fastest)."""
        ids = self.id
        status = self.status
        for index, codes in enumerate(itertools.product(*(d.codes for d in self.dimensions))):
            yield Cell(
                dict(zip(ids, codes, strict=True)), self._value(index), status.get(index), index
            )

    def flat_index(self, coordinates: Mapping[str, str]) -> int:
        index = 0
        for d in self.dimensions:
            code = coordinates[d.id]
            index = index * d.size + d.codes.index(code)
        return index

    def value_at(self, **coordinates: str) -> float | None:
        """The value at the given coordinates, e.g. value_at(Region="01", Tid="2026M01", ...)."""
        return self._value(self.flat_index(coordinates))

    def status_at(self, **coordinates: str) -> str | None:
        return self.status.get(self.flat_index(coordinates))


def _invalid(file: str, reason: str) -> SourceError:
    return SourceError(
        gettext_noop(
            "The file %(file)s is not a valid JSON-stat 2.0 dataset (%(reason)s). Download it "
            "again with outputFormat=json-stat2."
        ),
        {"reason": reason},
        Location(file=file),
        code="invalid_jsonstat",
    )


def _notes(obj: Mapping[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    raw = obj.get("note") or []
    notes = tuple(str(n) for n in (raw if isinstance(raw, list) else [raw]))
    ext = obj.get("extension") or {}
    flags = ext.get("noteMandatory") if isinstance(ext, Mapping) else None
    mandatory: list[str] = []
    if isinstance(flags, Mapping):
        for key, flag in flags.items():
            if flag and key.isdigit() and int(key) < len(notes):
                mandatory.append(notes[int(key)])
    return notes, tuple(mandatory)


def _number(raw: Any, file: str, index: int) -> float | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise _invalid(file, f"value {index} is {raw!r}, not a number or null")
    number = float(raw)
    return None if math.isnan(number) else number


def _dimension(dim_id: str, obj: Any, file: str) -> Dimension:
    if not isinstance(obj, Mapping) or not isinstance(obj.get("category"), Mapping):
        raise _invalid(file, f"dimension {dim_id} has no category")
    category = obj["category"]
    labels = category.get("label") or {}
    index = category.get("index")
    if index is None:
        if len(labels) != 1:
            raise _invalid(file, f"dimension {dim_id} has no category index")
        ordered = list(labels)
    elif isinstance(index, list):
        ordered = [str(c) for c in index]
    elif isinstance(index, Mapping):
        ordered = [code for code, _ in sorted(index.items(), key=lambda kv: int(kv[1]))]
    else:
        raise _invalid(file, f"dimension {dim_id} has a category index of the wrong type")
    units = category.get("unit") or {}
    ext = obj.get("extension") or {}
    notes, mandatory = _notes(obj)
    return Dimension(
        id=dim_id,
        label=str(obj.get("label", dim_id)),
        categories=tuple(
            Category(code=c, label=str(labels.get(c, c)), unit=units.get(c)) for c in ordered
        ),
        elimination=bool(ext.get("elimination", False)),
        elimination_code=ext.get("eliminationValueCode"),
        notes=notes,
        mandatory_notes=mandatory,
    )


def parse_dataset(data: Any, *, file: str = "<json-stat>", require_values: bool = True) -> Dataset:
    """Build a Dataset from decoded JSON-stat 2.0 (`class: dataset`)."""
    if not isinstance(data, Mapping):
        raise _invalid(file, "the top level is not an object")
    check_json(data, file=file)  # labels, notes, category codes and labels, extension
    if data.get("class", "dataset") != "dataset":
        raise _invalid(file, f"class is {data.get('class')!r}, expected 'dataset'")
    ids = data.get("id")
    sizes = data.get("size")
    dims = data.get("dimension")
    if not isinstance(ids, list) or not isinstance(sizes, list) or not isinstance(dims, Mapping):
        raise _invalid(file, "id, size or dimension is missing")
    if len(ids) != len(sizes):
        raise _invalid(file, "id and size have different lengths")
    dimensions = tuple(_dimension(str(i), dims.get(i), file) for i in ids)
    for d, s in zip(dimensions, sizes, strict=True):
        if d.size != s:
            raise _invalid(file, f"dimension {d.id} has {d.size} categories but size says {s}")
    total = math.prod(sizes)

    raw_values = data.get("value")
    values: list[float | None] | dict[int, float | None]
    if isinstance(raw_values, Mapping):
        values = {int(k): _number(v, file, int(k)) for k, v in raw_values.items()}
    elif isinstance(raw_values, list):
        if raw_values or require_values:
            if len(raw_values) != total:
                raise _invalid(
                    file,
                    f"{len(raw_values)} values for {total} cells ({' × '.join(map(str, sizes))})",
                )
        values = [_number(v, file, i) for i, v in enumerate(raw_values)]
    elif raw_values is None and not require_values:
        values = []
    else:
        raise _invalid(file, "value is missing")

    raw_status = data.get("status")
    status: dict[int, str] = {}
    if isinstance(raw_status, str):
        status = dict.fromkeys(range(total), raw_status)
    elif isinstance(raw_status, list):
        status = {i: str(s) for i, s in enumerate(raw_status) if s not in (None, "")}
    elif isinstance(raw_status, Mapping):
        status = {int(k): str(s) for k, s in raw_status.items() if s not in (None, "")}

    notes, mandatory = _notes(data)
    role = data.get("role") or {}
    return Dataset(
        label=str(data.get("label", "")),
        source=str(data.get("source", "")),
        updated=data.get("updated"),
        dimensions=dimensions,
        values=values,
        status=status,
        notes=notes,
        mandatory_notes=mandatory,
        role={k: list(v) for k, v in role.items()},
        extension=dict(data.get("extension") or {}),
        file=file,
    )


def load_dataset(path: str | Path, *, require_values: bool = True) -> Dataset:
    """Read a JSON-stat 2.0 file (UTF-8, with or without BOM)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _invalid(path.name, str(exc)) from exc
    return parse_dataset(data, file=path.name, require_values=require_values)


def check_dataset(dataset: Dataset) -> None:
    """Refuse a dataset whose labels, notes or category codes hold a personal number, in
    whatever format it came (JSON-stat 2.0 or 1.0, PxWebApi v1 json, PC-Axis)."""
    texts: list[tuple[str, str]] = [
        ("label", dataset.label),
        ("source", dataset.source),
        *(("note", n) for n in (*dataset.notes, *dataset.mandatory_notes)),
    ]
    for d in dataset.dimensions:
        texts += [(f"dimension {d.id}", d.id), (f"dimension {d.id}", d.label)]
        texts += [(f"dimension {d.id}, note", n) for n in (*d.notes, *d.mandatory_notes)]
        for c in d.categories:
            place = f"dimension {d.id}, category {c.code}"
            texts += [(place, c.code), (place, c.label)]
            texts += [(place, n) for n in c.mandatory_notes]
    check_texts(texts, file=dataset.file)
