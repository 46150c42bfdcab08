"""Jobs live in the database, not in a process: a job queued before the server restarts is run
by a worker started later, and a job whose worker was killed half-way is queued again when a
worker starts and continues where it stopped."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from areas.fetch_fakes import MUNICIPALITY, serve_fictional_municipality
from builders import make_org, make_user
from grogrund.areas import fetch
from grogrund.jobs.models import Job, JobStatus

# The worker commits and closes connections as a real one does.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def server(monkeypatch):
    return serve_fictional_municipality(monkeypatch)


def _worker(**options):
    call_command("grogrund_worker", batch=True, interval=0, verbosity=0, **options)


def test_a_queued_job_waits_in_the_database_and_a_later_worker_runs_it(server):
    org = make_org()
    job = fetch.enqueue_municipality_fetch(
        user=make_user(org), owner=org, municipality_code=MUNICIPALITY
    )
    # Nothing ran in the request: the job and its task are rows in the database.
    assert server.calls == []
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED
    assert DBTaskResult.objects.get(id=job.task_id).status == "READY"

    _worker()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error_message
    assert job.result["profile_url"] == f"/omraden/{MUNICIPALITY}/"
    assert job.progress_done == job.progress_total == job.result["parts"] == 6
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"


def test_a_job_left_running_by_a_killed_worker_is_queued_again_and_resumes(server):
    org = make_org()
    job = fetch.enqueue_municipality_fetch(
        user=make_user(org), owner=org, municipality_code=MUNICIPALITY
    )
    server.fail_tables = {"TAB6685"}
    _worker()  # gets through TAB6680 and TAB6534, then SCB fails
    job.refresh_from_db()
    assert len(job.result["done_parts"]) == 2
    # What a worker killed at that moment leaves behind: the job and its task "running",
    # and no progress since.
    old_task = job.task_id
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING,
        error_msgid="",
        updated_at=timezone.now() - timedelta(minutes=10),
    )
    DBTaskResult.objects.filter(id=old_task).update(status="RUNNING")
    server.fail_tables = set()
    server.data_calls.clear()

    _worker(recover_after=300)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 2
    assert [t for t, _ in server.data_calls] == ["TAB6685", "TAB6683", "TAB6574"]
    assert job.result["skipped"] == 2
    assert job.task_id != old_task
    assert DBTaskResult.objects.get(id=old_task).status == "FAILED"


def test_a_running_job_with_recent_progress_is_left_alone(server):
    org = make_org()
    job = fetch.enqueue_municipality_fetch(
        user=make_user(org), owner=org, municipality_code=MUNICIPALITY
    )
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)  # another worker has it
    _worker(recover_after=300)
    assert Job.objects.get(pk=job.pk).status == JobStatus.RUNNING
    assert server.calls == []  # its task was not run twice
