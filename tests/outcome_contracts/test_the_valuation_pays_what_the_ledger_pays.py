""" "Värdera" gives the same payments as the ledger when every outcome is verified in order:
the engine model carries the contract's caps per metric (shared by a metric's rate-card
pieces), its payers with their shares and caps, and its cap in total.

Yearly periods 2021–2023, payers M 60 % and R 40 % (R capped at 300 000 kr), a total cap of
2 000 000 kr; metric "In work" (baseline 20, 50 000 kr, 60 000 kr from period 3, capped at
1 100 000 kr), metric "Off assistance" (fewer is better, baseline 30, 20 000 kr):
- 2021: in work 30 → 10 × 50 000 = 500 000; off assistance 25 → 5 × 20 000 = 100 000:
  600 000 (R 240 000).
- 2022: in work 32 → 12 × 50 000 = 600 000, held at 1 100 000 − 500 000 = 600 000: M 360 000,
  R 240 000 held at 300 000 − 240 000 = 60 000 → 420 000; off assistance 20 → 10 × 20 000
  = 200 000: M 120 000, R nothing (its cap is reached) → 120 000. 2022: 540 000.
- 2023: in work 35 at 60 000 kr → 15 × 60 000 = 900 000, held at 1 100 000 − 920 000
  = 180 000 (the metric's pieces share its cap): M 108 000; off assistance 30 → nothing.
  2023: 108 000.
"""

from __future__ import annotations

import pytest

from grogrund.engine.evaluate import evaluate
from grogrund.outcome_contracts import selectors, services
from grogrund.outcome_contracts.valuation import engine_model
from outcome_contracts.contract_builders import add_metric, fresh, make_contract


@pytest.fixture
def contract(world):
    c = make_contract(world, periods=3, cap_total_sek=2_000_000, payer_caps=(None, 300_000))
    work = add_metric(c, "In work", baseline=20, price=50_000, cap=1_100_000)
    services.set_rate_price(
        user=world.m_editor, metric=work, from_period=3, price_sek_per_unit=60_000
    )
    help_ = add_metric(c, "Off assistance", baseline=30, price=20_000, direction="lower_is_better")
    for period, values in ((1, (30, 25)), (2, (32, 20)), (3, (35, 30))):
        for metric, value in zip((work, help_), values, strict=True):
            report = services.report_outcome(
                user=world.s_editor, contract=fresh(c), metric=metric, period=period, value=value
            )
            services.verify_outcome(user=world.e_editor, report=report, comment="Stickprov")
    return fresh(c)


def test_the_model_carries_every_cap_and_the_payers(world, contract):
    model = engine_model(selectors.contract_ledger(contract))
    work = contract.metrics.get(name="In work")
    assert model["cap_sek_per_metric"] == {f"m{work.pk}": 1_100_000}
    assert [m["cap_key"] for m in model["metrics"]][:2] == [f"m{work.pk}", f"m{work.pk}"]
    assert [(p["share"], p.get("cap_sek")) for p in model["payers"]] == [
        (0.6, None),
        (0.4, 300_000),
    ]


def test_the_valuation_pays_what_the_ledger_pays(contract):
    ledger = selectors.contract_ledger(contract)
    due = [ledger.period(n).due_sek for n in (1, 2, 3)]
    assert due == pytest.approx([600_000, 540_000, 108_000])
    result = evaluate(engine_model(ledger))
    paid = [row["payment"] for row in result.details["by_period"][:3]]
    assert paid == pytest.approx(due)
    assert result.details["total_payments"] == pytest.approx(1_248_000)
