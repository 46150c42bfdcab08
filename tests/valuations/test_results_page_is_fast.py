"""The results page reads the cached result: no engine run and few queries per visit."""

from __future__ import annotations

from unittest import mock

from django.urls import reverse

from grogrund.valuations import services
from valuations.builders_valuations import make_valuation, simple_sroi


def test_the_results_page_does_not_run_the_engine_and_needs_few_queries(
    world, django_assert_max_num_queries
):
    model = simple_sroi()
    model["outcomes"][0]["quantity"] = {"low": 5, "likely": 10, "high": 15}
    valuation = make_valuation(world, model=model)
    client = world.client(world.partner_user)
    url = reverse("valuations:detail", args=[world.programme.pk, valuation.pk])
    client.get(url)
    with (
        mock.patch.object(services, "compute_result", side_effect=AssertionError("engine ran")),
        django_assert_max_num_queries(12),
    ):
        response = client.get(url)
    assert response.status_code == 200


def test_the_programme_section_needs_no_query_per_valuation(world, django_assert_max_num_queries):
    for n in range(5):
        make_valuation(world, name=f"Värdering {n}")
    client = world.client(world.editor)
    url = reverse("valuations:list", args=[world.programme.pk])
    client.get(url)
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
