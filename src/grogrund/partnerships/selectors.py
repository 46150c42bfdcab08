"""Reads for the partnership. Everything here belongs to a programme the caller has already
found with grogrund.programmes.selectors.programmes_for(user) (a programme's children are
seen by whoever sees the programme); who may change what is asked of accounts.access."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import F, QuerySet
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from grogrund.accounts.access import partner_ids, partner_organisations_for
from grogrund.accounts.models import Organisation, OrganisationKind
from grogrund.core.numbers import format_money, format_number
from grogrund.engine.result import ValuationResult
from grogrund.engine.stakeholders import STAKEHOLDERS
from grogrund.partnerships.calculations import (
    BudgetTable,
    PartnerTotals,
    SplitRow,
    YearAmounts,
    budget_table,
    compare_split,
    staff_value_sek,
)
from grogrund.partnerships.models import (
    TOPIC_HELP,
    Commitment,
    ReadinessItem,
    ReadinessStatus,
    ReadinessTopic,
)
from grogrund.partnerships.services import can_sign
from grogrund.programmes.models import ChangeAction, ChangeLog, Programme
from grogrund.valuations.models import Valuation

# --- readiness ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadinessRow:
    topic: str
    label: str
    help: str
    item: ReadinessItem | None

    @property
    def status(self) -> str:
        return self.item.status if self.item else ReadinessStatus.MISSING


@dataclass(frozen=True)
class ReadinessSummary:
    rows: list[ReadinessRow]

    def _labels(self, status: str) -> list[str]:
        return [r.label for r in self.rows if r.status == status]

    @property
    def in_place(self) -> list[str]:
        return self._labels(ReadinessStatus.IN_PLACE)

    @property
    def in_progress(self) -> list[str]:
        return self._labels(ReadinessStatus.IN_PROGRESS)

    @property
    def missing(self) -> list[str]:
        return self._labels(ReadinessStatus.MISSING)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def ready(self) -> bool:
        return len(self.in_place) == self.total


def readiness_rows(programme: Programme) -> list[ReadinessRow]:
    """Every topic in the order of the record, with its item (None: nothing recorded)."""
    items = {i.topic: i for i in programme.readiness_items.select_related("recorded_by")}
    return [
        ReadinessRow(topic.value, str(topic.label), str(TOPIC_HELP[topic]), items.get(topic.value))
        for topic in ReadinessTopic
    ]


def readiness_summary(programme: Programme) -> ReadinessSummary:
    return ReadinessSummary(readiness_rows(programme))


def programme_history(programme: Programme, *object_types: str) -> QuerySet[ChangeLog]:
    """Changes of the given kinds of object in the programme, newest first."""
    return ChangeLog.objects.filter(
        programme=programme, object_type__in=object_types
    ).select_related("user")


# --- partners and commitments ---------------------------------------------------------------


def partners(programme: Programme) -> list[Organisation]:
    """The programme's owner first, then its partners by name."""
    others = Organisation.objects.filter(pk__in=partner_ids(programme) - {programme.owner_id})
    return [programme.owner, *others.order_by("name")]


def commitments(programme: Programme) -> QuerySet[Commitment]:
    return (
        programme.commitments.select_related("organisation", "signed_by")
        .prefetch_related("years")
        .order_by("organisation__name")
    )


@dataclass
class PartnerRow:
    organisation: Organisation
    commitment: Commitment | None
    is_owner: bool
    is_partner: bool  # False: committed once, but no longer a partner of the programme
    can_edit: bool
    can_sign: bool
    totals: PartnerTotals | None = None  # None: no commitment yet

    @property
    def is_signed(self) -> bool:
        return self.commitment is not None and self.commitment.is_signed


@dataclass
class Partnership:
    programme: Programme
    rows: list[PartnerRow]
    budget: BudgetTable

    @property
    def budget_rows(self) -> list[tuple[PartnerRow, list[float]]]:
        """Each committing partner with its valued contribution in each year of the budget."""
        years = self.budget.years
        return [
            (r, [r.totals.by_year.get(y, 0.0) for y in years])
            for r in self.rows
            if r.totals is not None
        ]

    @property
    def year_totals(self) -> list[float]:
        return [self.budget.year_totals[y] for y in self.budget.years]

    @property
    def signed_count(self) -> int:
        return sum(1 for r in self.rows if r.is_signed)

    @property
    def committed_count(self) -> int:
        return sum(1 for r in self.rows if r.commitment is not None)


def _amounts(commitment: Commitment) -> list[YearAmounts]:
    return [
        YearAmounts(y.year, float(y.money_sek), float(y.staff_hours), float(y.in_kind_sek))
        for y in commitment.years.all()
    ]


@dataclass(frozen=True)
class YearRow:
    year: int
    money_sek: float
    staff_hours: float
    staff_value_sek: float
    in_kind_sek: float

    @property
    def total_sek(self) -> float:
        return self.money_sek + self.staff_value_sek + self.in_kind_sek


