"""A report for a period outside the contract's term, or not one of the clause's reporting
periods, is refused with a message naming both, and nothing is saved — in the browser's
service and in the API alike."""

from __future__ import annotations

from datetime import date

import pytest

from builders import api_client
from grogrund.procurement import services
from grogrund.procurement.models import DeliveryReport


def test_a_period_after_the_term_is_refused(world):
    world.clause.contract = world.contract
    data = services.ReportInput(period_start=date(2027, 1, 1), period_end=date(2027, 3, 31))
    with pytest.raises(services.ProcurementError) as err:
        services.submit_report(user=world.s_editor, clause=world.clause, data=data)
    assert "2027" in str(err.value) and "2026" in str(err.value)
    assert DeliveryReport.objects.count() == 0


def test_a_period_that_is_not_a_reporting_period_is_refused(world):
    world.clause.contract = world.contract
    data = services.ReportInput(period_start=date(2025, 2, 1), period_end=date(2025, 4, 30))
    with pytest.raises(services.ProcurementError):
        services.submit_report(user=world.s_editor, clause=world.clause, data=data)
    assert DeliveryReport.objects.count() == 0


def test_the_api_refuses_it_too(world):
    response = api_client(world.s_editor).post(
        "/api/v1/procurement-reports/",
        {
            "clause": world.clause.pk,
            "period_start": "2024-10-01",
            "period_end": "2024-12-31",
            "persons": 1,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "2024" in str(response.json())
    assert DeliveryReport.objects.count() == 0


def test_a_period_reported_already_is_not_reported_twice(world):
    world.clause.contract = world.contract
    data = services.ReportInput(
        period_start=date(2025, 1, 1), period_end=date(2025, 3, 31), persons=1, hours=10
    )
    services.submit_report(user=world.s_editor, clause=world.clause, data=data)
    with pytest.raises(services.ProcurementError):
        services.submit_report(user=world.s_editor, clause=world.clause, data=data)
    assert DeliveryReport.objects.count() == 1
