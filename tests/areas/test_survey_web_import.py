"""The web page "Importera hyresgästenkät" writes what `grogrund import survey` writes, creates
the survey's indicators, shows warnings, saves the definition as a template and reuses it."""

from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from builders import make_area, make_org, make_user
from grogrund.areas.models import AreaLevel, ImportTemplate, Indicator, Observation

pytestmark = pytest.mark.django_db

URL = "/omraden/import/enkat/"
FIXTURES = Path(__file__).parents[1] / "sources" / "fixtures" / "survey"
CSV = FIXTURES / "hyresgastenkat_wide.csv"
# The fixture's definition (hyresgastenkat_wide.yaml) as form fields.
FIELDS = {
    "period": "2024",
    "layout": "wide",
    "area_column": "Område",
    "question_column": "Fråga",
    "invited_column": "Utskick",
    "points": "4",
    "top_steps": "",
    "dont_know": "Vet ej; Ej svar",
    "ignore_columns": "Frågetext",
    "indices": "trygghetsindex; Q3 Q7 Q9; Trygghetsindex; Safety index\n"
    "serviceindex; Q12; Serviceindex; Service index",
    "respondents_code": "enkat_svarande",
    "response_rate_code": "enkat_svarsfrekvens",
    "min_respondents": "5",
}


@pytest.fixture
def owner():
    municipality = make_area("9981", AreaLevel.MUNICIPALITY)
    for code in ("1480C1010", "1480C1020", "1480C1030"):
        make_area(code.replace("1480C", "9981A"), parent=municipality)
    return make_org("Bostadsbolaget")


def _csv(tmp_path):
    # The fixture with fictional area codes (the shipped registry may know the real ones).
    path = tmp_path / "hyresgastenkat_wide.csv"
    path.write_text(CSV.read_text(encoding="utf-8-sig").replace("1480C", "9981A"), "utf-8")
    return path


def _post(client, owner, path, **extra):
    with path.open("rb") as fh:
        data = {
            "file": fh,
            "owner": owner.pk,
            "dataset": "Hyresgästenkät 2024",
            "source": "Hyresgästenkät 2024 (fiktiv)",
            "visibility": "private",
            **FIELDS,
            **extra,
        }
        return client.post(URL, data)


def _stored():
    return sorted(
        Observation.objects.values_list(
            "area__code", "indicator__code", "period", "value", "numerator", "denominator"
        )
    )


def test_the_page_is_in_swedish_and_english(client, owner):
    client.force_login(make_user(owner))
    page = client.get(URL).content.decode()
    assert 'lang="sv"' in page and "Importera hyresgästenkät" in page
    client.force_login(make_user(owner, language="en"))
    assert "Import tenant survey" in client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_the_web_import_writes_what_the_command_line_writes(client, owner, tmp_path):
    client.force_login(make_user(owner))
    response = _post(client, owner, _csv(tmp_path))
    assert response.status_code == 200, response.content.decode()[:3000]
    assert response.context["result"].created == 3 * 6
    web = _stored()
    page = response.content.decode()
    assert "Trygghetsindex" in page  # a new indicator, listed
    assert "9981A1030" in page  # the few-respondents warning

    Observation.objects.all().delete()
    definition = yaml.safe_load((FIXTURES / "hyresgastenkat_wide.yaml").read_text("utf-8"))
    # The fixture's own definition writes more (a one-question index); keep what the form has.
    definition["indices"] = [definition["indices"][0], definition["indices"][2]]
    definition["indices"][0]["mean"] = "trygghetsindex_medel"
    definition["indices"][1]["mean"] = "serviceindex_medel"
    yaml_path = tmp_path / "enkat.yaml"
    yaml_path.write_text(yaml.safe_dump(definition, allow_unicode=True), "utf-8")
    call_command(
        "grogrund_import",
        "survey",
        str(_csv(tmp_path)),
        "--definition",
        str(yaml_path),
        "--org",
        owner.slug,
        "--dataset",
        "Hyresgästenkät 2024",
    )
    assert _stored() == web
    assert ("9981A1010", "trygghetsindex", "2024", 178 / 295, 178.0, 295.0) in web


def test_the_indicators_are_created_with_the_names_given(client, owner, tmp_path):
    client.force_login(make_user(owner))
    _post(client, owner, _csv(tmp_path))
    share = Indicator.objects.get(code="trygghetsindex")
    assert (share.kind, share.name_sv, share.name_en, share.min_group_size) == (
        "share",
        "Trygghetsindex",
        "Safety index",
        15,
    )
    mean = Indicator.objects.get(code="trygghetsindex_medel")
    assert (mean.kind, mean.name_sv) == ("mean", "Trygghetsindex, medelvärde 0–100")
    assert Indicator.objects.get(code="enkat_svarande").kind == "count"
    assert Indicator.objects.get(code="enkat_svarsfrekvens").kind == "share"


def test_a_refused_file_leaves_no_indicator_behind(client, owner, tmp_path):
    client.force_login(make_user(owner))
    bad = tmp_path / "trasig.csv"
    bad.write_text("Område;Fråga;1;2;3;4;Utskick\n9981A1010;Q3;12;-3;41;17;200\n", "utf-8")
    response = _post(client, owner, bad)
    assert response.status_code == 400
    assert "trasig.csv" in response.content.decode()
    assert not Indicator.objects.filter(code__startswith="trygghetsindex").exists()
    assert not Observation.objects.exists()


def test_the_definition_is_saved_as_a_template_and_used_next_year(client, owner, tmp_path):
    client.force_login(make_user(owner))
    _post(client, owner, _csv(tmp_path), save_as="AktivBo-enkäten")
    template = ImportTemplate.objects.get(owner=owner, name="AktivBo-enkäten")
    assert template.kind == "survey"
    next_year = {key: "" for key in FIELDS} | {"template": template.pk, "period": "2025"}
    response = _post(client, owner, _csv(tmp_path), **next_year)
    assert response.status_code == 200
    assert not response.context["form"].errors
    assert Observation.objects.filter(period="2025").count() == 3 * 6


def test_a_viewer_may_not_import(client, owner, tmp_path):
    client.force_login(make_user(owner, role="viewer"))
    response = _post(client, owner, _csv(tmp_path))
    assert not Observation.objects.exists()
    assert response.status_code == 200  # the form refuses the organisation
    assert response.context["form"].errors["owner"]


def test_the_command_line_uses_a_saved_survey_template(client, owner, tmp_path):
    client.force_login(make_user(owner))
    _post(client, owner, _csv(tmp_path), save_as="AktivBo-enkäten")
    Observation.objects.all().delete()
    call_command(
        "grogrund_import",
        "survey",
        str(_csv(tmp_path)),
        "--template",
        "AktivBo-enkäten",
        "--org",
        owner.slug,
    )
    assert Observation.objects.filter(period="2024").count() == 3 * 6
