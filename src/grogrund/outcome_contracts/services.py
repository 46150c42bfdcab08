"""Writes for outcome contracts. Each checks the writer's role in the contract
(selectors.standing), refuses what cannot be (a figure above the cohort, a period outside the
term, a payment beyond what is due under the caps, payer shares that do not add up to 100 %,
a personal identity number in a text or a file) with a message for the user, and keeps the
change in the contract's history in the same transaction: nothing is half-written and
nothing changes without a trace."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from grogrund.accounts.access import can_edit_for
from grogrund.accounts.models import Organisation, Visibility
from grogrund.areas.models import Area, AreaLevel, Indicator
from grogrund.areas.selectors import observations_for
from grogrund.core.numbers import format_money, format_number
from grogrund.engine.aggregate import Combine, Figure, combine
from grogrund.initiatives.models import EffectNode, Initiative
from grogrund.outcome_contracts import selectors
from grogrund.outcome_contracts.evidence import CheckedFile
from grogrund.outcome_contracts.models import (
    BaselineKind,
    ChangeAction,
    ContractChange,
    ContractParty,
    Evidence,
    Investment,
    OutcomeContract,
    OutcomeMetric,
    OutcomeReport,
    PartyRole,
    Payment,
    RatePrice,
    ReportStatus,
    sek,
)
from grogrund.sources.personal_numbers import find_personal_number


class ContractError(Exception):
    """Something the user asked for that cannot be done; the message is for the user."""


class NotAllowed(ContractError):
    pass


def acting_user(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


# --- history ----------------------------------------------------------------------------------


def _json(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def snapshot(obj: Any) -> dict[str, Any]:
    """What the history keeps of an object: its fields as the reader knows them (names, not
    ids, for organisations and metrics)."""
    if isinstance(obj, OutcomeContract):
        data = {
            "name": obj.name,
            "description": obj.description,
            "initiative": obj.initiative.name if obj.initiative_id else "",
            "cohort_size": obj.cohort_size,
            "cohort_description": obj.cohort_description,
            "start_date": obj.start_date,
            "period_months": obj.period_months,
            "periods": obj.periods,
            "cap_total_sek": obj.cap_total_sek,
            "cap_per_period_sek": obj.cap_per_period_sek,
            "payment_days": obj.payment_days,
        }
    elif isinstance(obj, ContractParty):
        data = {
            "organisation": obj.organisation.name,
            "role": obj.role,
            "share": obj.share,
            "cap_sek": obj.cap_sek,
        }
    elif isinstance(obj, OutcomeMetric):
        data = {
            "name": obj.name,
            "definition": obj.definition,
            "direction": obj.direction,
            "baseline_kind": obj.baseline_kind,
            "baseline": obj.baseline,
            "indicator": obj.indicator.name if obj.indicator_id else "",
            "area": obj.area.name if obj.area_id else "",
            "baseline_year": obj.baseline_year,
            "baseline_source": obj.baseline_source,
            "price_sek_per_unit": obj.price_sek_per_unit,
            "cap_sek": obj.cap_sek,
            "expected_per_period": obj.expected_per_period,
            "savings_sek_per_unit": obj.savings_sek_per_unit,
        }
    elif isinstance(obj, RatePrice):
        data = {
            "metric": obj.metric.name,
            "from_period": obj.from_period,
            "price_sek_per_unit": obj.price_sek_per_unit,
        }
    elif isinstance(obj, Investment):
        data = {"date": obj.date, "amount_sek": obj.amount_sek, "note": obj.note}
    elif isinstance(obj, OutcomeReport):
        data = {
            "metric": obj.metric.name,
            "period": obj.period,
            "value": obj.value,
            "note": obj.note,
            "status": obj.status,
            "verified_value": obj.verified_value,
            "comment": obj.comment,
            "evidence": [e.name for e in obj.evidence.all()] if obj.pk else [],
        }
    elif isinstance(obj, Payment):
        data = {
            "payer": obj.payer.name,
            "period": obj.period,
            "amount_sek": obj.amount_sek,
            "paid_on": obj.paid_on,
            "reference": obj.reference,
        }
    else:  # pragma: no cover - every kind written here is listed above
        raise TypeError(type(obj))
    return _json(data)  # type: ignore[no-any-return]


def record(
    *,
    user: Any,
    contract: OutcomeContract,
    obj: Any,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    organisation: Organisation | int | None = None,
    reason: str = "",
) -> ContractChange:
    """Keep one change in the contract's history; call it in the change's transaction."""
    org_id = organisation.pk if isinstance(organisation, Organisation) else organisation
    return ContractChange.objects.create(
        contract=contract,
        object_type=type(obj).__name__.lower(),
        object_id=obj.pk,
        action=action,
        organisation_id=org_id,
        user=acting_user(user),
        before=before,
        after=after,
        reason=reason,
    )


# --- checks -----------------------------------------------------------------------------------


def check_texts(**texts: str) -> None:
    """Refuse a personal identity number in any of the texts (named as the user knows them)."""
    for label, text in texts.items():
        found = find_personal_number(text or "")
        if found is not None:
            raise ContractError(
                _(
                    "%(field)s contains what looks like a Swedish personal identity number or "
                    "coordination number (%(masked)s). Grogrund must never hold data about "
                    "individual people: remove the number and save again."
                )
                % {"field": label, "masked": found.masked}
            )


def _fresh_standing(user: Any, contract: OutcomeContract) -> selectors.Standing:
    return selectors.standing(user, contract)


def _require_commissioner(user: Any, contract: OutcomeContract) -> None:
    if not _fresh_standing(user, contract).can_edit_terms:
        raise NotAllowed(
            _(
                "Only an editor or administrator of %(org)s, the commissioner, changes the "
                "terms of this contract."
            )
            % {"org": contract.owner.name}
        )


def _party_names(contract: OutcomeContract, role: str) -> str:
    names = sorted(p.organisation.name for p in contract.parties.all() if p.role == role)
    return ", ".join(names) or "–"


def _check_period(contract: OutcomeContract, period: int, *, must_have_ended: bool) -> None:
    if not 1 <= period <= contract.periods:
        raise ContractError(
            _(
                "Period %(period)s is outside the contract's term: it has periods 1 to "
                "%(last)s (%(start)s to %(end)s)."
            )
            % {
                "period": period,
                "last": contract.periods,
                "start": date_format(contract.start_date, "DATE_FORMAT"),
                "end": date_format(contract.end_date, "DATE_FORMAT"),
            }
        )
    end = contract.period_end(period)
    if must_have_ended and end >= timezone.localdate():
        raise ContractError(
            _("Period %(period)s ends on %(end)s: report its outcome once the period has ended.")
            % {"period": period, "end": date_format(end, "DATE_FORMAT")}
        )


def _check_count(contract: OutcomeContract, value: int, what: str) -> None:
    if value < 0:
        raise ContractError(_("%(what)s cannot be negative.") % {"what": what})
    if value > contract.cohort_size:
        raise ContractError(
            _(
                "%(what)s is %(value)s people, more than the %(size)s in the cohort: no more "
                "people can achieve the outcome than the cohort holds. Check the figure."
            )
            % {"what": what, "value": value, "size": contract.cohort_size}
        )


def _positive_or_none(value: Decimal | float | None, label: str) -> Decimal | None:
    amount = sek(value)
    if amount is not None and amount < 0:
        raise ContractError(_("%(field)s cannot be negative.") % {"field": label})
    return amount


# --- the contract -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Terms:
    name: str
    description: str
    initiative: Initiative | None
    cohort_size: int
    cohort_description: str
    start_date: date
    period_months: int
    periods: int
    cap_total_sek: Decimal | float | None
    cap_per_period_sek: Decimal | float | None
    payment_days: int


def _check_terms(terms: Terms, contract: OutcomeContract | None) -> None:
    check_texts(
        **{
            str(_("Name")): terms.name,
            str(_("What the contract pays for")): terms.description,
            str(_("Who is in the cohort")): terms.cohort_description,
        }
    )
    if not terms.name.strip():
        raise ContractError(_("Give the contract a name."))
    if terms.cohort_size < 1:
        raise ContractError(_("The cohort must hold at least one person."))
    if terms.periods < 1:
        raise ContractError(_("The term must have at least one period."))
    if terms.period_months not in (1, 3, 6, 12):
        raise ContractError(_("A period is a month, a quarter, a half year or a year."))
    _positive_or_none(terms.cap_total_sek, str(_("The cap in total")))
    _positive_or_none(terms.cap_per_period_sek, str(_("The cap per period")))
    if contract is None:
        return
    used = contract.reports.order_by("-period").values_list("period", flat=True).first()
    if used is not None and used > terms.periods:
        raise ContractError(
            _(
                "Outcomes are reported for period %(period)s: the term cannot end before it. "
                "Give at least %(period)s periods."
            )
            % {"period": used}
        )
    over = contract.reports.filter(value__gt=terms.cohort_size).order_by("-value").first()
    if over is not None:
        raise ContractError(
            _(
                "An outcome of %(value)s people is already reported: the cohort cannot be "
                "smaller than that."
            )
            % {"value": over.value}
        )
    if contract.reports.filter(status=ReportStatus.VERIFIED).exists() and (
        sek(terms.cap_total_sek) != contract.cap_total_sek
        or sek(terms.cap_per_period_sek) != contract.cap_per_period_sek
    ):
        raise ContractError(
            _(
                "Outcomes are verified: the caps can no longer change, since the amounts due "
                "rest on them."
            )
        )
    if contract.reports.exists() and (
        terms.start_date != contract.start_date or terms.period_months != contract.period_months
    ):
        raise ContractError(
            _(
                "Outcomes are already reported for its periods: the start date and the length "
                "of a period can no longer change."
            )
        )


def _check_initiative(user: Any, initiative: Initiative | None) -> None:
    if initiative is None:
        return
    from grogrund.programmes.selectors import programmes_for

    if not programmes_for(user).filter(pk=initiative.programme_id).exists():
        raise ContractError(_("Choose an initiative of a programme you see."))


@transaction.atomic
def create_contract(*, user: Any, owner: Organisation, terms: Terms) -> OutcomeContract:
    """A new contract with `owner` as the commissioner; the user must be its editor."""
    if not can_edit_for(user, owner):
        raise NotAllowed(
            _("You need the role editor or administrator in %(org)s to make a contract for it.")
            % {"org": owner.name}
        )
    _check_terms(terms, None)
    _check_initiative(user, terms.initiative)
    contract = OutcomeContract.objects.create(
        owner=owner,
        visibility=Visibility.PARTNERS,
        created_by=acting_user(user),
        **_term_fields(terms),
    )
    record(
        user=user,
        contract=contract,
        obj=contract,
        action=ChangeAction.CREATE,
        before=None,
        after=snapshot(contract),
    )
    return contract


def _term_fields(terms: Terms) -> dict[str, Any]:
    return {
        "name": terms.name.strip(),
        "description": terms.description,
        "initiative": terms.initiative,
        "cohort_size": terms.cohort_size,
        "cohort_description": terms.cohort_description,
        "start_date": terms.start_date,
        "period_months": terms.period_months,
        "periods": terms.periods,
        "cap_total_sek": sek(terms.cap_total_sek),
        "cap_per_period_sek": sek(terms.cap_per_period_sek),
        "payment_days": terms.payment_days,
    }


@transaction.atomic
def update_contract(*, user: Any, contract: OutcomeContract, terms: Terms) -> bool:
    """Change the terms; False when nothing changed."""
    _require_commissioner(user, contract)
    _check_terms(terms, contract)
    if terms.initiative != contract.initiative:
        _check_initiative(user, terms.initiative)
    before = snapshot(contract)
    for name, value in _term_fields(terms).items():
        setattr(contract, name, value)
    after = snapshot(contract)
    if after == before:
        return False
    contract.save()
    record(
        user=user,
        contract=contract,
        obj=contract,
        action=ChangeAction.UPDATE,
        before=before,
        after=after,
    )
    return True


# --- parties ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartyInput:
    organisation: Organisation
    role: str
    share_percent: float | None = None  # payers: their share, percent
    cap_sek: Decimal | float | None = None  # payers: their own cap


def _share(percent: float | None) -> Decimal:
    return (Decimal(str(percent or 0)) / 100).quantize(Decimal("0.0001"))


def _check_parties(contract: OutcomeContract, parties: Sequence[PartyInput]) -> None:
    payers = [p for p in parties if p.role == PartyRole.PAYER]
    if not payers:
        raise ContractError(_("Name at least one outcome payer."))
    seen: set[tuple[int, str]] = set()
    for p in parties:
        key = (p.organisation.pk, p.role)
        if key in seen:
            raise ContractError(
                _("%(org)s is named twice as %(role)s.")
                % {"org": p.organisation.name, "role": PartyRole(p.role).label.lower()}
            )
        seen.add(key)
    for p in payers:
        if p.share_percent is None or not 0 < p.share_percent <= 100:
            raise ContractError(
                _("Give the share of %(org)s as a percentage above 0 and at most 100.")
                % {"org": p.organisation.name}
            )
        _positive_or_none(p.cap_sek, str(_("The cap of %(org)s") % {"org": p.organisation.name}))
    total = sum(_share(p.share_percent) for p in payers)
    if total != Decimal("1.0000"):
        raise ContractError(
            _(
                "The payers' shares add up to %(total)s %%, not 100 %%: every payment is split "
                "between the payers by their shares, so they must add up to exactly 100 %%."
            )
            % {"total": format_number(float(total * 100), 2)}
        )
    providers = {p.organisation.pk for p in parties if p.role == PartyRole.PROVIDER}
    evaluators = {p.organisation.pk for p in parties if p.role == PartyRole.EVALUATOR}
    both = providers & evaluators
    if both:
        name = next(p.organisation.name for p in parties if p.organisation.pk in both)
        raise ContractError(
            _(
                "%(org)s cannot both provide the service and evaluate its outcomes: the "
                "evaluator must be independent of the provider."
            )
            % {"org": name}
        )
    if contract.owner_id in providers or contract.owner_id in evaluators:
        raise ContractError(
            _(
                "The commissioner cannot be the provider or the evaluator of its own contract: "
                "name another organisation."
            )
        )
    if contract.reports.filter(status=ReportStatus.VERIFIED).exists():
        now = {
            (p.organisation_id, p.share, p.cap_sek)
            for p in contract.parties.filter(role=PartyRole.PAYER)
        }
        wanted = {(p.organisation.pk, _share(p.share_percent), sek(p.cap_sek)) for p in payers}
        if now != wanted:
            raise ContractError(
                _(
                    "Outcomes are verified: the payers, their shares and their caps can no "
                    "longer change, since the amounts due rest on them."
                )
            )
    paid = set(contract.payments.values_list("payer_id", flat=True))
    missing = paid - {p.organisation.pk for p in payers}
    if missing:
        name = Organisation.objects.filter(pk__in=missing).order_by("name").first()
        raise ContractError(
            _("%(org)s has recorded payments: it stays a payer.")
            % {"org": name.name if name else ""}
        )


@transaction.atomic
def set_parties(*, user: Any, contract: OutcomeContract, parties: Sequence[PartyInput]) -> bool:
    """Make the contract's parties exactly `parties` (with the payers' shares and caps); the
    contract is shared with them and nobody else. False when nothing changed."""
    _require_commissioner(user, contract)
    _check_parties(contract, parties)
    existing = {
        (p.organisation_id, p.role): p for p in contract.parties.select_related("organisation")
    }
    wanted = {(p.organisation.pk, p.role): p for p in parties}
    changed = False
    for key, party in existing.items():
        if key not in wanted:
            record(
                user=user,
                contract=contract,
                obj=party,
                action=ChangeAction.DELETE,
                before=snapshot(party),
                after=None,
                organisation=party.organisation_id,
            )
            party.delete()
            changed = True
    for key, given in wanted.items():
        is_payer = given.role == PartyRole.PAYER
        share = _share(given.share_percent) if is_payer else None
        cap = sek(given.cap_sek) if is_payer else None
        party = existing.get(key)
        if party is None:
            party = ContractParty.objects.create(
                contract=contract,
                organisation=given.organisation,
                role=given.role,
                share=share,
                cap_sek=cap,
            )
            record(
                user=user,
                contract=contract,
                obj=party,
                action=ChangeAction.CREATE,
                before=None,
                after=snapshot(party),
                organisation=party.organisation_id,
            )
            changed = True
        elif party.share != share or party.cap_sek != cap:
            before = snapshot(party)
            party.share, party.cap_sek = share, cap
            party.save()
            record(
                user=user,
                contract=contract,
                obj=party,
                action=ChangeAction.UPDATE,
                before=before,
                after=snapshot(party),
                organisation=party.organisation_id,
            )
            changed = True
    members = sorted({p.organisation.pk for p in parties} - {contract.owner_id})
    if sorted(contract.shared_with.values_list("pk", flat=True)) != members:
        contract.shared_with.set(members)
    if contract.visibility != Visibility.PARTNERS:
        contract.visibility = Visibility.PARTNERS
        contract.save(update_fields=["visibility"])
    contract._prefetched_objects_cache = {}  # type: ignore[attr-defined]
    return changed


# --- metrics and the rate card ----------------------------------------------------------------


@dataclass(frozen=True)
class MetricInput:
    name: str
    definition: str = ""
    direction: str = "higher_is_better"
    baseline_kind: str = BaselineKind.FIXED
    baseline: float | None = None  # people, for a fixed baseline
    indicator: Indicator | None = None
    area: Area | None = None
    baseline_year: int | None = None
    price_sek_per_unit: Decimal | float = 0
    cap_sek: Decimal | float | None = None
    expected_per_period: float | None = None
    savings_sek_per_unit: Decimal | float | None = None
    effect_node: EffectNode | None = None


@dataclass(frozen=True)
class ComparisonBaseline:
    share: float
    people: float
    source: str


def comparison_baseline(
    *, user: Any, indicator: Indicator, area: Area, year: int, cohort_size: int
) -> ComparisonBaseline:
    """The baseline in people from the area's statistics: the share of the comparison area in
    `year` (the statistics the user may see; a later retrieval wins) times the cohort size —
    how many of the cohort would achieve the outcome anyway at the comparison area's rate."""
    if not indicator.is_ratio:
        raise ContractError(
            _(
                "%(indicator)s is not a share: a comparison baseline needs a share (such as "
                "employment 20–64) to apply to the cohort."
            )
            % {"indicator": indicator.name}
        )
    member_ids = (
        list(area.members.values_list("id", flat=True)) if area.level == AreaLevel.CUSTOM else []
    )
    own_ids = member_ids or [area.pk]
    latest: dict[int, Any] = {}
    for obs in (
        observations_for(user)
        .filter(indicator=indicator, area_id__in=own_ids, period=str(year))
        .order_by("retrieved_at", "id")
    ):
        latest[obs.area_id] = obs  # a later retrieval of the same cell wins
    parts = [latest.get(i) for i in own_ids]
    figure = None
    if all(p is not None for p in parts):
        present = [p for p in parts if p is not None]
        if member_ids:
            # A custom area: its members' numerators and denominators summed (engine.aggregate).
            figure = combine(
                [Figure(p.value, p.numerator, p.denominator) for p in present], Combine.RATIO
            )
        else:
            figure = Figure(present[0].value, present[0].numerator, present[0].denominator)
    if figure is None or figure.value is None:
        raise ContractError(
            _(
                "There is no figure for %(indicator)s in %(area)s for %(year)s among the "
                "statistics you see: choose another year or area, or give a fixed baseline."
            )
            % {"indicator": indicator.name, "area": area.name, "year": year}
        )
    share = float(figure.value)
    if not 0 <= share <= 1:
        raise ContractError(_("The comparison figure is not a share between 0 and 1."))
    sources = sorted({p.source for p in parts if p is not None and p.source}) or [indicator.source]
    source = f"{'; '.join(sources)}, {area.name} {year}"[:300]
    return ComparisonBaseline(share=share, people=round(share * cohort_size, 4), source=source)


