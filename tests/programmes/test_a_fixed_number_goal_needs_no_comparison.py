"""A goal of a fixed number of people needs no comparison value. Where the comparison areas
have no figure, the area profile still says why no goal can be made from the gap (with the
import as the next step) and offers a goal of a fixed number of people; the goal form makes
the kind of goal an explicit choice; the goal is stored without comparison and without gap,
and its page, the dashboard, the API, the exports and the history read it in plain words.

Worked example (hand-checked): higher education in Testby 2024 is 400 of 1 000 people
(40 %); Staden, Länet and Sverige have no figure that year. A goal of 50 more people by 2034:
target share 0.40 + 50 / 1 000 = 0.45 (45,0 %); the trajectory rises 0.05 / 10 = 0.005 a
year (2029: 42,5 %), 5 people a year (2029: 25)."""

from __future__ import annotations

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from builders import make_area, make_dataset, make_indicator, make_observation
from grogrund.accounts.models import Visibility
from grogrund.programmes.models import Goal
from grogrund.programmes.selectors import GoalObstacle, goal_check


@pytest.fixture
def education(world):
    # A second DeSO without figures: Staden, Länet and Sverige cannot be computed from theirs.
    make_area("9901A0002", parent=world.municipality, name="Grannby")
    ds = make_dataset(world.a, "Utbildning A", visibility=Visibility.PARTNERS)
    indicator = make_indicator(
        "education", kind="share", direction="higher_is_better", name_sv="Eftergymnasial"
    )
    make_observation(ds, world.deso, indicator, "2024", numerator=400, denominator=1000)
    return indicator


def _t(msgid: str) -> str:
    """A new text in Swedish as the catalog gives it (English until it is translated)."""
    with translation.override("sv"):
        return gettext(msgid)


NONE = "Comparison: none (a fixed number of people)."


def _plain(html: str) -> str:
    return re.sub(r"[\u00a0\u202f]", " ", html)


def _create(world, **post):
    url = reverse("programmes:goal_create_fixed", args=[world.programme.pk])
    data = {
        "area": world.deso.code,
        "indicator": "education",
        "baseline_year": "",
        "deadline_year": "2034",
        "kind": "fixed",
        "fixed_count": "50",
        "share_of_gap_percent": "",
    }
    data.update(post)
    return world.client(world.editor).post(url, data)


@pytest.fixture
def goal(world, education):
    response = _create(world)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Goal.objects.get()


def test_the_profile_offers_a_fixed_number_where_there_is_no_comparison(world, education):
    html = world.client(world.editor).get(reverse("areas:profile", args=[world.deso.code]))
    table = html.content.decode().split('id="gap-table"')[1].split("</table>")[0]
    row = next(r for r in table.split("<tr>") if 'href="#ind-education"' in r)
    fixed = reverse("programmes:goal_create_fixed", args=[world.programme.pk])
    assert f'href="{fixed}?area={world.deso.code}&amp;indicator=education"' in row
    assert 'class="goal-link goal-fixed"' in row
    assert _t("Create a goal of a fixed number of people") in row
    # The reason and the import stay: a goal from the gap needs the comparison's figure.
    assert f'href="{reverse("areas:import")}"' in row.split('class="goal-blocked"')[1]
    # Where a comparison exists, the ordinary "Skapa mål" and no fixed-only link.
    employment = next(r for r in table.split("<tr>") if 'href="#ind-employment"' in r)
    assert "goal-fixed" not in employment and "Skapa mål" in employment


def test_the_checks_keep_the_area_s_own_figures_for_a_fixed_number(world, education):
    found = goal_check(world.editor, world.deso, education.pk, None)
    assert found.reason == GoalObstacle.NO_COMPARISON and found.allows_fixed_count
    assert (found.facts.year, found.facts.area_share, found.facts.base) == (2024, 0.4, 1000)
    assert found.facts.reference_area is None and not found.facts.has_comparison


def test_the_form_opens_with_a_fixed_number_chosen_and_the_area_s_figures(world, education):
    url = reverse("programmes:goal_create_fixed", args=[world.programme.pk])
    response = world.client(world.editor).get(
        url, {"area": world.deso.code, "indicator": "education"}
    )
    html = _plain(response.content.decode())
    assert response.status_code == 200
    assert re.search(r'value="fixed"[^>]*checked', html)
    own = html.split('id="own-figures"')[1].split("</section>")[0]
    assert "40,0 %" in own and "1 000" in own and _t(NONE) in own
    assert 'id="no-goal-fixed"' in html  # the notice points to the fixed number below
    # The gap choice says why it cannot be used here.
    assert _t("Close a part of the gap (not possible here: there is no comparison value)") in html
    assert "None" not in html


def test_the_worked_example_is_stored_without_comparison_or_gap(goal):
    assert (goal.reference_area, goal.reference_share, goal.people_needed) == (None, None, None)
    assert goal.fixed_count == goal.target_count == 50 and goal.share_of_gap is None
    assert goal.baseline_share == pytest.approx(0.40) and goal.base == 1000
    assert goal.target_share == pytest.approx(0.45)  # 0.40 + 50 / 1 000
    assert (goal.baseline_year, goal.deadline_year) == (2024, 2034)
    goal.full_clean()  # a goal without comparison with a fixed number is valid


