"""A stand-in for SCB PxWebApi 2.0 and Kolada v3 that answers in their real shapes.

SCB answers GET /config (the recorded real response in tests/sources/fixtures/config.json,
with its limits overridable), GET /tables/{id}/metadata and POST /tables/{id}/data with
JSON-stat2 datasets shaped like the recorded TAB6471 responses next to it (version, class,
id, size, role, dimension with category index/label and the elimination extension,
extension.px.tableid, note/noteMandatory, value, status). The tables' dimensions and codes
are those the indicator pack names (TAB6680, TAB6534, TAB6685, TAB6683, TAB6574); the
figures are invented, computed from the cell's coordinates so that every answer is the same
for the same question. Kolada answers /v3/data/kpi/{kpis}/municipality/{ids}/year/{years}
as v3 does (values per gender, `next_url`).

Failures can be scripted: `fail_data_calls` answers given data requests (1-based count of
data POSTs) with an HTTP status, `fail_tables` every data request for those tables with 503
(SCB down half-way), and `throttle_first` the first N requests with 429.
"""

from __future__ import annotations

import itertools
import re
import zlib
from collections.abc import Iterable
from typing import Any

from grogrund.sources._http import RetryPolicy
from grogrund.sources.kolada import KOLADA_BASE_URL, KoladaClient
from grogrund.sources.scb import SCB_BASE_URL, ScbClient
from sources.http_fakes import FakeClock, FakeResponse, fixture_json

CONFIG = fixture_json("config.json")

YEARS = ["2020", "2021", "2022", "2023", "2024"]

# table → ordered (dimension id, codes, can be eliminated); Region and Tid added per area set.
TABLES: dict[str, list[tuple[str, list[str], bool]]] = {
    "TAB6680": [
        ("Kon", ["1", "2", "1+2"], True),
        ("Alder", ["16-64", "20-64", "15-74"], False),
        ("ContentsCode", ["0000089X", "0000089Y"], False),
    ],
    "TAB6534": [
        ("UtbildningsNiva", ["1", "2", "3", "4", "5", "6", "US"], False),
        ("ContentsCode", ["000007Z6"], False),
    ],
    "TAB6685": [
        ("Alder", ["tot", "0-19", "20-64", "65+"], False),
        ("ContentsCode", ["000008AC", "000008AD"], False),
    ],
    "TAB6683": [
        ("Inkomstkomponenter", ["240", "230"], False),
        ("Kon", ["1", "2", "1+2"], True),
        ("ContentsCode", ["000008A4"], False),
    ],
    "TAB6574": [
        ("Alder", ["totalt", "-4", "5-9"], False),
        ("Kon", ["1", "2", "1+2"], True),
        ("ContentsCode", ["000007Y7"], False),
    ],
}
TABLE_YEARS = {"TAB6534": ["2024", "2025"], "TAB6574": [*YEARS, "2025"]}
# Relative size of a cell by (dimension, code): employed < total, levels of education…
WEIGHTS = {
    ("ContentsCode", "000008AD"): 0.5,
    ("UtbildningsNiva", "5"): 0.4,
    ("UtbildningsNiva", "6"): 0.6,
    ("UtbildningsNiva", "US"): 0.05,
    ("Kon", "1"): 0.5,
    ("Kon", "2"): 0.5,
}


def _base(region: str, period: str) -> int:
    return 400 + zlib.crc32(f"{region}/{period}".encode()) % 600


def cell_value(table: str, coords: dict[str, str]) -> float | None:
    """The invented figure of one cell (None: a suppressed cell, status "..")."""
    region, period = coords["Region"], coords["Tid"]
    if region.endswith("_DeSO2025") and period < "2024":
        return None  # DeSO 2025 areas have figures from 2024 on
    base = _base(region, period)
    weight = 1.0
    for dim, code in coords.items():
        weight *= WEIGHTS.get((dim, code), 1.0)
    if coords.get("ContentsCode") == "0000089X":
        weight = 0.55 + (base % 30) / 100  # employed: 55–84 % of the total
    if table == "TAB6685":
        return round(5 + base % 30 + 0.1 * (base % 7), 1) * weight  # percent
    if table == "TAB6683":
        return round(200 + base / 4, 1)  # tkr
    return float(round(base * weight))


