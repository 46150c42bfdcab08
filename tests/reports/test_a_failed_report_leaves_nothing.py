"""Making a report is all or nothing: when printing or storing fails, no report row and no
file are left behind."""

import pytest

from grogrund.reports import kinds, services
from grogrund.reports.kinds import Period
from grogrund.reports.models import Report

pytestmark = pytest.mark.django_db


def _make(world):
    return services.make_report(
        user=world.editor,
        kind=kinds.get("programme"),
        subject=world.programme,
        period=Period.year(2024),
        language="sv",
        owner=world.a,
    )


def _files(settings):
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_failure_while_printing_stores_nothing(world, settings, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the printer broke")

    monkeypatch.setattr(services, "render_document", broken)
    with pytest.raises(RuntimeError):
        _make(world)
    assert Report.objects.count() == 0
    assert _files(settings) == []


def test_a_failure_while_saving_removes_the_stored_file(world, settings, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "_record", broken)
    with pytest.raises(RuntimeError):
        _make(world)
    assert Report.objects.count() == 0
    assert _files(settings) == []
