"""Reports hold counts, never people: a personal identity number in the supplier's comment,
in the buyer's comment, or anywhere in an attached CSV, workbook or PDF is refused as imports
refuse it, and nothing is saved — neither the report nor the file."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from grogrund.procurement import services
from grogrund.procurement.models import DeliveryReport
from procurement.builders_procurement import make_report

FIGURES = {"persons": 2, "new_persons": 2, "hours": 800, "employment_months": 5}


def _data(**kw):
    return services.ReportInput(date(2025, 1, 1), date(2025, 3, 31), **(FIGURES | kw))


def _stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _xlsx(cells: list[list[object]]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    for row in cells:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _pdf(text: str) -> bytes:
    """A one-page PDF whose content stream shows `text` (uncompressed, as simple PDF writers
    make them)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _submit(world, evidence=None, **kw):
    world.clause.contract = world.contract
    return services.submit_report(
        user=world.s_editor, clause=world.clause, data=_data(**kw), evidence=evidence
    )


def test_a_personal_number_in_the_comment_is_refused(world):
    with pytest.raises(services.ProcurementError) as err:
        _submit(world, comment="Anställd: 880320-0016")
    assert "880320-****" in str(err.value) and "0016" not in str(err.value)
    assert DeliveryReport.objects.count() == 0


def test_the_form_refuses_it_as_every_free_text_field(world):
    url = reverse("procurement:report_create", args=[world.contract.pk, world.clause.pk])
    page = world.client(world.s_editor).post(
        url,
        {
            "period": "2025-01-01/2025-03-31",
            "persons": "2",
            "hours": "800",
            "comment": "Se 19880320-0016",
            "counts_only": "on",
        },
    )
    assert page.status_code == 200 and "19880320-****" in page.content.decode()
    assert DeliveryReport.objects.count() == 0


@pytest.mark.parametrize(
    "name,content",
    [
        ("tidrapport.csv", "Anställd;Timmar\n880320-0016;400\n".encode()),
        ("tidrapport.xlsx", _xlsx([["Anställd", "Timmar"], ["8803200016", 400]])),
        ("intyg.pdf", _pdf("Anstalld 880320-0016 har arbetat 400 timmar")),
        ("intyg-weasyprint.pdf", None),
    ],
)
def test_a_personal_number_in_the_file_is_refused_and_the_file_not_kept(world, name, content):
    if content is None:  # a PDF as office programs make them: compressed, fonts embedded
        from weasyprint import HTML

        content = HTML(string="<p>Anställd 19880320-0016, 400 timmar</p>").write_pdf()
    upload = SimpleUploadedFile(name, content)
    with pytest.raises(services.ProcurementError) as err:
        _submit(world, evidence=upload)
    assert name in str(err.value) and "880320" in str(err.value)
    assert DeliveryReport.objects.count() == 0
    assert _stored_files() == []


def test_a_file_with_counts_only_is_kept(world):
    upload = SimpleUploadedFile("tidrapport.csv", b"Period;Personer;Timmar\n2025K1;2;800\n")
    report = _submit(world, evidence=upload)
    assert report.evidence_name == "tidrapport.csv"
    assert len(_stored_files()) == 1


def test_the_buyers_comment_is_checked_too(world):
    report = make_report(
        world.clause, date(2025, 1, 1), date(2025, 3, 31), status="submitted", persons=1
    )
    report.clause.contract = world.contract
    with pytest.raises(services.ProcurementError):
        services.return_report(user=world.a_editor, report=report, comment="Gäller 880320-0016")
    report.refresh_from_db()
    assert report.status == "submitted" and report.review_comment == ""


def test_a_personal_number_in_the_files_name_is_refused_without_repeating_it(world):
    upload = SimpleUploadedFile("intyg 880320-0016.csv", b"Period;Personer\n2025K1;2\n")
    with pytest.raises(services.ProcurementError) as err:
        _submit(world, evidence=upload)
    assert "880320-****" in str(err.value) and "0016" not in str(err.value)
    assert DeliveryReport.objects.count() == 0 and _stored_files() == []


@pytest.mark.parametrize(
    "name,content,where",
    [
        ("tidrapport.csv", "Anställd;Timmar\n880320-0016;400\n".encode(), "rad 2"),
        ("tidrapport.xlsx", _xlsx([["Anställd", "Timmar"], ["8803200016", 400]]), "rad 2"),
    ],
)
def test_the_refusal_speaks_of_evidence_and_names_the_row(world, name, content, where):
    """Evidence is attached, not imported: the message says where and what to do with the
    file, not how to import it again."""
    with pytest.raises(services.ProcurementError) as err:
        _submit(world, evidence=SimpleUploadedFile(name, content))
    message = str(err.value)
    assert where in message and "bifoga den igen" in message
    assert "importera" not in message.lower()