def _metric_fields(user: Any, contract: OutcomeContract, given: MetricInput) -> dict[str, Any]:
    check_texts(**{str(_("Name")): given.name, str(_("Definition")): given.definition})
    if not given.name.strip():
        raise ContractError(_("Give the outcome a name."))
    price = _positive_or_none(given.price_sek_per_unit, str(_("The price per person")))
    if price is None:
        raise ContractError(_("Give the price per person."))
    fields: dict[str, Any] = {
        "name": given.name.strip(),
        "definition": given.definition,
        "direction": given.direction,
        "baseline_kind": given.baseline_kind,
        "price_sek_per_unit": price,
        "cap_sek": _positive_or_none(given.cap_sek, str(_("The cap for this outcome"))),
        "expected_per_period": given.expected_per_period,
        "savings_sek_per_unit": _positive_or_none(
            given.savings_sek_per_unit, str(_("The saving per person"))
        ),
        "effect_node": given.effect_node,
        "indicator": None,
        "area": None,
        "baseline_year": None,
        "baseline_share": None,
        "baseline_source": "",
    }
    if given.expected_per_period is not None:
        _check_count(contract, round(given.expected_per_period), str(_("The expected outcome")))
    if given.effect_node is not None and (
        contract.initiative_id is None or given.effect_node.initiative_id != contract.initiative_id
    ):
        raise ContractError(_("Choose an outcome of the contract's initiative's effect logic."))
    if given.baseline_kind == BaselineKind.STATISTICS:
        if given.indicator is None or given.area is None or given.baseline_year is None:
            raise ContractError(_("A comparison baseline needs an indicator, an area and a year."))
        found = comparison_baseline(
            user=user,
            indicator=given.indicator,
            area=given.area,
            year=given.baseline_year,
            cohort_size=contract.cohort_size,
        )
        fields |= {
            "baseline": found.people,
            "indicator": given.indicator,
            "area": given.area,
            "baseline_year": given.baseline_year,
            "baseline_share": found.share,
            "baseline_source": found.source,
        }
    else:
        if given.baseline is None:
            raise ContractError(_("Give the baseline in people."))
        if given.baseline < 0 or given.baseline > contract.cohort_size:
            raise ContractError(
                _("The baseline must be between 0 and the cohort's %(size)s people.")
                % {"size": contract.cohort_size}
            )
        fields["baseline"] = float(given.baseline)
    return fields


