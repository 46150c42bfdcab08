"""The goal page reads a fixed number of queries however many measurements and changes it has."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from grogrund.programmes import services
from grogrund.programmes.selectors import gap_facts


def _queries(client, url):
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


def test_more_measurements_do_not_mean_more_queries(world):
    facts = gap_facts(world.editor, world.deso, world.employment.pk, None)
    goal = services.create_goal(
        user=world.editor,
        programme=world.programme,
        area=world.deso,
        indicator=world.employment,
        facts=facts,
        deadline_year=2034,
        share_of_gap=0.5,
    )
    client = world.client(world.editor)
    url = reverse("programmes:goal", args=[world.programme.pk, goal.pk])
    client.get(url)  # the first visit sets the CSRF cookie; count later ones, alike
    services.record_measurement(user=world.editor, goal=goal, year=2025, value=0.56, source="x")
    few = _queries(client, url)
    for year in range(2026, 2034):
        services.record_measurement(user=world.editor, goal=goal, year=year, value=0.6, source="x")
    assert _queries(client, url) == few
