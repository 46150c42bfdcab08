"""The buyer returns a report with a comment saying what to correct; the supplier sees the
comment, corrects the report and sends it again; the buyer verifies it."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from grogrund.procurement import services
from grogrund.procurement.models import DeliveryReport, ReportStatus


def _data(**kw):
    return services.ReportInput(date(2025, 1, 1), date(2025, 3, 31), **kw)


def test_return_correct_and_verify(world):
    world.clause.contract = world.contract
    report = services.submit_report(
        user=world.s_editor,
        clause=world.clause,
        data=_data(persons=2, new_persons=2, hours=800, employment_months=6),
    )
    with pytest.raises(services.ProcurementError):
        services.return_report(user=world.a_editor, report=report, comment="  ")
    services.return_report(
        user=world.a_editor,
        report=report,
        comment="Heltidsmånaderna stämmer inte med tidrapporten: 5,5 månader.",
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED

    edit = reverse("procurement:report_edit", args=[world.contract.pk, report.pk])
    page = world.client(world.s_editor).get(edit)
    assert "5,5 månader" in page.content.decode()
    page = world.client(world.s_editor).post(
        edit,
        {
            "period": "2025-01-01/2025-03-31",
            "persons": "2",
            "new_persons": "2",
            "hours": "800",
            "employment_months": "5,5",
            "counts_only": "on",
        },
    )
    assert page.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.employment_months == 5.5
    assert DeliveryReport.objects.count() == 1

    detail = reverse("procurement:report", args=[world.contract.pk, report.pk])
    page = world.client(world.a_editor).post(detail, {"decision": "verify", "comment": ""})
    assert page.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.VERIFIED
