"""Writes for reports: making a stored report (a snapshot), in the request or in the
background, and sharing it.

A stored report is written whole or not at all. Its figures are read and its PDF printed
first, with nothing written; then the PDF is put in the default storage and the row saved in
one transaction, the file removed again should the transaction fail (and should the process
die between the two, the file is left without a row: `remove_orphan_files`, which every
background worker runs when it starts, removes such files). A report made in the
background (grogrund.jobs) is listed as "being made" from the moment it is asked for (a row
with no figures and no PDF), filled in the same way when the job has printed it, and removed
if the job fails: what remains is either a whole report or nothing.

Small programmes are made while the person waits; larger ones in the background
(`runs_in_background`): see docs/reports.md for the bound.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from grogrund.accounts.access import can_edit_for, org_ids_with_role
from grogrund.accounts.history import record_any
from grogrund.accounts.models import HistoryAction, HistoryChannel, Organisation, Role, Visibility
from grogrund.reports import kinds
from grogrund.reports.kinds import Period, ReportKind
from grogrund.reports.models import Report, ReportLanguage, ReportStatus, pdf_path
from grogrund.reports.pdf import render_document, render_html
from grogrund.sources.errors import SourceError, gettext_noop

#: A programme report with at most this many goals, initiatives and valuations together is
#: made while the person waits (the demo programme, 11 parts: about 2 s on one core); a
#: larger one in the background. Other kinds (one valuation, one area) are always made at
#: once.
SYNC_MAX_PARTS = 12
#: The job kind of a report made in the background (grogrund.jobs.services.HANDLERS).
JOB_KIND = "report"
#: Levels of sharing, narrowest first: a new report is shared no wider than its subject, and
#: never wider than named partners (publishing is a deliberate act).
VISIBILITY_ORDER = [Visibility.PRIVATE, Visibility.PARTNERS, Visibility.NETWORK, Visibility.PUBLIC]


class ReportError(Exception):
    """A report that cannot be made or shared; the message is for the user."""


# --- who and what --------------------------------------------------------------------------


def owner_choices(user: Any) -> Any:
    """The organisations `user` may store a report for (editor or administrator)."""
    return Organisation.objects.filter(id__in=org_ids_with_role(user, Role.EDITOR)).order_by("name")


def default_owner(user: Any, kind: ReportKind, subject: Any) -> Organisation | None:
    """The subject's owner when `user` may store reports for it, else the user's first
    organisation where they may."""
    own = kind.owner(subject)
    if own is not None and can_edit_for(user, own):
        return own  # type: ignore[no-any-return]
    return owner_choices(user).first()  # type: ignore[no-any-return]


def _shared_source(kind: ReportKind, subject: Any) -> Any:
    """What decides a new report's default sharing: the subject if it is shared data of its
    own (a programme), else the programme it belongs to (None for an area)."""
    if hasattr(subject, "visibility") and hasattr(subject, "shared_with"):
        return subject
    return kind.programme(subject)


def default_sharing(
    kind: ReportKind, subject: Any, owner: Organisation
) -> tuple[str, list[Organisation]]:
    """A new report is seen by those who see its subject, but never more widely than the
    subject's named partners: its owner's report of its own programme is shared with the
    programme's partners (if the programme is), anything else stays private until shared."""
    source = _shared_source(kind, subject)
    if source is None or source.owner_id != owner.pk:
        return Visibility.PRIVATE, []
    level = min(
        VISIBILITY_ORDER.index(source.visibility), VISIBILITY_ORDER.index(Visibility.PARTNERS)
    )
    visibility = VISIBILITY_ORDER[level]
    partners = list(source.shared_with.all()) if visibility != Visibility.PRIVATE else []
    return visibility, partners


def report_size(kind: ReportKind, subject: Any) -> int:
    """How large a report of `subject` is, in parts (goals, initiatives and valuations of a
    programme); 0 for kinds made at once whatever their size."""
    if kind.key != "programme":
        return 0
    return int(subject.goals.count() + subject.initiatives.count() + subject.valuations.count())


def runs_in_background(kind: ReportKind, subject: Any) -> bool:
    return report_size(kind, subject) > SYNC_MAX_PARTS


# --- making a report -------------------------------------------------------------------------


def _check_language(language: str) -> str:
    if language not in ReportLanguage.values:
        raise ReportError(_("Choose Swedish or English for the report."))
    return language


def _check_owner(user: Any, owner: Organisation) -> None:
    if not can_edit_for(user, owner):
        raise ReportError(
            _("You need the role editor or administrator in %(owner)s to store a report for it.")
            % {"owner": owner.name}
        )


