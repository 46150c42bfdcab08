"""The evaluator verifies through the API with the evidence file attached (`POST
/api/v1/outcome-reports/{id}/verify/` as a multipart form), with the browser's checks: only the
evaluator's editors, a PDF, CSV, text or Excel file, at most 10 MB (the declared size refused
before the file is read), no personal identity number in its text, cells or name. A refused
file leaves the report awaiting verification and keeps nothing; JSON still verifies."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from builders import api_client
from grogrund.outcome_contracts import evidence, services
from grogrund.outcome_contracts.models import ContractChange, Evidence, OutcomeReport
from grogrund.procurement import api as procurement_api
from outcome_contracts.contract_builders import add_metric, fresh, make_contract

COUNTS = b"Period;I arbete\n1;28\n"


def _xlsx(cells):
    import openpyxl

    wb = openpyxl.Workbook()
    for row in cells:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture
def report(world):
    c = make_contract(world, cap_total_sek=1_000_000)
    add_metric(c, "In work", baseline=20, price=50_000)
    c = fresh(c)
    return services.report_outcome(
        user=world.s_editor, contract=c, metric=c.metrics.get(), period=1, value=30
    )


def _verify(user, report, name, content, **data):
    body = {"comment": "Stickprov", **data}
    if name is not None:
        body["evidence"] = SimpleUploadedFile(name, content)
    return api_client(user).post(
        f"/api/v1/outcome-reports/{report.pk}/verify/", body, format="multipart"
    )


def test_the_evaluator_verifies_with_the_file(world, report):
    response = _verify(world.e_editor, report, "intyg.csv", COUNTS, verified_value=28)
    assert response.status_code == 200, response.content
    assert response.json()["verified_value"] == 28
    stored = Evidence.objects.get(report=report)
    assert (stored.name, bytes(stored.data)) == ("intyg.csv", COUNTS)
    assert stored.uploaded_by == world.e_editor
    change = ContractChange.objects.filter(object_type="outcomereport", action="verify").get()
    assert change.after["evidence"] == ["intyg.csv"]


def test_a_multipart_form_without_a_file_verifies_on_the_comment(world, report):
    response = _verify(world.e_editor, report, None, None)
    assert response.status_code == 200 and not Evidence.objects.exists()


def test_no_one_but_the_evaluator_attaches(world, report):
    # A refused file is not even looked at for someone who may not verify.
    for user in (world.s_editor, world.m_editor, world.i_editor):
        assert _verify(user, report, "intyg 880320-0016.csv", COUNTS).status_code == 403
    assert _verify(world.x_editor, report, "intyg.csv", COUNTS).status_code == 404
    assert not Evidence.objects.exists()
    assert OutcomeReport.objects.get().status == "reported"


@pytest.mark.parametrize(
    "name,content,says",
    [
        ("program.exe", b"MZ\x90\x00", "program.exe"),
        ("tom.csv", b"", "tom.csv"),
        ("intyg.csv", b"Deltagare;Arbete\n880320-0016;ja\n", "880320-****"),
        ("intyg.txt", b"Deltagare 19880320-0016 i arbete", "880320-****"),
        ("intyg.xlsx", _xlsx([["Deltagare", "Arbete"], ["8803200016", "ja"]]), "880320"),
        ("intyg.pdf", None, "880320"),
        ("intyg 880320-0016.csv", COUNTS, "880320-****"),
    ],
)
def test_a_file_the_browser_refuses_is_refused_and_nothing_saved(
    world, report, name, content, says
):
    if content is None:
        from weasyprint import HTML

        content = HTML(string="<p>Deltagare 19880320-0016 i arbete</p>").write_pdf()
    response = _verify(world.e_editor, report, name, content)
    assert response.status_code == 400
    message = " ".join(response.json()["evidence"])
    assert says in message and "0016" not in message
    assert not Evidence.objects.exists()
    assert OutcomeReport.objects.get().status == "reported"


def test_a_file_over_the_limit_is_refused_before_it_is_read(world, report, monkeypatch):
    monkeypatch.setattr(evidence, "MAX_BYTES", 10)

    def never(*args, **kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(evidence, "check_file", never)
    response = _verify(world.e_editor, report, "intyg.csv", COUNTS)
    assert response.status_code == 400 and "10 MB" in str(response.json())
    assert OutcomeReport.objects.get().status == "reported"


def test_a_body_declared_too_large_is_refused(world, report, monkeypatch):
    from grogrund.outcome_contracts import api as contracts_api

    monkeypatch.setattr(contracts_api, "MAX_BYTES", 0)
    monkeypatch.setattr(procurement_api, "MULTIPART_OVERHEAD_BYTES", 10)
    assert _verify(world.e_editor, report, "intyg.csv", COUNTS).status_code == 413
    assert OutcomeReport.objects.get().status == "reported"


def test_the_schema_offers_json_and_a_multipart_form(world):
    schema = api_client(world.e_editor).get("/api/schema/?format=json").json()
    content = schema["paths"]["/api/v1/outcome-reports/{id}/verify/"]["post"]["requestBody"][
        "content"
    ]
    assert set(content) >= {"application/json", "multipart/form-data"}
    fields = schema["components"]["schemas"]["VerifyWithEvidence"]["properties"]
    assert fields["evidence"]["format"] == "binary"
