"""The tenant summary tells each goal in everyday words: what it is about, how many people by
when, how many so far, and whether that is as planned.

Hand check: employment in Testby 55 % of 1 000 in 2024, goal 67 % in 2030:
(0,67 − 0,55) × 1 000 = 120 more people; 59,5 % measured in 2026: (0,595 − 0,55) × 1 000 = 45
so far, and the trajectory asks for 55 + 12 × 2/6 = 59 % in 2026: on track. Unemployment 12 % →
9 % (lower is better): 30 fewer people; 13 % measured in 2026 is 10 more than at the start."""

from __future__ import annotations

import pytest

from grogrund.programmes import services
from programmes.builders_followup import make_goal
from reports.report_documents_builders import make_report, make_world

pytestmark = pytest.mark.django_db


def _goals(world):
    employment = make_goal(
        world.programme,
        world.deso,
        world.employment,
        reference_area=world.municipality,
        baseline_share=0.55,
        target_share=0.67,
        baseline_year=2024,
        deadline_year=2030,
    )
    unemployment = make_goal(
        world.programme,
        world.deso,
        world.unemployment,
        reference_area=world.municipality,
        baseline_share=0.12,
        target_share=0.09,
        baseline_year=2024,
        deadline_year=2030,
    )
    for goal, value in ((employment, 0.595), (unemployment, 0.13)):
        services.record_measurement(
            user=world.editor, goal=goal, year=2026, value=value, source="SCB TAB6680"
        )
    return employment, unemployment


def test_a_goal_in_everyday_english():
    world = make_world()
    _goals(world)
    text = make_report("tenant", world.editor, world.programme.pk, language="en").text
    assert "More adults in work" in text
    assert "The goal is 120 more people by 2030, counted from 2024." in text
    assert "So far: 45 more people (measured in 2026)." in text
    assert "It is going as planned." in text
    assert "Counted among residents aged 20–64 in Testby." in text


def test_a_falling_goal_that_went_the_wrong_way_says_so():
    world = make_world()
    _goals(world)
    text = make_report("tenant", world.editor, world.programme.pk, language="en").text
    assert "Fewer people without a job" in text
    assert "The goal is 30 fewer people by 2030" in text
    assert "So far it has gone the wrong way: 10 more people than at the start" in text
    assert "It is going too slowly to reach the goal in time." in text


def test_the_people_are_counted_in_swedish_words():
    world = make_world()
    _goals(world)
    text = make_report("tenant", world.editor, world.programme.pk).text
    assert "120 fler personer" in text and "45 fler personer" in text
    assert "30 färre personer" in text


def test_an_indicator_without_everyday_words_keeps_its_own_name():
    from builders import make_indicator

    world = make_world()
    library = make_indicator(
        "library_visits", name_sv="Lån på biblioteket", name_en="Library loans"
    )
    make_goal(
        world.programme,
        world.deso,
        library,
        reference_area=world.municipality,
        baseline_share=0.2,
        target_share=0.3,
    )
    text = make_report("tenant", world.editor, world.programme.pk, language="en").text
    assert "Library loans" in text
    assert "Nothing has been measured yet." in text
