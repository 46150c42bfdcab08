"""A read-only token reads everything its user may read and changes nothing: any write is
refused with 403 and a JSON message; a read-and-write token writes as its user."""

import pytest
from django.utils import translation
from django.utils.translation import gettext
from rest_framework.test import APIClient

from builders import make_area, make_dataset, make_indicator, make_observation, make_org, make_user
from grogrund.accounts.models import Role
from grogrund.accounts.tokens import create_token
from grogrund.areas.models import Observation

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    org = make_org()
    user = make_user(org, Role.EDITOR, language="en")
    dataset = make_dataset(org)
    area = make_area("9901A0001")
    indicator = make_indicator()
    observation = make_observation(dataset, area, indicator, "2023", 0.4)
    return user, dataset, observation


def _client(user, access: str) -> APIClient:
    api = APIClient()
    api.credentials(
        HTTP_AUTHORIZATION=f"Token {create_token(user=user, name='t', access=access).secret}"
    )
    return api


def _new(dataset) -> dict:
    return {
        "dataset": dataset.pk,
        "area": "9901A0001",
        "indicator": "employment",
        "period": "2024",
        "value": 0.5,
    }


def test_a_read_only_token_reads(world):
    user, _, observation = world
    api = _client(user, "read")
    assert api.get(f"/api/v1/observations/{observation.pk}/").status_code == 200


def test_a_read_only_token_cannot_create_change_or_delete(world):
    user, dataset, observation = world
    api = _client(user, "read")
    for response in (
        api.post("/api/v1/observations/", _new(dataset), format="json"),
        api.patch(f"/api/v1/observations/{observation.pk}/", {"value": 0.9}, format="json"),
        api.delete(f"/api/v1/observations/{observation.pk}/"),
    ):
        assert response.status_code == 403
        assert response.json() == {"detail": "This token is read-only: it cannot change data."}
    assert Observation.objects.count() == 1
    assert Observation.objects.get().value == pytest.approx(0.4)


def test_a_read_and_write_token_writes(world):
    user, dataset, _ = world
    api = _client(user, "write")
    assert api.post("/api/v1/observations/", _new(dataset), format="json").status_code == 201
    assert Observation.objects.count() == 2


def test_the_read_only_refusal_speaks_swedish_to_a_swedish_user(world):
    user, dataset, _ = world
    user.language = "sv"
    user.save()
    response = _client(user, "read").post("/api/v1/observations/", _new(dataset), format="json")
    assert response.status_code == 403
    assert response.headers["Content-Type"] == "application/json"
    with translation.override("sv"):
        assert response.json()["detail"] == gettext(
            "This token is read-only: it cannot change data."
        )
