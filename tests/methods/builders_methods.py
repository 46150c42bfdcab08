"""Builders for the method library's tests."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from grogrund.initiatives.models import EffectNode, Initiative, OutcomeMeasurement, Stage
from grogrund.methods import services
from grogrund.methods.models import EvidenceLevel, Method, MethodStatus, Participation

TEMPLATE = (
    services.NodeSpec(Stage.NEED, "Många vuxna saknar arbete"),
    services.NodeSpec(Stage.ACTIVITY, "Jobbcoacher på plats"),
    services.NodeSpec(Stage.OUTPUT, "Boende coachade"),
    services.NodeSpec(Stage.SHORT_TERM, "Fler i arbete"),
    services.NodeSpec(Stage.IMPACT, "Minskat utanförskap"),
)


def make_method(
    owner: Any,
    *,
    name: str = "Jobbcoacher",
    status: str = MethodStatus.PUBLISHED,
    indicator: Any = None,
    **fields: Any,
) -> Method:
    """A method straight in the database (no history), with a template and one source."""
    method = Method.objects.create(
        name=name,
        slug=fields.pop("slug", None) or name.lower().replace(" ", "-"),
        summary=fields.pop("summary", "Coacher i området."),
        problem=fields.pop("problem", "Låg sysselsättning."),
        target_group=fields.pop("target_group", "Vuxna utan arbete."),
        owner=owner,
        status=status,
        evidence_level=fields.pop("evidence_level", EvidenceLevel.TRIED_LOCALLY),
        **fields,
    )
    for i, spec in enumerate(TEMPLATE):
        method.template_nodes.create(
            stage=spec.stage,
            text=spec.text,
            position=i,
            indicator=indicator if spec.stage == Stage.SHORT_TERM else None,
        )
    method.sources.create(title="Uppföljning 2023", publisher="Bolaget", year=2023)
    return method


def make_initiative(
    programme: Any,
    method: Method | None,
    *,
    name: str = "Insats",
    budget: int | None = 1_000_000,
) -> Initiative:
    return Initiative.objects.create(
        programme=programme,
        name=name,
        owner=programme.owner,
        budget=None if budget is None else Decimal(budget),
        method_ref=method,
    )


def make_outcome(
    initiative: Initiative,
    indicator: Any,
    *,
    baseline: float,
    target: float,
    measured: dict[int, float],
    baseline_year: int = 2022,
    target_year: int = 2026,
) -> EffectNode:
    node = EffectNode.objects.create(
        initiative=initiative,
        stage=Stage.SHORT_TERM,
        text="Fler i arbete",
        indicator=indicator,
        baseline_value=baseline,
        baseline_year=baseline_year,
        target_value=target,
        target_year=target_year,
    )
    for year, value in measured.items():
        OutcomeMeasurement.objects.create(
            initiative=initiative, outcome=node, year=year, value=value, source="Uppföljning"
        )
    return node


def make_participation(
    initiative: Initiative,
    year: int,
    participants: int,
    reached: int | None = None,
    cost: int | None = None,
) -> Participation:
    return Participation.objects.create(
        initiative=initiative,
        year=year,
        participants=participants,
        reached_outcome=reached,
        cost_sek=cost,
        source="Uppföljning",
    )
