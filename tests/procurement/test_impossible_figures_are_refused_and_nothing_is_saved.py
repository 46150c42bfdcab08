"""Figures no period allows are refused with a message that says what and where, and nothing
is saved: no report, no file, no history."""

from __future__ import annotations

from datetime import date

import pytest

from grogrund.accounts.models import HistoryEntry
from grogrund.procurement import services
from grogrund.procurement.models import DeliveryReport

Q1 = (date(2025, 1, 1), date(2025, 3, 31))  # 90 days: 12.857 weeks, 3 months


def _submit(world, **figures):
    world.clause.contract = world.contract
    data = services.ReportInput(period_start=Q1[0], period_end=Q1[1], **figures)
    return services.submit_report(user=world.s_editor, clause=world.clause, data=data)


def _nothing_saved():
    assert DeliveryReport.objects.count() == 0
    assert not HistoryEntry.objects.filter(object_type="deliveryreport").exists()


def test_hours_the_persons_cannot_have_worked_are_refused(world):
    # 2 persons × 40 hours × 90/7 weeks = 1 028.6 hours at most.
    with pytest.raises(services.ProcurementError) as err:
        _submit(world, persons=2, new_persons=2, hours=1100, employment_months=5)
    message = str(err.value).replace("\xa0", " ")
    # In Swedish, the default language.
    assert "1 100 timmar är fler än 2 personer kan arbeta" in message
    assert "högst 1 028,6 timmar (40 timmar i veckan" in message
    _nothing_saved()


def test_hours_within_the_limit_are_taken(world):
    report = _submit(world, persons=2, new_persons=2, hours=1028, employment_months=5)
    assert report.pk and report.hours == 1028


def test_hours_without_persons_are_refused(world):
    with pytest.raises(services.ProcurementError):
        _submit(world, persons=0, hours=10)
    _nothing_saved()


def test_more_full_time_months_than_the_persons_can_have_are_refused(world):
    # 2 persons in a 3-month quarter: at most 6 months of full-time employment.
    with pytest.raises(services.ProcurementError) as err:
        _submit(world, persons=2, new_persons=0, hours=500, employment_months=6.5)
    assert "6,5" in str(err.value)
    _nothing_saved()


def test_more_new_persons_than_persons_are_refused(world):
    with pytest.raises(services.ProcurementError):
        _submit(world, persons=1, new_persons=2)
    _nothing_saved()


def test_more_from_the_target_group_than_started_are_refused(world):
    with pytest.raises(services.ProcurementError):
        _submit(world, persons=3, new_persons=1, target_group_persons=2)
    with pytest.raises(services.ProcurementError):
        _submit(world, persons=3, new_persons=1, area_persons=2)
    _nothing_saved()


def test_negative_figures_are_refused(world):
    with pytest.raises(services.ProcurementError):
        _submit(world, persons=2, hours=-5)
    _nothing_saved()


def test_the_form_shows_the_message_and_saves_nothing(world):
    from django.urls import reverse

    url = reverse("procurement:report_create", args=[world.contract.pk, world.clause.pk])
    page = world.client(world.s_editor).post(
        url,
        {
            "period": "2025-01-01/2025-03-31",
            "persons": "2",
            "new_persons": "2",
            "hours": "1 100",
            "employment_months": "5",
            "counts_only": "on",
        },
    )
    assert page.status_code == 200
    html = page.content.decode().replace("\xa0", " ")
    assert "data-error-summary" in html and "1 028,6" in html
    _nothing_saved()
