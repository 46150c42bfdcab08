"""Reads for outcome contracts, with access applied.

Who finds a contract is decided by grogrund.accounts.access (`visible`): the contract is owned
by its commissioner and shared with exactly its parties (services keep `shared_with` equal to
the parties). What each member sees and does in it follows from the roles of their
organisations (`Standing`): the commissioner sees everything and changes the terms; a payer
sees the ledger with its own payments and records them; the investor sees the payments to it
and its cash flows; the provider reports outcomes and the evaluator verifies them, and
neither sees payments or the investor's returns.

The ledger (`contract_ledger`) is computed from the verified reports by
grogrund.engine.outcome_ledger, from data fetched with `CONTRACT_PREFETCH` (a fixed number of
queries for any number of contracts and periods).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from grogrund.accounts.access import memberships, visible
from grogrund.accounts.models import ROLE_RANK, Role
from grogrund.engine import outcome_ledger as engine
from grogrund.outcome_contracts.models import (
    ContractChange,
    ContractParty,
    Evidence,
    Investment,
    OutcomeContract,
    OutcomeMetric,
    OutcomeReport,
    PartyRole,
    Payment,
    ReportStatus,
)

# --- who sees what ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """What one user's organisations are in one contract, and so what the user may see and do
    there. Members of several parties add up their roles."""

    commissioner: bool = False
    commissioner_editor: bool = False
    payer_ids: frozenset[int] = frozenset()
    payer_editor_ids: frozenset[int] = frozenset()
    investor: bool = False
    investor_editor: bool = False
    provider: bool = False
    provider_editor: bool = False
    evaluator: bool = False
    evaluator_editor: bool = False

    @property
    def is_party(self) -> bool:
        return (
            self.commissioner
            or bool(self.payer_ids)
            or self.investor
            or self.provider
            or self.evaluator
        )

    @property
    def can_edit_terms(self) -> bool:
        return self.commissioner_editor

    @property
    def can_report(self) -> bool:
        """The provider reports outcomes; an evaluator never does (not even when its
        organisation has another role too: the services check the provider role itself)."""
        return self.provider_editor

    @property
    def can_verify(self) -> bool:
        return self.evaluator_editor

    @property
    def can_record_investment(self) -> bool:
        return self.investor_editor or self.commissioner_editor

    @property
    def sees_all_payments(self) -> bool:
        return self.commissioner

    def sees_payments_of(self, payer_id: int) -> bool:
        return self.commissioner or payer_id in self.payer_ids

    @property
    def sees_payments(self) -> bool:
        """Amounts due and paid: the commissioner, the payers and the investor (who is paid)."""
        return self.commissioner or bool(self.payer_ids) or self.investor

    @property
    def sees_investor(self) -> bool:
        return self.commissioner or self.investor

    @property
    def sees_evidence(self) -> bool:
        return self.commissioner or self.provider or self.evaluator

    @property
    def sees_history(self) -> bool:
        return self.is_party

    @property
    def role_labels(self) -> list[str]:
        """The user's roles in the contract, as the pages name them."""
        out = [str(_("Commissioner"))] if self.commissioner else []
        for held, role in (
            (bool(self.payer_ids), PartyRole.PAYER),
            (self.investor, PartyRole.INVESTOR),
            (self.provider, PartyRole.PROVIDER),
            (self.evaluator, PartyRole.EVALUATOR),
        ):
            if held:
                out.append(str(role.label))
        return out


def _is_editor(role: str) -> bool:
    return ROLE_RANK[Role(role)] >= ROLE_RANK[Role.EDITOR]


def standing(user: Any, contract: OutcomeContract) -> Standing:
    """The user's standing in `contract` (its parties prefetched or fetched once)."""
    roles = memberships(user)
    if not roles:
        return Standing()
    parties = list(contract.parties.all())
    owner_role = roles.get(contract.owner_id)

    def held(role: str) -> list[int]:
        return [p.organisation_id for p in parties if p.role == role and p.organisation_id in roles]

    def edited(ids: list[int]) -> bool:
        return any(_is_editor(roles[i]) for i in ids)

    payers = held(PartyRole.PAYER)
    investors, providers, evaluators = (
        held(PartyRole.INVESTOR),
        held(PartyRole.PROVIDER),
        held(PartyRole.EVALUATOR),
    )
    return Standing(
        commissioner=owner_role is not None,
        commissioner_editor=owner_role is not None and _is_editor(owner_role),
        payer_ids=frozenset(payers),
        payer_editor_ids=frozenset(i for i in payers if _is_editor(roles[i])),
        investor=bool(investors),
        investor_editor=edited(investors),
        provider=bool(providers),
        provider_editor=edited(providers),
        evaluator=bool(evaluators),
        evaluator_editor=edited(evaluators),
    )


