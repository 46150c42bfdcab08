"""Benchmark of the outcome contracts' ledger (issue 14): 20 contracts × 40 periods, each with
two outcomes reported and verified in every period, two payers paying every period and ten
investments. Goal: the ledger page (the list of contracts with each one's ledger: due, paid,
cap left, the investor's IRR) renders in ≤ 20 SQL queries; one contract's page with its 40
periods, a period's page and the API's list are measured beside it, with the same goal.
Timings are medians of bench_foundation.REQUESTS requests (nothing of these pages is cached).

`python benchmarks/bench_outcome_contracts.py` prints the rows as JSON; each measurement runs
in a fresh child process against a fresh database (SQLite, then PostgreSQL when installed),
as in bench_foundation.py, whose helpers are reused.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Any

import bench_foundation as F

HERE = Path(__file__).resolve().parent
CONTRACTS = 20
PERIODS = 40
METRICS = 2
GOAL_QUERIES = 20


_row, _log = F._row, F._log


def _world() -> dict[str, Any]:
    """The contracts, made in bulk; returns the user (the commissioner's editor) and URLs."""
    from datetime import UTC, date, datetime, timedelta
    from decimal import Decimal

    from django.db import transaction

    from grogrund.accounts.models import Membership, Organisation, Role, User, Visibility
    from grogrund.outcome_contracts.models import (
        ContractParty,
        Investment,
        OutcomeContract,
        OutcomeMetric,
        OutcomeReport,
        Payment,
        ReportStatus,
    )
    from grogrund.outcome_contracts.selectors import contract_for_ledger, contract_ledger

    with transaction.atomic():
        orgs = {
            key: Organisation.objects.create(name=f"Bench {key}", slug=f"bench-{key}", kind=kind)
            for key, kind in (
                ("kommun", "municipality"),
                ("region", "region"),
                ("investor", "investor"),
                ("provider", "supplier"),
                ("evaluator", "company"),
            )
        }
        user = User.objects.create_user(username="bench", password="x", language="sv")
        Membership.objects.create(user=user, organisation=orgs["kommun"], role=Role.EDITOR)
        start = date(2016, 1, 1)  # 40 quarters: every period has ended
        moment = datetime(2016, 5, 1, tzinfo=UTC)
        for n in range(CONTRACTS):
            contract = OutcomeContract.objects.create(
                owner=orgs["kommun"],
                visibility=Visibility.PARTNERS,
                name=f"Kontrakt {n:02d}",
                cohort_size=500,
                start_date=start,
                period_months=3,
                periods=PERIODS,
                cap_total_sek=Decimal("50000000"),
            )
            contract.shared_with.set([o for k, o in orgs.items() if k != "kommun"])
            ContractParty.objects.bulk_create(
                [
                    ContractParty(
                        contract=contract,
                        organisation=orgs["kommun"],
                        role="payer",
                        share=Decimal("0.6"),
                    ),
                    ContractParty(
                        contract=contract,
                        organisation=orgs["region"],
                        role="payer",
                        share=Decimal("0.4"),
                        cap_sek=Decimal("15000000"),
                    ),
                    *(
                        ContractParty(contract=contract, organisation=orgs[k], role=k)
                        for k in ("investor", "provider", "evaluator")
                    ),
                ]
            )
            metrics = [
                OutcomeMetric.objects.create(
                    contract=contract,
                    position=i,
                    name=f"Utfall {i}",
                    baseline=100,
                    price_sek_per_unit=Decimal("10000"),
                    cap_sek=Decimal("20000000"),
                    expected_per_period=120,
                )
                for i in range(METRICS)
            ]
            reports = [
                OutcomeReport(
                    contract=contract,
                    metric=m,
                    period=p,
                    value=110 + (p % 7),
                    reported_at=moment + timedelta(days=91 * p),
                    reported_by=user,
                    status=ReportStatus.VERIFIED,
                    verified_value=110 + (p % 7),
                    verified_at=moment + timedelta(days=91 * p + 10),
                    verified_by=user,
                    comment="ok",
                )
                for p in range(1, PERIODS + 1)
                for m in metrics
            ]
            OutcomeReport.objects.bulk_create(reports)
            Investment.objects.bulk_create(
                [
                    Investment(
                        contract=contract,
                        date=start + timedelta(days=365 * k),
                        amount_sek=Decimal("500000"),
                    )
                    for k in range(10)
                ]
            )
            ledger = contract_ledger(contract_for_ledger(contract.pk))
            Payment.objects.bulk_create(
                [
                    Payment(
                        contract=contract,
                        payer_id=payer,
                        period=row.number,
                        amount_sek=Decimal(str(amount)),
                        paid_on=row.end + timedelta(days=40),
                    )
                    for row in ledger.periods
                    for payer, amount in row.due_by_payer.items()
                    if amount > 0
                ]
            )
    first = OutcomeContract.objects.order_by("pk").first()
    assert first is not None
    return {
        "user": user,
        "ledger": "/utfallskontrakt/",
        "contract": f"/utfallskontrakt/{first.pk}/",
        "period": f"/utfallskontrakt/{first.pk}/period/{PERIODS}/",
        "api": "/api/v1/outcome-contracts/",
    }


def measure_ledger() -> list[dict[str, Any]]:
    from django.db import connection
    from django.test import Client

    backend = connection.vendor
    start = time.perf_counter()
    world = _world()
    _log(f"{CONTRACTS} contracts × {PERIODS} periods made in {time.perf_counter() - start:.1f} s")
    client = Client()
    client.force_login(world["user"])
    rows = []
    pages = {
        f"ledger page ({CONTRACTS} contracts × {PERIODS} periods)": "ledger",
        f"contract page ({PERIODS} periods)": "contract",
        "period page": "period",
        f"API list ({CONTRACTS} contracts × {PERIODS} periods)": "api",
    }
    for label, key in pages.items():
        times, queries = F._timed_requests(client, world[key])
        median = statistics.median(times)
        _log(f"{label}: median {median:.1f} ms, {queries} queries")
        name = f"{backend}: {label}"
        rows.append(
            _row(
                name,
                "SQL queries",
                queries,
                "queries",
                f"≤ {GOAL_QUERIES}",
                queries <= GOAL_QUERIES,
            )
        )
        rows.append(_row(name, "median time", median, "ms", "", None))
    return rows


CHILDREN = {"ledger": measure_ledger}


def run() -> list[dict[str, Any]]:
    return F.run_children(__file__, CHILDREN, "bench_outcome_contracts_")


if __name__ == "__main__":
    F.main_for(__file__, CHILDREN, "bench_outcome_contracts_", sys.argv[1:])