def test_a_fixed_number_alone_makes_the_goal_without_the_choice(world, education):
    # A script or an older form gives only the number: the one figure given decides.
    url = reverse("programmes:goal_create", args=[world.programme.pk])
    data = {"area": world.deso.code, "indicator": "education", "deadline_year": "2034"}
    response = world.client(world.editor).post(url, {**data, "fixed_count": "50"})
    assert response.status_code == 302
    goal = Goal.objects.get()
    assert goal.reference_area is None and goal.target_count == 50
    assert goal.target_share == pytest.approx(0.45)


def test_a_part_of_the_gap_without_comparison_saves_nothing(world, education):
    response = _create(world, kind="gap", share_of_gap_percent="50", fixed_count="")
    assert response.status_code == 200
    assert not Goal.objects.exists()
    html = response.content.decode()
    assert 'id="no-goal"' in html
    # The choice itself is marked, with the way out, and the error box links to it.
    kind = response.context["form"].errors["kind"][0]
    assert kind == _t(
        "There is no comparison value, so there is no gap to close a part of: give a fixed "
        "number of people, or import the comparison area's figure."
    )
    assert 'href="#id_kind_0"' in html or 'href="#id_kind"' in html


def test_a_goal_without_comparison_and_without_fixed_number_is_refused_by_the_model(goal):
    goal.fixed_count = None
    with pytest.raises(ValidationError):
        goal.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        goal.save()


def test_the_goal_page_tells_the_figures_and_that_there_is_no_comparison(world, goal):
    url = reverse("programmes:goal", args=[world.programme.pk, goal.pk])
    html = _plain(world.client(world.editor).get(url).content.decode())
    facts = html.split('id="goal-facts"')[1].split("</section>")[0]
    assert "40,0 %" in facts and "1 000" in facts
    assert _t(NONE) in facts
    assert 'id="people-needed"' not in facts  # no gap without comparison
    assert "50 fler personer" in facts and "45,0 %" in facts
    trajectory = html.split('id="trajectory"')[1].split("</table>")[0]
    # 2029: 0.40 + 5 × 0.005 = 42,5 %, 25 people; 2034: 45,0 %, 50 people.
    assert re.search(r"2029</td><td[^>]*>42,5 %</td><td[^>]*>25<", trajectory)
    assert re.search(r"2034</td><td[^>]*>45,0 %</td><td[^>]*>50<", trajectory)
    assert "None" not in html


def test_the_dashboard_shows_the_goal_with_no_comparison(world, goal):
    url = reverse("programmes:dashboard", args=[world.programme.pk])
    html = _plain(world.client(world.viewer).get(url).content.decode())
    row = html.split(f'id="goal-{goal.pk}"')[1].split("</tr>")[0]
    assert "40,0 %" in row and "45,0 %" in row and "50 fler personer" in row
    assert _t(NONE) in row
    assert "None" not in html


def test_the_api_gives_null_comparison_and_gap(world, goal):
    data = world.client(world.viewer).get(f"/api/v1/goals/{goal.pk}/").json()
    assert data["reference_area"] is None and data["reference_share"] is None
    assert data["people_needed"] is None
    assert data["fixed_count"] == data["target_count"] == 50
    assert data["target_share"] == pytest.approx(0.45)


def test_the_exports_read_the_goal_without_crashing_or_none(world, goal):
    client = world.client(world.viewer)
    csv = client.get(reverse("programmes:dashboard_export", args=[world.programme.pk, "csv"]))
    text = csv.content.decode("utf-8-sig")
    assert csv.status_code == 200 and "None" not in text
    none = _t("none (a fixed number of people)")
    line = next(x for x in text.splitlines() if "Testby" in x and none in x)
    assert "45" in line and "50" in line
    xlsx = client.get(reverse("programmes:dashboard_export", args=[world.programme.pk, "xlsx"]))
    assert xlsx.status_code == 200
    data = client.get(reverse("api:programme-follow-up", args=[world.programme.pk]))
    assert data.status_code == 200, data.content[:500]
    body = data.content.decode()
    assert "None" not in body and json.loads(body)


def test_the_history_tells_the_creation_in_words(world, goal):
    url = reverse("programmes:goal", args=[world.programme.pk, goal.pk])
    html = _plain(world.client(world.editor).get(url).content.decode())
    history = html.split('id="history"')[1] if 'id="history"' in html else html
    assert "None" not in history and "null" not in history


def test_the_history_names_a_missing_comparison_in_words(goal):
    from grogrund.programmes.history_text import _value

    class Entry:
        object_type = "goal"

    none = _t("none (a fixed number of people)")
    with translation.override("sv"):
        assert _value(Entry(), {}, "reference_area", None, None) == none
        assert _value(Entry(), {}, "people_needed", None, None) == none