def render(
    kind: ReportKind, figures: dict[str, Any], *, language: str, created: dt.datetime
) -> tuple[str, str, bytes, int]:
    """Title, HTML, PDF and page count of a report drawn from `figures` in `language`."""
    with translation.override(language):
        context = kind.context(figures, language=language)
        title = str(context.get("document_title") or kind.title(figures))
        html = render_html(kind.template, context, language=language)
    pdf, pages = render_document(
        html,
        title=title,
        language=language,
        author=str(context.get("document_author", "")),
        created=created,
    )
    return title, html, pdf, pages


def _snapshot(report: Report) -> dict[str, Any]:
    """What the history keeps of a report: what it is and who sees it (not its figures,
    which the report keeps itself)."""
    return {
        "id": report.pk,
        "title": report.title,
        "kind": report.kind,
        "subject_name": report.subject_name,
        "period_start": report.period_start.isoformat(),
        "period_end": report.period_end.isoformat(),
        "language": report.language,
        "page_count": report.page_count,
        "owner": report.owner_id,
        "visibility": report.visibility,
        "shared_with": sorted(report.shared_with.values_list("pk", flat=True)) if report.pk else [],
    }


def _record(user: Any, report: Report, action: str, before: dict[str, Any] | None) -> None:
    record_any(
        user=user,
        obj=report,
        action=action,
        before=before,
        after=_snapshot(report),
        via=HistoryChannel.WEB,
    )


def _file_name(report: Report, title: str) -> str:
    stem = slugify(title)[:80] or "rapport"
    return pdf_path(report, f"{stem}-{report.created_at:%Y%m%d-%H%M%S}.pdf")


#: A PDF in the storage without a report row is left by a process that died between writing
#: the file and committing the row; younger files may belong to a report being stored now.
ORPHAN_AFTER_SECONDS = 3600.0


def remove_orphan_files(*, older_than_seconds: float = ORPHAN_AFTER_SECONDS) -> list[str]:
    """Remove the PDFs under `reports/` that no report refers to and that are older than
    `older_than_seconds`; the names removed."""
    cutoff = timezone.now() - dt.timedelta(seconds=older_than_seconds)
    kept = set(Report.objects.exclude(pdf="").values_list("pdf", flat=True))
    removed: list[str] = []

    def walk(folder: str) -> None:
        try:
            folders, files = default_storage.listdir(folder)
        except FileNotFoundError:
            return
        for sub in folders:
            walk(f"{folder}/{sub}")
        for name in files:
            path = f"{folder}/{name}"
            if path in kept or not name.endswith(".pdf"):
                continue
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                removed.append(path)

    walk("reports")
    return removed


def _store(
    *,
    report: Report,
    figures: dict[str, Any],
    title: str,
    pdf: bytes,
    pages: int,
    partners: list[Organisation] | None,
    user: Any,
) -> Report:
    """Put the PDF in the storage and save the row in one transaction, with the history's
    entry; nothing is left of either when something fails."""
    saved = default_storage.save(_file_name(report, title), ContentFile(pdf))
    try:
        with transaction.atomic():
            report.title = title[:300]
            report.figures = figures
            report.pdf.name = saved
            report.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
            report.page_count = pages
            report.status = ReportStatus.READY
            report.save()
            if partners is not None:
                report.shared_with.set(partners)
            _record(user, report, HistoryAction.CREATE, None)
    except BaseException:
        default_storage.delete(saved)
        raise
    return report


def make_report(
    *,
    user: Any,
    kind: ReportKind,
    subject: Any,
    period: Period,
    language: str,
    owner: Organisation,
    visibility: str | None = None,
    shared_with: list[Organisation] | None = None,
) -> Report:
    """Read the figures, print the PDF and store both as a report of `owner`, at once."""
    _check_language(language)
    _check_owner(user, owner)
    if visibility is None:
        visibility, shared_with = default_sharing(kind, subject, owner)
    created = timezone.now()
    data = kind.figures(user=user, subject=subject, period=period)
    title, _html, pdf, pages = render(kind, data, language=language, created=created)
    report = Report(
        owner=owner,
        visibility=visibility,
        kind=kind.key,
        subject_id=subject.pk,
        subject_name=str(subject)[:300],
        programme=kind.programme(subject),
        period_start=period.start,
        period_end=period.end,
        language=language,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        created_at=created,
    )
    return _store(
        report=report,
        figures=data,
        title=title,
        pdf=pdf,
        pages=pages,
        partners=list(shared_with or []),
        user=user,
    )


