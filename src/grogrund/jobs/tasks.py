"""The task the framework runs: one job, by id (see grogrund.jobs.services.run)."""

from __future__ import annotations

from django_tasks import task

from grogrund.jobs import services


@task()
def run_job(job_id: int) -> None:
    services.run(job_id)
