"""Every change to goals and measurements is kept: who, when, before and after; the goal page
shows it."""

import pytest
from django.urls import reverse

from grogrund.programmes import services
from grogrund.programmes.models import ChangeLog, Measurement
from grogrund.programmes.selectors import gap_facts


@pytest.fixture
def goal(world):
    facts = gap_facts(world.editor, world.deso, world.employment.pk, None)
    return services.create_goal(
        user=world.editor,
        programme=world.programme,
        area=world.deso,
        indicator=world.employment,
        facts=facts,
        deadline_year=2034,
        share_of_gap=0.5,
    )


def test_changing_the_deadline_keeps_before_and_after(world, goal):
    services.change_deadline(user=world.editor, goal=goal, deadline_year=2036)
    entry = ChangeLog.objects.filter(action="update").get()
    assert entry.before["deadline_year"] == 2034 and entry.after["deadline_year"] == 2036
    assert entry.goal == goal and entry.programme == world.programme


def test_deleting_a_measurement_keeps_what_it_was(world, goal):
    m = services.record_measurement(
        user=world.editor, goal=goal, year=2025, value=0.57, source="SCB"
    )
    services.delete_measurement(user=world.editor, measurement=m)
    assert not Measurement.objects.exists()
    entry = ChangeLog.objects.filter(action="delete").get()
    assert entry.before["value"] == pytest.approx(0.57) and entry.after is None


def test_only_editors_of_the_owner_may_change_goals(world, goal):
    for user in (world.viewer, world.partner_user, world.outsider):
        with pytest.raises(services.NotAllowed):
            services.change_deadline(user=user, goal=goal, deadline_year=2040)
    for user in (world.viewer, world.outsider):
        with pytest.raises(services.NotAllowed):
            services.record_measurement(user=user, goal=goal, year=2025, value=0.6, source="x")
    assert ChangeLog.objects.count() == 1  # only the creation


def test_the_goal_page_shows_the_history(world, goal):
    client = world.client(world.editor)
    url = reverse("programmes:goal", args=[world.programme.pk, goal.pk])
    assert client.post(url, {"deadline_year": 2036}).status_code == 302
    page = client.get(url)
    history = list(page.context["history"])
    assert [c.action for c in history] == ["update", "create"]
    assert world.editor.username in page.content.decode()


def test_a_viewer_cannot_change_the_deadline_through_the_page(world, goal):
    url = reverse("programmes:goal", args=[world.programme.pk, goal.pk])
    assert world.client(world.viewer).post(url, {"deadline_year": 2040}).status_code == 404
    goal.refresh_from_db()
    assert goal.deadline_year == 2034
