"""Both histories say through what each change came: the site, the API, the admin, an import
or the command line (grogrund.accounts.channel), and the history sentences say it too."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from builders import api_client, make_area, make_dataset, make_indicator, make_observation
from grogrund.accounts.channel import ChannelMiddleware, channel, current_channel
from grogrund.accounts.history import record_history
from grogrund.accounts.models import HistoryAction, HistoryChannel, HistoryEntry
from grogrund.programmes import services
from grogrund.programmes.history_text import history_rows
from grogrund.programmes.measurement_files import MeasurementLine
from grogrund.programmes.models import ChangeLog
from grogrund.sources.records import Location
from programmes.builders_followup import make_employment_goal
from programmes.conftest import world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def _seen_at(path: str) -> str:
    seen = []

    def view(request):
        seen.append(current_channel())
        return HttpResponse()

    ChannelMiddleware(view)(RequestFactory().get(path))
    return seen[0]


def test_a_request_says_its_channel_by_its_address():
    assert _seen_at("/api/v1/measurements/") == "api"
    assert _seen_at("/admin/programmes/measurement/1/change/") == "admin"
    assert _seen_at("/program/1/uppfoljning/") == "web"
    assert current_channel() == ""  # nothing is left behind after the request


def test_a_measurement_through_the_api_is_kept_as_through_the_api(world):  # noqa: F811
    goal = make_employment_goal(world)
    response = api_client(world.editor).post(
        "/api/v1/measurements/",
        {"goal": goal.pk, "year": 2025, "value": 0.58, "source": "Enkät"},
        format="json",
    )
    assert response.status_code == 201, response.content
    change = ChangeLog.objects.get(object_type="measurement")
    assert change.via == HistoryChannel.API


def test_an_observation_through_the_api_is_kept_as_through_the_api(world):  # noqa: F811
    dataset = make_dataset(world.a)
    observation = make_observation(dataset, world.deso, world.employment, "2025", 0.5)
    response = api_client(world.editor).delete(f"/api/v1/observations/{observation.pk}/")
    assert response.status_code == 204
    assert HistoryEntry.objects.get(object_type="observation").via == HistoryChannel.API


def test_an_import_says_import_even_when_started_on_the_site(world):  # noqa: F811
    goal = make_employment_goal(world)
    line = MeasurementLine(
        goal=goal,
        year=2025,
        value=0.6,
        numerator=None,
        denominator=None,
        source="Enkät 2025",
        location=Location(file="matningar.csv", row=2),
    )
    with channel(HistoryChannel.WEB):  # the upload's request
        services.import_measurements(
            user=world.editor, programme=world.programme, lines=[line], organisation=world.a
        )
    assert ChangeLog.objects.get(object_type="measurement").via == HistoryChannel.IMPORT


def test_the_command_line_says_so_for_its_whole_process(world, monkeypatch):  # noqa: F811
    monkeypatch.setenv("GROGRUND_CHANNEL", "cli")
    goal = make_employment_goal(world)
    services.record_measurement(user=world.editor, goal=goal, year=2025, value=0.6, source="Enkät")
    assert ChangeLog.objects.get(object_type="measurement").via == HistoryChannel.CLI
    # …but an import run from it is an import.
    with channel(HistoryChannel.IMPORT):
        assert current_channel() == "import"


def test_the_history_sentence_names_the_channel(world):  # noqa: F811
    goal = make_employment_goal(world)
    with channel(HistoryChannel.API):
        services.record_measurement(
            user=world.editor, goal=goal, year=2025, value=0.6, source="Enkät"
        )
    entries = ChangeLog.objects.filter(object_type="measurement")
    with translation.override("en"):
        assert history_rows(entries)[0].what == "Created (measurement) via the API"


def test_an_entry_from_before_channels_names_none(world):  # noqa: F811
    area = make_area("9901A0099")
    make_indicator("unemployment-x")
    entry = record_history(
        user=world.editor, obj=area, action=HistoryAction.UPDATE, before={}, after={}, via=""
    )
    assert entry.via == ""
    with translation.override("en"):
        assert history_rows([entry])[0].via == ""
