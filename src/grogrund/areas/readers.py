"""Which reader reads an import, from the options the user gave: one place for the command
line (`grogrund import KIND ...`) and the web import alike, so that both offer the same.

`open_records(request)` returns the records (a generator: nothing is read until the import
service iterates them), the default source text and dataset name, and the row count when it is
cheap to know (for a progress bar). Each kind of import has one `_read_<kind>` function here;
they raise `SourceError` for what the user can fix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from grogrund.sources import (
    ColumnMapping,
    KoladaClient,
    ObservationRecord,
    ScbClient,
    ScbMapping,
    SourceError,
    gettext_noop,
    read_jsonstat_file,
    read_kolada_file,
    read_table,
)
from grogrund.sources.kolada import KOLADA_SOURCE
from grogrund.sources.records import Location
from grogrund.sources.scb import SCB_SOURCE


@dataclass
class ReadRequest:
    """Everything a user can say about an import, whichever way they say it.

    `mapping` is the mapping as a dict (from a YAML file, a saved import template or a form);
    `columns` the simple column names of the csv/xlsx command-line options; `options` any
    further kind-specific option by name (region for a table without one, gender, ...).
    """

    kind: str  # csv | xlsx | scb | kolada | ... (see READERS)
    files: list[Path] = field(default_factory=list)
    mapping: dict[str, Any] | None = None
    mapping_name: str = "<mapping>"
    columns: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    live: bool = False
    language: str = "sv"
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class RecordsPlan:
    records: Iterator[ObservationRecord]
    source: str
    dataset_name: str
    total: int | None = None


def load_mapping_file(path: Path) -> dict[str, Any]:
    """A YAML (or JSON) mapping file as a dict, with a message naming the file if it is not."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SourceError(
            gettext_noop(
                "The mapping file %(file)s could not be read: %(reason)s. Save it as YAML in "
                "UTF-8 (see docs/import.md)."
            ),
            {"reason": str(exc)[:200]},
            Location(file=path.name),
            code="invalid_mapping",
        ) from exc
    if not isinstance(data, dict):
        raise SourceError(
            gettext_noop(
                "The mapping file %(file)s does not hold a mapping (names and values). See "
                "docs/import.md for examples."
            ),
            {},
            Location(file=path.name),
            code="invalid_mapping",
        )
    return data


def _need_files(request: ReadRequest) -> list[Path]:
    if not request.files:
        raise SourceError(
            gettext_noop("Name the file to import."), {}, Location(file=""), code="no_file"
        )
    for path in request.files:
        if not path.exists():
            raise SourceError(
                gettext_noop("File not found: %(file)s"),
                {},
                Location(file=str(path)),
                code="no_file",
            )
    return request.files


def _read_table(request: ReadRequest) -> RecordsPlan:
    files = _need_files(request)
    if request.mapping is not None:
        mapping = ColumnMapping.from_dict(
            {**request.mapping, **({"source": request.source} if request.source else {})},
            file=request.mapping_name,
        )
    else:
        c = request.columns
        fields: dict[str, Any] = {
            "area_code": c.get("area", "area"),
            "period": c.get("period", "period"),
            "value": c.get("value"),
            "numerator": c.get("numerator"),
            "denominator": c.get("denominator"),
            "sheet": c.get("sheet"),
            "source": request.source,
        }
        if c.get("indicator"):
            fields["indicator"] = c["indicator"]
        else:
            fields["indicator_code"] = c.get("indicator_column", "indicator")
        if not (fields["value"] or fields["numerator"]):
            fields["value"] = "value"
        mapping = ColumnMapping.from_dict(fields, file="--*-column")
    path = files[0]
    total = None
    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        with path.open("rb") as fh:
            total = max(0, sum(1 for _line in fh) - 1)
    return RecordsPlan(read_table(path, mapping), request.source or path.name, path.stem, total)


def _read_scb(request: ReadRequest) -> RecordsPlan:
    if request.mapping is None:
        raise SourceError(
            gettext_noop("An SCB import needs a mapping (see docs/import.md)."),
            {},
            Location(file=""),
            code="invalid_mapping",
        )
    mapping = ScbMapping.from_dict(request.mapping, file=request.mapping_name)
    name = f"SCB {mapping.table_id}"
    if request.live:
        client = ScbClient(language=request.language)
        records = client.read(
            mapping,
            regions=list(request.options.get("regions") or ["*"]),
            periods=list(request.options.get("periods") or ["*"]),
        )
        return RecordsPlan(records, SCB_SOURCE, name)
    files = _need_files(request)

    def chained() -> Iterator[ObservationRecord]:
        for f in files:
            yield from read_jsonstat_file(f, mapping)

    return RecordsPlan(chained(), mapping.source, name)


def _renamed(
    records: Iterator[ObservationRecord], names: dict[str, str]
) -> Iterator[ObservationRecord]:
    """Kolada KPI ids (N15428) → Grogrund indicator codes, as the user mapped them."""
    for record in records:
        code = names.get(record.indicator_code)
        yield replace(record, indicator_code=code) if code else record


def _read_kolada(request: ReadRequest) -> RecordsPlan:
    names: dict[str, str] = dict(request.options.get("names") or {})
    if request.files:
        files = _need_files(request)

        def kolada_files() -> Iterator[ObservationRecord]:
            for f in files:
                yield from read_kolada_file(f)

        return RecordsPlan(_renamed(kolada_files(), names), KOLADA_SOURCE, "Kolada")
    o = request.options
    if not (o.get("kpis") and o.get("municipalities") and o.get("years")):
        raise SourceError(
            gettext_noop("Give the KPIs, municipalities and years to fetch, or a file."),
            {},
            Location(file="Kolada"),
            code="invalid_request",
        )
    client = KoladaClient()
    records = client.data(list(o["kpis"]), list(o["municipalities"]), list(o["years"]))
    return RecordsPlan(_renamed(records, names), KOLADA_SOURCE, "Kolada")


READERS: dict[str, Callable[[ReadRequest], RecordsPlan]] = {
    "csv": _read_table,
    "xlsx": _read_table,
    "scb": _read_scb,
    "kolada": _read_kolada,
}


def open_records(request: ReadRequest) -> RecordsPlan:
    """The records of an import as the request describes it (nothing is read yet)."""
    return READERS[request.kind](request)
