"""The admin opens for superusers only: a staff flag alone (or a role in an organisation) is
not enough, so nobody reaches every organisation's data by being staff."""

import pytest
from django.test import Client

from builders import make_org, make_user
from grogrund.accounts.models import Role

pytestmark = pytest.mark.django_db


def _client(*, staff: bool, superuser: bool, org_admin: bool = False) -> Client:
    user = make_user(make_org() if org_admin else None, Role.ADMIN)
    user.is_staff, user.is_superuser = staff, superuser
    user.save()
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "url", ["/admin/", "/admin/accounts/organisation/", "/admin/programmes/changelog/"]
)
def test_staff_without_superuser_is_sent_to_the_admin_login(url):
    response = _client(staff=True, superuser=False).get(url)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_staff_with_every_permission_still_gets_nothing():
    from django.contrib.auth.models import Permission

    client = _client(staff=True, superuser=False)
    from grogrund.accounts.models import User

    user = User.objects.get(is_staff=True)
    user.user_permissions.set(Permission.objects.all())
    assert client.get("/admin/accounts/organisation/").status_code == 302


def test_an_organisation_administrator_gets_nothing():
    response = _client(staff=False, superuser=False, org_admin=True).get("/admin/")
    assert response.status_code == 302


def test_a_superuser_gets_in():
    assert _client(staff=True, superuser=True).get("/admin/").status_code == 200
    assert (
        _client(staff=True, superuser=True).get("/admin/accounts/organisation/").status_code == 200
    )


def test_an_inactive_superuser_gets_nothing():
    from grogrund.accounts.models import User

    client = _client(staff=True, superuser=True)
    User.objects.update(is_active=False)
    assert client.get("/admin/").status_code == 302
