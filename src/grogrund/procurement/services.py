"""Writes for social procurement: contracts and clauses (the buyer's editors), the supplier's
reports (the supplier's editors), verification (the buyer's editors only), clause templates
(curators) and the counting of verified persons toward a programme's goals. Every write is
checked here, done in one transaction and kept in the history (accounts.history), so nothing
is half saved and nothing changes unseen."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from grogrund.accounts.access import can_edit_for, partner_ids
from grogrund.accounts.history import record_history
from grogrund.accounts.models import (
    HistoryAction,
    HistoryChannel,
    Organisation,
    OrganisationKind,
    Visibility,
)
from grogrund.core.generation import data_changed
from grogrund.core.numbers import format_number, format_percent
from grogrund.procurement import calculations as calc
from grogrund.procurement.evidence import EvidenceProblem, check_evidence, problem_text
from grogrund.procurement.models import (
    PEOPLE_KINDS,
    SHARE_MEASURES,
    Clause,
    ClauseKind,
    ClauseTemplate,
    Contract,
    Contribution,
    DeliveryReport,
    Measure,
    PenaltyKind,
    ReportStatus,
)
from grogrund.procurement.selectors import countable_reports, is_curator
from grogrund.sources.errors import SourceError
from grogrund.sources.personal_numbers import find_personal_number

TEMPLATES_FILE = Path(__file__).with_name("clause_templates.yaml")


class ProcurementError(Exception):
    """Something the user asked for that cannot be done; the message is for the user."""


class NotAllowed(ProcurementError):
    pass


# --- history ---------------------------------------------------------------------------------


def _names(orgs: Iterable[Any]) -> list[str]:
    return sorted(o.name for o in orgs)


def contract_snapshot(contract: Contract) -> dict[str, Any]:
    """The contract as the history keeps it: names, not ids, of what it refers to."""
    return {
        "id": contract.pk,
        "name": contract.name,
        "owner": contract.owner_id,
        "supplier": contract.supplier.name,
        "value_sek": contract.value_sek,
        "start_date": contract.start_date.isoformat(),
        "end_date": contract.end_date.isoformat(),
        "category": contract.category,
        "areas": _names(contract.areas.all()) if contract.pk else [],
        "programme": contract.programme.name if contract.programme_id else "",
        "description": contract.description,
        "internal_note": contract.internal_note,
        "visibility": contract.visibility,
        "shared_with": _names(contract.shared_with.all()) if contract.pk else [],
    }


CLAUSE_FIELDS = (
    "kind",
    "name",
    "wording",
    "measure",
    "unit",
    "target",
    "target_group",
    "target_group_note",
    "reporting_period",
    "penalty_kind",
    "penalty_sek_per_unit",
    "penalty_cap_sek",
)
REPORT_FIELDS = (
    "persons",
    "new_persons",
    "target_group_persons",
    "area_persons",
    "hours",
    "employment_months",
    "total_hours",
    "quantity",
    "base",
    "comment",
    "evidence_name",
    "status",
    "review_comment",
)
TEMPLATE_FIELDS = (
    "code",
    "kind",
    "name_sv",
    "name_en",
    "wording",
    "measure",
    "unit",
    "default_target",
    "default_target_group",
    "default_reporting_period",
    "penalty_kind",
    "default_penalty_sek_per_unit",
    "default_penalty_cap_sek",
    "source",
    "is_active",
)


def clause_snapshot(clause: Clause) -> dict[str, Any]:
    data: dict[str, Any] = {"id": clause.pk, "contract": clause.contract_id}
    data |= {name: getattr(clause, name) for name in CLAUSE_FIELDS}
    return data


def report_snapshot(report: DeliveryReport) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": report.pk,
        "contract": report.clause.contract_id,
        "clause": report.clause.name,
        "period_start": report.period_start.isoformat(),
        "period_end": report.period_end.isoformat(),
    }
    data |= {name: getattr(report, name) for name in REPORT_FIELDS}
    return data


def template_snapshot(template: ClauseTemplate) -> dict[str, Any]:
    data: dict[str, Any] = {"id": template.pk}
    data |= {name: getattr(template, name) for name in TEMPLATE_FIELDS}
    return data


def _record(
    *,
    user: Any,
    obj: Any,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    organisation: Organisation | int | None,
    via: str,
) -> None:
    action = (
        HistoryAction.CREATE
        if before is None
        else HistoryAction.DELETE
        if after is None
        else HistoryAction.UPDATE
    )
    record_history(
        user=user,
        obj=obj,
        action=action,
        before=before,
        after=after,
        via=via,
        organisation=organisation,
    )


# --- who may -----------------------------------------------------------------------------------


def _require_buyer_editor(user: Any, contract: Contract) -> None:
    if not can_edit_for(user, contract.owner_id):
        raise NotAllowed(
            _("Only editors and administrators of %(buyer)s, the buyer, can do this.")
            % {"buyer": contract.owner.name}
        )


def _require_supplier_editor(user: Any, contract: Contract) -> None:
    if not can_edit_for(user, contract.supplier_id):
        raise NotAllowed(
            _("Only the supplier's own users report what was delivered: editors of %(supplier)s.")
            % {"supplier": contract.supplier.name}
        )


def require_supplier_editor(user: Any, contract: Contract) -> None:
    """NotAllowed unless `user` is an editor of the contract's supplier."""
    _require_supplier_editor(user, contract)


