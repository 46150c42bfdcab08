"""SCB PxWebApi 2.0: region codes, the client (batching, rate limit, back-off) and the
mapping from JSON-stat2 cells to ObservationRecords.

API: https://statistikdatabasen.scb.se/api/v2 (CC0, "Källa: SCB"). Limits come from GET
/config (maxDataCells cells per call, maxCallsPerTimeWindow calls per timeWindow seconds).
"""

from __future__ import annotations

import json
import math
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

import requests
import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from . import pxweb_v1
from ._http import RateLimiter, RetryPolicy, Session, Sleep, request_json
from .errors import SourceError, gettext_noop
from .jsonstat import Dataset, Dimension, check_dataset, load_dataset, parse_dataset
from .px import read_px
from .records import Location, ObservationRecord
from .scales import Scale
from .scb_symbols import is_nil

SCB_BASE_URL = "https://statistikdatabasen.scb.se/api/v2"
SCB_SOURCE = "SCB"
SERVICE = "SCB PxWebApi"

# Documented defaults (mission.md, "Data the platform reads"), used until /config is read.
DEFAULT_MAX_DATA_CELLS = 150_000
DEFAULT_MAX_CALLS_PER_WINDOW = 30
DEFAULT_TIME_WINDOW_SECONDS = 10.0

# ---------------------------------------------------------------------------------------
# Region codes

RegionLevel = Literal["country", "county", "municipality", "deso", "regso"]

_REGION = re.compile(
    r"^(?:(?P<country>00)|(?P<county>0[1-9]|1\d|2[0-5])|(?P<municipality>\d{4})"
    r"|(?P<deso>(?P<deso_mun>\d{4})[A-C]\d{4})(?:_(?P<deso_vintage>DeSO\d{4}))?"
    r"|(?P<regso>(?P<regso_mun>\d{4})R\d{3})(?:_(?P<regso_vintage>RegSO\d{4}))?)$"
)


@dataclass(frozen=True, slots=True)
class RegionCode:
    """An SCB region code. `code` keeps any vintage suffix (`_DeSO2025`) so that DeSO 2018
    and DeSO 2025 areas never mix; `vintage` is e.g. "DeSO2018" for an unsuffixed DeSO code."""

    code: str
    level: RegionLevel
    vintage: str | None
    municipality_code: str | None

    @property
    def county_code(self) -> str | None:
        if self.level == "country":
            return None
        return self.code[:2]


def parse_region_code(code: str, *, location: Location | None = None) -> RegionCode:
    """Recognise country "00", county "01"–"25", municipality "0114", DeSO "0114C1010" /
    "0114C1010_DeSO2025" and RegSO "0114R001" / "2584R014_RegSO2025"."""
    m = _REGION.match(code.strip())
    if m is None:
        raise SourceError(
            gettext_noop(
                "'%(code)s' (%(file)s) is not an SCB region code. Use 00 for Sweden, 01–25 for "
                "a county, four digits for a municipality (0114), a DeSO code (0114C1010 or "
                "0114C1010_DeSO2025) or a RegSO code (0114R001 or 0114R001_RegSO2025)."
            ),
            {"code": code},
            location or Location(file=""),
            code="unknown_region",
        )
    code = code.strip()
    if m.group("country"):
        return RegionCode(code, "country", None, None)
    if m.group("county"):
        return RegionCode(code, "county", None, None)
    if m.group("municipality"):
        return RegionCode(code, "municipality", None, code)
    if m.group("deso"):
        return RegionCode(code, "deso", m.group("deso_vintage") or "DeSO2018", m.group("deso_mun"))
    return RegionCode(code, "regso", m.group("regso_vintage") or "RegSO2020", m.group("regso_mun"))


# ---------------------------------------------------------------------------------------
# Configuration and batching