class FakeStatServer:
    """`request(method, url, **kwargs)` like requests.Session; every call is recorded."""

    def __init__(
        self,
        regions: Iterable[str],
        *,
        max_data_cells: int | None = None,
        fail_data_calls: dict[int, int] | None = None,
        throttle_first: int = 0,
        fail_tables: Iterable[str] = (),
    ) -> None:
        self.regions = list(regions)
        self.config = dict(CONFIG, maxCallsPerTimeWindow=30, timeWindow=10)
        if max_data_cells is not None:
            self.config["maxDataCells"] = max_data_cells
        self.fail_data_calls = dict(fail_data_calls or {})
        self.throttle_first = throttle_first
        self.fail_tables = set(fail_tables)  # every data request for these: HTTP 503
        self.calls: list[tuple[str, str, dict[str, Any]]] = []
        self.data_calls: list[tuple[str, dict[str, list[str]]]] = []
        self.kolada_calls: list[str] = []

    # -- requests.Session ---------------------------------------------------------------
    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        self.calls.append((method, url, kwargs))
        if len(self.calls) <= self.throttle_first:
            return FakeResponse(429, {"error": "Too many requests"}, {"Retry-After": "2"})
        if url.startswith(KOLADA_BASE_URL):
            self.kolada_calls.append(url)
            return FakeResponse(200, self._kolada(url))
        path = url.removeprefix(SCB_BASE_URL)
        if path == "/config":
            return FakeResponse(200, self.config)
        m = re.fullmatch(r"/tables/(TAB\d+)/(metadata|data)", path)
        if m is None or m.group(1) not in TABLES:
            return FakeResponse(404, {"title": "Not found"})
        table, what = m.groups()
        if what == "metadata":
            return FakeResponse(200, self._dataset(table, self._full(table), metadata=True))
        selection = {s["variableCode"]: list(s["valueCodes"]) for s in kwargs["json"]["selection"]}
        self.data_calls.append((table, selection))
        status = self.fail_data_calls.get(len(self.data_calls))
        if table in self.fail_tables:
            status = 503
        if status:
            return FakeResponse(status, {"title": "Server error"})
        cells = 1
        for codes in selection.values():
            cells *= len(codes)
        if cells > self.config["maxDataCells"]:
            return FakeResponse(403, {"title": "Too many cells"})
        full = self._full(table)
        chosen = []
        for dim, codes, elimination in full:
            if dim in selection:
                unknown = set(selection[dim]) - set(codes)
                if unknown:
                    return FakeResponse(400, {"title": f"Unknown codes {sorted(unknown)}"})
                chosen.append((dim, [c for c in codes if c in selection[dim]], elimination))
            elif not elimination:
                return FakeResponse(400, {"title": f"{dim} cannot be eliminated"})
        return FakeResponse(200, self._dataset(table, chosen, metadata=False))

    # -- SCB ----------------------------------------------------------------------------
    def _full(self, table: str) -> list[tuple[str, list[str], bool]]:
        return [
            ("Region", self.regions, True),
            *TABLES[table],
            ("Tid", TABLE_YEARS.get(table, YEARS), False),
        ]

    def _dataset(
        self, table: str, dims: list[tuple[str, list[str], bool]], *, metadata: bool
    ) -> dict[str, Any]:
        ids = [d for d, _, _ in dims]
        dimension = {
            dim: {
                "label": dim.lower(),
                "category": {
                    "index": {c: i for i, c in enumerate(codes)},
                    "label": {c: c for c in codes},
                },
                "extension": {"elimination": elimination, "show": "value", "codelists": []},
            }
            for dim, codes, elimination in dims
        }
        out: dict[str, Any] = {
            "version": "2.0",
            "class": "dataset",
            "label": f"{table} (fictional figures in SCB's shape)",
            "source": "SCB",
            "updated": "2026-06-08T06:00:00Z",
            "note": ["Uppgifterna är påhittade för Grogrunds tester."],
            "role": {"time": ["Tid"], "metric": ["ContentsCode"]},
            "id": ids,
            "size": [len(codes) for _, codes, _ in dims],
            "dimension": dimension,
            "extension": {"px": {"tableid": table, "matrix": table, "language": "sv"}},
        }
        if metadata:
            return out
        values: list[float | None] = []
        status: dict[str, str] = {}
        for index, combo in enumerate(_product([codes for _, codes, _ in dims])):
            value = cell_value(table, dict(zip(ids, combo, strict=True)))
            values.append(value)
            if value is None:
                status[str(index)] = ".."
        out["value"] = values
        if status:
            out["status"] = status
        return out

    # -- Kolada -------------------------------------------------------------------------
    def _kolada(self, url: str) -> dict[str, Any]:
        m = re.search(r"/data/kpi/([^/]+)/municipality/([^/]+)/year/([^/?]+)", url)
        assert m is not None, url
        kpis, areas, years = (g.split(",") for g in m.groups())
        values = []
        for kpi in kpis:
            for area in areas:
                for year in years:
                    if year > "2024":
                        continue  # not published yet
                    base = _base(f"{kpi}{area}", year)
                    values.append(
                        {
                            "kpi": kpi,
                            "municipality": area,
                            "period": int(year),
                            "values": [
                                {"count": 1, "gender": g, "status": "", "value": v}
                                for g, v in (
                                    ("T", round(2 + base % 80 + 0.1 * (base % 9), 1)),
                                    ("K", round(3 + base % 70, 1)),
                                    ("M", round(1 + base % 75, 1)),
                                )
                            ],
                        }
                    )
        return {"count": len(values), "values": values, "next_url": None, "previous_url": None}


