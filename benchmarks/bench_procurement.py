"""Benchmark of the social procurement register (step 2), on SQLite and PostgreSQL.
`python benchmarks/bench_procurement.py` prints the rows as JSON.

The data, made with bulk_create: a buyer in the network with 40 contracts (10 suppliers,
shared with the network), each with 3 clauses reported every quarter over a two-year term
(960 reports, three quarters of them verified), and a second buyer with 2 such contracts.
Measured: the register (the buyer's list with committed against delivered for every clause),
one contract's page (clauses, periods and the history of 30 changes), the network's
comparison (120 clauses) and the API's contract list. Goals: ≤ 20 SQL queries per page, the
same number for the buyer with 2 contracts as for the one with 40 (no query per contract,
clause or report); the median is reported beside the trivial view's.

Each measurement runs in a fresh child process against a fresh database, as in
bench_foundation.py (whose helpers are reused).
"""

from __future__ import annotations

import statistics
import sys
from datetime import date
from pathlib import Path
from typing import Any

import bench_foundation as F

HERE = Path(__file__).resolve().parent
CONTRACTS = 40
SMALL = 2
CLAUSES = 3
SUPPLIERS = 10
GOAL_QUERIES = 20


_row, _log = F._row, F._log


def _world() -> dict[str, Any]:
    from django.db import transaction

    from grogrund.accounts.history import record_history
    from grogrund.accounts.models import (
        Membership,
        Organisation,
        OrganisationKind,
        Role,
        User,
        Visibility,
    )
    from grogrund.procurement import calculations as calc
    from grogrund.procurement.models import Clause, Contract, DeliveryReport

    start, end = date(2025, 1, 1), date(2026, 12, 31)
    quarters = calc.periods(start, end, "quarter")
    with transaction.atomic():
        big = Organisation.objects.create(
            name="Stora bolaget (bench)",
            slug="bench-stora",
            kind="housing_company",
            in_network=True,
        )
        # Outside the network: it sees its own 2 contracts, not the 40 shared with the network.
        small = Organisation.objects.create(
            name="Lilla bolaget (bench)",
            slug="bench-lilla",
            kind="housing_company",
            in_network=False,
        )
        network = Organisation.objects.create(
            name="Nätverket (bench)",
            slug="bench-natverket",
            kind=OrganisationKind.NETWORK,
            in_network=True,
        )
        suppliers = Organisation.objects.bulk_create(
            Organisation(name=f"Leverantör {i} (bench)", slug=f"bench-lev-{i}", kind="supplier")
            for i in range(SUPPLIERS)
        )
        suppliers = list(Organisation.objects.filter(slug__startswith="bench-lev-"))
        users = {}
        for name, org in (("big", big), ("small", small), ("network", network)):
            user = User.objects.create_user(f"bench-{name}", password="bench-password-not-secret")
            Membership.objects.create(user=user, organisation=org, role=Role.EDITOR)
            users[name] = user
        contracts = Contract.objects.bulk_create(
            Contract(
                owner=owner,
                supplier=suppliers[i % SUPPLIERS],
                name=f"Kontrakt {owner.slug} {i}",
                value_sek=10_000_000 + i,
                start_date=start,
                end_date=end,
                category="renovation",
                visibility=Visibility.NETWORK,
                internal_note="Intern anteckning",
            )
            for owner, count in ((big, CONTRACTS), (small, SMALL))
            for i in range(count)
        )
        contracts = list(Contract.objects.filter(name__startswith="Kontrakt "))
        clauses = Clause.objects.bulk_create(
            Clause(
                contract=c,
                kind="employment",
                name=f"Sysselsättningskrav {k}",
                measure=("employment_months", "persons", "hours")[k],
                unit=("heltidsmånader", "personer", "timmar")[k],
                target=(24, 6, 4000)[k],
                reporting_period="quarter",
                penalty_kind="per_missing_unit",
                penalty_sek_per_unit=10_000,
                penalty_cap_sek=150_000,
            )
            for c in contracts
            for k in range(CLAUSES)
        )
        clauses = list(Clause.objects.filter(contract__in=contracts))
        DeliveryReport.objects.bulk_create(
            DeliveryReport(
                clause=clause,
                period_start=q.start,
                period_end=q.end,
                persons=3,
                new_persons=1 if n % 2 == 0 else 0,
                target_group_persons=1 if n % 2 == 0 else 0,
                area_persons=1 if n % 4 == 0 else 0,
                hours=1200,
                employment_months=6,
                status="verified" if n < 6 else "submitted",
            )
            for clause in clauses
            for n, q in enumerate(quarters)
        )
        measured = contracts[0]
        for n in range(30):
            record_history(
                user=users["big"],
                obj=measured,
                action="update",
                before={"value_sek": 10_000_000 + n},
                after={"value_sek": 10_000_001 + n},
                organisation=big,
            )
    return {"users": users, "contract": measured.pk}


def measure_register() -> list[dict[str, Any]]:
    from django.db import connection
    from django.test import Client

    backend = connection.vendor
    world = _world()
    clients = {}
    for name, user in world["users"].items():
        clients[name] = Client()
        clients[name].force_login(user)
    rows = [
        _row(
            f"{backend}: procurement register",
            "data",
            f"{CONTRACTS} + {SMALL} contracts × {CLAUSES} clauses × 8 quarterly reports",
            "",
        )
    ]
    trivial_times, _q = F._timed_requests(clients["big"], "/health/trivial/")
    trivial = statistics.median(trivial_times)
    rows.append(_row(f"{backend}: trivial view", f"median of {F.REQUESTS}", trivial, "ms"))
    cold = F.VISITS[F.COLD]
    pages = {
        "register (40 contracts)": ("big", "/upphandling/"),
        "register (2 contracts)": ("small", "/upphandling/"),
        "contract page (3 clauses, 30 changes)": ("big", f"/upphandling/{world['contract']}/"),
        "network comparison (126 clauses)": ("network", "/upphandling/jamforelse/"),
        "API contract list (40 contracts)": ("big", "/api/v1/procurement-contracts/"),
    }
    counts = {}
    for label, (who, url) in pages.items():
        times, queries = F._timed_requests(clients[who], url, empty=cold)
        counts[label] = queries
        median = statistics.median(times)
        _log(f"{label}: median {median:.1f} ms, {queries} queries")
        name = f"{backend}: {label}"
        rows += [
            _row(name, f"median of {F.REQUESTS}", median, "ms"),
            _row(name, "median / trivial view", median / trivial, "x"),
            _row(
                name,
                "SQL queries",
                queries,
                "queries",
                f"<= {GOAL_QUERIES}",
                queries <= GOAL_QUERIES,
            ),
        ]
    same = counts["register (40 contracts)"] == counts["register (2 contracts)"]
    rows.append(
        _row(
            f"{backend}: register",
            "SQL queries, 40 contracts against 2",
            counts["register (40 contracts)"],
            "queries",
            f"== {counts['register (2 contracts)']}",
            same,
        )
    )
    return rows


CHILDREN = {"register": measure_register}


def run() -> list[dict[str, Any]]:
    return F.run_children(__file__, CHILDREN, "bench_procurement_")


if __name__ == "__main__":
    F.main_for(__file__, CHILDREN, "bench_procurement_", sys.argv[1:])
