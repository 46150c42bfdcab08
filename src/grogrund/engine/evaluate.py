"""One entry point: :func:`load_model` parses a model file, :func:`evaluate` values it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from pydantic import BaseModel, ValidationError

from grogrund.engine import targets
from grogrund.engine.checks import fraction_warnings
from grogrund.engine.contracts import contract_flows
from grogrund.engine.costs import cost_block
from grogrund.engine.costsplit import cost_split
from grogrund.engine.errors import Issue, ModelError, model_error
from grogrund.engine.flows import FlowBlock, Flows, breakdown, measures
from grogrund.engine.model import (
    MIN_HORIZON_YEARS,
    MODEL_CLASSES,
    AnyModel,
    GoalsModel,
    PropertyModel,
    RangeSpec,
    SocioeconomicModel,
    SroiModel,
    ValuationModel,
    dump,
)
from grogrund.engine.params import FloatArray, PriceContext, Resolver, discount_factors
from grogrund.engine.property import check_inputs as check_property_inputs
from grogrund.engine.property import property_benefits
from grogrund.engine.result import SimulationResult, ValuationResult
from grogrund.engine.socioeconomic import expanded_effects, socio_benefits
from grogrund.engine.sroi import sroi_benefits
from grogrund.engine.stakeholders import stakeholder_name
from grogrund.engine.valuebank import (
    KpiSeries,
    ValueBank,
    ValueOverride,
    load_kpi,
    load_value_bank,
)

#: Percentiles reported by the Monte Carlo simulation.
PERCENTILES = (5, 10, 25, 50, 75, 90, 95)

_TYPE_TAGS = {"float", "int", "str", "bool", "RangeSpec", "[key]"}


def _loc_to_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        if part in _TYPE_TAGS or "[" in part or "-" in part:
            continue
        out += f".{part}" if out else part
    return out


_TYPE_ERRORS = {
    "float_type",
    "float_parsing",
    "int_type",
    "int_parsing",
    "model_type",
    "dict_type",
    "model_attributes_type",
    "string_type",
    "bool_type",
}


def _validation_issues(err: ValidationError) -> list[Issue]:
    """One issue per field. A union field (number or range) reports the error of the branch
    that got furthest; if every branch refused the type, one ``wrong_type``."""
    by_path: dict[str, list[Issue]] = {}
    for e in err.errors():
        path = _loc_to_path(e["loc"])
        code = {"missing": "missing_field", "extra_forbidden": "unknown_field"}.get(
            e["type"], e["type"]
        )
        params = {k: v for k, v in (e.get("ctx") or {}).items() if isinstance(v, int | float | str)}
        by_path.setdefault(path, []).append(Issue(code, e["msg"], path, params))
    out = []
    for path, issues in by_path.items():
        real = [i for i in issues if i.code not in _TYPE_ERRORS]
        if real:
            out.append(real[0])
        else:
            out.append(
                Issue(
                    "wrong_type",
                    "must be a number or a range {low, likely, high}"
                    if len(issues) > 1
                    else issues[0].message,
                    path,
                    {},
                )
            )
    return out


def load_model(source: str | Path | dict[str, Any] | BaseModel) -> AnyModel:
    """Parse and validate a model file (YAML or JSON), a path to one, or a dict.

    Raises :class:`ModelError` naming the field, e.g. ``outcomes[2].deadweight``.
    """
    if isinstance(source, BaseModel):
        return _checked(source)
    data: Any
    if isinstance(source, dict):
        data = source
    else:
        path = Path(source)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise model_error("file_not_readable", f"cannot read {path}: {exc}", str(path)) from exc
        try:
            data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
        except (yaml.YAMLError, json.JSONDecodeError) as exc:
            raise model_error("parse_error", f"not valid YAML/JSON: {exc}", str(path)) from exc
    if not isinstance(data, dict):
        raise model_error("parse_error", "a model file must be a mapping at the top level")
    kind = data.get("kind")
    if kind not in MODEL_CLASSES:
        raise model_error(
            "unknown_kind",
            f"kind must be one of {', '.join(MODEL_CLASSES)}, got {kind!r}",
            "kind",
            kind=str(kind),
        )
    try:
        model = MODEL_CLASSES[kind].model_validate(data)
    except ValidationError as exc:
        raise ModelError(_validation_issues(exc)) from None
    return _checked(model)


def _checked(model: BaseModel) -> AnyModel:
    """The checks across fields that name each field they concern (pydantic's model
    validators can only name the model)."""
    if isinstance(model, PropertyModel):
        issues = check_property_inputs(model)
        if issues:
            raise ModelError(issues)
    return model  # type: ignore[return-value]


# --- running the kernels ------------------------------------------------------------------


@dataclass
class _Run:
    flows: Flows
    extras: dict[str, FloatArray]
    contract_detail: FloatArray | None


def model_stakeholders(model: ValuationModel, bank: ValueBank) -> list[str]:
    seen: list[str] = []

    def add(s: str) -> None:
        if s not in seen:
            seen.append(s)

    if isinstance(model, SroiModel):
        for o in model.outcomes:
            add(o.stakeholder)
    elif isinstance(model, SocioeconomicModel):
        for i, so in enumerate(model.outcomes):
            for e in expanded_effects(so, bank, f"outcomes[{i}]"):
                add(e.stakeholder)
    elif isinstance(model, PropertyModel):
        add(model.stakeholder)
    else:
        add(model.payer)
    for c in model.costs:
        add(c.payer)
    return seen


def _run(model: ValuationModel, r: Resolver, stakeholders: list[str]) -> _Run:
    y = model.horizon_years
    rate = r.q(model.discounting.rate, "discounting.rate", "%", 0.01)
    if r.n > 1 and not isinstance(model.discounting.rate, RangeSpec):
        # The same rate in every draw: one row of factors, broadcast (read-only) to n rows.
        d = np.broadcast_to(
            discount_factors(rate[:1], y, model.discounting.first_year_discounted), (r.n, y)
        )
    else:
        d = discount_factors(rate, y, model.discounting.first_year_discounted)
    costs = cost_block(model.costs, r, model.start_year, y, stakeholders)
    extras: dict[str, FloatArray] = {}
    detail = None
    benefits: FlowBlock
    if isinstance(model, SroiModel):
        benefits = sroi_benefits(model, r, stakeholders)
    elif isinstance(model, SocioeconomicModel):
        benefits = socio_benefits(model, r, stakeholders)
    elif isinstance(model, PropertyModel):
        benefits, extras = property_benefits(model, r, stakeholders)
    else:
        benefits, payments, extras, detail = contract_flows(model, r, stakeholders)
        costs = FlowBlock(
            "cost",
            payments.row_ids + costs.row_ids,
            payments.row_names + costs.row_names,
            np.concatenate([payments.profile, costs.profile], axis=1),
            np.concatenate([payments.split, costs.split], axis=1),
        )
    years = [model.start_year + t for t in range(y)]
    return _Run(Flows(years, stakeholders, benefits, costs, d), extras, detail)


def _prices(
    model: ValuationModel,
    price_year: int | None,
    overrides: dict[str, ValueOverride] | None,
    kpi: KpiSeries | None = None,
) -> PriceContext:
    bank = load_value_bank()
    own = {
        k: ValueOverride(v.amount, v.price_year, v.source, v.method)
        for k, v in model.value_overrides.items()
    }
    own.update(overrides or {})
    if own:
        bank = bank.with_overrides(own)
    return PriceContext(
        model.price_year, price_year or model.price_year, bank, kpi=kpi or load_kpi()
    )


def _pct(x: FloatArray) -> dict[str, float | None]:
    x = x[~np.isnan(x)]
    if x.size == 0:
        empty: dict[str, float | None] = {f"p{p}": None for p in PERCENTILES}
        return empty | {"mean": None, "std": None}
    q = np.percentile(x, PERCENTILES)
    out: dict[str, float | None] = {f"p{p}": float(v) for p, v in zip(PERCENTILES, q, strict=True)}
    out["mean"] = float(x.mean())
    out["std"] = float(x.std())
    return out


def tornado(
    model: ValuationModel,
    prices: PriceContext,
    stakeholders: list[str],
    ranges: dict[str, Any],
) -> list[dict[str, Any]]:
    """NPV with each uncertain input at its low and its high end, the others at likely;
    ranked by the swing |NPV(high) − NPV(low)|. All 2K evaluations run as one vectorised pass."""
    paths = list(ranges)
    if not paths:
        return []
    n = 2 * len(paths)
    columns: dict[str, FloatArray] = {}
    for i, p in enumerate(paths):
        col = np.full(n, np.nan)
        col[2 * i] = ranges[p].low
        col[2 * i + 1] = ranges[p].high
        columns[p] = col
    r = Resolver(prices, n=n, record=False, columns=columns)
    npv = measures(_run(model, r, stakeholders).flows).npv
    rows = [
        {
            "input": p,
            "low": ranges[p].low,
            "likely": ranges[p].likely,
            "high": ranges[p].high,
            "npv_at_low": float(npv[2 * i]),
            "npv_at_high": float(npv[2 * i + 1]),
            "swing": float(abs(npv[2 * i + 1] - npv[2 * i])),
        }
        for i, p in enumerate(paths)
    ]
    rows.sort(key=lambda row: -row["swing"])
    return rows


def simulate_model(
    model: ValuationModel,
    draws: int,
    seed: int | None,
    prices: PriceContext,
    stakeholders: list[str],
    ranges: dict[str, Any] | None = None,
) -> SimulationResult:
    """Vectorised Monte Carlo: every range is sampled ``draws`` times (independently)."""
    if draws < 1:
        raise model_error("invalid_draws", "the number of draws must be at least 1", "simulate")
    rng = np.random.default_rng(seed)
    r = Resolver(prices, n=draws, rng=rng, record=False)
    run = _run(model, r, stakeholders)
    m = measures(run.flows)
    if ranges is None:
        ranges = r.ranges
    return SimulationResult(
        draws=draws,
        seed=seed,
        npv=_pct(m.npv),
        pv_benefits=_pct(m.pv_benefits),
        pv_costs=_pct(m.pv_costs),
        ratio=_pct(m.ratio),
        probability_npv_positive=float((m.npv > 0).mean()),
        npv_by_stakeholder={
            s: _pct(m.npv_by_stakeholder[:, i]) for i, s in enumerate(stakeholders)
        },
        extras={k: _pct(v) for k, v in run.extras.items()},
        tornado=tornado(model, prices, stakeholders, ranges),
        uncertain_inputs=list(ranges),
    )


def simulate_npv(
    model: AnyModel | dict[str, Any] | str | Path,
    draws: int,
    seed: int | None,
    *,
    price_year: int | None = None,
    kpi: KpiSeries | None = None,
) -> tuple[FloatArray, dict[str, FloatArray]]:
    """NPV per draw and the drawn inputs, keyed as the resolver keys them (for checks and the
    benchmark)."""
    m = load_model(model)
    if isinstance(m, GoalsModel):
        raise model_error("not_simulable", "goals have no NPV to simulate", "kind")
    prices = _prices(m, price_year, None, kpi)
    stakeholders = model_stakeholders(m, prices.bank)
    r = Resolver(prices, n=draws, rng=np.random.default_rng(seed), record=False)
    npv = measures(_run(m, r, stakeholders).flows).npv
    return npv, r.inputs()


#: engine.targets' argument names as the goals model names its fields.
_GOAL_FIELDS = {"reference_share": "reference_percent"}


def _evaluate_goals(model: GoalsModel) -> ValuationResult:
    rows = []
    for i, g in enumerate(model.goals):
        p = f"goals[{i}]"
        try:
            goal = targets.goal_from_gap(
                g.area_percent / 100,
                None if g.reference_percent is None else g.reference_percent / 100,
                g.base,
                g.direction,
                share_of_gap=None if g.share_of_gap is None else g.share_of_gap / 100,
                fixed_count=g.fixed_count,
            )
            path = targets.trajectory(
                goal.baseline_share, goal.target_share, g.baseline_year, g.deadline_year
            )
            people = targets.trajectory(0.0, float(goal.count), g.baseline_year, g.deadline_year)
        except ModelError as exc:
            raise ModelError(
                [
                    Issue(x.code, x.message, f"{p}.{_GOAL_FIELDS.get(x.path, x.path)}", x.params)
                    for x in exc.issues
                ]
            ) from None
        follow_up = []
        for year, actual_pct in sorted(g.actuals.items()):
            actual = actual_pct / 100
            follow_up.append(
                {
                    "year": year,
                    "actual_percent": actual_pct,
                    "trajectory_percent": 100
                    * path[min(max(year, g.baseline_year), g.deadline_year)],
                    "percent_met": targets.percent_met(
                        goal.baseline_share, goal.target_share, actual, g.direction
                    ),
                    "status": targets.track_status(
                        goal.baseline_share,
                        goal.target_share,
                        actual,
                        year,
                        g.baseline_year,
                        g.deadline_year,
                        g.direction,
                    ).value,
                }
            )
        rows.append(
            {
                "id": g.id,
                "name": g.name or g.id,
                "direction": g.direction,
                "people_needed": goal.people_needed,
                "goal_count": goal.count,
                "baseline_percent": g.area_percent,
                "reference_percent": g.reference_percent,
                "target_percent": 100 * goal.target_share,
                "share_of_gap_percent": None
                if goal.share_of_gap is None
                else 100 * goal.share_of_gap,
                "trajectory": [
                    {"year": y, "percent": 100 * v, "people": people[y]} for y, v in path.items()
                ],
                "follow_up": follow_up,
                "source": g.source,
            }
        )
    return ValuationResult(kind="goals", name=model.name, goals=rows, model=dump(model))


def evaluate(
    model: AnyModel | dict[str, Any] | str | Path,
    *,
    price_year: int | None = None,
    overrides: dict[str, ValueOverride] | None = None,
    simulate: int | None = None,
    seed: int | None = None,
    kpi: KpiSeries | None = None,
) -> ValuationResult:
    """Value a model: present values, NPV, ratio, payback and break-even, broken down by
    stakeholder, year, outcome and electoral term, with warnings and a trace of every input.

    ``price_year`` re-expresses every amount in SEK of that year (KPI). ``overrides`` replace
    value-bank entries with an organisation's own values. ``simulate`` runs a Monte Carlo
    simulation with that many draws (seeded with ``seed``) and a tornado ranking.
    """
    m = load_model(model)
    if isinstance(m, GoalsModel):
        return _evaluate_goals(m)
    prices = _prices(m, price_year, overrides, kpi)
    stakeholders = model_stakeholders(m, prices.bank)
    r = Resolver(prices, n=1)
    run = _run(m, r, stakeholders)
    warnings = list(prices.warnings)
    if m.horizon_years < MIN_HORIZON_YEARS:
        warnings.append(
            Issue(
                "horizon_too_short",
                f"the horizon is {m.horizon_years} years; the model asks for at least "
                f"{MIN_HORIZON_YEARS}",
                "horizon_years",
                {"horizon_years": m.horizon_years, "minimum": MIN_HORIZON_YEARS},
            )
        )
    warnings += fraction_warnings(m)
    names = {s: stakeholder_name(s, m.stakeholders) for s in stakeholders}
    bd = breakdown(run.flows, names)
    pv_costs_total = bd["totals"]["pv_costs"]
    proposal = cost_split(
        {row["stakeholder"]: row["pv_benefits"] for row in bd["by_stakeholder"]}, pv_costs_total
    )
    split_rows = [
        {
            "stakeholder": row["stakeholder"],
            "name": row["name"],
            "benefit_share": row["benefit_share"],
            "pv_costs_now": row["pv_costs"],
            "pv_costs_proposed": proposal[row["stakeholder"]],
            "change": proposal[row["stakeholder"]] - row["pv_costs"],
        }
        for row in bd["by_stakeholder"]
    ]
    details: dict[str, Any] = {
        k: float(v[0]) if not np.isnan(v[0]) else None for k, v in run.extras.items()
    }
    if run.contract_detail is not None:
        cd = run.contract_detail[0]
        details["by_period"] = [
            {
                "year": y,
                "payment": float(cd[0, t]),
                "investor_capital": float(cd[1, t]),
                "investor_cash_flow": float(cd[2, t]),
                "payment_uncapped": float(cd[3, t]),
            }
            for t, y in enumerate(run.flows.years)
        ]
        details["payer_net_saving_pv"] = bd["totals"]["npv"]
    if not r.ranges and simulate:
        warnings.append(
            Issue(
                "no_ranges",
                "no input is a range: the simulation has nothing to vary",
                "simulate",
                {},
            )
        )
    result = ValuationResult(
        kind=m.kind,
        name=m.name,
        price_year=prices.target_price_year,
        discount_rate_percent=_likely_rate(m),
        first_year_discounted=m.discounting.first_year_discounted,
        years=run.flows.years,
        stakeholders=[{"id": s, "name": names[s]} for s in stakeholders],
        totals=bd["totals"],
        by_stakeholder=bd["by_stakeholder"],
        by_year=bd["by_year"],
        by_outcome=bd["by_outcome"],
        by_cost=bd["by_cost"],
        by_term=bd["by_term"],
        cost_split=split_rows,
        details=details,
        warnings=warnings,
        trace=r.trace,
        value_bank_version=prices.bank.version,
        model=dump(m),
    )
    if simulate:
        result.simulation = simulate_model(m, simulate, seed, prices, stakeholders, r.ranges)
    return result


def _likely_rate(m: ValuationModel) -> float:
    rate = m.discounting.rate
    return float(rate) if isinstance(rate, int | float) else rate.likely