def _product(lists: list[list[str]]) -> Iterable[tuple[str, ...]]:
    return itertools.product(*lists)


def clients(server: FakeStatServer, sleeps: list[float] | None = None):
    """An SCB and a Kolada client talking to `server`, never waiting for real (the waits
    are recorded in `sleeps`)."""
    clock = FakeClock()
    if sleeps is not None:
        clock.sleeps = sleeps
    retry = RetryPolicy(max_retries=3, base_seconds=1.0)
    scb = ScbClient(session=server, clock=clock, sleep=clock.sleep, retry=retry)
    kolada = KoladaClient(session=server, clock=clock, sleep=clock.sleep, retry=retry)
    return scb, kolada


def serve_fictional_municipality(monkeypatch, **options: Any) -> FakeStatServer:
    """The fictional municipality in the database, and a fake server for it that the jobs'
    clients (`fetch.make_clients`) talk to. `options` go to FakeStatServer."""
    from grogrund.areas import fetch

    make_fictional_municipality()
    server = FakeStatServer(server_regions(), **options)
    monkeypatch.setattr(fetch, "make_clients", lambda: clients(server))
    return server


# -- a fictional municipality in the real code shapes -------------------------------------

MUNICIPALITY = "1479"  # no real municipality has this code
DESO_2018 = ["1479A0010", "1479C1020", "1479C1030"]
DESO_2025 = ["1479A0010_DeSO2025", "1479C1020_DeSO2025", "1479C1040_DeSO2025"]
REGSO = ["1479R001", "1479R002"]
# SCB's tables in the fake do not have this DeSO (as a 2025 table lacks 2018 codes).
NOT_PUBLISHED = "1479C1030"


def make_fictional_municipality():
    """Sweden, county 14, municipality 1479 "Provköping (fiktiv)" with three DeSO 2018, three
    DeSO 2025 and two RegSO; the registry's real Sweden and county are used when loaded."""
    from grogrund.areas.models import Area, AreaLevel

    country, _ = Area.objects.get_or_create(
        code="00", defaults={"name": "Sverige", "level": AreaLevel.COUNTRY}
    )
    county, _ = Area.objects.get_or_create(
        code="14",
        defaults={"name": "Västra Götalands län", "level": AreaLevel.COUNTY, "parent": country},
    )
    municipality = Area.objects.create(
        code=MUNICIPALITY,
        name="Provköping (fiktiv)",
        level=AreaLevel.MUNICIPALITY,
        parent=county,
        is_fictional=True,
    )
    regsos = [
        Area.objects.create(
            code=c, name=f"Provköping {c[-3:]}", level=AreaLevel.REGSO, parent=municipality
        )
        for c in REGSO
    ]
    for code in DESO_2018 + DESO_2025:
        Area.objects.create(
            code=code,
            name=f"DeSO {code}",
            level=AreaLevel.DESO,
            parent=regsos[0] if "A" in code else regsos[1],
            vintage="DeSO2025" if code.endswith("_DeSO2025") else "DeSO2018",
        )
    return municipality


def server_regions() -> list[str]:
    small = [c for c in DESO_2018 + DESO_2025 + REGSO if c != NOT_PUBLISHED]
    return [*small, MUNICIPALITY, "14", "00"]
