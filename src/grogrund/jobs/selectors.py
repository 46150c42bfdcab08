"""Reads for jobs, with access applied: a job is seen by the members of its organisation."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from grogrund.accounts.access import member_org_ids
from grogrund.jobs.models import Job


def jobs_for(user: Any) -> QuerySet[Job]:
    return Job.objects.filter(owner_id__in=member_org_ids(user)).select_related(
        "owner", "created_by"
    )
