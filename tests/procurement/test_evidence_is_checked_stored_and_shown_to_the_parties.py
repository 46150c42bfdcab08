"""Evidence is a PDF, a workbook, a CSV file or an image, of at most 10 MB, and is what its
name says; it is stored with Django's default storage under a name of its own, and only the
buyer's and the supplier's members download it."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from grogrund.accounts.models import Visibility
from grogrund.procurement import evidence, services
from grogrund.procurement.models import DeliveryReport

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _submit(world, upload):
    world.clause.contract = world.contract
    data = services.ReportInput(date(2025, 1, 1), date(2025, 3, 31), persons=2, hours=800)
    return services.submit_report(
        user=world.s_editor, clause=world.clause, data=data, evidence=upload
    )


@pytest.mark.parametrize(
    "name,content,says",
    [
        ("program.exe", b"MZ\x90\x00", "not a PDF"),
        ("intyg.pdf", b"MZ\x90\x00 not a pdf", "not the kind of file"),
        ("tom.csv", b"", "empty"),
    ],
)
def test_files_that_are_not_evidence_are_refused(world, name, content, says):
    with pytest.raises(services.ProcurementError) as err:
        _submit(world, SimpleUploadedFile(name, content))
    assert says in str(err.value) or name in str(err.value)
    assert DeliveryReport.objects.count() == 0


def test_a_file_over_the_limit_is_refused(world, monkeypatch):
    monkeypatch.setattr(evidence, "MAX_EVIDENCE_BYTES", 50)
    with pytest.raises(services.ProcurementError) as err:
        _submit(world, SimpleUploadedFile("bild.png", PNG))
    assert "MB" in str(err.value)
    assert DeliveryReport.objects.count() == 0


def test_an_image_is_stored_under_a_name_of_its_own(world):
    report = _submit(world, SimpleUploadedFile("Foto från bygget.png", PNG))
    assert report.evidence_name == "Foto från bygget.png"
    assert report.evidence.name.startswith("procurement/evidence/")
    assert "bygget" not in report.evidence.name
    assert default_storage.exists(report.evidence.name)


def test_only_the_buyer_and_the_supplier_download_it(world):
    report = _submit(world, SimpleUploadedFile("bild.png", PNG))
    world.contract.visibility = Visibility.NETWORK
    world.contract.save()
    url = reverse("procurement:evidence", args=[world.contract.pk, report.pk])
    for user in (world.a_viewer, world.s_viewer):
        response = world.client(user).get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    for user in (world.c_viewer, world.t_editor, world.outsider):
        assert world.client(user).get(url).status_code == 404
    assert world.client(None).get(url).status_code == 302


def test_a_replaced_file_is_removed_once_the_new_one_is_saved(
    world, django_capture_on_commit_callbacks
):
    first = _submit(world, SimpleUploadedFile("a.png", PNG))
    old = first.evidence.name
    with django_capture_on_commit_callbacks(execute=True):
        data = services.ReportInput(date(2025, 1, 1), date(2025, 3, 31), persons=2, hours=700)
        second = services.submit_report(
            user=world.s_editor,
            clause=first.clause,
            data=data,
            evidence=SimpleUploadedFile("b.png", PNG),
            report=first,
        )
    assert second.pk == first.pk and second.evidence_name == "b.png"
    assert not default_storage.exists(old) and default_storage.exists(second.evidence.name)
