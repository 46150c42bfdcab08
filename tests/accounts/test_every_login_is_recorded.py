"""Every login, good or bad, on the site and the admin, is kept: who, from where, when."""

import pytest
from axes.models import AccessFailureLog, AccessLog
from django.test import Client

from builders import make_user

pytestmark = pytest.mark.django_db


def _login(url: str, username: str, password: str, ip: str = "10.1.2.3"):
    return Client().post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_a_successful_login_is_recorded_with_the_address():
    make_user(username="anna")
    assert _login("/konto/logga-in/", "anna", "pw-12345!").status_code == 302
    entry = AccessLog.objects.get()
    assert (entry.username, entry.ip_address, entry.path_info) == (
        "anna",
        "10.1.2.3",
        "/konto/logga-in/",
    )


def test_a_failed_login_is_recorded_each_time():
    make_user(username="anna")
    _login("/konto/logga-in/", "anna", "wrong")
    _login("/konto/logga-in/", "nobody", "wrong", ip="10.9.9.9")
    failures = AccessFailureLog.objects.order_by("attempt_time")
    assert [(f.username, f.ip_address) for f in failures] == [
        ("anna", "10.1.2.3"),
        ("nobody", "10.9.9.9"),
    ]
    assert not AccessLog.objects.exists()


def test_a_login_to_the_admin_is_recorded_too():
    user = make_user(username="root")
    user.is_staff = user.is_superuser = True
    user.save()
    assert _login("/admin/login/", "root", "pw-12345!").status_code == 302
    assert AccessLog.objects.get().path_info == "/admin/login/"
