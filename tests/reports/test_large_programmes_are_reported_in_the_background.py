"""A programme with more than SYNC_MAX_PARTS goals, initiatives and valuations is reported in
the background (grogrund.jobs): the report is listed as being made at once, the job fills it
(as the person who asked, their access applied), and a failed job leaves no report behind.
A small programme's report is made while the person waits."""

import pytest

from grogrund.jobs import services as jobs
from grogrund.jobs.models import Job, JobStatus
from grogrund.programmes.models import Goal
from grogrund.reports import services
from grogrund.reports.models import Report, ReportStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def large(world, monkeypatch):
    """The test programme counted as large (a bound of 1 part instead of 12)."""
    monkeypatch.setattr(services, "SYNC_MAX_PARTS", 1)
    return world


def _ask(world):
    return world.client(world.editor).post(
        f"/rapporter/programme/{world.programme.pk}/ny/",
        {"year": "2024", "language": "sv", "owner": world.a.pk},
    )


def test_a_small_programme_is_reported_at_once(world, fast_pdf):
    # 1 goal + 1 initiative + 1 valuation = 3 parts ≤ 12.
    assert services.report_size(services.kinds.get("programme"), world.programme) == 3
    response = _ask(world)
    report = Report.objects.get()
    assert response["Location"] == f"/rapporter/sparade/{report.pk}/"
    assert report.status == ReportStatus.READY and report.job is None
    assert Job.objects.count() == 0


def test_a_large_programme_is_made_by_a_job_and_listed_meanwhile(large, fast_pdf):
    world = large
    response = _ask(world)
    report = Report.objects.get()
    assert response["Location"] == f"/rapporter/sparade/{report.pk}/"
    assert report.status == ReportStatus.PENDING and not report.pdf and report.figures == {}
    job = report.job
    assert (
        job.kind == "report" and job.status == JobStatus.QUEUED and job.created_by == world.editor
    )
    programme_page = world.client(world.editor).get(f"/program/{world.programme.pk}/")
    assert f"/rapporter/jobb/{job.pk}/" in programme_page.content.decode()
    # Asked again while it is being made: the same report.
    _ask(world)
    assert Report.objects.count() == 1 and Job.objects.count() == 1

    jobs.run(job.pk)
    job.refresh_from_db()
    report.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error_message
    assert report.status == ReportStatus.READY and report.pdf and report.page_count == 1
    assert report.figures["goals"][0]["latest"]["value"] == 0.60
    assert job.result["report_url"] == f"/rapporter/sparade/{report.pk}/"
    page = world.client(world.editor).get(f"/rapporter/jobb/{job.pk}/").content.decode()
    assert f"/rapporter/sparade/{report.pk}/" in page
    # The jobs' own pages name the report and link to it too.
    generic = world.client(world.editor).get(f"/jobb/{job.pk}/").content.decode()
    assert "Handslag Testby" in generic and f"/rapporter/sparade/{report.pk}/" in generic
    assert "requests to SCB" not in generic and "förfrågningar" not in generic
    # Run again (a worker delivered the task twice): nothing changes.
    assert jobs.run(job.pk) is None


def test_a_failed_job_leaves_no_report(large, fast_pdf, monkeypatch, settings):
    world = large
    _ask(world)
    report = Report.objects.get()

    def broken(*args, **kwargs):
        raise RuntimeError("out of memory")

    monkeypatch.setattr(services, "render_document", broken)
    with pytest.raises(RuntimeError):
        jobs.run(report.job_id)
    assert not Report.objects.exists()
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    page = world.client(world.editor).get(f"/rapporter/jobb/{job.pk}/").content.decode()
    assert f"{job.pk}" in page and 'role="alert"' in page
    files = [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]
    assert files == []


def test_a_job_whose_programme_went_away_fails_with_a_reason(large, fast_pdf):
    world = large
    _ask(world)
    report = Report.objects.get()
    Goal.objects.all().delete()
    world.programme.delete()
    jobs.run(report.job_id)
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert "Nothing was stored" in job.error_message or "Inget" in job.error_message
    assert not Report.objects.exists()


def test_the_pdf_of_a_large_programme_is_not_printed_while_one_waits(large):
    world = large
    response = world.client(world.editor).get(
        f"/rapporter/programme/{world.programme.pk}/pdf/?year=2024"
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert f"/rapporter/programme/{world.programme.pk}/ny/" in response.content.decode()
