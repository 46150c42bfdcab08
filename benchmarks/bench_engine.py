"""Benchmarks for the valuation engine (issue 3).

Reference programme: a socio-economic calculation with 20 outcomes × 7 stakeholders × 20
years, every outcome with uncertain persons, success rate, duration, drop-off and seven
uncertain effects (220 ranges), valued with a 10,000-draw Monte Carlo simulation.

* vectorised Monte Carlo, median of several runs (goal ≤ 100 ms on one core);
* the same draws evaluated one at a time in plain Python (``grogrund.engine.reference``), the
  speed-up and the largest difference in NPV (goal ≥ 100×, equal results). The plain baseline
  is given the already sampled inputs, so sampling time is counted only on the vectorised side;
* the deterministic valuation exported to XLSX and recalculated by headless LibreOffice: time
  and the largest relative difference from the engine (skipped without ``soffice``).

Run alone: ``python benchmarks/bench_engine.py``; ``run()`` returns the rows for ``make bench``.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# Keep numpy on one core for the "one core" goal (must be set before numpy is imported).
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

from grogrund.engine import GoalsModel, evaluate, load_model, load_value_bank  # noqa: E402
from grogrund.engine.evaluate import simulate_npv  # noqa: E402
from grogrund.engine.reference import reference_npv  # noqa: E402
from grogrund.engine.xlsx import write_workbook  # noqa: E402

DRAWS = 10_000
SEED = 2026
RUNS = 7
PLAIN_DRAWS = 1_000  # plain Python is timed on these many draws and scaled per draw
STAKEHOLDERS = [
    "municipality",
    "arbetsformedlingen",
    "forsakringskassan",
    "region",
    "justice",
    "individual",
    "production",
]


def reference_programme() -> dict[str, Any]:
    """20 outcomes × 7 stakeholders × 20 years, deterministic in shape, ranges everywhere."""
    outcomes = []
    for i in range(20):
        effects = [
            {
                "stakeholder": s,
                "amount_sek_per_person_year": {
                    "low": 8000 + 1000 * j,
                    "likely": 10000 + 1500 * j,
                    "high": 14000 + 2500 * j,
                },
            }
            for j, s in enumerate(STAKEHOLDERS)
        ]
        outcomes.append(
            {
                "id": f"outcome_{i}",
                "persons": {"low": 10 + i, "likely": 20 + i, "high": 40 + i},
                "success_rate": {"low": 20, "likely": 35 + i % 10, "high": 60},
                "duration_years": {"low": 3, "likely": 6, "high": 12, "distribution": "triangular"},
                "drop_off": {"low": 0, "likely": 5, "high": 10, "distribution": "uniform"},
                "start_year": 2025 + i % 5,
                "effects": effects,
            }
        )
    return {
        "kind": "socioeconomic",
        "name": "Reference programme",
        "start_year": 2025,
        "horizon_years": 20,
        "price_year": 2023,
        "discounting": {"rate": 3.5},
        "outcomes": outcomes,
        "costs": [
            {"id": f"cost_{s}", "payer": s, "amount_sek": 2_000_000, "start_year": 2025, "years": 5}
            for s in STAKEHOLDERS
        ],
    }


def _row(
    benchmark: str, metric: str, value: float | None, unit: str, goal: str, ok: bool | None
) -> dict[str, Any]:
    return {
        "benchmark": benchmark,
        "metric": metric,
        "value": value,
        "unit": unit,
        "goal": goal,
        "ok": ok,
    }


def _scale(path: str) -> float:
    """Inputs are cached in engine units; ranges are given in file units (percent)."""
    percent_fields = (".success_rate", ".drop_off", ".share", "discounting.rate")
    return 0.01 if path.endswith(percent_fields) else 1.0


def bench_monte_carlo() -> list[dict[str, Any]]:
    model = load_model(reference_programme())
    simulate_npv(model, DRAWS, SEED)  # warm-up (imports, caches)
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        npv, inputs = simulate_npv(model, DRAWS, SEED)
        times.append(time.perf_counter() - t0)
    median_s = statistics.median(times)

    t0 = time.perf_counter()
    full = evaluate(model, simulate=DRAWS, seed=SEED)
    full_s = time.perf_counter() - t0

    bank = load_value_bank()
    t0 = time.perf_counter()
    plain = [
        reference_npv(model, {k: float(v[i]) for k, v in inputs.items()}, bank)
        for i in range(PLAIN_DRAWS)
    ]
    plain_per_draw = (time.perf_counter() - t0) / PLAIN_DRAWS
    plain_total = plain_per_draw * DRAWS
    # The engine's own one-draw path (what a caller without vectorisation would loop over):
    # every range fixed at this draw's value, n = 1. Timed on 100 draws.
    from grogrund.engine.evaluate import _prices, _run, model_stakeholders
    from grogrund.engine.flows import measures
    from grogrund.engine.params import Resolver

    assert not isinstance(model, GoalsModel)
    prices = _prices(model, None, None)
    stakeholders = model_stakeholders(model, prices.bank)
    ranges = [k for k in inputs if "#" not in k]
    t0 = time.perf_counter()
    engine_one = []
    for i in range(100):
        cols = {k: inputs[k][i : i + 1] / _scale(k) for k in ranges}
        r = Resolver(prices, n=1, record=False, columns=cols)
        engine_one.append(float(measures(_run(model, r, stakeholders).flows).npv[0]))
    engine_per_draw = (time.perf_counter() - t0) / 100
    engine_diff = float(np.max(np.abs(np.array(engine_one) - npv[:100]) / np.abs(npv[:100])))
    diff = float(np.max(np.abs(np.array(plain) - npv[:PLAIN_DRAWS]) / np.abs(npv[:PLAIN_DRAWS])))
    speedup = plain_total / median_s
    assert full.simulation is not None
    return [
        _row(
            "engine_monte_carlo",
            "median time, 10,000 draws, 20×7×20",
            median_s * 1000,
            "ms",
            "≤ 100 ms",
            median_s <= 0.100,
        ),
        _row(
            "engine_monte_carlo",
            "full evaluate + simulate + tornado, 10,000 draws",
            full_s * 1000,
            "ms",
            "",
            None,
        ),
        _row(
            "engine_monte_carlo",
            "plain Python per-draw time × 10,000 (timed on 1,000)",
            plain_total * 1000,
            "ms",
            "",
            None,
        ),
        _row(
            "engine_monte_carlo",
            "speed-up over plain per-draw Python",
            speedup,
            "×",
            "≥ 100×",
            speedup >= 100,
        ),
        _row(
            "engine_monte_carlo",
            "largest relative NPV difference, vectorised vs plain",
            diff,
            "",
            "≤ 1e-9",
            diff <= 1e-9,
        ),
        _row(
            "engine_monte_carlo",
            "engine one-draw path × 10,000 (timed on 100)",
            engine_per_draw * DRAWS * 1000,
            "ms",
            "",
            None,
        ),
        _row(
            "engine_monte_carlo",
            "speed-up over the engine's one-draw path (informative)",
            engine_per_draw * DRAWS / median_s,
            "×",
            "",
            None,
        ),
        _row(
            "engine_monte_carlo",
            "largest relative NPV difference, one-draw path",
            engine_diff,
            "",
            "≤ 1e-9",
            engine_diff <= 1e-9,
        ),
        _row("engine_monte_carlo", "median NPV", float(np.median(npv)), "SEK", "", None),
    ]


def bench_libreoffice() -> list[dict[str, Any]]:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    name = "engine_xlsx_libreoffice"
    if exe is None:
        return [_row(name, "recalculation time (soffice not found)", None, "s", "", None)]
    import openpyxl

    model = reference_programme()
    res = evaluate(model)
    with tempfile.TemporaryDirectory() as tmp:
        src = write_workbook(model, res, Path(tmp) / "reference.xlsx")
        t0 = time.perf_counter()
        subprocess.run(
            [
                exe,
                "--headless",
                "--calc",
                "--convert-to",
                "xlsx",
                "--outdir",
                str(Path(tmp) / "out"),
                str(src),
                f"-env:UserInstallation=file://{tmp}/profile",
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        elapsed = time.perf_counter() - t0
        ws = openpyxl.load_workbook(Path(tmp) / "out" / "reference.xlsx", data_only=True)["Summary"]
        got = {ws[f"A{r}"].value: ws[f"B{r}"].value for r in range(2, 6)}
    diffs = [
        abs(got[k] - v) / abs(v)
        for k, v in (
            ("PV of benefits", res.pv_benefits),
            ("PV of costs", res.pv_costs),
            ("NPV", res.npv),
        )
        if v
    ]
    worst = max(diffs)
    return [
        _row(name, "LibreOffice recalculation time (incl. start-up)", elapsed, "s", "", None),
        _row(
            name,
            "largest relative difference workbook vs engine",
            worst,
            "",
            "≤ 1e-9",
            worst <= 1e-9,
        ),
    ]


def run() -> list[dict[str, Any]]:
    return bench_monte_carlo() + bench_libreoffice()


def main() -> int:
    rows = run()
    for r in rows:
        value = "–" if r["value"] is None else f"{r['value']:.6g}"
        ok = {True: "ok", False: "FAIL", None: ""}[r["ok"]]
        print(
            f"{r['benchmark']:<26} {r['metric']:<55} {value:>14} {r['unit']:<4} {r['goal']:<8} {ok}"
        )
    return 0 if all(r["ok"] is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
