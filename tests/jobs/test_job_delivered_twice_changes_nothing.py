"""A task the queue hands out twice (its worker died after the job finished but before the
queue heard so) changes nothing the second time: the job stays done, nothing is fetched or
written again."""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from areas.fetch_fakes import MUNICIPALITY, serve_fictional_municipality
from builders import make_org, make_user
from grogrund.areas import fetch
from grogrund.areas.models import Observation
from grogrund.jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db(transaction=True)


def _worker():
    call_command("grogrund_worker", batch=True, interval=0, verbosity=0, recover_after=0)


def test_a_task_run_again_after_its_job_finished_changes_nothing(monkeypatch):
    server = serve_fictional_municipality(monkeypatch)
    org = make_org()
    job = fetch.enqueue_municipality_fetch(
        user=make_user(org), owner=org, municipality_code=MUNICIPALITY
    )
    _worker()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error_message
    observations, calls, finished = Observation.objects.count(), len(server.calls), job.finished_at
    assert observations > 0

    # The queue forgets that the task ran, as when its worker was killed at that moment.
    DBTaskResult.objects.filter(id=job.task_id).update(status="READY")
    _worker()

    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 1
    assert job.finished_at == finished
    assert len(server.calls) == calls
    assert Observation.objects.count() == observations
    assert Job.objects.count() == 1
