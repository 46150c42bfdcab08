"""The API takes tokens only: a password cannot be tried there, out of the lockout's sight."""

import base64

import pytest
from django.urls import get_resolver
from rest_framework.test import APIClient

from builders import make_user

pytestmark = pytest.mark.django_db


def test_http_basic_with_the_right_password_is_refused():
    make_user(username="anna")
    client = APIClient()
    credentials = base64.b64encode(b"anna:pw-12345!").decode()
    client.credentials(HTTP_AUTHORIZATION=f"Basic {credentials}")
    assert client.get("/api/v1/areas/").status_code == 401


def test_no_api_route_trades_a_password_for_a_token():
    api = get_resolver().namespace_dict["api"][1]
    names = [name for name in api.reverse_dict if isinstance(name, str)]
    assert "area-list" in names  # the API's routes are all here
    assert not [n for n in names if "auth" in n.lower() or "token" in n.lower()]
