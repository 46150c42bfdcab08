"""Reads for social procurement, with access applied.

Who sees a contract (built from grogrund.accounts.access, the one place access is decided):
- members of the buyer (the contract's owner) see all of it; its editors change it and verify
  the supplier's reports;
- members of the supplier see their own contracts: the clauses, their reports and the buyer's
  comments on them, never the buyer's internal note or its history; its editors report;
- the buyer's deliberate sharing (named partners, the national network) lets members of those
  organisations see the contract's clauses and what was verified, nothing of the reports;
  sharing never reaches an organisation of kind supplier, so a supplier sees no other
  supplier's contract (contracts cannot be made public).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grogrund.accounts.access import member_org_ids, memberships, org_ids_with_role
from grogrund.accounts.models import (
    HistoryEntry,
    Organisation,
    OrganisationKind,
    Role,
    Visibility,
)
from grogrund.procurement import calculations as calc
from grogrund.procurement.models import (
    PEOPLE_KINDS,
    Clause,
    ClauseTemplate,
    Contract,
    Contribution,
    DeliveryReport,
    PenaltyKind,
    ReportStatus,
)

STATUS_LABELS = {
    calc.Status.ON_TRACK: _("On track"),
    calc.Status.BEHIND: _("Behind"),
    calc.Status.MET: _("Met"),
}


# --- who is who --------------------------------------------------------------------------------


def open_org_ids(user: Any) -> list[int]:
    """The user's organisations through which sharing reaches them: all but suppliers."""
    cached = getattr(user, "_grogrund_open_orgs", None)
    if cached is None:
        ids = member_org_ids(user)
        cached = (
            list(
                Organisation.objects.filter(id__in=ids)
                .exclude(kind=OrganisationKind.SUPPLIER)
                .values_list("id", "in_network")
            )
            if ids
            else []
        )
        user._grogrund_open_orgs = cached
    return [pk for pk, _network in cached]


def in_network(user: Any) -> bool:
    """A member of the national network through an organisation that is not a supplier."""
    open_org_ids(user)
    return any(network for _pk, network in getattr(user, "_grogrund_open_orgs", []))


def contracts_for(user: Any) -> QuerySet[Contract]:
    """The contracts `user` may see (the module's docstring says who)."""
    orgs = member_org_ids(user)
    if not orgs:
        return Contract.objects.none()
    q = Q(owner_id__in=orgs) | Q(supplier_id__in=orgs)
    shared = open_org_ids(user)
    if shared:
        q |= Q(shared_with__in=shared) & ~Q(visibility=Visibility.PRIVATE)
        if in_network(user):
            q |= Q(visibility__in=[Visibility.NETWORK, Visibility.PUBLIC])
    return Contract.objects.filter(pk__in=Contract.objects.filter(q).values("pk"))


@dataclass(frozen=True)
class Standing:
    """What `user` is to one contract."""

    is_buyer: bool  # a member of the buyer
    buyer_editor: bool  # changes the contract, verifies and returns reports
    is_supplier: bool  # a member of the supplier
    supplier_editor: bool  # reports

    @property
    def sees_reports(self) -> bool:
        return self.is_buyer or self.is_supplier

    @property
    def sees_internal(self) -> bool:
        return self.is_buyer


def standing(user: Any, contract: Contract) -> Standing:
    roles = memberships(user)
    editors = set(org_ids_with_role(user, Role.EDITOR))
    return Standing(
        is_buyer=contract.owner_id in roles,
        buyer_editor=contract.owner_id in editors,
        is_supplier=contract.supplier_id in roles,
        supplier_editor=contract.supplier_id in editors,
    )


def is_curator(user: Any) -> bool:
    """Editors of an organisation of kind network curate the clause templates."""
    editors = org_ids_with_role(user, Role.EDITOR)
    return (
        bool(editors)
        and Organisation.objects.filter(id__in=editors, kind=OrganisationKind.NETWORK).exists()
    )


def buyer_organisations(user: Any) -> QuerySet[Organisation]:
    """The organisations `user` may buy for: those they edit, suppliers excepted."""
    return (
        Organisation.objects.filter(id__in=org_ids_with_role(user, Role.EDITOR))
        .exclude(kind=OrganisationKind.SUPPLIER)
        .order_by("name")
    )


def suppliers() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.SUPPLIER).order_by("name")


def clause_templates(*, active_only: bool = True) -> QuerySet[ClauseTemplate]:
    qs = ClauseTemplate.objects.all()
    return qs.filter(is_active=True) if active_only else qs


# --- committed against delivered -------------------------------------------------------------


def figures(report: DeliveryReport) -> calc.Figures:
    return calc.Figures(
        persons=report.persons,
        new_persons=report.new_persons,
        target_group_persons=report.target_group_persons,
        area_persons=report.area_persons,
        hours=report.hours,
        employment_months=report.employment_months,
        total_hours=report.total_hours,
        quantity=report.quantity,
        base=report.base,
    )


