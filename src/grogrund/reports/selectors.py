"""Reads for stored reports, with access applied (grogrund.accounts.access): a stored report is
seen by the members of its owner, and by whomever it is shared with, as any other owned data;
its owner's editors share it. Something not visible is a 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from grogrund.accounts.access import can_edit_for, editable, visible
from grogrund.reports.models import Report, ReportStatus


def reports_for(user: Any) -> QuerySet[Report]:
    """Every stored report `user` may see, newest first."""
    return visible(Report.objects.all(), user).select_related("owner", "created_by", "programme")


def editable_reports_for(user: Any) -> QuerySet[Report]:
    """The reports whose sharing `user` may change (editors and admins of the owner)."""
    return editable(reports_for(user), user)


def can_share(user: Any, report: Report) -> bool:
    return can_edit_for(user, report.owner_id)


def reports_of_subject(user: Any, kind: str, subject_id: int) -> QuerySet[Report]:
    """The stored reports of one subject `user` may see, newest first."""
    return reports_for(user).filter(kind=kind, subject_id=subject_id)


def programme_reports(user: Any, programme: Any) -> QuerySet[Report]:
    """The stored reports listed under a programme (every kind), newest first."""
    return reports_for(user).filter(programme=programme)


def previous_report(
    user: Any,
    kind: str,
    subject_id: int,
    *,
    period_end: dt.date,
    before: dt.datetime | None = None,
) -> Report | None:
    """The report a new report of the subject for a period ending `period_end` is compared
    with ("what changed since the previous report"): the finished report `user` sees whose
    period ends last, no later than `period_end` (last year's annual report for this year's;
    an earlier edition of the same period's report), the newest made of those, made before
    `before` (default: any)."""
    found = reports_of_subject(user, kind, subject_id).filter(
        status=ReportStatus.READY, period_end__lte=period_end
    )
    if before is not None:
        found = found.filter(created_at__lt=before)
    return found.order_by("-period_end", "-created_at", "-id").first()


def earlier_report(user: Any, report: Report) -> Report | None:
    """The report of the same subject that `report` is compared with by default: the one
    `previous_report` would have chosen when `report` was made."""
    earlier = (
        reports_of_subject(user, report.kind, report.subject_id)
        .filter(status=ReportStatus.READY)
        .exclude(pk=report.pk)
        .filter(
            Q(period_end__lt=report.period_end)
            | Q(period_end=report.period_end, created_at__lt=report.created_at)
            | Q(period_end=report.period_end, created_at=report.created_at, id__lt=report.pk)
        )
    )
    return earlier.order_by("-period_end", "-created_at", "-id").first()