@dataclass(frozen=True, slots=True)
class ScbConfig:
    max_data_cells: int = DEFAULT_MAX_DATA_CELLS
    max_calls_per_window: int = DEFAULT_MAX_CALLS_PER_WINDOW
    time_window_seconds: float = DEFAULT_TIME_WINDOW_SECONDS
    license: str = ""
    source_reference: str = "Källa: SCB"

    @classmethod
    def from_json(cls, data: Mapping[str, Any], *, language: str = "sv") -> ScbConfig:
        reference = "Källa: SCB"
        for ref in data.get("sourceReferences") or []:
            if ref.get("language") == language:
                reference = str(ref.get("text", reference))
        return cls(
            max_data_cells=int(data.get("maxDataCells", DEFAULT_MAX_DATA_CELLS)),
            max_calls_per_window=int(
                data.get("maxCallsPerTimeWindow", DEFAULT_MAX_CALLS_PER_WINDOW)
            ),
            time_window_seconds=float(data.get("timeWindow", DEFAULT_TIME_WINDOW_SECONDS)),
            license=str(data.get("license", "")),
            source_reference=reference,
        )


Selection = Mapping[str, Sequence[str]]


def cell_count(selection: Selection) -> int:
    return math.prod(len(codes) for codes in selection.values())


def plan_batches(selection: Selection, max_cells: int) -> list[dict[str, list[str]]]:
    """Split `selection` so that each part has at most `max_cells` cells.

    The largest dimension (usually Region) is cut into equal chunks; if even one category of
    it is too many cells, the next largest is cut as well (recursively).
    """
    sel = {dim: list(codes) for dim, codes in selection.items()}
    if cell_count(sel) <= max_cells:
        return [sel]
    largest = max(sel, key=lambda d: len(sel[d]))
    rest = cell_count(sel) // len(sel[largest])
    if rest > max_cells:
        batches: list[dict[str, list[str]]] = []
        for code in sel[largest]:
            batches.extend(plan_batches({**sel, largest: [code]}, max_cells))
        return batches
    chunk = max(1, max_cells // rest)
    codes = sel[largest]
    return [{**sel, largest: codes[i : i + chunk]} for i in range(0, len(codes), chunk)]


ProgressCallback = Callable[[int, int], None]


class ScbClient:
    """PxWebApi 2.0 client. `session`, `clock` and `sleep` are injectable for tests."""

    def __init__(
        self,
        base_url: str = SCB_BASE_URL,
        *,
        session: Session | None = None,
        language: str = "sv",
        config: ScbConfig | None = None,
        retry: RetryPolicy | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Sleep = time.sleep,
        timeout: float = 60.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.session: Session = (
            session if session is not None else cast(Session, requests.Session())
        )
        self.language = language
        self.retry = retry or RetryPolicy()
        self.timeout = timeout
        self._clock = clock
        self._sleep = sleep
        self._config = config
        initial = config or ScbConfig()
        self.limiter = RateLimiter(
            initial.max_calls_per_window, initial.time_window_seconds, clock=clock, sleep=sleep
        )

    def _get(self, path: str, **kwargs: Any) -> Any:
        return request_json(
            self.session,
            "GET",
            f"{self.base_url}{path}",
            service=SERVICE,
            limiter=self.limiter,
            retry=self.retry,
            sleep=self._sleep,
            timeout=self.timeout,
            **kwargs,
        )

    def get_config(self) -> ScbConfig:
        """Read the limits from GET /config once (and size the rate limiter by them)."""
        if self._config is None:
            self._config = ScbConfig.from_json(self._get("/config"), language=self.language)
            self.limiter.max_calls = max(1, self._config.max_calls_per_window)
            self.limiter.window_seconds = self._config.time_window_seconds
        return self._config

    def table_metadata(self, table_id: str) -> Dataset:
        data = self._get(f"/tables/{table_id}/metadata", params={"lang": self.language})
        return parse_dataset(data, file=f"SCB {table_id}", require_values=False)

    def resolve_selection(
        self, table_id: str, selection: Selection, *, optional: Sequence[str] = ()
    ) -> dict[str, list[str]]:
        """Expand "*" to every code and select every code of dimensions that cannot be
        eliminated and were not named; eliminable dimensions left out stay out (SCB sums).
        Dimensions in `optional` (the region of a national table) are left out if the table
        has none."""
        metadata = self.table_metadata(table_id)
        selection = {
            dim: codes
            for dim, codes in selection.items()
            if dim not in optional or dim in metadata.id
        }
        resolved: dict[str, list[str]] = {}
        for dim in metadata.dimensions:
            if dim.id in selection:
                codes = list(selection[dim.id])
                resolved[dim.id] = list(dim.codes) if codes == ["*"] else codes
            elif not dim.elimination:
                resolved[dim.id] = list(dim.codes)
        unknown = set(selection) - {d.id for d in metadata.dimensions}
        if unknown:
            raise SourceError(
                gettext_noop(
                    "Table %(table)s has no dimension %(dimension)s. Its dimensions are "
                    "%(dimensions)s; correct the selection or the mapping."
                ),
                {
                    "table": table_id,
                    "dimension": ", ".join(sorted(unknown)),
                    "dimensions": ", ".join(metadata.id),
                },
                Location(file=f"SCB {table_id}"),
                code="unknown_dimension",
            )
        return resolved

    def fetch(
        self,
        table_id: str,
        selection: Selection,
        *,
        on_progress: ProgressCallback | None = None,
        resolve: bool = False,
        optional: Sequence[str] = (),
    ) -> Iterator[Dataset]:
        """Fetch the selection in batches under maxDataCells; one Dataset per batch.

        With `resolve=True` the selection is first completed from the table's metadata
        (see `resolve_selection`); otherwise it is sent as given.
        """
        config = self.get_config()
        full = (
            self.resolve_selection(table_id, selection, optional=optional)
            if resolve
            else dict(selection)
        )
        batches = plan_batches(full, config.max_data_cells)
        if on_progress is not None:
            on_progress(0, len(batches))
        for done, batch in enumerate(batches, start=1):
            body = {
                "selection": [
                    {"variableCode": dim, "valueCodes": list(codes)} for dim, codes in batch.items()
                ]
            }
            url = f"{self.base_url}/tables/{table_id}/data"
            data = request_json(
                self.session,
                "POST",
                url,
                service=SERVICE,
                limiter=self.limiter,
                retry=self.retry,
                sleep=self._sleep,
                timeout=self.timeout,
                params={"lang": self.language, "outputFormat": "json-stat2"},
                json=body,
            )
            yield parse_dataset(data, file=f"SCB {table_id}")
            if on_progress is not None:
                on_progress(done, len(batches))

    def read(
        self,
        mapping: ScbMapping,
        *,
        regions: Sequence[str],
        periods: Sequence[str],
        on_progress: ProgressCallback | None = None,
    ) -> Iterator[ObservationRecord]:
        """ObservationRecords for `regions` × `periods` ("*" for all) from the live API. With
        every region asked for ("*"), a table without a region dimension is read as Sweden
        (or as `mapping.region`)."""
        selection = mapping.selection(regions=regions, periods=periods)
        optional = [mapping.region_dimension] if list(regions) == ["*"] else []
        for dataset in self.fetch(
            mapping.table_id, selection, on_progress=on_progress, resolve=True, optional=optional
        ):
            yield from records_from_dataset(dataset, mapping, check_scale=True)


# ---------------------------------------------------------------------------------------
# Mapping JSON-stat cells to ObservationRecords

CodeOrCodes = str | list[str]


class IndicatorMapping(BaseModel):
    """One indicator from an SCB table.

    Either `value` (coordinates of the cell that is the figure) or `numerator` and
    `denominator` (coordinates of the cells whose quotient is the figure). A list of codes for
    a dimension sums those cells (e.g. the age groups that make up 20–64). Ratio values are
    shares in 0–1 by default, or percent when `ratio_scale` is "percent".

    `scale` is the scale SCB publishes a value in (sources.scales: "thousands" for an income
    in tkr, "percent" for a share given in percent); the import brings it to the indicator's
    unit. A ratio needs none: its numerator and denominator are counts.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    value: dict[str, CodeOrCodes] | None = None
    numerator: dict[str, CodeOrCodes] | None = None
    denominator: dict[str, CodeOrCodes] | None = None
    ratio_scale: Literal["share", "percent"] = "share"
    unit: str = ""
    scale: Scale | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> IndicatorMapping:
        ratio = self.numerator is not None or self.denominator is not None
        if ratio and (self.numerator is None or self.denominator is None):
            raise ValueError("a ratio indicator needs both numerator and denominator")
        if ratio == (self.value is not None):
            raise ValueError("give either value or numerator and denominator")
        if ratio and self.scale is not None:
            raise ValueError(
                "scale applies to a value; a ratio's numerator and denominator are counts "
                "(use ratio_scale for a ratio in percent)"
            )
        return self

    @property
    def is_ratio(self) -> bool:
        return self.numerator is not None


class ScbMapping(BaseModel):
    """How to turn one SCB table into ObservationRecords; loadable from YAML or a dict.

    `region` is the area of a table without a region dimension (a national table, or a query
    that left Region out): its figures are Sweden's ("00") unless `region` names another area.
    A table with a region dimension takes its areas from it, and `region` must then be empty.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    table_id: str
    region_dimension: str = "Region"
    time_dimension: str = "Tid"
    region: str | None = None
    source: str = SCB_SOURCE
    indicators: list[IndicatorMapping] = Field(min_length=1)

    @field_validator("region")
    @classmethod
    def _region_is_a_code(cls, region: str | None) -> str | None:
        code = (region or "").strip()
        if not code:
            return None
        if _REGION.match(code) is None:
            raise ValueError(
                f"region {code!r} is not an SCB region code (00 for Sweden, 0180 for a "
                "municipality, 0114C1010 for a DeSO)"
            )
        return code

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, file: str = "<mapping>") -> ScbMapping:
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise SourceError(
                gettext_noop("The mapping %(file)s is invalid: %(reason)s. Correct it."),
                {"reason": _pydantic_reason(exc)},
                Location(file=file),
                code="invalid_mapping",
            ) from exc

    @classmethod
    def from_yaml(cls, text_or_path: str | Path) -> ScbMapping:
        if isinstance(text_or_path, Path):
            return cls.from_dict(
                yaml.safe_load(text_or_path.read_text(encoding="utf-8")), file=text_or_path.name
            )
        return cls.from_dict(yaml.safe_load(text_or_path))

    def selection(self, *, regions: Sequence[str], periods: Sequence[str]) -> dict[str, list[str]]:
        """The API selection: regions × periods × every code the indicators name (no regions
        for a table read as one fixed `region`)."""
        sel: dict[str, list[str]] = {} if self.region else {self.region_dimension: list(regions)}
        sel[self.time_dimension] = list(periods)
        for indicator in self.indicators:
            for part in (indicator.value, indicator.numerator, indicator.denominator):
                for dim, codes in (part or {}).items():
                    bucket = sel.setdefault(dim, [])
                    for code in [codes] if isinstance(codes, str) else codes:
                        if code not in bucket:
                            bucket.append(code)
        return sel


def _pydantic_reason(exc: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in err['loc']) or 'mapping'}: {err['msg']}" for err in exc.errors()
    )


