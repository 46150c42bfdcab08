"""The tenant summary's print view passes axe-core's WCAG 2.1 AA rules in Swedish and English
and reflows at 320 px."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from grogrund.initiatives.models import Initiative
from grogrund.programmes import services
from programmes.builders_followup import make_goal
from reports.report_documents_builders import make_world, print_view_problems

pytestmark = pytest.mark.browser


def test_the_print_view_passes_axe_and_fits_a_phone(
    browser: Any, transactional_db: None, live_server: Any
):
    world = make_world()
    goal = make_goal(
        world.programme,
        world.deso,
        world.employment,
        reference_area=world.municipality,
        baseline_share=0.55,
        target_share=0.67,
    )
    services.record_measurement(user=world.editor, goal=goal, year=2026, value=0.6, source="SCB")
    Initiative.objects.create(programme=world.programme, name="Läxhjälp", owner=world.a)
    path = reverse("reports:print", kwargs={"kind": "tenant", "subject": world.programme.pk})
    problems = print_view_problems(browser, live_server.url, world.editor, [path])
    assert not problems, "\n".join(problems)
