"""The overview aggregates in the database: as many SQL queries for 2 programmes as for 40 with
goals, measurements and steps, and no more than 20 (issue 13's goal, benchmarks/bench_network.py
at national scale)."""

from __future__ import annotations

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from grogrund.accounts.models import Visibility
from grogrund.programmes.models import StepStatus
from network.network_builders import make_boundary, make_goal, make_programme


def _queries(world) -> int:
    client = world.client(world.member)
    client.get(reverse("network:overview"))  # the CSRF cookie, templates
    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("network:overview"))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_more_programmes_cost_no_more_queries(world):
    make_boundary(world.north_municipality, 500_000)  # the map too
    make_boundary(world.south_municipality, 520_000)
    small = _queries(world)
    for k in range(40):
        p = make_programme(world.c, [world.south_deso], f"Program {k}", Visibility.NETWORK)
        make_goal(
            p,
            world.south_deso,
            world.employment,
            target=10,
            base=100,
            baseline=0.5,
            target_share=0.6,
            measured={2021: 0.51, 2022: 0.52, 2023: 0.5},
        )
        StepStatus.objects.create(programme=p, step="utmaningar", status="done")
    large = _queries(world)
    assert large == small
    assert large <= 20
