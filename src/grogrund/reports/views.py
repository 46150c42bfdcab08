"""Report pages, for every registered kind of report (grogrund.reports.kinds): the live print
view and PDF of a subject for a period, the form that stores a report, and the stored report's
page, print view, PDF, sharing and comparison with another report of the same subject.

Thin: access is decided by the kind's `subject` (a 404 when the user may not see it) and the
selectors; the work is in services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from grogrund.core.page_cache import cached_page
from grogrund.reports import kinds, selectors, services
from grogrund.reports.changes import compare, describe
from grogrund.reports.forms import NewReportForm, ShareForm, default_year, period_from_query
from grogrund.reports.kinds import ReportKind
from grogrund.reports.models import Report, ReportStatus
from grogrund.reports.pdf import render_html

PDF = "application/pdf"


def _kind(key: str) -> ReportKind:
    try:
        return kinds.get(key)
    except KeyError:
        raise Http404 from None


def _language(request: HttpRequest) -> str:
    return "en" if (get_language() or "sv").startswith("en") else "sv"


def _filename(title: str, suffix: str = ".pdf") -> str:
    return (slugify(title)[:100] or "rapport") + suffix


def _refused(request: HttpRequest, errors: list[str]) -> HttpResponse:
    return render(request, "reports/period_error.html", {"errors": errors}, status=400)


# --- live: any kind, any subject, any period ---------------------------------------------------


def _live(request: HttpRequest, key: str, subject_pk: int) -> tuple[Any, ...]:
    kind = _kind(key)
    subject = kind.subject(request.user, subject_pk)
    period, language, errors = period_from_query(request.GET, _language(request))
    return kind, subject, period, language, errors


@cached_page
def live_print(request: HttpRequest, kind: str, subject: int) -> HttpResponse:
    """The report as it would be made now, as a page to read or print from the browser."""
    found, obj, period, language, errors = _live(request, kind, subject)
    if errors:
        return _refused(request, errors)
    data = found.figures(user=request.user, subject=obj, period=period)
    html = render_html(found.template, found.context(data, language=language), language=language)
    return HttpResponse(html)


def live_pdf(request: HttpRequest, kind: str, subject: int) -> HttpResponse:
    """The report as it would be made now, as a PDF (not stored); for a large programme, a
    page that offers to make it in the background instead."""
    found, obj, period, language, errors = _live(request, kind, subject)
    if errors:
        return _refused(request, errors)
    if services.runs_in_background(found, obj):
        # Printing a large programme takes longer than a page may: it is printed by a job.
        return render(
            request,
            "reports/too_large.html",
            {"kind": found, "subject": obj, "limit": services.SYNC_MAX_PARTS},
        )
    data = found.figures(user=request.user, subject=obj, period=period)
    title, _html, pdf, _pages = services.render(
        found, data, language=language, created=timezone.now()
    )
    response = HttpResponse(pdf, content_type=PDF)
    response["Content-Disposition"] = f'inline; filename="{_filename(title)}"'
    return response


@login_required
def report_create(request: HttpRequest, kind: str, subject: int) -> HttpResponse:
    """Make a report of the subject for a period and store it (a snapshot)."""
    found = _kind(kind)
    obj = found.subject(request.user, subject)
    owners = services.owner_choices(request.user)
    owner = services.default_owner(request.user, found, obj)
    form = NewReportForm(
        request.POST or None,
        owners=owners,
        initial={
            "year": default_year(),
            "language": _language(request),
            "owner": owner.pk if owner else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = services.request_report(
                user=request.user,
                kind=found,
                subject=obj,
                period=form.cleaned_data["period"],
                language=form.cleaned_data["language"],
                owner=form.cleaned_data["owner"],
            )
        except services.ReportError as err:
            form.add_error(None, str(err))
        else:
            if report.status == ReportStatus.PENDING:
                messages.info(
                    request,
                    _("The report is being made in the background; you may leave this page."),
                )
            else:
                messages.success(request, _("The report was made and stored."))
            return redirect("reports:detail", pk=report.pk)
    return render(
        request,
        "reports/report_form.html",
        {
            "kind": found,
            "subject": obj,
            "programme": found.programme(obj),
            "form": form,
            "background": services.runs_in_background(found, obj),
            "limit": services.SYNC_MAX_PARTS,
            "can_store": owners.exists(),
            "previous": selectors.reports_of_subject(request.user, found.key, obj.pk)[:5],
        },
    )


# --- stored reports ------------------------------------------------------------------------------


def report_list(request: HttpRequest) -> HttpResponse:
    reports = selectors.reports_for(request.user)
    programme = request.GET.get("program", "")
    if programme.isascii() and programme.isdigit():
        reports = reports.filter(programme_id=int(programme))
    return render(
        request,
        "reports/report_list.html",
        {"reports": reports[:200], "labels": {k.key: k.label for k in kinds.all_kinds()}},
    )


def _visible(request: HttpRequest, pk: int) -> Report:
    return get_object_or_404(selectors.reports_for(request.user), pk=pk)


def _ready(request: HttpRequest, pk: int) -> Report:
    report = _visible(request, pk)
    if report.status != ReportStatus.READY:
        raise Http404
    return report


def _kind_label(key: str) -> str:
    try:
        return str(kinds.get(key).label)
    except KeyError:
        return key


def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _visible(request, pk)
    others = list(
        selectors.reports_of_subject(request.user, report.kind, report.subject_id)
        .filter(status=ReportStatus.READY)
        .exclude(pk=report.pk)[:20]
    )
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "kind_label": _kind_label(report.kind),
            "can_share": selectors.can_share(request.user, report),
            "earlier": selectors.earlier_report(request.user, report),
            "others": others,
            "history": _history(report),
        },
    )


def _history(report: Report) -> list[Any]:
    if report.programme_id is None:
        return []
    from grogrund.programmes.selectors import history_for

    return list(history_for(report))


def report_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The stored report as a page: drawn from its stored figures, never from today's data."""
    report = _ready(request, pk)
    kind = _kind(report.kind)
    context = kind.context(report.figures, language=report.language)
    return HttpResponse(render_html(kind.template, context, language=report.language))


