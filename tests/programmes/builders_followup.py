"""Builders for follow-up tests: goals with round numbers, without going through the profile."""

from __future__ import annotations

from typing import Any

from grogrund.programmes.models import Goal


def make_goal(
    programme: Any,
    area: Any,
    indicator: Any,
    *,
    reference_area: Any,
    baseline_share: float,
    target_share: float,
    baseline_year: int = 2024,
    deadline_year: int = 2034,
    base: float = 1000,
) -> Goal:
    """A goal from `baseline_share` in `baseline_year` to `target_share` in `deadline_year`
    (direction from the indicator); people = the change in share × base."""
    people = round(abs(target_share - baseline_share) * base)
    return Goal.objects.create(
        programme=programme,
        area=area,
        indicator=indicator,
        reference_area=reference_area,
        direction=indicator.direction,
        baseline_year=baseline_year,
        deadline_year=deadline_year,
        baseline_share=baseline_share,
        reference_share=target_share,
        base=base,
        people_needed=people,
        share_of_gap=1.0,
        target_count=people,
        target_share=target_share,
    )


def make_employment_goal(world: Any, **kwargs: Any) -> Goal:
    """The programme world's goal for its DeSO: employment from 55 % to 66 %, against the
    municipality."""
    return make_goal(
        world.programme,
        world.deso,
        world.employment,
        reference_area=world.municipality,
        baseline_share=0.55,
        target_share=0.66,
        **kwargs,
    )
