"""Why a goal cannot be made from an indicator of an area profile, in words, with the next
step: the area profile's gap table and the goal form say the same thing
(selectors.goal_facts_of_row decides; this module only words it)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from grogrund.programmes.selectors import GoalBlocked, GoalObstacle


@dataclass(frozen=True)
class Explanation:
    reason: str
    next_step: str  # "" when nothing the user can import makes a goal possible
    import_url: str  # where the next step is taken ("" with no next step)


def explain(
    blocked: GoalBlocked, *, indicator: Any, area: Any, chain: Sequence[Any]
) -> Explanation:
    """The reason in plain words and the next step (`chain`: the comparison areas, the
    municipality first)."""
    year = blocked.period
    names = {"indicator": indicator.name, "area": area.name, "year": year}
    reason = next_step = ""
    if blocked.reason == GoalObstacle.NOT_A_SHARE:
        reason = _(
            "No goal from %(indicator)s: goals are counted in people from a share (percent), "
            "and this indicator is not one."
        )
    elif blocked.reason == GoalObstacle.NOT_IN_PEOPLE:
        reason = _(
            "No goal from %(indicator)s: it is a rate, not a share of people, so the gap "
            "cannot be counted in people."
        )
    elif blocked.reason == GoalObstacle.NO_FIGURE:
        reason = (
            _("%(area)s has no figure for %(indicator)s in %(year)s.")
            if year
            else _("%(area)s has no figure for %(indicator)s.")
        )
        next_step = _("Import the area's figures to set a goal.")
    elif blocked.reason == GoalObstacle.NO_BASE:
        reason = _(
            "The figure of %(area)s for %(year)s has no base (number of people), so the gap "
            "cannot be counted in people."
        )
        next_step = _("Import the figure with its numerator and denominator to set a goal.")
    elif blocked.reason == GoalObstacle.NO_COMPARISON:
        names["comparisons"] = get_text_list([a.name for a in chain], _("or")) or "–"
        reason = _(
            "No comparison value for %(year)s: %(comparisons)s have no figure for "
            "%(indicator)s that year, and a goal is set from the gap to one of them."
        )
        names["municipality"] = chain[0].name if chain else area.name
        # A goal of a fixed number of people needs no comparison: the profile and the goal
        # form offer it beside this step (GoalBlocked.allows_fixed_count).
        next_step = _(
            "Import the figure of %(municipality)s for %(year)s to set a goal as a part of the gap."
        )
    return Explanation(
        reason=reason % names,
        next_step=next_step % names if next_step else "",
        import_url=reverse("areas:import") if next_step else "",
    )


def obstacle_html(explanation: Explanation) -> SafeString:
    """The short form for the gap table's source cell."""
    if not explanation.next_step:
        return format_html('<span class="goal-blocked">{}</span>', explanation.reason)
    return format_html(
        '<span class="goal-blocked">{} <a href="{}">{}</a></span>',
        explanation.reason,
        explanation.import_url,
        explanation.next_step,
    )
