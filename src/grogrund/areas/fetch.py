"""Fetch a municipality's statistics in one go: an indicator pack (areas/packs/step1.yaml)
for every DeSO and RegSO of the municipality, the municipality, its county and Sweden, from
SCB PxWebApi 2.0 and Kolada v3, into one dataset per table.

The work is split into parts: each SCB table's selection cut into batches under the server's
cell limit (`maxDataCells`), and one Kolada part. Each part is imported on its own (all or
nothing) as soon as it is fetched, and its key is reported to `on_part_done`; a later run given
those keys (`done_parts`) skips them, so an interrupted fetch resumes where it stopped and
fetches only what is missing. Importing is idempotent: fetching the same figures again changes
nothing.

Requests: one `/config`, one metadata request per SCB table, one data request per batch, one
Kolada request per page.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from grogrund.accounts.access import can_edit_for
from grogrund.accounts.models import Organisation, OrganisationKind, Visibility
from grogrund.areas import services
from grogrund.areas.models import Area, AreaLevel
from grogrund.areas.packs import Pack, PackIndicator, ensure_indicators, load_pack
from grogrund.sources.errors import SourceError, gettext_noop
from grogrund.sources.jsonstat import Dataset as JsonStatDataset
from grogrund.sources.kolada import KoladaClient
from grogrund.sources.records import ObservationRecord
from grogrund.sources.scb import ScbClient, ScbMapping, records_from_dataset

# Without --org, the command line stores the figures as this organisation's, shared with
# everyone: they are public statistics (CC0) that every organisation compares with.
OPEN_DATA_ORG_SLUG = "oppna-data"
OPEN_DATA_ORG_NAME = "Öppna data (SCB och Kolada)"

ProgressCallback = Callable[[int, int, str], None]
PartDone = Callable[[str, dict[str, Any]], None]


@dataclass(frozen=True)
class Regions:
    municipality: Area
    county: Area | None
    country: Area | None
    small_areas: list[Area]  # DeSO and RegSO, both vintages when the registry has them

    @property
    def scb_codes(self) -> list[str]:
        codes = [a.code for a in self.small_areas] + [self.municipality.code]
        codes += [a.code for a in (self.county, self.country) if a is not None]
        return codes

    @property
    def kolada_codes(self) -> list[str]:
        """Kolada ids: the municipality, its county as "00"+code, Sweden as "0000"."""
        codes = [self.municipality.code]
        if self.county is not None:
            codes.append(f"00{self.county.code}")
        if self.country is not None:
            codes.append("0000")
        return codes


@dataclass
class Part:
    """One request's worth of work, imported on its own."""

    key: str
    source: str  # "scb" | "kolada"
    table: str  # SCB table id or "Kolada"
    label: str
    selection: dict[str, list[str]] = field(default_factory=dict)
    mapping: ScbMapping | None = None
    indicators: list[PackIndicator] = field(default_factory=list)
    years: list[str] = field(default_factory=list)


@dataclass
class FetchResult:
    municipality: str
    parts: int = 0
    skipped: int = 0
    requests: int = 0
    rows: int = 0
    created: int = 0
    updated: int = 0
    datasets: list[str] = field(default_factory=list)
    # SCB table → area codes the table does not have (e.g. DeSO 2018 codes in a 2025 table)
    not_in_table: dict[str, list[str]] = field(default_factory=dict)
    profile_url: str = ""

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def unknown_municipality(code: str) -> SourceError:
    return SourceError(
        gettext_noop(
            "There is no municipality with the code %(code)s in Grogrund. Give a municipality's "
            "four-digit SCB code (for example 1480 for Göteborg) or choose one from the list."
        ),
        {"code": code},
        code="unknown_municipality",
    )


def _check_may_fetch(user: Any, owner: Organisation) -> None:
    if not can_edit_for(user, owner):
        raise services.NotAllowed(
            gettext_noop(
                "You may not fetch statistics for %(organisation)s: you need the role "
                "editor or administrator in that organisation."
            ),
            {"organisation": owner.name},
            code="not_allowed",
        )


