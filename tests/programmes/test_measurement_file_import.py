"""Measurements come in from a CSV or Excel file: one row per goal and year, all or nothing,
with messages that name file, row and column in the user's language; files with personal
identity numbers are refused."""

from __future__ import annotations

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from builders import make_user
from grogrund.accounts.models import Role
from grogrund.programmes.models import ChangeLog, Measurement
from programmes.builders_followup import make_employment_goal, make_goal


@pytest.fixture
def goals(world):
    employment = make_employment_goal(world)
    unemployment = make_goal(
        world.programme,
        world.deso,
        world.unemployment,
        reference_area=world.municipality,
        baseline_share=0.12,
        target_share=0.09,
    )
    return employment, unemployment


def _post(world, user, name, content, **data):
    url = reverse("programmes:measurement_import", args=[world.programme.pk])
    upload = SimpleUploadedFile(name, content)
    return world.client(user).post(url, {"file": upload, "source": "", **data})


def test_a_good_file_records_every_row(world, goals):
    employment, _unemployment = goals
    content = (
        "mål;år;värde;källa\n"
        f"{employment.pk};2025;57,5;SCB 2025\n"
        f"{employment.pk};2026;58,1 %;SCB 2026\n"
        "\n"
    ).encode()
    response = _post(world, world.editor, "matningar.csv", content)
    assert response.status_code == 200, response.content.decode()
    values = dict(Measurement.objects.values_list("year", "value"))
    assert values == {2025: pytest.approx(0.575), 2026: pytest.approx(0.581)}
    assert set(Measurement.objects.values_list("organisation", flat=True)) == {world.a.pk}
    assert Measurement.objects.get(year=2026).source == "SCB 2026"
    assert ChangeLog.objects.filter(object_type="measurement", action="create").count() == 2
    assert "2 measurements recorded" in response.content.decode() or "2 mätningar" in (
        response.content.decode()
    )


def test_indicator_codes_numerators_and_a_default_source(world, goals):
    content = b"indicator,year,numerator,denominator\nunemployment,2025,110,1000\n"
    response = _post(world, world.editor, "u.csv", content, source="Egen räkning")
    assert response.status_code == 200
    m = Measurement.objects.get()
    assert (m.goal, m.value, m.numerator, m.denominator, m.source) == (
        goals[1],
        pytest.approx(0.11),
        110,
        1000,
        "Egen räkning",
    )


def test_an_excel_file(world, goals, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["goal", "year", "value", "source"])
    ws.append([goals[0].pk, 2025, 60, "Enkät"])
    path = tmp_path / "m.xlsx"
    wb.save(path)
    response = _post(world, world.editor, "m.xlsx", path.read_bytes())
    assert response.status_code == 200
    assert Measurement.objects.get().value == pytest.approx(0.60)


def test_a_cell_formatted_as_percent_in_excel_is_read_as_the_percent_it_shows(
    world, goals, tmp_path
):
    # Typing "57,5 %" in Excel stores 0.575 with a percent format; the sheet shows 57,5 %.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["goal", "year", "value", "source"])
    ws.append([goals[0].pk, 2025, 0.575, "Enkät"])
    ws["C2"].number_format = "0.0%"
    path = tmp_path / "m.xlsx"
    wb.save(path)
    response = _post(world, world.editor, "m.xlsx", path.read_bytes())
    assert response.status_code == 200
    assert Measurement.objects.get().value == pytest.approx(0.575)


def test_a_bad_row_names_file_row_and_column_and_nothing_is_written(world, goals):
    content = (
        f"mål;år;värde;källa\n{goals[0].pk};2025;57,5;SCB\n{goals[0].pk};2026;mycket;SCB\n"
    ).encode()
    response = _post(world, world.editor, "fel.csv", content)
    assert response.status_code == 400
    text = response.content.decode()
    assert "fel.csv" in text and "rad 3" in text and "C (värde)" in text
    assert "Skriv ett tal" in text
    assert not Measurement.objects.exists()
    assert not ChangeLog.objects.filter(object_type="measurement").exists()


