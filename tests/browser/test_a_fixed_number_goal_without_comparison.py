"""In a real browser, in Swedish: an indicator of the demo programme's area has a figure for
the area (from its DeSO) but none for the municipality or any other comparison area. The area
profile says why no goal can be made from the gap and offers a goal of a fixed number of
people; the demo administrator follows that link, finds "a fixed number" already chosen, types
50 people and a deadline, and sees the goal saved with its figures and "no comparison".

Worked example: 400 of 1 000 people (40,0 %) in 2024; 50 more people → 45,0 % by 2034."""

from __future__ import annotations

from typing import Any

import pytest
from axe import violations
from django.utils import translation
from django.utils.translation import gettext

from builders import make_dataset, make_indicator, make_observation
from grogrund.accounts.models import Organisation, Visibility
from grogrund.programmes.demo import DEMO_PROGRAMME
from grogrund.programmes.models import Goal, Programme

pytestmark = pytest.mark.browser


def test_a_fixed_number_goal_is_made_where_there_is_no_comparison(logged_in: Any) -> None:
    page = logged_in
    programme = Programme.objects.get(name=DEMO_PROGRAMME)
    area = programme.areas.order_by("id").first()
    indicator = make_indicator(
        "course_completion_test",
        kind="share",
        name_sv="Avslutad kurs (test)",
        name_en="Completed course (test)",
    )
    dataset = make_dataset(
        Organisation.objects.get(pk=programme.owner_id), "Egen enkät", visibility=Visibility.PUBLIC
    )
    # The area is made of DeSO: each gets 40 % of its share of 1 000 people, so the area's
    # figure is 400 of 1 000; the municipality's other DeSO have none, so it has no figure.
    members = list(area.members.order_by("code")) or [area]
    bases = [1000 // len(members)] * len(members)
    bases[0] += 1000 - sum(bases)
    for member, base in zip(members, bases, strict=True):
        make_observation(dataset, member, indicator, "2024", numerator=0.4 * base, denominator=base)

    page.goto(f"/omraden/{area.code}/")
    row = page.locator(
        "#gap-table tbody tr", has=page.locator('a[href="#ind-course_completion_test"]')
    )
    assert row.locator(".goal-blocked").count() == 1  # the reason, with the import as next step
    assert violations(page, "the area profile with a fixed-number link") == []
    row.locator("a.goal-fixed").first.click()
    page.wait_for_url("**/mal/fast-antal/**")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("#id_kind_1").is_checked()  # "a fixed number" chosen beforehand
    own = page.locator("#own-figures").inner_text().replace("\xa0", " ")
    assert "40,0 %" in own and "1 000" in own
    assert violations(page, "the goal form without comparison") == []
    page.fill("#id_deadline_year", "2034")
    page.fill("#id_fixed_count", "50")
    page.click("form.form button[type=submit]:not([formmethod])")
    page.wait_for_url("**/mal/*/")

    goal = Goal.objects.get(programme=programme, indicator=indicator)
    assert goal.reference_area is None and goal.target_count == 50
    assert goal.target_share == pytest.approx(0.45)  # 0,40 + 50 / 1 000
    facts = page.locator("#goal-facts").inner_text().replace("\xa0", " ")
    assert "50 fler personer" in facts and "45,0 %" in facts
    with translation.override("sv"):
        assert gettext("Comparison: none (a fixed number of people).") in facts
    assert "None" not in page.content()
    assert violations(page, "the goal page without comparison") == []
