"""Monte Carlo over ranges: seeded, vectorised, equal to a per-draw evaluation; tornado."""

from pathlib import Path

import numpy as np
import pytest

from grogrund.engine import RangeSpec, evaluate, load_model, load_value_bank
from grogrund.engine.evaluate import simulate_npv
from grogrund.engine.params import pert_alpha_beta, sample_range
from grogrund.engine.reference import reference_npv

from .builders import sroi_model, sroi_outcome

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


@pytest.mark.parametrize("dist", ["pert", "triangular", "uniform"])
def test_draws_stay_within_the_range(dist: str) -> None:
    spec = RangeSpec(low=2, likely=3, high=10, distribution=dist)  # type: ignore[arg-type]
    x = sample_range(spec, np.random.default_rng(0).random(20000))
    assert x.min() >= 2 and x.max() <= 10


def test_pert_mean_is_low_plus_four_likely_plus_high_over_six() -> None:
    # PERT mean (2 + 4 × 3 + 10) / 6 = 4; triangular mean (2 + 3 + 10) / 3 = 5
    rng = np.random.default_rng(1)
    pert = sample_range(RangeSpec(low=2, likely=3, high=10), rng.random(200000))
    tri = sample_range(
        RangeSpec(low=2, likely=3, high=10, distribution="triangular"), rng.random(200000)
    )
    assert pert.mean() == pytest.approx(4.0, abs=0.02)
    assert tri.mean() == pytest.approx(5.0, abs=0.02)
    assert pert_alpha_beta(2, 3, 10) == pytest.approx((1.5, 4.5))


def test_vectorised_simulation_equals_a_plain_per_draw_evaluation() -> None:
    bank = load_value_bank()
    for kind in ("socioeconomic", "sroi"):
        model = load_model(EXAMPLES / f"{kind}.yaml")
        npv, inputs = simulate_npv(model, 300, seed=11)
        for i in range(300):
            x = {k: float(v[i]) for k, v in inputs.items()}
            assert reference_npv(model, x, bank) == pytest.approx(npv[i], rel=1e-12, abs=1e-6)


def test_seed_reproduces_and_percentiles_are_ordered() -> None:
    a = evaluate(EXAMPLES / "socioeconomic.yaml", simulate=2000, seed=5).simulation
    b = evaluate(EXAMPLES / "socioeconomic.yaml", simulate=2000, seed=5).simulation
    assert a is not None and b is not None
    assert a.npv == b.npv
    p = a.npv
    assert p["p5"] <= p["p25"] <= p["p50"] <= p["p75"] <= p["p95"]  # type: ignore[operator]


def test_degenerate_ranges_give_the_deterministic_answer() -> None:
    q = {"low": 10, "likely": 10, "high": 10}
    res = evaluate(sroi_model([sroi_outcome(quantity=q)]), simulate=100, seed=1)
    assert res.simulation is not None
    assert res.simulation.npv["p5"] == pytest.approx(res.npv)
    assert res.simulation.npv["p95"] == pytest.approx(res.npv)


def test_probability_npv_positive() -> None:
    # quantity uniform 0–2, proxy 1000, cost 1000: NPV > 0 iff quantity > 1 → P = 0.5
    model = sroi_model(
        [sroi_outcome(quantity={"low": 0, "likely": 1, "high": 2, "distribution": "uniform"})],
        costs=[{"id": "c", "payer": "municipality", "amount_sek": 1000}],
    )
    sim = evaluate(model, simulate=20000, seed=3).simulation
    assert sim is not None
    assert sim.probability_npv_positive == pytest.approx(0.5, abs=0.02)


def test_tornado_ranks_inputs_by_npv_swing() -> None:
    model = sroi_model(
        [
            sroi_outcome(id="a", quantity={"low": 9, "likely": 10, "high": 11}),
            sroi_outcome(id="b", quantity=10, deadweight={"low": 0, "likely": 20, "high": 60}),
        ]
    )
    sim = evaluate(model, simulate=10, seed=1).simulation
    assert sim is not None
    # a: quantity 9 → 11 swings 2 × 1000 = 2000; b: deadweight 0 → 60 % swings 0.6 × 10000
    assert [row["input"] for row in sim.tornado] == [
        "outcomes[1].deadweight",
        "outcomes[0].quantity",
    ]
    assert sim.tornado[0]["swing"] == pytest.approx(6000)
    assert sim.tornado[1]["swing"] == pytest.approx(2000)


@pytest.mark.parametrize(
    ("low", "likely", "high"), [(0, 1, 10), (0, 9.9, 10), (2, 3, 10), (0, 0, 1), (0, 0.5, 1)]
)
def test_pert_quantiles_match_a_fine_numerical_beta_inverse(
    low: float, likely: float, high: float
) -> None:
    # reference: Beta(α, β) CDF integrated on 2,000,001 points and inverted by interpolation
    a, b = pert_alpha_beta(low, likely, high)
    x = np.linspace(0, 1, 2_000_001)
    with np.errstate(divide="ignore", invalid="ignore"):
        pdf = np.nan_to_num(np.exp((a - 1) * np.log(x) + (b - 1) * np.log1p(-x)), nan=0.0)
    pdf[0], pdf[-1] = (1.0 if a == 1 else 0.0), (1.0 if b == 1 else 0.0)
    cdf = np.concatenate(([0.0], np.cumsum((pdf[1:] + pdf[:-1]) / 2)))
    cdf /= cdf[-1]
    u = np.concatenate([np.random.default_rng(0).random(50000), [1e-9, 1 - 1e-9]])
    exact = low + (high - low) * np.interp(u, cdf, x)
    spec = RangeSpec(low=low, likely=likely, high=high)
    assert np.abs(sample_range(spec, u) - exact).max() <= 1e-4 * (high - low)