@transaction.atomic
def save_metric(
    *,
    user: Any,
    contract: OutcomeContract,
    given: MetricInput,
    metric: OutcomeMetric | None = None,
) -> OutcomeMetric:
    """Add an outcome metric, or change one. Once outcomes of a metric are verified its
    baseline and direction stay as they were (the amounts due rest on them)."""
    _require_commissioner(user, contract)
    fields = _metric_fields(user, contract, given)
    if metric is None:
        position = contract.metrics.count()
        metric = OutcomeMetric.objects.create(contract=contract, position=position, **fields)
        record(
            user=user,
            contract=contract,
            obj=metric,
            action=ChangeAction.CREATE,
            before=None,
            after=snapshot(metric),
        )
        return metric
    if metric.contract_id != contract.pk:
        raise ContractError(_("The outcome does not belong to this contract."))
    verified = metric.reports.filter(status=ReportStatus.VERIFIED).exists()
    if verified and (
        abs(fields["baseline"] - metric.baseline) > 1e-9
        or fields["direction"] != metric.direction
        or fields["price_sek_per_unit"] != metric.price_sek_per_unit
        or fields["cap_sek"] != metric.cap_sek
    ):
        raise ContractError(
            _(
                "Outcomes of %(metric)s are verified: its baseline, direction, price and cap can "
                "no longer change (payments rest on them). Add a price from a later period to "
                "the rate card instead."
            )
            % {"metric": metric.name}
        )
    before = snapshot(metric)
    for name, value in fields.items():
        setattr(metric, name, value)
    after = snapshot(metric)
    if after != before:
        metric.save()
        record(
            user=user,
            contract=contract,
            obj=metric,
            action=ChangeAction.UPDATE,
            before=before,
            after=after,
        )
    return metric