def _codes(spec: CodeOrCodes) -> frozenset[str]:
    return frozenset([spec] if isinstance(spec, str) else spec)


@dataclass
class _Sum:
    total: float = 0.0
    cells: int = 0
    missing: bool = False
    status: str = ""

    def add(self, value: float | None, status: str | None) -> None:
        self.cells += 1
        if value is None and is_nil(status):
            value = 0.0  # "-": nothing to report, a true zero
        if value is None:
            if not self.missing:
                # The reason a sum is missing is the symbol of its first missing cell.
                self.status = status or ""
            self.missing = True
        else:
            self.total += value
            if status and not self.status:
                self.status = status

    def result(self) -> float | None:
        return None if self.missing or self.cells == 0 else self.total


def _matcher(
    dataset: Dataset, fixed: set[str], indicator: IndicatorMapping, part: dict[str, CodeOrCodes]
) -> dict[str, frozenset[str]]:
    """The codes each dimension must have for a cell to count towards `part`."""
    match: dict[str, frozenset[str]] = {}
    for dim_id, spec in part.items():
        dim = dataset.dimension(dim_id)
        codes = _codes(spec)
        unknown = sorted(codes - set(dim.codes))
        if unknown:
            raise SourceError(
                gettext_noop(
                    "The mapping for indicator %(indicator)s selects %(codes)s in dimension "
                    "%(dimension)s of %(file)s, but the table has no such category. Known "
                    "categories: %(known)s."
                ),
                {
                    "indicator": indicator.code,
                    "codes": ", ".join(unknown),
                    "dimension": dim_id,
                    "known": ", ".join(dim.codes[:30]),
                },
                Location(file=dataset.file, field=dim_id),
                code="unknown_category",
            )
        match[dim_id] = codes
    for dim in dataset.dimensions:
        if dim.id in fixed or dim.id in match:
            continue
        if dim.size > 1:
            raise SourceError(
                gettext_noop(
                    "Dimension %(dimension)s of %(file)s has several categories (%(known)s), "
                    "but the mapping for indicator %(indicator)s does not say which one to "
                    "use. Add %(dimension)s to the indicator's selection."
                ),
                {
                    "dimension": dim.id,
                    "indicator": indicator.code,
                    "known": ", ".join(dim.codes[:30]),
                },
                Location(file=dataset.file, field=dim.id),
                code="ambiguous_dimension",
            )
    return match