# --- contracts --------------------------------------------------------------------------------

#: The fields of a report the ledger reads.
REPORT_FIELDS = (
    "id",
    "contract_id",
    "metric_id",
    "period",
    "value",
    "status",
    "verified_value",
    "verified_at",
)


def contract_prefetch(*, people: bool = False) -> tuple[Any, ...]:
    """Everything the ledger needs, one query per kind of row, for any number of contracts;
    with `people`, also who reported, verified and noted each report (a period's page)."""
    reports = OutcomeReport.objects.all()
    reports = (
        reports.select_related("reported_by", "verified_by")
        if people
        else reports.only(*REPORT_FIELDS)
    )
    return (
        Prefetch("parties", queryset=ContractParty.objects.select_related("organisation")),
        Prefetch(
            "metrics",
            queryset=OutcomeMetric.objects.select_related("indicator", "area").prefetch_related(
                "prices"
            ),
        ),
        Prefetch("reports", queryset=reports),
        Prefetch(
            "payments",
            queryset=Payment.objects.only(
                "id", "contract_id", "payer_id", "period", "amount_sek", "paid_on"
            ),
        ),
        "investments",
    )


CONTRACT_PREFETCH = contract_prefetch()


def contracts_for(user: Any) -> QuerySet[OutcomeContract]:
    """The contracts of which one of the user's organisations is the commissioner or a party."""
    return visible(OutcomeContract.objects.all(), user)


def contract_for(user: Any, pk: int, *, people: bool = False) -> OutcomeContract | None:
    """One contract with everything its ledger needs, or None when the user may not see it."""
    return (
        contracts_for(user)
        .select_related("owner", "initiative__programme")
        .prefetch_related(*contract_prefetch(people=people))
        .filter(pk=pk)
        .first()
    )


def contracts_with_ledgers(user: Any) -> QuerySet[OutcomeContract]:
    return (
        contracts_for(user)
        .select_related("owner", "initiative__programme")
        .prefetch_related(*CONTRACT_PREFETCH)
        .order_by("name", "id")
    )


def contracts_for_programme(user: Any, programme: Any) -> QuerySet[OutcomeContract]:
    return contracts_for(user).filter(initiative__programme=programme).order_by("name", "id")


def evidence_for(user: Any, pk: int) -> Evidence | None:
    """A file attached to a report, for those whose role sees evidence."""
    found = (
        Evidence.objects.select_related("report__contract")
        .filter(pk=pk, report__contract__in=contracts_for(user))
        .first()
    )
    if found is None:
        return None
    contract = OutcomeContract.objects.prefetch_related("parties").get(pk=found.report.contract_id)
    return found if standing(user, contract).sees_evidence else None


def evidence_of_period(contract: OutcomeContract, period: int) -> dict[int, list[Evidence]]:
    """Report id → its files (without their contents)."""
    out: dict[int, list[Evidence]] = defaultdict(list)
    for e in (
        Evidence.objects.filter(report__contract=contract, report__period=period)
        .defer("data")
        .select_related("uploaded_by")
    ):
        out[e.report_id].append(e)
    return out


def history(contract: OutcomeContract, st: Standing) -> list[ContractChange]:
    """The contract's changes the user's role may see: everything for the commissioner; for
    the other parties the terms, the metrics and the reports, and besides those a payer its
    own payments, the investor the payments and the investments. The parties' own entries
    (with the payers' caps) stay with the commissioner."""
    if not st.sees_history:
        return []
    rows = list(contract.changes.select_related("user"))
    if st.commissioner:
        return rows

    def shown(row: ContractChange) -> bool:
        if row.object_type == "payment":
            return st.investor or row.organisation_id in st.payer_ids
        if row.object_type == "investment":
            return st.sees_investor
        return row.object_type != "contractparty"

    return [row for row in rows if shown(row)]


# --- the ledger -------------------------------------------------------------------------------


