"""A goal is told in its own direction and in whole persons: where lower is better the goal is
"30 fewer people" (never "30 more"), the trajectory counts people fewer than in the baseline
year, and every count of people is a whole number (4, not 4,3).

Unemployment in Testby is 12 % of 1 000 people, in the city 6 %: the gap is 60 people; half of
it is 30 people by 2031, seven years after 2024, so the trajectory adds 30 / 7 ≈ 4,29 people a
year: 4 in 2025, 9 (8,57) in 2026, 13 (12,86) in 2027."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import translation

from builders import make_user
from grogrund.accounts.models import Role
from grogrund.programmes import services
from grogrund.programmes.goal_wording import people_towards_goal, whole_persons
from grogrund.programmes.selectors import gap_facts


def _goal(world, indicator):
    facts = gap_facts(world.editor, world.deso, indicator.pk, None)
    return services.create_goal(
        user=world.editor,
        programme=world.programme,
        area=world.deso,
        indicator=indicator,
        facts=facts,
        deadline_year=2031,
        share_of_gap=0.5,
    )


def _page(client, world, goal) -> str:
    html = client.get(reverse("programmes:goal", args=[world.programme.pk, goal.pk]))
    return html.content.decode().replace("\u00a0", " ")


def _trajectory(html: str) -> list[str]:
    start = html.index('id="trajectory"')
    table = html[start : html.index("</table>", start)]
    return re.findall(r'<td class="num">([^<]*)</td></tr>', table)


def test_lower_is_better_reads_fewer_people(world):
    goal = _goal(world, world.unemployment)
    assert goal.target_count == 30
    english = world.client(make_user(world.a, Role.VIEWER, language="en"))
    html = _page(english, world, goal)
    assert '<strong id="target-count">30 fewer people</strong>' in html
    assert "People fewer than in the baseline year" in html
    assert "more people" not in html
    swedish = _page(world.client(world.viewer), world, goal)
    assert "30 fler personer" not in swedish


def test_higher_is_better_reads_more_people(world):
    goal = _goal(world, world.employment)
    english = world.client(make_user(world.a, Role.VIEWER, language="en"))
    html = _page(english, world, goal)
    assert f'<strong id="target-count">{goal.target_count} more people</strong>' in html
    assert "People more than in the baseline year" in html


def test_the_trajectory_counts_whole_persons(world):
    html = _page(world.client(world.viewer), world, _goal(world, world.unemployment))
    assert _trajectory(html) == ["0", "4", "9", "13", "17", "21", "26", "30"]


def test_the_words_for_each_direction():
    with translation.override("en"):
        assert people_towards_goal(343, "lower_is_better") == "343 fewer people"
        assert people_towards_goal(343.4, "higher_is_better") == "343 more people"
        assert people_towards_goal(1343, "lower_is_better") == "1,343 fewer people"
    with translation.override("sv"):
        assert whole_persons(1057.2) == "1\u00a0057" and whole_persons(None) == "–"