def commitment_year_rows(commitment: Commitment) -> list[YearRow]:
    return [
        YearRow(
            a.year,
            a.money_sek,
            a.staff_hours,
            staff_value_sek(a.staff_hours, commitment.hourly_cost_sek),
            a.in_kind_sek,
        )
        for a in sorted(_amounts(commitment), key=lambda a: a.year)
    ]


def partnership(user: Any, programme: Programme) -> Partnership:
    """Partners with their commitments, what `user` may do with each, and the common budget
    (the programme's years from its start year, and any other year with a commitment)."""
    by_org = {c.organisation_id: c for c in commitments(programme)}
    editable = {o.pk for o in partner_organisations_for(user, programme)}
    orgs = partners(programme)
    known = {o.pk for o in orgs}
    former = sorted(
        (c.organisation for c in by_org.values() if c.organisation_id not in known),
        key=lambda o: o.name,
    )
    rows = [
        PartnerRow(
            organisation=o,
            commitment=by_org.get(o.pk),
            is_owner=o.pk == programme.owner_id,
            is_partner=o.pk in known,
            can_edit=o.pk in editable,
            can_sign=o.pk in known and can_sign(user, programme, o.pk),
        )
        for o in [*orgs, *former]
    ]
    table = budget_table(
        [
            (
                str(r.organisation.pk),
                float(r.commitment.hourly_cost_sek),
                _amounts(r.commitment),
            )
            for r in rows
            if r.commitment is not None
        ],
    )
    by_key = {t.key: t for t in table.partners}
    for r in rows:
        r.totals = by_key.get(str(r.organisation.pk))
    return Partnership(programme=programme, rows=rows, budget=table)


# --- cost split -----------------------------------------------------------------------------


def programme_valuations(programme: Programme) -> QuerySet[Valuation]:
    """The programme's valuations, the programme's own (no initiative) first."""
    return (
        Valuation.objects.filter(programme=programme)
        .select_related("initiative")
        .order_by(F("initiative_id").asc(nulls_first=True), "name", "pk")
    )


def valuation_result(valuation: Valuation) -> ValuationResult:
    """The engine's result for a valuation (the valuations app caches it). Raises ModelError
    when the stored model does not validate."""
    try:
        from grogrund.valuations.services import result_for
    except ImportError:  # pragma: no cover - older valuations app
        from grogrund.engine.evaluate import evaluate

        return evaluate(valuation.model)
    return result_for(valuation)


def stakeholder_label(stakeholder_id: str, result_names: dict[str, str]) -> str:
    """The stakeholder's name in the user's language (the engine's names are English)."""
    known = STAKEHOLDERS.get(stakeholder_id)
    if known is not None:
        return known[1] if (get_language() or "sv").startswith("en") else known[0]
    return result_names.get(stakeholder_id, stakeholder_id)


#: The engine's stakeholders that an organisation of each kind stands for by default.
KIND_STAKEHOLDERS: dict[str, tuple[str, ...]] = {
    OrganisationKind.MUNICIPALITY: ("municipality",),
    OrganisationKind.HOUSING_COMPANY: ("housing_company",),
    OrganisationKind.REGION: ("region",),
    OrganisationKind.INVESTOR: ("investor",),
}
#: A state agency stands for the state stakeholder its name says.
STATE_AGENCY_NAMES: dict[str, str] = {
    "arbetsförmedlingen": "arbetsformedlingen",
    "försäkringskassan": "forsakringskassan",
    "polis": "justice",
    "kriminalvård": "justice",
    "åklagar": "justice",
}


def default_partner(stakeholder_id: str, orgs: list[Organisation]) -> Organisation | None:
    """The partner that stands for a stakeholder unless the programme says otherwise: one
    whose short name is the stakeholder id (models may name partners as stakeholders; `-`
    and `_` count as the same), else
    the first (the owner comes first) whose kind stands for it."""
    wanted = stakeholder_id.lower().replace("-", "_")
    for o in orgs:
        if o.slug.lower().replace("-", "_") == wanted:
            return o
    for o in orgs:
        if stakeholder_id in KIND_STAKEHOLDERS.get(o.kind, ()):
            return o
        if o.kind == OrganisationKind.STATE_AGENCY:
            name = o.name.lower()
            if any(k in name and v == stakeholder_id for k, v in STATE_AGENCY_NAMES.items()):
                return o
    return None


@dataclass(frozen=True)
class LinkRow:
    stakeholder: str
    label: str
    organisation: Organisation | None
    is_default: bool  # no choice recorded: the default from the organisation's kind


def stakeholder_links(
    programme: Programme, stakeholder_ids: list[str], names: dict[str, str]
) -> list[LinkRow]:
    orgs = partners(programme)
    by_id = {o.pk: o for o in orgs}
    saved = {link.stakeholder: link for link in programme.stakeholder_links.all()}
    rows = []
    for s in stakeholder_ids:
        link = saved.get(s)
        if link is not None:
            org = by_id.get(link.organisation_id) if link.organisation_id else None
            rows.append(LinkRow(s, stakeholder_label(s, names), org, False))
        else:
            rows.append(LinkRow(s, stakeholder_label(s, names), default_partner(s, orgs), True))
    return rows


