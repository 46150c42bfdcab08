"""From the public pages to a published programme, without logging in: the demo network shows
its totals publicly and Grobo Bostäder has published "Handslag Norrbacka" (grogrund.network.demo).
A visitor opens the public pages from the menu, follows the programme, and reads its four goals
with the people each aims at and where it stands: three on track, the school goal behind
(tests/programmes/test_demo_programme.py has the arithmetic)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe import violations

from grogrund.core.numbers import format_number
from grogrund.programmes.demo import DEMO_PROGRAMME
from grogrund.programmes.models import Programme

pytestmark = pytest.mark.browser


def test_a_visitor_reaches_the_published_programme_and_its_goals(
    page: Any, artifacts: Path
) -> None:
    programme = Programme.objects.get(name=DEMO_PROGRAMME)
    page.goto("/")
    page.click("header nav a[href='/oppet/']")
    page.wait_for_url("**/oppet/")
    assert violations(page, "public index") == []
    page.click(f"#public-programmes a:has-text('{DEMO_PROGRAMME}')")
    page.wait_for_url(f"**/oppet/program/{programme.pk}/")
    assert page.inner_text("h1") == DEMO_PROGRAMME
    rows = page.locator("#public-goals tbody tr")
    assert rows.count() == 4
    for goal in programme.goals.select_related("indicator"):
        row = page.locator(f"#public-goals tr[data-goal='{goal.pk}']")
        text = row.inner_text().replace("\xa0", " ")
        assert goal.indicator.name_sv in text
        assert f"{format_number(goal.target_count, 0)} " in text.replace("\xa0", " ")
        assert str(goal.deadline_year) in text
        expected = "Efter" if goal.indicator.code == "eligible_upper_secondary" else "I fas"
        assert row.locator(".status").inner_text().strip() == expected
    assert page.locator(".public-valuation [data-figure='npv']").count() >= 1
    assert page.locator("meta[property='og:title']").get_attribute("content") == DEMO_PROGRAMME
    assert violations(page, "public programme") == []
    page.screenshot(path=str(artifacts / "public-programme.png"), full_page=True)

    # The network's results, as the network chose to show them.
    page.goto("/oppet/")
    page.click("a[href='/oppet/natverket/']")
    page.wait_for_url("**/oppet/natverket/")
    assert page.locator(f"#network-programmes a:has-text('{DEMO_PROGRAMME}')").count() == 1
    assert violations(page, "public totals") == []
