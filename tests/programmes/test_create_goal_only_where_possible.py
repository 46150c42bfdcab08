"""The area profile offers "Create goal" only where a goal can be made: a share with its
base in the area and a comparison value the same year. Elsewhere the row says why, in
plain words, and the next step (import the municipality's figure, with a link to the import
page). The goal form reached without a usable comparison explains the same in the page's
normal layout, with the way on, and saves nothing.

The world (conftest): employment in Testby 55 % of 1,000, in Staden 77 % (2024) — a goal can
be made. Added here: a second DeSO without figures (so Staden, Länet and Sverige cannot be
computed from their DeSO), an indicator with a value only for Testby in 2024, one without a
base, and a count."""

from __future__ import annotations

import pytest
from django.urls import reverse

from builders import make_area, make_dataset, make_indicator, make_observation
from grogrund.accounts.models import Visibility
from grogrund.programmes.models import Goal
from grogrund.programmes.selectors import GoalBlocked, GoalObstacle, goal_check


@pytest.fixture
def lacking(world):
    make_area("9901A0002", parent=world.municipality, name="Grannby")
    ds = make_dataset(world.a, "Mer statistik A", visibility=Visibility.PARTNERS)
    # Higher education: Testby only, in 2024; Staden only in 2022 — no comparison for 2024.
    education = make_indicator("education", kind="share", direction="higher_is_better")
    make_observation(ds, world.deso, education, "2024", numerator=300, denominator=1000)
    make_observation(ds, world.municipality, education, "2022", numerator=4000, denominator=10000)
    # A share without a base (numerator and denominator not given).
    make_observation(ds, world.deso, make_indicator("voters", kind="share"), "2024", value=0.6)
    # A count: goals are counted in people from a share.
    make_observation(ds, world.deso, make_indicator("residents", kind="count"), "2024", value=990)
    return world


def _row(html: str, code: str) -> str:
    table = html.split('id="gap-table"')[1].split("</table>")[0]
    return next(r for r in table.split("<tr>") if f'href="#ind-{code}"' in r)


def _profile(world, user) -> str:
    return world.client(user).get(reverse("areas:profile", args=[world.deso.code])).content.decode()


def test_the_row_with_a_share_base_and_comparison_offers_create_goal(lacking):
    row = _row(_profile(lacking, lacking.editor), "employment")
    create = reverse("programmes:goal_create", args=[lacking.programme.pk])
    assert f'href="{create}?area={lacking.deso.code}&amp;indicator=employment"' in row
    assert "goal-blocked" not in row


def test_a_share_without_comparison_says_why_and_links_to_the_import_instead(lacking):
    row = _row(_profile(lacking, lacking.editor), "education")
    assert "goal_create" not in row and "/mal/ny/" not in row
    blocked = row.split('class="goal-blocked"')[1]
    # The year that lacks a comparison, the areas compared with, and the way on.
    assert "2024" in blocked and "Staden" in blocked and "Sverige" in blocked
    assert f'href="{reverse("areas:import")}"' in blocked


def test_a_share_without_a_base_says_why_and_links_to_the_import(lacking):
    row = _row(_profile(lacking, lacking.editor), "voters")
    assert "/mal/ny/" not in row
    assert f'href="{reverse("areas:import")}"' in row.split('class="goal-blocked"')[1]


def test_a_count_says_that_goals_need_a_share_and_offers_no_import(lacking):
    row = _row(_profile(lacking, lacking.editor), "residents")
    assert "/mal/ny/" not in row
    blocked = row.split('class="goal-blocked"')[1]
    assert "href=" not in blocked.split("</span>")[0]


def test_a_visitor_who_cannot_create_goals_sees_neither_links_nor_reasons(lacking):
    html = _profile(lacking, lacking.viewer)
    assert "/mal/ny/" not in html and "goal-blocked" not in html


def test_the_reasons_are_decided_from_the_profile(lacking):
    def check(code: str, year: int | None = None):
        from grogrund.areas.models import Indicator

        pk = Indicator.objects.get(code=code).pk
        return goal_check(lacking.editor, lacking.deso, pk, year)

    assert check("education") == GoalBlocked(GoalObstacle.NO_COMPARISON, "2024")
    assert check("voters") == GoalBlocked(GoalObstacle.NO_BASE, "2024")
    assert check("residents") == GoalBlocked(GoalObstacle.NOT_A_SHARE)
    assert check("employment", 2019) == GoalBlocked(GoalObstacle.NO_FIGURE, "2019")
    facts = check("employment")
    assert not isinstance(facts, GoalBlocked)
    assert (facts.year, facts.area_share, facts.base, facts.reference_share) == (
        2024,
        pytest.approx(0.55),
        1000,
        pytest.approx(0.77),
    )


def test_the_goal_form_without_comparison_explains_in_the_page_layout(lacking):
    url = reverse("programmes:goal_create", args=[lacking.programme.pk])
    response = lacking.client(lacking.editor).get(
        url, {"area": lacking.deso.code, "indicator": "education"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert '<header class="topbar">' in html  # the normal page, menu and all
    notice = html.split('id="no-goal"')[1].split("</section>")[0]
    assert 'class="notice"' in html.split('id="no-goal"')[0].rsplit("<section", 1)[1]
    assert "2024" in notice and "Staden" in notice
    assert f'href="{reverse("areas:import")}"' in notice
    assert f'href="{reverse("areas:profile", args=[lacking.deso.code])}"' in notice
    assert response.context["facts"] is None and 'id="gap"' not in html


def test_saving_a_goal_without_comparison_saves_nothing_and_explains_again(lacking):
    # A part of the gap: there is no gap without a comparison (a fixed number of people needs
    # none: test_a_fixed_number_goal_needs_no_comparison).
    url = reverse("programmes:goal_create", args=[lacking.programme.pk])
    response = lacking.client(lacking.editor).post(
        url,
        {
            "area": lacking.deso.code,
            "indicator": "education",
            "deadline_year": 2034,
            "fixed_count": "",
            "share_of_gap_percent": "50",
            "baseline_year": "",
        },
    )
    assert response.status_code == 200
    assert 'id="no-goal"' in response.content.decode()
    assert not Goal.objects.exists()
