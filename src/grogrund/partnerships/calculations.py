"""The arithmetic of the common budget and of the proposed cost split, over plain data.

Budget (step 10, Finansiering): a partner's contribution in a year is valued in kronor as
    money + staff hours × hourly cost + in kind (kr).
Cost split (mission.md, "Cost split"): the partners' shares of the programme's total cost are
proposed in proportion to their shares of the benefits (grogrund.engine.costsplit), and set
beside what each actually committed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from grogrund.engine.costsplit import cost_split

#: A partner is flagged when the share of the budget it carries differs from its proposed
#: share by more than this many percentage points (0–1): a choice of ours, so that rounding
#: and small in-kind items do not raise flags.
FLAG_TOLERANCE = 0.05


@dataclass(frozen=True)
class YearAmounts:
    """What one partner gives in one year."""

    year: int
    money_sek: float = 0.0
    staff_hours: float = 0.0
    in_kind_sek: float = 0.0


def staff_value_sek(hours: float, hourly_cost_sek: float) -> float:
    return hours * hourly_cost_sek


def value_sek(amounts: YearAmounts, hourly_cost_sek: float) -> float:
    """Money + staff hours × hourly cost + in kind, in kronor."""
    return (
        amounts.money_sek
        + staff_value_sek(amounts.staff_hours, hourly_cost_sek)
        + amounts.in_kind_sek
    )


@dataclass
class PartnerTotals:
    key: str
    hourly_cost_sek: float
    by_year: dict[int, float] = field(default_factory=dict)  # valued, kr
    money_sek: float = 0.0
    staff_hours: float = 0.0
    staff_value_sek: float = 0.0
    in_kind_sek: float = 0.0

    @property
    def total_sek(self) -> float:
        return self.money_sek + self.staff_value_sek + self.in_kind_sek


@dataclass
class BudgetTable:
    years: list[int]
    partners: list[PartnerTotals]
    year_totals: dict[int, float]
    money_sek: float
    staff_hours: float
    staff_value_sek: float
    in_kind_sek: float

    @property
    def total_sek(self) -> float:
        return self.money_sek + self.staff_value_sek + self.in_kind_sek


def budget_table(
    partners: Sequence[tuple[str, float, Sequence[YearAmounts]]],
    years: Sequence[int] = (),
) -> BudgetTable:
    """The common budget: per partner (key, hourly cost, yearly amounts) and per year.

    `years` are always shown (the programme's years); years with amounts are added."""
    all_years = set(years)
    rows = []
    for key, hourly_cost, amounts in partners:
        row = PartnerTotals(key=key, hourly_cost_sek=hourly_cost)
        for a in amounts:
            all_years.add(a.year)
            row.by_year[a.year] = row.by_year.get(a.year, 0.0) + value_sek(a, hourly_cost)
            row.money_sek += a.money_sek
            row.staff_hours += a.staff_hours
            row.staff_value_sek += staff_value_sek(a.staff_hours, hourly_cost)
            row.in_kind_sek += a.in_kind_sek
        rows.append(row)
    ordered = sorted(all_years)
    return BudgetTable(
        years=ordered,
        partners=rows,
        year_totals={y: sum(r.by_year.get(y, 0.0) for r in rows) for y in ordered},
        money_sek=sum(r.money_sek for r in rows),
        staff_hours=sum(r.staff_hours for r in rows),
        staff_value_sek=sum(r.staff_value_sek for r in rows),
        in_kind_sek=sum(r.in_kind_sek for r in rows),
    )


@dataclass(frozen=True)
class SplitRow:
    """One partner (or a stakeholder with no partner) in the cost-split comparison.

    `benefit_share`: of all benefits in the valuation; `partner_share`: of the benefits that
    reach partners, which is what the proposal divides. None for stakeholders with no partner
    where a figure does not apply."""

    key: str
    is_partner: bool
    benefit_pv_sek: float
    benefit_share: float
    partner_share: float | None
    proposed_sek: float | None
    committed_sek: float | None
    committed_share: float | None

    @property
    def difference_sek(self) -> float | None:
        if self.proposed_sek is None or self.committed_sek is None:
            return None
        return self.committed_sek - self.proposed_sek

    @property
    def flag(self) -> str:
        """'more' or 'less' when the partner carries much more or less than its share of the
        benefits (FLAG_TOLERANCE), '' otherwise."""
        if self.partner_share is None or self.committed_share is None:
            return ""
        gap = self.committed_share - self.partner_share
        if gap > FLAG_TOLERANCE:
            return "more"
        if gap < -FLAG_TOLERANCE:
            return "less"
        return ""


def compare_split(
    benefits_by_partner: Mapping[str, float],
    committed_by_partner: Mapping[str, float],
    benefits_without_partner: Mapping[str, float] = {},
) -> list[SplitRow]:
    """Partners first, in the order given, then stakeholders with no partner.

    The total cost is what the partners committed together (the common budget); the proposal
    shares it by the partners' benefits (engine.costsplit.cost_split). Benefits that reach no
    partner (the state, the individual) are shown, but nobody is proposed to pay for them."""
    total_cost = sum(committed_by_partner.values())
    keys = list(dict.fromkeys([*benefits_by_partner, *committed_by_partner]))
    partner_benefits = {k: benefits_by_partner.get(k, 0.0) for k in keys}
    proposal = cost_split(partner_benefits, total_cost)
    positive_partner = sum(max(0.0, b) for b in partner_benefits.values())
    positive_all = positive_partner + sum(max(0.0, b) for b in benefits_without_partner.values())

    # With no benefit reaching any partner there is nothing to propose.
    partners_benefit = positive_partner > 0

    def share(b: float, of: float) -> float:
        return max(0.0, b) / of if of > 0 else 0.0

    rows = [
        SplitRow(
            key=k,
            is_partner=True,
            benefit_pv_sek=partner_benefits[k],
            benefit_share=share(partner_benefits[k], positive_all),
            partner_share=share(partner_benefits[k], positive_partner)
            if partners_benefit
            else None,
            proposed_sek=proposal[k] if partners_benefit else None,
            committed_sek=committed_by_partner.get(k, 0.0),
            committed_share=(
                committed_by_partner.get(k, 0.0) / total_cost if total_cost > 0 else None
            ),
        )
        for k in keys
    ]
    rows += [
        SplitRow(
            key=k,
            is_partner=False,
            benefit_pv_sek=b,
            benefit_share=share(b, positive_all),
            partner_share=None,
            proposed_sek=None,
            committed_sek=None,
            committed_share=None,
        )
        for k, b in benefits_without_partner.items()
    ]
    return rows
