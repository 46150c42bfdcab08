"""Builders for initiatives and their effect logic (see tests/builders.py for the shared ones)."""

from __future__ import annotations

import itertools
from typing import Any

from grogrund.initiatives.models import EffectLink, EffectNode, Initiative, OutcomeMeasurement


def make_initiative(
    programme: Any, *, name: str = "Jobbspår", owner: Any = None, **kwargs: Any
) -> Initiative:
    return Initiative.objects.create(
        programme=programme, name=name, owner=owner or programme.owner, **kwargs
    )


def make_node(
    initiative: Initiative, stage: str, text: str | None = None, **kwargs: Any
) -> EffectNode:
    return EffectNode.objects.create(
        initiative=initiative,
        stage=stage,
        text=text or f"{stage} {initiative.nodes.count() + 1}",
        **kwargs,
    )


def link(source: EffectNode, target: EffectNode) -> EffectLink:
    return EffectLink.objects.create(initiative=source.initiative, source=source, target=target)


def make_outcome(
    initiative: Initiative,
    indicator: Any,
    *,
    stage: str = "short_term",
    text: str = "Fler i arbete",
    baseline: float = 0.55,
    baseline_year: int = 2022,
    target: float = 0.62,
    target_year: int = 2030,
    goal: Any = None,
) -> EffectNode:
    return make_node(
        initiative,
        stage,
        text,
        indicator=indicator,
        baseline_value=baseline,
        baseline_year=baseline_year,
        target_value=target,
        target_year=target_year,
        goal=goal,
    )


def measure(outcome: EffectNode, year: int, value: float) -> OutcomeMeasurement:
    return OutcomeMeasurement.objects.create(
        initiative=outcome.initiative, outcome=outcome, year=year, value=value, source="Test"
    )


def complete_chain(
    initiative: Initiative, indicator: Any, goal: Any = None
) -> dict[str, EffectNode]:
    """need → activity → output → short-term → long-term → impact, every outcome followable."""
    n = {
        "need": make_node(initiative, "need", "Många saknar arbete"),
        "activity": make_node(initiative, "activity", "Jobbcoacher"),
        "output": make_node(initiative, "output", "300 coachade"),
        "short": make_outcome(initiative, indicator, text="Färre arbetslösa", target_year=2026),
        "long": make_outcome(
            initiative, indicator, stage="long_term", text="Fler i arbete", goal=goal
        ),
        "impact": make_node(initiative, "impact", "Minskat utanförskap"),
    }
    keys = list(n)
    for a, b in itertools.pairwise(keys):
        link(n[a], n[b])
    return n
