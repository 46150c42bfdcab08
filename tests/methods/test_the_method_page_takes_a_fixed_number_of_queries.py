"""A method page with its benchmark takes the same number of queries however many programmes
and initiatives use the method (issue 13: at most 20)."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from builders import make_area
from grogrund.accounts.models import Visibility
from grogrund.areas.models import AreaLevel, PoliceClassification
from grogrund.programmes.models import Goal
from grogrund.valuations.models import Valuation
from methods.builders_methods import make_initiative, make_outcome, make_participation
from programmes.programme_builders import make_programme


def add_programmes(world, n, start=0):
    custom = make_area(f"egen-{start}", AreaLevel.CUSTOM, owner=world.a, is_public=True)
    custom.members.set([world.deso])
    for i in range(start, start + n):
        area = make_area(f"9901B{i:04d}", AreaLevel.DESO, world.municipality)
        PoliceClassification.objects.create(area=area, year=2023, category="utsatt")
        p = make_programme(world.a, [area, custom], name=f"P{i}", visibility=Visibility.NETWORK)
        goal = Goal.objects.create(
            programme=p,
            area=area,
            indicator=world.employment,
            reference_area=world.municipality,
            direction="higher_is_better",
            baseline_year=2022,
            deadline_year=2032,
            baseline_share=0.5,
            reference_share=0.7,
            base=1000,
            people_needed=200,
            share_of_gap=0.5,
            target_count=100,
            target_share=0.6,
        )
        goal.measurements.create(organisation=world.a, year=2024, value=0.55, source="S")
        for j in range(2):
            initiative = make_initiative(p, world.method, name=f"I{i}-{j}")
            node = make_outcome(initiative, world.employment, baseline=0.5, target=0.6, measured={})
            node.goal = goal
            node.save()
            make_participation(initiative, 2024, 10, 3, 1000)
            Valuation.objects.create(
                programme=p, initiative=initiative, name="V", model={}, result={"ratio": 2}
            )


def queries(user, url):
    client = Client()
    client.force_login(user)
    client.get(url)
    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("who", ["curator", "editor_a", "network_viewer"])
def test_the_count_does_not_grow_with_the_programmes(world, who):
    user = getattr(world, who)
    url = f"/metoder/{world.method.slug}/"
    add_programmes(world, 2)
    few = queries(user, url)
    add_programmes(world, 12, start=100)
    many = queries(user, url)
    assert many == few
    assert many <= 20
