"""Two tenant summaries of the same programme compare by their figures: a goal's new
measurement and its changed status are told."""

from __future__ import annotations

import pytest
from django.utils import translation

from grogrund.programmes import services
from grogrund.reports import kinds
from grogrund.reports.changes import compare, describe
from programmes.builders_followup import make_goal
from reports.report_documents_builders import make_world

pytestmark = pytest.mark.django_db


def test_a_new_measurement_is_told():
    world = make_world()
    goal = make_goal(
        world.programme,
        world.deso,
        world.employment,
        reference_area=world.municipality,
        baseline_share=0.55,
        target_share=0.67,
        baseline_year=2024,
        deadline_year=2030,
    )
    kind = kinds.get("tenant")
    before = kind.figures(user=world.editor, subject=world.programme)
    services.record_measurement(user=world.editor, goal=goal, year=2026, value=0.6, source="SCB")
    after = kind.figures(user=world.editor, subject=world.programme)
    changes = compare("tenant", before, after)
    assert [c["type"] for c in changes] == ["goal_latest", "goal_status"]
    with translation.override("en"):
        told = [describe(c) for c in changes]
    assert "Employed, aged 20–64, Testby" in told[0] and "60.0" in told[0]
