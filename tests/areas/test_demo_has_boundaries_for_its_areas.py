"""The demo's fictional Grobo kommun has made-up boundary files (GeoJSON in SWEREF 99 TM
under src/grogrund/areas/demo/), loaded with the same reader as SCB's: one boundary for every
demo DeSO, RegSO and the municipality; the DeSO tile the municipality without overlapping and
lie in their RegSO; loading them again changes nothing."""

from __future__ import annotations

import pytest
import shapely

from grogrund.areas.demo import boundaries as demo_boundaries
from grogrund.areas.demo.build import _areas, _orgs
from grogrund.areas.models import Area, AreaBoundary, AreaLevel
from grogrund.core.generation import current
from grogrund.sources.boundaries import read_boundaries

pytestmark = pytest.mark.django_db


def test_every_demo_area_gets_its_boundary_once():
    _areas(_orgs())
    written = demo_boundaries.load_demo_boundaries()
    demo = Area.objects.filter(
        is_fictional=True, level__in=[AreaLevel.DESO, AreaLevel.REGSO, AreaLevel.MUNICIPALITY]
    )
    assert written == demo.count() == 30 + 4 + 1
    assert set(AreaBoundary.objects.values_list("area_id", flat=True)) == set(
        demo.values_list("id", flat=True)
    )
    generation = current()
    assert demo_boundaries.load_demo_boundaries() == 0
    assert current() == generation


def test_the_files_match_the_demo_and_tile_the_municipality():
    files = {level: read_boundaries(path) for level, path in demo_boundaries.FILES.items()}
    assert [f.code for f in files["deso"].features] == [c for c, _r in demo_boundaries.deso_codes()]
    desos = {f.code: f.geometry for f in files["deso"].features}
    regsos = {f.code: f.geometry for f in files["regso"].features}
    (municipality,) = [f.geometry for f in files["municipality"].features]
    total = sum(g.area for g in desos.values())
    assert total == pytest.approx(municipality.area, rel=1e-6)  # no overlaps, no gaps
    union = shapely.union_all(list(desos.values()))
    assert union.symmetric_difference(municipality).area < 1.0  # square metres
    for code, regso in demo_boundaries.deso_codes():
        assert regsos[regso].buffer(0.5).contains(desos[code]), code
