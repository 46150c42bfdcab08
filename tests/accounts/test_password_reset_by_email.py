"""A user who forgot their password asks for a link by e-mail from the login page, and sets a
new one with it; the link works once. Nobody learns whether an address has an account."""

import re

import pytest
from django.core import mail
from django.test import Client

from builders import make_user

pytestmark = pytest.mark.django_db


def _ask(client: Client, email: str):
    return client.post("/konto/glomt-losenord/", {"email": email})


def test_the_login_page_links_to_the_reset():
    body = Client().get("/konto/logga-in/").content.decode()
    assert 'href="/konto/glomt-losenord/"' in body


def test_a_link_is_mailed_and_sets_a_new_password():
    user = make_user(username="anna")
    user.email = "anna@example.org"
    user.save()
    client = Client()
    response = _ask(client, "anna@example.org")
    assert response.status_code == 302 and response["Location"] == "/konto/glomt-losenord/skickat/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    link = re.search(r"http://testserver(/konto/glomt-losenord/\S+/\S+/)", message.body)[1]
    form_url = client.get(link)["Location"]  # Django hides the token behind a redirect
    new = {"new_password1": "grön-äng-1987", "new_password2": "grön-äng-1987"}
    assert client.post(form_url, new)["Location"] == "/konto/glomt-losenord/klart/"
    user.refresh_from_db()
    assert user.check_password("grön-äng-1987")
    again = Client().get(link, follow=True)
    assert again.context["validlink"] is False  # used once


def test_an_unknown_address_looks_the_same_and_sends_nothing():
    response = _ask(Client(), "nobody@example.org")
    assert response.status_code == 302 and response["Location"] == "/konto/glomt-losenord/skickat/"
    assert mail.outbox == []


def test_the_mail_speaks_the_visitors_language():
    user = make_user(username="bo")
    user.email = "bo@example.org"
    user.save()
    client = Client()
    client.cookies["django_language"] = "en"
    _ask(client, "bo@example.org")
    assert "Open this link to set a new password" in mail.outbox[0].body