def test_the_message_is_in_english_for_an_english_user(world, goals):
    user = make_user(world.a, Role.EDITOR, language="en")
    content = f"goal;year;value\n{goals[0].pk};twenty;57\n".encode()
    client = world.client(user)
    client.cookies["django_language"] = "en"
    url = reverse("programmes:measurement_import", args=[world.programme.pk])
    response = client.post(
        url,
        {"file": SimpleUploadedFile("bad.csv", content), "source": "x"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "bad.csv, row 2, column B (year)" in text and "Write a year such as 2024" in text


def test_an_unknown_goal_lists_the_goals_of_the_programme(world, goals):
    response = _post(world, world.editor, "x.csv", b"indicator;year;value\nincome;2025;5\n")
    text = response.content.decode()
    assert response.status_code == 400
    assert "income" in text and f"{goals[0].pk} (employment" in text


def test_a_value_outside_0_100_percent_is_refused(world, goals):
    response = _post(
        world, world.editor, "x.csv", f"goal;year;value\n{goals[0].pk};2025;575\n".encode()
    )
    assert response.status_code == 400
    assert "mellan 0 och 100" in response.content.decode()
    assert not Measurement.objects.exists()


def test_a_goal_and_year_twice_is_refused(world, goals):
    g = goals[0].pk
    content = f"goal;year;value\n{g};2025;57\n{g};2025;58\n".encode()
    response = _post(world, world.editor, "x.csv", content, source="SCB")
    assert response.status_code == 400
    assert "rad 3" in response.content.decode() and "första gången på rad 2" in (
        response.content.decode()
    )
    assert not Measurement.objects.exists()


def test_a_row_without_source_says_what_to_do(world, goals):
    response = _post(
        world, world.editor, "x.csv", f"goal;year;value\n{goals[0].pk};2025;57\n".encode()
    )
    assert response.status_code == 400
    assert "Rad 2 i x.csv saknar källa" in response.content.decode()


def test_a_file_with_a_personal_identity_number_is_refused(world, goals):
    # 19121212-1212 is Skatteverket's published test personnummer.
    content = (
        f"mål;år;värde;källa\n{goals[0].pk};2025;57;SCB\n{goals[0].pk};2026;58;19121212-1212\n"
    ).encode()
    response = _post(world, world.editor, "personer.csv", content)
    assert response.status_code == 400
    text = response.content.decode()
    assert "personer.csv" in text and "rad 3" in text and "191212" in text
    assert "19121212-1212" not in text  # the number itself is never shown
    assert not Measurement.objects.exists()


def test_a_partner_imports_for_its_own_organisation(world, goals):
    content = f"goal;year;value;source\n{goals[0].pk};2025;57;Partnerns enkät\n".encode()
    response = _post(world, world.partner_user, "p.csv", content)
    assert response.status_code == 200
    assert Measurement.objects.get().organisation == world.partner


def test_a_partner_cannot_import_over_the_owners_measurement(world, goals):
    from grogrund.programmes import services

    services.record_measurement(
        user=world.editor, goal=goals[0], year=2025, value=0.56, source="Ägaren"
    )
    content = f"goal;year;value\n{goals[0].pk};2026;59\n{goals[0].pk};2025;57\n".encode()
    response = _post(world, world.partner_user, "p.csv", content, source="x")
    assert response.status_code == 400
    assert "rad 3" in response.content.decode()
    assert list(Measurement.objects.values_list("year", "value")) == [(2025, 0.56)]


def test_viewers_and_outsiders_cannot_import(world, goals):
    content = f"goal;year;value\n{goals[0].pk};2025;57\n".encode()
    for user in (world.viewer, world.outsider):
        assert _post(world, user, "x.csv", content, source="x").status_code == 404
    assert not Measurement.objects.exists()