def ore(amount: Decimal | float | int) -> int:
    return int((Decimal(str(amount)) * engine.ORE_PER_SEK).to_integral_value())


def sek(amount_ore: int | None) -> float | None:
    return None if amount_ore is None else amount_ore / engine.ORE_PER_SEK


def price_ore(metric: OutcomeMetric, period: int) -> int:
    """The rate card's price per person for the metric in `period`."""
    price = metric.price_sek_per_unit
    for entry in sorted(metric.prices.all(), key=lambda e: e.from_period):
        if entry.from_period <= period:
            price = entry.price_sek_per_unit
    return ore(price)


def shares_bp(payers: list[ContractParty]) -> dict[str, int]:
    """Payer id (as text) → share in basis points; empty when the shares do not add up."""
    out = {
        str(p.organisation_id): int((p.share or Decimal(0)) * engine.WHOLE_SHARE_BP) for p in payers
    }
    return out if sum(out.values()) == engine.WHOLE_SHARE_BP else {}


@dataclass
class Cell:
    """One metric in one period."""

    metric: OutcomeMetric
    report: OutcomeReport | None
    price_sek: float
    gain: float | None = None  # verified people beyond the baseline
    raw_sek: float | None = None
    due_sek: float | None = None
    limited_by: tuple[str, ...] = ()
    due_date: date | None = None


@dataclass
class PeriodRow:
    number: int
    start: date
    end: date
    ended: bool
    cells: list[Cell]
    due_by_payer: dict[int, float] = field(default_factory=dict)
    paid_by_payer: dict[int, float] = field(default_factory=dict)
    due_date: date | None = None

    @property
    def due_sek(self) -> float:
        return sum(self.due_by_payer.values())

    @property
    def paid_sek(self) -> float:
        return sum(self.paid_by_payer.values())

    def left_for(self, payer_id: int) -> float:
        return round(
            self.due_by_payer.get(payer_id, 0.0) - self.paid_by_payer.get(payer_id, 0.0), 2
        )

    @property
    def state(self) -> str:
        """not_started, running, awaiting_report, returned, awaiting_verification, verified"""
        if not self.ended:
            return "running" if self.start <= timezone.localdate() else "not_started"
        reports = [c.report for c in self.cells]
        if any(r is None for r in reports):
            return "awaiting_report"
        statuses = {r.status for r in reports if r is not None}
        if ReportStatus.RETURNED in statuses:
            return "returned"
        if ReportStatus.REPORTED in statuses:
            return "awaiting_verification"
        return "verified"

    @property
    def payment_state(self) -> str:
        """none (nothing due), paid, part_paid, unpaid"""
        due, paid = round(self.due_sek, 2), round(self.paid_sek, 2)
        if due <= 0:
            return "none"
        if paid >= due:
            return "paid"
        return "part_paid" if paid > 0 else "unpaid"


@dataclass(frozen=True)
class Flow:
    day: date
    amount_sek: float  # the investor's view: negative paid in, positive received
    what: str  # "investment", "payment", "due", "projected"


@dataclass
class InvestorView:
    flows_to_date: list[Flow]
    flows_projected: list[Flow]
    irr_to_date: float | None
    multiple_to_date: float | None
    irr_projected: float | None
    multiple_projected: float | None

    @property
    def paid_in_sek(self) -> float:
        return -sum(f.amount_sek for f in self.flows_to_date if f.amount_sek < 0)

    @property
    def received_sek(self) -> float:
        return sum(f.amount_sek for f in self.flows_to_date if f.amount_sek > 0)


@dataclass(frozen=True)
class MetricRow:
    metric: OutcomeMetric
    due_sek: float
    left_sek: float | None  # of its cap; None without a cap


@dataclass(frozen=True)
class PayerRow:
    party: ContractParty
    due_sek: float
    paid_sek: float
    cap_left_sek: float | None  # None without a cap
    cap_visible: bool  # the payer's cap is shown to the commissioner and the payer only

    @property
    def owed_sek(self) -> float:
        return round(self.due_sek - self.paid_sek, 2)


@dataclass(frozen=True)
class PeriodView:
    row: PeriodRow
    shows_payments: bool
    due_sek: float
    paid_sek: float

    @property
    def payment_state(self) -> str:
        due, paid = round(self.due_sek, 2), round(self.paid_sek, 2)
        if due <= 0:
            return "none"
        if paid >= due:
            return "paid"
        return "part_paid" if paid > 0 else "unpaid"


