"""The readiness record (steps 4–5): the owner's editors keep it, everyone who sees the
programme reads it, the summary says what is missing, and every change is kept."""

from __future__ import annotations

from django.urls import reverse

from grogrund.partnerships.models import ReadinessItem
from grogrund.partnerships.selectors import readiness_summary
from grogrund.programmes.models import ChangeLog
from partnerships.builders_partnerships import readiness_data


def test_nothing_recorded_means_everything_is_missing(world):
    summary = readiness_summary(world.programme)
    assert summary.total == 7 and not summary.in_place and len(summary.missing) == 7


def test_the_owners_editor_records_and_the_summary_follows(world):
    url = reverse("partnerships:readiness", args=[world.programme.pk])
    data = readiness_data(municipal_will="in_place", board="in_place", training="in_progress")
    data["board-date"] = "2024-03-01"
    data["board-note"] = "Styrelseprotokoll 2024-03-01 § 4"
    assert world.client(world.a_editor).post(url, data).status_code == 302
    summary = readiness_summary(world.programme)
    assert len(summary.in_place) == 2 and summary.in_progress == ["Utbildning planerad"]
    assert "Ägardirektiv" in summary.missing
    board = ReadinessItem.objects.get(topic="board")
    assert board.recorded_by == world.a_editor and str(board.date) == "2024-03-01"
    body = world.client(world.c_viewer).get(url).content.decode()
    assert "2 av 7 förutsättningar på plats" in body
    assert "Styrelseprotokoll 2024-03-01 § 4" in body
    assert 'id="history"' in body


def test_only_changes_are_kept_in_the_history(world):
    url = reverse("partnerships:readiness", args=[world.programme.pk])
    client = world.client(world.a_editor)
    client.post(url, readiness_data(board="in_place"))
    client.post(url, readiness_data(board="in_place"))
    client.post(url, readiness_data(board="in_progress"))
    log = list(ChangeLog.objects.filter(object_type="readinessitem").order_by("id"))
    assert [(e.action, e.after["status"]) for e in log] == [
        ("create", "in_place"),
        ("update", "in_progress"),
    ]
    assert log[1].before["status"] == "in_place"


def test_partners_and_viewers_read_but_do_not_change_it(world):
    url = reverse("partnerships:readiness", args=[world.programme.pk])
    for user in (world.m_editor, world.a_viewer):
        client = world.client(user)
        assert 'id="readiness-form"' not in client.get(url).content.decode()
        assert client.post(url, readiness_data(board="in_place")).status_code == 404
    assert not ReadinessItem.objects.exists()


def test_the_programme_page_shows_the_summary_and_partners(world):
    body = (
        world.client(world.m_editor)
        .get(reverse("programmes:detail", args=[world.programme.pk]))
        .content.decode()
    )
    assert 'id="partnership"' in body
    assert "0 av 7 förutsättningar på plats" in body
    assert "Kommunen M" in body and "Företaget C" in body
