"""The main path of a programme in one go, in a real browser (issue 4): create a goal from the
area profile, build an effect logic whose outcome contributes to it, attach a valuation to the
initiative, record measurements and see the goal's status change.

The goal is for unemployment, where lower is better: it exercises a falling target. The demo
district's unemployment in 2024 is above the municipality's; the goal closes half the gap by
2034. A 2025 measurement at the goal's own target is ahead of the trajectory (on track); a 2026
measurement back above the 2024 baseline has made no progress at all (at risk).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from grogrund.areas.demo.build import DISTRICT_CODE
from grogrund.initiatives.models import EffectNode, Initiative
from grogrund.programmes.demo import DEMO_PROGRAMME
from grogrund.programmes.models import Goal, Programme
from grogrund.valuations.models import Valuation

pytestmark = pytest.mark.browser

INITIATIVE = "Jobbcoacher i trapphusen"
ACTIVITY = "Jobbcoacher knackar dörr"
OUTPUT = "300 samtal per år"
OUTCOME = "Färre arbetslösa i Norrbacka"


def _percent_field(share: float) -> str:
    return f"{share * 100:.1f}".replace(".", ",")


def _add_box(page: Any, stage: str, text: str, comes_after: str | None = None) -> None:
    form = page.locator("#node-form")
    form.locator("#id_stage").select_option(stage)
    form.locator("#id_text").fill(text)
    if comes_after:
        form.locator("fieldset", has_text="Kommer efter").get_by_label(comes_after).check()


def _record(page: Any, goal: Goal, year: int, share: float) -> str:
    page.goto(f"/program/{goal.programme_id}/mal/{goal.pk}/")
    page.get_by_role("link", name="Registrera en mätning").click()
    page.wait_for_url("**/matning/ny/")
    page.fill("#id_year", str(year))
    page.fill("#id_value_percent", f"{share * 100:.1f}")  # a number field
    page.fill("#id_source", "Arbetsförmedlingen, egen bearbetning (browsertest)")
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"**/mal/{goal.pk}/")
    return str(page.locator("#current-status").inner_text().strip())


def test_goal_effect_logic_valuation_and_follow_up(logged_in: Any, artifacts: Path) -> None:
    page = logged_in
    programme = Programme.objects.get(name=DEMO_PROGRAMME)
    assert not Goal.objects.filter(programme=programme, indicator__code="unemployment_16_64")

    # 1. From the area profile: the gap in people, then the goal.
    page.goto(f"/omraden/{DISTRICT_CODE}/")
    row = page.locator("#gap-table tbody tr", has_text="Arbetslösa 16–64 år").first
    row.locator("a.goal-link").first.click()
    page.wait_for_url(re.compile(r"/mal/ny/\?"))
    expect(page.locator("#gap")).to_contain_text("Gap i personer")
    gap_shown = int(re.sub(r"\D", "", page.locator("#gap strong").inner_text()))
    page.fill("#id_deadline_year", "2034")
    page.fill("#id_share_of_gap_percent", "50")
    page.locator("form.form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/mal/\d+/$"))
    goal = Goal.objects.get(programme=programme, indicator__code="unemployment_16_64")
    assert goal.direction == "lower_is_better"
    assert goal.target_share < goal.baseline_share  # a falling target
    assert gap_shown == round(goal.people_needed)
    assert goal.target_count == round(goal.people_needed * 0.5)
    expect(page.locator("#current-status")).to_have_text("Ingen mätning ännu")

    # 2. An initiative whose effect logic leads to the goal.
    page.goto(f"/program/{programme.pk}/")
    page.locator("#initiatives").get_by_role("link", name="Ny insats").click()
    page.fill("#id_name", INITIATIVE)
    page.fill("#id_budget", "900 000")
    page.fill("#id_target_group", "Arbetslösa 16–64 år i Norrbacka")
    page.click("form.form button[type=submit]")
    expect(page.locator("h1")).to_have_text(INITIATIVE)
    _add_box(page, "activity", ACTIVITY)
    page.locator("#node-form button[type=submit]").click()
    expect(page.locator("#effect-logic-diagram g.el-node", has_text=ACTIVITY)).to_have_count(1)
    _add_box(page, "output", OUTPUT, comes_after=f"Aktiviteter: {ACTIVITY}")
    page.locator("#node-form button[type=submit]").click()
    expect(page.locator("#effect-logic-diagram g.el-node", has_text=OUTPUT)).to_have_count(1)
    _add_box(page, "short_term", OUTCOME, comes_after=f"Prestationer: {OUTPUT}")
    page.locator("#id_indicator").select_option(label="Arbetslösa 16–64 år (unemployment_16_64)")
    page.fill("#id_baseline_value", _percent_field(goal.baseline_share))
    page.fill("#id_baseline_year", str(goal.baseline_year))
    page.fill("#id_target_value", _percent_field(goal.target_share))
    page.fill("#id_target_year", str(goal.deadline_year))
    page.locator("#id_goal").select_option(str(goal.pk))
    page.locator("#node-form button[type=submit]").click()
    expect(page.locator("#effect-logic-diagram g.el-node", has_text=OUTCOME)).to_have_count(1)
    expect(page.locator("#validation")).not_to_contain_text(ACTIVITY)
    initiative = Initiative.objects.get(programme=programme, name=INITIATIVE)
    outcome = EffectNode.objects.get(initiative=initiative, text=OUTCOME)
    assert outcome.goal_id == goal.pk and outcome.indicator.code == "unemployment_16_64"

    # 3. A valuation attached to the initiative, with its results and charts.
    page.goto(f"/program/{programme.pk}/")
    page.locator("#valuations").get_by_role("link", name="Ny värdering").click()
    page.select_option("#id_kind", "socioeconomic")
    page.fill("#id_name", "Jobbcoacher – samhällsekonomisk kalkyl")
    page.select_option("#id_initiative", str(initiative.pk))
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/vardering/\d+/andra/$"))
    page.get_by_role("button", name="Spara och räkna").click()
    page.wait_for_url(re.compile(r"/vardering/\d+/$"))
    valuation = Valuation.objects.get(initiative=initiative)
    assert valuation.programme_id == programme.pk
    expect(page.locator("#figure-npv .value")).to_contain_text("kr")
    expect(page.locator("#chart-benefits svg")).to_be_visible()
    page.goto(f"/program/{programme.pk}/insatser/{initiative.pk}/")
    expect(page.locator("main")).to_contain_text("Jobbcoacher – samhällsekonomisk kalkyl")

    # 4. Follow-up: ahead of the falling trajectory, then back above the baseline.
    assert _record(page, goal, 2025, goal.target_share) == "I fas"
    assert _record(page, goal, 2026, goal.baseline_share + 0.01) == "I riskzonen"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(artifacts / "main-path-goal.png"), full_page=True)
    page.goto(f"/program/{programme.pk}/uppfoljning/")
    expect(page.locator(f"#goal-{goal.pk} .status")).to_have_text("I riskzonen")
