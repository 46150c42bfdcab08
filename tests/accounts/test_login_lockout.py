"""Wrong passwords lock a user name out from one address for a while: on the site's login and
the admin's alike, with a page that says why and for how long (django-axes)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from builders import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "pw-12345!"  # builders.make_user's
LOGIN = "/konto/logga-in/"
ADMIN_LOGIN = "/admin/login/"


def _login(client: Client, username: str, password: str, url: str = LOGIN, ip: str = "10.0.0.1"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


def _fail(client: Client, username: str, times: int, url: str = LOGIN, ip: str = "10.0.0.1"):
    """Wrong passwords: the form again for the first four, the lockout page from the fifth."""
    for n in range(1, times + 1):
        expected = 200 if n < settings.AXES_FAILURE_LIMIT else 429
        assert _login(client, username, "wrong", url, ip).status_code == expected


def test_the_limit_is_five_failures_and_the_cool_off_a_quarter_of_an_hour():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=15)


def test_after_five_wrong_passwords_the_right_one_is_refused_with_a_clear_message():
    user = make_user(username="anna")
    client = Client()
    _fail(client, "anna", 4)
    assert _login(client, "anna", PASSWORD).status_code == 302  # four are forgiven
    client.post("/konto/logga-ut/")
    _fail(client, "anna", 5)
    response = _login(client, "anna", PASSWORD)
    assert response.status_code == 429
    body = response.content.decode()
    with translation.override("sv"):  # Swedish once the catalogs are compiled
        assert gettext("Too many failed logins") in body
    assert "15" in body
    assert "_auth_user_id" not in client.session
    assert user.is_active


def test_a_hundred_wrong_passwords_then_the_right_one_does_not_log_in():
    make_user(username="bertil")
    client = Client()
    for _ in range(100):
        _login(client, "bertil", "wrong")
    assert _login(client, "bertil", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_for_the_user_name_from_that_address_only():
    make_user(username="cecilia")
    make_user(username="david")
    _fail(Client(), "cecilia", 5, ip="10.0.0.1")
    assert _login(Client(), "cecilia", PASSWORD, ip="10.0.0.2").status_code == 302
    assert _login(Client(), "david", PASSWORD, ip="10.0.0.1").status_code == 302


def test_the_lockout_ends_after_the_cool_off():
    make_user(username="erik")
    _fail(Client(), "erik", 5)
    assert _login(Client(), "erik", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert _login(Client(), "erik", PASSWORD).status_code == 302


def test_the_admin_login_is_locked_out_too():
    make_user(username="fia").__class__.objects.filter(username="fia").update(
        is_staff=True, is_superuser=True
    )
    client = Client()
    _fail(client, "fia", 5, ADMIN_LOGIN)
    assert _login(client, "fia", PASSWORD, ADMIN_LOGIN).status_code == 429
    assert _login(Client(), "fia", PASSWORD, LOGIN).status_code == 429  # one count for both


def test_failures_on_the_admin_and_the_site_add_up():
    make_user(username="gustav")
    client = Client()
    _fail(client, "gustav", 3, ADMIN_LOGIN)
    assert _login(client, "gustav", "wrong").status_code == 200
    assert _login(client, "gustav", "wrong").status_code == 429
    assert _login(client, "gustav", PASSWORD).status_code == 429


def test_the_lockout_page_speaks_english_to_an_english_visitor():
    make_user(username="hanna")
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    _fail(client, "hanna", 5)
    body = _login(client, "hanna", PASSWORD).content.decode()
    assert "Too many failed logins" in body
    assert "15 minutes" in body
