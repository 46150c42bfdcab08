"""The result of a valuation: numbers, breakdowns, warnings and where every number came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from grogrund.engine.errors import Issue


@dataclass
class SimulationResult:
    draws: int
    seed: int | None
    npv: dict[str, float | None]
    pv_benefits: dict[str, float | None]
    pv_costs: dict[str, float | None]
    ratio: dict[str, float | None]
    probability_npv_positive: float
    npv_by_stakeholder: dict[str, dict[str, float | None]]
    extras: dict[str, dict[str, float | None]]
    tornado: list[dict[str, Any]]
    uncertain_inputs: list[str]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class ValuationResult:
    """What :func:`grogrund.engine.evaluate` returns. ``to_dict()`` is JSON-serialisable."""

    kind: str
    name: str
    price_year: int | None = None
    discount_rate_percent: float | None = None
    first_year_discounted: bool | None = None
    years: list[int] = field(default_factory=list)
    stakeholders: list[dict[str, str]] = field(default_factory=list)
    totals: dict[str, Any] = field(default_factory=dict)
    by_stakeholder: list[dict[str, Any]] = field(default_factory=list)
    by_year: list[dict[str, Any]] = field(default_factory=list)
    by_outcome: list[dict[str, Any]] = field(default_factory=list)
    by_cost: list[dict[str, Any]] = field(default_factory=list)
    by_term: list[dict[str, Any]] = field(default_factory=list)
    cost_split: list[dict[str, Any]] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    goals: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    trace: dict[str, Any] = field(default_factory=dict)
    value_bank_version: str = ""
    simulation: SimulationResult | None = None
    model: dict[str, Any] = field(default_factory=dict)

    @property
    def pv_benefits(self) -> float | None:
        return self.totals.get("pv_benefits")

    @property
    def pv_costs(self) -> float | None:
        return self.totals.get("pv_costs")

    @property
    def npv(self) -> float | None:
        return self.totals.get("npv")

    @property
    def ratio(self) -> float | None:
        return self.totals.get("ratio")

    @property
    def payback_years(self) -> float | None:
        return self.totals.get("payback_years")

    @property
    def break_even_year(self) -> int | None:
        return self.totals.get("break_even_year")

    def stakeholder(self, stakeholder_id: str) -> dict[str, Any]:
        for row in self.by_stakeholder:
            if row["stakeholder"] == stakeholder_id:
                return row
        raise KeyError(stakeholder_id)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "kind": self.kind,
            "name": self.name,
            "price_year": self.price_year,
            "discount_rate_percent": self.discount_rate_percent,
            "first_year_discounted": self.first_year_discounted,
            "years": self.years,
            "stakeholders": self.stakeholders,
            **{
                k: self.totals.get(k)
                for k in (
                    "pv_benefits",
                    "pv_costs",
                    "npv",
                    "ratio",
                    "payback_years",
                    "break_even_year",
                )
            },
            "totals": self.totals,
            "by_stakeholder": self.by_stakeholder,
            "by_year": self.by_year,
            "by_outcome": self.by_outcome,
            "by_cost": self.by_cost,
            "by_term": self.by_term,
            "cost_split": self.cost_split,
            "details": self.details,
            "goals": self.goals,
            "warnings": [w.to_dict() for w in self.warnings],
            "trace": self.trace,
            "value_bank_version": self.value_bank_version,
            "simulation": self.simulation.to_dict() if self.simulation else None,
            "model": self.model,
        }
        return d