@dataclass
class ContractLedger:
    contract: OutcomeContract
    metrics: list[OutcomeMetric]
    payers: list[ContractParty]
    periods: list[PeriodRow]
    result: engine.Ledger
    projected: engine.Ledger
    investor: InvestorView | None
    today: date

    @property
    def total_due_sek(self) -> float:
        return sek(self.result.total_ore) or 0.0

    @property
    def total_paid_sek(self) -> float:
        return sum(p.paid_sek for p in self.periods)

    @property
    def total_left_sek(self) -> float | None:
        return sek(self.result.total_left_ore)

    def metric_left_sek(self, metric: OutcomeMetric) -> float | None:
        return sek(self.result.metric_left_ore(str(metric.pk)))

    def metric_paid_sek(self, metric: OutcomeMetric) -> float:
        return sek(self.result.by_metric.get(str(metric.pk), 0)) or 0.0

    def payer_due_sek(self, payer_id: int) -> float:
        return sek(self.result.by_payer.get(str(payer_id), 0)) or 0.0

    def payer_paid_sek(self, payer_id: int) -> float:
        return sum(p.paid_by_payer.get(payer_id, 0.0) for p in self.periods)

    def payer_left_sek(self, payer_id: int) -> float | None:
        return sek(self.result.payer_left_ore(str(payer_id)))

    def metric_rows(self) -> list[MetricRow]:
        return [
            MetricRow(m, self.metric_paid_sek(m), self.metric_left_sek(m)) for m in self.metrics
        ]

    def payer_rows(self, st: Standing) -> list[PayerRow]:
        """The payers whose payments the user's role sees."""
        if not st.sees_payments:
            return []
        return [
            PayerRow(
                p,
                self.payer_due_sek(p.organisation_id),
                self.payer_paid_sek(p.organisation_id),
                self.payer_left_sek(p.organisation_id),
                st.sees_payments_of(p.organisation_id),
            )
            for p in self.payers
            if st.sees_payments_of(p.organisation_id) or st.investor
        ]

    def period_views(self, st: Standing) -> list[PeriodView]:
        """Each period with the amounts the user's role sees: every payer's for the
        commissioner and the investor, a payer's own otherwise."""
        out = []
        for row in self.periods:
            if st.commissioner or st.investor:
                due, paid = row.due_sek, row.paid_sek
            else:
                due = sum(row.due_by_payer.get(i, 0.0) for i in st.payer_ids)
                paid = sum(row.paid_by_payer.get(i, 0.0) for i in st.payer_ids)
            out.append(PeriodView(row, st.sees_payments, due, paid))
        return out

    @property
    def projected_total_sek(self) -> float:
        return sek(self.projected.total_ore) or 0.0

    @property
    def verified_periods(self) -> int:
        return sum(1 for p in self.periods if p.state == "verified")

    def period(self, number: int) -> PeriodRow | None:
        return self.periods[number - 1] if 1 <= number <= len(self.periods) else None

    def due_left_for(self, payer_id: int, period: int) -> float:
        row = self.period(period)
        return row.left_for(payer_id) if row is not None else 0.0


def caps_of(
    contract: OutcomeContract, metrics: list[OutcomeMetric], payers: list[ContractParty]
) -> engine.Caps:
    def cap(value: Decimal | None) -> int | None:
        return None if value is None else ore(value)

    return engine.Caps(
        total_ore=cap(contract.cap_total_sek),
        per_period_ore=cap(contract.cap_per_period_sek),
        per_metric_ore={str(m.pk): cap(m.cap_sek) for m in metrics},
        per_payer_ore={str(p.organisation_id): cap(p.cap_sek) for p in payers},
    )


def _local_day(moment: Any) -> date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def _claim(report: OutcomeReport, metric: OutcomeMetric) -> engine.Claim:
    """A verified report as the engine's claim: its verified people beyond the baseline at
    the rate card's price for its period."""
    units = engine.gain(float(report.verified_value or 0), metric.baseline, metric.direction)  # type: ignore[arg-type]
    return engine.Claim(
        str(report.pk), str(metric.pk), report.period, units, price_ore(metric, report.period)
    )


