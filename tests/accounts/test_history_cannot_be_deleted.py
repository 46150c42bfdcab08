"""History entries are kept for good: neither the admin nor code deletes or rewrites them, and
the admin will not delete a programme whose history would go with it."""

import pytest
from django.test import Client

from builders import make_area, make_org, make_user
from grogrund.accounts.history import record_history
from grogrund.accounts.models import HistoryEntry, HistoryIsPermanent
from grogrund.programmes.models import ChangeLog, Programme
from grogrund.programmes.services import record_change

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries():
    org = make_org()
    programme = Programme.objects.create(name="Lyftet", owner=org, start_year=2024)
    programme.areas.set([make_area("9901A0001")])
    change = record_change(
        user=None, programme=programme, obj=programme, action="update", before={}, after={}
    )
    history = record_history(user=None, obj=org, action="update", before={}, after={})
    return programme, change, history


@pytest.fixture
def admin_client():
    root = make_user(username="root")
    root.is_staff = root.is_superuser = True
    root.save()
    client = Client()
    client.force_login(root)
    return client


def test_code_cannot_delete_or_rewrite_an_entry(entries):
    _, change, history = entries
    for entry, model in ((change, ChangeLog), (history, HistoryEntry)):
        with pytest.raises(HistoryIsPermanent):
            entry.delete()
        with pytest.raises(HistoryIsPermanent):
            model.objects.all().delete()
        with pytest.raises(HistoryIsPermanent):
            model.objects.update(action="delete")
        entry.action = "delete"
        with pytest.raises(HistoryIsPermanent):
            entry.save()
    assert ChangeLog.objects.count() == 1 and HistoryEntry.objects.count() == 1


def test_the_admin_offers_no_deletion_of_an_entry(entries, admin_client):
    _, change, history = entries
    for url, pk in (
        ("/admin/programmes/changelog/", change.pk),
        ("/admin/accounts/historyentry/", history.pk),
    ):
        assert admin_client.post(f"{url}{pk}/delete/", {"post": "yes"}).status_code == 403
        listing = admin_client.get(url).content.decode()
        assert "delete_selected" not in listing
        admin_client.post(
            url, {"action": "delete_selected", "_selected_action": [pk], "post": "yes"}
        )
    assert ChangeLog.objects.count() == 1 and HistoryEntry.objects.count() == 1


def test_the_admin_will_not_delete_a_programme_with_history(entries, admin_client):
    programme, _, _ = entries
    url = f"/admin/programmes/programme/{programme.pk}/delete/"
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert Programme.objects.filter(pk=programme.pk).exists()
    assert ChangeLog.objects.count() == 1
