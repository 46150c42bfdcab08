"""Hostile files are refused quickly, within bounded memory, with a message in the user's
language, on every upload path and in the command line, and nothing is written (issue 11).

Bounds asserted here, per file: ≤ 5 s for the whole request on a warm server, and ≤ 200 MB of
Python memory (tracemalloc) in the readers every path goes through — the bombs once took a
worker to 1.8–7 GB and two minutes."""

from __future__ import annotations

import time
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

import hostile_files
from builders import make_area, make_indicator, make_org, make_user
from grogrund.accounts.models import Role
from grogrund.areas.models import AreaLevel, Observation
from grogrund.initiatives.models import OutcomeMeasurement
from grogrund.programmes.models import Measurement
from grogrund.sources.errors import SourceError
from grogrund.sources.tabular import csv_rows
from grogrund.sources.workbooks import open_workbook
from initiatives.builders_initiatives import make_initiative
from programmes.programme_builders import make_programme

pytestmark = pytest.mark.django_db

MAX_SECONDS = 5
MAX_BYTES = 200 * 1024 * 1024
#: What the Swedish message about each file says.
SWEDISH = {
    "empty_rows_bomb": "packas upp till långt mer än sin storlek",
    "huge_shared_string": "innehåller mer text än Grogrund läser",
    "entity_expansion": "XML-entitetsdeklarationer",
    "external_entity": "XML-entitetsdeklarationer",
    "undecodable_csv": "som inte är text i UTF-8",
    "over_long_csv_cell": "har en cell som är längre än",
}


def within_bounds(call):
    """Run `call` on the warm server (once to warm it) and bound its time."""
    call()
    started = time.perf_counter()
    result = call()
    seconds = time.perf_counter() - started
    assert seconds <= MAX_SECONDS, f"{seconds:.1f} s"
    return result


@pytest.mark.parametrize("attack", sorted(hostile_files.ALL))
def test_the_readers_refuse_within_bounded_memory(attack, tmp_path):
    """Every upload path and the command line read through these two openers (the tests
    below see their messages), so their memory is the bound for all."""
    name, data = hostile_files.ALL[attack]()
    path = tmp_path / name
    path.write_bytes(data)
    tracemalloc.start()
    try:
        with pytest.raises(SourceError) as refused:
            if name.endswith(".xlsx"):
                with open_workbook(path) as book:
                    for _row in book.worksheets[0].iter_rows(values_only=True):
                        pass
            else:
                for _row in csv_rows(path):
                    pass
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak <= MAX_BYTES, f"{peak / 1e6:.0f} MB"
    assert refused.value.location.file == name


@pytest.fixture
def world():
    org = make_org("Bostadsbolaget")
    editor = make_user(org, role=Role.EDITOR)
    municipality = make_area("9901", AreaLevel.MUNICIPALITY, name="Staden")
    area = make_area("9901A0001", parent=municipality, name="Testby")
    make_indicator("employment", kind="share")
    programme = make_programme(org, [area])
    initiative = make_initiative(programme)
    client = Client()
    client.force_login(editor)
    return org, programme, initiative, client


def _upload(name, data):
    return SimpleUploadedFile(name, data)


def _statistics(world, name, data):
    org, *_rest, client = world
    form = {
        "kind": "csv",  # "CSV or XLSX", told apart by the file's name
        "file": _upload(name, data),
        "owner": org.pk,
        "dataset": "Fientlig fil",
        "source": "test",
        "visibility": "private",
        "area_column": "Region",
        "indicator": "employment",
        "period_column": "Ar",
        "value_column": "Varde",
        "scale": "unit",
        "action": "preview",
    }
    return client.post("/omraden/import/", form)


def _measurements(world, name, data):
    _org, programme, _initiative, client = world
    url = reverse("programmes:measurement_import", args=[programme.pk])
    return client.post(url, {"file": _upload(name, data), "source": ""})


def _outcomes(world, name, data):
    _org, programme, initiative, client = world
    url = reverse(
        "initiatives:outcome_import", kwargs={"pk": programme.pk, "initiative": initiative.pk}
    )
    return client.post(url, {"file": _upload(name, data), "source": ""})


def _survey(world, name, data):
    org, *_rest, client = world
    return client.post(
        "/omraden/import/enkat/",
        {
            "file": _upload(name, data),
            "owner": org.pk,
            "dataset": "Enkät",
            "source": "test",
            "visibility": "private",
            "period": "2024",
            "layout": "wide",
            "area_column": "Region",
            "question_column": "Fråga",
            "points": "4",
            "indices": "trygghetsindex; Q3; Trygghetsindex; Safety index",
            "min_respondents": "5",
        },
    )


PATHS = {
    "statistics": _statistics,
    "measurements": _measurements,
    "outcomes": _outcomes,
    "survey": _survey,
}


@pytest.mark.parametrize("attack", sorted(hostile_files.ALL))
@pytest.mark.parametrize("path", sorted(PATHS))
def test_every_upload_path_refuses_the_file_in_swedish(world, path, attack):
    name, data = hostile_files.ALL[attack]()
    response = within_bounds(lambda: PATHS[path](world, name, data))
    page = response.content.decode()
    assert response.status_code in (200, 400), response.status_code
    assert name in page, "the message names the file"
    assert SWEDISH[attack] in page
    assert not Observation.objects.exists()
    assert not Measurement.objects.exists()
    assert not OutcomeMeasurement.objects.exists()


@pytest.mark.parametrize("attack", sorted(hostile_files.ALL))
def test_the_command_line_refuses_the_file_with_a_message_not_a_traceback(world, attack, tmp_path):
    name, data = hostile_files.ALL[attack]()
    path = tmp_path / name
    path.write_bytes(data)
    kind = "xlsx" if name.endswith(".xlsx") else "csv"

    def run():
        with pytest.raises(CommandError) as refused:
            call_command(
                "grogrund_import",
                kind,
                str(path),
                "--org",
                world[0].slug,
                "--area-column",
                "Region",
                "--indicator",
                "employment",
                "--period-column",
                "Ar",
                "--value-column",
                "Varde",
            )
        return refused

    refused = within_bounds(run)
    assert name in str(refused.value)
    assert SWEDISH[attack] in str(refused.value)
    assert not Observation.objects.exists()


def test_an_upload_over_the_limit_is_refused_before_its_body_is_read(world, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1024 * 1024
    *_rest, client = world
    # The body is small, but it says it is 5 GB: nothing of it may be read.
    response = client.post(
        "/omraden/import/", {"file": _upload("a.csv", b"x")}, CONTENT_LENGTH=str(5 << 30)
    )
    assert response.status_code == 413
    assert "1 MB" in response.content.decode()
    assert response["Connection"] == "close"
    api = client.post("/api/v1/observations/", {}, CONTENT_LENGTH=str(5 << 30))
    assert api.status_code == 413
    assert "1 MB" in api.json()["detail"]


def test_the_development_server_gets_the_refusal_without_a_hop_by_hop_header(world, settings):
    """wsgiref (`runserver`, `make demo`) turns a Connection header from the application into
    a 500; there the 413 comes without it."""
    settings.IMPORT_MAX_UPLOAD_BYTES = 1024 * 1024
    *_rest, client = world
    response = client.post(
        "/omraden/import/",
        {"file": _upload("a.csv", b"x")},
        CONTENT_LENGTH=str(5 << 30),
        SERVER_SOFTWARE="WSGIServer/0.2",
    )
    assert response.status_code == 413
    assert "Connection" not in response
