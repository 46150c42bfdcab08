"""Fault: PostgreSQL restarted in the middle of the load of bench_load.py.
`python benchmarks/bench_fault.py` prints the rows as JSON.

The same site, load and duration as bench_load (BENCH_LOAD_SECONDS, BENCH_LOAD_CONNECTIONS);
half-way through, PostgreSQL is restarted as an operator would (`pg_ctl restart -m fast`:
every session ended, a checkpoint, started again). Reported:

- errors before the restart began and after recovery (goal 0: errors only while it is down);
- errors while it was down or recovering (for information);
- recovery: from the moment PostgreSQL accepts connections again to the end of the last
  failed request (goal ≤ 5 s);
- acknowledged writes missing: writes answered 2xx whose change is not in the database
  afterwards (goal 0), counted against the change history, row by row.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_load import (
    CONNECTIONS,
    DURATION,
    Postgres,
    Result,
    _log,
    _row,
    make_plan,
    run_load,
    running_site,
    stored_write_tags,
    summary_rows,
)

GOAL_RECOVERY_SECONDS = 5.0


def outage_rows(
    name: str, results: list[Result], down_at: float, up_at: float
) -> list[dict[str, Any]]:
    """`down_at`/`up_at`: offsets (s, from the load's start) when the restart began and when
    PostgreSQL accepted connections again."""
    errors = [r for r in results if not 200 <= r[2] < 300]
    before = [r for r in errors if r[0] + r[1] < down_at]
    after_up = [r for r in errors if r[0] + r[1] > up_at]
    recovery = max((r[0] + r[1] - up_at for r in after_up), default=0.0)
    late = [r for r in errors if r[0] > up_at + GOAL_RECOVERY_SECONDS]
    return [
        _row(name, "PostgreSQL down (restart took)", up_at - down_at, "s", "", None),
        _row(
            name,
            "errors while down or recovering",
            len(errors) - len(before) - len(late),
            "",
            "",
            None,
        ),
        _row(
            name,
            "errors before the restart or after recovery",
            len(before) + len(late),
            "",
            "0",
            not before and not late,
        ),
        _row(
            name,
            "recovery after PostgreSQL is back",
            recovery,
            "s",
            f"<= {GOAL_RECOVERY_SECONDS:.0f}",
            recovery <= GOAL_RECOVERY_SECONDS,
        ),
    ]


def run() -> list[dict[str, Any]]:
    name = f"PostgreSQL restarted under {CONNECTIONS} connections × {DURATION:.0f} s"
    pg = Postgres()
    times: dict[str, float] = {}
    try:
        pg.start()
        with running_site(pg.url) as site:
            plan = make_plan(site.base)
            load_before = os.getloadavg()[0]

            def restart_half_way(started: float) -> None:
                time.sleep(DURATION / 2)
                times["down"] = time.monotonic() - started
                _log("pg_ctl restart -m fast")
                pg.restart()
                times["up"] = time.monotonic() - started

            _log(f"{CONNECTIONS} connections for {DURATION:.0f} s, PostgreSQL restarted half-way")
            results, _ = run_load(plan, duration=DURATION, during=restart_half_way)
        rows = summary_rows(name, results, DURATION)
        # Other work on the machine shares its cores with the server and the load generator.
        rows.append(_row(name, "machine load average before", load_before, "(1 min)", "", None))
        rows = [r for r in rows if r["metric"] not in {"errors", "p95 latency"}]  # judged below
        rows += outage_rows(name, results, times["down"], times["up"])
        acked = {r[4] for r in results if r[3] == "write" and 200 <= r[2] < 300}
        stored = stored_write_tags(pg.url, plan.tag)
        missing = acked - stored
        rows.append(
            _row(
                name,
                "acknowledged writes missing",
                len(missing),
                f"of {len(acked)}",
                "0",
                not missing,
            )
        )
        unanswered = len(stored - acked)
        rows.append(_row(name, "writes stored without a 2xx answer", unanswered, "", "", None))
        return rows
    finally:
        pg.stop()


if __name__ == "__main__":
    os.environ.setdefault("BENCH_LOAD_SECONDS", "60")
    print(json.dumps(run(), indent=2, ensure_ascii=False))