@transaction.atomic
def delete_metric(*, user: Any, metric: OutcomeMetric) -> None:
    contract = metric.contract
    _require_commissioner(user, contract)
    if metric.reports.exists():
        raise ContractError(
            _("Outcomes of %(metric)s are reported: it cannot be removed.")
            % {"metric": metric.name}
        )
    record(
        user=user,
        contract=contract,
        obj=metric,
        action=ChangeAction.DELETE,
        before=snapshot(metric),
        after=None,
    )
    metric.prices.all().delete()
    metric.delete()


@transaction.atomic
def set_rate_price(
    *,
    user: Any,
    metric: OutcomeMetric,
    from_period: int,
    price_sek_per_unit: Decimal | float,
) -> RatePrice:
    """The metric's price from `from_period` on. A price for a period whose outcomes are
    verified cannot be set or changed."""
    contract = metric.contract
    _require_commissioner(user, contract)
    _check_period(contract, from_period, must_have_ended=False)
    if from_period == 1:
        raise ContractError(
            _("The price from period 1 is the outcome's own price: change it on the outcome.")
        )
    price = _positive_or_none(price_sek_per_unit, str(_("The price per person")))
    if price is None:
        raise ContractError(_("Give the price per person."))
    if metric.reports.filter(status=ReportStatus.VERIFIED, period__gte=from_period).exists():
        raise ContractError(
            _(
                "Outcomes of %(metric)s from period %(period)s on are verified: their price can "
                "no longer change."
            )
            % {"metric": metric.name, "period": from_period}
        )
    existing = metric.prices.filter(from_period=from_period).first()
    if existing is None:
        entry = RatePrice.objects.create(
            metric=metric, from_period=from_period, price_sek_per_unit=price
        )
        record(
            user=user,
            contract=contract,
            obj=entry,
            action=ChangeAction.CREATE,
            before=None,
            after=snapshot(entry),
        )
        return entry
    before = snapshot(existing)
    existing.price_sek_per_unit = price
    existing.save()
    record(
        user=user,
        contract=contract,
        obj=existing,
        action=ChangeAction.UPDATE,
        before=before,
        after=snapshot(existing),
    )
    return existing


