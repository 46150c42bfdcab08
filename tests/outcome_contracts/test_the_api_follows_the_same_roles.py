"""The API reads contracts and reports as the pages show them, and takes the provider's report
and the evaluator's verification through the same services: same checks, same history."""

from __future__ import annotations

from datetime import date

import pytest

from builders import api_client
from grogrund.outcome_contracts import services
from grogrund.outcome_contracts.models import ContractChange, OutcomeReport
from outcome_contracts.contract_builders import add_metric, fresh, make_contract


@pytest.fixture
def contract(world):
    c = make_contract(world, cap_total_sek=1_000_000)
    add_metric(c, "In work", baseline=20, price=50_000)
    services.record_investment(
        user=world.i_editor, contract=fresh(c), day=date(2021, 1, 1), amount_sek=300_000
    )
    return fresh(c)


def _report_via_api(user, contract, **data):
    body = {"contract": contract.pk, "metric": contract.metrics.get().pk, "period": 1, "value": 30}
    return api_client(user).post("/api/v1/outcome-reports/", body | data, format="json")


def test_the_provider_reports_through_the_api(world, contract):
    response = _report_via_api(world.s_editor, contract)
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "reported"
    assert ContractChange.objects.filter(object_type="outcomereport", action="report").count() == 1


def test_no_one_else_reports_through_the_api(world, contract):
    for user in (world.e_editor, world.m_editor, world.i_editor):
        assert _report_via_api(user, contract).status_code == 403
    # Another provider does not even find the contract.
    assert _report_via_api(world.o_editor, contract).status_code == 400
    assert not OutcomeReport.objects.exists()


def test_a_report_above_the_cohort_or_outside_the_term_is_a_400(world, contract):
    assert _report_via_api(world.s_editor, contract, value=101).status_code == 400
    assert _report_via_api(world.s_editor, contract, period=9).status_code == 400
    assert not OutcomeReport.objects.exists()


def test_the_evaluator_verifies_through_the_api_and_the_payment_falls_due(world, contract):
    report_id = _report_via_api(world.s_editor, contract).json()["id"]
    url = f"/api/v1/outcome-reports/{report_id}/verify/"
    assert api_client(world.s_editor).post(url, {"comment": "ok"}, format="json").status_code == 403
    assert api_client(world.m_editor).post(url, {"comment": "ok"}, format="json").status_code == 403
    response = api_client(world.e_editor).post(
        url, {"verified_value": 28, "comment": "Stickprov"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["verified_value"] == 28
    # (28 − 20) × 50 000 = 400 000 due; M 60 % = 240 000.
    data = api_client(world.m_editor).get(f"/api/v1/outcome-contracts/{contract.pk}/").json()
    assert data["ledger"]["total_due_sek"] == 400_000
    assert data["ledger"]["total_cap_left_sek"] == 600_000
    assert data["ledger"]["periods"][0]["due_sek"] == 400_000


def test_the_evaluator_returns_a_report_with_a_comment(world, contract):
    report_id = _report_via_api(world.s_editor, contract).json()["id"]
    url = f"/api/v1/outcome-reports/{report_id}/return/"
    assert api_client(world.e_editor).post(url, {"comment": ""}, format="json").status_code == 400
    response = api_client(world.e_editor).post(url, {"comment": "Fel period"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "returned"


def test_the_contract_reads_differently_by_role(world, contract):
    report = services.report_outcome(
        user=world.s_editor, contract=contract, metric=contract.metrics.get(), period=1, value=30
    )
    services.verify_outcome(user=world.e_editor, report=report, comment="ok")
    url = f"/api/v1/outcome-contracts/{contract.pk}/"
    provider = api_client(world.s_editor).get(url).json()
    assert provider["your_roles"] == ["provider"]
    assert "total_due_sek" not in provider["ledger"]
    assert "due_sek" not in provider["ledger"]["periods"][0]
    assert provider["investor"] is None
    assert provider["ledger"]["periods"][0]["outcomes"][0]["verified"] == 30
    investor = api_client(world.i_editor).get(url).json()
    assert investor["investor"]["paid_in_sek"] == 300_000
    assert investor["ledger"]["total_due_sek"] == 500_000
    payer = api_client(world.r_editor).get(url).json()
    assert payer["investor"] is None
    assert payer["ledger"]["periods"][0]["due_sek"] == 200_000  # R's own 40 %
    for outsider in (world.o_editor, world.x_editor):
        assert api_client(outsider).get(url).status_code == 404
        assert api_client(outsider).get("/api/v1/outcome-contracts/").json()["count"] == 0
        assert api_client(outsider).get("/api/v1/outcome-reports/").json()["count"] == 0
