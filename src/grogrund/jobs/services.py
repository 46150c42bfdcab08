"""Writes for jobs: enqueue (idempotent), run, report progress, recover after a restart.

The task framework carries only a job's id; `run` does the work and is safe to call twice:
a job that has finished is not run again, and the work itself (an import) changes nothing
the second time.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string

from grogrund.accounts.models import Organisation
from grogrund.jobs.models import PENDING, Job, JobStatus
from grogrund.sources.errors import SourceError, gettext_noop

logger = logging.getLogger(__name__)

# kind → "module.function(*, job, progress) -> result dict"; imported when a job runs.
HANDLERS: dict[str, str] = {
    "fetch_municipality": "grogrund.areas.fetch.run_fetch_job",
    "report": "grogrund.reports.services.run_report_job",
    "boundaries": "grogrund.areas.boundary_jobs.run_boundary_job",
}

INTERRUPTED = gettext_noop(
    "The job was interrupted before it finished (job %(job)s). What it had saved is kept; "
    "start the same job again and it continues where it stopped."
)
UNEXPECTED_ERROR = gettext_noop(
    "The job stopped because of an unexpected error (job %(job)s). Nothing more was saved "
    "after the last completed step; start it again, and if it fails again tell your "
    "administrator the job number."
)

# A progress report is written at most this often (seconds), and always at the end.
PROGRESS_INTERVAL_SECONDS = 0.5


def enqueue(
    *,
    owner: Organisation,
    user: Any,
    kind: str,
    parameters: Mapping[str, Any],
    key: str,
) -> Job:
    """Queue a job, or return the pending one with the same `key` (the same work asked for
    again before it finished is not done twice)."""
    pending = _pending(key)
    if pending is not None:
        return pending
    try:
        with transaction.atomic():
            job = _create(owner=owner, user=user, kind=kind, parameters=parameters, key=key)
            _send(job)
    except IntegrityError:
        # Another request queued the same work at the same moment.
        return Job.objects.get(idempotency_key=key, status__in=PENDING)
    return job


def start_here(
    *,
    owner: Organisation,
    user: Any,
    kind: str,
    parameters: Mapping[str, Any],
    key: str,
) -> Job:
    """A job to run in this process (the command line) rather than by a worker: the pending
    job with the same key if there is one (a queued one is then run here), else a new one."""
    pending = _pending(key)
    if pending is not None:
        return pending
    return _create(owner=owner, user=user, kind=kind, parameters=parameters, key=key)


def _pending(key: str) -> Job | None:
    return Job.objects.filter(idempotency_key=key, status__in=PENDING).first()


def _create(
    *, owner: Organisation, user: Any, kind: str, parameters: Mapping[str, Any], key: str
) -> Job:
    return Job.objects.create(
        owner=owner,
        created_by=user if user is not None and user.is_authenticated else None,
        kind=kind,
        parameters=dict(parameters),
        idempotency_key=key,
    )


def _send(job: Job) -> None:
    """Hand the job to the task framework (in the same transaction as the job row, so a
    database queue never holds a task for a job that does not exist)."""
    from grogrund.jobs.tasks import run_job

    result = run_job.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.task_id = str(result.id)


class Progress:
    """Progress reports from the work, written to the job (throttled)."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self._last = 0.0

    def __call__(self, done: int, total: int, text: str = "") -> None:
        now = time.monotonic()
        final = total and done >= total
        if not final and now - self._last < PROGRESS_INTERVAL_SECONDS:
            return
        self._last = now
        Job.objects.filter(pk=self.job.pk).update(
            progress_done=done,
            progress_total=total,
            progress_text=text[:200],
            updated_at=timezone.now(),
        )
        self.job.progress_done, self.job.progress_total = done, total
        self.job.progress_text = text[:200]


def _jsonable(params: Mapping[str, object]) -> dict[str, Any]:
    return {
        k: v if isinstance(v, str | int | float | bool) or v is None else str(v)
        for k, v in params.items()
    }


def _finish(job: Job, status: str, **fields: Any) -> None:
    fields.update(status=status, finished_at=timezone.now(), updated_at=timezone.now())
    Job.objects.filter(pk=job.pk).update(**fields)
    for name, value in fields.items():
        setattr(job, name, value)


def run(job_id: int, *, on_progress: Callable[[int, int, str], None] | None = None) -> Job | None:
    """Run a queued job to its end. A job that is not queued (done, failed, or taken by
    another worker) is left as it is: running a job twice changes nothing twice.
    `on_progress` also receives every progress report (the command line's progress bar)."""
    with transaction.atomic():
        claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
            status=JobStatus.RUNNING,
            started_at=timezone.now(),
            updated_at=timezone.now(),
            attempts=F("attempts") + 1,
        )
    if not claimed:
        return None
    job = Job.objects.get(pk=job_id)
    handler = import_string(HANDLERS[job.kind])
    report = Progress(job)

    def progress(done: int, total: int, text: str = "") -> None:
        report(done, total, text)
        if on_progress is not None:
            on_progress(done, total, text)

    try:
        result = handler(job=job, progress=progress)
    except SourceError as err:
        _finish(job, JobStatus.FAILED, error_msgid=err.msgid, error_params=_jsonable(err.params))
        return job
    except Exception:
        logger.exception("Job %s failed", job.pk)
        _finish(job, JobStatus.FAILED, error_msgid=UNEXPECTED_ERROR, error_params={"job": job.pk})
        raise
    except BaseException:
        # Ctrl-C on the command line, or a worker told to stop at once: resumable later.
        _finish(job, JobStatus.FAILED, error_msgid=INTERRUPTED, error_params={"job": job.pk})
        raise
    _finish(
        job,
        JobStatus.DONE,
        result=result,
        error_msgid="",
        error_params={},
        progress_done=max(job.progress_done, job.progress_total),
    )
    return job


def recover_interrupted(*, older_than_seconds: float) -> list[Job]:
    """Queue again the jobs left running by a worker that stopped (no progress for
    `older_than_seconds`). The work resumes: parts already saved are not fetched again."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    recovered = []
    for job in Job.objects.filter(status=JobStatus.RUNNING, updated_at__lte=cutoff):
        with transaction.atomic():
            changed = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
                status=JobStatus.QUEUED
            )
            if changed:
                _forget_task(job.task_id)
                _send(job)
                recovered.append(job)
    return recovered


def _forget_task(task_id: str) -> None:
    """Mark the framework's record of a task whose worker died as failed (it would otherwise
    stay 'running' for ever)."""
    if not task_id:
        return
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - another backend
        return
    DBTaskResult.objects.filter(id=task_id, status="RUNNING").update(
        status="FAILED", finished_at=timezone.now()
    )