def find_regions(municipality_code: str) -> Regions:
    code = municipality_code.strip()
    municipality = (
        Area.objects.filter(code=code, level=AreaLevel.MUNICIPALITY)
        .select_related("parent")
        .first()
    )
    if municipality is None:
        raise unknown_municipality(code)
    county = municipality.parent if municipality.parent else None
    if county is None or county.level != AreaLevel.COUNTY:
        county = Area.objects.filter(code=code[:2], level=AreaLevel.COUNTY).first()
    country = county.parent if county is not None and county.parent else None
    if country is None or country.level != AreaLevel.COUNTRY:
        country = Area.objects.filter(code="00", level=AreaLevel.COUNTRY).first()
    small = list(
        Area.objects.filter(
            level__in=[AreaLevel.DESO, AreaLevel.REGSO],
            owner__isnull=True,
        )
        .filter(Q(code__startswith=code) | Q(parent=municipality))
        .order_by("level", "code")
    )
    return Regions(municipality, county, country, small)


def _key(*parts: Any) -> str:
    digest = hashlib.sha1(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:12]
    return f"{parts[0]}:{parts[1]}:{digest}"


def _resolve(
    metadata: JsonStatDataset, mapping: ScbMapping, regions: list[str], periods: list[str]
) -> dict[str, list[str]]:
    """The full selection for the table: regions × periods × the mapping's codes, and every
    code of a dimension that SCB cannot eliminate."""
    wanted = mapping.selection(regions=regions, periods=periods)
    selection: dict[str, list[str]] = {}
    for dim in metadata.dimensions:
        if dim.id in wanted:
            selection[dim.id] = list(wanted[dim.id])
        elif not dim.elimination:
            selection[dim.id] = list(dim.codes)
    return selection


