"""Follow-up in a real browser: the demo administrator records a measurement for a goal of the
demo programme and sees the goal's status change, on the goal page and on the dashboard.

Employment 20–64 in Norrbacka: the goal closes 30 % of the gap to the municipality by 2031 and
is on track in 2024. A 2025 value below the 2021 baseline (50 %) is no progress at all where
the trajectory asks for some: the goal turns "I riskzonen" (at risk)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from grogrund.programmes.demo import DEMO_PROGRAMME
from grogrund.programmes.models import Goal, Measurement, Programme

pytestmark = pytest.mark.browser


def _employment_goal() -> Goal:
    programme = Programme.objects.get(name=DEMO_PROGRAMME)
    return Goal.objects.get(programme=programme, indicator__code="employment_20_64")


def _dashboard_status(page: Any, goal: Goal) -> str:
    return page.locator(f"#goal-{goal.pk} .status").inner_text().strip()


def _count(page: Any, status: str) -> int:
    return int(page.locator(f'#status-counts strong[data-status="{status}"]').inner_text())


def test_recording_a_measurement_changes_the_status(logged_in: Any, artifacts: Path) -> None:
    page = logged_in
    goal = _employment_goal()
    dashboard = f"/program/{goal.programme_id}/uppfoljning/"

    page.goto(dashboard)
    assert "Uppföljning" in page.inner_text("h1")
    assert _dashboard_status(page, goal) == "I fas"
    at_risk_before = _count(page, "at_risk")
    assert page.locator("#dashboard-goals svg.sparkline").count() == 4
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(artifacts / "follow-up-dashboard.png"), full_page=True)

    page.click(f"#goal-{goal.pk} a")
    page.wait_for_url(f"**/mal/{goal.pk}/")
    assert page.locator("#current-status").inner_text().strip() == "I fas"
    page.get_by_role("link", name="Registrera en mätning").click()
    page.wait_for_url("**/matning/ny/")
    page.fill("#id_year", "2025")
    page.fill("#id_value_percent", "50")
    page.fill("#id_source", "Egen räkning (browsertest)")
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"**/mal/{goal.pk}/")

    assert page.locator("#current-status").inner_text().strip() == "I riskzonen"
    row = page.locator("#measurements tbody tr", has_text="2025")
    assert "50,0 %" in row.inner_text().replace("\xa0", " ")
    assert "Grobo Bostäder" in row.inner_text()
    # The history names the person by full name, once (issue 10: names, not ids).
    assert page.locator("#history tbody tr").first.inner_text().count("Anna Admin") == 1
    page.screenshot(path=str(artifacts / "follow-up-goal.png"), full_page=True)
    stored = Measurement.objects.get(goal=goal, year=2025)
    assert stored.value == pytest.approx(0.5)

    page.goto(dashboard)
    assert _dashboard_status(page, goal) == "I riskzonen"
    assert _count(page, "at_risk") == at_risk_before + 1
