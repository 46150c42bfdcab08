"""Builders for outcome-contract test data (see tests/builders.py for the shared ones).

`World`: commissioner M (a municipality, also the first payer), a second payer R (a region),
investor I, provider S, evaluator E, another provider O with no part in the contract, and an
unrelated organisation X; an editor of each, and a viewer of M."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.test import Client

from builders import make_org, make_user
from grogrund.accounts.models import Role, Visibility
from grogrund.outcome_contracts import selectors
from grogrund.outcome_contracts.models import (
    ContractParty,
    OutcomeContract,
    OutcomeMetric,
    PartyRole,
)


@dataclass
class World:
    m: Any
    r: Any
    i: Any
    s: Any
    e: Any
    o: Any
    x: Any
    m_editor: Any
    m_viewer: Any
    r_editor: Any
    i_editor: Any
    s_editor: Any
    e_editor: Any
    o_editor: Any
    x_editor: Any

    def client(self, user: Any | None) -> Client:
        c = Client()
        if user is not None:
            c.force_login(user)
        return c


def make_world() -> World:
    m = make_org("Kommunen M", kind="municipality")
    r = make_org("Regionen R", kind="region")
    i = make_org("Investeraren I", kind="investor")
    s = make_org("Utföraren S", kind="supplier")
    e = make_org("Utvärderaren E", kind="company")
    o = make_org("Annan utförare O", kind="supplier")
    x = make_org("Orelaterad X")
    return World(
        m=m,
        r=r,
        i=i,
        s=s,
        e=e,
        o=o,
        x=x,
        m_editor=make_user(m, Role.EDITOR),
        m_viewer=make_user(m, Role.VIEWER),
        r_editor=make_user(r, Role.EDITOR),
        i_editor=make_user(i, Role.EDITOR),
        s_editor=make_user(s, Role.EDITOR),
        e_editor=make_user(e, Role.EDITOR),
        o_editor=make_user(o, Role.EDITOR),
        x_editor=make_user(x, Role.ADMIN),
    )


def make_contract(
    w: World,
    *,
    name: str = "Utfallskontrakt Testby",
    cohort_size: int = 100,
    start: date = date(2021, 1, 1),
    period_months: int = 12,
    periods: int = 3,
    cap_total_sek: float | None = None,
    cap_per_period_sek: float | None = None,
    shares: tuple[float, float] = (0.6, 0.4),
    payer_caps: tuple[float | None, float | None] = (None, None),
    payment_days: int = 30,
) -> OutcomeContract:
    """A contract of M with payers M and R, investor I, provider S and evaluator E, made
    directly (tests of the services make their own through them)."""
    contract = OutcomeContract.objects.create(
        owner=w.m,
        visibility=Visibility.PARTNERS,
        name=name,
        cohort_size=cohort_size,
        start_date=start,
        period_months=period_months,
        periods=periods,
        cap_total_sek=None if cap_total_sek is None else Decimal(str(cap_total_sek)),
        cap_per_period_sek=None if cap_per_period_sek is None else Decimal(str(cap_per_period_sek)),
        payment_days=payment_days,
    )
    for org, share, cap in ((w.m, shares[0], payer_caps[0]), (w.r, shares[1], payer_caps[1])):
        ContractParty.objects.create(
            contract=contract,
            organisation=org,
            role=PartyRole.PAYER,
            share=Decimal(str(share)),
            cap_sek=None if cap is None else Decimal(str(cap)),
        )
    for org, role in (
        (w.i, PartyRole.INVESTOR),
        (w.s, PartyRole.PROVIDER),
        (w.e, PartyRole.EVALUATOR),
    ):
        ContractParty.objects.create(contract=contract, organisation=org, role=role)
    contract.shared_with.set([w.r, w.i, w.s, w.e])
    return contract


def add_metric(
    contract: OutcomeContract,
    name: str,
    *,
    baseline: float,
    price: float,
    cap: float | None = None,
    direction: str = "higher_is_better",
    expected: float | None = None,
) -> OutcomeMetric:
    return OutcomeMetric.objects.create(
        contract=contract,
        position=contract.metrics.count(),
        name=name,
        direction=direction,
        baseline=baseline,
        price_sek_per_unit=Decimal(str(price)),
        cap_sek=None if cap is None else Decimal(str(cap)),
        expected_per_period=expected,
    )


def fresh(contract: OutcomeContract) -> OutcomeContract:
    """The contract read again with everything its ledger needs."""
    return selectors.contract_for_ledger(contract.pk)
