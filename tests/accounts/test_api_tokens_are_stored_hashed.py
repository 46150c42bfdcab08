"""An API token's secret is shown once, when it is made, and only its SHA-256 is stored."""

import hashlib
import re

import pytest
from rest_framework.test import APIClient

from builders import make_user
from grogrund.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def _make_on_account_page(client, **data):
    form = {"name": "Min rapport", "access": "read", "days": "90", **data}
    body = client.post("/konto/", form).content.decode()
    return re.search(r'<code class="token">(grg_[A-Za-z0-9_-]{43})</code>', body)[1]


def test_the_database_holds_the_hash_and_never_the_secret(client):
    client.force_login(make_user())
    secret = _make_on_account_page(client)
    token = ApiToken.objects.get()
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    stored = [
        str(v)
        for v in ApiToken.objects.values_list(*[f.attname for f in ApiToken._meta.fields]).get()
    ]
    assert not [v for v in stored if secret in v]
    assert token.prefix == secret[:8] and len(secret) == 47


def test_the_secret_is_shown_once(client):
    client.force_login(make_user())
    secret = _make_on_account_page(client)
    later = client.get("/konto/").content.decode()
    assert secret not in later
    assert "Min rapport" in later and secret[:8] in later  # listed by name and first letters


def test_the_secret_opens_the_api_and_its_hash_does_not(client):
    client.force_login(make_user())
    secret = _make_on_account_page(client)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    assert api.get("/api/v1/areas/").status_code == 200
    api.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.objects.get().key_hash}")
    assert api.get("/api/v1/areas/").status_code == 401


def test_each_token_is_different_and_a_user_may_have_several(client):
    client.force_login(make_user())
    first = _make_on_account_page(client, name="a")
    second = _make_on_account_page(client, name="b")
    assert first != second
    for secret in (first, second):
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
        assert api.get("/api/v1/areas/").status_code == 200
