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


def test_a_file_left_by_a_process_that_died_is_removed_when_a_worker_starts(
    world, settings, monkeypatch
):
    """A process killed between writing the PDF and committing its row leaves a file no
    report refers to: the next worker removes it once it is an hour old, and nothing else."""
    import os
    import time
    from io import StringIO

    from django.core.management import call_command

    report = _make(world)
    kept = settings.MEDIA_ROOT / report.pdf.name
    folder = kept.parent
    orphan = folder / "dod-process-20240101-120000.pdf"
    orphan.write_bytes(b"%PDF-1.7 half")
    fresh = folder / "sparas-just-nu-20240101-120001.pdf"
    fresh.write_bytes(b"%PDF-1.7 being stored")
    two_hours_ago = time.time() - 7200
    for path in (orphan, kept):
        os.utime(path, (two_hours_ago, two_hours_ago))

    from grogrund.jobs.management.commands import grogrund_worker

    # The worker's start, without running the queue (which closes the test's connection).
    monkeypatch.setattr(grogrund_worker, "call_command", lambda *args, **kwargs: None)
    out = StringIO()
    call_command("grogrund_worker", batch=True, stdout=out)

    assert not orphan.exists()
    assert kept.exists() and fresh.exists()
    assert f"{report.pdf.name.rsplit('/', 1)[0]}/{orphan.name}" in out.getvalue()
    assert services.remove_orphan_files() == []
