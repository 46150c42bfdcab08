"""A signed-in session lasts eight hours (SESSION_COOKIE_AGE), then the user logs in again."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from builders import make_user

pytestmark = pytest.mark.django_db


def test_a_session_lasts_eight_hours_by_default():
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    make_user(username="anna")
    client = Client()
    response = client.post("/konto/logga-in/", {"username": "anna", "password": "pw-12345!"})
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 8 * 3600
    session = Session.objects.get()
    assert abs(session.expire_date - (timezone.now() + timedelta(hours=8))) < timedelta(minutes=1)


def test_after_it_expires_the_account_page_asks_for_a_login_again():
    make_user(username="anna")
    client = Client()
    client.post("/konto/logga-in/", {"username": "anna", "password": "pw-12345!"})
    assert client.get("/konto/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/konto/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")
