"""The notes a source publishes with its figures (SCB's mandatory notes) are shown in the
profile: beside the indicator a note names, once for a note on the whole dataset; mandatory
notes always visible, others folded; notes of datasets not shown never appear."""

import pytest
from rollup_world import make_world

from builders import make_dataset, make_indicator, make_observation, make_org, make_user
from grogrund.areas.models import DatasetNote
from grogrund.areas.profile import build_profile

pytestmark = pytest.mark.django_db

CKM = "Från och med referensåret 2025 är en liten kontrollerad slumpmässig osäkerhet införd."


@pytest.fixture
def world():
    world = make_world()
    DatasetNote.objects.create(dataset=world.dataset, text=CKM, mandatory=True, origin="TAB6471")
    DatasetNote.objects.create(
        dataset=world.dataset,
        indicator=world.employment,
        text="Förvärvsarbetande enligt november-mätningen.",
        mandatory=True,
    )
    DatasetNote.objects.create(
        dataset=world.dataset, indicator=world.employment, text="Frivillig fotnot.", mandatory=False
    )
    hidden = make_dataset(make_org("Annan"), "Hemligt")
    other = make_indicator("other")
    make_observation(hidden, world.areas["9950A0001"], other, "2024", numerator=1, denominator=2)
    DatasetNote.objects.create(dataset=hidden, text="Hemlig anmärkning.", mandatory=True)
    return world


def test_notes_go_beside_their_indicator_and_once_for_the_dataset(world):
    profile = build_profile(world.areas["9950A0001"], world.member)
    [row] = profile.rows
    assert [n.text for n in row.notes] == [
        "Förvärvsarbetande enligt november-mätningen.",
        "Frivillig fotnot.",
    ]
    assert [n.text for n in profile.dataset_notes] == [CKM]


def test_the_page_shows_mandatory_notes_and_folds_the_others(world, client):
    client.force_login(make_user(world.owner, language="en"))
    page = client.get("/omraden/9950A0001/").content.decode()
    assert page.count(CKM) == 1
    assert '<p class="note"' in page and "Förvärvsarbetande enligt november-mätningen." in page
    assert "<summary>Note from the source</summary><p>Frivillig fotnot.</p></details>" in page
    assert "Hemlig anmärkning." not in page


def test_notes_of_a_dataset_the_visitor_may_not_see_are_not_read(world):
    assert build_profile(world.areas["9950A0001"], world.member).dataset_notes[0].text == CKM
    stranger = make_user(make_org("Tredje"))
    notes = build_profile(world.areas["9950A0001"], stranger).dataset_notes
    assert [n.text for n in notes] == [CKM]  # the SCB dataset is public; the hidden one is not