def _find_dimension(dataset: Dataset, dim_id: str, role: str) -> Dimension | None:
    """`dim_id` exactly, else in any letter case (a .px file names it "region"), else the one
    dimension with JSON-stat role `role` ("geo", "time")."""
    for d in dataset.dimensions:
        if d.id == dim_id:
            return d
    for d in dataset.dimensions:
        if d.id.casefold() == dim_id.casefold():
            return d
    ids = list(dataset.role.get(role) or [])
    if len(ids) == 1:
        return dataset.dimension(ids[0])
    return None


def _region_dimension(dataset: Dataset, mapping: ScbMapping) -> Dimension | None:
    """The table's region dimension, or None for a table without one (then every figure is
    `mapping.region`, Sweden by default)."""
    dim = _find_dimension(dataset, mapping.region_dimension, "geo")
    if dim is not None and mapping.region:
        raise SourceError(
            gettext_noop(
                "The table in %(file)s has its own regions (dimension %(dimension)s), so a "
                "fixed region (%(region)s) cannot be given. Leave the region out (--region), "
                "or choose one region in the table's selection."
            ),
            {"dimension": dim.id, "region": mapping.region},
            Location(file=dataset.file, field=dim.id),
            code="region_given_twice",
        )
    if dim is None and "region_dimension" in mapping.model_fields_set:
        raise SourceError(
            gettext_noop(
                "The mapping names the region dimension %(dimension)s, but %(file)s has no "
                "such dimension (it has %(dimensions)s). Correct region_dimension, or remove "
                "it to read the table as Sweden (or as the region given with --region)."
            ),
            {"dimension": mapping.region_dimension, "dimensions": ", ".join(dataset.id)},
            Location(file=dataset.file, field=mapping.region_dimension),
            code="unknown_dimension",
        )
    return dim