@dataclass(frozen=True)
class PeriodRow:
    period: calc.Period
    report: DeliveryReport | None
    passed: bool  # the period has ended
    value: float | None  # what the report delivered in the clause's measure


@dataclass
class ClauseRow:
    clause: Clause
    delivered: float  # verified only
    reported: float  # verified and awaiting verification
    expected: float
    status: calc.Status
    penalty: calc.Penalty
    periods: list[PeriodRow] = field(default_factory=list)

    @property
    def status_label(self) -> Any:
        return STATUS_LABELS[self.status]

    @property
    def share_delivered(self) -> float | None:
        """Delivered as a share of the target (0–1 and more), None for a target of nothing."""
        return self.delivered / self.clause.target if self.clause.target else None

    @property
    def has_penalty(self) -> bool:
        return self.clause.penalty_kind == PenaltyKind.PER_MISSING_UNIT

    @property
    def awaiting(self) -> int:
        return sum(
            1 for p in self.periods if p.report and p.report.status == ReportStatus.SUBMITTED
        )

    @property
    def returned(self) -> int:
        return sum(1 for p in self.periods if p.report and p.report.status == ReportStatus.RETURNED)


def today() -> date:
    return timezone.localdate()


def clause_row(clause: Clause, reports: Iterable[DeliveryReport], as_of: date) -> ClauseRow:
    """Committed against delivered for one clause, from its reports (verified ones count)."""
    contract = clause.contract
    reports = list(reports)
    verified = [figures(r) for r in reports if r.status == ReportStatus.VERIFIED]
    sent = [figures(r) for r in reports if r.status != ReportStatus.RETURNED]
    got = calc.delivered(clause.measure, verified)
    passed = calc.term_share_passed(contract.start_date, contract.end_date, as_of)
    by_start = {r.period_start: r for r in reports}
    periods = []
    for p in calc.periods(contract.start_date, contract.end_date, clause.reporting_period):
        report = by_start.get(p.start)
        value = calc.delivered(clause.measure, [figures(report)]) if report else None
        periods.append(PeriodRow(p, report, p.end < as_of, value))
    rate = (
        clause.penalty_sek_per_unit if clause.penalty_kind == PenaltyKind.PER_MISSING_UNIT else None
    )
    return ClauseRow(
        clause=clause,
        delivered=got,
        reported=calc.delivered(clause.measure, sent),
        expected=calc.expected(clause.measure, clause.target, passed),
        status=calc.status(clause.measure, clause.target, got, passed),
        penalty=calc.penalty(
            clause.measure,
            clause.target,
            got,
            sek_per_unit=rate,
            cap_sek=clause.penalty_cap_sek,
            term_over=passed >= 1.0,
        ),
        periods=periods,
    )


#: What committed against delivered reads of a report (lists load no comments or files).
FIGURE_FIELDS = (
    "id",
    "clause_id",
    "period_start",
    "period_end",
    "status",
    "persons",
    "new_persons",
    "target_group_persons",
    "area_persons",
    "hours",
    "employment_months",
    "total_hours",
    "quantity",
    "base",
)


def with_clauses(contracts: QuerySet[Contract]) -> QuerySet[Contract]:
    return contracts.select_related("owner", "supplier", "programme").prefetch_related(
        Prefetch(
            "clauses",
            queryset=Clause.objects.order_by("position", "id").prefetch_related(
                Prefetch(
                    "reports",
                    queryset=DeliveryReport.objects.only(*FIGURE_FIELDS).order_by("period_start"),
                )
            ),
        )
    )


def clause_rows(contract: Contract, as_of: date | None = None) -> list[ClauseRow]:
    """Every clause of the contract with what it committed and what was delivered."""
    as_of = as_of or today()
    out = []
    for clause in contract.clauses.all():
        clause.contract = contract
        out.append(clause_row(clause, clause.reports.all(), as_of))
    return out


@dataclass
class ContractRow:
    contract: Contract
    clauses: list[ClauseRow]
    standing: Standing

    @property
    def status(self) -> calc.Status | None:
        """The worst status of its clauses: behind if any is behind."""
        if not self.clauses:
            return None
        states = {c.status for c in self.clauses}
        for worst in (calc.Status.BEHIND, calc.Status.ON_TRACK, calc.Status.MET):
            if worst in states:
                return worst
        return None

    @property
    def status_label(self) -> Any:
        return STATUS_LABELS[self.status] if self.status else ""

    @property
    def awaiting(self) -> int:
        return sum(c.awaiting for c in self.clauses)


def contract_rows(
    user: Any, contracts: QuerySet[Contract], as_of: date | None = None
) -> list[ContractRow]:
    as_of = as_of or today()
    return [
        ContractRow(c, clause_rows(c, as_of), standing(user, c))
        for c in with_clauses(contracts).order_by("-start_date", "name")
    ]


