"""Lockouts count per visitor address: behind a reverse proxy the address the proxy saw, which
a visitor cannot choose by sending an X-Forwarded-For of their own."""

import pytest
from django.test import Client, RequestFactory, override_settings

from builders import make_user
from grogrund.accounts.security import client_ip

pytestmark = pytest.mark.django_db


def _request(remote: str, forwarded: str | None = None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


@override_settings(BEHIND_PROXY=False)
def test_without_a_proxy_the_connection_address_counts_and_the_header_is_ignored():
    assert client_ip(_request("198.51.100.7", "203.0.113.1")) == "198.51.100.7"


@override_settings(BEHIND_PROXY=True, TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_it_appended_counts():
    # The visitor wrote "1.2.3.4" themselves; the proxy appended the real address.
    assert client_ip(_request("127.0.0.1", "1.2.3.4, 203.0.113.9")) == "203.0.113.9"


@override_settings(BEHIND_PROXY=True, TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_the_address_the_outer_one_saw_counts():
    assert client_ip(_request("127.0.0.1", "1.2.3.4, 203.0.113.9, 10.0.0.2")) == "203.0.113.9"


@override_settings(BEHIND_PROXY=True, TRUSTED_PROXY_COUNT=1)
def test_a_forged_header_does_not_escape_a_lockout():
    make_user(username="anna")
    for n in range(6):
        Client().post(
            "/konto/logga-in/",
            {"username": "anna", "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.9",
        )
    response = Client().post(
        "/konto/logga-in/",
        {"username": "anna", "password": "pw-12345!"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="10.0.0.99, 203.0.113.9",
    )
    assert response.status_code == 429
