"""Two processes recording the same goal and year at the same moment (two people, or a form
and an import) both succeed: the second replaces the first, as one after the other would,
instead of one of them failing on the (goal, year) uniqueness with a server error. Only
PostgreSQL runs writers side by side; SQLite has one writer at a time."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from grogrund.programmes import services
from grogrund.programmes.models import Measurement
from grogrund.programmes.selectors import gap_facts


def test_the_second_of_two_simultaneous_measurements_replaces_the_first(
    transactional_db, world
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time: the race cannot happen there")
    goal = services.create_goal(
        user=world.editor,
        programme=world.programme,
        area=world.deso,
        indicator=world.employment,
        facts=gap_facts(world.editor, world.deso, world.employment.pk, None),
        deadline_year=2034,
        share_of_gap=0.5,
    )
    ready = threading.Barrier(2)
    errors: list[BaseException] = []

    def record(value: float) -> None:
        from django.db import connection as own

        try:
            ready.wait(timeout=10)
            services.record_measurement(
                user=world.editor, goal=goal, year=2026, value=value, source="SCB"
            )
        except BaseException as error:
            errors.append(error)
        finally:
            own.close()

    threads = [threading.Thread(target=record, args=(v,)) for v in (0.57, 0.58)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == []
    assert Measurement.objects.filter(goal=goal, year=2026).count() == 1
    assert Measurement.objects.get(goal=goal, year=2026).value in (0.57, 0.58)