# An SCB unit or content label that says the figures are in thousands of kronor.
_THOUSANDS_OF_KRONOR = re.compile(
    r"\btkr\b|\btusental(?:s)?\s+kr|\b1\s?000[- ]tal\s+kr|\bthousands?\s+(?:of\s+)?(?:sek|kronor)"
    r"|\bsek\s*,?\s*thousands?\b|\bksek\b",
    re.IGNORECASE,
)


def _metric_texts(dataset: Dataset, match: dict[str, frozenset[str]]) -> Iterator[tuple[str, str]]:
    """(what, text) for the unit and label of each content the indicator reads."""
    metric_ids = list(dataset.role.get("metric") or [])
    for d in dataset.dimensions:
        if d.id not in metric_ids and d.id != "ContentsCode":
            continue
        for c in d.categories:
            if d.id in match and c.code not in match[d.id]:
                continue
            if d.id not in match and d.size > 1:
                continue
            yield c.code, c.label
            for key in ("base", "label", "symbol"):
                if c.unit and c.unit.get(key):
                    yield c.code, str(c.unit[key])
    px = dataset.extension.get("px")
    if isinstance(px, Mapping):
        for key in ("unit", "contents"):
            if px.get(key):
                yield key, str(px[key])


def _check_unit(
    dataset: Dataset, indicator: IndicatorMapping, match: dict[str, frozenset[str]]
) -> None:
    """A figure SCB gives in thousands of kronor needs a declared scale, so that an income
    of 312,4 tkr is not stored as 312 kronor."""
    if indicator.scale is not None:
        return
    for what, text in _metric_texts(dataset, match):
        if _THOUSANDS_OF_KRONOR.search(text):
            raise SourceError(
                gettext_noop(
                    "%(file)s gives %(content)s in thousands of kronor (“%(unit)s”), but the "
                    "mapping for indicator %(indicator)s declares no scale. Add “scale: "
                    "thousands” to the indicator to store kronor, or “scale: unit” to keep "
                    "the figures as published."
                ),
                {"content": what, "unit": text[:80], "indicator": indicator.code},
                Location(file=dataset.file, field=what),
                code="undeclared_scale",
            )


