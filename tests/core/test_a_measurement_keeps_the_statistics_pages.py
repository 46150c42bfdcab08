"""Scoped data generations (grogrund.core.generation): a goal measurement moves the
follow-up scope alone, so the area profile and the statistics API lists stay kept; anything
they show still makes them new at once (a programme in the area, a figure, a membership)."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test import Client

from builders import make_observation
from grogrund.accounts.models import Membership, Role
from grogrund.areas.models import Dataset
from grogrund.core import generation
from grogrund.core.generation import current, data_changed
from grogrund.programmes.models import Measurement
from programmes.builders_followup import make_employment_goal
from programmes.conftest import world  # noqa: F401  (the fixture)
from programmes.programme_builders import make_programme

pytestmark = pytest.mark.django_db

STATISTICS_PAGES = ("/omraden/{deso}/", "/api/v1/areas/?limit=50", "/api/v1/observations/")


def _client(user):
    client = Client()
    client.force_login(user)
    client.get("/")  # the CSRF cookie, as a browser has it
    return client


def _moved(change) -> set[str]:
    before = {s: current((s,)) for s in generation.SCOPES}
    change()
    return {s for s in generation.SCOPES if current((s,)) > before[s]}


def _writer(world):  # noqa: F811
    """A signed-in editor writing measurements of a goal through the API, as bench_load's."""
    goal = make_employment_goal(world)
    client = _client(world.editor)
    return lambda year=2025, value=0.58: _measure(client, goal, year, value)


def _measure(client, goal, year, value):
    response = client.post(
        "/api/v1/measurements/",
        {"goal": goal.pk, "year": year, "value": value, "source": "Enkät"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content


def test_a_measurement_moves_the_follow_up_scope_alone(world):  # noqa: F811
    goal = make_employment_goal(world)
    moved = _moved(
        lambda: Measurement.objects.create(goal=goal, year=2025, value=0.58, organisation=world.a)
    )
    assert moved == {generation.FOLLOW_UP}


def test_a_measurement_through_the_api_moves_the_follow_up_scope_alone(world):  # noqa: F811
    measure = _writer(world)
    moved = _moved(measure)
    assert moved == {generation.FOLLOW_UP}  # the measurement and its change history


def test_the_generation_of_everything_still_moves_with_any_change(world):  # noqa: F811
    goal = make_employment_goal(world)
    before = current()
    Measurement.objects.create(goal=goal, year=2026, value=0.6, organisation=world.a)
    assert current() > before


def test_a_deletion_moves_the_scopes_of_what_points_at_it(world):  # noqa: F811
    # Deleting a goal sets the goal of its change history to null (the follow-up scope).
    goal = make_employment_goal(world)
    assert {generation.PROGRAMMES, generation.FOLLOW_UP} <= _moved(goal.delete)


def test_unknown_scopes_are_refused():
    with pytest.raises(ValueError):
        current(("nonsense",))
    with pytest.raises(ValueError):
        data_changed(scopes=())


@pytest.mark.parametrize("page", STATISTICS_PAGES)
def test_the_statistics_pages_stay_kept_after_a_measurement(
    world,  # noqa: F811
    page,
    django_assert_max_num_queries,
):
    path = page.format(deso=world.deso.code)
    measure = _writer(world)
    client = _client(world.editor)
    first = client.get(path)
    assert first.status_code == 200
    measure()
    # Kept: the session, the user (and for the API its memberships), the generation.
    with django_assert_max_num_queries(4):
        again = client.get(path)
    assert again.content == first.content


def test_a_new_programme_in_the_area_shows_on_its_profile_at_once(world):  # noqa: F811
    client = _client(world.editor)
    path = f"/omraden/{world.deso.code}/"
    assert "Handslag Nyby" not in client.get(path).content.decode()
    make_programme(world.a, [world.deso], name="Handslag Nyby")
    assert "Handslag Nyby" in client.get(path).content.decode()


def test_a_new_figure_shows_in_the_observation_list_at_once(world):  # noqa: F811
    client = _client(world.editor)
    path = "/api/v1/observations/?limit=100"
    count = client.get(path).json()["count"]
    dataset = Dataset.objects.filter(owner=world.a).first()
    make_observation(dataset, world.deso, world.employment, "2025", numerator=560, denominator=1000)
    assert client.get(path).json()["count"] == count + 1


def test_a_new_membership_changes_the_observation_list_at_once(world):  # noqa: F811
    # The outsider's organisation B does not see A's partners-only figures, until B's user
    # becomes a member of A.
    client = _client(world.outsider)
    path = "/api/v1/observations/?limit=100"
    assert client.get(path).json()["count"] == 0
    Membership.objects.create(user=world.outsider, organisation=world.a, role=Role.VIEWER)
    assert client.get(path).json()["count"] == 4


def test_another_visitor_never_gets_a_kept_list(world):  # noqa: F811
    path = "/api/v1/observations/?limit=100"
    assert _client(world.editor).get(path).json()["count"] == 4
    assert _client(world.outsider).get(path).json()["count"] == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the sequences are PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_each_scope_changed_moves_again_after_the_commit(world):  # noqa: F811
    goal = make_employment_goal(world)
    with transaction.atomic():
        Measurement.objects.create(goal=goal, year=2027, value=0.6, organisation=world.a)
        inside = {s: current((s,)) for s in generation.SCOPES}
    after = {s: current((s,)) for s in generation.SCOPES}
    assert after[generation.FOLLOW_UP] > inside[generation.FOLLOW_UP]
    assert after[generation.STATISTICS] == inside[generation.STATISTICS]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the sequences are PostgreSQL's")
def test_on_postgresql_the_very_first_change_of_each_scope_moves_it():
    with connection.cursor() as cursor:  # the sequences as a fresh database has them
        for sequence in generation.SEQUENCES.values():
            cursor.execute(f"SELECT setval('{sequence}', 1, false)")
    for scope in generation.SCOPES:
        before = current((scope,))
        data_changed(scopes=(scope,))
        assert current((scope,)) > before, scope