def plan_batches_by_area(
    selection: dict[str, list[str]], max_cells: int, *, table: str
) -> list[dict[str, list[str]]]:
    """Cut the selection into batches of at most `max_cells` cells along Region (and Tid when
    one area's cells are too many), never along the dimensions an indicator sums or divides:
    each batch must hold every cell its figures are made of."""
    per_area = math.prod(len(c) for d, c in selection.items() if d not in ("Region", "Tid"))
    periods = selection.get("Tid", [""])
    if per_area > max_cells:
        raise SourceError(
            gettext_noop(
                "One area's figures in %(table)s (%(cells)s cells) are more than SCB allows "
                "in one request (%(limit)s). Fetch fewer categories of this table."
            ),
            {"table": table, "cells": per_area, "limit": max_cells},
            code="too_many_cells",
        )
    tid_chunk = max(1, min(len(periods), max_cells // per_area))
    batches = []
    for t in range(0, len(periods), tid_chunk):
        these = periods[t : t + tid_chunk]
        per_region = per_area * len(these)
        chunk = max(1, max_cells // per_region)
        regions = selection["Region"]
        for r in range(0, len(regions), chunk):
            batch = dict(selection, Region=regions[r : r + chunk])
            if "Tid" in selection:
                batch["Tid"] = these
            batches.append(batch)
    return batches


def plan_parts(
    *,
    pack: Pack,
    regions: Regions,
    scb: ScbClient,
    periods: Sequence[str] | None,
    result: FetchResult,
) -> list[Part]:
    """Read each table's metadata and cut the work into parts (SCB batches, one Kolada)."""
    config = scb.get_config()
    parts: list[Part] = []
    scb_years: set[str] = set()
    wanted_periods = set(periods or ())
    for table, indicators in pack.scb_tables().items():
        metadata = scb.table_metadata(table)
        codes_of = {dim.id: list(dim.codes) for dim in metadata.dimensions}
        present = set(codes_of.get("Region", ()))
        table_regions = [c for c in regions.scb_codes if c in present]
        missing = [c for c in regions.scb_codes if c not in present]
        if missing:
            result.not_in_table[table] = missing
        available = codes_of.get("Tid", [])
        if periods:
            table_periods = [p for p in available if p in wanted_periods]
        else:
            table_periods = available[-pack.recent_periods :]
        scb_years.update(p for p in table_periods if p.isdigit())
        if not table_regions or not table_periods:
            continue
        mapping = ScbMapping(
            table_id=table,
            source="SCB",
            indicators=[i.scb.mapping(i.code, codes_of) for i in indicators if i.scb],
        )
        selection = _resolve(metadata, mapping, table_regions, table_periods)
        batches = plan_batches_by_area(selection, config.max_data_cells, table=table)
        for n, batch in enumerate(batches, start=1):
            parts.append(
                Part(
                    key=_key("scb", table, batch),
                    source="scb",
                    table=table,
                    label=f"SCB {table} ({n}/{len(batches)})",
                    selection=batch,
                    mapping=mapping,
                    indicators=indicators,
                )
            )
    kolada = pack.kolada_indicators()
    if kolada:
        if periods:
            years = sorted({p[:4] for p in periods if p[:4].isdigit()})
        elif scb_years:
            years = sorted(scb_years)[-pack.recent_periods :]
        else:
            last = timezone.now().year - 1
            years = [str(y) for y in range(last - pack.recent_periods + 1, last + 1)]
        parts.append(
            Part(
                key=_key(
                    "kolada",
                    "Kolada",
                    [i.kolada.kpi for i in kolada if i.kolada],
                    years,
                    regions.kolada_codes,
                ),
                source="kolada",
                table="Kolada",
                label="Kolada",
                indicators=kolada,
                years=years,
            )
        )
    return parts


def _scaled(
    records: Iterable[ObservationRecord], scales: dict[str, str]
) -> Iterator[ObservationRecord]:
    """Say which scale the pack declares for each value (percent, thousands of kronor): the
    import converts it to the indicator's unit, checks it and reports it, as for any file.
    A ratio computed from numerator and denominator is already in the indicator's unit."""
    for record in records:
        scale = scales.get(record.indicator_code, "unit")
        if record.numerator is not None:
            scale = "unit"
        yield dataclasses.replace(record, scale=scale)


def _scb_records(part: Part, scb: ScbClient) -> list[ObservationRecord]:
    assert part.mapping is not None
    scales = {i.code: i.scb.scale for i in part.indicators if i.scb}
    records: list[ObservationRecord] = []
    for dataset in scb.fetch(part.table, part.selection):
        records.extend(_scaled(records_from_dataset(dataset, part.mapping), scales))
    return records


def _kolada_records(part: Part, kolada: KoladaClient, regions: Regions) -> list[ObservationRecord]:
    by_kpi = {i.kolada.kpi: i for i in part.indicators if i.kolada}
    scales = {i.code: i.kolada.scale for i in part.indicators if i.kolada}
    ours = (
        dataclasses.replace(record, indicator_code=by_kpi[record.indicator_code].code)
        for record in kolada.data(list(by_kpi), regions.kolada_codes, part.years)
        if record.indicator_code in by_kpi
    )
    return list(_scaled(ours, scales))


def dataset_name(part: Part) -> str:
    return "Kolada" if part.source == "kolada" else f"SCB {part.table}"


def fetch_municipality(
    *,
    owner: Organisation,
    municipality_code: str,
    user: Any = None,
    periods: Sequence[str] | None = None,
    pack: Pack | None = None,
    scb: ScbClient | None = None,
    kolada: KoladaClient | None = None,
    visibility: str = Visibility.PUBLIC,
    done_parts: Iterable[str] = (),
    on_progress: ProgressCallback | None = None,
    on_part_done: PartDone | None = None,
) -> FetchResult:
    """Fetch the pack for the municipality's areas into `owner`'s datasets (see module doc).

    `user` None is a trusted caller (the command line); otherwise the user must be an editor
    of `owner`. Parts whose keys are in `done_parts` are not fetched again.
    """
    if user is not None:
        _check_may_fetch(user, owner)
    pack = pack or load_pack()
    scb = scb or ScbClient()
    kolada = kolada or KoladaClient()
    progress = on_progress or (lambda done, total, text: None)
    regions = find_regions(municipality_code)
    counters = [CountingSession(scb.session), CountingSession(kolada.session)]
    scb.session, kolada.session = counters
    ensure_indicators(pack)
    result = FetchResult(municipality=regions.municipality.code)
    progress(0, 0, "SCB")
    parts = plan_parts(pack=pack, regions=regions, scb=scb, periods=periods, result=result)
    result.parts = len(parts)
    skip = set(done_parts)
    for n, part in enumerate(parts, start=1):
        progress(n - 1, len(parts), part.label)
        if part.key in skip:
            result.skipped += 1
            continue
        if part.source == "scb":
            records = _scb_records(part, scb)
        else:
            records = _kolada_records(part, kolada, regions)
        name = dataset_name(part)  # "SCB TAB6680" or "Kolada", also the records' source
        imported = services.import_observations(
            records=records,
            owner=owner,
            dataset_name=name,
            source=name,
            user=user,
            visibility=visibility,
            licence="CC0" if part.source == "scb" else "",
        )
        result.rows += imported.rows
        result.created += imported.created
        result.updated += imported.updated
        if imported.dataset.name not in result.datasets:
            result.datasets.append(imported.dataset.name)
        if on_part_done is not None:
            on_part_done(
                part.key,
                {"rows": imported.rows, "created": imported.created, "updated": imported.updated},
            )
    progress(len(parts), len(parts), "")
    result.requests = sum(c.count for c in counters)
    result.profile_url = reverse("areas:profile", kwargs={"code": regions.municipality.code})
    return result


class CountingSession:
    """Counts the requests a client sends (for the result and the benchmark)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.count = 0

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        self.count += 1
        return self.inner.request(method, url, **kwargs)


def open_data_organisation() -> Organisation:
    org, _ = Organisation.objects.get_or_create(
        slug=OPEN_DATA_ORG_SLUG,
        defaults={"name": OPEN_DATA_ORG_NAME, "kind": OrganisationKind.STATE_AGENCY},
    )
    return org


def job_key(*, owner: Organisation, municipality_code: str, periods: Sequence[str]) -> str:
    return f"fetch_municipality:{owner.pk}:{municipality_code}:{','.join(periods)}"


def fetch_job(
    *, owner: Organisation, municipality_code: str, periods: Sequence[str], visibility: str
) -> dict[str, Any]:
    """The job that fetches the municipality (for `grogrund.jobs` to queue or to run here),
    the same from the web and the command line: the same fetch has the same key and resumes
    what either left unfinished. Checks the municipality now rather than in the job."""
    find_regions(municipality_code)
    return {
        "owner": owner,
        "kind": "fetch_municipality",
        "parameters": {
            "municipality": municipality_code,
            "periods": list(periods),
            "visibility": visibility,
        },
        "key": job_key(owner=owner, municipality_code=municipality_code, periods=periods),
    }


def enqueue_municipality_fetch(
    *,
    user: Any,
    owner: Organisation,
    municipality_code: str,
    periods: Sequence[str] = (),
    visibility: str = Visibility.PUBLIC,
) -> Any:
    """Queue the fetch as a background job (or return the same fetch already pending)."""
    from grogrund.jobs import services as jobs

    _check_may_fetch(user, owner)
    return jobs.enqueue(
        user=user,
        **fetch_job(
            owner=owner,
            municipality_code=municipality_code,
            periods=periods,
            visibility=visibility,
        ),
    )


# Clients for jobs; tests and benchmarks replace this with one that builds fakes.
def make_clients() -> tuple[ScbClient, KoladaClient]:
    return ScbClient(), KoladaClient()


def run_fetch_job(*, job: Any, progress: ProgressCallback) -> dict[str, Any]:
    """The job handler (grogrund.jobs): resumes from the parts an earlier, interrupted or
    failed attempt at the same fetch completed."""
    from grogrund.jobs.models import Job, JobStatus

    params = job.parameters
    done: set[str] = set(job.result.get("done_parts", []))
    earlier = (
        Job.objects.filter(idempotency_key=job.idempotency_key, status=JobStatus.FAILED)
        .exclude(pk=job.pk)
        .order_by("-created_at")
        .first()
    )
    if earlier is not None:
        done |= set(earlier.result.get("done_parts", []))
    ledger = sorted(done)

    def part_done(key: str, summary: dict[str, Any]) -> None:
        ledger.append(key)
        job.result = {**job.result, "done_parts": ledger}
        Job.objects.filter(pk=job.pk).update(result=job.result, updated_at=timezone.now())

    scb, kolada = make_clients()
    result = fetch_municipality(
        owner=job.owner,
        municipality_code=params["municipality"],
        user=None,  # checked when the job was queued
        periods=params.get("periods") or None,
        scb=scb,
        kolada=kolada,
        visibility=params.get("visibility", Visibility.PUBLIC),
        done_parts=done,
        on_progress=progress,
        on_part_done=part_done,
    )
    return {**result.as_dict(), "done_parts": ledger}


__all__ = [
    "FetchResult",
    "enqueue_municipality_fetch",
    "fetch_municipality",
    "find_regions",
    "run_fetch_job",
]
