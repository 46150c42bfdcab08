"""The profile page marks a computed figure "beräknat från N DeSO" / "computed from N DeSO"
with its source, and says in plain words why a parent's figure is missing, in Swedish and
English."""

import pytest
from rollup_world import make_world

from builders import make_indicator, make_observation, make_user

pytestmark = pytest.mark.django_db


def _page(client, user, code):
    client.force_login(user)
    response = client.get(f"/omraden/{code}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def world():
    world = make_world()
    income = make_indicator("median_income", kind="money", unit="kr", name_en="Median income")
    for code, kr in [("9950A0001", 250_000), ("9950A0002", 260_000), ("9950A0003", 270_000)]:
        make_observation(world.dataset, world.areas[code], income, "2024", value=kr)
    return world


def test_in_english(world, client):
    page = _page(client, make_user(world.owner, language="en"), "9950A0001")
    assert '40.0\u00a0%<br><span class="base">(80/200)</span>' in page
    assert "computed from 3 DeSO" in page
    assert "computed from 4 DeSO" in page and "computed from 5 DeSO" in page
    assert "a median, or a mean without its base, cannot be computed from its parts" in page


def test_in_swedish(world, client):
    page = _page(client, make_user(world.owner, language="sv"), "9950A0001")
    assert '40,0\u00a0%<br><span class="base">(80/200)</span>' in page
    assert "beräknat från 3 DeSO" in page
    assert "en median, eller ett medelvärde utan sin bas, kan inte beräknas från sina delar" in page


def test_a_missing_deso_is_named_in_both_languages(client):
    world = make_world(employed={"9950A0001": (40, 100), "9950A0002": (30, 50)})
    english = _page(client, make_user(world.owner, language="en"), "9950A0001")
    assert "1 of 3 DeSO lack a figure for 2024" in english
    swedish = _page(client, make_user(world.owner, language="sv"), "9950A0001")
    assert "1 av 3 DeSO saknar värde för 2024" in swedish