def contract_ledger(contract: OutcomeContract, *, today: date | None = None) -> ContractLedger:
    """The contract's ledger: each period's outcomes, what is due from each payer (caps used
    up in the order of verification), what was paid, and the investor's cash flows to date and
    projected to the end of the term. Reads only what CONTRACT_PREFETCH fetched."""
    today = today or timezone.localdate()
    metrics = sorted(contract.metrics.all(), key=lambda m: (m.position, m.pk))
    parties = list(contract.parties.all())
    payers = sorted(
        (p for p in parties if p.role == PartyRole.PAYER), key=lambda p: p.organisation.name
    )
    shares = shares_bp(payers)
    caps = caps_of(contract, metrics, payers)
    reports = {(r.metric_id, r.period): r for r in contract.reports.all()}
    by_metric = {str(m.pk): m for m in metrics}

    verified = sorted(
        (
            r
            for r in reports.values()
            if r.status == ReportStatus.VERIFIED
            and str(r.metric_id) in by_metric
            and 1 <= r.period <= contract.periods
        ),
        key=lambda r: (r.verified_at, r.pk),
    )
    claims = [_claim(r, by_metric[str(r.metric_id)]) for r in verified]

    periods = [
        PeriodRow(
            number=n,
            start=contract.period_start(n),
            end=contract.period_end(n),
            ended=contract.period_end(n) < today,
            cells=[
                Cell(metric=m, report=reports.get((m.pk, n)), price_sek=sek(price_ore(m, n)) or 0.0)
                for m in metrics
            ],
        )
        for n in range(1, contract.periods + 1)
    ]
    # Projected to the end of the term: reports awaiting verification as reported, other
    # periods at the metric's expected outcome, verified after the caps used so far.
    projected_claims = list(claims)
    projected_dates: dict[str, date] = {}
    for row in periods:
        for cell in row.cells:
            r = cell.report
            if r is not None and r.status == ReportStatus.VERIFIED:
                continue
            value = (
                r.value
                if r is not None and r.status == ReportStatus.REPORTED
                else cell.metric.expected_per_period
            )
            if value is None:
                continue
            key = f"p{cell.metric.pk}-{row.number}"
            units = engine.gain(float(value), cell.metric.baseline, cell.metric.direction)  # type: ignore[arg-type]
            price = price_ore(cell.metric, row.number)
            projected_claims.append(
                engine.Claim(key, str(cell.metric.pk), row.number, units, price)
            )
            projected_dates[key] = max(today, row.end + timedelta(days=contract.payment_days))
    if shares:
        projected = engine.ledger(projected_claims, shares, caps)
        # The caps are used in order: the verified claims come first, so their amounts are
        # the ledger to date.
        result = engine.first_claims(projected, len(claims))
    else:
        projected = result = engine.Ledger([], 0, {}, {}, {}, caps)

    report_by_key = {str(r.pk): r for r in verified}
    for payment in result.payments:
        row = periods[payment.claim.period - 1]
        report = report_by_key[payment.claim.key]
        cell = next(c for c in row.cells if c.metric.pk == report.metric_id)
        cell.gain = payment.claim.gain
        cell.raw_sek = sek(payment.raw_ore)
        cell.due_sek = sek(payment.due_ore)
        cell.limited_by = payment.limited_by
        cell.due_date = _local_day(report.verified_at) + timedelta(days=contract.payment_days)
        for payer, amount in payment.by_payer.items():
            row.due_by_payer[int(payer)] = (
                row.due_by_payer.get(int(payer), 0.0) + amount / engine.ORE_PER_SEK
            )
        if row.due_date is None or cell.due_date > row.due_date:
            row.due_date = cell.due_date
    for p in contract.payments.all():
        if 1 <= p.period <= contract.periods:
            row = periods[p.period - 1]
            row.paid_by_payer[p.payer_id] = row.paid_by_payer.get(p.payer_id, 0.0) + float(
                p.amount_sek
            )

    investor = None
    if any(p.role == PartyRole.INVESTOR for p in parties):
        investor = _investor_view(contract, periods, projected, projected_dates, today)
    return ContractLedger(contract, metrics, payers, periods, result, projected, investor, today)


