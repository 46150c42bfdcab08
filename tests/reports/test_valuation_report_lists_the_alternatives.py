"""The valuation report compares the alternatives a board chooses between: the valuations of
the same initiative (copies made as scenarios among them), each with its key figures. A
valuation alone says it has none; a valuation of another initiative is not an alternative."""

from __future__ import annotations

import pytest

from grogrund.initiatives.models import Initiative
from grogrund.valuations import services
from reports.report_documents_builders import make_report, make_valuation, make_world
from valuations.builders_valuations import simple_sroi

pytestmark = pytest.mark.django_db


def test_a_scenario_is_shown_beside_the_valuation_with_its_own_figures():
    world = make_world()
    valuation = make_valuation(world)
    scenario = services.copy_valuation(user=world.editor, valuation=valuation, name="Färre elever")
    model = simple_sroi()
    model["outcomes"][0]["quantity"] = 5  # 5 pupils: PV benefits 85 782 kr, NPV −14 218 kr
    services.update_valuation(user=world.editor, valuation=scenario, model=model)
    report = make_report("valuation", world.editor, valuation.pk)
    names = [a["name"] for a in report.figures["alternatives"]]
    assert sorted(names) == ["Färre elever", "Läxhjälp Testby"]
    text = report.text
    assert "Färre elever" in text
    assert "71 565 kr" in text and "−14 218 kr" in text
    assert 'id="no-alternatives"' not in report.html


def test_a_valuation_alone_says_it_has_no_alternatives():
    world = make_world()
    valuation = make_valuation(world)
    other = Initiative.objects.create(programme=world.programme, name="Sommarjobb", owner=world.a)
    make_valuation(world, name="Sommarjobb", initiative=other)
    report = make_report("valuation", world.editor, valuation.pk)
    assert [a["name"] for a in report.figures["alternatives"]] == ["Läxhjälp Testby"]
    assert 'id="no-alternatives"' in report.html
