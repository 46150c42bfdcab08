"""Only the buyer's editors verify or return a report. The supplier (or a viewer of the buyer)
is refused with a message saying who verifies, and the report stays as it was; verifying a
verified report changes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from grogrund.accounts.models import HistoryEntry
from grogrund.procurement import services
from grogrund.procurement.models import ReportStatus
from procurement.builders_procurement import make_report


@pytest.fixture
def report(world):
    r = make_report(
        world.clause,
        date(2025, 1, 1),
        date(2025, 3, 31),
        status="submitted",
        persons=2,
        new_persons=2,
        hours=800,
        employment_months=5,
    )
    r.clause.contract = world.contract
    return r


def test_the_supplier_cannot_verify_its_own_report(world, report):
    with pytest.raises(services.NotAllowed) as err:
        services.verify_report(user=world.s_editor, report=report)
    assert world.a.name in str(err.value)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.reviewed_by is None
    assert not HistoryEntry.objects.filter(object_type="deliveryreport").exists()


def test_a_viewer_of_the_buyer_cannot_verify(world, report):
    with pytest.raises(services.NotAllowed):
        services.verify_report(user=world.a_viewer, report=report)


def test_the_supplier_posting_a_verification_gets_a_refusal_page(world, report):
    url = reverse("procurement:report", args=[world.contract.pk, report.pk])
    page = world.client(world.s_editor).post(url, {"decision": "verify"})
    assert page.status_code == 403
    assert world.a.name in page.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_the_supplier_sees_no_verification_form(world, report):
    url = reverse("procurement:report", args=[world.contract.pk, report.pk])
    html = world.client(world.s_editor).get(url).content.decode()
    assert 'id="review-form"' not in html
    assert 'id="review-form"' in world.client(world.a_editor).get(url).content.decode()


def test_the_buyer_verifies_once(world, report):
    services.verify_report(user=world.a_editor, report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.VERIFIED and report.reviewed_by == world.a_editor
    first = report.reviewed_at
    again = services.verify_report(user=world.a_editor, report=report)
    assert again.reviewed_at == first
    assert HistoryEntry.objects.filter(object_type="deliveryreport").count() == 1


def test_a_verified_report_is_final_for_the_supplier(world, report):
    services.verify_report(user=world.a_editor, report=report)
    report.refresh_from_db()
    data = services.ReportInput(date(2025, 1, 1), date(2025, 3, 31), persons=2, hours=10)
    with pytest.raises(services.ProcurementError):
        services.submit_report(user=world.s_editor, clause=report.clause, data=data, report=report)
    with pytest.raises(services.ProcurementError):
        services.return_report(user=world.a_editor, report=report, comment="Fel")
