"""The reports app's routes in the access registry (tests/accounts/test_every_route_is_guarded.py):
every private route is tried against organisation A's private programme "Hemligt program Alfa"
and a stored report of it, "Hemlig rapport Alfa", kept private."""

from __future__ import annotations

from typing import Any

from route_registry import Case, PrivateWorld, goal_of, programme_of

SECRETS = ("Hemlig rapport Alfa",)
#: The stored PDF of A's report (written once into the test storage, then reused).
PDF_NAME = "reports/route-guard/hemlig-rapport-alfa.pdf"


def report_of(w: PrivateWorld) -> Any:
    """A's private stored report of its private programme, with a PDF, made when a route first
    asks for it."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from grogrund.accounts.models import Visibility
    from grogrund.reports.models import Report

    programme = programme_of(w)
    goal_of(w)
    if not default_storage.exists(PDF_NAME):
        default_storage.save(PDF_NAME, ContentFile(b"%PDF-1.7\n% Hemlig rapport Alfa\n"))
    report, _ = Report.objects.get_or_create(
        owner=programme.owner,
        kind="programme",
        subject_id=programme.pk,
        defaults={
            "visibility": Visibility.PRIVATE,
            "subject_name": programme.name,
            "programme": programme,
            "title": "Hemlig rapport Alfa",
            "period_start": "2024-01-01",
            "period_end": "2024-12-31",
            "figures": {},
            "pdf": PDF_NAME,
            "page_count": 1,
        },
    )
    if not report.figures:
        # The figures as A's report keeps them, read as A's owner organisation sees them.
        from grogrund.accounts.models import Membership
        from grogrund.reports import kinds
        from grogrund.reports.kinds import Period

        member = Membership.objects.filter(organisation=programme.owner).first()
        user = member.user if member is not None else None
        report.figures = kinds.get("programme").figures(
            user=user, subject=programme, period=Period.year(2024)
        )
        report.save(update_fields=["figures"])
    return report


def job_of(w: PrivateWorld) -> int:
    """A's background job making a report (finished)."""
    from grogrund.jobs.models import Job

    report = report_of(w)
    job, _ = Job.objects.get_or_create(
        owner=w.area.owner,
        idempotency_key="hemlig-rapport-alfa",
        defaults={
            "kind": "report",
            "status": "done",
            "parameters": {"report": report.pk, "title": "Hemlig rapport Alfa"},
            "result": {"report": report.pk},
        },
    )
    return job.pk


def _report(w: PrivateWorld) -> int:
    return int(report_of(w).pk)


def _programme(w: PrivateWorld) -> int:
    return int(programme_of(w).pk)


REPORT = {"pk": _report}
SUBJECT = {"kind": lambda w: "programme", "subject": _programme}

ROUTES: dict[str, Case] = {
    "reports:list": Case(),
    "reports:detail": Case(private=True, kwargs=REPORT),
    "reports:stored_print": Case(private=True, kwargs=REPORT),
    "reports:download": Case(private=True, kwargs=REPORT),
    "reports:share": Case(private=True, kwargs=REPORT),
    "reports:diff": Case(private=True, kwargs=REPORT),
    "reports:job": Case(private=True, kwargs={"job": job_of}),
    "reports:print": Case(private=True, kwargs=SUBJECT, data={"year": "2024"}),
    "reports:pdf": Case(private=True, kwargs=SUBJECT, data={"year": "2024"}),
    "reports:create": Case(private=True, kwargs=SUBJECT),
    "api:report-list": Case(),
    "api:report-detail": Case(private=True, kwargs=REPORT),
    "api:report-pdf": Case(private=True, kwargs=REPORT),
}
