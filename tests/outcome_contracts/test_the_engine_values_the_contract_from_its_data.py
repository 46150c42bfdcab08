"""The engine's `outcome_contract` kind values a contract from the contract's own data: the
verified outcomes, the ones awaiting verification and the expected ones, the rate card, the
cap in total and the investor's capital. "Keep" makes a valuation of the initiative in the
valuations app, through its services."""

from __future__ import annotations

from datetime import date

import pytest

from builders import make_area
from grogrund.engine.evaluate import evaluate
from grogrund.initiatives.models import Initiative
from grogrund.outcome_contracts import selectors, services
from grogrund.outcome_contracts.valuation import engine_model
from grogrund.valuations.models import Valuation
from outcome_contracts.contract_builders import add_metric, fresh, make_contract
from programmes.programme_builders import make_programme


@pytest.fixture
def contract(world):
    c = make_contract(world, periods=3, cap_total_sek=1_200_000)
    m = add_metric(c, "In work", baseline=20, price=50_000, expected=35)
    services.set_rate_price(user=world.m_editor, metric=m, from_period=3, price_sek_per_unit=60_000)
    report = services.report_outcome(
        user=world.s_editor, contract=fresh(c), metric=m, period=1, value=30
    )
    services.verify_outcome(user=world.e_editor, report=report, comment="ok")
    services.report_outcome(user=world.s_editor, contract=fresh(c), metric=m, period=2, value=32)
    services.record_investment(
        user=world.i_editor, contract=fresh(c), day=date(2021, 1, 1), amount_sek=800_000
    )
    return fresh(c)


def test_the_model_is_built_from_the_contract(contract):
    model = engine_model(selectors.contract_ledger(contract))
    first, later = model["metrics"]
    # Periods 1 (verified 30) and 2 (reported 32) at 50 000 kr: gains 10 and 12.
    assert first["price_sek_per_unit"] == 50_000
    assert first["outcomes"] == {2021: 10, 2022: 12}
    # Period 3 at the rate card's 60 000 kr, the expected 35: gain 15.
    assert later["price_sek_per_unit"] == 60_000
    assert later["outcomes"] == {2023: 15}
    assert model["cap_sek_total"] == 1_200_000
    assert model["investor_capital"] == {2021: 800_000}


def test_the_engine_pays_what_the_ledger_projects(contract):
    """Before caps 10 × 50 000 + 12 × 50 000 + 15 × 60 000 = 500 000 + 600 000 + 900 000
    = 2 000 000; held at 1 200 000 in total, by both."""
    result = evaluate(engine_model(selectors.contract_ledger(contract)))
    assert result.details["total_payments_uncapped"] == pytest.approx(2_000_000)
    assert result.details["total_payments"] == pytest.approx(1_200_000)
    ledger = selectors.contract_ledger(contract)
    assert ledger.projected_total_sek == 1_200_000
    assert [y["payment"] for y in result.details["by_period"][:3]] == pytest.approx(
        [500_000, 600_000, 100_000]
    )


def test_the_valuation_page_shows_both_and_keeps_a_valuation(world, contract):
    programme = make_programme(world.m, [make_area("9901A0001")])
    initiative = Initiative.objects.create(programme=programme, name="Jobbspår", owner=world.m)
    contract.initiative = initiative
    contract.save()
    url = f"/utfallskontrakt/{contract.pk}/vardera/"
    page = world.client(world.m_editor).get(url)
    assert page.status_code == 200
    assert 'id="keep-valuation"' in page.content.decode()
    # The investor sees the valuation but keeps nothing in the commissioner's programme.
    assert 'id="keep-valuation"' not in world.client(world.i_editor).get(url).content.decode()
    assert world.client(world.i_editor).post(url).status_code == 403
    response = world.client(world.m_editor).post(url)
    assert response.status_code == 302
    kept = Valuation.objects.get()
    assert kept.initiative == initiative and kept.kind == "outcome_contract"
    assert kept.model["cap_sek_total"] == 1_200_000