def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF as it was made and stored."""
    report = _ready(request, pk)
    if not report.pdf:
        raise Http404
    try:
        handle = report.pdf.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle, content_type=PDF, as_attachment=True, filename=_filename(report.title)
    )


@login_required
def report_share(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(selectors.editable_reports_for(request.user), pk=pk)
    form = ShareForm(
        request.POST or None,
        initial={
            "visibility": report.visibility,
            "shared_with": list(report.shared_with.values_list("pk", flat=True)),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_sharing(
                user=request.user,
                report=report,
                visibility=form.cleaned_data["visibility"],
                shared_with=list(form.cleaned_data["shared_with"]),
            )
        except services.ReportError as err:
            form.add_error(None, str(err))
        else:
            messages.success(request, _("Who sees the report was saved."))
            return redirect("reports:detail", pk=report.pk)
    return render(request, "reports/report_share.html", {"report": report, "form": form})


def report_diff(request: HttpRequest, pk: int) -> HttpResponse:
    """What changed from another report of the same subject (`med`, default: the one made
    just before) to this one, in plain language."""
    report = _ready(request, pk)
    wanted = request.GET.get("med", "")
    if wanted.isascii() and wanted.isdigit():
        other = get_object_or_404(
            selectors.reports_of_subject(request.user, report.kind, report.subject_id).filter(
                status=ReportStatus.READY
            ),
            pk=int(wanted),
        )
    else:
        other = selectors.earlier_report(request.user, report)
    before, after = other, report
    if other is not None and _order(other) > _order(report):
        before, after = report, other
    changes: list[str] = []
    if before is not None:
        changes = [describe(c) for c in compare(report.kind, before.figures, after.figures)]
    return render(
        request,
        "reports/report_diff.html",
        {
            "report": report,
            "before": before,
            "after": after,
            "changes": changes,
            "kind_label": _kind_label(report.kind),
            "others": selectors.reports_of_subject(request.user, report.kind, report.subject_id)
            .filter(status=ReportStatus.READY)
            .exclude(pk=report.pk)[:20],
        },
    )


def _order(report: Report) -> tuple[Any, ...]:
    """Reports of a subject in order: by the end of their period, then by when made."""
    return (report.period_end, report.created_at, report.pk)


@login_required
def report_job(request: HttpRequest, job: int) -> HttpResponse:
    """How far a report being made in the background has come (polled by htmx)."""
    from grogrund.jobs.selectors import jobs_for

    found = get_object_or_404(jobs_for(request.user).filter(kind=services.JOB_KIND), pk=job)
    report = Report.objects.filter(pk=found.parameters.get("report")).first()
    context = {"job": found, "report": report}
    if getattr(request, "htmx", False):
        response = render(request, "reports/_job_status.html", context)
        if report is not None and report.status == ReportStatus.READY:
            response["HX-Redirect"] = report.get_absolute_url()
        return response
    return render(request, "reports/report_job.html", context)
