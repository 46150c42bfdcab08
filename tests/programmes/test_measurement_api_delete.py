"""DELETE /api/v1/measurements/<id>/ follows the goal page's rules (services.delete_measurement):
the owner's editors delete any partner's measurement, a partner's editor only its own
organisation's; viewers are refused (403, as for a change), outsiders find nothing (404) and
anonymous clients must log in. The deletion is kept in the programme's history, and the refusal
is in the token user's language."""

from __future__ import annotations

import pytest
import yaml
from drf_spectacular.validation import validate_schema

from builders import api_client, make_org, make_user
from grogrund.accounts.models import Role
from grogrund.programmes import services
from grogrund.programmes.models import ChangeLog, Measurement
from programmes.builders_followup import make_employment_goal


@pytest.fixture
def goal(world):
    return make_employment_goal(world, baseline_year=2024, deadline_year=2028)


@pytest.fixture
def measurements(world, goal):
    """2025 by the owner A, 2026 by the partner P, 2027 by a second partner Q."""
    q = make_org("Partner Q")
    world.programme.shared_with.add(q)
    world.q_editor = make_user(q, Role.EDITOR)
    owners = services.record_measurement(
        user=world.editor, goal=goal, year=2025, value=0.56, source="SCB"
    )
    partners = services.record_measurement(
        user=world.partner_user, goal=goal, year=2026, numerator=580, denominator=1000, source="P"
    )
    q_s = services.record_measurement(
        user=world.q_editor, goal=goal, year=2027, value=0.6, source="Q"
    )
    return {"owner": owners, "partner": partners, "q": q_s}


def _url(m: Measurement) -> str:
    return f"/api/v1/measurements/{m.pk}/"


def _exists(m: Measurement) -> bool:
    return Measurement.objects.filter(pk=m.pk).exists()


def test_the_owners_editor_deletes_any_partners_measurement(world, measurements):
    client = api_client(world.editor)
    for m in (measurements["owner"], measurements["partner"], measurements["q"]):
        response = client.delete(_url(m))
        assert response.status_code == 204, response.content
        assert not _exists(m)
    assert client.get(_url(measurements["owner"])).status_code == 404


def test_a_partner_deletes_its_own_measurement(world, measurements):
    m = measurements["partner"]
    assert api_client(world.partner_user).delete(_url(m)).status_code == 204
    assert not _exists(m)
    assert _exists(measurements["owner"]) and _exists(measurements["q"])


def test_a_partner_is_refused_the_owners_and_another_partners_measurement(world, measurements):
    client = api_client(world.partner_user)
    for m in (measurements["owner"], measurements["q"]):
        response = client.delete(_url(m))
        assert response.status_code == 403
        assert "bara ta bort mätningar för din egen organisation" in response.json()["detail"]
        assert _exists(m)
    assert not ChangeLog.objects.filter(action="delete").exists()


def test_a_viewer_is_refused(world, measurements):
    m = measurements["owner"]
    response = api_client(world.viewer).delete(_url(m))
    assert response.status_code == 403
    assert _exists(m)


def test_an_outsider_finds_nothing(world, measurements):
    m = measurements["owner"]
    assert api_client(world.outsider).delete(_url(m)).status_code == 404
    assert _exists(m)


def test_an_anonymous_client_must_log_in(world, measurements):
    m = measurements["owner"]
    assert api_client(None).delete(_url(m)).status_code == 401
    assert _exists(m)


def test_the_deletion_is_kept_in_the_history(world, goal, measurements):
    m = measurements["partner"]
    api_client(world.partner_user).delete(_url(m))
    entry = ChangeLog.objects.get(object_type="measurement", object_id=m.pk, action="delete")
    assert entry.user == world.partner_user
    assert entry.programme == world.programme
    assert entry.goal == goal
    assert entry.after is None
    assert entry.before["year"] == 2026
    assert entry.before["value"] == pytest.approx(0.58)
    assert (entry.before["numerator"], entry.before["denominator"]) == (580, 1000)
    assert entry.before["organisation"] == world.partner.pk
    assert entry.before["source"] == "P"


@pytest.mark.parametrize(
    "language,refusal",
    [
        ("en", "You may delete measurements only for your own organisation"),
        ("sv", "Du får bara ta bort mätningar för din egen organisation"),
    ],
)
def test_the_refusal_is_in_the_users_language(world, measurements, language, refusal):
    world.partner_user.language = language
    world.partner_user.save()
    response = api_client(world.partner_user).delete(_url(measurements["owner"]))
    assert response.status_code == 403
    assert response.headers["Content-Language"] == language
    assert refusal in response.json()["detail"]


def test_the_schema_lists_the_delete(db):
    schema = yaml.safe_load(api_client(make_user()).get("/api/schema/").content)
    validate_schema(schema)
    assert "delete" in schema["paths"]["/api/v1/measurements/{id}/"]
