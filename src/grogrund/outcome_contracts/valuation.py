"""The engine's `outcome_contract` model built from a contract's own data, so that the
valuation and the ledger rest on the same figures (docs/valuation-model.md, kind
`outcome_contract`; docs/outcome-contracts.md).

- one engine year per calendar year of the term (the engine values by year); a period counts in
  the year it ends;
- each engine metric's outcome in a year is the people *beyond the baseline* in the periods
  ending that year, Σ max(0, outcome − baseline) (fewer-is-better metrics turned around), with
  a baseline of 0: the engine's price × max(0, outcome − baseline) is then exactly the sum of
  the periods' price × gain, whatever the periods' length, and the payers' saving per person
  counts the people beyond the baseline only;
- the outcome of a period is the verified figure, else a reported one awaiting verification,
  else the metric's expected outcome per period (the projection);
- a rate card's later prices become further engine metrics for the periods they apply to
  (the engine has one price per metric; Σ over the pieces is the same payment);
- the cap in total is the engine's `cap_sek_total`; a cap per period becomes `cap_sek_per_period`
  only for yearly periods (the engine's periods are years); a metric's cap is the engine's
  `cap_sek_per_metric`, shared by the metric's rate-card pieces (`cap_key`); the payers, their
  shares and caps are the engine's `payers`. The engine then works each metric's payment out in
  turn as the ledger does, so with yearly periods whose outcomes are verified in the order of
  the metrics, "Värdera" pays what the ledger pays (tests/outcome_contracts/
  test_the_valuation_pays_what_the_ledger_pays.py). With shorter periods the engine sums a
  year's periods before the caps, so a cap reached within a year may be shared out otherwise;
- the investor's capital is summed by year; the payers are one stakeholder.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.utils.translation import gettext as _

from grogrund.engine.model import MIN_HORIZON_YEARS
from grogrund.engine.outcome_ledger import gain
from grogrund.outcome_contracts.models import OutcomeMetric, ReportStatus
from grogrund.outcome_contracts.selectors import ContractLedger, price_ore

PAYERS = "outcome_payers"


def _segments(metric: OutcomeMetric, periods: int) -> list[tuple[int, int, float]]:
    """(first period, last period, price in kronor) of each stretch of the rate card."""
    cuts = sorted({1} | {e.from_period for e in metric.prices.all() if e.from_period <= periods})
    out = []
    for i, first in enumerate(cuts):
        last = cuts[i + 1] - 1 if i + 1 < len(cuts) else periods
        out.append((first, last, price_ore(metric, first) / 100))
    return out


def engine_model(ledger: ContractLedger) -> dict[str, Any]:
    """The engine model (a dict `engine.evaluate` reads) of the contract."""
    contract = ledger.contract
    start_year = contract.start_date.year
    end_year = contract.end_date.year
    horizon = max(end_year - start_year + 1, MIN_HORIZON_YEARS)
    payers = ", ".join(
        f"{p.organisation.name} {float(p.share or 0) * 100:g} %" for p in ledger.payers
    )
    metrics: list[dict[str, Any]] = []
    for metric in ledger.metrics:
        for first, last, price in _segments(metric, contract.periods):
            gains: dict[int, float] = defaultdict(float)
            for row in ledger.periods[first - 1 : last]:
                cell = next(c for c in row.cells if c.metric.pk == metric.pk)
                r = cell.report
                if r is not None and r.status == ReportStatus.VERIFIED:
                    value: float | None = float(r.verified_value or 0)
                elif r is not None and r.status == ReportStatus.REPORTED:
                    value = float(r.value)
                else:
                    value = metric.expected_per_period
                if value is None:
                    continue
                gains[row.end.year] += gain(value, metric.baseline, metric.direction)  # type: ignore[arg-type]
            if not gains:
                continue
            name = (
                metric.name
                if first == 1
                else _("%(metric)s, from period %(period)s")
                % {"metric": metric.name, "period": first}
            )
            entry: dict[str, Any] = {
                "id": f"m{metric.pk}_{first}" if first > 1 else f"m{metric.pk}",
                "cap_key": f"m{metric.pk}",
                "name": _("%(metric)s: people beyond the baseline") % {"metric": name},
                "direction": "higher_is_better",
                "baseline": 0,
                "price_sek_per_unit": price,
                "outcomes": {int(y): round(v, 6) for y, v in sorted(gains.items())},
                "source": metric.baseline_source or _("The contract's fixed baseline"),
            }
            if metric.savings_sek_per_unit is not None:
                entry["savings_sek_per_unit"] = float(metric.savings_sek_per_unit)
            metrics.append(entry)
    capital: dict[int, float] = defaultdict(float)
    for i in contract.investments.all():
        if start_year <= i.date.year < start_year + horizon:
            capital[i.date.year] += float(i.amount_sek)
    model: dict[str, Any] = {
        "format": "grogrund-valuation/1",
        "kind": "outcome_contract",
        "name": contract.name,
        "description": _("Built from the outcome contract's terms and ledger."),
        "start_year": start_year,
        "horizon_years": horizon,
        "price_year": start_year,
        "payer": PAYERS,
        "investor": "investor",
        "stakeholders": {PAYERS: _("The outcome payers (%(payers)s)") % {"payers": payers or "–"}},
        "metrics": metrics,
        "investor_capital": {int(y): a for y, a in sorted(capital.items())},
    }
    if contract.cap_total_sek is not None:
        model["cap_sek_total"] = float(contract.cap_total_sek)
    if contract.cap_per_period_sek is not None and contract.period_months == 12:
        model["cap_sek_per_period"] = float(contract.cap_per_period_sek)
    keys = {m["cap_key"] for m in metrics}
    caps = {
        f"m{m.pk}": float(m.cap_sek)
        for m in ledger.metrics
        if m.cap_sek is not None and f"m{m.pk}" in keys
    }
    if caps:
        model["cap_sek_per_metric"] = caps
    shares = [float(p.share or 0) for p in ledger.payers]
    if ledger.payers and abs(sum(shares) - 1.0) < 1e-9:
        model["payers"] = [
            {
                "id": f"payer{p.organisation_id}",
                "name": p.organisation.name,
                "share": float(p.share or 0),
                **({"cap_sek": float(p.cap_sek)} if p.cap_sek is not None else {}),
            }
            for p in ledger.payers
        ]
    return model
