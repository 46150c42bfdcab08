"""An initiative's outcome values come in from a CSV or Excel file: one row per outcome and
year, the outcome named by its text or number, values typed as in the form (a share in percent,
Swedish decimal comma), all or nothing, with messages that name file, row and column; files
with personal identity numbers are refused; the same file twice changes nothing."""

from __future__ import annotations

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from builders import make_indicator, make_user
from grogrund.accounts.models import Role
from grogrund.initiatives.models import OutcomeMeasurement
from grogrund.programmes.models import ChangeLog
from initiatives.builders_initiatives import make_initiative, make_outcome, measure


@pytest.fixture
def outcomes(world):
    """'Fler i arbete' (employment, a share) and 'Mindre skadegörelse' (money, kr)."""
    initiative = make_initiative(world.programme, name="Jobbspår")
    employment = make_outcome(initiative, world.employment, text="Fler i arbete")
    vandalism = make_indicator(
        "vandalism", kind="money", unit="kr", direction="lower_is_better", name_sv="Skadegörelse"
    )
    damage = make_outcome(
        initiative,
        vandalism,
        stage="long_term",
        text="Mindre skadegörelse",
        baseline=1200,
        target=800,
    )
    return initiative, employment, damage


def _url(world, initiative, name="initiatives:outcome_import"):
    return reverse(name, kwargs={"pk": world.programme.pk, "initiative": initiative.pk})


def _post(world, user, initiative, name, content, **data):
    upload = SimpleUploadedFile(name, content)
    return world.client(user).post(_url(world, initiative), {"file": upload, "source": "", **data})


def _values():
    return {
        (m.outcome.text, m.year): (m.value, m.source)
        for m in OutcomeMeasurement.objects.select_related("outcome")
    }


def test_a_csv_records_every_row_by_outcome_text_in_the_indicators_unit(world, outcomes):
    initiative, *_ = outcomes
    content = (
        "utfall;år;värde;källa\n"
        "Fler i arbete;2024;57,5;SCB 2024\n"
        "fler  i ARBETE;2025;58,1 %;SCB 2025\n"  # case and spaces do not matter
        "Mindre skadegörelse;2024;1 050;Ekonomisystemet\n"
        "\n"
    ).encode()
    response = _post(world, world.editor, initiative, "utfall.csv", content)
    assert response.status_code == 200, response.content.decode()
    assert _values() == {
        ("Fler i arbete", 2024): (pytest.approx(0.575), "SCB 2024"),
        ("Fler i arbete", 2025): (pytest.approx(0.581), "SCB 2025"),
        ("Mindre skadegörelse", 2024): (1050.0, "Ekonomisystemet"),
    }
    body = response.content.decode()
    assert "3 rader lästa: 3 värden registrerade, 0 ändrade, 0 oförändrade." in body
    imported = body.split('id="imported-rows"')[1]
    assert "57,5\u00a0%" in imported and "1\u00a0050\u00a0kr" in imported
    changes = ChangeLog.objects.filter(object_type="outcomemeasurement", action="create")
    assert changes.count() == 3


def test_an_excel_file_with_outcome_numbers_english_headers_and_a_default_source(
    world, outcomes, tmp_path
):
    initiative, employment, damage = outcomes
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Year", "Outcome", "Value"])
    ws.append([2025, employment.pk, 59.5])
    ws.append([2025, str(damage.pk), "980"])
    path = tmp_path / "outcomes.xlsx"
    wb.save(path)
    response = _post(
        world, world.editor, initiative, "outcomes.xlsx", path.read_bytes(), source="Egen enkät"
    )
    assert response.status_code == 200, response.content.decode()
    assert _values() == {
        ("Fler i arbete", 2025): (pytest.approx(0.595), "Egen enkät"),
        ("Mindre skadegörelse", 2025): (980.0, "Egen enkät"),
    }


def test_a_share_typed_with_a_percent_sign_in_excel_is_read_as_the_percent_shown(
    world, outcomes, tmp_path
):
    # Excel stores "57,5 %" as 0.575 formatted as a percentage: that is 57,5 %, not 0,575 %.
    initiative, *_ = outcomes
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["utfall", "år", "värde", "källa"])
    ws.append(["Fler i arbete", 2025, 0.575, "Enkät"])
    ws["C2"].number_format = "0.0%"
    path = tmp_path / "utfall.xlsx"
    wb.save(path)
    response = _post(world, world.editor, initiative, "utfall.xlsx", path.read_bytes())
    assert response.status_code == 200, response.content.decode()
    assert OutcomeMeasurement.objects.get().value == pytest.approx(0.575)


