"""The exports through the API (issue 12): the area profile, the follow-up, the portfolio
review and the handslag budget as JSON with raw numbers (shares 0–1), units and sources, or as
the same XLSX and CSV files as the pages (`?format=xlsx|csv`, or a `.xlsx` suffix), in the
user's language or `?lang=`; what the user may not see is a 404; documented in the schema."""

from __future__ import annotations

import pytest
import yaml

from builders import (
    api_client,
    make_area,
    make_dataset,
    make_indicator,
    make_observation,
    make_org,
    make_user,
)
from export_files import csv_rows, workbook
from grogrund.accounts.models import Role, Visibility
from grogrund.areas.models import AreaLevel
from grogrund.programmes import services
from programmes.builders_followup import make_goal
from programmes.programme_builders import make_programme

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def world():
    owner = make_org("Bostadsbolaget A")
    city = make_area("9901", AreaLevel.MUNICIPALITY, name="Staden")
    deso = make_area("9901A0001", parent=city, name="Testby")
    employment = make_indicator("employment", name_sv="Förvärvsarbetande", name_en="Employed")
    ds = make_dataset(owner, "Statistik", source="SCB, RAMS")
    make_observation(ds, deso, employment, "2024", numerator=550, denominator=1000)
    make_observation(ds, city, employment, "2024", numerator=7700, denominator=10000)
    programme = make_programme(owner, [deso], name="Handslag Testby")
    goal = make_goal(
        programme,
        deso,
        employment,
        reference_area=city,
        baseline_share=0.55,
        target_share=0.66,
        baseline_year=2024,
        deadline_year=2028,
    )
    editor = make_user(owner, Role.EDITOR)
    services.record_measurement(user=editor, goal=goal, year=2026, value=0.61, source="SCB")
    return {
        "deso": deso,
        "programme": programme,
        "editor": editor,
        "outsider": make_user(make_org("Org B"), Role.ADMIN),
    }


def _urls(w) -> dict[str, str]:
    p = w["programme"].pk
    return {
        "profile": f"/api/v1/areas/{w['deso'].code}/profile/",
        "follow-up": f"/api/v1/programmes/{p}/follow-up/",
        "portfolio": f"/api/v1/programmes/{p}/portfolio/",
        "budget": f"/api/v1/programmes/{p}/budget/",
    }


def test_json_has_raw_numbers_units_and_sources(world):
    client = api_client(world["editor"])
    data = client.get(_urls(world)["profile"]).json()
    assert data["kind"] == "area-profile"
    assert [t["key"] for t in data["tables"]] == ["gaps", "series", "challenges"]
    gaps = data["tables"][0]
    row = gaps["rows"][0]
    assert row["indicator_code"] == "employment"
    assert row["value"] == 0.55 and row["municipality"] == 0.77  # shares 0–1
    assert row["gap"] == pytest.approx(0.22) and row["gap_people"] == pytest.approx(220)
    assert row["denominator"] == 1000 and row["period"] == 2024
    columns = {c["key"]: c for c in gaps["columns"]}
    assert columns["gap_people"]["kind"] == "number" and columns["period"]["kind"] == "year"
    assert data["sources"] == [
        {"name": "SCB, RAMS", "retrieved": "2025-03-01", "concerns": "Förvärvsarbetande"}
    ]
    follow_up = client.get(_urls(world)["follow-up"]).json()
    goal = follow_up["tables"][0]["rows"][0]
    assert goal["value"] == 0.61 and goal["expected"] == pytest.approx(0.605)
    assert goal["percent_met"] == pytest.approx(600 / 11)  # percent 0–100, as the engine
    assert goal["status_code"] == "on_track"
    units = {c["key"]: c["unit"] for c in follow_up["tables"][0]["columns"]}
    assert units["percent_met"] == "%"
    for name in ("portfolio", "budget"):
        assert client.get(_urls(world)[name]).json()["kind"] == name


def test_the_files_are_the_pages_files(world):
    client = api_client(world["editor"])
    for name, url in _urls(world).items():
        xlsx = client.get(url, {"format": "xlsx"})
        assert xlsx.status_code == 200, name
        assert xlsx["Content-Type"] == XLSX
        assert xlsx["Content-Disposition"].startswith('attachment; filename="')
        assert workbook(xlsx.content).sheetnames
        csv = client.get(url, {"format": "csv"})
        assert csv["Content-Type"] == "text/csv; charset=utf-8"
        assert csv.content.startswith(b"\xef\xbb\xbf")
    measurements = client.get(_urls(world)["follow-up"], {"format": "csv", "table": "measurements"})
    assert len(csv_rows(measurements.content)) == 2
    suffix = client.get(f"/api/v1/programmes/{world['programme'].pk}/follow-up.xlsx")
    assert suffix.status_code == 200 and suffix["Content-Type"] == XLSX


def test_headers_in_the_language_asked_for(world):
    client = api_client(world["editor"])
    english = client.get(_urls(world)["profile"], {"format": "csv", "lang": "en"})
    assert {"Indicator", "Gap in people"} <= set(csv_rows(english.content)[0])
    data = client.get(_urls(world)["profile"], {"lang": "en"}).json()
    assert data["language"] == "en"
    assert data["tables"][0]["rows"][0]["indicator"] == "Employed"
    world["editor"].language = "en"
    world["editor"].save()
    data = api_client(world["editor"]).get(_urls(world)["follow-up"]).json()
    assert data["language"] == "en"


def test_bad_parameters_are_400s_in_json(world):
    client = api_client(world["editor"])
    bad_table = client.get(_urls(world)["budget"], {"format": "csv", "table": "nothing"})
    assert bad_table.status_code == 400 and bad_table["Content-Type"] == "application/json"
    assert "table" in bad_table.json()
    bad_language = client.get(_urls(world)["budget"], {"format": "xlsx", "lang": "fi"})
    assert bad_language.status_code == 400 and "lang" in bad_language.json()
    assert client.get(_urls(world)["budget"], {"format": "pdf"}).status_code == 404


def test_what_the_user_may_not_see_is_not_found(world):
    outsider = api_client(world["outsider"])
    for name in ("follow-up", "portfolio", "budget"):
        for fmt in ("json", "xlsx", "csv"):
            response = outsider.get(_urls(world)[name], {"format": fmt})
            assert response.status_code == 404, (name, fmt)
            assert b"Handslag Testby" not in response.content
    # The profile of a public area without the owner's private figures.
    data = outsider.get(_urls(world)["profile"]).json()
    assert data["tables"][0]["rows"] == [] and data["sources"] == []
    anonymous = api_client(None)
    assert anonymous.get(_urls(world)["follow-up"]).status_code in {401, 403, 404}


def test_a_published_programme_is_exported_to_anyone(world):
    programme = world["programme"]
    programme.visibility = Visibility.PUBLIC
    programme.save()
    response = api_client(None).get(_urls(world)["follow-up"], {"format": "csv"})
    assert response.status_code == 200
    assert "employment" in response.content.decode("utf-8-sig")


def test_the_schema_documents_the_exports(world):
    schema = yaml.safe_load(api_client(world["editor"]).get("/api/schema/").content)
    for path in (
        "/api/v1/areas/{code}/profile/",
        "/api/v1/programmes/{id}/follow-up/",
        "/api/v1/programmes/{id}/portfolio/",
        "/api/v1/programmes/{id}/budget/",
    ):
        get = schema["paths"][path]["get"]
        assert {p["name"] for p in get["parameters"]} >= {"format", "table", "lang"}
        content = get["responses"]["200"]["content"]
        assert {"application/json", XLSX, "text/csv"} <= set(content), path
