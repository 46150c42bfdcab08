"""A recorded payment or investment can be corrected or removed, never silently: by the payer
(its own payments) or the commissioner, by the investor or the commissioner (investments),
always with a reason that the contract's history keeps beside the old and new figures; the
ledger is computed again. The same in the browser and the API.

The worked example: period 1 verifies 30 people against a baseline of 20 at 50 000 kr, so
(30 − 20) × 50 000 = 500 000 kr is due: M (60 %) 300 000 kr, R (40 %) 200 000 kr. R has
recorded 150 000 kr, so 50 000 kr is left for R. The investor paid in 300 000 kr.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from builders import api_client
from grogrund.outcome_contracts import selectors, services
from grogrund.outcome_contracts.history import history_rows
from grogrund.outcome_contracts.models import ContractChange, Investment, Payment
from outcome_contracts.contract_builders import add_metric, fresh, make_contract


@pytest.fixture
def contract(world):
    c = make_contract(world, cap_total_sek=1_000_000)
    add_metric(c, "In work", baseline=20, price=50_000)
    c = fresh(c)
    report = services.report_outcome(
        user=world.s_editor, contract=c, metric=c.metrics.get(), period=1, value=30
    )
    services.verify_outcome(user=world.e_editor, report=report, comment="Stickprov")
    services.record_investment(
        user=world.i_editor, contract=fresh(c), day=date(2021, 1, 1), amount_sek=300_000
    )
    return fresh(c)


@pytest.fixture
def r_payment(world, contract):
    return services.record_payment(
        user=world.r_editor,
        contract=contract,
        payer=world.r,
        period=1,
        amount_sek=150_000,
        paid_on=date(2022, 3, 1),
        reference="F-1",
    )


def _left_for_r(world, contract):
    return selectors.contract_ledger(fresh(contract)).due_left_for(world.r.pk, 1)


def test_the_payer_corrects_its_payment_and_the_history_keeps_why(world, contract, r_payment):
    assert _left_for_r(world, contract) == pytest.approx(50_000)  # 200 000 − 150 000
    services.correct_payment(
        user=world.r_editor,
        payment=r_payment,
        amount_sek=200_000,
        paid_on=date(2022, 3, 2),
        reference="F-1 rättad",
        reason="Fakturan gällde hela beloppet",
    )
    assert _left_for_r(world, contract) == pytest.approx(0)  # 200 000 − 200 000
    change = ContractChange.objects.filter(object_type="payment", action="update").get()
    assert change.reason == "Fakturan gällde hela beloppet"
    assert change.before["amount_sek"] == "150000.00" and change.after["amount_sek"] == "200000.00"
    assert change.organisation == world.r
    (row,) = history_rows([change])
    assert [line.label for line in row.lines] == ["Amount", "Paid on", "Reference", "Reason"]
    assert row.lines[-1].after == "Fakturan gällde hela beloppet"


def test_a_correction_beyond_what_is_due_is_refused(world, contract, r_payment):
    # R owes 200 000 in all: with this payment counted as unpaid, at most 200 000.
    with pytest.raises(services.ContractError):
        services.correct_payment(
            user=world.r_editor,
            payment=r_payment,
            amount_sek=200_000.01,
            paid_on=r_payment.paid_on,
            reference="",
            reason="För mycket",
        )
    r_payment.refresh_from_db()
    assert r_payment.amount_sek == 150_000
    assert not ContractChange.objects.filter(object_type="payment", action="update").exists()


@pytest.mark.parametrize("reason", ["", "   ", "Gäller 880320-0016"])
def test_a_correction_needs_a_reason_without_personal_data(world, contract, r_payment, reason):
    with pytest.raises(services.ContractError):
        services.correct_payment(
            user=world.r_editor,
            payment=r_payment,
            amount_sek=100_000,
            paid_on=r_payment.paid_on,
            reference="",
            reason=reason,
        )
    with pytest.raises(services.ContractError):
        services.remove_payment(user=world.r_editor, payment=r_payment, reason=reason)
    assert Payment.objects.get().amount_sek == 150_000


def test_who_corrects_a_payment(world, contract, r_payment):
    # The commissioner may; the other payer, the investor, the provider and a viewer may not.
    services.correct_payment(
        user=world.m_editor,
        payment=r_payment,
        amount_sek=140_000,
        paid_on=r_payment.paid_on,
        reference="F-1",
        reason="Avdrag enligt avtal",
    )
    for user in (world.i_editor, world.s_editor, world.e_editor, world.m_viewer):
        with pytest.raises(services.NotAllowed):
            services.remove_payment(user=user, payment=r_payment, reason="Fel")
    m_payment = services.record_payment(
        user=world.m_editor,
        contract=contract,
        payer=world.m,
        period=1,
        amount_sek=100_000,
        paid_on=date(2022, 3, 1),
    )
    with pytest.raises(services.NotAllowed):
        services.remove_payment(user=world.r_editor, payment=m_payment, reason="Fel")
    assert Payment.objects.count() == 2


def test_a_removed_payment_is_due_again_and_stays_in_the_history(world, contract, r_payment):
    services.remove_payment(user=world.r_editor, payment=r_payment, reason="Dubbelregistrerad")
    assert not Payment.objects.exists()
    assert _left_for_r(world, contract) == pytest.approx(200_000)
    change = ContractChange.objects.filter(object_type="payment", action="delete").get()
    assert change.before["amount_sek"] == "150000.00" and change.after is None
    assert change.reason == "Dubbelregistrerad"


def test_the_investor_corrects_and_removes_capital(world, contract):
    investment = Investment.objects.get()
    for user in (world.r_editor, world.s_editor, world.e_editor):
        with pytest.raises(services.NotAllowed):
            services.remove_investment(user=user, investment=investment, reason="Fel")
    services.correct_investment(
        user=world.i_editor,
        investment=investment,
        day=date(2021, 2, 1),
        amount_sek=250_000,
        note="Första utbetalningen",
        reason="Beloppet var 250 000 enligt bankutdraget",
    )
    assert selectors.contract_ledger(fresh(contract)).investor.paid_in_sek == pytest.approx(250_000)
    services.remove_investment(user=world.m_editor, investment=investment, reason="Aldrig betald")
    assert not Investment.objects.exists()
    kept = ContractChange.objects.filter(object_type="investment").order_by("id")
    assert [(c.action, c.reason) for c in kept] == [
        ("create", ""),
        ("update", "Beloppet var 250 000 enligt bankutdraget"),
        ("delete", "Aldrig betald"),
    ]


def test_the_browser_form_corrects_and_removes(world, contract, r_payment):
    url = reverse(
        "outcome_contracts:payment_correct", kwargs={"pk": contract.pk, "payment": r_payment.pk}
    )
    period = reverse("outcome_contracts:period", kwargs={"pk": contract.pk, "period": 1})
    page = world.client(world.r_editor).get(period).content.decode()
    assert url in page
    assert url not in world.client(world.i_editor).get(period).content.decode()
    assert world.client(world.m_viewer).get(url).status_code == 403
    for outsider in (world.x_editor, world.s_editor, world.o_editor):
        assert world.client(outsider).get(url).status_code == 404
    r = world.client(world.r_editor)
    response = r.post(
        url,
        {"amount_sek": "160 000", "paid_on": "2022-03-01", "reference": "F-1", "reason": ""},
    )
    assert response.status_code == 200 and Payment.objects.get().amount_sek == 150_000
    response = r.post(
        url,
        {
            "amount_sek": "160 000",
            "paid_on": "2022-03-01",
            "reference": "F-1",
            "reason": "Ränta",
        },
    )
    assert response.status_code == 302 and Payment.objects.get().amount_sek == 160_000
    remove = reverse(
        "outcome_contracts:payment_remove", kwargs={"pk": contract.pk, "payment": r_payment.pk}
    )
    assert r.post(remove, {"remove-reason": "Fel period"}).status_code == 302
    assert not Payment.objects.exists()


def test_the_browser_form_corrects_an_investment(world, contract):
    investment = Investment.objects.get()
    url = reverse(
        "outcome_contracts:investment_correct",
        kwargs={"pk": contract.pk, "investment": investment.pk},
    )
    listing = reverse("outcome_contracts:investments", kwargs={"pk": contract.pk})
    assert url in world.client(world.i_editor).get(listing).content.decode()
    assert world.client(world.r_editor).get(url).status_code == 404
    response = world.client(world.i_editor).post(
        url, {"date": "2021-01-01", "amount_sek": "310 000", "note": "", "reason": "Avgift"}
    )
    assert response.status_code == 302
    assert Investment.objects.get().amount_sek == 310_000


def test_the_api_reads_and_writes_with_the_same_permissions(world, contract, r_payment):
    m_payment = services.record_payment(
        user=world.m_editor,
        contract=contract,
        payer=world.m,
        period=1,
        amount_sek=100_000,
        paid_on=date(2022, 3, 1),
    )
    listing = "/api/v1/outcome-payments/"

    def ids(user):
        return sorted(p["id"] for p in api_client(user).get(listing).json()["results"])

    assert ids(world.r_editor) == [r_payment.pk]  # a payer its own
    assert ids(world.m_editor) == sorted([r_payment.pk, m_payment.pk])
    assert ids(world.i_editor) == sorted([r_payment.pk, m_payment.pk])
    assert ids(world.s_editor) == [] and ids(world.x_editor) == []
    url = f"{listing}{r_payment.pk}/"
    assert api_client(world.r_editor).patch(url, {"amount_sek": 170_000}).status_code == 400
    response = api_client(world.r_editor).patch(
        url, {"amount_sek": 170_000, "reason": "Rättad faktura"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["amount_sek"] == 170_000 and "reason" not in response.json()
    m_url = f"{listing}{m_payment.pk}/"
    assert api_client(world.r_editor).patch(m_url, {"reason": "x"}).status_code == 404
    assert api_client(world.i_editor).patch(m_url, {"reason": "x"}).status_code == 403
    assert api_client(world.m_viewer).post(f"{m_url}remove/", {"reason": "x"}).status_code == 403
    assert api_client(world.m_editor).post(f"{m_url}remove/", {}).status_code == 400
    response = api_client(world.m_editor).post(f"{m_url}remove/", {"reason": "Dubbel"})
    assert response.status_code == 204
    assert list(Payment.objects.values_list("pk", flat=True)) == [r_payment.pk]
    # A payer records its own through the API too.
    created = api_client(world.m_editor).post(
        listing,
        {
            "contract": contract.pk,
            "payer": world.m.slug,
            "period": 1,
            "amount_sek": 50_000,
            "paid_on": "2022-04-01",
        },
        format="json",
    )
    assert created.status_code == 201, created.content


def test_the_api_corrects_investments_for_the_investor_and_the_commissioner(world, contract):
    investment = Investment.objects.get()
    listing = "/api/v1/outcome-investments/"
    assert api_client(world.r_editor).get(listing).json()["count"] == 0
    assert api_client(world.i_editor).get(listing).json()["count"] == 1
    url = f"{listing}{investment.pk}/"
    assert api_client(world.r_editor).patch(url, {"reason": "x"}).status_code == 404
    response = api_client(world.i_editor).patch(
        url, {"amount_sek": 320_000, "reason": "Bankutdrag"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert Investment.objects.get().amount_sek == 320_000
    assert api_client(world.m_editor).post(f"{url}remove/", {"reason": "Fel"}).status_code == 204
    assert not Investment.objects.exists()
