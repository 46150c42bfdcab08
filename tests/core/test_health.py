"""The health URL says whether the database answers and has every migration applied: 200 when
both hold, 503 otherwise, to anyone, with nothing more than those two words."""

import pytest
from django.db import OperationalError, connection
from django.db.migrations.recorder import MigrationRecorder

pytestmark = pytest.mark.django_db

URL = "/health/"


def test_a_healthy_site_answers_200_to_anyone(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "migrations": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_a_pending_migration_answers_503(client):
    # The newest migration of an app (an older one missing while a newer is applied is no plan).
    from django.db.migrations.loader import MigrationLoader

    newest = max(
        name for app, name in MigrationLoader(connection).graph.leaf_nodes() if app == "jobs"
    )
    MigrationRecorder(connection).record_unapplied("jobs", newest)
    response = client.get(URL)
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "migrations": "pending"}


def test_a_database_that_does_not_answer_gives_503_without_details(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection to server at 10.0.0.5 failed: secret detail")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get(URL)
    assert response.status_code == 503
    assert response.json() == {"database": "unavailable", "migrations": "unknown"}
    assert b"10.0.0.5" not in response.content


def test_health_is_answered_over_plain_http_when_the_site_redirects_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/konto/logga-in/").status_code == 301
    assert client.get(URL).status_code == 200