def _require_verifier(user: Any, contract: Contract) -> None:
    if not can_edit_for(user, contract.owner_id):
        raise NotAllowed(
            _(
                "Only the buyer, %(buyer)s, verifies or returns reports: its editors and "
                "administrators do."
            )
            % {"buyer": contract.owner.name}
        )


def require_verifier(user: Any, contract: Contract) -> None:
    """NotAllowed unless `user` is an editor of the contract's buyer, who verifies and returns
    the supplier's reports."""
    _require_verifier(user, contract)


def _refuse_personal_number(text: str, label: str) -> None:
    found = find_personal_number(text or "")
    if found is not None:
        raise ProcurementError(
            _(
                "%(field)s contains what looks like a Swedish personal identity number or "
                "coordination number (%(masked)s). Grogrund must never hold data about "
                "individual people: remove the number and save again."
            )
            % {"field": label, "masked": found.masked}
        )


def _day(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


# --- clause templates --------------------------------------------------------------------------


def _template_from_yaml(position: int, row: dict[str, Any]) -> ClauseTemplate:
    return ClauseTemplate(
        code=row["code"],
        kind=row["kind"],
        name_sv=row["name_sv"],
        name_en=row["name_en"],
        wording=" ".join(str(row["wording"]).split()),
        measure=row["measure"],
        unit=row["unit"],
        default_target=row.get("target"),
        default_target_group=row.get("target_group") or "",
        default_reporting_period=row["reporting_period"],
        penalty_kind=row.get("penalty", PenaltyKind.NONE),
        source=" ".join(str(row.get("source", "")).split()),
        position=position,
    )


def default_templates() -> list[ClauseTemplate]:
    """The templates of clause_templates.yaml, unsaved."""
    rows = yaml.safe_load(TEMPLATES_FILE.read_text(encoding="utf-8"))
    return [_template_from_yaml((i + 1) * 10, row) for i, row in enumerate(rows)]


def ensure_clause_templates() -> int:
    """Load the network's first templates into an empty table (the migration does it; the demo
    and a database emptied by tests do it again). Returns how many were made; curators' own
    changes are never overwritten, and a table with templates is left as it is."""
    if ClauseTemplate.objects.exists():
        return 0
    made = ClauseTemplate.objects.bulk_create(default_templates())
    data_changed()  # bulk_create sends no signals: pages showing templates must see them
    return len(made)


def _check_template(template: ClauseTemplate) -> None:
    if template.kind in PEOPLE_KINDS and template.measure not in (
        Measure.PERSONS,
        Measure.EMPLOYMENT_MONTHS,
        Measure.HOURS,
        Measure.SHARE_OF_HOURS,
    ):
        raise ProcurementError(
            _("A clause that puts people in work is measured in persons, months or hours.")
        )
    if template.default_target is not None and template.default_target < 0:
        raise ProcurementError(_("The target cannot be negative."))
    if template.measure in SHARE_MEASURES and (template.default_target or 0) > 1:
        raise ProcurementError(_("A share cannot be more than 100 %."))


@transaction.atomic
def save_template(
    *, user: Any, template: ClauseTemplate, via: str = HistoryChannel.WEB
) -> ClauseTemplate:
    """Create or change a clause template: curators only (editors of a network organisation).
    Contracts keep the clauses they copied."""
    if not is_curator(user):
        raise NotAllowed(
            _("The clause templates are kept by the network: only its editors change them.")
        )
    _check_template(template)
    before = None
    if template.pk:
        before = template_snapshot(ClauseTemplate.objects.get(pk=template.pk))
    template.updated_by = user
    template.save()
    after = template_snapshot(template)
    if before != after:
        _record(user=user, obj=template, before=before, after=after, organisation=None, via=via)
    return template


# --- contracts and clauses ---------------------------------------------------------------------


def _check_programme(user: Any, contract: Contract) -> None:
    programme = contract.programme
    if programme is None:
        return
    from grogrund.programmes.selectors import programmes_for

    if not programmes_for(user).filter(pk=programme.pk).exists() or contract.owner_id not in (
        partner_ids(programme)
    ):
        raise ProcurementError(
            _(
                "%(buyer)s does not take part in the programme %(programme)s: link the "
                "contract to a programme the buyer leads or is a partner in."
            )
            % {"buyer": contract.owner.name, "programme": programme.name}
        )


@transaction.atomic
def save_contract(
    *,
    user: Any,
    contract: Contract,
    areas: Iterable[Any] = (),
    shared_with: Iterable[Organisation] = (),
    via: str = HistoryChannel.WEB,
) -> Contract:
    """Create or change a contract. The user must be an editor of the buyer (and of the
    earlier buyer when it changes hands); the supplier must be an organisation of kind
    supplier; a term that would leave reported periods outside it is refused."""
    before = None
    if contract.pk:
        previous = Contract.objects.select_for_update().get(pk=contract.pk)
        _require_buyer_editor(user, previous)
        before = contract_snapshot(previous)
    _require_buyer_editor(user, contract)
    if contract.supplier.kind != OrganisationKind.SUPPLIER:
        raise ProcurementError(
            _(
                "%(org)s is not registered as a supplier. Choose an organisation of kind "
                "supplier, or ask an administrator to register it as one."
            )
            % {"org": contract.supplier.name}
        )
    if contract.supplier_id == contract.owner_id:
        raise ProcurementError(_("The buyer cannot be its own supplier."))
    if contract.end_date < contract.start_date:
        raise ProcurementError(
            _("The term ends (%(end)s) before it starts (%(start)s).")
            % {"end": _day(contract.end_date), "start": _day(contract.start_date)}
        )
    if contract.visibility == Visibility.PUBLIC:
        raise ProcurementError(
            _("A contract is shared with named partners or the network, never made public.")
        )
    for label, text in (
        (_("Description"), contract.description),
        (_("Internal note"), contract.internal_note),
        (_("Name"), contract.name),
    ):
        _refuse_personal_number(text, str(label))
    _check_programme(user, contract)
    if contract.pk:
        outside = DeliveryReport.objects.filter(clause__contract=contract).filter(
            Q(period_start__lt=contract.start_date) | Q(period_end__gt=contract.end_date)
        )
        if outside.exists():
            raise ProcurementError(
                _(
                    "The supplier has reported periods outside the new term "
                    "(%(start)s–%(end)s). Keep the term around the reported periods."
                )
                % {"start": _day(contract.start_date), "end": _day(contract.end_date)}
            )
    if not contract.pk:
        contract.created_by = user if getattr(user, "is_authenticated", False) else None
    contract.save()
    contract.areas.set(list(areas))
    shared = [o for o in shared_with if o.kind != OrganisationKind.SUPPLIER]
    contract.shared_with.set(shared)
    after = contract_snapshot(contract)
    if before != after:
        _record(
            user=user,
            obj=contract,
            before=before,
            after=after,
            organisation=contract.owner_id,
            via=via,
        )
    return contract


_MEASURES_BY_KIND: dict[str, tuple[str, ...]] = {
    ClauseKind.EMPLOYMENT: (
        Measure.EMPLOYMENT_MONTHS,
        Measure.PERSONS,
        Measure.HOURS,
        Measure.SHARE_OF_HOURS,
    ),
    ClauseKind.INTERNSHIP: (Measure.PERSONS, Measure.EMPLOYMENT_MONTHS, Measure.HOURS),
    ClauseKind.APPRENTICESHIP: (Measure.PERSONS, Measure.EMPLOYMENT_MONTHS, Measure.HOURS),
    ClauseKind.LOCAL_SUPPLIERS: (Measure.SHARE_OF_VALUE, Measure.COUNT),
    ClauseKind.TENANT_INVOLVEMENT: (Measure.COUNT,),
}


def measures_for(kind: str) -> tuple[str, ...]:
    return _MEASURES_BY_KIND.get(kind, tuple(Measure.values))


def _check_clause(clause: Clause) -> None:
    if clause.measure not in measures_for(clause.kind):
        allowed = ", ".join(str(Measure(m).label).lower() for m in measures_for(clause.kind))
        raise ProcurementError(
            _("%(kind)s is measured in %(allowed)s.")
            % {"kind": ClauseKind(clause.kind).label, "allowed": allowed}
        )
    if clause.target is None or not math.isfinite(clause.target) or clause.target < 0:
        raise ProcurementError(_("Give the target as a number of zero or more."))
    if clause.measure in SHARE_MEASURES and clause.target > 1:
        raise ProcurementError(_("A share cannot be more than 100 %."))
    if clause.penalty_kind == PenaltyKind.PER_MISSING_UNIT and not clause.penalty_sek_per_unit:
        raise ProcurementError(
            _("Give the penalty per missing unit in kronor, or choose no penalty.")
        )
    if clause.penalty_kind == PenaltyKind.NONE:
        clause.penalty_sek_per_unit = None
        clause.penalty_cap_sek = None
    for label, text in (
        (_("Wording in the contract"), clause.wording),
        (_("Target group, as the contract says"), clause.target_group_note),
        (_("Name"), clause.name),
    ):
        _refuse_personal_number(text, str(label))


@transaction.atomic
def save_clause(*, user: Any, clause: Clause, via: str = HistoryChannel.WEB) -> Clause:
    """Create or change a clause of a contract (the buyer's editors). Once the supplier has
    reported under it, its measure and reporting period stay as they are."""
    contract = clause.contract
    _require_buyer_editor(user, contract)
    _check_clause(clause)
    before = None
    if clause.pk:
        previous = Clause.objects.select_for_update().get(pk=clause.pk)
        before = clause_snapshot(previous)
        reported = previous.reports.exists()
        if reported and (
            previous.measure != clause.measure
            or previous.reporting_period != clause.reporting_period
            or previous.kind != clause.kind
        ):
            raise ProcurementError(
                _(
                    "The supplier has already reported under this clause: its kind, measure "
                    "and reporting period stay as they are. Add a new clause instead."
                )
            )
    else:
        last = contract.clauses.order_by("-position").values_list("position", flat=True).first()
        clause.position = (last or 0) + 10
    clause.save()
    after = clause_snapshot(clause)
    if before != after:
        _record(
            user=user,
            obj=clause,
            before=before,
            after=after,
            organisation=contract.owner_id,
            via=via,
        )
    return clause


@transaction.atomic
def delete_clause(*, user: Any, clause: Clause, via: str = HistoryChannel.WEB) -> None:
    """Remove a clause nobody has reported under yet (reports are evidence: they stay)."""
    contract = clause.contract
    _require_buyer_editor(user, contract)
    if clause.reports.exists():
        raise ProcurementError(
            _(
                "The supplier has reported under this clause: it stays, with its reports. "
                "Change its target instead."
            )
        )
    _record(
        user=user,
        obj=clause,
        before=clause_snapshot(clause),
        after=None,
        organisation=contract.owner_id,
        via=via,
    )
    clause.delete()


# --- the supplier's reports ---------------------------------------------------------------------


@dataclass(frozen=True)
class ReportInput:
    period_start: date
    period_end: date
    persons: int = 0
    new_persons: int = 0
    target_group_persons: int = 0
    area_persons: int = 0
    hours: float = 0.0
    employment_months: float = 0.0
    total_hours: float | None = None
    quantity: float | None = None
    base: float | None = None
    comment: str = ""


def _n(value: float) -> str:
    return format_number(value, 1).removesuffix(",0").removesuffix(".0")


def check_period(clause: Clause, start: date, end: date) -> calc.Period:
    """The clause's reporting period from `start` to `end`, or an error saying why not."""
    contract = clause.contract
    if start < contract.start_date or end > contract.end_date:
        raise ProcurementError(
            _(
                "The period %(start)s–%(end)s lies outside the contract's term "
                "(%(term_start)s–%(term_end)s). Report only periods within the term."
            )
            % {
                "start": _day(start),
                "end": _day(end),
                "term_start": _day(contract.start_date),
                "term_end": _day(contract.end_date),
            }
        )
    period = calc.Period(start, end)
    allowed = calc.periods(contract.start_date, contract.end_date, clause.reporting_period)
    if period not in allowed:
        raise ProcurementError(
            _(
                "%(start)s–%(end)s is not one of the clause's reporting periods. Choose one of "
                "the periods the clause lists (%(first)s–%(first_end)s, and so on)."
            )
            % {
                "start": _day(start),
                "end": _day(end),
                "first": _day(allowed[0].start),
                "first_end": _day(allowed[0].end),
            }
        )
    return period


def check_figures(clause: Clause, period: calc.Period, data: ReportInput) -> None:
    """Refuse figures no period allows: more new persons than persons, more hours or months
    than the persons can work in the period, a part larger than its whole."""
    where = f"{_day(period.start)}–{_day(period.end)}"
    numbers = {
        _("Persons"): data.persons,
        _("New persons"): data.new_persons,
        _("From the target group"): data.target_group_persons,
        _("Living in the area"): data.area_persons,
        _("Hours"): data.hours,
        _("Months of full-time employment"): data.employment_months,
        _("All labour hours"): data.total_hours,
        _("Delivered"): data.quantity,
        _("Out of"): data.base,
    }
    for label, value in numbers.items():
        if value is not None and (not math.isfinite(value) or value < 0):
            raise ProcurementError(_("%(field)s cannot be negative.") % {"field": label})
    if data.new_persons > data.persons:
        raise ProcurementError(
            _(
                "%(period)s: %(new)s persons started but only %(persons)s were employed in the "
                "period. Those who started are counted among the persons employed."
            )
            % {"period": where, "new": data.new_persons, "persons": data.persons}
        )
    for label, part in (
        (_("from the target group"), data.target_group_persons),
        (_("living in the area"), data.area_persons),
    ):
        if part > data.new_persons:
            raise ProcurementError(
                _(
                    "%(period)s: %(part)s persons %(which)s, but only %(new)s started in the "
                    "period. Count them among those who started."
                )
                % {"period": where, "part": part, "which": label, "new": data.new_persons}
            )
    max_hours = period.max_hours(data.persons)
    if data.hours > max_hours + 1e-9:
        raise ProcurementError(
            _(
                "%(period)s: %(hours)s hours is more than %(persons)s persons can work in the "
                "period: at most %(max)s hours (%(per_week)s hours a week for %(weeks)s weeks "
                "each). Check the hours and the number of persons."
            )
            % {
                "period": where,
                "hours": _n(data.hours),
                "persons": data.persons,
                "max": _n(max_hours),
                "per_week": calc.HOURS_PER_WEEK,
                "weeks": _n(period.weeks),
            }
        )
    max_months = period.max_months(data.persons)
    if data.employment_months > max_months + 1e-9:
        raise ProcurementError(
            _(
                "%(period)s: %(months)s months of full-time employment is more than "
                "%(persons)s persons can be employed in a period of %(length)s months: at most "
                "%(max)s. Check the months and the number of persons."
            )
            % {
                "period": where,
                "months": _n(data.employment_months),
                "persons": data.persons,
                "length": _n(period.months),
                "max": _n(max_months),
            }
        )
    if clause.measure == Measure.SHARE_OF_HOURS:
        if not data.total_hours:
            raise ProcurementError(
                _(
                    "Give all labour hours worked in the contract in the period: the clause "
                    "asks for a share of them."
                )
            )
        if data.hours > data.total_hours:
            raise ProcurementError(
                _(
                    "%(period)s: the target group's %(hours)s hours are more than all %(total)s "
                    "labour hours of the contract."
                )
                % {"period": where, "hours": _n(data.hours), "total": _n(data.total_hours)}
            )
    if clause.measure == Measure.COUNT and data.quantity is None:
        raise ProcurementError(_("Give what was delivered in the period."))
    if clause.measure == Measure.SHARE_OF_VALUE:
        if data.quantity is None or not data.base:
            raise ProcurementError(
                _("Give the purchases of the period in kronor and how much of them were local.")
            )
        if data.quantity > data.base:
            raise ProcurementError(
                _("%(period)s: the local purchases are more than all purchases.")
                % {"period": where}
            )


def _store_evidence(report: DeliveryReport, evidence: Any) -> None:
    report.evidence.save(Path(evidence.name).name, evidence, save=False)
    report.evidence_name = Path(evidence.name).name[:200]
    report.evidence_size = int(evidence.size)


def _checked_evidence(evidence: Any) -> None:
    try:
        check_evidence(evidence)
    except (EvidenceProblem, SourceError) as err:
        raise ProcurementError(problem_text(err, _)) from None


@transaction.atomic
def submit_report(
    *,
    user: Any,
    clause: Clause,
    data: ReportInput,
    evidence: Any = None,
    report: DeliveryReport | None = None,
    via: str = HistoryChannel.WEB,
) -> DeliveryReport:
    """Report (or correct) what was delivered under `clause` in one reporting period: the
    supplier's editors only, counts only, figures a period allows, evidence checked before it
    is stored. A verified report is final. All or nothing: if anything is refused, neither the
    figures nor the file are kept."""
    contract = clause.contract
    _require_supplier_editor(user, contract)
    period = check_period(clause, data.period_start, data.period_end)
    check_figures(clause, period, data)
    _refuse_personal_number(data.comment, str(_("Comment")))
    if evidence is not None:
        _checked_evidence(evidence)
    existing = (
        DeliveryReport.objects.select_for_update()
        .filter(clause=clause, period_start=period.start)
        .first()
    )
    if report is not None and report.pk:
        if report.clause_id != clause.pk:
            raise ProcurementError(_("The report belongs to another clause."))
        current = DeliveryReport.objects.select_for_update().get(pk=report.pk)
        if existing is not None and existing.pk != current.pk:
            raise ProcurementError(
                _("%(period)s is already reported: change that report instead.")
                % {"period": f"{_day(period.start)}–{_day(period.end)}"}
            )
        report = current
    elif existing is not None:
        raise ProcurementError(
            _("%(period)s is already reported: change that report instead.")
            % {"period": f"{_day(period.start)}–{_day(period.end)}"}
        )
    if report is not None and report.status == ReportStatus.VERIFIED:
        raise ProcurementError(
            _(
                "The report for %(period)s is verified by the buyer and final. Ask %(buyer)s "
                "if something in it is wrong."
            )
            % {"period": f"{_day(period.start)}–{_day(period.end)}", "buyer": contract.owner.name}
        )
    before = report_snapshot(report) if report is not None else None
    old_file = report.evidence.name if report is not None and report.evidence else ""
    report = report or DeliveryReport(clause=clause)
    report.clause = clause
    report.period_start, report.period_end = period.start, period.end
    for name in (
        "persons",
        "new_persons",
        "target_group_persons",
        "area_persons",
        "hours",
        "employment_months",
        "total_hours",
        "quantity",
        "base",
        "comment",
    ):
        setattr(report, name, getattr(data, name))
    report.status = ReportStatus.SUBMITTED
    report.submitted_by = user
    report.submitted_at = timezone.now()
    report.reviewed_by, report.reviewed_at = None, None
    _save_with_evidence(
        user=user, report=report, before=before, evidence=evidence, old_file=old_file, via=via
    )
    return report


def _save_with_evidence(
    *,
    user: Any,
    report: DeliveryReport,
    before: dict[str, Any] | None,
    evidence: Any,
    old_file: str,
    via: str,
) -> None:
    """Store `evidence` (if any) with the report, save it and record the change; a failure
    removes the new file again, and a replaced file goes once the new one is committed (the
    report keeps one file)."""
    stored = ""
    try:
        if evidence is not None:
            _store_evidence(report, evidence)
            stored = report.evidence.name
        report.save()
        _record(
            user=user,
            obj=report,
            before=before,
            after=report_snapshot(report),
            organisation=report.clause.contract.owner_id,
            via=via,
        )
    except BaseException:
        if stored:
            report.evidence.storage.delete(stored)
        raise
    if stored and old_file:
        storage = report.evidence.storage
        transaction.on_commit(lambda: storage.delete(old_file))


@transaction.atomic
def attach_evidence(
    *, user: Any, report: DeliveryReport, evidence: Any, via: str = HistoryChannel.WEB
) -> DeliveryReport:
    """Attach (or replace) the evidence of a report not yet verified: the supplier's editors
    only, the file checked as in the report form (kind, size, no personal identity numbers)
    before it is stored. The figures and the status stay as they are; the history keeps the
    file's name."""
    contract = report.clause.contract
    _require_supplier_editor(user, contract)
    if evidence is None:
        raise ProcurementError(_("Attach the file with the evidence."))
    _checked_evidence(evidence)
    current = DeliveryReport.objects.select_for_update().get(pk=report.pk)
    current.clause = report.clause
    if current.status == ReportStatus.VERIFIED:
        raise ProcurementError(
            _(
                "The report for %(period)s is verified by the buyer and final. Ask %(buyer)s "
                "if something in it is wrong."
            )
            % {
                "period": f"{_day(current.period_start)}–{_day(current.period_end)}",
                "buyer": contract.owner.name,
            }
        )
    before = report_snapshot(current)
    old_file = current.evidence.name if current.evidence else ""
    _save_with_evidence(
        user=user, report=current, before=before, evidence=evidence, old_file=old_file, via=via
    )
    return current


@transaction.atomic
def verify_report(
    *, user: Any, report: DeliveryReport, comment: str = "", via: str = HistoryChannel.WEB
) -> DeliveryReport:
    """The buyer confirms the report: its figures count as delivered from now on. Verifying a
    verified report changes nothing (and is not counted again anywhere)."""
    contract = report.clause.contract
    _require_verifier(user, contract)
    _refuse_personal_number(comment, str(_("Comment")))
    current = DeliveryReport.objects.select_for_update().get(pk=report.pk)
    if current.status == ReportStatus.VERIFIED:
        return current
    if current.status == ReportStatus.RETURNED:
        raise ProcurementError(
            _(
                "The report was returned to %(supplier)s for correction: it is verified when "
                "they have sent it again."
            )
            % {"supplier": contract.supplier.name}
        )
    current.clause = report.clause
    before = report_snapshot(current)
    current.status = ReportStatus.VERIFIED
    current.reviewed_by = user
    current.reviewed_at = timezone.now()
    current.review_comment = comment
    current.save()
    _record(
        user=user,
        obj=current,
        before=before,
        after=report_snapshot(current),
        organisation=contract.owner_id,
        via=via,
    )
    return current


@transaction.atomic
def return_report(
    *, user: Any, report: DeliveryReport, comment: str, via: str = HistoryChannel.WEB
) -> DeliveryReport:
    """The buyer sends the report back to the supplier with a comment saying what to correct."""
    contract = report.clause.contract
    _require_verifier(user, contract)
    if not comment.strip():
        raise ProcurementError(
            _("Say what the supplier should correct: a returned report needs a comment.")
        )
    _refuse_personal_number(comment, str(_("Comment")))
    current = DeliveryReport.objects.select_for_update().get(pk=report.pk)
    if current.status == ReportStatus.VERIFIED:
        raise ProcurementError(_("The report is verified and final: it cannot be returned."))
    if current.status == ReportStatus.RETURNED:
        raise ProcurementError(_("The report has already been returned to the supplier."))
    current.clause = report.clause
    before = report_snapshot(current)
    current.status = ReportStatus.RETURNED
    current.reviewed_by = user
    current.reviewed_at = timezone.now()
    current.review_comment = comment.strip()
    current.save()
    _record(
        user=user,
        obj=current,
        before=before,
        after=report_snapshot(current),
        organisation=contract.owner_id,
        via=via,
    )
    return current


# --- counting toward the programme --------------------------------------------------------------


@dataclass(frozen=True)
class Counted:
    """What one counting did: reports counted now, reports counted before (not again), the
    persons added and the years whose value was written."""

    counted: int
    already: int
    persons: int
    years: tuple[int, ...]


def _source(contracts: list[str], persons: int, up_to: date, extra: str = "") -> str:
    text = _(
        "Employment requirement in contract %(contracts)s, verified up to %(date)s: "
        "%(persons)s persons in all"
    ) % {"contracts": ", ".join(contracts), "date": up_to.isoformat(), "persons": persons}
    return (text + extra)[:300]


def _counted_rows(contributions: Iterable[Contribution]) -> list[calc.CountedReport]:
    return [
        calc.CountedReport(
            contract=c.report.clause.contract_id,
            clause=c.report.clause_id,
            year=c.year,
            persons=c.persons,
        )
        for c in contributions
    ]


def _at(totals: dict[int, int], year: int) -> int:
    """The persons counted up to `year` (the last counted year at or before it)."""
    known = [y for y in totals if y <= year]
    return totals[max(known)] if known else 0


def _check_target(contract: Contract, goal: Any, outcome: Any) -> None:
    from grogrund.initiatives.models import OUTCOME_STAGES

    if (goal is None) == (outcome is None):
        raise ProcurementError(_("Choose one goal or one outcome to count toward."))
    if contract.programme_id is None:
        raise ProcurementError(
            _("Link the contract to a programme first: persons count toward its goals.")
        )
    if goal is not None and goal.programme_id != contract.programme_id:
        raise ProcurementError(_("The goal is not one of the contract's programme."))
    if outcome is not None:
        if outcome.initiative.programme_id != contract.programme_id:
            raise ProcurementError(_("The outcome is not one of the contract's programme."))
        if outcome.stage not in OUTCOME_STAGES:
            raise ProcurementError(_("Only outcomes are measured."))
        if outcome.indicator is None or outcome.indicator.kind != "count":
            raise ProcurementError(
                _(
                    "Persons count only toward an outcome whose indicator is a number of "
                    "persons; this outcome is followed as a share."
                )
            )


@transaction.atomic
def count_toward(
    *,
    user: Any,
    contract: Contract,
    goal: Any = None,
    outcome: Any = None,
    write_measurements: bool = True,
    via: str = HistoryChannel.WEB,
) -> Counted:
    """Count the persons of the contract's verified reports (new persons living in the area,
    under clauses that put people in work) toward a goal of the contract's programme or toward
    an initiative's outcome counted in persons.

    Each report is counted once per goal or outcome (`Contribution`, unique per report and
    target): counting again adds nothing, and a report is verified once (a verified report is
    final). The persons up to a year are `calculations.persons_up_to` of everything counted
    toward the same goal or outcome, from every contract: within one contract the largest
    clause, never the sum of two clauses that may report the same person.

    - A goal always shows the persons on its page (*of which through procurement clauses*,
      selectors.goal_procurement). With `write_measurements`, a year without a measurement
      also gets an estimated one: the baseline share moved by the persons over the goal's base
      (baseline + persons / base, down for a falling goal), with its source. A year measured
      from another source (the area's statistics) is never written over: a counting that would
      add persons to such a year is refused and says so, and a year whose estimate has been
      replaced since is left as it is.
    - An outcome counted in persons gets the number of persons up to each year as its value,
      with the contracts and the last verified period as its source, on the same rule.
    """
    from grogrund.initiatives import services as initiative_services
    from grogrund.initiatives.models import OutcomeMeasurement
    from grogrund.procurement.models import CountedValue
    from grogrund.programmes import services as programme_services
    from grogrund.programmes.models import Measurement

    _require_buyer_editor(user, contract)
    _check_target(contract, goal, outcome)
    target = {"goal": goal} if goal is not None else {"outcome": outcome}
    reports = list(countable_reports(contract).order_by("period_end", "id"))
    done = set(
        Contribution.objects.filter(**target, report__in=reports).values_list(
            "report_id", flat=True
        )
    )
    new = [r for r in reports if r.pk not in done]
    before = persons_up_to_target(target)
    for report in new:
        contribution = Contribution.objects.create(
            report=report,
            year=report.period_end.year,
            persons=report.area_persons,
            counted_by=user if getattr(user, "is_authenticated", False) else None,
            **target,
        )
        _record(
            user=user,
            obj=contribution,
            before=None,
            after={
                "contract": contract.pk,
                "clause": report.clause.name,
                "period_start": report.period_start.isoformat(),
                "period_end": report.period_end.isoformat(),
                "persons": report.area_persons,
                "year": contribution.year,
                "goal": str(goal) if goal is not None else "",
                "outcome": outcome.text if outcome is not None else "",
            },
            organisation=contract.owner_id,
            via=via,
        )
    rows = list(
        Contribution.objects.filter(**target)
        .select_related("report__clause__contract")
        .order_by("year", "id")
    )
    totals = calc.persons_up_to(_counted_rows(rows))
    last = max(totals) if totals else 0
    added = _at(totals, last) - _at(before, last)
    if goal is not None and not write_measurements:
        return Counted(len(new), len(done), added, ())
    new_years = {r.period_end.year for r in new}
    written: list[int] = []
    for year in sorted(totals):
        upto = [c for c in rows if c.year <= year]
        persons = totals[year]
        names = sorted({c.report.clause.contract.name for c in upto})
        last_day = max(c.report.period_end for c in upto)
        ours = CountedValue.objects.filter(**target, year=year).first()
        existing: Any
        if goal is not None:
            existing = Measurement.objects.filter(goal=goal, year=year).first()
        else:
            existing = OutcomeMeasurement.objects.filter(outcome=outcome, year=year).first()
        if existing is not None and (ours is None or ours.source != existing.source):
            if year in new_years:
                raise ProcurementError(
                    (
                        _(
                            "The goal already has a measurement for %(year)s from another "
                            "source (%(source)s). Persons from clauses are not written over "
                            "other figures: nothing was counted. Count without writing "
                            "measurements: the goal's page then shows the persons."
                        )
                        if goal is not None
                        else _(
                            "The outcome already has a value for %(year)s from another source "
                            "(%(source)s). Persons from clauses are not written over other "
                            "figures: nothing was counted."
                        )
                    )
                    % {"year": year, "source": existing.source}
                )
            continue  # replaced since it was written: the other source's figure stays
        if goal is not None:
            sign = 1 if goal.direction == "higher_is_better" else -1
            value = min(1.0, max(0.0, goal.baseline_share + sign * persons / goal.base))
            extra = _(" (baseline %(baseline)s %(sign)s %(persons)s / %(base)s)") % {
                "baseline": format_percent(goal.baseline_share, 1),
                "sign": "+" if sign > 0 else "−",
                "persons": persons,
                "base": format_number(goal.base, 0),
            }
            source = _source(names, persons, last_day, extra)
        else:
            value = float(persons)
            source = _source(names, persons, last_day)
        if existing is not None and existing.source == source and existing.value == value:
            continue  # nothing new for this year
        try:
            if goal is not None:
                programme_services.record_measurement(
                    user=user,
                    goal=goal,
                    year=year,
                    value=value,
                    source=source,
                    organisation=contract.owner_id,
                )
            else:
                initiative_services.record_measurement(
                    user=user, outcome=outcome, year=year, value=value, source=source
                )
        except programme_services.ProgrammeError as err:
            raise ProcurementError(str(err)) from None
        CountedValue.objects.update_or_create(**target, year=year, defaults={"source": source})
        written.append(year)
    return Counted(counted=len(new), already=len(done), persons=added, years=tuple(written))


def persons_up_to_target(target: dict[str, Any]) -> dict[int, int]:
    """The persons counted so far toward a goal or an outcome, up to each year."""
    rows = Contribution.objects.filter(**target).select_related("report__clause")
    return calc.persons_up_to(_counted_rows(rows))
