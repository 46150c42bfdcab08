"""Every edit made in the admin is kept in the history, like any other: organisations, users
and their memberships (inline rows), challenges, programmes' goals; added, changed, deleted."""

import pytest
from django.test import Client

from builders import make_area, make_challenge, make_org, make_user
from grogrund.accounts.models import HistoryEntry, Membership, Organisation, Role
from grogrund.programmes.models import ChangeLog, Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    root = make_user(username="root")
    root.is_staff = root.is_superuser = True
    root.save()
    client = Client()
    client.force_login(root)
    return client, root


def _org_form(org: Organisation, **changes) -> dict:
    data = {
        "name": org.name,
        "slug": org.slug,
        "kind": org.kind,
        "org_number": org.org_number,
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_a_change_is_kept_with_who_before_and_after(admin_client):
    client, root = admin_client
    org = make_org("Bostadsbolaget")
    response = client.post(
        f"/admin/accounts/organisation/{org.pk}/change/", _org_form(org, name="Nya bolaget")
    )
    assert response.status_code == 302
    entry = HistoryEntry.objects.get()
    assert (entry.object_type, entry.object_id, entry.action, entry.via, entry.user) == (
        "organisation",
        str(org.pk),
        "update",
        "admin",
        root,
    )
    assert entry.before["name"] == "Bostadsbolaget" and entry.after["name"] == "Nya bolaget"
    assert entry.organisation_id == org.pk


def test_an_addition_and_a_deletion_are_kept(admin_client):
    client, _ = admin_client
    data = _org_form(Organisation(name="Ny", slug="ny", kind="municipality"))
    assert client.post("/admin/accounts/organisation/add/", data).status_code == 302
    org = Organisation.objects.get(slug="ny")
    assert (
        client.post(f"/admin/accounts/organisation/{org.pk}/delete/", {"post": "yes"}).status_code
        == 302
    )
    actions = list(HistoryEntry.objects.order_by("id").values_list("action", "object_id"))
    assert actions == [("create", str(org.pk)), ("delete", str(org.pk))]
    assert HistoryEntry.objects.get(action="delete").before["slug"] == "ny"


def test_a_membership_changed_inline_is_kept(admin_client):
    client, _ = admin_client
    org = make_org()
    member = make_user(org, Role.VIEWER)
    membership = Membership.objects.get(user=member)
    data = _org_form(
        org,
        **{
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": str(membership.pk),
            "memberships-0-organisation": str(org.pk),
            "memberships-0-user": str(member.pk),
            "memberships-0-role": "admin",
        },
    )
    assert client.post(f"/admin/accounts/organisation/{org.pk}/change/", data).status_code == 302
    entry = HistoryEntry.objects.get(object_type="membership")
    assert (entry.action, entry.before["role"], entry.after["role"]) == (
        "update",
        "viewer",
        "admin",
    )


def test_a_user_change_keeps_no_password_hash(admin_client):
    client, _ = admin_client
    user = make_user(username="berit")
    client.post(
        "/admin/accounts/user/",
        {"action": "delete_selected", "_selected_action": [user.pk], "post": "yes"},
    )
    entry = HistoryEntry.objects.get(object_type="user")
    assert entry.action == "delete" and entry.before["username"] == "berit"
    assert "password" not in entry.before


def test_a_challenge_deleted_in_bulk_is_kept(admin_client):
    client, _ = admin_client
    org = make_org()
    challenge = make_challenge(org, make_area("9901A0001"), title="Trångboddhet")
    client.post(
        "/admin/areas/challenge/",
        {"action": "delete_selected", "_selected_action": [challenge.pk], "post": "yes"},
    )
    entry = HistoryEntry.objects.get(object_type="challenge")
    assert (entry.action, entry.before["title"], entry.organisation_id) == (
        "delete",
        "Trångboddhet",
        org.pk,
    )


def test_a_programme_change_goes_to_the_programmes_own_history(admin_client):
    client, root = admin_client
    org = make_org()
    programme = Programme.objects.create(name="Lyftet", owner=org, start_year=2024)
    area = make_area("9901A0001")
    programme.areas.set([area])
    response = client.post(
        f"/admin/programmes/programme/{programme.pk}/change/",
        {
            "name": "Lyftet 2",
            "owner": org.pk,
            "visibility": "private",
            "start_year": "2024",
            "horizon_years": str(programme.horizon_years),
            "areas": str(area.pk),
            "shared_with": [],
            "description": "",
        },
    )
    assert response.status_code == 302
    entry = ChangeLog.objects.get(programme=programme)
    assert (entry.object_type, entry.action, entry.user) == ("programme", "update", root)
    assert entry.after["name"] == "Lyftet 2"
    assert not HistoryEntry.objects.exists()