def programme_contracts(user: Any, programme: Any) -> QuerySet[Contract]:
    """The contracts linked to `programme` that `user` sees."""
    return contracts_for(user).filter(programme=programme)


# --- the network's comparison -----------------------------------------------------------------


@dataclass(frozen=True)
class ComparisonRow:
    contract: Contract
    row: ClauseRow


def network_comparison(user: Any, as_of: date | None = None) -> list[ComparisonRow]:
    """Every clause of the contracts their buyers shared with the network, for members of the
    network: what was asked and what was verified as delivered, by kind of clause."""
    if not in_network(user):
        return []
    contracts = contracts_for(user).filter(visibility=Visibility.NETWORK)
    as_of = as_of or today()
    rows = []
    for contract in with_clauses(contracts):
        for row in clause_rows(contract, as_of):
            rows.append(ComparisonRow(contract, row))
    rows.sort(key=lambda r: (r.row.clause.kind, r.row.clause.measure, r.contract.owner.name))
    return rows


# --- history and counting ------------------------------------------------------------------------


def contract_history(contract: Contract) -> QuerySet[HistoryEntry]:
    """The contract's changes, its clauses' and its reports', newest first (the buyer's view:
    it holds the internal note)."""
    clause_ids = [str(pk) for pk in contract.clauses.values_list("pk", flat=True)]
    report_ids = [
        str(pk)
        for pk in DeliveryReport.objects.filter(clause__contract=contract).values_list(
            "pk", flat=True
        )
    ]
    q = Q(object_type="contract", object_id=str(contract.pk))
    q |= Q(object_type="clause", object_id__in=clause_ids)
    q |= Q(object_type="deliveryreport", object_id__in=report_ids)
    q |= Q(
        object_type="contribution", organisation_id=contract.owner_id, after__contract=contract.pk
    )
    return HistoryEntry.objects.filter(q).select_related("user")


def report_history(report: DeliveryReport) -> QuerySet[HistoryEntry]:
    return HistoryEntry.objects.filter(
        object_type="deliveryreport", object_id=str(report.pk)
    ).select_related("user")


def countable_reports(contract: Contract) -> QuerySet[DeliveryReport]:
    """Verified reports of the contract's clauses that put people in work."""
    return DeliveryReport.objects.filter(
        clause__contract=contract,
        clause__kind__in=PEOPLE_KINDS,
        status=ReportStatus.VERIFIED,
    ).select_related("clause")


def contributions_of(contract: Contract) -> QuerySet[Contribution]:
    return Contribution.objects.filter(report__clause__contract=contract).select_related(
        "goal__indicator", "goal__area", "outcome__initiative", "report"
    )


# --- persons through procurement on a goal's page ------------------------------------------------


@dataclass(frozen=True)
class CountedContract:
    """One contract's persons counted toward a goal (directly or through an outcome linked to
    it): `persons` up to the last counted year, the last verified period's end, and where it
    was counted."""

    name: str
    persons: int
    verified_to: date
    toward: tuple[str, ...]


@dataclass(frozen=True)
class GoalProcurement:
    persons: int
    year: int
    contracts: list[CountedContract]


def goal_procurement(goal: Any) -> GoalProcurement | None:
    """The persons the programme's contracts brought into work toward `goal`: the goal's own
    contributions and those of outcomes linked to it, each report once however many ways it
    was counted, and within a contract the largest clause (calculations.persons_up_to). The
    buyer counted them into the programme on purpose, so whoever sees the goal sees the
    contract's name and the persons, as in a measurement's source; nothing of the reports."""
    rows = list(
        Contribution.objects.filter(Q(goal=goal) | Q(outcome__goal=goal))
        .select_related("report__clause__contract", "outcome")
        .order_by("report_id", "id")
    )
    if not rows:
        return None
    by_report: dict[int, Contribution] = {}
    toward: dict[int, set[str]] = {}
    for c in rows:
        by_report.setdefault(c.report_id, c)
        contract_id = c.report.clause.contract_id
        label = str(_("the goal")) if c.goal_id else c.outcome.text if c.outcome else ""
        toward.setdefault(contract_id, set()).add(label)
    unique = list(by_report.values())
    counted = [
        calc.CountedReport(
            contract=c.report.clause.contract_id,
            clause=c.report.clause_id,
            year=c.year,
            persons=c.persons,
        )
        for c in unique
    ]
    totals = calc.persons_up_to(counted)
    year = max(totals)
    contracts = []
    for contract_id in sorted({r.contract for r in counted}):
        own = calc.persons_up_to([r for r in counted if r.contract == contract_id])
        mine = [c for c in unique if c.report.clause.contract_id == contract_id]
        contracts.append(
            CountedContract(
                name=mine[0].report.clause.contract.name,
                persons=own[max(own)],
                verified_to=max(c.report.period_end for c in mine),
                toward=tuple(sorted(toward[contract_id])),
            )
        )
    contracts.sort(key=lambda c: c.name)
    return GoalProcurement(persons=totals[year], year=year, contracts=contracts)