def _indicator_note(dataset: Dataset, matches: list[dict[str, frozenset[str]]]) -> str:
    """The mandatory notes that concern an indicator: the table's, its dimensions', and those
    of the categories it reads (a value note names its category)."""
    notes: list[str] = list(dataset.mandatory_notes)
    for d in dataset.dimensions:
        notes.extend(d.mandatory_notes)
        for c in d.categories:
            if not c.mandatory_notes:
                continue
            if any(d.id in m and c.code not in m[d.id] for m in matches):
                continue
            notes.extend(f"{c.label}: {n}" for n in c.mandatory_notes)
    return "\n\n".join(dict.fromkeys(n for n in notes if n))


def records_from_dataset(
    dataset: Dataset, mapping: ScbMapping, *, check_scale: bool = False
) -> Iterator[ObservationRecord]:
    """ObservationRecords for every region × period × indicator in the dataset.

    A table without a region dimension gives the figures of `mapping.region` (Sweden, "00",
    unless the mapping or the import names another). A missing figure is value None with
    SCB's symbol as its status; "-" (nil) is zero. With `check_scale` a value SCB gives in
    thousands of kronor needs the indicator's `scale` (the readers of files and of the live
    API ask for it; a caller that scales by its own declaration, as the indicator pack does,
    need not).
    """
    check_dataset(dataset)  # whatever format the dataset was read from
    region_dim = _region_dimension(dataset, mapping)
    time_dim = _find_dimension(dataset, mapping.time_dimension, "time") or dataset.dimension(
        mapping.time_dimension
    )
    fixed_region = mapping.region or "00"
    regions = region_dim.codes if region_dim is not None else (fixed_region,)
    region_id = region_dim.id if region_dim is not None else None
    for region in regions:
        parse_region_code(region, location=Location(file=dataset.file, field=region_id or "region"))
    fixed = {d for d in (region_id, time_dim.id) if d is not None}

    # (indicator index, part name) → matcher; part name: "value" | "numerator" | "denominator"
    matchers: list[tuple[int, str, dict[str, frozenset[str]]]] = []
    notes: list[str] = []
    for i, indicator in enumerate(mapping.indicators):
        mine = []
        for part_name in ("value", "numerator", "denominator"):
            part = getattr(indicator, part_name)
            if part is not None:
                match = _matcher(dataset, fixed, indicator, part)
                matchers.append((i, part_name, match))
                mine.append(match)
                if part_name == "value" and check_scale:
                    _check_unit(dataset, indicator, match)
        notes.append(_indicator_note(dataset, mine))

    sums: dict[tuple[str, str, int, str], _Sum] = {}
    for cell in dataset.cells():
        coords = cell.coordinates
        region_code = coords[region_id] if region_id is not None else fixed_region
        for i, part_name, match in matchers:
            if all(coords[d] in codes for d, codes in match.items()):
                key = (region_code, coords[time_dim.id], i, part_name)
                sums.setdefault(key, _Sum()).add(cell.value, cell.status)

    table = dataset.table_id or mapping.table_id
    source = f"{mapping.source} {table}"
    for region in regions:
        for period in time_dim.codes:
            location = Location(
                file=dataset.file,
                field=f"{region_id or 'region'}={region}, {time_dim.id}={period}",
            )
            for i, indicator in enumerate(mapping.indicators):
                note = notes[i]
                if not indicator.is_ratio:
                    s = sums.get((region, period, i, "value"), _Sum())
                    value = s.result()
                    yield ObservationRecord(
                        region,
                        indicator.code,
                        period,
                        value,
                        None,
                        None,
                        source,
                        location,
                        status="" if value is not None else (s.status or "missing"),
                        note=note,
                        scale=indicator.scale or "unit",
                    )
                    continue
                num = sums.get((region, period, i, "numerator"), _Sum())
                den = sums.get((region, period, i, "denominator"), _Sum())
                numerator, denominator = num.result(), den.result()
                status = (num.status if numerator is None else "") or (
                    den.status if denominator is None else ""
                )
                ratio: float | None = None
                if numerator is not None and denominator:
                    ratio = numerator / denominator
                    if indicator.ratio_scale == "percent":
                        ratio *= 100
                elif numerator is not None and denominator == 0:
                    status = status or "zero_denominator"
                yield ObservationRecord(
                    region,
                    indicator.code,
                    period,
                    ratio,
                    numerator,
                    denominator,
                    source,
                    location,
                    status="" if ratio is not None else (status or "missing"),
                    note=note,
                )


