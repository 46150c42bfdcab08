"""Swedish is the default; a visitor switches language with a cookie, a user on their profile."""

import pytest
from django.conf import settings

from builders import make_user

pytestmark = pytest.mark.django_db


def test_swedish_is_the_default_even_when_the_browser_asks_for_english(client):
    response = client.get("/konto/logga-in/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response["Content-Language"] == "sv"
    assert '<html lang="sv"' in response.content.decode()


def test_an_anonymous_visitor_switches_to_english_with_a_cookie(client):
    response = client.post("/sprak/", {"language": "en", "next": "/omraden/"})
    assert response.status_code == 302 and response["Location"] == "/omraden/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.get("/konto/logga-in/")["Content-Language"] == "en"


def test_a_signed_in_user_switches_language_and_it_is_saved_on_the_user(client):
    user = make_user()
    client.force_login(user)
    client.post("/sprak/", {"language": "en"})
    user.refresh_from_db()
    assert user.language == "en"
    client.cookies.clear()  # another browser: the choice follows the user
    client.force_login(user)
    assert client.get("/")["Content-Language"] == "en"


def test_the_users_choice_wins_over_an_old_cookie(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(make_user(language="sv"))
    assert client.get("/")["Content-Language"] == "sv"


def test_an_unknown_language_changes_nothing(client):
    response = client.post("/sprak/", {"language": "xx"})
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert client.get("/")["Content-Language"] == "sv"


def test_the_switch_never_redirects_to_another_site(client):
    response = client.post("/sprak/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"
