"""`grogrund fetch` for a municipality of 50 DeSO (and 20 RegSO) against recorded-shape
responses (tests/areas/fetch_fakes.py): wall time, requests and figures stored.

The fake server answers at once, so the time is Grogrund's own work (planning, parsing
JSON-stat, importing) plus the time the rate limiter would make a real fetch wait, which is
reported separately: SCB allows 30 calls per 10 s, so a real fetch takes at least that long.
Runs in a child process on a fresh SQLite database (the project's own is never touched).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_foundation import ROOT, _child, main_for

DESO = 50
REGSO = 20


def _row(metric: str, value: Any, unit: str, goal: str = "report", ok: bool | None = None):
    return {
        "benchmark": f"fetch, municipality of {DESO} DeSO",
        "metric": metric,
        "value": value,
        "unit": unit,
        "goal": goal,
        "ok": ok,
    }


def measure_fetch() -> list[dict[str, Any]]:
    sys.path.insert(0, str(ROOT / "tests"))
    from areas.fetch_fakes import FakeStatServer, clients
    from grogrund.accounts.models import Organisation
    from grogrund.areas.fetch import fetch_municipality
    from grogrund.areas.models import Area, AreaLevel

    country, _ = Area.objects.get_or_create(
        code="00", defaults={"name": "Sverige", "level": AreaLevel.COUNTRY}
    )
    county, _ = Area.objects.get_or_create(
        code="14", defaults={"name": "Län 14", "level": AreaLevel.COUNTY, "parent": country}
    )
    municipality = Area.objects.create(
        code="1479", name="Benchköping", level=AreaLevel.MUNICIPALITY, parent=county
    )
    codes = [f"1479C{1000 + 10 * i}_DeSO2025" for i in range(DESO)]
    codes += [f"1479R{i:03d}" for i in range(1, REGSO + 1)]
    Area.objects.bulk_create(
        [
            Area(
                code=c,
                name=c,
                level=AreaLevel.REGSO if "R" in c[4:5] else AreaLevel.DESO,
                parent=municipality,
            )
            for c in codes
        ]
    )
    org = Organisation.objects.create(name="Bench", slug="bench", kind="municipality")
    server = FakeStatServer([*codes, "1479", "14", "00"])
    sleeps: list[float] = []
    scb, kolada = clients(server, sleeps)
    start = time.perf_counter()
    first = fetch_municipality(owner=org, municipality_code="1479", scb=scb, kolada=kolada)
    first_s = time.perf_counter() - start
    server2 = FakeStatServer([*codes, "1479", "14", "00"])
    scb2, kolada2 = clients(server2)
    start = time.perf_counter()
    again = fetch_municipality(owner=org, municipality_code="1479", scb=scb2, kolada=kolada2)
    again_s = time.perf_counter() - start
    return [
        _row("areas fetched", len(codes) + 3, "areas"),
        _row("requests", first.requests, "requests", "≤ 20", first.requests <= 20),
        _row("figures stored", first.created, "figures"),
        _row("time (fake server)", round(first_s, 2), "s", "≤ 30 s", first_s <= 30),
        _row("rate-limit waits a real fetch adds", round(sum(sleeps), 1), "s"),
        _row("time, second fetch (changes nothing)", round(again_s, 2), "s"),
        _row(
            "changed by the second fetch",
            again.created + again.updated,
            "figures",
            "0",
            again.created + again.updated == 0,
        ),
    ]


CHILDREN = {"fetch": measure_fetch}


def run() -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="grogrund-bench-fetch-") as tmp:
        return _child(__file__, "fetch", f"sqlite:///{Path(tmp) / 'fetch.sqlite3'}", "sqlite")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        main_for(__file__, CHILDREN, "bench_fetch_", sys.argv[1:])
    else:
        print(json.dumps(run(), indent=2, ensure_ascii=False))
