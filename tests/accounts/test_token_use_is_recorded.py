"""Each use of a token is logged (grogrund.security: which token, whose, from where, what) and
the token keeps when and from where it was last used, shown on the account page."""

import logging
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from rest_framework.test import APIClient

from builders import make_user
from grogrund.accounts.models import ApiToken
from grogrund.accounts.tokens import create_token

pytestmark = pytest.mark.django_db


def _get(secret: str, ip: str = "192.0.2.10"):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return api.get("/api/v1/areas/", REMOTE_ADDR=ip)


def test_a_use_sets_the_last_use_and_its_address():
    made = create_token(user=make_user(), name="t")
    assert made.token.last_used_at is None
    _get(made.secret)
    token = ApiToken.objects.get()
    assert token.last_used_ip == "192.0.2.10"
    assert timezone.now() - token.last_used_at < timedelta(seconds=10)


def test_every_use_is_logged(caplog):
    user = make_user()
    made = create_token(user=user, name="t")
    with caplog.at_level(logging.INFO, logger="grogrund.security"):
        _get(made.secret)
        _get(made.secret, ip="192.0.2.11")
    uses = [r.getMessage() for r in caplog.records if " used by " in r.getMessage()]
    assert uses == [
        f"api token {made.token.pk} used by user {user.pk} from 192.0.2.10: GET /api/v1/areas/",
        f"api token {made.token.pk} used by user {user.pk} from 192.0.2.11: GET /api/v1/areas/",
    ]


def test_a_refused_token_is_logged_as_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="grogrund.security"):
        assert _get("grg_" + "x" * 43).status_code == 401
    assert any(
        "unknown or revoked api token from 192.0.2.10" in r.getMessage() for r in caplog.records
    )


def test_the_last_use_is_written_at_most_once_a_minute():
    made = create_token(user=make_user(), name="t")
    _get(made.secret)
    first = ApiToken.objects.get().last_used_at
    _get(made.secret, ip="192.0.2.99")
    assert ApiToken.objects.get().last_used_at == first
    ApiToken.objects.update(last_used_at=first - timedelta(minutes=2))
    _get(made.secret, ip="192.0.2.99")
    assert ApiToken.objects.get().last_used_ip == "192.0.2.99"


def test_the_account_page_shows_when_a_token_was_last_used(client):
    user = make_user()
    made = create_token(user=user, name="t")
    client.force_login(user)
    with translation.override("sv"):
        assert gettext("never") in client.get("/konto/").content.decode()
    _get(made.secret)
    body = client.get("/konto/").content.decode()
    assert timezone.localtime(ApiToken.objects.get().last_used_at).strftime("%H:%M") in body
