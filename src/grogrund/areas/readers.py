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
    read_kolada_file,
    read_table,
)
from grogrund.sources.kolada import DEFAULT_GENDER, KOLADA_SOURCE, check_gender
from grogrund.sources.records import Location
from grogrund.sources.scb import SCB_SOURCE, read_scb_file
from grogrund.sources.survey import SurveyDefinition, SurveyReader


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
    # What the user should know though the import goes on (sources.survey.SurveyWarning),
    # filled while the records are read.
    warnings: list[Any] = field(default_factory=list)


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
    """CSV/XLSX with a column mapping (a mapping dict, from a YAML file, an import template or
    the web form; else the simple `columns`). Region names and "code name" labels are matched
    against the official areas (areas.region_matcher); option `region` is the area of a file
    without a region column, `sheet` the workbook sheet."""
    from grogrund.areas.region_matcher import official_areas

    files = _need_files(request)
    if request.mapping is not None:
        data = dict(request.mapping)
        if request.source:
            data["source"] = request.source
        if request.options.get("region") and not data.get("area_code"):
            data["fixed_area"] = request.options["region"]
        if request.options.get("sheet"):
            data["sheet"] = request.options["sheet"]
        mapping = ColumnMapping.from_dict(data, file=request.mapping_name)
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
    # Built now, not when the first name turns up: by then the import may be writing (a COPY
    # on PostgreSQL), and the connection takes no other query meanwhile.
    records = read_table(path, mapping, regions=official_areas(mapping.region_level))
    return RecordsPlan(records, request.source or path.name, path.stem, total)


def _read_scb(request: ReadRequest) -> RecordsPlan:
    if request.mapping is None:
        raise SourceError(
            gettext_noop("An SCB import needs a mapping (see docs/import.md)."),
            {},
            Location(file=""),
            code="invalid_mapping",
        )
    mapping = ScbMapping.from_dict(request.mapping, file=request.mapping_name)
    # options["region"]: the area of a table without a region dimension (default Sweden, 00).
    region = str(request.options.get("region") or "").strip()
    if region:
        mapping = ScbMapping.from_dict(
            {**mapping.model_dump(exclude_unset=True), "region": region},
            file=request.mapping_name,
        )
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
        for f in files:  # json-stat2, json-stat, PxWeb v1 json or .px, told by content
            yield from read_scb_file(f, mapping)

    return RecordsPlan(chained(), mapping.source, name)


def _renamed(
    records: Iterator[ObservationRecord], names: dict[str, str]
) -> Iterator[ObservationRecord]:
    """Kolada KPI ids (N15428) → Grogrund indicator codes, as the user mapped them."""
    for record in records:
        code = names.get(record.indicator_code)
        yield replace(record, indicator_code=code) if code else record


def _read_kolada(request: ReadRequest) -> RecordsPlan:
    """Kolada v3: saved responses or the live API; one gender (option or template `gender`:
    T, K or M, default T); shares come in percent and carry their scale (sources.kolada)."""
    names: dict[str, str] = dict(request.options.get("names") or {})
    mapping = request.mapping or {}
    gender = check_gender(request.options.get("gender") or mapping.get("gender") or DEFAULT_GENDER)
    if request.files:
        files = _need_files(request)

        def kolada_files() -> Iterator[ObservationRecord]:
            for f in files:
                yield from read_kolada_file(f, gender=gender)

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
    records = client.data(
        list(o["kpis"]), list(o["municipalities"]), list(o["years"]), gender=gender
    )
    return RecordsPlan(_renamed(records, names), KOLADA_SOURCE, "Kolada")


def _read_survey(request: ReadRequest) -> RecordsPlan:
    """Tenant-survey answer counts per step → indices (sources.survey); the mapping is the
    survey definition (a YAML file or an import template of kind survey)."""
    if request.mapping is None:
        raise SourceError(
            gettext_noop("A survey import needs a survey definition (see docs/import.md)."),
            {},
            Location(file=""),
            code="invalid_mapping",
        )
    data = {**request.mapping, **({"source": request.source} if request.source else {})}
    definition = SurveyDefinition.from_dict(data, file=request.mapping_name)
    path = _need_files(request)[0]
    reader = SurveyReader(path, definition)
    return RecordsPlan(
        reader.records(), definition.source or path.name, path.stem, warnings=reader.warnings
    )


READERS: dict[str, Callable[[ReadRequest], RecordsPlan]] = {
    "csv": _read_table,
    "xlsx": _read_table,
    "scb": _read_scb,
    "kolada": _read_kolada,
    "survey": _read_survey,
}


def open_records(request: ReadRequest) -> RecordsPlan:
    """The records of an import as the request describes it (nothing is read yet)."""
    return READERS[request.kind](request)
