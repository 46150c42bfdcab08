"""A tenant summary is drawn from its figures alone, and covers its period: a measurement made
after the period's end is not told; later measurements do not change a summary already made
from the same figures."""

from __future__ import annotations

import json

import pytest
from django.http import Http404

from grogrund.programmes import services
from grogrund.reports import kinds
from grogrund.reports.kinds import Period
from grogrund.reports.pdf import render_html
from programmes.builders_followup import make_goal
from reports.report_documents_builders import make_world

pytestmark = pytest.mark.django_db


def _goal(world):
    return make_goal(
        world.programme,
        world.deso,
        world.employment,
        reference_area=world.municipality,
        baseline_share=0.55,
        target_share=0.67,
        baseline_year=2024,
        deadline_year=2030,
    )


def test_a_measurement_after_the_period_is_not_told():
    world = make_world()
    goal = _goal(world)
    services.record_measurement(user=world.editor, goal=goal, year=2025, value=0.57, source="SCB")
    services.record_measurement(user=world.editor, goal=goal, year=2027, value=0.62, source="SCB")
    kind = kinds.get("tenant")
    figures = kind.figures(user=world.editor, subject=world.programme, period=Period.year(2025))
    assert figures["goals"][0]["latest"]["year"] == 2025
    # 2025: (0,57 − 0,55) × 1 000 = 20 people so far
    html = render_html(kind.template, kind.context(figures, language="en"), language="en")
    assert "So far: 20 more people (measured in 2025)." in html


def test_the_same_figures_draw_the_same_summary_after_new_measurements():
    world = make_world()
    goal = _goal(world)
    kind = kinds.get("tenant")
    figures = json.loads(json.dumps(kind.figures(user=world.editor, subject=world.programme)))
    before = render_html(kind.template, kind.context(figures, language="sv"), language="sv")
    services.record_measurement(user=world.editor, goal=goal, year=2026, value=0.6, source="SCB")
    after = render_html(kind.template, kind.context(figures, language="sv"), language="sv")
    assert after == before


def test_the_summary_is_about_a_programme_the_reader_may_see():
    world = make_world()
    kind = kinds.get("tenant")
    assert kind.subject(world.partner_user, world.programme.pk) == world.programme
    with pytest.raises(Http404):
        kind.subject(world.outsider, world.programme.pk)
    assert kind.programme(world.programme) == world.programme
