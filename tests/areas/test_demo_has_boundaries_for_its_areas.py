"""The demo's fictional municipalities (Grobo, and the method library's Åsby and Strandvik) have
made-up boundary files (GeoJSON in SWEREF 99 TM under src/grogrund/areas/demo/), loaded with
the same reader as SCB's: one boundary for every demo DeSO, RegSO and municipality; the DeSO
tile the municipality without overlapping and lie in their RegSO; the municipalities do not
overlap; loading them again changes nothing."""

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


def test_the_other_municipalities_get_theirs_once_they_are_in_the_registry():
    _areas(_orgs())
    county = Area.objects.get(code="99")
    for m in (demo_boundaries.ASBY, demo_boundaries.STRANDVIK):
        municipality = Area.objects.create(
            code=m.code,
            name=m.name,
            level=AreaLevel.MUNICIPALITY,
            parent=county,
            is_fictional=True,
        )
        regsos = {
            m.code + suffix: Area.objects.create(
                code=m.code + suffix,
                name=name,
                level=AreaLevel.REGSO,
                parent=municipality,
                is_fictional=True,
            )
            for suffix, name, *_rest in m.regso
        }
        for code, regso in demo_boundaries.deso_codes(m):
            Area.objects.create(
                code=code,
                name=code,
                level=AreaLevel.DESO,
                parent=regsos[regso],
                is_fictional=True,
            )
    # Grobo 30 + 4 + 1, Åsby 11 + 2 + 1, Strandvik 9 + 2 + 1.
    assert demo_boundaries.load_demo_boundaries() == 35 + 14 + 12
    assert demo_boundaries.load_demo_boundaries() == 0


@pytest.mark.parametrize("m", demo_boundaries.MUNICIPALITIES, ids=lambda m: m.code)
def test_the_files_match_the_demo_and_tile_the_municipality(m):
    files = {level: read_boundaries(path) for level, path in m.files().items()}
    assert [f.code for f in files["deso"].features] == [
        c for c, _r in demo_boundaries.deso_codes(m)
    ]
    desos = {f.code: f.geometry for f in files["deso"].features}
    regsos = {f.code: f.geometry for f in files["regso"].features}
    (municipality,) = [f.geometry for f in files["municipality"].features]
    total = sum(g.area for g in desos.values())
    assert total == pytest.approx(municipality.area, rel=1e-6)  # no overlaps, no gaps
    union = shapely.union_all(list(desos.values()))
    assert union.symmetric_difference(municipality).area < 1.0  # square metres
    for code, regso in demo_boundaries.deso_codes(m):
        assert regsos[regso].buffer(0.5).contains(desos[code]), code


def test_the_municipalities_do_not_overlap():
    outlines = [
        read_boundaries(m.files()["municipality"]).features[0].geometry
        for m in demo_boundaries.MUNICIPALITIES
    ]
    for i, a in enumerate(outlines):
        for b in outlines[i + 1 :]:
            assert a.intersection(b).area == 0
