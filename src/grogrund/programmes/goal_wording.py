"""Goals told in their own direction: "343 more people" in work when higher is better,
"343 fewer people" out of work when lower is better, always in whole persons."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from grogrund.core.numbers import format_number

LOWER_IS_BETTER = "lower_is_better"


def whole_persons(value: float | None) -> str:
    """A number of people as a whole number (57,2 → 57): people are counted, not measured."""
    return "–" if value is None else format_number(round(value), 0)


def people_towards_goal(count: float | None, direction: str) -> str:
    """The goal's number of people in its direction: "343 more people" or "343 fewer people"."""
    if direction == LOWER_IS_BETTER:
        return _("%(count)s fewer people") % {"count": whole_persons(count)}
    return _("%(count)s more people") % {"count": whole_persons(count)}


def goal_people(goal: Any) -> str:
    return people_towards_goal(goal.target_count, goal.direction)


def trajectory_people_heading(direction: str) -> str:
    """The heading of the trajectory's column of people, in the goal's direction."""
    if direction == LOWER_IS_BETTER:
        return _("People fewer than in the baseline year")
    return _("People more than in the baseline year")
