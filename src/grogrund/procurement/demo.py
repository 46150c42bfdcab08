"""This app's part of the demo (called at the end of grogrund.areas.demo.build.load_demo): a
renovation contract of Grobo Bostäder with a fictional supplier, an employment requirement
half delivered and an internship clause, reported by the supplier's Sara and verified by the
company's Edvin, who counts the verified persons toward the programme's employment goal, all
through the services (so the history reads as if done in the browser).
Running it again changes nothing. Every figure is fictional."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from grogrund.accounts.models import Organisation, User, Visibility
from grogrund.procurement import services
from grogrund.procurement.models import (
    Category,
    Clause,
    ClauseTemplate,
    Contract,
    DeliveryReport,
    PenaltyKind,
    ReportStatus,
    TargetGroup,
)
from grogrund.programmes.models import Programme

BUYER = "grobo-bostader"
SUPPLIER = "norrbacka-bygg"
CONTRACT = "Stambyte Norrbacka etapp 1 (fiktivt)"
START, END = date(2025, 7, 1), date(2027, 6, 30)
#: The programme goal the verified persons count toward.
EMPLOYMENT_GOAL = "employment_20_64"


@dataclass(frozen=True)
class DemoReport:
    clause: str  # template code
    start: date
    end: date
    persons: int
    new_persons: int
    target_group_persons: int
    area_persons: int
    hours: float
    employment_months: float
    verified: bool
    comment: str = ""


#: The employment requirement asks for 24 months of full-time employment; three verified
#: quarters deliver 4 + 4 + 4 = 12 (half), a fourth waits for the buyer's verification and
#: the third quarter of 2026 is not reported yet.
REPORTS = (
    DemoReport(
        "sysselsattning-heltidsmanader",
        date(2025, 7, 1),
        date(2025, 9, 30),
        2,
        2,
        2,
        2,
        820,
        4.0,
        True,
        "Två betongarbetare anställda via kommunens jobbtorg (fiktivt).",
    ),
    DemoReport(
        "sysselsattning-heltidsmanader",
        date(2025, 10, 1),
        date(2025, 12, 31),
        2,
        0,
        0,
        0,
        800,
        4.0,
        True,
    ),
    DemoReport(
        "sysselsattning-heltidsmanader",
        date(2026, 1, 1),
        date(2026, 3, 31),
        3,
        1,
        1,
        1,
        780,
        4.0,
        True,
    ),
    DemoReport(
        "sysselsattning-heltidsmanader",
        date(2026, 4, 1),
        date(2026, 6, 30),
        3,
        0,
        0,
        0,
        1150,
        6.0,
        False,
    ),
    DemoReport("praktik-trainee", date(2025, 7, 1), date(2025, 12, 31), 2, 2, 2, 1, 600, 2.5, True),
    DemoReport("praktik-trainee", date(2026, 1, 1), date(2026, 6, 30), 1, 1, 1, 1, 300, 1.0, True),
)


def _user(username: str) -> Any:
    return User.objects.filter(username=username).first()


def _contract(programme: Programme, buyer: Organisation, supplier: Organisation) -> Contract:
    found = Contract.objects.filter(name=CONTRACT, owner=buyer).first()
    if found is not None:
        return found
    contract = Contract(
        owner=buyer,
        name=CONTRACT,
        supplier=supplier,
        value_sek=48_500_000,
        start_date=START,
        end_date=END,
        category=Category.RENOVATION,
        programme=programme,
        description=(
            "Stambyte och badrumsrenovering i 240 lägenheter i Norrbacka, med krav på "
            "sysselsättning och praktik för boende i området (fiktivt exempel)."
        ),
        internal_note="Uppföljningsmöte med leverantören varje kvartal (fiktivt).",
        visibility=Visibility.NETWORK,
    )
    return services.save_contract(
        user=_user("anna"), contract=contract, areas=list(programme.areas.all())
    )


def _clause(contract: Contract, code: str, **settings: Any) -> Clause:
    template = ClauseTemplate.objects.get(code=code)
    found = contract.clauses.filter(template=template).first()
    if found is not None:
        return found
    fields: dict[str, Any] = {
        "kind": template.kind,
        "name": template.name_sv,
        "wording": template.wording,
        "measure": template.measure,
        "unit": template.unit,
        "reporting_period": template.default_reporting_period,
        "target_group": template.default_target_group,
        "penalty_kind": template.penalty_kind,
    }
    clause = Clause(contract=contract, template=template, **(fields | settings))
    return services.save_clause(user=_user("anna"), clause=clause)


def build(programme: Programme) -> Contract | None:
    """Create (or leave as it is) the demo contract with its clauses and reports."""
    buyer = Organisation.objects.filter(slug=BUYER).first()
    supplier = Organisation.objects.filter(slug=SUPPLIER).first()
    if buyer is None or supplier is None or _user("sara") is None or _user("edvin") is None:
        return None
    services.ensure_clause_templates()
    contract = _contract(programme, buyer, supplier)
    clauses = {
        "sysselsattning-heltidsmanader": _clause(
            contract,
            "sysselsattning-heltidsmanader",
            target=24,
            target_group_note="Boende i Norrbacka som varit utan arbete i minst tolv månader.",
            penalty_sek_per_unit=10_000,
            penalty_cap_sek=150_000,
        ),
        "praktik-trainee": _clause(
            contract,
            "praktik-trainee",
            target=4,
            target_group=TargetGroup.YOUNG_16_24,
            reporting_period="half_year",
            penalty_kind=PenaltyKind.NONE,
        ),
    }
    for spec in REPORTS:
        clause = clauses[spec.clause]
        clause.contract = contract
        report = DeliveryReport.objects.filter(clause=clause, period_start=spec.start).first()
        if report is None:
            report = services.submit_report(
                user=_user("sara"),
                clause=clause,
                data=services.ReportInput(
                    period_start=spec.start,
                    period_end=spec.end,
                    persons=spec.persons,
                    new_persons=spec.new_persons,
                    target_group_persons=spec.target_group_persons,
                    area_persons=spec.area_persons,
                    hours=spec.hours,
                    employment_months=spec.employment_months,
                    comment=spec.comment,
                ),
            )
        if spec.verified and report.status == ReportStatus.SUBMITTED:
            report.clause = clause
            services.verify_report(user=_user("edvin"), report=report)
    _count_toward_the_employment_goal(programme, contract)
    return contract


def _count_toward_the_employment_goal(programme: Programme, contract: Contract) -> None:
    """Edvin counts the verified persons toward the programme's employment goal, without
    writing measurements (the goal is measured from the area's statistics): the goal's page
    shows them. Employment requirement 2 (2025) + 1 (2026), internships 1 + 1: up to 2025
    max(2, 1) = 2 persons, up to 2026 max(3, 2) = 3. Counting again adds nothing."""
    from grogrund.programmes.models import Goal

    goal = (
        Goal.objects.filter(programme=programme, indicator__code=EMPLOYMENT_GOAL)
        .order_by("id")
        .first()
    )
    if goal is None:
        return
    contract = Contract.objects.select_related("owner", "programme").get(pk=contract.pk)
    services.count_toward(
        user=_user("edvin"), contract=contract, goal=goal, write_measurements=False
    )
