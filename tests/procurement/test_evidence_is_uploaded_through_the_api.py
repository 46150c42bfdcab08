"""The supplier attaches a report's evidence through the API (`POST
/api/v1/procurement-reports/{id}/evidence/`, a multipart upload) with the browser's checks: who
may (the supplier's editors, before the buyer verifies), what kind of file, how large (the
declared size is refused before the file is read) and no personal identity number in the
text, a CSV cell, a workbook cell, a PDF or the file's name; nothing is kept of a refused file,
and the history says the evidence came through the API."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from builders import api_client
from grogrund.accounts.models import HistoryEntry
from grogrund.procurement import api as procurement_api
from grogrund.procurement import evidence, services
from grogrund.procurement.models import DeliveryReport
from procurement.builders_procurement import make_report

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
COUNTS = b"Period;Personer;Timmar\n2025K1;2;800\n"


def _xlsx(cells):
    import openpyxl

    wb = openpyxl.Workbook()
    for row in cells:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _pdf(text):
    from weasyprint import HTML

    return HTML(string=f"<p>{text}</p>").write_pdf()


def _stored():
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.fixture
def report(world):
    return make_report(
        world.clause,
        date(2025, 1, 1),
        date(2025, 3, 31),
        status="submitted",
        persons=2,
        new_persons=2,
        hours=800,
    )


def _upload(user, report, name, content):
    return api_client(user).post(
        f"/api/v1/procurement-reports/{report.pk}/evidence/",
        {"file": SimpleUploadedFile(name, content)},
        format="multipart",
    )


def test_the_suppliers_editor_attaches_the_evidence(world, report):
    response = _upload(world.s_editor, report, "tidrapport.csv", COUNTS)
    assert response.status_code == 200, response.content
    assert response.json()["evidence_name"] == "tidrapport.csv"
    report.refresh_from_db()
    assert report.evidence_name == "tidrapport.csv" and report.status == "submitted"
    assert len(_stored()) == 1
    entry = HistoryEntry.objects.filter(object_type="deliveryreport").latest("id")
    assert entry.via == "api" and entry.after["evidence_name"] == "tidrapport.csv"


def test_a_new_file_replaces_the_old_one(world, report, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _upload(world.s_editor, report, "tidrapport.csv", COUNTS)
    with django_capture_on_commit_callbacks(execute=True):
        assert _upload(world.s_editor, report, "bild.png", PNG).status_code == 200
    report.refresh_from_db()
    assert report.evidence_name == "bild.png"
    assert [p.suffix for p in _stored()] == [".png"]


def test_only_the_suppliers_editors_attach(world, report):
    for user in (world.a_editor, world.s_viewer):
        assert _upload(user, report, "tidrapport.csv", COUNTS).status_code == 403
    for user in (world.t_editor, world.outsider, world.c_viewer):
        assert _upload(user, report, "tidrapport.csv", COUNTS).status_code == 404
    assert api_client().post(f"/api/v1/procurement-reports/{report.pk}/evidence/").status_code in (
        401,
        403,
    )
    report.refresh_from_db()
    assert report.evidence_name == "" and _stored() == []


def test_a_verified_report_takes_no_new_evidence(world, report):
    DeliveryReport.objects.filter(pk=report.pk).update(status="verified")
    response = _upload(world.s_editor, report, "tidrapport.csv", COUNTS)
    assert response.status_code == 400 and "Bostadsbolaget A" in str(response.json())
    assert _stored() == []


@pytest.mark.parametrize(
    "name,content,says",
    [
        ("program.exe", b"MZ\x90\x00", "program.exe"),
        ("intyg.pdf", b"MZ\x90\x00 not a pdf", "intyg.pdf"),
        ("tom.csv", b"", "tom.csv"),
        ("tidrapport.csv", "Anställd;Timmar\n880320-0016;400\n".encode(), "880320-****"),
        ("tidrapport.xlsx", _xlsx([["Anställd", "Timmar"], ["8803200016", 400]]), "880320"),
        ("intyg.pdf", None, "880320"),
        ("intyg 880320-0016.csv", COUNTS, "880320-****"),
    ],
)
def test_a_file_the_browser_refuses_is_refused_and_not_kept(world, report, name, content, says):
    if content is None:
        content = _pdf("Anställd 19880320-0016, 400 timmar")
    response = _upload(world.s_editor, report, name, content)
    assert response.status_code == 400
    message = " ".join(response.json()["file"])
    assert says in message and "0016" not in message
    report.refresh_from_db()
    assert report.evidence_name == "" and _stored() == []


def test_a_file_over_the_limit_is_refused(world, report, monkeypatch):
    monkeypatch.setattr(evidence, "MAX_EVIDENCE_BYTES", 50)
    response = _upload(world.s_editor, report, "bild.png", PNG)
    assert response.status_code == 400 and "MB" in str(response.json())
    assert _stored() == []


def test_a_body_declared_too_large_is_refused_before_the_file_is_read(world, report, monkeypatch):
    monkeypatch.setattr(procurement_api, "MAX_EVIDENCE_BYTES", 0)
    monkeypatch.setattr(procurement_api, "MULTIPART_OVERHEAD_BYTES", 10)

    def never(*args, **kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(services, "check_evidence", never)
    response = _upload(world.s_editor, report, "bild.png", PNG)
    assert response.status_code == 413
    assert _stored() == []


def test_the_upload_is_in_the_openapi_schema(world):
    schema = api_client(world.s_editor).get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/procurement-reports/{id}/evidence/"]["post"]
    body = operation["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert body["$ref"].endswith("/EvidenceUpload")
    fields = schema["components"]["schemas"]["EvidenceUpload"]["properties"]
    assert fields["file"]["format"] == "binary"
