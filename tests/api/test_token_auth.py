"""The API takes `Authorization: Token <key>` and answers 401 without it."""

import pytest
from rest_framework.test import APIClient

from builders import api_token, make_user

pytestmark = pytest.mark.django_db


def test_without_a_token_the_api_answers_401():
    assert APIClient().get("/api/v1/areas/").status_code == 401


def test_a_wrong_token_is_refused_with_401():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert client.get("/api/v1/areas/").status_code == 401


def test_a_valid_token_is_accepted():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(make_user())}")
    assert client.get("/api/v1/areas/").status_code == 200


def test_a_signed_in_user_gets_a_token_on_the_account_page(client):
    import re

    user = make_user()
    client.force_login(user)
    response = client.post("/konto/", {"name": "script", "access": "read", "days": "30"})
    assert response.status_code == 200
    secret = re.search(r'<code class="token">(grg_[^<]+)</code>', response.content.decode())[1]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    assert api.get("/api/v1/areas/").status_code == 200
