"""Pages carry Referrer-Policy and Permissions-Policy, and htmx is told not to inject the
inline style of its indicators (which the Content-Security-Policy would block)."""

import pytest

pytestmark = pytest.mark.django_db


def test_referrer_and_permissions_policies_are_sent(client):
    response = client.get("/konto/logga-in/")
    assert response.headers["Referrer-Policy"] == "same-origin"
    permissions = response.headers["Permissions-Policy"]
    assert "camera=()" in permissions and "geolocation=()" in permissions


def test_the_api_answers_with_the_same_headers(client):
    response = client.get("/api/v1/areas/")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_htmx_is_configured_without_its_inline_indicator_styles(client):
    body = client.get("/konto/logga-in/").content.decode()
    assert """<meta name="htmx-config" content='{"includeIndicatorStyles":false}'>""" in body
