"""A signed-in user changes their password from the account page, giving the old one."""

import pytest
from django.test import Client

from builders import make_user

pytestmark = pytest.mark.django_db


def test_the_account_page_links_to_the_password_change(client):
    client.force_login(make_user())
    assert 'href="/konto/losenord/"' in client.get("/konto/").content.decode()


def test_the_password_is_changed_with_the_old_one(client):
    user = make_user(username="anna")
    client.force_login(user)
    response = client.post(
        "/konto/losenord/",
        {
            "old_password": "pw-12345!",
            "new_password1": "grön-äng-1987",
            "new_password2": "grön-äng-1987",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/konto/losenord/klart/"
    user.refresh_from_db()
    assert user.check_password("grön-äng-1987")
    login = Client().post("/konto/logga-in/", {"username": "anna", "password": "grön-äng-1987"})
    assert login.status_code == 302


def test_a_wrong_old_password_changes_nothing(client):
    user = make_user()
    client.force_login(user)
    response = client.post(
        "/konto/losenord/",
        {
            "old_password": "wrong",
            "new_password1": "grön-äng-1987",
            "new_password2": "grön-äng-1987",
        },
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password("pw-12345!")


def test_the_change_needs_a_login():
    response = Client().get("/konto/losenord/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")
