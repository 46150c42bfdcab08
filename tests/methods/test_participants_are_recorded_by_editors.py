"""The participants and results of an initiative are recorded per year by editors of the
programme's owner or of the organisation running it; a year recorded again is replaced and both
stay in the programme's history; viewers and outsiders cannot record, outsiders not even see."""

import pytest
from django.test import Client

from grogrund.methods import services
from grogrund.methods.models import Participation
from grogrund.programmes.history_text import history_rows
from grogrund.programmes.models import ChangeLog
from methods.builders_methods import make_initiative
from programmes.programme_builders import make_programme


@pytest.fixture
def initiative(world):
    programme = make_programme(world.a, [world.deso], name="Program A")
    return make_initiative(programme, world.method, name="Coacher")


def test_an_editor_records_and_replaces_a_year(world, initiative):
    services.record_participation(
        user=world.editor_a,
        initiative=initiative,
        year=2024,
        participants=120,
        reached_outcome=30,
        cost_sek=900_000,
        source="Coachernas uppföljning",
    )
    services.record_participation(
        user=world.editor_a,
        initiative=initiative,
        year=2024,
        participants=125,
        reached_outcome=31,
        cost_sek=900_000,
        source="Coachernas uppföljning, rättad",
    )
    (row,) = Participation.objects.filter(initiative=initiative)
    assert (row.participants, row.reached_outcome) == (125, 31)
    entries = ChangeLog.objects.filter(object_type="participation").order_by("id")
    assert [e.action for e in entries] == ["create", "update"]
    rows = history_rows(entries)
    text = " ".join(str(line) for r in rows for line in r.lines)
    assert "120 → 125" in text
    assert "900 000 kr" in text or "900\u00a0000\u00a0kr" in text
    assert rows[0].kind  # the kind in words, never an id


def test_more_cannot_reach_the_outcome_than_took_part(world, initiative):
    with pytest.raises(services.MethodError):
        services.record_participation(
            user=world.editor_a,
            initiative=initiative,
            year=2024,
            participants=10,
            reached_outcome=11,
            cost_sek=None,
            source="X",
        )


def test_viewers_and_outsiders_cannot_record(world, initiative):
    for user in (world.viewer_a, world.editor_b):
        with pytest.raises(services.NotAllowed):
            services.record_participation(
                user=user,
                initiative=initiative,
                year=2024,
                participants=1,
                reached_outcome=None,
                cost_sek=None,
                source="X",
            )


def test_the_page_is_the_programmes_to_see(world, initiative):
    url = f"/metoder/insatser/{initiative.pk}/deltagare/"
    outsider = Client()
    outsider.force_login(world.editor_b)
    assert outsider.get(url).status_code == 404
    viewer = Client()
    viewer.force_login(world.viewer_a)
    page = viewer.get(url).content.decode()
    assert 'id="participation-table"' in page and 'id="id_participants"' not in page
    assert viewer.post(url, {"year": "2024", "participants": "5", "source": "X"}).status_code == 404
    editor = Client()
    editor.force_login(world.editor_a)
    response = editor.post(
        url, {"year": "2024", "participants": "1 200", "reached_outcome": "300", "source": "Egen"}
    )
    assert response.status_code == 302
    assert Participation.objects.get(initiative=initiative).participants == 1200