def test_importing_again_updates_the_years_in_the_file_and_the_same_file_changes_nothing(
    world, outcomes
):
    initiative, employment, _damage = outcomes
    measure(employment, 2024, 0.56)  # recorded before in the form, source "Test"
    content = "utfall;år;värde;källa\nFler i arbete;2024;57;SCB\nFler i arbete;2025;58;SCB\n"
    first = _post(world, world.editor, initiative, "u.csv", content.encode())
    assert "2 rader lästa: 1 värden registrerade, 1 ändrade, 0 oförändrade." in (
        first.content.decode()
    )
    assert _values() == {
        ("Fler i arbete", 2024): (pytest.approx(0.57), "SCB"),
        ("Fler i arbete", 2025): (pytest.approx(0.58), "SCB"),
    }
    history = ChangeLog.objects.filter(object_type="outcomemeasurement").count()
    second = _post(world, world.editor, initiative, "u.csv", content.encode())
    assert "2 rader lästa: 0 värden registrerade, 0 ändrade, 2 oförändrade." in (
        second.content.decode()
    )
    assert OutcomeMeasurement.objects.count() == 2
    assert ChangeLog.objects.filter(object_type="outcomemeasurement").count() == history
    update = ChangeLog.objects.get(object_type="outcomemeasurement", action="update")
    assert update.before["value"] == 0.56 and update.after["value"] == pytest.approx(0.57)


def test_a_bad_row_names_file_row_and_column_and_nothing_is_written(world, outcomes):
    initiative, *_ = outcomes
    content = (
        "utfall;år;värde;källa\n"
        "Fler i arbete;2024;57;SCB\n"
        "Fler i arbete;2025;femtio;SCB\n"  # row 3, column C (värde)
    ).encode()
    response = _post(world, world.editor, initiative, "utfall.csv", content)
    assert response.status_code == 400
    error = response.content.decode().split('id="import-error"')[1].split("</div>")[0]
    assert "Ingenting importerades." in error
    assert "utfall.csv" in error and "rad 3" in error and "kolumn C (värde)" in error
    assert "femtio" in error
    assert not OutcomeMeasurement.objects.exists()
    assert not ChangeLog.objects.filter(object_type="outcomemeasurement").exists()


def test_a_share_over_100_percent_is_refused_at_its_cell(world, outcomes):
    initiative, *_ = outcomes
    content = "år;utfall;värde\n2024;Fler i arbete;140\n".encode()
    response = _post(world, world.editor, initiative, "u.csv", content, source="x")
    assert response.status_code == 400
    text = response.content.decode()
    assert "rad 2" in text and "kolumn C (värde)" in text and "mellan 0 och 100" in text
    assert not OutcomeMeasurement.objects.exists()


def test_an_unknown_outcome_lists_the_initiatives_outcomes_with_their_numbers(world, outcomes):
    initiative, employment, damage = outcomes
    content = "utfall;år;värde\nFler i jobb;2024;57\n".encode()
    response = _post(world, world.editor, initiative, "u.csv", content, source="x")
    assert response.status_code == 400
    text = response.content.decode()
    assert "Fler i jobb" in text and "kolumn A (utfall)" in text
    assert f"{employment.pk} (Fler i arbete)" in text and f"{damage.pk} (Mindre skadegörelse)" in (
        text
    )


def test_two_outcomes_with_the_same_text_must_be_named_by_number(world, outcomes):
    initiative, *_ = outcomes
    twin = make_outcome(initiative, world.employment, stage="long_term", text="Fler i arbete")
    content = "utfall;år;värde\nFler i arbete;2024;57\n".encode()
    response = _post(world, world.editor, initiative, "u.csv", content, source="x")
    assert response.status_code == 400
    assert "flera utfall" in response.content.decode()
    by_number = f"utfall;år;värde\n{twin.pk};2024;57\n".encode()
    assert _post(world, world.editor, initiative, "u.csv", by_number, source="x").status_code == 200
    assert OutcomeMeasurement.objects.get().outcome == twin


