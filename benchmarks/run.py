"""`make bench`: run every benchmarks/bench_*.py module, print a table, write results.json.

Each module exposes `run() -> list[dict]` with the keys benchmark, metric, value, unit, goal, ok.
Only the named ones run with `python benchmarks/run.py foundation sources`. A module that
fails is reported as a failed row; the others still run. Exit status 1 when a goal is missed.
"""

from __future__ import annotations

import importlib.util
import json
import os
import platform
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"
KEYS = ("benchmark", "metric", "value", "unit", "goal", "ok")


def _load(path: Path) -> ModuleType:
    # Named as the file (benchmarks/ is on sys.path): a module that runs work in other
    # processes pickles its functions by this name.
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Registered first, as importlib's recipe does: dataclasses and pickling (multiprocessing)
    # look the module up by its name.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _modules(names: list[str]) -> list[Path]:
    found = sorted(HERE.glob("bench_*.py"))
    if names:
        wanted = {n.removeprefix("bench_").removesuffix(".py") for n in names}
        found = [p for p in found if p.stem.removeprefix("bench_") in wanted]
    return found


def _format(value: Any) -> str:
    if isinstance(value, float):
        if value == 0 or abs(value) >= 100:
            return f"{value:,.0f}"
        return f"{value:.3g}" if abs(value) < 1 else f"{value:,.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def table(rows: list[dict[str, Any]]) -> str:
    header = ("module", "benchmark", "metric", "value", "unit", "goal", "ok")
    lines = [
        (
            r.get("module", ""),
            str(r.get("benchmark", "")),
            str(r.get("metric", "")),
            _format(r.get("value", "")),
            str(r.get("unit", "")),
            str(r.get("goal", "")),
            "–" if r.get("ok") is None else ("ok" if r["ok"] else "MISS"),
        )
        for r in rows
    ]
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(header)]
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    out.append("  ".join("-" * w for w in widths))
    for line in lines:
        cells = [
            c.rjust(w) if i == 3 else c.ljust(w)
            for i, (c, w) in enumerate(zip(line, widths, strict=True))
        ]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(HERE))
    rows: list[dict[str, Any]] = []
    timings: dict[str, float] = {}
    for path in _modules(argv):
        name = path.stem
        print(f"== {name}", file=sys.stderr, flush=True)
        start = time.perf_counter()
        try:
            produced = _load(path).run()
        except Exception:
            traceback.print_exc()
            produced = [
                {
                    "benchmark": name,
                    "metric": "error",
                    "value": "failed (see traceback above)",
                    "unit": "",
                    "goal": "runs",
                    "ok": False,
                }
            ]
        timings[name] = round(time.perf_counter() - start, 1)
        print(f"   {name}: {timings[name]} s", file=sys.stderr, flush=True)
        for row in produced:
            missing = [k for k in KEYS if k not in row]
            if missing:
                row = {**row, "ok": False, "goal": f"{row.get('goal', '')} (missing {missing})"}
            rows.append({"module": name, **row})

    print(table(rows))
    RESULTS.write_text(
        json.dumps(
            {
                "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "python": platform.python_version(),
                "machine": platform.platform(),
                "module_seconds": timings,
                "results": rows,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    # ok None: a figure reported for information, with no goal to meet.
    missed = sum(1 for r in rows if r.get("ok") is False)
    print(f"\n{len(rows)} results, {missed} missed goals; written to {RESULTS}")
    for r in rows:
        if r.get("ok") is False:
            print(
                f"  MISSED: {r['benchmark']} {r['metric']} = {r['value']} {r['unit']} "
                f"(goal {r['goal']})"
            )
    # A missed goal is a finding to report, not a crash; BENCH_STRICT=1 makes it fail the run.
    return 1 if missed and os.environ.get("BENCH_STRICT") else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