@transaction.atomic
def delete_rate_price(*, user: Any, entry: RatePrice) -> None:
    metric = entry.metric
    contract = metric.contract
    _require_commissioner(user, contract)
    if metric.reports.filter(status=ReportStatus.VERIFIED, period__gte=entry.from_period).exists():
        raise ContractError(_("Outcomes priced by this entry are verified: it cannot be removed."))
    record(
        user=user,
        contract=contract,
        obj=entry,
        action=ChangeAction.DELETE,
        before=snapshot(entry),
        after=None,
    )
    entry.delete()


# --- the investor -----------------------------------------------------------------------------


@transaction.atomic
def record_investment(
    *, user: Any, contract: OutcomeContract, day: date, amount_sek: Decimal | float, note: str = ""
) -> Investment:
    """Capital the investor pays in (or plans to pay in) on `day`: its editors or the
    commissioner's."""
    st = _fresh_standing(user, contract)
    if not st.can_record_investment:
        raise NotAllowed(
            _("Only the investor's or the commissioner's editors record the investment.")
        )
    if not contract.parties.filter(role=PartyRole.INVESTOR).exists():
        raise ContractError(_("Name the investor among the parties first."))
    check_texts(**{str(_("Note")): note})
    amount = _positive_or_none(amount_sek, str(_("The amount")))
    if amount is None or amount <= 0:
        raise ContractError(_("Give an amount above zero."))
    investment = Investment.objects.create(
        contract=contract, date=day, amount_sek=amount, note=note, recorded_by=acting_user(user)
    )
    record(
        user=user,
        contract=contract,
        obj=investment,
        action=ChangeAction.CREATE,
        before=None,
        after=snapshot(investment),
    )
    return investment


