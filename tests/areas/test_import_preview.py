"""The web import previews a file before anything is written, and "Importera" then stores
exactly what the command line stores for the same file and settings."""

from pathlib import Path

import pytest
from django.core.management import call_command

from builders import make_area, make_indicator, make_org, make_user
from grogrund.areas.models import Area, AreaLevel, Dataset, Observation
from grogrund.core.numbers import format_number

FIXTURE = Path(__file__).parents[1] / "sources" / "fixtures" / "statdb" / "befolkningsdata.csv"


@pytest.fixture
def halland(db):
    # The shipped area registry knows these already; made here if it does not.
    country = _area("00", AreaLevel.COUNTRY, "Riket")
    county = _area("13", AreaLevel.COUNTY, "Hallands län", country)
    _area("1380", AreaLevel.MUNICIPALITY, "Halmstad", county)
    _area("1382", AreaLevel.MUNICIPALITY, "Falkenberg", county)
    make_indicator("population", kind="count", unit="personer", name_sv="Folkmängd")
    return make_org("Region Halland analys")


def _area(code, level, name, parent=None):
    area = Area.objects.filter(code=code).first()
    return area or make_area(code, level, parent=parent, name=name)


def _form(org, fh, **extra):
    return {
        "kind": "csv",
        "file": fh,
        "owner": org.pk,
        "dataset": "Folkmängd",
        "source": "SCB",
        "visibility": "private",
        "area_column": "Region",
        "indicator": "population",
        "period_column": "År",
        "value_column": "Folkmängd",
        "scale": "unit",
        **extra,
    }


def _post(client, org, action, **extra):
    with FIXTURE.open("rb") as fh:
        return client.post("/omraden/import/", {**_form(org, fh, **extra), "action": action})


def test_the_preview_shows_matched_areas_and_writes_nothing(halland, client) -> None:
    client.force_login(make_user(halland))
    response = _post(client, halland, "preview", filters="")
    page = response.content.decode()
    preview = response.context["preview"]
    assert preview.error is None
    assert preview.total == 24
    first = preview.rows[0]
    assert (first.record.area_code, first.area_name, first.record.period, first.value) == (
        "1382",
        "Falkenberg",
        "2019",
        45367.0,
    )
    assert "1382 Falkenberg" in page and "population Folkmängd" in page
    assert format_number(45367, 0) in page
    assert Observation.objects.count() == 0
    assert not Dataset.objects.exists()


def test_the_preview_shows_an_error_with_its_row_and_writes_nothing(halland, client) -> None:
    client.force_login(make_user(halland))
    response = _post(client, halland, "preview", filters="Region = Stockholm")
    error = response.context["preview"].error
    assert "A (Region)" in error and "'Falkenberg', 'Hallands län'" in error
    assert Observation.objects.count() == 0


def test_importera_after_the_preview_stores_what_the_command_line_stores(
    halland, client, tmp_path
) -> None:
    client.force_login(make_user(halland))
    token = _post(client, halland, "preview").context["token"]
    response = client.post("/omraden/import/bekrafta/", {"token": token})
    assert response.context["result"].created == 24
    web = set(Observation.objects.values_list("area__code", "period", "value"))

    other = make_org("Kommunen")
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        "area_code: Region\nindicator: population\nperiod: År\nvalue: Folkmängd\n",
        encoding="utf-8",
    )
    call_command(
        "grogrund_import",
        "csv",
        str(FIXTURE),
        "--org",
        other.slug,
        "--mapping",
        str(mapping),
        "--dataset",
        "Folkmängd",
    )
    cli = set(
        Observation.objects.filter(dataset__owner=other).values_list(
            "area__code", "period", "value"
        )
    )
    assert web == cli
    assert ("00", "2022", 10521556.0) in web


def test_a_confirmation_without_a_previewed_file_imports_nothing(halland, client) -> None:
    client.force_login(make_user(halland))
    response = client.post("/omraden/import/bekrafta/", {"token": "nonexistent"})
    assert response.status_code == 302
    assert Observation.objects.count() == 0
