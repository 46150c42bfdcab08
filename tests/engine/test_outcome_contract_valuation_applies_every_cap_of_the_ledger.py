"""The engine's outcome contract (engine/contracts.py) applies every cap the ledger applies
(engine/outcome_ledger.py): per metric, per period, in total and per payer. With yearly periods
whose outcomes are verified in order (year by year, metric by metric in the model's order), the
valuation pays what the ledger makes due — exactly when one payer pays (integers throughout),
to the öre per outcome when payers split each amount (the ledger splits in whole öre)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grogrund.engine import evaluate
from grogrund.engine.errors import ModelError
from grogrund.engine.outcome_ledger import Caps, Claim, gain, ledger

METRICS = ["a", "b", "c"]
PAYERS = ["p1", "p2", "p3"]
START = 2030


@st.composite
def contracts(draw: st.DrawFn, *, payers: bool) -> dict:
    years = draw(st.integers(1, 6))
    metrics = []
    for mid in METRICS[: draw(st.integers(1, 3))]:
        metrics.append(
            {
                "id": mid,
                "baseline": draw(st.integers(0, 40)),
                "price_sek_per_unit": draw(st.integers(1, 200_000)),
                "outcomes": {START + t: draw(st.integers(0, 60)) for t in range(years)},
            }
        )
    model: dict = {
        "kind": "outcome_contract",
        "start_year": START,
        "horizon_years": 10,
        "price_year": START,
        "metrics": metrics,
    }
    caps = {}
    for m in metrics:
        cap = draw(st.none() | st.integers(0, 5_000_000))
        if cap is not None:
            caps[m["id"]] = cap
    if caps:
        model["cap_sek_per_metric"] = caps
    for key, top in (("cap_sek_per_period", 3_000_000), ("cap_sek_total", 8_000_000)):
        cap = draw(st.none() | st.integers(0, top))
        if cap is not None:
            model[key] = cap
    if payers:
        n = draw(st.integers(1, 3))
        cuts = sorted(
            draw(st.lists(st.integers(1, 9_999), min_size=n - 1, max_size=n - 1, unique=True))
        )
        bounds = [0, *cuts, 10_000]
        model["payers"] = []
        for i in range(n):
            entry = {"id": PAYERS[i], "share": (bounds[i + 1] - bounds[i]) / 10_000}
            cap = draw(st.none() | st.integers(0, 4_000_000))
            if cap is not None:
                entry["cap_sek"] = cap
            model["payers"].append(entry)
    return model


def _ledger_by_year(model: dict) -> tuple[list[float], int]:
    """The ledger's payment per year for the model's outcomes verified in order, in kronor,
    and the number of claims."""
    claims = [
        Claim(
            f"{m['id']}{year}",
            m["id"],
            year - START + 1,
            gain(m["outcomes"][year], m["baseline"]),
            m["price_sek_per_unit"] * 100,
        )
        for year in sorted(model["metrics"][0]["outcomes"])
        for m in model["metrics"]
    ]
    payers = model.get("payers") or [{"id": "payer", "share": 1.0}]
    shares = {p["id"]: round(p["share"] * 10_000) for p in payers}
    ore = {
        k: (None if v is None else v * 100) for k, v in model.get("cap_sek_per_metric", {}).items()
    }
    caps = Caps(
        total_ore=None if "cap_sek_total" not in model else model["cap_sek_total"] * 100,
        per_period_ore=None
        if "cap_sek_per_period" not in model
        else model["cap_sek_per_period"] * 100,
        per_metric_ore=ore,
        per_payer_ore={p["id"]: p["cap_sek"] * 100 for p in payers if p.get("cap_sek") is not None},
    )
    result = ledger(claims, shares, caps)
    years = len(model["metrics"][0]["outcomes"])
    return [result.by_period.get(t + 1, 0) / 100 for t in range(years)], len(claims)


@given(contracts(payers=False))
@settings(max_examples=150, deadline=None)
def test_with_caps_per_metric_the_valuation_pays_what_the_ledger_pays(model):
    expected, _claims = _ledger_by_year(model)
    engine = evaluate(model).details["by_period"]
    assert [engine[t]["payment"] for t in range(len(expected))] == expected


@given(contracts(payers=True))
@settings(max_examples=150, deadline=None)
def test_with_payers_and_their_caps_the_valuation_pays_what_the_ledger_pays(model):
    expected, claims = _ledger_by_year(model)
    engine = evaluate(model).details["by_period"]
    # The ledger splits each amount in whole öre: each payer's part may differ by under one
    # öre per outcome, and a payer's cap reached later passes the difference on.
    tolerance = 0.01 * claims * len(model["payers"])
    for t, want in enumerate(expected):
        assert engine[t]["payment"] == pytest.approx(want, abs=tolerance)


def test_a_worked_example_with_a_metric_cap_and_a_payer_cap():
    """Two metrics, two years, a cap of 300 000 kr on metric a, payers 60/40 with a cap of
    150 000 kr on p2.
    2030: a (30 − 20) × 20 000 = 200 000; b 5 × 10 000 = 50 000: 250 000, p2 40 % = 100 000.
    2031: a 20 × 20 000 = 400 000, held at 300 000 − 200 000 = 100 000: p1 60 000, p2 40 000
          (p2 at 140 000); b 5 × 10 000 = 50 000: p1 30 000, p2 20 000 held at 10 000 (its cap
          150 000 reached): 40 000. 2031 = 100 000 + 40 000 = 140 000."""
    model = {
        "kind": "outcome_contract",
        "start_year": START,
        "horizon_years": 10,
        "price_year": START,
        "cap_sek_per_metric": {"a": 300_000},
        "payers": [
            {"id": "p1", "share": 0.6},
            {"id": "p2", "share": 0.4, "cap_sek": 150_000},
        ],
        "metrics": [
            {
                "id": "a",
                "baseline": 20,
                "price_sek_per_unit": 20_000,
                "outcomes": {2030: 30, 2031: 40},
            },
            {
                "id": "b",
                "baseline": 0,
                "price_sek_per_unit": 10_000,
                "outcomes": {2030: 5, 2031: 5},
            },
        ],
    }
    by_period = evaluate(model).details["by_period"]
    assert [by_period[0]["payment"], by_period[1]["payment"]] == [250_000, 140_000]
    assert _ledger_by_year(model)[0] == [250_000, 140_000]


def test_caps_and_payers_that_do_not_add_up_are_refused():
    base = {
        "kind": "outcome_contract",
        "start_year": START,
        "horizon_years": 10,
        "metrics": [{"id": "a", "baseline": 0, "price_sek_per_unit": 1, "outcomes": {2030: 1}}],
    }
    with pytest.raises(ModelError):
        evaluate(base | {"cap_sek_per_metric": {"x": 5}})
    with pytest.raises(ModelError):
        evaluate(base | {"payers": [{"id": "p", "share": 0.5}]})


@pytest.mark.libreoffice
def test_the_workbook_recalculates_every_cap_to_the_engines_payments(tmp_path):
    """The exported workbook works the caps out in turn with formulas, as the engine does.
    Two pieces of metric a share its cap (cap_key); payers 60/40, p2 capped; caps per period and
    in total. By hand, per year (a, a2 the pieces of a; b):
    2030: a (30 − 20) × 20 000 = 200 000; b 6 × 10 000 = 60 000 held at the period cap
          250 000 − 200 000 = 50 000 → 250 000 (p2 40 % = 100 000).
    2031: a2 (40 − 20) × 25 000 = 500 000, held at a's cap 300 000 − 200 000 = 100 000
          (p1 60 000, p2 40 000: p2 at 140 000); b 5 × 10 000 = 50 000: p1 30 000, p2 20 000
          held at its cap, 150 000 − 140 000 = 10 000 → 140 000.
    2032: a2 (50 − 20) × 25 000 = 750 000, a's cap used up → 0; b 8 × 10 000 = 80 000, held
          at the total cap 460 000 − 390 000 = 70 000: p1 42 000, p2 0 (its cap reached)
          → 42 000.
    Payments 250 000 + 140 000 + 42 000 = 432 000 kr."""
    import openpyxl

    from engine.test_xlsx_export import recalculate
    from grogrund.engine.xlsx import write_workbook

    model = {
        "kind": "outcome_contract",
        "start_year": START,
        "horizon_years": 4,
        "price_year": START,
        "cap_sek_total": 460_000,
        "cap_sek_per_period": 250_000,
        "cap_sek_per_metric": {"a": 300_000},
        "payers": [
            {"id": "p1", "share": 0.6},
            {"id": "p2", "share": 0.4, "cap_sek": 150_000},
        ],
        "metrics": [
            {"id": "a", "baseline": 20, "price_sek_per_unit": 20_000, "outcomes": {2030: 30}},
            {
                "id": "a2",
                "cap_key": "a",
                "baseline": 20,
                "price_sek_per_unit": 25_000,
                "outcomes": {2031: 40, 2032: 50},
            },
            {
                "id": "b",
                "baseline": 0,
                "price_sek_per_unit": 10_000,
                "outcomes": {2030: 6, 2031: 5, 2032: 8},
            },
        ],
    }
    res = evaluate(model)
    payments = [y["payment"] for y in res.details["by_period"]]
    assert payments == pytest.approx([250_000, 140_000, 42_000, 0])
    src = write_workbook(model, res, tmp_path / "contract.xlsx")
    out = recalculate(src, tmp_path / "out")
    flows = openpyxl.load_workbook(out, data_only=True)["Flows"]
    (row,) = [r for r in flows.iter_rows(values_only=True) if r[0] == "Outcome payments"]
    assert list(row[3:7]) == pytest.approx([250_000, 140_000, 42_000, 0])
    summary = openpyxl.load_workbook(out, data_only=True)["Summary"]
    got = {summary[f"A{r}"].value: summary[f"B{r}"].value for r in range(2, 8)}
    assert got["PV of costs"] == pytest.approx(res.pv_costs, rel=1e-9)
    assert got["NPV"] == pytest.approx(res.npv, rel=1e-9, abs=1e-6)
