"""Background jobs: work that runs outside the web request (live fetches, large imports).

A `Job` is what a person sees: who asked for what, how far it has come, its result or a clear
error. The task framework (Django's Tasks API, django-tasks-db's database queue) only carries
the job's id to a worker; everything a page shows is here, so a job survives a restart of the
server and the worker alike (it is a row in the database, not a thread).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from grogrund.accounts.models import Organisation


class JobStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("job status", "Queued")
    RUNNING = "running", pgettext_lazy("job status", "Running")
    DONE = "done", pgettext_lazy("job status", "Done")
    FAILED = "failed", pgettext_lazy("job status", "Failed")


PENDING = (JobStatus.QUEUED, JobStatus.RUNNING)


class JobKind(models.TextChoices):
    FETCH_MUNICIPALITY = "fetch_municipality", _("Statistics for a municipality")
    REPORT = "report", _("A report")
    BOUNDARIES = "boundaries", _("Area boundaries from a file")


class Job(models.Model):
    owner = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("owner")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("started by"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=JobKind.choices)
    parameters = models.JSONField(_("parameters"), default=dict)
    # The same work asked for again while one is pending returns the pending one.
    idempotency_key = models.CharField(max_length=200, db_index=True)
    status = models.CharField(
        _("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    progress_text = models.CharField(max_length=200, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    # A failure is stored as an English msgid with its parameters and shown translated into
    # the reader's language (`error_message`).
    error_msgid = models.TextField(blank=True)
    error_params = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Moves with every progress report: a running job whose worker died stops moving.
    updated_at = models.DateTimeField(auto_now=True)
    # The task framework's id of the task that runs (or ran) this job.
    task_id = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["idempotency_key"],
                condition=Q(status__in=["queued", "running"]),
                name="one_pending_job_per_key",
            )
        ]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.status})"

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))

    @property
    def error_message(self) -> str:
        """The error in the active language, its parameters filled in."""
        if not self.error_msgid:
            return ""
        try:
            return gettext(self.error_msgid) % self.error_params
        except (KeyError, TypeError, ValueError):
            return self.error_msgid
