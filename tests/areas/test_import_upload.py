"""The web upload at /omraden/import/ imports CSV and XLSX files and explains bad ones."""

import openpyxl
import pytest

from builders import csv_file, make_user
from grogrund.areas.models import Observation

ROWS = [["9901A0010", "employment", "2024", 45, 100], ["9901A0020", "employment", "2024", 5, 10]]
HEADER = ["area", "indicator", "period", "numerator", "denominator"]


def _form(org, fh):
    return {
        "file": fh,
        "owner": org.pk,
        "dataset": "Egen statistik",
        "source": "Egen",
        "visibility": "private",
        "area_column": "area",
        "indicator_column": "indicator",
        "period_column": "period",
        "value_column": "",
        "numerator_column": "numerator",
        "denominator_column": "denominator",
    }


def _xlsx(tmp_path, rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    for row in [HEADER, *rows]:
        sheet.append(row)
    path = tmp_path / "statistik.xlsx"
    workbook.save(path)
    return path


def _csv(tmp_path, rows):
    return csv_file(tmp_path, "statistik.csv", [";".join(map(str, r)) for r in rows])


def _upload(client, org, path):
    with path.open("rb") as fh:
        return client.post("/omraden/import/", _form(org, fh))


@pytest.mark.parametrize("make_file", [_csv, _xlsx])
def test_an_editor_uploads_a_file_and_sees_the_counts(catalogue, client, tmp_path, make_file):
    client.force_login(make_user(catalogue))
    response = _upload(client, catalogue, make_file(tmp_path, ROWS))
    assert response.status_code == 200
    assert response.context["result"].created == 2
    assert "2 nya" in response.content.decode()
    assert Observation.objects.count() == 2


@pytest.mark.parametrize("make_file", [_csv, _xlsx])
def test_uploading_the_same_file_again_changes_nothing(catalogue, client, tmp_path, make_file):
    client.force_login(make_user(catalogue))
    path = make_file(tmp_path, ROWS)
    _upload(client, catalogue, path)
    result = _upload(client, catalogue, path).context["result"]
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert Observation.objects.count() == 2


def _rows_bad_on_row_7():
    good = [["9901A0010", "employment", str(2015 + i), 45, 100] for i in range(5)]
    return [*good, ["9901A0010", "employment", "2020", "fyrtio", 100], ROWS[1]]


@pytest.mark.parametrize(
    "make_file,where", [(_csv, "statistik.csv"), (_xlsx, "statistik.xlsx (Data)")]
)
def test_a_bad_number_is_explained_in_swedish_by_default(
    catalogue, client, tmp_path, make_file, where
):
    client.force_login(make_user(catalogue))
    response = _upload(client, catalogue, make_file(tmp_path, _rows_bad_on_row_7()))
    assert response.status_code == 400
    error = response.context["error"]
    assert f"i {where}, rad 7, kolumn D" in error and "inte ett tal" in error
    assert "Filen importerades inte" in response.content.decode()
    assert Observation.objects.count() == 0


def test_a_bad_number_is_explained_in_english_to_an_english_user(catalogue, client, tmp_path):
    client.force_login(make_user(catalogue, language="en"))
    response = _upload(client, catalogue, _csv(tmp_path, _rows_bad_on_row_7()))
    error = response.context["error"]
    assert "in statistik.csv, row 7, column D" in error and "is not a number" in error
    assert Observation.objects.count() == 0


def test_a_personal_number_in_an_upload_is_refused_and_nothing_is_written(
    catalogue, client, tmp_path
):
    client.force_login(make_user(catalogue, language="en"))
    rows = [ROWS[0], ["9901A0020", "employment", "2024", 5, "811218-9876"]]
    response = _upload(client, catalogue, _xlsx(tmp_path, rows))
    assert response.status_code == 400
    assert "row 3, column E" in response.context["error"]
    assert "811218-9876" not in response.content.decode()
    assert Observation.objects.count() == 0


def test_a_file_that_is_neither_csv_nor_xlsx_is_refused_by_the_form(catalogue, client, tmp_path):
    client.force_login(make_user(catalogue))
    path = tmp_path / "statistik.pdf"
    path.write_bytes(b"%PDF-1.4")
    response = _upload(client, catalogue, path)
    assert "file" in response.context["form"].errors
    assert Observation.objects.count() == 0


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/omraden/import/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")