def test_an_outcome_and_year_twice_is_refused(world, outcomes):
    initiative, *_ = outcomes
    content = "utfall;år;värde\nFler i arbete;2024;57\nFler i arbete;2024;58\n".encode()
    response = _post(world, world.editor, initiative, "u.csv", content, source="x")
    assert response.status_code == 400
    assert "rad 3" in response.content.decode() and "rad 2" in response.content.decode()
    assert not OutcomeMeasurement.objects.exists()


def test_a_row_without_source_says_what_to_do(world, outcomes):
    initiative, *_ = outcomes
    content = "utfall;år;värde\nFler i arbete;2024;57\n".encode()
    response = _post(world, world.editor, initiative, "u.csv", content)
    assert response.status_code == 400
    assert "Fyll i kolumnen källa" in response.content.decode()


def test_a_missing_column_is_named(world, outcomes):
    initiative, *_ = outcomes
    response = _post(world, world.editor, initiative, "u.csv", b"outcome;year\nx;2024\n")
    assert response.status_code == 400
    assert "värde/value" in response.content.decode()


def test_a_file_with_a_personal_identity_number_is_refused(world, outcomes):
    # 19121212-1212 is Skatteverket's published test personnummer (valid check digit).
    initiative, *_ = outcomes
    content = (
        "utfall;år;värde;källa\nFler i arbete;2024;57;SCB\nFler i arbete;2025;58;19121212-1212\n"
    ).encode()
    response = _post(world, world.editor, initiative, "personer.csv", content)
    assert response.status_code == 400
    text = response.content.decode()
    assert "personer.csv" in text and "rad 3" in text and "kolumn D (källa)" in text
    assert "personnummer" in text
    assert "19121212-1212" not in text  # the number itself is never shown
    assert not OutcomeMeasurement.objects.exists()


def test_the_message_is_in_english_for_an_english_user(world, outcomes):
    initiative, *_ = outcomes
    content = b"outcome;year;value\nFler i arbete;20x4;57\n"
    upload = SimpleUploadedFile("u.csv", content)
    c = world.client(make_user(world.a, Role.EDITOR, language="en"))
    c.cookies["django_language"] = "en"
    response = c.post(
        _url(world, initiative), {"file": upload, "source": "x"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Nothing was imported." in text and "row 2, column B (year)" in text
    assert "is not a year" in text


def test_viewers_and_outsiders_cannot_import_a_partners_editor_of_another_initiative_neither(
    world, outcomes
):
    initiative, *_ = outcomes
    content = "utfall;år;värde\nFler i arbete;2024;57\n".encode()
    for user in (world.viewer, world.partner_viewer, world.partner_editor, world.outsider):
        assert _post(world, user, initiative, "u.csv", content, source="x").status_code == 404
        assert world.client(user).get(_url(world, initiative)).status_code == 404
    assert world.client(None).get(_url(world, initiative)).status_code == 302  # to log in
    assert not OutcomeMeasurement.objects.exists()


def test_the_partner_that_runs_the_initiative_imports_as_it_records_in_the_form(world):
    initiative = make_initiative(world.programme, owner=world.partner)
    make_outcome(initiative, world.employment, text="Fler i arbete")
    content = "utfall;år;värde\nFler i arbete;2024;57\n".encode()
    response = _post(world, world.partner_editor, initiative, "u.csv", content, source="x")
    assert response.status_code == 200
    assert OutcomeMeasurement.objects.get().recorded_by == world.partner_editor


def test_the_template_lists_the_outcomes_under_the_import_header(world, outcomes):
    initiative, employment, _damage = outcomes
    measure(employment, 2025, 0.58)
    response = world.client(world.editor).get(
        _url(world, initiative, "initiatives:outcome_import_template")
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="utfall-jobbspar.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    # The year after the latest value (2025), or after the baseline (2022).
    assert text.splitlines() == [
        "utfall;år;värde;källa",
        "Fler i arbete;2026;;",
        "Mindre skadegörelse;2023;;",
    ]


def test_the_import_is_linked_where_outcome_values_are_shown(world, outcomes):
    initiative, employment, _damage = outcomes
    url = _url(world, initiative)
    detail = reverse(
        "initiatives:detail", kwargs={"pk": world.programme.pk, "initiative": initiative.pk}
    )
    outcome = reverse(
        "initiatives:outcome",
        kwargs={"pk": world.programme.pk, "initiative": initiative.pk, "node": employment.pk},
    )
    for page in (detail, outcome):
        assert url in world.client(world.editor).get(page).content.decode()
        assert url not in world.client(world.viewer).get(page).content.decode()
