"""The batched Monte Carlo path: every range of a model sampled in one pass, discounted year
weights without the (draws × rows × years) array. It must give the same numbers as the
one-input-at-a-time path it replaces, and a seed must reproduce a simulation exactly."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grogrund.engine import ModelError, RangeSpec, evaluate, load_model, load_value_bank
from grogrund.engine.evaluate import simulate_npv
from grogrund.engine.flows import discounted_weights, year_weights
from grogrund.engine.params import (
    Input,
    PriceContext,
    Resolver,
    discount_factors,
    sample_range,
    sample_ranges,
)
from grogrund.engine.reference import _weight, reference_npv

from .builders import socio_model, sroi_model, sroi_outcome

DISTRIBUTIONS = ("pert", "triangular", "uniform")


@st.composite
def range_specs(draw: st.DrawFn) -> RangeSpec:
    low = draw(st.floats(-1e6, 1e6, allow_nan=False))
    width = draw(st.one_of(st.just(0.0), st.floats(1e-6, 1e6)))
    where = draw(st.one_of(st.sampled_from([0.0, 0.5, 1.0]), st.floats(0.0, 1.0)))
    high = low + width
    likely = min(max(low + where * width, low), high)
    return RangeSpec(
        low=low, likely=likely, high=high, distribution=draw(st.sampled_from(DISTRIBUTIONS))
    )


@settings(max_examples=60, deadline=None)
@given(
    specs=st.lists(range_specs(), min_size=1, max_size=12),
    n=st.integers(1, 300),
    seed=st.integers(0, 2**32 - 1),
)
def test_batched_sampler_gives_the_per_input_sampler_s_numbers_bit_for_bit(
    specs: list[RangeSpec], n: int, seed: int
) -> None:
    u = np.random.default_rng(seed).random((len(specs), n))
    u[0, 0] = 0.5  # the fold of the PERT warp
    batch = sample_ranges(specs, u)
    one_by_one = np.stack([sample_range(s, u[k]) for k, s in enumerate(specs)])
    assert np.array_equal(batch, one_by_one)


def test_batched_sampler_at_the_ends_of_the_unit_interval() -> None:
    specs = [RangeSpec(low=2, likely=3, high=10, distribution=d) for d in DISTRIBUTIONS]
    u = np.tile([0.0, 1e-12, 0.5, 1 - 1e-12, 1.0], (3, 1))
    batch = sample_ranges(specs, u)
    assert np.array_equal(batch, np.stack([sample_range(s, u[k]) for k, s in enumerate(specs)]))
    assert batch[:, 0] == pytest.approx([2, 2, 2])  # u = 0 is the low end
    assert batch[:, -1] == pytest.approx([10, 10, 10])  # u = 1 is the high end


def test_batched_quantiles_match_the_exact_distributions() -> None:
    # Triangular 2/3/10: F(x) = (x − 2)² / (8 × 1) below 3, 1 − (10 − x)² / (8 × 7) above.
    # Uniform 2–10: quantile 2 + 8p. PERT 2/3/10 is Beta(1.5, 4.5) on 2–10, mean 4.
    specs = [RangeSpec(low=2, likely=3, high=10, distribution=d) for d in DISTRIBUTIONS]
    x = sample_ranges(specs, np.random.default_rng(3).random((3, 200_000)))
    p = np.array([0.05, 0.25, 0.5, 0.75, 0.95])

    def tri_q(q: float) -> float:
        c = 1 / 8
        return 2 + math.sqrt(q * 8 * 1) if q < c else 10 - math.sqrt((1 - q) * 8 * 7)

    assert np.quantile(x[1], p) == pytest.approx([tri_q(q) for q in p], abs=0.03)
    assert np.quantile(x[2], p) == pytest.approx(2 + 8 * p, abs=0.03)
    assert x[0].mean() == pytest.approx(4.0, abs=0.01)


def _resolver(seed: int, n: int) -> Resolver:
    return Resolver(
        PriceContext(2023, 2023, load_value_bank()), n=n, rng=np.random.default_rng(seed)
    )


@settings(max_examples=30, deadline=None)
@given(
    values=st.lists(st.one_of(range_specs(), st.floats(-1e6, 1e6)), min_size=1, max_size=10),
    seed=st.integers(0, 2**32 - 1),
)
def test_asking_in_a_batch_draws_what_asking_one_at_a_time_draws(
    values: list[float | RangeSpec], seed: int
) -> None:
    items = [Input(v, f"x[{k}]", scale=0.01 if k % 2 else 1.0) for k, v in enumerate(values)]
    one = _resolver(seed, 50)
    singly = [one.q(it.value, it.path, scale=it.scale) for it in items]
    batch = _resolver(seed, 50)
    rows = batch.values(items)
    assert np.array_equal(rows, np.stack(singly))
    assert list(batch.ranges) == list(one.ranges)
    assert batch.trace == one.trace
    # asked again: the same numbers, nothing drawn
    assert np.array_equal(batch.values(items[::-1]), rows[::-1])


def test_an_input_asked_twice_in_one_batch_is_drawn_once() -> None:
    spec = RangeSpec(low=0, likely=1, high=2)
    r = _resolver(1, 10)
    rows = r.values([Input(spec, "a"), Input(spec, "b"), Input(spec, "a")])
    assert np.array_equal(rows[0], rows[2])
    assert not np.array_equal(rows[0], rows[1])
    assert list(r.ranges) == ["a", "b"]
    # the second draw is the rng's second block of 10 uniforms
    u = np.random.default_rng(1).random(20)
    assert np.array_equal(rows[1], sample_range(spec, u[10:]))


def test_handed_out_inputs_are_read_only() -> None:
    r = _resolver(1, 5)
    x = r.q(RangeSpec(low=0, likely=1, high=2), "a")
    with pytest.raises(ValueError, match="read-only"):
        x[0] = 7.0


@settings(max_examples=60, deadline=None)
@given(
    data=st.data(),
    n=st.integers(1, 40),
    k=st.integers(1, 6),
    years=st.integers(1, 25),
    same_rate=st.booleans(),
)
def test_discounted_weights_are_the_discounted_sum_of_the_year_weights(
    data: st.DataObject, n: int, k: int, years: int, same_rate: bool
) -> None:
    floats = st.floats(0.0, 1.0)
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    offset = np.array([data.draw(st.integers(0, years + 2)) for _ in range(k)], dtype=float)
    duration = rng.random((n, k)) * data.draw(st.sampled_from([0.5, 5.0, 30.0]))
    duration[0, 0] = data.draw(st.sampled_from([0.0, 1.0, 2.5, float(years)]))
    drop = rng.random((n, k)) * data.draw(floats)
    rate = np.full(n, 0.035) if same_rate else rng.random(n) * 0.1
    d = discount_factors(rate, years, data.draw(st.booleans()))
    if data.draw(st.booleans()):
        d = 0.1 + rng.random((n, years))  # not geometric: multiplied year by year
    if same_rate:
        d = np.broadcast_to(d[:1], (n, years))
    expected = np.einsum("nky,ny->nk", year_weights(offset, duration, drop, years), d)
    got = discounted_weights(offset, duration, drop, d)
    assert got == pytest.approx(expected, rel=1e-12, abs=1e-15)
    # the same in the draws-contiguous layout the socio-economic kernel uses
    got_t = discounted_weights(offset, duration.T.copy().T, drop.T.copy().T, d)
    assert got_t == pytest.approx(expected, rel=1e-12, abs=1e-15)


@settings(max_examples=40, deadline=None)
@given(
    offset=st.lists(st.integers(0, 12), min_size=1, max_size=4),
    duration=st.floats(0.0, 15.0),
    drop=st.floats(0.0, 1.0),
    years=st.integers(1, 15),
)
def test_year_weights_follow_the_plain_definition(
    offset: list[int], duration: float, drop: float, years: int
) -> None:
    # weight in year t of an effect that starts at offset o: 0 before o, then
    # (1 − drop_off)^(t − o) × clip(duration − (t − o), 0, 1) (reference._weight)
    k = len(offset)
    w = year_weights(
        np.array(offset, float), np.full((1, k), duration), np.full((1, k), drop), years
    )
    for j, o in enumerate(offset):
        for t in range(years):
            assert w[0, j, t] == pytest.approx(_weight(t - o, duration, drop), rel=1e-12, abs=0)


def _socio_with_everything() -> dict[str, object]:
    """Ranges everywhere, two effects on the same stakeholder, value-bank effects, a share
    below 100 %, an uncertain discount rate."""
    return socio_model(
        [
            {
                "id": "work",
                "persons": {"low": 20, "likely": 30, "high": 60},
                "success_rate": {"low": 20, "likely": 40, "high": 50, "distribution": "uniform"},
                "duration_years": {"low": 1, "likely": 3, "high": 7, "distribution": "triangular"},
                "drop_off": {"low": 0, "likely": 10, "high": 30},
                "start_year": 2026,
                "effects": [
                    {
                        "stakeholder": "municipality",
                        "amount_sek_per_person_year": {"low": 50e3, "likely": 90e3, "high": 1e5},
                    },
                    {"stakeholder": "municipality", "amount_sek_per_person_year": 10e3},
                    {
                        "stakeholder": "region",
                        "amount_sek_per_person_year": 20e3,
                        "share": {"low": 40, "likely": 50, "high": 90},
                    },
                    {"stakeholder": "region", "amount_sek_per_person_year": 5e3, "share": 30},
                ],
            },
            {
                "id": "exclusion",
                "persons": 10,
                "duration_years": 2.5,
                "effects_from": "exclusion_person_year",
            },
        ],
        discounting={"rate": {"low": 1, "likely": 3.5, "high": 5}},
    )


def test_simulation_with_shared_stakeholders_and_value_bank_equals_plain_python() -> None:
    model = load_model(_socio_with_everything())
    bank = load_value_bank()
    npv, inputs = simulate_npv(model, 400, seed=8)
    for i in range(400):
        x = {k: float(v[i]) for k, v in inputs.items()}
        assert reference_npv(model, x, bank) == pytest.approx(npv[i], rel=1e-12, abs=1e-6)


def test_same_seed_same_numbers_other_seed_other_numbers() -> None:
    model = load_model(_socio_with_everything())
    a, inputs_a = simulate_npv(model, 1000, seed=21)
    b, inputs_b = simulate_npv(model, 1000, seed=21)
    c, _ = simulate_npv(model, 1000, seed=22)
    assert np.array_equal(a, b)
    assert inputs_a.keys() == inputs_b.keys()
    assert all(np.array_equal(inputs_a[k], inputs_b[k]) for k in inputs_a)
    assert not np.array_equal(a, c)


def test_the_draws_are_the_seeded_stream_in_the_order_of_the_model() -> None:
    # The first range asked for is the discount rate, then the persons of outcome 0: its draws
    # are the rng's first and second blocks of n uniforms through the PERT inverse CDF.
    model = load_model(_socio_with_everything())
    _, inputs = simulate_npv(model, 100, seed=4)
    u = np.random.default_rng(4).random((2, 100))
    rate = RangeSpec(low=1, likely=3.5, high=5)
    persons = RangeSpec(low=20, likely=30, high=60)
    assert np.array_equal(inputs["discounting.rate"], sample_range(rate, u[0]) * 0.01)
    assert np.array_equal(inputs["outcomes[0].persons"], sample_range(persons, u[1]))


def test_costs_with_and_without_ranges_equal_plain_python() -> None:
    # Costs without ranges are built once and broadcast to every draw; with a range they
    # are drawn per draw. Both must give the plain per-draw NPV.
    base = _socio_with_everything()
    constant = [
        {
            "id": "coach",
            "payer": "municipality",
            "amount_sek": 400e3,
            "start_year": 2025,
            "years": 3,
        },
        {"id": "rent", "payer": "housing_company", "by_year": {2026: 100e3, 2028: 50e3}},
    ]
    uncertain = [
        *constant,
        {
            "id": "extra",
            "payer": "region",
            "by_year": {2027: {"low": 10e3, "likely": 20e3, "high": 60e3}, 2029: 5e3},
        },
        {
            "id": "staff",
            "payer": "municipality",
            "amount_sek": {"low": 1e5, "likely": 2e5, "high": 3e5, "distribution": "uniform"},
            "years": 2,
        },
    ]
    bank = load_value_bank()
    for costs in (constant, uncertain):
        model = load_model(base | {"costs": costs})
        npv, inputs = simulate_npv(model, 200, seed=5)
        for i in range(200):
            x = {k: float(v[i]) for k, v in inputs.items()}
            assert reference_npv(model, x, bank) == pytest.approx(npv[i], rel=1e-12, abs=1e-6)


def test_the_first_bad_input_in_model_order_is_the_one_reported() -> None:
    # Inputs are resolved in a batch after the loop over the outcomes, but an unknown
    # value-bank entry is still reported where the loop meets it: before a later outcome's
    # start year.
    model = sroi_model(
        [
            sroi_outcome(id="a", value_bank="no_such_entry", proxy_sek=None),
            sroi_outcome(id="b", start_year=2000),
        ]
    )
    with pytest.raises(ModelError) as err:
        evaluate(model, simulate=10, seed=1)
    assert [(i.code, i.path) for i in err.value.issues] == [
        ("unknown_value_bank_entry", "outcomes[0].value_bank")
    ]
