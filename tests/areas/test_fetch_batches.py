"""The fetch keeps to SCB's limits: every data request stays under the server's maxDataCells
(read from /config), together the batches cover every area, and a 429 is waited out."""

import math

import pytest
from fetch_fakes import (
    MUNICIPALITY,
    FakeStatServer,
    clients,
    make_fictional_municipality,
    server_regions,
)

from builders import make_org
from grogrund.areas.fetch import fetch_municipality
from grogrund.areas.models import Observation

pytestmark = pytest.mark.django_db


def test_every_request_stays_under_max_data_cells_and_all_areas_are_covered():
    make_fictional_municipality()
    server = FakeStatServer(server_regions(), max_data_cells=40)
    scb, kolada = clients(server)
    result = fetch_municipality(
        owner=make_org(), municipality_code=MUNICIPALITY, scb=scb, kolada=kolada
    )
    sizes = {t: [] for t, _ in server.data_calls}
    regions_seen = {t: set() for t, _ in server.data_calls}
    for table, selection in server.data_calls:
        sizes[table].append(math.prod(len(c) for c in selection.values()))
        regions_seen[table] |= set(selection["Region"])
    assert all(n <= 40 for ns in sizes.values() for n in ns)
    # TAB6680: 10 areas × 2 contents × 5 years = 100 cells → at least 3 requests
    assert len(sizes["TAB6680"]) >= 3
    assert all(seen == set(server_regions()) for seen in regions_seen.values())
    assert result.parts == len(server.data_calls) + 1  # + Kolada
    assert Observation.objects.filter(dataset__name="SCB TAB6680").count() == 10 * 5


def test_http_429_is_waited_out_with_retry_after():
    make_fictional_municipality()
    server = FakeStatServer(server_regions(), throttle_first=2)
    sleeps: list[float] = []
    scb, kolada = clients(server, sleeps)
    result = fetch_municipality(
        owner=make_org(), municipality_code=MUNICIPALITY, scb=scb, kolada=kolada
    )
    assert sleeps[:2] == [2.0, 2.0]  # Retry-After: 2, twice
    assert result.requests == 12 + 2


def test_the_rate_limit_of_30_calls_in_10_seconds_is_kept():
    make_fictional_municipality()
    server = FakeStatServer(server_regions(), max_data_cells=10)
    sleeps: list[float] = []
    scb, kolada = clients(server, sleeps)
    fetch_municipality(owner=make_org(), municipality_code=MUNICIPALITY, scb=scb, kolada=kolada)
    scb_calls = [u for _, u, _ in server.calls if "scb.se" in u]
    assert len(scb_calls) > 30
    assert sum(sleeps) >= 10.0 * ((len(scb_calls) - 1) // 30)  # waited at least a window each 30
