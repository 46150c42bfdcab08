"""Building an effect logic in a real browser: create an initiative in the demo programme, add
an activity, an output and an outcome linked to an indicator, and see the validation message
disappear and the diagram draw the new boxes — without full page reloads (htmx)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from grogrund.initiatives.models import EffectLink, EffectNode, Initiative
from grogrund.programmes.demo import DEMO_PROGRAMME
from grogrund.programmes.models import ChangeLog, Programme

pytestmark = pytest.mark.browser

ACTIVITY = "Lovjobb hos partnerföretagen"
OUTPUT = "150 lovjobb per sommar"
OUTCOME = "Fler unga i arbete"


def _add_box(page: Any, stage: str, text: str, comes_after: str | None = None) -> None:
    form = page.locator("#node-form")
    form.locator("#id_stage").select_option(stage)
    form.locator("#id_text").fill(text)
    if comes_after:
        form.locator("fieldset", has_text="Kommer efter").get_by_label(comes_after).check()


def test_a_user_builds_an_effect_logic(logged_in: Any, artifacts: Path) -> None:
    page = logged_in
    programme = Programme.objects.get(name=DEMO_PROGRAMME)
    page.goto(f"/program/{programme.pk}/")
    page.locator("#initiatives").get_by_role("link", name="Ny insats").click()
    page.fill("#id_name", "Sommarjobb för unga")
    page.fill("#id_budget", "1 200 000")
    page.fill("#id_target_group", "Unga 16–19 år i Norrbacka")
    page.click("form.form button[type=submit]")
    expect(page.locator("h1")).to_have_text("Sommarjobb för unga")
    initiative = Initiative.objects.get(name="Sommarjobb för unga")
    assert int(initiative.budget) == 1_200_000
    expect(page.locator("#validation")).to_contain_text("Effektlogiken är tom")
    page.evaluate("window.stillTheSamePage = true")

    # An activity on its own leads nowhere: the validation says so, and the box is highlighted.
    _add_box(page, "activity", ACTIVITY)
    page.locator("#node-form button[type=submit]").click()
    nowhere = page.locator("#validation li", has_text=f"Aktiviteten ”{ACTIVITY}”")
    expect(nowhere).to_contain_text("leder inte till något utfall")
    expect(page.locator("#effect-logic-diagram g.el-problem", has_text=ACTIVITY)).to_have_count(1)

    _add_box(page, "output", OUTPUT, comes_after=f"Aktiviteter: {ACTIVITY}")
    page.locator("#node-form button[type=submit]").click()
    expect(page.locator("#effect-logic-diagram g.el-node", has_text=OUTPUT)).to_have_count(1)
    expect(nowhere).to_have_count(1)  # still no outcome to lead to

    _add_box(page, "short_term", OUTCOME, comes_after=f"Prestationer: {OUTPUT}")
    page.locator("#id_indicator").select_option(
        label="Förvärvsarbetande 20–64 år (employment_20_64)"
    )
    page.fill("#id_baseline_value", "55")
    page.fill("#id_baseline_year", "2022")
    page.fill("#id_target_value", "62,5")
    page.fill("#id_target_year", "2030")
    page.locator("#node-form button[type=submit]").click()

    outcome_box = page.locator("#effect-logic-diagram g.el-node", has_text=OUTCOME)
    expect(outcome_box).to_have_count(1)
    expect(outcome_box).to_contain_text("Förvärvsarbetande 20–64 år")
    expect(outcome_box).to_contain_text("55,0\u00a0% (2022) → 62,5\u00a0% (2030)")
    expect(nowhere).to_have_count(0)
    expect(page.locator("#effect-logic-diagram g.el-problem", has_text=ACTIVITY)).to_have_count(0)
    expect(page.locator("#effect-logic-diagram path.el-link")).to_have_count(2)
    # What is still missing is named: need, long-term outcome and impact.
    expect(page.locator("#validation")).to_contain_text("Inget långsiktigt utfall än.")
    expect(page.locator("#validation")).to_contain_text("Ingen samhällseffekt än.")

    outcome = EffectNode.objects.get(initiative=initiative, text=OUTCOME)
    assert (outcome.baseline_value, outcome.target_value) == (0.55, 0.625)
    assert EffectLink.objects.filter(initiative=initiative).count() == 2
    assert ChangeLog.objects.filter(object_type="effectnode", action="create").count() >= 3

    assert page.evaluate("window.stillTheSamePage === true"), "htmx swapped, no full reloads"

    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator("#effect-logic").screenshot(path=str(artifacts / "effect-logic-editor.png"))

    # Removing the output breaks the path again: the message comes back, still no reload.
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#stage-output li", has_text=OUTPUT).get_by_role("link", name="Ta bort").click()
    expect(page.locator("#effect-logic-diagram g.el-node", has_text=OUTPUT)).to_have_count(0)
    expect(nowhere).to_have_count(1)
    assert page.evaluate("window.stillTheSamePage === true")
    assert not EffectNode.objects.filter(initiative=initiative, text=OUTPUT).exists()

    page.reload()  # the history is on the initiative page
    expect(page.locator("#history")).to_contain_text(OUTCOME)
