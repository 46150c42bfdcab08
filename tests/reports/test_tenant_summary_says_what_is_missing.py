"""A tenant summary renders for a programme that has nothing yet and says so plainly: no
activities described, no goals, nothing measured."""

from __future__ import annotations

import pytest

from programmes.builders_followup import make_goal
from reports.report_documents_builders import make_report, make_world

pytestmark = pytest.mark.django_db


def test_a_new_programme_says_what_is_not_there_yet():
    world = make_world()
    report = make_report("tenant", world.editor, world.programme.pk, language="en")
    for missing in ("no-initiatives", "no-goals"):
        assert f'id="{missing}"' in report.html
    assert "No goals have been set yet." in report.text
    assert "Bostadsbolaget A leads the work, together with Partner P." in report.text


def test_goals_without_measurements_say_nothing_is_measured_yet():
    world = make_world()
    make_goal(
        world.programme,
        world.deso,
        world.employment,
        reference_area=world.municipality,
        baseline_share=0.55,
        target_share=0.67,
    )
    report = make_report("tenant", world.editor, world.programme.pk, language="en")
    assert 'id="nothing-measured"' in report.html
    assert "Nothing has been measured yet" in report.text
