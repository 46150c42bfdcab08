"""/api/v1/outcome-measurements/: partners record the measured values of an initiative's
outcomes with a token, through the same service and access rules as the outcome page
(services.record_measurement: editors of the programme's owner and of the organisation that
runs the initiative); values are in the indicator's stored scale (a share as 0–1)."""

from __future__ import annotations

import pytest

from builders import api_client, make_org, make_user
from grogrund.accounts.models import Role
from grogrund.initiatives.models import OutcomeMeasurement
from grogrund.programmes.models import ChangeAction
from grogrund.programmes.selectors import history_for
from initiatives.builders_initiatives import make_initiative, make_node, make_outcome, measure
from programmes.programme_builders import make_programme

URL = "/api/v1/outcome-measurements/"


def _speaking(user, language):
    user.language = language
    user.save()
    return user


@pytest.fixture
def outcome(world):
    return make_outcome(make_initiative(world.programme), world.employment)


def test_an_owner_editor_creates_updates_and_deletes_with_the_history_kept(world, outcome):
    client = api_client(world.editor)
    created = client.post(
        URL,
        {"outcome": outcome.pk, "year": 2025, "value": 0.58, "source": "Enkät 2025"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["initiative"], body["outcome"], body["year"]) == (
        outcome.initiative_id,
        outcome.pk,
        2025,
    )
    assert (body["value"], body["source"], body["recorded_by"]) == (
        0.58,
        "Enkät 2025",
        world.editor.username,
    )
    m = OutcomeMeasurement.objects.get()
    assert (m.value, m.source, m.recorded_by) == (0.58, "Enkät 2025", world.editor)

    changed = client.patch(f"{URL}{m.pk}/", {"value": 0.6}, format="json")
    assert changed.status_code == 200, changed.json()
    m.refresh_from_db()
    assert (m.value, m.source) == (0.6, "Enkät 2025")  # the source is kept

    replaced = client.put(
        f"{URL}{m.pk}/",
        {"outcome": outcome.pk, "year": 2025, "value": 0.61, "source": "SCB"},
        format="json",
    )
    assert replaced.status_code == 200, replaced.json()
    m.refresh_from_db()
    assert (m.value, m.source) == (0.61, "SCB")

    history = list(history_for(m))
    assert [h.action for h in history] == [
        ChangeAction.UPDATE,
        ChangeAction.UPDATE,
        ChangeAction.CREATE,
    ]
    assert (history[1].before["value"], history[1].after["value"]) == (0.58, 0.6)
    assert history[0].user == world.editor

    pk = m.pk
    assert client.delete(f"{URL}{pk}/").status_code == 204
    assert not OutcomeMeasurement.objects.exists()
    deleted = history_for(m).first()
    assert deleted.action == ChangeAction.DELETE and deleted.before["value"] == 0.61
    assert client.get(f"{URL}{pk}/").status_code == 404


def test_posting_the_same_outcome_and_year_again_replaces_the_value(world, outcome):
    client = api_client(world.editor)
    data = {"outcome": outcome.pk, "year": 2025, "value": 0.58, "source": "Enkät"}
    first = client.post(URL, data, format="json")
    again = client.post(URL, {**data, "value": 0.59}, format="json")
    # As /api/v1/measurements/ answers a repeated post: 201, the same row with the new value.
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json()["id"] == first.json()["id"]
    assert list(OutcomeMeasurement.objects.values_list("year", "value")) == [(2025, 0.59)]
    m = OutcomeMeasurement.objects.get()
    assert [h.action for h in history_for(m)] == [ChangeAction.UPDATE, ChangeAction.CREATE]


def test_the_partner_running_the_initiative_records_its_outcomes(world):
    initiative = make_initiative(world.programme, name="Läxhjälp", owner=world.partner)
    outcome = make_outcome(initiative, world.employment)
    response = api_client(world.partner_editor).post(
        URL, {"outcome": outcome.pk, "year": 2026, "value": 0.57, "source": "P"}, format="json"
    )
    assert response.status_code == 201, response.json()
    m = OutcomeMeasurement.objects.get()
    assert (m.initiative, m.value, m.recorded_by) == (initiative, 0.57, world.partner_editor)


def test_a_partner_may_not_record_for_an_initiative_the_owner_runs(world, outcome):
    measure(outcome, 2025, 0.58)
    client = api_client(_speaking(world.partner_editor, "en"))
    response = client.post(
        URL, {"outcome": outcome.pk, "year": 2026, "value": 0.6, "source": "P"}, format="json"
    )
    assert response.status_code == 403
    assert "Outcomes are recorded by editors" in response.json()["detail"]
    m = OutcomeMeasurement.objects.get()
    assert client.patch(f"{URL}{m.pk}/", {"value": 0.9}, format="json").status_code == 403
    assert client.delete(f"{URL}{m.pk}/").status_code == 403
    m.refresh_from_db()
    assert m.value == 0.58 and OutcomeMeasurement.objects.count() == 1


def test_a_viewer_sees_but_may_not_write_in_the_users_language(world, outcome):
    m = measure(outcome, 2025, 0.58)
    client = api_client(_speaking(world.viewer, "sv"))
    assert client.get(f"{URL}{m.pk}/").json()["value"] == 0.58
    response = client.post(
        URL, {"outcome": outcome.pk, "year": 2026, "value": 0.6, "source": "x"}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["detail"].startswith("Utfall registreras av redaktörer")
    assert client.patch(f"{URL}{m.pk}/", {"value": 0.9}, format="json").status_code == 403
    assert client.delete(f"{URL}{m.pk}/").status_code == 403
    m.refresh_from_db()
    assert m.value == 0.58 and OutcomeMeasurement.objects.count() == 1


def test_an_outsider_gets_404_and_cannot_record(world, outcome):
    m = measure(outcome, 2025, 0.58)
    client = api_client(world.outsider)
    assert client.get(f"{URL}{m.pk}/").status_code == 404
    assert client.patch(f"{URL}{m.pk}/", {"value": 0.9}, format="json").status_code == 404
    assert client.delete(f"{URL}{m.pk}/").status_code == 404
    response = client.post(
        URL, {"outcome": outcome.pk, "year": 2026, "value": 0.6, "source": "x"}, format="json"
    )
    assert response.status_code == 400 and "outcome" in response.json()  # no such outcome
    m.refresh_from_db()
    assert m.value == 0.58 and OutcomeMeasurement.objects.count() == 1


def test_anonymous_writes_are_401(world, outcome):
    m = measure(outcome, 2025, 0.58)
    client = api_client(None)
    data = {"outcome": outcome.pk, "year": 2026, "value": 0.6, "source": "x"}
    assert client.post(URL, data, format="json").status_code == 401
    assert client.patch(f"{URL}{m.pk}/", {"value": 0.9}, format="json").status_code == 401
    assert client.delete(f"{URL}{m.pk}/").status_code == 401
    assert OutcomeMeasurement.objects.count() == 1


@pytest.mark.parametrize(
    "language,message",
    [
        ("sv", "Värdet måste vara en andel mellan 0 och 100 %."),
        ("en", "The value must be a share between 0 and 100 %."),
    ],
)
def test_a_share_outside_0_to_1_is_a_400_naming_the_value(world, outcome, language, message):
    client = api_client(_speaking(world.editor, language))
    response = client.post(
        URL, {"outcome": outcome.pk, "year": 2025, "value": 58, "source": "x"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"value": [message]}
    assert not OutcomeMeasurement.objects.exists()
    m = measure(outcome, 2025, 0.58)
    response = client.patch(f"{URL}{m.pk}/", {"value": -0.1}, format="json")
    assert response.status_code == 400 and response.json() == {"value": [message]}
    m.refresh_from_db()
    assert m.value == 0.58


def test_a_node_that_is_no_followable_outcome_is_a_400_naming_the_outcome(world):
    initiative = make_initiative(world.programme)
    activity = make_node(initiative, "activity", "Jobbcoacher")
    unlinked = make_node(initiative, "long_term", "Fler i arbete")  # no indicator
    client = api_client(_speaking(world.editor, "en"))
    for node, message in (
        (activity, "Only outcomes are measured."),
        (unlinked, "Link the outcome to an indicator before recording values."),
    ):
        response = client.post(
            URL, {"outcome": node.pk, "year": 2025, "value": 0.5, "source": "x"}, format="json"
        )
        assert response.status_code == 400
        assert response.json() == {"outcome": [message]}
    assert not OutcomeMeasurement.objects.exists()


def test_outcome_and_year_cannot_change_on_update(world, outcome):
    m = measure(outcome, 2025, 0.58)
    client = api_client(_speaking(world.editor, "sv"))
    response = client.patch(f"{URL}{m.pk}/", {"year": 2026}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "year": ["Ett värdes utfall och år kan inte ändras: registrera ett nytt värde i stället."]
    }
    m.refresh_from_db()
    assert m.year == 2025


def test_the_list_shows_only_visible_values_and_filters_by_initiative_and_outcome(world):
    first = make_initiative(world.programme, name="Jobbspår")
    short = make_outcome(first, world.employment, text="Färre arbetslösa")
    long = make_outcome(first, world.employment, stage="long_term", text="Fler i arbete")
    second = make_initiative(world.programme, name="Läxhjälp")
    other = make_outcome(second, world.employment)
    measure(short, 2025, 0.56)
    measure(long, 2025, 0.57)
    measure(other, 2025, 0.59)
    hidden_org = make_org("Org C")
    hidden = make_initiative(make_programme(hidden_org, [world.deso], name="Hemligt C"))
    hidden_m = measure(make_outcome(hidden, world.employment), 2025, 0.7)

    client = api_client(world.partner_viewer)
    listed = client.get(URL).json()
    assert listed["count"] == 3 and hidden_m.pk not in {x["id"] for x in listed["results"]}
    by_initiative = client.get(URL, {"initiative": first.pk}).json()["results"]
    pairs = [(x["outcome"], x["value"]) for x in by_initiative]
    assert pairs == [(short.pk, 0.56), (long.pk, 0.57)]
    by_outcome = client.get(URL, {"outcome": long.pk}).json()["results"]
    assert [x["value"] for x in by_outcome] == [0.57]
    assert client.get(URL, {"initiative": hidden.pk}).json()["count"] == 0
    # A value that is no id is a 400 naming the parameter (issue 11), not an empty list.
    assert client.get(URL, {"initiative": "x"}).json() == {
        "initiative": ["'x' är inget id: ange ett heltal."]
    }
    outsider = api_client(make_user(make_org("Org D"), Role.ADMIN))
    assert outsider.get(URL).json()["count"] == 0


def test_the_read_api_and_this_endpoint_show_the_same_stored_share(world, outcome):
    api_client(world.editor).post(
        URL, {"outcome": outcome.pk, "year": 2025, "value": 0.585, "source": "x"}, format="json"
    )
    data = api_client(world.viewer).get(f"/api/v1/initiatives/{outcome.initiative_id}/").json()
    node = next(n for n in data["nodes"] if n["id"] == outcome.pk)
    assert [m["value"] for m in node["measurements"]] == [0.585]