# --- outcomes: reported by the provider, verified by the evaluator ---------------------------


def _attach(user: Any, report: OutcomeReport, files: Iterable[CheckedFile]) -> None:
    for f in files:
        Evidence.objects.create(
            report=report,
            name=f.name,
            content_type=f.content_type,
            size=len(f.data),
            sha256=f.sha256,
            data=f.data,
            uploaded_by=acting_user(user),
        )


@transaction.atomic
def report_outcome(
    *,
    user: Any,
    contract: OutcomeContract,
    metric: OutcomeMetric,
    period: int,
    value: int,
    note: str = "",
    files: Sequence[CheckedFile] = (),
    at: datetime | None = None,
) -> OutcomeReport:
    """The provider's figure for a metric in an ended period: how many people of the cohort
    achieved the outcome. A report awaiting verification or returned may be reported again; a
    verified one is final."""
    require_provider(user, contract)
    if metric.contract_id != contract.pk:
        raise ContractError(_("The outcome does not belong to this contract."))
    _check_period(contract, period, must_have_ended=True)
    _check_count(contract, value, str(_("The outcome reported")))
    check_texts(**{str(_("Note")): note})
    existing = (
        OutcomeReport.objects.select_for_update().filter(metric=metric, period=period).first()
    )
    moment = at or timezone.now()
    if existing is not None and existing.status == ReportStatus.VERIFIED:
        raise ContractError(
            _(
                "The outcome of %(metric)s in period %(period)s is verified and final: it can no "
                "longer be reported again."
            )
            % {"metric": metric.name, "period": period}
        )
    if existing is None:
        report = OutcomeReport.objects.create(
            contract=contract,
            metric=metric,
            period=period,
            value=value,
            note=note,
            reported_by=acting_user(user),
            reported_at=moment,
        )
        _attach(user, report, files)
        record(
            user=user,
            contract=contract,
            obj=report,
            action=ChangeAction.REPORT,
            before=None,
            after=snapshot(report),
        )
        return report
    before = snapshot(existing)
    existing.value, existing.note = value, note
    existing.status = ReportStatus.REPORTED
    existing.reported_by, existing.reported_at = acting_user(user), moment
    existing.save()
    _attach(user, existing, files)
    record(
        user=user,
        contract=contract,
        obj=existing,
        action=ChangeAction.REPORT,
        before=before,
        after=snapshot(existing),
    )
    return existing


def require_provider(user: Any, contract: OutcomeContract) -> None:
    """NotAllowed unless `user` is an editor of the contract's service provider."""
    if not _fresh_standing(user, contract).can_report:
        raise NotAllowed(
            _(
                "Only an editor of the service provider (%(orgs)s) reports outcomes of this "
                "contract. The evaluator verifies them but does not report them."
            )
            % {"orgs": _party_names(contract, PartyRole.PROVIDER)}
        )


def require_evaluator(user: Any, contract: OutcomeContract) -> None:
    """NotAllowed unless `user` is an editor of the contract's evaluator."""
    _require_evaluator(user, contract)


def _require_evaluator(user: Any, contract: OutcomeContract) -> None:
    if not _fresh_standing(user, contract).can_verify:
        raise NotAllowed(
            _(
                "Only an editor of the evaluator (%(orgs)s) verifies the outcomes of this "
                "contract. Nothing was saved."
            )
            % {"orgs": _party_names(contract, PartyRole.EVALUATOR)}
        )


