"""The cost of each read of the load benchmark (bench_load), in one process: CPU time and
queries per request, cold and warm. CPU time of this process alone does not depend on what
else the machine is doing, unlike latency under load.

The database is a throw-away SQLite file with the demo data (or DATABASE_URL when set, for
example under scripts/with-postgres). For each read of bench_load's mix:

- cold: right after a change of every kind of data (`data_changed()`): a first visit;
- after a measurement: right after a goal measurement written through the API, as
  bench_load's writers do: what a visitor meets under that load;
- warm: the same request again with nothing changed.

`python benchmarks/bench_page_cost.py` prints the rows as JSON. `run()` (make bench) measures
in a process of its own: the settings and the database chosen here must not follow the
modules measured after it in the same run.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
ROUNDS = int(os.environ.get("BENCH_PAGE_COST_ROUNDS", "7"))

from bench_foundation import _row  # noqa: E402


def _setup() -> None:
    if "DATABASE_URL" not in os.environ:
        folder = Path(tempfile.mkdtemp(prefix="grogrund-page-cost-"))
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'db.sqlite3'}"
    os.environ.setdefault("STATIC_ROOT", tempfile.mkdtemp(prefix="grogrund-page-cost-static-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grogrund.settings")
    os.environ.setdefault("SECRET_KEY", "bench-page-cost-" + "x" * 50)
    os.environ["DEBUG"] = "0"
    os.environ["SECURE"] = "0"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--no-input", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)
    with contextlib.redirect_stdout(sys.stderr):  # the demo tells who may sign in
        call_command("load_demo", verbosity=0)


def run() -> list[dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, __file__], capture_output=True, text=True, timeout=3600, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    rows: list[dict[str, Any]] = json.loads(done.stdout)
    return rows


def measure() -> list[dict[str, Any]]:
    _setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from grogrund.accounts.models import User
    from grogrund.core.generation import data_changed
    from grogrund.programmes.models import Measurement, Programme

    programme = Programme.objects.filter(areas__isnull=False).order_by("pk").first()
    assert programme is not None
    area = programme.areas.order_by("code").first()
    reads = [
        f"/omraden/{area.code}/",
        f"/program/{programme.pk}/uppfoljning/",
        "/api/v1/areas/?limit=50",
        "/api/v1/observations/?limit=100",
        f"/api/v1/goals/?programme={programme.pk}",
        f"/api/v1/measurements/?programme={programme.pk}",
    ]
    writes = list(
        Measurement.objects.filter(goal__programme=programme).values_list("goal_id", "year")
    )
    writer = Client()
    writer.force_login(User.objects.get(username="anna"))
    writer.get("/")
    reader = Client()
    reader.force_login(User.objects.get(username="edvin"))
    reader.get("/")
    counter = [0]

    def write() -> None:
        counter[0] += 1
        goal, year = writes[counter[0] % len(writes)]
        r = writer.post(
            "/api/v1/measurements/",
            {"goal": goal, "year": year, "value": 0.4 + counter[0] % 7 / 100, "source": "b"},
            content_type="application/json",
        )
        assert r.status_code in (200, 201), r.content[:300]

    def measure(path: str, before: Any) -> tuple[float, int]:
        before()
        with CaptureQueriesContext(connection) as queries:
            start = time.process_time()
            response = reader.get(path)
            cpu = time.process_time() - start
        assert response.status_code == 200, (path, response.status_code)
        return cpu * 1000, len(queries)

    for path in reads:  # imports and first-use costs out of the way
        reader.get(path)
    rows = []
    name = f"one process, {connection.vendor}"
    kinds = {
        "cold": lambda: data_changed(),
        "after a measurement": write,
        "warm": lambda: None,
    }
    for path in reads:
        for kind, before in kinds.items():
            if kind == "warm":
                reader.get(path)
            samples = [measure(path, before) for _ in range(ROUNDS)]
            cpu = statistics.median(s[0] for s in samples)
            queries = max(s[1] for s in samples)
            rows.append(_row(name, f"CPU {kind} {path}", cpu, "ms", "", None))
            rows.append(_row(name, f"queries {kind} {path}", queries, "", "", None))
    # bench_load's mix: reads alike, 15 % writes; each read follows writes as under load.
    start = time.process_time()
    write()
    rows.append(
        _row(
            name, "CPU of a measurement write", (time.process_time() - start) * 1000, "ms", "", None
        )
    )
    return rows


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2, ensure_ascii=False))
