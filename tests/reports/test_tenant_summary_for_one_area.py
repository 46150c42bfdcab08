"""A tenant summary can be about one area of a programme: only that area's goals, and the
initiatives whose effect logic leads to them or to no goal at all (those are for the whole
programme); an initiative for another area's goal is left out."""

from __future__ import annotations

import pytest
from django.http import Http404

from builders import make_area
from grogrund.initiatives.models import EffectNode, Initiative
from grogrund.reports import kinds
from grogrund.reports.tenant_report import area_link_pk
from programmes.builders_followup import make_goal
from reports.report_documents_builders import make_report, make_world

pytestmark = pytest.mark.django_db


def _two_areas(world):
    other = make_area("9901A0009", parent=world.municipality, name="Grannby")
    world.programme.areas.add(other)
    here = make_goal(
        world.programme,
        world.deso,
        world.employment,
        reference_area=world.municipality,
        baseline_share=0.55,
        target_share=0.67,
    )
    there = make_goal(
        world.programme,
        other,
        world.employment,
        reference_area=world.municipality,
        baseline_share=0.40,
        target_share=0.50,
    )
    for name, goal in (("Läxhjälp", here), ("Jobbcoach i Grannby", there), ("Sommarjobb", None)):
        initiative = Initiative.objects.create(programme=world.programme, name=name, owner=world.a)
        if goal is not None:
            EffectNode.objects.create(
                initiative=initiative, stage="short_term", text="Fler i arbete", goal=goal
            )
    return other


def test_the_summary_of_one_area_keeps_to_that_area():
    world = make_world()
    other = _two_areas(world)
    report = make_report("tenant_area", world.editor, area_link_pk(world.programme, world.deso))
    assert [g["area"]["code"] for g in report.figures["goals"]] == ["9901A0001"]
    names = [i["name"] for i in report.figures["initiatives"]]
    assert names == ["Läxhjälp", "Sommarjobb"]
    assert "Grannby" not in report.text and "Testby" in report.text
    whole = make_report("tenant", world.editor, world.programme.pk, pdf=False)
    assert len(whole.figures["goals"]) == 2 and len(whole.figures["initiatives"]) == 3
    assert other.name in whole.html


def test_the_area_must_be_one_of_the_programme_and_the_programme_visible():
    world = make_world()
    _two_areas(world)
    kind = kinds.get("tenant_area")
    pk = area_link_pk(world.programme, world.deso)
    assert kind.subject(world.partner_user, pk).area == world.deso
    assert kind.owner(kind.subject(world.partner_user, pk)) == world.a
    with pytest.raises(Http404):
        kind.subject(world.outsider, pk)
    assert area_link_pk(world.programme, world.county) is None
