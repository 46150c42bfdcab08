"""A payer's payment posted through the API (`POST /api/v1/outcome-payments/`) goes through
services.record_payment as on the page: more than is left of what the payer owes for the
period is a 400 with the service's message, and nothing is saved (no payment, no history)."""

from __future__ import annotations

from datetime import date

import pytest

from builders import api_client
from grogrund.outcome_contracts import services
from grogrund.outcome_contracts.models import ContractChange, Payment
from outcome_contracts.contract_builders import add_metric, fresh, make_contract

LISTING = "/api/v1/outcome-payments/"


@pytest.fixture
def contract(world):
    """Period 1 verified at 28 against a baseline of 20 at 50 000 kr a person:
    (28 − 20) × 50 000 = 400 000 kr due, of which R owes its 40 % = 160 000 kr. R has paid
    100 000 kr of it, so 160 000 − 100 000 = 60 000 kr is left."""
    c = make_contract(world, cap_total_sek=1_000_000)
    add_metric(c, "In work", baseline=20, price=50_000)
    c = fresh(c)
    report = services.report_outcome(
        user=world.s_editor, contract=c, metric=c.metrics.get(), period=1, value=30
    )
    services.verify_outcome(user=world.e_editor, report=report, verified_value=28, comment="ok")
    services.record_payment(
        user=world.r_editor,
        contract=fresh(c),
        payer=world.r,
        period=1,
        amount_sek=100_000,
        paid_on=date(2022, 3, 1),
    )
    return fresh(c)


def _pay(world, contract, amount_sek):
    return api_client(world.r_editor).post(
        LISTING,
        {
            "contract": contract.pk,
            "payer": world.r.slug,
            "period": 1,
            "amount_sek": amount_sek,
            "paid_on": "2022-04-01",
            "reference": "Faktura 2022-17",
        },
        format="json",
    )


@pytest.mark.parametrize(
    "amount_sek,shown", [(60_000.01, "60,000.01 kr"), (160_000, "160,000.00 kr")]
)
def test_more_than_is_left_is_a_400_and_nothing_is_saved(world, contract, amount_sek, shown):
    # Matched in English, as this app's messages are (conftest.py): the payer reads English.
    world.r_editor.language = "en"
    world.r_editor.save()
    payments = list(Payment.objects.values_list("pk", "amount_sek"))
    changes = ContractChange.objects.count()
    response = _pay(world, contract, amount_sek)
    assert response.status_code == 400, response.content
    # The service's message, in the payer's language.
    assert response.json()["detail"].replace("\xa0", " ") == (
        f"{shown} is more than Regionen R owes for period 1: 60,000.00 kr is left of the "
        "160,000.00 kr due under the contract's caps. Nothing was saved."
    )
    assert list(Payment.objects.values_list("pk", "amount_sek")) == payments
    assert ContractChange.objects.count() == changes


def test_what_is_left_is_taken(world, contract):
    response = _pay(world, contract, 60_000)
    assert response.status_code == 201, response.content
    assert sorted(Payment.objects.values_list("amount_sek", flat=True)) == [60_000, 100_000]