@transaction.atomic
def verify_outcome(
    *,
    user: Any,
    report: OutcomeReport,
    verified_value: int | None = None,
    comment: str = "",
    files: Sequence[CheckedFile] = (),
    at: datetime | None = None,
) -> OutcomeReport:
    """The evaluator confirms the report (or a smaller figure it found), on the grounds of a
    file or a comment. From then on the outcome is due for payment under the caps."""
    report = (
        OutcomeReport.objects.select_for_update()
        .select_related("contract", "metric")
        .get(pk=report.pk)
    )
    contract = report.contract
    _require_evaluator(user, contract)
    if report.status != ReportStatus.REPORTED:
        raise ContractError(
            _("Only an outcome awaiting verification can be verified; this one is %(status)s.")
            % {"status": report.get_status_display().lower()}
        )
    value = report.value if verified_value is None else verified_value
    _check_count(contract, value, str(_("The verified outcome")))
    if value > report.value:
        raise ContractError(
            _(
                "The verified outcome (%(value)s) cannot be larger than what the provider "
                "reported (%(reported)s): return the report for the provider to correct it."
            )
            % {"value": value, "reported": report.value}
        )
    check_texts(**{str(_("Comment")): comment})
    if not comment.strip() and not files and not report.evidence.exists():
        raise ContractError(_("Attach the evidence or write what the verification rests on."))
    before = snapshot(report)
    report.verified_value = value
    report.comment = comment
    report.status = ReportStatus.VERIFIED
    report.verified_by, report.verified_at = acting_user(user), at or timezone.now()
    report.save()
    _attach(user, report, files)
    record(
        user=user,
        contract=contract,
        obj=report,
        action=ChangeAction.VERIFY,
        before=before,
        after=snapshot(report),
    )
    return report


@transaction.atomic
def return_report(*, user: Any, report: OutcomeReport, comment: str) -> OutcomeReport:
    """The evaluator sends the report back to the provider, saying what to correct."""
    report = (
        OutcomeReport.objects.select_for_update()
        .select_related("contract", "metric")
        .get(pk=report.pk)
    )
    contract = report.contract
    _require_evaluator(user, contract)
    if report.status != ReportStatus.REPORTED:
        raise ContractError(
            _("Only an outcome awaiting verification can be returned; this one is %(status)s.")
            % {"status": report.get_status_display().lower()}
        )
    check_texts(**{str(_("Comment")): comment})
    if not comment.strip():
        raise ContractError(_("Say what the provider should correct."))
    before = snapshot(report)
    report.status, report.comment = ReportStatus.RETURNED, comment
    report.save()
    record(
        user=user,
        contract=contract,
        obj=report,
        action=ChangeAction.RETURN,
        before=before,
        after=snapshot(report),
    )
    return report


# --- payments ---------------------------------------------------------------------------------


@transaction.atomic
def record_payment(
    *,
    user: Any,
    contract: OutcomeContract,
    payer: Organisation,
    period: int,
    amount_sek: Decimal | float,
    paid_on: date,
    reference: str = "",
) -> Payment:
    """A payer records what it paid for a period's verified outcomes: never more than is due
    from it for that period under the caps, less what it has paid already."""
    contract = OutcomeContract.objects.select_for_update().get(pk=contract.pk)
    st = _fresh_standing(user, contract)
    if payer.pk not in st.payer_editor_ids:
        raise NotAllowed(_("Only an editor of %(org)s records its payments.") % {"org": payer.name})
    _check_period(contract, period, must_have_ended=False)
    check_texts(**{str(_("Reference")): reference})
    amount = _positive_or_none(amount_sek, str(_("The amount")))
    if amount is None or amount <= 0:
        raise ContractError(_("Give an amount above zero."))
    if paid_on > timezone.localdate():
        raise ContractError(_("A payment is recorded once it is made: the date is in the future."))
    fresh = selectors.contract_for_ledger(contract.pk)
    ledger = selectors.contract_ledger(fresh)
    left = Decimal(str(ledger.due_left_for(payer.pk, period))).quantize(Decimal("0.01"))
    if amount > left:
        due = ledger.period(period)
        raise ContractError(
            _(
                "%(amount)s is more than %(org)s owes for period %(period)s: %(left)s is left "
                "of the %(due)s due under the contract's caps. Nothing was saved."
            )
            % {
                "amount": format_money(float(amount), 2),
                "org": payer.name,
                "period": period,
                "left": format_money(float(left), 2),
                "due": format_money(due.due_by_payer.get(payer.pk, 0.0) if due else 0.0, 2),
            }
        )
    payment = Payment.objects.create(
        contract=contract,
        payer=payer,
        period=period,
        amount_sek=amount,
        paid_on=paid_on,
        reference=reference,
        recorded_by=acting_user(user),
    )
    record(
        user=user,
        contract=contract,
        obj=payment,
        action=ChangeAction.PAY,
        before=None,
        after=snapshot(payment),
        organisation=payer,
    )
    return payment


# --- corrections of what was recorded ---------------------------------------------------------


def _reason(reason: str) -> str:
    """The reason for a correction: required, and never a personal identity number."""
    reason = (reason or "").strip()
    if not reason:
        raise ContractError(
            _("Say why it is corrected: the reason is kept in the contract's history.")
        )
    check_texts(**{str(_("Reason")): reason})
    return reason


