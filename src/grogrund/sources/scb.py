"""SCB PxWebApi 2.0: region codes, the client (batching, rate limit, back-off) and the
mapping from JSON-stat2 cells to ObservationRecords.

API: https://statistikdatabasen.scb.se/api/v2 (CC0, "Källa: SCB"). Limits come from GET
/config (maxDataCells cells per call, maxCallsPerTimeWindow calls per timeWindow seconds).
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

import requests
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ._http import RateLimiter, RetryPolicy, Session, Sleep, request_json
from .errors import SourceError, gettext_noop
from .jsonstat import Dataset, load_dataset, parse_dataset
from .records import Location, ObservationRecord

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
    return RegionCode(code, "regso", m.group("regso_vintage") or "RegSO2018", m.group("regso_mun"))


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

    def resolve_selection(self, table_id: str, selection: Selection) -> dict[str, list[str]]:
        """Expand "*" to every code and select every code of dimensions that cannot be
        eliminated and were not named; eliminable dimensions left out stay out (SCB sums)."""
        metadata = self.table_metadata(table_id)
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
    ) -> Iterator[Dataset]:
        """Fetch the selection in batches under maxDataCells; one Dataset per batch.

        With `resolve=True` the selection is first completed from the table's metadata
        (see `resolve_selection`); otherwise it is sent as given.
        """
        config = self.get_config()
        full = self.resolve_selection(table_id, selection) if resolve else dict(selection)
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
        """ObservationRecords for `regions` × `periods` ("*" for all) from the live API."""
        selection = mapping.selection(regions=regions, periods=periods)
        for dataset in self.fetch(
            mapping.table_id, selection, on_progress=on_progress, resolve=True
        ):
            yield from records_from_dataset(dataset, mapping)


# ---------------------------------------------------------------------------------------
# Mapping JSON-stat cells to ObservationRecords

CodeOrCodes = str | list[str]


class IndicatorMapping(BaseModel):
    """One indicator from an SCB table.

    Either `value` (coordinates of the cell that is the figure) or `numerator` and
    `denominator` (coordinates of the cells whose quotient is the figure). A list of codes for
    a dimension sums those cells (e.g. the age groups that make up 20–64). Ratio values are
    shares in 0–1 by default, or percent when `ratio_scale` is "percent".
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    value: dict[str, CodeOrCodes] | None = None
    numerator: dict[str, CodeOrCodes] | None = None
    denominator: dict[str, CodeOrCodes] | None = None
    ratio_scale: Literal["share", "percent"] = "share"
    unit: str = ""

    @model_validator(mode="after")
    def _one_kind(self) -> IndicatorMapping:
        ratio = self.numerator is not None or self.denominator is not None
        if ratio and (self.numerator is None or self.denominator is None):
            raise ValueError("a ratio indicator needs both numerator and denominator")
        if ratio == (self.value is not None):
            raise ValueError("give either value or numerator and denominator")
        return self

    @property
    def is_ratio(self) -> bool:
        return self.numerator is not None


class ScbMapping(BaseModel):
    """How to turn one SCB table into ObservationRecords; loadable from YAML or a dict."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    table_id: str
    region_dimension: str = "Region"
    time_dimension: str = "Tid"
    source: str = SCB_SOURCE
    indicators: list[IndicatorMapping] = Field(min_length=1)

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
        """The API selection: regions × periods × every code the indicators name."""
        sel: dict[str, list[str]] = {
            self.region_dimension: list(regions),
            self.time_dimension: list(periods),
        }
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
        if value is None:
            self.missing = True
        else:
            self.total += value
        if status and not self.status:
            self.status = status

    def result(self) -> float | None:
        return None if self.missing or self.cells == 0 else self.total


def _matcher(
    dataset: Dataset, mapping: ScbMapping, indicator: IndicatorMapping, part: dict[str, CodeOrCodes]
) -> dict[str, frozenset[str]]:
    """The codes each dimension must have for a cell to count towards `part`."""
    fixed = {mapping.region_dimension, mapping.time_dimension}
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


def records_from_dataset(dataset: Dataset, mapping: ScbMapping) -> Iterator[ObservationRecord]:
    """ObservationRecords for every region × period × indicator in the dataset."""
    region_dim = dataset.dimension(mapping.region_dimension)
    time_dim = dataset.dimension(mapping.time_dimension)
    for region in region_dim.codes:
        parse_region_code(region, location=Location(file=dataset.file, field=region_dim.id))
    note = "\n\n".join(dataset.mandatory_notes)

    # (indicator index, part name) → matcher; part name: "value" | "numerator" | "denominator"
    matchers: list[tuple[int, str, dict[str, frozenset[str]]]] = []
    for i, indicator in enumerate(mapping.indicators):
        for part_name in ("value", "numerator", "denominator"):
            part = getattr(indicator, part_name)
            if part is not None:
                matchers.append((i, part_name, _matcher(dataset, mapping, indicator, part)))

    sums: dict[tuple[str, str, int, str], _Sum] = {}
    for cell in dataset.cells():
        coords = cell.coordinates
        for i, part_name, match in matchers:
            if all(coords[d] in codes for d, codes in match.items()):
                key = (coords[region_dim.id], coords[time_dim.id], i, part_name)
                sums.setdefault(key, _Sum()).add(cell.value, cell.status)

    table = dataset.table_id or mapping.table_id
    for region in region_dim.codes:
        for period in time_dim.codes:
            for i, indicator in enumerate(mapping.indicators):
                location = Location(
                    file=dataset.file,
                    field=f"{region_dim.id}={region}, {time_dim.id}={period}",
                )
                source = f"{mapping.source} {table}"
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
                        status=s.status or ("" if value is not None else "missing"),
                        note=note,
                    )
                    continue
                num = sums.get((region, period, i, "numerator"), _Sum())
                den = sums.get((region, period, i, "denominator"), _Sum())
                numerator, denominator = num.result(), den.result()
                status = num.status or den.status
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
                    status=status or ("" if ratio is not None else "missing"),
                    note=note,
                )


def read_jsonstat_file(path: str | Path, mapping: ScbMapping) -> Iterator[ObservationRecord]:
    """ObservationRecords from a saved PxWebApi 2.0 json-stat2 response."""
    yield from records_from_dataset(load_dataset(path), mapping)


def read_jsonstat_files(
    paths: Iterable[str | Path], mapping: ScbMapping
) -> Iterator[ObservationRecord]:
    for path in paths:
        yield from read_jsonstat_file(path, mapping)
