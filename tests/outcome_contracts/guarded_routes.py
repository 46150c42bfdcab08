"""The outcome contracts' routes in the access registry (tests/route_registry.py): every page
of A's private outcome contract is refused to outsiders (anonymous visitors and members of B,
who has no role in it).

A is the contract's commissioner and only payer; the investor, the provider and the
evaluator are three other organisations. A's members therefore reach every page, except the
provider's report form and the evaluator's verification, which say who may use them (403):
the commissioner neither reports nor verifies."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from initiatives.guarded_routes import initiative_of
from route_registry import Case, PrivateWorld, programme_of

SECRETS = ("Hemligt utfallskontrakt Alfa", "Hemlig kohort Alfa", "Hemligt utfallsmått Alfa")


def contract_of(w: PrivateWorld) -> Any:
    """A's private contract for its private initiative: A pays everything; an investor, a
    provider and an evaluator of their own; one metric, one reported outcome with a file."""
    from grogrund.accounts.models import Organisation, Visibility
    from grogrund.outcome_contracts.models import (
        ContractParty,
        Evidence,
        OutcomeContract,
        OutcomeMetric,
        OutcomeReport,
    )

    a = programme_of(w).owner
    contract = OutcomeContract.objects.filter(name=SECRETS[0]).first()
    if contract is not None:
        return contract
    contract = OutcomeContract.objects.create(
        owner=a,
        visibility=Visibility.PARTNERS,
        name=SECRETS[0],
        initiative=initiative_of(w),
        cohort_size=50,
        cohort_description=SECRETS[1],
        start_date=date(2022, 1, 1),
        period_months=12,
        periods=3,
        cap_total_sek=Decimal("1000000"),
    )
    ContractParty.objects.create(
        contract=contract, organisation=a, role="payer", share=Decimal("1")
    )
    others = []
    for role in ("investor", "provider", "evaluator"):
        org = Organisation.objects.create(
            name=f"Part {role} Alfa", slug=f"part-{role}-alfa", kind="company"
        )
        ContractParty.objects.create(contract=contract, organisation=org, role=role)
        others.append(org)
    contract.shared_with.set(others)
    metric = OutcomeMetric.objects.create(
        contract=contract, name=SECRETS[2], baseline=10, price_sek_per_unit=Decimal("40000")
    )
    report = OutcomeReport.objects.create(
        contract=contract,
        metric=metric,
        period=1,
        value=14,
        reported_at=datetime(2023, 1, 20, 10, 0, tzinfo=UTC),
    )
    Evidence.objects.create(
        report=report,
        name="underlag.csv",
        content_type="text/csv",
        size=12,
        sha256="0" * 64,
        data=b"antal;14\r\n",
    )
    return contract


def _pk(w: PrivateWorld) -> int:
    return contract_of(w).pk


def _metric(w: PrivateWorld) -> int:
    return contract_of(w).metrics.get().pk


def _report(w: PrivateWorld) -> int:
    return contract_of(w).reports.get().pk


def _evidence(w: PrivateWorld) -> int:
    from grogrund.outcome_contracts.models import Evidence

    return Evidence.objects.get(report__contract=contract_of(w)).pk


def _payment(w: PrivateWorld) -> int:
    """A's payment for period 1 (made when a route first asks for it)."""
    from grogrund.outcome_contracts.models import Payment

    contract = contract_of(w)
    payment, _made = Payment.objects.get_or_create(
        contract=contract,
        payer=contract.owner,
        period=1,
        defaults={"amount_sek": Decimal("40000"), "paid_on": date(2023, 3, 1)},
    )
    return payment.pk


def _investment(w: PrivateWorld) -> int:
    from grogrund.outcome_contracts.models import Investment

    investment, _made = Investment.objects.get_or_create(
        contract=contract_of(w),
        date=date(2022, 1, 15),
        defaults={"amount_sek": Decimal("300000")},
    )
    return investment.pk


CONTRACT = {"pk": _pk}
PERIOD = {"pk": _pk, "period": lambda w: 1}

ROUTES: dict[str, Case] = {
    "outcome_contracts:list": Case(),
    "outcome_contracts:create": Case(),
    "outcome_contracts:programme": Case(private=True, kwargs={"pk": lambda w: programme_of(w).pk}),
    "outcome_contracts:detail": Case(private=True, kwargs=CONTRACT),
    "outcome_contracts:edit": Case(private=True, kwargs=CONTRACT),
    "outcome_contracts:parties": Case(private=True, kwargs=CONTRACT),
    "outcome_contracts:metric_create": Case(private=True, kwargs=CONTRACT),
    "outcome_contracts:metric_edit": Case(private=True, kwargs={"pk": _pk, "metric": _metric}),
    "outcome_contracts:rate_card": Case(private=True, kwargs=CONTRACT),
    "outcome_contracts:investments": Case(private=True, kwargs=CONTRACT),
    "outcome_contracts:period": Case(private=True, kwargs=PERIOD),
    # The commissioner does not report outcomes: the page says the provider does.
    "outcome_contracts:report": Case(private=True, kwargs=PERIOD, member_status=403),
    "outcome_contracts:pay": Case(private=True, kwargs=PERIOD),
    "outcome_contracts:statement_xlsx": Case(private=True, kwargs=PERIOD),
    "outcome_contracts:statement_pdf": Case(private=True, kwargs=PERIOD),
    # Nor does it verify them: the page says the evaluator does.
    "outcome_contracts:verify": Case(
        private=True, kwargs={"pk": _pk, "report": _report}, member_status=403
    ),
    "outcome_contracts:evidence": Case(private=True, kwargs={"pk": _pk, "evidence": _evidence}),
    "outcome_contracts:indigo": Case(private=True, kwargs=CONTRACT),
    "outcome_contracts:valuation": Case(private=True, kwargs=CONTRACT),
    "outcome_contracts:payment_correct": Case(
        private=True, kwargs={"pk": _pk, "payment": _payment}
    ),
    "outcome_contracts:payment_remove": Case(private=True, kwargs={"pk": _pk, "payment": _payment}),
    "outcome_contracts:investment_correct": Case(
        private=True, kwargs={"pk": _pk, "investment": _investment}
    ),
    "outcome_contracts:investment_remove": Case(
        private=True, kwargs={"pk": _pk, "investment": _investment}
    ),
    "api:outcome-payment-list": Case(),
    "api:outcome-payment-detail": Case(private=True, kwargs={"pk": _payment}),
    # Without a reason nothing is removed: the member (an editor of A) gets a 400.
    "api:outcome-payment-remove": Case(
        private=True, kwargs={"pk": _payment}, method="post", member_status=400
    ),
    "api:outcome-investment-list": Case(),
    "api:outcome-investment-detail": Case(private=True, kwargs={"pk": _investment}),
    "api:outcome-investment-remove": Case(
        private=True, kwargs={"pk": _investment}, method="post", member_status=400
    ),
    "api:outcome-contract-list": Case(),
    "api:outcome-contract-detail": Case(private=True, kwargs=CONTRACT),
    "api:outcome-report-list": Case(),
    "api:outcome-report-detail": Case(private=True, kwargs={"pk": _report}),
    "api:outcome-report-verify": Case(
        private=True, kwargs={"pk": _report}, method="post", member_status=403
    ),
    "api:outcome-report-return": Case(
        private=True,
        kwargs={"pk": _report},
        method="post",
        data={"comment": "Rätta siffran"},
        member_status=403,
    ),
}
