"""A job's page shows its progress (refreshed by htmx every 2 s, with a plain refresh link),
its result with a link to the profile, or its error in the reader's language; only members of
the job's organisation see it."""

import pytest

from builders import make_org, make_user
from grogrund.core.numbers import format_number
from grogrund.jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db


def _job(org, **fields):
    defaults = {"kind": "fetch_municipality", "parameters": {"municipality": "1479"}}
    defaults.update(fields)
    return Job.objects.create(owner=org, idempotency_key=f"k{Job.objects.count()}", **defaults)


def test_a_running_job_shows_its_progress_and_polls(client):
    org = make_org()
    job = _job(
        org,
        status=JobStatus.RUNNING,
        progress_done=3,
        progress_total=12,
        progress_text="SCB TAB6685 (1/1)",
    )
    client.force_login(make_user(org, "viewer"))
    page = client.get(f"/jobb/{job.pk}/").content.decode()
    assert '<progress id="job-progress" max="12" value="3">25 %</progress>' in page
    assert "3 av 12 delar" in page and "SCB TAB6685 (1/1)" in page
    assert f'hx-get="/jobb/{job.pk}/" hx-trigger="every 2s"' in page
    assert f'<a href="/jobb/{job.pk}/">Uppdatera</a>' in page  # works without JavaScript


def test_htmx_gets_only_the_status_part(client):
    org = make_org()
    job = _job(org, status=JobStatus.QUEUED)
    client.force_login(make_user(org))
    part = client.get(f"/jobb/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert part.startswith('<section id="job-status"') and "<html" not in part
    assert "Köad" in part


def test_a_finished_job_links_to_the_profile_and_stops_polling(client):
    org = make_org()
    job = _job(
        org,
        status=JobStatus.DONE,
        result={
            "rows": 1234,
            "created": 1200,
            "updated": 34,
            "requests": 12,
            "profile_url": "/omraden/1479/",
            "datasets": ["SCB TAB6680"],
            "parts": 6,
        },
    )
    client.force_login(make_user(org))
    page = client.get(f"/jobb/{job.pk}/").content.decode()
    n = format_number  # Swedish: a space between thousands
    assert f"{n(1234, 0)} siffror: {n(1200, 0)} nya, 34 ändrade." in page
    assert 'href="/omraden/1479/"' in page
    assert "hx-trigger" not in page


def test_an_error_is_shown_in_the_readers_language(client):
    org = make_org()
    job = _job(
        org,
        status=JobStatus.FAILED,
        error_msgid="There is no municipality with the code %(code)s in Grogrund. Give a "
        "municipality's four-digit SCB code (for example 1480 for Göteborg) or choose one "
        "from the list.",
        error_params={"code": "1234"},
    )
    client.force_login(make_user(org, language="en"))
    client.post("/sprak/", {"language": "en"})
    english = client.get(f"/jobb/{job.pk}/").content.decode()
    assert "There is no municipality with the code 1234" in english
    swedish_user = make_user(org)
    client.force_login(swedish_user)
    client.post("/sprak/", {"language": "sv"})
    swedish = client.get(f"/jobb/{job.pk}/").content.decode()
    assert "Det finns ingen kommun med koden 1234" in swedish


def test_only_members_of_the_jobs_organisation_see_it(client):
    job = _job(make_org(), status=JobStatus.DONE)
    client.force_login(make_user(make_org()))
    assert client.get(f"/jobb/{job.pk}/").status_code == 404
    assert f"/jobb/{job.pk}/" not in client.get("/jobb/").content.decode()
