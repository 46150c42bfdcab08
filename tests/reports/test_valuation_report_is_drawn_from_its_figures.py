"""A valuation report is drawn from its figures alone: they survive a trip through JSON (what a
stored report keeps), and the same figures draw the same document after the valuation, the
value bank's texts or anything else in the database has changed."""

from __future__ import annotations

import json

import pytest
from django.http import Http404

from grogrund.reports import kinds
from grogrund.reports.pdf import render_html
from grogrund.valuations import services
from reports.report_documents_builders import make_valuation, make_world
from valuations.builders_valuations import simple_sroi

pytestmark = pytest.mark.django_db


def test_the_same_figures_draw_the_same_document_after_the_valuation_changed():
    world = make_world()
    model = simple_sroi()
    model["outcomes"][0].pop("proxy_sek")
    model["outcomes"][0]["value_bank"] = "upper_secondary_eligibility_person_year"
    valuation = make_valuation(world, model)
    kind = kinds.get("valuation")
    figures = json.loads(json.dumps(kind.figures(user=world.editor, subject=valuation)))
    before = render_html(kind.template, kind.context(figures, language="sv"), language="sv")
    assert "Skandia" in before  # the value bank's source, kept in the figures

    changed = simple_sroi()
    changed["outcomes"][0]["quantity"] = 20
    services.update_valuation(user=world.editor, valuation=valuation, model=changed, name="Ny")
    after = render_html(kind.template, kind.context(figures, language="sv"), language="sv")
    assert after == before
    assert "Läxhjälp Testby" in after and ">Ny<" not in after


def test_the_report_is_about_a_valuation_the_reader_may_see():
    world = make_world()
    valuation = make_valuation(world)
    kind = kinds.get("valuation")
    assert kind.subject(world.partner_user, valuation.pk) == valuation
    with pytest.raises(Http404):
        kind.subject(world.outsider, valuation.pk)
    assert kind.owner(valuation) == world.a
    assert kind.programme(valuation) == world.programme
