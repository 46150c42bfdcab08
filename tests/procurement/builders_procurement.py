"""Builders for procurement test data (see tests/builders.py for the shared ones)."""

from __future__ import annotations

from datetime import date
from typing import Any

from grogrund.procurement.models import (
    Category,
    Clause,
    ClauseKind,
    Contract,
    DeliveryReport,
    Measure,
    PenaltyKind,
    ReportStatus,
    TargetGroup,
)


def make_contract(owner: Any, supplier: Any, **kwargs: Any) -> Contract:
    areas = kwargs.pop("areas", [])
    shared_with = kwargs.pop("shared_with", [])
    defaults: dict[str, Any] = {
        "name": "Stambyte Testby",
        "value_sek": 48_500_000,
        "start_date": date(2025, 1, 1),
        "end_date": date(2026, 12, 31),
        "category": Category.RENOVATION,
    }
    contract = Contract.objects.create(owner=owner, supplier=supplier, **(defaults | kwargs))
    contract.areas.set(areas)
    contract.shared_with.set(shared_with)
    return contract


def make_clause(contract: Contract, **kwargs: Any) -> Clause:
    """By default the worked example's clause: 24 months of full-time employment for the
    long-term unemployed, reported per quarter, 10 000 kr per missing month, at most
    150 000 kr."""
    defaults: dict[str, Any] = {
        "kind": ClauseKind.EMPLOYMENT,
        "name": "Sysselsättningskrav",
        "measure": Measure.EMPLOYMENT_MONTHS,
        "unit": "heltidsmånader",
        "target": 24,
        "target_group": TargetGroup.LONG_TERM_UNEMPLOYED,
        "reporting_period": "quarter",
        "penalty_kind": PenaltyKind.PER_MISSING_UNIT,
        "penalty_sek_per_unit": 10_000,
        "penalty_cap_sek": 150_000,
    }
    return Clause.objects.create(contract=contract, **(defaults | kwargs))


def make_report(
    clause: Clause,
    start: date,
    end: date,
    *,
    status: str = ReportStatus.VERIFIED,
    **figures: Any,
) -> DeliveryReport:
    return DeliveryReport.objects.create(
        clause=clause, period_start=start, period_end=end, status=status, **figures
    )
