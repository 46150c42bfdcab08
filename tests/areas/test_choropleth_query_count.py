"""The area profile with its map, and the map alone, read a fixed number of queries however
many DeSO the municipality has (issue 13: a DeSO choropleth of a large municipality ≤ 20)."""

from __future__ import annotations

from datetime import date

import pytest
from boundary_files import square
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from shapely import union_all

from builders import make_area, make_dataset, make_indicator, make_observation, make_org
from grogrund.accounts.models import Visibility
from grogrund.areas.boundaries import import_boundaries
from grogrund.areas.models import AreaLevel
from grogrund.sources.boundaries import BoundaryFeature, BoundaryFile

pytestmark = pytest.mark.django_db


def _municipality(code: str, desos: int) -> str:
    """A municipality of `desos` DeSO in RegSO of ten, with boundaries and two indicators'
    figures for three years; returns the code of its first DeSO."""
    county = make_area(f"L{code}", AreaLevel.COUNTY, name=f"Län {code}")
    municipality = make_area(code, AreaLevel.MUNICIPALITY, county, name=f"Kommun {code}")
    owner = make_org()
    dataset = make_dataset(owner, visibility=Visibility.PUBLIC)
    indicators = [make_indicator(f"{code}-share-{k}") for k in range(2)]
    features = []
    regso_parts: dict[str, list] = {}
    first = ""
    for i in range(desos):
        if i % 10 == 0:
            regso = make_area(f"{code}R{i:03d}", AreaLevel.REGSO, municipality)
        deso = make_area(f"{code}C{i:04d}", AreaLevel.DESO, regso)
        first = first or deso.code
        features.append(BoundaryFeature(deso.code, "", square(i % 20, i // 20), f"feature {i}"))
        regso_parts.setdefault(regso.code, []).append(square(i % 20, i // 20))
        for indicator in indicators:
            for year in ("2022", "2023", "2024"):
                make_observation(
                    dataset, deso, indicator, year, numerator=i % 50 + 1, denominator=100
                )
    regsos = [
        BoundaryFeature(c, "", union_all(parts), f"feature {k}")
        for k, (c, parts) in enumerate(regso_parts.items())
    ]
    for level, found in (("deso", features), ("regso", regsos)):
        import_boundaries(
            boundaries=BoundaryFile(f"{level}.gpkg", "", level, level, 3006, found),
            source="SCB",
            retrieved_on=date(2025, 3, 1),
            user=None,
        )
    return first


def _queries(url: str) -> int:
    client = Client()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200
        assert b"<svg" in response.content
    return len(queries)


@pytest.mark.parametrize("view", ["/omraden/{code}/", "/omraden/{code}/karta/"])
def test_the_map_reads_the_same_queries_for_10_and_120_deso(view):
    small = _queries(view.format(code=_municipality("9911", 10)))
    large = _queries(view.format(code=_municipality("9912", 120)))
    assert large == small
    assert large <= 20, large


def test_the_regso_map_stays_under_20_queries():
    code = _municipality("9913", 60)
    assert _queries(f"/omraden/{code}/karta/?level=regso") <= 20
    assert _queries(f"/omraden/{code}/?level=regso") <= 20