@dataclass
class CostSplit:
    valuation: Valuation
    result: ValuationResult
    links: list[LinkRow]
    rows: list[tuple[SplitRow, Organisation | None, list[str]]]  # row, partner, stakeholders
    total_cost_sek: float

    @property
    def no_partner_benefits(self) -> bool:
        return all(r.partner_share is None for r, _o, _s in self.rows if r.is_partner)


def cost_split_for(programme: Programme, valuation: Valuation, part: Partnership) -> CostSplit:
    """Benefits per partner from the valuation (its stakeholders linked to partners), the
    proposed split of the common budget, and what each partner committed."""
    result = valuation_result(valuation)
    names = {s["id"]: s["name"] for s in result.stakeholders}
    benefit = {
        row["stakeholder"]: float(row["pv_benefits"] or 0.0) for row in result.by_stakeholder
    }
    links = stakeholder_links(programme, list(benefit), names)
    partner_rows = [r for r in part.rows if r.is_partner]
    by_partner: dict[str, float] = {str(r.organisation.pk): 0.0 for r in partner_rows}
    stakeholders_of: dict[str, list[str]] = {k: [] for k in by_partner}
    unlinked: dict[str, float] = {}
    for link in links:
        if link.organisation is not None and str(link.organisation.pk) in by_partner:
            key = str(link.organisation.pk)
            by_partner[key] += benefit[link.stakeholder]
            stakeholders_of[key].append(link.label)
        else:
            unlinked[link.stakeholder] = benefit[link.stakeholder]
    committed = {
        str(r.organisation.pk): (r.totals.total_sek if r.totals else 0.0) for r in partner_rows
    }
    split = compare_split(by_partner, committed, unlinked)
    orgs = {str(r.organisation.pk): r.organisation for r in partner_rows}
    label = {link.stakeholder: link.label for link in links}
    rows = [
        (
            r,
            orgs.get(r.key) if r.is_partner else None,
            stakeholders_of.get(r.key, []) if r.is_partner else [label[r.key]],
        )
        for r in split
    ]
    return CostSplit(valuation, result, links, rows, sum(committed.values()))


def chosen_valuation(programme: Programme, wanted: str | None) -> Valuation | None:
    valuations = programme_valuations(programme)
    if wanted and wanted.isdigit():
        found = valuations.filter(pk=int(wanted)).first()
        if found is not None:
            return found
    return valuations.first()


# --- the history of a commitment in words ----------------------------------------------------


@dataclass(frozen=True)
class ChangeInWords:
    entry: ChangeLog
    lines: list[str]


_YEAR_FIELDS = (
    ("money_sek", gettext_lazy("money"), True),
    ("staff_hours", gettext_lazy("staff hours"), False),
    ("in_kind_sek", gettext_lazy("in kind"), True),
)


def _amount(value: float, money: bool) -> str:
    return format_money(value) if money else format_number(value, 0 if value == int(value) else 1)


def commitment_changes(history: Any) -> list[ChangeInWords]:
    """Each kept change of a commitment as short sentences: which year and amount changed,
    the hourly cost, and signatures given or withdrawn."""
    out = []
    for entry in history:
        if entry.action == ChangeAction.DELETE:
            out.append(ChangeInWords(entry, [_("Commitment deleted.")]))
            continue
        before, after = entry.before or {}, entry.after or {}
        lines: list[str] = []
        old_years = {y["year"]: y for y in before.get("years", [])}
        new_years = {y["year"]: y for y in after.get("years", [])}
        for year in sorted(set(old_years) | set(new_years)):
            old, new = old_years.get(year, {}), new_years.get(year, {})
            for key, label, money in _YEAR_FIELDS:
                a, b = float(old.get(key, 0) or 0), float(new.get(key, 0) or 0)
                if a != b:
                    lines.append(
                        _("%(year)s, %(what)s: %(before)s → %(after)s")
                        % {
                            "year": year,
                            "what": label,
                            "before": _amount(a, money),
                            "after": _amount(b, money),
                        }
                    )
        if before and before.get("hourly_cost_sek") != after.get("hourly_cost_sek"):
            lines.append(
                _("Hourly cost: %(before)s → %(after)s")
                % {
                    "before": format_money(before.get("hourly_cost_sek")),
                    "after": format_money(after.get("hourly_cost_sek")),
                }
            )
        for key, label in (
            ("in_kind_description", _("What is given in kind was changed.")),
            ("note", _("The note was changed.")),
        ):
            if before and before.get(key) != after.get(key):
                lines.append(str(label))
        if after.get("signed_at") and not before.get("signed_at"):
            lines.append(_("Signed."))
        elif before.get("signed_at") and not after.get("signed_at"):
            lines.append(_("The signature was withdrawn: the figures changed after signing."))
        if not before:
            lines.insert(0, _("Commitment recorded."))
        out.append(ChangeInWords(entry, lines))
    return out
