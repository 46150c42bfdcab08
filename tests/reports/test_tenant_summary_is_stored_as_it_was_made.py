"""A tenant summary of one area, stored, is listed under its programme, is named by programme
and area, and keeps what it told after new measurements."""

from __future__ import annotations

import pytest

from grogrund.programmes import services
from grogrund.reports import kinds
from grogrund.reports.kinds import Period
from grogrund.reports.services import make_report
from grogrund.reports.tenant_report import area_link_pk
from programmes.builders_followup import make_goal
from reports.report_documents_builders import make_world

pytestmark = pytest.mark.django_db


def test_the_stored_summary_keeps_what_it_told(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
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
    services.record_measurement(user=world.editor, goal=goal, year=2025, value=0.57, source="SCB")
    kind = kinds.get("tenant_area")
    subject = kind.subject(world.editor, area_link_pk(world.programme, world.deso))
    report = make_report(
        user=world.editor,
        kind=kind,
        subject=subject,
        period=Period.year(2025),
        language="en",
        owner=world.a,
    )
    assert report.programme == world.programme
    assert report.subject_name == "Handslag Testby, Testby"
    services.record_measurement(user=world.editor, goal=goal, year=2026, value=0.6, source="SCB")
    client = world.client(world.viewer)
    stored = client.get(f"/rapporter/sparade/{report.pk}/utskrift/").text
    # 2025: (0,57 − 0,55) × 1 000 = 20 people so far
    assert "So far: 20 more people (measured in 2025)." in stored
    assert "measured in 2026" not in stored
