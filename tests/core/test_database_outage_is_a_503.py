"""While the database does not answer, the API says so in JSON with 503 and Retry-After, and a
page says so in the visitor's language — not "Server Error (500)" in HTML (issue 11). Other
faults stay 500s."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from builders import make_org, make_user

pytestmark = pytest.mark.django_db


def _database_away():
    return mock.patch.object(
        BaseDatabaseWrapper,
        "_cursor",
        side_effect=OperationalError("connection to server at 127.0.0.1 failed: refused"),
    )


@pytest.fixture
def client():
    """A signed-in member: the session and the user are read from the database too."""
    client = Client(raise_request_exception=False)
    client.force_login(make_user(make_org()))
    return client


def test_the_api_answers_503_json_while_the_database_is_away(client, settings):
    settings.DEBUG = False
    with _database_away():
        response = client.get("/api/v1/areas/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "5"
    assert (
        "try again" in response.json()["detail"].lower()
        or "försök" in response.json()["detail"].lower()
    )


def test_a_page_says_the_database_is_away_in_swedish(client, settings):
    settings.DEBUG = False
    with _database_away():
        response = client.get("/omraden/")
    assert response.status_code == 503
    text = response.content.decode()
    assert '<html lang="sv">' in text
    assert "Databasen svarar inte" in text


def test_other_faults_stay_500s(client, settings):
    settings.DEBUG = False
    with mock.patch("grogrund.api.views.AreaViewSet.get_queryset", side_effect=ZeroDivisionError):
        response = client.get("/api/v1/areas/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
