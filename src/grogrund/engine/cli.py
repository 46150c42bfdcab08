"""``grogrund value MODEL``: value a model file from the command line.

The top-level ``grogrund`` command dispatches ``value`` here; ``argv`` excludes the word
``value``. Exit codes: 0 success, 2 a problem with the model or the arguments (the message on
stderr names the field).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from grogrund.engine.errors import ModelError
from grogrund.engine.evaluate import evaluate
from grogrund.engine.result import ValuationResult

EXIT_OK = 0
EXIT_USER_ERROR = 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="grogrund value",
        description="Value a Grogrund model file (YAML or JSON): SROI, socio-economic "
        "calculation, property economics, outcome contract or goals.",
    )
    p.add_argument("model", help="model file (.yaml, .yml or .json)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--xlsx", metavar="OUT", help="write a workbook with live formulas")
    p.add_argument("--simulate", type=int, metavar="N", help="Monte Carlo draws over the ranges")
    p.add_argument("--seed", type=int, metavar="S", help="random seed for --simulate")
    p.add_argument("--price-year", type=int, metavar="Y", help="express amounts in SEK of Y")
    return p


def _sek(x: float | None) -> str:
    if x is None:
        return "–"
    return f"{x:,.0f}".replace(",", " ")


def _num(x: float | None, digits: int = 2) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def format_text(res: ValuationResult) -> str:
    lines: list[str] = []
    lines.append(f"{res.name or '(unnamed)'} — {res.kind}")
    if res.kind == "goals":
        for g in res.goals:
            lines.append("")
            reference = (
                "no reference, a fixed number of people"
                if g["reference_percent"] is None
                else f"reference {g['reference_percent']:.1f} %"
            )
            lines.append(
                f"{g['name']}: {g['baseline_percent']:.1f} % → {g['target_percent']:.1f} % "
                f"({reference}), {g['direction']}"
            )
            needed = (
                ""
                if g["people_needed"] is None
                else f"people needed to reach the reference: {g['people_needed']:.1f}; "
            )
            lines.append(f"  {needed}goal: {g['goal_count']} people")
            traj = ", ".join(f"{t['year']}: {t['percent']:.1f} %" for t in g["trajectory"])
            lines.append(f"  trajectory: {traj}")
            for f in g["follow_up"]:
                lines.append(
                    f"  {f['year']}: {f['actual_percent']:.1f} % (trajectory "
                    f"{f['trajectory_percent']:.1f} %), {f['percent_met']:.0f} % met, {f['status']}"
                )
        lines += _warnings(res)
        return "\n".join(lines) + "\n"
    lines.append(
        f"Years {res.years[0]}–{res.years[-1]}, SEK in {res.price_year} prices, discount rate "
        f"{res.discount_rate_percent} % real "
        f"({'first year discounted' if res.first_year_discounted else 'first year = year 0'})"
    )
    t = res.totals
    lines.append("")
    lines.append(f"  PV of benefits   {_sek(t['pv_benefits']):>16} SEK")
    lines.append(f"  PV of costs      {_sek(t['pv_costs']):>16} SEK")
    lines.append(f"  NPV              {_sek(t['npv']):>16} SEK")
    lines.append(f"  Ratio            {_num(t['ratio']):>16}")
    lines.append(f"  Payback          {_num(t['payback_years'], 1):>16} years")
    be = t["break_even_year"]
    lines.append(f"  Break-even year  {be if be is not None else '–':>16}")
    lines.append("")
    lines.append(
        f"  {'stakeholder':<28}{'PV benefits':>16}{'PV costs':>16}{'NPV':>16}{'proposed cost':>16}"
    )
    split = {row["stakeholder"]: row for row in res.cost_split}
    for row in res.by_stakeholder:
        lines.append(
            f"  {row['name'][:27]:<28}{_sek(row['pv_benefits']):>16}{_sek(row['pv_costs']):>16}"
            f"{_sek(row['npv']):>16}{_sek(split[row['stakeholder']]['pv_costs_proposed']):>16}"
        )
    lines.append("")
    lines.append("  by electoral term (undiscounted net, SEK)")
    for term in res.by_term:
        lines.append(f"    {term['term']}: {_sek(term['net'])}")
    if res.details:
        lines.append("")
        for k, v in res.details.items():
            if isinstance(v, float):
                lines.append(f"  {k.replace('_', ' ')}: {_num(v, 4) if 'irr' in k else _sek(v)}")
    if res.simulation:
        s = res.simulation
        lines.append("")
        lines.append(f"  Monte Carlo, {s.draws} draws (seed {s.seed}):")
        lines.append(
            f"    NPV p5 {_sek(s.npv['p5'])}, median {_sek(s.npv['p50'])}, "
            f"p95 {_sek(s.npv['p95'])}; P(NPV > 0) = {s.probability_npv_positive:.1%}"
        )
        if s.tornado:
            lines.append("    tornado (NPV swing low → high):")
            for row in s.tornado[:10]:
                lines.append(
                    f"      {row['input']:<50} {_sek(row['npv_at_low'])} … "
                    f"{_sek(row['npv_at_high'])}"
                )
    lines += _warnings(res)
    return "\n".join(lines) + "\n"


def _warnings(res: ValuationResult) -> list[str]:
    if not res.warnings:
        return []
    return ["", "Warnings:"] + [f"  [{w.code}] {w}" for w in res.warnings]


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USER_ERROR
    try:
        if args.simulate is not None and args.simulate < 1:
            print("error: --simulate: the number of draws must be at least 1", file=sys.stderr)
            return EXIT_USER_ERROR
        res = evaluate(
            args.model, price_year=args.price_year, simulate=args.simulate, seed=args.seed
        )
        if args.xlsx:
            from grogrund.engine.xlsx import write_workbook

            write_workbook(args.model, res, args.xlsx, price_year=args.price_year)
    except ModelError as exc:
        for issue in exc.issues:
            where = f"{issue.path}: " if issue.path else ""
            print(f"error: {where}{issue.message} [{issue.code}]", file=sys.stderr)
        return EXIT_USER_ERROR
    if args.format == "json":
        out: Any = res.to_dict()
        sys.stdout.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(format_text(res))
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
