"""Template helpers of the programmes app: the change history in readable form."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from grogrund.programmes import goal_wording, history_text

register = template.Library()


@register.simple_tag
def history_rows(history: Iterable[Any]) -> list[history_text.HistoryRow]:
    """Each ChangeLog entry as sentences in the reader's language (programmes.history_text)."""
    return history_text.history_rows(history)


@register.filter
def goal_people(goal: Any) -> str:
    """ "343 more people" or "343 fewer people", as the goal's direction says."""
    return goal_wording.goal_people(goal)


@register.filter
def persons(value: Any) -> str:
    """A number of people as a whole number."""
    return goal_wording.whole_persons(None if value is None else float(value))


@register.simple_tag
def trajectory_people_heading(direction: str) -> str:
    return goal_wording.trajectory_people_heading(direction)
