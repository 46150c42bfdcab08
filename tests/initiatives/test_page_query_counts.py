"""The initiative pages, the programme section and the API read an effect logic in a fixed
number of queries, however many boxes, links, measurements and initiatives there are."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.builders_initiatives import complete_chain, make_initiative, measure


def _queries(client, url):
    with CaptureQueriesContext(connection) as q:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(q.captured_queries)


def _grow(world, initiative):
    n = complete_chain(initiative, world.employment, goal=world.goal)
    for year, value in ((2023, 0.56), (2024, 0.57), (2025, 0.58)):
        measure(n["short"], year, value)
        measure(n["long"], year, value)


def test_query_counts_do_not_grow_with_the_effect_logic(world):
    c = world.client(world.editor)
    i = make_initiative(world.programme, name="Jobbspår", budget=1_000_000)
    _grow(world, i)
    pk = world.programme.pk
    urls = [
        reverse("initiatives:detail", kwargs={"pk": pk, "initiative": i.pk}),
        reverse("initiatives:list", kwargs={"pk": pk}),
        reverse("initiatives:portfolio", kwargs={"pk": pk}),
        "/api/v1/initiatives/",
    ]
    c.get(urls[0])  # the signed-in user is loaded once, then kept (accounts.backends)
    small = [_queries(c, u) for u in urls]
    _grow(world, i)  # twice the boxes, links and measurements
    for k in range(3):  # and more initiatives
        _grow(world, make_initiative(world.programme, name=f"Insats {k}", budget=500_000))
    large = [_queries(c, u) for u in urls]
    assert large == small
    assert max(large) <= 20
