"""Marking a step of a programme (not started, in progress, done) is kept in the programme's
history, with who, when, before and after."""

import pytest

from builders import make_area, make_org, make_user
from grogrund.accounts.models import Role
from grogrund.programmes import services
from grogrund.programmes.models import ChangeLog, Programme

pytestmark = pytest.mark.django_db


def test_each_status_change_is_kept():
    org = make_org()
    editor = make_user(org, Role.EDITOR)
    programme = Programme.objects.create(name="Lyftet", owner=org, start_year=2024)
    programme.areas.set([make_area("9901A0001")])
    services.set_step_status(
        user=editor, programme=programme, step="utmaningar", status="in_progress"
    )
    services.set_step_status(
        user=editor, programme=programme, step="utmaningar", status="done", note="Klart i maj"
    )
    first, second = ChangeLog.objects.filter(object_type="stepstatus").order_by("id")
    assert (first.action, first.before, first.after["status"]) == ("create", None, "in_progress")
    assert (second.action, second.before["status"], second.after["status"]) == (
        "update",
        "in_progress",
        "done",
    )
    assert second.after["note"] == "Klart i maj"
    assert (second.user, second.programme) == (editor, programme)


def test_the_step_page_leaves_an_entry(client):
    org = make_org()
    client.force_login(make_user(org, Role.EDITOR))
    programme = Programme.objects.create(name="Lyftet", owner=org, start_year=2024)
    programme.areas.set([make_area("9901A0001")])
    response = client.post(
        f"/program/{programme.pk}/steg/utmaningar/", {"status": "done", "note": ""}
    )
    assert response.status_code == 302
    assert ChangeLog.objects.filter(object_type="stepstatus", action="create").count() == 1
