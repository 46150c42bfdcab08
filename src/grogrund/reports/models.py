"""Stored reports (snapshots, issue 12): what was reported, when, by whom, with the figures
used and the PDF that was handed out.

A report is written once, whole (grogrund.reports.services): its figures and its PDF never
change afterwards, whatever happens to the data they were read from; only who sees it
(sharing) may change. The stored page and the PDF are drawn from the stored figures and file,
never from the database's current data.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grogrund.accounts.models import Owned
from grogrund.programmes.models import Programme


class ReportStatus(models.TextChoices):
    #: Asked for and being made in the background (a job); no figures or PDF yet.
    PENDING = "pending", _("Being made")
    #: Made: figures and PDF stored, never to change.
    READY = "ready", _("Ready")


class ReportLanguage(models.TextChoices):
    SV = "sv", "Svenska"
    EN = "en", "English"


def pdf_path(report: Report, filename: str) -> str:
    """Where the PDF is kept in the default storage: by year, under a name no other report has
    (the storage adds a suffix should one exist)."""
    made = getattr(report, "created_at", None) or timezone.now()
    return f"reports/{made:%Y}/{filename}"


class Report(Owned):
    """A stored report of one subject (a programme, a valuation, an area…) for a period."""

    kind = models.CharField(_("kind of report"), max_length=40)
    subject_id = models.PositiveBigIntegerField(_("subject"))
    subject_name = models.CharField(_("about"), max_length=300)
    # The programme the report is listed under (None for an area's report, or once the
    # programme is deleted: the stored report stays as it was).
    programme = models.ForeignKey(
        Programme,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        verbose_name=_("programme"),
    )
    title = models.CharField(_("title"), max_length=300)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    language = models.CharField(
        _("language"), max_length=8, choices=ReportLanguage.choices, default=ReportLanguage.SV
    )
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    pdf = models.FileField(_("PDF"), upload_to=pdf_path, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.READY
    )
    # The background job making a pending report (grogrund.jobs).
    job = models.ForeignKey(
        "jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("made by"),
    )
    created_at = models.DateTimeField(_("made"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["kind", "subject_id"], name="report_subject")]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("reports:detail", args=[self.pk])

    @property
    def is_ready(self) -> bool:
        return self.status == ReportStatus.READY
