"""The demo's valuations: one per demo initiative and one for the programme, from the value
bank, built twice without changing anything, and attached to the programme when an
initiative is missing."""

from __future__ import annotations

from builders import make_user
from grogrund.accounts.models import Role
from grogrund.initiatives.models import Initiative
from grogrund.programmes.models import ChangeLog
from grogrund.valuations import demo, services
from grogrund.valuations.models import Valuation


def test_the_demo_values_the_initiatives_and_the_programme_and_runs_twice(world):
    make_user(world.a, Role.EDITOR, username="edvin")
    names = [i for _n, i, _m in demo.DEMO_VALUATIONS if i]
    for name in names:
        Initiative.objects.create(programme=world.programme, name=name, owner=world.a)
    demo.build(world.programme)
    demo.build(world.programme)
    valuations = Valuation.objects.filter(programme=world.programme)
    assert valuations.count() == 4
    assert ChangeLog.objects.filter(object_type="valuation").count() == 4
    kinds = sorted(v.kind for v in valuations)
    assert kinds == ["property", "socioeconomic", "socioeconomic", "sroi"]
    whole = valuations.get(initiative__isnull=True)
    result = services.result_for(whole)
    assert {"municipality", "housing_company"} <= {s["id"] for s in result.stakeholders}
    for v in valuations:
        r = services.result_for(v)
        assert r.npv is not None and r.simulation is not None, v.name
        assert any(t["kind"] == "value_bank" for t in r.trace.values()) or v.kind == "property"


def test_missing_initiatives_put_the_valuations_on_the_programme(world):
    make_user(world.a, Role.EDITOR, username="edvin")
    demo.build(world.programme)
    assert Valuation.objects.filter(programme=world.programme, initiative__isnull=True).count() == 4
