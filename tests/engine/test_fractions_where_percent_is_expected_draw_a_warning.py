"""Deadweight, displacement, attribution and drop-off are written in percent. When all of
those given for an outcome are below 1 and at least one is above 0, they were most likely
written as fractions (0.25 for 25 %): the valuation warns, and uses the values as written."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grogrund.engine import evaluate

from .builders import socio_model, sroi_model, sroi_outcome

REDUCTIONS = ("deadweight", "displacement", "attribution", "drop_off")


def _warnings(result) -> list:
    return [w for w in result.warnings if w.code == "percent_given_as_fraction"]


def test_a_deadweight_of_0_25_asks_whether_25_percent_was_meant() -> None:
    outcome = sroi_outcome(name="Jobs", deadweight=0.25)
    [warning] = _warnings(evaluate(sroi_model([outcome])))
    assert "did you mean 25 % rather than 0.25 %?" in warning.message
    assert warning.path == "outcomes[0]" and warning.label == "Outcome 1"
    assert warning.params == {
        "outcome": "Jobs",
        "value": 0.25,
        "percent": 25.0,
        "fields": "deadweight, displacement, attribution, drop_off",
    }


def test_the_value_is_used_as_written() -> None:
    # 10 units × 1 000 kr × (1 − 0.25 %) = 9 975 kr in the one year of the outcome
    result = evaluate(sroi_model([sroi_outcome(deadweight=0.25)]))
    assert result.pv_benefits == pytest.approx(9975)


def test_the_largest_fraction_is_the_example() -> None:
    outcome = sroi_outcome(deadweight=0.2, attribution=0.35, displacement=0.1, drop_off=0)
    [warning] = _warnings(evaluate(sroi_model([outcome])))
    assert "did you mean 35 % rather than 0.35 %?" in warning.message


def test_no_warning_when_one_of_them_is_1_or_more() -> None:
    outcome = sroi_outcome(deadweight=0.25, attribution=1)
    assert not _warnings(evaluate(sroi_model([outcome])))


def test_no_warning_when_all_are_0() -> None:
    assert not _warnings(evaluate(sroi_model([sroi_outcome()])))


def test_fields_left_out_do_not_count() -> None:
    # only the deadweight is written; the others default to 0 and say nothing
    outcome = {k: v for k, v in sroi_outcome(deadweight=0.5).items() if k not in REDUCTIONS[1:]}
    assert len(_warnings(evaluate(sroi_model([outcome])))) == 1
    outcome = {k: v for k, v in sroi_outcome(deadweight=5).items() if k not in REDUCTIONS[1:]}
    assert not _warnings(evaluate(sroi_model([outcome])))


def test_a_range_counts_with_all_its_values() -> None:
    below = sroi_outcome(deadweight={"low": 0.1, "likely": 0.2, "high": 0.3})
    across = sroi_outcome(deadweight={"low": 0.1, "likely": 0.5, "high": 2})
    assert len(_warnings(evaluate(sroi_model([below])))) == 1
    assert not _warnings(evaluate(sroi_model([across])))


def test_a_socioeconomic_drop_off_of_0_1_is_questioned_too() -> None:
    model = socio_model()
    model["outcomes"][0]["drop_off"] = 0.1
    [warning] = _warnings(evaluate(model))
    assert "did you mean 10 % rather than 0.1 %?" in warning.message
    assert warning.params["fields"] == "drop_off"


def test_one_warning_per_outcome_that_looks_like_fractions() -> None:
    outcomes = [
        sroi_outcome(id="a", deadweight=0.3),
        sroi_outcome(id="b", deadweight=30),
        sroi_outcome(id="c", drop_off=0.05),
    ]
    assert [w.path for w in _warnings(evaluate(sroi_model(outcomes)))] == [
        "outcomes[0]",
        "outcomes[2]",
    ]


values = st.sampled_from([0, 0.05, 0.25, 0.5, 0.999, 1, 1.5, 25, 100])


@settings(deadline=None)
@given(
    given_fields=st.lists(st.sampled_from(REDUCTIONS), unique=True),
    chosen=st.fixed_dictionaries({f: values for f in REDUCTIONS}),
)
def test_the_warning_appears_exactly_when_the_rule_says(
    given_fields: list[str], chosen: dict[str, float]
) -> None:
    outcome = {k: v for k, v in sroi_outcome().items() if k not in REDUCTIONS}
    outcome |= {f: chosen[f] for f in given_fields}
    written = [chosen[f] for f in given_fields]
    expected = bool(written) and all(v < 1 for v in written) and any(v > 0 for v in written)
    assert bool(_warnings(evaluate(sroi_model([outcome])))) == expected