def read_jsonstat_file(path: str | Path, mapping: ScbMapping) -> Iterator[ObservationRecord]:
    """ObservationRecords from a saved PxWebApi 2.0 json-stat2 response."""
    yield from records_from_dataset(load_dataset(path), mapping, check_scale=True)


def read_jsonstat_files(
    paths: Iterable[str | Path], mapping: ScbMapping
) -> Iterator[ObservationRecord]:
    for path in paths:
        yield from read_jsonstat_file(path, mapping)


# ---------------------------------------------------------------------------------------
# Saved files in every shape SCB publishes

_PX_START = re.compile(rb"[A-Za-z0-9_-]+\s*(?:\[[^\]]*\])?\s*(?:\([^)]*\))?\s*=")


def _unknown_format(file: str, reason: str) -> SourceError:
    return SourceError(
        gettext_noop(
            "%(file)s is not a file from SCB that Grogrund can read (%(reason)s). Save the "
            "table from Statistikdatabasen as PC-Axis (.px), or the API response as "
            "json-stat2, json-stat or json (PxWeb v1)."
        ),
        {"reason": reason},
        Location(file=file),
        code="unknown_format",
    )


def load_scb_datasets(path: str | Path) -> list[Dataset]:
    """The dataset(s) of a saved SCB file, whatever its format, told from its content (not
    its name): JSON-stat 2.0 (PxWebApi 2.0, or v1 with json-stat2), JSON-stat 1.0 (v1
    json-stat), the v1 "json" format, or a PC-Axis file."""
    path = Path(path)
    with path.open("rb") as fh:
        head = fh.read(4096)
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if start.startswith((b"{", b"[")):
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise _unknown_format(path.name, f"it is not valid JSON: {exc}"[:200]) from exc
        if pxweb_v1.is_v1_json(data):
            return [pxweb_v1.parse_v1_json(data, file=path.name)]
        if isinstance(data, Mapping) and "id" in data and "dimension" in data:
            return [parse_dataset(data, file=path.name)]
        if pxweb_v1.is_jsonstat1(data):
            return pxweb_v1.parse_jsonstat1(data, file=path.name)
        raise _unknown_format(path.name, "JSON, but neither JSON-stat nor PxWeb json")
    if _PX_START.match(start):
        return [read_px(path)]
    raise _unknown_format(path.name, "neither JSON nor PC-Axis")


def read_scb_file(path: str | Path, mapping: ScbMapping) -> Iterator[ObservationRecord]:
    """ObservationRecords from a saved SCB file in any format `load_scb_datasets` reads."""
    for dataset in load_scb_datasets(path):
        yield from records_from_dataset(dataset, mapping, check_scale=True)
