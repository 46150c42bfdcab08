"""Benchmarks for the statistics readers: `python benchmarks/bench_sources.py`.

`run()` returns rows of {benchmark, metric, value, unit, goal, ok} for `make bench`.
"""

from __future__ import annotations

import json
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from grogrund.sources import ColumnMapping, find_personal_number, read_csv

CSV_ROWS = 1_000_000
MEMORY_ROWS = 200_000  # tracemalloc slows Python down several times; memory is flat anyway
GOAL_ROWS_PER_SECOND = 50_000  # 1M rows in < 20 s; storing the records costs more
GOAL_PEAK_MIB = 20.0
GOAL_SCAN_CELLS_PER_SECOND = 500_000

MAPPING = ColumnMapping.from_dict(
    {"area_code": "Område", "indicator_code": "Indikator", "period": "År", "value": "Värde"}
)


def _write_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("Område;Indikator;År;Värde\n")
        for i in range(rows):
            fh.write(f"{(i % 5984):04d}C{i % 9999:04d};N{i % 7};{2015 + i % 10};{i % 9973},5\n")


def _consume(records: Iterator[Any]) -> int:
    count = 0
    for _ in records:
        count += 1
    return count


def _row(
    benchmark: str, metric: str, value: float, unit: str, goal: str, ok: bool
) -> dict[str, Any]:
    return {
        "benchmark": benchmark,
        "metric": metric,
        "value": round(value, 3),
        "unit": unit,
        "goal": goal,
        "ok": ok,
    }


def _timed(fn: Callable[[], int]) -> tuple[int, float]:
    start = time.perf_counter()
    n = fn()
    return n, time.perf_counter() - start


def run() -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.csv"
        _write_csv(big, CSV_ROWS)
        count, seconds = _timed(lambda: _consume(read_csv(big, MAPPING)))
        assert count == CSV_ROWS
        rate = count / seconds
        name = f"read_csv {CSV_ROWS:,} rows"
        results.append(_row(name, "seconds", seconds, "s", "", True))
        results.append(
            _row(
                name,
                "rows_per_second",
                rate,
                "rows/s",
                f">= {GOAL_ROWS_PER_SECOND:,}",
                rate >= GOAL_ROWS_PER_SECOND,
            )
        )

        small = Path(tmp) / "small.csv"
        _write_csv(small, MEMORY_ROWS)
        tracemalloc.start()
        _consume(read_csv(small, MAPPING))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        peak_mib = peak / 2**20
        results.append(
            _row(
                f"read_csv {MEMORY_ROWS:,} rows",
                "peak_memory",
                peak_mib,
                "MiB",
                f"<= {GOAL_PEAK_MIB} (flat: independent of rows)",
                peak_mib <= GOAL_PEAK_MIB,
            )
        )

    cells = [f"{i:04d}C{i:04d}" if i % 3 else f"{i * 7.5:.1f}" for i in range(500_000)]
    _, seconds = _timed(lambda: sum(find_personal_number(c) is not None for c in cells))
    rate = len(cells) / seconds
    results.append(
        _row(
            "find_personal_number on 500,000 cells",
            "cells_per_second",
            rate,
            "cells/s",
            f">= {GOAL_SCAN_CELLS_PER_SECOND:,}",
            rate >= GOAL_SCAN_CELLS_PER_SECOND,
        )
    )
    return results


if __name__ == "__main__":
    print(json.dumps(run(), indent=2, ensure_ascii=False))
