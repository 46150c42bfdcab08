"""A token expires: after 90 days unless its user picks another time, then the API answers 401."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from builders import make_user
from grogrund.accounts.models import ApiToken
from grogrund.accounts.tokens import create_token

pytestmark = pytest.mark.django_db


def _get(secret: str):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return api.get("/api/v1/areas/")


def test_a_new_token_expires_in_ninety_days():
    before = timezone.now()
    token = create_token(user=make_user(), name="t").token
    assert before + timedelta(days=90) <= token.expires_at <= timezone.now() + timedelta(days=90)


def test_the_user_picks_the_days_on_the_account_page(client):
    client.force_login(make_user())
    client.post("/konto/", {"name": "kort", "access": "read", "days": "7"})
    token = ApiToken.objects.get()
    assert token.expires_at - token.created_at == pytest.approx(
        timedelta(days=7), abs=timedelta(seconds=5)
    )


def test_a_token_past_its_date_is_refused_with_401_and_says_why():
    made = create_token(user=make_user(language="en"), name="t")
    assert _get(made.secret).status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = _get(made.secret)
    assert response.status_code == 401
    assert response.json() == {
        "detail": "The token has expired. Make a new one on your account page."
    }


def test_an_expired_token_is_no_longer_listed_on_the_account_page(client):
    user = make_user()
    create_token(user=user, name="Gammal nyckel")
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(days=1))
    client.force_login(user)
    assert "Gammal nyckel" not in client.get("/konto/").content.decode()