def _investor_view(
    contract: OutcomeContract,
    periods: list[PeriodRow],
    projected: engine.Ledger,
    projected_dates: dict[str, date],
    today: date,
) -> InvestorView:
    capital = [Flow(i.date, -float(i.amount_sek), "investment") for i in contract.investments.all()]
    paid = [
        Flow(p.paid_on, float(p.amount_sek), "payment")
        for p in contract.payments.all()
        if 1 <= p.period <= contract.periods
    ]
    to_date = sorted(
        [f for f in capital if f.day <= today] + [f for f in paid if f.day <= today],
        key=lambda f: (f.day, f.amount_sek),
    )
    outstanding = []
    for row in periods:
        left = sum(max(0.0, row.left_for(payer)) for payer in row.due_by_payer)
        if left > 0.005:
            outstanding.append(Flow(max(today, row.due_date or today), round(left, 2), "due"))
    future = [
        Flow(projected_dates[p.claim.key], p.due_ore / engine.ORE_PER_SEK, "projected")
        for p in projected.payments
        if p.claim.key in projected_dates and p.due_ore
    ]
    all_flows = sorted(capital + paid + outstanding + future, key=lambda f: (f.day, f.amount_sek))

    def pairs(flows: list[Flow]) -> list[tuple[date, float]]:
        return [(f.day, f.amount_sek) for f in flows]

    return InvestorView(
        flows_to_date=to_date,
        flows_projected=all_flows,
        irr_to_date=engine.xirr(pairs(to_date)),
        multiple_to_date=engine.money_multiple(pairs(to_date)),
        irr_projected=engine.xirr(pairs(all_flows)),
        multiple_projected=engine.money_multiple(pairs(all_flows)),
    )


def contract_for_ledger(pk: int) -> OutcomeContract:
    """A contract with everything its ledger needs, read afresh (for the services' checks;
    no access check: the caller has made it)."""
    return (
        OutcomeContract.objects.select_related("owner", "initiative__programme")
        .prefetch_related(*CONTRACT_PREFETCH)
        .get(pk=pk)
    )


# --- corrections ---------------------------------------------------------------------------------


def payment_for(st: Standing, contract: OutcomeContract, pk: int) -> Payment | None:
    """One of the contract's payments, if the user's role sees it: the commissioner every
    payment, a payer its own, the investor (who is paid) every one."""
    found = (
        Payment.objects.select_related("payer", "recorded_by")
        .filter(contract=contract, pk=pk)
        .first()
    )
    if found is None or not (st.sees_payments_of(found.payer_id) or st.investor):
        return None
    return found


def payments_of_period(st: Standing, contract: OutcomeContract, period: int) -> list[Payment]:
    """The period's payments the user's role sees, oldest first."""
    rows = (
        Payment.objects.select_related("payer")
        .filter(contract=contract, period=period)
        .order_by("paid_on", "id")
    )
    return [p for p in rows if st.sees_payments_of(p.payer_id) or st.investor]


def may_correct_payment(st: Standing, payment: Payment) -> bool:
    return payment.payer_id in st.payer_editor_ids or st.commissioner_editor


def investment_for(st: Standing, contract: OutcomeContract, pk: int) -> Investment | None:
    """One of the contract's investments, for the investor and the commissioner."""
    if not st.sees_investor:
        return None
    return Investment.objects.filter(contract=contract, pk=pk).first()


def payments_for(user: Any) -> QuerySet[Payment]:
    """The payments `user` sees (the API's list): every payment of a contract their
    organisation commissions or invests in (the investor is paid), and a payer's own."""
    from django.db.models import Q

    orgs = list(memberships(user))
    if not orgs:
        return Payment.objects.none()
    investor_of = ContractParty.objects.filter(
        role=PartyRole.INVESTOR, organisation_id__in=orgs
    ).values("contract_id")
    q = Q(contract__owner_id__in=orgs) | Q(payer_id__in=orgs) | Q(contract_id__in=investor_of)
    return Payment.objects.filter(contract__in=contracts_for(user)).filter(q)


def investments_for(user: Any) -> QuerySet[Investment]:
    """The investments `user` sees: of the contracts their organisation commissions or
    invests in."""
    from django.db.models import Q

    orgs = list(memberships(user))
    if not orgs:
        return Investment.objects.none()
    investor_of = ContractParty.objects.filter(
        role=PartyRole.INVESTOR, organisation_id__in=orgs
    ).values("contract_id")
    q = Q(contract__owner_id__in=orgs) | Q(contract_id__in=investor_of)
    return Investment.objects.filter(contract__in=contracts_for(user)).filter(q)
