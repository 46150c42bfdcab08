"""A computed figure follows its DeSO: when a DeSO's figure changes, the next visit shows the
new sum. The whole-page cache is keyed by the data generation, which every import moves, and
the figures' cache by the stamps of the datasets seen."""

import pytest
from rollup_world import make_world

from builders import csv_file, make_user
from builders import read_records as read
from grogrund.areas.services import import_observations
from grogrund.core import generation

pytestmark = pytest.mark.django_db


def _page(client, code):
    response = client.get(f"/omraden/{code}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_changed_deso_figure_changes_the_computed_municipality(
    client, tmp_path, django_assert_max_num_queries
):
    world = make_world()
    client.force_login(make_user(world.owner, language="en"))
    client.get("/omraden/")  # the first page sets the CSRF cookie, as in a browser
    assert "(80/200)" in _page(client, "9950A0001")
    with django_assert_max_num_queries(3):  # seen again: from the page cache
        assert "(80/200)" in _page(client, "9950A0001")
    before = generation.current()
    import_observations(
        records=read(csv_file(tmp_path, "f.csv", ["9950A0003;employment;2024;30;50"])),
        owner=world.owner,
        dataset_name=world.dataset.name,
        source="SCB",
    )
    assert generation.current() != before
    page = _page(client, "9950A0001")
    assert "(100/200)" in page and "(80/200)" not in page
