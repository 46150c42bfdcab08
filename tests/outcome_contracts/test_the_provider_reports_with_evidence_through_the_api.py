"""The service provider reports an outcome through the API with its evidence file (`POST
/api/v1/outcome-reports/` as a multipart form with `evidence`), as the browser's report form
takes it: only the provider's editors (told before anything about the file), a PDF, CSV, text
or Excel file, no personal identity number in its text, cells or name, the declared size
refused before the body is read. A refused file saves neither the report nor the file; JSON
still reports without one."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from builders import api_client
from grogrund.outcome_contracts import api as contracts_api
from grogrund.outcome_contracts.models import ContractChange, Evidence, OutcomeReport
from grogrund.procurement import api as procurement_api
from outcome_contracts.contract_builders import add_metric, fresh, make_contract

COUNTS = b"Period;I arbete\n1;30\n"


@pytest.fixture
def contract(world):
    c = make_contract(world, cap_total_sek=1_000_000)
    add_metric(c, "In work", baseline=20, price=50_000)
    return fresh(c)


def _report(user, contract, name=None, content=b"", **extra):
    body = {
        "contract": contract.pk,
        "metric": contract.metrics.get().pk,
        "period": 1,
        "value": 30,
        "note": "Registerutdrag",
        **extra,
    }
    if name is not None:
        body["evidence"] = SimpleUploadedFile(name, content)
    return api_client(user).post("/api/v1/outcome-reports/", body, format="multipart")


def test_the_provider_reports_with_the_file(world, contract):
    response = _report(world.s_editor, contract, "utdrag.csv", COUNTS)
    assert response.status_code == 201, response.content
    assert response.json()["value"] == 30 and "evidence" not in response.json()
    report = OutcomeReport.objects.get()
    stored = Evidence.objects.get(report=report)
    assert (stored.name, bytes(stored.data)) == ("utdrag.csv", COUNTS)
    assert stored.uploaded_by == world.s_editor
    change = ContractChange.objects.get(object_type="outcomereport", action="report")
    assert change.after["evidence"] == ["utdrag.csv"]


def test_json_and_a_form_without_a_file_still_report(world, contract):
    assert _report(world.s_editor, contract).status_code == 201
    assert not Evidence.objects.exists()
    again = api_client(world.s_editor).post(
        "/api/v1/outcome-reports/",
        {"contract": contract.pk, "metric": contract.metrics.get().pk, "period": 1, "value": 31},
        format="json",
    )
    assert again.status_code == 201 and OutcomeReport.objects.get().value == 31


def test_only_the_providers_editors_report_and_the_file_is_not_looked_at(world, contract):
    # A file with a personal number in its name: a party who may not report hears only that.
    for user in (world.e_editor, world.m_editor, world.i_editor):
        response = _report(user, contract, "utdrag 880320-0016.csv", COUNTS)
        assert response.status_code == 403
        assert "880320" not in str(response.json())
    assert not OutcomeReport.objects.exists() and not Evidence.objects.exists()


@pytest.mark.parametrize(
    "name,content,says",
    [
        ("program.exe", b"MZ\x90\x00", "program.exe"),
        ("utdrag.csv", b"Deltagare;Arbete\n880320-0016;ja\n", "880320-****"),
        ("utdrag 880320-0016.csv", COUNTS, "880320-****"),
    ],
)
def test_a_refused_file_saves_nothing(world, contract, name, content, says):
    response = _report(world.s_editor, contract, name, content)
    assert response.status_code == 400
    message = " ".join(response.json()["evidence"])
    assert says in message and "0016" not in message
    assert not OutcomeReport.objects.exists() and not Evidence.objects.exists()


def test_a_body_declared_too_large_is_refused_before_it_is_read(world, contract, monkeypatch):
    monkeypatch.setattr(contracts_api, "MAX_BYTES", 0)
    monkeypatch.setattr(procurement_api, "MULTIPART_OVERHEAD_BYTES", 10)
    assert _report(world.s_editor, contract, "utdrag.csv", COUNTS).status_code == 413
    assert not OutcomeReport.objects.exists()


def test_the_schema_offers_json_and_a_multipart_form(world):
    schema = api_client(world.s_editor).get("/api/schema/?format=json").json()
    content = schema["paths"]["/api/v1/outcome-reports/"]["post"]["requestBody"]["content"]
    assert set(content) >= {"application/json", "multipart/form-data"}
    fields = schema["components"]["schemas"]["OutcomeReportWithEvidence"]["properties"]
    assert fields["evidence"]["format"] == "binary"
