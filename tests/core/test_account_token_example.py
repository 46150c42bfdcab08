"""The account page shows the API header to send literally, placeholder included:
"Authorization: Token <your token>", escaped, not swallowed as an HTML tag."""

from __future__ import annotations

from django.urls import reverse

from builders import make_org, make_user
from grogrund.accounts.models import Role


def test_the_header_example_keeps_its_placeholder(db, client):
    user = make_user(make_org("Bostadsbolaget A"), Role.VIEWER, language="en")
    client.force_login(user)
    html = client.get(reverse("account")).content.decode()
    assert '<code id="token-header">Authorization: Token &lt;your token&gt;</code>' in html
    assert "Token ." not in html and "Token <" not in html