def request_report(
    *,
    user: Any,
    kind: ReportKind,
    subject: Any,
    period: Period,
    language: str,
    owner: Organisation,
) -> Report:
    """Make the report now, or queue it in the background when the subject is large
    (`runs_in_background`): the report is then listed as being made, with its job."""
    _check_language(language)
    _check_owner(user, owner)
    if not runs_in_background(kind, subject):
        return make_report(
            user=user,
            kind=kind,
            subject=subject,
            period=period,
            language=language,
            owner=owner,
        )
    from grogrund.jobs import services as jobs

    visibility, partners = default_sharing(kind, subject, owner)
    parameters = {
        "kind": kind.key,
        "subject": subject.pk,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "language": language,
        "title": _("%(kind)s: %(subject)s") % {"kind": kind.label, "subject": subject},
    }
    key = "report:" + ":".join(
        str(v) for v in (kind.key, subject.pk, period.start, period.end, language, owner.pk)
    )
    with transaction.atomic():
        job = jobs.enqueue(owner=owner, user=user, kind=JOB_KIND, parameters=parameters, key=key)
        pending = Report.objects.filter(job=job, status=ReportStatus.PENDING).first()
        if pending is not None:
            return pending  # the same report asked for again while it is being made
        report = Report.objects.create(
            owner=owner,
            visibility=visibility,
            kind=kind.key,
            subject_id=subject.pk,
            subject_name=str(subject)[:300],
            programme=kind.programme(subject),
            title=str(parameters["title"])[:300],
            period_start=period.start,
            period_end=period.end,
            language=language,
            status=ReportStatus.PENDING,
            job=job,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        report.shared_with.set(partners)
        job.parameters = {**job.parameters, "report": report.pk}
        job.save(update_fields=["parameters"])
    return report


#: The job's failure when the person who asked for it may no longer read its subject.
SUBJECT_GONE = gettext_noop(
    "The report could not be made: what it is about was deleted, or the person who asked for "
    "it may no longer see it (job %(job)s). Nothing was stored."
)
REPORT_GONE = gettext_noop(
    "The report being made was deleted before it was finished (job %(job)s). Nothing was stored."
)


def run_report_job(*, job: Any, progress: Callable[[int, int, str], None]) -> dict[str, Any]:
    """The job handler (grogrund.jobs): make the report asked for, as the person who asked
    (their access applied), and fill its row. Running it again after it finished changes
    nothing; a failure removes the row being made, so nothing half-made stays."""
    from django.urls import reverse

    params = job.parameters
    report = Report.objects.filter(pk=params.get("report")).first()
    if report is None:
        raise SourceError(REPORT_GONE, {"job": job.pk})
    if report.status == ReportStatus.READY:
        return {"report": report.pk, "report_url": reverse("reports:detail", args=[report.pk])}
    user = job.created_by
    try:
        kind = kinds.get(params["kind"])
        try:
            subject = kind.subject(user, int(params["subject"]))
        except Http404:
            raise SourceError(SUBJECT_GONE, {"job": job.pk}) from None
        period = Period(
            dt.date.fromisoformat(params["start"]), dt.date.fromisoformat(params["end"])
        )
        language = params["language"]
        with translation.override(language):
            progress(0, 3, _("Reading the figures"))
            data = kind.figures(user=user, subject=subject, period=period)
            progress(1, 3, _("Printing the PDF"))
            title, _html, pdf, pages = render(
                kind, data, language=language, created=report.created_at
            )
            progress(2, 3, _("Storing the report"))
        _store(
            report=report,
            figures=data,
            title=title,
            pdf=pdf,
            pages=pages,
            partners=None,
            user=user,
        )
        progress(3, 3, "")
    except BaseException:
        Report.objects.filter(pk=report.pk, status=ReportStatus.PENDING).delete()
        raise
    return {"report": report.pk, "report_url": reverse("reports:detail", args=[report.pk])}


# --- sharing ---------------------------------------------------------------------------------


def set_sharing(
    *, user: Any, report: Report, visibility: str, shared_with: list[Organisation]
) -> Report:
    """Who sees a stored report, chosen deliberately by an editor of its owner, with the same
    levels as every other shared thing (accounts.access); the change is kept in the
    history. The report itself does not change."""
    if not can_edit_for(user, report.owner_id):
        raise ReportError(
            _(
                "You need the role editor or administrator in the organisation that owns the "
                "report to share it."
            )
        )
    if visibility not in Visibility.values:
        raise ReportError(_("There is no such level of sharing."))
    before = _snapshot(report)
    with transaction.atomic():
        report.visibility = visibility
        report.save(update_fields=["visibility"])
        report.shared_with.set(shared_with)
        if _snapshot(report) != before:
            _record(user, report, HistoryAction.UPDATE, before)
    return report
