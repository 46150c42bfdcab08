"""Every change to a contract is kept — who, when, before and after — in a history nobody can
change or delete, and it reads as sentences with names and amounts."""

from __future__ import annotations

from datetime import date

import pytest

from grogrund.accounts.models import HistoryIsPermanent
from grogrund.outcome_contracts import selectors, services
from grogrund.outcome_contracts.history import history_rows
from grogrund.outcome_contracts.models import ContractChange, PartyRole
from outcome_contracts.contract_builders import fresh


def test_a_contracts_life_is_kept_step_by_step(world):
    contract = services.create_contract(
        user=world.m_editor,
        owner=world.m,
        terms=services.Terms(
            name="Kontrakt",
            description="",
            initiative=None,
            cohort_size=50,
            cohort_description="50 unga vuxna",
            start_date=date(2021, 1, 1),
            period_months=12,
            periods=2,
            cap_total_sek=1_000_000,
            cap_per_period_sek=None,
            payment_days=30,
        ),
    )
    services.set_parties(
        user=world.m_editor,
        contract=contract,
        parties=[
            services.PartyInput(world.m, PartyRole.PAYER, share_percent=75),
            services.PartyInput(world.r, PartyRole.PAYER, share_percent=25, cap_sek=100_000),
            services.PartyInput(world.i, PartyRole.INVESTOR),
            services.PartyInput(world.s, PartyRole.PROVIDER),
            services.PartyInput(world.e, PartyRole.EVALUATOR),
        ],
    )
    contract = fresh(contract)
    assert set(contract.shared_with.values_list("pk", flat=True)) == {
        world.r.pk,
        world.i.pk,
        world.s.pk,
        world.e.pk,
    }
    metric = services.save_metric(
        user=world.m_editor,
        contract=contract,
        given=services.MetricInput(name="I arbete", baseline=10, price_sek_per_unit=40_000),
    )
    services.set_rate_price(
        user=world.m_editor, metric=metric, from_period=2, price_sek_per_unit=45_000
    )
    report = services.report_outcome(
        user=world.s_editor, contract=fresh(contract), metric=metric, period=1, value=12
    )
    services.return_report(user=world.e_editor, report=report, comment="Fel källa")
    report = services.report_outcome(
        user=world.s_editor, contract=fresh(contract), metric=metric, period=1, value=13
    )
    services.verify_outcome(user=world.e_editor, report=report, comment="ok")
    services.record_payment(
        user=world.r_editor,
        contract=fresh(contract),
        payer=world.r,
        period=1,
        amount_sek=30_000,  # 25 % of (13 − 10) × 40 000 = 120 000
        paid_on=date(2022, 2, 1),
    )
    actions = list(ContractChange.objects.order_by("id").values_list("object_type", "action"))
    assert actions == [
        ("outcomecontract", "create"),
        *[("contractparty", "create")] * 5,
        ("outcomemetric", "create"),
        ("rateprice", "create"),
        ("outcomereport", "report"),
        ("outcomereport", "return"),
        ("outcomereport", "report"),
        ("outcomereport", "verify"),
        ("payment", "pay"),
    ]
    rows = {(r.entry.object_type, r.entry.action): r for r in history_rows(contract.changes.all())}
    verified = rows[("outcomereport", "verify")]
    assert verified.who == world.e_editor.username
    assert verified.name == "I arbete, period 1"
    lines = {line.label: line for line in verified.lines}
    assert lines["Status"].after == "Verified"
    assert lines["Verified outcome (people)"].after == "13"
    paid = rows[("payment", "pay")]
    assert {line.label: line.after for line in paid.lines}["Amount"] == "30,000\xa0kr"


def test_the_history_cannot_be_rewritten_or_deleted(world):
    from outcome_contracts.contract_builders import make_contract

    contract = make_contract(world)
    services.record_investment(
        user=world.i_editor, contract=fresh(contract), day=date(2021, 1, 1), amount_sek=1000
    )
    entry = ContractChange.objects.get()
    entry.after = {"amount_sek": "1"}
    with pytest.raises(HistoryIsPermanent):
        entry.save()
    with pytest.raises(HistoryIsPermanent):
        entry.delete()
    with pytest.raises(HistoryIsPermanent):
        ContractChange.objects.all().delete()


def test_the_history_is_on_the_contract_page(world):
    from outcome_contracts.contract_builders import make_contract

    contract = make_contract(world)
    services.record_investment(
        user=world.i_editor, contract=fresh(contract), day=date(2021, 1, 1), amount_sek=250_000
    )
    body = world.client(world.m_editor).get(f"/utfallskontrakt/{contract.pk}/").content.decode()
    assert 'id="history"' in body and "250\xa0000" in body
    # The provider's view of the history leaves the investment out.
    st = selectors.standing(world.s_editor, fresh(contract))
    assert selectors.history(fresh(contract), st) == []
