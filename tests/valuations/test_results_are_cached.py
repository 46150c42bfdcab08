"""Results are computed once per model and kept on the valuation; a change of the model
recomputes them."""

from __future__ import annotations

from unittest import mock

from grogrund.valuations import services
from grogrund.valuations.models import Valuation
from valuations.builders_valuations import make_valuation, simple_sroi


def test_a_second_read_does_not_run_the_engine_again(world):
    valuation = Valuation.objects.get(pk=make_valuation(world).pk)
    with mock.patch.object(services, "compute_result", wraps=services.compute_result) as spy:
        first = services.result_for(valuation)
        second = services.result_for(valuation)
    assert spy.call_count == 0
    assert first.npv == second.npv


def test_a_changed_model_is_recomputed(world):
    valuation = make_valuation(world)
    npv_before = services.result_for(valuation).npv
    model = simple_sroi()
    model["outcomes"][0]["quantity"] = 20
    services.update_valuation(user=world.editor, valuation=valuation, model=model)
    valuation.refresh_from_db()
    after = services.result_for(valuation)
    # twice the pupils: twice the benefits, the same cost
    assert round(after.pv_benefits, 2) == round(2 * 171564.62585034012, 2)
    assert after.npv > npv_before


def test_a_model_changed_behind_the_services_back_is_recomputed(world):
    valuation = make_valuation(world)
    model = simple_sroi(discounting={"rate": 0.0})
    Valuation.objects.filter(pk=valuation.pk).update(model=model)
    valuation.refresh_from_db()
    result = services.result_for(valuation)
    assert result.pv_benefits == 180000.0  # 3 × 60 000 undiscounted
    valuation.refresh_from_db()
    assert valuation.result_key == services.fingerprint(model)


def test_result_for_returns_the_engine_result_type(world):
    from grogrund.engine.result import ValuationResult

    result = services.result_for(make_valuation(world))
    assert isinstance(result, ValuationResult)
    assert result.stakeholder("municipality")["pv_benefits"] > 0
