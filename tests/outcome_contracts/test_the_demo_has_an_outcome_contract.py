"""The demo has a fictional outcome contract for the jobs initiative of "Handslag Norrbacka":
two verified periods, paid (one payer still owes part of the second), a third awaiting the
evaluator, an investor, provider and evaluator each with a user; loading the demo again
changes nothing."""

from __future__ import annotations

import pytest

from grogrund.accounts.models import User
from grogrund.areas.demo.build import load_demo
from grogrund.outcome_contracts import selectors
from grogrund.outcome_contracts.demo import DEMO_CONTRACT
from grogrund.outcome_contracts.models import ContractChange, OutcomeContract


@pytest.mark.django_db
def test_the_demo_contract():
    load_demo()
    contract = selectors.contract_for_ledger(OutcomeContract.objects.get(name=DEMO_CONTRACT).pk)
    ledger = selectors.contract_ledger(contract)
    states = [p.state for p in ledger.periods[:3]]
    assert states == ["verified", "verified", "awaiting_verification"]
    assert ledger.verified_periods == 2
    assert ledger.periods[0].payment_state == "paid"
    assert ledger.periods[1].payment_state == "part_paid"
    assert ledger.total_due_sek > 0 and ledger.total_left_sek is not None
    assert ledger.investor is not None and ledger.investor.paid_in_sek == 4_000_000
    in_work = ledger.metrics[0]
    assert in_work.baseline_kind == "statistics" and in_work.baseline_source
    for username, role in (("ivar", "investor"), ("petra", "provider"), ("eva", "evaluator")):
        st = selectors.standing(User.objects.get(username=username), contract)
        assert getattr(st, role)
    assert selectors.standing(User.objects.get(username="karin"), contract).commissioner
    assert not selectors.contracts_for(User.objects.get(username="per")).exists()
    changes = ContractChange.objects.count()
    load_demo()
    assert OutcomeContract.objects.count() == 1
    assert ContractChange.objects.count() == changes


@pytest.mark.django_db
def test_the_programme_page_links_the_contract():
    from django.test import Client

    load_demo()
    contract = OutcomeContract.objects.get(name=DEMO_CONTRACT)
    client = Client()
    client.force_login(User.objects.get(username="karin"))
    programme = contract.initiative.programme
    body = client.get(f"/program/{programme.pk}/").content.decode()
    assert f"/utfallskontrakt/{contract.pk}/" in body
    step = client.get(f"/program/{programme.pk}/steg/finansiering/").content.decode()
    assert f"/utfallskontrakt/program/{programme.pk}/" in step