def _require_payment_editor(user: Any, payment: Payment) -> None:
    st = _fresh_standing(user, payment.contract)
    if payment.payer_id not in st.payer_editor_ids and not st.commissioner_editor:
        raise NotAllowed(
            _(
                "Only an editor of %(org)s, the payer, or of the commissioner corrects this "
                "payment. Nothing was saved."
            )
            % {"org": payment.payer.name}
        )


@transaction.atomic
def correct_payment(
    *,
    user: Any,
    payment: Payment,
    amount_sek: Decimal | float,
    paid_on: date,
    reference: str,
    reason: str,
) -> Payment:
    """Correct a recorded payment's amount, date or reference, with the reason: the payer's
    editors (their own payments) or the commissioner's. The same rules as when it was
    recorded: never more than is due from the payer for the period under the caps (this
    payment's old amount counted as not paid), never a date to come. The old and new figures
    and the reason go to the history; the ledger is computed again from the payments."""
    payment = (
        Payment.objects.select_for_update().select_related("contract", "payer").get(pk=payment.pk)
    )
    contract = OutcomeContract.objects.select_for_update().get(pk=payment.contract_id)
    payment.contract = contract
    _require_payment_editor(user, payment)
    reason = _reason(reason)
    check_texts(**{str(_("Reference")): reference})
    amount = _positive_or_none(amount_sek, str(_("The amount")))
    if amount is None or amount <= 0:
        raise ContractError(
            _("Give an amount above zero; remove the payment if it was never made.")
        )
    if paid_on > timezone.localdate():
        raise ContractError(_("A payment is recorded once it is made: the date is in the future."))
    ledger = selectors.contract_ledger(selectors.contract_for_ledger(contract.pk))
    left = Decimal(str(ledger.due_left_for(payment.payer_id, payment.period))).quantize(
        Decimal("0.01")
    )
    left += payment.amount_sek
    if amount > left:
        raise ContractError(
            _(
                "%(amount)s is more than %(org)s owes for period %(period)s: at most %(left)s "
                "with this payment counted as unpaid. Nothing was saved."
            )
            % {
                "amount": format_money(float(amount), 2),
                "org": payment.payer.name,
                "period": payment.period,
                "left": format_money(float(left), 2),
            }
        )
    before = snapshot(payment)
    payment.amount_sek, payment.paid_on, payment.reference = amount, paid_on, reference
    after = snapshot(payment)
    if after == before:
        raise ContractError(_("Nothing was changed: change the amount, the date or the reference."))
    payment.save()
    record(
        user=user,
        contract=contract,
        obj=payment,
        action=ChangeAction.UPDATE,
        before=before,
        after=after,
        organisation=payment.payer_id,
        reason=reason,
    )
    return payment


@transaction.atomic
def remove_payment(*, user: Any, payment: Payment, reason: str) -> None:
    """Remove a payment recorded by mistake, with the reason: the payer's editors (their own)
    or the commissioner's. What it was stays in the history; the period's amount is due
    again."""
    payment = (
        Payment.objects.select_for_update().select_related("contract", "payer").get(pk=payment.pk)
    )
    _require_payment_editor(user, payment)
    reason = _reason(reason)
    record(
        user=user,
        contract=payment.contract,
        obj=payment,
        action=ChangeAction.DELETE,
        before=snapshot(payment),
        after=None,
        organisation=payment.payer_id,
        reason=reason,
    )
    payment.delete()


def _require_investment_editor(user: Any, contract: OutcomeContract) -> None:
    if not _fresh_standing(user, contract).can_record_investment:
        raise NotAllowed(
            _(
                "Only the investor's or the commissioner's editors correct the investment. "
                "Nothing was saved."
            )
        )


@transaction.atomic
def correct_investment(
    *,
    user: Any,
    investment: Investment,
    day: date,
    amount_sek: Decimal | float,
    note: str,
    reason: str,
) -> Investment:
    """Correct capital paid in (its date, amount or note), with the reason: the investor's or
    the commissioner's editors. The investor's returns are computed again from the
    investments."""
    investment = (
        Investment.objects.select_for_update().select_related("contract").get(pk=investment.pk)
    )
    _require_investment_editor(user, investment.contract)
    reason = _reason(reason)
    check_texts(**{str(_("Note")): note})
    amount = _positive_or_none(amount_sek, str(_("The amount")))
    if amount is None or amount <= 0:
        raise ContractError(
            _("Give an amount above zero; remove the investment if it was never made.")
        )
    before = snapshot(investment)
    investment.date, investment.amount_sek, investment.note = day, amount, note
    after = snapshot(investment)
    if after == before:
        raise ContractError(_("Nothing was changed: change the date, the amount or the note."))
    investment.save()
    record(
        user=user,
        contract=investment.contract,
        obj=investment,
        action=ChangeAction.UPDATE,
        before=before,
        after=after,
        reason=reason,
    )
    return investment


@transaction.atomic
def remove_investment(*, user: Any, investment: Investment, reason: str) -> None:
    """Remove an investment recorded by mistake, with the reason (the investor's or the
    commissioner's editors); what it was stays in the history."""
    investment = (
        Investment.objects.select_for_update().select_related("contract").get(pk=investment.pk)
    )
    _require_investment_editor(user, investment.contract)
    reason = _reason(reason)
    record(
        user=user,
        contract=investment.contract,
        obj=investment,
        action=ChangeAction.DELETE,
        before=snapshot(investment),
        after=None,
        reason=reason,
    )
    investment.delete()
